//! A Skills CV: the skills a person has, their experience and education, and what they wish
//! for (sectors, hours, contract, where from and how far). It lives in the browser (the
//! island keeps it in localStorage), in a form (without JavaScript it travels with every post),
//! in a downloaded JSON file, and — only when its owner asks — on their account. One shape for
//! all four: [`SkillsCv`], read from a form by [`SkillsCv::from_form`] and from a file by
//! [`SkillsCv::from_json`], both checked the same way.
//!
//! Pure: shared by the browser and the server.
use serde::{Deserialize, Serialize};

use super::account::SECTORS;
use super::matching::Contract;
use super::region::{town_by_code, Town};
use super::schemes::Education;
use super::travel::Mode;

/// The version of the JSON shape (a file of a later version is refused, not misread).
pub const VERSION: u8 = 1;
/// At most this many skills (more is not a CV but a list of everything).
pub const MAX_SKILLS: usize = 80;
/// At most this many jobs of experience.
pub const MAX_EXPERIENCE: usize = 5;
/// A downloaded CV is small; a file larger than this is not one of ours.
pub const MAX_FILE_BYTES: usize = 32 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillsCv {
    #[serde(default = "version")]
    pub version: u8,
    /// Skill ids of the taxonomy.
    #[serde(default)]
    pub skills: Vec<String>,
    #[serde(default)]
    pub experience: Vec<Experience>,
    /// The highest education finished.
    #[serde(default)]
    pub education: Option<Education>,
    #[serde(default)]
    pub wishes: Wishes,
}

fn version() -> u8 {
    VERSION
}

/// A job the person did: the occupation (a taxonomy id) and for how many years.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Experience {
    pub occupation: String,
    pub years: u8,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wishes {
    #[serde(default)]
    pub sectors: Vec<String>,
    #[serde(default)]
    pub hours_min: Option<u8>,
    #[serde(default)]
    pub hours_max: Option<u8>,
    #[serde(default)]
    pub contracts: Vec<Contract>,
    /// Where the person travels from: a town code of the region.
    #[serde(default)]
    pub town: Option<String>,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub max_km: Option<u32>,
    #[serde(default)]
    pub max_minutes: Option<u32>,
}

/// A field's problem: the form field and the message key (`error.*` of the locale files).
pub type Problem = (&'static str, &'static str);

/// The names of the form's fields (shared by the page, the island and the handlers).
pub mod field {
    pub const SKILL: &str = "vaardigheid";
    pub const OCCUPATION: &str = "ervaring_beroep";
    pub const YEARS: &str = "ervaring_jaren";
    pub const EDUCATION: &str = "opleiding";
    pub const SECTOR: &str = "sector";
    pub const HOURS_MIN: &str = "uren_min";
    pub const HOURS_MAX: &str = "uren_max";
    pub const CONTRACT: &str = "contract";
    pub const TOWN: &str = "woonplaats";
    pub const MODE: &str = "vervoer";
    pub const MAX_KM: &str = "max_km";
    pub const MAX_MINUTES: &str = "max_minuten";
}

