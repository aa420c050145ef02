//! The matcher's server side (feature `ssr`): the taxonomy and the trainings as the server
//! holds them (compiled in, checked by the unit tests), and the open data `/api/v1/skills`.
use std::sync::LazyLock;

use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http::header;
use serde::Serialize;

use crate::domain::skills::{Occupation, Skill, Taxonomy};
use crate::domain::trainings::Trainings;
use crate::server::form::query_value;
use crate::server::AppState;

/// The skills taxonomy (`data/skills.json`).
pub static TAXONOMY: LazyLock<Taxonomy> = LazyLock::new(|| {
    Taxonomy::parse(include_str!("../../../data/skills.json"))
        .unwrap_or_else(|problems| panic!("data/skills.json: {}", problems.join("; ")))
});

/// The regional trainings (`data/trainings.json`, demo data).
pub static TRAININGS: LazyLock<Trainings> = LazyLock::new(|| {
    Trainings::parse(include_str!("../../../data/trainings.json"), &TAXONOMY)
        .unwrap_or_else(|problems| panic!("data/trainings.json: {}", problems.join("; ")))
});

/// Reads the taxonomy and the trainings (at start-up: a broken file stops it, naming its
/// problems; the unit tests check the files first).
pub fn load_data() {
    LazyLock::force(&TRAININGS);
    LazyLock::force(&WHOLE);
}

/// The answer to `/api/v1/skills` without a query: the whole taxonomy, written once.
static WHOLE: LazyLock<String> = LazyLock::new(|| {
    let t = &*TAXONOMY;
    serde_json::to_string(&Answer {
        about: &t.about,
        version: t.version,
        q: String::new(),
        groups: &t.groups,
        skills: t.skills.iter().collect(),
        occupations: t.occupations.iter().collect(),
    })
    .unwrap_or_default()
});

/// How many suggestions `/api/v1/skills?q=` gives at most, and by default.
const MOST: usize = 50;
const SUGGESTED: usize = 10;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/skills", get(skills_api))
}

#[derive(Debug, Serialize)]
struct Answer<'a> {
    about: &'a str,
    version: u32,
    /// The words asked for, as read ("" for the whole taxonomy).
    q: String,
    groups: &'a [crate::domain::skills::Group],
    skills: Vec<&'a Skill>,
    occupations: Vec<&'a Occupation>,
}

/// `GET /api/v1/skills`: the whole taxonomy; with `q`, the skills and occupations whose names
/// (labels and synonyms, Dutch and English) fit it, best first — what the Skills CV's
/// autocomplete reads. `lang=en` ranks English labels first; `limit` (1–50, default 10).
async fn skills_api(request: Request) -> Response {
    let query = request.uri().query().unwrap_or_default();
    let q: String = query_value(query, "q").chars().take(100).collect();
    let english = query_value(query, "lang") == "en";
    let limit = query_value(query, "limit")
        .parse::<usize>()
        .map_or(SUGGESTED, |n| n.clamp(1, MOST));
    let t = &*TAXONOMY;
    let body = if q.trim().is_empty() {
        axum::body::Body::from(WHOLE.as_str())
    } else {
        axum::body::Body::from(
            serde_json::to_string(&Answer {
                about: &t.about,
                version: t.version,
                q: q.trim().to_string(),
                groups: &t.groups,
                skills: t.suggest(&q, english, limit),
                occupations: t.suggest_occupations(&q, english, limit),
            })
            .unwrap_or_default(),
        )
    };
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}
