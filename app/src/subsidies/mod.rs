//! Subsidiezoeker: search the catalogue of schemes for individuals and employers (`/subsidies`)
//! — free text in Dutch and English (stemming, typos forgiven, synonyms), facets with counts,
//! sorting and pages, all in a plain GET form, so a search is a link and works without
//! JavaScript — and each scheme's own page (`/subsidies/<slug>`). The same search is open data:
//! `/api/v1/regelingen`. The index is built on the server from the catalogue (`search`, ssr).
use leptos::either::Either;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::schemes::SupportKind;
use crate::i18n::*;
use crate::layout::{current_locale, PageIntro};

#[cfg(feature = "ssr")]
pub mod alerts;
#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod search;

#[cfg(feature = "ssr")]
pub use handlers::PUBLIC_PAGES;

/// Results per page.
pub const PAGE_SIZE: usize = 10;

/// A search as its GET form (and the open data) carries it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchRequest {
    /// The words typed.
    pub q: String,
    /// For whom: `inwoner`, `werkgever`.
    pub voor: Vec<String>,
    /// Kinds of support (`SupportKind::code`).
    pub soort: Vec<String>,
    /// Providers, by name.
    pub aanbieder: Vec<String>,
    /// Regions: `nationaal`, `provincie`, `regio`, `gemeente`.
    pub regio: Vec<String>,
    /// Statuses: `open`, `dicht`, `gestopt`.
    pub status: Vec<String>,
    /// `relevantie` (default), `deadline` or `bedrag`.
    pub sort: String,
    /// From 1.
    pub page: usize,
}

impl SearchRequest {
    /// Reads a search from a query string; unknown values are dropped.
    pub fn from_query(query: &str) -> Self {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
        let all = |key: &str, known: &dyn Fn(&str) -> bool| -> Vec<String> {
            let mut values: Vec<String> = pairs
                .iter()
                .filter(|(k, v)| k == key && known(v))
                .map(|(_, v)| v.trim().to_string())
                .collect();
            values.dedup();
            values.truncate(20);
            values
        };
        let one = |key: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == key)
                .map_or(String::new(), |(_, v)| v.trim().to_string())
        };
        let sort = one("sorteer");
        SearchRequest {
            q: one("q").chars().take(200).collect(),
            voor: all("voor", &|v| matches!(v, "inwoner" | "werkgever")),
            soort: all("soort", &|v| SupportKind::parse(v).is_some()),
            aanbieder: all("aanbieder", &|v| !v.trim().is_empty() && v.len() <= 200),
            regio: all("regio", &|v| {
                matches!(v, "nationaal" | "provincie" | "regio" | "gemeente")
            }),
            status: all("status", &|v| {
                crate::domain::schemes::Availability::parse(v).is_some()
            }),
            sort: if matches!(sort.as_str(), "deadline" | "bedrag") {
                sort
            } else {
                "relevantie".into()
            },
            page: one("pagina").parse().unwrap_or(1).max(1),
        }
    }

    /// The search as a query string (for links to other pages of it), without the page.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", &self.q));
        }
        for (key, values) in [
            ("voor", &self.voor),
            ("soort", &self.soort),
            ("aanbieder", &self.aanbieder),
            ("regio", &self.regio),
            ("status", &self.status),
        ] {
            for v in values {
                pairs.push((key, v));
            }
        }
        if self.sort != "relevantie" && !self.sort.is_empty() {
            pairs.push(("sorteer", &self.sort));
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

/// One value of a facet and how many results choosing it gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    pub value: String,
    pub count: usize,
    pub chosen: bool,
}

/// The counts of every facet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    pub voor: Vec<FacetCount>,
    pub soort: Vec<FacetCount>,
    pub aanbieder: Vec<FacetCount>,
    pub regio: Vec<FacetCount>,
    pub status: Vec<FacetCount>,
}

/// One result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    pub id: String,
    pub name: String,
    pub summary: crate::domain::schemes::Text,
    /// The Dutch text around the matching words, each part marked when it matched (empty
    /// without words, or when the words matched only the name).
    pub snippet: Vec<(String, bool)>,
    /// The same from the English text.
    pub snippet_en: Vec<(String, bool)>,
    pub provider: String,
    pub support: String,
    pub availability: String,
    pub audience: Vec<String>,
    pub region: String,
    /// The most it pays, in cents, where known.
    pub amount: Option<i64>,
    /// The last day to apply, where known (YYYY-MM-DD).
    pub deadline: Option<String>,
    /// The calculator's address with what the scheme tells filled in.
    pub calculator: String,
}

