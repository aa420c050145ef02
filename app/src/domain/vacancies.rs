//! A vacancy as the matcher and the pages share it, and the deterministic generator of
//! realistic demo vacancies for the region (a few thousand for the demo; 100,000 and 1,000,000
//! for the benchmarks): occupations of the taxonomy with their skills, employers and towns of
//! the region, hours, contracts and dates, and a text that names the skills the way an ad does.
//!
//! The generator uses its own small random number generator (SplitMix64): the same seed must
//! give the same vacancies on every machine and with every version of every crate, because
//! tests and benchmarks name what they expect.
use serde::{Deserialize, Serialize};

use super::date::Date;
use super::matching::Contract;
use super::region::{Town, TOWNS};
use super::skills::{Occupation, Taxonomy};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vacancy {
    pub id: String,
    pub title: String,
    pub employer: String,
    pub description: String,
    /// The portal's sector code.
    pub sector: String,
    /// The taxonomy occupation it is for, when known.
    pub occupation: Option<String>,
    pub gemeente: String,
    pub town: String,
    pub lat: f64,
    pub lon: f64,
    /// Hours a week, at least and at most.
    pub hours: (u8, u8),
    pub contract: Contract,
    /// The NLQF level asked, when known.
    pub level: Option<u8>,
    /// Skill ids: what the vacancy needs, and what is welcome.
    pub essential: Vec<String>,
    pub optional: Vec<String>,
    pub posted: Date,
    pub valid_through: Option<Date>,
}

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and fixed forever — see the module.
#[derive(Debug, Clone)]
pub struct SplitMix(u64);

