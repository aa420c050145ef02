//! Middleware on every response: security headers with a per-response CSP nonce, the language
//! choice, and cache headers.
use std::sync::Arc;

use app::domain::locale::{lang_from_query, parse_lang, RequestLang, LANG_COOKIE};
use app::server::auth::cookie_value;
use app::server::security::CspNonce;
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
        let set = format!("{LANG_COOKIE}={lang}; Path=/; Max-Age=31536000; SameSite=Lax{secure}");
        if let Ok(value) = HeaderValue::from_str(&set) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// CSRF defence for every request that could change state:
/// - a POST (PUT, PATCH, DELETE) from another site is refused with 403, judged by
///   `Sec-Fetch-Site`, else by `Origin` against `Host`; server functions (`/api/`) must carry one
///   of the two, as every browser's `fetch` does;
/// - every browser gets a random token in an HttpOnly cookie, put in the request for the forms
///   to carry as a hidden field; the form handlers compare the two (`account::handlers`).
pub async fn csrf(State(security): State<Security>, mut request: Request, next: Next) -> Response {
    let cookie_name = if security.behind_tls {
        "__Host-hvw_csrf"
    } else {
        "hvw_csrf"
    };
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
            return (
                http::StatusCode::FORBIDDEN,
                "Forbidden: cross-site request.",
            )
                .into_response();
        }
    }
    let existing = cookie_value(request.headers(), cookie_name)
        .filter(|v| v.len() >= 32)
        .map(str::to_owned);
    let token = existing
        .clone()
        .unwrap_or_else(app::server::auth::new_secret);
    request
        .extensions_mut()
        .insert(app::forms::CsrfToken(token.clone()));
    let mut response = next.run(request).await;
    if existing.is_none() {
        let secure = if security.behind_tls { "; Secure" } else { "" };
        let set = format!("{cookie_name}={token}; Path=/; HttpOnly; SameSite=Lax{secure}");
        if let Ok(value) = HeaderValue::from_str(&set) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// Pages are rendered per language and per user: caches must revalidate them.
pub async fn page_cache_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html && !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache, private"),
        );
        response
            .headers_mut()
            .insert(header::VARY, HeaderValue::from_static("Cookie"));
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
}
