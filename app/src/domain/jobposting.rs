//! Reading vacancies from other systems: schema.org `JobPosting` as JSON-LD (one object, a
//! list, or an `@graph`) and CSV with a header row (Dutch column names, or English ones; see
//! [`from_csv`]). Each record becomes a [`Vacancy`] or a problem with its place in the file
//! (the record's number; in a CSV file its line) and its reason; a bad record is skipped, the
//! rest is read (the issue: "reported and skipped"). Both formats take their texts out of the
//! record and leave checking them and building the vacancy to one function, so a CSV row and a
//! JobPosting are held to the same rules. Skills are recognised from the title, the skills
//! (`skills` and `qualifications` properties, or the `vaardigheden` column) and the
//! description, by label and synonym (`Taxonomy::recognise`); what the text names only after
//! "mooi meegenomen", "pré" or "nice to have" counts as optional.
//!
//! Pure (server only: it needs serde_json and csv): the text goes in, vacancies and problems
//! come out; storing them is the matcher's business.
use serde_json::Value;

use super::date::Date;
use super::matching::Contract;
use super::region::{Town, TOWNS};
use super::skills::{normalise, SkillNo, Taxonomy};
use super::vacancies::Vacancy;

/// One record that could not be read: where (1-based record number; for CSV the line) and why
/// (in English in `reason`, for the command line; as data in `why`, for a page to say in its
/// own language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub record: usize,
    pub reason: String,
    pub why: Why,
}

/// Why a record was skipped. Field names are as the file names them (a CSV column, a JobPosting
/// property).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    Missing(String),
    /// The field, its value, and what it should be.
    Bad(String, String, Should),
    NoSkill,
    /// A record of another schema.org type.
    NotJobPosting(String),
    /// A CSV row with this many fields where the header has that many.
    Fields(usize, usize),
    /// A line the CSV reader could not read (`reason` says how).
    Unreadable,
}

/// What a field's value should be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Should {
    Town,
    Date,
    Hours,
    Contract,
    Level,
    Text,
}

/// What a file gave: the vacancies read, and the records skipped with their reasons.
#[derive(Debug, Default)]
pub struct Read {
    pub vacancies: Vec<Vacancy>,
    /// Where each vacancy was in the file (as `Problem::record`), in the same order.
    pub records: Vec<usize>,
    pub problems: Vec<Problem>,
}

/// Words after which a text lists what is welcome rather than needed.
const WELCOME: &[&str] = &[
    "mooi meegenomen",
    "pre",
    "een plus",
    "is een plus",
    "nice to have",
    "would be a plus",
    "bonus",
];

/// What a vacancy is built from, as a record's format names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    Title,
    Employer,
    Description,
    Place,
    Hours,
    Contract,
    Posted,
    ValidThrough,
    Skills,
    Level,
}

impl Field {
    fn should(self) -> Should {
        match self {
            Field::Place => Should::Town,
            Field::Posted | Field::ValidThrough => Should::Date,
            Field::Hours => Should::Hours,
            Field::Contract => Should::Contract,
            Field::Level => Should::Level,
            Field::Id | Field::Title | Field::Employer | Field::Description | Field::Skills => {
                Should::Text
            }
        }
    }

    /// What a value of the field has to be, for a reason ("… is not a date").
    fn should_be(self) -> &'static str {
        match self {
            Field::Place => "a town of Regio Zwolle",
            Field::Posted | Field::ValidThrough => "a date",
            Field::Hours => "hours a week (such as 32, 32-36 or 32 tot 36)",
            Field::Contract => "vast, tijdelijk, leerbaan or a schema.org employmentType",
            Field::Level => "an NLQF level (1 to 8)",
            Field::Id | Field::Title | Field::Employer | Field::Description | Field::Skills => {
                "readable"
            }
        }
    }
}

/// Why a record is not a vacancy; its format says it in words that name its own fields.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Fault {
    /// The field is absent or empty.
    Missing(Field),
    /// The field has this value, which is not what it should be.
    Bad(Field, String),
    /// Nothing in the record names a skill of the taxonomy.
    NoSkill,
}

const NO_SKILL: &str = "no skill of the taxonomy is named in it";

/// A record's texts as its format gives them: what [`vacancy`] checks and builds a vacancy
/// from, whatever the format.
#[derive(Debug)]
struct Texts {
    id: String,
    title: String,
    employer: String,
    /// Plain text.
    description: String,
    /// The name of the town.
    locality: String,
    /// A text that names the hours a week ("32-36 uur"); empty when the record does not say.
    hours: String,
    /// schema.org `employmentType` values in upper case (FULL_TIME, TEMPORARY, …); LEERBAAN
    /// for a leerbaan.
    types: Vec<String>,
    posted: String,
    valid_through: String,
    /// Skills and qualifications named apart from the description.
    skills: Vec<String>,
    /// The NLQF level asked; empty when the record does not say.
    level: String,
}

/// Reads JobPosting JSON-LD.
pub fn from_json_ld(text: &str, taxonomy: &Taxonomy) -> Result<Read, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let records: Vec<&Value> = match &value {
        Value::Array(list) => list.iter().collect(),
        Value::Object(map) => match map.get("@graph") {
            Some(Value::Array(list)) => list.iter().collect(),
            _ => vec![&value],
        },
        _ => return Err("not a JobPosting, a list or an @graph".into()),
    };
    let mut read = Read::default();
    for (i, record) in records.into_iter().enumerate() {
        match posting(record, taxonomy) {
            Ok(v) => {
                read.vacancies.push(v);
                read.records.push(i + 1);
            }
            Err((reason, why)) => read.problems.push(Problem {
                record: i + 1,
                reason,
                why,
            }),
        }
    }
    Ok(read)
}

