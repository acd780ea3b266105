//! The edit pages at the tutorial's addresses (`/catalog/<kind>/create`, `…/{id}/update`,
//! `…/{id}/delete`) and the "Add", "Edit" and "Delete" links librarians see.
use super::api::{may_add, record_fields, DeleteRecord, Editable, SaveAuthor, SaveNamed};
use crate::{
    accounts::AccountActions,
    error::AppError,
    i18n::{key, t, tm, use_lang, Msg},
    ui::async_view::AsyncView,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The catalogue keys of what the pages say about one kind of record (`book`, `author`,
/// `genre`, `language`): each language words every kind its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KindText {
    /// "Add genre".
    pub add: &'static str,
    /// "Edit genre: { $title }".
    pub edit: &'static str,
    /// "Delete genre: { $title }".
    pub delete: &'static str,
    /// "Are you sure you want to delete this genre?".
    pub confirm: &'static str,
}

/// The text of the record kind the routes name `kind`.
pub(crate) fn kind_text(kind: &str) -> KindText {
    match kind {
        "genre" => KindText {
            add: key("editing-add-genre"),
            edit: key("editing-edit-genre"),
            delete: key("editing-delete-genre"),
            confirm: key("editing-confirm-delete-genre"),
        },
        "language" => KindText {
            add: key("editing-add-language"),
            edit: key("editing-edit-language"),
            delete: key("editing-delete-language"),
            confirm: key("editing-confirm-delete-language"),
        },
        "author" => KindText {
            add: key("editing-add-author"),
            edit: key("editing-edit-author"),
            delete: key("editing-delete-author"),
            confirm: key("editing-confirm-delete-author"),
        },
        _ => KindText {
            add: key("editing-add-book"),
            edit: key("editing-edit-book"),
            delete: key("editing-delete-book"),
            confirm: key("editing-confirm-delete-book"),
        },
    }
}

/// An edit page's heading: "Edit genre: Fantasy" for an update, "Add genre" for a new record.
pub(crate) fn edit_heading(kind: &str, id: Option<i64>, title: &str) -> Msg {
    let text = kind_text(kind);
    match id {
        Some(_) => Msg::new(text.edit).with("title", title),
        None => Msg::new(text.add),
    }
}

/// A browser-tab title: the page named by `page`, then the site.
pub(crate) fn tab_title(page: Msg) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        Msg::new("site-page-title")
            .with("page", page.text(lang))
            .text(lang)
    }
}

/// The id in the URL, if this is an update.
fn id_param() -> impl Fn() -> Option<i64> + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get("id")).and_then(|id| id.parse().ok())
}

/// The record's current fields (empty for a new one).
fn record(kind: &'static str) -> Resource<Result<Editable, AppError>> {
    let id = id_param();
    Resource::new(id, move |id| async move {
        match id {
            Some(id) => record_fields(kind.into(), id).await,
            None => may_add(kind.into()).await.map(|()| Editable::default()),
        }
    })
}

/// The message for `field` from the latest failed save, or the failure itself.
pub(crate) fn error_for<T: Clone + Send + Sync + 'static>(
    value: Option<Result<T, AppError>>,
    field: &str,
) -> Option<Msg> {
    match value {
        Some(Err(AppError::Invalid(errors))) => errors.get(field),
        _ => None,
    }
}

pub(crate) fn problem<T: Clone + Send + Sync + 'static>(
    value: Option<Result<T, AppError>>,
) -> Option<Msg> {
    match value {
        Some(Err(AppError::Invalid(_))) | Some(Ok(_)) | None => None,
        Some(Err(other)) => Some(other.msg()),
    }
}

/// The failure of the latest save or delete, if it was not about a field.
#[component]
pub(crate) fn Problem(#[prop(into)] problem: Signal<Option<Msg>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        problem.get().map(|p| {
            view! { <p class="notice problem" role="alert">{move || p.text(lang.get())}</p> }
        })
    }
}

/// A labelled text input with its message. `label` is a catalogue key.
#[component]
pub(crate) fn Field(
    name: &'static str,
    label: &'static str,
    value: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(into)] error: Signal<Option<Msg>>,
) -> impl IntoView {
    let lang = use_lang();
    let error_id = format!("{name}-error");
    view! {
        <div class="field">
            <label for=name>{t(label)}</label>
            <input id=name name=name type=kind value=value aria-describedby=error_id.clone()/>
            <p id=error_id class="field-error" role="alert">{move || error.get().map(|m| m.text(lang.get()))}</p>
        </div>
    }
}

/// Create or rename a genre (`kind` = "genre") or a language ("language").
#[component]
pub fn NamedEditPage(kind: &'static str) -> impl IntoView {
    let save = ServerAction::<SaveNamed>::new();
    let id = id_param();
    let ready = move |record: Editable| {
        let heading = edit_heading(kind, id(), &record.title);
        view! {
            <Title text=tab_title(heading.clone())/>
            <h1>{tm(heading)}</h1>
            <Problem problem=Signal::derive(move || problem(save.value().get()))/>
            <ActionForm action=save attr:class="edit">
                <input type="hidden" name="kind" value=kind/>
                {id().map(|id| view! { <input type="hidden" name="id" value=id/> })}
                <Field name="name" label=key("editing-name") value=record.name
                    error=Signal::derive(move || error_for(save.value().get(), "name"))/>
                <button type="submit">{t("editing-save")}</button>
            </ActionForm>
        }
    };
    view! { <AsyncView resource=record(kind) loading="editing-loading" ready/> }
}

