//! The direct aanmeldformulier (a person asks an advisor to contact them about a scheme), its
//! confirmation page, and the coordinators' queue of applications.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::domain::calculator::{Profile, FIELDS};
use crate::forms::{
    use_form_state, Checkbox, ContactFacts, CsrfField, ErrorSummary, Field, FormState, RadioGroup,
    TextArea,
};
use crate::i18n::*;
use crate::layout::{current_locale, PageIntro};

use crate::error::AppError;

use super::share_query;

/// What the aanmeldformulier shows of the scheme it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemeToApply {
    pub id: String,
    pub name: String,
    pub summary: String,
    /// The scheme has ended: no form, but the schemes that still run for these answers.
    pub ended: bool,
    /// For an ended scheme: (id, name) of the running schemes that fit or may fit the answers.
    pub instead: Vec<(String, String)>,
}

/// The scheme an application is about, in the language `lang`, for the calculator answers
/// `answers` (a query string); `None` for an unknown id. Only this reaches the browser, not the
/// whole catalogue.
#[server(prefix = "/api", endpoint = "aanmelden-regeling", input = server_fn::codec::GetUrl)]
pub async fn apply_scheme(
    id: String,
    answers: String,
    lang: String,
) -> Result<Option<SchemeToApply>, AppError> {
    use crate::domain::calculator::{evaluate, Verdict};
    use crate::domain::date::Date;
    let state = use_context::<crate::server::AppState>().ok_or(AppError::Internal)?;
    let catalogue = state.catalogue.get();
    let today = Date::today();
    let Some(scheme) = catalogue.scheme(&id) else {
        return Ok(None);
    };
    let ended = scheme.has_ended(today);
    let instead = if ended {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&answers).unwrap_or_default();
        let (profile, _) = Profile::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        evaluate(&catalogue, &profile, today)
            .results
            .iter()
            .filter(|r| matches!(r.verdict, Verdict::Eligible | Verdict::Maybe))
            .filter_map(|r| catalogue.scheme(&r.id))
            .map(|s| (s.id.clone(), s.name.clone()))
            .collect()
    } else {
        Vec::new()
    };
    Ok(Some(SchemeToApply {
        id: scheme.id.clone(),
        name: scheme.name.clone(),
        summary: scheme.summary.get(lang == "en").to_string(),
        ended,
        instead,
    }))
}

/// An application as the coordinators' queue shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationRow {
    pub id: i64,
    pub reference: String,
    pub scheme_id: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub preferred_contact: String,
    pub question: String,
    /// The calculator answers (a query string).
    pub answers: String,
    pub created_at: i64,
    pub handled_at: Option<i64>,
    pub granted: bool,
}

/// What the queue page shows (rendered by `handlers` in one pass).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationsView {
    pub rows: Vec<ApplicationRow>,
    /// Scheme id → (name, has a limited number of places).
    pub schemes: Vec<(String, String, bool)>,
    pub retention_days: u32,
}

