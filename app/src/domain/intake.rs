//! The intake (zelf-triage): the questions as data, a person's answers, the pure routing
//! between the questions, and the outcome — which tools fit, and whether the criteria for
//! personal guidance by the regional mobility team apply (action line 4 of the seeds: own need,
//! sector in decline, education, a one-sided work history, language, age).
//!
//! Nothing here knows words: the intake's pages give every question and option its text (Dutch
//! and English) by its code. The answers are named texts, the question's id and the option's
//! code (or a number), so they travel in a form or a cookie as a query string.
use std::collections::BTreeMap;

use super::account::SECTORS;
use super::region;

/// What kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One of these option codes.
    Choice(&'static [&'static str]),
    /// A whole number from `min` to `max`.
    Number { min: u32, max: u32 },
    /// One of the portal's sectors, or `geen` (never worked).
    Sector,
    /// One of the region's gemeenten by CBS code, or `elders`.
    Gemeente,
}

/// When a question applies: the branches of the tree, as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    /// The answer to the question is one of these.
    Is(&'static str, &'static [&'static str]),
    /// The question was answered, and not with one of these.
    Not(&'static str, &'static [&'static str]),
    /// Every condition holds.
    All(&'static [When]),
}

/// One question: its id (the field's name), its kind of answer, and when it is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    pub id: &'static str,
    pub kind: Kind,
    pub when: When,
}

/// Below this level of spoken Dutch (B2) the language criterion applies.
pub const LANGUAGE: &[&str] = &["moedertaal", "goed", "redelijk", "beetje"];
/// Education, in order; a startkwalificatie is a diploma at havo/vwo or mbo 2 and up.
pub const EDUCATION: &[&str] = &[
    "geen", "vmbo", "mbo1", "mbo2", "mbo3", "mbo4", "havo_vwo", "hbo", "wo",
];
/// The levels at which the diploma question decides the startkwalificatie.
const DIPLOMA_DECIDES: &[&str] = &["mbo2", "mbo3", "mbo4", "havo_vwo"];
/// What people want.
pub const GOALS: &[&str] = &[
    "leren",
    "ander_werk",
    "stage_leerbaan",
    "eerste_baan",
    "weet_niet",
];
/// Goals that look for a place of work (and so ask how someone travels).
const WORK_GOALS: &[&str] = &["ander_werk", "stage_leerbaan", "eerste_baan"];

/// The sectors the region counts as shrinking and not soon recovering (the seeds' "sectoren die
/// te maken hebben met krimp", to be set regionally): hospitality, retail, and recreation and
/// events — where the region's WW grew most in 2020.
pub const DECLINING_SECTORS: &[&str] = &["horeca", "retail", "recreatie"];

/// Years in the last job from which a work history counts as one-sided.
pub const LONG_IN_JOB_YEARS: u32 = 10;

/// The questions, in the order they are asked.
pub static QUESTIONS: &[Question] = &[
    Question {
        id: "situatie",
        kind: Kind::Choice(&["werk", "werk_onzeker", "werkzoekend", "school", "anders"]),
        when: When::Always,
    },
    Question {
        id: "leeftijd",
        kind: Kind::Number { min: 15, max: 80 },
        when: When::Always,
    },
    Question {
        id: "uitkering",
        kind: Kind::Choice(&["ww", "bijstand", "geen"]),
        when: When::Is("situatie", &["werkzoekend"]),
    },
    Question {
        id: "contract",
        kind: Kind::Choice(&["vast", "tijdelijk", "uitzend", "zzp"]),
        when: When::Is("situatie", &["werk", "werk_onzeker"]),
    },
    Question {
        id: "opleiding",
        kind: Kind::Choice(EDUCATION),
        when: When::Always,
    },
    Question {
        id: "diploma",
        kind: Kind::Choice(&["ja", "nee", "bezig"]),
        when: When::Is("opleiding", DIPLOMA_DECIDES),
    },
    Question {
        id: "sector",
        kind: Kind::Sector,
        when: When::Not("situatie", &["school"]),
    },
    Question {
        id: "jaren",
        kind: Kind::Number { min: 0, max: 60 },
        when: When::All(&[
            When::Not("situatie", &["school"]),
            When::Not("sector", &["geen"]),
        ]),
    },
    Question {
        id: "taal",
        kind: Kind::Choice(LANGUAGE),
        when: When::Always,
    },
    Question {
        id: "doel",
        kind: Kind::Choice(GOALS),
        when: When::Always,
    },
    Question {
        id: "soort_plek",
        kind: Kind::Choice(&["stage", "leerbaan", "weet_niet"]),
        when: When::Is("doel", &["stage_leerbaan"]),
    },
    Question {
        id: "vervoer",
        kind: Kind::Choice(&["fiets", "auto", "ov"]),
        when: When::Is("doel", WORK_GOALS),
    },
    Question {
        id: "hulp",
        kind: Kind::Choice(&["ja", "misschien", "nee"]),
        when: When::Always,
    },
    Question {
        id: "gemeente",
        kind: Kind::Gemeente,
        when: When::Always,
    },
];

/// The question with this id.
pub fn question(id: &str) -> Option<&'static Question> {
    QUESTIONS.iter().find(|q| q.id == id)
}

/// Why an answer was not taken: a message key (`form_error.*`).
pub type Problem = &'static str;

/// A person's answers so far, by question id. Only known questions with a valid answer are ever
/// in it, and only questions that apply to the other answers (see [`Answers::tidy`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers(BTreeMap<&'static str, String>);

impl Answers {
    /// Reads answers from query pairs (a cookie, a form): unknown names and invalid values are
    /// dropped; then the answers that no longer apply.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Answers {
        let mut answers = Answers::default();
        for (name, value) in pairs {
            if let Some(q) = question(name) {
                if let Ok(value) = check(q, value) {
                    answers.0.insert(q.id, value);
                }
            }
        }
        answers.tidy();
        answers
    }

    /// The answers as query pairs, in question order.
    pub fn to_pairs(&self) -> Vec<(&'static str, &str)> {
        QUESTIONS
            .iter()
            .filter_map(|q| self.0.get(q.id).map(|v| (q.id, v.as_str())))
            .collect()
    }

    pub fn get(&self, id: &str) -> Option<&str> {
        self.0.get(id).map(String::as_str)
    }

    fn number(&self, id: &str) -> Option<u32> {
        self.get(id).and_then(|v| v.parse().ok())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Takes `value` as the answer to `q`, or says why not (nothing changes then).
    pub fn answer(&mut self, q: &'static Question, value: &str) -> Result<(), Problem> {
        let value = check(q, value)?;
        self.0.insert(q.id, value);
        self.tidy();
        Ok(())
    }

    /// Drops the answers to questions that no longer apply (a changed answer closed a branch),
    /// until nothing changes (a dropped answer can close another branch).
    fn tidy(&mut self) {
        loop {
            let stale: Vec<&'static str> = QUESTIONS
                .iter()
                .filter(|q| self.0.contains_key(q.id) && !applies(q, self))
                .map(|q| q.id)
                .collect();
            if stale.is_empty() {
                return;
            }
            for id in stale {
                self.0.remove(id);
            }
        }
    }
}

/// A value checked against its question: trimmed, a known option or a number in range.
fn check(q: &Question, value: &str) -> Result<String, Problem> {
    let value = value.trim();
    if value.is_empty() {
        return Err(match q.kind {
            Kind::Number { .. } => "required",
            _ => "choose_one",
        });
    }
    let known = match q.kind {
        Kind::Choice(options) => options.contains(&value),
        Kind::Sector => value == "geen" || SECTORS.contains(&value),
        Kind::Gemeente => value == "elders" || region::gemeente(value).is_some(),
        Kind::Number { min, max } => {
            return match value.parse::<u32>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n.to_string()),
                Ok(_) => Err(if q.id == "leeftijd" {
                    "intake_age_range"
                } else {
                    "intake_years_range"
                }),
                Err(_) => Err("intake_whole_number"),
            };
        }
    };
    if known {
        Ok(value.to_string())
    } else {
        Err("choose_one")
    }
}

