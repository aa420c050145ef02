//! The server side of the stages drive (feature `ssr`): its pages' data, its queue, and the form
//! handlers — CSRF and rate limit first, every field validated, one `store` call (one
//! transaction), then a 303, or the form again with the input kept and a message per field.
use axum::extract::{Request, State};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use http::{header, StatusCode};

use super::store::{self, responses};
use super::{EmployerView, InboxView, OpeningPageView, StaffStagesView, StatusPageView};
use crate::domain::account::Role;
use crate::domain::date::Date;
use crate::domain::stages::{Opening, Pledge, PledgeStatus, Response, ResponseStatus, MAX_MESSAGE};
use crate::forms::FormState;
use crate::server::auth::now;
use crate::server::auth::CurrentUser;
use crate::server::form::{
    again_on, invalid, query_value, require_role, see_other, LimitedPost, Posted,
};
use crate::server::pages::{provide, GuardedPage, PageData, PublicPage, Queue};
use crate::server::render::{failure_response, Handled, Stop};
use crate::server::{AppState, DbError};

/// The public pages, loaded before they render: the board, an opening's own page, and a young
/// person's status page (found by the token in its link).
pub static PUBLIC_PAGES: &[PublicPage] = &[
    PublicPage {
        path: "/stages",
        load: |state, query| {
            Box::pin(async move {
                let filter = super::OpeningFilter::from_query(&query);
                Ok::<PageData, DbError>(provide(store::board(&state.db, filter).await?))
            })
        },
    },
    PublicPage {
        path: "/stages/plek",
        load: |state, query| {
            Box::pin(async move {
                let opening = match query_value(&query, "id").parse::<i64>() {
                    Ok(id) => store::opening(&state.db, id).await?.map(|mut o| {
                        if !o.show_name {
                            o.organisation = String::new();
                        }
                        o
                    }),
                    Err(_) => None,
                };
                Ok::<PageData, DbError>(provide(OpeningPageView { opening }))
            })
        },
    },
    PublicPage {
        path: "/stages/reactie",
        load: |state, query| {
            Box::pin(async move {
                let token = query_value(&query, "sleutel");
                let response = if token.is_empty() || token.len() > 100 {
                    None
                } else {
                    responses::by_token(&state.db, &token, now()).await?
                };
                Ok::<PageData, DbError>(provide(StatusPageView { response }))
            })
        },
    },
];

/// The employer's pages and the coordinators' page.
pub static PAGES: &[GuardedPage] = &[
    GuardedPage {
        path: "/werkgevers",
        roles: Some(&[Role::Employer]),
        load: |state, user, _| Box::pin(async move { employer_view(&state, &user).await }),
    },
    GuardedPage {
        path: "/werkgevers/toezegging",
        roles: Some(&[Role::Employer]),
        load: |state, user, _| Box::pin(async move { employer_view(&state, &user).await }),
    },
    GuardedPage {
        path: "/werkgevers/plek",
        roles: Some(&[Role::Employer]),
        load: |state, user, _| Box::pin(async move { employer_view(&state, &user).await }),
    },
    GuardedPage {
        path: "/werkgevers/reacties",
        roles: Some(&[Role::Employer]),
        load: |state, user, _| {
            Box::pin(async move {
                let organisation = user.organisation_id.unwrap_or_default();
                Ok::<PageData, DbError>(provide(InboxView {
                    openings: store::openings_of(&state.db, organisation).await?,
                    responses: responses::inbox(&state.db, organisation).await?,
                    now: now(),
                }))
            })
        },
    },
    GuardedPage {
        path: "/beheer/stages",
        roles: Some(Role::STAFF),
        load: |state, user, _| {
            Box::pin(async move {
                let (by_organisation, by_sector, by_gemeente) =
                    store::pipeline(&state.db, now()).await?;
                Ok::<PageData, DbError>(provide(StaffStagesView {
                    pending: store::pending(&state.db).await?,
                    target: store::thermometer(&state.db).await?.target,
                    admin: user.role == Role::Admin,
                    by_organisation,
                    by_sector,
                    by_gemeente,
                }))
            })
        },
    },
];

