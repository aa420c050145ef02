//! The one way e-mail leaves the portal: messages are written to the `outbox` table inside the
//! transaction of the change that causes them (so nothing is sent for a change that did not
//! happen), and a background task delivers them by SMTP (lettre) when `HVW_SMTP_URL` is set,
//! retrying a failed message a few times. Without SMTP settings a message stays in the outbox
//! and the log says so (by id: addresses and links never go to the log); the development-only
//! page `/dev/outbox` shows them when switched on.
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

impl Email {
    /// An e-mail from a subject and a body of the locale files (`email.*`), their `{name}`
    /// placeholders filled from `values`.
    pub fn from_templates(
        recipient: &str,
        subject: &str,
        body: &str,
        values: &[(&str, &str)],
    ) -> Email {
        let fill = |template: &str| {
            values
                .iter()
                .fold(template.to_string(), |text, (name, value)| {
                    text.replace(&format!("{{{name}}}"), value)
                })
        };
        Email {
            recipient: recipient.to_string(),
            subject: fill(subject),
            body: fill(body),
        }
    }
}

/// A one-time link by e-mail: who the token is for, and the mail it travels in.
pub struct TokenLink<'a> {
    pub purpose: super::auth::TokenPurpose,
    pub user_id: Option<i64>,
    pub organisation_id: Option<i64>,
    /// The address the token is bound to (invitations), if any.
    pub bound_email: Option<&'a str>,
    pub recipient: &'a str,
    /// Subject and body templates from the locale files; `{link}` is the link.
    pub subject: &'a str,
    pub body: &'a str,
    /// Other placeholders of the templates.
    pub values: &'a [(&'a str, &'a str)],
}

impl<'a> TokenLink<'a> {
    /// A link for one user's account (confirmation, password reset), with no other placeholders.
    pub fn for_user(
        purpose: super::auth::TokenPurpose,
        user_id: i64,
        recipient: &'a str,
        subject: &'a str,
        body: &'a str,
    ) -> Self {
        TokenLink {
            purpose,
            user_id: Some(user_id),
            organisation_id: None,
            bound_email: None,
            recipient,
            subject,
            body,
            values: &[],
        }
    }
}

/// Issues a one-time token and queues the e-mail with its link, in the caller's transaction:
/// both happen or neither. Returns the link's path (with the token).
pub async fn send_token_link(
    conn: &mut sqlx::AnyConnection,
    public_url: &str,
    link: TokenLink<'_>,
) -> Result<String, DbError> {
    let token = super::auth::issue_token(
        &mut *conn,
        link.purpose,
        link.user_id,
        link.organisation_id,
        link.bound_email,
    )
    .await?;
    let path = format!("{}?token={token}", link.purpose.page());
    let url = format!("{public_url}{path}");
    let mut values = vec![("link", url.as_str())];
    values.extend_from_slice(link.values);
    enqueue(
        conn,
        &Email::from_templates(link.recipient, link.subject, link.body, &values),
    )
    .await?;
    Ok(path)
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

/// The newest messages, newest first; only those to `recipient` when one is given.
pub async fn recent(
    db: &Db,
    recipient: Option<&str>,
    limit: i64,
) -> Result<Vec<OutboxMessage>, DbError> {
    let rows = sqlx::query(
        "SELECT id, recipient, subject, body, created_at, sent_at FROM outbox \
         WHERE $1 = '' OR recipient = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(recipient.unwrap_or_default())
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

/// Where and as whom to send, when SMTP is configured.
#[derive(Debug, Clone)]
pub struct SmtpSettings {
    /// `smtp://user:pass@host:587?tls=required`, `smtps://host:465`, or `smtp://host:25`.
    pub url: String,
    /// The From address, e.g. `Huis van Werk <noreply@example.nl>`.
    pub from: String,
}

/// How often a message is tried before it is left for a person to look at.
const MAX_ATTEMPTS: i64 = 5;

/// Delivers queued messages every few seconds, for as long as the server runs: by SMTP when
/// `smtp` is given, else it logs each new message once (by id) and keeps it in the outbox.
pub async fn run_sender(db: Db, smtp: Option<SmtpSettings>) {
    use lettre::{AsyncSmtpTransport, Tokio1Executor};
    let transport = match &smtp {
        Some(settings) => match AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.url) {
            Ok(builder) => Some((builder.build(), settings.from.clone())),
            Err(error) => {
                tracing::error!(%error, "HVW_SMTP_URL is not a valid SMTP URL: e-mail stays in the outbox");
                None
            }
        },
        None => None,
    };
    let mut last_seen = 0i64;
    loop {
        let result = match &transport {
            Some((transport, from)) => deliver(&db, transport, from).await,
            None => note_unsent(&db, &mut last_seen).await,
        };
        if let Err(error) = result {
            tracing::warn!(%error, "outbox run failed");
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

async fn note_unsent(db: &Db, last_seen: &mut i64) -> Result<(), DbError> {
    let rows =
        sqlx::query("SELECT id, subject FROM outbox WHERE id > $1 AND sent_at IS NULL ORDER BY id")
            .bind(*last_seen)
            .fetch_all(db.pool())
            .await?;
    for row in rows {
        let id: i64 = row.try_get(0)?;
        let subject: String = row.try_get(1)?;
        tracing::info!(outbox_id = id, %subject, "e-mail stored in the outbox (no SMTP configured)");
        *last_seen = (*last_seen).max(id);
    }
    Ok(())
}

async fn deliver(
    db: &Db,
    transport: &lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
    from: &str,
) -> Result<(), DbError> {
    use lettre::message::{header::ContentType, Message};
    use lettre::AsyncTransport;
    let rows = sqlx::query(
        "SELECT id, recipient, subject, body FROM outbox WHERE sent_at IS NULL AND attempts < $1 ORDER BY id LIMIT 50",
    )
    .bind(MAX_ATTEMPTS)
    .fetch_all(db.pool())
    .await?;
    for row in rows {
        let id: i64 = row.try_get(0)?;
        let recipient: String = row.try_get(1)?;
        let subject: String = row.try_get(2)?;
        let body: String = row.try_get(3)?;
        let message = match (from.parse(), recipient.parse()) {
            (Ok(from), Ok(to)) => Message::builder()
                .from(from)
                .to(to)
                .subject(subject)
                .header(ContentType::TEXT_PLAIN)
                .body(body)
                .map_err(|e| e.to_string()),
            _ => Err("invalid From or To address".to_string()),
        };
        let outcome = match message {
            Ok(message) => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Err(error) => Err(error),
        };
        match outcome {
            Ok(()) => {
                sqlx::query("UPDATE outbox SET sent_at = $1, attempts = attempts + 1, last_error = NULL WHERE id = $2")
                    .bind(now())
                    .bind(id)
                    .execute(db.pool())
                    .await?;
                tracing::info!(outbox_id = id, "e-mail sent");
            }
            Err(error) => {
                // The error text can name the recipient: it goes to the outbox row, not the log.
                sqlx::query(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = $1 WHERE id = $2",
                )
                .bind(&error)
                .bind(id)
                .execute(db.pool())
                .await?;
                tracing::warn!(outbox_id = id, "e-mail not sent; will retry");
            }
        }
    }
    Ok(())
}
