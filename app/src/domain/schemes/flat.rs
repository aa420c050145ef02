//! A scheme as a flat list of named texts ([`check::FIELDS`]): one CSV row of the catalogue's
//! export, and the fields of the coordinators' form. Plain values are plain text (enums by
//! their code, dates as YYYY-MM-DD, sources one per line); the rules (windows, criteria,
//! money, stacking, payment, capacity) are written as JSON, exactly as in `data/schemes.json`.
//! `to_fields` then `from_fields` gives the same scheme back.
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::check::{self, Problem, FIELDS};
use super::{Payment, Scheme, Stacking, Text};
use crate::domain::date::Date;

/// The fields of `scheme`, in the order of [`FIELDS`].
pub fn to_fields(scheme: &Scheme) -> Vec<(&'static str, String)> {
    let code = |value: &dyn erased::Code| value.code_text();
    let json = |value: &dyn erased::Json| value.json_text();
    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let values = [
        scheme.id.clone(),
        scheme.name.clone(),
        scheme.official_name.clone().unwrap_or_default(),
        scheme.provider.clone(),
        code(&scheme.audience),
        code(&scheme.support),
        scheme.summary.nl.clone(),
        scheme.summary.en.clone(),
        scheme.apply.nl.clone(),
        scheme.apply.en.clone(),
        scheme.apply_url.clone().unwrap_or_default(),
        if scheme.windows.is_empty() {
            String::new()
        } else {
            json(&scheme.windows)
        },
        date(scheme.valid_from),
        date(scheme.valid_until),
        code(&scheme.status),
        scheme.status_note.nl.clone(),
        scheme.status_note.en.clone(),
        code(&scheme.verification),
        scheme.sources.join("\n"),
        scheme.secondary_sources.join("\n"),
        if scheme.criteria.is_empty() {
            String::new()
        } else {
            json(&scheme.criteria)
        },
        json(&scheme.money),
        json(&scheme.stacking),
        code(&scheme.purpose),
        json(&scheme.payment),
        scheme
            .capacity
            .as_ref()
            .map(|c| {
                // The places granted are the database's count, not the scheme's data.
                let mut c = c.clone();
                c.used = 0;
                json(&c)
            })
            .unwrap_or_default(),
        if scheme.indicative { "true" } else { "false" }.to_string(),
        scheme.notes.nl.clone(),
        scheme.notes.en.clone(),
    ];
    FIELDS.iter().copied().zip(values).collect()
}