/// On the beheer start page: pledges waiting for a coordinator, and young people's responses
/// waiting for an employer for more than 7 days (who to call).
pub static QUEUES: &[Queue] = &[
    Queue {
        path: "/beheer/stages",
        title: (
            "Toezeggingen voor stages en leerbanen",
            "Pledges of stages and leerbanen",
        ),
        open: |state| Box::pin(async move { store::pending_count(&state.db).await }),
    },
    Queue {
        path: "/beheer/stages#zonder-antwoord",
        title: (
            "Reacties van jongeren die langer dan 7 dagen op een werkgever wachten",
            "Young people's responses waiting for an employer for more than 7 days",
        ),
        open: |state| Box::pin(async move { responses::waiting_count(&state.db, now()).await }),
    },
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/werkgevers", post(pledge))
        .route("/werkgevers/toezegging", post(change))
        .route("/werkgevers/toezegging/intrekken", post(withdraw))
        .route("/werkgevers/plek", post(add_opening))
        .route("/werkgevers/plek/sluiten", post(close_opening))
        .route("/beheer/stages/beoordelen", post(decide))
        .route("/beheer/stages/doel", post(set_target))
        .route("/beheer/stages/toezeggingen.csv", get(export))
        .route("/beheer/stages/plekken.csv", get(export_openings))
        .route("/api/v1/stages/summary", get(summary))
        .route("/api/v1/stages/openings", get(openings))
        .route("/stages/plekken.atom", get(feed))
        .route("/stages/plek", post(respond))
        .route("/stages/reactie", post(own_response))
        .route("/werkgevers/reacties", post(answer))
}

/// The largest target an admin can set.
const MAX_TARGET: i64 = 100_000;

/// An admin sets the drive's target.
async fn set_target(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    let user = require_role(&sub, &[Role::Admin])?;
    match sub.get("doel").trim().parse::<i64>() {
        Ok(target) if (1..=MAX_TARGET).contains(&target) => {
            store::set_target(&state.db, user.user_id, target).await?;
            Ok(see_other("/beheer/stages"))
        }
        _ => {
            let mut form = sub.kept();
            form.add_error("doel", "target_range");
            Err(Stop(
                again_on(
                    &state,
                    &sub,
                    "/beheer/stages",
                    form,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await,
            ))
        }
    }
}

/// The answer for a request that is not a coordinator's or admin's: the login page for a
/// visitor, 403 for others; `None` for staff.
fn not_staff(request: &Request) -> Option<axum::response::Response> {
    match request.extensions().get::<CurrentUser>() {
        None => Some(see_other("/inloggen")),
        Some(user) if user.role.is_staff() => None,
        Some(_) => Some(failure_response(StatusCode::FORBIDDEN)),
    }
}

/// Rows as a CSV download ([`crate::server::csv::download`]), never stored by a cache.
fn csv_download(
    filename: &str,
    header: &[&str],
    rows: Vec<Vec<String>>,
) -> axum::response::Response {
    crate::server::csv::download(filename, header, rows, "no-store")
}

/// A unix time as its calendar date (Dutch time, near enough for a date column).
fn date_of(at: i64) -> String {
    Date::from_days_since_epoch((at + 3600).div_euclid(86_400)).to_string()
}

/// Every pledge as CSV, Dutch labels. Coordinators and admins only.
async fn export(State(state): State<AppState>, request: Request) -> Handled {
    if let Some(refused) = not_staff(&request) {
        return Ok(refused);
    }
    let locale = crate::i18n::Locale::nl;
    let rows = store::export(&state.db)
        .await?
        .into_iter()
        .map(|(p, kvk)| {
            vec![
                p.id.to_string(),
                p.organisation.clone(),
                kvk,
                super::kind_label(locale, &p.kind).to_string(),
                p.places.to_string(),
                super::level_label(locale, &p.level).to_string(),
                crate::account::sector_label(locale, &p.sector).to_string(),
                super::gemeente_name(&p.gemeente).to_string(),
                p.from.clone(),
                p.to.clone(),
                if p.show_name { "ja" } else { "nee" }.to_string(),
                super::status_label(locale, &p.status).to_string(),
                p.reason.clone().unwrap_or_default(),
                date_of(p.created_at),
            ]
        })
        .collect();
    Ok(csv_download(
        "toezeggingen.csv",
        &[
            "id",
            "organisatie",
            "kvk",
            "soort",
            "plekken",
            "niveau",
            "sector",
            "gemeente",
            "van",
            "tot",
            "naam tonen",
            "stand",
            "reden",
            "toegezegd op",
        ],
        rows,
    ))
}

/// Every opening as CSV, with its responses and placements (counts only). Coordinators and
/// admins only.
async fn export_openings(State(state): State<AppState>, request: Request) -> Handled {
    if let Some(refused) = not_staff(&request) {
        return Ok(refused);
    }
    let locale = crate::i18n::Locale::nl;
    let rows = store::export_openings(&state.db)
        .await?
        .into_iter()
        .map(|(o, kvk, responses)| {
            vec![
                o.id.to_string(),
                o.pledge_id.to_string(),
                o.organisation.clone(),
                kvk,
                o.title.clone(),
                super::kind_label(locale, &o.kind).to_string(),
                super::level_label(locale, &o.level).to_string(),
                crate::account::sector_label(locale, &o.sector).to_string(),
                super::gemeente_name(&o.gemeente).to_string(),
                o.start.clone(),
                o.hours.to_string(),
                o.places.to_string(),
                o.filled.to_string(),
                if o.status == "open" {
                    "open"
                } else {
                    "gesloten"
                }
                .to_string(),
                responses.to_string(),
                date_of(o.created_at),
            ]
        })
        .collect();
    Ok(csv_download(
        "plekken.csv",
        &[
            "id",
            "toezegging",
            "organisatie",
            "kvk",
            "titel",
            "soort",
            "niveau",
            "sector",
            "gemeente",
            "start",
            "uren per week",
            "plekken",
            "gevuld",
            "stand",
            "reacties",
            "geplaatst op",
        ],
        rows,
    ))
}

/// The open data of the board for partner sites: the thermometer and the breakdowns, no
/// personal data (organisations only by the name they chose to show). Documented in README.md.
async fn summary(State(state): State<AppState>) -> Handled {
    let board = store::board(&state.db, super::OpeningFilter::default()).await?;
    let t = board.thermometer;
    let breakdown = |rows: &[super::Breakdown], key: &str| -> Vec<serde_json::Value> {
        rows.iter()
            .map(
                |b| serde_json::json!({ key: b.key, "pledged": b.pledged, "verified": b.verified }),
            )
            .collect()
    };
    let body = serde_json::json!({
        "target": t.target,
        "pledged": t.pledged,
        "verified": t.verified,
        "open": t.open,
        "filled": t.filled,
        "by_kind": breakdown(&board.by_kind, "kind"),
        "by_sector": breakdown(&board.by_sector, "sector"),
        "by_gemeente": breakdown(&board.by_gemeente, "gemeente"),
        "named_organisations": board.named,
    });
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=60"),
        ],
        body.to_string(),
    )
        .into_response())
}

