//! The server side of the account forms (feature `ssr`). Each handler: CSRF token and rate
//! limit first, then validation of every field, then one transaction, then a 303 redirect —
//! or the same page again with the input kept and a message per field.
use std::collections::HashMap;
use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http::{header, request::Parts, HeaderValue, StatusCode};
use sqlx::Row;

use crate::domain::account::{parse_email, parse_kvk, parse_text, Role, SECTORS};
use crate::forms::{CsrfToken, FormState, CSRF_FIELD};
use crate::server::auth::{self, cookie_value, CurrentUser, TokenPurpose};
use crate::server::outbox::{self, Email};
use crate::server::render::render_with;
use crate::server::{audit, AppState, DbError};
use leptos::prelude::provide_context;

use super::{AccountView, AuditRow, UserRow};

/// Pages rendered by the handlers here (their data is loaded before rendering, in one pass):
/// they are left out of the Leptos route list so that their GET handlers are these.
pub const SERVER_PAGES: &[&str] = &["/account", "/beheer/gebruikers", "/beheer/audit"];

/// The account routes that take form posts (their pages are ordinary app routes).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/account", get(account_page))
        .route("/beheer/gebruikers", get(users_page))
        .route("/beheer/audit", get(audit_page))
        .route("/registreren", post(register))
        .route("/bevestigen", post(confirm))
        .route("/inloggen", post(login))
        .route("/uitloggen", post(logout))
        .route("/wachtwoord-vergeten", post(forgot_password))
        .route("/wachtwoord-herstellen", post(reset_password))
        .route("/account/gegevens", get(download))
        .route("/account/wachtwoord", post(change_password))
        .route("/account/uitnodigen", post(invite))
        .route("/account/verwijderen", post(delete_account))
        .route("/uitnodiging", post(join))
        .route("/beheer/gebruikers", post(admin_create_coordinator))
        .route("/beheer/gebruikers/status", post(admin_set_disabled))
}

/// A submitted form: the request head and the fields.
pub(crate) struct Submission {
    pub(crate) parts: Parts,
    pub(crate) fields: HashMap<String, String>,
}

impl Submission {
    pub(crate) fn get(&self, name: &str) -> &str {
        self.fields.get(name).map(String::as_str).unwrap_or("")
    }

    /// The values to show again: everything but passwords and the CSRF token.
    pub(crate) fn kept(&self) -> FormState {
        let values = self
            .fields
            .iter()
            .filter(|(k, _)| !k.contains("password") && k.as_str() != CSRF_FIELD)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        FormState {
            values,
            errors: Vec::new(),
        }
    }

    pub(crate) fn client_ip(&self) -> String {
        self.parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ci| ci.0.ip().to_string())
            .unwrap_or_else(|| "unknown".into())
    }

    pub(crate) fn current_user(&self) -> Option<&CurrentUser> {
        self.parts.extensions.get::<CurrentUser>()
    }

    fn cookie(&self, name: &str) -> Option<String> {
        cookie_value(&self.parts.headers, name).map(str::to_owned)
    }
}

/// The fields of an `application/x-www-form-urlencoded` body, each value cleaned of control
/// characters ([`crate::forms::clean_input`]). `None` when a name or value is not UTF-8: a
/// browser never sends that, and guessing (replacement characters) would store garbage.
fn parse_form(body: &[u8]) -> Option<HashMap<String, String>> {
    let decode = |part: &[u8]| -> Option<String> {
        let spaced: Vec<u8> = part
            .iter()
            .map(|&b| if b == b'+' { b' ' } else { b })
            .collect();
        percent_encoding::percent_decode(&spaced)
            .decode_utf8()
            .ok()
            .map(|text| crate::forms::clean_input(&text))
    };
    let mut fields = HashMap::new();
    for pair in body.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        let mut halves = pair.splitn(2, |&b| b == b'=');
        let name = decode(halves.next().unwrap_or_default())?;
        let value = decode(halves.next().unwrap_or_default())?;
        fields.insert(name, value);
    }
    Some(fields)
}

/// Reads a form post. Refuses (403) a post whose CSRF token is not this browser's.
pub(crate) async fn read_form(request: Request) -> Result<Submission, Response> {
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .map_err(|_| (StatusCode::PAYLOAD_TOO_LARGE, "form too large").into_response())?;
    let fields = parse_form(&bytes)
        .ok_or_else(|| (StatusCode::BAD_REQUEST, "unreadable form").into_response())?;
    let expected = parts
        .extensions
        .get::<CsrfToken>()
        .map(|t| t.0.as_str())
        .unwrap_or("");
    let sent = fields.get(CSRF_FIELD).map(String::as_str).unwrap_or("");
    if expected.is_empty() || !constant_time_eq(expected.as_bytes(), sent.as_bytes()) {
        return Err(forbidden());
    }
    Ok(Submission { parts, fields })
}

/// Reads a public form post ([`read_form`]) and applies the per-IP form rate limit (429).
pub(crate) async fn read_limited_form(
    state: &AppState,
    request: Request,
) -> Result<Submission, Response> {
    let sub = read_form(request).await?;
    if state
        .limits
        .forms_per_ip
        .check_key(&sub.client_ip())
        .is_err()
    {
        return Err(too_many(state, sub).await);
    }
    Ok(sub)
}