/// What `/subsidies` shows (and `/api/v1/regelingen` returns).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchView {
    pub request: SearchRequest,
    pub total: usize,
    pub pages: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
}

fn audience_label(locale: Locale, code: &str) -> &'static str {
    match code {
        "werkgever" => td_string!(locale, subsidies.for_employer),
        _ => td_string!(locale, subsidies.for_resident),
    }
}

fn region_label(locale: Locale, code: &str) -> &'static str {
    match code {
        "provincie" => td_string!(locale, subsidies.region_province),
        "regio" => td_string!(locale, subsidies.region_regio),
        "gemeente" => td_string!(locale, subsidies.region_gemeente),
        _ => td_string!(locale, subsidies.region_national),
    }
}

fn availability_label(locale: Locale, code: &str) -> &'static str {
    match code {
        "dicht" => td_string!(locale, subsidies.status_closed),
        "gestopt" => td_string!(locale, subsidies.status_ended),
        _ => td_string!(locale, subsidies.status_open),
    }
}

/// The words for a kind of support.
pub fn support_label(locale: Locale, code: &str) -> &'static str {
    match SupportKind::parse(code) {
        Some(SupportKind::Subsidy) => td_string!(locale, calc.support_subsidy),
        Some(SupportKind::Voucher) => td_string!(locale, calc.support_voucher),
        Some(SupportKind::Loan) => td_string!(locale, calc.support_loan),
        Some(SupportKind::TaxDeduction) => td_string!(locale, calc.support_tax_deduction),
        Some(SupportKind::TaxExemption) => td_string!(locale, calc.support_tax_exemption),
        Some(SupportKind::WageCostAllowance) => td_string!(locale, calc.support_wage),
        Some(SupportKind::Fund) => td_string!(locale, calc.support_fund),
        Some(SupportKind::Advice) => td_string!(locale, calc.support_advice),
        None => "",
    }
}

/// An amount in cents as "€ 2.700" (Dutch) or "€2,700" (English).
fn euros(locale: Locale, cents: i64) -> String {
    euros_in(locale == Locale::en, cents)
}

fn euros_in(english: bool, cents: i64) -> String {
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(if english { ',' } else { '.' });
        }
        grouped.push(c);
    }
    if english {
        format!("€{grouped}")
    } else {
        format!("€ {grouped}")
    }
}

/// The words the results need, in the page's language. The page renders its results with
/// them, and so does the island in the browser, which carries no translations of its own: the
/// server hands it these (a few hundred bytes in the page) and both render the same markup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labels {
    english: bool,
    count: String,
    for_employer: String,
    for_resident: String,
    regions: [String; 4],
    statuses: [String; 3],
    /// Per `SupportKind::code`.
    supports: Vec<(String, String)>,
    up_to: String,
    until: String,
    to_calculator: String,
    pages: String,
    previous: String,
    next: String,
    page_of: String,
    unavailable: String,
}

impl Labels {
    pub fn new(locale: Locale) -> Labels {
        let own = |s: &str| s.to_string();
        Labels {
            english: locale == Locale::en,
            count: own(td_string!(locale, subsidies.count)),
            for_employer: own(audience_label(locale, "werkgever")),
            for_resident: own(audience_label(locale, "inwoner")),
            regions: ["nationaal", "provincie", "regio", "gemeente"]
                .map(|r| own(region_label(locale, r))),
            statuses: ["open", "dicht", "gestopt"].map(|s| own(availability_label(locale, s))),
            supports: SupportKind::ALL
                .iter()
                .map(|k| (own(k.code()), own(support_label(locale, k.code()))))
                .collect(),
            up_to: own(td_string!(locale, subsidies.up_to)),
            until: own(td_string!(locale, subsidies.until)),
            to_calculator: own(td_string!(locale, subsidies.to_calculator)),
            pages: own(td_string!(locale, subsidies.pages)),
            previous: own(td_string!(locale, subsidies.previous)),
            next: own(td_string!(locale, subsidies.next)),
            page_of: own(td_string!(locale, subsidies.page_of)),
            unavailable: own(td_string!(locale, subsidies.live_unavailable)),
        }
    }