/// Reads a scheme from its fields (`get` gives a field's text, empty when absent) and checks
/// it ([`check::check`]). Texts are trimmed; every problem is reported, not just the first.
pub fn from_fields(get: impl Fn(&str) -> String) -> Result<Scheme, Vec<Problem>> {
    let mut problems = Vec::new();
    let text = |field: &str| get(field).trim().replace("\r\n", "\n");
    let optional = |field: &str| Some(text(field)).filter(|t| !t.is_empty());
    let code = |field: &'static str, problems: &mut Vec<Problem>| -> Option<String> {
        let value = text(field);
        if value.is_empty() {
            problems.push(Problem::new(field, "required"));
            None
        } else {
            Some(value)
        }
    };
    fn parse_code<T: DeserializeOwned>(
        field: &'static str,
        value: Option<String>,
        problems: &mut Vec<Problem>,
    ) -> Option<T> {
        let value = value?;
        match serde_json::from_value(serde_json::Value::String(value)) {
            Ok(v) => Some(v),
            Err(_) => {
                problems.push(Problem::new(field, "choice"));
                None
            }
        }
    }
    fn parse_json<T: DeserializeOwned>(
        field: &'static str,
        value: &str,
        problems: &mut Vec<Problem>,
    ) -> Option<T> {
        match serde_json::from_str(value) {
            Ok(v) => Some(v),
            Err(e) => {
                problems.push(Problem {
                    field,
                    key: "json",
                    detail: e.to_string(),
                });
                None
            }
        }
    }
    let date = |field: &'static str, problems: &mut Vec<Problem>| -> Option<Date> {
        let value = text(field);
        if value.is_empty() {
            return None;
        }
        let parsed = Date::parse(&value);
        if parsed.is_none() {
            problems.push(Problem::new(field, "date"));
        }
        parsed
    };
    let lines = |field: &str| -> Vec<String> {
        text(field)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };

    let audience = code("audience", &mut problems);
    let audience = parse_code("audience", audience, &mut problems);
    let support = code("support", &mut problems);
    let support = parse_code("support", support, &mut problems);
    let status = code("status", &mut problems);
    let status = parse_code("status", status, &mut problems);
    let verification = code("verification", &mut problems);
    let verification = parse_code("verification", verification, &mut problems);
    let purpose = code("purpose", &mut problems);
    let purpose = parse_code("purpose", purpose, &mut problems);
    let valid_from = date("valid_from", &mut problems);
    let valid_until = date("valid_until", &mut problems);
    let windows = match optional("windows") {
        None => Some(Vec::new()),
        Some(v) => parse_json("windows", &v, &mut problems),
    };
    let criteria = match optional("criteria") {
        None => Some(Vec::new()),
        Some(v) => parse_json("criteria", &v, &mut problems),
    };
    let money = match optional("money") {
        None => {
            problems.push(Problem::new("money", "required"));
            None
        }
        Some(v) => parse_json("money", &v, &mut problems),
    };
    let stacking = match optional("stacking") {
        None => Some(Stacking::Combinable),
        Some(v) => parse_json("stacking", &v, &mut problems),
    };
    let payment = match optional("payment") {
        None => Some(Payment::default()),
        Some(v) => parse_json("payment", &v, &mut problems),
    };
    let capacity = match optional("capacity") {
        None => Some(None),
        Some(v) => parse_json("capacity", &v, &mut problems).map(Some),
    };
    let indicative = match text("indicative").as_str() {
        "true" | "ja" | "yes" | "on" | "1" => Some(true),
        "false" | "nee" | "no" | "" | "0" => Some(false),
        _ => {
            problems.push(Problem::new("indicative", "choice"));
            None
        }
    };
    // What could not be read gets a stand-in, so the rest is still checked: the form shows
    // every problem at once. A stand-in's own problems are not reported.
    let unread: Vec<&'static str> = problems.iter().map(|p| p.field).collect();
    let audience = audience.unwrap_or(super::Audience::Individual);
    let support = support.unwrap_or(super::SupportKind::Subsidy);
    let status = status.unwrap_or(super::Status::Unconfirmed);
    let verification = verification.unwrap_or(super::Verification::Unverified);
    let purpose = purpose.unwrap_or(super::Purpose::Training);
    let windows = windows.unwrap_or_default();
    let criteria = criteria.unwrap_or_default();
    let money = money.unwrap_or(super::Money::Unknown);
    let stacking = stacking.unwrap_or(Stacking::Combinable);
    let payment = payment.unwrap_or_default();
    let capacity = capacity.unwrap_or_default();
    let indicative = indicative.unwrap_or_default();
    let scheme = Scheme {
        id: text("id"),
        name: text("name"),
        official_name: optional("official_name"),
        summary: Text {
            nl: text("summary_nl"),
            en: text("summary_en"),
        },
        provider: text("provider"),
        audience,
        support,
        apply: Text {
            nl: text("apply_nl"),
            en: text("apply_en"),
        },
        apply_url: optional("apply_url"),
        windows,
        valid_from,
        valid_until,
        status,
        status_note: Text {
            nl: text("status_note_nl"),
            en: text("status_note_en"),
        },
        verification,
        sources: lines("sources"),
        secondary_sources: lines("secondary_sources"),
        criteria,
        money,
        stacking,
        purpose,
        payment,
        capacity,
        indicative,
        notes: Text {
            nl: text("notes_nl"),
            en: text("notes_en"),
        },
    };
    problems.extend(
        check::check(&scheme)
            .into_iter()
            .filter(|p| !unread.contains(&p.field)),
    );
    // In the order of the form.
    problems.sort_by_key(|p| FIELDS.iter().position(|f| *f == p.field));
    if problems.is_empty() {
        Ok(scheme)
    } else {
        Err(problems)
    }
}

/// The fields of a scheme that differ between `before` and `after` (for the revision log).
pub fn changed_fields(before: &Scheme, after: &Scheme) -> Vec<&'static str> {
    to_fields(before)
        .into_iter()
        .zip(to_fields(after))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, _), _)| field)
        .collect()
}

/// Writing a value as its code or as JSON, through one object-safe door.
mod erased {
    use super::Serialize;

    pub trait Code {
        fn code_text(&self) -> String;
    }

    impl<T: Serialize> Code for T {
        fn code_text(&self) -> String {
            match serde_json::to_value(self) {
                Ok(serde_json::Value::String(s)) => s,
                _ => String::new(),
            }
        }
    }

    pub trait Json {
        fn json_text(&self) -> String;
    }

    impl<T: Serialize> Json for T {
        fn json_text(&self) -> String {
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schemes::Catalogue;

    #[test]
    fn every_scheme_round_trips() {
        let catalogue: Catalogue =
            serde_json::from_str(include_str!("../../../../data/schemes.json")).unwrap();
        for scheme in &catalogue.schemes {
            let fields = to_fields(scheme);
            let back = from_fields(|name| {
                fields
                    .iter()
                    .find(|(f, _)| *f == name)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            })
            .unwrap_or_else(|p| panic!("{}: {p:?}", scheme.id));
            let mut expected = scheme.clone();
            if let Some(c) = expected.capacity.as_mut() {
                c.used = 0;
            }
            assert_eq!(back, expected, "{}", scheme.id);
        }
    }

    #[test]
    fn bad_json_names_the_field_and_says_why() {
        let catalogue: Catalogue =
            serde_json::from_str(include_str!("../../../../data/schemes.json")).unwrap();
        let mut fields = to_fields(&catalogue.schemes[0]);
        for (name, value) in fields.iter_mut() {
            if *name == "money" {
                *value = r#"{"kind":"percentage","percent":50}"#.into();
            }
            if *name == "audience" {
                *value = "everyone".into();
            }
        }
        let problems = from_fields(|name| {
            fields
                .iter()
                .find(|(f, _)| *f == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        })
        .unwrap_err();
        let money = problems.iter().find(|p| p.field == "money").unwrap();
        assert_eq!(money.key, "json");
        assert!(money.detail.contains("vat"), "{}", money.detail);
        assert!(problems
            .iter()
            .any(|p| p.field == "audience" && p.key == "choice"));
    }
}
