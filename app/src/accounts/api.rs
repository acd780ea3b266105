//! The account server functions. Each is thin: it validates, calls `ssr` (the rules, shared with
//! the tests' expectations) and returns a typed result.
pub use super::model::{Account, Device, ResetLink};
use crate::error::AppError;
use leptos::server;

/// Logs in and answers with a redirect to `next` (a path on this site) or the home page.
#[server(endpoint = "accounts/login")]
pub async fn log_in(
    username: String,
    password: String,
    next: Option<String>,
) -> Result<Account, AppError> {
    crate::server::calls::count();
    let account = ssr::log_in(&username, &password).await?;
    leptos_axum::redirect(&ssr::safe_next(next.as_deref()));
    Ok(account)
}

/// Logs out: the sign-in goes, and the whole session with it.
#[server(endpoint = "accounts/logout")]
pub async fn log_out() -> Result<(), AppError> {
    crate::server::calls::count();
    ssr::log_out().await
}

/// The logged-in user, if the session's sign-in still holds.
#[server(endpoint = "accounts/current")]
pub async fn current_account() -> Result<Option<Account>, AppError> {
    crate::server::calls::count();
    Ok(ssr::current().await?.map(|(login, _)| Account {
        username: login.username,
        is_librarian: login.is_librarian,
    }))
}

/// The logged-in user, or (for pages that need one) a redirect to the login page that comes
/// back to `here`.
#[server(endpoint = "accounts/required")]
pub async fn login_required(here: String) -> Result<Account, AppError> {
    crate::server::calls::count();
    let (login, _) = ssr::require_login(&ssr::safe_next(Some(&here))).await?;
    Ok(Account {
        username: login.username,
        is_librarian: login.is_librarian,
    })
}

/// Changes the password, keeping this session logged in and signing out every other one.
#[server(endpoint = "accounts/password-change")]
pub async fn change_password(
    old_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    crate::server::calls::count();
    ssr::change_password(&old_password, &new_password, &confirm_password).await
}

/// Mails a one-time reset link to the users with this email (the answer never tells whether
/// there are any).
#[server(endpoint = "accounts/password-reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    crate::server::calls::count();
    super::reset::request_reset(&email).await
}

/// Whether the reset link this browser opened still works (the page says so before asking for
/// a password).
#[server(endpoint = "accounts/reset-valid")]
pub async fn reset_link_works() -> Result<ResetLink, AppError> {
    crate::server::calls::count();
    super::reset::link_works().await
}

/// Sets a new password through the reset link this browser opened, which then stops working
/// (with every other link of the user); every session of the user is signed out.
#[server(endpoint = "accounts/reset")]
pub async fn reset_password(
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    crate::server::calls::count();
    super::reset::reset_password(&new_password, &confirm_password).await
}

/// Every signed-in session of the current user.
#[server(endpoint = "accounts/devices")]
pub async fn devices() -> Result<Vec<Device>, AppError> {
    crate::server::calls::count();
    super::listings::devices().await
}

/// Signs out one of the current user's other sessions.
#[server(endpoint = "accounts/sign-out-device")]
pub async fn sign_out_device(id: i64) -> Result<(), AppError> {
    crate::server::calls::count();
    super::listings::sign_out(Some(id)).await
}

/// Signs out every session of the current user but this one.
#[server(endpoint = "accounts/sign-out-others")]
pub async fn sign_out_others() -> Result<(), AppError> {
    crate::server::calls::count();
    super::listings::sign_out(None).await
}

#[cfg(feature = "ssr")]
pub use super::service as ssr;
