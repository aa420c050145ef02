//! How well a vacancy fits a Skills CV, explained: the skills the person has and misses
//! (essential ones first), how far it is and how long the trip takes (an estimate), whether it
//! fits the wishes (sector, hours, contract), and one score a person understands.
//!
//! The score: the share of the vacancy's skills the person has, an essential skill counting
//! twice an optional one ("you have 7 of the 9 skills asked, 4 of the 5 essential ones"),
//! lowered a fifth for each wish it does not meet. A vacancy beyond the distance or travel
//! time the person gave is not a match at all. The same function ranks a handful of
//! vacancies and a million (`matcher::index` calls it for every candidate), so what the page
//! explains is exactly what ranked it.
use serde::{Deserialize, Serialize};

use super::skills::SkillNo;
use super::travel::{self, Mode};

/// The kind of contract a vacancy offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Contract {
    /// Permanent, or temporary with the prospect of permanent.
    Vast,
    Tijdelijk,
    /// Working and learning: a BBL leerbaan.
    Leerbaan,
}

impl Contract {
    pub const ALL: [Contract; 3] = [Contract::Vast, Contract::Tijdelijk, Contract::Leerbaan];

    pub fn code(self) -> &'static str {
        match self {
            Contract::Vast => "vast",
            Contract::Tijdelijk => "tijdelijk",
            Contract::Leerbaan => "leerbaan",
        }
    }

    pub fn parse(code: &str) -> Option<Contract> {
        Contract::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// A set of skills as bits (the CV's skills: one lookup per vacancy skill).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SkillSet(Vec<u64>);

impl SkillSet {
    pub fn of(skills: impl IntoIterator<Item = SkillNo>) -> SkillSet {
        let mut set = SkillSet::default();
        for no in skills {
            set.insert(no);
        }
        set
    }

    pub fn insert(&mut self, no: SkillNo) {
        let (word, bit) = (usize::from(no) / 64, no % 64);
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << bit;
    }

    pub fn contains(&self, no: SkillNo) -> bool {
        self.0
            .get(usize::from(no) / 64)
            .is_some_and(|w| w & (1 << (no % 64)) != 0)
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    pub fn iter(&self) -> impl Iterator<Item = SkillNo> + '_ {
        self.0.iter().enumerate().flat_map(|(i, w)| {
            (0..64u16)
                .filter(move |b| w & (1 << b) != 0)
                .map(move |b| i as u16 * 64 + b)
        })
    }
}

/// What the matcher needs of a Skills CV: its skills (with what they include, see
/// `Taxonomy::with_included`) and its wishes.
#[derive(Debug, Clone, Default)]
pub struct Wanted {
    pub skills: SkillSet,
    /// Where the person travels from (a town's coordinates), and how.
    pub from: Option<(f64, f64)>,
    pub mode: Mode,
    pub max_km: Option<u32>,
    pub max_minutes: Option<u32>,
    /// Sectors the person wants to work in (none: any).
    pub sectors: Vec<String>,
    /// Hours a week the person wants to work, at least and at most.
    pub hours: Option<(u8, u8)>,
    /// Contracts the person wants (none: any).
    pub contracts: Vec<Contract>,
}

/// What a vacancy offers and asks, as the matcher reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer<'a> {
    pub essential: &'a [SkillNo],
    pub optional: &'a [SkillNo],
    pub sector: &'a str,
    pub at: (f64, f64),
    pub hours: (u8, u8),
    pub contract: Contract,
}

/// One vacancy for one CV, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fit {
    /// 0–100: see the module's documentation.
    pub score: u8,
    pub matched_essential: Vec<SkillNo>,
    pub matched_optional: Vec<SkillNo>,
    pub missing_essential: Vec<SkillNo>,
    pub missing_optional: Vec<SkillNo>,
    /// Straight-line km and the estimated minutes of the trip, when the CV says where from.
    pub km: Option<u32>,
    pub minutes: Option<u32>,
    /// Whether it meets each wish the CV states (`None`: no wish stated).
    pub sector_ok: Option<bool>,
    pub hours_ok: Option<bool>,
    pub contract_ok: Option<bool>,
}

