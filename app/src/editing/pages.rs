//! The edit pages at the tutorial's addresses (`/catalog/<kind>/create`, `…/{id}/update`,
//! `…/{id}/delete`) and the "Add", "Edit" and "Delete" links librarians see.
use super::api::{may_add, record_fields, DeleteRecord, Editable, SaveAuthor, SaveNamed};
use crate::{accounts::AccountActions, error::AppError, ui::async_view::AsyncView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

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
fn error_for<T: Clone + Send + Sync + 'static>(
    value: Option<Result<T, AppError>>,
    field: &str,
) -> Option<String> {
    match value {
        Some(Err(AppError::Invalid(errors))) => errors.get(field),
        _ => None,
    }
}

fn problem<T: Clone + Send + Sync + 'static>(value: Option<Result<T, AppError>>) -> Option<String> {
    match value {
        Some(Err(AppError::Invalid(_))) | Some(Ok(_)) | None => None,
        Some(Err(other)) => Some(other.to_string()),
    }
}

/// A labelled text input with its message.
#[component]
fn Field(
    name: &'static str,
    label: &'static str,
    value: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{name}-error");
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <input id=name name=name type=kind value=value aria-describedby=error_id.clone()/>
            <p id=error_id class="field-error" role="alert">{move || error.get()}</p>
        </div>
    }
}

/// Create or rename a genre (`kind` = "genre") or a language ("language").
#[component]
pub fn NamedEditPage(kind: &'static str) -> impl IntoView {
    let save = ServerAction::<SaveNamed>::new();
    let id = id_param();
    let ready = move |record: Editable| {
        let heading = match id() {
            Some(_) => format!("Edit {kind}: {}", record.title),
            None => format!("Add {kind}"),
        };
        view! {
            <Title text=format!("{heading} · LocalLibrary")/>
            <h1>{heading}</h1>
            {move || problem(save.value().get()).map(|p| view! { <p class="notice problem" role="alert">{p}</p> })}
            <ActionForm action=save attr:class="edit">
                <input type="hidden" name="kind" value=kind/>
                {id().map(|id| view! { <input type="hidden" name="id" value=id/> })}
                <Field name="name" label="Name" value=record.name
                    error=Signal::derive(move || error_for(save.value().get(), "name"))/>
                <button type="submit">"Save"</button>
            </ActionForm>
        }
    };
    view! { <AsyncView resource=record(kind) loading="Loading…" ready/> }
}

/// Create or update an author.
#[component]
pub fn AuthorEditPage() -> impl IntoView {
    let save = ServerAction::<SaveAuthor>::new();
    let id = id_param();
    let ready = move |record: Editable| {
        let heading = match id() {
            Some(_) => format!("Edit author: {}", record.title),
            None => "Add author".to_string(),
        };
        let error =
            move |field: &'static str| Signal::derive(move || error_for(save.value().get(), field));
        view! {
            <Title text=format!("{heading} · LocalLibrary")/>
            <h1>{heading}</h1>
            {move || problem(save.value().get()).map(|p| view! { <p class="notice problem" role="alert">{p}</p> })}
            <ActionForm action=save attr:class="edit">
                {id().map(|id| view! { <input type="hidden" name="id" value=id/> })}
                <Field name="first_name" label="First name" value=record.first_name error=error("first_name")/>
                <Field name="last_name" label="Last name" value=record.last_name error=error("last_name")/>
                <Field name="date_of_birth" label="Date of birth" kind="date" value=record.date_of_birth error=error("date_of_birth")/>
                <Field name="date_of_death" label="Date of death" kind="date" value=record.date_of_death error=error("date_of_death")/>
                <button type="submit">"Save"</button>
            </ActionForm>
        }
    };
    view! { <AsyncView resource=record("author") loading="Loading…" ready/> }
}

/// Confirm and delete a record of `kind`.
#[component]
pub fn DeletePage(kind: &'static str) -> impl IntoView {
    let delete = ServerAction::<DeleteRecord>::new();
    let id = id_param();
    let ready = move |record: Editable| {
        view! {
            <Title text=format!("Delete {kind}: {} · LocalLibrary", record.title)/>
            <h1>{format!("Delete {kind}: {}", record.title)}</h1>
            {move || problem(delete.value().get()).map(|p| view! { <p class="notice problem" role="alert">{p}</p> })}
            <p>{format!("Are you sure you want to delete this {kind}?")}</p>
            <ActionForm action=delete attr:class="delete">
                <input type="hidden" name="kind" value=kind/>
                <input type="hidden" name="id" value=id().unwrap_or_default()/>
                <button type="submit" class="danger">"Delete"</button>
            </ActionForm>
        }
    };
    view! { <AsyncView resource=record(kind) loading="Loading…" ready/> }
}

/// "Add <kind>" under a list, for librarians.
#[component]
pub fn AddLink(kind: &'static str) -> impl IntoView {
    let account = expect_context::<AccountActions>().account;
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                account.await.ok().flatten().filter(|a| a.is_librarian).map(|_| view! {
                    <p class="edit-links"><a href=format!("/catalog/{kind}/create")>{format!("Add {kind}")}</a></p>
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
                        <a href=format!("/catalog/{kind}/{id}/update")>"Edit"</a>
                        " · "
                        <a href=format!("/catalog/{kind}/{id}/delete")>"Delete"</a>
                    </p>
                })
            })}
        </Transition>
    }
}