/// A text property: a string, or the first string of a list, or an object's `name`/`value`.
fn text_of(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Array(list)) => text_of(list.first()),
        Some(Value::Object(map)) => text_of(map.get("name").or_else(|| map.get("value"))),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Every string of a property that may be one string or a list.
fn texts_of(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(list)) => list.iter().map(|v| text_of(Some(v))).collect(),
        Some(_) => vec![text_of(value)],
        None => Vec::new(),
    }
}

/// HTML as plain text: tags become spaces, the few entities ads use are decoded.
fn plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&nbsp;", " ")
        .replace("&eacute;", "é")
        .replace("&euml;", "ë")
}

fn posting(record: &Value, taxonomy: &Taxonomy) -> Result<Vacancy, (String, Why)> {
    let kind = text_of(record.get("@type"));
    if !kind.is_empty() && kind != "JobPosting" {
        return Err((
            format!("@type is {kind}, not JobPosting"),
            Why::NotJobPosting(kind),
        ));
    }
    let place = record
        .get("jobLocation")
        .map(|l| match l {
            Value::Array(list) => list.first().cloned().unwrap_or(Value::Null),
            other => other.clone(),
        })
        .unwrap_or(Value::Null);
    let texts = Texts {
        id: text_of(record.get("identifier")),
        title: text_of(record.get("title")),
        employer: text_of(record.get("hiringOrganization")),
        description: plain(&text_of(record.get("description"))),
        locality: text_of(place.pointer("/address/addressLocality")),
        hours: text_of(record.get("workHours")),
        types: texts_of(record.get("employmentType"))
            .into_iter()
            .map(|t| t.to_uppercase())
            .collect(),
        posted: text_of(record.get("datePosted")),
        valid_through: text_of(record.get("validThrough")),
        skills: texts_of(record.get("skills"))
            .into_iter()
            .chain(texts_of(record.get("qualifications")))
            .collect(),
        level: String::new(),
    };
    vacancy(texts, taxonomy).map_err(|fault| match fault {
        Fault::Missing(Field::Place) => (
            "jobLocation has no address.addressLocality".into(),
            Why::Missing("jobLocation.address.addressLocality".into()),
        ),
        Fault::Missing(Field::Posted) => (
            "datePosted is missing or not a date".into(),
            Why::Missing("datePosted".into()),
        ),
        Fault::Bad(Field::Posted, value) => (
            "datePosted is missing or not a date".into(),
            Why::Bad("datePosted".into(), value, Should::Date),
        ),
        Fault::Missing(field) => (
            format!("{} is missing", json_ld_name(field)),
            Why::Missing(json_ld_name(field).into()),
        ),
        Fault::Bad(field, value) => (
            format!(
                "{} {value:?} is not {}",
                json_ld_name(field),
                field.should_be()
            ),
            Why::Bad(json_ld_name(field).into(), value, field.should()),
        ),
        Fault::NoSkill => (NO_SKILL.into(), Why::NoSkill),
    })
}

/// The JobPosting property a field is read from.
fn json_ld_name(field: Field) -> &'static str {
    match field {
        Field::Id => "identifier",
        Field::Title => "title",
        Field::Employer => "hiringOrganization",
        Field::Description => "description",
        Field::Place => "jobLocation",
        Field::Hours => "workHours",
        Field::Contract => "employmentType",
        Field::Posted => "datePosted",
        Field::ValidThrough => "validThrough",
        Field::Skills => "skills",
        Field::Level => "educationalLevel",
    }
}

/// The CSV columns: the field, its Dutch name, its English name (both matched without regard
/// to case), and whether a file must have it.
const COLUMNS: &[(Field, &str, &str, bool)] = &[
    (Field::Id, "id", "identifier", false),
    (Field::Title, "titel", "title", true),
    (Field::Employer, "werkgever", "employer", true),
    (Field::Description, "omschrijving", "description", true),
    (Field::Place, "plaats", "town", true),
    (Field::Hours, "uren", "hours", false),
    (Field::Contract, "contract", "contract", false),
    (Field::Posted, "geplaatst", "datePosted", true),
    (Field::ValidThrough, "geldig_tot", "validThrough", false),
    (Field::Skills, "vaardigheden", "skills", false),
    (Field::Level, "niveau", "level", false),
];