/// `/scholingscalculator/aanmelden?regeling=…&<answers>`: the form.
#[component]
pub fn ApplyPage() -> impl IntoView {
    let locale = current_locale();
    let form = use_form_state();
    let query = use_query_map();
    // The scheme and answers come from the link; after a failed post, from the form.
    let scheme_id = query
        .with_untracked(|q| q.get("regeling"))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| form.value("regeling"));
    let answers = if form.values.contains_key("antwoorden") {
        form.value("antwoorden")
    } else {
        let (profile, _) = query.with_untracked(|q| {
            Profile::from_pairs(FIELDS.iter().filter_map(|f| q.get_str(f).map(|v| (*f, v))))
        });
        share_query(&profile)
    };
    // An unknown scheme is a 404 (decided before rendering, from the server's catalogue).
    #[cfg(feature = "ssr")]
    if let (Some(state), Some(response)) = (
        use_context::<crate::server::AppState>(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        if state.catalogue.get().scheme(&scheme_id).is_none() {
            response.set_status(http::StatusCode::NOT_FOUND);
        }
    }
    let scheme = OnceResource::new_blocking(apply_scheme(
        scheme_id.clone(),
        answers.clone(),
        locale.as_str().to_string(),
    ));
    view! {
        <PageIntro title=td_string!(locale, apply.title) intro=td_string!(locale, apply.intro) />
        <Suspense fallback=move || view! { <p>{td_string!(locale, calc.loading)}</p> }>
            {move || {
                let answers = answers.clone();
                let form = form.clone();
                scheme.get().map(move |loaded| {
                    match loaded.ok().flatten() {
                        Some(scheme) if scheme.ended => view! {
                            <Ended scheme answers />
                        }
                        .into_any(),
                        Some(scheme) => view! {
                            <ApplyForm scheme_id=scheme.id scheme_name=scheme.name
                                summary=scheme.summary answers form />
                        }
                        .into_any(),
                        None => {
                            view! {
                                <p class="error-message" role="alert">{td_string!(locale, apply.unknown_scheme)}</p>
                                <p><a href="/scholingscalculator">{td_string!(locale, apply.back)}</a></p>
                            }
                            .into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn ApplyForm(
    scheme_id: String,
    scheme_name: String,
    summary: String,
    answers: String,
    form: FormState,
) -> impl IntoView {
    let locale = current_locale();
    let back = format!("/scholingscalculator?{answers}");
    // E-mail is the preferred contact until the person chooses otherwise.
    let mut contact_form = form.clone();
    if contact_form.value("contact") != "phone" {
        contact_form.values.insert("contact".into(), "email".into());
    }
    let contact_options = vec![
        ("email", td_string!(locale, apply.by_email)),
        ("phone", td_string!(locale, apply.by_phone)),
    ];
    view! {
        <section class="apply-scheme" aria-labelledby="aanmelden-regeling">
            <h2 id="aanmelden-regeling">{scheme_name}</h2>
            <p>{summary}</p>
            <p><a href=back>{td_string!(locale, apply.back_to_result)}</a></p>
        </section>
        <ErrorSummary form=form.clone() />
        <form method="post" action="/scholingscalculator/aanmelden" novalidate class="apply-form">
            <CsrfField />
            <input type="hidden" name="regeling" value=scheme_id />
            <input type="hidden" name="antwoorden" value=answers />
            <Field form=form.clone() name="naam" label=td_string!(locale, apply.name) autocomplete="name" />
            <Field form=form.clone() name="email" label=td_string!(locale, apply.email) kind="email" autocomplete="email" hint=td_string!(locale, apply.email_hint) />
            <Field form=form.clone() name="telefoon" label=td_string!(locale, apply.phone) kind="tel" autocomplete="tel" hint=td_string!(locale, apply.phone_hint) />
            <RadioGroup form=contact_form name="contact" legend=td_string!(locale, apply.preferred) options=contact_options />
            <TextArea form=form.clone() name="vraag" label=td_string!(locale, apply.question) hint=td_string!(locale, apply.question_hint) />
            <Checkbox form=form.clone() name="toestemming" value="ja" label=td_string!(locale, apply.consent) hint=td_string!(locale, apply.consent_hint) />
            <button type="submit" class="button">{td_string!(locale, apply.submit)}</button>
        </form>
    }
}

/// The aanmeldformulier of a scheme that has ended: says so, and offers the schemes that still
/// run for these answers, each with its own form.
#[component]
fn Ended(scheme: SchemeToApply, answers: String) -> impl IntoView {
    let locale = current_locale();
    let back = format!("/scholingscalculator?{answers}");
    let has_instead = !scheme.instead.is_empty();
    let items = scheme
        .instead
        .into_iter()
        .map(|(id, name)| {
            let href = format!("/scholingscalculator/aanmelden?regeling={id}&{answers}");
            view! { <li><a href=href rel="external">{name}</a></li> }
        })
        .collect_view();
    view! {
        <section class="apply-scheme" aria-labelledby="aanmelden-regeling">
            <h2 id="aanmelden-regeling">{scheme.name}</h2>
            <p class="error-message" role="alert" id="regeling-gestopt">{td_string!(locale, apply.ended)}</p>
            <p>{scheme.summary}</p>
        </section>
        {has_instead.then(|| view! {
            <section aria-labelledby="in-plaats">
                <h2 id="in-plaats">{td_string!(locale, apply.instead_title)}</h2>
                <p>{td_string!(locale, apply.instead_intro)}</p>
                <ul class="instead">{items}</ul>
            </section>
        })}
        <p><a href=back>{td_string!(locale, apply.back_to_result)}</a></p>
    }
}

/// `/scholingscalculator/aangemeld?referentie=…`: the reference number.
#[component]
pub fn ApplyDonePage() -> impl IntoView {
    let locale = current_locale();
    let reference = use_query_map()
        .with_untracked(|q| q.get("referentie"))
        .filter(|r| {
            r.len() == 13
                && r.starts_with("HVW-")
                && r.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        .unwrap_or_default();
    view! {
        <PageIntro title=td_string!(locale, apply.done_title) intro=td_string!(locale, apply.done_intro) />
        {(!reference.is_empty()).then(|| view! {
            <div class="notice" role="status">
                <p>{td_string!(locale, apply.reference)} " " <strong id="referentie">{reference.clone()}</strong></p>
            </div>
        })}
        <p>{td_string!(locale, apply.done_next)}</p>
        <p><a href="/scholingscalculator">{td_string!(locale, apply.back)}</a></p>
    }
}

/// `/beheer/aanmeldingen`: the coordinators' queue (rendered by `handlers` in one pass).
#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let locale = current_locale();
    let Some(view_data) = SharedValue::new(use_context::<ApplicationsView>).into_inner() else {
        return view! { <crate::account::NotAllowed /> }.into_any();
    };
    let ApplicationsView {
        rows,
        schemes,
        retention_days,
    } = view_data;
    let open = rows.iter().filter(|r| r.handled_at.is_none()).count();
    let name_of = move |id: &str| {
        schemes
            .iter()
            .find(|(sid, _, _)| sid == id)
            .map(|(_, name, capacity)| (name.clone(), *capacity))
            .unwrap_or_else(|| (id.to_string(), false))
    };
    let intro = td_string!(locale, queue.retention).replace("{days}", &retention_days.to_string());
    view! {
        <PageIntro title=td_string!(locale, queue.title) intro=td_string!(locale, queue.intro) />
        <p>{intro}</p>
        <p role="status">{td_string!(locale, queue.open_count).replace("{n}", &open.to_string())}</p>
        {rows.is_empty().then(|| view! { <p>{td_string!(locale, queue.empty)}</p> })}
        <ul class="queue">
            {rows
                .into_iter()
                .map(|row| {
                    let (name, capacity) = name_of(&row.scheme_id);
                    view! { <ApplicationItem row scheme=name capacity /> }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn ApplicationItem(row: ApplicationRow, scheme: String, capacity: bool) -> impl IntoView {
    let locale = current_locale();
    let heading_id = format!("aanmelding-{}", row.id);
    let heading_ref = heading_id.clone();
    let answers_href = format!("/scholingscalculator?{}", row.answers);
    let created =
        crate::domain::date::Date::from_days_since_epoch(row.created_at.div_euclid(86_400)).dutch();
    let status = match row.handled_at {
        None => td_string!(locale, queue.status_open).to_string(),
        Some(at) => {
            let date =
                crate::domain::date::Date::from_days_since_epoch(at.div_euclid(86_400)).dutch();
            let mut s = td_string!(locale, queue.status_handled).replace("{date}", &date);
            if row.granted {
                s.push(' ');
                s.push_str(td_string!(locale, queue.granted));
            }
            s
        }
    };
    let is_open = row.handled_at.is_none();
    view! {
        <li class="queue-item" class:queue-open=is_open>
            <article aria-labelledby=heading_ref>
                <h2 id=heading_id>{row.reference.clone()} " – " {scheme}</h2>
                <dl class="facts">
                    <dt>{td_string!(locale, queue.received)}</dt><dd>{created}</dd>
                    <ContactFacts name=row.name.clone() email=row.email.clone() phone=row.phone.clone()
                        preferred=row.preferred_contact.clone() />
                    <dt>{td_string!(locale, apply.question)}</dt><dd>{if row.question.is_empty() { "–".to_string() } else { row.question.clone() }}</dd>
                    <dt>{td_string!(locale, queue.status)}</dt><dd>{status}</dd>
                </dl>
                <p><a href=answers_href>{td_string!(locale, queue.see_answers)}</a></p>
                {is_open.then(|| view! {
                    <form method="post" action="/beheer/aanmeldingen/afhandelen" class="inline-form">
                        <CsrfField />
                        <input type="hidden" name="id" value=row.id.to_string() />
                        {capacity.then(|| view! {
                            <div class="checkbox">
                                <input type="checkbox" id=format!("toegekend-{}", row.id) name="toegekend" value="ja" />
                                <label for=format!("toegekend-{}", row.id)>{td_string!(locale, queue.grant)}</label>
                            </div>
                        })}
                        <button type="submit" class="button button-secondary">
                            {td_string!(locale, queue.mark_handled)}
                            <span class="visually-hidden">{format!(": {}", row.reference)}</span>
                        </button>
                    </form>
                })}
            </article>
        </li>
    }
}
