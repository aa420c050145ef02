//! The result of the calculator: the financing plan, then every scheme with its verdict, the
//! amount and a check per criterion.
use leptos::prelude::*;

use crate::domain::calculator::{
    format_euros, Amount, Check, Mark, Outcome as EngineOutcome, PlanLine, Profile, SchemeResult,
    Step, Verdict, WindowState,
};
use crate::domain::date::Date;
use crate::domain::schemes::{Catalogue, Money, Payment, Purpose, Scheme, Status, Verification};
use crate::i18n::*;

use super::explain;

/// What the result region shows for these answers (query pairs): the outcome once the form was
/// sent (`voor` is there), else a line saying what to do. Also returns the outcome's summary as
/// the announcement the calculator's island puts in the form's status line after a change (the
/// summary and a link to the result; empty before the form was sent).
pub fn outcome_view(
    locale: Locale,
    catalogue: &Catalogue,
    pairs: &[(&'static str, String)],
    today: Date,
    staff: bool,
) -> (AnyView, String) {
    use leptos::tachys::view::RenderHtml;
    if !pairs.iter().any(|(k, _)| *k == "voor") {
        let view = view! { <p class="calc-empty">{td_string!(locale, calc.empty)}</p> }.into_any();
        return (view, String::new());
    }
    let (profile, _) = Profile::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
    let outcome = crate::domain::calculator::evaluate(catalogue, &profile, today);
    let share = super::share_query(&profile);
    let announcement = view! {
        {summary_text(locale, &outcome)}
        " "
        <a href="#uitkomst-titel" rel="external">{td_string!(locale, calc.jump_to_result)}</a>
    }
    .to_html();
    let view =
        view! { <Outcome locale catalogue=catalogue.clone() profile outcome share today staff /> }
            .into_any();
    (view, announcement)
}

/// "3 van de 30 regelingen passen …, 4 misschien. U betaalt eerst … ": the outcome in a sentence.
fn summary_text(locale: Locale, outcome: &EngineOutcome) -> String {
    let count = |v: Verdict| outcome.results.iter().filter(|r| r.verdict == v).count();
    let summary = td_string!(locale, calc.summary)
        .replace("{eligible}", &count(Verdict::Eligible).to_string())
        .replace("{maybe}", &count(Verdict::Maybe).to_string())
        .replace("{total}", &outcome.results.len().to_string());
    match &outcome.plan {
        None => summary,
        Some(p) if p.up_front == p.own && p.all_sure() => format!(
            "{summary} {}",
            td_string!(locale, calc.summary_own).replace("{own}", &format_euros(p.own))
        ),
        Some(p) => format!(
            "{summary} {}",
            td_string!(locale, calc.summary_own_later)
                .replace("{up_front}", &format_euros(p.up_front))
                .replace("{own}", &format_euros(p.own))
        ),
    }
}

#[component]
fn Outcome(
    locale: Locale,
    catalogue: Catalogue,
    profile: Profile,
    outcome: EngineOutcome,
    share: String,
    today: Date,
    staff: bool,
) -> impl IntoView {
    let english = locale == Locale::en;
    let count = |v: Verdict| outcome.results.iter().filter(|r| r.verdict == v).count();
    let (eligible, maybe, not, ended) = (
        count(Verdict::Eligible),
        count(Verdict::Maybe),
        count(Verdict::NotEligible),
        count(Verdict::Ended),
    );
    let summary = summary_text(locale, &outcome);
    let share_href = format!("/scholingscalculator?{share}");
    let sections = [
        (
            Verdict::Eligible,
            td_string!(locale, calc.section_eligible),
            eligible,
        ),
        (
            Verdict::Maybe,
            td_string!(locale, calc.section_maybe),
            maybe,
        ),
        (
            Verdict::NotEligible,
            td_string!(locale, calc.section_not),
            not,
        ),
        (
            Verdict::Ended,
            td_string!(locale, calc.section_ended),
            ended,
        ),
    ];
    view! {
        <p class="calc-summary">{summary}</p>
        <p class="calc-share">
            <a href=share_href.clone() id="deel-link">{td_string!(locale, calc.share_link)}</a>
            " "
            <span class="hint">{td_string!(locale, calc.share_hint)}</span>
        </p>
        <PlanView locale outcome=outcome.clone() catalogue=catalogue.clone() />
        {sections
            .into_iter()
            .filter(|(_, _, n)| *n > 0)
            .map(|(verdict, heading, n)| {
                let compact = matches!(verdict, Verdict::NotEligible | Verdict::Ended);
                let items = outcome
                    .results
                    .iter()
                    .filter(|r| r.verdict == verdict)
                    .filter_map(|r| catalogue.scheme(&r.id).map(|s| (s.clone(), r.clone())))
                    .map(|(scheme, result)| view! { <SchemeCard locale scheme result profile=profile.clone() share=share.clone() english today compact staff /> })
                    .collect_view();
                let id = format!("regelingen-{}", verdict_slug(verdict));
                let labelledby = id.clone();
                view! {
                    <section class="scheme-group" aria-labelledby=labelledby>
                        <h3 id=id>{heading} " (" {n} ")"</h3>
                        <ul class="schemes">{items}</ul>
                    </section>
                }
            })
            .collect_view()}
    }
}

fn verdict_slug(v: Verdict) -> &'static str {
    match v {
        Verdict::Eligible => "passend",
        Verdict::Maybe => "misschien",
        Verdict::NotEligible => "niet-passend",
        Verdict::Ended => "beeindigd",
    }
}

/// The financing plan in words a person reads correctly: what they pay the provider first,
/// what may come back afterwards and when, what they pay in the end if everything goes through,
/// and what a lower outcome would depend on. Sure money and possible money are never added up
/// without saying so.
#[component]
fn PlanView(locale: Locale, outcome: EngineOutcome, catalogue: Catalogue) -> impl IntoView {
    let english = locale == Locale::en;
    let Some(plan) = outcome.plan.clone() else {
        return view! {
            <section class="plan" aria-labelledby="plan-titel">
                <h3 id="plan-titel">{td_string!(locale, calc.plan_title)}</h3>
                <p>{td_string!(locale, calc.plan_needs_cost)}</p>
            </section>
        }
        .into_any();
    };
    let name_of = |id: &str| {
        catalogue
            .scheme(id)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let upper_bound = |line: &PlanLine| catalogue.scheme(&line.id).is_some_and(|s| s.indicative);
    let rows = plan
        .lines
        .iter()
        .map(|line| {
            let how = match &line.step {
                Step::Combined => td_string!(locale, calc.step_combined).to_string(),
                Step::DeMinimis => td_string!(locale, calc.step_de_minimis).to_string(),
                Step::OnRemainder => td_string!(locale, calc.step_remainder).to_string(),
                Step::HighestOf { passed_over, .. } => {
                    let others = passed_over.iter().map(|id| name_of(id)).collect::<Vec<_>>();
                    if others.is_empty() {
                        td_string!(locale, calc.step_highest_alone).to_string()
                    } else {
                        td_string!(locale, calc.step_highest)
                            .replace("{others}", &others.join(", "))
                    }
                }
            };
            let capped = (line.applied < line.amount).then(|| {
                td_string!(locale, calc.step_capped).replace("{amount}", &format_euros(line.amount))
            });
            let when = payment_text(locale, catalogue.scheme(&line.id), english);
            let bound = upper_bound(line);
            let amount = if bound {
                td_string!(locale, calc.plan_up_to).replace("{amount}", &format_euros(line.applied))
            } else {
                format_euros(line.applied)
            };
            view! {
                <tr>
                    <th scope="row">{name_of(&line.id)}</th>
                    <td>
                        <span class="plan-when">{when}</span>
                        " " {how} {capped.map(|c| view! { " " {c} })}
                        {bound.then(|| view! { " " <em>{td_string!(locale, calc.plan_bound_note)}</em> })}
                    </td>
                    <td class="num">{amount}</td>
                </tr>
            }
        })
        .collect_view();
    let back_later = plan.back_later();
    let back_uncertain = plan.lines.iter().any(|l| !l.to_provider && upper_bound(l));
    let back_text = if back_uncertain {
        td_string!(locale, calc.plan_up_to).replace("{amount}", &format_euros(back_later))
    } else {
        format_euros(back_later)
    };
    let later_names = plan
        .lines
        .iter()
        .filter(|l| !l.to_provider)
        .map(|l| name_of(&l.id))
        .collect::<Vec<_>>()
        .join(", ");
    // The plan in sentences: first what is paid up front, then what may come back, then the end.
    let mut words = Vec::new();
    if plan.lines.is_empty() {
        words.push(td_string!(locale, calc.plan_none).to_string());
    }
    if back_later > 0 {
        words.push(
            td_string!(locale, calc.words_up_front)
                .replace("{amount}", &format_euros(plan.up_front)),
        );
        let back = if back_uncertain {
            td_string!(locale, calc.words_back_maybe)
        } else {
            td_string!(locale, calc.words_back)
        };
        words.push(
            back.replace("{amount}", &back_text)
                .replace("{names}", &later_names),
        );
        words.push(td_string!(locale, calc.words_end).replace("{amount}", &format_euros(plan.own)));
    } else {
        words.push(td_string!(locale, calc.words_own).replace("{amount}", &format_euros(plan.own)));
    }
    // What a lower outcome depends on: each "maybe" scheme in the wider plan, with the
    // questions still open about it and how far its data were checked.
    let maybe = outcome
        .plan_with_maybe
        .clone()
        .filter(|m| m.own < plan.own)
        .map(|m| {
            let depends = m
                .lines
                .iter()
                .filter(|l| !plan.lines.iter().any(|p| p.id == l.id))
                .map(|l| {
                    let scheme = catalogue.scheme(&l.id);
                    let result = outcome.results.iter().find(|r| r.id == l.id);
                    let mut reasons: Vec<String> = result
                        .map(|r| {
                            r.checks
                                .iter()
                                .filter(|c| c.mark == Mark::Unknown)
                                .map(|c| explain::rule_text(locale, &c.rule))
                                .collect()
                        })
                        .unwrap_or_default();
                    match scheme.map(|s| s.verification) {
                        Some(Verification::Partly) => {
                            reasons.push(td_string!(locale, calc.depends_partly).to_string())
                        }
                        Some(Verification::Unverified) => {
                            reasons.push(td_string!(locale, calc.depends_unverified).to_string())
                        }
                        _ => {}
                    }
                    if !l.to_provider {
                        reasons.push(td_string!(locale, calc.depends_afterwards).to_string());
                    }
                    let amount = if upper_bound(l) {
                        td_string!(locale, calc.plan_up_to)
                            .replace("{amount}", &format_euros(l.applied))
                    } else {
                        format_euros(l.applied)
                    };
                    view! {
                        <li>
                            <strong>{name_of(&l.id)}</strong> " (" {amount} "): "
                            {reasons.join(". ")} "."
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="plan-maybe">
                    <p>{td_string!(locale, calc.plan_maybe).replace("{own}", &format_euros(m.own))}</p>
                    <ul>{depends}</ul>
                </div>
            }
        });
    let loan_note = (!outcome.loans.is_empty()).then(|| {
        let names = outcome
            .loans
            .iter()
            .map(|id| name_of(id))
            .collect::<Vec<_>>()
            .join(", ");
        td_string!(locale, calc.plan_loans).replace("{names}", &names)
    });
    let own_label = if back_later > 0 || !plan.all_sure() {
        td_string!(locale, calc.plan_own_if_all)
    } else {
        td_string!(locale, calc.plan_own)
    };
    view! {
        <section class="plan" aria-labelledby="plan-titel">
            <h3 id="plan-titel">{td_string!(locale, calc.plan_title)}</h3>
            <ul class="plan-words">
                {words.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
            </ul>
            <table class="plan-table">
                <caption>{td_string!(locale, calc.plan_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, calc.plan_col_scheme)}</th>
                        <th scope="col">{td_string!(locale, calc.plan_col_how)}</th>
                        <th scope="col" class="num">{td_string!(locale, calc.plan_col_amount)}</th>
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        <th scope="row">{td_string!(locale, calc.plan_cost)}</th>
                        <td></td>
                        <td class="num">{format_euros(plan.cost)}</td>
                    </tr>
                    {rows}
                </tbody>
                <tfoot>
                    // Up front and afterwards only when money comes back later; else what
                    // is paid is simply what is paid.
                    {(back_later > 0).then(|| view! {
                        <tr>
                            <th scope="row">{td_string!(locale, calc.plan_up_front)}</th>
                            <td>{td_string!(locale, calc.plan_up_front_how)}</td>
                            <td class="num" id="vooraf">{format_euros(plan.up_front)}</td>
                        </tr>
                        <tr>
                            <th scope="row">{td_string!(locale, calc.plan_back_later)}</th>
                            <td>{later_names.clone()}</td>
                            <td class="num" id="achteraf">{back_text.clone()}</td>
                        </tr>
                    })}
                    <tr class="own">
                        <th scope="row">{own_label}</th>
                        <td></td>
                        <td class="num" id="eigen-bijdrage">{format_euros(plan.own)}</td>
                    </tr>
                </tfoot>
            </table>
            {maybe}
            {loan_note.map(|n| view! { <p>{n}</p> })}
            <p class="hint">{td_string!(locale, calc.plan_disclaimer)}</p>
        </section>
    }
    .into_any()
}

/// When and how a scheme's money comes: to the provider, or afterwards (and when).
fn payment_text(locale: Locale, scheme: Option<&Scheme>, english: bool) -> String {
    match scheme.map(|s| &s.payment) {
        Some(Payment::ToProvider) => td_string!(locale, calc.paid_to_provider).to_string(),
        Some(Payment::Afterwards { when }) if !when.get(english).is_empty() => {
            td_string!(locale, calc.paid_afterwards_when).replace("{when}", when.get(english))
        }
        _ => td_string!(locale, calc.paid_afterwards).to_string(),
    }
}

#[component]
fn SchemeCard(
    locale: Locale,
    scheme: Scheme,
    result: SchemeResult,
    profile: Profile,
    share: String,
    english: bool,
    today: Date,
    compact: bool,
    /// Coordinators also see the secondary sources (news, advisers' sites).
    staff: bool,
) -> impl IntoView {
    let title_id = format!("regeling-{}", scheme.id);
    let title_ref = title_id.clone();
    let (badge_class, badge) = match result.verdict {
        Verdict::Eligible => ("badge badge-yes", td_string!(locale, calc.verdict_eligible)),
        Verdict::Maybe => ("badge badge-maybe", td_string!(locale, calc.verdict_maybe)),
        Verdict::NotEligible => ("badge badge-no", td_string!(locale, calc.verdict_not)),
        Verdict::Ended => ("badge badge-ended", td_string!(locale, calc.verdict_ended)),
    };
    let amount = amount_text(locale, &scheme, result.amount);
    let status = status_text(locale, &scheme, &result, english, today);
    let open_checks = matches!(result.verdict, Verdict::Eligible | Verdict::Maybe);
    // A scheme that does not fit shows only why: the criteria it fails (not the whole list); an
    // ended scheme only its end (the status line).
    let shown: Vec<Check> = match result.verdict {
        Verdict::NotEligible => result
            .checks
            .iter()
            .filter(|c| c.mark == Mark::No)
            .cloned()
            .collect(),
        Verdict::Ended => Vec::new(),
        _ => result.checks.clone(),
    };
    let why_not = (!shown.is_empty()).then(|| td_string!(locale, calc.why_not));
    let checks = (!shown.is_empty())
        .then(|| view! { <CheckList locale checks=shown profile=profile.clone() /> });
    let checks = if open_checks {
        view! {
            <h4 class="checks-title">{td_string!(locale, calc.why)}</h4>
            {checks}
        }
        .into_any()
    } else {
        view! {
            {why_not.map(|text| view! { <h5 class="checks-title">{text}</h5> })}
            {checks}
        }
        .into_any()
    };
    let can_apply = matches!(result.verdict, Verdict::Eligible | Verdict::Maybe);
    let apply_href = format!(
        "/scholingscalculator/aanmelden?regeling={}&{share}",
        scheme.id
    );
    let notes = scheme.notes.get(english).to_string();
    // Citizens see the official sources (the government's, the provider's); the others only
    // coordinators, who judge how far to trust them.
    let sources = if scheme.sources.is_empty() {
        td_string!(locale, calc.no_official_source).replace("{provider}", &scheme.provider)
    } else {
        scheme.sources.join("; ")
    };
    let secondary = (staff && !scheme.secondary_sources.is_empty())
        .then(|| scheme.secondary_sources.join("; "));
    view! {
        <li class="scheme" id=format!("kaart-{}", scheme.id)>
            <article aria-labelledby=title_ref>
                <h4 id=title_id>{scheme.name.clone()}</h4>
                <p class="verdict"><span class=badge_class>{badge}</span> {(!compact).then(|| view! { <span class="amount">{amount}</span> })}</p>
                {(result.verdict == Verdict::Ended).then(|| view! { <p>{status.clone()}</p> })}
                {(!compact).then(|| view! {
                <p>{scheme.summary.get(english).to_string()}</p>
                <dl class="facts">
                    <dt>{td_string!(locale, calc.fact_provider)}</dt>
                    <dd>{scheme.provider.clone()}</dd>
                    <dt>{td_string!(locale, calc.fact_support)}</dt>
                    <dd>{explain::support_label(locale, scheme.support)}</dd>
                    <dt>{td_string!(locale, calc.fact_status)}</dt>
                    <dd>{status}</dd>
                    <dt>{td_string!(locale, calc.fact_apply)}</dt>
                    <dd>
                        {scheme.apply.get(english).to_string()}
                        {scheme.apply_url.clone().map(|url| view! { " " <a href=url.clone() rel="external noopener">{url.clone()}</a> })}
                    </dd>
                    <dt>{td_string!(locale, calc.fact_source)}</dt>
                    <dd>{sources} " " {explain::verification_note(locale, scheme.verification)}</dd>
                    {secondary.map(|list| view! {
                        <dt>{td_string!(locale, calc.fact_secondary_sources)}</dt>
                        <dd>{list}</dd>
                    })}
                </dl>
                {(!notes.is_empty()).then(|| view! { <p class="notes">{notes}</p> })}
                {scheme.indicative.then(|| view! { <p class="hint">{td_string!(locale, calc.indicative)}</p> })}
                })}
                {checks}
                {can_apply.then(|| view! {
                    <p class="apply-link">
                        <a class="button button-secondary" href=apply_href rel="external">
                            {td_string!(locale, calc.apply_button)}
                            <span class="visually-hidden">{format!(": {}", scheme.name)}</span>
                        </a>
                    </p>
                })}
            </article>
        </li>
    }
}

#[component]
fn CheckList(locale: Locale, checks: Vec<Check>, profile: Profile) -> impl IntoView {
    view! {
        <ul class="checks">
            {checks
                .into_iter()
                .map(|check| {
                    let (class, sr) = mark_class(locale, check.mark);
                    let rule = explain::rule_text(locale, &check.rule);
                    let answer = explain::answer_text(locale, &check.rule, &profile);
                    let fix = explain::fix_text(locale, &check.rule, check.mark);
                    let nested = (!check.groups.is_empty()).then(|| {
                        // Of "one of these", show what decides it: the alternative that holds
                        // (for ✓), those that still may (for ?), every one (for ✗). An
                        // alternative that was not needed gets no ✗.
                        let groups = check
                            .groups
                            .iter()
                            .filter(|g| {
                                let worst = g.iter().map(|c| c.mark).max().unwrap_or(Mark::Yes);
                                match check.mark {
                                    Mark::Yes => worst == Mark::Yes,
                                    Mark::Unknown => worst != Mark::No,
                                    Mark::No => true,
                                }
                            })
                            .cloned()
                            .collect::<Vec<_>>();
                        let profile = profile.clone();
                        view! {
                            <ol class="either">
                                {groups
                                    .into_iter()
                                    .map(|g| view! { <li><CheckList locale checks=g profile=profile.clone() /></li> })
                                    .collect_view()}
                            </ol>
                        }
                    });
                    view! {
                        <li class=class>
                            <span class="mark" aria-hidden="true">{check.mark.symbol()}</span>
                            <span class="visually-hidden">{sr}</span>
                            " " {rule}
                            {answer.map(|a| view! { <span class="answer">" — " {a}</span> })}
                            {fix.map(|f| view! { <span class="fix">" " {f}</span> })}
                            {nested}
                        </li>
                    }
                    .into_any()
                })
                .collect_view()}
        </ul>
    }
}

fn mark_class(locale: Locale, mark: Mark) -> (&'static str, &'static str) {
    match mark {
        Mark::Yes => ("check check-yes", td_string!(locale, calc.mark_yes)),
        Mark::No => ("check check-no", td_string!(locale, calc.mark_no)),
        Mark::Unknown => ("check check-unknown", td_string!(locale, calc.mark_unknown)),
    }
}

/// The amount a scheme pays for this training, in words.
fn amount_text(locale: Locale, scheme: &Scheme, amount: Amount) -> String {
    match amount {
        Amount::Exact(cents) => {
            let mut text = format_euros(cents);
            if let Money::PerHour { years, .. } = scheme.money {
                text.push_str(
                    &td_string!(locale, calc.amount_per_year)
                        .replace("{years}", &years.to_string()),
                );
            }
            if scheme.purpose == Purpose::Loan {
                text = td_string!(locale, calc.amount_loan).replace("{amount}", &text);
            }
            text
        }
        Amount::NeedsInput => td_string!(locale, calc.amount_needs_input).to_string(),
        Amount::Unknown => td_string!(locale, calc.amount_unknown).to_string(),
        Amount::Nothing => td_string!(locale, calc.amount_nothing).to_string(),
    }
}

fn status_text(
    locale: Locale,
    scheme: &Scheme,
    result: &SchemeResult,
    english: bool,
    today: Date,
) -> String {
    let note = scheme.status_note.get(english);
    let mut text = if result.verdict == Verdict::Ended {
        match scheme.valid_until {
            Some(d) if d < today => {
                td_string!(locale, calc.status_ended_on).replace("{date}", &d.dutch())
            }
            _ => td_string!(locale, calc.status_ended).to_string(),
        }
    } else {
        let base = if scheme.status == Status::Unconfirmed {
            td_string!(locale, calc.status_unconfirmed)
        } else {
            td_string!(locale, calc.status_running)
        };
        let window = match result.window {
            WindowState::AllYear => td_string!(locale, calc.window_all_year).to_string(),
            WindowState::OpenUntil(d) => {
                td_string!(locale, calc.window_open_until).replace("{date}", &d.dutch())
            }
            WindowState::OpensOn(d) => {
                td_string!(locale, calc.window_opens_on).replace("{date}", &d.dutch())
            }
            WindowState::Closed => td_string!(locale, calc.window_closed).to_string(),
        };
        format!("{base} {window}")
    };
    if let Some(capacity) = &scheme.capacity {
        text.push(' ');
        text.push_str(
            &td_string!(locale, calc.capacity_left)
                .replace("{left}", &capacity.left().to_string())
                .replace("{total}", &capacity.total.to_string())
                .replace("{unit}", capacity.unit.get(english)),
        );
    }
    if !note.is_empty() {
        text.push(' ');
        text.push_str(note);
    }
    text
}
