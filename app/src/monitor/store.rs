//! The monitor's SQL (feature `ssr`): every figure of a span of months as cells (month, figure,
//! sector, gemeente, count), read from the stages drive's own tables and from the anonymous
//! counters (`monitor_tallies`). Months are UTC; rows are put in their month here, in Rust, so
//! the SQL stays the same on both databases.
use crate::domain::monitor::Month;
use crate::server::{Db, DbError};

/// One count: a figure of one month for one sector and gemeente ("" when not known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub month: Month,
    pub metric: &'static str,
    pub sector: String,
    pub gemeente: String,
    pub count: i64,
}

/// Every cell of the months from `from` up to (not including) `until`. Demo pledges count, as
/// on the stages board's thermometer.
pub async fn cells(db: &Db, from: Month, until: Month) -> Result<Vec<Cell>, DbError> {
    let (start, end) = (from.start(), until.start());
    let mut cells = Vec::new();
    let mut timed = |metric: &'static str, rows: Vec<(i64, i64, String, String)>| {
        cells.extend(rows.into_iter().map(|(at, count, sector, gemeente)| Cell {
            month: Month::of_unix(at),
            metric,
            sector,
            gemeente,
            count,
        }));
    };
    // Places pledged, in the month of the pledge; those still standing (as the thermometer).
    let pledged: Vec<(i64, i64, String, String)> = sqlx::query_as(
        "SELECT created_at, places, sector, gemeente_code FROM pledges \
         WHERE status IN ('pending', 'verified') AND created_at >= $1 AND created_at < $2",
    )
    .bind(start)
    .bind(end)
    .fetch_all(db.pool())
    .await?;
    timed("pledged", pledged);
    // Places verified, in the month of the (last) verification of a pledge verified now; a
    // demo pledge has no event and counts when it was last changed.
    let verified: Vec<(i64, i64, String, String)> = sqlx::query_as(
        "SELECT CAST(COALESCE(MAX(e.at), p.updated_at) AS BIGINT), p.places, p.sector, \
         p.gemeente_code FROM pledges p \
         LEFT JOIN pledge_events e ON e.pledge_id = p.id AND e.event = 'verified' \
         WHERE p.status = 'verified' \
         GROUP BY p.id, p.places, p.sector, p.gemeente_code, p.updated_at \
         HAVING COALESCE(MAX(e.at), p.updated_at) >= $1 AND COALESCE(MAX(e.at), p.updated_at) < $2",
    )
    .bind(start)
    .bind(end)
    .fetch_all(db.pool())
    .await?;
    timed("verified", verified);
    // Places opened, in the month the opening was made, by the opening's gemeente and its
    // pledge's sector.
    let openings: Vec<(i64, i64, String, String)> = sqlx::query_as(
        "SELECT x.created_at, x.places, p.sector, x.gemeente_code FROM openings x \
         JOIN pledges p ON p.id = x.pledge_id WHERE x.created_at >= $1 AND x.created_at < $2",
    )
    .bind(start)
    .bind(end)
    .fetch_all(db.pool())
    .await?;
    timed("openings", openings);
    let (from_text, until_text) = (from.to_string(), until.to_string());
    // Responses and placements: the drive's anonymous tallies, already by month.
    let responses: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT month, outcome, sector, gemeente_code, CAST(SUM(count) AS BIGINT) \
         FROM response_tallies WHERE month >= $1 AND month < $2 \
         GROUP BY month, outcome, sector, gemeente_code",
    )
    .bind(&from_text)
    .bind(&until_text)
    .fetch_all(db.pool())
    .await?;
    // The portal's anonymous counters.
    let tallies: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT month, metric, sector, gemeente_code, count FROM monitor_tallies \
         WHERE month >= $1 AND month < $2",
    )
    .bind(&from_text)
    .bind(&until_text)
    .fetch_all(db.pool())
    .await?;
    let metric_of = |name: &str| -> Option<&'static str> {
        match name {
            "received" => Some("responses"),
            "placed" => Some("placements"),
            other => crate::domain::monitor::TALLY_METRICS
                .iter()
                .find(|m| **m == other)
                .copied(),
        }
    };
    cells.extend(responses.into_iter().chain(tallies).filter_map(
        |(month, name, sector, gemeente, count)| {
            Some(Cell {
                month: Month::parse(&month)?,
                metric: metric_of(&name)?,
                sector,
                gemeente,
                count,
            })
        },
    ));
    Ok(cells)
}
