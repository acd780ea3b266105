//! The audit log: who changed what, and when, written in the change's own transaction so the
//! log and the catalog cannot disagree.
use super::session::account::LoggedIn;

/// Adds an entry for `who` doing `action` (`lend`, `save author`…) with `detail`.
pub async fn record(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    who: &LoggedIn,
    action: &str,
    detail: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (at, user_id, username, action, detail) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(time::OffsetDateTime::now_utc().unix_timestamp())
    .bind(who.user_id)
    .bind(who.username.as_str())
    .bind(action)
    .bind(detail)
    .execute(&mut **tx)
    .await
    .map(drop)
}
