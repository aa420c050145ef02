//! Scholingscalculator: which training schemes apply, how much they pay, and the own
//! contribution. The answers live in the URL query (nothing personal), so a result is a link.
//!
//! The server renders the page: the form and the result, with the rule engine
//! (`domain::calculator`). Without JavaScript the form is a plain GET form. With JavaScript the
//! form is an island ([`CalculatorIsland`], the only calculator code in the browser): a changed
//! answer puts the answers in the address bar, fetches the page for them from the server and
//! puts its new parts in place — the result, the questions that come and go with an answer,
//! and a line announcing the new outcome. The engine, the catalogue and every view stay on the
//! server, out of the browser's download.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::domain::calculator::{AnswerError, Path, Profile, FIELDS};
#[cfg(feature = "ssr")]
use crate::domain::date::Date;
use crate::domain::schemes::{Catalogue, Education, Situation, TargetGroup, TrainingKind};
use crate::error::AppError;
use crate::forms::{ErrorSummary, Field, FormState, RadioGroup, Select};
use crate::i18n::*;
use crate::layout::{current_locale, PageIntro};

mod apply;
#[cfg(feature = "ssr")]
mod explain;
#[cfg(feature = "ssr")]
pub mod handlers;
pub mod labels;
#[cfg(feature = "ssr")]
mod result;
#[cfg(feature = "ssr")]
pub mod store;

#[cfg(feature = "ssr")]
pub use explain::criteria_in_words;
#[cfg(feature = "ssr")]
pub use handlers::{PAGES, QUEUES};

pub use apply::{ApplicationRow, ApplicationsPage, ApplicationsView, ApplyDonePage, ApplyPage};

/// The catalogue of schemes, for the calculator and the aanmeldformulier. A GET, so browsers
/// and proxies may cache it; the server answers from its in-memory copy.
#[server(prefix = "/api", endpoint = "regelingen", input = server_fn::codec::GetUrl)]
pub async fn load_catalogue() -> Result<Catalogue, AppError> {
    let state = use_context::<crate::server::AppState>().ok_or(AppError::Internal)?;
    Ok((*state.catalogue.get()).clone())
}

/// The answers in the query, read the way the engine reads them.
pub fn read_answers(query: &leptos_router::params::ParamsMap) -> (Profile, Vec<AnswerError>) {
    Profile::from_pairs(
        FIELDS
            .iter()
            .filter_map(|field| query.get_str(field).map(|value| (*field, value))),
    )
}

/// The query values and messages as a [`FormState`], so the fields show what was typed.
fn form_state(query: &leptos_router::params::ParamsMap, errors: &[AnswerError]) -> FormState {
    let mut form = FormState::default();
    for field in FIELDS {
        if let Some(value) = query.get_str(field) {
            form.values.insert((*field).to_string(), value.to_string());
        }
    }
    for e in errors {
        form.add_error(e.field, e.message);
    }
    form
}

#[component]
pub fn CalculatorPage() -> impl IntoView {
    let locale = current_locale();
    let query = use_query_map();
    let answers = Memo::new(move |_| query.with(read_answers));

    view! {
        <PageIntro title=td_string!(locale, calculator.title) intro=td_string!(locale, calculator.intro) />
        // With a result on the page, a link to it above the long form (the page comes back at
        // the top after "Bereken" without JavaScript). Rendered by the server only and kept as
        // it is by the browser (`inner_html` is not set when hydrating): with JavaScript the
        // form's status line links to each new result.
        <div class="calc-jump" inner_html=jump_link(locale)></div>
        <div class="calculator">
            <CalculatorForm answers />
            <section class="calc-result" aria-labelledby="uitkomst-titel">
                <h2 id="uitkomst-titel">{td_string!(locale, calc.result_title)}</h2>
                <OutcomeRegion />
            </section>
        </div>
    }
}

