//! Young people's responses to openings (server only): received without an account, answered
//! by the employer (read, invite, place, decline, each with a message), withdrawn or deleted by
//! the young person through their status link, reminded and deleted by the jobs. Every write is
//! one transaction with its e-mails and its audit entry. Placing takes a place of the opening by
//! a conditional update (`filled < places`), so an opening is never over-filled, also when two
//! employer users place at the same moment.
use sqlx::AnyConnection;

use super::super::{InboxRow, OpeningRow, ResponseEvent, ResponseView};
use super::{OpeningDbRow, SELECT_OPENING};
use crate::domain::stages::{
    Response, ResponseStatus, NO_ANSWER_AFTER_DAYS, REMIND_EMPLOYER_AFTER_DAYS,
};
use crate::i18n::*;
use crate::server::audit::{self, Target};
use crate::server::auth::{digest, new_secret, now};
use crate::server::outbox::{self, Email};
use crate::server::{AppState, Db, DbError};

const DAY: i64 = 86_400;

/// What a young person gets back for a response: the reference to quote, and the token of
/// their private status link (shown once, mailed once; stored only as its digest).
#[derive(Debug, Clone)]
pub struct Received {
    pub reference: String,
    pub token: String,
}

/// The locale of a stored language code.
fn locale_of(language: &str) -> Locale {
    if language == "en" {
        Locale::en
    } else {
        Locale::nl
    }
}

/// The month (`YYYY-MM`, UTC) of a unix time, for the anonymous tallies.
fn month_of(at: i64) -> String {
    let date = crate::domain::date::Date::from_days_since_epoch(at.div_euclid(DAY));
    date.to_string()[..7].to_string()
}

/// Where an event of an opening at `at` is counted: "month|kind|sector|gemeente".
async fn tally_key(conn: &mut AnyConnection, opening: i64, at: i64) -> Result<String, DbError> {
    let (kind, sector, gemeente): (String, String, String) = sqlx::query_as(
        "SELECT x.kind, p.sector, x.gemeente_code FROM openings x \
         JOIN pledges p ON p.id = x.pledge_id WHERE x.id = $1",
    )
    .bind(opening)
    .fetch_one(conn)
    .await?;
    Ok(format!("{}|{kind}|{sector}|{gemeente}", month_of(at)))
}

/// Adds `delta` to the anonymous count of `outcome` under `key` (from [`tally_key`]).
async fn add_tally(
    conn: &mut AnyConnection,
    key: &str,
    outcome: &str,
    delta: i64,
) -> Result<(), DbError> {
    let mut parts = key.splitn(4, '|');
    let mut next = || parts.next().unwrap_or_default().to_string();
    let (month, kind, sector, gemeente) = (next(), next(), next(), next());
    sqlx::query(
        "INSERT INTO response_tallies (month, kind, sector, gemeente_code, outcome, count) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (month, kind, sector, gemeente_code, outcome) \
         DO UPDATE SET count = response_tallies.count + excluded.count",
    )
    .bind(month)
    .bind(kind)
    .bind(sector)
    .bind(gemeente)
    .bind(outcome)
    .bind(delta)
    .execute(conn)
    .await?;
    Ok(())
}

/// Counts `delta` of `outcome` for the opening's kind, sector and gemeente in the month of
/// `at`; returns where it was counted.
pub(super) async fn tally(
    conn: &mut AnyConnection,
    opening: i64,
    outcome: &str,
    at: i64,
    delta: i64,
) -> Result<String, DbError> {
    let key = tally_key(conn, opening, at).await?;
    add_tally(conn, &key, outcome, delta).await?;
    Ok(key)
}

/// The addresses of the enabled, confirmed users of an organisation.
async fn employer_addresses(
    conn: &mut AnyConnection,
    organisation: i64,
) -> Result<Vec<String>, DbError> {
    Ok(sqlx::query_scalar(
        "SELECT email FROM users WHERE organisation_id = $1 AND disabled_at IS NULL \
         AND email_confirmed_at IS NOT NULL ORDER BY id",
    )
    .bind(organisation)
    .fetch_all(conn)
    .await?)
}

