//! The server side of the monitor (feature `ssr`): the pages' data, the CSV files, the
//! coordinators' export and `/api/v1/monitor`. One loader ([`load`]) reads every figure and
//! applies the suppression of `domain::monitor` once, so the page, the CSV files and the API
//! cannot disagree.
use std::collections::BTreeMap;

use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http::{header, StatusCode};

use super::store::{self, Cell};
use super::{
    gemeente_name, metric_label, sector_name, MetricBreakdown, MonitorView, MonthTotals,
    QueueCount, StaffView,
};
use crate::domain::account::Role;
use crate::domain::monitor::{self, has_breakdown, shown_text, suppress, Month, METRICS};
use crate::i18n::Locale;
use crate::server::auth::{now, CurrentUser};
use crate::server::form::query_value;
use crate::server::pages::{provide, GuardedPage, PageData, PublicPage};
use crate::server::render::{failure_response, internal, Handled};
use crate::server::{AppState, DbError};

/// How many months the series shows (ending with this month).
pub const SERIES_MONTHS: usize = 12;

/// The public monitor.
pub static PUBLIC_PAGES: &[PublicPage] = &[PublicPage {
    path: "/monitor",
    load: |state, query| {
        Box::pin(async move {
            Ok::<PageData, DbError>(provide(
                load(&state, &Asked::from_query(&query), false).await?,
            ))
        })
    },
}];

/// The coordinators' monitor: the same with the open queues.
pub static PAGES: &[GuardedPage] = &[GuardedPage {
    path: "/beheer/monitor",
    roles: Some(Role::STAFF),
    load: |state, _, query| {
        Box::pin(async move {
            Ok::<PageData, DbError>(provide(
                load(&state, &Asked::from_query(&query), true).await?,
            ))
        })
    },
}];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/monitor", get(api))
        .route("/monitor/maanden.csv", get(months_csv))
        .route("/monitor/sectoren.csv", get(sectors_csv))
        .route("/monitor/gemeenten.csv", get(gemeenten_csv))
        .route("/beheer/monitor/export.csv", get(export))
}

/// What a request asks for: the month of the breakdowns and the figure of the charts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub month: Month,
    /// `maand` was given but is not a month ("YYYY-MM").
    pub bad_month: bool,
    pub metric: &'static str,
}

impl Asked {
    pub fn from_query(query: &str) -> Asked {
        let current = Month::of_unix(now());
        let text = query_value(query, "maand");
        let text = text.trim();
        let (month, bad_month) = if text.is_empty() {
            (current, false)
        } else {
            Month::parse(text).map_or((current, true), |m| (m, false))
        };
        let metric = query_value(query, "cijfer");
        let metric = METRICS
            .iter()
            .find(|m| **m == metric)
            .copied()
            .unwrap_or(METRICS[0]);
        Asked {
            month,
            bad_month,
            metric,
        }
    }
}

/// Every figure the monitor shows for `asked`: this instance's counts written first, so they
/// show at once. With `staff`, the open queues too.
pub async fn load(state: &AppState, asked: &Asked, staff: bool) -> Result<MonitorView, DbError> {
    // A failed write (a busy or read-only database) must not fail a read: the counts stay
    // pending for the next flush, and the page shows what is stored.
    if let Err(error) = crate::server::tally::flush(&state.db, &state.tallies).await {
        tracing::warn!(%error, "the monitor's pending counts could not be written before a read");
    }
    let current = Month::of_unix(now());
    let months = current.last(SERIES_MONTHS);
    let (from, until) = (months[0], current.next());
    let mut cells = store::cells(&state.db, from, until).await?;
    if asked.month < from || asked.month >= until {
        cells.extend(store::cells(&state.db, asked.month, asked.month.next()).await?);
    }
    let (series, by_sector, by_gemeente) = figures(&cells, &months, asked.month);
    let staff = if staff {
        let mut queues = Vec::new();
        for queue in state.queues.iter() {
            queues.push(QueueCount {
                path: queue.path.to_string(),
                title_nl: queue.title.0.to_string(),
                title_en: queue.title.1.to_string(),
                open: (queue.open)(state.clone()).await?,
            });
        }
        Some(StaffView { queues })
    } else {
        None
    };
    Ok(MonitorView {
        month: asked.month,
        bad_month: asked.bad_month,
        metric: asked.metric.to_string(),
        thermometer: crate::stages::thermometer(&state.db).await?,
        series,
        by_sector,
        by_gemeente,
        staff,
    })
}

