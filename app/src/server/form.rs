//! The form pipeline every capability uses: read a `application/x-www-form-urlencoded` post
//! (strictly: UTF-8, control characters stripped), check the browser's CSRF token, apply the
//! per-IP rate limit, check the role, answer 303 — or render the page again with the input kept
//! ([`render_again`]).
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request};
use axum::response::{IntoResponse, Response};
use http::{header, request::Parts, StatusCode};

use crate::domain::account::Role;
use crate::forms::{CsrfToken, FormState, CSRF_FIELD};

use super::auth::{cookie_value, CurrentUser};
use super::db::DbDown;
use super::render::{failure_response, render_again, Stop};
use super::{AppState, DbError};

/// A submitted form: the request head and the fields, in the order sent (a name may repeat:
/// checkbox groups and lists post one pair per value).
pub struct Submission {
    pub parts: Parts,
    pub pairs: Vec<(String, String)>,
}

impl Submission {
    /// The value of `name` ("" when absent; the last one when it repeats).
    pub fn get(&self, name: &str) -> &str {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value of `name`, in the order sent.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The values to show again: everything but passwords and the CSRF token.
    pub fn kept(&self) -> FormState {
        let mut form = FormState::default();
        for (name, value) in &self.pairs {
            if name.contains("password") || name == CSRF_FIELD {
                continue;
            }
            form.values.insert(name.clone(), value.clone());
            form.lists
                .entry(name.clone())
                .or_default()
                .push(value.clone());
        }
        form
    }

    /// The language of the request (the one its pages and e-mails are in).
    pub fn locale(&self) -> crate::i18n::Locale {
        match self
            .parts
            .extensions
            .get::<crate::domain::locale::RequestLang>()
            .map(|lang| lang.0)
        {
            Some("en") => crate::i18n::Locale::en,
            _ => crate::i18n::Locale::nl,
        }
    }

    pub fn client_ip(&self) -> String {
        self.parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ci| ci.0.ip().to_string())
            .unwrap_or_else(|| "unknown".into())
    }

    pub fn current_user(&self) -> Option<&CurrentUser> {
        self.parts.extensions.get::<CurrentUser>()
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        cookie_value(&self.parts.headers, name).map(str::to_owned)
    }
}

/// The fields of an `application/x-www-form-urlencoded` body, each value cleaned of control
/// characters ([`crate::forms::clean_input`]). `None` when a name or value is not UTF-8: a
/// browser never sends that, and guessing (replacement characters) would store garbage.
pub(crate) fn parse_form(body: &[u8]) -> Option<Vec<(String, String)>> {
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
    let mut fields = Vec::new();
    for pair in body.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        let mut halves = pair.splitn(2, |&b| b == b'=');
        let name = decode(halves.next().unwrap_or_default())?;
        let value = decode(halves.next().unwrap_or_default())?;
        fields.push((name, value));
    }
    Some(fields)
}

