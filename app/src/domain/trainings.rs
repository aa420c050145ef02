//! The catalogue of regional trainings (`data/trainings.json`, demo data): courses and
//! programmes at the region's schools and providers with the skills they teach, and how one
//! becomes a question to the scholingscalculator ("who could pay for this, for me?").
//!
//! Pure: the file's text and the taxonomy go in ([`Trainings::parse`] checks every skill id);
//! the trainings that teach a skill and a calculator profile for a training come out.
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::calculator::{Path, Place, Profile};
use super::schemes::{Cents, Education, Situation, TrainingKind};
use super::skills::SkillNo;
#[cfg(feature = "ssr")]
use super::skills::Taxonomy;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Training {
    pub id: String,
    pub nl: String,
    pub en: String,
    pub provider: String,
    pub kind: TrainingKind,
    /// The NLQF level it is at (1 entree … 7 master).
    pub nlqf: u8,
    /// What it costs in all, as the provider charges it.
    pub cost_cents: Cents,
    pub months: u8,
    pub hours_per_week: u8,
    /// Where it runs: the CBS code of the gemeente, and the town.
    pub gemeente: String,
    pub town: String,
    /// The portal's sector code.
    pub sector: String,
    /// The skills it teaches (taxonomy ids).
    pub skills: Vec<String>,
    pub summary_nl: String,
    pub summary_en: String,
}

impl Training {
    pub fn name(&self, english: bool) -> &str {
        if english {
            &self.en
        } else {
            &self.nl
        }
    }

    pub fn summary(&self, english: bool) -> &str {
        if english {
            &self.summary_en
        } else {
            &self.summary_nl
        }
    }
}

#[cfg(feature = "ssr")]
#[derive(Debug, Deserialize)]
struct File {
    about: String,
    demo: bool,
    trainings: Vec<Training>,
}

/// What the calculator needs to know about the person, as far as a Skills CV tells it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Learner {
    pub age: Option<u8>,
    pub situation: Option<Situation>,
    pub education: Option<Education>,
    /// The gemeente (CBS code) the person lives in, if in Regio Zwolle.
    pub gemeente: Option<String>,
    /// Hours of work per week now.
    pub hours: Option<u8>,
}

/// The trainings, checked, with the list of trainings per skill.
#[derive(Debug, Clone)]
pub struct Trainings {
    pub about: String,
    /// The whole catalogue is demo data (the page says so).
    pub demo: bool,
    pub trainings: Vec<Training>,
    by_skill: HashMap<SkillNo, Vec<usize>>,
}

