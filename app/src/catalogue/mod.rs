//! The catalogue of schemes (regelingen): the data the scholingscalculator evaluates and the
//! subsidy search searches, kept current by coordinators. Its storage is here (`store`, server
//! only); every request reads the in-memory copy in `AppState::catalogue`, loaded at start-up
//! and replaced after every change — on this instance at once, on the others within a second
//! (`follow` compares the database's catalogue version with the one loaded), so no page waits
//! for the database to compute a result.
//!
//! Pages (coordinators): `/beheer/regelingen` (the list, export, import),
//! `/beheer/regelingen/nieuw` and `/beheer/regelingen/bewerk?id=` (the form of one scheme, its
//! retirement and its history).
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::domain::schemes::check::FIELDS;
use crate::domain::schemes::Scheme;
use crate::forms::{
    use_form_state, Checkbox, CsrfField, ErrorSummary, Field, FormState, Notice, Select, TextArea,
};
use crate::i18n::*;
use crate::layout::{current_locale, PageIntro};

#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
mod store;
#[cfg(feature = "ssr")]
pub mod transfer;

#[cfg(feature = "ssr")]
pub use server_side::*;

#[cfg(feature = "ssr")]
mod server_side {
    use std::path::Path;
    use std::sync::atomic::Ordering;
    use std::time::Duration;

    use crate::domain::schemes::Catalogue;
    use crate::server::{AppState, Db, DbError};

    pub use super::handlers::{routes, PAGES};
    use super::store;
    pub use super::store::{bump, Imported};

    /// Every scheme in the database, in catalogue order, with the places granted so far.
    pub async fn load(db: &Db) -> Result<Catalogue, DbError> {
        store::load(db).await
    }

    /// Reads the catalogue from the database again into the in-memory copy, with the version
    /// it had. Reloads run one at a time, each reading the version before the schemes: the
    /// copy is never older than the version noted.
    pub async fn reload(state: &AppState) -> Result<(), DbError> {
        let _one_at_a_time = state.catalogue_loaded.reload.lock().await;
        let version = store::version(&state.db).await?;
        state.catalogue.replace(store::load(&state.db).await?);
        state
            .catalogue_loaded
            .version
            .store(version, Ordering::SeqCst);
        Ok(())
    }

    /// How often an instance asks the database whether the catalogue changed.
    pub const FOLLOW_EVERY: Duration = Duration::from_millis(250);

    /// Follows the catalogue's changes made by other instances sharing the database: every
    /// [`FOLLOW_EVERY`], one small query; a reload (and a new search index on the next search)
    /// when the version moved. Runs until the server stops.
    pub async fn follow(state: AppState) {
        let mut tick = tokio::time::interval(FOLLOW_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if state.db.is_down() {
                continue;
            }
            match store::version(&state.db).await {
                Ok(version) if version != state.catalogue_loaded.version.load(Ordering::SeqCst) => {
                    if let Err(error) = reload(&state).await {
                        tracing::warn!(%error, "reloading the changed catalogue failed");
                    }
                }
                Ok(_) => {}
                Err(error) => tracing::debug!(%error, "reading the catalogue version failed"),
            }
        }
    }

    /// Loads the catalogue file (`data/schemes.json`) into the database: schemes are added, and
    /// updated where no coordinator changed them in the portal; the places granted so far are
    /// kept. Returns how many schemes the file holds.
    pub async fn seed(db: &Db, file: &Path) -> Result<usize, DbError> {
        let catalogue = store::read_file(file).map_err(DbError::Internal)?;
        store::store(db, &catalogue).await
    }

    /// When the scheme last changed (Unix seconds), if it exists.
    pub async fn updated_at(db: &Db, id: &str) -> Result<Option<i64>, DbError> {
        Ok(
            sqlx::query_scalar("SELECT updated_at FROM schemes WHERE id = $1")
                .bind(id)
                .fetch_optional(db.pool())
                .await?,
        )
    }

    /// The ids of the schemes changed after `since` (Unix seconds).
    pub async fn changed_since(db: &Db, since: i64) -> Result<Vec<String>, DbError> {
        Ok(
            sqlx::query_scalar("SELECT id FROM schemes WHERE updated_at > $1")
                .bind(since)
                .fetch_all(db.pool())
                .await?,
        )
    }