/// Reads a form post. Refuses (403) a post whose CSRF token is not this browser's.
pub async fn read_form(request: Request) -> Result<Submission, Response> {
    // Every form post changes the database: when it is down, say so at once.
    if request.extensions().get::<DbDown>().is_some() {
        return Err(failure_response(StatusCode::SERVICE_UNAVAILABLE));
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .map_err(|_| failure_response(StatusCode::PAYLOAD_TOO_LARGE))?;
    let pairs = parse_form(&bytes).ok_or_else(|| failure_response(StatusCode::BAD_REQUEST))?;
    submission(parts, pairs).await
}

/// A submission of fields read from a request (a form post, or a multipart upload's text
/// fields). Refuses (403) when its CSRF token is not this browser's.
pub async fn submission(
    parts: Parts,
    pairs: Vec<(String, String)>,
) -> Result<Submission, Response> {
    if parts.extensions.get::<DbDown>().is_some() {
        return Err(failure_response(StatusCode::SERVICE_UNAVAILABLE));
    }
    let expected = parts
        .extensions
        .get::<CsrfToken>()
        .map(|t| t.0.as_str())
        .unwrap_or("");
    let sent = pairs
        .iter()
        .find(|(k, _)| k == CSRF_FIELD)
        .map_or("", |(_, v)| v.as_str());
    if expected.is_empty() || !constant_time_eq(expected.as_bytes(), sent.as_bytes()) {
        return Err(forbidden());
    }
    Ok(Submission { parts, pairs })
}

/// Reads a public form post ([`read_form`]) and applies the per-IP form rate limit (429).
pub async fn read_limited_form(state: &AppState, request: Request) -> Result<Submission, Response> {
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

/// Reads a multipart form with one file (the field `file_field`): the CSRF field is checked as
/// for every form.
pub async fn read_upload(
    request: Request,
    file_field: &str,
) -> Result<(Submission, Option<Vec<u8>>), Response> {
    use axum::extract::FromRequest;
    let (parts, body) = request.into_parts();
    let request = Request::from_parts(parts.clone(), body);
    let mut multipart = axum::extract::Multipart::from_request(request, &())
        .await
        .map_err(|_| failure_response(StatusCode::BAD_REQUEST))?;
    let mut pairs = Vec::new();
    let mut file = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| failure_response(StatusCode::PAYLOAD_TOO_LARGE))?
    {
        let name = field.name().unwrap_or_default().to_string();
        if name == file_field {
            let bytes = field
                .bytes()
                .await
                .map_err(|_| failure_response(StatusCode::PAYLOAD_TOO_LARGE))?;
            file = Some(bytes.to_vec());
        } else {
            let text = field
                .text()
                .await
                .map_err(|_| failure_response(StatusCode::BAD_REQUEST))?;
            pairs.push((name, crate::forms::clean_input(&text)));
        }
    }
    let sub = submission(parts, pairs).await?;
    Ok((sub, file))
}

/// A form post, read and its CSRF token checked ([`read_form`]): the extractor for a handler.
pub struct Posted(pub Submission);

impl axum::extract::FromRequest<AppState> for Posted {
    type Rejection = Response;

    async fn from_request(request: Request, _state: &AppState) -> Result<Self, Response> {
        read_form(request).await.map(Posted)
    }
}

/// A public form post ([`read_limited_form`]: with the per-IP rate limit): the extractor for a
/// handler of a form anyone may send.
pub struct LimitedPost(pub Submission);

impl axum::extract::FromRequest<AppState> for LimitedPost {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        read_limited_form(state, request).await.map(LimitedPost)
    }
}

/// The value of `key` in a query string ("" when absent).
pub fn query_value(query: &str, key: &str) -> String {
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .unwrap_or_default()
        .into_iter()
        .find(|(k, _)| k == key)
        .map_or(String::new(), |(_, v)| v)
}

/// 403: the form was not sent from this site (its CSRF token is not this browser's).
pub fn forbidden() -> Response {
    failure_response(StatusCode::FORBIDDEN)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// 303 See Other: after a post, the browser GETs the next page.
pub fn see_other(location: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, location.to_string())],
    )
        .into_response()
}

/// The same page again (or the page at `page` when the form posts elsewhere), with `form`.
pub async fn again(
    state: &AppState,
    sub: &Submission,
    form: FormState,
    status: StatusCode,
) -> Response {
    render_again(state, sub.parts.clone(), form, status).await
}

/// The form again as a [`Stop`], 422: for `return Err(invalid(..).await)` in a handler.
pub async fn invalid(state: &AppState, sub: &Submission, form: FormState) -> Stop {
    Stop(again(state, sub, form, StatusCode::UNPROCESSABLE_ENTITY).await)
}

/// The result of a write that a unique constraint may refuse — a KvK number or an e-mail
/// address taken by a parallel post between the handler's check and its insert: the form
/// again with `message` beside `field` (422). Any other error stops the handler as usual. The
/// one place where a unique-constraint violation becomes a field message.
pub async fn unless_taken<T>(
    state: &AppState,
    sub: &Submission,
    form: &FormState,
    result: Result<T, DbError>,
    field: &'static str,
    message: &'static str,
) -> Result<T, Stop> {
    match result {
        Err(error) if error.is_unique_violation() => {
            let mut form = form.clone();
            form.add_error(field, message);
            Err(invalid(state, sub, form).await)
        }
        other => other.map_err(Stop::from),
    }
}

/// The page that holds the form, again, when the form posts to another path.
pub async fn again_on(
    state: &AppState,
    sub: &Submission,
    page: &'static str,
    form: FormState,
    status: StatusCode,
) -> Response {
    let mut parts = sub.parts.clone();
    parts.uri = http::Uri::from_static(page);
    render_again(state, parts, form, status).await
}

