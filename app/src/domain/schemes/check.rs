//! Checks a scheme before it enters the catalogue: every field a coordinator can edit or a file
//! can import, the criteria and money rules included. One set of checks for the beheer form,
//! the JSON and CSV import and the seed file, so no path lets in what another would refuse.
//!
//! A problem names its field by the name the form, the CSV header and the import report share
//! (`FIELDS`), and a message key (`catalogue.problem.*` in the locale files).
use super::{Criterion, Money, Payment, Purpose, Scheme, Stacking, Window};
use crate::domain::account::SECTORS;

/// The editable fields of a scheme, in the order of the form and of the CSV columns.
pub const FIELDS: &[&str] = &[
    "id",
    "name",
    "official_name",
    "provider",
    "audience",
    "support",
    "summary_nl",
    "summary_en",
    "apply_nl",
    "apply_en",
    "apply_url",
    "windows",
    "valid_from",
    "valid_until",
    "status",
    "status_note_nl",
    "status_note_en",
    "verification",
    "sources",
    "secondary_sources",
    "criteria",
    "money",
    "stacking",
    "purpose",
    "payment",
    "capacity",
    "indicative",
    "notes_nl",
    "notes_en",
];

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// One of [`FIELDS`].
    pub field: &'static str,
    /// The message key, under `catalogue.problem.` in the locale files.
    pub key: &'static str,
    /// What a parser said, for a field written as JSON (empty otherwise).
    pub detail: String,
}

impl Problem {
    pub fn new(field: &'static str, key: &'static str) -> Self {
        Problem {
            field,
            key,
            detail: String::new(),
        }
    }
}

/// Longest texts, in characters.
const NAME_MAX: usize = 120;
const SUMMARY_MAX: usize = 800;
const LONG_TEXT_MAX: usize = 2000;
const URL_MAX: usize = 500;

