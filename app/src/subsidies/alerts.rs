//! Search alerts (server only): a visitor leaves an e-mail address with a search; after they
//! confirm by the link mailed to them, a daily digest tells them which schemes matching the
//! search are new or changed. The link in every mail opens the alert's own page, where it can be
//! seen and deleted — no account. Nothing but the address, the search and its language is kept.
//!
//! The link's key is `<id>.<signature>`: the server's signature (HMAC, the key every instance
//! shares) of the alert's id, so any instance can write it again into a later digest while the
//! database holds only its SHA-256.
use sqlx::Row;

use super::SearchRequest;
use crate::domain::date::Date;
use crate::i18n::{td_string, Locale};
use crate::server::auth::{digest, now};
use crate::server::outbox::{enqueue, Email};
use crate::server::{AppState, Db, DbError};

/// Most alerts one address may hold (a limit against filling someone's inbox).
pub const MAX_PER_ADDRESS: i64 = 10;

/// An alert as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub id: i64,
    pub email: String,
    pub query: String,
    pub confirmed: bool,
}

/// The key in an alert's links.
pub fn key_of(state: &AppState, id: i64) -> String {
    format!("{id}.{}", state.site.csrf_key.sign(&format!("alert:{id}")))
}

fn link(state: &AppState, id: i64) -> String {
    format!(
        "{}/subsidies/melding?sleutel={}",
        state.site.public_url,
        key_of(state, id)
    )
}

fn search_link(state: &AppState, query: &str) -> String {
    if query.is_empty() {
        format!("{}/subsidies", state.site.public_url)
    } else {
        format!("{}/subsidies?{query}", state.site.public_url)
    }
}

/// What a subscription did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subscribed {
    /// Stored, and the confirmation mail queued.
    Sent,
    /// The address holds [`MAX_PER_ADDRESS`] alerts already.
    TooMany,
}

