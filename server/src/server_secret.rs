//! The server's secret, which signs the test cookie: `SECRET_KEY` when it is set, otherwise a
//! random key kept in the database (`app_secrets`, migration 0009), so that every server sharing
//! the database signs and checks alike, and a restart keeps cookies already handed out valid.
//! The key is never logged: [`ServerSecret`] prints `[redacted]`.
use crate::config::Config;
use app::server::{
    db::Pool,
    signing::{SecretError, ServerSecret},
};

/// The row of `app_secrets` holding the key.
const NAME: &str = "signing_key";

/// Why the secret could not be had.
#[derive(Debug, thiserror::Error)]
pub enum ServerSecretError {
    #[error("cannot read or store the server secret in the app_secrets table: {0}")]
    Db(#[from] sqlx::Error),
    #[error("unusable server secret: {0}")]
    Unusable(#[from] SecretError),
}

/// `SECRET_KEY`, or the database's key (created first if there is none).
pub async fn load(config: &Config, pool: &Pool) -> Result<ServerSecret, ServerSecretError> {
    if let Some(key) = &config.session.secret_key {
        return Ok(ServerSecret::new(key.expose().as_bytes())?);
    }
    Ok(ServerSecret::new(stored_key(pool).await?.as_bytes())?)
}

/// The key in `app_secrets`. Servers starting together each offer a random key; the first insert
/// wins and everyone reads that one back.
async fn stored_key(pool: &Pool) -> Result<String, sqlx::Error> {
    // 244 random bits from the operating system's generator (two version-4 UUIDs).
    let offered = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    sqlx::query(
        "INSERT INTO app_secrets (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
    )
    .bind(NAME)
    .bind(offered)
    .execute(pool)
    .await?;
    sqlx::query_scalar("SELECT secret FROM app_secrets WHERE name = $1")
        .bind(NAME)
        .fetch_one(pool)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_database_key_is_made_once_and_then_kept() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/lib.db", dir.path().display());
        let pool = crate::db::connect_for_test(&url).await;
        crate::db::migrate(&pool).await.unwrap();
        let first = stored_key(&pool).await.unwrap();
        assert_eq!(first.len(), 64);
        assert_eq!(
            stored_key(&pool).await.unwrap(),
            first,
            "a second server reads the same"
        );
        let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM app_secrets")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(rows, 1);
    }
}
