//! The rule engine of the scholingscalculator: pure Rust, no I/O, the same code in the browser
//! (the result updates as a person answers) and on the server (the page without JavaScript).
//!
//! `evaluate` takes the catalogue, the answers ([`Profile`]) and today's date, and gives per
//! scheme a verdict with a check per criterion, the amount for this training, the state of the
//! application window — and a financing plan: the best valid combination by the stacking rules.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::region::{gemeente, Province, ARBEIDSMARKTREGIO};
use super::schemes::*;

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
                    if super::account::SECTORS.contains(&value) {
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
                "doelgroep" => match TargetGroup::parse(value) {
                    Some(t) => p.target_group = Some(t),
                    None => fail("doelgroep", "choose_one"),
                },
                _ => {}
            }
        }
        (p, errors)
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
        out
    }

    /// Whether the person (or branch) is in Overijssel: from the gemeente, else the answer.
    fn in_overijssel(&self) -> Option<bool> {
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

/// Reads an amount of euros as people type it: "2400", "2.400", "2400,50", "€ 2.400,-".
pub fn parse_euros(text: &str) -> Option<Cents> {
    let cleaned: String = text
        .trim()
        .trim_end_matches(",-")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '€')
        .collect();
    if cleaned.is_empty() || cleaned.starts_with('-') {
        return None;
    }
    let (whole, fraction) = if let Some((w, f)) = cleaned.rsplit_once(',') {
        (w.replace('.', ""), f.to_string())
    } else if let Some((w, f)) = cleaned.rsplit_once('.') {
        if f.len() == 3 {
            // "2.400": a thousands separator.
            (cleaned.replace('.', ""), String::new())
        } else {
            (w.replace('.', ""), f.to_string())
        }
    } else {
        (cleaned.clone(), String::new())
    };
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || whole.len() > 10 {
        return None;
    }
    if fraction.len() > 2 || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let euros: i64 = whole.parse().ok()?;
    let cents: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    Some(euros * 100 + cents)
}

/// "2400" or "2400,50": the shortest form `parse_euros` reads back.
pub fn format_euros_plain(cents: Cents) -> String {
    if cents % 100 == 0 {
        (cents / 100).to_string()
    } else {
        format!("{},{:02}", cents / 100, cents % 100)
    }
}

/// "€ 2.400" or "€ 2.400,50", as Dutch texts write amounts.
pub fn format_euros(cents: Cents) -> String {
    let negative = cents < 0;
    let cents = cents.abs();
    let euros = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in euros.chars().enumerate() {
        if i > 0 && (euros.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    let sign = if negative { "-" } else { "" };
    if cents % 100 == 0 {
        format!("{sign}€ {grouped}")
    } else {
        format!("{sign}€ {grouped},{:02}", cents % 100)
    }
}

/// A criterion's outcome: ✓, ✗ or ?.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Mark {
    Yes,
    Unknown,
    No,
}

impl Mark {
    pub fn symbol(self) -> &'static str {
        match self {
            Mark::Yes => "✓",
            Mark::Unknown => "?",
            Mark::No => "✗",
        }
    }

    fn from_bool(b: Option<bool>) -> Mark {
        match b {
            Some(true) => Mark::Yes,
            Some(false) => Mark::No,
            None => Mark::Unknown,
        }
    }

    /// All must hold: the worst mark.
    fn all(marks: impl IntoIterator<Item = Mark>) -> Mark {
        marks.into_iter().max().unwrap_or(Mark::Yes)
    }

    /// One must hold: the best mark.
    fn any(marks: impl IntoIterator<Item = Mark>) -> Mark {
        marks.into_iter().min().unwrap_or(Mark::No)
    }
}

/// What a check is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    /// The scheme is for individuals or for employers.
    Audience(Audience),
    /// The scheme is not confirmed to run now.
    Unconfirmed,
    /// Places left of a limited number.
    Capacity {
        left: u32,
        total: u32,
    },
    Criterion(Criterion),
}

/// One condition checked against the answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub rule: Rule,
    pub mark: Mark,
    /// For `Either`: the checks of each alternative.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Vec<Check>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Verdict {
    Eligible,
    Maybe,
    NotEligible,
    Ended,
}

/// What a scheme pays for this training.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Amount {
    /// This amount (for per-hour rules: per year).
    Exact(Cents),
    /// The calculator needs the cost, the NLQF level, the length or the hours to compute it.
    NeedsInput,
    /// Decided case by case: ask the provider.
    Unknown,
    /// Pays nothing towards the training.
    Nothing,
}

impl Amount {
    pub fn exact(self) -> Option<Cents> {
        match self {
            Amount::Exact(c) => Some(c),
            _ => None,
        }
    }
}

/// When applications are taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum WindowState {
    AllYear,
    OpenUntil(Date),
    OpensOn(Date),
    /// Closed, and no next window is known.
    Closed,
}

