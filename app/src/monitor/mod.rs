//! The monthly monitor (issue 15): the drive's thermometer, and per month the places pledged,
//! verified and opened, young people's responses and placements, and how often people used the
//! intake, the calculator and the searches — counts only, by sector and gemeente where they
//! apply. Public `/monitor`; the coordinators' `/beheer/monitor` adds the open queues and an
//! export per month. Server pages without islands (no code is downloaded): each chart is SVG
//! drawn by the server (`crate::charts`) beside its table and a CSV download.
//!
//! Small numbers never point at a person: every count goes through
//! `domain::monitor::suppress`/`total` before the page, the CSV files or `/api/v1/monitor`
//! (`handlers`) show it.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::charts::{BarChart, ChartRow, ColumnChart};
use crate::domain::monitor::{has_breakdown, shown_text, Breakdown, Month, Shown, METRICS};
use crate::domain::stages::Thermometer;
use crate::i18n::*;
use crate::layout::{current_locale, PageIntro};

#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod store;

#[cfg(feature = "ssr")]
pub use handlers::{PAGES, PUBLIC_PAGES};

/// What both monitor pages show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitorView {
    /// The month of the breakdowns (`?maand=`, else this month).
    pub month: Month,
    /// `?maand=` could not be read: this month is shown, and the page says why.
    pub bad_month: bool,
    /// The figure the charts draw (`?cijfer=`, one of `METRICS`).
    pub metric: String,
    pub thermometer: Thermometer,
    /// The last 12 months, oldest first: every figure's total.
    pub series: Vec<MonthTotals>,
    /// For the month: each figure with a breakdown, by sector and by gemeente, suppressed.
    pub by_sector: Vec<MetricBreakdown>,
    pub by_gemeente: Vec<MetricBreakdown>,
    /// The coordinators' page only.
    pub staff: Option<StaffView>,
}

/// One month's totals, in the order of `METRICS`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthTotals {
    pub month: Month,
    pub counts: Vec<Shown>,
}

impl MonthTotals {
    /// The total of `metric` (0 for a figure it does not know).
    pub fn of(&self, metric: &str) -> Shown {
        METRICS
            .iter()
            .position(|m| *m == metric)
            .and_then(|i| self.counts.get(i).copied())
            .unwrap_or(Some(0))
    }
}

/// One figure of the month by sector or by gemeente, as it may be published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricBreakdown {
    pub metric: String,
    pub breakdown: Breakdown,
}

/// What only coordinators see: every queue with its open count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffView {
    pub queues: Vec<QueueCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueCount {
    pub path: String,
    pub title_nl: String,
    pub title_en: String,
    pub open: i64,
}

/// A figure's name.
pub fn metric_label(locale: Locale, metric: &str) -> &'static str {
    match metric {
        "pledged" => td_string!(locale, monitor.m_pledged),
        "verified" => td_string!(locale, monitor.m_verified),
        "openings" => td_string!(locale, monitor.m_openings),
        "responses" => td_string!(locale, monitor.m_responses),
        "placements" => td_string!(locale, monitor.m_placements),
        "intake_completed" => td_string!(locale, monitor.m_intake_completed),
        "calculator_result" => td_string!(locale, monitor.m_calculator_result),
        "application" => td_string!(locale, monitor.m_application),
        "subsidy_search" => td_string!(locale, monitor.m_subsidy_search),
        "vacancy_search" => td_string!(locale, monitor.m_vacancy_search),
        _ => td_string!(locale, monitor.m_match_run),
    }
}

/// What a figure counts, in a sentence.
fn metric_meaning(locale: Locale, metric: &str) -> &'static str {
    match metric {
        "pledged" => td_string!(locale, monitor.d_pledged),
        "verified" => td_string!(locale, monitor.d_verified),
        "openings" => td_string!(locale, monitor.d_openings),
        "responses" => td_string!(locale, monitor.d_responses),
        "placements" => td_string!(locale, monitor.d_placements),
        "intake_completed" => td_string!(locale, monitor.d_intake_completed),
        "calculator_result" => td_string!(locale, monitor.d_calculator_result),
        "application" => td_string!(locale, monitor.d_application),
        "subsidy_search" => td_string!(locale, monitor.d_subsidy_search),
        "vacancy_search" => td_string!(locale, monitor.d_vacancy_search),
        _ => td_string!(locale, monitor.d_match_run),
    }
}

