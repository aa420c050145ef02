//! The skills taxonomy (`data/skills.json`): skills with stable ids, Dutch and English labels
//! and synonyms, grouped by sector, and occupations with their essential and optional skills —
//! modelled on ESCO's concepts, written for this portal (it is not ESCO).
//!
//! Pure: the text of the file goes in ([`Taxonomy::parse`], which checks it whole), lookups,
//! suggestions for a typed word and the skills a vacancy's text names come out. The server
//! reads the file once; the browser asks the open API (`/api/v1/skills`).
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// A group of skills: a sector of the region, or the basic skills every job asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub id: String,
    /// The portal's sector code (`account::SECTORS`) the group belongs to.
    pub sector: String,
    pub nl: String,
    pub en: String,
}

/// Whether a skill is a skill, knowledge, or a basic skill (language, licence, certificate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkillKind {
    Skill,
    Knowledge,
    Basic,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skill {
    pub id: String,
    pub group: String,
    pub kind: SkillKind,
    pub nl: String,
    pub en: String,
    #[serde(default)]
    pub synonyms_nl: Vec<String>,
    #[serde(default)]
    pub synonyms_en: Vec<String>,
    /// The skills this one implies: a higher language level the lower ones, a driving licence
    /// the smaller ones it covers, VCA VOL VCA Basis.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub includes: Vec<String>,
}

impl Skill {
    pub fn label(&self, english: bool) -> &str {
        if english {
            &self.en
        } else {
            &self.nl
        }
    }

    /// Every name the skill goes by: its labels, then its synonyms.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        [self.nl.as_str(), self.en.as_str()]
            .into_iter()
            .chain(self.synonyms_nl.iter().map(String::as_str))
            .chain(self.synonyms_en.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occupation {
    pub id: String,
    pub group: String,
    pub nl: String,
    pub en: String,
    #[serde(default)]
    pub synonyms_nl: Vec<String>,
    #[serde(default)]
    pub synonyms_en: Vec<String>,
    /// The usual NLQF level (1 entree … 7 master).
    pub level: u8,
    pub essential: Vec<String>,
    pub optional: Vec<String>,
}

impl Occupation {
    pub fn label(&self, english: bool) -> &str {
        if english {
            &self.en
        } else {
            &self.nl
        }
    }
}

/// The file as written (read on the server only).
#[cfg(feature = "ssr")]
#[derive(Debug, Deserialize)]
struct File {
    about: String,
    version: u32,
    groups: Vec<Group>,
    skills: Vec<Skill>,
    occupations: Vec<Occupation>,
}

/// A skill's place in [`Taxonomy::skills`]: small, so a vacancy's skills are a short list of
/// numbers and a CV's a bit set.
pub type SkillNo = u16;

/// The taxonomy, checked, with its lookups.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub about: String,
    pub version: u32,
    pub groups: Vec<Group>,
    pub skills: Vec<Skill>,
    pub occupations: Vec<Occupation>,
    by_id: HashMap<String, SkillNo>,
    occupation_by_id: HashMap<String, usize>,
    /// Every name of every skill as its words (normalised), by its first word: what
    /// [`Taxonomy::recognise`] looks for in a text.
    phrases: HashMap<String, Vec<(Vec<String>, SkillNo)>>,
}

/// Lower case, accents off (é → e), every run of other characters than letters and digits one
/// space: how names and texts are compared.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = fold(c);
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The letter without its accent, for the accented letters Dutch and English use.
fn fold(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ÿ' | 'ý' => 'y',
        other => other,
    }
}

/// Names shorter than this many characters are not looked for in running text: two-letter
/// abbreviations ("AP", "PM", "RT") collide with ordinary text. [`Taxonomy::suggest`] still
/// finds them.
#[cfg(feature = "ssr")]
const SHORTEST_RECOGNISED: usize = 3;