/// Receives a response to `opening`, in one transaction: stored with a new reference and status
/// token, counted in the tallies, a confirmation with the status link mailed to the young
/// person (when they gave an address), the employer told (the opening and the link to the
/// inbox; no personal data in that mail), and the audit log. `None` when the opening does not
/// take responses (closed, full, gone, or its pledge not verified by a coordinator).
pub async fn receive(
    state: &AppState,
    opening: i64,
    response: &Response,
    locale: Locale,
) -> Result<Option<Received>, DbError> {
    let mut tx = state.db.begin_write().await?;
    let target: Option<(i64, String)> = sqlx::query_as(
        "SELECT x.organisation_id, x.title FROM openings x JOIN pledges p ON p.id = x.pledge_id \
         WHERE x.id = $1 AND x.status = 'open' AND x.filled < x.places \
         AND p.status = 'verified'",
    )
    .bind(opening)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((organisation, title)) = target else {
        return Ok(None);
    };
    let reference = crate::server::auth::new_reference();
    let token = new_secret();
    let at = now();
    let language = match locale {
        Locale::en => "en",
        _ => "nl",
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO responses (opening_id, organisation_id, reference, token_hash, name, email, \
         phone, school, study, level, motivation, under_16, guardian, language, consent_at, \
         created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
         RETURNING id",
    )
    .bind(opening)
    .bind(organisation)
    .bind(&reference)
    .bind(digest(&token))
    .bind(&response.name)
    .bind(response.email.as_deref())
    .bind(response.phone.as_deref())
    .bind(&response.school)
    .bind(&response.study)
    .bind(response.level.code())
    .bind(&response.motivation)
    .bind(response.under_16)
    .bind(response.guardian.as_deref())
    .bind(language)
    .bind(at)
    .bind(at)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    tally(&mut tx, opening, "received", at, 1).await?;
    if let Some(email) = &response.email {
        let link = status_link(state, &token);
        outbox::enqueue(
            &mut tx,
            &Email::from_templates(
                email,
                td_string!(locale, email.response_subject),
                td_string!(locale, email.response_body),
                &[
                    ("name", &response.name),
                    ("title", &title),
                    ("reference", &reference),
                    ("link", &link),
                ],
            ),
        )
        .await?;
    }
    let inbox = format!(
        "{}/werkgevers/reacties?plek={opening}",
        state.site.public_url
    );
    for address in employer_addresses(&mut tx, organisation).await? {
        outbox::enqueue(
            &mut tx,
            &Email::from_templates(
                &address,
                td_string!(Locale::nl, email.employer_response_subject),
                td_string!(Locale::nl, email.employer_response_body),
                &[("title", &title), ("link", &inbox)],
            ),
        )
        .await?;
    }
    audit::record(
        &mut tx,
        None,
        "response_received",
        Target::Response(id),
        Some(organisation),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Received { reference, token }))
}

/// The status page's address for a token.
pub fn status_link(state: &AppState, token: &str) -> String {
    format!("{}/stages/reactie?sleutel={token}", state.site.public_url)
}

/// A response as its queries read it.
#[derive(sqlx::FromRow)]
struct ResponseDbRow {
    id: i64,
    opening_id: i64,
    reference: String,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    school: String,
    study: String,
    level: String,
    motivation: String,
    under_16: i64,
    guardian: Option<String>,
    status: String,
    created_at: i64,
}

const SELECT_RESPONSE: &str = "SELECT r.id, r.opening_id, r.reference, r.name, r.email, r.phone, \
     r.school, r.study, r.level, r.motivation, \
     CAST(CASE WHEN r.under_16 THEN 1 ELSE 0 END AS BIGINT) AS under_16, r.guardian, r.status, \
     r.created_at FROM responses r";

async fn events(db: &Db, response: i64) -> Result<Vec<ResponseEvent>, DbError> {
    Ok(sqlx::query_as(
        "SELECT response_id, status, message, at FROM response_events \
         WHERE response_id = $1 ORDER BY at, id",
    )
    .bind(response)
    .fetch_all(db.pool())
    .await?)
}

