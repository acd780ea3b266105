//! `/catalog/book/create` and `/catalog/book/{id}/update`: the book form (title, author,
//! summary, ISBN, language, genres), for librarians.
use super::{
    api::{book_form, SaveBook},
    model::BookFormData,
    pages::{edit_heading, tab_title, Problem},
};
use crate::{
    error::AppError,
    i18n::{t, tm, use_lang},
    ui::async_view::AsyncView,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The book form.
#[component]
pub fn BookEditPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .with(|p| p.get("id"))
            .and_then(|id| id.parse::<i64>().ok())
    };
    let data = Resource::new(id, book_form);
    let save = ServerAction::<SaveBook>::new();
    let lang = use_lang();
    let error = move |field: &'static str| {
        move || match save.value().get() {
            Some(Err(AppError::Invalid(errors))) => errors.get(field).map(|m| m.text(lang.get())),
            _ => None,
        }
    };
    let problem = move || match save.value().get() {
        Some(Err(AppError::Invalid(_))) | Some(Ok(_)) | None => None,
        Some(Err(other)) => Some(other.msg()),
    };
    let ready = move |book: BookFormData| {
        let heading = edit_heading("book", id(), &book.title);
        let option = |(value, label): (i64, String), chosen: Option<i64>| {
            view! { <option value=value selected=chosen == Some(value)>{label}</option> }
        };
        let (author, language) = (book.author_id, book.language_id);
        view! {
            <Title text=tab_title(heading.clone())/>
            <h1>{tm(heading)}</h1>
            <Problem problem=Signal::derive(problem)/>
            <ActionForm action=save attr:class="edit book-form">
                {id().map(|id| view! { <input type="hidden" name="id" value=id/> })}
                <div class="field">
                    <label for="title">{t("editing-book-title")}</label>
                    <input id="title" name="title" type="text" value=book.title.clone() aria-describedby="title-error"/>
                    <p id="title-error" class="field-error" role="alert">{error("title")}</p>
                </div>
                <div class="field">
                    <label for="author_id">{t("editing-book-author")}</label>
                    <select id="author_id" name="author_id">
                        <option value="" selected=author.is_none()>"—"</option>
                        {book.authors.into_iter().map(|a| option(a, author)).collect_view()}
                    </select>
                    <p class="field-error" role="alert">{error("author_id")}</p>
                </div>
                <div class="field">
                    <label for="summary">{t("editing-book-summary")}</label>
                    <textarea id="summary" name="summary" rows="5" aria-describedby="summary-error">{book.summary.clone()}</textarea>
                    <p id="summary-error" class="field-error" role="alert">{error("summary")}</p>
                </div>
                <div class="field">
                    <label for="isbn">{t("editing-book-isbn")}</label>
                    <input id="isbn" name="isbn" type="text" inputmode="numeric" value=book.isbn.clone() aria-describedby="isbn-error"/>
                    <p id="isbn-error" class="field-error" role="alert">{error("isbn")}</p>
                </div>
                <div class="field">
                    <label for="language_id">{t("editing-book-language")}</label>
                    <select id="language_id" name="language_id">
                        <option value="" selected=language.is_none()>"—"</option>
                        {book.languages.into_iter().map(|l| option(l, language)).collect_view()}
                    </select>
                </div>
                <fieldset class="field genres">
                    <legend>{t("editing-book-genres")}</legend>
                    {book.genres.into_iter().map(|(value, name)| {
                        let (label_for, field_id) = (format!("genre-{value}"), format!("genre-{value}"));
                        let checked = book.genre_ids.contains(&value);
                        view! {
                            <label for=label_for>
                                <input id=field_id type="checkbox" name="genres[]" value=value checked=checked/>
                                " " {name}
                            </label>
                        }
                    }).collect_view()}
                    <p class="field-error" role="alert">{error("genres")}</p>
                </fieldset>
                <button type="submit">{t("editing-save")}</button>
            </ActionForm>
        }
    };
    view! { <AsyncView resource=data loading="editing-loading-form" ready/> }
}
