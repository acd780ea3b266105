//! Synthetic members for a synthetic catalog, so "All borrowed books" has borrowers: accounts
//! with an unusable password (nobody can log in as them), each lent some of the copies on loan.
use sqlx::{Any, Transaction};

/// How many synthetic members share the synthetic loans.
pub const MEMBERS: u64 = 100;

/// Creates `member-0` … `member-99` (if missing) and lends them the copies on loan of the books
/// from `first_book` on; returns how many loans now have a borrower.
pub async fn lend_to_members(
    tx: &mut Transaction<'_, Any>,
    first_book: i64,
) -> Result<u64, sqlx::Error> {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    for n in 0..MEMBERS {
        let name = format!("member-{n}");
        // "!" is not a password hash, so no password ever matches it (Django's unusable password).
        sqlx::query(
            "INSERT INTO users (username, username_key, email, email_key, password_hash, is_librarian, created_at) \
             VALUES ($1, $1, $2, $2, '!', 0, $3) ON CONFLICT (username_key) DO NOTHING",
        )
        .bind(name.as_str())
        .bind(format!("{name}@members.invalid"))
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    let lent = sqlx::query(
        "UPDATE book_instances SET borrower_id = \
           (SELECT id FROM users WHERE username_key = 'member-' || CAST(book_instances.book_id % 100 AS TEXT)) \
         WHERE status = 'o' AND book_id >= $1",
    )
    .bind(first_book)
    .execute(&mut **tx)
    .await?;
    Ok(lent.rows_affected())
}