    fn count(&self, total: usize) -> String {
        self.count.replace("{count}", &total.to_string())
    }

    fn audience(&self, code: &str) -> &str {
        if code == "werkgever" {
            &self.for_employer
        } else {
            &self.for_resident
        }
    }

    fn region(&self, code: &str) -> &str {
        match code {
            "provincie" => &self.regions[1],
            "regio" => &self.regions[2],
            "gemeente" => &self.regions[3],
            _ => &self.regions[0],
        }
    }

    fn availability(&self, code: &str) -> &str {
        match code {
            "dicht" => &self.statuses[1],
            "gestopt" => &self.statuses[2],
            _ => &self.statuses[0],
        }
    }

    fn support(&self, code: &str) -> &str {
        self.supports
            .iter()
            .find(|(c, _)| c == code)
            .map_or("", |(_, label)| label.as_str())
    }

    /// The text of a facet value's label: its name and its count.
    fn facet(&self, facet: &str, value: &str, count: usize) -> String {
        let name = match facet {
            "voor" => self.audience(value),
            "soort" => self.support(value),
            "status" => self.availability(value),
            "regio" => self.region(value),
            _ => value,
        };
        format!("{name} ({count})")
    }
}

/// The id of a facet group's fieldset.
fn facet_group_id(name: &str) -> String {
    format!("facet-{name}")
}

/// The id of a facet value's checkbox.
fn facet_id(name: &str, value: &str) -> String {
    let value: String = value
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    format!("facet-{name}-{value}")
}

/// Whether a facet value is shown: the search finds it, or it is chosen (so it can be undone).
fn facet_shown(count: usize, chosen: bool) -> bool {
    count > 0 || chosen
}

