//! What coordinators are told about their queues (`super::pages::Queue`): the addresses of
//! everyone who works them, and the daily digest of what is still open — one e-mail per
//! coordinator or admin a day, only when something is open. Once a day across every server
//! instance: the day is claimed in `digest_days` in the same transaction that queues the
//! e-mails, so two instances sharing one PostgreSQL never both send it.
use std::time::Duration;

use sqlx::AnyConnection;

use super::auth::now;
use super::outbox::{self, Email};
use super::{AppState, DbError};
use crate::domain::date::Date;
use crate::i18n::*;

/// The digest goes out from this hour (UTC) on: 08:00 in the Dutch winter, 09:00 in summer.
pub const SEND_FROM_UTC_HOUR: i64 = 7;

/// How often the job looks whether today's digest is due.
const CHECK_EVERY: Duration = Duration::from_secs(600);

/// The addresses of every coordinator and admin whose account is enabled.
pub async fn staff_addresses(conn: &mut AnyConnection) -> Result<Vec<String>, DbError> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT email FROM users WHERE role IN ('coordinator', 'admin') AND disabled_at IS NULL \
         ORDER BY id",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(email,)| email).collect())
}

/// Sends the digest of day `at` (unix seconds, UTC day) if no instance sent it yet. Returns the
/// number of e-mails queued (0: already sent today, or nothing open).
pub async fn send_daily(state: &AppState, at: i64) -> Result<usize, DbError> {
    let day = Date::from_days_since_epoch(at.div_euclid(86_400));
    let sent: Option<i64> = sqlx::query_scalar("SELECT sent_at FROM digest_days WHERE day = $1")
        .bind(day.to_string())
        .fetch_optional(state.db.pool())
        .await?;
    if sent.is_some() {
        return Ok(0); // the usual case: counting every queue again would be wasted
    }
    let locale = Locale::nl;
    let mut lines = Vec::new();
    for queue in state.queues.iter() {
        let open = (queue.open)(state.clone()).await?;
        if open > 0 {
            lines.push(
                td_string!(locale, email.digest_line)
                    .replace("{queue}", queue.title.0)
                    .replace("{open}", &open.to_string())
                    .replace(
                        "{link}",
                        &format!("{}{}", state.site.public_url, queue.path),
                    ),
            );
        }
    }
    let mut tx = state.db.begin_write().await?;
    let claimed = sqlx::query(
        "INSERT INTO digest_days (day, sent_at) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING",
    )
    .bind(day.to_string())
    .bind(at)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed == 0 {
        return Ok(0);
    }
    let recipients = if lines.is_empty() {
        Vec::new()
    } else {
        staff_addresses(&mut tx).await?
    };
    let date = day.dutch();
    let list = lines.join("\n");
    for recipient in &recipients {
        outbox::enqueue(
            &mut tx,
            &Email::from_templates(
                recipient,
                td_string!(locale, email.digest_subject),
                td_string!(locale, email.digest_body),
                &[
                    ("date", date.as_str()),
                    ("queues", list.as_str()),
                    ("link", &format!("{}/beheer", state.site.public_url)),
                ],
            ),
        )
        .await?;
    }
    tx.commit().await?;
    if !recipients.is_empty() {
        tracing::info!(emails = recipients.len(), "daily digest queued");
    }
    Ok(recipients.len())
}

/// The digest job: every ten minutes, from [`SEND_FROM_UTC_HOUR`] on, sends today's digest if
/// it was not sent yet. Runs until aborted.
pub async fn run(state: AppState) {
    let mut tick = tokio::time::interval(CHECK_EVERY);
    loop {
        tick.tick().await;
        let at = now();
        if at.rem_euclid(86_400) / 3600 < SEND_FROM_UTC_HOUR {
            continue;
        }
        if let Err(error) = send_daily(&state, at).await {
            tracing::warn!(%error, "the daily digest failed");
        }
    }
}