/// Stores an unconfirmed alert for `email` and `query` (a search's query string, without its
/// page) and queues the confirmation mail, in one transaction.
pub async fn subscribe(
    state: &AppState,
    email: &str,
    request: &SearchRequest,
    locale: Locale,
) -> Result<Subscribed, DbError> {
    let query = request.to_query();
    let mut tx = state.db.begin_write().await?;
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM search_alerts WHERE email = $1")
        .bind(email)
        .fetch_one(&mut *tx)
        .await?;
    if held >= MAX_PER_ADDRESS {
        return Ok(Subscribed::TooMany);
    }
    let at = now();
    // The key needs the id, the row needs the key's digest: a placeholder first, replaced in
    // the same transaction.
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO search_alerts (email, query, language, token_hash, created_at, checked_until) \
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(email)
    .bind(&query)
    .bind(if locale == Locale::en { "en" } else { "nl" })
    .bind(format!("pending-{}", crate::server::auth::new_secret()))
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("UPDATE search_alerts SET token_hash = $1 WHERE id = $2")
        .bind(digest(&key_of(state, id)))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let words = describe(locale, request);
    enqueue(
        &mut tx,
        &Email::from_templates(
            email,
            td_string!(locale, email.alert_confirm_subject),
            td_string!(locale, email.alert_confirm_body),
            &[("link", &link(state, id)), ("search", &words)],
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Subscribed::Sent)
}

/// A search in words for a mail: its words (or "all schemes") and the values chosen in its
/// facets, e.g. “leerbaan” (Werkgevers).
pub fn describe(locale: Locale, request: &SearchRequest) -> String {
    let chosen: Vec<&str> = request
        .voor
        .iter()
        .map(|v| super::audience_label(locale, v))
        .chain(
            request
                .soort
                .iter()
                .map(|v| super::support_label(locale, v)),
        )
        .chain(
            request
                .status
                .iter()
                .map(|v| super::availability_label(locale, v)),
        )
        .chain(request.regio.iter().map(|v| super::region_label(locale, v)))
        .chain(request.aanbieder.iter().map(String::as_str))
        .collect();
    let words = if request.q.is_empty() {
        td_string!(locale, subsidies.alert_all).to_string()
    } else {
        format!("“{}”", request.q)
    };
    if chosen.is_empty() {
        words
    } else {
        td_string!(locale, subsidies.alert_with_filters)
            .replace("{search}", &words)
            .replace("{filters}", &chosen.join(", "))
    }
}

/// The alert a link's key opens (`None`: no such alert, or a key this server did not make).
pub async fn find(state: &AppState, key: &str) -> Result<Option<Alert>, DbError> {
    let Some((id, _)) = key.split_once('.') else {
        return Ok(None);
    };
    let Ok(id) = id.parse::<i64>() else {
        return Ok(None);
    };
    if key != key_of(state, id) {
        return Ok(None);
    }
    let row = sqlx::query(
        "SELECT id, email, query, confirmed_at FROM search_alerts WHERE id = $1 AND token_hash = $2",
    )
    .bind(id)
    .bind(digest(key))
    .fetch_optional(state.db.pool())
    .await?;
    row.map(|row| {
        Ok(Alert {
            id: row.try_get(0)?,
            email: row.try_get(1)?,
            query: row.try_get(2)?,
            confirmed: row.try_get::<Option<i64>, _>(3)?.is_some(),
        })
    })
    .transpose()
    .map_err(|e: sqlx::Error| DbError::from(e))
}

/// Confirms an alert: changes from now on are in its digests.
pub async fn confirm(db: &Db, id: i64) -> Result<(), DbError> {
    let at = now();
    sqlx::query(
        "UPDATE search_alerts SET confirmed_at = $1, checked_until = $1 \
         WHERE id = $2 AND confirmed_at IS NULL",
    )
    .bind(at)
    .bind(id)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Deletes an alert: nothing of it is kept.
pub async fn delete(db: &Db, id: i64) -> Result<(), DbError> {
    sqlx::query("DELETE FROM search_alerts WHERE id = $1")
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Unconfirmed alerts are deleted after this many seconds (a week).
const UNCONFIRMED_KEPT: i64 = 7 * 86_400;

/// Sends the day's digests at `at`: for every confirmed alert not checked in the last 20
/// hours, the schemes changed since its last check that match its search. Each alert is
/// claimed by a conditional update, so instances never send one twice. Returns the mails
/// queued.
pub async fn send_digests(state: &AppState, at: i64) -> Result<usize, DbError> {
    send_digests_to(state, at, None).await
}

/// [`send_digests`], for the alerts of one address only when `only` is given (the development
/// trigger: a browser test sends its own alert's digest and no one else's).
pub async fn send_digests_to(
    state: &AppState,
    at: i64,
    only: Option<&str>,
) -> Result<usize, DbError> {
    sqlx::query("DELETE FROM search_alerts WHERE confirmed_at IS NULL AND created_at < $1")
        .bind(at - UNCONFIRMED_KEPT)
        .execute(state.db.pool())
        .await?;
    let due = match only {
        None => sqlx::query(
            "SELECT id, email, query, language, checked_until FROM search_alerts \
             WHERE confirmed_at IS NOT NULL AND checked_until <= $1 ORDER BY id",
        )
        .bind(at - 20 * 3600),
        Some(email) => sqlx::query(
            "SELECT id, email, query, language, checked_until FROM search_alerts \
             WHERE confirmed_at IS NOT NULL AND checked_until <= $1 AND email = $2 ORDER BY id",
        )
        .bind(at - 20 * 3600)
        .bind(email),
    }
    .fetch_all(state.db.pool())
    .await?;
    let index = super::handlers::index(state)?;
    let today = Date::today();
    let mut sent = 0;
    for row in due {
        let id: i64 = row.try_get(0)?;
        let email: String = row.try_get(1)?;
        let query: String = row.try_get(2)?;
        let language: String = row.try_get(3)?;
        let since: i64 = row.try_get(4)?;
        let changed = crate::catalogue::changed_since(&state.db, since).await?;
        let request = SearchRequest::from_query(&query);
        let locale = if language == "en" {
            Locale::en
        } else {
            Locale::nl
        };
        let mut lines = Vec::new();
        if !changed.is_empty() {
            // Every match of the search, not a page of it.
            let all = index
                .every_result(&request, today)
                .map_err(|e| DbError::Internal(e.to_string()))?;
            let catalogue = index.catalogue.clone();
            for scheme_id in all.iter().filter(|id| changed.contains(id)) {
                if let Some(scheme) = catalogue.scheme(scheme_id) {
                    lines.push(format!(
                        "- {}: {}/subsidies/{}",
                        scheme.name, state.site.public_url, scheme.id
                    ));
                }
            }
        }
        let mut tx = state.db.begin_write().await?;
        let claimed = sqlx::query(
            "UPDATE search_alerts SET checked_until = $1 WHERE id = $2 AND checked_until = $3",
        )
        .bind(at)
        .bind(id)
        .bind(since)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed == 1 && !lines.is_empty() {
            enqueue(
                &mut tx,
                &Email::from_templates(
                    &email,
                    td_string!(locale, email.alert_digest_subject),
                    td_string!(locale, email.alert_digest_body),
                    &[
                        ("schemes", &lines.join("\n")),
                        ("search", &describe(locale, &request)),
                        ("search_link", &search_link(state, &query)),
                        ("link", &link(state, id)),
                    ],
                ),
            )
            .await?;
            sent += 1;
        }
        tx.commit().await?;
    }
    if sent > 0 {
        tracing::info!(emails = sent, "search alert digests queued");
    }
    Ok(sent)
}

/// The alerts' job: every ten minutes, from the digest hour on, sends the digests that are due.
/// Runs until aborted.
pub async fn run(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        tick.tick().await;
        let at = now();
        if at.rem_euclid(86_400) / 3600 < crate::server::digest::SEND_FROM_UTC_HOUR {
            continue;
        }
        if let Err(error) = send_digests(&state, at).await {
            tracing::warn!(%error, "the search alert digests failed");
        }
    }
}
