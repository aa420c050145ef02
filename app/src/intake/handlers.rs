//! The intake's server side: the question pages read and write the answers in a signed cookie
//! (nothing in the database), the check page, the outcome with its contact request (the warm
//! handoff: the one thing stored, with consent), the coordinators' queue.
//!
//! The cookie holds the answers as a query string, base64url, with the server's signature of
//! it (`CsrfKey::sign` over "intake:" and the payload, so no other signed value of ours passes
//! for it — and `CsrfKey::issued` takes only its own token's shape); it lives two hours,
//! `HttpOnly`, `SameSite=Lax`, `Secure` behind TLS, and the time it was written is in the signed
//! payload, so a copy kept elsewhere expires on the server too. A value that does not verify
//! counts as no answers. The answers are checked again whenever read
//! (`Answers::from_pairs`): a signature proves where a value came from, not that it is sane.
use axum::extract::{Request, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use base64::Engine;
use http::request::Parts;
use http::StatusCode;
use leptos::prelude::provide_context;

use super::{store, AnswersView, IntakeQueueView, QuestionView};
use crate::domain::account::Role;
use crate::domain::intake::{self, outcome, Answers, Guidance, Step};
use crate::forms::FormState;
use crate::server::auth::cookie_value;
use crate::server::form::{
    contact_details, query_value, require_role, see_other, Posted, Submission,
};
use crate::server::pages::{provide, GuardedPage, PageData, Queue};
use crate::server::render::{failure_response, render_with, Handled, Stop};
use crate::server::{AppState, DbError};

/// The intake's pages that its handlers render themselves (they read the cookie).
pub const PAGE_ROUTES: &[&str] = &["/intake/vraag", "/intake/controle", "/intake/uitkomst"];

/// How long the answers stay in the browser without a new answer.
const COOKIE_SECONDS: u32 = 2 * 3600;

/// The coordinators' queue of contact requests.
pub static PAGES: &[GuardedPage] = &[GuardedPage {
    path: "/beheer/intake",
    roles: Some(Role::STAFF),
    load: |state, _, _| {
        Box::pin(async move {
            let rows = store::queue(&state.db).await?;
            Ok::<PageData, DbError>(provide(IntakeQueueView {
                rows,
                retention_days: state.site.application_retention_days,
            }))
        })
    },
}];

/// The queue on the beheer start page: requests not yet handled.
pub static QUEUES: &[Queue] = &[Queue {
    path: "/beheer/intake",
    title: (
        "Contactverzoeken uit de intake",
        "Contact requests from the intake",
    ),
    open: |state| Box::pin(async move { store::open_count(&state.db).await }),
}];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/intake", post(start_over))
        .route("/intake/vraag", get(question_page).post(answer))
        .route("/intake/controle", get(check_page).post(confirm))
        .route("/intake/uitkomst", get(outcome_page).post(contact))
        .route("/beheer/intake", post(mark_handled))
}

fn cookie_name(state: &AppState) -> &'static str {
    if state.site.behind_tls {
        "__Host-hvw_intake"
    } else {
        "hvw_intake"
    }
}

/// What the cookie carries: the answers, and whether this intake was counted as completed.
#[derive(Debug, Default)]
struct Saved {
    answers: Answers,
    counted: bool,
}

/// The answers in the request's cookie (none when absent or not ours).
fn saved(state: &AppState, headers: &http::HeaderMap) -> Saved {
    let Some(value) = cookie_value(headers, cookie_name(state)) else {
        return Saved::default();
    };
    let Some((payload, signature)) = value.split_once('.') else {
        return Saved::default();
    };
    if !state
        .site
        .csrf_key
        .verifies(&format!("intake:{payload}"), signature)
    {
        return Saved::default();
    }
    let Ok(bytes) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload) else {
        return Saved::default();
    };
    let text = String::from_utf8(bytes).unwrap_or_default();
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&text).unwrap_or_default();
    // The browser forgets the cookie after two hours; a copy kept elsewhere expires here too.
    let written: i64 = pairs
        .iter()
        .find(|(k, _)| k == "_t")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    if crate::server::auth::now() - written > i64::from(COOKIE_SECONDS) {
        return Saved::default();
    }
    Saved {
        answers: Answers::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
        counted: pairs.iter().any(|(k, v)| k == "_geteld" && v == "ja"),
    }
}

