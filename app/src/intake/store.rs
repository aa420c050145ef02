//! The intake's storage (server only): contact requests — the warm handoff. Stored only with
//! explicit consent, shown to coordinators in a queue, and deleted a retention period after
//! they were handled (the applications' period). Nothing else of the intake is stored: a
//! completed intake without contact is only a monitor tally.
use super::IntakeRequestRow;
use crate::i18n::*;
use crate::server::audit::{self, Target};
use crate::server::auth::now;
use crate::server::outbox::{self, Email};
use crate::server::{AppState, Db, DbError};

/// What a person sends with their answers.
pub struct NewRequest<'a> {
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub preferred_contact: &'a str,
    pub message: &'a str,
    /// The intake's answers as a query string.
    pub answers: &'a str,
    pub gemeente: Option<&'a str>,
    /// `fits`, `offered` or `toolbox`.
    pub guidance: &'a str,
    pub language: &'a str,
}

/// Receives a contact request in one transaction: stored, a confirmation e-mailed (in
/// `locale`) when the person gave an address, every coordinator told (no personal data in that
/// mail: the reference and the link to the queue), the audit log noted. Returns the reference.
pub async fn receive(
    state: &AppState,
    new: &NewRequest<'_>,
    locale: Locale,
) -> Result<String, DbError> {
    let reference = crate::server::auth::new_reference();
    let at = now();
    let mut tx = state.db.begin_write().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO intake_requests (reference, name, email, phone, preferred_contact, message, \
         answers, gemeente_code, guidance, language, consent_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(&reference)
    .bind(new.name)
    .bind(new.email)
    .bind(new.phone)
    .bind(new.preferred_contact)
    .bind(new.message)
    .bind(new.answers)
    .bind(new.gemeente)
    .bind(new.guidance)
    .bind(new.language)
    .bind(at)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    if let Some(email) = new.email {
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
                td_string!(locale, email.intake_subject),
                td_string!(locale, email.intake_body),
                &[
                    ("name", new.name),
                    ("reference", &reference),
                    ("contact", by),
                    ("days", &days),
                ],
            ),
        )
        .await?;
    }
    let queue = format!("{}/beheer/intake", state.site.public_url);
    for staff in crate::server::digest::staff_addresses(&mut tx).await? {
        outbox::enqueue(
            &mut tx,
            &Email::from_templates(
                &staff,
                td_string!(Locale::nl, email.intake_staff_subject),
                td_string!(Locale::nl, email.intake_staff_body),
                &[("reference", &reference), ("link", &queue)],
            ),
        )
        .await?;
    }
    audit::record(
        &mut tx,
        None,
        "intake_request_received",
        Target::IntakeRequest(id),
        None,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(intake_request = id, "intake contact request received");
    Ok(reference)
}

/// A request as the queue query reads it.
#[derive(sqlx::FromRow)]
struct QueueRow {
    id: i64,
    reference: String,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    preferred_contact: String,
    message: String,
    answers: String,
    created_at: i64,
    handled_at: Option<i64>,
}

/// The queue: open requests first (oldest first), then the handled ones (newest first).
pub async fn queue(db: &Db) -> Result<Vec<IntakeRequestRow>, DbError> {
    let rows: Vec<QueueRow> = sqlx::query_as(
        "SELECT id, reference, name, email, phone, preferred_contact, message, answers, \
         created_at, handled_at FROM intake_requests \
         ORDER BY CASE WHEN status = 'open' THEN 0 ELSE 1 END, \
         CASE WHEN status = 'open' THEN created_at ELSE -handled_at END, id",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| IntakeRequestRow {
            id: r.id,
            reference: r.reference,
            name: r.name,
            email: r.email,
            phone: r.phone,
            preferred_contact: r.preferred_contact,
            message: r.message,
            answers: r.answers,
            created_at: r.created_at,
            handled_at: r.handled_at,
        })
        .collect())
}

/// Marks an open request handled by `by_user`, with its audit entry. False when there was no
/// open request with this id.
pub async fn mark_handled(state: &AppState, id: i64, by_user: i64) -> Result<bool, DbError> {
    let mut tx = state.db.begin_write().await?;
    let done = sqlx::query(
        "UPDATE intake_requests SET status = 'handled', handled_at = $1, handled_by = $2 \
         WHERE id = $3 AND status = 'open'",
    )
    .bind(now())
    .bind(by_user)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    audit::record(
        &mut tx,
        Some(by_user),
        "intake_request_handled",
        Target::IntakeRequest(id),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// The requests not yet handled (the queue's count on the beheer start page).
pub async fn open_count(db: &Db) -> Result<i64, DbError> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM intake_requests WHERE status = 'open'")
            .fetch_one(db.pool())
            .await?,
    )
}

/// Deletes the requests handled more than `retention_days` before `at`. Open ones stay.
pub async fn purge_handled(db: &Db, at: i64, retention_days: u32) -> Result<u64, DbError> {
    let cutoff = at - i64::from(retention_days) * 86_400;
    let done =
        sqlx::query("DELETE FROM intake_requests WHERE status = 'handled' AND handled_at < $1")
            .bind(cutoff)
            .execute(db.pool())
            .await?;
    Ok(done.rows_affected())
}

/// Purges once and logs what happened (`crate::run_retention` runs it with the applications').
pub async fn purge_now(db: &Db, retention_days: u32) {
    match purge_handled(db, now(), retention_days).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(
            deleted = n,
            "handled intake requests past retention deleted"
        ),
        Err(error) => tracing::warn!(%error, "the intake retention job failed"),
    }
}