/// The result of the calculator, rendered by the server only: the rule engine, the catalogue and
/// the result's views never reach the browser's download (they were 185 KB of it). Beside it,
/// in an inert `<template>`, the line that announces this outcome: [`CalculatorIsland`] moves
/// it into the form's status line when it puts a new result in place.
#[cfg(feature = "ssr")]
#[component]
fn OutcomeRegion() -> impl IntoView {
    let locale = current_locale();
    let query = use_query_map();
    let state = use_context::<crate::server::AppState>();
    let (content, announcement) = query
        .with_untracked(|q| {
            let pairs = answer_pairs(FIELDS.iter().filter_map(|f| q.get_str(f).map(|v| (*f, v))));
            // The monitor counts a result once per page a person opens or sends (the form's GET
            // without JavaScript, a shared link); the island's fetches as answers change are
            // not counted (`Sec-Fetch-Dest: empty`), nor is the empty form.
            if pairs.iter().any(|(k, _)| *k == "voor") {
                let answer = |key: &str| {
                    pairs
                        .iter()
                        .find(|(k, _)| *k == key)
                        .map_or("", |(_, v)| v.as_str())
                };
                crate::server::tally::count_page(
                    "calculator_result",
                    answer("sector"),
                    answer("gemeente"),
                );
            }
            state.map(|state| {
                result::outcome_view(
                    locale,
                    &state.catalogue.get(),
                    &pairs,
                    Date::today(),
                    viewer_is_staff(),
                )
            })
        })
        .map_or((None, String::new()), |(view, line)| (Some(view), line));
    view! {
        <div class="calc-outcome" id="uitkomst">{content}</div>
        <template id="uitkomst-aankondiging" inner_html=announcement></template>
    }
}

/// The browser never renders the result (the server did; the island puts new ones in place).
#[cfg(not(feature = "ssr"))]
#[component]
fn OutcomeRegion() -> impl IntoView {}

/// The calculator's answers among `pairs` (a query's key/value pairs): the keys of [`FIELDS`]
/// only, each with its value, in the order given. One reader for every place that takes the
/// answers from a URL.
#[cfg(feature = "ssr")]
fn answer_pairs<'a>(
    pairs: impl Iterator<Item = (&'a str, &'a str)>,
) -> Vec<(&'static str, String)> {
    pairs
        .filter_map(|(k, v)| {
            FIELDS
                .iter()
                .find(|f| **f == k)
                .map(|f| (*f, v.to_string()))
        })
        .collect()
}

/// Whether the request comes from a logged-in coordinator or admin (they also see the
/// secondary sources of each scheme).
#[cfg(feature = "ssr")]
fn viewer_is_staff() -> bool {
    use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .extensions
                .get::<crate::server::auth::CurrentUser>()
                .map(|u| u.role.is_staff())
        })
        .unwrap_or(false)
}

/// The link above the form to the result on the page (server only; see `CalculatorPage`).
fn jump_link(locale: Locale) -> String {
    #[cfg(feature = "ssr")]
    {
        let sent = use_query_map().with_untracked(|q| q.get_str("voor").is_some());
        if sent {
            return format!(
                r##"<a href="#uitkomst-titel" rel="external">{}</a>"##,
                td_string!(locale, calc.jump_to_result)
            );
        }
    }
    let _ = locale;
    String::new()
}

/// The answers as a query string (without the leading `?`), for share and apply links.
pub fn share_query(profile: &Profile) -> String {
    serde_urlencoded::to_string(profile.to_pairs()).unwrap_or_default()
}

/// The options of a yes/no question.
fn yes_no(locale: Locale) -> Vec<(&'static str, &'static str)> {
    vec![
        ("ja", td_string!(locale, calc.yes)),
        ("nee", td_string!(locale, calc.no)),
    ]
}

/// The calculator form's island: the only calculator code the browser downloads. It listens
/// for a changed answer (and for "Bereken") and then, instead of a page load: puts the answers
/// in the address bar (the result stays a link), fetches the page for them and puts its new
/// parts in place — the result, the announcement in the status line, and the questions when
/// they changed (a question that comes or goes with an answer, a label, a message beside a
/// field). What the person typed meanwhile and the focus are kept. Only the newest request
/// writes: an older answer that arrives late is dropped.
#[island]
fn CalculatorIsland(
    /// Shown in place of the result when the server cannot be reached.
    unavailable: String,
    children: Children,
) -> impl IntoView {
    let latest = StoredValue::new(0u64);
    let unavailable = StoredValue::new(unavailable);
    let refresh = move |ev: &leptos::web_sys::Event| {
        #[cfg(not(feature = "ssr"))]
        {
            let ticket = latest.get_value() + 1;
            latest.set_value(ticket);
            island::refresh(ev, unavailable.get_value(), move || {
                latest.get_value() == ticket
            });
        }
        #[cfg(feature = "ssr")]
        let _ = (ev, latest, unavailable);
    };
    view! {
        <div
            class="calc-form"
            on:change=move |ev| refresh(&ev)
            on:submit=move |ev| {
                ev.prevent_default();
                refresh(&ev);
            }
        >
            {children()}
        </div>
    }
}