/// The published figures of `cells`: every month's totals, and `month`'s breakdowns by sector
/// and by gemeente (each figure that has them), suppressed.
pub fn figures(
    cells: &[Cell],
    months: &[Month],
    month: Month,
) -> (Vec<MonthTotals>, Vec<MetricBreakdown>, Vec<MetricBreakdown>) {
    let series = months
        .iter()
        .map(|m| MonthTotals {
            month: *m,
            counts: METRICS
                .iter()
                .map(|metric| {
                    monitor::total(
                        cells
                            .iter()
                            .filter(|c| c.month == *m && c.metric == *metric)
                            .map(|c| c.count)
                            .sum(),
                    )
                })
                .collect(),
        })
        .collect();
    let breakdowns = |key: fn(&Cell) -> &str| -> Vec<MetricBreakdown> {
        METRICS
            .iter()
            .filter(|m| has_breakdown(m))
            .map(|metric| {
                let mut sums: BTreeMap<&str, i64> = BTreeMap::new();
                for c in cells
                    .iter()
                    .filter(|c| c.month == month && c.metric == *metric)
                {
                    *sums.entry(key(c)).or_insert(0) += c.count;
                }
                let list: Vec<(String, i64)> =
                    sums.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
                MetricBreakdown {
                    metric: metric.to_string(),
                    breakdown: suppress(&list),
                }
            })
            .collect()
    };
    (
        series,
        breakdowns(|c| c.sector.as_str()),
        breakdowns(|c| c.gemeente.as_str()),
    )
}

/// The request's language (for the CSV files' words).
fn locale_of(request: &Request) -> Locale {
    match request
        .extensions()
        .get::<crate::domain::locale::RequestLang>()
        .map(|l| l.0)
    {
        Some("en") => Locale::en,
        _ => Locale::nl,
    }
}

/// The monitor for a plain GET handler: 400 (the failure page, or a JSON error for the API)
/// for a `maand` that is not a month, 503/500 when the database fails.
async fn view_for(state: &AppState, query: &str, staff: bool) -> Result<MonitorView, Response> {
    let asked = Asked::from_query(query);
    if asked.bad_month {
        return Err(failure_response(StatusCode::BAD_REQUEST));
    }
    load(state, &asked, staff).await.map_err(internal)
}

/// Public CSV files may be cached a minute, like the open data.
const PUBLIC_CACHE: &str = "public, max-age=60";

/// `/monitor/maanden.csv`: every figure's total per month, the last 12 months.
async fn months_csv(State(state): State<AppState>, request: Request) -> Response {
    let query = request.uri().query().unwrap_or_default().to_string();
    let locale = locale_of(&request);
    let view = match view_for(&state, &query, false).await {
        Ok(view) => view,
        Err(refused) => return refused,
    };
    let mut header = vec![crate::i18n::td_string!(locale, monitor.col_month)];
    header.extend(METRICS.iter().map(|m| metric_label(locale, m)));
    let rows = view
        .series
        .iter()
        .map(|m| {
            std::iter::once(m.month.to_string())
                .chain(m.counts.iter().map(|c| shown_text(*c)))
                .collect()
        })
        .collect();
    crate::server::csv::download("monitor-maanden.csv", &header, rows, PUBLIC_CACHE)
}

/// The rows of one breakdown list: per figure its shown cells, the merged row, the total —
/// (month, figure, code, name, count).
fn breakdown_rows(
    locale: Locale,
    month: Month,
    list: &[MetricBreakdown],
    name: fn(Locale, &str) -> String,
) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for b in list {
        let label = metric_label(locale, &b.metric).to_string();
        let row = |code: &str, name: String, count: String| {
            vec![
                month.to_string(),
                label.clone(),
                code.to_string(),
                name,
                count,
            ]
        };
        for (code, count) in &b.breakdown.rows {
            rows.push(row(code, name(locale, code), count.to_string()));
        }
        if let Some((_, merged)) = b.breakdown.other {
            rows.push(row(
                "*",
                crate::i18n::td_string!(locale, monitor.other).to_string(),
                shown_text(merged),
            ));
        }
        rows.push(row(
            "",
            crate::i18n::td_string!(locale, monitor.total).to_string(),
            shown_text(b.breakdown.total),
        ));
    }
    rows
}

