//! Server-side account rules: logging in and out on the session, the sign-in check every request
//! makes, and password changes (resets by mail are in [`super::reset`]).
pub use super::rules::safe_next;
use super::{
    model::Account,
    rules::{check_new_password, username_key},
};
use crate::server::db::BeginWrite;
use crate::{
    error::AppError,
    i18n::{key, Msg},
    server::{
        context::{AppContext, ClientAddress},
        cookies::set_test_cookie,
        login_throttle,
        session::{account::LoggedIn, VisitorSession},
        sign_ins::{self, Which},
        users, visit_counter,
    },
};
use axum::http::{header, request::Parts};
use leptos::prelude::use_context;

/// The catalogue key of the message for any failed login: it must not tell which of the two
/// was wrong.
pub const BAD_LOGIN: &str = key("accounts-bad-login");

fn request_parts() -> Option<Parts> {
    use_context::<Parts>()
}

fn client_address() -> String {
    client_ip()
        .map(|ip| ip.to_string())
        .unwrap_or_else(|| "unknown".into())
}

fn client_ip() -> Option<std::net::IpAddr> {
    request_parts().and_then(|parts| parts.extensions.get::<ClientAddress>().map(|a| a.0))
}

/// The client as the attempt counters know it: an IPv6 client is its /64.
pub(super) fn throttle_client() -> String {
    client_ip()
        .map(|ip| login_throttle::client_key(ip).to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// The error for a counter that is locked for `wait`.
fn locked_out(wait: std::time::Duration) -> AppError {
    AppError::LockedOut(wait.as_secs().div_ceil(60).max(1))
}

/// Reserves a hashing thread, then counts a password check of `username` from this client;
/// refuses if the thread pool is full (nothing counted) or a counter is locked.
async fn password_check_allowed(
    context: &AppContext,
    username: &str,
) -> Result<
    (
        crate::server::passwords::HashSlot,
        Vec<(String, login_throttle::Limit)>,
    ),
    AppError,
> {
    let slot = context.accounts.hasher.reserve()?;
    let keys = login_throttle::password_keys(&username_key(username), &throttle_client()).to_vec();
    if let Some(wait) =
        login_throttle::attempt_all(&context.pool, &keys, login_throttle::now()).await?
    {
        crate::server::metrics::locked_out();
        return Err(locked_out(wait));
    }
    Ok((slot, keys))
}

fn user_agent() -> String {
    request_parts()
        .and_then(|parts| {
            parts
                .headers
                .get(header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        })
        .unwrap_or_default()
}

/// The session's login, if its sign-in still holds, with the session. A sign-in deleted
/// elsewhere (another device signed this one out, a password change or reset) ends the login
/// here on this very request.
pub async fn current() -> Result<Option<(LoggedIn, VisitorSession)>, AppError> {
    let session = VisitorSession::current().await?;
    let Some(mut login) = session.logged_in().await? else {
        return Ok(None);
    };
    let context = AppContext::current()?;
    let cache = &context.accounts.sign_ins;
    // The role comes from the check, not the session: a librarian may have changed it since.
    if let Some(librarian) = cache.fresh(&login.sign_in) {
        login.is_librarian = librarian;
        return Ok(Some((login, session)));
    }
    let began = std::time::Instant::now();
    match sign_ins::check_and_touch(&context.pool, login.user_id, &login.sign_in).await? {
        Some(librarian) => {
            cache.remember(&login.sign_in, librarian, began);
            login.is_librarian = librarian;
            Ok(Some((login, session)))
        }
        None => {
            session.drop_login().await?;
            Ok(None)
        }
    }
}

/// The current login, or a redirect to the login page that comes back to `here`.
pub async fn require_login(here: &str) -> Result<(LoggedIn, VisitorSession), AppError> {
    match current().await? {
        Some(found) => Ok(found),
        None => {
            let next: String = url_escape(here);
            leptos_axum::redirect(&format!("/accounts/login?next={next}"));
            Err(AppError::Unauthorized)
        }
    }
}

/// The current login if it is a librarian's: a visitor is sent to log in, a member refused.
pub async fn require_librarian(here: &str) -> Result<(LoggedIn, VisitorSession), AppError> {
    let found = require_login(here).await?;
    if found.0.is_librarian {
        Ok(found)
    } else {
        Err(AppError::Forbidden)
    }
}

fn url_escape(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Checks the password (in the same time whether or not the user exists) and logs the session
/// in. The attempt is counted before the check, so concurrent guesses cannot pass the lockout.
pub async fn log_in(username: &str, password: &str) -> Result<Account, AppError> {
    if super::rules::check_username(username).is_err() {
        // No account has such a name: answered before any lookup, count or hash, so a hostile
        // name (a NUL, kilobytes) never reaches the database as a key.
        return Err(AppError::BadRequest(Msg::new(BAD_LOGIN)));
    }
    let context = AppContext::current()?;
    let (slot, keys) = password_check_allowed(&context, username).await?;
    let user = users::by_username(&context.pool, username).await?;
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    let matches = slot.verify(password.to_string(), stored).await?;
    // A deactivated account is answered as a wrong password, after the same work.
    let Some(user) = user.filter(|u| matches && u.active()) else {
        crate::server::metrics::login_failed();
        return Err(AppError::BadRequest(Msg::new(BAD_LOGIN)));
    };
    login_throttle::forget_one(&context.pool, &keys).await?;
    let token = sign_ins::create(&context.pool, user.id, &user_agent(), &client_address()).await?;
    let session = VisitorSession::current().await?;
    let replaced = session
        .log_in(user.id, user.username.clone(), user.librarian(), token)
        .await?;
    if let Some(old) = replaced {
        // This browser's earlier login (the same user's, or another's whose session was
        // flushed) is over.
        end_sign_ins(&context, old.user_id, Which::Token(&old.sign_in)).await?;
    }
    users::logged_in(&context.pool, user.id).await?;
    Ok(Account {
        is_librarian: user.librarian(),
        username: user.username,
    })
}

/// Ends the sign-in and flushes the whole session (visit counter included), as Django does; the
/// interface language the visitor chose stays.
pub async fn log_out() -> Result<(), AppError> {
    end_session(true).await
}

/// Like [`log_out`], but the interface language goes too: nothing of this browser is left.
pub async fn forget_everything() -> Result<(), AppError> {
    end_session(false).await
}

/// Ends the sign-in, deletes the visit counter and flushes the session, keeping the chosen
/// language only if `keep_language`.
async fn end_session(keep_language: bool) -> Result<(), AppError> {
    let context = AppContext::current()?;
    let session = VisitorSession::current().await?;
    let stored = session.is_stored().await?;
    let data = session.data().await?;
    if let Some(login) = &data.logged_in {
        let gone =
            sign_ins::delete(&context.pool, login.user_id, Which::Token(&login.sign_in)).await?;
        context.accounts.sign_ins.forget(&gone);
    }
    if let Some(key) = &data.counter_key {
        visit_counter::delete(&context.pool, key).await?;
    }
    session.flush().await?;
    if keep_language {
        session.keep_language(data.language()).await?;
    }
    // The browser is a stranger again (a first visit counts as one); "Forget everything" also
    // forgets choices kept in the test cookie, and a logout with no session changes nothing.
    if stored || !keep_language {
        set_test_cookie(&context.test_cookies.fresh());
    }
    Ok(())
}

/// Deletes a user's sign-ins and forgets them, so they end on their next request.
pub(super) async fn end_sign_ins(
    context: &AppContext,
    user_id: i64,
    which: Which<'_>,
) -> Result<(), AppError> {
    let gone = sign_ins::delete(&context.pool, user_id, which).await?;
    context.accounts.sign_ins.forget(&gone);
    Ok(())
}

/// The new password's rules, and that it was typed the same twice.
pub(super) fn new_password_checked(
    new: &str,
    confirm: &str,
    username: &str,
) -> Result<(), AppError> {
    let mut errors = crate::error::FieldErrors::default();
    if let Err(message) = check_new_password(new, username) {
        errors.set("new_password", message);
    } else if new != confirm {
        errors.set("confirm_password", Msg::new("accounts-password-mismatch"));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// Django's password change; this session stays logged in, every other session of the user is
/// signed out. The new password is checked first: until it is valid the answer is the same
/// whether the old one was right or not. The old password is then checked under the same
/// counters as a login, so a stolen session cannot guess it without limit.
pub async fn change_password(old: &str, new: &str, confirm: &str) -> Result<(), AppError> {
    let context = AppContext::current()?;
    let (login, _) = require_login("/accounts/password_change").await?;
    let user = users::by_id(&context.pool, login.user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    new_password_checked(new, confirm, &user.username)?;
    let (slot, keys) = password_check_allowed(&context, &user.username).await?;
    let Some(hash) = slot
        .verify_then_hash(old.to_string(), user.password_hash.clone(), new.to_string())
        .await?
    else {
        let mut errors = crate::error::FieldErrors::default();
        errors.set("old_password", Msg::new("accounts-old-password-wrong"));
        return Err(AppError::Invalid(errors));
    };
    login_throttle::forget_one(&context.pool, &keys).await?;
    let mut tx = context.pool.begin_write().await?;
    // Only over the hash just checked: a reset that landed meanwhile is not overwritten.
    if !users::set_password(&mut tx, user.id, &hash, Some(&user.password_hash)).await? {
        return Err(AppError::BadRequest(Msg::new(
            "accounts-password-changed-meanwhile",
        )));
    }
    tx.commit().await?;
    end_sign_ins(&context, user.id, Which::AllBut(&login.sign_in)).await
}
