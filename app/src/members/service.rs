//! Server side of the members' administration: the librarian check, the rules no change may
//! break (no one demotes or deactivates themselves, the last active librarian stays), each
//! change one transaction with its audit entry, and what makes a change felt at once: a
//! deactivated member's sign-ins are deleted, and every change drops the member's sign-ins from
//! this server's cache so their next request reads their role and activity again.
use super::{
    model::{MemberDetail, MemberRow},
    rules::{check_new_member, search_pattern},
    sql::{self, Changed, Flag},
};
use crate::server::db::BeginWrite;
use crate::{
    accounts::{rules::username_key, service::require_librarian},
    error::{AppError, FieldErrors},
    i18n::{Lang, Msg},
    server::{
        audit,
        context::AppContext,
        db::Dialect,
        reset_tokens,
        session::account::LoggedIn,
        sign_ins::{self, Which},
    },
    ui::paging::{ssr::requested_page, Page},
};

/// How long the link in a new member's mail works: three days.
pub const INVITE_VALID_FOR_SECONDS: i64 = 72 * 3600;

/// Django's mark of an account without a usable password: no password matches it.
const NO_PASSWORD: &str = "!";

fn no_such_member() -> AppError {
    AppError::NotFound(Msg::new("members-no-such-member"))
}

async fn librarian(here: &str) -> Result<LoggedIn, AppError> {
    Ok(require_librarian(here).await?.0)
}

/// One page of the accounts, optionally searched by username or email.
pub async fn list(page: Option<&str>, q: Option<&str>) -> Result<Page<MemberRow>, AppError> {
    librarian("/accounts/members").await?;
    let (page, per_page) = requested_page(page).await?;
    let pool = AppContext::current()?.pool;
    Ok(sql::list(&pool, search_pattern(q), page, per_page).await?)
}

/// The page of the member called `username`.
pub async fn detail(username: &str) -> Result<MemberDetail, AppError> {
    let key = username_key(username);
    let who = librarian(&format!("/accounts/members/{key}")).await?;
    let pool = AppContext::current()?.pool;
    let (id, member) = sql::by_key(&pool, &key).await?.ok_or_else(no_such_member)?;
    let (sign_ins, loans, librarians) = tokio::try_join!(
        sql::sign_in_count(&pool, id),
        sql::loans(&pool, id),
        sql::other_librarians(&pool, id),
    )?;
    let last_librarian = member.librarian() && member.active() && librarians == 0;
    Ok(MemberDetail {
        member,
        sign_ins,
        loans,
        is_self: id == who.user_id,
        last_librarian,
    })
}

/// Checks that the current user may add members.
pub async fn may_add() -> Result<(), AppError> {
    librarian("/accounts/members/create").await.map(drop)
}

/// The invitation mail's subject and body, in `lang`.
pub fn invite_mail(lang: Lang, username: &str, link: &str) -> (String, String) {
    let subject = crate::i18n::text(lang, "members-invite-mail-subject");
    let body = Msg::new("members-invite-mail-body")
        .with("username", username)
        .with("link", link)
        .text(lang);
    (subject, format!("{body}\n"))
}

/// Adds a member (a librarian if `librarian`) without a password, and mails them a link to set
/// one. A mail that cannot be sent undoes the account: nothing is left that nobody knows of.
pub async fn add(username: &str, email: &str, librarian_role: bool) -> Result<String, AppError> {
    let who = librarian("/accounts/members/create").await?;
    let (username, email) = check_new_member(username, email).map_err(|errors| {
        let mut fields = FieldErrors::default();
        for (field, message) in errors {
            fields.set(field, message);
        }
        AppError::Invalid(fields)
    })?;
    let context = AppContext::current()?;
    let pool = &context.pool;
    let mut tx = pool.begin_write().await?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO users (username, username_key, email, email_key, password_hash, \
         is_librarian, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (username_key) DO NOTHING RETURNING id",
    )
    .bind(username)
    .bind(username_key(username))
    .bind(email)
    .bind(email.to_lowercase())
    .bind(NO_PASSWORD)
    .bind(i64::from(librarian_role))
    .bind(time::OffsetDateTime::now_utc().unix_timestamp())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        let mut fields = FieldErrors::default();
        fields.set("username", Msg::new("members-username-taken"));
        return Err(AppError::Invalid(fields));
    };
    let token = reset_tokens::create_in(&mut tx, id, INVITE_VALID_FOR_SECONDS).await?;
    let role = if librarian_role {
        "librarian"
    } else {
        "member"
    };
    audit::record(
        &mut tx,
        &who,
        "add member",
        &format!("{username} <{email}>, {role}"),
    )
    .await?;
    tx.commit().await?;
    let link = format!("{}/accounts/reset/{token}", context.accounts.site_url);
    let (subject, body) = invite_mail(crate::server::language::current(), username, &link);
    // Sent after the commit (an SMTP relay must not hold SQLite's write lock), in a task of
    // its own so that a visitor who leaves meanwhile cannot stop it half-way: if the mail
    // fails, the account goes again and the log says why.
    let (email, name, pool) = (email.to_string(), username.to_string(), pool.clone());
    let mailer = context.accounts.mailer.clone();
    let sent = tokio::spawn(async move {
        let Err(err) = mailer.send(&email, &subject, body).await else {
            return Ok(true);
        };
        tracing::warn!(error = %err, "could not send a new member's mail; the account is removed");
        let mut tx = pool.begin_write().await?;
        sqlx::query("DELETE FROM users WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let detail = format!("{name}: the mail could not be sent");
        audit::record(&mut tx, &who, "remove member", &detail).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(false)
    })
    .await
    .map_err(|_| AppError::Internal)??;
    if !sent {
        return Err(AppError::BadRequest(Msg::new("members-mail-failed")));
    }
    Ok(username.to_string())
}

