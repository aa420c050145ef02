//! The coordinators' side of the catalogue (feature `ssr`): the pages' data, the form posts
//! (create, edit, retire), the import and the export. Each change: checked → one `store` call
//! (revision, audit, version in one transaction) → the in-memory catalogue reloaded → 303.
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http::{header, StatusCode};

use super::store::{self, Change, Saved};
use super::transfer::Format;
use super::{AdminScheme, CatalogueAdminView, ImportProblem, ImportRefused, RevisionRow};
use crate::domain::account::Role;
use crate::domain::date::Date;
use crate::domain::schemes::flat::from_fields;
use crate::domain::schemes::{Criterion, Scheme, Status};
use crate::forms::FormState;
use crate::server::auth::CurrentUser;
use crate::server::form::{invalid, read_upload, require_role, see_other, Posted, Submission};
use crate::server::pages::{provide, GuardedPage, PageData};
use crate::server::render::{failure_response, render_again_with, Handled, Stop};
use crate::server::{AppState, DbError};

/// The coordinators' catalogue pages.
pub static PAGES: &[GuardedPage] = &[
    GuardedPage {
        path: "/beheer/regelingen",
        roles: Some(Role::STAFF),
        load: |state, _, _| Box::pin(async move { admin_view(&state, None).await }),
    },
    GuardedPage {
        path: "/beheer/regelingen/nieuw",
        roles: Some(Role::STAFF),
        load: |state, _, _| Box::pin(async move { admin_view(&state, None).await }),
    },
    GuardedPage {
        path: "/beheer/regelingen/bewerk",
        roles: Some(Role::STAFF),
        load: |state, _, query| {
            Box::pin(async move {
                let id = crate::server::form::query_value(&query, "id");
                admin_view(&state, Some(&id)).await
            })
        },
    },
];

/// Largest catalogue file an import reads.
pub const IMPORT_MAX_BYTES: usize = 5 * 1024 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/beheer/regelingen/nieuw", post(create))
        .route("/beheer/regelingen/bewerk", post(edit))
        .route("/beheer/regelingen/beeindigen", post(retire))
        .route(
            "/beheer/regelingen",
            post(import).layer(axum::extract::DefaultBodyLimit::max(
                IMPORT_MAX_BYTES + 64 * 1024,
            )),
        )
        .route("/beheer/regelingen/regelingen.json", get(export_json))
        .route("/beheer/regelingen/regelingen.csv", get(export_csv))
}

/// A scheme's criteria in plain words, as the calculator says them.
fn words(locale: crate::i18n::Locale, criteria: &[Criterion]) -> Vec<String> {
    crate::calculator::criteria_in_words(locale, criteria)
}

/// "2026-11-28 14:05" (UTC) of Unix seconds.
fn moment(at: i64) -> String {
    let date = Date::from_days_since_epoch(at.div_euclid(86_400));
    let seconds = at.rem_euclid(86_400);
    format!("{date} {:02}:{:02}", seconds / 3600, seconds % 3600 / 60)
}

/// The catalogue as the coordinators' pages show it; with a scheme's id (its edit page), that
/// scheme's whole history too.
async fn admin_view(state: &AppState, history_of: Option<&str>) -> Result<PageData, DbError> {
    let today = Date::today();
    let schemes = store::admin_list(&state.db)
        .await?
        .into_iter()
        .map(|(stored, updated_at, edited)| AdminScheme {
            availability: stored.scheme.availability(today).code().to_string(),
            criteria_nl: words(crate::i18n::Locale::nl, &stored.scheme.criteria),
            criteria_en: words(crate::i18n::Locale::en, &stored.scheme.criteria),
            fields: crate::domain::schemes::flat::to_fields(&stored.scheme)
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            scheme: stored.scheme,
            fingerprint: stored.fingerprint,
            updated_at,
            edited,
        })
        .collect();
    let revisions = match history_of {
        Some(id) => store::revisions_of(&state.db, id).await?,
        None => Vec::new(),
    }
    .into_iter()
    .map(|(scheme_id, r)| RevisionRow {
        scheme_id,
        action: r.action,
        changed: r.changed,
        at: moment(r.at),
        by: r.by,
    })
    .collect();
    Ok(provide(CatalogueAdminView { schemes, revisions }))
}