/// What the status page of `token` shows: the response, its opening, the employer's answers,
/// and — when it waited 14 days or more without an answer — other open places of the same
/// kind near the opening. `None` for an unknown token (or a deleted response).
pub async fn by_token(db: &Db, token: &str, at: i64) -> Result<Option<ResponseView>, DbError> {
    let row: Option<ResponseDbRow> =
        sqlx::query_as(&format!("{SELECT_RESPONSE} WHERE r.token_hash = $1"))
            .bind(digest(token))
            .fetch_optional(db.pool())
            .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let opening: OpeningDbRow = sqlx::query_as(&format!("{SELECT_OPENING} WHERE x.id = $1"))
        .bind(row.opening_id)
        .fetch_one(db.pool())
        .await?;
    let mut opening = OpeningRow::from(opening);
    if !opening.show_name {
        opening.organisation = String::new();
    }
    let status = ResponseStatus::parse(&row.status).unwrap_or(ResponseStatus::New);
    let waited_days = (at - row.created_at).div_euclid(DAY);
    let no_answer = status.waits_for_employer() && waited_days >= NO_ANSWER_AFTER_DAYS;
    let similar = if no_answer {
        let filter = super::super::OpeningFilter {
            kind: opening.kind.clone(),
            from: crate::domain::region::main_town(&opening.gemeente)
                .map_or(String::new(), |t| t.code.to_string()),
            km: super::super::NEARBY_KM,
            ..Default::default()
        };
        super::open_openings(db, &filter)
            .await?
            .into_iter()
            .filter(|o| o.id != opening.id)
            .take(5)
            .collect()
    } else {
        Vec::new()
    };
    Ok(Some(ResponseView {
        reference: row.reference,
        name: row.name,
        status: row.status,
        created_at: row.created_at,
        events: events(db, row.id).await?,
        opening,
        no_answer,
        similar,
    }))
}

/// What the young person did through their status link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Own {
    Withdraw,
    Delete,
}

/// What became of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owned {
    Done,
    /// No response has this token (deleted, or never there).
    NoResponse,
    /// It can no longer be withdrawn (declined or withdrawn already, or answered meanwhile).
    NotNow,
}

/// Withdraws or deletes the response of `token`, in one transaction, from the status read
/// first: when the employer (or a second click) changed it in between, nothing is written and
/// the transaction is rolled back. A placed response that is withdrawn gives its place back; a
/// deleted one does not — the placement happened, only the person's data goes (the tallies keep
/// it, anonymously).
pub async fn own_action(db: &Db, token: &str, action: Own) -> Result<Owned, DbError> {
    let mut tx = db.begin_write().await?;
    let row: Option<(i64, i64, i64, String)> = sqlx::query_as(
        "SELECT id, opening_id, organisation_id, status FROM responses WHERE token_hash = $1",
    )
    .bind(digest(token))
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id, opening, organisation, read)) = row else {
        return Ok(Owned::NoResponse);
    };
    let status = ResponseStatus::parse(&read).unwrap_or(ResponseStatus::New);
    if action == Own::Withdraw && !status.can_withdraw() {
        return Ok(Owned::NotNow);
    }
    let at = now();
    let written = match action {
        Own::Withdraw => {
            sqlx::query(
                "UPDATE responses SET status = 'withdrawn', updated_at = $1 \
                 WHERE id = $2 AND status = $3",
            )
            .bind(at)
            .bind(id)
            .bind(&read)
            .execute(&mut *tx)
            .await?
        }
        Own::Delete => {
            sqlx::query("DELETE FROM responses WHERE id = $1 AND status = $2")
                .bind(id)
                .bind(&read)
                .execute(&mut *tx)
                .await?
        }
    };
    if written.rows_affected() == 0 {
        return Ok(Owned::NotNow);
    }
    if action == Own::Withdraw {
        if status == ResponseStatus::Placed {
            unplace(&mut tx, id, opening).await?;
        }
        add_event(&mut tx, id, ResponseStatus::Withdrawn, "", at).await?;
    }
    audit::record(
        &mut tx,
        None,
        match action {
            Own::Withdraw => "response_withdrawn",
            Own::Delete => "response_deleted",
        },
        Target::Response(id),
        Some(organisation),
    )
    .await?;
    tx.commit().await?;
    Ok(Owned::Done)
}

