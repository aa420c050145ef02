//! Request security that the renderer takes part in: the per-response CSP nonce.
use std::sync::Arc;

use leptos::nonce::Nonce;
use leptos::prelude::{provide_context, use_context};

/// The nonce the security middleware put in the Content-Security-Policy of this response.
/// It travels from the middleware to the renderer as a request extension.
#[derive(Debug, Clone)]
pub struct CspNonce(pub Arc<str>);

/// Makes this request's CSP nonce the one Leptos puts on its inline hydration script.
/// Call it while rendering the shell, before `<Hydration/>` (`server::hydration`).
pub fn provide_request_nonce() {
    let nonce = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(value)) = nonce {
        provide_context(Nonce::from_value(value));
    }
}