/// The browser's half of [`CalculatorIsland`]: plain DOM work, no views.
#[cfg(not(feature = "ssr"))]
mod island {
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{Element, Event, HtmlFormElement, HtmlInputElement};

    use crate::browser;

    /// The calculator's path: the form's action and the address of every result.
    const PATH: &str = "/scholingscalculator";
    /// The status line inside the form; it is never replaced, so screen readers announce it.
    const STATUS: &str = "uitkomst-melding";

    pub fn refresh(ev: &Event, unavailable: String, current: impl Fn() -> bool + 'static) {
        let Some(form) = browser::form_of(ev) else {
            return;
        };
        let Some(query) = browser::query_of(&form) else {
            return;
        };
        let address = format!("{PATH}?{query}");
        browser::show_address(&address);
        let lang = browser::page_lang();
        leptos::task::spawn_local(async move {
            let page = browser::fetch_page(&format!("{address}&lang={lang}")).await;
            if !current() {
                return;
            }
            match page {
                Some(html) => put_in_place(&form, &html),
                None => {
                    if let Some(region) = document().get_element_by_id("uitkomst") {
                        region.set_inner_html(&format!(
                            r#"<p class="error-message" role="alert">{unavailable}</p>"#
                        ));
                    }
                }
            }
        });
    }

    /// Puts the new page's result, announcement and (when they changed) questions in place.
    fn put_in_place(form: &HtmlFormElement, html: &str) {
        let Some(page) = browser::parse(html) else {
            return;
        };
        let doc = document();
        if let Some(new_form) = page.query_selector(".calc-form form").ok().flatten() {
            if questions(&new_form) != questions(form) {
                replace_questions(form, &new_form);
            }
        }
        if let (Some(old), Some(new)) = (
            doc.get_element_by_id("uitkomst"),
            page.get_element_by_id("uitkomst"),
        ) {
            old.set_inner_html(&new.inner_html());
        }
        if let (Some(line), Some(new)) = (
            doc.get_element_by_id(STATUS),
            page.get_element_by_id("uitkomst-aankondiging"),
        ) {
            line.set_inner_html(&new.inner_html());
        }
    }

    /// What a person reads of a form (its texts) and which controls it has: when this is the
    /// same, the questions have not changed and stay as they are.
    fn questions(form: &Element) -> String {
        let mut shape = String::new();
        let children = form.children();
        for i in 0..children.length() {
            let Some(child) = children.item(i) else {
                continue;
            };
            if child.id() == STATUS {
                continue;
            }
            shape.push_str(&child.text_content().unwrap_or_default());
            if let Ok(controls) = child.query_selector_all("[name]") {
                for j in 0..controls.length() {
                    if let Some(el) = controls.item(j).and_then(|n| n.dyn_into::<Element>().ok()) {
                        shape.push('|');
                        shape.push_str(&el.id());
                    }
                }
            }
        }
        shape
    }

    /// Replaces the form's questions (everything but the status line) with the new page's, then
    /// gives each control back what the person has in it now and the focus back to where it was.
    fn replace_questions(form: &HtmlFormElement, new_form: &Element) {
        let doc = document();
        let focused = doc
            .active_element()
            .map(|el| el.id())
            .filter(|id| !id.is_empty());
        let live: Vec<(String, String, bool)> = controls(form)
            .into_iter()
            .map(|el| (el.id(), el.value(), el.checked()))
            .collect();
        let status = doc.get_element_by_id(STATUS);
        let old = form.children();
        for i in (0..old.length()).rev() {
            if let Some(child) = old.item(i) {
                if child.id() != STATUS {
                    child.remove();
                }
            }
        }
        let new = new_form.children();
        let moved: Vec<Element> = (0..new.length()).filter_map(|i| new.item(i)).collect();
        for child in moved {
            if child.id() == STATUS {
                continue;
            }
            let _ = form.insert_before(&child, status.as_ref().map(|s| s.as_ref()));
        }
        for (id, value, checked) in live {
            if let Some(el) = doc
                .get_element_by_id(&id)
                .and_then(|el| el.dyn_into::<HtmlInputElement>().ok())
            {
                match el.type_().as_str() {
                    "radio" | "checkbox" => el.set_checked(checked),
                    _ => el.set_value(&value),
                }
            }
        }
        if let Some(el) = focused
            .and_then(|id| doc.get_element_by_id(&id))
            .and_then(|el| el.dyn_into::<leptos::web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    }

    /// The form's text and radio inputs (selects keep their choice in the new page's markup:
    /// they change only by a choice, which the page was fetched for).
    fn controls(form: &HtmlFormElement) -> Vec<HtmlInputElement> {
        let Ok(list) = form.query_selector_all("input[id]") else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<HtmlInputElement>().ok())
            .collect()
    }
}

