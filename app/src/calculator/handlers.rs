//! The server side of the aanmeldformulier and the coordinators' queue (feature `ssr`). Same
//! pattern as the account forms: CSRF and rate limit first, every field validated, one `store`
//! call (one transaction), then a 303 — or the form again with the input kept and a message per
//! field.
use axum::extract::State;
use axum::routing::post;
use axum::Router;
use http::StatusCode;

use super::store::{self as applications, NewApplication};
use crate::domain::account::Role;
use crate::domain::calculator::{Profile, FIELDS};
use crate::server::form::{contact_details, invalid, require_role, see_other, LimitedPost, Posted};
use crate::server::pages::{provide, GuardedPage, PageData, Queue};
use crate::server::render::{failure_response, Handled, Stop};
use crate::server::{AppState, DbError};

use super::ApplicationsView;

/// The calculator's page behind a login: the coordinators' queue of applications.
pub static PAGES: &[GuardedPage] = &[GuardedPage {
    path: "/beheer/aanmeldingen",
    roles: Some(Role::STAFF),
    load: |state, _, _| {
        Box::pin(async move {
            let view = queue_view(&state).await?;
            Ok::<PageData, DbError>(provide(view))
        })
    },
}];

/// The calculator's queue on the beheer start page: applications not yet handled.
pub static QUEUES: &[Queue] = &[Queue {
    path: "/beheer/aanmeldingen",
    title: (
        "Aanmeldingen uit de scholingscalculator",
        "Applications from the training calculator",
    ),
    open: |state| Box::pin(async move { applications::open_count(&state.db).await }),
}];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/scholingscalculator/aanmelden", post(apply))
        .route("/beheer/aanmeldingen/afhandelen", post(mark_handled))
}

/// The aanmeldformulier: stores the application, e-mails a confirmation, shows the reference.
async fn apply(State(state): State<AppState>, LimitedPost(sub): LimitedPost) -> Handled {
    let locale = sub.locale();
    let mut form = sub.kept();
    let catalogue = state.catalogue.get();
    let scheme = catalogue
        .scheme(sub.get("regeling"))
        .filter(|s| !s.has_ended(crate::domain::date::Date::today()));
    let Some(scheme) = scheme else {
        form.add_error("regeling", "scheme_unavailable");
        return Err(invalid(&state, &sub, form).await);
    };
    let contact = contact_details(&sub, &mut form);
    let question = sub.get("vraag").trim().to_string();
    if question.chars().count() > 1000 {
        form.add_error("vraag", "too_long");
    }
    if sub.get("toestemming") != "ja" {
        form.add_error("toestemming", "consent_required");
    }
    // The answers are re-read and written back canonically: nothing but calculator answers.
    let answers_raw: Vec<(String, String)> =
        serde_urlencoded::from_str(sub.get("antwoorden")).unwrap_or_default();
    let (profile, _) = Profile::from_pairs(
        answers_raw
            .iter()
            .filter(|(k, _)| FIELDS.contains(&k.as_str()))
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );
    let answers = super::share_query(&profile);
    let Some(contact) = contact.filter(|_| !form.has_errors()) else {
        return Err(invalid(&state, &sub, form).await);
    };
    let language = sub
        .parts
        .extensions
        .get::<crate::domain::locale::RequestLang>()
        .map(|l| l.0.to_string())
        .unwrap_or_else(|| "nl".into());
    let new = NewApplication {
        scheme_id: &scheme.id,
        name: &contact.name,
        email: contact.email.as_deref(),
        phone: contact.phone.as_deref(),
        preferred_contact: contact.preferred,
        question: &question,
        answers: &answers,
        language: &language,
    };
    let reference = applications::receive(&state, &new, &scheme.name, locale).await?;
    // The monitor's count: the applicant's sector, else the scheme's when it has one; the
    // gemeente of the answers.
    let sector = profile.sector.clone().or_else(|| scheme_sector(scheme));
    let gemeente = match &profile.place {
        Some(crate::domain::calculator::Place::Gemeente(code)) => code.as_str(),
        _ => "",
    };
    state.tallies.add(
        "application",
        sector.as_deref().unwrap_or_default(),
        gemeente,
    );
    Ok(see_other(&format!(
        "/scholingscalculator/aangemeld?referentie={reference}"
    )))
}

/// The one sector a scheme is for, if its criteria name exactly one.
fn scheme_sector(scheme: &crate::domain::schemes::Scheme) -> Option<String> {
    scheme.criteria.iter().find_map(|c| match c {
        crate::domain::schemes::Criterion::Sector { any_of } if any_of.len() == 1 => {
            any_of.first().cloned()
        }
        _ => None,
    })
}

/// What the queue page shows: the applications and the schemes they are for.
async fn queue_view(state: &AppState) -> Result<ApplicationsView, DbError> {
    let rows = applications::queue(&state.db).await?;
    let catalogue = state.catalogue.get();
    Ok(ApplicationsView {
        rows,
        schemes: catalogue
            .schemes
            .iter()
            .map(|s| (s.id.clone(), s.name.clone(), s.capacity.is_some()))
            .collect(),
        retention_days: state.site.application_retention_days,
    })
}

/// Marks an application handled (optionally: a place granted).
async fn mark_handled(State(state): State<AppState>, Posted(sub): Posted) -> Handled {
    let user = require_role(&sub, Role::STAFF)?;
    let Ok(id) = sub.get("id").parse::<i64>() else {
        return Err(Stop(failure_response(StatusCode::BAD_REQUEST)));
    };
    let granted = sub.get("toegekend") == "ja";
    if !applications::mark_handled(&state, id, user.user_id, granted).await? {
        return Err(Stop(failure_response(StatusCode::NOT_FOUND)));
    }
    if granted {
        // The place granted shows in the catalogue's capacity at once.
        crate::catalogue::reload(&state).await?;
    }
    Ok(see_other("/beheer/aanmeldingen"))
}

#[cfg(test)]
mod tests {
    use crate::domain::account::parse_phone;

    #[test]
    fn phone_numbers() {
        assert!(parse_phone("038 123 45 67").is_ok());
        assert!(parse_phone("+31 6 12345678").is_ok());
        assert!(parse_phone("06-12345678").is_ok());
        assert_eq!(parse_phone("12345"), Err("phone_invalid"));
        assert_eq!(parse_phone("06 1234 567a"), Err("phone_invalid"));
        assert_eq!(parse_phone("31+612345678"), Err("phone_invalid"));
    }
}