/// Gives back the place a placed response took: one fewer filled in its opening, and one fewer
/// in the count it was placed in.
async fn unplace(conn: &mut AnyConnection, response: i64, opening: i64) -> Result<(), DbError> {
    sqlx::query("UPDATE openings SET filled = filled - 1 WHERE id = $1 AND filled > 0")
        .bind(opening)
        .execute(&mut *conn)
        .await?;
    let key: Option<String> =
        sqlx::query_scalar("SELECT placed_tally FROM responses WHERE id = $1")
            .bind(response)
            .fetch_optional(&mut *conn)
            .await?
            .flatten();
    let key = match key {
        Some(key) => key,
        None => tally_key(conn, opening, now()).await?,
    };
    add_tally(conn, &key, "placed", -1).await?;
    sqlx::query("UPDATE responses SET placed_tally = NULL WHERE id = $1")
        .bind(response)
        .execute(conn)
        .await?;
    Ok(())
}

async fn add_event(
    conn: &mut AnyConnection,
    response: i64,
    status: ResponseStatus,
    message: &str,
    at: i64,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO response_events (response_id, status, message, at) VALUES ($1, $2, $3, $4)",
    )
    .bind(response)
    .bind(status.code())
    .bind(message)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The responses to the openings of `organisation`, newest first, with their events.
pub async fn inbox(db: &Db, organisation: i64) -> Result<Vec<InboxRow>, DbError> {
    let rows: Vec<ResponseDbRow> = sqlx::query_as(&format!(
        "{SELECT_RESPONSE} WHERE r.organisation_id = $1 ORDER BY r.created_at DESC, r.id DESC \
         LIMIT 1000"
    ))
    .bind(organisation)
    .fetch_all(db.pool())
    .await?;
    let all_events: Vec<ResponseEvent> = sqlx::query_as(
        "SELECT e.response_id, e.status, e.message, e.at FROM response_events e \
         JOIN responses r ON r.id = e.response_id WHERE r.organisation_id = $1 \
         ORDER BY e.at, e.id",
    )
    .bind(organisation)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| InboxRow {
            events: all_events
                .iter()
                .filter(|e| e.response_id == r.id)
                .cloned()
                .collect(),
            id: r.id,
            opening_id: r.opening_id,
            reference: r.reference,
            name: r.name,
            email: r.email,
            phone: r.phone,
            school: r.school,
            study: r.study,
            level: r.level,
            motivation: r.motivation,
            under_16: r.under_16 != 0,
            guardian: r.guardian,
            status: r.status,
            created_at: r.created_at,
        })
        .collect())
}

/// What became of an employer's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answered {
    Done,
    /// The organisation has no such response.
    NoResponse,
    /// The response cannot move to that status (any more: another user may have answered it).
    NotNow,
    /// Every place of the opening is filled (or it was closed).
    Full,
}

