//! `/catalog/bookinstance/{uuid}`: one copy.
use super::{CopyRow, StatusBadge};
use crate::{
    catalog::dates::date_text,
    error::AppError,
    i18n::{t, use_lang, Msg},
    ui::async_view::AsyncView,
};
use leptos::{either::Either, prelude::*, server};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Whether `id` can name a copy at all (a UUID in its text form).
pub fn looks_like_copy_id(id: &str) -> bool {
    id.len() == 36 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

/// One copy by its UUID.
#[server(endpoint = "catalog/copy")]
pub async fn get_copy(id: String) -> Result<CopyRow, AppError> {
    crate::server::calls::count();
    use crate::{catalog::record::not_found, i18n::key};
    let not_found = || not_found(key("catalog-no-such-copy"));
    // Only a well-formed UUID can name a copy; anything else is simply not found.
    if !looks_like_copy_id(&id) {
        return Err(not_found());
    }
    super::sql::get(&crate::server::context::pool()?, &id.to_ascii_lowercase())
        .await?
        .ok_or_else(not_found)
}

/// `/catalog/bookinstance/{uuid}`.
#[component]
pub fn CopyDetailPage() -> impl IntoView {
    let params = use_params_map();
    let copy = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        get_copy,
    );
    view! {
        <AsyncView resource=copy loading="catalog-loading-copy" ready=|copy: CopyRow| {
            let lang = use_lang();
            let book_title = copy.book_title.clone();
            let title = move || {
                let lang = lang.get();
                let page = Msg::new("catalog-copy-title").with("title", &book_title).text(lang);
                Msg::new("site-page-title").with("page", page).text(lang)
            };
            view! {
                    <Title text=title/>
                    <h1>{t("catalog-copy-heading")} " " <a href=format!("/catalog/book/{}", copy.book_id)>{copy.book_title.clone()}</a></h1>
                    <dl class="facts">
                        <dt>{t("catalog-copy-status")}</dt><dd><StatusBadge status=copy.status/></dd>
                        <dt>{t("catalog-copy-imprint")}</dt><dd>{copy.imprint}</dd>
                        <dt>{t("catalog-copy-due-back")}</dt><dd>{match copy.due_back {
                            Some(due) => Either::Left(date_text(due)),
                            None => Either::Right("—"),
                        }}</dd>
                        <dt>{t("catalog-copy-id")}</dt><dd class="copy-id">{copy.id}</dd>
                    </dl>
            }
        }/>
    }
}