fn holds(when: &When, answers: &Answers) -> bool {
    match when {
        When::Always => true,
        When::Is(id, values) => answers.get(id).is_some_and(|v| values.contains(&v)),
        When::Not(id, values) => answers.get(id).is_some_and(|v| !values.contains(&v)),
        When::All(all) => all.iter().all(|w| holds(w, answers)),
    }
}

/// Whether `q` is asked, given the answers so far.
pub fn applies(q: &Question, answers: &Answers) -> bool {
    holds(&q.when, answers)
}

/// Where a person goes next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Ask(&'static Question),
    /// Every question that applies is answered: check the answers.
    Check,
}

/// The first question.
pub fn first() -> &'static Question {
    &QUESTIONS[0]
}

/// The step after answering `current`: the next question that applies — or, when `to_check`
/// (the person came to change an answer from the check page), the first that applies and is
/// not answered yet, else the check page.
pub fn next(answers: &Answers, current: &str, to_check: bool) -> Step {
    let after = QUESTIONS
        .iter()
        .position(|q| q.id == current)
        .map_or(0, |i| i + 1);
    let found = if to_check {
        QUESTIONS
            .iter()
            .find(|q| applies(q, answers) && answers.get(q.id).is_none())
    } else {
        QUESTIONS[after..].iter().find(|q| applies(q, answers))
    };
    found.map_or(Step::Check, Step::Ask)
}

