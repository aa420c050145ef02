//! The server side of the subsidy search (feature `ssr`): the search page's data, each
//! scheme's page, and the open data `/api/v1/regelingen` — one search for all three.
use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http::{header, StatusCode};
use leptos::prelude::provide_context;

use super::alerts;
use super::search::{self, SchemeIndex};
use super::{AlertPageView, AlertRow, SchemePageView, SearchRequest, SearchView};
use crate::domain::account::parse_email;
use crate::domain::date::Date;
use crate::forms::FormState;
use crate::server::form::{invalid, see_other, LimitedPost};
use crate::server::pages::{provide, PageData, PublicPage};
use crate::server::render::render_with;
use crate::server::render::{failure_response, Handled, Stop};
use crate::server::{AppState, DbError};

/// The search page, and a search alert's page (found by the key in its link), their data
/// loaded before they render.
pub static PUBLIC_PAGES: &[PublicPage] = &[
    PublicPage {
        path: "/subsidies",
        load: |state, query| {
            Box::pin(async move {
                // The monitor counts a search (words, a filter or an order) on its first page;
                // the live results island reads `/api/v1/regelingen`, which is not counted.
                let request = SearchRequest::from_query(&query);
                if request.page == 1 && !request.to_query().is_empty() {
                    state.tallies.add("subsidy_search", "", "");
                }
                Ok::<PageData, DbError>(provide(run(&state, &query)?))
            })
        },
    },
    PublicPage {
        path: "/subsidies/melding",
        load: |state, query| {
            Box::pin(async move {
                let key = key_in(&query);
                let alert = match alerts::find(&state, &key).await? {
                    Some(alert) => {
                        let request = SearchRequest::from_query(&alert.query);
                        Some(AlertRow {
                            email: alert.email,
                            search_nl: alerts::describe(crate::i18n::Locale::nl, &request),
                            search_en: alerts::describe(crate::i18n::Locale::en, &request),
                            query: alert.query,
                            confirmed: alert.confirmed,
                        })
                    }
                    None => None,
                };
                Ok::<PageData, DbError>(provide(AlertPageView { alert }))
            })
        },
    },
];

/// The `sleutel` of a query string ("" when absent or too long to be one of ours).
fn key_in(query: &str) -> String {
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .unwrap_or_default()
        .into_iter()
        .find(|(k, _)| k == "sleutel")
        .map(|(_, v)| v)
        .filter(|v| v.len() <= 100)
        .unwrap_or_default()
}

/// The pages this module's handlers render themselves (a scheme's page has its slug in the
/// path).
pub const PAGE_ROUTES: &[&str] = &["/subsidies/{slug}"];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/regelingen", get(api))
        .route(PAGE_ROUTES[0], get(scheme_page))
        .route("/subsidies/melding", post(manage_alert))
        .route("/subsidies", post(subscribe))
}

/// A visitor subscribes to the search on the page: the address is checked, the alert stored
/// unconfirmed and the confirmation mailed. The answer is the same page with a notice (the
/// same whether the address was new or not, so the form tells no one who subscribed).
async fn subscribe(State(state): State<AppState>, LimitedPost(mut sub): LimitedPost) -> Handled {
    let request = SearchRequest::from_query(sub.parts.uri.query().unwrap_or_default());
    // A refusal shows the search page again, with this search.
    if let Ok(uri) = format!("/subsidies?{}", request.to_query()).parse() {
        sub.parts.uri = uri;
    }
    let email = match parse_email(sub.get("email")) {
        Ok(email) => email,
        Err(key) => {
            let mut form = sub.kept();
            form.add_error("email", key);
            return Err(invalid(&state, &sub, form).await);
        }
    };
    let query = request.to_query();
    let back = |notice: &str| {
        if query.is_empty() {
            format!("/subsidies?melding={notice}#volgen")
        } else {
            format!("/subsidies?{query}&melding={notice}#volgen")
        }
    };
    match alerts::subscribe(&state, &email, &request, sub.locale()).await? {
        alerts::Subscribed::Sent => Ok(see_other(&back("bevestig"))),
        alerts::Subscribed::TooMany => {
            let mut form = sub.kept();
            form.add_error("email", "alerts_too_many");
            Err(invalid(&state, &sub, form).await)
        }
    }
}

