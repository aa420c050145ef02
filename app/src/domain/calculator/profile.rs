//! The answers of the calculator form ([`Profile`]) and how they are read from query pairs.
use serde::{Deserialize, Serialize};

use super::super::region::{gemeente, Province};
use super::super::schemes::*;
use super::money::{format_euros_plain, parse_euros};

/// Who is asking: a person for themselves, or an employer for a (future) employee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Path {
    #[default]
    Individual,
    Employer,
}

/// Where someone lives (or an employer has its branch).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Place {
    /// One of the 22 gemeenten of Regio Zwolle, by CBS code.
    Gemeente(String),
    Elsewhere,
}

/// The answers of the calculator form. Everything is optional: what is not answered gives "?"
/// where a scheme needs it. Nothing here identifies a person, so it may live in the URL.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Profile {
    pub path: Path,
    pub age: Option<u8>,
    pub situation: Option<Situation>,
    pub education: Option<Education>,
    pub place: Option<Place>,
    /// Lives (or has its branch) in Overijssel: asked only for "elsewhere".
    pub overijssel: Option<bool>,
    pub sector: Option<String>,
    /// What the training costs, as invoiced (incl. btw when the provider charges it).
    pub cost: Option<Cents>,
    pub kind: Option<TrainingKind>,
    pub nlqf: Option<u8>,
    /// The provider charges btw (most recognised education is exempt).
    pub vat_charged: bool,
    pub months: Option<u8>,
    /// Hours of work per week.
    pub hours: Option<u8>,
    /// Employer path: number of staff.
    pub staff: Option<u32>,
    /// Employer path: yearly turnover at most €50 million.
    pub mkb_turnover: Option<bool>,
    pub leerbedrijf: Option<bool>,
    pub target_group: Option<TargetGroup>,
    /// Employer path: the course is part of a recognised Ontwikkelpad (SLIM).
    pub ontwikkelpad: Option<bool>,
}

/// One answer that could not be read: the field and a translation key for the message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerError {
    pub field: &'static str,
    pub message: &'static str,
}

/// The query parameters of the form, in the order the form asks them.
pub const FIELDS: &[&str] = &[
    "voor",
    "leeftijd",
    "situatie",
    "opleiding",
    "gemeente",
    "overijssel",
    "sector",
    "soort",
    "nlqf",
    "kosten",
    "btw",
    "maanden",
    "uren",
    "medewerkers",
    "omzet",
    "leerbedrijf",
    "doelgroep",
    "ontwikkelpad",
];

/// The largest training cost the calculator takes (€1,000,000), in cents.
pub const MAX_COST: Cents = 100_000_000;