/// The first question that applies and is not answered, if any (the check page sends there).
pub fn unanswered(answers: &Answers) -> Option<&'static Question> {
    QUESTIONS
        .iter()
        .find(|q| applies(q, answers) && answers.get(q.id).is_none())
}

/// The question before `current` that applies (the back link), `None` for the first.
pub fn previous(answers: &Answers, current: &str) -> Option<&'static Question> {
    let at = QUESTIONS.iter().position(|q| q.id == current)?;
    QUESTIONS[..at].iter().rev().find(|q| applies(q, answers))
}

/// "Question `n` of `total`": the place of `current` among the questions that apply now. A
/// question whose branch is not decided yet counts when its condition could still hold.
pub fn progress(answers: &Answers, current: &str) -> (usize, usize) {
    let may_apply = |q: &Question| applies(q, answers) || undecided(&q.when, answers);
    let asked: Vec<&Question> = QUESTIONS.iter().filter(|q| may_apply(q)).collect();
    let n = asked
        .iter()
        .position(|q| q.id == current)
        .map_or(1, |i| i + 1);
    (n, asked.len().max(n))
}

/// Whether a condition still waits for an answer it depends on.
fn undecided(when: &When, answers: &Answers) -> bool {
    match when {
        When::Always => false,
        When::Is(id, _) | When::Not(id, _) => answers.get(id).is_none(),
        When::All(all) => {
            all.iter().any(|w| undecided(w, answers))
                && all
                    .iter()
                    .all(|w| holds(w, answers) || undecided(w, answers))
        }
    }
}

/// The questions that apply, with their answers, for the check page.
pub fn summary(answers: &Answers) -> Vec<(&'static Question, Option<&str>)> {
    QUESTIONS
        .iter()
        .filter(|q| applies(q, answers))
        .map(|q| (q, answers.get(q.id)))
        .collect()
}

/// The criteria for personal guidance (the seeds' "selectiecriteria").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Criterion {
    /// Wants help themselves.
    OwnNeed,
    /// Last worked in a sector in decline.
    DecliningSector,
    /// No startkwalificatie, or mbo as their level.
    Education,
    /// Many years in the last job.
    LongInJob,
    /// Spoken Dutch below B2.
    Language,
    /// Younger than 27 or older than 55.
    Age,
}

impl Criterion {
    pub const ALL: [Criterion; 6] = [
        Criterion::OwnNeed,
        Criterion::DecliningSector,
        Criterion::Education,
        Criterion::LongInJob,
        Criterion::Language,
        Criterion::Age,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Criterion::OwnNeed => "eigen_behoefte",
            Criterion::DecliningSector => "sector",
            Criterion::Education => "opleiding",
            Criterion::LongInJob => "arbeidsverleden",
            Criterion::Language => "taal",
            Criterion::Age => "leeftijd",
        }
    }
}

/// What the outcome says about personal guidance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guidance {
    /// Wants help and meets at least one other criterion: an advisor can help.
    Fits,
    /// Meets a criterion but did not ask for help: an advisor could help, if they want.
    Offered,
    /// No criterion besides (perhaps) wanting help: the toolbox first; contact is still possible.
    Toolbox,
}

/// A tool the outcome points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Stages,
    SkillsCv,
    Vacancies,
    Calculator,
    Subsidies,
}

