//! One criterion against the answers, one money rule for a cost, one scheme's window.
use super::super::date::Date;
use super::super::region::ARBEIDSMARKTREGIO;
use super::super::schemes::*;
use super::*;

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
        Criterion::MinCost { amount, vat } => {
            Mark::from_bool(p.cost.map(|c| net_cost(c, *vat, p) >= *amount))
        }
        Criterion::Ontwikkelpad => Mark::from_bool(p.ontwikkelpad),
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

/// The cost a rule "excl. btw" counts: without the btw the provider charges. A rule "incl.
/// btw", or a provider that charges none, counts the cost as invoiced.
pub fn net_cost(cost: Cents, vat: Vat, p: &Profile) -> Cents {
    if vat == Vat::Excl && p.vat_charged {
        cost * 100 / (100 + VAT_PERCENT)
    } else {
        cost
    }
}

/// What a money rule pays, with `base` the cost it applies to (the whole cost, or what is left).
pub fn pays(money: &Money, p: &Profile, base: Option<Cents>) -> Amount {
    // Amounts excl. btw are paid over the cost without btw: the btw stays with the payer.
    let net = |cost: Cents, vat: Vat| net_cost(cost, vat, p);
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

/// Whether applications are taken on `today`, given a scheme's windows.
pub fn window_state(windows: &[Window], today: Date) -> WindowState {
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