/// The header of a breakdown CSV.
fn breakdown_header(locale: Locale, column: &'static str) -> Vec<&'static str> {
    use crate::i18n::td_string;
    vec![
        td_string!(locale, monitor.col_month),
        td_string!(locale, monitor.metric_label),
        "code",
        column,
        td_string!(locale, monitor.col_count),
    ]
}

/// `/monitor/sectoren.csv?maand=`: the month's figures by sector.
async fn sectors_csv(State(state): State<AppState>, request: Request) -> Response {
    let query = request.uri().query().unwrap_or_default().to_string();
    let locale = locale_of(&request);
    match view_for(&state, &query, false).await {
        Ok(view) => crate::server::csv::download(
            &format!("monitor-sectoren-{}.csv", view.month),
            &breakdown_header(locale, crate::i18n::td_string!(locale, monitor.col_sector)),
            breakdown_rows(locale, view.month, &view.by_sector, sector_name),
            PUBLIC_CACHE,
        ),
        Err(refused) => refused,
    }
}

/// `/monitor/gemeenten.csv?maand=`: the month's figures by gemeente.
async fn gemeenten_csv(State(state): State<AppState>, request: Request) -> Response {
    let query = request.uri().query().unwrap_or_default().to_string();
    let locale = locale_of(&request);
    match view_for(&state, &query, false).await {
        Ok(view) => crate::server::csv::download(
            &format!("monitor-gemeenten-{}.csv", view.month),
            &breakdown_header(
                locale,
                crate::i18n::td_string!(locale, monitor.col_gemeente),
            ),
            breakdown_rows(locale, view.month, &view.by_gemeente, gemeente_name),
            PUBLIC_CACHE,
        ),
        Err(refused) => refused,
    }
}

/// `/beheer/monitor/export.csv?maand=`: every figure of one month — the totals, by sector, by
/// gemeente (suppressed as everywhere) — and the queues open now. Coordinators and admins only.
async fn export(State(state): State<AppState>, request: Request) -> Handled {
    let query = request.uri().query().unwrap_or_default().to_string();
    match request.extensions().get::<CurrentUser>() {
        None => return Ok(crate::server::form::see_other("/inloggen")),
        Some(user) if !user.role.is_staff() => return Ok(failure_response(StatusCode::FORBIDDEN)),
        Some(_) => {}
    }
    let locale = locale_of(&request);
    let view = match view_for(&state, &query, true).await {
        Ok(view) => view,
        Err(refused) => return Ok(refused),
    };
    use crate::i18n::td_string;
    let month = view.month;
    let totals = view.series.iter().find(|m| m.month == month);
    let mut rows: Vec<Vec<String>> = METRICS
        .iter()
        .map(|metric| {
            let total = match totals {
                Some(m) => m.of(metric),
                // A month outside the series: its total is the breakdowns' (every figure
                // with a breakdown has one; a search without one is counted once, unknown).
                None => view
                    .by_sector
                    .iter()
                    .find(|b| b.metric == *metric)
                    .map_or(Some(0), |b| b.breakdown.total),
            };
            vec![
                td_string!(locale, monitor.total).to_string(),
                month.to_string(),
                metric_label(locale, metric).to_string(),
                String::new(),
                String::new(),
                shown_text(total),
            ]
        })
        .collect();
    let part = |what: &'static str, list: Vec<Vec<String>>| {
        list.into_iter().map(move |row| {
            std::iter::once(what.to_string())
                .chain(row)
                .collect::<Vec<String>>()
        })
    };
    rows.extend(part(
        td_string!(locale, monitor.col_sector),
        breakdown_rows(locale, month, &view.by_sector, sector_name),
    ));
    rows.extend(part(
        td_string!(locale, monitor.col_gemeente),
        breakdown_rows(locale, month, &view.by_gemeente, gemeente_name),
    ));
    let english = locale == Locale::en;
    for q in view.staff.iter().flat_map(|s| s.queues.iter()) {
        rows.push(vec![
            td_string!(locale, monitor.queues_heading).to_string(),
            Month::of_unix(now()).to_string(),
            if english {
                q.title_en.clone()
            } else {
                q.title_nl.clone()
            },
            q.path.clone(),
            String::new(),
            q.open.to_string(),
        ]);
    }
    let mut header = vec![td_string!(locale, monitor.col_queue)];
    header.extend(breakdown_header(locale, "naam"));
    header[0] = if english { "part" } else { "onderdeel" };
    header[4] = if english { "name" } else { "naam" };
    Ok(crate::server::csv::download(
        &format!("monitor-{month}.csv"),
        &header,
        rows,
        "no-store",
    ))
}