/// The member called `username` and their id, for a change by `who`, who may not change
/// themselves.
async fn target(who: &LoggedIn, username: &str) -> Result<(i64, MemberRow), AppError> {
    let pool = AppContext::current()?.pool;
    let (id, member) = sql::by_key(&pool, &username_key(username))
        .await?
        .ok_or_else(no_such_member)?;
    if id == who.user_id {
        return Err(AppError::BadRequest(Msg::new("members-not-yourself")));
    }
    Ok((id, member))
}

/// Forgets the member's sign-ins on this server, so their next request reads their role and
/// activity from the database (other servers within the sign-in cache's few seconds).
async fn felt_at_once(context: &AppContext, user_id: i64) -> Result<(), AppError> {
    let tokens: Vec<String> = sign_ins::of_user(&context.pool, user_id)
        .await?
        .into_iter()
        .map(|s| s.token)
        .collect();
    context.accounts.sign_ins.forget(&tokens);
    Ok(())
}

fn refused(changed: Changed) -> Result<(), AppError> {
    match changed {
        Changed::Done | Changed::Already => Ok(()),
        Changed::LastLibrarian => Err(AppError::BadRequest(Msg::new("members-last-librarian"))),
        Changed::Gone => Err(no_such_member()),
    }
}

/// Makes `username` a librarian or a plain member.
pub async fn set_role(username: &str, librarian_role: bool) -> Result<(), AppError> {
    let who = librarian(&format!("/accounts/members/{}", username_key(username))).await?;
    let (id, member) = target(&who, username).await?;
    let context = AppContext::current()?;
    let mut tx = context.pool.begin_write().await?;
    let changed = sql::set(
        &mut tx,
        Dialect::of(&context.pool),
        id,
        Flag::Librarian,
        librarian_role,
    )
    .await?;
    refused(changed)?;
    if changed == Changed::Done {
        let action = if librarian_role {
            "make librarian"
        } else {
            "make member"
        };
        audit::record(&mut tx, &who, action, &member.username).await?;
    }
    tx.commit().await?;
    felt_at_once(&context, id).await
}

/// Deactivates `username` (they cannot log in, and every device of theirs is signed out) or
/// reactivates them.
pub async fn set_active(username: &str, active: bool) -> Result<(), AppError> {
    let who = librarian(&format!("/accounts/members/{}", username_key(username))).await?;
    let (id, member) = target(&who, username).await?;
    let context = AppContext::current()?;
    let mut tx = context.pool.begin_write().await?;
    let changed = sql::set(
        &mut tx,
        Dialect::of(&context.pool),
        id,
        Flag::Active,
        active,
    )
    .await?;
    refused(changed)?;
    if changed == Changed::Done {
        if !active {
            // Their reset links go too: a deactivated account sets no password.
            reset_tokens::delete_for_user(&mut tx, id).await?;
        }
        let action = if active { "reactivate" } else { "deactivate" };
        audit::record(&mut tx, &who, action, &member.username).await?;
    }
    tx.commit().await?;
    if !active {
        let gone = sign_ins::delete(&context.pool, id, Which::All).await?;
        context.accounts.sign_ins.forget(&gone);
    }
    felt_at_once(&context, id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_invitation_names_the_account_and_the_link_in_both_languages() {
        let link = "http://localhost/accounts/reset/t0k3n";
        let (subject, body) = invite_mail(Lang::En, "ada", link);
        assert_eq!(subject, "Your LocalLibrary account");
        assert!(
            body.contains("\"ada\"") && body.contains(&format!("\n\n{link}\n\n")),
            "{body}"
        );
        assert!(body.contains("72 hours"), "{body}");
        let (subject, body) = invite_mail(Lang::Ru, "ada", link);
        assert!(
            subject != "Your LocalLibrary account" && body.contains("«ada»") && body.contains("72")
        );
    }
}
