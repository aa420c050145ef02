//! The one way e-mail leaves the portal: messages are written to the `outbox` table inside the
//! transaction of the change that causes them (so nothing is sent for a change that did not
//! happen), and a background task delivers them. Without SMTP settings a message stays in the
//! outbox and the log says so (by id: addresses and links never go to the log); the
//! development-only page `/dev/outbox` shows them when switched on.
use std::time::Duration;

use sqlx::Row;

use super::auth::now;
use super::{Db, DbError};

/// An e-mail to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub recipient: String,
    pub subject: String,
    pub body: String,
}

/// A message in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OutboxMessage {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

/// Queues a message inside the caller's transaction.
pub async fn enqueue(conn: &mut sqlx::AnyConnection, email: &Email) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO outbox (recipient, subject, body, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(&email.recipient)
    .bind(&email.subject)
    .bind(&email.body)
    .bind(now())
    .execute(conn)
    .await?;
    Ok(())
}

/// The newest messages, newest first.
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<OutboxMessage>, DbError> {
    let rows = sqlx::query(
        "SELECT id, recipient, subject, body, created_at, sent_at FROM outbox ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(OutboxMessage {
                id: r.try_get(0)?,
                recipient: r.try_get(1)?,
                subject: r.try_get(2)?,
                body: r.try_get(3)?,
                created_at: r.try_get(4)?,
                sent_at: r.try_get(5)?,
            })
        })
        .collect()
}

/// Delivers queued messages every few seconds, for as long as the server runs. No SMTP
/// transport is configured in this build: each new message is logged once by id and kept.
pub async fn run_sender(db: Db) {
    let mut last_seen = 0i64;
    loop {
        match sqlx::query(
            "SELECT id, subject FROM outbox WHERE id > $1 AND sent_at IS NULL ORDER BY id",
        )
        .bind(last_seen)
        .fetch_all(db.pool())
        .await
        {
            Ok(rows) => {
                for row in rows {
                    let id: i64 = row.try_get(0).unwrap_or_default();
                    let subject: String = row.try_get(1).unwrap_or_default();
                    tracing::info!(outbox_id = id, %subject, "e-mail stored in the outbox (no SMTP configured)");
                    last_seen = last_seen.max(id);
                }
            }
            Err(error) => tracing::warn!(%error, "outbox check failed"),
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}
