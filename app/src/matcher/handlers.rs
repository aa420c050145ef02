//! The matcher's server side (feature `ssr`): the taxonomy and the trainings as the server
//! holds them (compiled in, checked by the unit tests), and the open data `/api/v1/skills`.
use std::sync::LazyLock;

use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http::header;
use serde::Serialize;

use crate::domain::skills::{Occupation, Skill, SkillKind, Taxonomy};
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

/// How many suggestions `/api/v1/skills?q=` gives at most, and by default.
const MOST: usize = 50;
const SUGGESTED: usize = 10;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/skills", get(skills_api))
}

/// A skill as the API gives it.
#[derive(Debug, Serialize)]
struct SkillOut<'a> {
    id: &'a str,
    group: &'a str,
    kind: SkillKind,
    nl: &'a str,
    en: &'a str,
    synonyms_nl: &'a [String],
    synonyms_en: &'a [String],
}

impl<'a> From<&'a Skill> for SkillOut<'a> {
    fn from(s: &'a Skill) -> Self {
        SkillOut {
            id: &s.id,
            group: &s.group,
            kind: s.kind,
            nl: &s.nl,
            en: &s.en,
            synonyms_nl: &s.synonyms_nl,
            synonyms_en: &s.synonyms_en,
        }
    }
}

#[derive(Debug, Serialize)]
struct OccupationOut<'a> {
    id: &'a str,
    group: &'a str,
    nl: &'a str,
    en: &'a str,
    level: u8,
    essential: &'a [String],
    optional: &'a [String],
}

impl<'a> From<&'a Occupation> for OccupationOut<'a> {
    fn from(o: &'a Occupation) -> Self {
        OccupationOut {
            id: &o.id,
            group: &o.group,
            nl: &o.nl,
            en: &o.en,
            level: o.level,
            essential: &o.essential,
            optional: &o.optional,
        }
    }
}

#[derive(Debug, Serialize)]
struct Answer<'a> {
    about: &'a str,
    version: u32,
    /// The words asked for, as read ("" for the whole taxonomy).
    q: String,
    groups: &'a [crate::domain::skills::Group],
    skills: Vec<SkillOut<'a>>,
    occupations: Vec<OccupationOut<'a>>,
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
    let (skills, occupations) = if q.trim().is_empty() {
        (
            t.skills.iter().map(SkillOut::from).collect(),
            t.occupations.iter().map(OccupationOut::from).collect(),
        )
    } else {
        (
            t.suggest(&q, english, limit)
                .into_iter()
                .map(SkillOut::from)
                .collect(),
            t.suggest_occupations(&q, english, limit)
                .into_iter()
                .map(OccupationOut::from)
                .collect(),
        )
    };
    let answer = Answer {
        about: &t.about,
        version: t.version,
        q: q.trim().to_string(),
        groups: &t.groups,
        skills,
        occupations,
    };
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        serde_json::to_string(&answer).unwrap_or_default(),
    )
        .into_response()
}