pub fn forbidden() -> Response {
    (
        StatusCode::FORBIDDEN,
        "Forbidden: this form was not sent from Huis van Werk.",
    )
        .into_response()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// 303 See Other: after a post, the browser GETs the next page.
pub(crate) fn see_other(location: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, location.to_string())],
    )
        .into_response()
}

async fn again(state: &AppState, sub: Submission, form: FormState, status: StatusCode) -> Response {
    render_known(state, sub.parts, form, status).await
}

/// Renders the page at `parts.uri` with `form`, loading the data the server-rendered pages
/// (`SERVER_PAGES`) show.
async fn render_known(
    state: &AppState,
    parts: Parts,
    form: FormState,
    status: StatusCode,
) -> Response {
    let user = parts.extensions.get::<CurrentUser>().cloned();
    let path = parts.uri.path().to_string();
    let data = match (path.as_str(), &user) {
        ("/account", Some(user)) => account_view(state, user).await.map(PageData::Account),
        ("/beheer/gebruikers", Some(user)) if user.role == Role::Admin => {
            users(state).await.map(PageData::Users)
        }
        ("/beheer/audit", Some(user)) if user.role == Role::Admin => {
            audit(state).await.map(PageData::Audit)
        }
        _ => Ok(PageData::Nothing),
    };
    match data {
        Ok(data) => {
            render_with(state, parts, status, move || {
                provide_context(form.clone());
                match &data {
                    PageData::Account(view) => provide_context(view.clone()),
                    PageData::Users(rows) => provide_context(rows.clone()),
                    PageData::Audit(rows) => provide_context(rows.clone()),
                    PageData::Nothing => {}
                }
            })
            .await
        }
        Err(e) => internal(e),
    }
}

/// What a server-rendered page shows.
#[derive(Clone)]
enum PageData {
    Account(AccountView),
    Users(Vec<UserRow>),
    Audit(Vec<AuditRow>),
    Nothing,
}

/// GET of a server-rendered page: anonymous visitors go to the login page, `roles` (when
/// given) may see it, others get the page's "no access" view with 403.
async fn server_page(state: AppState, request: Request, roles: Option<&[Role]>) -> Response {
    let (parts, _) = request.into_parts();
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return (StatusCode::FOUND, [(header::LOCATION, "/inloggen")]).into_response();
    };
    let status = match roles {
        Some(roles) if !roles.contains(&user.role) => StatusCode::FORBIDDEN,
        _ => StatusCode::OK,
    };
    render_known(&state, parts, FormState::default(), status).await
}

async fn account_page(State(state): State<AppState>, request: Request) -> Response {
    server_page(state, request, None).await
}

async fn users_page(State(state): State<AppState>, request: Request) -> Response {
    server_page(state, request, Some(&[Role::Admin])).await
}

async fn audit_page(State(state): State<AppState>, request: Request) -> Response {
    server_page(state, request, Some(&[Role::Admin])).await
}

/// The page that holds the form, again, when the form posts to another path.
async fn again_on(
    state: &AppState,
    mut sub: Submission,
    page: &'static str,
    form: FormState,
    status: StatusCode,
) -> Response {
    sub.parts.uri = http::Uri::from_static(page);
    render_known(state, sub.parts, form, status).await
}

/// Too many posts from this client: the form again, with the reason, as a 429.
async fn too_many(state: &AppState, sub: Submission) -> Response {
    let mut form = sub.kept();
    form.add_error("form", "rate_limited");
    again(state, sub, form, StatusCode::TOO_MANY_REQUESTS).await
}

pub(crate) use crate::server::render::internal;

fn link(state: &AppState, path: &str, token: &str) -> String {
    format!("{}{path}?token={token}", state.site.public_url)
}

