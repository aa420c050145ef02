//! The words for the engine's checks: the rule, the person's own answer, and for a ✗ what would
//! change it (for a ? which answer is missing). All text comes from `locales/*.json`. Server only:
//! the result is rendered by the server (see `calculator::OutcomeRegion`).
use crate::account::sector_label;
use crate::domain::calculator::{format_euros, Mark, Path, Place, Profile, Rule};
use crate::domain::region::gemeente;
use crate::domain::schemes::{
    Area, Audience, Criterion, Education, SupportKind, Vat, Verification,
};

use super::labels::{education_label, kind_label, situation_label, target_label};
use crate::i18n::*;

pub fn support_label(locale: Locale, s: SupportKind) -> &'static str {
    match s {
        SupportKind::Subsidy => td_string!(locale, calc.support_subsidy),
        SupportKind::Voucher => td_string!(locale, calc.support_voucher),
        SupportKind::Loan => td_string!(locale, calc.support_loan),
        SupportKind::TaxDeduction => td_string!(locale, calc.support_tax_deduction),
        SupportKind::TaxExemption => td_string!(locale, calc.support_tax_exemption),
        SupportKind::WageCostAllowance => td_string!(locale, calc.support_wage),
        SupportKind::Fund => td_string!(locale, calc.support_fund),
        SupportKind::Advice => td_string!(locale, calc.support_advice),
    }
}

pub fn verification_note(locale: Locale, v: Verification) -> &'static str {
    match v {
        Verification::Verified => "",
        Verification::Partly => td_string!(locale, calc.partly_verified),
        Verification::Unverified => td_string!(locale, calc.unverified),
    }
}

fn area_label(locale: Locale, a: Area) -> &'static str {
    match a {
        Area::RegioZwolle => td_string!(locale, calc.area_regio),
        Area::Arbeidsmarktregio => td_string!(locale, calc.area_amr),
        Area::Overijssel => td_string!(locale, calc.area_overijssel),
    }
}

fn or_list(locale: Locale, items: Vec<&str>) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} {} {last}", rest.join(", "), td_string!(locale, calc.or)),
    }
}

fn range(locale: Locale, min: Option<String>, max: Option<String>) -> String {
    match (min, max) {
        (Some(a), Some(b)) if a == b => a,
        (Some(a), Some(b)) => td_string!(locale, calc.range_between)
            .replace("{min}", &a)
            .replace("{max}", &b),
        (Some(a), None) => td_string!(locale, calc.range_min).replace("{min}", &a),
        (None, Some(b)) => td_string!(locale, calc.range_max).replace("{max}", &b),
        (None, None) => String::new(),
    }
}

