//! Scholingscalculator: which training schemes apply, how much they pay, and the own
//! contribution. The answers live in the URL query (nothing personal), so a result is a link.
//!
//! Without JavaScript the form is a plain GET form and the server renders the result with the
//! rule engine (`domain::calculator`). With JavaScript the same form navigates client-side on
//! every change and the browser fetches the new result, rendered by the same server code, as
//! HTML (`calculator_outcome`): the engine, the catalogue and the result's views stay on the
//! server, out of the browser's download.
use leptos::prelude::*;
use leptos_router::components::Form;
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
mod labels;
#[cfg(feature = "ssr")]
mod result;
#[cfg(feature = "ssr")]
pub mod store;

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
/// the result's views never reach the browser's download (they were 185 KB of it). The server
/// renders it into the page; with JavaScript, a changed answer fetches the new result as HTML
/// from [`calculator_outcome`] and puts it in place (`client::OutcomeRegion`).
#[cfg(feature = "ssr")]
#[component]
fn OutcomeRegion() -> impl IntoView {
    let locale = current_locale();
    let query = use_query_map();
    let state = use_context::<crate::server::AppState>();
    let content = query.with_untracked(|q| {
        let pairs = answer_pairs(FIELDS.iter().filter_map(|f| q.get_str(f).map(|v| (*f, v))));
        state.map(|state| {
            result::outcome_view(
                locale,
                &state.catalogue.get(),
                &pairs,
                Date::today(),
                viewer_is_staff(),
            )
            .0
        })
    });
    view! { <div class="calc-outcome" id="uitkomst">{content}</div> }
}

#[cfg(not(feature = "ssr"))]
use client::OutcomeRegion;

/// The calculator's result for the answers in `answers` (a query string), as HTML in the
/// language `lang`. Read-only and without personal data, so a GET.
#[server(prefix = "/api", endpoint = "uitkomst", input = server_fn::codec::GetUrl)]
pub async fn calculator_outcome(answers: String, lang: String) -> Result<String, AppError> {
    use leptos::tachys::view::RenderHtml;
    let state = use_context::<crate::server::AppState>().ok_or(AppError::Internal)?;
    let locale = if lang == "en" { Locale::en } else { Locale::nl };
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&answers).unwrap_or_default();
    let pairs = answer_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let (view, announcement) = result::outcome_view(
        locale,
        &state.catalogue.get(),
        &pairs,
        Date::today(),
        viewer_is_staff(),
    );
    Ok(format!(
        "{announcement}{ANNOUNCEMENT_END}{}",
        view.to_html()
    ))
}

/// Ends the announcement at the start of [`calculator_outcome`]'s answer (the summary and a
/// link, for the form's status line); the result's HTML follows. A control character that the
/// announcement (made of numbers and texts of the locale files) never contains, so the first
/// one ends it; splitting there is all the browser does — cheaper in the download than a second
/// field to deserialise.
pub const ANNOUNCEMENT_END: char = '\u{1f}';

/// The calculator's answers among `pairs` (a query's key/value pairs): the keys of [`FIELDS`]
/// only, each with its value, in the order given. One reader for every place that takes the
/// answers from a URL (the page and the result fetch).
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

#[cfg(not(feature = "ssr"))]
mod client {
    use leptos::prelude::*;
    use leptos_router::hooks::use_location;

    use crate::i18n::*;
    use crate::layout::current_locale;

    /// The result for `answers` from [`super::calculator_outcome`], by a plain `fetch` of its
    /// JSON (a string of HTML). Known cost, measured: with this fetch in the calculator's chunk
    /// the main module is 18 KB (brotli) larger than without it, with the server function's
    /// own client as with this one — wasm-split places more data in the main module; why is
    /// the open part of issue 10 (see bench/README.md).
    async fn fetch_outcome(answers: &str, lang: &str) -> Option<String> {
        use leptos::wasm_bindgen::JsCast;
        use wasm_bindgen_futures::JsFuture;
        let query = serde_urlencoded::to_string([("answers", answers), ("lang", lang)]).ok()?;
        let window = web_sys::window()?;
        let response = JsFuture::from(window.fetch_with_str(&format!("/api/uitkomst?{query}")))
            .await
            .ok()?
            .dyn_into::<web_sys::Response>()
            .ok()?;
        if !response.ok() {
            return None;
        }
        let body = JsFuture::from(response.text().ok()?).await.ok()?;
        js_sys::JSON::parse(&body.as_string()?).ok()?.as_string()
    }

    /// The browser's half of the result region: empty when hydrated (the server's HTML stays in
    /// place), filled from `calculator_outcome` when the answers change or when the page was
    /// reached by client-side navigation.
    #[component]
    pub fn OutcomeRegion() -> impl IntoView {
        let locale = current_locale();
        let search = use_location().search;
        let region = NodeRef::<leptos::html::Div>::new();
        // Only the newest request may write: an older answer that arrives late is dropped.
        let latest = StoredValue::new(0u64);
        Effect::new(move |previous: Option<()>| {
            let answers = search.get().trim_start_matches('?').to_string();
            let Some(el) = region.get() else { return };
            if previous.is_none() && el.has_child_nodes() {
                return; // hydrated: the server rendered the result for these answers
            }
            let ticket = latest.get_value() + 1;
            latest.set_value(ticket);
            let lang = locale.as_str();
            leptos::task::spawn_local(async move {
                let html = fetch_outcome(&answers, lang).await.unwrap_or_else(|| {
                    format!(
                        r#"<p class="error-message" role="alert">{}</p>"#,
                        td_string!(locale, calc.unavailable)
                    )
                });
                if latest.get_value() == ticket {
                    // The announcement goes to the form's status line: screen readers read it
                    // out, and on a phone it is in sight below the field just changed.
                    let (status, result) = html
                        .split_once(super::ANNOUNCEMENT_END)
                        .unwrap_or(("", html.as_str()));
                    el.set_inner_html(result);
                    if let Some(line) = document().get_element_by_id("uitkomst-melding") {
                        line.set_inner_html(status);
                    }
                }
            });
        });
        view! { <div class="calc-outcome" id="uitkomst" node_ref=region></div> }
    }
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

/// Submits the calculator form when an answer changes (JavaScript only): the router turns the
/// GET into a client-side navigation, so the result follows the answers.
fn submit_on_change(ev: leptos::ev::Event) {
    use leptos::wasm_bindgen::JsCast;
    let form = ev
        .target()
        .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
        .and_then(|el| el.closest("form").ok().flatten())
        .and_then(|f| f.dyn_into::<leptos::web_sys::HtmlFormElement>().ok());
    if let Some(form) = form {
        let _ = form.request_submit();
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
        <div class="calc-form" on:change=submit_on_change>
            <Form method="GET" action="/scholingscalculator" replace=true noscroll=true>
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
            </Form>
        </div>
    }
}