/// A month's short name ("mrt").
fn month_abbreviation(locale: Locale, month: u8) -> &'static str {
    match month {
        1 => td_string!(locale, monitor.mon_01),
        2 => td_string!(locale, monitor.mon_02),
        3 => td_string!(locale, monitor.mon_03),
        4 => td_string!(locale, monitor.mon_04),
        5 => td_string!(locale, monitor.mon_05),
        6 => td_string!(locale, monitor.mon_06),
        7 => td_string!(locale, monitor.mon_07),
        8 => td_string!(locale, monitor.mon_08),
        9 => td_string!(locale, monitor.mon_09),
        10 => td_string!(locale, monitor.mon_10),
        11 => td_string!(locale, monitor.mon_11),
        _ => td_string!(locale, monitor.mon_12),
    }
}

/// "mrt 2026".
pub fn month_name(locale: Locale, month: Month) -> String {
    format!("{} {}", month_abbreviation(locale, month.month), month.year)
}

/// A sector's name ("" is not known).
pub fn sector_name(locale: Locale, code: &str) -> String {
    if code.is_empty() {
        td_string!(locale, monitor.unknown).to_string()
    } else {
        crate::account::sector_label(locale, code).to_string()
    }
}

/// A gemeente's name ("" or a code we do not know: not known).
pub fn gemeente_name(locale: Locale, code: &str) -> String {
    crate::domain::region::gemeente(code).map_or_else(
        || td_string!(locale, monitor.unknown).to_string(),
        |g| g.name.to_string(),
    )
}

/// `/monitor`: the public monitor.
#[component]
pub fn MonitorPage() -> impl IntoView {
    let locale = current_locale();
    let view = use_context::<MonitorView>();
    view! {
        <PageIntro title=td_string!(locale, monitor.title) intro=td_string!(locale, monitor.intro) />
        {view.map(|view| view! { <MonitorBody view path="/monitor" /> })}
    }
}