/// Too many posts from this client: the form again, with the reason, as a 429.
pub async fn too_many(state: &AppState, sub: Submission) -> Response {
    let mut form = sub.kept();
    form.add_error("form", "rate_limited");
    again(state, &sub, form, StatusCode::TOO_MANY_REQUESTS).await
}

/// How a person who asked for contact can be reached: the fields every contact form shares
/// (`naam`, `email`, `telefoon`, `contact`), read and checked. (The consent box comes last in
/// each form, so each form checks it after its own fields: the error summary keeps the form's
/// order.)
pub struct ContactDetails {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// `email` or `phone`: the address for the preferred way must be there.
    pub preferred: &'static str,
}

/// Reads [`ContactDetails`] from a contact form, each problem beside its field in `form`;
/// `None` when any of these fields has one (the caller checks its own fields too, then answers
/// with the form when `form` has errors).
pub fn contact_details(sub: &Submission, form: &mut FormState) -> Option<ContactDetails> {
    use crate::domain::account::{parse_email, parse_phone, parse_text};
    let name = parse_text(sub.get("naam"), 200)
        .map_err(|e| form.add_error("naam", e))
        .ok();
    let email = match sub.get("email").trim() {
        "" => None,
        value => parse_email(value)
            .map_err(|e| form.add_error("email", e))
            .ok(),
    };
    let phone = match sub.get("telefoon").trim() {
        "" => None,
        value => parse_phone(value)
            .map_err(|e| form.add_error("telefoon", e))
            .ok(),
    };
    let preferred = match sub.get("contact") {
        "phone" => "phone",
        _ => "email",
    };
    match (preferred, &email, &phone) {
        ("email", None, _) if form.error("email").is_none() => {
            form.add_error("email", "email_required")
        }
        ("phone", _, None) if form.error("telefoon").is_none() => {
            form.add_error("telefoon", "phone_required")
        }
        _ => {}
    }
    let clean = ["naam", "email", "telefoon"]
        .iter()
        .all(|f| form.error(f).is_none());
    name.filter(|_| clean).map(|name| ContactDetails {
        name,
        email,
        phone,
        preferred,
    })
}

/// Why a request was refused: nobody logged in (go to the login page), or the wrong role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Login,
    Forbidden,
}

impl From<Refusal> for Stop {
    fn from(refusal: Refusal) -> Self {
        Stop(refusal.into_response())
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::Login => see_other("/inloggen"),
            Refusal::Forbidden => failure_response(StatusCode::FORBIDDEN),
        }
    }
}

/// The logged-in user, or a redirect to the login page.
pub fn require_user(sub: &Submission) -> Result<CurrentUser, Refusal> {
    sub.current_user().cloned().ok_or(Refusal::Login)
}

/// The logged-in user if their role is one of `roles`; else login (anonymous) or 403.
pub fn require_role(sub: &Submission, roles: &[Role]) -> Result<CurrentUser, Refusal> {
    let user = require_user(sub)?;
    if roles.contains(&user.role) {
        Ok(user)
    } else {
        Err(Refusal::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::parse_form;

    fn value<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
        pairs.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v)
    }

    #[test]
    fn forms_are_decoded_and_cleaned() {
        let pairs = parse_form(b"naam=Anna+de+Vries&vraag=a%00b%0D%0Ac&leeg=&x").unwrap();
        assert_eq!(value(&pairs, "naam"), "Anna de Vries");
        assert_eq!(value(&pairs, "vraag"), "ab\nc");
        assert_eq!(value(&pairs, "leeg"), "");
        assert_eq!(value(&pairs, "x"), "");
        assert_eq!(value(&parse_form(b"e=%C3%A9%E2%9C%93").unwrap(), "e"), "é✓");
    }

    #[test]
    fn repeated_names_keep_every_value_in_order() {
        let pairs = parse_form(b"vaardigheid=lassen&vaardigheid=zorg&x=1").unwrap();
        let skills: Vec<_> = pairs
            .iter()
            .filter(|(k, _)| k == "vaardigheid")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(skills, ["lassen", "zorg"]);
    }

    #[test]
    fn a_form_that_is_not_utf8_is_refused() {
        assert!(parse_form(b"email=%FF%FE(coord@example.nl").is_none());
        assert!(parse_form(b"%FF=1").is_none());
    }
}