async fn employer_view(state: &AppState, user: &CurrentUser) -> Result<PageData, DbError> {
    let organisation = user.organisation_id.unwrap_or_default();
    let name: Option<String> = sqlx::query_scalar("SELECT name FROM organisations WHERE id = $1")
        .bind(organisation)
        .fetch_optional(state.db.pool())
        .await?;
    Ok(provide(EmployerView {
        organisation: name.unwrap_or_default(),
        pledges: store::for_organisation(&state.db, organisation).await?,
        history: store::history(&state.db, organisation).await?,
        openings: store::openings_of(&state.db, organisation).await?,
    }))
}

/// `form` with each (field, message) of `errors` beside its field.
fn with_errors(mut form: FormState, errors: Vec<(&'static str, &'static str)>) -> FormState {
    for (field, message) in errors {
        form.add_error(field, message);
    }
    form
}

/// The failure page with `status`, as a handler's stop.
fn refuse(status: StatusCode) -> Stop {
    Stop(failure_response(status))
}

/// The employer's organisation: every employer account belongs to one (a database check).
fn organisation_of(user: &CurrentUser) -> Result<i64, StatusCode> {
    user.organisation_id.ok_or(StatusCode::FORBIDDEN)
}

/// A new pledge.
async fn pledge(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    let user = require_role(&sub, &[Role::Employer])?;
    let organisation = organisation_of(&user).map_err(refuse)?;
    let pledge = match Pledge::from_form(|f| sub.get(f), Date::today()) {
        Ok(pledge) => pledge,
        Err(errors) => return Err(invalid(&state, &sub, with_errors(sub.kept(), errors)).await),
    };
    store::create(&state, organisation, Some(user.user_id), &pledge).await?;
    Ok(see_other("/werkgevers?melding=toegezegd"))
}

/// The pledge's id in the form (400 when it is not a number). A foreign id is answered 404 by
/// the store's check: never another organisation's pledge.
fn pledge_id(sub: &crate::server::form::Submission) -> Result<i64, StatusCode> {
    sub.get("id")
        .parse::<i64>()
        .map_err(|_| StatusCode::BAD_REQUEST)
}