impl Profile {
    /// Reads the answers from query pairs. Unknown parameters are ignored; a value that cannot
    /// be read is left unanswered and reported.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Profile, Vec<AnswerError>) {
        let mut p = Profile::default();
        let mut errors = Vec::new();
        let mut fail = |field: &'static str, message: &'static str| {
            if !errors.iter().any(|e: &AnswerError| e.field == field) {
                errors.push(AnswerError { field, message });
            }
        };
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match key {
                "voor" => {
                    p.path = if value == "werkgever" {
                        Path::Employer
                    } else {
                        Path::Individual
                    }
                }
                "leeftijd" => match value.parse::<u8>() {
                    Ok(age) if (15..=80).contains(&age) => p.age = Some(age),
                    _ => fail("leeftijd", "age_range"),
                },
                "situatie" => match Situation::parse(value) {
                    Some(s) => p.situation = Some(s),
                    None => fail("situatie", "choose_one"),
                },
                "opleiding" => match Education::parse(value) {
                    Some(e) => p.education = Some(e),
                    None => fail("opleiding", "choose_one"),
                },
                "gemeente" => {
                    if value == "elders" {
                        p.place = Some(Place::Elsewhere);
                    } else if gemeente(value).is_some() {
                        p.place = Some(Place::Gemeente(value.to_string()));
                    } else {
                        fail("gemeente", "choose_one");
                    }
                }
                "overijssel" => p.overijssel = yes_no(value),
                "sector" => {
                    if super::super::account::SECTORS.contains(&value) {
                        p.sector = Some(value.to_string());
                    } else {
                        fail("sector", "choose_one");
                    }
                }
                "soort" => match TrainingKind::parse(value) {
                    Some(k) => p.kind = Some(k),
                    None => fail("soort", "choose_one"),
                },
                "nlqf" => match value.parse::<u8>() {
                    Ok(n) if (1..=8).contains(&n) => p.nlqf = Some(n),
                    _ => fail("nlqf", "nlqf_range"),
                },
                "kosten" => match parse_euros(value) {
                    Some(c) if (0..=MAX_COST).contains(&c) => p.cost = Some(c),
                    _ => fail("kosten", "cost_invalid"),
                },
                "btw" => p.vat_charged = value == "ja",
                "maanden" => match value.parse::<u8>() {
                    Ok(m) if (1..=72).contains(&m) => p.months = Some(m),
                    _ => fail("maanden", "months_range"),
                },
                "uren" => match value.parse::<u8>() {
                    Ok(h) if h <= 60 => p.hours = Some(h),
                    _ => fail("uren", "hours_range"),
                },
                "medewerkers" => match value.parse::<u32>() {
                    Ok(n) if (1..=1_000_000).contains(&n) => p.staff = Some(n),
                    _ => fail("medewerkers", "staff_range"),
                },
                "omzet" => p.mkb_turnover = yes_no(value),
                "leerbedrijf" => p.leerbedrijf = yes_no(value),
                "ontwikkelpad" => p.ontwikkelpad = yes_no(value),
                "doelgroep" => match TargetGroup::parse(value) {
                    Some(t) => p.target_group = Some(t),
                    None => fail("doelgroep", "choose_one"),
                },
                _ => {}
            }
        }
        (p, errors)
    }

    /// What a scheme itself tells of the person or employer it is for, as answers to start the
    /// calculator with: its path, and every condition that allows one value only (a situation,
    /// a kind of training, a sector, a level, a target group; recognised leerbedrijf, mkb,
    /// Ontwikkelpad). Conditions that allow a range or a choice are left for the person; so
    /// are the conditions inside an "either" (any one of its groups may be the one that holds).
    pub fn known_from(scheme: &Scheme) -> Profile {
        let mut p = Profile {
            path: if scheme.audience == Audience::Employer {
                Path::Employer
            } else {
                Path::Individual
            },
            ..Profile::default()
        };
        let employer = p.path == Path::Employer;
        for criterion in &scheme.criteria {
            match criterion {
                Criterion::Situation { any_of } if any_of.len() == 1 => {
                    p.situation = Some(any_of[0]);
                }
                Criterion::TrainingKind { any_of } if any_of.len() == 1 => p.kind = Some(any_of[0]),
                Criterion::Sector { any_of } if any_of.len() == 1 => {
                    p.sector = Some(any_of[0].clone());
                }
                Criterion::Nlqf { min, max } if min == max => p.nlqf = Some(*min),
                Criterion::TargetGroup { any_of } if any_of.len() == 1 && employer => {
                    p.target_group = Some(any_of[0]);
                }
                Criterion::ErkendLeerbedrijf if employer => p.leerbedrijf = Some(true),
                Criterion::MkbTurnover if employer => p.mkb_turnover = Some(true),
                Criterion::Ontwikkelpad if employer => p.ontwikkelpad = Some(true),
                _ => {}
            }
        }
        p
    }

    /// The answers as query pairs (the inverse of [`Profile::from_pairs`]), for share links.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let yn = |b: bool| if b { "ja" } else { "nee" }.to_string();
        out.push((
            "voor",
            match self.path {
                Path::Individual => "ik",
                Path::Employer => "werkgever",
            }
            .to_string(),
        ));
        if let Some(v) = self.age {
            out.push(("leeftijd", v.to_string()));
        }
        if let Some(v) = self.situation {
            out.push(("situatie", v.code().into()));
        }
        if let Some(v) = self.education {
            out.push(("opleiding", v.code().into()));
        }
        match &self.place {
            Some(Place::Gemeente(code)) => out.push(("gemeente", code.clone())),
            Some(Place::Elsewhere) => out.push(("gemeente", "elders".into())),
            None => {}
        }
        if let Some(v) = self.overijssel {
            out.push(("overijssel", yn(v)));
        }
        if let Some(v) = &self.sector {
            out.push(("sector", v.clone()));
        }
        if let Some(v) = self.kind {
            out.push(("soort", v.code().into()));
        }
        if let Some(v) = self.nlqf {
            out.push(("nlqf", v.to_string()));
        }
        if let Some(v) = self.cost {
            out.push(("kosten", format_euros_plain(v)));
        }
        if self.vat_charged {
            out.push(("btw", "ja".into()));
        }
        if let Some(v) = self.months {
            out.push(("maanden", v.to_string()));
        }
        if let Some(v) = self.hours {
            out.push(("uren", v.to_string()));
        }
        if let Some(v) = self.staff {
            out.push(("medewerkers", v.to_string()));
        }
        if let Some(v) = self.mkb_turnover {
            out.push(("omzet", yn(v)));
        }
        if let Some(v) = self.leerbedrijf {
            out.push(("leerbedrijf", yn(v)));
        }
        if let Some(v) = self.target_group {
            out.push(("doelgroep", v.code().into()));
        }
        if let Some(v) = self.ontwikkelpad {
            out.push(("ontwikkelpad", yn(v)));
        }
        out
    }

    /// Whether the person (or branch) is in Overijssel: from the gemeente, else the answer.
    pub(super) fn in_overijssel(&self) -> Option<bool> {
        match &self.place {
            Some(Place::Gemeente(code)) => {
                gemeente(code).map(|g| g.province == Province::Overijssel)
            }
            Some(Place::Elsewhere) => self.overijssel,
            None => self.overijssel.filter(|&b| b),
        }
    }
}

fn yes_no(value: &str) -> Option<bool> {
    match value {
        "ja" => Some(true),
        "nee" => Some(false),
        _ => None,
    }
}