/// `/api/v1/monitor?maand=YYYY-MM` — the monitor's figures as JSON, for partner sites; the
/// same figures as the page, suppressed the same way. No personal data. 400 with
/// `{"error": "…"}` for a `maand` that is not a month. The shape (documented in README.md and
/// in `api/openapi.json`):
///
/// ```text
/// {
///   "month": "2026-12",                 // the month of the breakdowns
///   "threshold": 5,                     // no breakdown shows a cell of 1 to threshold-1
///   "metrics": ["pledged", …],          // every figure, in this order
///   "thermometer": { "target": 1000, "pledged": 0, "verified": 0, "open": 0, "filled": 0 },
///   "series": [                         // the last 12 months, oldest first
///     { "month": "2026-01", "counts": { "pledged": 12, "verified": 3, … } }
///   ],                                  // totals for the region, as they are
///   "by_sector": [                      // the month, each figure that has a breakdown
///     { "metric": "pledged",
///       "rows": [ { "code": "zorg", "count": 12 } ],   // each count 0 or ≥ 5; "" = not known
///       "other": { "cells": 2, "count": 9 },           // merged small cells; null: none
///       "total": 21 }                                  // as it is
///   ],
///   "by_gemeente": [ … the same, code a CBS gemeente code … ]
/// }
/// ```
async fn api(State(state): State<AppState>, request: Request) -> Response {
    let asked = Asked::from_query(request.uri().query().unwrap_or_default());
    if asked.bad_month {
        return (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "application/json")],
            serde_json::json!({ "error": "maand must be a month written YYYY-MM" }).to_string(),
        )
            .into_response();
    }
    let view = match load(&state, &asked, false).await {
        Ok(view) => view,
        Err(e) => return internal(e),
    };
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, PUBLIC_CACHE),
        ],
        api_json(&view).to_string(),
    )
        .into_response()
}

