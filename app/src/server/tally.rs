//! Anonymous counters for the monthly monitor: a capability adds 1 to a figure ("a calculator
//! result was shown", "a match was run"), with the sector and gemeente it concerns when known.
//! Nothing else is kept — no person, no time within the month, no query. Counts gather in
//! memory per instance ([`Tallies::add`] never waits for the database) and [`flush`] adds them
//! to `monitor_tallies` every [`FLUSH_EVERY`] ([`run`]), at shutdown, and before the monitor
//! reads them, so its page shows this instance's counts at once.
//!
//! The figures' names are `domain::monitor::TALLY_METRICS`; a sector or gemeente that is not
//! one of ours is counted as "" (unknown), so the map stays small whatever a request holds.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::domain::monitor::{Month, TALLY_METRICS};

use super::{Db, DbError};

/// How often the background job adds the counts to the database.
pub const FLUSH_EVERY: Duration = Duration::from_secs(10);

/// (month "YYYY-MM", figure, sector, gemeente code).
type Key = (String, &'static str, String, String);

/// The counts of this instance not yet in the database.
#[derive(Default)]
pub struct Tallies {
    pending: Mutex<HashMap<Key, i64>>,
    /// One flush at a time: two would write the same counts twice.
    flushing: tokio::sync::Mutex<()>,
}

impl Tallies {
    /// Counts one `metric` (one of `TALLY_METRICS`) in the current month (UTC), for `sector`
    /// and `gemeente_code` ("" when unknown or when the figure has no such breakdown).
    pub fn add(&self, metric: &'static str, sector: &str, gemeente_code: &str) {
        self.add_at(super::auth::now(), metric, sector, gemeente_code);
    }

    /// [`Tallies::add`] at a given unix time (the month it falls in).
    pub fn add_at(&self, at: i64, metric: &'static str, sector: &str, gemeente_code: &str) {
        // A figure the monitor does not know is not counted (the names are a contract).
        if !TALLY_METRICS.contains(&metric) {
            return;
        }
        let key = (
            Month::of_unix(at).to_string(),
            metric,
            known_sector(sector).to_string(),
            known_gemeente(gemeente_code).to_string(),
        );
        let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        *pending.entry(key).or_insert(0) += 1;
    }

    /// How many counts wait to be written (tests).
    pub fn pending(&self) -> i64 {
        let pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        pending.values().sum()
    }
}

/// `sector` when it is one of the portal's sectors, else "".
pub fn known_sector(sector: &str) -> &str {
    if crate::domain::account::SECTORS.contains(&sector) {
        sector
    } else {
        ""
    }
}

/// `code` when it is one of the region's gemeenten, else "".
pub fn known_gemeente(code: &str) -> &str {
    if crate::domain::region::gemeente(code).is_some() {
        code
    } else {
        ""
    }
}

/// Adds the pending counts to `monitor_tallies` in one write transaction; only what was
/// written is taken from memory (counts added meanwhile wait for the next flush), and nothing
/// when the write fails.
pub async fn flush(state_db: &Db, tallies: &Tallies) -> Result<(), DbError> {
    let _one = tallies.flushing.lock().await;
    let snapshot: Vec<(Key, i64)> = {
        let pending = tallies.pending.lock().unwrap_or_else(|p| p.into_inner());
        pending
            .iter()
            .filter(|(_, n)| **n != 0)
            .map(|(k, n)| (k.clone(), *n))
            .collect()
    };
    if snapshot.is_empty() {
        return Ok(());
    }
    let mut tx = state_db.begin_write().await?;
    for ((month, metric, sector, gemeente), count) in &snapshot {
        sqlx::query(
            "INSERT INTO monitor_tallies (month, metric, sector, gemeente_code, count) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (month, metric, sector, gemeente_code) \
             DO UPDATE SET count = monitor_tallies.count + excluded.count",
        )
        .bind(month.as_str())
        .bind(*metric)
        .bind(sector.as_str())
        .bind(gemeente.as_str())
        .bind(*count)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    let mut pending = tallies.pending.lock().unwrap_or_else(|p| p.into_inner());
    for (key, count) in snapshot {
        if let Some(left) = pending.get_mut(&key) {
            *left -= count;
            if *left == 0 {
                pending.remove(&key);
            }
        }
    }
    Ok(())
}

/// The background job: flushes every [`FLUSH_EVERY`] until aborted (a failed flush keeps its
/// counts for the next).
pub async fn run(db: Db, tallies: Arc<Tallies>) {
    let mut tick = tokio::time::interval(FLUSH_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(error) = flush(&db, &tallies).await {
            tracing::warn!(%error, "the monitor's counts could not be written; trying again");
        }
    }
}

/// Whether the page being rendered was asked for by a person — a page load or a form sent —
/// rather than fetched by an island to update in place (`Sec-Fetch-Dest: empty`, which browsers
/// send with `fetch()`). The monitor counts a search or a result once per page a person opens,
/// not once per letter typed. Requests without the header (other clients) count.
pub fn is_page_request(parts: &http::request::Parts) -> bool {
    parts
        .headers
        .get("sec-fetch-dest")
        .is_none_or(|dest| dest.as_bytes() != b"empty")
}

/// Counts `metric` for the page being rendered (a component, on the server), unless an island
/// fetched it ([`is_page_request`]). Does nothing where there is no request (the route list).
pub fn count_page(metric: &'static str, sector: &str, gemeente_code: &str) {
    use leptos::prelude::use_context;
    let (Some(state), Some(parts)) = (
        use_context::<super::AppState>(),
        use_context::<http::request::Parts>(),
    ) else {
        return;
    };
    if is_page_request(&parts) {
        state.tallies.add(metric, sector, gemeente_code);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_gather_per_month_figure_and_breakdown_and_unknown_values_are_blank() {
        let t = Tallies::default();
        let march = Month::parse("2026-03").unwrap().start() + 100;
        t.add_at(march, "application", "zorg", "GM0193");
        t.add_at(march, "application", "zorg", "GM0193");
        t.add_at(march, "application", "<script>", "GM9999");
        t.add_at(march + 40 * 86_400, "application", "zorg", "GM0193");
        t.add_at(march, "nonsense", "", "");
        let pending = t.pending.lock().unwrap();
        let key = |m: &str, s: &str, g: &str| {
            (m.to_string(), "application", s.to_string(), g.to_string())
        };
        assert_eq!(pending.get(&key("2026-03", "zorg", "GM0193")), Some(&2));
        assert_eq!(pending.get(&key("2026-03", "", "")), Some(&1));
        assert_eq!(pending.get(&key("2026-04", "zorg", "GM0193")), Some(&1));
        assert_eq!(pending.len(), 3);
    }

    #[test]
    fn an_island_fetch_is_not_a_page_request() {
        let parts = |dest: Option<&str>| {
            let mut request = http::Request::builder().uri("/vacatures?q=zorg");
            if let Some(dest) = dest {
                request = request.header("sec-fetch-dest", dest);
            }
            request.body(()).unwrap().into_parts().0
        };
        assert!(is_page_request(&parts(None)));
        assert!(is_page_request(&parts(Some("document"))));
        assert!(!is_page_request(&parts(Some("empty"))));
    }
}