/// The form's values with every problem beside its field (a JSON field also keeps what the
/// parser said, as `<field>__detail`).
fn with_problems(
    sub: &Submission,
    problems: Vec<crate::domain::schemes::check::Problem>,
) -> FormState {
    let mut form = sub.kept();
    for p in problems {
        let key = match p.key {
            "required" | "too_long" => p.key.to_string(),
            other => format!("scheme_{other}"),
        };
        form.add_error(p.field, &key);
        if !p.detail.is_empty() {
            form.values.insert(format!("{}__detail", p.field), p.detail);
        }
    }
    form
}

/// After a change: this instance's copy follows at once (others within a second).
async fn reloaded(state: &AppState) -> Result<(), Stop> {
    super::reload(state).await.map_err(Stop::from)
}

/// A new scheme.
async fn create(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    let user = require_role(&sub, Role::STAFF)?;
    let scheme = match from_fields(|f| sub.get(f).to_string()) {
        Ok(scheme) => scheme,
        Err(problems) => return Err(invalid(&state, &sub, with_problems(&sub, problems)).await),
    };
    match store::save(&state.db, &scheme, Change::Created, "", user.user_id).await? {
        Saved::Done(_) => {
            reloaded(&state).await?;
            Ok(see_other("/beheer/regelingen?melding=toegevoegd"))
        }
        Saved::IdTaken => {
            let mut form = sub.kept();
            form.add_error("id", "scheme_id_taken");
            Err(invalid(&state, &sub, form).await)
        }
        Saved::Missing | Saved::Conflict => Err(Stop(failure_response(StatusCode::CONFLICT))),
    }
}

/// An edited scheme. Its id comes from the form (it cannot be changed: links and applications
/// point to it).
async fn edit(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    let user = require_role(&sub, Role::STAFF)?;
    let scheme = match from_fields(|f| sub.get(f).to_string()) {
        Ok(scheme) => scheme,
        Err(problems) => return Err(invalid(&state, &sub, with_problems(&sub, problems)).await),
    };
    saved(&state, &sub, &scheme, Change::Edited, user.user_id).await
}

async fn saved(
    state: &AppState,
    sub: &Submission,
    scheme: &Scheme,
    change: Change,
    actor: i64,
) -> Handled {
    match store::save(&state.db, scheme, change, sub.get("versie"), actor).await? {
        Saved::Done(_) => {
            reloaded(state).await?;
            let notice = if change == Change::Retired {
                "beeindigd"
            } else {
                "opgeslagen"
            };
            Ok(see_other(&format!("/beheer/regelingen?melding={notice}")))
        }
        Saved::Missing => Err(Stop(failure_response(StatusCode::NOT_FOUND))),
        Saved::Conflict => {
            // Someone saved the scheme in between: the form again with what this person typed
            // and the newest version to compare with (its fingerprint is the page's).
            let mut form = sub.kept();
            form.values.remove("versie");
            if let Some(current) = store::get(&state.db, &scheme.id).await? {
                form.values.insert("versie".into(), current.fingerprint);
            }
            form.add_error("form", "scheme_conflict");
            Err(invalid(state, sub, form).await)
        }
        Saved::IdTaken => Err(Stop(failure_response(StatusCode::CONFLICT))),
    }
}

