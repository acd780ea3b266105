//! The members' queries (server only). A role or activity change is one guarded UPDATE that
//! keeps at least one active librarian, so two librarians demoting each other at once cannot
//! leave the library without one.
use super::model::{MemberLoan, MemberRow};
use crate::{
    catalog::list_query::{fetch_page, Bind, WINDOW_COUNT},
    server::db::{Dialect, Pool},
    ui::paging::Page,
};

const COLUMNS: &str = "username, email, is_librarian, is_active, last_login";

/// One page of the accounts, by username, all or those whose username or email contains
/// `pattern` (a LIKE pattern, lower case). A scan of `users`, which holds people, not books.
pub async fn list(
    pool: &Pool,
    pattern: Option<String>,
    page: u32,
    per_page: u32,
) -> Result<Page<MemberRow>, sqlx::Error> {
    let (filter, binds) = match pattern {
        Some(pattern) => (
            " WHERE username_key LIKE $1 ESCAPE '\\' OR email_key LIKE $1 ESCAPE '\\'",
            vec![Bind::Text(pattern)],
        ),
        None => ("", Vec::new()),
    };
    let sql = format!(
        "SELECT {COLUMNS}, {WINDOW_COUNT} AS total_rows FROM users{filter} ORDER BY username_key"
    );
    fetch_page(pool, &sql, &binds, page, per_page).await
}

/// The account called `username_key`, with its id.
pub async fn by_key(pool: &Pool, key: &str) -> Result<Option<(i64, MemberRow)>, sqlx::Error> {
    let row: Option<(i64, String, String, i64, i64, Option<i64>)> = sqlx::query_as(&format!(
        "SELECT id, {COLUMNS} FROM users WHERE username_key = $1"
    ))
    .bind(key)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(
        |(id, username, email, is_librarian, is_active, last_login)| {
            (
                id,
                MemberRow {
                    username,
                    email,
                    is_librarian,
                    is_active,
                    last_login,
                },
            )
        },
    ))
}

/// How many devices `user_id` is signed in on.
pub async fn sign_in_count(pool: &Pool, user_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM sign_ins WHERE user_id = $1")
        .bind(user_id)
        .fetch_one(pool)
        .await
}

/// How many active librarians other than `user_id` can log in.
pub async fn other_librarians(pool: &Pool, user_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE is_librarian = 1 AND is_active = 1 AND id <> $1 \
         AND password_hash NOT LIKE '!%'",
    )
    .bind(user_id)
    .fetch_one(pool)
    .await
}

/// The copies `user_id` has on loan, by due date.
pub async fn loans(pool: &Pool, user_id: i64) -> Result<Vec<MemberLoan>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id AS copy_id, c.book_id, b.title AS book_title, c.due_back \
         FROM book_instances c JOIN books b ON b.id = c.book_id \
         WHERE c.borrower_id = $1 AND c.status = 'o' ORDER BY c.due_back, c.id",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await
}

/// The condition that another active librarian than `$2` remains, one who can log in (a new
/// librarian who has not chosen a password yet cannot act, so does not count).
const ANOTHER_LIBRARIAN: &str = "(SELECT COUNT(*) FROM users o \
     WHERE o.is_librarian = 1 AND o.is_active = 1 AND o.id <> $2 \
     AND o.password_hash NOT LIKE '!%') > 0";

/// On PostgreSQL, locks every active librarian's row first: two transactions changing two
/// librarians then run one after the other, and the second counts what the first left.
/// SQLite needs nothing: its write statement holds the database's one write lock from the start.
async fn lock_librarians(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    dialect: Dialect,
) -> Result<(), sqlx::Error> {
    if dialect == Dialect::Postgres {
        sqlx::query(
            "SELECT id FROM users WHERE is_librarian = 1 AND is_active = 1 ORDER BY id FOR UPDATE",
        )
        .fetch_all(&mut **tx)
        .await?;
    }
    Ok(())
}

/// What a guarded change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    Done,
    /// Nothing to do: the account already had that role or activity.
    Already,
    /// Refused: it would leave no active librarian.
    LastLibrarian,
    /// The account is gone (removed meanwhile).
    Gone,
}

/// The two yes/no columns a librarian changes on an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// `is_librarian`: the role.
    Librarian,
    /// `is_active`: whether the account can log in.
    Active,
}

impl Flag {
    fn column(self) -> &'static str {
        match self {
            Flag::Librarian => "is_librarian",
            Flag::Active => "is_active",
        }
    }

    /// The other column: turning this one off takes an active librarian away only when that
    /// one is on too.
    fn other(self) -> &'static str {
        match self {
            Flag::Librarian => "is_active",
            Flag::Active => "is_librarian",
        }
    }
}

/// Turns `flag` on or off for `user_id`; turning off (a demotion, a deactivation) only while
/// another active librarian remains.
pub async fn set(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    dialect: Dialect,
    user_id: i64,
    flag: Flag,
    on: bool,
) -> Result<Changed, sqlx::Error> {
    lock_librarians(tx, dialect).await?;
    let column = flag.column();
    let mut sql = format!("UPDATE users SET {column} = $1 WHERE id = $2 AND {column} <> $1");
    if !on {
        sql.push_str(&format!(
            " AND ({} = 0 OR {ANOTHER_LIBRARIAN})",
            flag.other()
        ));
    }
    let done = sqlx::query(&sql)
        .bind(i64::from(on))
        .bind(user_id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    if done > 0 {
        return Ok(Changed::Done);
    }
    let now: Option<i64> = sqlx::query_scalar(&format!("SELECT {column} FROM users WHERE id = $1"))
        .bind(user_id)
        .fetch_optional(&mut **tx)
        .await?;
    let Some(now) = now else {
        return Ok(Changed::Gone);
    };
    Ok(if (now != 0) == on {
        Changed::Already
    } else {
        Changed::LastLibrarian
    })
}
