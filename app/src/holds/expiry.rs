//! The background task that ends holds not picked up in time: the copy passes to the next
//! member waiting (who is mailed), or back to the shelf. Every server runs it; each expired
//! hold is ended by one guarded DELETE, so two servers at once end it once.
use super::queue::{self, lock_book, now};
use crate::server::{context::AppContext, db::Dialect};
use std::time::Duration;

/// Ends every ready hold whose deadline passed; returns how many.
pub async fn expire_due(context: &AppContext) -> Result<usize, sqlx::Error> {
    let pool = &context.pool;
    let due: Vec<(i64, i64)> =
        sqlx::query_as("SELECT id, book_id FROM holds WHERE ready_until < $1 ORDER BY ready_until")
            .bind(now())
            .fetch_all(pool)
            .await?;
    let mut ended = 0;
    for (id, book_id) in due {
        let mut tx = pool.begin().await?;
        lock_book(&mut tx, Dialect::of(pool), book_id).await?;
        // Only one server gets the row; the others find it gone and move on.
        let gone: Option<(Option<String>, i64)> = sqlx::query_as(
            "DELETE FROM holds WHERE id = $1 AND ready_until < $2 RETURNING copy_id, user_id",
        )
        .bind(id)
        .bind(now())
        .fetch_optional(&mut *tx)
        .await?;
        let Some((copy, user_id)) = gone else {
            continue;
        };
        let mut reserved = Vec::new();
        if let Some(copy) = &copy {
            sqlx::query("UPDATE book_instances SET status = 'a' WHERE id = $1 AND status = 'r'")
                .bind(copy.as_str())
                .execute(&mut *tx)
                .await?;
            reserved.extend(
                queue::give_to_next(&mut tx, copy, book_id, context.holds.ready_for_seconds)
                    .await?,
            );
        }
        sqlx::query(
            "INSERT INTO audit_log (at, user_id, username, action, detail) \
             SELECT $1, NULL, 'system', 'hold expired', $2",
        )
        .bind(now())
        .bind(format!("book {book_id}, member {user_id}"))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        ended += 1;
        queue::send_ready_mails(context, reserved);
    }
    Ok(ended)
}

/// Runs [`expire_due`] every minute, or four times per hold period when that is shorter (tests
/// set a period of seconds).
pub fn spawn(context: AppContext) -> tokio::task::JoinHandle<()> {
    let period = u64::try_from(context.holds.ready_for_seconds).unwrap_or(60);
    let every = Duration::from_millis((period * 250).clamp(250, 60_000));
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match expire_due(&context).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(holds = n, "holds not picked up in time were passed on"),
                Err(err) => {
                    tracing::warn!(error = %err, "cannot end expired holds; trying again later")
                }
            }
        }
    })
}
