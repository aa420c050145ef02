//! The catalogue as a file (server only): export to JSON (the format of `data/schemes.json`)
//! and to CSV (one row per scheme, the columns of `domain::schemes::check::FIELDS`), and the
//! import of either, every scheme checked and every problem named by its line and field. An
//! export read back gives the same catalogue.
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::domain::schemes::check::{self, FIELDS};
use crate::domain::schemes::flat::{from_fields, to_fields};
use crate::domain::schemes::{Catalogue, Scheme};

/// A file format of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
}

impl Format {
    /// The format of a file's contents: JSON starts with `{`, anything else is read as CSV.
    pub fn sniff(text: &str) -> Format {
        if strip_bom(text).trim_start().starts_with('{') {
            Format::Json
        } else {
            Format::Csv
        }
    }
}

/// A problem in an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    /// The line of the file (1-based) where the scheme (CSV: the row) starts, or the line the
    /// parser stopped at.
    pub line: u64,
    /// The scheme's id, when it could be read.
    pub scheme: String,
    /// The field (a name of `FIELDS`, or "file" when the file itself cannot be read).
    pub field: String,
    /// The message key (`catalogue.problem.*`).
    pub key: &'static str,
    /// What the parser said, where it said something.
    pub detail: String,
}

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The schemes of the catalogue with their data only (the places granted are the database's).
fn data_only(catalogue: &Catalogue) -> Catalogue {
    let mut out = catalogue.clone();
    for scheme in &mut out.schemes {
        if let Some(capacity) = scheme.capacity.as_mut() {
            capacity.used = 0;
        }
    }
    out
}

/// The catalogue as JSON, in the format of `data/schemes.json`.
pub fn to_json(catalogue: &Catalogue) -> String {
    let mut text = serde_json::to_string_pretty(&data_only(catalogue)).unwrap_or_default();
    text.push('\n');
    text
}

/// A cell a spreadsheet would run as a formula gets an apostrophe in front; reading strips it.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The catalogue as CSV: `;`-separated, UTF-8 with a byte-order mark (as Dutch spreadsheets
/// open it), one row per scheme.
pub fn to_csv(catalogue: &Catalogue) -> String {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let _ = writer.write_record(FIELDS);
    for scheme in &data_only(catalogue).schemes {
        let row: Vec<String> = to_fields(scheme)
            .into_iter()
            .map(|(_, value)| {
                if value.starts_with(FORMULA_STARTS) {
                    format!("'{value}")
                } else {
                    value
                }
            })
            .collect();
        let _ = writer.write_record(&row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

/// Reads a catalogue file of either format. Every problem is reported; `Ok` only when there
/// is none (and the file holds at least one scheme, each id once).
pub fn read(text: &str) -> Result<Vec<Scheme>, Vec<FileProblem>> {
    let text = strip_bom(text);
    let (schemes, mut problems) = match Format::sniff(text) {
        Format::Json => read_json(text),
        Format::Csv => read_csv(text),
    };
    if schemes.is_empty() && problems.is_empty() {
        problems.push(FileProblem {
            line: 1,
            scheme: String::new(),
            field: "file".into(),
            key: "empty_file",
            detail: String::new(),
        });
    }
    let mut seen: Vec<&str> = Vec::new();
    for (line, scheme) in &schemes {
        if seen.contains(&scheme.id.as_str()) {
            problems.push(FileProblem {
                line: *line,
                scheme: scheme.id.clone(),
                field: "id".into(),
                key: "duplicate",
                detail: String::new(),
            });
        }
        seen.push(&scheme.id);
    }
    if problems.is_empty() {
        Ok(schemes.into_iter().map(|(_, s)| s).collect())
    } else {
        problems.sort_by_key(|p| p.line);
        Err(problems)
    }
}

/// The line (1-based) of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> u64 {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
        + 1
}

type Read = (Vec<(u64, Scheme)>, Vec<FileProblem>);

fn read_json(text: &str) -> Read {
    #[derive(Deserialize)]
    struct File<'a> {
        #[serde(borrow)]
        schemes: Vec<&'a RawValue>,
    }
    let file: File = match serde_json::from_str(text) {
        Ok(file) => file,
        Err(e) => {
            return (
                Vec::new(),
                vec![FileProblem {
                    line: e.line() as u64,
                    scheme: String::new(),
                    field: "file".into(),
                    key: "json",
                    detail: e.to_string(),
                }],
            )
        }
    };
    let mut schemes = Vec::new();
    let mut problems = Vec::new();
    for raw in file.schemes {
        let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
        let line = line_of(text, offset);
        let id = serde_json::from_str::<serde_json::Value>(raw.get())
            .ok()
            .and_then(|v| v.get("id").and_then(|id| id.as_str()).map(str::to_owned))
            .unwrap_or_default();
        match serde_json::from_str::<Scheme>(raw.get()) {
            Ok(scheme) => {
                let found = check::check(&scheme);
                if found.is_empty() {
                    schemes.push((line, scheme));
                }
                problems.extend(found.into_iter().map(|p| FileProblem {
                    line,
                    scheme: id.clone(),
                    field: p.field.into(),
                    key: p.key,
                    detail: p.detail,
                }));
            }
            Err(e) => problems.push(FileProblem {
                line: line + e.line() as u64 - 1,
                scheme: id,
                field: json_field(&e.to_string()),
                key: "json",
                detail: e.to_string(),
            }),
        }
    }
    (schemes, problems)
}

/// The field a JSON error is about, where serde names it ("missing field `money`").
fn json_field(message: &str) -> String {
    message
        .split('`')
        .nth(1)
        .filter(|name| {
            FIELDS
                .iter()
                .any(|f| f == name || f.starts_with(&format!("{name}_")))
        })
        .unwrap_or("scheme")
        .to_string()
}

fn read_csv(text: &str) -> Read {
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() >= first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(text.as_bytes());
    let file_problem = |line: u64, field: &str, key: &'static str, detail: String| FileProblem {
        line,
        scheme: String::new(),
        field: field.into(),
        key,
        detail,
    };
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_string()).collect(),
        Err(e) => {
            return (
                Vec::new(),
                vec![file_problem(1, "file", "csv", e.to_string())],
            )
        }
    };
    let mut problems: Vec<FileProblem> = FIELDS
        .iter()
        .filter(|f| !headers.iter().any(|h| h == *f))
        .map(|f| file_problem(1, f, "column_missing", String::new()))
        .chain(
            headers
                .iter()
                .filter(|h| !FIELDS.contains(&h.as_str()))
                .map(|h| file_problem(1, h, "column_unknown", String::new())),
        )
        .collect();
    if !problems.is_empty() {
        return (Vec::new(), problems);
    }
    let mut schemes = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(file_problem(line, "file", "csv", e.to_string()));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let cell = |name: &str| -> String {
            let value = headers
                .iter()
                .position(|h| h == name)
                .and_then(|i| record.get(i))
                .unwrap_or_default();
            match value.strip_prefix('\'') {
                Some(rest) if rest.starts_with(FORMULA_STARTS) => rest.to_string(),
                _ => value.to_string(),
            }
        };
        match from_fields(cell) {
            Ok(scheme) => schemes.push((line, scheme)),
            Err(found) => problems.extend(found.into_iter().map(|p| FileProblem {
                line,
                scheme: cell("id"),
                field: p.field.into(),
                key: p.key,
                detail: p.detail,
            })),
        }
    }
    (schemes, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue() -> Catalogue {
        serde_json::from_str(include_str!("../../../data/schemes.json")).unwrap()
    }

    #[test]
    fn json_and_csv_round_trip_exactly() {
        let catalogue = data_only(&catalogue());
        let json = to_json(&catalogue);
        let from_json = read(&json).expect("the JSON export reads back");
        assert_eq!(from_json, catalogue.schemes);
        let csv = to_csv(&catalogue);
        let from_csv = read(&csv).expect("the CSV export reads back");
        assert_eq!(from_csv, catalogue.schemes);
        // And the seed file itself is an import.
        assert_eq!(
            read(include_str!("../../../data/schemes.json")).unwrap(),
            catalogue.schemes
        );
        let again = Catalogue { schemes: from_csv };
        assert_eq!(to_csv(&again), csv);
        assert_eq!(to_json(&again), json);
    }

    #[test]
    fn a_bad_csv_row_is_named_by_line_and_field() {
        let csv = to_csv(&catalogue());
        let mut lines: Vec<String> = csv.lines().map(str::to_owned).collect();
        // Row 3 (line 3 of the file, as no cell of the first rows spans lines?) — find the
        // row of the third scheme by its id instead of assuming.
        let id = &catalogue().schemes[2].id;
        let at = lines
            .iter()
            .position(|l| l.starts_with(&format!("{id};")))
            .expect("the row starts with its id");
        lines[at] = lines[at]
            .replacen(";individual;", ";everyone;", 1)
            .replacen(";employer;", ";everyone;", 1)
            .replacen(";both;", ";everyone;", 1);
        let problems = read(&lines.join("\n")).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, at as u64 + 1);
        assert_eq!(problems[0].field, "audience");
        assert_eq!(problems[0].scheme, *id);
    }

    #[test]
    fn a_bad_json_scheme_is_named_by_line_and_field() {
        let json = to_json(&catalogue());
        let id = &catalogue().schemes[1].id;
        let needle = format!("\"id\": \"{id}\"");
        let at = json.find(&needle).unwrap();
        let line = line_of(&json, at) - 1; // the scheme's `{` is on the line before its id
        let broken = json.replacen(&needle, &format!("{needle}, \"name\": \"\""), 1);
        // A duplicate key is a JSON error at its line; an empty name is a check problem.
        let problems = read(&broken).unwrap_err();
        assert_eq!(problems[0].scheme, *id, "{problems:?}");
        assert!(problems[0].line >= line, "{problems:?}");
    }

    #[test]
    fn columns_are_checked() {
        let problems = read("id;name\nx;y\n").unwrap_err();
        assert!(problems
            .iter()
            .any(|p| p.key == "column_missing" && p.field == "money"));
        assert!(read("").is_err());
        assert!(read("{").is_err());
    }
}
