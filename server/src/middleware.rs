//! Middleware on every response: security headers with a per-response CSP nonce, the language
//! choice, and cache headers.
use std::sync::Arc;

use app::domain::locale::{lang_from_query, parse_lang, RequestLang, LANG_COOKIE};
use app::error::AppError;
use app::server::auth::{cookie_value, CurrentUser};
use app::server::render::{render_failure, Failure};
use app::server::security::CspNonce;
use app::server::session::{self, is_personal_path};
use app::server::AppState;
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use base64::Engine;
use http::{header, HeaderValue};
use rand::RngCore;

/// What the middleware needs from the configuration.
#[derive(Debug, Clone, Copy)]
pub struct Security {
    pub behind_tls: bool,
}

/// Content-Security-Policy, X-Content-Type-Options, frame-ancestors, Referrer-Policy and more
/// on every response; HSTS when served over TLS. The nonce lets exactly the inline hydration
/// script that Leptos renders for this response run, and nothing else inline.
pub async fn security_headers(
    State(security): State<Security>,
    mut request: Request,
    next: Next,
) -> Response {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let nonce: Arc<str> = base64::engine::general_purpose::STANDARD
        .encode(bytes)
        .into();
    request.extensions_mut().insert(CspNonce(nonce.clone()));

    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = HeaderValue::from_str(&csp) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if security.behind_tls {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    response
}

/// Picks the interface language: `?lang=` first, then the cookie, then Dutch (never the
/// browser's Accept-Language: the portal is Dutch first). The choice travels to the renderer as
/// a request extension; a `?lang=` that changes it is remembered in the response's cookie.
pub async fn language(
    State(security): State<Security>,
    mut request: Request,
    next: Next,
) -> Response {
    let from_query = request.uri().query().and_then(lang_from_query);
    let from_cookie = cookie_value(request.headers(), LANG_COOKIE).and_then(parse_lang);
    let lang = from_query.or(from_cookie).unwrap_or("nl");

    request.extensions_mut().insert(RequestLang(lang));

    let mut response = next.run(request).await;
    if from_query.is_some() && from_query != from_cookie {
        let secure = if security.behind_tls { "; Secure" } else { "" };
        session::set_cookie(
            &mut response,
            &format!("{LANG_COOKIE}={lang}; Path=/; Max-Age=31536000; SameSite=Lax{secure}"),
        );
    }
    response
}

/// CSRF defence for every request that could change state:
/// - a POST (PUT, PATCH, DELETE) from another site is refused with 403, judged by
///   `Sec-Fetch-Site`, else by `Origin` against `Host`; server functions (`/api/`) must carry one
///   of the two, as every browser's `fetch` does;
/// - every browser gets a random token in an HttpOnly cookie, put in the request for the forms
///   to carry as a hidden field; the form handlers compare the two (`account::handlers`).
pub async fn csrf(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let cookie_name = state.site.csrf_cookie();
    let unsafe_method = !matches!(
        *request.method(),
        http::Method::GET | http::Method::HEAD | http::Method::OPTIONS
    );
    if unsafe_method {
        let headers = request.headers();
        let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
        let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let same_origin = match (site, origin) {
            (Some(site), _) => site == "same-origin" || site == "none",
            (None, Some(origin)) => origin
                .split_once("://")
                .is_some_and(|(_, rest)| rest == host),
            (None, None) => !request.uri().path().starts_with("/api/"),
        };
        if !same_origin {
            // A cross-site form post gets the refusal page; a server function a JSON error.
            if request.uri().path().starts_with("/api/") {
                return (
                    http::StatusCode::FORBIDDEN,
                    [(header::CONTENT_TYPE, "application/json")],
                    "\"Forbidden\"",
                )
                    .into_response();
            }
            return app::server::render::failure_response(http::StatusCode::FORBIDDEN);
        }
    }
    // Only a token this server signed counts: a value planted in the browser from outside (a
    // sibling subdomain setting the cookie, say) is replaced, and forms carrying it are refused.
    let existing = cookie_value(request.headers(), cookie_name)
        .filter(|v| state.site.csrf_key.issued(v))
        .map(str::to_owned);
    let token = existing
        .clone()
        .unwrap_or_else(|| state.site.csrf_key.new_token());
    request
        .extensions_mut()
        .insert(app::forms::CsrfToken(token.clone()));
    let mut response = next.run(request).await;
    if existing.is_none() {
        session::set_csrf_cookie(&state, &mut response, &token);
    }
    response
}

/// Renders the failure page — in the layout, in the request's language, without scripts — for
/// a response that carries a [`Failure`] marker (see `app::server::render::internal`): 503
/// "tijdelijk niet beschikbaar" when the database is down, else 500. Sits inside the language
/// and security-header middleware, outside the session middleware, so a failed session lookup
/// gets the page too.
pub async fn failure_pages(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if path.starts_with("/api/") || path.starts_with("/pkg/") {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let head = get_head(&parts);
    let response = next.run(Request::from_parts(parts, body)).await;
    let Some(failure) = response.extensions().get::<Failure>().copied() else {
        return response;
    };
    let mut page = render_failure(&state, head, failure).await;
    // The cookies set on the way (a new CSRF token, a cleared session) still count.
    for cookie in response.headers().get_all(header::SET_COOKIE) {
        page.headers_mut()
            .append(header::SET_COOKIE, cookie.clone());
    }
    page.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    page
}

/// A GET with what rendering a page reads of `parts`: its path and its extensions (the language,
/// the CSP nonce, the CSRF token, the user). The headers are left out: pages read none of
/// them, and copying every request's headers for the rare failure would cost every request.
fn get_head(parts: &http::request::Parts) -> http::request::Parts {
    let mut request = Request::new(axum::body::Body::empty());
    *request.uri_mut() = parts.uri.clone();
    *request.version_mut() = parts.version;
    *request.extensions_mut() = parts.extensions.clone();
    request.into_parts().0
}

/// Server functions answer their errors with the right status and a short JSON body: the
/// server_fn crate answers every error 500, so a request it could not even read (a malformed
/// query, say) looked like our fault. The body is the [`AppError`] as JSON (`"BadRequest"`),
/// which the browser's server-function client decodes for any status from 400 to 599.
pub async fn server_fn_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if !response
        .headers()
        .contains_key(server_fn::error::SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    let error: AppError = serde_json::from_slice(&bytes).unwrap_or(AppError::Internal);
    let body = serde_json::to_vec(&error).unwrap_or_default();
    parts.status = http::StatusCode::from_u16(error.status())
        .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(body))
}

/// Cache headers for what the app renders. Pages are rendered per language and per user, so
/// caches must revalidate them (`no-cache, private`); a response with personal data — any
/// response to a logged-in person, and every account and beheer page — must not be stored
/// anywhere at all (`no-store`), not even in the browser's back/forward history on disk.
pub async fn page_cache_headers(request: Request, next: Next) -> Response {
    let personal = is_personal_path(request.uri().path())
        || request.extensions().get::<CurrentUser>().is_some();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let is_asset = headers
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("immutable"));
    if personal && !is_asset {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store, private"),
        );
        headers.insert(header::VARY, HeaderValue::from_static("Cookie"));
    } else if is_html && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache, private"),
        );
        headers.insert(header::VARY, HeaderValue::from_static("Cookie"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_cookie_among_several_headers_and_pairs() {
        let mut headers = http::HeaderMap::new();
        headers.append(header::COOKIE, HeaderValue::from_static("a=1; hvw_lang=en"));
        headers.append(header::COOKIE, HeaderValue::from_static("b=2"));
        assert_eq!(cookie_value(&headers, "hvw_lang"), Some("en"));
        assert_eq!(cookie_value(&headers, "b"), Some("2"));
        assert_eq!(cookie_value(&headers, "hvw"), None);
    }

    #[test]
    fn account_beheer_and_outbox_paths_are_personal() {
        for path in [
            "/account",
            "/account/gegevens",
            "/beheer/audit",
            "/dev/outbox",
            "/werkgevers/reacties",
            "/stages/reactie",
        ] {
            assert!(is_personal_path(path), "{path}");
        }
        for path in [
            "/",
            "/accounts-info",
            "/beheerder",
            "/scholingscalculator",
            "/stages",
            "/stages/plek",
        ] {
            assert!(!is_personal_path(path), "{path}");
        }
    }
}