/// `/beheer/monitor`: the same figures with the open queues and the export per month.
#[component]
pub fn StaffMonitorPage() -> impl IntoView {
    let locale = current_locale();
    let Some(view) = use_context::<MonitorView>() else {
        return view! { <crate::account::NotAllowed /> }.into_any();
    };
    let english = locale == Locale::en;
    let queues = view.staff.clone().map(|s| s.queues).unwrap_or_default();
    let month = view.month;
    view! {
        <PageIntro title=td_string!(locale, monitor.staff_title) intro=td_string!(locale, monitor.staff_intro) />
        <section aria-labelledby="monitor-open-werk">
            <h2 id="monitor-open-werk">{td_string!(locale, monitor.queues_heading)}</h2>
            <table class="table monitor-table">
                <caption class="visually-hidden">{td_string!(locale, monitor.queues_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, monitor.col_queue)}</th>
                        <th scope="col" class="num">{td_string!(locale, monitor.col_open)}</th>
                    </tr>
                </thead>
                <tbody>
                    {queues.into_iter().map(|q| view! {
                        <tr>
                            <th scope="row"><a href=q.path rel="external">{if english { q.title_en } else { q.title_nl }}</a></th>
                            <td class="num">{q.open}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <section aria-labelledby="monitor-export">
            <h2 id="monitor-export">{td_string!(locale, monitor.export_heading)}</h2>
            <p>
                <a href=format!("/beheer/monitor/export.csv?maand={month}") rel="external" download="">
                    {td_string!(locale, monitor.export_link).replace("{month}", &month_name(locale, month))}
                </a>
            </p>
            <p>{td_string!(locale, monitor.export_note)}</p>
        </section>
        <MonitorBody view path="/beheer/monitor" />
    }
    .into_any()
}

/// A CSV link: the visible words are the same for every table, the hidden ones say which.
#[component]
fn CsvLink(href: String, what: String) -> impl IntoView {
    let locale = current_locale();
    view! {
        <p class="monitor-csv">
            <a href=href rel="external" download="">
                {td_string!(locale, monitor.csv_link)}
                <span class="visually-hidden">{format!(" {}", td_string!(locale, monitor.csv_of).replace("{what}", &what))}</span>
            </a>
        </p>
    }
}

/// Everything both pages show, the form posting to `path` (GET).
#[component]
fn MonitorBody(view: MonitorView, path: &'static str) -> impl IntoView {
    let locale = current_locale();
    let metric = if METRICS.contains(&view.metric.as_str()) {
        view.metric.clone()
    } else {
        METRICS[0].to_string()
    };
    let label = metric_label(locale, &metric);
    let month = view.month;
    let month_text = month_name(locale, month);
    // The months to choose from: those of the series (newest first), and the chosen one.
    let mut months: Vec<Month> = view.series.iter().rev().map(|m| m.month).collect();
    if !months.contains(&month) {
        months.insert(0, month);
    }
    let series_rows: Vec<ChartRow> = view
        .series
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let count = m.of(&metric);
            ChartRow {
                label: month_abbreviation(locale, m.month.month).to_string(),
                sub: if i == 0 || m.month.month == 1 {
                    m.month.year.to_string()
                } else {
                    String::new()
                },
                value: count.unwrap_or(0),
                text: shown_text(count),
            }
        })
        .collect();
    let series_caption = td_string!(locale, monitor.series_caption).replace("{metric}", label);
    let series = view.series.clone();
    let t = view.thermometer;
    let bars = [
        ("pledged", td_string!(locale, stages.t_pledged), t.pledged),
        (
            "verified",
            td_string!(locale, stages.t_verified),
            t.verified,
        ),
        ("open", td_string!(locale, stages.t_open), t.open),
        ("filled", td_string!(locale, stages.t_filled), t.filled),
    ];
    let find = |list: &[MetricBreakdown]| {
        list.iter()
            .find(|b| b.metric == metric)
            .map(|b| b.breakdown.clone())
    };
    let by_sector = find(&view.by_sector);
    let by_gemeente = find(&view.by_gemeente);
    let month_query = format!("?maand={month}");
    let table_metric = metric.clone();
    view! {
        <section class="thermometer" aria-labelledby="monitor-thermometer">
            <h2 id="monitor-thermometer">{td_string!(locale, monitor.thermometer_heading)}</h2>
            <p>{td_string!(locale, monitor.thermometer_intro).replace("{target}", &t.target.to_string())}</p>
            <dl class="thermometer-bars">
                {bars.into_iter().map(|(class, name, value)| view! {
                    <div class=format!("thermometer-row thermometer-{class}")>
                        <dt>{name}</dt>
                        <dd>
                            <span class="thermometer-figure">{format!("{value} / {}", t.target)}</span>
                            <svg class="thermometer-bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                                <rect class="thermometer-track" x="0" y="0" width="100" height="4"></rect>
                                <rect class="thermometer-fill" x="0" y="0" width=t.percent(value).to_string() height="4"></rect>
                            </svg>
                        </dd>
                    </div>
                }).collect_view()}
            </dl>
            <p><a href="/stages">{td_string!(locale, monitor.thermometer_link)}</a></p>
        </section>

        <section aria-labelledby="monitor-kies" class="monitor-choose">
            <h2 id="monitor-kies">{td_string!(locale, monitor.choose_heading)}</h2>
            {view.bad_month.then(|| view! { <p class="notice" role="status">{td_string!(locale, monitor.bad_month)}</p> })}
            <form method="get" action=path>
                <div class="field">
                    <label for="monitor-maand">{td_string!(locale, monitor.month_label)}</label>
                    <p class="hint" id="monitor-maand-hint">{td_string!(locale, monitor.month_hint)}</p>
                    <select id="monitor-maand" name="maand" aria-describedby="monitor-maand-hint">
                        {months.into_iter().map(|m| view! {
                            <option value=m.to_string() selected=m == month>{month_name(locale, m)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="monitor-cijfer">{td_string!(locale, monitor.metric_label)}</label>
                    <p class="hint" id="monitor-cijfer-hint">{td_string!(locale, monitor.metric_hint)}</p>
                    <select id="monitor-cijfer" name="cijfer" aria-describedby="monitor-cijfer-hint">
                        {METRICS.iter().map(|m| view! {
                            <option value=*m selected=*m == metric>{metric_label(locale, m)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">{td_string!(locale, monitor.show)}</button>
            </form>
        </section>

        <section aria-labelledby="monitor-per-maand">
            <h2 id="monitor-per-maand">{td_string!(locale, monitor.series_heading)}</h2>
            <ColumnChart rows=series_rows caption=("monitor-per-maand-titel".to_string(), series_caption.clone())>
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="monitor-per-maand-titel">
                    <table class="table monitor-table">
                        <caption class="visually-hidden">{series_caption.clone()}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{td_string!(locale, monitor.col_month)}</th>
                                <th scope="col" class="num">{td_string!(locale, monitor.col_count)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {series.iter().map(|m| view! {
                                <tr>
                                    <th scope="row">{month_name(locale, m.month)}</th>
                                    <td class="num">{shown_text(m.of(&table_metric))}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <CsvLink href="/monitor/maanden.csv".to_string() what=series_caption />
            </ColumnChart>
        </section>

        <section aria-labelledby="monitor-alles">
            <h2 id="monitor-alles">{td_string!(locale, monitor.all_heading)}</h2>
            <p class="hint">{td_string!(locale, monitor.scroll_hint)}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="monitor-alles-titel">
                <table class="table monitor-table monitor-wide">
                    <caption id="monitor-alles-titel">{td_string!(locale, monitor.all_caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{td_string!(locale, monitor.col_month)}</th>
                            {METRICS.iter().map(|m| view! { <th scope="col" class="num">{metric_label(locale, m)}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {view.series.iter().map(|m| view! {
                            <tr>
                                <th scope="row">{month_name(locale, m.month)}</th>
                                {m.counts.iter().map(|c| view! { <td class="num">{shown_text(*c)}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <CsvLink href="/monitor/maanden.csv".to_string() what=td_string!(locale, monitor.all_caption).to_string() />
        </section>

        <BreakdownSection
            id="monitor-per-sector"
            heading=td_string!(locale, monitor.sector_heading).replace("{month}", &month_text)
            caption=td_string!(locale, monitor.sector_caption).replace("{metric}", label).replace("{month}", &month_text)
            column=td_string!(locale, monitor.col_sector)
            breakdown=by_sector.filter(|_| has_breakdown(&metric))
            name=sector_name
            csv=format!("/monitor/sectoren.csv{month_query}")
        />
        <BreakdownSection
            id="monitor-per-gemeente"
            heading=td_string!(locale, monitor.gemeente_heading).replace("{month}", &month_text)
            caption=td_string!(locale, monitor.gemeente_caption).replace("{metric}", label).replace("{month}", &month_text)
            column=td_string!(locale, monitor.col_gemeente)
            breakdown=by_gemeente.filter(|_| has_breakdown(&metric))
            name=gemeente_name
            csv=format!("/monitor/gemeenten.csv{month_query}")
        />

        <section aria-labelledby="monitor-over">
            <h2 id="monitor-over">{td_string!(locale, monitor.about_heading)}</h2>
            <p>{td_string!(locale, monitor.about_small)}</p>
            <p>{td_string!(locale, monitor.about_counts)}</p>
            <p>{td_string!(locale, monitor.about_demo)}</p>
            <p>{td_string!(locale, monitor.about_api)} " " <a href="/api/v1/monitor">"/api/v1/monitor"</a>"."</p>
            <h3>{td_string!(locale, monitor.meaning_heading)}</h3>
            <dl class="monitor-meanings">
                {METRICS.iter().map(|m| view! {
                    <dt>{metric_label(locale, m)}</dt>
                    <dd>{metric_meaning(locale, m)}</dd>
                }).collect_view()}
            </dl>
        </section>
    }
}

/// One figure of the month by sector or by gemeente: the chart, its table (the shown cells,
/// the merged row and the total) and the CSV link; or why there is none.
#[component]
fn BreakdownSection(
    id: &'static str,
    heading: String,
    caption: String,
    column: &'static str,
    breakdown: Option<Breakdown>,
    name: fn(Locale, &str) -> String,
    csv: String,
) -> impl IntoView {
    let locale = current_locale();
    let title_id = format!("{id}-titel");
    let content = match breakdown {
        None => view! { <p>{td_string!(locale, monitor.no_breakdown)}</p> }.into_any(),
        Some(b) => {
            let other = td_string!(locale, monitor.other);
            let mut rows: Vec<(String, Shown)> = b
                .rows
                .iter()
                .map(|(k, n)| (name(locale, k), Some(*n)))
                .collect();
            if let Some((_, merged)) = b.other {
                rows.push((other.to_string(), merged));
            }
            let chart: Vec<ChartRow> = rows
                .iter()
                .map(|(label, n)| ChartRow {
                    label: label.clone(),
                    sub: String::new(),
                    value: n.unwrap_or(0),
                    text: shown_text(*n),
                })
                .collect();
            view! {
                <BarChart rows=chart caption=(title_id.clone(), caption.clone())>
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby=title_id.clone()>
                        <table class="table monitor-table">
                            <caption class="visually-hidden">{caption.clone()}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{column}</th>
                                    <th scope="col" class="num">{td_string!(locale, monitor.col_count)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(|(label, n)| view! {
                                    <tr>
                                        <th scope="row">{label}</th>
                                        <td class="num">{shown_text(n)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                            <tfoot>
                                <tr>
                                    <th scope="row">{td_string!(locale, monitor.total)}</th>
                                    <td class="num">{shown_text(b.total)}</td>
                                </tr>
                            </tfoot>
                        </table>
                    </div>
                    <CsvLink href=csv.clone() what=caption.clone() />
                </BarChart>
            }
            .into_any()
        }
    };
    view! {
        <section aria-labelledby=id>
            <h2 id=id>{heading}</h2>
            {content}
        </section>
    }
}