/// A changed pledge (of the employer's own organisation).
async fn change(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    let user = require_role(&sub, &[Role::Employer])?;
    let organisation = organisation_of(&user).map_err(refuse)?;
    let id = pledge_id(&sub).map_err(refuse)?;
    let mut form = sub.kept();
    let pledge = match Pledge::from_form(|f| sub.get(f), Date::today()) {
        Ok(pledge) => pledge,
        Err(errors) => return Err(invalid(&state, &sub, with_errors(form, errors)).await),
    };
    match store::update(&state.db, organisation, user.user_id, id, &pledge).await? {
        store::Updated::Done => Ok(see_other("/werkgevers?melding=gewijzigd")),
        store::Updated::NoPledge => Err(refuse(StatusCode::NOT_FOUND)),
        store::Updated::BelowOpenings(_) => {
            form.add_error("aantal", "places_below_openings");
            Err(invalid(&state, &sub, form).await)
        }
    }
}

/// A withdrawn pledge (of the employer's own organisation).
async fn withdraw(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    let user = require_role(&sub, &[Role::Employer])?;
    let organisation = organisation_of(&user).map_err(refuse)?;
    let id = pledge_id(&sub).map_err(refuse)?;
    if !store::withdraw(&state.db, organisation, user.user_id, id).await? {
        return Err(refuse(StatusCode::NOT_FOUND));
    }
    Ok(see_other("/werkgevers?melding=ingetrokken"))
}

/// A coordinator verifies a pending pledge, or rejects it with a reason.
async fn decide(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    let user = require_role(&sub, Role::STAFF)?;
    let id = pledge_id(&sub).map_err(refuse)?;
    let verdict = match sub.get("besluit") {
        "verified" => PledgeStatus::Verified,
        "rejected" => PledgeStatus::Rejected,
        _ => return Err(refuse(StatusCode::BAD_REQUEST)),
    };
    let reason = sub.get("reden").trim();
    if verdict == PledgeStatus::Rejected {
        if let Err(message) = crate::domain::account::parse_text(reason, 500) {
            let mut form = sub.kept();
            form.add_error(
                "form",
                if message == "required" {
                    "reason_required"
                } else {
                    message
                },
            );
            return Err(Stop(
                again_on(
                    &state,
                    &sub,
                    "/beheer/stages",
                    form,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await,
            ));
        }
    }
    let reason = (verdict == PledgeStatus::Rejected).then_some(reason);
    if !store::decide(&state, user.user_id, id, verdict, reason).await? {
        return Err(refuse(StatusCode::NOT_FOUND));
    }
    Ok(see_other("/beheer/stages"))
}

/// An opening made from a pledge of the employer's own organisation, within what the pledge
/// has left.
async fn add_opening(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    let user = require_role(&sub, &[Role::Employer])?;
    let organisation = organisation_of(&user).map_err(refuse)?;
    let pledge = sub
        .get("toezegging")
        .parse::<i64>()
        .map_err(|_| refuse(StatusCode::BAD_REQUEST))?;
    let mut form = sub.kept();
    let opening = match Opening::from_form(|f| sub.get(f), Date::today()) {
        Ok(opening) => opening,
        Err(errors) => return Err(invalid(&state, &sub, with_errors(form, errors)).await),
    };
    match store::add_opening(&state.db, organisation, user.user_id, pledge, &opening).await? {
        Ok(_) => Ok(see_other(&format!(
            "/werkgevers/toezegging?id={pledge}&melding=plek-open"
        ))),
        Err(store::OpeningRefused::NoPledge) => Err(refuse(StatusCode::NOT_FOUND)),
        Err(store::OpeningRefused::TooMany(_)) => {
            form.add_error("aantal", "places_over_pledge");
            Err(invalid(&state, &sub, form).await)
        }
    }
}

/// Closes an opening of the employer's own organisation.
async fn close_opening(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    let user = require_role(&sub, &[Role::Employer])?;
    let organisation = organisation_of(&user).map_err(refuse)?;
    let id = pledge_id(&sub).map_err(refuse)?;
    if !store::close_opening(&state.db, organisation, user.user_id, id).await? {
        return Err(refuse(StatusCode::NOT_FOUND));
    }
    Ok(see_other("/werkgevers?melding=plek-gesloten"))
}

/// Openings per page of the open data.
const PAGE_SIZE: usize = 50;

/// The open places for partner sites: the filters of the board's form (`soort`, `niveau`,
/// `sector`, `gemeente`, `q`) and `pagina` (from 1), 50 a page; no personal data: not the
/// contact person (a name, and one that could point at an organisation that chose not to be
/// named — young people respond through the portal, whose own page shows it), the organisation
/// only when it chose to be named. Documented in `api/openapi.json` and README.md.
async fn openings(State(state): State<AppState>, request: Request) -> Handled {
    let query = request.uri().query().unwrap_or_default();
    let filter = super::OpeningFilter::from_query(query);
    let page: usize = serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .unwrap_or_default()
        .into_iter()
        .find(|(k, _)| k == "pagina")
        .and_then(|(_, v)| v.parse().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let all = store::open_openings(&state.db, &filter).await?;
    let items: Vec<serde_json::Value> = all
        .iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|o| {
            serde_json::json!({
                "id": o.id,
                "title": o.title,
                "description": o.description,
                "organisation": if o.show_name { Some(&o.organisation) } else { None },
                "kind": o.kind,
                "level": o.level,
                "sector": o.sector,
                "gemeente": o.gemeente,
                "start": o.start,
                "hours_per_week": o.hours,
                "places_free": o.places - o.filled,
                "distance_km": o.distance_km,
                "url": format!("{}/stages/plek?id={}", state.site.public_url, o.id),
            })
        })
        .collect();
    let body = serde_json::json!({
        "total": all.len(),
        "page": page,
        "page_size": PAGE_SIZE,
        "openings": items,
    });
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=60"),
        ],
        body.to_string(),
    )
        .into_response())
}