/// The employer's answer to a response of `organisation`: moves it to `next` with `message`,
/// in one transaction — placing takes a place of the opening only while one is free (a
/// conditional update: two users placing at once can never over-fill it), declining a placed
/// response gives it back; the young person is mailed the answer (when they gave an address)
/// and sees it on their status page.
pub async fn answer(
    db: &Db,
    organisation: i64,
    user: i64,
    id: i64,
    next: ResponseStatus,
    message: &str,
) -> Result<Answered, DbError> {
    let mut tx = db.begin_write().await?;
    let row: Option<(i64, String, Option<String>, String, String, String)> = sqlx::query_as(
        "SELECT r.opening_id, r.status, r.email, r.language, r.reference, x.title \
         FROM responses r JOIN openings x ON x.id = r.opening_id \
         WHERE r.id = $1 AND r.organisation_id = $2",
    )
    .bind(id)
    .bind(organisation)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((opening, current, email, language, reference, title)) = row else {
        return Ok(Answered::NoResponse);
    };
    let current = ResponseStatus::parse(&current).unwrap_or(ResponseStatus::New);
    if !current.employer_next().contains(&next) {
        return Ok(Answered::NotNow);
    }
    let at = now();
    if next == ResponseStatus::Placed {
        let taken = sqlx::query(
            "UPDATE openings SET filled = filled + 1 \
             WHERE id = $1 AND status = 'open' AND filled < places",
        )
        .bind(opening)
        .execute(&mut *tx)
        .await?;
        if taken.rows_affected() == 0 {
            return Ok(Answered::Full);
        }
        let key = tally(&mut tx, opening, "placed", at, 1).await?;
        sqlx::query("UPDATE responses SET placed_tally = $1 WHERE id = $2")
            .bind(key)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    if current == ResponseStatus::Placed {
        unplace(&mut tx, id, opening).await?;
    }
    // Only from the status read above: another user's answer in between leaves nothing to
    // update, and the transaction (with the place it may have taken) is rolled back.
    let answered = next != ResponseStatus::Read;
    let moved = sqlx::query(
        "UPDATE responses SET status = $1, updated_at = $2, \
         answered_at = CASE WHEN $3 THEN COALESCE(answered_at, $2) ELSE answered_at END \
         WHERE id = $4 AND status = $5",
    )
    .bind(next.code())
    .bind(at)
    .bind(answered)
    .bind(id)
    .bind(current.code())
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() == 0 {
        return Ok(Answered::NotNow);
    }
    add_event(&mut tx, id, next, message, at).await?;
    if let Some(email) = email {
        let locale = locale_of(&language);
        let status = super::super::response_status_label(locale, next.code());
        let said = if message.is_empty() {
            String::new()
        } else {
            td_string!(locale, email.answer_message).replace("{message}", message)
        };
        outbox::enqueue(
            &mut tx,
            &Email::from_templates(
                &email,
                td_string!(locale, email.answer_subject),
                td_string!(locale, email.answer_body),
                &[
                    ("title", &title),
                    ("status", status),
                    ("message", &said),
                    ("reference", &reference),
                ],
            ),
        )
        .await?;
    }
    audit::record(
        &mut tx,
        Some(user),
        "response_answered",
        Target::Response(id),
        Some(organisation),
    )
    .await?;
    tx.commit().await?;
    Ok(Answered::Done)
}

/// The reminders of day `at`, each sent once (the rows are claimed by the update that marks
/// them, in the transaction that queues the mails, so two instances never both send):
/// employers with responses waiting 7 days or more get one mail per organisation with how many
/// and the link to their inbox; young people whose response waited 14 days get a mail that
/// says so plainly and points to the board. Returns (employer mails, young people's mails).
pub async fn send_reminders(state: &AppState, at: i64) -> Result<(usize, usize), DbError> {
    let mut tx = state.db.begin_write().await?;
    let claimed: Vec<(i64,)> = sqlx::query_as(
        "UPDATE responses SET reminded_at = $1 \
         WHERE status IN ('new', 'read') AND reminded_at IS NULL AND created_at <= $2 \
         AND opening_id IN (SELECT id FROM openings WHERE status = 'open') \
         RETURNING organisation_id",
    )
    .bind(at)
    .bind(at - REMIND_EMPLOYER_AFTER_DAYS * DAY)
    .fetch_all(&mut *tx)
    .await?;
    let mut organisations: Vec<i64> = claimed.into_iter().map(|(o,)| o).collect();
    organisations.sort_unstable();
    let mut employer_mails = 0;
    for organisation in dedup_counts(&organisations) {
        let (organisation, count) = organisation;
        let link = format!("{}/werkgevers/reacties", state.site.public_url);
        for address in employer_addresses(&mut tx, organisation).await? {
            outbox::enqueue(
                &mut tx,
                &Email::from_templates(
                    &address,
                    td_string!(Locale::nl, email.employer_reminder_subject),
                    td_string!(Locale::nl, email.employer_reminder_body),
                    &[("count", &count.to_string()), ("link", &link)],
                ),
            )
            .await?;
            employer_mails += 1;
        }
    }
    let nudged: Vec<(Option<String>, String, String, i64)> = sqlx::query_as(
        "UPDATE responses SET nudged_at = $1 \
         WHERE status IN ('new', 'read') AND nudged_at IS NULL AND created_at <= $2 \
         RETURNING email, language, reference, opening_id",
    )
    .bind(at)
    .bind(at - NO_ANSWER_AFTER_DAYS * DAY)
    .fetch_all(&mut *tx)
    .await?;
    let mut young_mails = 0;
    for (email, language, reference, opening) in nudged {
        let Some(email) = email else { continue };
        let locale = locale_of(&language);
        let kind: Option<(String, String, String)> =
            sqlx::query_as("SELECT title, kind, gemeente_code FROM openings WHERE id = $1")
                .bind(opening)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((title, kind, gemeente)) = kind else {
            continue;
        };
        let from = crate::domain::region::main_town(&gemeente).map_or("", |t| t.code);
        let board = format!(
            "{}/stages?soort={kind}&vanaf={from}&km={}",
            state.site.public_url,
            super::super::NEARBY_KM
        );
        outbox::enqueue(
            &mut tx,
            &Email::from_templates(
                &email,
                td_string!(locale, email.no_answer_subject),
                td_string!(locale, email.no_answer_body),
                &[
                    ("title", &title),
                    ("reference", &reference),
                    ("days", &NO_ANSWER_AFTER_DAYS.to_string()),
                    ("link", &board),
                ],
            ),
        )
        .await?;
        young_mails += 1;
    }
    tx.commit().await?;
    Ok((employer_mails, young_mails))
}

/// How many responses have waited for their employer for more than 7 days at `at`.
pub async fn waiting_count(db: &Db, at: i64) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM responses r JOIN openings x ON x.id = r.opening_id \
         WHERE r.status IN ('new', 'read') AND r.created_at <= $1 AND x.status = 'open'",
    )
    .bind(at - REMIND_EMPLOYER_AFTER_DAYS * DAY)
    .fetch_one(db.pool())
    .await?)
}