#[component]
fn CalculatorForm(answers: Memo<(Profile, Vec<AnswerError>)>) -> impl IntoView {
    let locale = current_locale();
    let choose = td_string!(locale, calc.choose);
    let query = use_query_map();
    // What was typed, as it was when the page was rendered; the fields keep their own state
    // afterwards (re-rendering them would move the focus away).
    let form = query.with_untracked(|q| form_state(q, &answers.get_untracked().1));
    // The parts of the form that appear and disappear with an answer (with JavaScript) are
    // rendered again from the current query, so what was typed before stays in them.
    let current =
        move || query.with_untracked(|q| form_state(q, &answers.with_untracked(|a| a.1.clone())));
    let path = Memo::new(move |_| answers.with(|(p, _)| p.path));
    let employer = move || path.get() == Path::Employer;

    let situations = Situation::ALL
        .iter()
        .map(|s| (s.code(), labels::situation_label(locale, *s)))
        .collect::<Vec<_>>();
    let educations = Education::ALL
        .iter()
        .map(|e| (e.code(), labels::education_label(locale, *e)))
        .collect::<Vec<_>>();
    let kinds = TrainingKind::ALL
        .iter()
        .map(|k| (k.code(), labels::kind_label(locale, *k)))
        .collect::<Vec<_>>();
    let targets = TargetGroup::ALL
        .iter()
        .map(|t| (t.code(), labels::target_label(locale, *t)))
        .collect::<Vec<_>>();
    let gemeenten = {
        let mut list: Vec<(&'static str, &'static str)> = crate::domain::region::GEMEENTEN
            .iter()
            .map(|g| (g.code, g.name))
            .collect();
        list.sort_by_key(|(_, name)| *name);
        list.push(("elders", td_string!(locale, calc.elsewhere)));
        list
    };
    let sectors = crate::domain::account::SECTORS
        .iter()
        .map(|s| (*s, crate::account::sector_label(locale, s)))
        .collect::<Vec<_>>();
    let nlqf_levels: Vec<(&'static str, &'static str)> = vec![
        ("1", "1"),
        ("2", "2"),
        ("3", "3"),
        ("4", "4"),
        ("5", "5"),
        ("6", "6"),
        ("7", "7"),
        ("8", "8"),
    ];

    let show_overijssel =
        Memo::new(move |_| query.with(|q| q.get_str("gemeente") == Some("elders")));
    let show_hours = Memo::new(move |_| {
        answers.with(|(p, _)| {
            p.path == Path::Employer
                || matches!(
                    p.situation,
                    Some(Situation::Werkend | Situation::DreigendWerkloos | Situation::Zzp)
                )
        })
    });
    let show_turnover = Memo::new(move |_| answers.with(|(p, _)| p.staff.is_none_or(|n| n < 250)));

    let learner_fields = move || {
        let form = current();
        let (age_label, about) = if employer() {
            (
                td_string!(locale, calc.q_age_employee),
                td_string!(locale, calc.about_employee),
            )
        } else {
            (
                td_string!(locale, calc.q_age),
                td_string!(locale, calc.about_you),
            )
        };
        view! {
            <fieldset>
                <legend>{about}</legend>
                <Field form=form.clone() name="leeftijd" label=age_label kind="text" inputmode="numeric" hint=td_string!(locale, calc.q_age_hint) />
                <Select placeholder=choose form=form.clone() name="situatie" label=td_string!(locale, calc.q_situation) options=situations.clone() />
                <Select placeholder=choose form=form.clone() name="opleiding" label=td_string!(locale, calc.q_education) hint=td_string!(locale, calc.q_education_hint) options=educations.clone() />
                {employer().then(|| view! {
                    <Select placeholder=choose form=form.clone() name="doelgroep" label=td_string!(locale, calc.q_target) hint=td_string!(locale, calc.q_target_hint) options=targets.clone() />
                })}
            </fieldset>
        }
    };

    let hours_field = move || {
        show_hours.get().then(|| {
            view! { <Field form=current() name="uren" label=td_string!(locale, calc.q_hours) kind="text" inputmode="numeric" hint=td_string!(locale, calc.q_hours_hint) /> }
        })
    };

    let overijssel_field = move || {
        show_overijssel.get().then(|| {
            view! { <RadioGroup form=current() name="overijssel" legend=td_string!(locale, calc.q_overijssel) options=yes_no(locale) /> }
        })
    };

    let company_fields = move || {
        let form = current();
        employer().then(|| {
            let form_turnover = form.clone();
            view! {
                <fieldset>
                    <legend>{td_string!(locale, calc.about_company)}</legend>
                    <Field form=form.clone() name="medewerkers" label=td_string!(locale, calc.q_staff) kind="text" inputmode="numeric" />
                    {move || show_turnover.get().then(|| view! {
                        <RadioGroup form=form_turnover.clone() name="omzet" legend=td_string!(locale, calc.q_turnover) options=yes_no(locale) />
                    })}
                    <RadioGroup form=form.clone() name="leerbedrijf" legend=td_string!(locale, calc.q_leerbedrijf) hint=td_string!(locale, calc.q_leerbedrijf_hint) options=yes_no(locale) />
                </fieldset>
            }
        })
    };

    let place_label = move || {
        if employer() {
            td_string!(locale, calc.q_place_employer)
        } else {
            td_string!(locale, calc.q_place)
        }
    };
    let sector_label = move || {
        if employer() {
            td_string!(locale, calc.q_sector_employer)
        } else {
            td_string!(locale, calc.q_sector)
        }
    };
    let place_sector = move || {
        let form = current();
        view! {
            <Select placeholder=choose form=form.clone() name="gemeente" label=place_label() options=gemeenten.clone() />
            {overijssel_field}
            <Select placeholder=choose form=form.clone() name="sector" label=sector_label() options=sectors.clone() />
        }
    };

    // Employers only: the SLIM-scholingssubsidie pays only for courses in an Ontwikkelpad.
    let ontwikkelpad_field = move || {
        employer().then(|| {
            view! { <RadioGroup form=current() name="ontwikkelpad" legend=td_string!(locale, calc.q_ontwikkelpad) hint=td_string!(locale, calc.q_ontwikkelpad_hint) options=yes_no(locale) /> }
        })
    };

    let vat_options = vec![
        ("nee", td_string!(locale, calc.vat_no)),
        ("ja", td_string!(locale, calc.vat_yes)),
    ];
    let path_options = vec![
        ("ik", td_string!(locale, calc.path_individual)),
        ("werkgever", td_string!(locale, calc.path_employer)),
    ];
    let mut path_form = form.clone();
    if path_form.value("voor").is_empty() {
        path_form.values.insert("voor".into(), "ik".into());
    }
    let mut vat_form = form.clone();
    if vat_form.value("btw").is_empty() {
        vat_form.values.insert("btw".into(), "nee".into());
    }

    view! {
        <ErrorSummary form=form.clone() />
        <CalculatorIsland unavailable=td_string!(locale, calc.unavailable).to_string()>
            <form method="get" action="/scholingscalculator">
                <RadioGroup form=path_form name="voor" legend=td_string!(locale, calc.q_path) options=path_options />
                {learner_fields}
                {hours_field}
                {place_sector}
                {company_fields}
                <fieldset>
                    <legend>{td_string!(locale, calc.about_training)}</legend>
                    <Select placeholder=choose form=form.clone() name="soort" label=td_string!(locale, calc.q_kind) options=kinds />
                    <Select placeholder=choose form=form.clone() name="nlqf" label=td_string!(locale, calc.q_nlqf) hint=td_string!(locale, calc.q_nlqf_hint) options=nlqf_levels />
                    <Field form=form.clone() name="kosten" label=td_string!(locale, calc.q_cost) kind="text" inputmode="decimal" hint=td_string!(locale, calc.q_cost_hint) />
                    <RadioGroup form=vat_form name="btw" legend=td_string!(locale, calc.q_vat) options=vat_options />
                    <Field form=form.clone() name="maanden" label=td_string!(locale, calc.q_months) kind="text" inputmode="numeric" hint=td_string!(locale, calc.q_months_hint) />
                    {ontwikkelpad_field}
                </fieldset>
                <button type="submit" class="button">{td_string!(locale, calc.submit)}</button>
                // With JavaScript, the new outcome after a change is announced here and offered
                // as a link: on a phone the result sits far below the field just changed. Empty
                // until then (the server renders it empty too).
                <div class="calc-announce" id="uitkomst-melding" role="status"></div>
            </form>
        </CalculatorIsland>
    }
}