/// What an unmet wish leaves of the score.
const UNMET_WISH: f64 = 0.8;

/// A vacancy's score and its straight-line km (when the CV says where from).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scored {
    pub score: u8,
    pub km: Option<u32>,
}

/// The score alone, without the explanation's lists: what ranking a large number of vacancies
/// needs. `None` when the vacancy is out of reach. [`fit`] gives the same score.
pub fn score(wanted: &Wanted, offer: &Offer<'_>) -> Option<Scored> {
    let (km, _) = trip(wanted, offer)?;
    let has = |list: &[SkillNo]| list.iter().filter(|&&n| wanted.skills.contains(n)).count();
    let (e, o) = (has(offer.essential), has(offer.optional));
    Some(Scored {
        score: combine(
            e,
            offer.essential.len(),
            o,
            offer.optional.len(),
            wishes(wanted, offer),
        ),
        km,
    })
}

/// The most [`score`] can give a vacancy with `had` of the `asked` skill weights (an essential
/// skill weighs 2, an optional one 1): the score before wishes. An index that counts the
/// weights from its postings skips a vacancy whose bound cannot reach the results.
pub fn bound(had: u32, asked: u32) -> u8 {
    if asked == 0 {
        0
    } else {
        percent(had, asked).round() as u8
    }
}

fn percent(had: u32, asked: u32) -> f64 {
    100.0 * f64::from(had) / f64::from(asked)
}

/// The vacancy for this CV, explained; `None` when it is out of reach.
pub fn fit(wanted: &Wanted, offer: &Offer<'_>) -> Option<Fit> {
    let (km, minutes) = trip(wanted, offer)?;
    let split = |list: &[SkillNo]| -> (Vec<SkillNo>, Vec<SkillNo>) {
        list.iter().partition(|&&n| wanted.skills.contains(n))
    };
    let (matched_essential, missing_essential) = split(offer.essential);
    let (matched_optional, missing_optional) = split(offer.optional);
    let wishes = wishes(wanted, offer);
    Some(Fit {
        score: combine(
            matched_essential.len(),
            offer.essential.len(),
            matched_optional.len(),
            offer.optional.len(),
            wishes,
        ),
        matched_essential,
        matched_optional,
        missing_essential,
        missing_optional,
        km,
        minutes,
        sector_ok: wishes[0],
        hours_ok: wishes[1],
        contract_ok: wishes[2],
    })
}

/// Whether a vacancy at `at` is within the distance and travel time the CV allows.
pub fn in_reach(wanted: &Wanted, at: (f64, f64)) -> bool {
    trip_to(wanted, at).is_some()
}

/// The trip from where the person lives, if the CV says; `None` when it is out of reach.
#[allow(clippy::type_complexity)]
fn trip(wanted: &Wanted, offer: &Offer<'_>) -> Option<(Option<u32>, Option<u32>)> {
    trip_to(wanted, offer.at)
}

#[allow(clippy::type_complexity)]
fn trip_to(wanted: &Wanted, at: (f64, f64)) -> Option<(Option<u32>, Option<u32>)> {
    let Some(from) = wanted.from else {
        return Some((None, None));
    };
    let km = travel::km_between(from, at);
    let minutes = travel::minutes(km, wanted.mode);
    let whole = km.round() as u32;
    if wanted.max_km.is_some_and(|max| whole > max)
        || wanted.max_minutes.is_some_and(|max| minutes > max)
    {
        return None;
    }
    Some((Some(whole), Some(minutes)))
}

/// Sector, hours, contract: met, not met, or no wish.
fn wishes(wanted: &Wanted, offer: &Offer<'_>) -> [Option<bool>; 3] {
    [
        (!wanted.sectors.is_empty()).then(|| wanted.sectors.iter().any(|s| s == offer.sector)),
        wanted
            .hours
            .map(|(low, high)| offer.hours.0 <= high && offer.hours.1 >= low),
        (!wanted.contracts.is_empty()).then(|| wanted.contracts.contains(&offer.contract)),
    ]
}