/// The id in the query of a post's address (`?id=…`), if it is a number.
fn id_in_query(sub: &crate::server::form::Submission, key: &str) -> Option<i64> {
    query_value(sub.parts.uri.query().unwrap_or_default(), key)
        .parse()
        .ok()
}

/// A young person responds to an opening, without an account: every field checked, then one
/// transaction (the response, the mails, the tally), then their status page with the reference
/// and the link to keep. The form again with its messages when something is not right, or
/// when the opening closed or filled meanwhile.
async fn respond(State(state): State<AppState>, LimitedPost(sub): LimitedPost) -> Handled {
    let opening = id_in_query(&sub, "id").ok_or_else(|| refuse(StatusCode::NOT_FOUND))?;
    let response = match Response::from_form(|f| sub.get(f)) {
        Ok(response) => response,
        Err(errors) => return Err(invalid(&state, &sub, with_errors(sub.kept(), errors)).await),
    };
    match responses::receive(&state, opening, &response, sub.locale()).await? {
        Some(received) => Ok(see_other(&format!(
            "/stages/reactie?{}",
            serde_urlencoded::to_string([("sleutel", received.token.as_str()), ("nieuw", "1")])
                .unwrap_or_default()
        ))),
        None => {
            let mut form = sub.kept();
            form.add_error("form", "opening_closed");
            Err(invalid(&state, &sub, form).await)
        }
    }
}

/// The young person withdraws their response, or deletes everything they left (after ticking
/// that they are sure). The link's token is the key; an unknown one is answered 404.
async fn own_response(State(state): State<AppState>, LimitedPost(sub): LimitedPost) -> Handled {
    let token = query_value(sub.parts.uri.query().unwrap_or_default(), "sleutel");
    if token.is_empty() || token.len() > 100 {
        return Err(refuse(StatusCode::NOT_FOUND));
    }
    let action = match sub.get("actie") {
        "intrekken" => responses::Own::Withdraw,
        "verwijderen" => responses::Own::Delete,
        _ => return Err(refuse(StatusCode::BAD_REQUEST)),
    };
    if action == responses::Own::Delete && sub.get("zeker") != "ja" {
        let mut form = sub.kept();
        form.add_error("zeker", "delete_confirm_required");
        return Err(invalid(&state, &sub, form).await);
    }
    let status_page = format!(
        "/stages/reactie?{}",
        serde_urlencoded::to_string([("sleutel", token.as_str())]).unwrap_or_default()
    );
    match responses::own_action(&state.db, &token, action).await? {
        responses::Owned::NoResponse => Err(refuse(StatusCode::NOT_FOUND)),
        // Changed meanwhile (a second click, the employer's answer): the page as it is now.
        responses::Owned::NotNow => Ok(see_other(&status_page)),
        responses::Owned::Done => Ok(see_other(match action {
            responses::Own::Withdraw => &status_page,
            responses::Own::Delete => "/stages/reactie?verwijderd=1",
        })),
    }
}