/// The evaluation of one scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemeResult {
    pub id: String,
    pub verdict: Verdict,
    pub checks: Vec<Check>,
    pub amount: Amount,
    pub window: WindowState,
}

/// How a scheme entered the financing plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// Paid its amount beside the others.
    Combined,
    /// Paid on what was left after the others.
    OnRemainder,
    /// The highest of its group; the others in the group do not count.
    HighestOf {
        group: String,
        passed_over: Vec<String>,
    },
    /// De-minimis state aid: counts while the employer has room under the ceiling.
    DeMinimis,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanLine {
    pub id: String,
    /// What the scheme pays by its own rule.
    pub amount: Cents,
    /// What it pays in the plan (never more than was left).
    pub applied: Cents,
    pub step: Step,
}

/// The best valid combination of schemes and what is left to pay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub cost: Cents,
    pub lines: Vec<PlanLine>,
    pub covered: Cents,
    /// What the person (or employer) pays: never below zero, never above the cost.
    pub own: Cents,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// Eligible first, then maybe, then not eligible, then ended.
    pub results: Vec<SchemeResult>,
    /// With the eligible schemes (None without a cost).
    pub plan: Option<Plan>,
    /// With the "maybe" schemes too: what it could come to if they apply.
    pub plan_with_maybe: Option<Plan>,
    /// Loans that can finance the own contribution (to be paid back).
    pub loans: Vec<String>,
}

/// Evaluates the whole catalogue for one profile on `today`.
pub fn evaluate(catalogue: &Catalogue, profile: &Profile, today: Date) -> Outcome {
    let mut results: Vec<SchemeResult> = catalogue
        .schemes
        .iter()
        .map(|s| evaluate_scheme(s, profile, today))
        .collect();
    // Stable: within a verdict, the highest amount first, then catalogue order.
    results.sort_by_key(|r| (r.verdict, std::cmp::Reverse(r.amount.exact().unwrap_or(-1))));
    let pick = |verdicts: &[Verdict]| -> Vec<(&Scheme, &SchemeResult)> {
        results
            .iter()
            .filter(|r| verdicts.contains(&r.verdict))
            .filter_map(|r| catalogue.scheme(&r.id).map(|s| (s, r)))
            .filter(|(s, _)| s.purpose == Purpose::Training)
            .collect()
    };
    let plan = profile
        .cost
        .map(|cost| best_plan(cost, &pick(&[Verdict::Eligible]), profile));
    let plan_with_maybe = profile
        .cost
        .map(|cost| best_plan(cost, &pick(&[Verdict::Eligible, Verdict::Maybe]), profile));
    let loans = results
        .iter()
        .filter(|r| matches!(r.verdict, Verdict::Eligible | Verdict::Maybe))
        .filter(|r| {
            catalogue
                .scheme(&r.id)
                .is_some_and(|s| s.purpose == Purpose::Loan)
        })
        .map(|r| r.id.clone())
        .collect();
    Outcome {
        results,
        plan,
        plan_with_maybe,
        loans,
    }
}

/// The verdict, checks, amount and window of one scheme.
pub fn evaluate_scheme(scheme: &Scheme, profile: &Profile, today: Date) -> SchemeResult {
    let mut checks = Vec::with_capacity(scheme.criteria.len() + 2);
    let audience_ok = match (scheme.audience, profile.path) {
        (Audience::Both, _)
        | (Audience::Individual, Path::Individual)
        | (Audience::Employer, Path::Employer) => Mark::Yes,
        _ => Mark::No,
    };
    checks.push(Check {
        rule: Rule::Audience(scheme.audience),
        mark: audience_ok,
        groups: Vec::new(),
    });
    for criterion in &scheme.criteria {
        checks.push(check(criterion, profile));
    }
    if let Some(capacity) = &scheme.capacity {
        checks.push(Check {
            rule: Rule::Capacity {
                left: capacity.left(),
                total: capacity.total,
            },
            mark: if capacity.left() > 0 {
                Mark::Yes
            } else {
                Mark::No
            },
            groups: Vec::new(),
        });
    }
    let ended = scheme.status == Status::Ended || scheme.valid_until.is_some_and(|d| d < today);
    let not_yet = scheme.valid_from.is_some_and(|d| d > today);
    if !ended && (scheme.status == Status::Unconfirmed || not_yet) {
        checks.push(Check {
            rule: Rule::Unconfirmed,
            mark: Mark::Unknown,
            groups: Vec::new(),
        });
    }
    let verdict = if ended {
        Verdict::Ended
    } else {
        match Mark::all(checks.iter().map(|c| c.mark)) {
            Mark::Yes => Verdict::Eligible,
            Mark::Unknown => Verdict::Maybe,
            Mark::No => Verdict::NotEligible,
        }
    };
    let amount = pays(&scheme.money, profile, profile.cost);
    SchemeResult {
        id: scheme.id.clone(),
        verdict,
        checks,
        amount,
        window: if ended {
            WindowState::Closed
        } else {
            window_state(&scheme.windows, today)
        },
    }
}

