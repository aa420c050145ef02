//! The drive for 1000 extra stages and leerbanen: the public board with its thermometer
//! (`/stages`), employers' pledges (`/werkgevers`), and the coordinators' verification
//! (`/beheer/stages`). Every page is rendered by the server with its data loaded first
//! (`PUBLIC_PAGES`, `PAGES` in `handlers`); the forms post plainly.
//!
//! Pledged is not realised: the board shows pledged, verified, open and filled side by side and
//! never adds one to another (`domain::stages::Thermometer`).
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::charts::{BarChart, ChartRow};
use crate::domain::region;
use crate::domain::stages::{Level, PlaceKind, Thermometer, PLEDGE_FIELDS};
use crate::forms::{
    use_form_state, CsrfField, ErrorSummary, Field, FormState, LiveList, Notice, RadioGroup, Select,
};
use crate::i18n::*;
use crate::layout::{current_locale, PageIntro};

#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod store;

#[cfg(feature = "ssr")]
pub use handlers::{PAGES, PUBLIC_PAGES, QUEUES};

/// The drive's figures as the board's thermometer shows them (demo pledges included, as on the
/// board): the monitor shows the same.
#[cfg(feature = "ssr")]
pub async fn thermometer(db: &crate::server::Db) -> Result<Thermometer, crate::server::DbError> {
    store::thermometer(db).await
}

/// A pledge as the pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PledgeRow {
    pub id: i64,
    pub organisation_id: i64,
    /// The organisation's name; empty on the public board when it chose not to be named.
    pub organisation: String,
    pub kind: String,
    pub places: i64,
    pub sector: String,
    pub level: String,
    pub gemeente: String,
    pub from: String,
    pub to: String,
    pub show_name: bool,
    pub status: String,
    pub reason: Option<String>,
    pub created_at: i64,
}

impl PledgeRow {
    /// The row as the public may see it: the organisation's name only when it chose so.
    pub fn anonymous_unless_named(mut self) -> Self {
        if !self.show_name {
            self.organisation = String::new();
            self.organisation_id = 0;
        }
        self
    }
}

/// One event in a pledge's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PledgeEvent {
    pub pledge_id: i64,
    pub event: String,
    pub details: String,
    pub at: i64,
}

/// Pledged and verified places for one value of a breakdown (a kind, sector or gemeente code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    pub key: String,
    pub pledged: i64,
    pub verified: i64,
}

/// What the public board shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardView {
    pub thermometer: Thermometer,
    pub by_kind: Vec<Breakdown>,
    pub by_sector: Vec<Breakdown>,
    pub by_gemeente: Vec<Breakdown>,
    /// Organisations with a verified pledge that chose to be named.
    pub named: Vec<String>,
    /// The latest pledges (pending or verified), names only where chosen.
    pub latest: Vec<PledgeRow>,
    /// The open openings that match the filter, names only where chosen.
    pub openings: Vec<OpeningRow>,
    pub filter: OpeningFilter,
}

/// What an employer's pages show: the organisation, its pledges with their history, and the
/// openings made from them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployerView {
    pub organisation: String,
    pub pledges: Vec<PledgeRow>,
    pub history: Vec<PledgeEvent>,
    pub openings: Vec<OpeningRow>,
}

/// An opening as the pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningRow {
    pub id: i64,
    pub pledge_id: i64,
    pub organisation: String,
    pub show_name: bool,
    pub title: String,
    pub description: String,
    pub kind: String,
    pub level: String,
    pub sector: String,
    pub gemeente: String,
    pub start: String,
    pub hours: i64,
    pub places: i64,
    pub filled: i64,
    pub contact: String,
    pub status: String,
    pub created_at: i64,
    /// Straight-line km from the place the list was asked for, when one was.
    pub distance_km: Option<u32>,
    /// Its pledge was verified by a coordinator: only then is it public and open to responses.
    pub pledge_verified: bool,
}

/// The radius of "nearby" when the portal suggests other places (km, straight line).
pub const NEARBY_KM: u32 = 25;

/// The distances a person can choose to search within (km, straight line).
pub const DISTANCES_KM: [u32; 5] = [5, 10, 15, 25, 40];

/// The filters of the openings list: plain GET fields, so a filtered list is a link.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningFilter {
    pub kind: String,
    pub sector: String,
    pub level: String,
    pub gemeente: String,
    pub text: String,
    /// A town of the region (`region::TOWNS` code) to measure distances from.
    pub from: String,
    /// At most this many km (straight line) from `from`; 0: any distance.
    pub km: u32,
    /// Starting on or after this date (YYYY-MM-DD).
    pub start: String,
}

impl OpeningFilter {
    /// Reads the filters from a query string; unknown values are dropped (an empty filter).
    pub fn from_query(query: &str) -> Self {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == k)
                .map_or(String::new(), |(_, v)| v.trim().to_string())
        };
        let known = |value: String, ok: bool| if ok { value } else { String::new() };
        let kind = get("soort");
        let sector = get("sector");
        let level = get("niveau");
        let gemeente = get("gemeente");
        let from = get("vanaf");
        let from = known(from.clone(), region::town_by_code(&from).is_some());
        let km = get("km")
            .parse::<u32>()
            .ok()
            .filter(|km| DISTANCES_KM.contains(km) && !from.is_empty())
            .unwrap_or(0);
        let start = crate::domain::date::Date::parse(&get("start_vanaf"))
            .map_or(String::new(), |d| d.to_string());
        OpeningFilter {
            kind: known(kind.clone(), PlaceKind::parse(&kind).is_some()),
            sector: known(
                sector.clone(),
                crate::domain::account::SECTORS.contains(&sector.as_str()),
            ),
            level: known(level.clone(), Level::parse(&level).is_some()),
            gemeente: known(gemeente.clone(), region::gemeente(&gemeente).is_some()),
            text: get("q").chars().take(100).collect(),
            from,
            km,
            start,
        }
    }
}

/// The words for a kind of place.
pub fn kind_label(locale: Locale, code: &str) -> &'static str {
    match PlaceKind::parse(code) {
        Some(PlaceKind::StageMboBol) => td_string!(locale, stages.kind_stage_mbo_bol),
        Some(PlaceKind::StageHbo) => td_string!(locale, stages.kind_stage_hbo),
        Some(PlaceKind::StageVmboPro) => td_string!(locale, stages.kind_stage_vmbo_pro),
        Some(PlaceKind::LeerbaanBbl) => td_string!(locale, stages.kind_leerbaan_bbl),
        Some(PlaceKind::Werkervaringsplek) => td_string!(locale, stages.kind_werkervaringsplek),
        None => "",
    }
}

/// The words for a level.
pub fn level_label(locale: Locale, code: &str) -> &'static str {
    match Level::parse(code) {
        Some(Level::Pro) => td_string!(locale, stages.level_pro),
        Some(Level::Vmbo) => td_string!(locale, stages.level_vmbo),
        Some(Level::Mbo1) => td_string!(locale, stages.level_mbo1),
        Some(Level::Mbo2) => td_string!(locale, stages.level_mbo2),
        Some(Level::Mbo3) => td_string!(locale, stages.level_mbo3),
        Some(Level::Mbo4) => td_string!(locale, stages.level_mbo4),
        Some(Level::Hbo) => td_string!(locale, stages.level_hbo),
        Some(Level::Any) => td_string!(locale, stages.level_any),
        None => "",
    }
}

fn status_label(locale: Locale, code: &str) -> &'static str {
    match code {
        "pending" => td_string!(locale, stages.status_pending),
        "verified" => td_string!(locale, stages.status_verified),
        "rejected" => td_string!(locale, stages.status_rejected),
        _ => td_string!(locale, stages.status_withdrawn),
    }
}

/// The options of a kind-of-place question.
fn kind_options(locale: Locale) -> Vec<(&'static str, &'static str)> {
    PlaceKind::ALL
        .iter()
        .map(|k| (k.code(), kind_label(locale, k.code())))
        .collect()
}

