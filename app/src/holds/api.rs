//! The hold server functions: members place and cancel their own holds, librarians see every
//! queue. Thin: each hands over to `service`.
pub use super::model::{BookQueue, HoldsView, MyHold};
use crate::error::AppError;
use leptos::server;

/// The hold part of book `book_id`'s page for whoever asks.
#[server(endpoint = "holds/book")]
pub async fn book_holds(book_id: i64) -> Result<HoldsView, AppError> {
    crate::server::calls::count();
    super::service::book_holds(book_id).await
}

/// Places the logged-in member's hold on `book_id`, then shows the book.
#[server(endpoint = "holds/place")]
pub async fn place_hold(book_id: i64) -> Result<(), AppError> {
    crate::server::calls::count();
    super::service::place(book_id).await?;
    leptos_axum::redirect(&format!("/catalog/book/{book_id}"));
    Ok(())
}

/// Cancels the logged-in member's hold on `book_id`, then shows the book.
#[server(endpoint = "holds/cancel")]
pub async fn cancel_hold(book_id: i64) -> Result<(), AppError> {
    crate::server::calls::count();
    super::service::cancel(book_id).await?;
    leptos_axum::redirect(&format!("/catalog/book/{book_id}"));
    Ok(())
}

/// The logged-in member's holds.
#[server(endpoint = "holds/mine")]
pub async fn my_holds() -> Result<Vec<MyHold>, AppError> {
    crate::server::calls::count();
    super::service::mine().await
}

/// Every book's queue (librarians).
#[server(endpoint = "holds/all")]
pub async fn all_holds() -> Result<Vec<BookQueue>, AppError> {
    crate::server::calls::count();
    super::service::queues().await
}