fn combine(
    essential_had: usize,
    essential: usize,
    optional_had: usize,
    optional: usize,
    wishes: [Option<bool>; 3],
) -> u8 {
    let asked = (2 * essential + optional) as u32;
    if asked == 0 {
        return 0;
    }
    let unmet = wishes.iter().filter(|w| **w == Some(false)).count() as i32;
    // The same percentage as `bound`, times a factor of at most 1: never above the bound.
    (percent((2 * essential_had + optional_had) as u32, asked) * UNMET_WISH.powi(unmet)).round()
        as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer<'a>(essential: &'a [SkillNo], optional: &'a [SkillNo]) -> Offer<'a> {
        Offer {
            essential,
            optional,
            sector: "zorg",
            at: (52.555, 5.911), // Kampen
            hours: (24, 32),
            contract: Contract::Vast,
        }
    }

    fn wanted(skills: &[SkillNo]) -> Wanted {
        Wanted {
            skills: SkillSet::of(skills.iter().copied()),
            ..Wanted::default()
        }
    }

    #[test]
    fn essential_skills_count_twice() {
        let o = offer(&[1, 2], &[3]);
        // All: 100. One essential missing: (2+1)/5 = 60. Only the optional one: 20.
        assert_eq!(score(&wanted(&[1, 2, 3]), &o).map(|s| s.score), Some(100));
        assert_eq!(score(&wanted(&[1, 3]), &o).map(|s| s.score), Some(60));
        assert_eq!(bound(3, 5), 60);
        assert_eq!(score(&wanted(&[3]), &o).map(|s| s.score), Some(20));
        assert_eq!(score(&wanted(&[]), &o).map(|s| s.score), Some(0));
        assert_eq!(bound(0, 0), 0);
        let f = fit(&wanted(&[1, 3]), &o).unwrap();
        assert_eq!(f.score, 60);
        assert_eq!(f.matched_essential, vec![1]);
        assert_eq!(f.missing_essential, vec![2]);
        assert_eq!(f.matched_optional, vec![3]);
        assert!(f.missing_optional.is_empty());
        assert_eq!(f.km, None, "no place given, no distance");
    }

    #[test]
    fn each_unmet_wish_lowers_the_score_and_is_named() {
        let o = offer(&[1], &[]);
        let mut w = wanted(&[1]);
        w.sectors = vec!["techniek".into()];
        w.hours = Some((36, 40));
        w.contracts = vec![Contract::Vast];
        let f = fit(&w, &o).unwrap();
        assert_eq!(f.sector_ok, Some(false));
        assert_eq!(f.hours_ok, Some(false));
        assert_eq!(f.contract_ok, Some(true));
        assert_eq!(f.score, 64, "100 × 0.8 × 0.8");
        assert_eq!(
            score(&w, &o).map(|s| s.score),
            Some(64),
            "score and fit agree"
        );
        assert!(bound(2, 2) >= 64);
    }

    #[test]
    fn beyond_the_distance_or_time_given_is_no_match() {
        let o = offer(&[1], &[]);
        let mut w = wanted(&[1]);
        w.from = Some((52.513, 6.094)); // Zwolle, about 13 km
        w.max_km = Some(10);
        assert_eq!(fit(&w, &o), None);
        assert_eq!(score(&w, &o), None);
        w.max_km = Some(20);
        let f = fit(&w, &o).unwrap();
        assert_eq!(f.km, Some(13));
        assert_eq!(score(&w, &o).unwrap().km, Some(13));
        w.mode = Mode::Fiets;
        w.max_minutes = Some(30);
        assert_eq!(fit(&w, &o), None, "over an hour by bike");
        w.mode = Mode::Auto;
        assert!(fit(&w, &o).is_some(), "a quarter of an hour by car");
    }

    #[test]
    fn a_skill_set_holds_what_it_was_given() {
        let set = SkillSet::of([0, 63, 64, 400]);
        assert!(set.contains(0) && set.contains(63) && set.contains(64) && set.contains(400));
        assert!(!set.contains(1) && !set.contains(401) && !set.contains(9000));
        assert_eq!(set.iter().collect::<Vec<_>>(), vec![0, 63, 64, 400]);
        assert!(SkillSet::default().is_empty());
    }
}
