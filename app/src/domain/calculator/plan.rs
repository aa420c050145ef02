//! The financing plan: the best valid combination of schemes by the stacking rules.
use std::collections::BTreeMap;

use super::super::schemes::*;
use super::*;

/// The best combination: every combinable scheme counts; of each "highest only" group the one
/// that leaves the least to pay; then the schemes that pay on the remainder.
pub(super) fn best_plan(cost: Cents, candidates: &[(&Scheme, &SchemeResult)], p: &Profile) -> Plan {
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
        if best
            .as_ref()
            .is_none_or(|b| (plan.own, plan.up_front) < (b.own, b.up_front))
        {
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
                    up_front: cost,
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
                to_provider: scheme.payment == Payment::ToProvider,
                sure: result.verdict == Verdict::Eligible && !scheme.indicative,
            });
        }
    }
    let to_provider: Cents = lines
        .iter()
        .filter(|l| l.to_provider)
        .map(|l| l.applied)
        .sum();
    Plan {
        cost,
        lines,
        covered: cost.max(0) - remaining,
        own: remaining,
        up_front: cost.max(0) - to_provider,
    }
}