/// The rule of a check, e.g. "Leeftijd: 16 tot en met 27 jaar".
pub fn rule_text(locale: Locale, rule: &Rule) -> String {
    let t = |label: &str, value: String| format!("{label}: {value}");
    match rule {
        Rule::Audience(a) => match a {
            Audience::Individual => td_string!(locale, calc.rule_for_individuals).into(),
            Audience::Employer => td_string!(locale, calc.rule_for_employers).into(),
            Audience::Both => td_string!(locale, calc.rule_for_both).into(),
        },
        Rule::Unconfirmed => td_string!(locale, calc.rule_unconfirmed).into(),
        Rule::Capacity { left, total } => td_string!(locale, calc.rule_capacity)
            .replace("{left}", &left.to_string())
            .replace("{total}", &total.to_string()),
        Rule::Criterion(c) => match c {
            Criterion::Age { min, max } => t(
                td_string!(locale, calc.rule_age),
                range(
                    locale,
                    min.map(|v| v.to_string()),
                    max.map(|v| v.to_string()),
                ) + td_string!(locale, calc.years),
            ),
            Criterion::Situation { any_of } => t(
                td_string!(locale, calc.rule_situation),
                or_list(
                    locale,
                    any_of.iter().map(|s| situation_label(locale, *s)).collect(),
                ),
            ),
            Criterion::Education { min, max } => {
                if *max == Some(Education::Geen) && min.is_none() {
                    td_string!(locale, calc.rule_no_startkwalificatie).into()
                } else {
                    t(
                        td_string!(locale, calc.rule_education),
                        range(
                            locale,
                            min.map(|e| education_label(locale, e).to_string()),
                            max.map(|e| education_label(locale, e).to_string()),
                        ),
                    )
                }
            }
            Criterion::TrainingKind { any_of } => t(
                td_string!(locale, calc.rule_kind),
                or_list(
                    locale,
                    any_of.iter().map(|k| kind_label(locale, *k)).collect(),
                ),
            ),
            Criterion::Nlqf { min, max } => t(
                td_string!(locale, calc.rule_nlqf),
                range(locale, Some(min.to_string()), Some(max.to_string())),
            ),
            Criterion::Region { area } => t(
                td_string!(locale, calc.rule_region),
                area_label(locale, *area).to_string(),
            ),
            Criterion::Sector { any_of } => t(
                td_string!(locale, calc.rule_sector),
                or_list(
                    locale,
                    any_of.iter().map(|s| sector_label(locale, s)).collect(),
                ),
            ),
            Criterion::EmployerSize { min, max } => t(
                td_string!(locale, calc.rule_staff),
                range(
                    locale,
                    min.map(|v| v.to_string()),
                    max.map(|v| v.to_string()),
                ),
            ),
            Criterion::MkbTurnover => td_string!(locale, calc.rule_turnover).into(),
            Criterion::ErkendLeerbedrijf => td_string!(locale, calc.rule_leerbedrijf).into(),
            Criterion::Hours { min } => {
                td_string!(locale, calc.rule_hours).replace("{min}", &min.to_string())
            }
            Criterion::TargetGroup { any_of } => t(
                td_string!(locale, calc.rule_target),
                or_list(
                    locale,
                    any_of.iter().map(|g| target_label(locale, *g)).collect(),
                ),
            ),
            Criterion::MinCost { amount, vat } => {
                let text = td_string!(locale, calc.rule_min_cost)
                    .replace("{amount}", &format_euros(*amount));
                match vat {
                    Vat::Incl => text,
                    Vat::Excl => format!("{text} {}", td_string!(locale, calc.rule_excl_vat)),
                }
            }
            Criterion::Ontwikkelpad => td_string!(locale, calc.rule_ontwikkelpad).into(),
            Criterion::Months { min, max } => t(
                td_string!(locale, calc.rule_months),
                range(
                    locale,
                    min.map(|v| v.to_string()),
                    max.map(|v| v.to_string()),
                ) + td_string!(locale, calc.months),
            ),
            Criterion::Either { .. } => td_string!(locale, calc.rule_either).into(),
        },
    }
}

/// A scheme's criteria in plain words, one line each; an alternative ("one of these") lists
/// its groups, each group's conditions joined.
pub fn criteria_in_words(locale: Locale, criteria: &[Criterion]) -> Vec<String> {
    criteria
        .iter()
        .map(|c| match c {
            Criterion::Either { groups } => {
                let groups: Vec<String> = groups
                    .iter()
                    .map(|g| format!("({})", criteria_in_words(locale, g).join("; ")))
                    .collect();
                format!(
                    "{}: {}",
                    td_string!(locale, calc.rule_either),
                    or_list(locale, groups.iter().map(String::as_str).collect())
                )
            }
            other => rule_text(locale, &Rule::Criterion(other.clone())),
        })
        .collect()
}

