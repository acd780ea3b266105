//! The profile table: one row per registered email address.
use super::db::Pool;

/// Now as `YYYY-MM-DDTHH:MM:SSZ`, the format of the profile timestamps.
fn now_utc_text() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
}

/// Creates the profile of `email`, or renames it; returns its id.
pub async fn upsert(pool: &Pool, email: &str, name: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO user_profiles (email, name) VALUES ($1, $2) \
         ON CONFLICT (email) DO UPDATE SET name = excluded.name, updated_at = $3 \
         RETURNING id",
    )
    .bind(email)
    .bind(name)
    .bind(now_utc_text())
    .fetch_one(pool)
    .await
}