impl SkillsCv {
    /// Reads a CV from a form: `one(name)` gives a field's value, `all(name)` every value of a
    /// field that posts several. Every problem at once; skills and occupations are checked
    /// against `known_skill` and `known_occupation` (the taxonomy).
    pub fn from_form<'a>(
        one: impl Fn(&str) -> &'a str,
        all: impl Fn(&str) -> Vec<&'a str>,
        known_skill: impl Fn(&str) -> bool,
        known_occupation: impl Fn(&str) -> bool,
    ) -> Result<SkillsCv, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut skills: Vec<String> = Vec::new();
        for id in all(field::SKILL) {
            let id = id.trim();
            if id.is_empty() || skills.iter().any(|s| s == id) {
                continue;
            }
            if known_skill(id) {
                skills.push(id.to_string());
            } else {
                problems.push((field::SKILL, "cv_skill_unknown"));
            }
        }
        let occupations = all(field::OCCUPATION);
        let years = all(field::YEARS);
        let mut experience = Vec::new();
        for (i, occupation) in occupations.iter().enumerate() {
            let occupation = occupation.trim();
            let years = years.get(i).map_or("", |y| y.trim());
            if occupation.is_empty() {
                if !years.is_empty() {
                    problems.push((field::OCCUPATION, "cv_occupation_required"));
                }
                continue;
            }
            if !known_occupation(occupation) {
                problems.push((field::OCCUPATION, "cv_occupation_unknown"));
                continue;
            }
            match number(years, 0, 50) {
                Ok(Some(n)) => experience.push(Experience {
                    occupation: occupation.to_string(),
                    years: n as u8,
                }),
                Ok(None) => experience.push(Experience {
                    occupation: occupation.to_string(),
                    years: 0,
                }),
                Err(()) => problems.push((field::YEARS, "cv_years_invalid")),
            }
        }
        let education = match one(field::EDUCATION).trim() {
            "" => None,
            code => match Education::ALL.into_iter().find(|e| e.code() == code) {
                Some(e) => Some(e),
                None => {
                    problems.push((field::EDUCATION, "cv_education_invalid"));
                    None
                }
            },
        };
        let hours_min = number(one(field::HOURS_MIN), 1, 48).unwrap_or_else(|()| {
            problems.push((field::HOURS_MIN, "cv_hours_invalid"));
            None
        });
        let hours_max = number(one(field::HOURS_MAX), 1, 48).unwrap_or_else(|()| {
            problems.push((field::HOURS_MAX, "cv_hours_invalid"));
            None
        });
        let mode = match one(field::MODE).trim() {
            "" => Mode::default(),
            code => Mode::parse(code).unwrap_or_else(|| {
                problems.push((field::MODE, "cv_mode_invalid"));
                Mode::default()
            }),
        };
        let max_km = number(one(field::MAX_KM), 1, 200).unwrap_or_else(|()| {
            problems.push((field::MAX_KM, "cv_km_invalid"));
            None
        });
        let max_minutes = number(one(field::MAX_MINUTES), 5, 240).unwrap_or_else(|()| {
            problems.push((field::MAX_MINUTES, "cv_minutes_invalid"));
            None
        });
        let mut sectors = Vec::new();
        for s in all(field::SECTOR) {
            if SECTORS.contains(&s) {
                if !sectors.iter().any(|x| x == s) {
                    sectors.push(s.to_string());
                }
            } else if !s.is_empty() {
                problems.push((field::SECTOR, "cv_sector_invalid"));
            }
        }
        let mut contracts = Vec::new();
        for c in all(field::CONTRACT) {
            match Contract::parse(c) {
                Some(c) if !contracts.contains(&c) => contracts.push(c),
                Some(_) => {}
                None if c.is_empty() => {}
                None => problems.push((field::CONTRACT, "cv_contract_invalid")),
            }
        }
        let town = match one(field::TOWN).trim() {
            "" => None,
            code => match town_by_code(code) {
                Some(t) => Some(t.code.to_string()),
                None => {
                    problems.push((field::TOWN, "cv_town_invalid"));
                    None
                }
            },
        };
        let cv = SkillsCv {
            version: VERSION,
            skills,
            experience,
            education,
            wishes: Wishes {
                sectors,
                hours_min: hours_min.map(|n| n as u8),
                hours_max: hours_max.map(|n| n as u8),
                contracts,
                town,
                mode,
                max_km,
                max_minutes,
            },
        };
        problems.extend(cv.check());
        problems.dedup();
        if problems.is_empty() {
            Ok(cv)
        } else {
            Err(problems)
        }
    }

    /// Reads a downloaded CV (JSON) and checks it as a form would be; unknown skills are
    /// refused, not dropped, so a person sees what did not come back. (Server only: the
    /// browser keeps the CV as its form's query.)
    #[cfg(feature = "ssr")]
    pub fn from_json(
        text: &str,
        known_skill: impl Fn(&str) -> bool,
        known_occupation: impl Fn(&str) -> bool,
    ) -> Result<SkillsCv, &'static str> {
        if text.len() > MAX_FILE_BYTES {
            return Err("cv_file_too_large");
        }
        let mut cv: SkillsCv = serde_json::from_str(text).map_err(|_| "cv_file_invalid")?;
        if cv.version > VERSION {
            return Err("cv_file_invalid");
        }
        cv.version = VERSION;
        if cv.skills.iter().any(|s| !known_skill(s))
            || cv
                .experience
                .iter()
                .any(|e| !known_occupation(&e.occupation))
            || cv
                .wishes
                .town
                .as_deref()
                .is_some_and(|t| town_by_code(t).is_none())
            || cv
                .wishes
                .sectors
                .iter()
                .any(|s| !SECTORS.contains(&s.as_str()))
        {
            return Err("cv_file_unknown");
        }
        if !cv.check().is_empty() {
            return Err("cv_file_invalid");
        }
        Ok(cv)
    }

    /// What no single field shows: too many skills or jobs, hours the wrong way round, a
    /// distance or travel time without a town to measure it from.
    fn check(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if self.skills.len() > MAX_SKILLS {
            problems.push((field::SKILL, "cv_too_many_skills"));
        }
        if self.experience.len() > MAX_EXPERIENCE {
            problems.push((field::OCCUPATION, "cv_too_many_jobs"));
        }
        if self.experience.iter().any(|e| e.years > 50) {
            problems.push((field::YEARS, "cv_years_invalid"));
        }
        let w = &self.wishes;
        let hours_ok = |h: Option<u8>| h.is_none_or(|h| (1..=48).contains(&h));
        if !hours_ok(w.hours_min) {
            problems.push((field::HOURS_MIN, "cv_hours_invalid"));
        }
        if !hours_ok(w.hours_max) {
            problems.push((field::HOURS_MAX, "cv_hours_invalid"));
        }
        if let (Some(a), Some(b)) = (w.hours_min, w.hours_max) {
            if a > b {
                problems.push((field::HOURS_MAX, "cv_hours_order"));
            }
        }
        if w.max_km.is_some_and(|k| !(1..=200).contains(&k)) {
            problems.push((field::MAX_KM, "cv_km_invalid"));
        }
        if w.max_minutes.is_some_and(|m| !(5..=240).contains(&m)) {
            problems.push((field::MAX_MINUTES, "cv_minutes_invalid"));
        }
        if w.town.is_none() && (w.max_km.is_some() || w.max_minutes.is_some()) {
            problems.push((field::TOWN, "cv_town_needed"));
        }
        problems
    }

    pub fn is_empty(&self) -> bool {
        *self == SkillsCv::default() || *self == SkillsCv::new()
    }

    pub fn new() -> SkillsCv {
        SkillsCv {
            version: VERSION,
            ..SkillsCv::default()
        }
    }

    pub fn town(&self) -> Option<&'static Town> {
        self.wishes.town.as_deref().and_then(town_by_code)
    }

    /// The CV as form fields, in the form's order (hidden fields that carry it from page to
    /// page without JavaScript, and the query the island posts).
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs: Vec<(&'static str, String)> = Vec::new();
        for s in &self.skills {
            pairs.push((field::SKILL, s.clone()));
        }
        for e in &self.experience {
            pairs.push((field::OCCUPATION, e.occupation.clone()));
            pairs.push((field::YEARS, e.years.to_string()));
        }
        if let Some(e) = self.education {
            pairs.push((field::EDUCATION, e.code().to_string()));
        }
        let w = &self.wishes;
        for s in &w.sectors {
            pairs.push((field::SECTOR, s.clone()));
        }
        if let Some(h) = w.hours_min {
            pairs.push((field::HOURS_MIN, h.to_string()));
        }
        if let Some(h) = w.hours_max {
            pairs.push((field::HOURS_MAX, h.to_string()));
        }
        for c in &w.contracts {
            pairs.push((field::CONTRACT, c.code().to_string()));
        }
        if let Some(t) = &w.town {
            pairs.push((field::TOWN, t.clone()));
        }
        pairs.push((field::MODE, w.mode.code().to_string()));
        if let Some(k) = w.max_km {
            pairs.push((field::MAX_KM, k.to_string()));
        }
        if let Some(m) = w.max_minutes {
            pairs.push((field::MAX_MINUTES, m.to_string()));
        }
        pairs
    }
}

