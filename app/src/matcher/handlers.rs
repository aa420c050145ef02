//! The matcher's server side (feature `ssr`): the taxonomy and the trainings as the server
//! holds them (compiled in, checked by the unit tests); the board (the open vacancies and their
//! index, rebuilt when the vacancies' version moves); the pages' data and form handlers (the
//! matches for a posted CV, the CV page's buttons, the employer's vacancies, the import); and
//! the open data `/api/v1/skills` and `/api/v1/vacatures`.
use std::sync::{Arc, LazyLock};

use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http::{header, StatusCode};
use leptos::prelude::provide_context;
use serde::Serialize;

use super::index::VacancyIndex;
use super::store;
use super::{
    CvPageView, EmployerVacanciesView, Gap, ImportProblem, ImportReport, ImportView, ImportWhy,
    Label, MatchItem, MatchesView, OwnVacancy, SearchFilter, SearchView, SkillOption,
    TrainingOffer, VacancyCard, VacancyDetail, VacancyPageView, PAGE_SIZE,
};
use crate::domain::account::Role;
use crate::domain::calculator::Verdict;
use crate::domain::cv::{self, SkillsCv};
use crate::domain::date::Date;
use crate::domain::jobposting;
use crate::domain::matching::{Contract, SkillSet, Wanted};
use crate::domain::region;
use crate::domain::skills::{normalise, Occupation, Skill, SkillNo, Taxonomy};
use crate::domain::trainings::{funding_profile, Learner, Training, Trainings};
use crate::domain::travel::km_between;
use crate::domain::vacancies::Vacancy;
use crate::forms::FormState;
use crate::server::auth::{now, CurrentUser};
use crate::server::form::{
    invalid, query_value, read_upload, require_role, see_other, Posted, Submission,
};
use crate::server::pages::{provide, GuardedPage, PageData, PublicPage};
use crate::server::render::{failure_response, render_again_with, render_with, Handled, Stop};
use crate::server::{AppState, DbError};

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

// ---------------------------------------------------------------------------------------------
// The vacancies as this instance holds them, and the pages.

/// The open, unexpired vacancies with their index, for one version of the vacancies and one
/// day (a vacancy expires at midnight without any change raising the version).
pub struct Board {
    version: i64,
    day: Date,
    pub vacancies: Vec<Vacancy>,
    pub index: VacancyIndex,
    /// Each vacancy's words (title, employer, town, description), normalised, for the plain
    /// search.
    words: Vec<String>,
    /// Some are demo vacancies (the pages say so).
    demo: bool,
}

impl Board {
    fn build(version: i64, day: Date, vacancies: Vec<Vacancy>) -> Result<Board, DbError> {
        let index = VacancyIndex::build(&TAXONOMY, &vacancies)
            .map_err(|e| DbError::Internal(e.to_string()))?;
        let words = vacancies
            .iter()
            .map(|v| {
                format!(
                    " {} ",
                    normalise(&format!(
                        "{} {} {} {}",
                        v.title, v.employer, v.town, v.description
                    ))
                )
            })
            .collect();
        Ok(Board {
            version,
            day,
            demo: vacancies.iter().any(is_demo),
            vacancies,
            index,
            words,
        })
    }

