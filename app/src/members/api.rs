//! The members server functions (librarians only; each checks the role itself).
pub use super::model::{MemberDetail, MemberLoan, MemberRow};
use crate::{error::AppError, ui::paging::Page};
use leptos::server;

/// One page of the accounts, searched by username or email with `q`.
#[server(endpoint = "members/list")]
pub async fn list_members(
    page: Option<String>,
    q: Option<String>,
) -> Result<Page<MemberRow>, AppError> {
    crate::server::calls::count();
    super::service::list(page.as_deref(), q.as_deref()).await
}

/// The page of the member called `username`.
#[server(endpoint = "members/detail")]
pub async fn get_member(username: String) -> Result<MemberDetail, AppError> {
    crate::server::calls::count();
    super::service::detail(&username).await
}

/// Whether the current user may add members (librarians); a visitor is sent to log in.
#[server(endpoint = "members/may-add")]
pub async fn may_add_member() -> Result<(), AppError> {
    crate::server::calls::count();
    super::service::may_add().await
}

/// Adds a member (a librarian if `librarian` is ticked) and mails them a link to set their
/// password, then shows their page.
#[server(endpoint = "members/add")]
pub async fn add_member(
    username: String,
    email: String,
    librarian: Option<String>,
) -> Result<String, AppError> {
    crate::server::calls::count();
    let librarian = super::rules::ticked(librarian.as_deref());
    let username = super::service::add(&username, &email, librarian).await?;
    leptos_axum::redirect(&super::model::member_path(&username));
    Ok(username)
}

/// Makes `username` a librarian (`role` = `librarian`) or a plain member (`member`).
#[server(endpoint = "members/role")]
pub async fn change_role(username: String, role: String) -> Result<(), AppError> {
    crate::server::calls::count();
    let librarian = match role.as_str() {
        "librarian" => true,
        "member" => false,
        _ => return Err(super::rules::bad_choice()),
    };
    super::service::set_role(&username, librarian).await?;
    leptos_axum::redirect(&super::model::member_path(&username));
    Ok(())
}

/// Deactivates (`state` = `inactive`) or reactivates (`active`) `username`.
#[server(endpoint = "members/activity")]
pub async fn change_activity(username: String, state: String) -> Result<(), AppError> {
    crate::server::calls::count();
    let active = match state.as_str() {
        "active" => true,
        "inactive" => false,
        _ => return Err(super::rules::bad_choice()),
    };
    super::service::set_active(&username, active).await?;
    leptos_axum::redirect(&super::model::member_path(&username));
    Ok(())
}