/// An optional whole number in `min..=max`: `Ok(None)` when empty, `Err` when not a number in
/// range.
fn number(text: &str, min: u32, max: u32) -> Result<Option<u32>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> Result<SkillsCv, Vec<Problem>> {
        let one = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map_or("", |(_, v)| *v)
        };
        let all = |name: &str| {
            pairs
                .iter()
                .filter(|(k, _)| *k == name)
                .map(|(_, v)| *v)
                .collect::<Vec<_>>()
        };
        SkillsCv::from_form(one, all, |s| s.starts_with("s-"), |o| o.starts_with("o-"))
    }

    #[test]
    fn a_whole_form_reads_and_round_trips_through_pairs_and_json() {
        let cv = read(&[
            ("vaardigheid", "s-a"),
            ("vaardigheid", "s-b"),
            ("vaardigheid", "s-a"),
            ("ervaring_beroep", "o-kok"),
            ("ervaring_jaren", "12"),
            ("opleiding", "mbo2"),
            ("sector", "horeca"),
            ("uren_min", "24"),
            ("uren_max", "32"),
            ("contract", "vast"),
            ("woonplaats", "zwolle"),
            ("vervoer", "ov"),
            ("max_minuten", "45"),
        ])
        .unwrap();
        assert_eq!(cv.skills, ["s-a", "s-b"]);
        assert_eq!(cv.experience[0].years, 12);
        assert_eq!(cv.education, Some(Education::Mbo2));
        assert_eq!(cv.wishes.mode, Mode::Ov);
        assert_eq!(cv.town().unwrap().name, "Zwolle");
        let pairs: Vec<(String, String)> = cv
            .to_pairs()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let borrowed: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(read(&borrowed).unwrap(), cv);
        #[cfg(feature = "ssr")]
        {
            let json = serde_json::to_string(&cv).unwrap();
            let again =
                SkillsCv::from_json(&json, |s| s.starts_with("s-"), |o| o.starts_with("o-"))
                    .unwrap();
            assert_eq!(again, cv);
        }
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let problems = read(&[
            ("vaardigheid", "x-unknown"),
            ("ervaring_beroep", "o-kok"),
            ("ervaring_jaren", "veel"),
            ("opleiding", "phd"),
            ("uren_min", "40"),
            ("uren_max", "20"),
            ("contract", "freelance"),
            ("sector", "ruimtevaart"),
            ("vervoer", "raket"),
            ("max_km", "0"),
            ("max_minuten", "abc"),
        ])
        .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.0).collect();
        for f in [
            "vaardigheid",
            "ervaring_jaren",
            "opleiding",
            "uren_max",
            "contract",
            "sector",
            "vervoer",
            "max_km",
            "max_minuten",
        ] {
            assert!(fields.contains(&f), "{f} in {problems:?}");
        }
        assert!(problems.contains(&("uren_max", "cv_hours_order")));
    }

    #[test]
    fn a_distance_needs_a_town_and_a_town_must_be_of_the_region() {
        assert_eq!(
            read(&[("max_km", "10")]).unwrap_err(),
            vec![("woonplaats", "cv_town_needed")]
        );
        assert_eq!(
            read(&[("woonplaats", "amsterdam")]).unwrap_err(),
            vec![("woonplaats", "cv_town_invalid")]
        );
        assert!(read(&[]).unwrap().is_empty());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_file_is_refused_when_it_is_not_a_cv_or_names_what_we_do_not_know() {
        let known = |s: &str| s.starts_with("s-");
        let occ = |o: &str| o.starts_with("o-");
        assert_eq!(
            SkillsCv::from_json("not json", known, occ),
            Err("cv_file_invalid")
        );
        assert_eq!(
            SkillsCv::from_json(r#"{"version": 9}"#, known, occ),
            Err("cv_file_invalid")
        );
        assert_eq!(
            SkillsCv::from_json(r#"{"skills": ["x-1"]}"#, known, occ),
            Err("cv_file_unknown")
        );
        assert_eq!(
            SkillsCv::from_json(&" ".repeat(MAX_FILE_BYTES + 1), known, occ),
            Err("cv_file_too_large")
        );
        let ok = SkillsCv::from_json(r#"{"skills": ["s-1"]}"#, known, occ).unwrap();
        assert_eq!(ok.version, VERSION);
    }
}
