//! Server-side account rules: logging in and out on the session, the sign-in check every request
//! makes, password changes and resets, and the devices list.
pub use super::rules::safe_next;
use super::{
    model::Account,
    rules::{check_new_password, username_key},
};
use crate::{
    error::AppError,
    i18n::{key, Msg},
    server::{
        context::{AppContext, ClientAddress},
        cookies::set_test_cookie,
        login_throttle, passwords, reset_tokens,
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
    request_parts()
        .and_then(|parts| {
            parts
                .extensions
                .get::<ClientAddress>()
                .map(|a| a.0.to_string())
        })
        .unwrap_or_else(|| "unknown".into())
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
    let Some(login) = session.logged_in().await? else {
        return Ok(None);
    };
    let context = AppContext::current()?;
    let cache = &context.accounts.sign_ins;
    if cache.fresh(&login.sign_in) {
        return Ok(Some((login, session)));
    }
    if sign_ins::check_and_touch(&context.pool, login.user_id, &login.sign_in).await? {
        cache.remember(&login.sign_in);
        Ok(Some((login, session)))
    } else {
        session.drop_login().await?;
        Ok(None)
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

/// Checks the password (in the same time whether or not the user exists), enforces the
/// failure lockout, and logs the session in.
pub async fn log_in(username: &str, password: &str) -> Result<Account, AppError> {
    let context = AppContext::current()?;
    let keys = login_throttle::keys(&username_key(username), &client_address());
    let now = login_throttle::now();
    if let Some(wait) = login_throttle::locked_for(&context.pool, &keys, now).await? {
        return Err(AppError::LockedOut(wait.as_secs().div_ceil(60).max(1)));
    }
    let user = users::by_username(&context.pool, username).await?;
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    let matches = passwords::verify(password.to_string(), stored).await?;
    let Some(user) = user.filter(|_| matches) else {
        login_throttle::failed(&context.pool, &keys, login_throttle::now()).await?;
        return Err(AppError::BadRequest(Msg::new(BAD_LOGIN)));
    };
    login_throttle::succeeded(&context.pool, &username_key(username)).await?;
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

fn new_password_checked(new: &str, confirm: &str, username: &str) -> Result<(), AppError> {
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

/// Django's password change: the old password first; this session stays logged in, every
/// other session of the user is signed out.
pub async fn change_password(old: &str, new: &str, confirm: &str) -> Result<(), AppError> {
    let context = AppContext::current()?;
    let (login, _) = require_login("/accounts/password_change").await?;
    let user = users::by_id(&context.pool, login.user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if !passwords::verify(old.to_string(), Some(user.password_hash.clone())).await? {
        let mut errors = crate::error::FieldErrors::default();
        errors.set("old_password", Msg::new("accounts-old-password-wrong"));
        return Err(AppError::Invalid(errors));
    }
    new_password_checked(new, confirm, &user.username)?;
    let hash = passwords::hash(new.to_string()).await?;
    users::set_password(&context.pool, user.id, &hash).await?;
    end_sign_ins(&context, user.id, Which::AllBut(&login.sign_in)).await
}

/// The reset mail's subject and body, in `lang`.
fn reset_mail(lang: crate::i18n::Lang, username: &str, link: &str) -> (String, String) {
    let subject = crate::i18n::text(lang, "accounts-reset-mail-subject");
    let body = Msg::new("accounts-reset-mail-body")
        .with("username", username)
        .with("link", link)
        .text(lang);
    (subject, format!("{body}\n"))
}

/// Mails a reset link to every user with `email`, in the language of the request.
pub async fn request_reset(email: &str) -> Result<(), AppError> {
    let context = AppContext::current()?;
    let lang = crate::server::language::current();
    for user in users::by_email(&context.pool, email).await? {
        let token = reset_tokens::create(&context.pool, user.id).await?;
        let link = format!("{}/accounts/reset/{token}", context.accounts.site_url);
        let (subject, body) = reset_mail(lang, &user.username, &link);
        if let Err(err) = context
            .accounts
            .mailer
            .send(&user.email, &subject, body)
            .await
        {
            tracing::warn!(error = %err, "could not send a password reset mail");
            return Err(AppError::Unavailable);
        }
    }
    Ok(())
}

/// Sets the password through a reset link (once) and signs out every session of the user.
pub async fn reset_password(token: &str, new: &str, confirm: &str) -> Result<(), AppError> {
    let context = AppContext::current()?;
    let expired = || AppError::BadRequest(Msg::new("accounts-reset-link-invalid"));
    let user_id = reset_tokens::peek(&context.pool, token)
        .await?
        .ok_or_else(expired)?;
    let user = users::by_id(&context.pool, user_id)
        .await?
        .ok_or_else(expired)?;
    new_password_checked(new, confirm, &user.username)?;
    let hash = passwords::hash(new.to_string()).await?;
    // Redeeming checks the link again in the statement that uses it up.
    reset_tokens::redeem(&context.pool, token)
        .await?
        .ok_or_else(expired)?;
    users::set_password(&context.pool, user.id, &hash).await?;
    end_sign_ins(&context, user.id, Which::All).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn the_reset_mail_reads_as_before_in_english() {
        let (subject, body) = reset_mail(Lang::En, "ada", "http://localhost/accounts/reset/t0k3n");
        assert_eq!(subject, "Reset your LocalLibrary password");
        assert_eq!(
            body,
            "Someone asked to reset the password of the LocalLibrary account \"ada\".\n\n\
             To choose a new password, open this link within an hour (it works once):\n\n\
             http://localhost/accounts/reset/t0k3n\n\n\
             If it was not you, ignore this message: your password stays as it is.\n"
        );
        let (subject, body) = reset_mail(Lang::Ru, "ada", "http://localhost/accounts/reset/t0k3n");
        assert!(!subject.is_empty() && subject != "Reset your LocalLibrary password");
        assert!(
            body.contains("«ada»")
                && body.contains("\n\nhttp://localhost/accounts/reset/t0k3n\n\n")
        );
    }
}