/// Sign-up of an employer organisation and its first user.
async fn register(State(state): State<AppState>, request: Request) -> Response {
    let sub = match read_limited_form(&state, request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let mut form = sub.kept();
    let org_name = parse_text(sub.get("org_name"), 200)
        .map_err(|e| form.add_error("org_name", e))
        .ok();
    let kvk = parse_kvk(sub.get("kvk"))
        .map_err(|e| form.add_error("kvk", e))
        .ok();
    let gemeente = match sub.get("gemeente") {
        "" => {
            form.add_error("gemeente", "choose_one");
            None
        }
        "elders" => Some(None),
        code if crate::domain::region::gemeente(code).is_some() => Some(Some(code.to_string())),
        _ => {
            form.add_error("gemeente", "choose_one");
            None
        }
    };
    let sector = match sub.get("sector") {
        s if SECTORS.contains(&s) => Some(s.to_string()),
        _ => {
            form.add_error("sector", "choose_one");
            None
        }
    };
    let erkend = match sub.get("erkend") {
        "ja" => Some(true),
        "nee" => Some(false),
        _ => {
            form.add_error("erkend", "choose_one");
            None
        }
    };
    let name = parse_text(sub.get("name"), 200)
        .map_err(|e| form.add_error("name", e))
        .ok();
    let email = parse_email(sub.get("email"))
        .map_err(|e| form.add_error("email", e))
        .ok();
    let password = sub.get("password").to_string();
    if let Err(e) = auth::check_password_strength(
        &password,
        &[sub.get("email"), sub.get("name"), sub.get("org_name")],
    ) {
        form.add_error("password", e);
    }
    if let Some(kvk) = &kvk {
        match sqlx::query("SELECT 1 FROM organisations WHERE kvk = $1")
            .bind(kvk)
            .fetch_optional(state.db.pool())
            .await
        {
            Ok(Some(_)) => form.add_error("kvk", "kvk_taken"),
            Ok(None) => {}
            Err(e) => return internal(e),
        }
    }
    let (
        Some(org_name),
        Some(kvk),
        Some(gemeente),
        Some(sector),
        Some(erkend),
        Some(name),
        Some(email),
    ) = (org_name, kvk, gemeente, sector, erkend, name, email)
    else {
        return again(&state, sub, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    if form.has_errors() {
        return again(&state, sub, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    }

    let hash = match auth::hash_password(password).await {
        Ok(hash) => hash,
        Err(e) => return internal(e),
    };
    let result: Result<(), DbError> = async {
        let mut tx = state.db.pool().begin().await?;
        let existing = sqlx::query("SELECT id FROM users WHERE email = $1").bind(&email).fetch_optional(&mut *tx).await?;
        if existing.is_some() {
            // Never reveal that an address has an account: tell its owner instead.
            outbox::enqueue(
                &mut tx,
                &Email {
                    recipient: email.clone(),
                    subject: "Aanmelding bij Huis van Werk".into(),
                    body: format!(
                        "Iemand probeerde een account aan te maken met dit e-mailadres, maar er is al een account.\n\
                         Wachtwoord vergeten? {}/wachtwoord-vergeten\n\nSomeone tried to sign up with this address, \
                         which already has an account.",
                        state.site.public_url
                    ),
                },
            )
            .await?;
            tx.commit().await?;
            return Ok(());
        }
        let now = auth::now();
        let org_id: i64 = sqlx::query(
            "INSERT INTO organisations (name, kvk, gemeente_code, sector, erkend_leerbedrijf, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&org_name)
        .bind(&kvk)
        .bind(gemeente.as_deref())
        .bind(&sector)
        .bind(erkend)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let user_id: i64 = sqlx::query(
            "INSERT INTO users (organisation_id, role, name, email, password_hash, created_at) \
             VALUES ($1, 'employer', $2, $3, $4, $5) RETURNING id",
        )
        .bind(org_id)
        .bind(&name)
        .bind(&email)
        .bind(&hash)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let token = auth::issue_token(&mut tx, TokenPurpose::ConfirmEmail, Some(user_id), None, None).await?;
        outbox::enqueue(
            &mut tx,
            &Email {
                recipient: email.clone(),
                subject: "Bevestig uw e-mailadres voor Huis van Werk".into(),
                body: format!(
                    "Welkom bij Huis van Werk.\n\nBevestig uw e-mailadres via deze link (48 uur geldig):\n{}\n\n\
                     Confirm your e-mail address with the link above (valid for 48 hours).",
                    link(&state, "/bevestigen", &token)
                ),
            },
        )
        .await?;
        audit::record(&mut tx, Some(user_id), "account_created", Some(user_id), Some(org_id)).await?;
        tx.commit().await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => see_other("/inloggen?melding=bevestig-email"),
        Err(DbError::Query(e)) if is_unique_violation(&e) => {
            // A parallel sign-up took the KvK number between the check and the insert.
            form.add_error("kvk", "kvk_taken");
            again(&state, sub, form, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => internal(e),
    }
}

fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// Confirms an e-mail address with the token from the link (a POST: no state changes on GET).
async fn confirm(State(state): State<AppState>, request: Request) -> Response {
    let sub = match read_limited_form(&state, request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let token = sub.get("token").to_string();
    let result: Result<bool, DbError> = async {
        let mut tx = state.db.pool().begin().await?;
        let Some(claim) = auth::redeem_token(&mut tx, TokenPurpose::ConfirmEmail, &token).await?
        else {
            return Ok(false);
        };
        sqlx::query(
            "UPDATE users SET email_confirmed_at = $1 WHERE id = $2 AND email_confirmed_at IS NULL",
        )
        .bind(auth::now())
        .bind(claim.user_id)
        .execute(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            claim.user_id,
            "email_confirmed",
            claim.user_id,
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
    .await;
    match result {
        Ok(true) => see_other("/inloggen?melding=bevestigd"),
        Ok(false) => {
            let mut form = sub.kept();
            form.add_error("token", "token_invalid");
            again(&state, sub, form, StatusCode::BAD_REQUEST).await
        }
        Err(e) => internal(e),
    }
}

/// Logs in: a new session id (rotation), and a new CSRF token.
async fn login(State(state): State<AppState>, request: Request) -> Response {
    let sub = match read_form(request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let email_input = sub.get("email").trim().to_lowercase();
    if state
        .limits
        .login_per_ip
        .check_key(&sub.client_ip())
        .is_err()
        || state
            .limits
            .login_per_account
            .check_key(&auth::digest(&email_input))
            .is_err()
    {
        return too_many(&state, sub).await;
    }
    let mut form = sub.kept();
    let email = parse_email(&email_input)
        .map_err(|e| form.add_error("email", e))
        .ok();
    let password = sub.get("password").to_string();
    if password.is_empty() {
        form.add_error("password", "password_required");
    }
    let Some(email) = email.filter(|_| !form.has_errors()) else {
        return again(&state, sub, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let row = match sqlx::query(
        "SELECT id, password_hash, email_confirmed_at, disabled_at FROM users WHERE email = $1",
    )
    .bind(&email)
    .fetch_optional(state.db.pool())
    .await
    {
        Ok(row) => row,
        Err(e) => return internal(e),
    };
    let (user_id, hash, confirmed, disabled) = match &row {
        Some(r) => (
            r.try_get::<i64, _>(0).ok(),
            r.try_get::<String, _>(1).unwrap_or_default(),
            r.try_get::<Option<i64>, _>(2).ok().flatten(),
            r.try_get::<Option<i64>, _>(3).ok().flatten(),
        ),
        None => (None, auth::dummy_hash().await, None, None),
    };
    let password_ok = auth::verify_password(password, hash).await;
    let user_id = match user_id {
        Some(id) if password_ok && disabled.is_none() => id,
        _ => {
            form.add_error("email", "login_failed");
            return again(&state, sub, form, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    if confirmed.is_none() {
        form.add_error("email", "email_unconfirmed");
        return again(&state, sub, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let previous = sub.cookie(state.site.session_cookie());
    let session = match auth::start_session(&state.db, user_id, previous.as_deref()).await {
        Ok(id) => id,
        Err(e) => return internal(e),
    };
    let mut response = see_other("/account");
    set_cookie(
        &mut response,
        &format!(
            "{}={session}; {}",
            state.site.session_cookie(),
            state.site.cookie_attributes()
        ),
    );
    set_cookie(
        &mut response,
        &format!(
            "{}={}; {}",
            state.site.csrf_cookie(),
            state.site.csrf_key.new_token(),
            state.site.cookie_attributes()
        ),
    );
    response
}

fn set_cookie(response: &mut Response, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

/// Logs out: the session ends on the server and the cookie is cleared.
async fn logout(State(state): State<AppState>, request: Request) -> Response {
    let sub = match read_form(request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    if let Some(user) = sub.current_user() {
        if let Err(e) = auth::end_session(&state.db, &user.session_digest).await {
            return internal(e);
        }
    }
    let mut response = see_other("/inloggen?melding=uitgelogd");
    set_cookie(
        &mut response,
        &format!(
            "{}=; Max-Age=0; {}",
            state.site.session_cookie(),
            state.site.cookie_attributes()
        ),
    );
    response
}

/// How long the forgot-password answer takes at least. Sending a link writes a token and an
/// e-mail; an unknown address writes nothing. Without a floor the answer's timing would tell
/// whether an address has an account.
const FORGOT_PASSWORD_FLOOR: std::time::Duration = std::time::Duration::from_millis(250);

/// Sends a reset link when the address has an enabled account; says the same either way, and
/// takes the same time either way ([`FORGOT_PASSWORD_FLOOR`]).
async fn forgot_password(State(state): State<AppState>, request: Request) -> Response {
    let started = tokio::time::Instant::now();
    let response = send_reset_link(state, request).await;
    tokio::time::sleep_until(started + FORGOT_PASSWORD_FLOOR).await;
    response
}

async fn send_reset_link(state: AppState, request: Request) -> Response {
    let sub = match read_limited_form(&state, request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let mut form = sub.kept();
    let Ok(email) = parse_email(sub.get("email")).map_err(|e| form.add_error("email", e)) else {
        return again(&state, sub, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let result: Result<(), DbError> = async {
        let mut tx = state.db.pool().begin().await?;
        let row = sqlx::query("SELECT id FROM users WHERE email = $1 AND disabled_at IS NULL")
            .bind(&email)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(row) = row {
            let user_id: i64 = row.try_get(0)?;
            let token = auth::issue_token(&mut tx, TokenPurpose::ResetPassword, Some(user_id), None, None).await?;
            outbox::enqueue(
                &mut tx,
                &Email {
                    recipient: email.clone(),
                    subject: "Nieuw wachtwoord voor Huis van Werk".into(),
                    body: format!(
                        "Kies een nieuw wachtwoord via deze link (1 uur geldig, één keer te gebruiken):\n{}\n\n\
                         Choose a new password with the link above (valid for 1 hour, once).\n\
                         Niet aangevraagd? Dan hoeft u niets te doen.",
                        link(&state, "/wachtwoord-herstellen", &token)
                    ),
                },
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => see_other("/wachtwoord-vergeten?melding=link-verstuurd"),
        Err(e) => internal(e),
    }
}

/// Sets a new password with a reset token; ends every session of that account.
async fn reset_password(State(state): State<AppState>, request: Request) -> Response {
    let sub = match read_limited_form(&state, request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let mut form = sub.kept();
    let token = sub.get("token").to_string();
    let claim = match auth::peek_token(&state.db, TokenPurpose::ResetPassword, &token).await {
        Ok(claim) => claim,
        Err(e) => return internal(e),
    };
    let Some(user_id) = claim.and_then(|c| c.user_id) else {
        form.add_error("password", "token_invalid");
        return again(&state, sub, form, StatusCode::BAD_REQUEST).await;
    };
    let password = sub.get("password").to_string();
    let email: String = match sqlx::query("SELECT email FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(state.db.pool())
        .await
    {
        Ok(row) => row.try_get(0).unwrap_or_default(),
        Err(e) => return internal(e),
    };
    if let Err(e) = auth::check_password_strength(&password, &[&email]) {
        form.add_error("password", e);
        return again(&state, sub, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let hash = match auth::hash_password(password).await {
        Ok(hash) => hash,
        Err(e) => return internal(e),
    };
    let result: Result<bool, DbError> = async {
        let mut tx = state.db.pool().begin().await?;
        if auth::redeem_token(&mut tx, TokenPurpose::ResetPassword, &token)
            .await?
            .is_none()
        {
            return Ok(false);
        }
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(&hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        auth::void_tokens(&mut tx, TokenPurpose::ResetPassword, user_id).await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            Some(user_id),
            "password_reset",
            Some(user_id),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
    .await;
    match result {
        Ok(true) => see_other("/inloggen?melding=wachtwoord-gewijzigd"),
        Ok(false) => {
            form.add_error("password", "token_invalid");
            again(&state, sub, form, StatusCode::BAD_REQUEST).await
        }
        Err(e) => internal(e),
    }
}

async fn account_view(state: &AppState, user: &CurrentUser) -> Result<AccountView, DbError> {
    let row = sqlx::query(
        "SELECT u.name, u.email, u.role, o.name, o.kvk FROM users u \
         LEFT JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1",
    )
    .bind(user.user_id)
    .fetch_one(state.db.pool())
    .await?;
    Ok(AccountView {
        name: row.try_get(0)?,
        email: row.try_get(1)?,
        role: row.try_get(2)?,
        organisation: row.try_get(3)?,
        kvk: row.try_get(4)?,
    })
}

/// Everything held about the logged-in user, as a JSON download.
async fn download(State(state): State<AppState>, request: Request<Body>) -> Response {
    let Some(user) = request.extensions().get::<CurrentUser>().cloned() else {
        return see_other("/inloggen");
    };
    let view = match account_view(&state, &user).await {
        Ok(view) => view,
        Err(e) => return internal(e),
    };
    let body = serde_json::json!({
        "account": { "name": view.name, "email": view.email, "role": view.role },
        "organisation": view.organisation.map(|name| serde_json::json!({ "name": name, "kvk": view.kvk })),
    });
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"huisvanwerk-gegevens.json\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        serde_json::to_string_pretty(&body).unwrap_or_default(),
    )
        .into_response()
}

/// Puts the logged-in user (if any) in the request's extensions; clears a dead session cookie.
pub async fn session_middleware(
    State(state): State<AppState>,
    mut request: Request,
    next: axum::middleware::Next,
) -> Response {
    let name = state.site.session_cookie();
    // Static files and probes need no user: no database round trip for them.
    let path = request.uri().path();
    if path.starts_with("/pkg/") || matches!(path, "/healthz" | "/readyz" | "/favicon.svg") {
        return next.run(request).await;
    }
    let Some(id) = cookie_value(request.headers(), name).map(str::to_owned) else {
        return next.run(request).await;
    };
    match auth::load_session(&state.db, &id, state.site.session).await {
        Ok(Some(user)) => {
            request.extensions_mut().insert(user);
            next.run(request).await
        }
        Ok(None) => {
            let mut response = next.run(request).await;
            set_cookie(
                &mut response,
                &format!("{name}=; Max-Age=0; {}", state.site.cookie_attributes()),
            );
            response
        }
        // The database is down or failing: a public page is still served, to an anonymous
        // visitor (it needs no database); everything else gets the failure page.
        Err(e) if request.method() == http::Method::GET && !is_personal(request.uri().path()) => {
            tracing::warn!(error = %e, "session lookup failed; serving the page anonymously");
            next.run(request).await
        }
        Err(e) => internal(e),
    }
}

/// Pages that only make sense for a logged-in person.
fn is_personal(path: &str) -> bool {
    path == "/account" || path.starts_with("/account/") || path.starts_with("/beheer")
}

/// Why a request was refused: nobody logged in (go to the login page), or the wrong role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    Login,
    Forbidden,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::Login => see_other("/inloggen"),
            Refusal::Forbidden => (
                StatusCode::FORBIDDEN,
                "Forbidden: your role may not do this.",
            )
                .into_response(),
        }
    }
}

/// The logged-in user, or a redirect to the login page.
pub(crate) fn require_user(sub: &Submission) -> Result<CurrentUser, Refusal> {
    sub.current_user().cloned().ok_or(Refusal::Login)
}

/// The logged-in user if their role is one of `roles`; else login (anonymous) or 403.
pub(crate) fn require_role(sub: &Submission, roles: &[Role]) -> Result<CurrentUser, Refusal> {
    let user = require_user(sub)?;
    if roles.contains(&user.role) {
        Ok(user)
    } else {
        Err(Refusal::Forbidden)
    }
}

/// Changes the password of the logged-in user; other sessions of the account end.
async fn change_password(State(state): State<AppState>, request: Request) -> Response {
    let sub = match read_form(request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let user = match require_user(&sub) {
        Ok(user) => user,
        Err(response) => return response.into_response(),
    };
    if state
        .limits
        .login_per_account
        .check_key(&format!("user:{}", user.user_id))
        .is_err()
    {
        return too_many(&state, sub).await;
    }
    let mut form = sub.kept();
    let row = match sqlx::query("SELECT password_hash, email FROM users WHERE id = $1")
        .bind(user.user_id)
        .fetch_one(state.db.pool())
        .await
    {
        Ok(row) => row,
        Err(e) => return internal(e),
    };
    let hash: String = row.try_get(0).unwrap_or_default();
    let email: String = row.try_get(1).unwrap_or_default();
    if !auth::verify_password(sub.get("current_password").to_string(), hash).await {
        form.add_error("current_password", "password_wrong");
    }
    let new_password = sub.get("new_password").to_string();
    if let Err(e) = auth::check_password_strength(&new_password, &[&email]) {
        form.add_error("new_password", e);
    }
    if form.has_errors() {
        return again_on(
            &state,
            sub,
            "/account",
            form,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let hash = match auth::hash_password(new_password).await {
        Ok(hash) => hash,
        Err(e) => return internal(e),
    };
    let result: Result<(), DbError> = async {
        let mut tx = state.db.pool().begin().await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(&hash)
            .bind(user.user_id)
            .execute(&mut *tx)
            .await?;
        auth::void_tokens(&mut tx, TokenPurpose::ResetPassword, user.user_id).await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2")
            .bind(user.user_id)
            .bind(&user.session_digest)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            Some(user.user_id),
            "password_changed",
            Some(user.user_id),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => see_other("/account?melding=wachtwoord-gewijzigd"),
        Err(e) => internal(e),
    }
}

/// An employer invites a colleague to their organisation by e-mail.
async fn invite(State(state): State<AppState>, request: Request) -> Response {
    let sub = match read_form(request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let user = match require_role(&sub, &[Role::Employer]) {
        Ok(user) => user,
        Err(response) => return response.into_response(),
    };
    if state
        .limits
        .forms_per_ip
        .check_key(&sub.client_ip())
        .is_err()
    {
        return too_many(&state, sub).await;
    }
    let mut form = sub.kept();
    let Ok(email) =
        parse_email(sub.get("invite_email")).map_err(|e| form.add_error("invite_email", e))
    else {
        return again_on(
            &state,
            sub,
            "/account",
            form,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let Some(org_id) = user.organisation_id else {
        return forbidden();
    };
    let result: Result<(), DbError> = async {
        let mut tx = state.db.pool().begin().await?;
        let org: String = sqlx::query("SELECT name FROM organisations WHERE id = $1")
            .bind(org_id)
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
        let token = auth::issue_token(&mut tx, TokenPurpose::Invite, None, Some(org_id), Some(&email)).await?;
        outbox::enqueue(
            &mut tx,
            &Email {
                recipient: email.clone(),
                subject: format!("Uitnodiging voor Huis van Werk van {org}"),
                body: format!(
                    "Een collega nodigt u uit om mee te werken aan het account van {org} op Huis van Werk.\n\
                     Maak uw account aan via deze link (7 dagen geldig):\n{}\n\n\
                     A colleague invites you to join {org} on Huis van Werk. Use the link above (valid for 7 days).",
                    link(&state, "/uitnodiging", &token)
                ),
            },
        )
        .await?;
        audit::record(&mut tx, Some(user.user_id), "colleague_invited", None, Some(org_id)).await?;
        tx.commit().await?;
        Ok(())
    }
    .await;
    match result {
        Ok(()) => see_other("/account?melding=uitnodiging-verstuurd"),
        Err(e) => internal(e),
    }
}

/// An invited colleague creates their account: the invitation proves the e-mail address.
async fn join(State(state): State<AppState>, request: Request) -> Response {
    let sub = match read_limited_form(&state, request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let mut form = sub.kept();
    let token = sub.get("token").to_string();
    let claim = match auth::peek_token(&state.db, TokenPurpose::Invite, &token).await {
        Ok(claim) => claim,
        Err(e) => return internal(e),
    };
    let Some((org_id, email)) = claim.and_then(|c| Some((c.organisation_id?, c.email?))) else {
        form.add_error("name", "token_invalid");
        return again(&state, sub, form, StatusCode::BAD_REQUEST).await;
    };
    let name = parse_text(sub.get("name"), 200)
        .map_err(|e| form.add_error("name", e))
        .ok();
    let password = sub.get("password").to_string();
    if let Err(e) = auth::check_password_strength(&password, &[&email, sub.get("name")]) {
        form.add_error("password", e);
    }
    let Some(name) = name.filter(|_| !form.has_errors()) else {
        return again(&state, sub, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let hash = match auth::hash_password(password).await {
        Ok(hash) => hash,
        Err(e) => return internal(e),
    };
    let result: Result<Option<i64>, DbError> = async {
        let mut tx = state.db.pool().begin().await?;
        if auth::redeem_token(&mut tx, TokenPurpose::Invite, &token).await?.is_none() {
            return Ok(None);
        }
        let taken = sqlx::query("SELECT 1 FROM users WHERE email = $1").bind(&email).fetch_optional(&mut *tx).await?;
        if taken.is_some() {
            return Ok(None);
        }
        let now = auth::now();
        let user_id: i64 = sqlx::query(
            "INSERT INTO users (organisation_id, role, name, email, password_hash, email_confirmed_at, created_at) \
             VALUES ($1, 'employer', $2, $3, $4, $5, $5) RETURNING id",
        )
        .bind(org_id)
        .bind(&name)
        .bind(&email)
        .bind(&hash)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        audit::record(&mut tx, Some(user_id), "colleague_joined", Some(user_id), Some(org_id)).await?;
        tx.commit().await?;
        Ok(Some(user_id))
    }
    .await;
    let user_id = match result {
        Ok(Some(id)) => id,
        Ok(None) => {
            form.add_error("name", "token_invalid");
            return again(&state, sub, form, StatusCode::BAD_REQUEST).await;
        }
        Err(e) => return internal(e),
    };
    let previous = sub.cookie(state.site.session_cookie());
    match auth::start_session(&state.db, user_id, previous.as_deref()).await {
        Ok(session) => {
            let mut response = see_other("/account");
            set_cookie(
                &mut response,
                &format!(
                    "{}={session}; {}",
                    state.site.session_cookie(),
                    state.site.cookie_attributes()
                ),
            );
            set_cookie(
                &mut response,
                &format!(
                    "{}={}; {}",
                    state.site.csrf_cookie(),
                    state.site.csrf_key.new_token(),
                    state.site.cookie_attributes()
                ),
            );
            response
        }
        Err(e) => internal(e),
    }
}

/// Deletes the logged-in user's account and every personal row about them: sessions and
/// tokens (by cascade), their e-mails in the outbox, and the organisation when they were its
/// last user. The audit log keeps the ids only.
async fn delete_account(State(state): State<AppState>, request: Request) -> Response {
    let sub = match read_form(request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let user = match require_user(&sub) {
        Ok(user) => user,
        Err(response) => return response.into_response(),
    };
    let mut form = sub.kept();
    let row = match sqlx::query("SELECT password_hash, email FROM users WHERE id = $1")
        .bind(user.user_id)
        .fetch_one(state.db.pool())
        .await
    {
        Ok(row) => row,
        Err(e) => return internal(e),
    };
    let hash: String = row.try_get(0).unwrap_or_default();
    let email: String = row.try_get(1).unwrap_or_default();
    if !auth::verify_password(sub.get("delete_password").to_string(), hash).await {
        form.add_error("delete_password", "password_wrong");
        return again_on(
            &state,
            sub,
            "/account",
            form,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    match delete_user(&state, user.user_id, &email, Some(user.user_id)).await {
        Ok(()) => {
            let mut response = see_other("/inloggen?melding=verwijderd");
            set_cookie(
                &mut response,
                &format!(
                    "{}=; Max-Age=0; {}",
                    state.site.session_cookie(),
                    state.site.cookie_attributes()
                ),
            );
            response
        }
        Err(e) => internal(e),
    }
}

/// Removes a user and what belongs only to them, in one transaction.
pub async fn delete_user(
    state: &AppState,
    user_id: i64,
    email: &str,
    actor: Option<i64>,
) -> Result<(), DbError> {
    let mut tx = state.db.pool().begin().await?;
    let org: Option<i64> = sqlx::query("SELECT organisation_id FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM tokens WHERE user_id = $1 OR email = $2")
        .bind(user_id)
        .bind(email)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM outbox WHERE recipient = $1")
        .bind(email)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    let mut deleted_org = None;
    if let Some(org) = org {
        let (left,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM users WHERE organisation_id = $1")
                .bind(org)
                .fetch_one(&mut *tx)
                .await?;
        if left == 0 {
            sqlx::query("DELETE FROM tokens WHERE organisation_id = $1")
                .bind(org)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM organisations WHERE id = $1")
                .bind(org)
                .execute(&mut *tx)
                .await?;
            deleted_org = Some(org);
        }
    }
    audit::record(
        &mut tx,
        actor,
        "account_deleted",
        Some(user_id),
        deleted_org.or(org),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An admin creates a coordinator account; the coordinator sets a password through a link.
async fn admin_create_coordinator(State(state): State<AppState>, request: Request) -> Response {
    let sub = match read_form(request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let admin = match require_role(&sub, &[Role::Admin]) {
        Ok(user) => user,
        Err(response) => return response.into_response(),
    };
    let mut form = sub.kept();
    let name = parse_text(sub.get("name"), 200)
        .map_err(|e| form.add_error("name", e))
        .ok();
    let email = parse_email(sub.get("email"))
        .map_err(|e| form.add_error("email", e))
        .ok();
    let (Some(name), Some(email)) = (name, email) else {
        return again(&state, sub, form, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    match create_staff_user(
        &state.db,
        &state.site.public_url,
        Role::Coordinator,
        &name,
        &email,
        Some(admin.user_id),
    )
    .await
    {
        Ok(Some(_)) => see_other("/beheer/gebruikers?melding=aangemaakt"),
        Ok(None) => {
            form.add_error("email", "email_taken");
            again(&state, sub, form, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => internal(e),
    }
}

/// Creates a coordinator or admin with no usable password and e-mails a link (valid 1 hour)
/// to choose one. Returns the link's path, or `None` when the address has an account.
pub async fn create_staff_user(
    db: &crate::server::Db,
    public_url: &str,
    role: Role,
    name: &str,
    email: &str,
    actor: Option<i64>,
) -> Result<Option<String>, DbError> {
    let mut tx = db.pool().begin().await?;
    if sqlx::query("SELECT 1 FROM users WHERE email = $1")
        .bind(email)
        .fetch_optional(&mut *tx)
        .await?
        .is_some()
    {
        return Ok(None);
    }
    let now = auth::now();
    // An argon2 hash of a random secret nobody knows: the account can only be entered after
    // choosing a password through the link.
    let unusable = auth::hash_password(auth::new_secret()).await?;
    let user_id: i64 = sqlx::query(
        "INSERT INTO users (organisation_id, role, name, email, password_hash, email_confirmed_at, created_at) \
         VALUES (NULL, $1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(role.as_str())
    .bind(name)
    .bind(email)
    .bind(&unusable)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    let token = auth::issue_token(
        &mut tx,
        TokenPurpose::ResetPassword,
        Some(user_id),
        None,
        None,
    )
    .await?;
    let path = format!("/wachtwoord-herstellen?token={token}");
    outbox::enqueue(
        &mut tx,
        &Email {
            recipient: email.to_string(),
            subject: "Uw account bij Huis van Werk".into(),
            body: format!(
                "Er is een account voor u gemaakt bij Huis van Werk.\nKies uw wachtwoord via deze link (1 uur geldig):\n{}{path}\n\n\
                 An account was made for you. Choose your password with the link above (valid for 1 hour).",
                public_url
            ),
        },
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        &format!("{}_created", role.as_str()),
        Some(user_id),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(path))
}

/// An admin disables or enables an account; disabling ends its sessions at once.
async fn admin_set_disabled(State(state): State<AppState>, request: Request) -> Response {
    let sub = match read_form(request).await {
        Ok(sub) => sub,
        Err(response) => return response,
    };
    let admin = match require_role(&sub, &[Role::Admin]) {
        Ok(user) => user,
        Err(response) => return response.into_response(),
    };
    let Ok(target) = sub.get("user_id").parse::<i64>() else {
        return (StatusCode::BAD_REQUEST, "user_id must be a number").into_response();
    };
    if target == admin.user_id {
        return (
            StatusCode::BAD_REQUEST,
            "an admin cannot disable their own account",
        )
            .into_response();
    }
    let disable = sub.get("action") == "disable";
    let result: Result<bool, DbError> = async {
        let mut tx = state.db.pool().begin().await?;
        let changed = sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2")
            .bind(if disable { Some(auth::now()) } else { None })
            .bind(target)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if changed == 0 {
            return Ok(false);
        }
        if disable {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(target)
                .execute(&mut *tx)
                .await?;
        }
        let action = if disable {
            "account_disabled"
        } else {
            "account_enabled"
        };
        audit::record(&mut tx, Some(admin.user_id), action, Some(target), None).await?;
        tx.commit().await?;
        Ok(true)
    }
    .await;
    match result {
        Ok(true) => see_other("/beheer/gebruikers"),
        Ok(false) => (StatusCode::NOT_FOUND, "no such user").into_response(),
        Err(e) => internal(e),
    }
}

/// Every account, for the admin list.
async fn users(state: &AppState) -> Result<Vec<UserRow>, DbError> {
    let rows = sqlx::query(
        "SELECT u.id, u.name, u.email, u.role, o.name, u.disabled_at FROM users u \
         LEFT JOIN organisations o ON o.id = u.organisation_id ORDER BY u.id",
    )
    .fetch_all(state.db.pool())
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(UserRow {
                id: r.try_get(0)?,
                name: r.try_get(1)?,
                email: r.try_get(2)?,
                role: r.try_get(3)?,
                organisation: r.try_get(4)?,
                disabled: r.try_get::<Option<i64>, _>(5)?.is_some(),
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(DbError::from)
}

/// The audit log, newest first.
async fn audit(state: &AppState) -> Result<Vec<AuditRow>, DbError> {
    let rows = sqlx::query(
        "SELECT at, actor_user_id, action, target_user_id, target_org_id FROM audit_log ORDER BY id DESC LIMIT 500",
    )
    .fetch_all(state.db.pool())
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(AuditRow {
                at: r.try_get(0)?,
                actor: r.try_get(1)?,
                action: r.try_get(2)?,
                target_user: r.try_get(3)?,
                target_org: r.try_get(4)?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(DbError::from)
}

#[cfg(test)]
mod tests {
    use super::parse_form;

    #[test]
    fn forms_are_decoded_and_cleaned() {
        let fields = parse_form(b"naam=Anna+de+Vries&vraag=a%00b%0D%0Ac&leeg=&x").unwrap();
        assert_eq!(fields["naam"], "Anna de Vries");
        assert_eq!(fields["vraag"], "ab\nc");
        assert_eq!(fields["leeg"], "");
        assert_eq!(fields["x"], "");
        assert_eq!(parse_form(b"e=%C3%A9%E2%9C%93").unwrap()["e"], "é✓");
    }

    #[test]
    fn a_form_that_is_not_utf8_is_refused() {
        assert!(parse_form(b"email=%FF%FE(coord@example.nl").is_none());
        assert!(parse_form(b"%FF=1").is_none());
    }
}