/// Sets the cookie to `saved` on `response`.
fn keep(state: &AppState, saved: &Saved, mut response: Response) -> Response {
    let mut pairs: Vec<(&str, &str)> = saved.answers.to_pairs();
    if saved.counted {
        pairs.push(("_geteld", "ja"));
    }
    let written = crate::server::auth::now().to_string();
    pairs.push(("_t", &written));
    let text = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text);
    let signature = state.site.csrf_key.sign(&format!("intake:{payload}"));
    crate::server::session::set_cookie(
        &mut response,
        &format!(
            "{}={payload}.{signature}; Max-Age={COOKIE_SECONDS}; {}",
            cookie_name(state),
            state.site.cookie_attributes()
        ),
    );
    response
}

/// Clears the cookie on `response`.
fn forget(state: &AppState, mut response: Response) -> Response {
    crate::server::session::set_cookie(
        &mut response,
        &format!(
            "{}=; Max-Age=0; {}",
            cookie_name(state),
            state.site.cookie_attributes()
        ),
    );
    response
}

/// The question a page's address names (`?vraag=`), and whether it came from the check page.
fn asked(parts: &Parts) -> Option<(&'static intake::Question, bool)> {
    let query = parts.uri.query().unwrap_or_default();
    let question = intake::question(&query_value(query, "vraag"))?;
    Some((question, query_value(query, "terug") == "controle"))
}

/// Renders the intake page at `parts.uri` with `form` and the page's context. The page shows a
/// person's answers: no cache keeps it (not even the browser's, for the next user of a shared
/// computer).
async fn show(
    state: &AppState,
    parts: Parts,
    status: StatusCode,
    form: FormState,
    context: impl Fn() + Clone + Send + Sync + 'static,
) -> Response {
    let mut response = render_with(state, parts, status, move || {
        provide_context(form.clone());
        context();
    })
    .await;
    response.headers_mut().insert(
        http::header::CACHE_CONTROL,
        http::HeaderValue::from_static("no-store, private"),
    );
    response
}

/// `GET /intake/vraag?vraag=…`: the question, with its answer so far. A question that does not
/// apply to the answers (an old link, a changed branch) goes to the next one that does.
async fn question_page(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let Some((question, to_check)) = asked(&parts) else {
        return see_other(&super::question_href(intake::first().id, false));
    };
    let Saved { answers, .. } = saved(&state, &parts.headers);
    if !intake::applies(question, &answers) {
        return see_other(&match intake::unanswered(&answers) {
            Some(q) => super::question_href(q.id, to_check),
            None => "/intake/controle".to_string(),
        });
    }
    let view = QuestionView {
        question,
        answers,
        to_check,
    };
    show(
        &state,
        parts,
        StatusCode::OK,
        FormState::default(),
        move || provide_context(view.clone()),
    )
    .await
}

/// `POST /intake/vraag?vraag=…`: takes the answer (or shows the question again with why not)
/// and goes on to the next question, or to the check page.
async fn answer(State(state): State<AppState>, Posted(sub): Posted) -> Response {
    let Some((question, to_check)) = asked(&sub.parts) else {
        return failure_response(StatusCode::NOT_FOUND);
    };
    let mut saved = saved(&state, &sub.parts.headers);
    if let Err(problem) = saved.answers.answer(question, sub.get(question.id)) {
        let mut form = sub.kept();
        form.add_error(question.id, problem);
        let view = QuestionView {
            question,
            answers: saved.answers,
            to_check,
        };
        return show(
            &state,
            sub.parts,
            StatusCode::UNPROCESSABLE_ENTITY,
            form,
            move || provide_context(view.clone()),
        )
        .await;
    }
    let next = match intake::next(&saved.answers, question.id, to_check) {
        Step::Ask(q) => super::question_href(q.id, to_check),
        Step::Check => "/intake/controle".to_string(),
    };
    keep(&state, &saved, see_other(&next))
}

/// `GET /intake/controle`: the answers with a link to change each. Without any answer (no
/// cookie: a new browser, or cookies blocked) it starts at the first question.
async fn check_page(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let Saved { answers, .. } = saved(&state, &parts.headers);
    if answers.is_empty() {
        return see_other(&super::question_href(intake::first().id, false));
    }
    show(
        &state,
        parts,
        StatusCode::OK,
        FormState::default(),
        move || provide_context(AnswersView(answers.clone())),
    )
    .await
}