impl Tool {
    pub fn code(self) -> &'static str {
        match self {
            Tool::Stages => "stages",
            Tool::SkillsCv => "skills_cv",
            Tool::Vacancies => "vacatures",
            Tool::Calculator => "calculator",
            Tool::Subsidies => "subsidies",
        }
    }
}

/// What the intake concludes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Every criterion, and whether it applies.
    pub criteria: Vec<(Criterion, bool)>,
    pub guidance: Guidance,
    /// The tools that fit, the best first, each with its address (what is known filled in).
    pub tools: Vec<(Tool, String)>,
}

/// Has a startkwalificatie: a diploma at mbo 2 or up or havo/vwo (hbo and wo presume one).
pub fn has_startkwalificatie(answers: &Answers) -> bool {
    match answers.get("opleiding") {
        Some("hbo" | "wo") => true,
        Some(level) if DIPLOMA_DECIDES.contains(&level) => answers.get("diploma") == Some("ja"),
        _ => false,
    }
}

/// Whether `criterion` applies to these answers.
pub fn meets(criterion: Criterion, answers: &Answers) -> bool {
    match criterion {
        Criterion::OwnNeed => matches!(answers.get("hulp"), Some("ja" | "misschien")),
        Criterion::DecliningSector => answers
            .get("sector")
            .is_some_and(|s| DECLINING_SECTORS.contains(&s)),
        Criterion::Education => {
            !has_startkwalificatie(answers)
                || matches!(
                    answers.get("opleiding"),
                    Some("mbo1" | "mbo2" | "mbo3" | "mbo4")
                )
        }
        Criterion::LongInJob => answers
            .number("jaren")
            .is_some_and(|y| y >= LONG_IN_JOB_YEARS),
        Criterion::Language => matches!(answers.get("taal"), Some("redelijk" | "beetje")),
        Criterion::Age => answers
            .number("leeftijd")
            .is_some_and(|a| !(27..=55).contains(&a)),
    }
}

/// The outcome of complete (or partial) answers.
pub fn outcome(answers: &Answers) -> Outcome {
    let criteria: Vec<(Criterion, bool)> = Criterion::ALL
        .iter()
        .map(|&c| (c, meets(c, answers)))
        .collect();
    let others = criteria
        .iter()
        .filter(|(c, met)| *met && *c != Criterion::OwnNeed)
        .count();
    let guidance = match (meets(Criterion::OwnNeed, answers), others) {
        (_, 0) => Guidance::Toolbox,
        (true, _) => Guidance::Fits,
        (false, _) => Guidance::Offered,
    };
    Outcome {
        criteria,
        guidance,
        tools: tools(answers),
    }
}

/// The calculator's answers this intake already knows, as its query pairs.
pub fn calculator_pairs(answers: &Answers) -> Vec<(&'static str, String)> {
    let mut pairs = vec![("voor", "inwoner".to_string())];
    if let Some(age) = answers.get("leeftijd") {
        pairs.push(("leeftijd", age.to_string()));
    }
    let situation = match (answers.get("situatie"), answers.get("uitkering")) {
        (Some("werk" | "werk_onzeker"), _) if answers.get("contract") == Some("zzp") => Some("zzp"),
        (Some("werk"), _) => Some("werkend"),
        (Some("werk_onzeker"), _) => Some("dreigend_werkloos"),
        (Some("werkzoekend"), Some("ww")) => Some("ww"),
        (Some("werkzoekend"), Some("bijstand")) => Some("bijstand"),
        (Some("werkzoekend"), _) => Some("werkzoekend"),
        (Some("school"), _) => Some("student"),
        _ => None,
    };
    if let Some(s) = situation {
        pairs.push(("situatie", s.to_string()));
    }
    if let Some(e) = calculator_education(answers) {
        pairs.push(("opleiding", e.to_string()));
    }
    if let Some(g) = answers.get("gemeente") {
        pairs.push(("gemeente", g.to_string()));
    }
    if let Some(s) = answers.get("sector").filter(|s| *s != "geen") {
        pairs.push(("sector", s.to_string()));
    }
    pairs
}

/// The calculator's education (its codes: geen, mbo2…wo): the level with a diploma; without a
/// startkwalificatie "geen"; havo/vwo is none of its levels, so it is left open.
fn calculator_education(answers: &Answers) -> Option<&'static str> {
    if !has_startkwalificatie(answers) {
        return answers.get("opleiding").map(|_| "geen");
    }
    match answers.get("opleiding")? {
        "mbo2" => Some("mbo2"),
        "mbo3" => Some("mbo3"),
        "mbo4" => Some("mbo4"),
        "hbo" => Some("hbo"),
        "wo" => Some("wo"),
        _ => None,
    }
}