/// A group of facet checkboxes, each with its count. Every value of the catalogue is there; the
/// ones this search does not find are hidden (the live search shows them again when a changed
/// search finds them), and so is a group with nothing to show.
#[component]
fn FacetGroup(
    name: &'static str,
    legend: &'static str,
    values: Vec<FacetCount>,
    labels: Labels,
) -> impl IntoView {
    let empty = !values.iter().any(|f| facet_shown(f.count, f.chosen));
    view! {
        <fieldset class="facet checkboxes" id=facet_group_id(name) hidden=empty>
            <legend>{legend}</legend>
            {values.into_iter().map(|f| {
                let id = facet_id(name, &f.value);
                let text = labels.facet(name, &f.value, f.count);
                view! {
                    <div class="checkbox" hidden=!facet_shown(f.count, f.chosen)>
                        <input type="checkbox" id=id.clone() name=name value=f.value.clone() checked=f.chosen />
                        <label for=id>{text}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// `/subsidies`: the search form with its facets, the results and their pages.
#[component]
pub fn SubsidiesPage() -> impl IntoView {
    let locale = current_locale();
    let Some(view) = use_context::<SearchView>() else {
        return view! {
            <PageIntro title=td_string!(locale, subsidies.title) intro=td_string!(locale, subsidies.intro) />
        }
        .into_any();
    };
    let request = view.request.clone();
    let labels = Labels::new(locale);
    let sorts = [
        ("relevantie", td_string!(locale, subsidies.sort_relevance)),
        ("deadline", td_string!(locale, subsidies.sort_deadline)),
        ("bedrag", td_string!(locale, subsidies.sort_amount)),
    ];
    let facets = view.facets.clone();
    let follow = request.clone();
    let total = view.total;
    view! {
        <PageIntro title=td_string!(locale, subsidies.title) intro=td_string!(locale, subsidies.intro) />
        <crate::forms::ErrorSummary form=crate::forms::use_form_state() />
        <form method="get" action="/subsidies" class="search-form" role="search">
            <div class="field search-field">
                <label for="veld-q">{td_string!(locale, subsidies.q_label)}</label>
                <p class="hint" id="veld-q-hint">{td_string!(locale, subsidies.q_hint)}</p>
                <input type="search" id="veld-q" name="q" value=request.q.clone() aria-describedby="veld-q-hint" />
            </div>
            // Right under the field, so a phone shows the new count as the person types (the
            // island writes it); a status line, so a screen reader says it.
            <p role="status" id="regelingen-aantal" class="search-count">{labels.count(total)}</p>
            <div class="search-layout">
                <div class="facets">
                    <h2 class="facets-title">{td_string!(locale, subsidies.refine)}</h2>
                    <FacetGroup name="voor" legend=td_string!(locale, subsidies.facet_for) values=facets.voor labels=labels.clone() />
                    <FacetGroup name="soort" legend=td_string!(locale, subsidies.facet_kind) values=facets.soort labels=labels.clone() />
                    <FacetGroup name="status" legend=td_string!(locale, subsidies.facet_status) values=facets.status labels=labels.clone() />
                    <FacetGroup name="regio" legend=td_string!(locale, subsidies.facet_region) values=facets.regio labels=labels.clone() />
                    <FacetGroup name="aanbieder" legend=td_string!(locale, subsidies.facet_provider) values=facets.aanbieder labels=labels.clone() />
                    <div class="field">
                        <label for="veld-sorteer">{td_string!(locale, subsidies.sort_label)}</label>
                        <select id="veld-sorteer" name="sorteer">
                            {sorts.into_iter().map(|(value, text)| view! {
                                <option value=value selected=request.sort == value>{text}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="button">{td_string!(locale, subsidies.submit)}</button>
                </div>
                <div class="results">
                    <LiveResults labels=labels.clone()>
                        {result_list(view, labels)}
                    </LiveResults>
                </div>
            </div>
        </form>
        <FollowForm request=follow />
    }
    .into_any()
}

/// A page of results and the links to the other pages: on the server's page, and in the
/// island after a search as the person types. A plain function with typed views (`Either`,
/// not `AnyView`), so the island's chunk renders it without type-erased components.
fn result_list(view: SearchView, labels: Labels) -> impl IntoView {
    let base = view.request.to_query();
    let page_link = move |page: usize| {
        let sep = if base.is_empty() { "" } else { "&" };
        format!("/subsidies?{base}{sep}pagina={page}")
    };
    let page = view.request.page;
    let pages = view.pages;
    let nav = (pages > 1).then(|| {
        view! {
            <nav class="pagination" aria-label=labels.pages.clone()>
                {(page > 1).then(|| view! { <a href=page_link(page - 1) rel="prev">{labels.previous.clone()}</a> })}
                <span>{labels.page_of.replace("{page}", &page.to_string()).replace("{pages}", &pages.to_string())}</span>
                {(page < pages).then(|| view! { <a href=page_link(page + 1) rel="next">{labels.next.clone()}</a> })}
            </nav>
        }
    });
    view! {
        <ol class="scheme-results" id="regelingen">
            {view.hits.into_iter().map(|hit| result_item(hit, &labels)).collect_view()}
        </ol>
        {nav}
    }
}

/// The results column. Without JavaScript it is the server's page of results. With it, the
/// results follow the search as it is typed (after a pause of 300 ms) and as a facet or the
/// order changes, without a page load: the island reads the open JSON API
/// (`/api/v1/regelingen`, the same one partner sites use) with gloo-net, puts the search in the
/// address bar (it stays a link), renders the new results, updates the facets' counts and the
/// follow form's search, and the status line announces the new count. Only the newest request
/// writes. Lazy: its code (gloo-net, the JSON reading, these views) is a wasm chunk of its own
/// that only this page loads, so no other page grows.
#[island(lazy)]
fn LiveResults(labels: Labels, children: Children) -> impl IntoView {
    let live: RwSignal<Option<SearchView>> = RwSignal::new(None);
    let labels = StoredValue::new(labels);
    #[cfg(not(feature = "ssr"))]
    live_search::listen(live, labels);
    view! {
        <div id="regelingen-server">{children()}</div>
        {move || live.get().map(|view| result_list(view, labels.get_value()))}
    }
}

/// The browser's half of [`LiveResults`].
#[cfg(not(feature = "ssr"))]
mod live_search {
    use leptos::ev;
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{Event, HtmlElement, HtmlFormElement, HtmlInputElement};
    use std::time::Duration;

    use super::{facet_id, Labels, SearchRequest, SearchView};
    use crate::browser;

    /// How long typing pauses before the search runs.
    const PAUSE: Duration = Duration::from_millis(300);

    pub fn listen(live: RwSignal<Option<SearchView>>, labels: StoredValue<Labels>) {
        let latest = StoredValue::new(0u64);
        let run = move |ev: Event, typed: bool| {
            let Some(form) = search_form(&ev) else {
                return;
            };
            let typing = ev
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .is_some_and(|input| input.type_() == "search");
            // Typing is handled by `input`; its `change` (on leaving the field) adds nothing.
            if typing != typed {
                return;
            }
            let ticket = latest.get_value() + 1;
            latest.set_value(ticket);
            let search = move || {
                if latest.get_value() == ticket {
                    fetch(form, live, labels, move || latest.get_value() == ticket);
                }
            };
            if typed {
                set_timeout(search, PAUSE);
            } else {
                search();
            }
        };
        // Dropping a handle keeps its listener: they last as long as the page.
        _ = window_event_listener(ev::input, move |ev| run(ev, true));
        _ = window_event_listener(ev::change, move |ev| run(ev, false));
    }

    /// The search form an event happened in (the follow form's e-mail field is not one).
    fn search_form(ev: &Event) -> Option<HtmlFormElement> {
        browser::form_of(ev).filter(|form| form.class_list().contains("search-form"))
    }

    fn fetch(
        form: HtmlFormElement,
        live: RwSignal<Option<SearchView>>,
        labels: StoredValue<Labels>,
        current: impl Fn() -> bool + 'static,
    ) {
        let Some(typed) = browser::query_of(&form) else {
            return;
        };
        // The search as the server writes it (no empty word, no default order), so the
        // address bar shows the same address a link to this search has.
        let query = SearchRequest::from_query(&typed).to_query();
        let page = if query.is_empty() {
            "/subsidies".to_string()
        } else {
            format!("/subsidies?{query}")
        };
        browser::show_address(&page);
        leptos::task::spawn_local(async move {
            let answer = match gloo_net::http::Request::get(&format!("/api/v1/regelingen?{query}"))
                .send()
                .await
            {
                Ok(response) if response.ok() => response.json::<SearchView>().await.ok(),
                _ => None,
            };
            if !current() {
                return;
            }
            let status = document().get_element_by_id("regelingen-aantal");
            match answer {
                Some(view) => {
                    if let Some(first) = document().get_element_by_id("regelingen-server") {
                        first.remove();
                    }
                    labels.with_value(|l| {
                        show_counts(l, &view);
                        if let Some(status) = &status {
                            status.set_text_content(Some(&l.count(view.total)));
                        }
                    });
                    if let Some(follow) = document().get_element_by_id("volgen-formulier") {
                        let _ = follow.set_attribute("action", &page);
                    }
                    live.set(Some(view));
                }
                // The results stay as they were, and the status line says so; the button
                // still searches with a page load.
                None => labels.with_value(|l| {
                    if let Some(status) = &status {
                        status.set_text_content(Some(&l.unavailable));
                    }
                }),
            }
        });
    }

    /// Every facet value's label gets its new count; a value the new search does not find is
    /// hidden unless it is ticked (or has the focus), as on the server's page, and so is a
    /// group with nothing to show. The checkboxes themselves stay, with the focus where it was.
    fn show_counts(labels: &Labels, view: &SearchView) {
        let groups = [
            ("voor", &view.facets.voor),
            ("soort", &view.facets.soort),
            ("status", &view.facets.status),
            ("regio", &view.facets.regio),
            ("aanbieder", &view.facets.aanbieder),
        ];
        let doc = document();
        for (name, counts) in groups {
            let Ok(boxes) = doc.query_selector_all(&format!(".facets input[name=\"{name}\"]"))
            else {
                continue;
            };
            let mut any_shown = false;
            for i in 0..boxes.length() {
                let Some(input) = boxes
                    .item(i)
                    .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
                else {
                    continue;
                };
                let value = input.value();
                let count = counts
                    .iter()
                    .find(|f| f.value == value)
                    .map_or(0, |f| f.count);
                // The checkbox in the person's hand stays, so the focus does not drop.
                let focused = doc
                    .active_element()
                    .is_some_and(|el| el.is_same_node(Some(input.as_ref())));
                let shown = focused || super::facet_shown(count, input.checked());
                any_shown |= shown;
                if let Some(row) = input
                    .parent_element()
                    .and_then(|row| row.dyn_into::<HtmlElement>().ok())
                {
                    row.set_hidden(!shown);
                }
                if let Some(label) = doc
                    .query_selector(&format!("label[for=\"{}\"]", facet_id(name, &value)))
                    .ok()
                    .flatten()
                    .and_then(|l| l.dyn_into::<HtmlElement>().ok())
                {
                    label.set_inner_text(&labels.facet(name, &value, count));
                }
            }
            if let Some(group) = doc
                .get_element_by_id(&super::facet_group_id(name))
                .and_then(|g| g.dyn_into::<HtmlElement>().ok())
            {
                group.set_hidden(!any_shown);
            }
        }
    }
}

/// One result (see [`result_list`]).
fn result_item(hit: Hit, labels: &Labels) -> impl IntoView {
    let facts = [
        Some(labels.support(&hit.support).to_string()),
        Some(
            hit.audience
                .iter()
                .map(|a| labels.audience(a))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Some(labels.region(&hit.region).to_string()),
        hit.amount.map(|a| {
            labels
                .up_to
                .replace("{amount}", &euros_in(labels.english, a))
        }),
        hit.deadline
            .as_ref()
            .map(|d| labels.until.replace("{date}", d)),
    ];
    let facts: Vec<String> = facts.into_iter().flatten().collect();
    let status_class = format!("badge scheme-status-{}", hit.availability);
    let english = labels.english;
    let snippet = if english {
        hit.snippet_en.clone()
    } else {
        hit.snippet.clone()
    };
    let summary = hit.summary.get(english).to_string();
    view! {
        <li class="scheme-result" id=format!("regeling-{}", hit.id)>
            <h3><a href=format!("/subsidies/{}", hit.id)>{hit.name.clone()}</a></h3>
            <p>
                <span class=status_class>{labels.availability(&hit.availability).to_string()}</span>
                " "
                <span class="scheme-provider">{hit.provider.clone()}</span>
            </p>
            {if snippet.is_empty() {
                Either::Left(view! { <p>{summary}</p> })
            } else {
                Either::Right(view! {
                    <p class="snippet">
                        "… "
                        {snippet.into_iter().map(|(text, marked)| {
                            if marked { Either::Left(view! { <mark>{text}</mark> }) } else { Either::Right(view! { <span>{text}</span> }) }
                        }).collect_view()}
                        " …"
                    </p>
                })
            }}
            <p class="scheme-facts">{facts.join(" · ")}</p>
            <p><a href=hit.calculator.clone()>{labels.to_calculator.clone()}</a></p>
        </li>
    }
}

/// The calculator's address for a scheme: its path, and the answers the scheme itself gives
/// (`Profile::known_from`) filled in.
pub fn calculator_address(scheme: &crate::domain::schemes::Scheme) -> String {
    let known = crate::domain::calculator::Profile::known_from(scheme);
    format!(
        "/scholingscalculator?{}",
        crate::calculator::share_query(&known)
    )
}

/// What `/subsidies/<slug>` shows: one scheme, if there is one with that slug.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemePageView {
    pub scheme: Option<crate::domain::schemes::Scheme>,
    /// Its availability today (`Availability::code`).
    pub availability: String,
    pub region: String,
    pub audience: Vec<String>,
    pub deadline: Option<String>,
    /// Its conditions in plain words, as the calculator checks them (Dutch and English).
    pub criteria_nl: Vec<String>,
    pub criteria_en: Vec<String>,
    /// When the scheme last changed in the catalogue (YYYY-MM-DD).
    pub updated: Option<String>,
    /// The calculator's address with what the scheme tells filled in.
    pub calculator: String,
}

/// `/subsidies/<slug>`: everything about one scheme.
#[component]
pub fn SchemePage() -> impl IntoView {
    let locale = current_locale();
    let english = locale == Locale::en;
    let Some(page) = use_context::<SchemePageView>() else {
        return view! { <crate::layout::NotFound /> }.into_any();
    };
    let Some(scheme) = page.scheme.clone() else {
        return view! {
            <PageIntro title=td_string!(locale, subsidies.missing_title) intro=td_string!(locale, subsidies.missing) />
            <p><a href="/subsidies">{td_string!(locale, subsidies.back)}</a></p>
        }
        .into_any();
    };
    let facts = [
        (
            td_string!(locale, subsidies.f_provider),
            scheme.provider.clone(),
        ),
        (
            td_string!(locale, subsidies.facet_for),
            page.audience
                .iter()
                .map(|a| audience_label(locale, a))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            td_string!(locale, subsidies.facet_kind),
            support_label(locale, scheme.support.code()).to_string(),
        ),
        (
            td_string!(locale, subsidies.facet_region),
            region_label(locale, &page.region).to_string(),
        ),
        (
            td_string!(locale, subsidies.facet_status),
            availability_label(locale, &page.availability).to_string(),
        ),
        (
            td_string!(locale, subsidies.f_amount),
            scheme
                .money
                .headline()
                .map(|a| td_string!(locale, subsidies.up_to).replace("{amount}", &euros(locale, a)))
                .unwrap_or_else(|| td_string!(locale, subsidies.f_amount_unknown).to_string()),
        ),
        (
            td_string!(locale, subsidies.f_deadline),
            page.deadline
                .clone()
                .unwrap_or_else(|| td_string!(locale, subsidies.f_no_deadline).to_string()),
        ),
    ];
    let criteria = if english {
        page.criteria_en.clone()
    } else {
        page.criteria_nl.clone()
    };
    let checked = match scheme.verification {
        crate::domain::schemes::Verification::Verified => {
            td_string!(locale, subsidies.verified)
        }
        crate::domain::schemes::Verification::Partly => td_string!(locale, subsidies.partly),
        crate::domain::schemes::Verification::Unverified => {
            td_string!(locale, subsidies.unverified)
        }
    };
    view! {
        <leptos_meta::Title text=scheme.name.clone() />
        <div class="page-intro">
            <h1>{scheme.name.clone()}</h1>
            {scheme.official_name.clone().map(|o| view! { <p class="official-name">{o}</p> })}
            <p class="lead">{scheme.summary.get(english).to_string()}</p>
        </div>
        <p><a href="/subsidies">{td_string!(locale, subsidies.back)}</a></p>
        <dl class="facts">
            {facts.into_iter().map(|(term, value)| view! { <div><dt>{term}</dt><dd>{value}</dd></div> }).collect_view()}
        </dl>
        {(!scheme.status_note.get(english).is_empty()).then(|| view! { <p>{scheme.status_note.get(english).to_string()}</p> })}
        <h2>{td_string!(locale, subsidies.conditions)}</h2>
        {if criteria.is_empty() {
            view! { <p>{td_string!(locale, subsidies.no_conditions)}</p> }.into_any()
        } else {
            view! { <ul class="conditions">{criteria.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul> }.into_any()
        }}
        <h2>{td_string!(locale, subsidies.how_to_apply)}</h2>
        <p>{scheme.apply.get(english).to_string()}</p>
        {scheme.apply_url.clone().map(|url| { let text = url.clone(); view! { <p><a href=url rel="external noopener">{text}</a></p> } })}
        {(!scheme.notes.get(english).is_empty()).then(|| view! {
            <h2>{td_string!(locale, subsidies.notes)}</h2>
            <p>{scheme.notes.get(english).to_string()}</p>
        })}
        <p><a class="button" href=page.calculator.clone()>{td_string!(locale, subsidies.to_calculator)}</a></p>
        <h2>{td_string!(locale, subsidies.sources)}</h2>
        <p>{checked}</p>
        {page.updated.clone().map(|d| view! { <p>{td_string!(locale, subsidies.updated).replace("{date}", &d)}</p> })}
        <ul class="sources">
            {scheme.sources.iter().map(|s| {
                // A source is a web address or a reference to a publication.
                if crate::domain::schemes::check::is_web_address(s) {
                    view! { <li><a href=s.clone() rel="external noopener">{s.clone()}</a></li> }.into_any()
                } else {
                    view! { <li>{s.clone()}</li> }.into_any()
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// A search alert as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertRow {
    pub email: String,
    /// The search as a query string (a link to it).
    pub query: String,
    /// The search in words, in Dutch and in English.
    pub search_nl: String,
    pub search_en: String,
    pub confirmed: bool,
}

/// What `/subsidies/melding` shows: the alert of the link's key, if there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertPageView {
    pub alert: Option<AlertRow>,
}

/// `/subsidies/melding?sleutel=…`: a search alert's own page, from the link in its mails —
/// confirm it, see what it is, delete it. No account.
#[component]
pub fn AlertPage() -> impl IntoView {
    let locale = current_locale();
    let english = locale == Locale::en;
    let done = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("klaar"));
    let key = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("sleutel"))
        .unwrap_or_default();
    let alert = use_context::<AlertPageView>().and_then(|v| v.alert);
    let Some(alert) = alert else {
        let deleted = done.as_deref() == Some("verwijderd");
        return view! {
            <PageIntro
                title=td_string!(locale, subsidies.alert_title)
                intro=if deleted { td_string!(locale, subsidies.alert_deleted) } else { td_string!(locale, subsidies.alert_missing) }
            />
            <p><a href="/subsidies">{td_string!(locale, subsidies.back)}</a></p>
        }
        .into_any();
    };
    let action = format!(
        "/subsidies/melding?{}",
        serde_urlencoded::to_string([("sleutel", key.as_str())]).unwrap_or_default()
    );
    let search_link = if alert.query.is_empty() {
        "/subsidies".to_string()
    } else {
        format!("/subsidies?{}", alert.query)
    };
    let search = if english {
        alert.search_en.clone()
    } else {
        alert.search_nl.clone()
    };
    view! {
        <PageIntro title=td_string!(locale, subsidies.alert_title) intro=td_string!(locale, subsidies.alert_intro) />
        {(done.as_deref() == Some("bevestigd")).then(|| view! {
            <div class="notice" role="status"><p>{td_string!(locale, subsidies.alert_confirmed_now)}</p></div>
        })}
        <dl class="facts">
            <div><dt>{td_string!(locale, subsidies.alert_email)}</dt><dd>{alert.email.clone()}</dd></div>
            <div><dt>{td_string!(locale, subsidies.alert_search)}</dt><dd><a href=search_link>{search}</a></dd></div>
            <div><dt>{td_string!(locale, subsidies.facet_status)}</dt><dd>{if alert.confirmed { td_string!(locale, subsidies.alert_on) } else { td_string!(locale, subsidies.alert_pending) }}</dd></div>
        </dl>
        {(!alert.confirmed).then(|| view! {
            <form method="post" action=action.clone() novalidate>
                <crate::forms::CsrfField />
                <input type="hidden" name="actie" value="bevestigen" />
                <button type="submit" class="button">{td_string!(locale, subsidies.alert_confirm)}</button>
            </form>
        })}
        <h2>{td_string!(locale, subsidies.alert_delete_heading)}</h2>
        <p>{td_string!(locale, subsidies.alert_delete_intro)}</p>
        <form method="post" action=action novalidate id="volgen-formulier">
            <crate::forms::CsrfField />
            <input type="hidden" name="actie" value="verwijderen" />
            <button type="submit" class="button button-secondary">{td_string!(locale, subsidies.alert_delete)}</button>
        </form>
    }
    .into_any()
}

/// The form under the results: follow this search by e-mail.
#[component]
fn FollowForm(request: SearchRequest) -> impl IntoView {
    let locale = current_locale();
    let form = crate::forms::use_form_state();
    let notice = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("melding"));
    let query = request.to_query();
    // Posted to the page's own address: after a refusal the address bar still shows the
    // search (and can be loaded again).
    let action = if query.is_empty() {
        "/subsidies".to_string()
    } else {
        format!("/subsidies?{query}")
    };
    view! {
        <section class="follow" id="volgen" aria-labelledby="volgen-titel">
            <h2 id="volgen-titel">{td_string!(locale, subsidies.follow_heading)}</h2>
            {(notice.as_deref() == Some("bevestig")).then(|| view! {
                <div class="notice" role="status"><p>{td_string!(locale, subsidies.follow_sent)}</p></div>
            })}
            <p>{td_string!(locale, subsidies.follow_intro)}</p>
            <form method="post" action=action novalidate id="volgen-formulier">
                <crate::forms::CsrfField />
                <crate::forms::Field form=form name="email" label=td_string!(locale, subsidies.follow_email) kind="email" autocomplete="email" hint=td_string!(locale, subsidies.follow_hint) />
                <button type="submit" class="button button-secondary">{td_string!(locale, subsidies.follow_submit)}</button>
            </form>
        </section>
    }
}