impl Taxonomy {
    /// Reads and checks the taxonomy: every id unique (skills and occupations together), every
    /// skill in a known group, every occupation's skills known and none both essential and
    /// optional. All problems at once, each a sentence naming the id.
    #[cfg(feature = "ssr")]
    pub fn parse(json: &str) -> Result<Taxonomy, Vec<String>> {
        let file: File = serde_json::from_str(json).map_err(|e| vec![e.to_string()])?;
        let mut problems = Vec::new();
        let groups: Vec<&str> = file.groups.iter().map(|g| g.id.as_str()).collect();
        let mut by_id = HashMap::new();
        if file.skills.len() > usize::from(SkillNo::MAX) {
            problems.push(format!("more than {} skills", SkillNo::MAX));
        }
        for (no, skill) in file.skills.iter().enumerate() {
            if skill.id.is_empty() || skill.nl.trim().is_empty() || skill.en.trim().is_empty() {
                problems.push(format!(
                    "skill {:?}: id and both labels are needed",
                    skill.id
                ));
            }
            if !groups.contains(&skill.group.as_str()) {
                problems.push(format!("skill {}: unknown group {}", skill.id, skill.group));
            }
            if by_id.insert(skill.id.clone(), no as SkillNo).is_some() {
                problems.push(format!("skill {}: the id is used twice", skill.id));
            }
        }
        for skill in &file.skills {
            for id in &skill.includes {
                if !by_id.contains_key(id) || *id == skill.id {
                    problems.push(format!("skill {}: includes {id}", skill.id));
                }
            }
        }
        let mut occupation_by_id = HashMap::new();
        for (i, occupation) in file.occupations.iter().enumerate() {
            if by_id.contains_key(&occupation.id)
                || occupation_by_id.insert(occupation.id.clone(), i).is_some()
            {
                problems.push(format!(
                    "occupation {}: the id is used twice",
                    occupation.id
                ));
            }
            if !groups.contains(&occupation.group.as_str()) {
                problems.push(format!(
                    "occupation {}: unknown group {}",
                    occupation.id, occupation.group
                ));
            }
            if occupation.essential.is_empty() {
                problems.push(format!("occupation {}: no essential skills", occupation.id));
            }
            for id in occupation.essential.iter().chain(&occupation.optional) {
                if !by_id.contains_key(id) {
                    problems.push(format!("occupation {}: unknown skill {id}", occupation.id));
                }
            }
            for id in &occupation.essential {
                if occupation.optional.contains(id) {
                    problems.push(format!(
                        "occupation {}: {id} is both essential and optional",
                        occupation.id
                    ));
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        // One name, one skill: a name two skills share could only ever find one of them.
        let mut named: HashMap<String, &str> = HashMap::new();
        for skill in &file.skills {
            for name in skill.names() {
                let name = normalise(name);
                match named.get(name.as_str()) {
                    Some(other) if *other != skill.id => problems.push(format!(
                        "skill {}: the name {name:?} is also {other}'s",
                        skill.id
                    )),
                    _ => {
                        named.insert(name, &skill.id);
                    }
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut phrases: HashMap<String, Vec<(Vec<String>, SkillNo)>> = HashMap::new();
        for (no, skill) in file.skills.iter().enumerate() {
            let mut seen: Vec<String> = Vec::new();
            for name in skill.names() {
                let name = normalise(name);
                if name.len() < SHORTEST_RECOGNISED || seen.contains(&name) {
                    continue;
                }
                let words: Vec<String> = name.split(' ').map(str::to_string).collect();
                phrases
                    .entry(words[0].clone())
                    .or_default()
                    .push((words, no as SkillNo));
                seen.push(name);
            }
        }
        // The longest phrase first, so "VCA VOL" wins over "VCA".
        for list in phrases.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        }
        Ok(Taxonomy {
            about: file.about,
            version: file.version,
            groups: file.groups,
            skills: file.skills,
            occupations: file.occupations,
            by_id,
            occupation_by_id,
            phrases,
        })
    }

    /// The skills a person has who has these: each with every skill it includes, and what
    /// those include in turn (Dutch C1 gives B2, B1 and A2).
    pub fn with_included(&self, skills: impl IntoIterator<Item = SkillNo>) -> Vec<SkillNo> {
        let mut out: Vec<SkillNo> = Vec::new();
        let mut todo: Vec<SkillNo> = skills.into_iter().collect();
        while let Some(no) = todo.pop() {
            if usize::from(no) >= self.skills.len() || out.contains(&no) {
                continue;
            }
            out.push(no);
            todo.extend(
                self.skills[usize::from(no)]
                    .includes
                    .iter()
                    .filter_map(|id| self.no(id)),
            );
        }
        out.sort_unstable();
        out
    }

    /// The number of a skill id, if the taxonomy has it.
    pub fn no(&self, id: &str) -> Option<SkillNo> {
        self.by_id.get(id).copied()
    }

    pub fn skill(&self, id: &str) -> Option<&Skill> {
        self.no(id).map(|no| &self.skills[usize::from(no)])
    }

    pub fn skill_at(&self, no: SkillNo) -> &Skill {
        &self.skills[usize::from(no)]
    }

    pub fn occupation(&self, id: &str) -> Option<&Occupation> {
        self.occupation_by_id.get(id).map(|&i| &self.occupations[i])
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// The skills a text names, by label or synonym, whole words only, each once, in the
    /// order the text names them. Where names overlap the longest wins ("VCA VOL", not "VCA").
    pub fn recognise(&self, text: &str) -> Vec<SkillNo> {
        let text = normalise(text);
        let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
        let mut found: Vec<SkillNo> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let hit = self.phrases.get(words[i]).and_then(|list| {
                list.iter().find(|(phrase, _)| {
                    phrase.len() <= words.len() - i
                        && phrase.iter().zip(&words[i..]).all(|(p, w)| p == w)
                })
            });
            match hit {
                Some((phrase, no)) => {
                    if !found.contains(no) {
                        found.push(*no);
                    }
                    i += phrase.len();
                }
                None => i += 1,
            }
        }
        found
    }

    /// Skills for what a person types, best first, at most `limit`: a name that starts with
    /// it, then a name with a word that starts with it, then a name that has it anywhere; the
    /// person's own language's label before other names. Empty for an empty query.
    pub fn suggest(&self, query: &str, english: bool, limit: usize) -> Vec<&Skill> {
        let query = normalise(query);
        if query.is_empty() {
            return Vec::new();
        }
        let mut ranked: Vec<(u8, usize, &Skill)> = Vec::new();
        for skill in &self.skills {
            let own = normalise(skill.label(english));
            if let Some(best) = skill.names().filter_map(|n| place(n, &query, &own)).min() {
                ranked.push((best, own.len(), skill));
            }
        }
        ranked.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.id.cmp(&b.2.id)));
        ranked.into_iter().take(limit).map(|(_, _, s)| s).collect()
    }

    /// Occupations for what a person types ("I worked as …"), best first, at most `limit`.
    pub fn suggest_occupations(
        &self,
        query: &str,
        english: bool,
        limit: usize,
    ) -> Vec<&Occupation> {
        let query = normalise(query);
        if query.is_empty() {
            return Vec::new();
        }
        let mut ranked: Vec<(u8, &Occupation)> = self
            .occupations
            .iter()
            .filter_map(|o| {
                let own = normalise(o.label(english));
                [o.nl.as_str(), o.en.as_str()]
                    .into_iter()
                    .chain(o.synonyms_nl.iter().map(String::as_str))
                    .chain(o.synonyms_en.iter().map(String::as_str))
                    .filter_map(|n| place(n, &query, &own))
                    .min()
                    .map(|best| (best, o))
            })
            .collect();
        ranked.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.nl.cmp(&b.1.nl)));
        ranked.into_iter().take(limit).map(|(_, o)| o).collect()
    }
}

/// Where a name ranks for a (normalised) query, lower is better: it starts with the query (0),
/// a word of it does (2), every word of the query starts a word of it ("nederlands b2" for
/// "Nederlands op niveau B2", 3), it has the query anywhere (4); one more when it is not the
/// label in the person's own language (`own`). `None`: no match.
fn place(name: &str, query: &str, own: &str) -> Option<u8> {
    let name = normalise(name);
    let place = if name.starts_with(query) {
        0
    } else if name.split(' ').any(|w| w.starts_with(query)) {
        2
    } else if query.contains(' ')
        && query
            .split(' ')
            .all(|q| name.split(' ').any(|w| w.starts_with(q)))
    {
        3
    } else if name.contains(query) {
        4
    } else {
        return None;
    };
    Some(if name == own { place } else { place + 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taxonomy() -> Taxonomy {
        Taxonomy::parse(include_str!("../../../data/skills.json")).expect("the taxonomy checks")
    }

    #[test]
    fn the_file_is_complete_enough_for_the_region() {
        let t = taxonomy();
        assert!(t.skills.len() >= 400, "{} skills", t.skills.len());
        assert!(
            t.occupations.len() >= 80,
            "{} occupations",
            t.occupations.len()
        );
        assert!(
            t.about.contains("not ESCO"),
            "says it is modelled on ESCO, not ESCO"
        );
        for group in [
            "zorg",
            "techniek",
            "bouw",
            "logistiek",
            "ict",
            "onderwijs",
            "horeca",
            "retail",
            "agrifood",
            "kunststoffen",
            "basis",
        ] {
            let g = t.group(group).unwrap_or_else(|| panic!("group {group}"));
            assert!(
                crate::domain::account::SECTORS.contains(&g.sector.as_str()),
                "{group}: sector {}",
                g.sector
            );
            let n = t.skills.iter().filter(|s| s.group == group).count();
            assert!(n >= 20, "{group}: {n} skills");
        }
        for basic in [
            "basis-nederlands-b1",
            "basis-rijbewijs-b",
            "basis-vca-basis",
            "basis-vca-vol",
        ] {
            assert!(t.skill(basic).is_some(), "{basic}");
        }
    }

    #[test]
    fn a_broken_file_is_refused_with_every_problem_named() {
        let json = r#"{"about":"x","version":1,
            "groups":[{"id":"zorg","sector":"zorg","nl":"Zorg","en":"Care"}],
            "skills":[{"id":"a","group":"zorg","kind":"skill","nl":"A","en":"A"},
                      {"id":"a","group":"bouw","kind":"skill","nl":"B","en":"B"}],
            "occupations":[{"id":"o","group":"zorg","nl":"O","en":"O","level":2,
                            "essential":["a","zz"],"optional":["a"]}]}"#;
        let problems = Taxonomy::parse(json).unwrap_err();
        let all = problems.join("\n");
        assert!(all.contains("skill a: the id is used twice"), "{all}");
        assert!(all.contains("unknown group bouw"), "{all}");
        assert!(all.contains("unknown skill zz"), "{all}");
        assert!(all.contains("a is both essential and optional"), "{all}");
        let shared = r#"{"about":"x","version":1,
            "groups":[{"id":"g","sector":"zorg","nl":"G","en":"G"}],
            "skills":[{"id":"a","group":"g","kind":"skill","nl":"Koken","en":"Cooking"},
                      {"id":"b","group":"g","kind":"skill","nl":"Bakken","en":"Baking","synonyms_nl":["koken!"]}],
            "occupations":[]}"#;
        let all = Taxonomy::parse(shared).unwrap_err().join("\n");
        assert!(
            all.contains("skill b: the name \"koken\" is also a's"),
            "{all}"
        );
    }

    #[test]
    fn normalise_folds_case_accents_and_punctuation() {
        assert_eq!(
            normalise("  Hygiëne & Infectie-preventie! "),
            "hygiene infectie preventie"
        );
        assert_eq!(normalise("VCA-VOL"), "vca vol");
        assert_eq!(normalise(""), "");
    }

    #[test]
    fn a_vacancy_text_names_its_skills_by_label_and_synonym() {
        let t = taxonomy();
        let found = t.recognise(
            "Wij zoeken een collega met VCA VOL en rijbewijs B. Je doet de wondzorg \
             en persoonlijke verzorging.",
        );
        let ids: Vec<&str> = found.iter().map(|&n| t.skill_at(n).id.as_str()).collect();
        assert!(ids.contains(&"basis-vca-vol"), "{ids:?}");
        assert!(
            !ids.contains(&"basis-vca-basis"),
            "the longer name wins: {ids:?}"
        );
        assert!(ids.contains(&"basis-rijbewijs-b"), "{ids:?}");
        assert!(ids.contains(&"zorg-wondverzorging"), "a synonym: {ids:?}");
        assert!(ids.contains(&"zorg-persoonlijke-verzorging"), "{ids:?}");
        // Whole words only: "wondzorgen" is not "wondzorg".
        assert!(t.recognise("wondzorgen").is_empty());
        assert!(t.recognise("").is_empty());
    }

    #[test]
    fn suggestions_put_a_label_that_starts_with_the_query_first() {
        let t = taxonomy();
        let first = t.suggest("wond", false, 5);
        assert_eq!(first[0].id, "zorg-wondverzorging");
        let by_synonym = t.suggest("wondzorg", false, 5);
        assert_eq!(by_synonym[0].id, "zorg-wondverzorging");
        let english = t.suggest("wound", true, 5);
        assert_eq!(english[0].id, "zorg-wondverzorging");
        // Words in another order, or with words left out: each starts a word of the name.
        let b2 = t.suggest("nederlands b2", false, 5);
        assert_eq!(b2[0].id, "basis-nederlands-b2");
        assert_eq!(
            t.suggest("rijbewijs ce", false, 5)[0].id,
            "basis-rijbewijs-ce"
        );
        assert!(t.suggest("   ", false, 5).is_empty());
        assert!(t.suggest("qqqqzz", false, 5).is_empty());
        assert_eq!(t.suggest("a", false, 7).len(), 7, "the limit holds");
    }

    #[test]
    fn a_skill_brings_the_skills_it_includes() {
        let t = taxonomy();
        let no = |id: &str| t.no(id).unwrap();
        let c1 = t.with_included([no("basis-nederlands-c1")]);
        for level in ["a2", "b1", "b2", "c1"] {
            assert!(
                c1.contains(&no(&format!("basis-nederlands-{level}"))),
                "{level}"
            );
        }
        let ce = t.with_included([no("basis-rijbewijs-ce"), no("basis-vca-vol")]);
        assert!(ce.contains(&no("basis-rijbewijs-b")) && ce.contains(&no("basis-vca-basis")));
        assert!(!ce.contains(&no("basis-rijbewijs-d")));
        assert_eq!(t.with_included([no("zorg-wondverzorging")]).len(), 1);
        let json = r#"{"about":"x","version":1,
            "groups":[{"id":"g","sector":"zorg","nl":"G","en":"G"}],
            "skills":[{"id":"a","group":"g","kind":"skill","nl":"A","en":"A","includes":["a","b"]}],
            "occupations":[]}"#;
        let all = Taxonomy::parse(json).unwrap_err().join("\n");
        assert!(
            all.contains("skill a: includes a") && all.contains("skill a: includes b"),
            "{all}"
        );
    }

    #[test]
    fn an_occupation_offers_its_skills() {
        let t = taxonomy();
        let o = t.suggest_occupations("verzorgende", false, 3);
        assert_eq!(o[0].id, "verzorgende-ig");
        for id in o[0].essential.iter().chain(&o[0].optional) {
            assert!(t.skill(id).is_some());
        }
    }
}