    /// The plain search: every vacancy that fits the filters, newest first; the rows of the
    /// page asked for (the last one when it asks beyond).
    pub fn find(&self, filter: &SearchFilter) -> Found {
        let words: Vec<String> = normalise(&filter.q)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| format!(" {w}"))
            .collect();
        let from = region::town_by_code(&filter.from).map(|t| (t.lat, t.lon));
        let km = filter.km.parse::<f64>().ok();
        let hours = filter.hours.parse::<u8>().ok();
        let contract = Contract::parse(&filter.contract);
        let mut hits: Vec<usize> = (0..self.vacancies.len())
            .filter(|&i| {
                let v = &self.vacancies[i];
                (filter.sector.is_empty() || v.sector == filter.sector)
                    && (filter.gemeente.is_empty() || v.gemeente == filter.gemeente)
                    && contract.is_none_or(|c| v.contract == c)
                    && hours.is_none_or(|h| v.hours.0 <= h)
                    && match (from, km) {
                        (Some(at), Some(km)) => km_between(at, (v.lat, v.lon)) <= km,
                        _ => true,
                    }
                    && words.iter().all(|w| self.words[i].contains(w.as_str()))
            })
            .collect();
        hits.sort_by(|&a, &b| {
            self.vacancies[b]
                .posted
                .cmp(&self.vacancies[a].posted)
                .then(a.cmp(&b))
        });
        let total = hits.len();
        let pages = total.div_ceil(PAGE_SIZE).max(1);
        let page = filter.page.min(pages);
        let rows = hits
            .into_iter()
            .skip((page - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .collect();
        Found {
            total,
            pages,
            page,
            rows,
        }
    }

    /// The plain search as the page shows it.
    pub fn search(&self, filter: &SearchFilter) -> SearchView {
        let found = self.find(filter);
        let mut filter = filter.clone();
        filter.page = found.page;
        SearchView {
            filter,
            total: found.total,
            pages: found.pages,
            vacancies: found
                .rows
                .iter()
                .map(|&i| card(&self.vacancies[i]))
                .collect(),
            demo: self.demo,
        }
    }
}

/// One page of the plain search.
pub struct Found {
    pub total: usize,
    pub pages: usize,
    pub page: usize,
    /// The vacancies on the page (their places in `Board::vacancies`).
    pub rows: Vec<usize>,
}

/// What a demo vacancy's employer is named with (`store::seed_demo`).
const DEMO_MARK: &str = "(demo)";

fn is_demo(v: &Vacancy) -> bool {
    v.employer.ends_with(DEMO_MARK)
}

/// Serialises rebuilds: one instance builds a new board once, however many requests ask.
static REBUILD: LazyLock<tokio::sync::Mutex<()>> = LazyLock::new(|| tokio::sync::Mutex::new(()));

/// The board of the database's current vacancies: the one held when it is still current, else
/// a new one (read and indexed off the request threads), kept for the next request. The
/// version is read before the vacancies, so a board is never older than the version it notes;
/// another instance's change is seen at the next request.
pub async fn board(state: &AppState) -> Result<Arc<Board>, DbError> {
    let version = store::version(&state.db).await?;
    let today = Date::today();
    let current = |state: &AppState| {
        state
            .indexes
            .get()
            .iter()
            .filter_map(|any| Arc::clone(any).downcast::<Board>().ok())
            .find(|b| b.version == version && b.day == today)
    };
    if let Some(board) = current(state) {
        return Ok(board);
    }
    let _one = REBUILD.lock().await;
    if let Some(board) = current(state) {
        return Ok(board);
    }
    // Another request may have waited here while the vacancies changed: build for the version
    // the database has now (read before the vacancies, as above).
    let version = store::version(&state.db).await?;
    let vacancies = store::open_vacancies(&state.db, today).await?;
    let board = tokio::task::spawn_blocking(move || Board::build(version, today, vacancies))
        .await
        .map_err(|e| DbError::Internal(e.to_string()))??;
    let board = Arc::new(board);
    let kept = Arc::clone(&board);
    state.indexes.update(move |held| {
        let mut list: Vec<Arc<dyn std::any::Any + Send + Sync>> = held
            .iter()
            .filter(|any| !any.is::<Board>())
            .cloned()
            .collect();
        list.push(kept);
        list
    });
    Ok(board)
}

fn label_of_skill(skill: &Skill) -> Label {
    Label {
        nl: skill.label(false).to_string(),
        en: skill.label(true).to_string(),
    }
}

fn skill_label(id: &str) -> Option<Label> {
    TAXONOMY.skill(id).map(label_of_skill)
}

fn skill_option(skill: &Skill) -> SkillOption {
    SkillOption {
        id: skill.id.clone(),
        label: label_of_skill(skill),
    }
}

fn card(v: &Vacancy) -> VacancyCard {
    VacancyCard {
        id: v.id.clone(),
        title: v.title.clone(),
        employer: v.employer.clone(),
        town: v.town.clone(),
        gemeente: v.gemeente.clone(),
        sector: v.sector.clone(),
        hours: v.hours,
        contract: v.contract,
        posted: v.posted.to_string(),
        valid_through: v.valid_through.map(|d| d.to_string()),
    }
}

/// The taxonomy's occupations by their Dutch name (the CV's and the employer's lists).
fn occupation_options() -> Vec<SkillOption> {
    let mut list: Vec<SkillOption> = TAXONOMY
        .occupations
        .iter()
        .map(|o| SkillOption {
            id: o.id.clone(),
            label: Label {
                nl: o.label(false).to_string(),
                en: o.label(true).to_string(),
            },
        })
        .collect();
    list.sort_by(|a, b| a.label.nl.cmp(&b.label.nl));
    list
}

/// The public pages: the search, a vacancy, the CV page.
pub static PUBLIC_PAGES: &[PublicPage] = &[
    PublicPage {
        path: "/vacatures",
        load: |state, query| {
            Box::pin(async move {
                let filter = SearchFilter::from_query(&query);
                let board = board(&state).await?;
                Ok::<PageData, DbError>(provide(board.search(&filter)))
            })
        },
    },
    PublicPage {
        path: "/vacatures/vacature",
        load: |state, query| {
            Box::pin(async move {
                let vacancy = match query_value(&query, "id").parse::<i64>() {
                    Ok(id) => store::get(&state.db, id).await?.map(detail),
                    Err(_) => None,
                };
                Ok::<PageData, DbError>(provide(VacancyPageView { vacancy }))
            })
        },
    },
    PublicPage {
        path: "/vacatures/skills-cv",
        load: |_, query| {
            Box::pin(async move {
                Ok::<PageData, DbError>(provide(CvPageView {
                    occupations: occupation_options(),
                    notice: notice_code(&query_value(&query, "melding")),
                    ..CvPageView::default()
                }))
            })
        },
    },
];

/// A notice's code from a query, if it is one of ours.
fn notice_code(code: &str) -> String {
    match code {
        "geplaatst" | "gewijzigd" | "gesloten" | "bewaard" | "vergeten" | "geen" => {
            code.to_string()
        }
        _ => String::new(),
    }
}

fn detail(stored: store::Stored) -> VacancyDetail {
    let v = stored.vacancy;
    VacancyDetail {
        essential: v.essential.iter().filter_map(|s| skill_label(s)).collect(),
        optional: v.optional.iter().filter_map(|s| skill_label(s)).collect(),
        occupation: v
            .occupation
            .as_deref()
            .and_then(|o| TAXONOMY.occupation(o))
            .map(|o| Label {
                nl: o.label(false).to_string(),
                en: o.label(true).to_string(),
            }),
        description: v.description.clone(),
        open: stored.open && v.valid_through.is_none_or(|d| d >= Date::today()),
        card: card(&v),
    }
}

/// The employer's vacancies and the coordinators' import.
pub static PAGES: &[GuardedPage] = &[
    GuardedPage {
        path: "/werkgevers/vacatures",
        roles: Some(&[Role::Employer]),
        load: |state, user, query| {
            Box::pin(async move { employer_view(&state, &user, &query).await })
        },
    },
    GuardedPage {
        path: "/beheer/vacatures",
        roles: Some(Role::STAFF),
        load: |state, _, _| {
            Box::pin(async move {
                let open = board(&state).await?.vacancies.len();
                Ok::<PageData, DbError>(provide(ImportView { open }))
            })
        },
    },
];

async fn employer_view(
    state: &AppState,
    user: &CurrentUser,
    query: &str,
) -> Result<PageData, DbError> {
    let organisation = user.organisation_id.unwrap_or_default();
    let name: Option<String> = sqlx::query_scalar("SELECT name FROM organisations WHERE id = $1")
        .bind(organisation)
        .fetch_optional(state.db.pool())
        .await?;
    let own = store::of_organisation(&state.db, organisation).await?;
    let editing = match query_value(query, "id").parse::<i64>() {
        Ok(id) => own
            .iter()
            .find(|s| s.id == id && s.open)
            .map(|s| (id.to_string(), form_values(&s.vacancy))),
        Err(_) => None,
    };
    Ok(provide(EmployerVacanciesView {
        organisation: name.unwrap_or_default(),
        vacancies: own
            .iter()
            .map(|s| OwnVacancy {
                card: card(&s.vacancy),
                open: s.open,
                skills: s.vacancy.essential.len() + s.vacancy.optional.len(),
            })
            .collect(),
        editing,
        occupations: occupation_options(),
        notice: notice_code(&query_value(query, "melding")),
    }))
}

/// A stored vacancy as the employer's form's fields.
fn form_values(v: &Vacancy) -> Vec<(String, String)> {
    let town = region::TOWNS
        .iter()
        .find(|t| t.name == v.town)
        .map_or("", |t| t.code);
    let names = |ids: &[String]| {
        ids.iter()
            .filter_map(|id| TAXONOMY.skill(id))
            .map(|s| s.label(false).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    vec![
        ("titel".into(), v.title.clone()),
        ("omschrijving".into(), v.description.clone()),
        ("vaardigheden".into(), names(&v.essential)),
        ("beroep".into(), v.occupation.clone().unwrap_or_default()),
        ("plaats".into(), town.to_string()),
        ("uren_min".into(), v.hours.0.to_string()),
        ("uren_max".into(), v.hours.1.to_string()),
        ("contract".into(), v.contract.code().to_string()),
        (
            "geldig_tot".into(),
            v.valid_through.map(|d| d.to_string()).unwrap_or_default(),
        ),
    ]
}

/// How many matches the page shows, and trainings per missing skill.
const MATCHES: usize = 20;
const TRAININGS_PER_GAP: usize = 2;
const GAPS_EXPLAINED: usize = 4;

/// The CV of a form post, checked against the taxonomy.
fn cv_of(sub: &Submission) -> Result<SkillsCv, Vec<(&'static str, &'static str)>> {
    SkillsCv::from_form(
        |name| sub.get(name),
        |name| sub.all(name),
        |id| TAXONOMY.skill(id).is_some(),
        |id| TAXONOMY.occupation(id).is_some(),
    )
}

/// What the matcher needs of a CV: its skills with what they include, and its wishes.
pub fn wanted_of(cv: &SkillsCv) -> Wanted {
    let skills = TAXONOMY.with_included(cv.skills.iter().filter_map(|id| TAXONOMY.no(id)));
    let w = &cv.wishes;
    Wanted {
        skills: SkillSet::of(skills),
        from: cv.town().map(|t| (t.lat, t.lon)),
        mode: w.mode,
        max_km: w.max_km,
        max_minutes: w.max_minutes,
        sectors: w.sectors.clone(),
        hours: match (w.hours_min, w.hours_max) {
            (None, None) => None,
            (low, high) => Some((low.unwrap_or(1), high.unwrap_or(48))),
        },
        contracts: w.contracts.clone(),
    }
}

/// The ranked, explained vacancies for a CV, with the trainings that close each gap and who
/// could pay for them.
pub fn matches(
    board: &Board,
    catalogue: &crate::domain::schemes::Catalogue,
    cv: &SkillsCv,
) -> Result<Vec<MatchItem>, DbError> {
    let wanted = wanted_of(cv);
    let ranked = board
        .index
        .rank(&wanted, MATCHES)
        .map_err(|e| DbError::Internal(e.to_string()))?;
    let learner = Learner {
        education: cv.education,
        gemeente: cv.town().map(|t| t.gemeente.to_string()),
        ..Learner::default()
    };
    let today = Date::today();
    let mut offers: std::collections::HashMap<String, TrainingOffer> =
        std::collections::HashMap::new();
    let mut offer_of = |t: &Training| -> TrainingOffer {
        offers
            .entry(t.id.clone())
            .or_insert_with(|| training_offer(t, &learner, catalogue, today))
            .clone()
    };
    let near = |t: &Training| -> u32 {
        match (cv.town(), region::TOWNS.iter().find(|x| x.name == t.town)) {
            (Some(from), Some(at)) => km_between((from.lat, from.lon), (at.lat, at.lon)) as u32,
            _ => 0,
        }
    };
    let label = |no: SkillNo| label_of_skill(TAXONOMY.skill_at(no));
    let mut out = Vec::with_capacity(ranked.len());
    for r in ranked {
        let Some(fit) = board.index.fit(&wanted, r.row) else {
            continue;
        };
        let v = &board.vacancies[r.row as usize];
        let missing_essential = fit
            .missing_essential
            .iter()
            .take(GAPS_EXPLAINED)
            .map(|&no| {
                let mut trainings: Vec<&Training> = TRAININGS.teaching(no).collect();
                trainings.sort_by_key(|t| (near(t), t.cost_cents));
                Gap {
                    skill: label(no),
                    trainings: trainings
                        .into_iter()
                        .take(TRAININGS_PER_GAP)
                        .map(&mut offer_of)
                        .collect(),
                }
            })
            .collect();
        out.push(MatchItem {
            card: card(v),
            score: fit.score,
            matched: fit
                .matched_essential
                .iter()
                .chain(&fit.matched_optional)
                .map(|&n| label(n))
                .collect(),
            essential_had: fit.matched_essential.len(),
            essential_asked: fit.matched_essential.len() + fit.missing_essential.len(),
            asked: fit.matched_essential.len()
                + fit.missing_essential.len()
                + fit.matched_optional.len()
                + fit.missing_optional.len(),
            missing_essential,
            missing_optional: fit.missing_optional.iter().map(|&n| label(n)).collect(),
            km: fit.km,
            minutes: fit.minutes,
            sector_ok: fit.sector_ok,
            hours_ok: fit.hours_ok,
            contract_ok: fit.contract_ok,
        });
    }
    Ok(out)
}

fn training_offer(
    t: &Training,
    learner: &Learner,
    catalogue: &crate::domain::schemes::Catalogue,
    today: Date,
) -> TrainingOffer {
    let profile = funding_profile(t, learner);
    let outcome = crate::domain::calculator::evaluate(catalogue, &profile, today);
    let names = |verdict: Verdict| -> Vec<Label> {
        outcome
            .results
            .iter()
            .filter(|r| r.verdict == verdict)
            .filter_map(|r| catalogue.scheme(&r.id))
            .filter(|s| s.purpose == crate::domain::schemes::Purpose::Training)
            .map(|s| Label {
                nl: s.name.clone(),
                en: s.name.clone(),
            })
            .collect()
    };
    TrainingOffer {
        id: t.id.clone(),
        name: Label {
            nl: t.name(false).to_string(),
            en: t.name(true).to_string(),
        },
        provider: t.provider.clone(),
        town: t.town.clone(),
        months: t.months,
        cost_cents: t.cost_cents,
        funders: names(Verdict::Eligible),
        maybe: names(Verdict::Maybe),
        own_cents: outcome.plan.as_ref().map(|p| p.own),
        calculator: format!(
            "/scholingscalculator?{}",
            crate::calculator::share_query(&profile)
        ),
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/skills", get(skills_api))
        .route("/api/v1/vacatures", get(vacancies_api))
        .route("/vacatures", post(post_matches))
        .route("/vacatures/skills-cv", post(post_cv))
        .route("/werkgevers/vacatures", post(post_employer))
        .route(
            "/beheer/vacatures",
            post(post_import).layer(axum::extract::DefaultBodyLimit::max(
                IMPORT_MAX_BYTES + 64 * 1024,
            )),
        )
}

/// Too many posts from this client: the CV page again with everything kept (a plain 429 page
/// would render the CV page from its empty loader and lose the ticked skills).
async fn over_limit(state: &AppState, sub: &Submission) -> Option<Response> {
    if state
        .limits
        .forms_per_ip
        .check_key(&sub.client_ip())
        .is_ok()
    {
        return None;
    }
    let mut form = sub.kept();
    form.add_error("form", "rate_limited");
    Some(
        cv_page(
            state,
            sub.parts.clone(),
            form,
            CvPageView::default(),
            StatusCode::TOO_MANY_REQUESTS,
        )
        .await,
    )
}

/// The CV page again with what was posted (and `page`'s lists), with `status`.
async fn cv_page(
    state: &AppState,
    mut parts: http::request::Parts,
    form: FormState,
    mut page: CvPageView,
    status: StatusCode,
) -> Response {
    if let Ok(uri) = "/vacatures/skills-cv".parse() {
        parts.uri = uri;
    }
    page.occupations = occupation_options();
    let chosen: Vec<String> = form.list(cv::field::SKILL).to_vec();
    page.chosen = chosen.iter().filter_map(|id| TAXONOMY.skill(id)).fold(
        Vec::new(),
        |mut list: Vec<SkillOption>, s| {
            if !list.iter().any(|o| o.id == s.id) {
                list.push(skill_option(s));
            }
            list
        },
    );
    let is_chosen = |id: &str| chosen.iter().any(|c| c == id);
    page.found.retain(|o| !is_chosen(&o.id));
    if let Some((_, offered)) = page.offered.as_mut() {
        offered.retain(|o| !is_chosen(&o.id));
    }
    render_with(state, parts, status, move || {
        provide_context(form.clone());
        provide_context(page.clone());
    })
    .await
}

/// The form of a CV: its fields as the page shows them.
fn cv_form(cv: &SkillsCv) -> FormState {
    let mut form = FormState::default();
    for (name, value) in cv.to_pairs() {
        form.values.insert(name.to_string(), value.clone());
        form.lists.entry(name.to_string()).or_default().push(value);
    }
    form
}

/// `POST /vacatures`: the matches for the posted CV (it travels in the form, nothing is
/// stored); a CV with mistakes goes back to its page with them.
async fn post_matches(State(state): State<AppState>, Posted(sub): Posted) -> Response {
    if let Some(refused) = over_limit(&state, &sub).await {
        return refused;
    }
    let checked = match cv_of(&sub) {
        Ok(cv) if cv.skills.is_empty() => Err(vec![(cv::field::SKILL, "cv_skills_required")]),
        other => other,
    };
    let cv = match checked {
        Ok(cv) => cv,
        Err(problems) => {
            let mut form = sub.kept();
            for (field, key) in problems {
                form.add_error(field, key);
            }
            return cv_page(
                &state,
                sub.parts,
                form,
                CvPageView::default(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let board = match board(&state).await {
        Ok(board) => board,
        Err(e) => return Stop::from(e).into_response(),
    };
    let found = match matches(&board, &state.catalogue.get(), &cv) {
        Ok(found) => found,
        Err(e) => return Stop::from(e).into_response(),
    };
    // The monitor's count: the one sector wished for, if one; the gemeente travelled from.
    let sector = match cv.wishes.sectors.as_slice() {
        [one] => one.as_str(),
        _ => "",
    };
    state
        .tallies
        .add("match_run", sector, cv.town().map_or("", |t| t.gemeente));
    let view = MatchesView {
        cv: cv
            .to_pairs()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        skills: cv.skills.len(),
        from: cv.town().map(|t| t.name.to_string()),
        mode: cv.wishes.mode.code().to_string(),
        demo: found.iter().any(|m| m.card.employer.ends_with(DEMO_MARK)),
        matches: found,
    };
    render_with(&state, sub.parts, StatusCode::OK, move || {
        provide_context(FormState::default());
        provide_context(view.clone());
    })
    .await
}

/// `POST /vacatures/skills-cv`: the CV page's buttons (`actie`) — search skills, offer an
/// occupation's skills, add what was ticked, download the CV, save it on the account, fetch
/// or forget the saved one — and the upload of a downloaded CV (a multipart post).
async fn post_cv(State(state): State<AppState>, request: Request) -> Response {
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if multipart {
        return upload_cv(state, request).await;
    }
    let sub = match crate::server::form::read_form(request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    if let Some(refused) = over_limit(&state, &sub).await {
        return refused;
    }
    let english = sub.locale() == crate::i18n::Locale::en;
    let mut form = sub.kept();
    let checked = cv_of(&sub);
    let mut page = CvPageView::default();
    let invalid = |form: &mut FormState, problems: &[(&'static str, &'static str)]| {
        for (field, key) in problems {
            form.add_error(field, key);
        }
    };
    match sub.get("actie") {
        "zoek" => {
            // Empty: Enter pressed in another field (the search button is the form's first), so
            // the page again with the CV.
            let q: String = sub.get("zoek").trim().chars().take(100).collect();
            if !q.is_empty() {
                page.found = TAXONOMY
                    .suggest(&q, english, 20)
                    .into_iter()
                    .map(skill_option)
                    .collect();
                page.searched = q;
            }
            if let Err(problems) = checked {
                invalid(&mut form, &problems);
            }
        }
        "beroep" => {
            match sub
                .all(cv::field::OCCUPATION)
                .into_iter()
                .rev()
                .find_map(|id| TAXONOMY.occupation(id.trim()))
            {
                Some(o) => {
                    let skills = o
                        .essential
                        .iter()
                        .chain(&o.optional)
                        .filter_map(|id| TAXONOMY.skill(id))
                        .map(skill_option)
                        .collect();
                    page.offered = Some((
                        Label {
                            nl: o.label(false).to_string(),
                            en: o.label(true).to_string(),
                        },
                        skills,
                    ));
                }
                None => form.add_error(cv::field::OCCUPATION, "cv_occupation_required"),
            }
        }
        "download" => match checked {
            Ok(cv) => {
                let json = serde_json::to_string_pretty(&cv).unwrap_or_default();
                return (
                    [
                        (header::CONTENT_TYPE, "application/json"),
                        (
                            header::CONTENT_DISPOSITION,
                            "attachment; filename=\"skills-cv.json\"",
                        ),
                        (header::CACHE_CONTROL, "no-store"),
                    ],
                    json,
                )
                    .into_response();
            }
            Err(problems) => invalid(&mut form, &problems),
        },
        action @ ("bewaren" | "ophalen" | "vergeten") => {
            let Some(user) = sub.current_user().cloned() else {
                return see_other("/inloggen");
            };
            match action {
                "bewaren" => match checked {
                    Ok(cv) => {
                        let json = serde_json::to_string(&cv).unwrap_or_default();
                        if let Err(e) = store::save_cv(&state.db, user.user_id, &json, now()).await
                        {
                            return Stop::from(e).into_response();
                        }
                        page.notice = "bewaard".into();
                    }
                    Err(problems) => invalid(&mut form, &problems),
                },
                "ophalen" => match store::saved_cv(&state.db, user.user_id).await {
                    Ok(Some(json)) => match SkillsCv::from_json(
                        &json,
                        |id| TAXONOMY.skill(id).is_some(),
                        |id| TAXONOMY.occupation(id).is_some(),
                    ) {
                        Ok(cv) => form = cv_form(&cv),
                        Err(key) => form.add_error("bestand", key),
                    },
                    Ok(None) => page.notice = "geen".into(),
                    Err(e) => return Stop::from(e).into_response(),
                },
                _ => match store::delete_cv(&state.db, user.user_id).await {
                    Ok(_) => page.notice = "vergeten".into(),
                    Err(e) => return Stop::from(e).into_response(),
                },
            }
        }
        // Add what was ticked, come back from the matches, or anything else: the page again.
        _ => {
            if let Err(problems) = checked {
                invalid(&mut form, &problems);
            }
        }
    }
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    cv_page(&state, sub.parts, form, page, status).await
}

/// The upload of a downloaded CV: read and checked, then the page with it filled in.
async fn upload_cv(state: AppState, request: Request) -> Response {
    let (sub, file) = match read_upload(request, "bestand").await {
        Ok(read) => read,
        Err(response) => return response,
    };
    if let Some(refused) = over_limit(&state, &sub).await {
        return refused;
    }
    let read = match file {
        Some(bytes) if !bytes.is_empty() => match String::from_utf8(bytes) {
            Ok(text) => SkillsCv::from_json(
                &text,
                |id| TAXONOMY.skill(id).is_some(),
                |id| TAXONOMY.occupation(id).is_some(),
            ),
            Err(_) => Err("cv_file_invalid"),
        },
        _ => Err("cv_file_required"),
    };
    match read {
        Ok(cv) => {
            cv_page(
                &state,
                sub.parts,
                cv_form(&cv),
                CvPageView::default(),
                StatusCode::OK,
            )
            .await
        }
        Err(key) => {
            let mut form = FormState::default();
            form.add_error("bestand", key);
            cv_page(
                &state,
                sub.parts,
                form,
                CvPageView::default(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// A skipped record's reason as the page says it.
fn import_why(why: jobposting::Why) -> ImportWhy {
    use jobposting::{Should, Why};
    match why {
        Why::Missing(name) => ImportWhy::Missing { name },
        Why::Bad(name, value, should) => ImportWhy::Bad {
            name,
            value,
            should: match should {
                Should::Town => "town",
                Should::Date => "date",
                Should::Hours => "hours",
                Should::Contract => "contract",
                Should::Level => "level",
                Should::Text => "text",
            }
            .into(),
        },
        Why::NoSkill => ImportWhy::NoSkill,
        Why::NotJobPosting(kind) => ImportWhy::NotJobPosting { kind },
        Why::Fields(got, want) => ImportWhy::Fields { got, want },
        Why::Unreadable => ImportWhy::Unreadable,
    }
}

/// The most an import file may be.
const IMPORT_MAX_BYTES: usize = 10 * 1024 * 1024;

/// Reads vacancies from a JSON-LD or CSV file and stores the good ones in one transaction: how
/// many were stored, and each record skipped with its reason. `Err` when the file as a whole
/// cannot be read. The server subcommand `import-vacatures` and the beheer page share it.
pub async fn import_text(
    db: &crate::server::Db,
    text: &str,
    actor: Option<i64>,
) -> Result<Result<ImportReport, String>, DbError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    // CSV gets the text as it is: its problems name the file's own line numbers.
    let read = if trimmed.starts_with('{') || trimmed.starts_with('[') {
        jobposting::from_json_ld(trimmed, &TAXONOMY)
    } else {
        jobposting::from_csv(text, &TAXONOMY)
    };
    let read = match read {
        Ok(read) => read,
        Err(reason) => return Ok(Err(reason)),
    };
    let mut problems: Vec<ImportProblem> = read
        .problems
        .into_iter()
        .map(|p| ImportProblem {
            record: p.record,
            why: import_why(p.why),
            reason: p.reason,
        })
        .collect();
    // A vacancy twice in one file, or an id too long to be one, is named, not merged.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut good = Vec::with_capacity(read.vacancies.len());
    for (v, record) in read.vacancies.into_iter().zip(read.records) {
        if v.id.chars().count() > store::MAX_REF_ID {
            problems.push(ImportProblem {
                record,
                why: ImportWhy::IdTooLong {
                    max: store::MAX_REF_ID,
                },
                reason: format!("the id is longer than {} characters", store::MAX_REF_ID),
            });
            continue;
        }
        match seen.entry(store::import_ref(&v)) {
            std::collections::hash_map::Entry::Occupied(first) => problems.push(ImportProblem {
                record,
                why: ImportWhy::Duplicate { first: *first.get() },
                reason: format!(
                    "the same vacancy as record {} (same id, or same title, employer, place and date)",
                    first.get()
                ),
            }),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(record);
                good.push(v);
            }
        }
    }
    problems.sort_by_key(|p| p.record);
    let imported = store::put_all(db, store::Source::Import, actor, &good, now()).await?;
    Ok(Ok(ImportReport { imported, problems }))
}

/// `POST /beheer/vacatures`: a coordinator imports a file; the page shows what was imported
/// and each record skipped with its reason.
async fn post_import(State(state): State<AppState>, request: Request) -> Handled {
    let (sub, file) = read_upload(request, "bestand").await.map_err(Stop)?;
    let user = require_role(&sub, Role::STAFF)?;
    let refuse = |key: &str| {
        let mut form = FormState::default();
        form.add_error("bestand", key);
        form
    };
    let file = match file {
        Some(bytes) if !bytes.is_empty() => bytes,
        _ => return Err(invalid(&state, &sub, refuse("vacancy_file_required")).await),
    };
    if file.len() > IMPORT_MAX_BYTES {
        return Err(invalid(&state, &sub, refuse("vacancy_file_too_large")).await);
    }
    let Ok(text) = String::from_utf8(file) else {
        return Err(invalid(&state, &sub, refuse("vacancy_file_unreadable")).await);
    };
    match import_text(&state.db, &text, Some(user.user_id)).await? {
        Ok(report) => {
            tracing::info!(
                imported = report.imported,
                skipped = report.problems.len(),
                "vacancies imported"
            );
            Ok(render_again_with(
                &state,
                sub.parts.clone(),
                FormState::default(),
                StatusCode::OK,
                report,
            )
            .await)
        }
        Err(reason) => Err(Stop(
            render_again_with(
                &state,
                sub.parts.clone(),
                refuse("vacancy_file_unreadable"),
                StatusCode::UNPROCESSABLE_ENTITY,
                ImportReport {
                    imported: 0,
                    problems: vec![ImportProblem {
                        record: 0,
                        why: ImportWhy::File,
                        reason,
                    }],
                },
            )
            .await,
        )),
    }
}

/// `POST /werkgevers/vacatures`: an employer posts a vacancy, changes one (`?id=`), or closes
/// one (`sluit`).
async fn post_employer(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    let user = require_role(&sub, &[Role::Employer])?;
    let organisation = user.organisation_id.unwrap_or_default();
    let closing = sub.get("sluit");
    if !closing.is_empty() {
        let Ok(id) = closing.parse::<i64>() else {
            return Err(Stop(failure_response(StatusCode::NOT_FOUND)));
        };
        return if store::close(&state.db, organisation, user.user_id, id, now()).await? {
            Ok(see_other("/werkgevers/vacatures?melding=gesloten"))
        } else {
            Err(Stop(failure_response(StatusCode::NOT_FOUND)))
        };
    }
    let editing = match sub.parts.uri.query().map(|q| query_value(q, "id")) {
        Some(id) if !id.is_empty() => match id.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => return Err(Stop(failure_response(StatusCode::NOT_FOUND))),
        },
        _ => None,
    };
    let before = match editing {
        Some(id) => match store::get(&state.db, id).await? {
            Some(s) if s.organisation_id == Some(organisation) && s.open => Some(s.vacancy),
            _ => return Err(Stop(failure_response(StatusCode::NOT_FOUND))),
        },
        None => None,
    };
    let name: String = sqlx::query_scalar("SELECT name FROM organisations WHERE id = $1")
        .bind(organisation)
        .fetch_optional(state.db.pool())
        .await
        .map_err(DbError::from)?
        .unwrap_or_default();
    let vacancy = match employer_vacancy(&sub, &name, before.as_ref()) {
        Ok(v) => v,
        Err(problems) => {
            let mut form = sub.kept();
            for (field, key) in problems {
                form.add_error(field, key);
            }
            return Err(invalid(&state, &sub, form).await);
        }
    };
    match editing {
        Some(id) => {
            if store::update(&state.db, organisation, user.user_id, id, &vacancy, now()).await? {
                Ok(see_other("/werkgevers/vacatures?melding=gewijzigd"))
            } else {
                Err(Stop(failure_response(StatusCode::NOT_FOUND)))
            }
        }
        None => {
            store::create(&state.db, organisation, user.user_id, &vacancy, now()).await?;
            Ok(see_other("/werkgevers/vacatures?melding=geplaatst"))
        }
    }
}

/// The employer's form as a vacancy: every field checked, every problem at once; the skills
/// recognised from the title, the skills named and the description (as an import does), plus
/// the chosen occupation's essential skills.
fn employer_vacancy(
    sub: &Submission,
    employer: &str,
    before: Option<&Vacancy>,
) -> Result<Vacancy, Vec<(&'static str, &'static str)>> {
    let mut problems = Vec::new();
    let title = sub.get("titel").trim().to_string();
    if title.is_empty() {
        problems.push(("titel", "required"));
    } else if title.chars().count() > 150 {
        problems.push(("titel", "too_long"));
    }
    let description = sub.get("omschrijving").trim().to_string();
    if description.is_empty() {
        problems.push(("omschrijving", "required"));
    } else if description.chars().count() > 5000 {
        problems.push(("omschrijving", "too_long"));
    }
    let named = sub.get("vaardigheden").trim().to_string();
    if named.chars().count() > 1000 {
        problems.push(("vaardigheden", "too_long"));
    }
    let occupation = match sub.get("beroep").trim() {
        "" => None,
        id => match TAXONOMY.occupation(id) {
            Some(o) => Some(o),
            None => {
                problems.push(("beroep", "choose_one"));
                None
            }
        },
    };
    let town = match sub.get("plaats").trim() {
        "" => {
            problems.push(("plaats", "vacancy_town_required"));
            None
        }
        code => match region::town_by_code(code) {
            Some(t) => Some(t),
            None => {
                problems.push(("plaats", "choose_one"));
                None
            }
        },
    };
    let hour = |name: &'static str, problems: &mut Vec<(&'static str, &'static str)>| match sub
        .get(name)
        .trim()
        .parse::<u8>()
    {
        Ok(n) if (1..=48).contains(&n) => Some(n),
        _ => {
            problems.push((name, "vacancy_hours_invalid"));
            None
        }
    };
    let low = hour("uren_min", &mut problems);
    let high = hour("uren_max", &mut problems);
    if let (Some(l), Some(h)) = (low, high) {
        if l > h {
            problems.push(("uren_max", "cv_hours_order"));
        }
    }
    let contract = match Contract::parse(sub.get("contract")) {
        Some(c) => Some(c),
        None => {
            problems.push(("contract", "choose_one"));
            None
        }
    };
    let today = Date::today();
    let valid_through = match sub.get("geldig_tot").trim() {
        "" => None,
        text => match Date::parse(text) {
            Some(d) if d >= today && d.days_since_epoch() <= today.days_since_epoch() + 366 => {
                Some(d)
            }
            Some(_) => {
                problems.push(("geldig_tot", "vacancy_date_range"));
                None
            }
            None => {
                problems.push(("geldig_tot", "vacancy_date_invalid"));
                None
            }
        },
    };
    let (mut essential, optional) =
        jobposting::skills_in(&TAXONOMY, &format!("{title}. {named}"), &description);
    if let Some(o) = occupation {
        for no in o.essential.iter().filter_map(|id| TAXONOMY.no(id)) {
            if !essential.contains(&no) {
                essential.push(no);
            }
        }
    }
    let optional: Vec<SkillNo> = optional
        .into_iter()
        .filter(|n| !essential.contains(n))
        .collect();
    if essential.is_empty() && optional.is_empty() && !title.is_empty() {
        problems.push(("vaardigheden", "vacancy_no_skills"));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let (Some(town), Some(low), Some(high), Some(contract)) = (town, low, high, contract) else {
        return Err(vec![("form", "required")]);
    };
    let ids = |list: &[SkillNo]| -> Vec<String> {
        list.iter()
            .map(|&n| TAXONOMY.skill_at(n).id.clone())
            .collect()
    };
    Ok(Vacancy {
        id: String::new(),
        sector: jobposting::sector_of(&TAXONOMY, &essential, &optional),
        // Only the occupation the employer chose: the form shows it again when the vacancy is
        // changed, and its skills are added again then (a guessed one would add skills the
        // employer never asked for).
        occupation: occupation.map(|o| o.id.clone()),
        title,
        employer: employer.to_string(),
        description,
        gemeente: town.gemeente.to_string(),
        town: town.name.to_string(),
        lat: town.lat,
        lon: town.lon,
        hours: (low, high),
        contract,
        level: before.and_then(|b| b.level),
        essential: ids(&essential),
        optional: ids(&optional),
        posted: before.map_or(today, |b| b.posted),
        valid_through,
    })
}

/// `GET /api/v1/vacatures`: the plain search of the page as JSON (`q`, `sector`, `gemeente`,
/// `vanaf`, `km`, `uren`, `contract`, `pagina`): the vacancies with their skills, no personal
/// data. Documented in README.md.
async fn vacancies_api(State(state): State<AppState>, request: Request) -> Response {
    let filter = SearchFilter::from_query(request.uri().query().unwrap_or_default());
    let board = match board(&state).await {
        Ok(board) => board,
        Err(e) => return crate::server::render::internal(e),
    };
    let found = board.find(&filter);
    let vacancies: Vec<ApiVacancy> = found
        .rows
        .iter()
        .map(|&i| &board.vacancies[i])
        .map(|v| ApiVacancy {
            id: &v.id,
            url: format!("/vacatures/vacature?id={}", v.id),
            title: &v.title,
            employer: &v.employer,
            description: &v.description,
            sector: &v.sector,
            occupation: v.occupation.as_deref(),
            gemeente: &v.gemeente,
            town: &v.town,
            hours: [v.hours.0, v.hours.1],
            contract: v.contract.code(),
            essential: &v.essential,
            optional: &v.optional,
            posted: v.posted.to_string(),
            valid_through: v.valid_through.map(|d| d.to_string()),
        })
        .collect();
    let body = serde_json::to_string(&ApiAnswer {
        total: found.total,
        page: found.page,
        pages: found.pages,
        page_size: PAGE_SIZE,
        vacancies,
    })
    .unwrap_or_default();
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=60"),
        ],
        body,
    )
        .into_response()
}

#[derive(Serialize)]
struct ApiAnswer<'a> {
    total: usize,
    page: usize,
    pages: usize,
    page_size: usize,
    vacancies: Vec<ApiVacancy<'a>>,
}

#[derive(Serialize)]
struct ApiVacancy<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    employer: &'a str,
    description: &'a str,
    sector: &'a str,
    occupation: Option<&'a str>,
    gemeente: &'a str,
    town: &'a str,
    hours: [u8; 2],
    contract: &'static str,
    essential: &'a [String],
    optional: &'a [String],
    posted: String,
    valid_through: Option<String>,
}
