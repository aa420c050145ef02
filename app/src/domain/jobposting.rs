//! Reading vacancies from other systems: schema.org `JobPosting` as JSON-LD (one object, a
//! list, or an `@graph`; CSV is still to come). Each record becomes a [`Vacancy`] or a problem with its place
//! in the file and its reason; a bad record is skipped, the rest is read (the issue: "reported
//! and skipped"). Skills are recognised from the title, the `skills` and `qualifications`
//! properties and the description, by label and synonym (`Taxonomy::recognise`); what the
//! text names only after "mooi meegenomen", "pré" or "nice to have" counts as optional.
//!
//! Pure (server only: it needs serde_json): the text goes in, vacancies and problems
//! come out; storing them is the matcher's business.
use serde_json::Value;

use super::date::Date;
use super::matching::Contract;
use super::region::{Town, TOWNS};
use super::skills::{normalise, SkillNo, Taxonomy};
use super::vacancies::Vacancy;

/// One record that could not be read: where (1-based record number; for CSV the line) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub record: usize,
    pub reason: String,
}

/// What a file gave: the vacancies read, and the records skipped with their reasons.
#[derive(Debug, Default)]
pub struct Read {
    pub vacancies: Vec<Vacancy>,
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
            Ok(v) => read.vacancies.push(v),
            Err(reason) => read.problems.push(Problem {
                record: i + 1,
                reason,
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

fn posting(record: &Value, taxonomy: &Taxonomy) -> Result<Vacancy, String> {
    let kind = text_of(record.get("@type"));
    if !kind.is_empty() && kind != "JobPosting" {
        return Err(format!("@type is {kind}, not JobPosting"));
    }
    let title = text_of(record.get("title"));
    if title.is_empty() {
        return Err("title is missing".into());
    }
    let description = plain(&text_of(record.get("description")));
    if description.trim().is_empty() {
        return Err("description is missing".into());
    }
    let employer = text_of(record.get("hiringOrganization"));
    if employer.is_empty() {
        return Err("hiringOrganization is missing".into());
    }
    let place = record
        .get("jobLocation")
        .map(|l| match l {
            Value::Array(list) => list.first().cloned().unwrap_or(Value::Null),
            other => other.clone(),
        })
        .unwrap_or(Value::Null);
    let locality = text_of(place.pointer("/address/addressLocality"));
    let town = town_named(&locality).ok_or_else(|| {
        if locality.is_empty() {
            "jobLocation has no address.addressLocality".to_string()
        } else {
            format!("jobLocation {locality:?} is not a town of Regio Zwolle")
        }
    })?;
    let posted = date_of(&text_of(record.get("datePosted")))
        .ok_or_else(|| "datePosted is missing or not a date".to_string())?;
    let valid_through = match text_of(record.get("validThrough")) {
        t if t.is_empty() => None,
        t => Some(date_of(&t).ok_or_else(|| format!("validThrough {t:?} is not a date"))?),
    };
    let types: Vec<String> = texts_of(record.get("employmentType"))
        .into_iter()
        .map(|t| t.to_uppercase())
        .collect();
    // A leerbaan says so in its title; a text may name BBL for other reasons ("begeleiden
    // van BBL-studenten").
    let contract = if normalise(&title)
        .split(' ')
        .any(|w| w == "bbl" || w == "leerbaan")
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
    let hours = hours_of(&text_of(record.get("workHours")))
        .or_else(|| hours_of(&title))
        .or_else(|| hours_of(&description))
        .unwrap_or(if types.iter().any(|t| t == "PART_TIME") {
            (16, 32)
        } else {
            (36, 40)
        });
    let named = [
        title.clone(),
        texts_of(record.get("skills")).join(". "),
        texts_of(record.get("qualifications")).join(". "),
    ]
    .join(". ");
    let (essential, optional) = skills_in(taxonomy, &named, &description);
    if essential.is_empty() && optional.is_empty() {
        return Err("no skill of the taxonomy is named in it".into());
    }
    let id = text_of(record.get("identifier"));
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
        level: None,
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
fn skills_in(taxonomy: &Taxonomy, named: &str, description: &str) -> (Vec<SkillNo>, Vec<SkillNo>) {
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
fn occupation_in(taxonomy: &Taxonomy, title: &str) -> Option<String> {
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
fn sector_of(taxonomy: &Taxonomy, essential: &[SkillNo], optional: &[SkillNo]) -> String {
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
}