/// Reads vacancies from CSV, one a row, under a header row that names the columns — in Dutch
/// or English, in any case, in any order; columns it does not know are ignored:
///
/// | column | English | |
/// |---|---|---|
/// | `id` | `identifier` | optional |
/// | `titel` | `title` | required |
/// | `werkgever` | `employer` | required |
/// | `omschrijving` | `description` | required |
/// | `plaats` | `town` | required: a town of the region |
/// | `uren` | `hours` | optional: `32`, `32-36` or `32 tot 36`; else read from the title or description, else 36–40 |
/// | `contract` | `contract` | optional: `vast`, `tijdelijk`, `leerbaan`, or schema.org `employmentType` words (`FULL_TIME`, `TEMPORARY`, …); a title naming BBL or leerbaan is a leerbaan |
/// | `geplaatst` | `datePosted` | required: YYYY-MM-DD |
/// | `geldig_tot` | `validThrough` | optional: YYYY-MM-DD |
/// | `vaardigheden` | `skills` | optional: skill names separated by `;` or `,` |
/// | `niveau` | `level` | optional: the NLQF level, 1 to 8 |
///
/// The fields are separated by commas, or by semicolons when the header has more of those (as
/// a Dutch spreadsheet writes them). A header without a required column is an error; a row
/// that cannot be read is a [`Problem`] with the line it starts on (the header is line 1) and
/// a reason that names the column. Empty lines are skipped.
pub fn from_csv(text: &str, taxonomy: &Taxonomy) -> Result<Read, String> {
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("the header cannot be read: {e}"))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    // Each field's column: its place in a row and its name as the header writes it.
    let column = |field: Field| -> Option<(usize, &str)> {
        let (_, dutch, english, _) = COLUMNS.iter().find(|c| c.0 == field)?;
        header
            .iter()
            .position(|h| {
                let h = h.to_lowercase().replace([' ', '-'], "_");
                h == *dutch || h == english.to_lowercase()
            })
            .map(|i| (i, header[i].as_str()))
    };
    let missing: Vec<String> = COLUMNS
        .iter()
        .filter(|(field, _, _, required)| *required && column(*field).is_none())
        .map(|(_, dutch, english, _)| format!("{dutch} (or {english})"))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "the header has no column {}",
            missing.join(" and no column ")
        ));
    }
    let columns: Vec<(Field, Option<(usize, &str)>)> =
        COLUMNS.iter().map(|c| (c.0, column(c.0))).collect();
    let mut read = Read::default();
    for row in reader.records() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                read.problems.push(Problem {
                    record: e.position().map_or(0, |p| start_line(text, p)),
                    reason: format!("the line cannot be read: {e}"),
                    why: Why::Unreadable,
                });
                continue;
            }
        };
        let line = row.position().map_or(0, |p| start_line(text, p));
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if row.len() != header.len() {
            read.problems.push(Problem {
                record: line,
                reason: format!(
                    "the row has {} fields where the header has {}",
                    row.len(),
                    header.len()
                ),
                why: Why::Fields(row.len(), header.len()),
            });
            continue;
        }
        let cell = |field: Field| -> &str {
            columns
                .iter()
                .find(|(f, _)| *f == field)
                .and_then(|(_, c)| *c)
                .and_then(|(i, _)| row.get(i))
                .map_or("", str::trim)
        };
        let name = |field: Field| -> &str {
            columns
                .iter()
                .find(|(f, _)| *f == field)
                .and_then(|(_, c)| *c)
                .map_or("", |(_, name)| name)
        };
        match csv_row(&cell, taxonomy) {
            Ok(v) => {
                read.vacancies.push(v);
                read.records.push(line);
            }
            Err(fault) => read.problems.push(Problem {
                record: line,
                why: match &fault {
                    Fault::Missing(field) => Why::Missing(name(*field).into()),
                    Fault::Bad(field, value) => {
                        Why::Bad(name(*field).into(), value.clone(), field.should())
                    }
                    Fault::NoSkill => Why::NoSkill,
                },
                reason: match fault {
                    Fault::Missing(field) => format!("the column {} is empty", name(field)),
                    Fault::Bad(field, value) => format!(
                        "the column {} says {value:?}, which is not {}{}",
                        name(field),
                        field.should_be(),
                        if matches!(field, Field::Posted | Field::ValidThrough) {
                            " (YYYY-MM-DD)"
                        } else {
                            ""
                        }
                    ),
                    Fault::NoSkill => NO_SKILL.into(),
                },
            }),
        }
    }
    Ok(read)
}

/// The line a CSV row starts on. csv's position is where it started reading the row, before
/// the empty lines it skipped; those are counted on.
fn start_line(text: &str, position: &csv::Position) -> usize {
    let rest = text.get(position.byte() as usize..).unwrap_or_default();
    let skipped = &rest[..rest.len() - rest.trim_start_matches(['\r', '\n']).len()];
    position.line() as usize + skipped.replace("\r\n", "\n").matches(['\r', '\n']).count()
}

/// A CSV row's vacancy, its cells given by field: the hours and contract columns read here,
/// the rest as every format's texts are.
fn csv_row<'a>(cell: &dyn Fn(Field) -> &'a str, taxonomy: &Taxonomy) -> Result<Vacancy, Fault> {
    // "32", "32-36", "32 tot 36": the hours text an ad writes, with its unit.
    let hours = match cell(Field::Hours) {
        "" => String::new(),
        given => {
            let lower = given.to_lowercase();
            let text = if lower.contains("uur") || lower.contains("hour") {
                given.to_string()
            } else {
                format!("{given} uur")
            };
            if hours_of(&text).is_none() {
                return Err(Fault::Bad(Field::Hours, given.into()));
            }
            text
        }
    };
    let mut types = Vec::new();
    for word in cell(Field::Contract).split([',', ';', '/']) {
        let word = word.trim().to_uppercase().replace([' ', '-'], "_");
        match word.as_str() {
            "" | "VAST" => {}
            "TIJDELIJK" => types.push("TEMPORARY".to_string()),
            "LEERBAAN" | "BBL" => types.push("LEERBAAN".to_string()),
            "FULL_TIME" | "PART_TIME" | "CONTRACTOR" | "TEMPORARY" | "INTERN" | "VOLUNTEER"
            | "PER_DIEM" | "OTHER" => types.push(word),
            _ => return Err(Fault::Bad(Field::Contract, cell(Field::Contract).into())),
        }
    }
    let texts = Texts {
        id: cell(Field::Id).into(),
        title: cell(Field::Title).into(),
        employer: cell(Field::Employer).into(),
        description: cell(Field::Description).into(),
        locality: cell(Field::Place).into(),
        hours,
        types,
        posted: cell(Field::Posted).into(),
        valid_through: cell(Field::ValidThrough).into(),
        skills: cell(Field::Skills)
            .split([';', ','])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        level: cell(Field::Level).into(),
    };
    vacancy(texts, taxonomy)
}

