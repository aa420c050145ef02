//! One error type for the browser and the server. Server functions return it; the browser shows
//! what it carries; the server logs the internal detail and never sends it to the client.
use serde::{Deserialize, Serialize};
use server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};

/// A message about one form field, keyed by the field's `name`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    /// A translation key, so the browser and the server show it in the page's language.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// A request the server could not read (bad query or body, wrong method). No detail: the
    /// decoder's message is for the log, not for whoever sent it.
    #[error("bad request")]
    BadRequest,
    /// The database (or another service the request needs) is down for the moment.
    #[error("temporarily unavailable")]
    Unavailable,
    #[error("invalid input")]
    Validation(Vec<FieldError>),
    #[error("not logged in")]
    Unauthenticated,
    #[error("not allowed")]
    Forbidden,
    #[error("too many requests")]
    RateLimited,
    /// The detail stays in the server log; the client only learns that something failed.
    #[error("internal error")]
    Internal,
    /// Transport or decoding failures between browser and server.
    #[error("request failed: {0}")]
    Request(String),
}

impl AppError {
    /// The HTTP status code this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::BadRequest => 400,
            AppError::Unavailable => 503,
            AppError::Validation(_) => 422,
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::RateLimited => 429,
            AppError::Internal | AppError::Request(_) => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The server could not read what was sent.
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
            ServerFnErrorErr::Registration(_) => AppError::NotFound,
            // The browser could not reach the server or read its answer.
            other => AppError::Request(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::RowNotFound => AppError::NotFound,
            other if crate::server::db::is_unavailable(&other) => {
                tracing::warn!(error = %other, "database unavailable");
                AppError::Unavailable
            }
            other => {
                tracing::error!(error = %other, "database error");
                AppError::Internal
            }
        }
    }
}