/// Retires a scheme: it stays in the catalogue, marked ended from today (never deleted:
/// applications and links point to it, and people may look up what they used).
async fn retire(State(state): State<AppState>, Posted(mut sub): Posted) -> Handled {
    let user = require_role(&sub, Role::STAFF)?;
    // A refusal shows the scheme's form again.
    if let Ok(uri) = format!(
        "/beheer/regelingen/bewerk?id={}",
        percent_encoding::utf8_percent_encode(sub.get("id"), percent_encoding::NON_ALPHANUMERIC)
    )
    .parse()
    {
        sub.parts.uri = uri;
    }
    let Some(current) = store::get(&state.db, sub.get("id")).await? else {
        return Err(Stop(failure_response(StatusCode::NOT_FOUND)));
    };
    let mut scheme = current.scheme;
    let today = Date::today();
    scheme.status = Status::Ended;
    if scheme.valid_until.is_none_or(|d| d > today) {
        scheme.valid_until = Some(today);
    }
    if scheme.valid_from.is_some_and(|d| d > today) {
        scheme.valid_from = Some(today);
    }
    saved(&state, &sub, &scheme, Change::Retired, user.user_id).await
}

/// An import of the whole catalogue (JSON or CSV): all of it, or — with the problems listed
/// by line and field — nothing.
async fn import(State(state): State<AppState>, request: Request) -> Handled {
    // The form posts to the catalogue page's own address, so a refusal (the page again, with
    // its problems) leaves an address that can be loaded again.
    let (sub, file) = read_upload(request, "bestand").await.map_err(Stop)?;
    let user = require_role(&sub, Role::STAFF)?;
    let refuse = |key: &str| {
        let mut form = sub.kept();
        form.add_error("bestand", key);
        form
    };
    let file = match file {
        Some(bytes) if !bytes.is_empty() => bytes,
        _ => return Err(invalid(&state, &sub, refuse("scheme_file_required")).await),
    };
    if file.len() > IMPORT_MAX_BYTES {
        return Err(invalid(&state, &sub, refuse("scheme_file_too_large")).await);
    }
    let Ok(text) = String::from_utf8(file) else {
        return Err(invalid(&state, &sub, refuse("scheme_csv")).await);
    };
    match super::import_text(&state.db, &text, Some(user.user_id)).await? {
        Ok(report) => {
            reloaded(&state).await?;
            Ok(see_other(&format!(
                "/beheer/regelingen?melding=geimporteerd&nieuw={}&gewijzigd={}&gelijk={}&behouden={}",
                report.added, report.changed, report.unchanged, report.kept
            )))
        }
        Err(problems) => {
            let form = refuse("scheme_import_refused");
            let listed: Vec<ImportProblem> = problems
                .into_iter()
                .take(200)
                .map(|p| ImportProblem {
                    line: p.line,
                    scheme: p.scheme,
                    field: p.field,
                    key: p.key.to_string(),
                    detail: p.detail,
                })
                .collect();
            Err(Stop(
                render_again_with(
                    &state,
                    sub.parts,
                    form,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    ImportRefused(listed),
                )
                .await,
            ))
        }
    }
}

fn staff_only(request: &Request) -> Option<Response> {
    match request.extensions().get::<CurrentUser>() {
        None => Some(see_other("/inloggen")),
        Some(user) if user.role.is_staff() => None,
        Some(_) => Some(failure_response(StatusCode::FORBIDDEN)),
    }
}

async fn export(state: &AppState, refused: Option<Response>, format: Format) -> Handled {
    if let Some(refused) = refused {
        return Ok(refused);
    }
    let text = super::export_text(&state.db, format).await?;
    let (kind, name) = match format {
        Format::Json => ("application/json; charset=utf-8", "regelingen.json"),
        Format::Csv => ("text/csv; charset=utf-8", "regelingen.csv"),
    };
    Ok((
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        text,
    )
        .into_response())
}

async fn export_json(State(state): State<AppState>, request: Request) -> Handled {
    let refused = staff_only(&request);
    drop(request);
    export(&state, refused, Format::Json).await
}

async fn export_csv(State(state): State<AppState>, request: Request) -> Handled {
    let refused = staff_only(&request);
    drop(request);
    export(&state, refused, Format::Csv).await
}
