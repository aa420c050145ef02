//! CSV downloads for a spreadsheet: `;`-separated, UTF-8 with a byte-order mark (so a Dutch
//! Excel opens it right), as an attachment.
use axum::response::{IntoResponse, Response};
use http::{header, StatusCode};

use super::render::failure_response;

/// `rows` under `header` as the download `filename`, with `cache` as its `Cache-Control`.
pub fn download(
    filename: &str,
    header: &[&str],
    rows: Vec<Vec<String>>,
    cache: &'static str,
) -> Response {
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::from("\u{feff}".as_bytes()));
    // A cell that begins like a formula is written as text, so a spreadsheet never runs what
    // someone typed (CSV injection).
    let cell = |value: &String| -> String {
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{value}")
        } else {
            value.clone()
        }
    };
    let written = out.write_record(header).and_then(|_| {
        rows.iter()
            .try_for_each(|row| out.write_record(row.iter().map(cell)))
    });
    let Some(body) = written.ok().and_then(|_| out.into_inner().ok()) else {
        return failure_response(StatusCode::INTERNAL_SERVER_ERROR);
    };
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, cache.to_string()),
        ],
        body,
    )
        .into_response()
}
