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

/// What one registration did to the profile table, so that it can be undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileChange {
    /// The profile registered.
    pub id: i64,
    /// Its name before, or `None` if the registration created it.
    pub previous_name: Option<String>,
}

/// Creates the profile of `email`, or renames it.
pub async fn upsert(pool: &Pool, email: &str, name: &str) -> Result<ProfileChange, sqlx::Error> {
    let previous_name = sqlx::query_scalar("SELECT name FROM user_profiles WHERE email = $1")
        .bind(email)
        .fetch_optional(pool)
        .await?;
    let id = sqlx::query_scalar(
        "INSERT INTO user_profiles (email, name) VALUES ($1, $2) \
         ON CONFLICT (email) DO UPDATE SET name = excluded.name, updated_at = $3 \
         RETURNING id",
    )
    .bind(email)
    .bind(name)
    .bind(now_utc_text())
    .fetch_one(pool)
    .await?;
    Ok(ProfileChange { id, previous_name })
}

/// Takes back `change`: a registration whose session could not be saved must not leave a
/// profile behind that nobody is signed in to.
pub async fn undo(pool: &Pool, change: &ProfileChange) -> Result<(), sqlx::Error> {
    let query = match &change.previous_name {
        None => sqlx::query("DELETE FROM user_profiles WHERE id = $1").bind(change.id),
        Some(name) => sqlx::query("UPDATE user_profiles SET name = $2 WHERE id = $1")
            .bind(change.id)
            .bind(name.as_str()),
    };
    query.execute(pool).await.map(drop)
}
