//! The copy server functions (librarians only; each checks the role itself).
pub use super::model::CopyFormData;
use crate::error::AppError;
use leptos::server;

/// The form of a new copy of book `book_id`, or of copy `id` as it is now.
#[server(endpoint = "editing/copy-form")]
pub async fn copy_form(book_id: Option<i64>, id: Option<String>) -> Result<CopyFormData, AppError> {
    crate::server::calls::count();
    super::service::form(book_id, id.as_deref()).await
}

/// Adds a copy to book `book_id` (no `id`) or changes copy `id`, then shows the copy. `status`
/// is `available` or `maintenance`; none keeps a copy's status (a copy on loan has no choice).
#[server(endpoint = "editing/copy")]
pub async fn save_copy(
    book_id: Option<i64>,
    id: Option<String>,
    imprint: String,
    status: Option<String>,
) -> Result<String, AppError> {
    crate::server::calls::count();
    let id = super::service::save(book_id, id.as_deref(), &imprint, status.as_deref()).await?;
    leptos_axum::redirect(&format!("/catalog/bookinstance/{id}"));
    Ok(id)
}

/// Deletes copy `id` unless it is on loan or reserved, then shows its book.
#[server(endpoint = "editing/copy-delete")]
pub async fn delete_copy(id: String) -> Result<i64, AppError> {
    crate::server::calls::count();
    let book_id = super::service::delete(&id).await?;
    leptos_axum::redirect(&format!("/catalog/book/{book_id}"));
    Ok(book_id)
}
