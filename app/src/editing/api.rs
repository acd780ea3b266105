//! Server functions for editing the catalog (librarians only; each checks the role itself).
pub use super::model::{BookFormData, Editable};
use crate::error::AppError;
use leptos::server;

/// The current fields of the `kind` (`genre`, `language`, `author`) with `id`, for its form.
#[server(endpoint = "editing/record")]
pub async fn record_fields(kind: String, id: i64) -> Result<Editable, AppError> {
    crate::server::calls::count();
    super::service::editable(&kind, id).await
}

/// Whether the current user may add a `kind` (librarians); a visitor is sent to log in.
#[server(endpoint = "editing/may-add")]
pub async fn may_add(kind: String) -> Result<(), AppError> {
    crate::server::calls::count();
    super::service::may_add(&kind).await
}

/// Creates (no `id`) or renames a genre or language, then shows it.
#[server(endpoint = "editing/named")]
pub async fn save_named(kind: String, id: Option<i64>, name: String) -> Result<i64, AppError> {
    crate::server::calls::count();
    let id = super::service::save_named(&kind, id, &name).await?;
    leptos_axum::redirect(&format!("/catalog/{kind}/{id}"));
    Ok(id)
}

/// Creates (no `id`) or updates an author, then shows them.
#[server(endpoint = "editing/author")]
pub async fn save_author(
    id: Option<i64>,
    first_name: String,
    last_name: String,
    date_of_birth: String,
    date_of_death: String,
) -> Result<i64, AppError> {
    crate::server::calls::count();
    let id =
        super::service::save_author(id, &first_name, &last_name, &date_of_birth, &date_of_death)
            .await?;
    leptos_axum::redirect(&format!("/catalog/author/{id}"));
    Ok(id)
}

/// The book form's data: the book with `id` (or an empty one) and the authors, languages and
/// genres to choose from (librarians).
#[server(endpoint = "editing/book-form")]
pub async fn book_form(id: Option<i64>) -> Result<BookFormData, AppError> {
    crate::server::calls::count();
    super::books::form(id).await
}

/// Creates (no `id`) or updates a book, then shows it. The genres come as `genres[]` fields
/// (one per ticked box), the author and language as ids ("" for none).
#[server(endpoint = "editing/book")]
pub async fn save_book(
    id: Option<i64>,
    title: String,
    author_id: String,
    summary: String,
    isbn: String,
    language_id: String,
    genres: Option<Vec<String>>,
) -> Result<i64, AppError> {
    crate::server::calls::count();
    let fields = super::books::BookFields {
        title,
        author_id,
        summary,
        isbn,
        language_id,
        genres: genres.unwrap_or_default(),
    };
    let id = super::books::save(id, fields).await?;
    leptos_axum::redirect(&format!("/catalog/book/{id}"));
    Ok(id)
}

/// Deletes the `kind` with `id` (an author only once they have no books), then shows the list.
#[server(endpoint = "editing/delete")]
pub async fn delete_record(kind: String, id: i64) -> Result<(), AppError> {
    crate::server::calls::count();
    super::service::delete(&kind, id).await?;
    leptos_axum::redirect(&format!("/catalog/{kind}s"));
    Ok(())
}
