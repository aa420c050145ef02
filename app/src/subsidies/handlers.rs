//! The server side of the subsidy search (feature `ssr`): the search page's data, each
//! scheme's page, and the open data `/api/v1/regelingen` — one search for all three.
use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http::{header, StatusCode};
use leptos::prelude::provide_context;

use super::search::{self, SchemeIndex};
use super::{SchemePageView, SearchRequest, SearchView};
use crate::domain::date::Date;
use crate::forms::FormState;
use crate::server::pages::{provide, PageData, PublicPage};
use crate::server::render::render_with;
use crate::server::{AppState, DbError};

/// The search page, its data loaded before it renders.
pub static PUBLIC_PAGES: &[PublicPage] = &[PublicPage {
    path: "/subsidies",
    load: |state, query| {
        Box::pin(async move { Ok::<PageData, DbError>(provide(run(&state, &query)?)) })
    },
}];

/// The pages this module's handlers render themselves (a scheme's page has its slug in the
/// path).
pub const PAGE_ROUTES: &[&str] = &["/subsidies/{slug}"];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/regelingen", get(api))
        .route(PAGE_ROUTES[0], get(scheme_page))
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
    let mut kept: Vec<Arc<dyn std::any::Any + Send + Sync>> = cached
        .iter()
        .filter(|any| !any.is::<SchemeIndex>())
        .cloned()
        .collect();
    kept.push(index.clone());
    state.indexes.replace(kept);
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
        scheme,
    };
    let (parts, _) = request.into_parts();
    render_with(&state, parts, status, move || {
        provide_context(FormState::default());
        provide_context(view.clone());
    })
    .await
}
