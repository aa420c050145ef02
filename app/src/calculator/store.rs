//! The calculator's storage (server only): applications (aanmeldingen) from the
//! scholingscalculator: a person asks an advisor to contact them about a scheme. Stored with
//! explicit consent, shown to coordinators in a queue, and deleted a retention period after
//! they were handled.
use sqlx::AnyConnection;

use super::ApplicationRow;
use crate::i18n::*;
use crate::server::audit::{self, Target};
use crate::server::auth::now;
use crate::server::outbox::{self, Email};
use crate::server::{AppState, Db, DbError};

/// What a person sends.
pub struct NewApplication<'a> {
    pub scheme_id: &'a str,
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub preferred_contact: &'a str,
    pub question: &'a str,
    pub answers: &'a str,
    pub language: &'a str,
}

/// Stores an application in the caller's transaction; returns its id and reference.
async fn insert(
    conn: &mut AnyConnection,
    new: &NewApplication<'_>,
) -> Result<(i64, String), DbError> {
    let reference = crate::server::auth::new_reference();
    let at = now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO scheme_applications (reference, scheme_id, name, email, phone, \
         preferred_contact, question, answers, language, consent_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(&reference)
    .bind(new.scheme_id)
    .bind(new.name)
    .bind(new.email)
    .bind(new.phone)
    .bind(new.preferred_contact)
    .bind(new.question)
    .bind(new.answers)
    .bind(new.language)
    .bind(at)
    .bind(at)
    .fetch_one(conn)
    .await?;
    Ok((id, reference))
}

/// Receives an application, in one transaction: it is stored, a confirmation is e-mailed (in
/// `locale`) when the person gave an address, and the audit log notes it. Returns its
/// reference.
pub async fn receive(
    state: &AppState,
    new: &NewApplication<'_>,
    scheme_name: &str,
    locale: Locale,
) -> Result<String, DbError> {
    let mut tx = state.db.begin_write().await?;
    let (id, reference) = insert(&mut tx, new).await?;
    if let Some(email) = new.email {
        let result = format!(
            "{}/scholingscalculator?{}",
            state.site.public_url, new.answers
        );
        let days = state.site.application_retention_days.to_string();
        let by = if new.preferred_contact == "phone" {
            td_string!(locale, email.by_phone)
        } else {
            td_string!(locale, email.by_email)
        };
        outbox::enqueue(
            &mut tx,
            &Email::from_templates(
                email,
                td_string!(locale, email.application_subject),
                td_string!(locale, email.application_body),
                &[
                    ("name", new.name),
                    ("scheme", scheme_name),
                    ("reference", &reference),
                    ("contact", by),
                    ("link", &result),
                    ("days", &days),
                ],
            ),
        )
        .await?;
    }
    // Every coordinator and admin hears of it at once (no personal data in the mail: the
    // reference, the scheme and the link to the queue).
    let queue = format!("{}/beheer/aanmeldingen", state.site.public_url);
    for staff in crate::server::digest::staff_addresses(&mut tx).await? {
        outbox::enqueue(
            &mut tx,
            &Email::from_templates(
                &staff,
                td_string!(Locale::nl, email.staff_new_subject),
                td_string!(Locale::nl, email.staff_new_body),
                &[
                    ("scheme", scheme_name),
                    ("reference", &reference),
                    ("link", &queue),
                ],
            ),
        )
        .await?;
    }
    audit::record(
        &mut tx,
        None,
        "application_received",
        Target::Application(id),
        None,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(application = id, "application received");
    Ok(reference)
}

/// An application as the queue query reads it.
#[derive(sqlx::FromRow)]
struct QueueRow {
    id: i64,
    reference: String,
    scheme_id: String,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    preferred_contact: String,
    question: String,
    answers: String,
    created_at: i64,
    handled_at: Option<i64>,
    granted: i64,
}

impl From<QueueRow> for ApplicationRow {
    fn from(row: QueueRow) -> Self {
        ApplicationRow {
            id: row.id,
            reference: row.reference,
            scheme_id: row.scheme_id,
            name: row.name,
            email: row.email,
            phone: row.phone,
            preferred_contact: row.preferred_contact,
            question: row.question,
            answers: row.answers,
            created_at: row.created_at,
            handled_at: row.handled_at,
            granted: row.granted != 0,
        }
    }
}

/// The queue: open applications first (oldest first), then the handled ones (newest first).
pub async fn queue(db: &Db) -> Result<Vec<ApplicationRow>, DbError> {
    let rows: Vec<QueueRow> = sqlx::query_as(
        "SELECT id, reference, scheme_id, name, email, phone, preferred_contact, question, \
         answers, created_at, handled_at, \
         CAST(CASE WHEN granted THEN 1 ELSE 0 END AS BIGINT) AS granted \
         FROM scheme_applications \
         ORDER BY CASE WHEN status = 'open' THEN 0 ELSE 1 END, \
         CASE WHEN status = 'open' THEN created_at ELSE -handled_at END, id \
         LIMIT 500",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(ApplicationRow::from).collect())
}

/// Marks an open application handled by `by_user`, in one transaction with its audit entry;
/// with `granted`, one place of the scheme's capacity is counted as used. False when there
/// was no open application.
pub async fn mark_handled(
    state: &AppState,
    id: i64,
    by_user: i64,
    granted: bool,
) -> Result<bool, DbError> {
    let mut tx = state.db.begin_write().await?;
    let scheme: Option<String> = sqlx::query_scalar(
        "UPDATE scheme_applications SET status = 'handled', handled_at = $1, handled_by = $2, \
         granted = $3 WHERE id = $4 AND status = 'open' RETURNING scheme_id",
    )
    .bind(now())
    .bind(by_user)
    .bind(granted)
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(scheme) = scheme else {
        return Ok(false);
    };
    if granted {
        sqlx::query("UPDATE schemes SET capacity_used = capacity_used + 1 WHERE id = $1")
            .bind(scheme)
            .execute(&mut *tx)
            .await?;
        // Every instance's copy of the catalogue shows the place taken.
        crate::catalogue::bump(&mut tx).await?;
    }
    audit::record(
        &mut tx,
        Some(by_user),
        "application_handled",
        Target::Application(id),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// The number of applications not yet handled (the queue's count on the beheer start page).
pub async fn open_count(db: &Db) -> Result<i64, DbError> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM scheme_applications WHERE status = 'open'")
            .fetch_one(db.pool())
            .await?,
    )
}

/// Deletes the applications handled more than `retention_days` before `at`. Open ones stay.
pub async fn purge_handled(db: &Db, at: i64, retention_days: u32) -> Result<u64, DbError> {
    let cutoff = at - i64::from(retention_days) * 86_400;
    let done =
        sqlx::query("DELETE FROM scheme_applications WHERE status = 'handled' AND handled_at < $1")
            .bind(cutoff)
            .execute(db.pool())
            .await?;
    Ok(done.rows_affected())
}

/// Purges once and logs what happened. The server runs this before it serves its first request,
/// so the start-up purge never races anything a request (or a test) writes.
pub async fn purge_now(db: &Db, retention_days: u32) {
    match purge_handled(db, now(), retention_days).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(deleted = n, "handled applications past retention deleted"),
        Err(error) => tracing::warn!(%error, "the application retention job failed"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn references_are_readable_and_distinct() {
        let a = crate::server::auth::new_reference();
        let b = crate::server::auth::new_reference();
        assert_eq!(a.len(), 13);
        assert!(a.starts_with("HVW-"));
        assert!(!a.contains(['0', 'O', '1', 'I', 'L']));
        assert_ne!(a, b);
    }
}