/// The vacancy a record's texts describe, or the first thing wrong with them: the one place a
/// vacancy is checked and built, whichever format it came in.
fn vacancy(texts: Texts, taxonomy: &Taxonomy) -> Result<Vacancy, Fault> {
    let Texts {
        id,
        title,
        employer,
        description,
        locality,
        hours,
        types,
        posted,
        valid_through,
        skills,
        level,
    } = texts;
    if title.is_empty() {
        return Err(Fault::Missing(Field::Title));
    }
    if description.trim().is_empty() {
        return Err(Fault::Missing(Field::Description));
    }
    if employer.is_empty() {
        return Err(Fault::Missing(Field::Employer));
    }
    let town = town_named(&locality).ok_or_else(|| {
        if locality.is_empty() {
            Fault::Missing(Field::Place)
        } else {
            Fault::Bad(Field::Place, locality.clone())
        }
    })?;
    let posted = match date_of(&posted) {
        Some(date) => date,
        None if posted.is_empty() => return Err(Fault::Missing(Field::Posted)),
        None => return Err(Fault::Bad(Field::Posted, posted)),
    };
    let valid_through = match valid_through {
        t if t.is_empty() => None,
        t => Some(date_of(&t).ok_or(Fault::Bad(Field::ValidThrough, t))?),
    };
    let level = match level.trim() {
        "" => None,
        l => Some(
            l.parse::<u8>()
                .ok()
                .filter(|n| (1..=8).contains(n))
                .ok_or_else(|| Fault::Bad(Field::Level, l.into()))?,
        ),
    };
    // A leerbaan says so in its title; a text may name BBL for other reasons ("begeleiden
    // van BBL-studenten").
    let contract = if normalise(&title)
        .split(' ')
        .any(|w| w == "bbl" || w == "leerbaan")
        || types.iter().any(|t| t == "LEERBAAN")
    {
        Contract::Leerbaan
    } else if types.iter().any(|t| {
        matches!(
            t.as_str(),
            "TEMPORARY" | "CONTRACTOR" | "PER_DIEM" | "INTERN"
        )
    }) {
        Contract::Tijdelijk
    } else {
        Contract::Vast
    };
    let hours = hours_of(&hours)
        .or_else(|| hours_of(&title))
        .or_else(|| hours_of(&description))
        .unwrap_or(if types.iter().any(|t| t == "PART_TIME") {
            (16, 32)
        } else {
            (36, 40)
        });
    let named = [title.clone(), skills.join(". ")].join(". ");
    let (essential, optional) = skills_in(taxonomy, &named, &description);
    if essential.is_empty() && optional.is_empty() {
        return Err(Fault::NoSkill);
    }
    Ok(Vacancy {
        id,
        occupation: occupation_in(taxonomy, &title),
        sector: sector_of(taxonomy, &essential, &optional),
        title,
        employer,
        description: description.split_whitespace().collect::<Vec<_>>().join(" "),
        gemeente: town.gemeente.to_string(),
        town: town.name.to_string(),
        lat: town.lat,
        lon: town.lon,
        hours,
        contract,
        level,
        essential: essential
            .iter()
            .map(|&n| taxonomy.skill_at(n).id.clone())
            .collect(),
        optional: optional
            .iter()
            .map(|&n| taxonomy.skill_at(n).id.clone())
            .collect(),
        posted,
        valid_through,
    })
}

/// The region's town with this name (accents and case aside).
fn town_named(name: &str) -> Option<&'static Town> {
    let name = normalise(name);
    (!name.is_empty())
        .then(|| TOWNS.iter().find(|t| normalise(t.name) == name))
        .flatten()
}

/// "2026-11-20" or "2026-11-20T09:00:00+01:00".
fn date_of(text: &str) -> Option<Date> {
    text.get(..10).and_then(Date::parse)
}

/// "32-36 uur", "32 tot 36 uur", "32 – 36 hours", "24 uur": the hours a week named in a text.
fn hours_of(text: &str) -> Option<(u8, u8)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).map(|n| n.to_lowercase());
        let unit = |s: &Option<String>| {
            s.as_deref()
                .is_some_and(|n| n.starts_with("uur") || n.starts_with("hour"))
        };
        let number = |s: &str| {
            s.trim_matches(|c: char| !c.is_ascii_digit())
                .parse::<u8>()
                .ok()
                .filter(|n| (1..=48).contains(n))
        };
        if let Some((a, b)) = w.split_once(['-', '–']) {
            if let (Some(a), Some(b)) = (number(a), number(b)) {
                if unit(&next) && a <= b {
                    return Some((a, b));
                }
            }
        }
        if let Some(n) = number(w) {
            if unit(&next) {
                return Some((n, n));
            }
            // "32 - 36 uur", "32 tot 36 uur".
            if words
                .get(i + 1)
                .is_some_and(|d| matches!(*d, "-" | "–" | "tot" | "to"))
            {
                if let Some(m) = words.get(i + 2).and_then(|m| number(m)) {
                    if unit(&words.get(i + 3).map(|u| u.to_lowercase())) && n <= m {
                        return Some((n, m));
                    }
                }
            }
        }
    }
    None
}