/// The person's own answer for the rule ("u bent 24"), or that it is missing.
pub fn answer_text(locale: Locale, rule: &Rule, p: &Profile) -> Option<String> {
    let yours = |value: Option<String>| {
        Some(match value {
            Some(v) => td_string!(locale, calc.your_answer).replace("{answer}", &v),
            None => td_string!(locale, calc.not_answered).to_string(),
        })
    };
    let yes_no = |b: bool| {
        if b {
            td_string!(locale, calc.yes).to_string()
        } else {
            td_string!(locale, calc.no).to_string()
        }
    };
    match rule {
        Rule::Audience(_) => Some(td_string!(locale, calc.your_answer).replace(
            "{answer}",
            match p.path {
                Path::Individual => td_string!(locale, calc.path_individual),
                Path::Employer => td_string!(locale, calc.path_employer),
            },
        )),
        Rule::Unconfirmed | Rule::Capacity { .. } => None,
        Rule::Criterion(c) => match c {
            Criterion::Age { .. } => yours(
                p.age
                    .map(|a| format!("{a}{}", td_string!(locale, calc.years))),
            ),
            Criterion::Situation { .. } => {
                yours(p.situation.map(|s| situation_label(locale, s).into()))
            }
            Criterion::Education { .. } => {
                yours(p.education.map(|e| education_label(locale, e).into()))
            }
            Criterion::TrainingKind { .. } => yours(p.kind.map(|k| kind_label(locale, k).into())),
            Criterion::Nlqf { .. } => yours(p.nlqf.map(|n| n.to_string())),
            Criterion::Region { .. } => yours(p.place.as_ref().map(|place| match place {
                Place::Gemeente(code) => {
                    gemeente(code).map_or(code.clone(), |g| g.name.to_string())
                }
                Place::Elsewhere => match p.overijssel {
                    Some(true) => td_string!(locale, calc.elsewhere_overijssel).into(),
                    _ => td_string!(locale, calc.elsewhere).into(),
                },
            })),
            Criterion::Sector { .. } => {
                yours(p.sector.as_deref().map(|s| sector_label(locale, s).into()))
            }
            Criterion::EmployerSize { .. } => yours(p.staff.map(|n| n.to_string())),
            Criterion::MkbTurnover => yours(p.mkb_turnover.map(yes_no)),
            Criterion::ErkendLeerbedrijf => yours(p.leerbedrijf.map(yes_no)),
            Criterion::Hours { .. } => yours(p.hours.map(|h| h.to_string())),
            Criterion::TargetGroup { .. } => {
                yours(p.target_group.map(|g| target_label(locale, g).into()))
            }
            Criterion::MinCost { vat, .. } => yours(p.cost.map(|c| {
                let net = crate::domain::calculator::net_cost(c, *vat, p);
                if net == c {
                    format_euros(c)
                } else {
                    td_string!(locale, calc.cost_without_vat)
                        .replace("{cost}", &format_euros(c))
                        .replace("{net}", &format_euros(net))
                }
            })),
            Criterion::Ontwikkelpad => yours(p.ontwikkelpad.map(yes_no)),
            Criterion::Months { .. } => yours(
                p.months
                    .map(|m| format!("{m}{}", td_string!(locale, calc.months))),
            ),
            Criterion::Either { .. } => None,
        },
    }
}

/// For ✗: what would change the outcome. For ?: what to fill in.
pub fn fix_text(locale: Locale, rule: &Rule, mark: Mark) -> Option<String> {
    match mark {
        Mark::Yes => None,
        Mark::Unknown => Some(match rule {
            Rule::Unconfirmed => td_string!(locale, calc.fix_unconfirmed).into(),
            Rule::Criterion(Criterion::Either { .. }) => {
                td_string!(locale, calc.fix_either_unknown).into()
            }
            Rule::Criterion(Criterion::Ontwikkelpad) => {
                td_string!(locale, calc.fix_ontwikkelpad_unknown).into()
            }
            _ => td_string!(locale, calc.fix_unknown).into(),
        }),
        Mark::No => Some(match rule {
            Rule::Audience(Audience::Employer) => {
                td_string!(locale, calc.fix_audience_employer).into()
            }
            Rule::Audience(_) => td_string!(locale, calc.fix_audience_individual).into(),
            Rule::Capacity { .. } => td_string!(locale, calc.fix_capacity).into(),
            Rule::Unconfirmed => td_string!(locale, calc.fix_unconfirmed).into(),
            Rule::Criterion(c) => match c {
                Criterion::TrainingKind { .. }
                | Criterion::Nlqf { .. }
                | Criterion::Months { .. } => td_string!(locale, calc.fix_training).into(),
                Criterion::ErkendLeerbedrijf => td_string!(locale, calc.fix_leerbedrijf).into(),
                Criterion::Hours { .. } => td_string!(locale, calc.fix_hours).into(),
                Criterion::MinCost { .. } => td_string!(locale, calc.fix_min_cost).into(),
                Criterion::Ontwikkelpad => td_string!(locale, calc.fix_ontwikkelpad).into(),
                Criterion::TargetGroup { .. } => td_string!(locale, calc.fix_target).into(),
                Criterion::Region { .. } => td_string!(locale, calc.fix_region).into(),
                Criterion::Either { .. } => td_string!(locale, calc.fix_either).into(),
                _ => td_string!(locale, calc.fix_not_for_you).into(),
            },
        }),
    }
}