impl Trainings {
    /// Reads and checks the catalogue against the taxonomy: ids unique, every skill known,
    /// the place a gemeente of the region, a level, a length and at least one skill. All
    /// problems at once.
    #[cfg(feature = "ssr")]
    pub fn parse(json: &str, taxonomy: &Taxonomy) -> Result<Trainings, Vec<String>> {
        let file: File = serde_json::from_str(json).map_err(|e| vec![e.to_string()])?;
        let mut problems = Vec::new();
        let mut by_skill: HashMap<SkillNo, Vec<usize>> = HashMap::new();
        let mut ids = std::collections::HashSet::new();
        for (i, t) in file.trainings.iter().enumerate() {
            if !ids.insert(t.id.as_str()) {
                problems.push(format!("training {}: the id is used twice", t.id));
            }
            if super::region::gemeente(&t.gemeente).is_none() {
                problems.push(format!(
                    "training {}: unknown gemeente {}",
                    t.id, t.gemeente
                ));
            }
            if !(1..=8).contains(&t.nlqf) {
                problems.push(format!("training {}: NLQF level {}", t.id, t.nlqf));
            }
            if t.months == 0 || t.cost_cents < 0 {
                problems.push(format!("training {}: length or cost", t.id));
            }
            if t.skills.is_empty() {
                problems.push(format!("training {}: teaches no skill", t.id));
            }
            for id in &t.skills {
                match taxonomy.no(id) {
                    Some(no) => by_skill.entry(no).or_default().push(i),
                    None => problems.push(format!("training {}: unknown skill {id}", t.id)),
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Trainings {
            about: file.about,
            demo: file.demo,
            trainings: file.trainings,
            by_skill,
        })
    }

    /// The trainings that teach a skill, in catalogue order.
    pub fn teaching(&self, skill: SkillNo) -> impl Iterator<Item = &Training> {
        self.by_skill
            .get(&skill)
            .into_iter()
            .flatten()
            .map(|&i| &self.trainings[i])
    }

    pub fn get(&self, id: &str) -> Option<&Training> {
        self.trainings.iter().find(|t| t.id == id)
    }
}

/// The scholingscalculator's question for this training and this person: the training's kind,
/// level, cost, length and sector, and what the CV tells about the person. What the CV does not
/// tell stays open, so the calculator says "maybe" where it matters and asks.
pub fn funding_profile(training: &Training, learner: &Learner) -> Profile {
    Profile {
        path: Path::Individual,
        age: learner.age,
        situation: learner.situation,
        education: learner.education,
        place: learner.gemeente.clone().map(Place::Gemeente),
        sector: Some(training.sector.clone()),
        cost: Some(training.cost_cents),
        kind: Some(training.kind),
        nlqf: Some(training.nlqf),
        months: Some(training.months),
        hours: learner.hours,
        ..Profile::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load() -> (Taxonomy, Trainings) {
        let taxonomy = Taxonomy::parse(include_str!("../../../data/skills.json")).unwrap();
        let trainings =
            Trainings::parse(include_str!("../../../data/trainings.json"), &taxonomy).unwrap();
        (taxonomy, trainings)
    }

    #[test]
    fn the_catalogue_is_demo_data_that_teaches_what_occupations_need() {
        let (taxonomy, trainings) = load();
        assert!(trainings.demo);
        assert!(trainings.about.to_lowercase().contains("demo"));
        assert!(trainings.trainings.len() >= 100);
        let essential: std::collections::HashSet<&str> = taxonomy
            .occupations
            .iter()
            .flat_map(|o| o.essential.iter().map(String::as_str))
            .collect();
        let taught = essential
            .iter()
            .filter(|id| {
                trainings
                    .teaching(taxonomy.no(id).unwrap())
                    .next()
                    .is_some()
            })
            .count();
        assert!(
            taught * 100 >= essential.len() * 85,
            "{taught} of {} essential skills taught",
            essential.len()
        );
    }

    #[test]
    fn a_broken_training_is_refused_with_its_problems() {
        let (taxonomy, _) = load();
        let json = r#"{"about":"demo","demo":true,"trainings":[
            {"id":"x","nl":"X","en":"X","provider":"P","kind":"cursus","nlqf":2,"cost_cents":100,
             "months":0,"hours_per_week":2,"gemeente":"GM9999","town":"Nergens","sector":"zorg",
             "skills":["geen-skill"],"summary_nl":"","summary_en":""}]}"#;
        let all = Trainings::parse(json, &taxonomy).unwrap_err().join("\n");
        assert!(all.contains("unknown gemeente GM9999"), "{all}");
        assert!(all.contains("unknown skill geen-skill"), "{all}");
        assert!(all.contains("length or cost"), "{all}");
    }

    #[test]
    fn a_training_asks_the_calculator_with_what_is_known() {
        let (taxonomy, trainings) = load();
        let wound = taxonomy.no("zorg-wondverzorging").unwrap();
        let training = trainings.teaching(wound).next().expect("a training");
        let learner = Learner {
            age: Some(34),
            gemeente: Some("GM0193".into()),
            ..Learner::default()
        };
        let profile = funding_profile(training, &learner);
        assert_eq!(profile.kind, Some(training.kind));
        assert_eq!(profile.cost, Some(training.cost_cents));
        assert_eq!(profile.place, Some(Place::Gemeente("GM0193".into())));
        assert_eq!(profile.situation, None, "not told, so not assumed");
    }
}