/// The skills named: in the title and skill lists, and in the description before the words
/// that start what is welcome (essential), and after them only (optional).
pub fn skills_in(
    taxonomy: &Taxonomy,
    named: &str,
    description: &str,
) -> (Vec<SkillNo>, Vec<SkillNo>) {
    let text = normalise(description);
    let cut = WELCOME
        .iter()
        .filter_map(|w| {
            text.match_indices(w)
                .find(|(i, _)| {
                    let before = text[..*i].chars().last();
                    let after = text[i + w.len()..].chars().next();
                    before.is_none_or(|c| c == ' ') && after.is_none_or(|c| c == ' ')
                })
                .map(|(i, _)| i)
        })
        .min()
        .unwrap_or(text.len());
    let mut essential = taxonomy.recognise(named);
    for no in taxonomy.recognise(&text[..cut]) {
        if !essential.contains(&no) {
            essential.push(no);
        }
    }
    let optional = taxonomy
        .recognise(&text[cut..])
        .into_iter()
        .filter(|no| !essential.contains(no))
        .collect();
    (essential, optional)
}

/// The occupation the title names, the longest name first ("Zelfstandig werkend kok" before
/// "Kok").
pub fn occupation_in(taxonomy: &Taxonomy, title: &str) -> Option<String> {
    let title = format!(" {} ", normalise(title));
    taxonomy
        .occupations
        .iter()
        .flat_map(|o| {
            [&o.nl, &o.en]
                .into_iter()
                .chain(&o.synonyms_nl)
                .chain(&o.synonyms_en)
                .map(move |name| (normalise(name), o))
        })
        .filter(|(name, _)| !name.is_empty() && title.contains(&format!(" {name} ")))
        .max_by_key(|(name, _)| name.len())
        .map(|(_, o)| o.id.clone())
}