/// `POST /intake/controle`: on to the outcome — or to the first question still open. The
/// first time an intake is complete it is counted (anonymously: its sector and gemeente).
async fn confirm(State(state): State<AppState>, Posted(sub): Posted) -> Response {
    let mut saved = saved(&state, &sub.parts.headers);
    if let Some(q) = intake::unanswered(&saved.answers) {
        return see_other(&super::question_href(q.id, true));
    }
    // Counted once per intake, and at most at the public form rate per client: a replayed
    // cookie (from before it was counted) adds no more than a form post would.
    let within_rate = state
        .limits
        .forms_per_ip
        .check_key(&sub.client_ip())
        .is_ok();
    if !saved.counted && within_rate {
        let sector = saved.answers.get("sector").unwrap_or_default();
        let gemeente = saved.answers.get("gemeente").unwrap_or_default();
        state.tallies.add("intake_completed", sector, gemeente);
        saved.counted = true;
    }
    keep(&state, &saved, see_other("/intake/uitkomst"))
}

/// `GET /intake/uitkomst`: the outcome of complete answers (else: where answers are missing).
async fn outcome_page(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let Saved { answers, .. } = saved(&state, &parts.headers);
    if let Some(redirect) = incomplete(&answers) {
        return redirect;
    }
    show(
        &state,
        parts,
        StatusCode::OK,
        FormState::default(),
        move || provide_context(AnswersView(answers.clone())),
    )
    .await
}

/// Where to go when the answers are not complete: the start, or the first open question.
fn incomplete(answers: &Answers) -> Option<Response> {
    if answers.is_empty() {
        return Some(see_other("/intake"));
    }
    intake::unanswered(answers).map(|q| see_other(&super::question_href(q.id, true)))
}

/// `POST /intake/uitkomst`: the contact request. Every field checked (the form again with a
/// message beside each, 422), explicit consent required; then stored with the answers, the
/// answers cleared from the browser, and the reference shown.
async fn contact(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    let Saved { answers, .. } = saved(&state, &sub.parts.headers);
    if let Some(redirect) = incomplete(&answers) {
        return Ok(redirect);
    }
    let mut form = sub.kept();
    if state
        .limits
        .forms_per_ip
        .check_key(&sub.client_ip())
        .is_err()
    {
        form.add_error("form", "rate_limited");
        return Err(again(&state, sub, form, answers, StatusCode::TOO_MANY_REQUESTS).await);
    }
    let contact = contact_details(&sub, &mut form);
    let message = sub.get("bericht").trim().to_string();
    if message.chars().count() > 1000 {
        form.add_error("bericht", "too_long");
    }
    if sub.get("toestemming") != "ja" {
        form.add_error("toestemming", "consent_required");
    }
    let Some(contact) = contact.filter(|_| !form.has_errors()) else {
        return Err(again(&state, sub, form, answers, StatusCode::UNPROCESSABLE_ENTITY).await);
    };
    let guidance = match outcome(&answers).guidance {
        Guidance::Fits => "fits",
        Guidance::Offered => "offered",
        Guidance::Toolbox => "toolbox",
    };
    let query = serde_urlencoded::to_string(answers.to_pairs()).unwrap_or_default();
    let language = sub
        .parts
        .extensions
        .get::<crate::domain::locale::RequestLang>()
        .map(|l| l.0.to_string())
        .unwrap_or_else(|| "nl".into());
    let new = store::NewRequest {
        name: &contact.name,
        email: contact.email.as_deref(),
        phone: contact.phone.as_deref(),
        preferred_contact: contact.preferred,
        message: &message,
        answers: &query,
        gemeente: answers.get("gemeente").filter(|g| *g != "elders"),
        guidance,
        language: &language,
    };
    let reference = store::receive(&state, &new, sub.locale()).await?;
    Ok(forget(
        &state,
        see_other(&format!("/intake/verstuurd?referentie={reference}")),
    ))
}

/// The outcome page again with the contact form's input and messages.
async fn again(
    state: &AppState,
    sub: Submission,
    form: FormState,
    answers: Answers,
    status: StatusCode,
) -> Stop {
    Stop(
        show(state, sub.parts, status, form, move || {
            provide_context(AnswersView(answers.clone()))
        })
        .await,
    )
}

/// `POST /intake` (`actie=wissen`): forgets the answers and starts again.
async fn start_over(State(state): State<AppState>, Posted(_): Posted) -> Response {
    forget(&state, see_other("/intake"))
}

/// `POST /beheer/intake`: a coordinator marks a request handled.
async fn mark_handled(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    let user = require_role(&sub, Role::STAFF)?;
    let Ok(id) = sub.get("id").parse::<i64>() else {
        return Err(Stop(failure_response(StatusCode::BAD_REQUEST)));
    };
    if !store::mark_handled(&state, id, user.user_id).await? {
        return Err(Stop(failure_response(StatusCode::NOT_FOUND)));
    }
    Ok(see_other("/beheer/intake"))
}