/// The tools for these answers, most fitting first, each with its address.
fn tools(answers: &Answers) -> Vec<(Tool, String)> {
    let query = |pairs: Vec<(&str, String)>| -> String {
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    };
    let address = |path: &str, pairs: Vec<(&str, String)>| -> String {
        let q = query(pairs);
        if q.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{q}")
        }
    };
    let gemeente = answers
        .get("gemeente")
        .filter(|g| *g != "elders")
        .map(str::to_string);
    let sector = answers
        .get("sector")
        .filter(|s| *s != "geen")
        .map(str::to_string);
    let with = |pairs: &[(&'static str, Option<String>)]| -> Vec<(&'static str, String)> {
        pairs
            .iter()
            .filter_map(|(k, v)| v.clone().map(|v| (*k, v)))
            .collect()
    };

    let stages = {
        let kind = match answers.get("soort_plek") {
            Some("leerbaan") => Some("leerbaan_bbl".to_string()),
            _ => None,
        };
        (
            Tool::Stages,
            address(
                "/stages",
                with(&[("soort", kind), ("gemeente", gemeente.clone())]),
            ),
        )
    };
    let cv = {
        let town = gemeente.as_deref().and_then(|g| {
            region::TOWNS
                .iter()
                .find(|t| t.gemeente == g && t.main)
                .map(|t| t.code.to_string())
        });
        (
            Tool::SkillsCv,
            address(
                "/vacatures/skills-cv",
                with(&[
                    (
                        "opleiding",
                        calculator_education(answers).map(str::to_string),
                    ),
                    ("sector", sector.clone()),
                    ("woonplaats", town),
                    ("vervoer", answers.get("vervoer").map(str::to_string)),
                ]),
            ),
        )
    };
    let vacancies = (
        Tool::Vacancies,
        address(
            "/vacatures",
            with(&[("sector", sector.clone()), ("gemeente", gemeente.clone())]),
        ),
    );
    let calculator = (
        Tool::Calculator,
        address("/scholingscalculator", calculator_pairs(answers)),
    );
    let subsidies = (
        Tool::Subsidies,
        address("/subsidies", vec![("voor", "inwoner".to_string())]),
    );

    let young = answers.number("leeftijd").is_some_and(|a| a < 27);
    match answers.get("doel") {
        Some("stage_leerbaan") => vec![stages, calculator, cv, subsidies],
        Some("eerste_baan") if young => vec![stages, cv, vacancies, calculator],
        Some("eerste_baan" | "ander_werk") => vec![cv, vacancies, calculator, subsidies],
        Some("leren") => vec![calculator, subsidies, cv],
        _ => vec![cv, calculator, vacancies, stages, subsidies],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        Answers::from_pairs(pairs.iter().copied())
    }

    /// Walks the tree from the first question, answering from `given`; the ids asked in order.
    fn walk(given: &[(&str, &str)]) -> Vec<&'static str> {
        let mut a = Answers::default();
        let mut asked = vec![];
        let mut q = first();
        loop {
            asked.push(q.id);
            let value = given
                .iter()
                .find(|(k, _)| *k == q.id)
                .unwrap_or_else(|| panic!("{} asked but not given", q.id))
                .1;
            a.answer(q, value).unwrap();
            match next(&a, q.id, false) {
                Step::Ask(n) => q = n,
                Step::Check => return asked,
            }
        }
    }

    const YOUNG: &[(&str, &str)] = &[
        ("situatie", "werkzoekend"),
        ("leeftijd", "23"),
        ("uitkering", "geen"),
        ("opleiding", "vmbo"),
        ("sector", "geen"),
        ("taal", "moedertaal"),
        ("doel", "stage_leerbaan"),
        ("soort_plek", "leerbaan"),
        ("vervoer", "fiets"),
        ("hulp", "ja"),
        ("gemeente", "GM0193"),
    ];

    const RETAIL: &[(&str, &str)] = &[
        ("situatie", "werkzoekend"),
        ("leeftijd", "58"),
        ("uitkering", "ww"),
        ("opleiding", "mbo2"),
        ("diploma", "ja"),
        ("sector", "retail"),
        ("jaren", "30"),
        ("taal", "moedertaal"),
        ("doel", "ander_werk"),
        ("vervoer", "auto"),
        ("hulp", "ja"),
        ("gemeente", "GM0193"),
    ];

    #[test]
    fn between_ten_and_fifteen_questions_on_the_long_paths() {
        assert!((10..=15).contains(&QUESTIONS.len()));
        let young = walk(YOUNG);
        assert_eq!(young.len(), 11, "{young:?}");
        assert!(
            !young.contains(&"diploma"),
            "vmbo decides it: no startkwalificatie"
        );
        assert!(!young.contains(&"jaren"), "never worked: no years asked");
        assert!(!young.contains(&"contract"));
        let retail = walk(RETAIL);
        assert_eq!(retail.len(), 12, "{retail:?}");
        assert!(retail.contains(&"diploma") && retail.contains(&"jaren"));
        assert!(!retail.contains(&"soort_plek"));
    }

    #[test]
    fn each_branch_opens_and_closes() {
        // Working people are asked their contract, job seekers their benefit, pupils neither,
        // and pupils no sector or years.
        let school = walk(&[
            ("situatie", "school"),
            ("leeftijd", "17"),
            ("opleiding", "mbo1"),
            ("taal", "goed"),
            ("doel", "weet_niet"),
            ("hulp", "nee"),
            ("gemeente", "elders"),
        ]);
        assert_eq!(
            school,
            [
                "situatie",
                "leeftijd",
                "opleiding",
                "taal",
                "doel",
                "hulp",
                "gemeente"
            ]
        );
        let working = walk(&[
            ("situatie", "werk"),
            ("leeftijd", "40"),
            ("contract", "uitzend"),
            ("opleiding", "hbo"),
            ("sector", "logistiek"),
            ("jaren", "3"),
            ("taal", "redelijk"),
            ("doel", "leren"),
            ("hulp", "misschien"),
            ("gemeente", "GM0193"),
        ]);
        assert!(working.contains(&"contract") && !working.contains(&"uitkering"));
        assert!(
            !working.contains(&"diploma"),
            "hbo presumes a startkwalificatie"
        );
        assert!(
            !working.contains(&"vervoer"),
            "learning needs no travel question"
        );
    }

    #[test]
    fn a_changed_answer_drops_what_no_longer_applies() {
        let mut a = answers(RETAIL);
        assert_eq!(a.get("uitkering"), Some("ww"));
        a.answer(question("situatie").unwrap(), "school").unwrap();
        assert_eq!(a.get("uitkering"), None);
        assert_eq!(a.get("sector"), None);
        assert_eq!(a.get("jaren"), None, "dropped with the sector (two steps)");
        assert_eq!(a.get("leeftijd"), Some("58"));
        // From the check page: the next unanswered question that applies, else the check.
        let mut b = answers(RETAIL);
        b.answer(question("doel").unwrap(), "stage_leerbaan")
            .unwrap();
        assert_eq!(
            next(&b, "doel", true),
            Step::Ask(question("soort_plek").unwrap())
        );
        b.answer(question("soort_plek").unwrap(), "stage").unwrap();
        assert_eq!(next(&b, "soort_plek", true), Step::Check);
        assert_eq!(unanswered(&b), None);
    }

    #[test]
    fn back_and_progress_follow_the_branches() {
        let a = answers(YOUNG);
        assert_eq!(previous(&a, "situatie"), None);
        assert_eq!(previous(&a, "opleiding").unwrap().id, "uitkering");
        assert_eq!(previous(&a, "taal").unwrap().id, "sector");
        assert_eq!(progress(&a, "situatie"), (1, 11));
        assert_eq!(progress(&a, "gemeente"), (11, 11));
        // At the start, branches not decided yet count: the total shrinks as they close.
        let start = Answers::default();
        let (n, total) = progress(&start, "situatie");
        assert_eq!(n, 1);
        assert!(total >= 12, "{total}");
    }

    #[test]
    fn bad_answers_are_refused_with_a_reason() {
        let mut a = Answers::default();
        let age = question("leeftijd").unwrap();
        assert_eq!(a.answer(age, ""), Err("required"));
        assert_eq!(a.answer(age, "twaalf"), Err("intake_whole_number"));
        assert_eq!(a.answer(age, "12"), Err("intake_age_range"));
        assert_eq!(a.answer(age, "-3"), Err("intake_whole_number"));
        assert_eq!(
            a.answer(question("jaren").unwrap(), "99"),
            Err("intake_years_range")
        );
        assert_eq!(
            a.answer(question("situatie").unwrap(), "baas"),
            Err("choose_one")
        );
        assert_eq!(
            a.answer(question("gemeente").unwrap(), "GM0363"),
            Err("choose_one")
        );
        assert_eq!(a.answer(question("sector").unwrap(), ""), Err("choose_one"));
        assert!(a.is_empty(), "nothing taken");
        // Unknown names and bad values in a cookie are dropped, not trusted.
        let read = answers(&[("leeftijd", "200"), ("admin", "ja"), ("taal", "goed")]);
        assert_eq!(read.to_pairs(), vec![("taal", "goed")]);
    }

    #[test]
    fn the_two_paths_meet_different_criteria() {
        let young = outcome(&answers(YOUNG));
        let met = |o: &Outcome| -> Vec<Criterion> {
            o.criteria
                .iter()
                .filter(|(_, m)| *m)
                .map(|(c, _)| *c)
                .collect()
        };
        assert_eq!(
            met(&young),
            vec![Criterion::OwnNeed, Criterion::Education, Criterion::Age]
        );
        assert_eq!(young.guidance, Guidance::Fits);
        assert_eq!(young.tools[0].0, Tool::Stages);
        assert_eq!(
            young.tools[0].1,
            "/stages?soort=leerbaan_bbl&gemeente=GM0193"
        );

        let retail = outcome(&answers(RETAIL));
        assert_eq!(
            met(&retail),
            vec![
                Criterion::OwnNeed,
                Criterion::DecliningSector,
                Criterion::Education,
                Criterion::LongInJob,
                Criterion::Age
            ]
        );
        assert_eq!(retail.guidance, Guidance::Fits);
        assert_eq!(retail.tools[0].0, Tool::SkillsCv);
        assert_eq!(
            retail.tools[0].1,
            "/vacatures/skills-cv?opleiding=mbo2&sector=retail&woonplaats=zwolle&vervoer=auto"
        );
        let calculator = &retail
            .tools
            .iter()
            .find(|t| t.0 == Tool::Calculator)
            .unwrap()
            .1;
        assert_eq!(
            calculator,
            "/scholingscalculator?voor=inwoner&leeftijd=58&situatie=ww&opleiding=mbo2&gemeente=GM0193&sector=retail"
        );
    }

    #[test]
    fn guidance_needs_a_criterion_besides_wanting_help() {
        let base = [
            ("situatie", "werk"),
            ("leeftijd", "35"),
            ("contract", "vast"),
            ("opleiding", "hbo"),
            ("sector", "ict"),
            ("jaren", "4"),
            ("taal", "goed"),
            ("doel", "leren"),
            ("gemeente", "GM0193"),
        ];
        let with = |hulp: &str, extra: &[(&'static str, &'static str)]| {
            let mut pairs: Vec<(&str, &str)> = base.to_vec();
            pairs.push(("hulp", hulp));
            pairs.extend_from_slice(extra);
            outcome(&Answers::from_pairs(pairs))
        };
        assert_eq!(with("ja", &[]).guidance, Guidance::Toolbox);
        assert_eq!(
            with("nee", &[("taal", "beetje")]).guidance,
            Guidance::Offered
        );
        assert_eq!(
            with("misschien", &[("taal", "beetje")]).guidance,
            Guidance::Fits
        );
        assert_eq!(with("ja", &[("leeftijd", "56")]).guidance, Guidance::Fits);
        assert_eq!(
            with("ja", &[("leeftijd", "55")]).guidance,
            Guidance::Toolbox
        );
        assert_eq!(with("ja", &[("leeftijd", "26")]).guidance, Guidance::Fits);
        assert_eq!(with("ja", &[("jaren", "10")]).guidance, Guidance::Fits);
        assert_eq!(with("ja", &[("sector", "horeca")]).guidance, Guidance::Fits);
        // havo/vwo without the diploma: no startkwalificatie.
        let havo = with("ja", &[("opleiding", "havo_vwo"), ("diploma", "nee")]);
        assert_eq!(havo.guidance, Guidance::Fits);
    }
}