/// Whether `id` is a slug as the scheme pages use it: 2–60 of a–z, 0–9 and hyphens, starting
/// with a letter or digit.
pub fn is_slug(id: &str) -> bool {
    (2..=60).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// Whether `url` is an absolute web address without spaces.
pub fn is_web_address(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or_default();
        host.contains('.')
            && url.len() <= URL_MAX
            && !url.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

/// Every problem of `scheme` (empty: it may enter the catalogue).
pub fn check(scheme: &Scheme) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut need = |ok: bool, field: &'static str, key: &'static str| {
        if !ok && !out.iter().any(|p: &Problem| p.field == field) {
            out.push(Problem::new(field, key));
        }
    };
    let text_ok = |s: &str, max: usize| s.chars().count() <= max;
    let single_line = |s: &str| !s.chars().any(|c| c.is_control());

    need(is_slug(&scheme.id), "id", "slug");
    need(!scheme.name.trim().is_empty(), "name", "required");
    need(
        text_ok(&scheme.name, NAME_MAX) && single_line(&scheme.name),
        "name",
        "too_long",
    );
    if let Some(official) = &scheme.official_name {
        need(
            !official.trim().is_empty() && text_ok(official, 300) && single_line(official),
            "official_name",
            "too_long",
        );
    }
    need(!scheme.provider.trim().is_empty(), "provider", "required");
    need(
        text_ok(&scheme.provider, NAME_MAX) && single_line(&scheme.provider),
        "provider",
        "too_long",
    );
    for (field, text, max, required) in [
        ("summary_nl", &scheme.summary.nl, SUMMARY_MAX, true),
        ("summary_en", &scheme.summary.en, SUMMARY_MAX, true),
        ("apply_nl", &scheme.apply.nl, LONG_TEXT_MAX, true),
        ("apply_en", &scheme.apply.en, LONG_TEXT_MAX, true),
        (
            "status_note_nl",
            &scheme.status_note.nl,
            LONG_TEXT_MAX,
            false,
        ),
        (
            "status_note_en",
            &scheme.status_note.en,
            LONG_TEXT_MAX,
            false,
        ),
        ("notes_nl", &scheme.notes.nl, LONG_TEXT_MAX, false),
        ("notes_en", &scheme.notes.en, LONG_TEXT_MAX, false),
    ] {
        need(!required || !text.trim().is_empty(), field, "required");
        need(text_ok(text, max), field, "too_long");
    }
    // Optional texts come in both languages or neither.
    for (field, text) in [
        ("status_note_en", &scheme.status_note),
        ("notes_en", &scheme.notes),
    ] {
        need(
            text.nl.trim().is_empty() == text.en.trim().is_empty(),
            field,
            "both_languages",
        );
    }
    if let Some(url) = &scheme.apply_url {
        need(is_web_address(url), "apply_url", "url");
    }
    if let (Some(from), Some(until)) = (scheme.valid_from, scheme.valid_until) {
        need(from <= until, "valid_until", "date_order");
    }
    need(
        !scheme.sources.is_empty() || !scheme.secondary_sources.is_empty(),
        "sources",
        "source_required",
    );
    // A source is a web address or a reference ("stcrt-2024-41822", "rijksoverheid.nl
    // 3-3-2025"): one line each.
    let source_ok = |s: &String| !s.trim().is_empty() && s.chars().count() <= 300 && single_line(s);
    need(scheme.sources.iter().all(source_ok), "sources", "too_long");
    need(
        scheme.secondary_sources.iter().all(source_ok),
        "secondary_sources",
        "too_long",
    );
    need(scheme.sources.len() <= 20, "sources", "too_many");
    need(
        scheme.secondary_sources.len() <= 20,
        "secondary_sources",
        "too_many",
    );
    need(scheme.windows.len() <= 12, "windows", "too_many");
    need(
        scheme.windows.iter().all(window_ok),
        "windows",
        "window_invalid",
    );
    need(scheme.criteria.len() <= 30, "criteria", "too_many");
    need(
        scheme.criteria.iter().all(|c| criterion_ok(c, 0)),
        "criteria",
        "criterion_invalid",
    );
    need(money_ok(&scheme.money), "money", "money_invalid");
    // A loan, wages or a service pays nothing towards the plan's training cost: a money rule
    // that does would count twice.
    need(
        scheme.purpose != Purpose::Service
            || matches!(scheme.money, Money::Nothing | Money::Unknown),
        "money",
        "money_for_service",
    );
    if let Stacking::HighestOnly { group } = &scheme.stacking {
        need(
            is_slug(group) || group.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "stacking",
            "stacking_group",
        );
    }
    if let Payment::Afterwards { when } = &scheme.payment {
        need(
            text_ok(&when.nl, LONG_TEXT_MAX) && text_ok(&when.en, LONG_TEXT_MAX),
            "payment",
            "too_long",
        );
        need(
            when.nl.trim().is_empty() == when.en.trim().is_empty(),
            "payment",
            "both_languages",
        );
    }
    if let Some(capacity) = &scheme.capacity {
        need(
            (1..=1_000_000).contains(&capacity.total),
            "capacity",
            "capacity_invalid",
        );
        need(
            !capacity.unit.nl.trim().is_empty() && !capacity.unit.en.trim().is_empty(),
            "capacity",
            "both_languages",
        );
    }
    out
}

fn window_ok(window: &Window) -> bool {
    match *window {
        Window::Dates { from, until } => from <= until,
        Window::Yearly { from, until } => {
            let real = |(m, d): (u8, u8)| super::super::date::Date::new(2024, m, d).is_some();
            real(from) && real(until)
        }
    }
}

fn bounds<T: PartialOrd>(min: Option<T>, max: Option<T>) -> bool {
    match (min, max) {
        (None, None) => false,
        (Some(a), Some(b)) => a <= b,
        _ => true,
    }
}

fn criterion_ok(criterion: &Criterion, depth: u8) -> bool {
    match criterion {
        Criterion::Age { min, max } => {
            bounds(*min, *max) && min.is_none_or(|a| a <= 120) && max.is_none_or(|a| a <= 120)
        }
        Criterion::Situation { any_of } => !any_of.is_empty(),
        Criterion::Education { min, max } => bounds(*min, *max),
        Criterion::TrainingKind { any_of } => !any_of.is_empty(),
        Criterion::Nlqf { min, max } => (1..=8).contains(min) && (*min..=8).contains(max),
        Criterion::Region { .. } => true,
        Criterion::Sector { any_of } => {
            !any_of.is_empty() && any_of.iter().all(|s| SECTORS.contains(&s.as_str()))
        }
        Criterion::EmployerSize { min, max } => bounds(*min, *max),
        Criterion::MkbTurnover | Criterion::ErkendLeerbedrijf | Criterion::Ontwikkelpad => true,
        Criterion::Hours { min } => (1..=80).contains(min),
        Criterion::TargetGroup { any_of } => !any_of.is_empty(),
        Criterion::MinCost { amount, .. } => (1..=100_000_000).contains(amount),
        Criterion::Months { min, max } => bounds(*min, *max),
        Criterion::Either { groups } => {
            depth < 2
                && groups.len() >= 2
                && groups.iter().all(|group| {
                    !group.is_empty() && group.iter().all(|c| criterion_ok(c, depth + 1))
                })
        }
    }
}

/// Largest amount any money rule may name: €10 million, in cents.
const AMOUNT_MAX: i64 = 1_000_000_000;

fn money_ok(money: &Money) -> bool {
    let amount = |a: i64| (1..=AMOUNT_MAX).contains(&a);
    match money {
        Money::Nothing | Money::Unknown => true,
        Money::Percentage { percent, cap, .. } => {
            (1..=100).contains(percent) && cap.is_none_or(amount)
        }
        Money::PercentageByNlqf { tiers, cap, .. } => {
            let mut sorted: Vec<_> = tiers.iter().collect();
            sorted.sort_by_key(|t| t.min);
            !tiers.is_empty()
                && tiers.iter().all(|t| {
                    (1..=8).contains(&t.min) && (t.min..=8).contains(&t.max) && t.percent <= 100
                })
                && sorted.windows(2).all(|w| w[0].max < w[1].min)
                && cap.is_none_or(amount)
        }
        Money::Fixed { amount: a, .. } => amount(*a),
        Money::FixedByKind { amounts, .. } => {
            let mut kinds: Vec<_> = amounts.iter().map(|k| k.kind).collect();
            kinds.sort_unstable();
            kinds.dedup();
            !amounts.is_empty()
                && kinds.len() == amounts.len()
                && amounts.iter().all(|k| amount(k.amount))
        }
        Money::PerPlace {
            amount: a,
            weeks,
            weeks_hbo,
        } => {
            amount(*a)
                && (1..=52).contains(weeks)
                && weeks_hbo.is_none_or(|w| (1..=52).contains(&w))
        }
        Money::PerHour {
            rate,
            cap_per_year,
            years,
        } => amount(*rate) && amount(*cap_per_year) && (1..=10).contains(years),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schemes::Catalogue;

    fn catalogue() -> Catalogue {
        serde_json::from_str(include_str!("../../../../data/schemes.json")).unwrap()
    }

    #[test]
    fn the_seed_catalogue_passes() {
        for scheme in &catalogue().schemes {
            assert_eq!(check(scheme), vec![], "{}", scheme.id);
        }
    }

    #[test]
    fn problems_name_their_field() {
        let mut s = catalogue().schemes[0].clone();
        s.id = "Not A Slug".into();
        s.name = String::new();
        s.summary.en = String::new();
        s.apply_url = Some("javascript:alert(1)".into());
        s.sources = vec!["x".repeat(301)];
        s.criteria = vec![Criterion::Age {
            min: Some(30),
            max: Some(18),
        }];
        s.money = Money::Percentage {
            percent: 150,
            cap: None,
            vat: super::super::Vat::Incl,
        };
        let fields: Vec<_> = check(&s).into_iter().map(|p| p.field).collect();
        for field in [
            "id",
            "name",
            "summary_en",
            "apply_url",
            "sources",
            "criteria",
            "money",
        ] {
            assert!(fields.contains(&field), "{field} not reported: {fields:?}");
        }
    }

    #[test]
    fn slugs() {
        assert!(is_slug("praktijkleren"));
        assert!(is_slug("slim-2026"));
        for bad in [
            "",
            "a",
            "-a",
            "a-",
            "a--b",
            "A",
            "a b",
            "é",
            &"a".repeat(61),
        ] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn every_field_is_named_once() {
        let mut fields = FIELDS.to_vec();
        fields.sort_unstable();
        fields.dedup();
        assert_eq!(fields.len(), FIELDS.len());
    }
}