/// The API's body for a view (see [`api`]).
pub fn api_json(view: &MonitorView) -> serde_json::Value {
    use serde_json::{json, Map, Value};
    let breakdowns = |list: &[MetricBreakdown]| -> Vec<Value> {
        list.iter()
            .map(|b| {
                json!({
                    "metric": b.metric,
                    "rows": b.breakdown.rows.iter()
                        .map(|(code, count)| json!({ "code": code, "count": count }))
                        .collect::<Vec<_>>(),
                    "other": b.breakdown.other
                        .map(|(cells, count)| json!({ "cells": cells, "count": count })),
                    "total": b.breakdown.total,
                })
            })
            .collect()
    };
    let t = view.thermometer;
    json!({
        "month": view.month.to_string(),
        "threshold": monitor::THRESHOLD,
        "metrics": METRICS,
        "thermometer": {
            "target": t.target,
            "pledged": t.pledged,
            "verified": t.verified,
            "open": t.open,
            "filled": t.filled,
        },
        "series": view.series.iter().map(|m| {
            let counts: Map<String, Value> = METRICS
                .iter()
                .map(|metric| (metric.to_string(), json!(m.of(metric))))
                .collect();
            json!({ "month": m.month.to_string(), "counts": counts })
        }).collect::<Vec<_>>(),
        "by_sector": breakdowns(&view.by_sector),
        "by_gemeente": breakdowns(&view.by_gemeente),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(month: &str, metric: &'static str, sector: &str, gemeente: &str, count: i64) -> Cell {
        Cell {
            month: Month::parse(month).unwrap(),
            metric,
            sector: sector.into(),
            gemeente: gemeente.into(),
            count,
        }
    }

    #[test]
    fn one_loader_suppresses_for_page_csv_and_api_alike() {
        let march = Month::parse("2026-03").unwrap();
        let cells = vec![
            cell("2026-03", "vacancy_search", "zorg", "GM0148", 3),
            cell("2026-03", "vacancy_search", "zorg", "GM0193", 4),
            cell("2026-03", "vacancy_search", "bouw", "GM0193", 2),
            cell("2026-03", "vacancy_search", "", "GM0166", 20),
            cell("2026-02", "application", "", "", 2),
            cell("2026-02", "application", "", "", 1),
            cell("2026-03", "subsidy_search", "", "", 7),
        ];
        let (series, by_sector, by_gemeente) = figures(&cells, &march.last(2), march);
        // Totals as they are: 3 applications in February; March's searches are 29.
        assert_eq!(series[0].of("application"), Some(3));
        assert_eq!(series[1].of("vacancy_search"), Some(29));
        assert_eq!(series[1].of("subsidy_search"), Some(7));
        // By gemeente: Zwolle's 6 and the unknown 20 shown; Dalfsen's 3 alone would be
        // recoverable, so the 6 goes with it.
        let searches = by_gemeente
            .iter()
            .find(|b| b.metric == "vacancy_search")
            .unwrap();
        assert_eq!(searches.breakdown.rows, vec![("GM0166".to_string(), 20)]);
        assert_eq!(searches.breakdown.other, Some((2, Some(9))));
        let sectors = by_sector
            .iter()
            .find(|b| b.metric == "vacancy_search")
            .unwrap();
        // By sector: bouw's 2 alone, so zorg's 7 goes with it.
        assert_eq!(sectors.breakdown.rows, vec![("".to_string(), 20)]);
        assert_eq!(sectors.breakdown.other, Some((2, Some(9))));
        assert!(by_sector.iter().all(|b| b.metric != "subsidy_search"));
        // The API says the same.
        let view = MonitorView {
            month: march,
            bad_month: false,
            metric: "vacancy_search".into(),
            thermometer: Default::default(),
            series,
            by_sector,
            by_gemeente,
            staff: None,
        };
        let json = api_json(&view);
        assert_eq!(json["series"][0]["counts"]["application"], 3);
        assert_eq!(json["series"][1]["counts"]["vacancy_search"], 29);
        let gemeenten = json["by_gemeente"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["metric"] == "vacancy_search")
            .unwrap();
        assert_eq!(gemeenten["rows"].as_array().unwrap().len(), 1);
        assert_eq!(gemeenten["other"]["count"], 9);
        assert!(!json.to_string().contains("GM0148"));
        // The CSV rows: no Dalfsen, the merged row, the total.
        let rows = breakdown_rows(Locale::nl, march, &view.by_gemeente, gemeente_name);
        let searches: Vec<&Vec<String>> = rows
            .iter()
            .filter(|r| r[1] == "Zoekopdrachten naar vacatures")
            .collect();
        assert_eq!(searches.len(), 3);
        assert_eq!(searches[1][3], "Overig (samengevoegd)");
        assert_eq!(searches[1][4], "9");
        assert_eq!(searches[2][4], "29");
        assert!(!rows.iter().any(|r| r[2] == "GM0148"));
    }

    #[test]
    fn a_request_names_a_month_and_a_figure_or_gets_the_defaults() {
        let current = Month::of_unix(now());
        let asked = Asked::from_query("maand=2026-03&cijfer=placements");
        assert_eq!(asked.month.to_string(), "2026-03");
        assert_eq!((asked.bad_month, asked.metric), (false, "placements"));
        assert_eq!(
            Asked::from_query(""),
            Asked {
                month: current,
                bad_month: false,
                metric: "pledged"
            }
        );
        for bad in [
            "maand=2026-13",
            "maand=%3Cscript%3E",
            "maand=2026-3",
            "maand=99999-01",
        ] {
            let asked = Asked::from_query(bad);
            assert!(asked.bad_month && asked.month == current, "{bad}");
        }
        assert_eq!(Asked::from_query("cijfer=DROP").metric, "pledged");
    }
}
