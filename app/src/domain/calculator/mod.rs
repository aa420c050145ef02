//! The rule engine of the scholingscalculator: pure Rust, no I/O, the same code in the browser
//! (the result updates as a person answers) and on the server (the page without JavaScript).
//!
//! `evaluate` takes the catalogue, the answers ([`Profile`]) and today's date, and gives per
//! scheme a verdict with a check per criterion, the amount for this training, the state of the
//! application window — and a financing plan: the best valid combination by the stacking rules.
//!
//! The engine is split by what it does: [`profile`] reads the answers, [`money`] reads and
//! writes amounts, [`rules`] checks one criterion and one money rule, [`plan`] combines the
//! schemes into the best financing plan. This file holds the result types and `evaluate`.
use serde::{Deserialize, Serialize};

use super::date::Date;
use super::schemes::*;

mod money;
mod plan;
mod profile;
mod rules;

pub use money::*;
pub use profile::*;
pub use rules::*;

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
    /// Paid to the provider: the applicant never pays this part. Else it comes back afterwards.
    pub to_provider: bool,
    /// Fits for sure and pays this amount by a fixed rule. Not sure: the scheme only may fit
    /// (a question open, its running unconfirmed), or its amount is an upper bound (a budget
    /// divided over all applicants, a judgement by the provider).
    pub sure: bool,
}

/// The best valid combination of schemes and what is left to pay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub cost: Cents,
    pub lines: Vec<PlanLine>,
    pub covered: Cents,
    /// What the person (or employer) pays in the end if every line pays in full: never below
    /// zero, never above the cost.
    pub own: Cents,
    /// What the person pays the provider first: the cost less what schemes pay the provider.
    /// The rest of `covered` comes back afterwards.
    pub up_front: Cents,
}

impl Plan {
    /// What comes back afterwards, if it all goes through.
    pub fn back_later(&self) -> Cents {
        self.up_front - self.own
    }

    /// Whether every line is sure: the own contribution is then what the person pays.
    pub fn all_sure(&self) -> bool {
        self.lines.iter().all(|l| l.sure)
    }
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
        .map(|cost| plan::best_plan(cost, &pick(&[Verdict::Eligible]), profile));
    let plan_with_maybe = profile
        .cost
        .map(|cost| plan::best_plan(cost, &pick(&[Verdict::Eligible, Verdict::Maybe]), profile));
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
    let ended = scheme.has_ended(today);
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

#[cfg(test)]
mod tests;
