//! Password hashes: Argon2id through `password-auth`, computed off the async threads (each takes
//! tens of milliseconds on purpose).
use crate::error::AppError;
use std::sync::OnceLock;

/// Hashes `password` for storing.
pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password))
        .await
        .map_err(|err| AppError::Internal.logged(&err))
}

/// Whether `password` matches `stored`. Without a stored hash (no such user) a hash is still
/// checked, so a wrong username takes as long as a wrong password and tells nothing.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let hash = stored.unwrap_or_else(|| dummy_hash().to_string());
        password_auth::verify_password(password, &hash).is_ok() && known
    })
    .await
    .map_err(|err| AppError::Internal.logged(&err))
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| password_auth::generate_hash("no user has this password"))
}