    /// Imports a catalogue file's text (JSON or CSV) in one transaction, as `actor` (`None`:
    /// the `server import` command). The problems, by line and field, when it cannot be.
    pub async fn import_text(
        db: &Db,
        text: &str,
        actor: Option<i64>,
    ) -> Result<Result<Imported, Vec<super::transfer::FileProblem>>, DbError> {
        match super::transfer::read(text) {
            Ok(schemes) => store::import(db, &schemes, actor).await.map(Ok),
            Err(problems) => Ok(Err(problems)),
        }
    }

    /// The catalogue as stored (the places granted left out), as JSON or CSV.
    pub async fn export_text(db: &Db, format: super::transfer::Format) -> Result<String, DbError> {
        let catalogue = store::load(db).await?;
        Ok(match format {
            super::transfer::Format::Json => super::transfer::to_json(&catalogue),
            super::transfer::Format::Csv => super::transfer::to_csv(&catalogue),
        })
    }
}

/// One scheme in the coordinators' list and form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminScheme {
    pub scheme: Scheme,
    /// SHA-256 of the stored scheme: an edit applies only to the scheme the form showed.
    pub fingerprint: String,
    /// When it last changed (Unix seconds), and whether that was in the portal.
    pub updated_at: i64,
    pub edited: bool,
    /// Open, closed for now or ended today (`Availability::code`).
    pub availability: String,
    /// Its criteria in plain words, Dutch and English (each line; an alternative's groups
    /// joined).
    pub criteria_nl: Vec<String>,
    pub criteria_en: Vec<String>,
    /// The scheme as the form's fields (`domain::schemes::flat::to_fields`).
    pub fields: Vec<(String, String)>,
}

/// A change of a scheme, for its history on the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionRow {
    pub scheme_id: String,
    pub action: String,
    pub changed: String,
    /// "2026-11-28 14:05" (UTC).
    pub at: String,
    pub by: Option<String>,
}

/// A problem of an import, as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    pub line: u64,
    pub scheme: String,
    pub field: String,
    pub key: String,
    pub detail: String,
}

/// What the coordinators' catalogue pages show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueAdminView {
    pub schemes: Vec<AdminScheme>,
    pub revisions: Vec<RevisionRow>,
}

/// An import refused, with its problems (provided when `/beheer/regelingen` renders again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRefused(pub Vec<ImportProblem>);

fn availability_label(locale: Locale, code: &str) -> &'static str {
    match code {
        "dicht" => td_string!(locale, subsidies.status_closed),
        "gestopt" => td_string!(locale, subsidies.status_ended),
        _ => td_string!(locale, subsidies.status_open),
    }
}

/// The message of a problem key of `domain::schemes::check` or of an import (the form's
/// messages are `scheme_<key>` in `forms::error_text`).
pub fn problem_text(locale: Locale, key: &str) -> &'static str {
    match key {
        "required" | "too_long" => crate::forms::error_text(locale, key),
        other => crate::forms::error_text(locale, &format!("scheme_{other}")),
    }
}

