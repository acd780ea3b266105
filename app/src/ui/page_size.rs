//! How many items a list page shows: the visitor's choice, kept in their session.
use crate::{error::AppError, i18n::t, ui::post_form::PostForm};
use leptos::{prelude::*, server};

/// The page sizes a visitor can choose; the first is the default.
pub const PAGE_SIZES: [u32; 3] = [10, 25, 50];

/// The page size to use for a stored choice: the default when unset or no longer offered.
pub fn effective_page_size(stored: Option<u32>) -> u32 {
    stored
        .filter(|size| PAGE_SIZES.contains(size))
        .unwrap_or(PAGE_SIZES[0])
}

/// Remembers the chosen page size for this browser's session.
#[server(endpoint = "catalog/page-size")]
pub async fn set_page_size(size: u32) -> Result<u32, AppError> {
    crate::server::calls::count();
    if !PAGE_SIZES.contains(&size) {
        return Err(AppError::BadRequest(
            crate::i18n::Msg::new("paging-bad-size").with("size", size),
        ));
    }
    crate::server::session::VisitorSession::current()
        .await?
        .set_page_size(size)
        .await?;
    Ok(size)
}

/// The page-size action a list refetches on.
pub type PageSizeAction = ServerAction<SetPageSize>;

/// Creates the list page's page-size action and hands it to the page's selector. Each list page
/// makes its own (a page opened later renders afresh anyway), so pages without a list, home
/// first, carry none of its code.
pub fn provide_action() -> PageSizeAction {
    let action = PageSizeAction::new();
    provide_context(action);
    action
}

/// The page-size selector shown above every list. Works as a plain form without JavaScript;
/// with it, a `PostForm` reading the select (not `ActionForm`, whose `serde_qs` decoder would
/// come into every list page's chunk for one number).
#[component]
pub fn PageSizeSelector(current: u32) -> impl IntoView {
    let action = expect_context::<PageSizeAction>();
    let select = NodeRef::<leptos::html::Select>::new();
    let chosen = move || {
        select
            .get_untracked()
            .and_then(|select| select.value().parse().ok())
            .unwrap_or(current)
    };
    view! {
        <PostForm action input=move || SetPageSize { size: chosen() } class="page-size">
            <label for="page-size">{t("paging-per-page")}</label>
            <select
                id="page-size"
                name="size"
                node_ref=select
                on:change=move |_| {
                    action.dispatch(SetPageSize { size: chosen() });
                }
            >
                {PAGE_SIZES
                    .map(|n| view! { <option value=n.to_string() selected=n == current>{n}</option> })}
            </select>
            <button type="submit">{t("paging-apply")}</button>
        </PostForm>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unset_or_withdrawn_sizes_mean_the_default() {
        assert_eq!(effective_page_size(None), 10);
        assert_eq!(effective_page_size(Some(7)), 10);
        assert_eq!(effective_page_size(Some(50)), 50);
    }
}
