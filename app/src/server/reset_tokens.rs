//! Password-reset tokens: random, valid for an hour, usable once. Only a SHA-256 of each token is
//! stored, so a copy of the database cannot be used to reset anyone's password. Setting a
//! password by any route deletes every link of that user ([`delete_for_user`]), so an older
//! link never outlives the password it was sent to replace.
use super::db::Pool;
use sha2::{Digest, Sha256};

/// How long a reset link works.
pub const VALID_FOR_SECONDS: i64 = 3600;

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// The SHA-256 of `token`, as the table keeps it (and as a session holds an opened link).
pub fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A new token for `user_id`, for the link in the reset mail.
pub async fn create(pool: &Pool, user_id: i64) -> Result<String, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    create_in(&mut conn, user_id, VALID_FOR_SECONDS).await
}

/// A new token for `user_id` that works for `valid_for` seconds, made on `conn` (a new
/// member's link is made in the transaction that adds them).
pub async fn create_in(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    valid_for: i64,
) -> Result<String, sqlx::Error> {
    let token = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    sqlx::query(
        "INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, $3)",
    )
    .bind(digest(&token))
    .bind(user_id)
    .bind(now() + valid_for)
    .execute(conn)
    .await?;
    Ok(token)
}

/// The user the link with `digest` would reset, if it is unused and unexpired (does not use it).
pub async fn peek(pool: &Pool, digest: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT user_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(digest)
    .bind(now())
    .fetch_optional(pool)
    .await
}

/// Deletes every reset link of `user_id`: their password has just been set.
pub async fn delete_for_user(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM password_resets WHERE user_id = $1")
        .bind(user_id)
        .execute(conn)
        .await
        .map(drop)
}

/// Deletes links that have expired (used or not).
pub async fn delete_expired(pool: &Pool) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM password_resets WHERE expires_at < $1")
        .bind(now())
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

/// Uses the link with `digest`: the user it resets, or `None` if it is unknown, used or
/// expired. One statement checks and marks it, so two requests with the same link cannot both
/// succeed.
pub async fn redeem(
    conn: &mut sqlx::AnyConnection,
    digest: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let now = now();
    sqlx::query_scalar(
        "UPDATE password_resets SET used_at = $1 \
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
    )
    .bind(now)
    .bind(digest)
    .fetch_optional(conn)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_is_64_hex_digits_like_a_token() {
        let token = format!(
            "{}{}",
            uuid::Uuid::new_v4().simple(),
            uuid::Uuid::new_v4().simple()
        );
        assert!(crate::accounts::rules::reset_token_well_formed(&token));
        assert!(crate::accounts::rules::reset_token_well_formed(&digest(
            "x"
        )));
    }
}