/// `/beheer/regelingen`: every scheme with its state, the export and the import.
#[component]
pub fn CatalogueAdminPage() -> impl IntoView {
    let locale = current_locale();
    let form = use_form_state();
    let Some(view) = use_context::<CatalogueAdminView>() else {
        return view! { <crate::account::NotAllowed /> }.into_any();
    };
    let refused = use_context::<ImportRefused>();
    let notice = use_query_map().with_untracked(|q| q.get("melding"));
    let notice = match notice.as_deref() {
        Some("opgeslagen") => Some(td_string!(locale, catalogue.saved)),
        Some("toegevoegd") => Some(td_string!(locale, catalogue.created)),
        Some("beeindigd") => Some(td_string!(locale, catalogue.retired)),
        Some("geimporteerd") => Some(td_string!(locale, catalogue.imported)),
        _ => None,
    };
    let imported = use_query_map().with_untracked(|q| {
        ["nieuw", "gewijzigd", "gelijk", "behouden"].map(|k| q.get(k).unwrap_or_default())
    });
    view! {
        <PageIntro title=td_string!(locale, catalogue.title) intro=td_string!(locale, catalogue.intro) />
        <Notice text=Signal::stored(notice) />
        {(notice == Some(td_string!(locale, catalogue.imported))).then(|| view! {
            <p class="import-report">{td_string!(locale, catalogue.import_report)
                .replace("{added}", &imported[0])
                .replace("{changed}", &imported[1])
                .replace("{unchanged}", &imported[2])
                .replace("{kept}", &imported[3])}</p>
        })}
        <ErrorSummary form=form.clone() />
        {refused.map(|ImportRefused(problems)| view! {
            <div class="import-problems" id="importfouten">
                <h2>{td_string!(locale, catalogue.import_refused)}</h2>
                <table class="table stack">
                    <caption>{td_string!(locale, catalogue.import_refused_caption)}</caption>
                    <thead><tr>
                        <th scope="col">{td_string!(locale, catalogue.col_line)}</th>
                        <th scope="col">{td_string!(locale, catalogue.col_scheme)}</th>
                        <th scope="col">{td_string!(locale, catalogue.col_field)}</th>
                        <th scope="col">{td_string!(locale, catalogue.col_problem)}</th>
                    </tr></thead>
                    <tbody>
                        {problems.into_iter().map(|p| view! {
                            <tr>
                                <td data-label=td_string!(locale, catalogue.col_line)>{p.line}</td>
                                <td data-label=td_string!(locale, catalogue.col_scheme)>{p.scheme}</td>
                                <td data-label=td_string!(locale, catalogue.col_field)><code>{p.field}</code></td>
                                <td data-label=td_string!(locale, catalogue.col_problem)>
                                    {problem_text(locale, &p.key)}
                                    {(!p.detail.is_empty()).then(|| view! { <br /><small>{p.detail}</small> })}
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        <p><a class="button" href="/beheer/regelingen/nieuw">{td_string!(locale, catalogue.add_new)}</a></p>
        <h2 id="overzicht">{td_string!(locale, catalogue.list_heading)}</h2>
        <table class="table stack schemes-admin">
            <caption>{td_string!(locale, catalogue.list_caption).replace("{count}", &view.schemes.len().to_string())}</caption>
            <thead><tr>
                <th scope="col">{td_string!(locale, catalogue.col_scheme)}</th>
                <th scope="col">{td_string!(locale, subsidies.f_provider)}</th>
                <th scope="col">{td_string!(locale, subsidies.facet_status)}</th>
                <th scope="col">{td_string!(locale, catalogue.col_changed)}</th>
            </tr></thead>
            <tbody>
                {view.schemes.into_iter().map(|s| {
                    let edit = format!("/beheer/regelingen/bewerk?id={}", s.scheme.id);
                    let changed = crate::domain::date::Date::from_days_since_epoch(s.updated_at.div_euclid(86_400)).to_string();
                    view! {
                        <tr>
                            <td data-label=td_string!(locale, catalogue.col_scheme)><a href=edit>{s.scheme.name.clone()}</a></td>
                            <td data-label=td_string!(locale, subsidies.f_provider)>{s.scheme.provider.clone()}</td>
                            <td data-label=td_string!(locale, subsidies.facet_status)>{availability_label(locale, &s.availability)}</td>
                            <td data-label=td_string!(locale, catalogue.col_changed)>{changed}{s.edited.then(|| format!(" · {}", td_string!(locale, catalogue.in_portal)))}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <h2 id="uitwisselen">{td_string!(locale, catalogue.transfer_heading)}</h2>
        <p>{td_string!(locale, catalogue.export_intro)}</p>
        <ul>
            <li><a href="/beheer/regelingen/regelingen.json" download="regelingen.json" rel="external">{td_string!(locale, catalogue.export_json)}</a></li>
            <li><a href="/beheer/regelingen/regelingen.csv" download="regelingen.csv" rel="external">{td_string!(locale, catalogue.export_csv)}</a></li>
        </ul>
        <form method="post" action="/beheer/regelingen" enctype="multipart/form-data" novalidate>
            <CsrfField />
            <div class="field" class:field-error=form.error("bestand").is_some()>
                <label for="veld-bestand">{td_string!(locale, catalogue.import_label)}</label>
                <p class="hint" id="veld-bestand-hint">{td_string!(locale, catalogue.import_hint)}</p>
                {form.error("bestand").map(|key| view! {
                    <p class="error-message" id="veld-bestand-error">
                        <span class="visually-hidden">{td_string!(locale, form.error_prefix)}</span>
                        {crate::forms::error_text(locale, key)}
                    </p>
                })}
                <input type="file" id="veld-bestand" name="bestand" accept=".json,.csv,application/json,text/csv"
                    aria-describedby=if form.error("bestand").is_some() { "veld-bestand-hint veld-bestand-error" } else { "veld-bestand-hint" }
                    aria-invalid=form.error("bestand").map(|_| "true") />
            </div>
            <button type="submit" class="button button-secondary">{td_string!(locale, catalogue.import_submit)}</button>
        </form>
    }
    .into_any()
}

/// The form's select options for a field of codes.
fn choices(locale: Locale, field: &str) -> Vec<(&'static str, &'static str)> {
    match field {
        "audience" => vec![
            ("individual", td_string!(locale, catalogue.o_individual)),
            ("employer", td_string!(locale, catalogue.o_employer)),
            ("both", td_string!(locale, catalogue.o_both)),
        ],
        "support" => crate::domain::schemes::SupportKind::ALL
            .iter()
            .map(|k| (k.code(), crate::subsidies::support_label(locale, k.code())))
            .collect(),
        "status" => vec![
            ("running", td_string!(locale, catalogue.o_running)),
            ("unconfirmed", td_string!(locale, catalogue.o_unconfirmed)),
            ("ended", td_string!(locale, catalogue.o_ended)),
        ],
        "verification" => vec![
            ("verified", td_string!(locale, catalogue.o_verified)),
            ("partly", td_string!(locale, catalogue.o_partly)),
            ("unverified", td_string!(locale, catalogue.o_unverified)),
        ],
        _ => vec![
            ("training", td_string!(locale, catalogue.o_training)),
            ("loan", td_string!(locale, catalogue.o_loan)),
            ("wages", td_string!(locale, catalogue.o_wages)),
            ("service", td_string!(locale, catalogue.o_service)),
        ],
    }
}

/// The scheme the form is about: `?id=` (or the posted id, when the page renders again).
fn scheme_in_view(view: &CatalogueAdminView, posted: &FormState) -> Option<AdminScheme> {
    let id = use_query_map()
        .with_untracked(|q| q.get("id"))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| posted.value("id"));
    view.schemes.iter().find(|s| s.scheme.id == id).cloned()
}

/// `/beheer/regelingen/nieuw`: a new scheme.
#[component]
pub fn SchemeNewPage() -> impl IntoView {
    let locale = current_locale();
    let form = use_form_state();
    if use_context::<CatalogueAdminView>().is_none() {
        return view! { <crate::account::NotAllowed /> }.into_any();
    }
    let mut form = form;
    if !form.has_errors() && form.values.is_empty() {
        for (field, value) in [
            ("status", "running"),
            ("verification", "unverified"),
            ("purpose", "training"),
            ("stacking", r#"{"kind":"combinable"}"#),
            ("money", r#"{"kind":"unknown"}"#),
        ] {
            form.values.insert(field.into(), value.into());
        }
    }
    view! {
        <PageIntro title=td_string!(locale, catalogue.new_title) intro=td_string!(locale, catalogue.new_intro) />
        <p><a href="/beheer/regelingen">{td_string!(locale, catalogue.back)}</a></p>
        <ErrorSummary form=form.clone() />
        <form method="post" action="/beheer/regelingen/nieuw" novalidate class="scheme-form">
            <CsrfField />
            <SchemeFields form=form new=true />
            <button type="submit" class="button">{td_string!(locale, catalogue.create_submit)}</button>
        </form>
    }
    .into_any()
}

/// `/beheer/regelingen/bewerk?id=`: one scheme's form, its retirement and its history.
#[component]
pub fn SchemeEditPage() -> impl IntoView {
    let locale = current_locale();
    let posted = use_form_state();
    let Some(view) = use_context::<CatalogueAdminView>() else {
        return view! { <crate::account::NotAllowed /> }.into_any();
    };
    let Some(current) = scheme_in_view(&view, &posted) else {
        return view! {
            <PageIntro title=td_string!(locale, catalogue.missing_title) intro=td_string!(locale, catalogue.missing) />
            <p><a href="/beheer/regelingen">{td_string!(locale, catalogue.back)}</a></p>
        }
        .into_any();
    };
    let mut form = posted.clone();
    if form.values.is_empty() {
        for (field, value) in &current.fields {
            form.values.insert(field.clone(), value.clone());
        }
        form.values
            .insert("versie".into(), current.fingerprint.clone());
    }
    let id = current.scheme.id.clone();
    let action = format!("/beheer/regelingen/bewerk?id={id}");
    let public = format!("/subsidies/{id}");
    let history: Vec<RevisionRow> = view
        .revisions
        .iter()
        .filter(|r| r.scheme_id == id)
        .cloned()
        .collect();
    let words = if locale == Locale::en {
        current.criteria_en.clone()
    } else {
        current.criteria_nl.clone()
    };
    let ended = current.availability == "gestopt";
    view! {
        <PageIntro title=td_string!(locale, catalogue.edit_title) intro=td_string!(locale, catalogue.edit_intro) />
        <p><a href="/beheer/regelingen">{td_string!(locale, catalogue.back)}</a>" · "<a href=public>{td_string!(locale, catalogue.public_page)}</a></p>
        <h2 class="scheme-name">{current.scheme.name.clone()}</h2>
        <ErrorSummary form=form.clone() />
        <form method="post" action=action novalidate class="scheme-form">
            <CsrfField />
            <input type="hidden" name="id" value=id.clone() />
            <input type="hidden" name="versie" value=form.value("versie") />
            <SchemeFields form=form.clone() new=false words=words />
            <button type="submit" class="button">{td_string!(locale, catalogue.save_submit)}</button>
        </form>
        {(!ended).then(|| view! {
            <h2 id="beeindigen">{td_string!(locale, catalogue.retire_heading)}</h2>
            <p>{td_string!(locale, catalogue.retire_intro)}</p>
            <form method="post" action="/beheer/regelingen/beeindigen" novalidate>
                <CsrfField />
                <input type="hidden" name="id" value=id.clone() />
                <input type="hidden" name="versie" value=current.fingerprint.clone() />
                <button type="submit" class="button button-secondary">{td_string!(locale, catalogue.retire_submit)}</button>
            </form>
        })}
        <h2 id="geschiedenis">{td_string!(locale, catalogue.history_heading)}</h2>
        {if history.is_empty() {
            view! { <p>{td_string!(locale, catalogue.history_none)}</p> }.into_any()
        } else {
            view! {
                <ul class="history">
                    {history.into_iter().map(|r| view! {
                        <li>
                            {format!("{} · {} · {}", r.at, action_label(locale, &r.action), r.by.unwrap_or_else(|| td_string!(locale, catalogue.by_import).to_string()))}
                            <br /><small>{td_string!(locale, catalogue.fields_changed)}" "<code>{r.changed}</code></small>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
    .into_any()
}

fn action_label(locale: Locale, action: &str) -> &'static str {
    match action {
        "created" => td_string!(locale, catalogue.a_created),
        "retired" => td_string!(locale, catalogue.a_retired),
        "imported" => td_string!(locale, catalogue.a_imported),
        _ => td_string!(locale, catalogue.a_edited),
    }
}

/// A field's label (the CSV column's name is shown beside it for coordinators who work with
/// the file too).
fn label(locale: Locale, field: &str) -> String {
    let words = match field {
        "id" => td_string!(locale, catalogue.l_id),
        "name" => td_string!(locale, catalogue.l_name),
        "official_name" => td_string!(locale, catalogue.l_official_name),
        "provider" => td_string!(locale, catalogue.l_provider),
        "audience" => td_string!(locale, catalogue.l_audience),
        "support" => td_string!(locale, catalogue.l_support),
        "summary_nl" => td_string!(locale, catalogue.l_summary_nl),
        "summary_en" => td_string!(locale, catalogue.l_summary_en),
        "apply_nl" => td_string!(locale, catalogue.l_apply_nl),
        "apply_en" => td_string!(locale, catalogue.l_apply_en),
        "apply_url" => td_string!(locale, catalogue.l_apply_url),
        "windows" => td_string!(locale, catalogue.l_windows),
        "valid_from" => td_string!(locale, catalogue.l_valid_from),
        "valid_until" => td_string!(locale, catalogue.l_valid_until),
        "status" => td_string!(locale, catalogue.l_status),
        "status_note_nl" => td_string!(locale, catalogue.l_status_note_nl),
        "status_note_en" => td_string!(locale, catalogue.l_status_note_en),
        "verification" => td_string!(locale, catalogue.l_verification),
        "sources" => td_string!(locale, catalogue.l_sources),
        "secondary_sources" => td_string!(locale, catalogue.l_secondary_sources),
        "criteria" => td_string!(locale, catalogue.l_criteria),
        "money" => td_string!(locale, catalogue.l_money),
        "stacking" => td_string!(locale, catalogue.l_stacking),
        "purpose" => td_string!(locale, catalogue.l_purpose),
        "payment" => td_string!(locale, catalogue.l_payment),
        "capacity" => td_string!(locale, catalogue.l_capacity),
        "indicative" => td_string!(locale, catalogue.l_indicative),
        "notes_nl" => td_string!(locale, catalogue.l_notes_nl),
        _ => td_string!(locale, catalogue.l_notes_en),
    };
    format!("{words} ({field})")
}

/// Fields written as JSON: shown in a wide monospace box with an example.
const JSON_FIELDS: &[&str] = &[
    "windows", "criteria", "money", "stacking", "payment", "capacity",
];
const SELECT_FIELDS: &[&str] = &["audience", "support", "status", "verification", "purpose"];
const LONG_FIELDS: &[&str] = &[
    "summary_nl",
    "summary_en",
    "apply_nl",
    "apply_en",
    "status_note_nl",
    "status_note_en",
    "sources",
    "secondary_sources",
    "notes_nl",
    "notes_en",
];

fn hint(locale: Locale, field: &str) -> Option<&'static str> {
    Some(match field {
        "id" => td_string!(locale, catalogue.h_id),
        "valid_from" | "valid_until" => td_string!(locale, catalogue.h_date),
        "sources" | "secondary_sources" => td_string!(locale, catalogue.h_sources),
        "windows" => td_string!(locale, catalogue.h_windows),
        "criteria" => td_string!(locale, catalogue.h_criteria),
        "money" => td_string!(locale, catalogue.h_money),
        "stacking" => td_string!(locale, catalogue.h_stacking),
        "payment" => td_string!(locale, catalogue.h_payment),
        "capacity" => td_string!(locale, catalogue.h_capacity),
        _ => return None,
    })
}

/// Every field of a scheme, in the order of `FIELDS`, grouped for reading.
#[component]
fn SchemeFields(form: FormState, new: bool, #[prop(optional)] words: Vec<String>) -> impl IntoView {
    let locale = current_locale();
    FIELDS
        .iter()
        .copied()
        .map(|field| {
            let form = form.clone();
            let text = label(locale, field);
            let detail = form.value(&format!("{field}__detail"));
            let detail = (!detail.is_empty()).then(|| view! {
                <p class="parser-detail"><code>{detail}</code></p>
            });
            let field_view = if field == "id" && !new {
                ().into_any()
            } else if field == "indicative" {
                view! { <Checkbox form=form name=field value="true" label=text /> }.into_any()
            } else if SELECT_FIELDS.contains(&field) {
                view! {
                    <Select form=form name=field label=text placeholder=td_string!(locale, catalogue.choose) options=choices(locale, field) />
                }
                .into_any()
            } else if JSON_FIELDS.contains(&field) {
                view! {
                    <div class="json-field">
                        <TextArea form=form name=field label=text hint=hint(locale, field).unwrap_or_default() rows=6 maxlength=20000 />
                    </div>
                }
                .into_any()
            } else if LONG_FIELDS.contains(&field) {
                match hint(locale, field) {
                    Some(h) => view! { <TextArea form=form name=field label=text hint=h rows=3 maxlength=4000 /> }.into_any(),
                    None => view! { <TextArea form=form name=field label=text rows=3 maxlength=4000 /> }.into_any(),
                }
            } else {
                match hint(locale, field) {
                    Some(h) => view! { <Field form=form name=field label=text hint=h /> }.into_any(),
                    None => view! { <Field form=form name=field label=text /> }.into_any(),
                }
            };
            let plain = (field == "criteria" && !words.is_empty()).then(|| view! {
                <div class="criteria-words">
                    <p>{td_string!(locale, catalogue.criteria_now)}</p>
                    <ul>{words.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
                </div>
            });
            view! { {field_view}{detail}{plain} }.into_any()
        })
        .collect_view()
}