/// The sector most of its own (not basic) skills belong to.
pub fn sector_of(taxonomy: &Taxonomy, essential: &[SkillNo], optional: &[SkillNo]) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for &no in essential.iter().chain(optional) {
        let skill = taxonomy.skill_at(no);
        if skill.group == "basis" {
            continue;
        }
        let sector = taxonomy
            .group(&skill.group)
            .map_or("overig", |g| g.sector.as_str());
        match counts.iter_mut().find(|(s, _)| s == sector) {
            Some((_, n)) => *n += 1,
            None => counts.push((sector.to_string(), 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map_or_else(|| "overig".to_string(), |(s, _)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taxonomy() -> Taxonomy {
        Taxonomy::parse(include_str!("../../../data/skills.json")).unwrap()
    }

    const GOOD: &str = r#"{
        "@context": "https://schema.org/", "@type": "JobPosting",
        "identifier": {"@type": "PropertyValue", "value": "ZG-2026-114"},
        "title": "Verzorgende IG (24-32 uur)",
        "description": "<p>Je doet de <b>persoonlijke verzorging</b> en wondzorg.</p><p>Mooi meegenomen: ervaring met dementie.</p>",
        "hiringOrganization": {"@type": "Organization", "name": "Zorggroep Het Anker"},
        "jobLocation": {"@type": "Place", "address": {"addressLocality": "Kampen", "postalCode": "8261"}},
        "employmentType": ["PART_TIME"],
        "datePosted": "2026-11-20T09:00:00+01:00",
        "validThrough": "2027-01-20",
        "skills": ["Nederlands op niveau B1"]
    }"#;

    #[test]
    fn a_job_posting_becomes_a_vacancy_with_its_skills() {
        let t = taxonomy();
        let read = from_json_ld(GOOD, &t).unwrap();
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let v = &read.vacancies[0];
        assert_eq!(v.id, "ZG-2026-114");
        assert_eq!(v.employer, "Zorggroep Het Anker");
        assert_eq!((v.town.as_str(), v.gemeente.as_str()), ("Kampen", "GM0166"));
        assert_eq!(v.hours, (24, 32));
        assert_eq!(v.contract, Contract::Vast);
        assert_eq!(v.posted, Date::new(2026, 11, 20).unwrap());
        assert_eq!(v.valid_through, Date::new(2027, 1, 20));
        assert_eq!(v.occupation.as_deref(), Some("verzorgende-ig"));
        assert_eq!(v.sector, "zorg");
        for id in [
            "zorg-persoonlijke-verzorging",
            "zorg-wondverzorging",
            "basis-nederlands-b1",
        ] {
            assert!(
                v.essential.iter().any(|e| e == id),
                "{id} in {:?}",
                v.essential
            );
        }
        assert!(
            v.optional.iter().any(|o| o == "zorg-dementiezorg"),
            "{:?}",
            v.optional
        );
        assert!(
            !v.description.contains('<'),
            "plain text: {}",
            v.description
        );
    }

    #[test]
    fn a_bad_record_is_named_and_skipped_and_the_rest_is_read() {
        let t = taxonomy();
        let no_place = GOOD.replace("Kampen", "Groningen");
        let no_title = GOOD.replace("\"title\": \"Verzorgende IG (24-32 uur)\",", "");
        let bad_date = GOOD.replace("2027-01-20", "morgen");
        let nothing = GOOD
            .replace("persoonlijke verzorging", "dingen")
            .replace("wondzorg", "zaken")
            .replace("dementie", "mensen")
            .replace("Nederlands op niveau B1", "gezellig")
            .replace("Verzorgende IG", "Medewerker");
        let graph = format!(
            r#"{{"@context":"https://schema.org","@graph":[{GOOD},{no_place},{no_title},{bad_date},{nothing},{{"@type":"Event"}}]}}"#
        );
        let read = from_json_ld(&graph, &t).unwrap();
        assert_eq!(read.vacancies.len(), 1);
        let reasons: Vec<(usize, &str)> = read
            .problems
            .iter()
            .map(|p| (p.record, p.reason.as_str()))
            .collect();
        assert_eq!(
            reasons[0],
            (2, "jobLocation \"Groningen\" is not a town of Regio Zwolle")
        );
        assert_eq!(reasons[1], (3, "title is missing"));
        assert_eq!(reasons[2], (4, "validThrough \"morgen\" is not a date"));
        assert_eq!(reasons[3], (5, "no skill of the taxonomy is named in it"));
        assert_eq!(reasons[4], (6, "@type is Event, not JobPosting"));
        assert!(from_json_ld("{not json", &t).is_err());
        assert!(from_json_ld("42", &t).is_err());
    }

    #[test]
    fn generated_vacancies_come_back_through_json_ld() {
        // The demo generator's vacancies as JobPosting JSON-LD, read back: the same place,
        // hours and the same skills, essential and welcome apart.
        let t = taxonomy();
        let today = Date::new(2026, 11, 29).unwrap();
        let made = crate::domain::vacancies::generate(&t, 300, 9, today);
        let postings: Vec<Value> = made
            .iter()
            .map(|v| {
                serde_json::json!({
                    "@type": "JobPosting",
                    "identifier": v.id,
                    "title": v.title,
                    "description": v.description,
                    "hiringOrganization": {"name": v.employer},
                    "jobLocation": {"address": {"addressLocality": v.town}},
                    "employmentType": if v.contract == Contract::Tijdelijk { "TEMPORARY" } else { "FULL_TIME" },
                    "datePosted": v.posted.to_string(),
                    "validThrough": v.valid_through.map(|d| d.to_string()),
                })
            })
            .collect();
        let read = from_json_ld(&Value::Array(postings).to_string(), &t).unwrap();
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let mut same = 0;
        for (made, back) in made.iter().zip(&read.vacancies) {
            assert_eq!(
                (made.id.as_str(), made.town.as_str()),
                (back.id.as_str(), back.town.as_str())
            );
            assert_eq!(made.hours, back.hours, "{}", made.description);
            assert_eq!(made.contract, back.contract, "{}", made.title);
            let sorted = |list: &[String]| {
                let mut l = list.to_vec();
                l.sort();
                l
            };
            for id in &made.essential {
                assert!(back.essential.contains(id), "{}: {id} essential", made.id);
            }
            for id in &made.optional {
                assert!(back.optional.contains(id), "{}: {id} optional", made.id);
            }
            if sorted(&made.essential) == sorted(&back.essential)
                && sorted(&made.optional) == sorted(&back.optional)
            {
                same += 1;
            }
        }
        assert!(
            same * 100 >= 95 * made.len(),
            "{same} of {} read back exactly",
            made.len()
        );
    }

    #[test]
    fn hours_and_contracts_are_read_from_what_ads_say() {
        assert_eq!(hours_of("32-36 uur per week"), Some((32, 36)));
        assert_eq!(hours_of("werk 24 – 32 uur"), Some((24, 32)));
        assert_eq!(hours_of("voor 32 tot 36 uur per week"), Some((32, 36)));
        assert_eq!(hours_of("38 hours a week"), Some((38, 38)));
        assert_eq!(hours_of("in 2026 starten"), None);
        assert_eq!(hours_of("36-32 uur"), None);
        let t = taxonomy();
        let bbl = GOOD.replace("Verzorgende IG (24-32 uur)", "Verzorgende IG (BBL)");
        let read = from_json_ld(&bbl, &t).unwrap();
        assert_eq!(read.vacancies[0].contract, Contract::Leerbaan);
        let temp = GOOD.replace("[\"PART_TIME\"]", "\"TEMPORARY\"");
        assert_eq!(
            from_json_ld(&temp, &t).unwrap().vacancies[0].contract,
            Contract::Tijdelijk
        );
    }

    /// The problems of a read, as (line or record, reason).
    fn problems(read: &Read) -> Vec<(usize, &str)> {
        read.problems
            .iter()
            .map(|p| (p.record, p.reason.as_str()))
            .collect()
    }

    #[test]
    fn a_csv_file_with_english_headers_in_any_order_is_read() {
        let t = taxonomy();
        let text = "\
Title,Employer,TOWN,Hours,Contract,datePosted,ValidThrough,Skills,Level,Description,Identifier
Verzorgende IG,Zorggroep Het Anker,Kampen,24-32,vast,2026-11-20,2027-01-20,Nederlands op niveau B1; wondzorg,3,Je doet de persoonlijke verzorging. Mooi meegenomen: ervaring met dementie.,ZG-1
Monteur elektrotechniek,Elektrotechniek De Vecht,zwolle,38,TEMPORARY,2026-11-21,,\"NEN 3140, VCA Basis\",,Je gaat elektra aanleggen en storingen zoeken en verhelpen.,ET-2
Kok (BBL),Restaurant De Linde,Hattem,,FULL_TIME,2026-11-22T10:00:00+01:00,2027-01-01,,2,\"Je leert koken, werkt volgens HACCP en doet de mise-en-place.\",
";
        let read = from_csv(text, &t).unwrap();
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let [zorg, techniek, kok] = &read.vacancies[..] else {
            panic!("three vacancies: {:?}", read.vacancies);
        };
        assert_eq!(zorg.id, "ZG-1");
        assert_eq!(zorg.employer, "Zorggroep Het Anker");
        assert_eq!(
            (zorg.town.as_str(), zorg.gemeente.as_str()),
            ("Kampen", "GM0166")
        );
        assert_eq!(zorg.hours, (24, 32));
        assert_eq!(zorg.contract, Contract::Vast);
        assert_eq!(zorg.level, Some(3));
        assert_eq!(zorg.posted, Date::new(2026, 11, 20).unwrap());
        assert_eq!(zorg.valid_through, Date::new(2027, 1, 20));
        assert_eq!(zorg.occupation.as_deref(), Some("verzorgende-ig"));
        assert_eq!(zorg.sector, "zorg");
        for id in [
            "basis-nederlands-b1",
            "zorg-wondverzorging",
            "zorg-persoonlijke-verzorging",
        ] {
            assert!(
                zorg.essential.iter().any(|e| e == id),
                "{id}: {:?}",
                zorg.essential
            );
        }
        assert_eq!(zorg.optional, ["zorg-dementiezorg"]);
        assert_eq!(techniek.town, "Zwolle");
        assert_eq!(techniek.hours, (38, 38));
        assert_eq!(techniek.contract, Contract::Tijdelijk);
        assert_eq!((techniek.level, techniek.valid_through), (None, None));
        for id in [
            "techniek-nen-3140",
            "basis-vca-basis",
            "techniek-elektrotechnische-installaties",
            "techniek-storingzoeken",
        ] {
            assert!(
                techniek.essential.iter().any(|e| e == id),
                "{id}: {:?}",
                techniek.essential
            );
        }
        assert_eq!(kok.id, "");
        assert_eq!(kok.contract, Contract::Leerbaan, "BBL in the title");
        assert_eq!(kok.hours, (36, 40), "not said: the JSON-LD fallback");
        assert_eq!(kok.posted, Date::new(2026, 11, 22).unwrap());
        assert_eq!(kok.occupation.as_deref(), Some("kok"));
        assert!(kok.essential.iter().any(|e| e == "horeca-haccp"));
        // Semicolons between the fields, as a Dutch spreadsheet writes them, and the words a
        // column may hold for hours and contract.
        let dutch = "titel;werkgever;omschrijving;plaats;uren;contract;geplaatst\n\
            Kok;Hotel Zuiderzee;Je werkt volgens HACCP.;Urk;32 tot 36;leerbaan;2026-11-23\n\
            Kok;Hotel Zuiderzee;Je werkt volgens HACCP.;Urk;32 - 36 uur;tijdelijk;2026-11-23\n";
        let read = from_csv(dutch, &t).unwrap();
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let got: Vec<_> = read
            .vacancies
            .iter()
            .map(|v| (v.hours, v.contract))
            .collect();
        assert_eq!(
            got,
            [
                ((32, 36), Contract::Leerbaan),
                ((32, 36), Contract::Tijdelijk)
            ]
        );
    }

    const DUTCH_HEADER: &str =
        "id,titel,werkgever,plaats,uren,contract,geplaatst,geldig_tot,niveau,vaardigheden,omschrijving";

    #[test]
    fn a_bad_csv_row_is_named_by_its_line_and_the_rest_is_read() {
        let t = taxonomy();
        let row = |id: &str, title: &str, town: &str, posted: &str, level: &str| {
            format!("{id},{title},Zorggroep De Linde,{town},24-32,vast,{posted},,{level},wondzorg,Je doet de persoonlijke verzorging.")
        };
        let text = [
            DUTCH_HEADER.to_string(),
            row("a", "Verzorgende IG", "Kampen", "2026-11-20", "3"), // line 2
            row("b", "Verzorgende IG", "Groningen", "2026-11-20", "3"),
            row("c", "Verzorgende IG", "Kampen", "20-11-2026", "3"),
            String::new(), // an empty line: skipped, but counted
            row("d", "", "Kampen", "2026-11-20", "3"),
            row("e", "Verzorgende IG", "Kampen", "2026-11-20", "9"),
            row("f", "Verzorgende IG", "Kampen", "2026-11-20", "").replace("24-32", "veel"),
            row("g", "Verzorgende IG", "Kampen", "2026-11-20", "").replace("vast", "freelance"),
            "h,Verzorgende IG,Zorggroep De Linde,Kampen".to_string(),
            row("i", "Verzorgende IG", "Zwolle", "2026-11-20", ""), // line 11
        ]
        .join("\n");
        // The same lines with Windows line ends, as a spreadsheet writes them.
        for text in [text.clone(), text.replace('\n', "\r\n")] {
            let read = from_csv(&text, &t).unwrap();
            let ids: Vec<&str> = read.vacancies.iter().map(|v| v.id.as_str()).collect();
            assert_eq!(ids, ["a", "i"]);
            assert_eq!(
            problems(&read),
            [
                (3, "the column plaats says \"Groningen\", which is not a town of Regio Zwolle"),
                (4, "the column geplaatst says \"20-11-2026\", which is not a date (YYYY-MM-DD)"),
                (6, "the column titel is empty"),
                (7, "the column niveau says \"9\", which is not an NLQF level (1 to 8)"),
                (8, "the column uren says \"veel\", which is not hours a week (such as 32, 32-36 or 32 tot 36)"),
                (9, "the column contract says \"freelance\", which is not vast, tijdelijk, leerbaan or a schema.org employmentType"),
                (10, "the row has 4 fields where the header has 11"),
            ]
        );
        }
    }

    #[test]
    fn a_quoted_description_over_several_lines_moves_the_line_numbers_on() {
        let t = taxonomy();
        let text = format!(
            "{DUTCH_HEADER}\n\
             1,Verzorgende IG,Zorggroep Het Anker,Kampen,,,2026-11-20,,,,\"Je doet de persoonlijke verzorging.\n\
             \n\
             Mooi meegenomen: dementie.\"\n\
             2,Verzorgende IG,Zorggroep Het Anker,Amsterdam,,,2026-11-20,,,,Wondzorg.\n\
             3,Verzorgende IG,Zorggroep Het Anker,Kampen,,,2026-11-20,,,,Wondzorg.\n"
        );
        let crlf = from_csv(&text.replace('\n', "\r\n"), &t).unwrap();
        let read = from_csv(&text, &t).unwrap();
        assert_eq!(problems(&read), problems(&crlf));
        assert_eq!(
            problems(&read),
            [(
                5,
                "the column plaats says \"Amsterdam\", which is not a town of Regio Zwolle"
            )]
        );
        assert_eq!(read.vacancies.len(), 2);
        assert_eq!(
            read.vacancies[0].description,
            "Je doet de persoonlijke verzorging. Mooi meegenomen: dementie."
        );
        assert_eq!(read.vacancies[0].optional, ["zorg-dementiezorg"]);
    }

    #[test]
    fn a_csv_header_without_a_required_column_is_refused() {
        let t = taxonomy();
        let without_town = "titel,werkgever,omschrijving,geplaatst\nKok,Hotel,HACCP,2026-11-20\n";
        assert_eq!(
            from_csv(without_town, &t).unwrap_err(),
            "the header has no column plaats (or town)"
        );
        assert_eq!(
            from_csv("Title,Description\n", &t).unwrap_err(),
            "the header has no column werkgever (or employer) and no column plaats (or town) \
             and no column geplaatst (or datePosted)"
        );
        assert!(from_csv("", &t).is_err());
        // A header and nothing else is an empty file, not an error.
        let read = from_csv(&format!("{DUTCH_HEADER}\n\n"), &t).unwrap();
        assert!(read.vacancies.is_empty() && read.problems.is_empty());
    }

    #[test]
    fn generated_vacancies_come_back_through_csv() {
        // The demo generator's vacancies written as CSV with the csv crate and read back: the
        // same title, place, hours, contract, level and essential skills.
        let t = taxonomy();
        let today = Date::new(2026, 11, 29).unwrap();
        let made = crate::domain::vacancies::generate(&t, 300, 11, today);
        let mut out = csv::Writer::from_writer(Vec::new());
        out.write_record(DUTCH_HEADER.split(',')).unwrap();
        for v in &made {
            let label = |id: &String| t.skill(id).map_or(id.clone(), |s| s.nl.clone());
            out.write_record([
                v.id.clone(),
                v.title.clone(),
                v.employer.clone(),
                v.town.clone(),
                format!("{}-{}", v.hours.0, v.hours.1),
                v.contract.code().to_string(),
                v.posted.to_string(),
                v.valid_through.map(|d| d.to_string()).unwrap_or_default(),
                v.level.map(|l| l.to_string()).unwrap_or_default(),
                v.essential.iter().map(label).collect::<Vec<_>>().join("; "),
                v.description.clone(),
            ])
            .unwrap();
        }
        let text = String::from_utf8(out.into_inner().unwrap()).unwrap();
        let read = from_csv(&text, &t).unwrap();
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        assert_eq!(read.vacancies.len(), made.len());
        for (made, back) in made.iter().zip(&read.vacancies) {
            assert_eq!(
                (&made.id, &made.title, &made.town, &made.gemeente),
                (&back.id, &back.title, &back.town, &back.gemeente)
            );
            assert_eq!(made.hours, back.hours, "{}", made.id);
            assert_eq!(made.contract, back.contract, "{}", made.title);
            assert_eq!(made.level, back.level, "{}", made.id);
            assert_eq!(
                (made.posted, made.valid_through),
                (back.posted, back.valid_through)
            );
            for id in &made.essential {
                assert!(back.essential.contains(id), "{}: {id} essential", made.id);
            }
            for id in &made.optional {
                assert!(
                    back.optional.contains(id) || back.essential.contains(id),
                    "{}: {id} read",
                    made.id
                );
            }
        }
    }

    #[test]
    fn the_example_files_read_with_one_problem_each() {
        let t = taxonomy();
        let csv = from_csv(include_str!("../../../data/examples/vacatures.csv"), &t).unwrap();
        assert_eq!(csv.vacancies.len(), 5);
        assert_eq!(
            problems(&csv),
            // Line 8: the first row's description takes lines 2 to 4.
            [(
                8,
                "the column plaats says \"Amsterdam\", which is not a town of Regio Zwolle"
            )]
        );
        let ld = from_json_ld(include_str!("../../../data/examples/vacatures.jsonld"), &t).unwrap();
        assert_eq!(ld.vacancies.len(), 3);
        assert_eq!(problems(&ld), [(3, "title is missing")]);
        // Realistic ads: each names its occupation and at least four skills of the taxonomy.
        for v in csv.vacancies.iter().chain(&ld.vacancies) {
            assert!(v.occupation.is_some(), "{}", v.title);
            assert!(v.essential.len() >= 4, "{}: {:?}", v.title, v.essential);
        }
    }
}
