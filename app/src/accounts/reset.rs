//! Password reset by mail, server side: asking for a link (limited per account and per client,
//! answered the same whether the address has an account or not), opening it (the token is
//! exchanged for a session value at once), and setting the new password through it.
use super::{
    model::ResetLink,
    rules::{check_reset_email, reset_token_well_formed, username_key},
    service::{end_sign_ins, new_password_checked, throttle_client},
};
use crate::server::db::BeginWrite;
use crate::{
    error::AppError,
    i18n::{Lang, Msg},
    server::{
        context::AppContext,
        db::Pool,
        login_throttle::{self, RESET_PER_ACCOUNT, RESET_PER_CLIENT},
        reset_tokens,
        session::VisitorSession,
        sign_ins::Which,
        users,
    },
};

/// Where a reset link sends the browser once its token is in the session.
pub const SET_PASSWORD_PATH: &str = "/accounts/reset/set-password";

/// The reset mail's subject and body, in `lang`.
fn reset_mail(lang: Lang, username: &str, link: &str) -> (String, String) {
    let subject = crate::i18n::text(lang, "accounts-reset-mail-subject");
    let body = Msg::new("accounts-reset-mail-body")
        .with("username", username)
        .with("link", link)
        .text(lang);
    (subject, format!("{body}\n"))
}

/// Mails a reset link to every user with `email`, in the language of the request. An empty or
/// malformed address is a 400; a client past its limit a 429 (whatever the address). An
/// account past its own limit, an unknown address and a mail that could not be sent all get
/// the same answer as a sent mail, so the answer never tells whether an account exists; nothing
/// is stored for an address without an account.
pub async fn request_reset(email: &str) -> Result<(), AppError> {
    let email = check_reset_email(email).map_err(AppError::BadRequest)?;
    let context = AppContext::current()?;
    let now = login_throttle::now();
    let client_key = format!("reset-client:{}", throttle_client());
    if let Some(wait) =
        login_throttle::attempt(&context.pool, &client_key, RESET_PER_CLIENT, now).await?
    {
        return Err(AppError::RateLimited(wait.as_secs().max(1)));
    }
    let lang = crate::server::language::current();
    // The lookup, the token and the mail happen after the answer, so its timing does not tell
    // an address with an account from one without.
    let (email, context) = (email.to_string(), context.clone());
    tokio::spawn(async move {
        if let Err(err) = mail_reset_links(&context, &email, lang, now).await {
            tracing::warn!(error = %err, "could not send a password reset mail");
        }
    });
    Ok(())
}

/// Creates and mails a link for each account with `email` that is within its limit.
async fn mail_reset_links(
    context: &AppContext,
    email: &str,
    lang: Lang,
    now: i64,
) -> Result<(), String> {
    let users = users::by_email(&context.pool, email)
        .await
        .map_err(|e| e.to_string())?;
    // A deactivated account gets no link: it could not log in with the password anyway.
    for user in users.into_iter().filter(users::User::active) {
        let account_key = format!("reset-account:{}", username_key(&user.username));
        let over = login_throttle::attempt(&context.pool, &account_key, RESET_PER_ACCOUNT, now)
            .await
            .map_err(|e| e.to_string())?;
        if over.is_some() {
            tracing::info!("a password reset was asked for again too soon; no mail sent");
            continue;
        }
        let token = reset_tokens::create(&context.pool, user.id)
            .await
            .map_err(|e| e.to_string())?;
        let link = format!("{}/accounts/reset/{token}", context.accounts.site_url);
        let (subject, body) = reset_mail(lang, &user.username, &link);
        context
            .accounts
            .mailer
            .send(&user.email, &subject, body)
            .await?;
    }
    Ok(())
}

/// The first GET of a reset link: a link that works is kept in the session (as its digest),
/// under a fresh session id; one that does not leaves nothing behind. Either way the browser is
/// then sent to [`SET_PASSWORD_PATH`], which says which it was. Openings are limited per client
/// like requests, since one that works may start a session.
pub async fn open_link(
    pool: &Pool,
    session: &VisitorSession,
    client: std::net::IpAddr,
    token: &str,
) -> Result<(), AppError> {
    let key = format!("reset-open:{}", login_throttle::client_key(client));
    if let Some(wait) =
        login_throttle::attempt(pool, &key, RESET_PER_CLIENT, login_throttle::now()).await?
    {
        return Err(AppError::RateLimited(wait.as_secs().max(1)));
    }
    let digest = reset_token_well_formed(token).then(|| reset_tokens::digest(token));
    match digest {
        Some(digest) if reset_tokens::peek(pool, &digest).await?.is_some() => {
            session.hold_reset(digest).await
        }
        _ => session.drop_reset().await,
    }
}

/// What the session holds: a reset link that still works, a password just set, or neither.
pub async fn link_works() -> Result<ResetLink, AppError> {
    let context = AppContext::current()?;
    let session = VisitorSession::current().await?;
    Ok(match session.held_reset().await? {
        (Some(digest), _) if reset_tokens::peek(&context.pool, &digest).await?.is_some() => {
            ResetLink::Works
        }
        (None, true) => ResetLink::PasswordSet,
        _ => ResetLink::Invalid,
    })
}

/// Sets the password through the reset link the session holds (once), ends every other link of
/// the user and signs out every session of theirs.
pub async fn reset_password(new: &str, confirm: &str) -> Result<(), AppError> {
    let context = AppContext::current()?;
    let session = VisitorSession::current().await?;
    let expired = || AppError::BadRequest(Msg::new("accounts-reset-link-invalid"));
    let digest = session.held_reset().await?.0.ok_or_else(expired)?;
    let user_id = reset_tokens::peek(&context.pool, &digest)
        .await?
        .ok_or_else(expired)?;
    let user = users::by_id(&context.pool, user_id)
        .await?
        .filter(users::User::active)
        .ok_or_else(expired)?;
    new_password_checked(new, confirm, &user.username)?;
    let hash = context.accounts.hasher.hash(new.to_string()).await?;
    // Redeeming checks the link again in the transaction that sets the password.
    let mut tx = context.pool.begin_write().await?;
    if reset_tokens::redeem(&mut tx, &digest).await? != Some(user.id) {
        return Err(expired());
    }
    users::set_password(&mut tx, user.id, &hash, None).await?;
    tx.commit().await?;
    session.finish_reset().await?;
    end_sign_ins(&context, user.id, Which::All).await
}

#[cfg(test)]
mod tests {
    use super::*;

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