/// (value, how often) of a sorted list.
fn dedup_counts(sorted: &[i64]) -> Vec<(i64, usize)> {
    let mut out: Vec<(i64, usize)> = Vec::new();
    for &v in sorted {
        match out.last_mut() {
            Some((last, n)) if *last == v => *n += 1,
            _ => out.push((v, 1)),
        }
    }
    out
}

/// Days after its start date an opening that nobody closed is closed by the jobs (its
/// responses then follow the retention rule).
pub const CLOSE_AFTER_START_DAYS: i64 = 90;

/// The retention rule, as of `at`: openings still open `CLOSE_AFTER_START_DAYS` after their
/// start are closed; responses are deleted `retention_days` after their opening closed, and
/// final ones (declined or withdrawn) `retention_days` after their last change (their events go
/// with them; the tallies stay). Returns how many responses were deleted.
pub async fn purge(db: &Db, at: i64, retention_days: u32) -> Result<u64, DbError> {
    let mut tx = db.begin_write().await?;
    let stale = crate::domain::date::Date::from_days_since_epoch(
        at.div_euclid(DAY) - CLOSE_AFTER_START_DAYS,
    )
    .to_string();
    sqlx::query(
        "UPDATE openings SET status = 'closed', closed_at = $1 \
         WHERE status = 'open' AND start_date < $2",
    )
    .bind(at)
    .bind(stale)
    .execute(&mut *tx)
    .await?;
    let cutoff = at - i64::from(retention_days) * DAY;
    let done = sqlx::query(
        "DELETE FROM responses WHERE opening_id IN \
         (SELECT id FROM openings WHERE status = 'closed' AND closed_at < $1) \
         OR (status IN ('declined', 'withdrawn') AND updated_at < $1)",
    )
    .bind(cutoff)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(done.rows_affected())
}

/// The stages jobs, once: reminders, then the retention purge. Logs what happened.
pub async fn jobs_now(state: &AppState) {
    match send_reminders(state, now()).await {
        Ok((0, 0)) => {}
        Ok((employers, young)) => tracing::info!(employers, young, "stages reminders sent"),
        Err(error) => tracing::warn!(%error, "the stages reminder job failed"),
    }
    match purge(&state.db, now(), state.site.response_retention_days).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(deleted = n, "responses past retention deleted"),
        Err(error) => tracing::warn!(%error, "the response retention job failed"),
    }
}

/// The stages jobs every hour, the first time an hour from start (the start-up run is
/// [`jobs_now`], awaited before serving). Runs until aborted.
pub async fn run_jobs(state: AppState) {
    let period = std::time::Duration::from_secs(3600);
    let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    loop {
        tick.tick().await;
        jobs_now(&state).await;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn months_and_counts() {
        assert_eq!(super::month_of(0), "1970-01");
        assert_eq!(super::month_of(1_800_000_000), "2027-01");
        assert_eq!(
            super::dedup_counts(&[1, 1, 2, 5, 5, 5]),
            vec![(1, 2), (2, 1), (5, 3)]
        );
    }
}