/// The employer answers a response to one of the organisation's openings: read, invite, place
/// or decline, with a short message for the young person.
async fn answer(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    let user = require_role(&sub, &[Role::Employer])?;
    let organisation = organisation_of(&user).map_err(refuse)?;
    let id = pledge_id(&sub).map_err(refuse)?;
    let mut form = sub.kept();
    let next = ResponseStatus::parse(sub.get("besluit"))
        .filter(|s| *s != ResponseStatus::New && *s != ResponseStatus::Withdrawn);
    if next.is_none() {
        form.add_error("besluit", "choose_one");
    }
    let message = sub.get("bericht").trim();
    if message.chars().count() > MAX_MESSAGE {
        form.add_error("bericht", "too_long");
    }
    let Some(next) = next.filter(|_| !form.has_errors()) else {
        return Err(invalid(&state, &sub, form).await);
    };
    match responses::answer(&state.db, organisation, user.user_id, id, next, message).await? {
        responses::Answered::Done => Ok(see_other(&format!(
            "/werkgevers/reacties?melding=beantwoord#reactie-{id}"
        ))),
        responses::Answered::NoResponse => Err(refuse(StatusCode::NOT_FOUND)),
        responses::Answered::NotNow => {
            form.add_error("besluit", "answer_not_now");
            Err(invalid(&state, &sub, form).await)
        }
        responses::Answered::Full => {
            form.add_error("besluit", "opening_full");
            Err(invalid(&state, &sub, form).await)
        }
    }
}

/// An RFC 3339 time for a unix time (UTC).
fn rfc3339(at: i64) -> String {
    let secs = at.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        Date::from_days_since_epoch(at.div_euclid(86_400)),
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// The Atom feed of new openings (the newest 50 open ones) for partner sites and feed readers:
/// no personal data (the organisation only when it chose to be named).
async fn feed(State(state): State<AppState>) -> Handled {
    use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};
    let openings = store::newest_openings(&state.db, 50).await?;
    let base = &state.site.public_url;
    let time = |at: i64| FixedDateTime::parse_from_rfc3339(&rfc3339(at)).unwrap_or_default();
    let locale = crate::i18n::Locale::nl;
    let entries: Vec<Entry> = openings
        .iter()
        .map(|o| {
            let url = format!("{base}/stages/plek?id={}", o.id);
            let mut entry = Entry::default();
            entry.set_id(url.clone());
            entry.set_title(Text::plain(o.title.clone()));
            entry.set_updated(time(o.created_at));
            entry.set_published(Some(time(o.created_at)));
            entry.set_links(vec![Link {
                href: url,
                rel: "alternate".into(),
                ..Default::default()
            }]);
            let who = if o.show_name {
                o.organisation.clone()
            } else {
                crate::i18n::td_string!(locale, stages.anonymous).to_string()
            };
            entry.set_authors(vec![Person {
                name: who.clone(),
                ..Default::default()
            }]);
            entry.set_summary(Some(Text::plain(format!(
                "{} · {} · {} · {} · start {}",
                who,
                super::kind_label(locale, &o.kind),
                super::level_label(locale, &o.level),
                super::gemeente_name(&o.gemeente),
                o.start
            ))));
            let mut content = Content::default();
            content.set_content_type(Some("text".to_string()));
            content.set_value(Some(o.description.clone()));
            entry.set_content(Some(content));
            entry
        })
        .collect();
    let mut feed = Feed::default();
    feed.set_id(format!("{base}/stages/plekken.atom"));
    feed.set_title(Text::plain(
        "Huis van Werk – nieuwe stages en leerbanen in Regio Zwolle",
    ));
    feed.set_lang(Some("nl".to_string()));
    feed.set_updated(time(openings.first().map_or_else(now, |o| o.created_at)));
    feed.set_links(vec![
        Link {
            href: format!("{base}/stages/plekken.atom"),
            rel: "self".into(),
            mime_type: Some("application/atom+xml".into()),
            ..Default::default()
        },
        Link {
            href: format!("{base}/stages"),
            rel: "alternate".into(),
            ..Default::default()
        },
    ]);
    feed.set_entries(entries);
    Ok((
        [
            (header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        feed.to_string(),
    )
        .into_response())
}
