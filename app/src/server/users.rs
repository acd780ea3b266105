//! The users table: accounts that log in (as opposed to the profiles a session registers).
use super::db::Pool;
use crate::accounts::rules::username_key;

/// One user as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub email: String,
    pub password_hash: String,
    /// 1 for librarians (an integer: SQLite has no boolean, and both databases share the query).
    pub is_librarian: i64,
    /// 0 once a librarian deactivated the account: it cannot log in.
    pub is_active: i64,
}

impl User {
    /// Whether this user may use the librarian pages.
    pub fn librarian(&self) -> bool {
        self.is_librarian != 0
    }

    /// Whether the account may log in.
    pub fn active(&self) -> bool {
        self.is_active != 0
    }
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

const COLUMNS: &str = "id, username, email, password_hash, is_librarian, is_active";

/// The user called `username`, whatever its case.
pub async fn by_username(pool: &Pool, username: &str) -> Result<Option<User>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM users WHERE username_key = $1"
    ))
    .bind(username_key(username))
    .fetch_optional(pool)
    .await
}

/// The user with `id`.
pub async fn by_id(pool: &Pool, id: i64) -> Result<Option<User>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// The users whose email is `email` (compared without case; an email may serve several).
pub async fn by_email(pool: &Pool, email: &str) -> Result<Vec<User>, sqlx::Error> {
    let email = email.trim().to_lowercase();
    if email.is_empty() {
        // Accounts made without an address have an empty one: it names nobody.
        return Ok(Vec::new());
    }
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM users WHERE email_key = $1 ORDER BY id"
    ))
    .bind(email)
    .fetch_all(pool)
    .await
}

/// Adds a user; `Ok(None)` if the username is taken.
pub async fn create(
    pool: &Pool,
    username: &str,
    email: &str,
    password_hash: &str,
    librarian: bool,
) -> Result<Option<i64>, sqlx::Error> {
    let inserted = sqlx::query_scalar(
        "INSERT INTO users (username, username_key, email, email_key, password_hash, is_librarian, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (username_key) DO NOTHING RETURNING id",
    )
    .bind(username.trim())
    .bind(username_key(username))
    .bind(email.trim())
    .bind(email.trim().to_lowercase())
    .bind(password_hash)
    .bind(i64::from(librarian))
    .bind(now())
    .fetch_optional(pool)
    .await?;
    Ok(inserted)
}

/// Replaces the password hash of user `id` (only if it is still `replacing`, when given), and
/// ends every reset link they have, in the transaction of `conn` (the caller commits). Whether
/// the password was replaced.
pub async fn set_password(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    password_hash: &str,
    replacing: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE users SET password_hash = $1 WHERE id = $2 AND ($3 IS NULL OR password_hash = $3)",
    )
    .bind(password_hash)
    .bind(id)
    .bind(replacing)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    super::reset_tokens::delete_for_user(conn, id).await?;
    Ok(true)
}

/// Records a successful login.
pub async fn logged_in(pool: &Pool, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET last_login = $1 WHERE id = $2")
        .bind(now())
        .bind(id)
        .execute(pool)
        .await
        .map(drop)
}