/// Checks one criterion against the answers.
pub fn check(criterion: &Criterion, p: &Profile) -> Check {
    let within = |value: Option<i64>, min: Option<i64>, max: Option<i64>| {
        Mark::from_bool(value.map(|v| min.is_none_or(|m| v >= m) && max.is_none_or(|m| v <= m)))
    };
    let mut groups = Vec::new();
    let mark = match criterion {
        Criterion::Age { min, max } => {
            within(p.age.map(i64::from), min.map(i64::from), max.map(i64::from))
        }
        Criterion::Situation { any_of } => {
            Mark::from_bool(p.situation.map(|s| any_of.contains(&s)))
        }
        Criterion::Education { min, max } => Mark::from_bool(
            p.education
                .map(|e| min.is_none_or(|m| e >= m) && max.is_none_or(|m| e <= m)),
        ),
        Criterion::TrainingKind { any_of } => Mark::from_bool(p.kind.map(|k| any_of.contains(&k))),
        Criterion::Nlqf { min, max } => within(
            p.nlqf.map(i64::from),
            Some(i64::from(*min)),
            Some(i64::from(*max)),
        ),
        Criterion::Region { area } => Mark::from_bool(match area {
            Area::RegioZwolle => p.place.as_ref().map(|pl| matches!(pl, Place::Gemeente(_))),
            Area::Arbeidsmarktregio => p.place.as_ref().map(|pl| match pl {
                Place::Gemeente(code) => ARBEIDSMARKTREGIO.contains(&code.as_str()),
                Place::Elsewhere => false,
            }),
            Area::Overijssel => p.in_overijssel(),
        }),
        Criterion::Sector { any_of } => {
            Mark::from_bool(p.sector.as_ref().map(|s| any_of.iter().any(|a| a == s)))
        }
        Criterion::EmployerSize { min, max } => within(
            p.staff.map(i64::from),
            min.map(i64::from),
            max.map(i64::from),
        ),
        Criterion::MkbTurnover => Mark::from_bool(p.mkb_turnover),
        Criterion::ErkendLeerbedrijf => Mark::from_bool(p.leerbedrijf),
        Criterion::Hours { min } => Mark::from_bool(p.hours.map(|h| h >= *min)),
        Criterion::TargetGroup { any_of } => {
            Mark::from_bool(p.target_group.map(|t| any_of.contains(&t)))
        }
        Criterion::MinCost { amount } => Mark::from_bool(p.cost.map(|c| c >= *amount)),
        Criterion::Months { min, max } => within(
            p.months.map(i64::from),
            min.map(i64::from),
            max.map(i64::from),
        ),
        Criterion::Either {
            groups: alternatives,
        } => {
            groups = alternatives
                .iter()
                .map(|group| group.iter().map(|c| check(c, p)).collect::<Vec<_>>())
                .collect();
            Mark::any(
                groups
                    .iter()
                    .map(|g: &Vec<Check>| Mark::all(g.iter().map(|c| c.mark))),
            )
        }
    };
    Check {
        rule: Rule::Criterion(criterion.clone()),
        mark,
        groups,
    }
}

/// The basic rate of btw in the Netherlands, in percent.
pub const VAT_PERCENT: i64 = 21;

/// What a money rule pays, with `base` the cost it applies to (the whole cost, or what is left).
pub fn pays(money: &Money, p: &Profile, base: Option<Cents>) -> Amount {
    // Amounts excl. btw are paid over the cost without btw: the btw stays with the payer.
    let net = |cost: Cents, vat: Vat| {
        if vat == Vat::Excl && p.vat_charged {
            cost * 100 / (100 + VAT_PERCENT)
        } else {
            cost
        }
    };
    let percent_of = |cost: Cents, percent: u8, cap: Option<Cents>, vat: Vat| {
        let share = net(cost, vat) * i64::from(percent) / 100;
        cap.map_or(share, |c| share.min(c)).max(0)
    };
    match money {
        Money::Nothing => Amount::Nothing,
        Money::Unknown => Amount::Unknown,
        Money::Percentage { percent, cap, vat } => match base {
            Some(cost) => Amount::Exact(percent_of(cost, *percent, *cap, *vat)),
            None => Amount::NeedsInput,
        },
        Money::PercentageByNlqf { tiers, cap, vat } => match (base, p.nlqf) {
            (Some(cost), Some(level)) => {
                let percent = tiers
                    .iter()
                    .find(|t| (t.min..=t.max).contains(&level))
                    .map_or(0, |t| t.percent);
                Amount::Exact(percent_of(cost, percent, *cap, *vat))
            }
            _ => Amount::NeedsInput,
        },
        Money::Fixed { amount, .. } => Amount::Exact(*amount),
        Money::FixedByKind { amounts, .. } => match p.kind {
            Some(kind) => Amount::Exact(
                amounts
                    .iter()
                    .find(|a| a.kind == kind)
                    .map_or(0, |a| a.amount),
            ),
            None => Amount::NeedsInput,
        },
        Money::PerPlace {
            amount,
            weeks,
            weeks_hbo,
        } => match p.months {
            Some(months) => {
                let hbo = matches!(
                    p.kind,
                    Some(
                        TrainingKind::HboDuaal
                            | TrainingKind::HboDeeltijd
                            | TrainingKind::HboVoltijd
                    )
                );
                let period = if hbo {
                    weeks_hbo.unwrap_or(*weeks)
                } else {
                    *weeks
                };
                Amount::Exact(per_place(*amount, period, months))
            }
            None => Amount::NeedsInput,
        },
        Money::PerHour {
            rate, cap_per_year, ..
        } => match p.hours {
            Some(hours) => Amount::Exact((rate * i64::from(hours) * 52).min(*cap_per_year)),
            None => Amount::NeedsInput,
        },
    }
}