/// Create or update an author.
#[component]
pub fn AuthorEditPage() -> impl IntoView {
    let save = ServerAction::<SaveAuthor>::new();
    let id = id_param();
    let ready = move |record: Editable| {
        let heading = edit_heading("author", id(), &record.title);
        let error =
            move |field: &'static str| Signal::derive(move || error_for(save.value().get(), field));
        view! {
            <Title text=tab_title(heading.clone())/>
            <h1>{tm(heading)}</h1>
            <Problem problem=Signal::derive(move || problem(save.value().get()))/>
            <ActionForm action=save attr:class="edit">
                {id().map(|id| view! { <input type="hidden" name="id" value=id/> })}
                <Field name="first_name" label=key("editing-first-name") value=record.first_name error=error("first_name")/>
                <Field name="last_name" label=key("editing-last-name") value=record.last_name error=error("last_name")/>
                <Field name="date_of_birth" label=key("editing-date-of-birth") kind="date" value=record.date_of_birth error=error("date_of_birth")/>
                <Field name="date_of_death" label=key("editing-date-of-death") kind="date" value=record.date_of_death error=error("date_of_death")/>
                <button type="submit">{t("editing-save")}</button>
            </ActionForm>
        }
    };
    view! { <AsyncView resource=record("author") loading="editing-loading" ready/> }
}

/// Confirm and delete a record of `kind`.
#[component]
pub fn DeletePage(kind: &'static str) -> impl IntoView {
    let delete = ServerAction::<DeleteRecord>::new();
    let id = id_param();
    let text = kind_text(kind);
    let ready = move |record: Editable| {
        let heading = Msg::new(text.delete).with("title", record.title);
        view! {
            <Title text=tab_title(heading.clone())/>
            <h1>{tm(heading)}</h1>
            <Problem problem=Signal::derive(move || problem(delete.value().get()))/>
            <p>{t(text.confirm)}</p>
            <ActionForm action=delete attr:class="delete">
                <input type="hidden" name="kind" value=kind/>
                <input type="hidden" name="id" value=id().unwrap_or_default()/>
                <button type="submit" class="danger">{t("editing-delete")}</button>
            </ActionForm>
        }
    };
    view! { <AsyncView resource=record(kind) loading="editing-loading" ready/> }
}

/// "Add <kind>" under a list, for librarians.
#[component]
pub fn AddLink(kind: &'static str) -> impl IntoView {
    let account = expect_context::<AccountActions>().account;
    let add = kind_text(kind).add;
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                account.await.ok().flatten().filter(|a| a.is_librarian).map(|_| view! {
                    <p class="edit-links"><a href=format!("/catalog/{kind}/create")>{t(add)}</a></p>
                })
            })}
        </Transition>
    }
}

/// "Edit" and "Delete" under a record's page, for librarians.
#[component]
pub fn EditLinks(kind: &'static str) -> impl IntoView {
    let account = expect_context::<AccountActions>().account;
    let id = id_param();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let librarian = account.await.ok().flatten().is_some_and(|a| a.is_librarian);
                id().filter(|_| librarian).map(|id| view! {
                    <p class="edit-links">
                        <a href=format!("/catalog/{kind}/{id}/update")>{t("editing-edit")}</a>
                        " · "
                        <a href=format!("/catalog/{kind}/{id}/delete")>{t("editing-delete")}</a>
                        // A book's copies are added from its page (one account check for
                        // both links: a second would cost every book page a suspense).
                        {(kind == "book").then(|| view! {
                            " · " <a href=format!("/catalog/book/{id}/copy/create")>{t("editing-add-copy-link")}</a>
                        })}
                    </p>
                })
            })}
        </Transition>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_kind_has_its_own_words() {
        let en = Lang::En;
        let heading = |kind, id| edit_heading(kind, id, "Fantasy").text(en);
        assert_eq!(heading("genre", Some(3)), "Edit genre: Fantasy");
        assert_eq!(heading("language", None), "Add language");
        assert_eq!(heading("author", None), "Add author");
        assert_eq!(heading("book", Some(1)), "Edit book: Fantasy");
        let confirm = Msg::new(kind_text("language").confirm).text(en);
        assert_eq!(confirm, "Are you sure you want to delete this language?");
        let delete = Msg::new(kind_text("author").delete).with("title", "Le Guin, Ursula");
        assert_eq!(delete.text(en), "Delete author: Le Guin, Ursula");
        let ru = Lang::Ru;
        let confirm = Msg::new(kind_text("book").confirm).text(ru);
        assert_eq!(confirm, "Вы уверены, что хотите удалить эту книгу?");
    }
}