/// The options of a level question.
fn level_options(locale: Locale) -> Vec<(&'static str, &'static str)> {
    Level::ALL
        .iter()
        .map(|l| (l.code(), level_label(locale, l.code())))
        .collect()
}

/// The options of a sector question.
pub fn sector_options(locale: Locale) -> Vec<(&'static str, &'static str)> {
    crate::domain::account::SECTORS
        .iter()
        .map(|s| (*s, crate::account::sector_label(locale, s)))
        .collect()
}

/// The region's gemeenten by name, as options.
pub fn gemeente_options() -> Vec<(&'static str, &'static str)> {
    let mut list: Vec<(&'static str, &'static str)> =
        region::GEMEENTEN.iter().map(|g| (g.code, g.name)).collect();
    list.sort_by_key(|(_, name)| *name);
    list
}

pub fn gemeente_name(code: &str) -> &'static str {
    region::gemeente(code).map_or("", |g| g.name)
}

/// "1 februari 2027"-style dates are for later; the ISO date reads the same in both languages.
fn period(row: &PledgeRow) -> String {
    format!("{} – {}", row.from, row.to)
}

/// `/stages`: the thermometer toward the target, the breakdowns, who pledged, the latest.
#[component]
pub fn StagesPage() -> impl IntoView {
    let locale = current_locale();
    let board = use_context::<BoardView>();
    view! {
        <PageIntro title=td_string!(locale, stages.title) intro=td_string!(locale, stages.intro) />
        {board.map(|board| view! {
            <OpenPlaces openings=board.openings.clone() filter=board.filter.clone() />
            <Board board />
        })}
    }
}