/// An amount per place per period of `weeks` (one school year), pro rata for a training of
/// `months`: each full year pays the whole amount, a last part year pays for its weeks.
pub fn per_place(amount: Cents, weeks: u8, months: u8) -> Cents {
    let weeks = i64::from(weeks.max(1));
    let years = i64::from(months / 12);
    let rest_weeks = (i64::from(months % 12) * 52 / 12).min(weeks);
    amount * years + amount * rest_weeks / weeks
}

fn window_state(windows: &[Window], today: Date) -> WindowState {
    if windows.is_empty() {
        return WindowState::AllYear;
    }
    let mut next: Option<Date> = None;
    let mut consider = |d: Option<Date>| {
        if let Some(d) = d {
            next = Some(next.map_or(d, |n| n.min(d)));
        }
    };
    for window in windows {
        match *window {
            Window::Dates { from, until } => {
                if from <= today && today <= until {
                    return WindowState::OpenUntil(until);
                }
                if from > today {
                    consider(Some(from));
                }
            }
            Window::Yearly { from, until } => {
                let start = Date::with_year(today.year(), from);
                let end = Date::with_year(today.year(), until);
                if let (Some(start), Some(end)) = (start, end) {
                    if start <= today && today <= end {
                        return WindowState::OpenUntil(end);
                    }
                    if start > today {
                        consider(Some(start));
                    } else {
                        consider(Date::with_year(today.year() + 1, from));
                    }
                }
            }
        }
    }
    next.map_or(WindowState::Closed, WindowState::OpensOn)
}

/// The best combination: every combinable scheme counts; of each "highest only" group the one
/// that leaves the least to pay; then the schemes that pay on the remainder.
fn best_plan(cost: Cents, candidates: &[(&Scheme, &SchemeResult)], p: &Profile) -> Plan {
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (scheme, _)) in candidates.iter().enumerate() {
        if let Stacking::HighestOnly { group } = &scheme.stacking {
            groups.entry(group.as_str()).or_default().push(i);
        }
    }
    let group_list: Vec<(&str, Vec<usize>)> = groups.into_iter().collect();
    // Try every choice of one member per group (catalogues have a handful of groups).
    let mut best: Option<Plan> = None;
    let mut choice = vec![0usize; group_list.len()];
    loop {
        let chosen: Vec<usize> = group_list
            .iter()
            .zip(&choice)
            .map(|((_, members), &c)| members[c])
            .collect();
        let plan = plan_for(cost, candidates, &chosen, &group_list, p);
        if best.as_ref().is_none_or(|b| plan.own < b.own) {
            best = Some(plan);
        }
        // Next combination.
        let mut i = 0;
        loop {
            if i == choice.len() {
                return best.unwrap_or(Plan {
                    cost,
                    lines: Vec::new(),
                    covered: 0,
                    own: cost,
                });
            }
            choice[i] += 1;
            if choice[i] < group_list[i].1.len() {
                break;
            }
            choice[i] = 0;
            i += 1;
        }
    }
}

