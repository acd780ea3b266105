//! The queue's core, run inside the transaction of whatever freed or claimed a copy. Callers
//! make their first statement a write (SQLite then holds its one write lock from the start, so
//! no other change can slip between their reads and writes) and, on PostgreSQL, call
//! [`lock_book`] first: every change to one book's holds and copies then runs one at a time.
use crate::server::db::Dialect;

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

/// Now, in Unix seconds.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// On PostgreSQL, locks book `book_id`'s row until the transaction ends (SQLite needs nothing:
/// a transaction that writes first already runs alone).
pub async fn lock_book(tx: &mut Tx<'_>, dialect: Dialect, book_id: i64) -> Result<(), sqlx::Error> {
    if dialect == Dialect::Postgres {
        sqlx::query("SELECT id FROM books WHERE id = $1 FOR UPDATE")
            .bind(book_id)
            .fetch_optional(&mut **tx)
            .await?;
    }
    Ok(())
}

/// When a copy kept from `now` for `ready_for` seconds stops waiting: the end of the (UTC) day
/// the period ends on, so the date shown is the whole last day to pick it up. A period under a
/// day (tests) ends exactly.
pub fn deadline(now: i64, ready_for: i64) -> i64 {
    let end = now + ready_for;
    if ready_for < 86_400 {
        return end;
    }
    end.div_euclid(86_400) * 86_400 + 86_399
}

/// A copy kept for a member, to tell them by mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reserved {
    pub username: String,
    pub email: String,
    pub book_title: String,
    /// `YYYY-MM-DD` (UTC).
    pub until: String,
}

/// Copy `copy_id` of book `book_id` is free (its status already `a`): it goes to the first
/// member waiting, as `r` until `ready_for` seconds from now, or stays on the shelf.
pub async fn give_to_next(
    tx: &mut Tx<'_>,
    copy_id: &str,
    book_id: i64,
    ready_for: i64,
) -> Result<Option<Reserved>, sqlx::Error> {
    let until = deadline(now(), ready_for);
    // The queue's order is the order holds were placed in, as the database numbered them
    // (inserts into one book's queue run one at a time): no server's clock decides it. A
    // deactivated member is passed over.
    let user_id: Option<i64> = sqlx::query_scalar(
        "UPDATE holds SET copy_id = $1, ready_until = $2 WHERE id = \
         (SELECT h.id FROM holds h JOIN users u ON u.id = h.user_id \
          WHERE h.book_id = $3 AND h.copy_id IS NULL AND u.is_active = 1 \
          ORDER BY h.id LIMIT 1) RETURNING user_id",
    )
    .bind(copy_id)
    .bind(until)
    .bind(book_id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(user_id) = user_id else {
        return Ok(None);
    };
    sqlx::query("UPDATE book_instances SET status = 'r' WHERE id = $1")
        .bind(copy_id)
        .execute(&mut **tx)
        .await?;
    let (username, email, book_title): (String, String, String) = sqlx::query_as(
        "SELECT u.username, u.email, b.title FROM users u, books b WHERE u.id = $1 AND b.id = $2",
    )
    .bind(user_id)
    .bind(book_id)
    .fetch_one(&mut **tx)
    .await?;
    // The step goes into the audit log with the change that caused it.
    sqlx::query(
        "INSERT INTO audit_log (at, user_id, username, action, detail) \
         SELECT $1, NULL, 'system', 'keep copy', $2",
    )
    .bind(now())
    .bind(format!("copy {copy_id} for {username}"))
    .execute(&mut **tx)
    .await?;
    let date = crate::loans::dates::format_date(until.div_euclid(86_400));
    Ok(Some(Reserved {
        username,
        email,
        book_title,
        until: date,
    }))
}

#[cfg(test)]
mod tests {
    use super::deadline;

    #[test]
    fn a_deadline_is_the_end_of_the_day_it_falls_on() {
        // 2026-12-07 15:00 UTC, seven days: until 2026-12-14 23:59:59 UTC.
        let now = 1_796_655_600;
        assert_eq!(deadline(now, 7 * 86_400), 1_797_292_799);
        assert_eq!(deadline(now, 7 * 86_400).rem_euclid(86_400), 86_399);
        assert_eq!(deadline(now, 5), now + 5, "test periods end exactly");
    }
}

/// The mail telling a member their copy is ready, in English and Russian (the member's
/// language is not known when a background task or a librarian frees the copy).
pub fn ready_mail(reserved: &Reserved, site_url: &str) -> (String, String) {
    use crate::i18n::{Lang, Msg};
    let subject = Msg::new("holds-ready-mail-subject")
        .with("title", reserved.book_title.as_str())
        .text(Lang::En);
    let body = [Lang::En, Lang::Ru]
        .map(|lang| {
            Msg::new("holds-ready-mail-body")
                .with("username", reserved.username.as_str())
                .with("title", reserved.book_title.as_str())
                .with("date", crate::i18n::dates::long_date(lang, &reserved.until))
                .with("link", format!("{site_url}/catalog/mybooks"))
                .text(lang)
        })
        .join("\n\n— \n\n");
    (subject, format!("{body}\n"))
}

/// Sends the ready mails after the change committed, in a task of its own (a failed mail is
/// logged: the hold stands, and "My borrowed" shows it).
pub fn send_ready_mails(context: &crate::server::context::AppContext, reserved: Vec<Reserved>) {
    if reserved.is_empty() {
        return;
    }
    let mailer = context.accounts.mailer.clone();
    let site_url = context.accounts.site_url.clone();
    tokio::spawn(async move {
        for one in reserved {
            if one.email.is_empty() {
                tracing::info!(member = %one.username, "a hold is ready for a member without an email address");
                continue;
            }
            let (subject, body) = ready_mail(&one, &site_url);
            if let Err(err) = mailer.send(&one.email, &subject, body).await {
                tracing::warn!(error = %err, "could not send a hold's ready mail");
            }
        }
    });
}