/// Confirms or deletes the alert of the link's key (`actie`: `bevestigen`, `verwijderen`).
async fn manage_alert(State(state): State<AppState>, LimitedPost(sub): LimitedPost) -> Handled {
    let key = key_in(sub.parts.uri.query().unwrap_or_default());
    let Some(alert) = alerts::find(&state, &key).await? else {
        return Err(Stop(failure_response(StatusCode::NOT_FOUND)));
    };
    let key = serde_urlencoded::to_string([("sleutel", key.as_str())]).unwrap_or_default();
    match sub.get("actie") {
        "bevestigen" => {
            alerts::confirm(&state.db, alert.id).await?;
            Ok(see_other(&format!(
                "/subsidies/melding?{key}&klaar=bevestigd"
            )))
        }
        "verwijderen" => {
            alerts::delete(&state.db, alert.id).await?;
            Ok(see_other("/subsidies/melding?klaar=verwijderd"))
        }
        _ => Err(Stop(failure_response(StatusCode::BAD_REQUEST))),
    }
}

/// The index of the current catalogue: the one built last when it was built from this
/// catalogue, else a new one (a few milliseconds), kept for the next search.
pub fn index(state: &AppState) -> Result<Arc<SchemeIndex>, DbError> {
    let catalogue = state.catalogue.get();
    let cached = state.indexes.get();
    if let Some(index) = cached
        .iter()
        .filter_map(|any| Arc::clone(any).downcast::<SchemeIndex>().ok())
        .find(|index| Arc::ptr_eq(&index.catalogue, &catalogue))
    {
        return Ok(index);
    }
    let index =
        Arc::new(SchemeIndex::build(catalogue).map_err(|e| DbError::Internal(e.to_string()))?);
    let kept = Arc::clone(&index);
    state.indexes.update(move |held| {
        let mut list: Vec<Arc<dyn std::any::Any + Send + Sync>> = held
            .iter()
            .filter(|any| !any.is::<SchemeIndex>())
            .cloned()
            .collect();
        list.push(kept);
        list
    });
    Ok(index)
}

/// The search of a query string (texts and snippets in Dutch and in English: the page shows
/// those of its language).
fn run(state: &AppState, query: &str) -> Result<SearchView, DbError> {
    let request = SearchRequest::from_query(query);
    index(state)?
        .search(&request, Date::today())
        .map_err(|e| DbError::Internal(e.to_string()))
}

/// The open data: the search of the page (`q`, `voor`, `soort`, `aanbieder`, `regio`, `status`,
/// `sorteer`, `pagina`) as JSON — what the page shows, for partner sites and the page's own
/// island. No personal data. Documented in README.md.
async fn api(State(state): State<AppState>, request: Request) -> Response {
    let query = request.uri().query().unwrap_or_default().to_string();
    match run(&state, &query) {
        Ok(view) => (
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CACHE_CONTROL, "public, max-age=60"),
            ],
            serde_json::to_string(&view).unwrap_or_default(),
        )
            .into_response(),
        Err(e) => crate::server::render::internal(e),
    }
}

/// `/subsidies/<slug>`: one scheme's page (404 with the page's own message when there is no
/// such scheme).
async fn scheme_page(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    let catalogue = state.catalogue.get();
    let today = Date::today();
    let scheme = catalogue.scheme(&slug).cloned();
    let status = if scheme.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let view = SchemePageView {
        availability: scheme
            .as_ref()
            .map_or("open", |s| s.availability(today).code())
            .to_string(),
        region: scheme
            .as_ref()
            .map_or("nationaal", search::region_of)
            .to_string(),
        audience: scheme
            .as_ref()
            .map(|s| search::audiences(s).iter().map(|a| a.to_string()).collect())
            .unwrap_or_default(),
        deadline: scheme
            .as_ref()
            .and_then(|s| s.deadline(today))
            .map(|d| d.to_string()),
        criteria_nl: scheme.as_ref().map_or_else(Vec::new, |s| {
            crate::calculator::criteria_in_words(crate::i18n::Locale::nl, &s.criteria)
        }),
        criteria_en: scheme.as_ref().map_or_else(Vec::new, |s| {
            crate::calculator::criteria_in_words(crate::i18n::Locale::en, &s.criteria)
        }),
        calculator: scheme
            .as_ref()
            .map_or_else(|| "/scholingscalculator".into(), super::calculator_address),
        updated: match &scheme {
            Some(s) => crate::catalogue::updated_at(&state.db, &s.id)
                .await
                .ok()
                .flatten()
                .map(|at| Date::from_days_since_epoch(at.div_euclid(86_400)).to_string()),
            None => None,
        },
        scheme,
    };
    let (parts, _) = request.into_parts();
    render_with(&state, parts, status, move || {
        provide_context(FormState::default());
        provide_context(view.clone());
    })
    .await
}