fn plan_for(
    cost: Cents,
    candidates: &[(&Scheme, &SchemeResult)],
    chosen: &[usize],
    groups: &[(&str, Vec<usize>)],
    p: &Profile,
) -> Plan {
    let mut remaining = cost.max(0);
    let mut lines = Vec::new();
    // First the schemes that pay beside each other, then those on the remainder.
    for pass in [false, true] {
        for (i, (scheme, result)) in candidates.iter().enumerate() {
            let step = match &scheme.stacking {
                Stacking::Combinable => Step::Combined,
                Stacking::DeMinimis => Step::DeMinimis,
                Stacking::OnRemainder => Step::OnRemainder,
                Stacking::HighestOnly { group } => {
                    if !chosen.contains(&i) {
                        continue;
                    }
                    let passed_over = groups
                        .iter()
                        .find(|(g, _)| g == group)
                        .map(|(_, members)| {
                            members
                                .iter()
                                .filter(|&&m| m != i)
                                .map(|&m| candidates[m].0.id.clone())
                                .collect()
                        })
                        .unwrap_or_default();
                    Step::HighestOf {
                        group: group.clone(),
                        passed_over,
                    }
                }
            };
            if (step == Step::OnRemainder) != pass {
                continue;
            }
            let amount = if pass {
                pays(&scheme.money, p, Some(remaining)).exact()
            } else {
                result.amount.exact()
            };
            let Some(amount) = amount.filter(|a| *a > 0) else {
                continue;
            };
            let applied = amount.min(remaining);
            if applied == 0 {
                // Nothing left to pay: the scheme is not part of the plan.
                continue;
            }
            remaining -= applied;
            lines.push(PlanLine {
                id: scheme.id.clone(),
                amount,
                applied,
                step,
            });
        }
    }
    Plan {
        cost,
        lines,
        covered: cost.max(0) - remaining,
        own: remaining,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::parse("2026-11-24").unwrap()
    }

    fn scheme(id: &str, criteria: Vec<Criterion>, money: Money, stacking: Stacking) -> Scheme {
        Scheme {
            id: id.into(),
            name: id.into(),
            official_name: None,
            summary: Text::default(),
            provider: "test".into(),
            audience: Audience::Both,
            support: SupportKind::Subsidy,
            apply: Text::default(),
            apply_url: None,
            windows: Vec::new(),
            valid_from: None,
            valid_until: None,
            status: Status::Running,
            status_note: Text::default(),
            verification: Verification::Verified,
            sources: vec!["test".into()],
            criteria,
            money,
            stacking,
            purpose: Purpose::Training,
            capacity: None,
            indicative: false,
            notes: Text::default(),
        }
    }

    fn profile(query: &str) -> Profile {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap();
        let (p, errors) = Profile::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert!(errors.is_empty(), "{errors:?}");
        p
    }

    fn mark(c: Criterion, query: &str) -> Mark {
        check(&c, &profile(query)).mark
    }

    #[test]
    fn age_bounds_are_inclusive_and_unknown_without_an_answer() {
        let c = || Criterion::Age {
            min: Some(16),
            max: Some(27),
        };
        assert_eq!(mark(c(), "leeftijd=16"), Mark::Yes);
        assert_eq!(mark(c(), "leeftijd=27"), Mark::Yes);
        assert_eq!(mark(c(), "leeftijd=28"), Mark::No);
        assert_eq!(mark(c(), "leeftijd=15"), Mark::No);
        assert_eq!(mark(c(), ""), Mark::Unknown);
        assert_eq!(
            mark(
                Criterion::Age {
                    min: Some(55),
                    max: None
                },
                "leeftijd=70"
            ),
            Mark::Yes
        );
    }

    #[test]
    fn situation_education_kind_and_target_group() {
        let sit = || Criterion::Situation {
            any_of: vec![Situation::Ww, Situation::Bijstand],
        };
        assert_eq!(mark(sit(), "situatie=bijstand"), Mark::Yes);
        assert_eq!(mark(sit(), "situatie=werkend"), Mark::No);
        assert_eq!(mark(sit(), ""), Mark::Unknown);
        let no_sk = || Criterion::Education {
            min: None,
            max: Some(Education::Geen),
        };
        assert_eq!(mark(no_sk(), "opleiding=geen"), Mark::Yes);
        assert_eq!(mark(no_sk(), "opleiding=mbo2"), Mark::No);
        let mbo3 = || Criterion::Education {
            min: None,
            max: Some(Education::Mbo3),
        };
        assert_eq!(mark(mbo3(), "opleiding=mbo3"), Mark::Yes);
        assert_eq!(mark(mbo3(), "opleiding=hbo"), Mark::No);
        let kind = || Criterion::TrainingKind {
            any_of: vec![TrainingKind::MboBol],
        };
        assert_eq!(mark(kind(), "soort=mbo_bol"), Mark::Yes);
        assert_eq!(mark(kind(), "soort=mbo_bbl"), Mark::No);
        let tg = || Criterion::TargetGroup {
            any_of: vec![TargetGroup::Banenafspraak],
        };
        assert_eq!(mark(tg(), "doelgroep=banenafspraak"), Mark::Yes);
        assert_eq!(mark(tg(), "doelgroep=geen"), Mark::No);
    }

    #[test]
    fn nlqf_sector_size_turnover_leerbedrijf_hours_cost_months() {
        assert_eq!(
            mark(Criterion::Nlqf { min: 1, max: 4 }, "nlqf=4"),
            Mark::Yes
        );
        assert_eq!(mark(Criterion::Nlqf { min: 1, max: 4 }, "nlqf=5"), Mark::No);
        assert_eq!(mark(Criterion::Nlqf { min: 1, max: 4 }, ""), Mark::Unknown);
        let sector = || Criterion::Sector {
            any_of: vec!["zorg".into(), "techniek".into()],
        };
        assert_eq!(mark(sector(), "sector=zorg"), Mark::Yes);
        assert_eq!(mark(sector(), "sector=horeca"), Mark::No);
        let size = || Criterion::EmployerSize {
            min: Some(4),
            max: Some(249),
        };
        assert_eq!(mark(size(), "medewerkers=249"), Mark::Yes);
        assert_eq!(mark(size(), "medewerkers=250"), Mark::No);
        assert_eq!(mark(size(), "medewerkers=3"), Mark::No);
        assert_eq!(mark(Criterion::MkbTurnover, "omzet=ja"), Mark::Yes);
        assert_eq!(mark(Criterion::MkbTurnover, "omzet=nee"), Mark::No);
        assert_eq!(
            mark(Criterion::ErkendLeerbedrijf, "leerbedrijf=ja"),
            Mark::Yes
        );
        assert_eq!(mark(Criterion::ErkendLeerbedrijf, ""), Mark::Unknown);
        assert_eq!(mark(Criterion::Hours { min: 20 }, "uren=20"), Mark::Yes);
        assert_eq!(mark(Criterion::Hours { min: 20 }, "uren=12"), Mark::No);
        assert_eq!(
            mark(Criterion::MinCost { amount: 500_000 }, "kosten=5000"),
            Mark::Yes
        );
        assert_eq!(
            mark(Criterion::MinCost { amount: 500_000 }, "kosten=4999,99"),
            Mark::No
        );
        let months = || Criterion::Months {
            min: Some(3),
            max: Some(12),
        };
        assert_eq!(mark(months(), "maanden=3"), Mark::Yes);
        assert_eq!(mark(months(), "maanden=13"), Mark::No);
    }

    #[test]
    fn regions_from_the_gemeente_or_the_overijssel_answer() {
        let regio = || Criterion::Region {
            area: Area::RegioZwolle,
        };
        let amr = || Criterion::Region {
            area: Area::Arbeidsmarktregio,
        };
        let ov = || Criterion::Region {
            area: Area::Overijssel,
        };
        // Kampen: in all three. Urk (Flevoland): in the region, not in the 14, not Overijssel.
        for c in [regio(), amr(), ov()] {
            assert_eq!(mark(c, "gemeente=GM0166"), Mark::Yes);
        }
        assert_eq!(mark(regio(), "gemeente=GM0184"), Mark::Yes);
        assert_eq!(mark(amr(), "gemeente=GM0184"), Mark::No);
        assert_eq!(mark(ov(), "gemeente=GM0184"), Mark::No);
        assert_eq!(mark(regio(), "gemeente=elders"), Mark::No);
        assert_eq!(mark(ov(), "gemeente=elders"), Mark::Unknown);
        assert_eq!(mark(ov(), "gemeente=elders&overijssel=ja"), Mark::Yes);
        assert_eq!(mark(ov(), "gemeente=elders&overijssel=nee"), Mark::No);
        assert_eq!(mark(regio(), ""), Mark::Unknown);
    }

    #[test]
    fn either_holds_when_one_group_holds() {
        let c = || Criterion::Either {
            groups: vec![
                vec![
                    Criterion::Age {
                        min: Some(16),
                        max: Some(27),
                    },
                    Criterion::Education {
                        min: None,
                        max: Some(Education::Geen),
                    },
                ],
                vec![Criterion::Age {
                    min: Some(55),
                    max: None,
                }],
            ],
        };
        assert_eq!(mark(c(), "leeftijd=20&opleiding=geen"), Mark::Yes);
        assert_eq!(mark(c(), "leeftijd=60"), Mark::Yes);
        assert_eq!(mark(c(), "leeftijd=20&opleiding=mbo4"), Mark::No);
        assert_eq!(mark(c(), "leeftijd=20"), Mark::Unknown);
        let checked = check(&c(), &profile("leeftijd=20"));
        assert_eq!(checked.groups.len(), 2);
    }

    #[test]
    fn money_rules() {
        let p = profile("kosten=2400&nlqf=3&soort=mbo_bbl&maanden=12&uren=32");
        let pct = Money::Percentage {
            percent: 50,
            cap: Some(100_000),
            vat: Vat::Incl,
        };
        assert_eq!(
            pays(&pct, &p, p.cost),
            Amount::Exact(100_000),
            "capped at €1,000"
        );
        let pct = Money::Percentage {
            percent: 50,
            cap: None,
            vat: Vat::Incl,
        };
        assert_eq!(pays(&pct, &p, p.cost), Amount::Exact(120_000));
        assert_eq!(pays(&pct, &p, None), Amount::NeedsInput);
        let tiers = Money::PercentageByNlqf {
            tiers: vec![
                NlqfTier {
                    min: 1,
                    max: 3,
                    percent: 90,
                },
                NlqfTier {
                    min: 4,
                    max: 4,
                    percent: 40,
                },
            ],
            cap: None,
            vat: Vat::Incl,
        };
        assert_eq!(pays(&tiers, &p, p.cost), Amount::Exact(216_000));
        let p4 = profile("kosten=2400&nlqf=4");
        assert_eq!(pays(&tiers, &p4, p4.cost), Amount::Exact(96_000));
        assert_eq!(
            pays(
                &Money::Fixed {
                    amount: 50_000,
                    vat: Vat::Incl
                },
                &p,
                p.cost
            ),
            Amount::Exact(50_000)
        );
        let by_kind = Money::FixedByKind {
            amounts: vec![KindAmount {
                kind: TrainingKind::MboBbl,
                amount: 500_000,
            }],
            vat: Vat::Incl,
        };
        assert_eq!(pays(&by_kind, &p, p.cost), Amount::Exact(500_000));
        assert_eq!(
            pays(&by_kind, &profile("soort=cursus"), None),
            Amount::Exact(0)
        );
        let place = Money::PerPlace {
            amount: 270_000,
            weeks: 40,
            weeks_hbo: Some(42),
        };
        assert_eq!(
            pays(&place, &p, p.cost),
            Amount::Exact(270_000),
            "a year pays the whole amount"
        );
        assert_eq!(
            pays(&place, &profile("maanden=6"), None),
            Amount::Exact(175_500),
            "26 of 40 weeks"
        );
        assert_eq!(
            pays(&place, &profile("maanden=24"), None),
            Amount::Exact(540_000)
        );
        assert_eq!(pays(&place, &profile(""), None), Amount::NeedsInput);
        let hbo = profile("maanden=6&soort=hbo_duaal");
        assert_eq!(
            pays(&place, &hbo, None),
            Amount::Exact(167_142),
            "hbo: 26 of 42 weeks"
        );
        let hour = Money::PerHour {
            rate: 101,
            cap_per_year: 200_000,
            years: 3,
        };
        assert_eq!(
            pays(&hour, &p, None),
            Amount::Exact(168_064),
            "€1.01 × 32 h × 52 weeks"
        );
        assert_eq!(
            pays(&hour, &profile("uren=40"), None),
            Amount::Exact(200_000),
            "yearly cap"
        );
        assert_eq!(pays(&Money::Unknown, &p, p.cost), Amount::Unknown);
        assert_eq!(pays(&Money::Nothing, &p, p.cost), Amount::Nothing);
    }

    #[test]
    fn amounts_excl_btw_are_paid_over_the_cost_without_btw() {
        let excl = Money::Percentage {
            percent: 100,
            cap: Some(500_000),
            vat: Vat::Excl,
        };
        let incl = Money::Percentage {
            percent: 100,
            cap: Some(500_000),
            vat: Vat::Incl,
        };
        let with_vat = profile("kosten=1210&btw=ja");
        assert_eq!(
            pays(&excl, &with_vat, with_vat.cost),
            Amount::Exact(100_000)
        );
        assert_eq!(
            pays(&incl, &with_vat, with_vat.cost),
            Amount::Exact(121_000)
        );
        let exempt = profile("kosten=1210");
        assert_eq!(pays(&excl, &exempt, exempt.cost), Amount::Exact(121_000));
    }

    #[test]
    fn stacking_combines_takes_the_highest_and_pays_on_the_remainder() {
        let catalogue = Catalogue {
            schemes: vec![
                scheme(
                    "a",
                    vec![],
                    Money::Fixed {
                        amount: 100_000,
                        vat: Vat::Incl,
                    },
                    Stacking::Combinable,
                ),
                scheme(
                    "hi",
                    vec![],
                    Money::Fixed {
                        amount: 80_000,
                        vat: Vat::Incl,
                    },
                    Stacking::HighestOnly { group: "g".into() },
                ),
                scheme(
                    "lo",
                    vec![],
                    Money::Fixed {
                        amount: 30_000,
                        vat: Vat::Incl,
                    },
                    Stacking::HighestOnly { group: "g".into() },
                ),
                scheme(
                    "rest",
                    vec![],
                    Money::Percentage {
                        percent: 50,
                        cap: None,
                        vat: Vat::Incl,
                    },
                    Stacking::OnRemainder,
                ),
            ],
        };
        let outcome = evaluate(&catalogue, &profile("kosten=3000"), today());
        let plan = outcome.plan.unwrap();
        // 3000 − 1000 − 800 (highest of g) = 1200; half of it on the remainder: 600 left.
        assert_eq!(plan.own, 60_000);
        assert_eq!(plan.covered, 240_000);
        let ids: Vec<_> = plan.lines.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["a", "hi", "rest"]);
        assert!(
            matches!(&plan.lines[1].step, Step::HighestOf { passed_over, .. } if passed_over == &["lo".to_string()])
        );
        // Never more than the cost: the own contribution stops at zero.
        let plan = evaluate(&catalogue, &profile("kosten=500"), today())
            .plan
            .unwrap();
        assert_eq!((plan.covered, plan.own), (50_000, 0));
        assert_eq!(plan.lines.len(), 1, "nothing is left for the others");
    }

    #[test]
    fn status_windows_audience_and_capacity() {
        let mut ended = scheme("ended", vec![], Money::Nothing, Stacking::Combinable);
        ended.valid_until = Date::parse("2023-12-31");
        let mut unconfirmed = scheme("plan", vec![], Money::Unknown, Stacking::Combinable);
        unconfirmed.status = Status::Unconfirmed;
        let mut employer = scheme("employer", vec![], Money::Nothing, Stacking::Combinable);
        employer.audience = Audience::Employer;
        let mut full = scheme("full", vec![], Money::Nothing, Stacking::Combinable);
        full.capacity = Some(Capacity {
            total: 500,
            used: 500,
            unit: Text::default(),
        });
        let mut windowed = scheme("windowed", vec![], Money::Nothing, Stacking::Combinable);
        windowed.windows = vec![Window::Yearly {
            from: (6, 2),
            until: (9, 15),
        }];
        let mut open = scheme("open", vec![], Money::Nothing, Stacking::Combinable);
        open.windows = vec![Window::Yearly {
            from: (11, 1),
            until: (12, 31),
        }];
        let mut past = scheme("past", vec![], Money::Nothing, Stacking::Combinable);
        past.windows = vec![Window::Dates {
            from: Date::parse("2025-03-10").unwrap(),
            until: Date::parse("2025-06-30").unwrap(),
        }];
        let p = profile("voor=ik");
        let r = |s: &Scheme| evaluate_scheme(s, &p, today());
        assert_eq!(r(&ended).verdict, Verdict::Ended);
        assert_eq!(r(&unconfirmed).verdict, Verdict::Maybe);
        assert_eq!(r(&employer).verdict, Verdict::NotEligible);
        assert_eq!(r(&full).verdict, Verdict::NotEligible);
        assert_eq!(
            r(&windowed).window,
            WindowState::OpensOn(Date::parse("2027-06-02").unwrap())
        );
        assert_eq!(
            r(&open).window,
            WindowState::OpenUntil(Date::parse("2026-12-31").unwrap())
        );
        assert_eq!(r(&past).window, WindowState::Closed);
        full.capacity = Some(Capacity {
            total: 500,
            used: 499,
            unit: Text::default(),
        });
        assert_eq!(r(&full).verdict, Verdict::Eligible);
    }

    #[test]
    fn answers_round_trip_through_the_query() {
        let query = "voor=werkgever&leeftijd=19&situatie=werkend&opleiding=geen&gemeente=GM0193&sector=zorg&soort=mbo_bbl&nlqf=3&kosten=2400,50&btw=ja&maanden=12&uren=32&medewerkers=30&omzet=ja&leerbedrijf=ja&doelgroep=geen";
        let p = profile(query);
        let again = profile(&serde_urlencoded::to_string(p.to_pairs()).unwrap());
        assert_eq!(p, again);
        assert_eq!(p.cost, Some(240_050));
    }

    #[test]
    fn bad_answers_are_reported_per_field_and_left_unanswered() {
        let (p, errors) = Profile::from_pairs([
            ("leeftijd", "twintig"),
            ("kosten", "-5"),
            ("nlqf", "9"),
            ("gemeente", "GM9999"),
            ("maanden", "0"),
        ]);
        assert_eq!(p.age, None);
        assert_eq!(p.cost, None);
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["leeftijd", "kosten", "nlqf", "gemeente", "maanden"]
        );
    }

    #[test]
    fn euros_as_people_type_them() {
        assert_eq!(parse_euros("2400"), Some(240_000));
        assert_eq!(parse_euros("2.400"), Some(240_000));
        assert_eq!(parse_euros("€ 2.400,50"), Some(240_050));
        assert_eq!(parse_euros("2400.5"), Some(240_050));
        assert_eq!(parse_euros("1.250.000"), Some(125_000_000));
        assert_eq!(parse_euros("2400,-"), Some(240_000));
        assert_eq!(parse_euros("abc"), None);
        assert_eq!(parse_euros("-100"), None);
        assert_eq!(parse_euros("1,234"), None);
        assert_eq!(format_euros(240_050), "€ 2.400,50");
        assert_eq!(format_euros(125_000_000), "€ 1.250.000");
        assert_eq!(format_euros(0), "€ 0");
    }
}