impl SplitMix {
    pub fn new(seed: u64) -> SplitMix {
        SplitMix(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[self.below(list.len())]
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// The first words of an employer's name, per skills group.
fn employer_kinds(group: &str) -> &'static [&'static str] {
    match group {
        "zorg" => &[
            "Zorggroep",
            "Thuiszorg",
            "Zorgcentrum",
            "Kinderopvang",
            "Huisartsenpraktijk",
        ],
        "techniek" => &[
            "Installatiebedrijf",
            "Machinefabriek",
            "Techniekbedrijf",
            "Elektrotechniek",
        ],
        "bouw" => &[
            "Bouwbedrijf",
            "Aannemersbedrijf",
            "Schildersbedrijf",
            "Bouwgroep",
        ],
        "logistiek" => &[
            "Transportbedrijf",
            "Distributiecentrum",
            "Logistiek",
            "Koeriersdienst",
        ],
        "ict" => &["ICT-bedrijf", "Softwarehuis", "IT-diensten", "Dataplatform"],
        "onderwijs" => &[
            "Basisschool",
            "Scholengroep",
            "Kindcentrum",
            "Opleidingscentrum",
        ],
        "horeca" => &[
            "Restaurant",
            "Hotel",
            "Grand Café",
            "Brasserie",
            "Partycentrum",
        ],
        "retail" => &["Supermarkt", "Bouwmarkt", "Modewinkel", "Warenhuis"],
        "agrifood" => &[
            "Melkveebedrijf",
            "Kwekerij",
            "Voedingsfabriek",
            "Hoveniersbedrijf",
        ],
        "kunststoffen" => &["Kunststoffabriek", "Spuitgieterij", "Composietenbedrijf"],
        _ => &[
            "Administratiekantoor",
            "Adviesbureau",
            "Klantcontactcentrum",
            "Gemeente",
        ],
    }
}

/// The last words of an employer's name: plain, regional, made up.
const EMPLOYER_NAMES: &[&str] = &[
    "De Vecht",
    "IJsselland",
    "Het Anker",
    "De Linde",
    "Sallandse Poort",
    "Noordoost",
    "De Wieden",
    "Hanzestad",
    "Reestdal",
    "De Kempen",
    "Veluwerand",
    "Zuiderzee",
    "Het Kolkje",
    "De Ooievaar",
    "Vechtdal",
    "Overijssel",
];

const HOURS: &[(u8, u8)] = &[(32, 40), (36, 40), (24, 32), (16, 24), (20, 28), (28, 36)];

/// A town to work in: Zwolle and the main towns more often, as jobs are.
fn pick_town(rng: &mut SplitMix) -> &'static Town {
    loop {
        let town = rng.pick(TOWNS);
        let weight = match (town.code, town.main) {
            ("zwolle", _) => 100,
            (_, true) => 45,
            _ => 15,
        };
        if rng.chance(weight) {
            return town;
        }
    }
}

/// `count` vacancies from `seed`, posted in the 60 days up to `today`, each open for 60 days
/// from posting. Ids are `demo-` and the number.
pub fn generate(taxonomy: &Taxonomy, count: usize, seed: u64, today: Date) -> Vec<Vacancy> {
    let mut rng = SplitMix::new(seed);
    let today_days = today.days_since_epoch();
    (0..count)
        .map(|n| {
            let occupation = rng.pick(&taxonomy.occupations);
            one(taxonomy, occupation, &mut rng, n, today_days)
        })
        .collect()
}

fn one(
    taxonomy: &Taxonomy,
    occupation: &Occupation,
    rng: &mut SplitMix,
    n: usize,
    today_days: i64,
) -> Vacancy {
    let town = pick_town(rng);
    let group = taxonomy.group(&occupation.group);
    let sector = group.map_or("overig", |g| g.sector.as_str()).to_string();
    let employer = format!(
        "{} {}",
        rng.pick(employer_kinds(&occupation.group)),
        rng.pick(EMPLOYER_NAMES)
    );
    // Most ask what the occupation needs; some leave one or two essentials out.
    let mut essential = occupation.essential.clone();
    let drop = rng.below(3).min(essential.len().saturating_sub(3));
    for _ in 0..drop {
        let i = rng.below(essential.len());
        essential.remove(i);
    }
    let optional: Vec<String> = occupation
        .optional
        .iter()
        .filter(|_| rng.chance(60))
        .cloned()
        .collect();
    let hours = *rng.pick(HOURS);
    let contract = if occupation.level <= 4 && rng.chance(12) {
        Contract::Leerbaan
    } else if rng.chance(40) {
        Contract::Tijdelijk
    } else {
        Contract::Vast
    };
    let title = match (contract, rng.below(5)) {
        (Contract::Leerbaan, _) => format!("{} (leerbaan, BBL)", occupation.nl),
        (_, 0) => format!("Ervaren {}", lower_first(&occupation.nl)),
        (_, 1) => format!("{} ({}-{} uur)", occupation.nl, hours.0, hours.1),
        _ => occupation.nl.clone(),
    };
    let posted = Date::from_days_since_epoch(today_days - rng.below(60) as i64);
    let valid_through = Some(Date::from_days_since_epoch(posted.days_since_epoch() + 60));
    let label = |id: &String| {
        taxonomy
            .skill(id)
            .map_or_else(|| id.clone(), |s| lower_first(&s.nl))
    };
    let needs: Vec<String> = essential.iter().map(label).collect();
    let welcome: Vec<String> = optional.iter().map(label).collect();
    let mut description = format!(
        "{employer} in {} zoekt een {} voor {} tot {} uur per week. Wat je meebrengt: {}.",
        town.name,
        lower_first(&occupation.nl),
        hours.0,
        hours.1,
        needs.join("; ")
    );
    if !welcome.is_empty() {
        description.push_str(&format!(" Mooi meegenomen: {}.", welcome.join("; ")));
    }
    description.push_str(match contract {
        Contract::Vast => " Een vaste baan na een proeftijd.",
        Contract::Tijdelijk => " Een contract voor een jaar, met kans op meer.",
        Contract::Leerbaan => " Je werkt en leert: wij betalen je opleiding (BBL).",
    });
    Vacancy {
        id: format!("demo-{:07}", n + 1),
        title,
        employer,
        description,
        sector,
        occupation: Some(occupation.id.clone()),
        gemeente: town.gemeente.to_string(),
        town: town.name.to_string(),
        lat: town.lat,
        lon: town.lon,
        hours,
        contract,
        level: Some(occupation.level),
        essential,
        optional,
        posted,
        valid_through,
    }
}

fn lower_first(text: &str) -> String {
    // Keep abbreviations ("VCA", "ICT-…") as they are.
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_string(),
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn taxonomy() -> Taxonomy {
        Taxonomy::parse(include_str!("../../../data/skills.json")).unwrap()
    }

    #[test]
    fn the_same_seed_gives_the_same_vacancies() {
        let t = taxonomy();
        let today = Date::new(2026, 11, 29).unwrap();
        let a = generate(&t, 200, 7, today);
        assert_eq!(a, generate(&t, 200, 7, today));
        assert_ne!(a, generate(&t, 200, 8, today));
        assert_eq!(a.len(), 200);
        assert_eq!(a[0].id, "demo-0000001");
    }

    #[test]
    fn generated_vacancies_are_plausible_and_their_text_names_their_skills() {
        let t = taxonomy();
        let today = Date::new(2026, 11, 29).unwrap();
        let all = generate(&t, 500, 42, today);
        let towns: std::collections::HashSet<&str> = all.iter().map(|v| v.town.as_str()).collect();
        assert!(towns.len() > 15, "spread over the region: {}", towns.len());
        let zwolle = all.iter().filter(|v| v.town == "Zwolle").count();
        assert!(zwolle > 25, "Zwolle has the most jobs: {zwolle}");
        for v in &all {
            assert!(!v.essential.is_empty(), "{}", v.id);
            assert!(v.posted <= today);
            assert!(v.valid_through.unwrap() > v.posted);
            assert!(v.hours.0 <= v.hours.1);
            let named = t.recognise(&v.description);
            for id in v.essential.iter().chain(&v.optional) {
                let no = t.no(id).unwrap();
                assert!(
                    named.contains(&no),
                    "{}: {id} not found in {:?}",
                    v.id,
                    v.description
                );
            }
        }
    }

    #[test]
    fn days_since_epoch_inverts_from_days() {
        for days in [0, 1, 59, 365, 10_957, 20_421, 30_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
    }
}