#[component]
fn Board(board: BoardView) -> impl IntoView {
    let locale = current_locale();
    let t = board.thermometer;
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
    let kinds = board.by_kind.clone();
    view! {
        <section class="thermometer" aria-labelledby="thermometer-titel">
            <h2 id="thermometer-titel">{td_string!(locale, stages.t_heading)}</h2>
            <p>{td_string!(locale, stages.t_intro).replace("{target}", &t.target.to_string())}</p>
            <dl class="thermometer-bars">
                {bars.into_iter().map(|(class, label, value)| view! {
                    <div class=format!("thermometer-row thermometer-{class}")>
                        <dt>{label}</dt>
                        <dd>
                            <span class="thermometer-figure">{format!("{value} / {}", t.target)}</span>
                            // The bar is decoration: the figure beside it says it all.
                            <svg class="thermometer-bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                                <rect class="thermometer-track" x="0" y="0" width="100" height="4"></rect>
                                <rect class="thermometer-fill" x="0" y="0" width=t.percent(value).to_string() height="4"></rect>
                            </svg>
                        </dd>
                    </div>
                }).collect_view()}
            </dl>
            <p class="thermometer-note">{td_string!(locale, stages.t_note)}</p>
        </section>
        <section aria-labelledby="per-soort">
            <h2 id="per-soort">{td_string!(locale, stages.by_kind)}</h2>
            <BarChart rows=kinds.iter().map(|b| ChartRow::new(kind_label(locale, &b.key), b.pledged)).collect() name=td_string!(locale, stages.by_kind).to_string() />
            <BreakdownTable rows=kinds label=|l, k| kind_label(l, k).to_string() caption=td_string!(locale, stages.by_kind) />
        </section>
        <section aria-labelledby="per-sector">
            <h2 id="per-sector">{td_string!(locale, stages.by_sector)}</h2>
            <BreakdownTable rows=board.by_sector.clone() label=|l, k| crate::account::sector_label(l, k).to_string() caption=td_string!(locale, stages.by_sector) />
        </section>
        <section aria-labelledby="per-gemeente">
            <h2 id="per-gemeente">{td_string!(locale, stages.by_gemeente)}</h2>
            <BreakdownTable rows=board.by_gemeente.clone() label=|_, k| gemeente_name(k).to_string() caption=td_string!(locale, stages.by_gemeente) />
        </section>
        <section aria-labelledby="wie-doet-mee">
            <h2 id="wie-doet-mee">{td_string!(locale, stages.named_heading)}</h2>
            {if board.named.is_empty() {
                view! { <p>{td_string!(locale, stages.named_none)}</p> }.into_any()
            } else {
                view! { <ul class="named-list">{board.named.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul> }.into_any()
            }}
        </section>
        <section aria-labelledby="laatste">
            <h2 id="laatste">{td_string!(locale, stages.latest_heading)}</h2>
            <ul class="pledge-list">
                {board.latest.iter().map(|p| {
                    let who = if p.organisation.is_empty() { td_string!(locale, stages.anonymous).to_string() } else { p.organisation.clone() };
                    view! {
                        <li>
                            {format!("{who}: {} × {} ({}, {})", p.places, kind_label(locale, &p.kind), crate::account::sector_label(locale, &p.sector), gemeente_name(&p.gemeente))}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A table of pledged and verified places per value.
#[component]
fn BreakdownTable(
    rows: Vec<Breakdown>,
    label: fn(Locale, &str) -> String,
    caption: &'static str,
) -> impl IntoView {
    let locale = current_locale();
    view! {
        <table class="table stack breakdown">
            <caption class="visually-hidden">{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{td_string!(locale, stages.col_what)}</th>
                    <th scope="col" class="num">{td_string!(locale, stages.t_pledged)}</th>
                    <th scope="col" class="num">{td_string!(locale, stages.t_verified)}</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|row| view! {
                    <tr>
                        <th scope="row">{label(locale, &row.key)}</th>
                        <td class="num" data-label=td_string!(locale, stages.t_pledged)>{row.pledged}</td>
                        <td class="num" data-label=td_string!(locale, stages.t_verified)>{row.verified}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

fn employer_notice() -> Signal<Option<&'static str>> {
    let locale = current_locale();
    let query = use_query_map();
    Signal::derive(move || match query.with(|q| q.get("melding")).as_deref() {
        Some("toegezegd") => Some(td_string!(locale, stages.notice_pledged)),
        Some("gewijzigd") => Some(td_string!(locale, stages.notice_changed)),
        Some("ingetrokken") => Some(td_string!(locale, stages.notice_withdrawn)),
        Some("plek-open") => Some(td_string!(locale, stages.notice_opening)),
        Some("plek-gesloten") => Some(td_string!(locale, stages.notice_opening_closed)),
        Some("beantwoord") => Some(td_string!(locale, stages.notice_answered)),
        _ => None,
    })
}

/// `/werkgevers`: the organisation's pledges and a form for a new one.
#[component]
pub fn EmployerPage() -> impl IntoView {
    let locale = current_locale();
    let form = use_form_state();
    let Some(view) = use_context::<EmployerView>() else {
        return view! { <crate::account::NotAllowed /> }.into_any();
    };
    view! {
        <PageIntro title=td_string!(locale, stages.employer_title) intro=td_string!(locale, stages.employer_intro) />
        <Notice text=employer_notice() />
        <ErrorSummary form=form.clone() />
        <p class="org-name">{td_string!(locale, stages.for_organisation)}" "<strong>{view.organisation.clone()}</strong></p>
        <p><a href="/werkgevers/reacties">{td_string!(locale, stages.to_inbox_all)}</a></p>
        <h2>{td_string!(locale, stages.pledges_heading)}</h2>
        {if view.pledges.is_empty() {
            view! { <p>{td_string!(locale, stages.pledges_none)}</p> }.into_any()
        } else {
            view! { <PledgeTable pledges=view.pledges.clone() /> }.into_any()
        }}
        <h2 id="nieuwe-toezegging">{td_string!(locale, stages.new_pledge)}</h2>
        <form method="post" action="/werkgevers" novalidate>
            <CsrfField />
            <PledgeFields form=form.clone() />
            <button type="submit" class="button">{td_string!(locale, stages.pledge_submit)}</button>
        </form>
    }
    .into_any()
}

#[component]
fn PledgeTable(pledges: Vec<PledgeRow>) -> impl IntoView {
    let locale = current_locale();
    view! {
        <table class="table stack pledges">
            <caption class="visually-hidden">{td_string!(locale, stages.pledges_heading)}</caption>
            <thead>
                <tr>
                    <th scope="col">{td_string!(locale, stages.col_kind)}</th>
                    <th scope="col" class="num">{td_string!(locale, stages.col_places)}</th>
                    <th scope="col">{td_string!(locale, stages.col_where)}</th>
                    <th scope="col">{td_string!(locale, stages.col_period)}</th>
                    <th scope="col">{td_string!(locale, stages.col_status)}</th>
                    <th scope="col"><span class="visually-hidden">{td_string!(locale, stages.col_actions)}</span></th>
                </tr>
            </thead>
            <tbody>
                {pledges.into_iter().map(|p| {
                    let editable = p.status != "withdrawn";
                    let status = status_label(locale, &p.status);
                    view! {
                        <tr id=format!("toezegging-{}", p.id)>
                            <th scope="row">{kind_label(locale, &p.kind)}" · "{level_label(locale, &p.level)}</th>
                            <td class="num" data-label=td_string!(locale, stages.col_places)>{p.places}</td>
                            <td data-label=td_string!(locale, stages.col_where)>{crate::account::sector_label(locale, &p.sector)}", "{gemeente_name(&p.gemeente)}</td>
                            <td data-label=td_string!(locale, stages.col_period)>{period(&p)}</td>
                            <td data-label=td_string!(locale, stages.col_status)>
                                <span class=format!("badge status-{}", p.status)>{status}</span>
                                {p.reason.clone().map(|r| view! { <br /><span class="reason">{r}</span> })}
                            </td>
                            <td>
                                {editable.then(|| view! {
                                    <a href=format!("/werkgevers/toezegging?id={}", p.id)>
                                        {td_string!(locale, stages.edit)}
                                        <span class="visually-hidden">{format!(" {} ({})", kind_label(locale, &p.kind), p.places)}</span>
                                    </a>
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The questions of a pledge (new and edit forms).
#[component]
fn PledgeFields(form: FormState) -> impl IntoView {
    let locale = current_locale();
    let choose = td_string!(locale, calc.choose);
    let kinds = kind_options(locale);
    let levels = level_options(locale);
    let sectors = sector_options(locale);
    let gemeenten = gemeente_options();
    let yes_no = vec![
        ("ja", td_string!(locale, stages.show_name_yes)),
        ("nee", td_string!(locale, stages.show_name_no)),
    ];
    view! {
        <Select form=form.clone() name="soort" label=td_string!(locale, stages.q_kind) placeholder=choose options=kinds />
        <Field form=form.clone() name="aantal" label=td_string!(locale, stages.q_places) inputmode="numeric" hint=td_string!(locale, stages.q_places_hint) />
        <Select form=form.clone() name="niveau" label=td_string!(locale, stages.q_level) hint=td_string!(locale, stages.q_level_hint) placeholder=choose options=levels />
        <Select form=form.clone() name="sector" label=td_string!(locale, stages.q_sector) placeholder=choose options=sectors />
        <Select form=form.clone() name="gemeente" label=td_string!(locale, stages.q_gemeente) placeholder=choose options=gemeenten />
        <Field form=form.clone() name="van" label=td_string!(locale, stages.q_from) kind="date" hint=td_string!(locale, stages.q_date_hint) />
        <Field form=form.clone() name="tot" label=td_string!(locale, stages.q_to) kind="date" hint=td_string!(locale, stages.q_date_hint) />
        <RadioGroup form=form.clone() name="naam_tonen" legend=td_string!(locale, stages.q_show_name) hint=td_string!(locale, stages.q_show_name_hint) options=yes_no />
    }
}

/// `/werkgevers/toezegging?id=…`: change or withdraw one pledge, with its history.
#[component]
pub fn PledgeEditPage() -> impl IntoView {
    let locale = current_locale();
    let posted = use_form_state();
    let Some(view) = use_context::<EmployerView>() else {
        return view! { <crate::account::NotAllowed /> }.into_any();
    };
    let pledge = chosen_pledge(&view, &posted, "id", |status| status != "withdrawn");
    let Some(pledge) = pledge else {
        return view! {
            <PageIntro title=td_string!(locale, stages.edit_title) intro=td_string!(locale, stages.edit_missing) />
            <p><a href="/werkgevers">{td_string!(locale, stages.back)}</a></p>
        }
        .into_any();
    };
    // The form shows the pledge as it is, or what was posted when it had a problem.
    let form = if posted.values.is_empty() {
        let mut form = FormState::default();
        for (field, value) in pledge_pairs(&pledge) {
            form.values.insert(field.to_string(), value);
        }
        form
    } else {
        posted
    };
    let history: Vec<PledgeEvent> = view
        .history
        .iter()
        .filter(|e| e.pledge_id == pledge.id)
        .cloned()
        .collect();
    let pledge_id = pledge.id.to_string();
    view! {
        <PageIntro title=td_string!(locale, stages.edit_title) intro=td_string!(locale, stages.edit_intro) />
        <Notice text=employer_notice() />
        <ErrorSummary form=form.clone() />
        <p><a href="/werkgevers">{td_string!(locale, stages.back)}</a></p>
        <form method="post" action="/werkgevers/toezegging" novalidate>
            <CsrfField />
            <input type="hidden" name="id" value=pledge_id.clone() />
            <PledgeFields form=form.clone() />
            <button type="submit" class="button">{td_string!(locale, stages.edit_submit)}</button>
        </form>
        <h2>{td_string!(locale, stages.openings_of_pledge)}</h2>
        <PledgeOpenings pledge=pledge.clone() openings=view.openings.iter().filter(|o| o.pledge_id == pledge.id).cloned().collect() />
        <h2>{td_string!(locale, stages.withdraw_heading)}</h2>
        <p>{td_string!(locale, stages.withdraw_intro)}</p>
        <form method="post" action="/werkgevers/toezegging/intrekken" novalidate>
            <CsrfField />
            <input type="hidden" name="id" value=pledge_id />
            <button type="submit" class="button button-secondary">{td_string!(locale, stages.withdraw_submit)}</button>
        </form>
        <h2>{td_string!(locale, stages.history_heading)}</h2>
        <ol class="history">
            {history.into_iter().map(|e| view! {
                <li>{
                    if e.details.is_empty() {
                        event_label(locale, &e.event).to_string()
                    } else {
                        format!("{}: {}", event_label(locale, &e.event), event_details(locale, &e))
                    }
                }</li>
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// The organisation's pledge a page is about: its id from the link (`?{key}=`), or after a
/// failed post from the form; `None` when the organisation has no such pledge in a status
/// `allowed` accepts.
fn chosen_pledge(
    view: &EmployerView,
    posted: &FormState,
    key: &'static str,
    allowed: fn(&str) -> bool,
) -> Option<PledgeRow> {
    let id = use_query_map()
        .with_untracked(|q| q.get(key))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| posted.value(key));
    let id = id.parse::<i64>().ok()?;
    view.pledges
        .iter()
        .find(|p| p.id == id && allowed(&p.status))
        .cloned()
}

/// A pledge's row as form values.
fn pledge_pairs(p: &PledgeRow) -> Vec<(&'static str, String)> {
    let values = [
        p.kind.clone(),
        p.places.to_string(),
        p.sector.clone(),
        p.level.clone(),
        p.gemeente.clone(),
        p.from.clone(),
        p.to.clone(),
        if p.show_name { "ja" } else { "nee" }.to_string(),
    ];
    PLEDGE_FIELDS.iter().copied().zip(values).collect()
}

fn event_label(locale: Locale, event: &str) -> &'static str {
    match event {
        "created" => td_string!(locale, stages.event_created),
        "edited" => td_string!(locale, stages.event_edited),
        "withdrawn" => td_string!(locale, stages.event_withdrawn),
        "verified" => td_string!(locale, stages.event_verified),
        _ => td_string!(locale, stages.event_rejected),
    }
}

/// A history entry's details in words: the pledge as it was then, or a rejection's reason.
fn event_details(locale: Locale, event: &PledgeEvent) -> String {
    if event.event == "rejected" {
        return event.details.clone();
    }
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(&event.details).unwrap_or_default();
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map_or("", |(_, v)| v.as_str())
    };
    format!(
        "{} × {} · {}, {}, {} – {}",
        get("aantal"),
        kind_label(locale, get("soort")),
        level_label(locale, get("niveau")),
        gemeente_name(get("gemeente")),
        get("van"),
        get("tot")
    )
}

/// `/beheer/stages`: pledges waiting for a coordinator, each to verify or reject with a reason.
#[component]
pub fn StaffStagesPage() -> impl IntoView {
    let locale = current_locale();
    let form = use_form_state();
    let Some(staff) = use_context::<StaffStagesView>() else {
        return view! { <crate::account::NotAllowed /> }.into_any();
    };
    let pending = staff.pending;
    let unanswered: Vec<PipelineRow> = staff
        .by_organisation
        .iter()
        .filter(|r| r.waiting > 0)
        .cloned()
        .collect();
    let target_form = {
        let mut target_form = form.clone();
        if target_form.value("doel").is_empty() {
            target_form
                .values
                .insert("doel".into(), staff.target.to_string());
        }
        target_form
    };
    view! {
        <PageIntro title=td_string!(locale, stages.staff_title) intro=td_string!(locale, stages.staff_intro) />
        <ErrorSummary form=form.clone() />
        <nav aria-labelledby="op-deze-pagina" class="page-contents">
            <h2 id="op-deze-pagina">{td_string!(locale, stages.on_this_page)}</h2>
            <ul>
                <li><a href="#te-controleren">{td_string!(locale, stages.pending_heading)}</a></li>
                <li><a href="#zonder-antwoord">{td_string!(locale, stages.unanswered_heading)}</a></li>
                <li><a href="#pijplijn">{td_string!(locale, stages.pipeline_heading)}</a></li>
            </ul>
        </nav>
        <p><a href="/beheer/stages/toezeggingen.csv" download="toezeggingen.csv" rel="external">{td_string!(locale, stages.export)}</a></p>
        <p><a href="/beheer/stages/plekken.csv" download="plekken.csv" rel="external">{td_string!(locale, stages.export_openings)}</a></p>
        {staff.admin.then(|| view! {
            <h2>{td_string!(locale, stages.target_heading)}</h2>
            <form method="post" action="/beheer/stages/doel" novalidate>
                <CsrfField />
                <Field form=target_form.clone() name="doel" label=td_string!(locale, stages.target_label) inputmode="numeric" hint=td_string!(locale, stages.target_hint) />
                <button type="submit" class="button button-secondary">{td_string!(locale, stages.target_submit)}</button>
            </form>
        })}
        <h2 id="te-controleren">{td_string!(locale, stages.pending_heading)}</h2>
        {if pending.is_empty() {
            view! { <p>{td_string!(locale, stages.staff_none)}</p> }.into_any()
        } else {
            view! {
                <ul class="queue">
                    {pending.into_iter().map(|p| {
                        let id = p.id.to_string();
                        let reason_id = format!("reden-{}", p.id);
                        view! {
                            <li class="queue-item queue-open" id=format!("toezegging-{}", p.id)>
                                <h3 class="queue-title">{p.organisation.clone()}</h3>
                                <p>{format!("{} × {} · {} · {}, {} · {}", p.places, kind_label(locale, &p.kind), level_label(locale, &p.level), crate::account::sector_label(locale, &p.sector), gemeente_name(&p.gemeente), period(&p))}</p>
                                <form method="post" action="/beheer/stages/beoordelen" novalidate class="inline-form">
                                    <CsrfField />
                                    <input type="hidden" name="id" value=id.clone() />
                                    <button type="submit" name="besluit" value="verified" class="button">{td_string!(locale, stages.verify)}</button>
                                </form>
                                <form method="post" action="/beheer/stages/beoordelen" novalidate>
                                    <CsrfField />
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="besluit" value="rejected" />
                                    <div class="field">
                                        <label for=reason_id.clone()>{td_string!(locale, stages.reason)}</label>
                                        <input type="text" id=reason_id name="reden" maxlength="500" />
                                    </div>
                                    <button type="submit" class="button button-secondary">{td_string!(locale, stages.reject)}</button>
                                </form>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <h2 id="zonder-antwoord">{td_string!(locale, stages.unanswered_heading)}</h2>
        {if unanswered.is_empty() {
            view! { <p>{td_string!(locale, stages.unanswered_none)}</p> }.into_any()
        } else {
            view! {
                <ul class="unanswered">
                    {unanswered.into_iter().map(|r| view! {
                        <li>{td_string!(locale, stages.unanswered_item).replace("{organisation}", &r.key).replace("{count}", &r.waiting.to_string())}</li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <h2 id="pijplijn">{td_string!(locale, stages.pipeline_heading)}</h2>
        <p>{td_string!(locale, stages.pipeline_intro)}</p>
        <PipelineTable rows=staff.by_sector.clone() label=|l, k| crate::account::sector_label(l, k).to_string() caption=td_string!(locale, stages.by_sector) />
        <PipelineTable rows=staff.by_gemeente.clone() label=|_, k| gemeente_name(k).to_string() caption=td_string!(locale, stages.by_gemeente) />
        <PipelineTable rows=staff.by_organisation.clone() label=|_, k| k.to_string() caption=td_string!(locale, stages.by_organisation) />
    }
    .into_any()
}

/// What `/beheer/stages` shows: the pledges a coordinator still has to decide on, and for an
/// admin the drive's target to change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffStagesView {
    pub pending: Vec<PledgeRow>,
    pub target: i64,
    pub admin: bool,
    /// The pipeline per organisation (those leaving young people waiting first), per sector
    /// and per gemeente.
    pub by_organisation: Vec<PipelineRow>,
    pub by_sector: Vec<PipelineRow>,
    pub by_gemeente: Vec<PipelineRow>,
}

/// The pipeline from pledged to filled, one row per organisation, sector or gemeente.
#[component]
fn PipelineTable(
    rows: Vec<PipelineRow>,
    label: fn(Locale, &str) -> String,
    caption: &'static str,
) -> impl IntoView {
    let locale = current_locale();
    let columns = [
        td_string!(locale, stages.t_pledged),
        td_string!(locale, stages.t_verified),
        td_string!(locale, stages.t_open),
        td_string!(locale, stages.p_responses),
        td_string!(locale, stages.p_waiting),
        td_string!(locale, stages.t_filled),
    ];
    view! {
        <table class="table stack pipeline">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{td_string!(locale, stages.col_what)}</th>
                    {columns.iter().map(|c| view! { <th scope="col" class="num">{*c}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|row| {
                    let values = [row.pledged, row.verified, row.open, row.responses, row.waiting, row.filled];
                    view! {
                        <tr class:pipeline-waiting={row.waiting > 0}>
                            <th scope="row">{label(locale, &row.key)}</th>
                            {values.into_iter().zip(columns).map(|(v, c)| view! { <td class="num" data-label=c>{v}</td> }).collect_view()}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The openings made from one pledge, each to close, and the way to add one while places are
/// left.
#[component]
fn PledgeOpenings(pledge: PledgeRow, openings: Vec<OpeningRow>) -> impl IntoView {
    let locale = current_locale();
    // An open opening holds its places; a closed one only those it filled (as the store counts).
    let used: i64 = openings
        .iter()
        .map(|o| {
            if o.status == "open" {
                o.places
            } else {
                o.filled
            }
        })
        .sum();
    let left = pledge.places - used;
    let can_open = left > 0 && matches!(pledge.status.as_str(), "pending" | "verified");
    let unverified = pledge.status == "pending";
    view! {
        {unverified.then(|| view! { <p class="notice-plain">{td_string!(locale, stages.openings_after_check)}</p> })}
        <p>{td_string!(locale, stages.places_left).replace("{left}", &left.max(0).to_string()).replace("{places}", &pledge.places.to_string())}</p>
        {can_open.then(|| view! {
            <p><a class="button" href=format!("/werkgevers/plek?toezegging={}", pledge.id)>{td_string!(locale, stages.open_place)}</a></p>
        })}
        <ul class="openings">
            {openings.into_iter().map(|o| {
                let id = o.id.to_string();
                let open = o.status == "open";
                view! {
                    <li id=format!("plek-{}", o.id)>
                        <strong>{o.title.clone()}</strong>
                        {format!(" · {} × {} · {} · {}", o.places, level_label(locale, &o.level), gemeente_name(&o.gemeente), o.start)}
                        " · "
                        {if open { td_string!(locale, stages.opening_open) } else { td_string!(locale, stages.opening_closed) }}
                        " · "
                        <a href=format!("/werkgevers/reacties?plek={}", o.id)>
                            {td_string!(locale, stages.to_inbox)}
                            <span class="visually-hidden">{format!(": {}", o.title)}</span>
                        </a>
                        {open.then(|| view! {
                            <form method="post" action="/werkgevers/plek/sluiten" novalidate class="inline-form">
                                <CsrfField />
                                <input type="hidden" name="id" value=id />
                                <button type="submit" class="button button-secondary">
                                    {td_string!(locale, stages.close_opening)}
                                    <span class="visually-hidden">{format!(": {}", o.title)}</span>
                                </button>
                            </form>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// `/werkgevers/plek?toezegging=…`: a new opening made from a pledge.
#[component]
pub fn OpeningFormPage() -> impl IntoView {
    let locale = current_locale();
    let posted = use_form_state();
    let Some(view) = use_context::<EmployerView>() else {
        return view! { <crate::account::NotAllowed /> }.into_any();
    };
    let pledge = chosen_pledge(&view, &posted, "toezegging", |status| {
        matches!(status, "pending" | "verified")
    });
    let Some(pledge) = pledge else {
        return view! {
            <PageIntro title=td_string!(locale, stages.opening_title) intro=td_string!(locale, stages.edit_missing) />
            <p><a href="/werkgevers">{td_string!(locale, stages.back)}</a></p>
        }
        .into_any();
    };
    // A new form starts from the pledge: its kind, level and gemeente.
    let form = if posted.values.is_empty() {
        let mut form = FormState::default();
        form.values.insert("soort".into(), pledge.kind.clone());
        form.values.insert("niveau".into(), pledge.level.clone());
        form.values
            .insert("gemeente".into(), pledge.gemeente.clone());
        form
    } else {
        posted
    };
    let choose = td_string!(locale, calc.choose);
    let kinds = kind_options(locale);
    let levels = level_options(locale);
    let gemeenten = gemeente_options();
    view! {
        <PageIntro title=td_string!(locale, stages.opening_title) intro=td_string!(locale, stages.opening_intro) />
        <ErrorSummary form=form.clone() />
        <p><a href=format!("/werkgevers/toezegging?id={}", pledge.id)>{td_string!(locale, stages.back_to_pledge)}</a></p>
        <form method="post" action="/werkgevers/plek" novalidate>
            <CsrfField />
            <input type="hidden" name="toezegging" value=pledge.id.to_string() />
            <Field form=form.clone() name="titel" label=td_string!(locale, stages.q_title) hint=td_string!(locale, stages.q_title_hint) />
            <crate::forms::TextArea form=form.clone() name="omschrijving" label=td_string!(locale, stages.q_description) hint=td_string!(locale, stages.q_description_hint) rows=6 maxlength=4000 />
            <Select form=form.clone() name="soort" label=td_string!(locale, stages.q_kind) placeholder=choose options=kinds />
            <Select form=form.clone() name="niveau" label=td_string!(locale, stages.q_level) placeholder=choose options=levels />
            <Select form=form.clone() name="gemeente" label=td_string!(locale, stages.q_opening_gemeente) placeholder=choose options=gemeenten />
            <Field form=form.clone() name="start" label=td_string!(locale, stages.q_start) kind="date" hint=td_string!(locale, stages.q_date_hint) />
            <Field form=form.clone() name="uren" label=td_string!(locale, stages.q_hours) inputmode="numeric" hint=td_string!(locale, stages.q_hours_hint) />
            <Field form=form.clone() name="aantal" label=td_string!(locale, stages.q_opening_places) inputmode="numeric" />
            <Field form=form.clone() name="contactpersoon" label=td_string!(locale, stages.q_contact) hint=td_string!(locale, stages.q_contact_hint) />
            <button type="submit" class="button">{td_string!(locale, stages.opening_submit)}</button>
        </form>
    }
    .into_any()
}

/// The towns of the region by name, as options (to measure a distance from).
pub fn town_options() -> Vec<(&'static str, &'static str)> {
    let mut list: Vec<(&'static str, &'static str)> =
        region::TOWNS.iter().map(|t| (t.code, t.name)).collect();
    list.sort_by_key(|(_, name)| *name);
    list
}

/// The open places on the board, with the filters as a plain GET form.
#[component]
fn OpenPlaces(openings: Vec<OpeningRow>, filter: OpeningFilter) -> impl IntoView {
    let locale = current_locale();
    let mut form = FormState::default();
    form.values.insert("soort".into(), filter.kind.clone());
    form.values.insert("sector".into(), filter.sector.clone());
    form.values.insert("niveau".into(), filter.level.clone());
    form.values
        .insert("gemeente".into(), filter.gemeente.clone());
    form.values.insert("q".into(), filter.text.clone());
    form.values.insert("vanaf".into(), filter.from.clone());
    if filter.km > 0 {
        form.values.insert("km".into(), filter.km.to_string());
    }
    form.values
        .insert("start_vanaf".into(), filter.start.clone());
    let all = td_string!(locale, stages.filter_all);
    let kinds = kind_options(locale);
    let levels = level_options(locale);
    let sectors = sector_options(locale);
    let gemeenten = gemeente_options();
    let towns = town_options();
    let distances: Vec<(&'static str, &'static str)> = vec![
        ("5", "5 km"),
        ("10", "10 km"),
        ("15", "15 km"),
        ("25", "25 km"),
        ("40", "40 km"),
    ];
    let from_name = region::town_by_code(&filter.from).map_or("", |t| t.name);
    let count =
        td_string!(locale, stages.openings_count).replace("{count}", &openings.len().to_string());
    view! {
        <section aria-labelledby="open-plekken">
            <h2 id="open-plekken">{td_string!(locale, stages.openings_heading)}</h2>
            <LiveList unavailable=td_string!(locale, stages.list_unavailable).to_string() list="plekken" count="plekken-aantal">
            <form method="get" action="/stages" class="filters">
                <Select form=form.clone() name="soort" label=td_string!(locale, stages.q_kind) placeholder=all options=kinds />
                <Select form=form.clone() name="niveau" label=td_string!(locale, stages.filter_level) placeholder=all options=levels />
                <Select form=form.clone() name="sector" label=td_string!(locale, stages.filter_sector) placeholder=all options=sectors />
                <Select form=form.clone() name="gemeente" label=td_string!(locale, stages.filter_gemeente) placeholder=all options=gemeenten />
                <Select form=form.clone() name="vanaf" label=td_string!(locale, stages.filter_from) hint=td_string!(locale, stages.filter_from_hint) placeholder=td_string!(locale, stages.filter_nowhere) options=towns />
                <Select form=form.clone() name="km" label=td_string!(locale, stages.filter_km) placeholder=td_string!(locale, stages.filter_any_distance) options=distances />
                <Field form=form.clone() name="start_vanaf" label=td_string!(locale, stages.filter_start) kind="date" hint=td_string!(locale, stages.q_date_hint) />
                <Field form=form.clone() name="q" label=td_string!(locale, stages.filter_text) kind="search" />
                <button type="submit" class="button">{td_string!(locale, stages.filter_submit)}</button>
            </form>
            <p role="status" id="plekken-aantal">{count}</p>
            <p class="feed-link"><a href="/stages/plekken.atom" rel="external" type="application/atom+xml">{td_string!(locale, stages.feed_link)}</a></p>
            <ul class="opening-list" id="plekken">
                {openings.into_iter().map(|o| {
                    let who = if o.organisation.is_empty() { td_string!(locale, stages.anonymous).to_string() } else { o.organisation.clone() };
                    let free = o.places - o.filled;
                    let distance = o.distance_km.map(|km| td_string!(locale, stages.distance).replace("{km}", &km.to_string()).replace("{from}", from_name));
                    view! {
                        <li class="opening" id=format!("plek-{}", o.id)>
                            <h3><a href=format!("/stages/plek?id={}", o.id)>{o.title.clone()}</a></h3>
                            <p class="opening-meta">{format!("{who} · {} · {} · {}", kind_label(locale, &o.kind), level_label(locale, &o.level), gemeente_name(&o.gemeente))}</p>
                            {distance.map(|d| view! { <p class="opening-distance">{d}</p> })}
                            <p>{td_string!(locale, stages.opening_facts).replace("{start}", &o.start).replace("{hours}", &o.hours.to_string()).replace("{free}", &free.to_string())}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
            </LiveList>
        </section>
    }
}

/// One step in a response's life: the status it moved to and the employer's message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ResponseEvent {
    pub response_id: i64,
    pub status: String,
    pub message: String,
    pub at: i64,
}

/// A response as the employer's inbox shows it: what the young person left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxRow {
    pub id: i64,
    pub opening_id: i64,
    pub reference: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub school: String,
    pub study: String,
    pub level: String,
    pub motivation: String,
    pub under_16: bool,
    pub guardian: Option<String>,
    pub status: String,
    pub created_at: i64,
    pub events: Vec<ResponseEvent>,
}

/// What `/werkgevers/reacties` shows: the organisation's openings and the responses to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxView {
    pub openings: Vec<OpeningRow>,
    pub responses: Vec<InboxRow>,
    /// The time the page was made (unix seconds): how long a response has waited.
    pub now: i64,
}

/// A young person's response as their status page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseView {
    pub reference: String,
    pub name: String,
    pub status: String,
    pub created_at: i64,
    pub events: Vec<ResponseEvent>,
    /// The opening (the organisation's name only when it chose to be named).
    pub opening: OpeningRow,
    /// It waited 14 days or more without an answer.
    pub no_answer: bool,
    /// Then: other open places of the same kind nearby.
    pub similar: Vec<OpeningRow>,
}

/// What `/stages/reactie` shows: the response of the link's token, if there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusPageView {
    pub response: Option<ResponseView>,
}

/// What `/stages/plek` shows: one opening, if there is one with that id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningPageView {
    pub opening: Option<OpeningRow>,
}

/// The drive's pipeline for one organisation, sector or gemeente (the coordinators' view):
/// from pledged to filled, and who leaves young people waiting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineRow {
    pub key: String,
    pub pledged: i64,
    pub verified: i64,
    pub open: i64,
    pub responses: i64,
    /// Responses waiting for the employer longer than 7 days.
    pub waiting: i64,
    pub filled: i64,
}

/// The words for where a response stands, as the young person reads it.
pub fn response_status_label(locale: Locale, code: &str) -> &'static str {
    match code {
        "read" => td_string!(locale, stages.r_status_read),
        "invited" => td_string!(locale, stages.r_status_invited),
        "placed" => td_string!(locale, stages.r_status_placed),
        "declined" => td_string!(locale, stages.r_status_declined),
        "withdrawn" => td_string!(locale, stages.r_status_withdrawn),
        _ => td_string!(locale, stages.r_status_new),
    }
}

/// The words for what an employer can do with a response.
fn response_action_label(locale: Locale, code: &str) -> &'static str {
    match code {
        "read" => td_string!(locale, stages.action_read),
        "invited" => td_string!(locale, stages.action_invite),
        "placed" => td_string!(locale, stages.action_place),
        _ => td_string!(locale, stages.action_decline),
    }
}

/// A unix time as its calendar date (UTC).
fn day_of(at: i64) -> String {
    crate::domain::date::Date::from_days_since_epoch(at.div_euclid(86_400)).to_string()
}

/// The facts of an opening as a definition list.
#[component]
fn OpeningFacts(opening: OpeningRow) -> impl IntoView {
    let locale = current_locale();
    let who = if opening.organisation.is_empty() {
        td_string!(locale, stages.anonymous).to_string()
    } else {
        opening.organisation.clone()
    };
    let free = (opening.places - opening.filled).max(0);
    let facts = [
        (td_string!(locale, stages.f_organisation), who),
        (
            td_string!(locale, stages.f_kind),
            kind_label(locale, &opening.kind).to_string(),
        ),
        (
            td_string!(locale, stages.filter_level),
            level_label(locale, &opening.level).to_string(),
        ),
        (
            td_string!(locale, stages.filter_sector),
            crate::account::sector_label(locale, &opening.sector).to_string(),
        ),
        (
            td_string!(locale, stages.f_place),
            gemeente_name(&opening.gemeente).to_string(),
        ),
        (td_string!(locale, stages.q_start), opening.start.clone()),
        (
            td_string!(locale, stages.f_hours),
            opening.hours.to_string(),
        ),
        (td_string!(locale, stages.f_free), free.to_string()),
        (
            td_string!(locale, stages.f_contact),
            opening.contact.clone(),
        ),
        (
            td_string!(locale, stages.f_published),
            day_of(opening.created_at),
        ),
    ];
    view! {
        <dl class="facts">
            {facts.into_iter().map(|(term, value)| view! {
                <div><dt>{term}</dt><dd>{value}</dd></div>
            }).collect_view()}
        </dl>
    }
}

/// A text with line breaks as paragraphs.
fn paragraphs(text: &str) -> impl IntoView {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| view! { <p class="opening-description">{p.to_string()}</p> })
        .collect_view()
}

/// `/stages/plek?id=…`: everything about one opening, and the form to respond without an
/// account.
#[component]
pub fn OpeningPage() -> impl IntoView {
    let locale = current_locale();
    let form = use_form_state();
    let opening = use_context::<OpeningPageView>().and_then(|v| v.opening);
    let Some(opening) = opening else {
        return view! {
            <PageIntro title=td_string!(locale, stages.opening_missing_title) intro=td_string!(locale, stages.opening_missing) />
            <p><a href="/stages">{td_string!(locale, stages.to_board)}</a></p>
        }
        .into_any();
    };
    let accepting =
        opening.status == "open" && opening.filled < opening.places && opening.pledge_verified;
    let action = format!("/stages/plek?id={}", opening.id);
    let intro = format!(
        "{} · {} · {}",
        kind_label(locale, &opening.kind),
        level_label(locale, &opening.level),
        gemeente_name(&opening.gemeente)
    );
    let levels = level_options(locale);
    let ages = vec![
        ("16plus", td_string!(locale, stages.age_16_plus)),
        ("onder16", td_string!(locale, stages.age_under_16)),
    ];
    view! {
        <leptos_meta::Title text=opening.title.clone() />
        <div class="page-intro">
            <h1>{opening.title.clone()}</h1>
            <p class="lead">{intro}</p>
        </div>
        <p><a href="/stages">{td_string!(locale, stages.to_board)}</a></p>
        <OpeningFacts opening=opening.clone() />
        <h2>{td_string!(locale, stages.about_place)}</h2>
        {paragraphs(&opening.description)}
        <ErrorSummary form=form.clone() />
        {if accepting {
            view! {
                <h2 id="reageren">{td_string!(locale, stages.respond_heading)}</h2>
                <p>{td_string!(locale, stages.respond_intro)}</p>
                <form method="post" action=action novalidate>
                    <CsrfField />
                    <Field form=form.clone() name="naam" label=td_string!(locale, stages.r_name) autocomplete="name" />
                    <Field form=form.clone() name="email" label=td_string!(locale, stages.r_email) kind="email" autocomplete="email" hint=td_string!(locale, stages.r_contact_hint) />
                    <Field form=form.clone() name="telefoon" label=td_string!(locale, stages.r_phone) kind="tel" autocomplete="tel" />
                    <Field form=form.clone() name="school" label=td_string!(locale, stages.r_school) hint=td_string!(locale, stages.r_optional) />
                    <Field form=form.clone() name="opleiding" label=td_string!(locale, stages.r_study) hint=td_string!(locale, stages.r_optional) />
                    <Select form=form.clone() name="niveau" label=td_string!(locale, stages.r_level) placeholder=td_string!(locale, calc.choose) options=levels />
                    <crate::forms::TextArea form=form.clone() name="motivatie" label=td_string!(locale, stages.r_motivation) hint=td_string!(locale, stages.r_motivation_hint) rows=6 maxlength=2000 />
                    <RadioGroup form=form.clone() name="leeftijd" legend=td_string!(locale, stages.r_age) options=ages />
                    <fieldset class="fieldset">
                        <legend>{td_string!(locale, stages.r_guardian_legend)}</legend>
                        <p class="hint">{td_string!(locale, stages.r_guardian_hint)}</p>
                        <Field form=form.clone() name="ouder_naam" label=td_string!(locale, stages.r_guardian_name) />
                        <crate::forms::Checkbox form=form.clone() name="ouder_toestemming" value="ja" label=td_string!(locale, stages.r_guardian_consent) />
                    </fieldset>
                    <crate::forms::Checkbox form=form.clone() name="toestemming" value="ja" label=td_string!(locale, stages.r_consent) hint=td_string!(locale, stages.r_consent_hint) />
                    <button type="submit" class="button">{td_string!(locale, stages.r_submit)}</button>
                </form>
            }
            .into_any()
        } else if opening.status == "open" && !opening.pledge_verified {
            view! { <p class="notice-plain" id="veld-form" tabindex="-1">{td_string!(locale, stages.opening_not_verified)}</p> }.into_any()
        } else {
            view! { <p class="notice-plain" id="veld-form" tabindex="-1">{td_string!(locale, stages.opening_not_open)}</p> }.into_any()
        }}
    }
    .into_any()
}

/// `/stages/reactie?sleutel=…`: a young person's own page for their response (the link is the
/// key: no account). The employer's answers, how long it waited, and their choices: withdraw
/// it, or delete everything they left.
#[component]
pub fn ResponseStatusPage() -> impl IntoView {
    let locale = current_locale();
    let form = use_form_state();
    let query = use_query_map();
    let (token, fresh, deleted) = query.with_untracked(|q| {
        (
            q.get("sleutel").unwrap_or_default(),
            q.get("nieuw").is_some(),
            q.get("verwijderd").is_some(),
        )
    });
    let response = use_context::<StatusPageView>().and_then(|v| v.response);
    let Some(r) = response else {
        let text = if deleted {
            td_string!(locale, stages.status_deleted)
        } else {
            td_string!(locale, stages.status_missing)
        };
        return view! {
            <PageIntro title=td_string!(locale, stages.status_title) intro=text />
            <p><a href="/stages">{td_string!(locale, stages.to_board)}</a></p>
        }
        .into_any();
    };
    let action = format!(
        "/stages/reactie?{}",
        serde_urlencoded::to_string([("sleutel", token.as_str())]).unwrap_or_default()
    );
    let status = crate::domain::stages::ResponseStatus::parse(&r.status);
    let can_withdraw = status.is_some_and(|s| s.can_withdraw());
    let opening = r.opening.clone();
    view! {
        <PageIntro title=td_string!(locale, stages.status_title) intro=td_string!(locale, stages.status_intro) />
        {fresh.then(|| view! {
            <div class="notice" role="status">
                <p>{td_string!(locale, stages.status_fresh).replace("{reference}", &r.reference)}</p>
                <p>{td_string!(locale, stages.status_keep_link)}</p>
            </div>
        })}
        <ErrorSummary form=form.clone() />
        <dl class="facts">
            <div><dt>{td_string!(locale, stages.f_reference)}</dt><dd>{r.reference.clone()}</dd></div>
            <div><dt>{td_string!(locale, stages.f_place_title)}</dt><dd><a href=format!("/stages/plek?id={}", opening.id)>{opening.title.clone()}</a></dd></div>
            <div><dt>{td_string!(locale, stages.f_sent)}</dt><dd>{day_of(r.created_at)}</dd></div>
            <div><dt>{td_string!(locale, stages.f_status)}</dt><dd id="reactie-stand"><strong>{response_status_label(locale, &r.status)}</strong></dd></div>
        </dl>
        {r.no_answer.then(|| {
            let similar = r.similar.clone();
            view! {
                <section class="no-answer" aria-labelledby="geen-antwoord">
                    <h2 id="geen-antwoord">{td_string!(locale, stages.no_answer_heading)}</h2>
                    <p>{td_string!(locale, stages.no_answer_text)}</p>
                    {if similar.is_empty() {
                        view! { <p><a href=format!("/stages?soort={}", opening.kind)>{td_string!(locale, stages.no_answer_board)}</a></p> }.into_any()
                    } else {
                        view! {
                            <ul class="similar">
                                {similar.into_iter().map(|o| view! {
                                    <li><a href=format!("/stages/plek?id={}", o.id)>{o.title.clone()}</a>{format!(" · {} · {}", gemeente_name(&o.gemeente), distance_text(locale, o.distance_km, &opening.gemeente))}</li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
            }
        })}
        <h2>{td_string!(locale, stages.answers_heading)}</h2>
        {if r.events.is_empty() {
            view! { <p>{td_string!(locale, stages.answers_none)}</p> }.into_any()
        } else {
            view! {
                <ol class="answers">
                    {r.events.iter().map(|e| view! {
                        <li>
                            <strong>{format!("{} – {}", day_of(e.at), response_status_label(locale, &e.status))}</strong>
                            {(!e.message.is_empty()).then(|| view! { <p class="message">{e.message.clone()}</p> })}
                        </li>
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
        <h2>{td_string!(locale, stages.own_heading)}</h2>
        {can_withdraw.then(|| view! {
            <form method="post" action=action.clone() novalidate class="inline-form">
                <CsrfField />
                <input type="hidden" name="actie" value="intrekken" />
                <button type="submit" class="button button-secondary">{td_string!(locale, stages.withdraw_response)}</button>
            </form>
        })}
        <form method="post" action=action novalidate>
            <CsrfField />
            <input type="hidden" name="actie" value="verwijderen" />
            <crate::forms::Checkbox form=form.clone() name="zeker" value="ja" label=td_string!(locale, stages.delete_confirm) />
            <button type="submit" class="button button-warning">{td_string!(locale, stages.delete_response)}</button>
        </form>
    }
    .into_any()
}

/// "13 km in a straight line from Zwolle"-style words for a distance, when there is one.
fn distance_text(locale: Locale, km: Option<u32>, from_gemeente: &str) -> String {
    match km {
        Some(km) => td_string!(locale, stages.distance)
            .replace("{km}", &km.to_string())
            .replace(
                "{from}",
                region::main_town(from_gemeente).map_or("", |t| t.name),
            ),
        None => String::new(),
    }
}

/// `/werkgevers/reacties[?plek=…]`: the responses to the organisation's openings (or to one),
/// each with what the young person left and the employer's answer form.
#[component]
pub fn InboxPage() -> impl IntoView {
    let locale = current_locale();
    let posted = use_form_state();
    let Some(inbox) = use_context::<InboxView>() else {
        return view! { <crate::account::NotAllowed /> }.into_any();
    };
    let only: Option<i64> = use_query_map()
        .with_untracked(|q| q.get("plek"))
        .and_then(|p| p.parse().ok());
    let openings: Vec<OpeningRow> = inbox
        .openings
        .iter()
        .filter(|o| only.is_none_or(|id| id == o.id))
        .cloned()
        .collect();
    let now = inbox.now;
    view! {
        <PageIntro title=td_string!(locale, stages.inbox_title) intro=td_string!(locale, stages.inbox_intro) />
        <Notice text=employer_notice() />
        <ErrorSummary form=posted.clone() />
        {only.is_some().then(|| view! { <p><a href="/werkgevers/reacties">{td_string!(locale, stages.inbox_all)}</a></p> })}
        {if openings.is_empty() {
            view! { <p>{td_string!(locale, stages.inbox_no_openings)}</p> }.into_any()
        } else {
            openings.into_iter().map(|o| {
                let responses: Vec<InboxRow> = inbox.responses.iter().filter(|r| r.opening_id == o.id).cloned().collect();
                let free = (o.places - o.filled).max(0);
                view! {
                    <section class="inbox-opening" id=format!("plek-{}", o.id) aria-labelledby=format!("plek-{}-titel", o.id)>
                        <h2 id=format!("plek-{}-titel", o.id)>{o.title.clone()}</h2>
                        <p>{td_string!(locale, stages.inbox_opening_facts).replace("{filled}", &o.filled.to_string()).replace("{places}", &o.places.to_string()).replace("{free}", &free.to_string())}" · "{if o.status == "open" { td_string!(locale, stages.opening_open) } else { td_string!(locale, stages.opening_closed) }}</p>
                        {if responses.is_empty() {
                            view! { <p>{td_string!(locale, stages.inbox_none)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="inbox">
                                    {responses.into_iter().map(|r| view! { <InboxItem response=r posted=posted.clone() now /> }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                }
            }).collect_view().into_any()
        }}
    }
    .into_any()
}

/// One response in the inbox: the young person's details and motivation, its history, and the
/// answer form (the posted form's messages only on the response it was for).
#[component]
fn InboxItem(response: InboxRow, posted: FormState, now: i64) -> impl IntoView {
    let locale = current_locale();
    let r = response;
    let form = if posted.value("id") == r.id.to_string() {
        posted
    } else {
        FormState::default()
    };
    let status = crate::domain::stages::ResponseStatus::parse(&r.status);
    let next: Vec<(&'static str, &'static str)> = status
        .map(|s| s.employer_next())
        .unwrap_or_default()
        .iter()
        .map(|n| (n.code(), response_action_label(locale, n.code())))
        .collect();
    let days = (now - r.created_at).div_euclid(86_400);
    let waiting = status.is_some_and(|s| s.waits_for_employer())
        && days >= crate::domain::stages::REMIND_EMPLOYER_AFTER_DAYS;
    let heading = format!("{} ({})", r.name, r.reference);
    let details = [
        (
            td_string!(locale, stages.r_email),
            r.email.clone().unwrap_or_default(),
        ),
        (
            td_string!(locale, stages.r_phone),
            r.phone.clone().unwrap_or_default(),
        ),
        (td_string!(locale, stages.r_school), r.school.clone()),
        (td_string!(locale, stages.r_study), r.study.clone()),
        (
            td_string!(locale, stages.r_level),
            level_label(locale, &r.level).to_string(),
        ),
        (td_string!(locale, stages.f_sent), day_of(r.created_at)),
    ];
    view! {
        <li class="inbox-item" class:inbox-waiting=waiting id=format!("reactie-{}", r.id)>
            <h3>{heading}</h3>
            <p>
                <span class=format!("badge response-{}", r.status)>{response_status_label(locale, &r.status)}</span>
                {waiting.then(|| view! { " "<strong class="waiting">{td_string!(locale, stages.inbox_waiting).replace("{days}", &days.to_string())}</strong> })}
            </p>
            <dl class="facts">
                {details.into_iter().filter(|(_, v)| !v.is_empty()).map(|(term, value)| view! {
                    <div><dt>{term}</dt><dd>{value}</dd></div>
                }).collect_view()}
                {r.under_16.then(|| view! {
                    <div><dt>{td_string!(locale, stages.f_under_16)}</dt><dd>{td_string!(locale, stages.f_guardian).replace("{name}", r.guardian.as_deref().unwrap_or_default())}</dd></div>
                })}
            </dl>
            <h4>{td_string!(locale, stages.r_motivation)}</h4>
            {paragraphs(&r.motivation)}
            {(!r.events.is_empty()).then(|| view! {
                <h4>{td_string!(locale, stages.answers_heading)}</h4>
                <ol class="answers">
                    {r.events.iter().map(|e| view! {
                        <li>{format!("{} – {}", day_of(e.at), response_status_label(locale, &e.status))}
                            {(!e.message.is_empty()).then(|| view! { <p class="message">{e.message.clone()}</p> })}
                        </li>
                    }).collect_view()}
                </ol>
            })}
            // Answered meanwhile (by a colleague, or withdrawn): the message where the summary
            // points, as there is no form any more.
            {(next.is_empty()).then(|| form.error("besluit").map(|e| view! {
                <p class="error-message" id="veld-besluit">{crate::forms::error_text(locale, e)}</p>
            })).flatten()}
            {(!next.is_empty()).then(|| view! {
                <form method="post" action="/werkgevers/reacties" novalidate class="answer-form">
                    <CsrfField />
                    <input type="hidden" name="id" value=r.id.to_string() />
                    <AnswerFields form=form.clone() id=r.id options=next.clone() />
                    <button type="submit" class="button">
                        {td_string!(locale, stages.answer_submit)}
                        <span class="visually-hidden">{format!(": {}", r.name)}</span>
                    </button>
                </form>
            })}
        </li>
    }
}

/// The answer's choice and message. Ids are unique on the page (one form per response); the
/// form that was posted with problems keeps the standard ids, which the error summary links to.
#[component]
fn AnswerFields(
    form: FormState,
    id: i64,
    options: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    let locale = current_locale();
    let posted = form.has_errors();
    let ids = |name: &str| {
        let base = crate::forms::field_id(name);
        if posted {
            base
        } else {
            format!("{base}-{id}")
        }
    };
    let chosen = form.value("besluit");
    let message = form.value("bericht");
    let choice_error = form
        .error("besluit")
        .map(|e| crate::forms::error_text(locale, e));
    let message_error = form
        .error("bericht")
        .map(|e| crate::forms::error_text(locale, e));
    let choice_id = ids("besluit");
    let message_id = ids("bericht");
    let prefix = td_string!(locale, form.error_prefix);
    let choice_described = choice_error.map(|_| format!("{choice_id}-error"));
    let message_described = crate::forms::described_by(
        Some(format!("{message_id}-hint")),
        message_error.map(|_| format!("{message_id}-error")),
    );
    view! {
        <div class="field" class:field-error=choice_error.is_some()>
            <fieldset class="radios" id=choice_id.clone() aria-describedby=choice_described>
                <legend>{td_string!(locale, stages.answer_legend)}</legend>
                {choice_error.map(|e| view! {
                    <p class="error-message" id=format!("{choice_id}-error")><span class="visually-hidden">{prefix}</span>{e}</p>
                })}
                {options.into_iter().map(|(value, label)| {
                    let input_id = format!("{choice_id}-{value}");
                    view! {
                        <div class="radio">
                            <input type="radio" id=input_id.clone() name="besluit" value=value checked=chosen == value />
                            <label for=input_id>{label}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        </div>
        <div class="field" class:field-error=message_error.is_some()>
            <label for=message_id.clone()>{td_string!(locale, stages.answer_message)}</label>
            <p class="hint" id=format!("{message_id}-hint")>{td_string!(locale, stages.answer_message_hint)}</p>
            {message_error.map(|e| view! {
                <p class="error-message" id=format!("{message_id}-error")><span class="visually-hidden">{prefix}</span>{e}</p>
            })}
            <textarea id=message_id.clone() name="bericht" rows="3" maxlength="1000" aria-describedby=message_described aria-invalid=message_error.map(|_| "true")>{crate::forms::textarea_text(message)}</textarea>
        </div>
    }
}
