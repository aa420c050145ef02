//! Intake (zelf-triage): one question per page (the GOV.UK question-pages pattern), a page to
//! check the answers, and the outcome — the tools that fit with what is known filled in, and
//! whether the criteria for personal guidance apply, with a contact request for an advisor
//! (the warm handoff) that only consent stores. Also the reference pages (the criteria, the
//! menukaart A–G) and the coordinators' queue of contact requests.
//!
//! No page here has an island: the whole intake is server-rendered forms (0 bytes of
//! JavaScript). The answers live in a signed cookie until the person asks for contact
//! (`handlers`, server only); the pages get them as context.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::domain::intake::{
    self, outcome, progress, summary, Answers, Criterion, Guidance, Kind, Question,
};
use crate::forms::{
    use_form_state, Checkbox, ContactFacts, CsrfField, ErrorSummary, Field, FormState, RadioGroup,
    Select, TextArea,
};
use crate::i18n::*;
use crate::layout::{current_locale, PageIntro};

mod labels;
pub use labels::*;

#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod store;

#[cfg(feature = "ssr")]
pub use handlers::{PAGES, QUEUES};

/// What a question page shows: the question, the answers so far, where "back" goes.
#[derive(Debug, Clone)]
pub struct QuestionView {
    pub question: &'static Question,
    pub answers: Answers,
    /// The person came from the check page to change this answer.
    pub to_check: bool,
}

/// The answers, for the check page and the outcome.
#[derive(Debug, Clone)]
pub struct AnswersView(pub Answers);

/// The form's action and the page's address for a question.
pub fn question_href(id: &str, to_check: bool) -> String {
    if to_check {
        format!("/intake/vraag?vraag={id}&terug=controle")
    } else {
        format!("/intake/vraag?vraag={id}")
    }
}

/// `/intake`: what the intake is, and the way in.
#[component]
pub fn IntakePage() -> impl IntoView {
    let locale = current_locale();
    let start = question_href(intake::first().id, false);
    view! {
        <PageIntro title=td_string!(locale, intake.title) intro=td_string!(locale, intake.intro) />
        <ul class="bullets">
            <li>{td_string!(locale, intake.start_time)}</li>
            <li>{td_string!(locale, intake.start_privacy)}</li>
            <li>{td_string!(locale, intake.start_cookie)}</li>
        </ul>
        <p><a class="button button-start" href=start>{td_string!(locale, intake.start_button)}</a></p>
        <h2>{td_string!(locale, intake.start_direct)}</h2>
        <ul class="bullets">
            <li><a href="/scholingscalculator">{td_string!(locale, nav.calculator)}</a></li>
            <li><a href="/subsidies">{td_string!(locale, nav.subsidies)}</a></li>
            <li><a href="/vacatures/skills-cv">{td_string!(locale, intake.tool_skills_cv)}</a></li>
            <li><a href="/stages">{td_string!(locale, nav.stages)}</a></li>
        </ul>
        <p>
            <a href="/intake/criteria">{td_string!(locale, intake.criteria_link)}</a>
            " · "
            <a href="/intake/menukaart">{td_string!(locale, intake.menu_link)}</a>
        </p>
    }
}

/// `/intake/vraag?vraag=…`: one question, with the progress line and the back link.
#[component]
pub fn QuestionPage() -> impl IntoView {
    let locale = current_locale();
    let Some(QuestionView {
        question,
        answers,
        to_check,
    }) = use_context::<QuestionView>()
    else {
        return view! { <crate::layout::NotFound /> }.into_any();
    };
    let mut form = use_form_state();
    if form.value(question.id).is_empty() && !form.has_errors() {
        if let Some(value) = answers.get(question.id) {
            form.values
                .insert(question.id.to_string(), value.to_string());
        }
    }
    let (n, total) = progress(&answers, question.id);
    let step = td_string!(locale, intake.progress)
        .replace("{n}", &n.to_string())
        .replace("{total}", &total.to_string());
    let back = if to_check {
        "/intake/controle".to_string()
    } else {
        intake::previous(&answers, question.id)
            .map_or_else(|| "/intake".to_string(), |q| question_href(q.id, false))
    };
    let label = question_label(locale, question.id);
    let hint = question_hint(locale, question.id);
    let title = if form.has_errors() {
        format!(
            "{} {label} – {step} – {}",
            td_string!(locale, intake.title_error),
            td_string!(locale, intake.title)
        )
    } else {
        format!("{label} – {step} – {}", td_string!(locale, intake.title))
    };
    // Every number and the gemeente question have a hint (what to type, why it is asked).
    let control = match question.kind {
        Kind::Number { .. } => view! {
            <Field form=form.clone() name=question.id label=label hint=hint.unwrap_or("")
                inputmode="numeric" heading=true width="input-short" />
        }
        .into_any(),
        Kind::Gemeente => view! {
            <Select form=form.clone() name=question.id label=label hint=hint.unwrap_or("")
                placeholder=td_string!(locale, intake.choose) options=gemeente_options(locale) heading=true />
        }
        .into_any(),
        Kind::Choice(_) | Kind::Sector => {
            let options = options(locale, question);
            match hint {
                Some(hint) => view! {
                    <RadioGroup form=form.clone() name=question.id legend=label hint options heading=true />
                }
                .into_any(),
                None => view! {
                    <RadioGroup form=form.clone() name=question.id legend=label options heading=true />
                }
                .into_any(),
            }
        }
    };
    view! {
        <Title text=title />
        <p><a class="back-link" href=back>{td_string!(locale, intake.back)}</a></p>
        <form method="post" action=question_href(question.id, to_check) novalidate class="question-page">
            <CsrfField />
            <ErrorSummary form=form.clone() />
            <p class="caption">{step}</p>
            {control}
            <button type="submit" class="button">{td_string!(locale, intake.next)}</button>
        </form>
    }
    .into_any()
}

/// `/intake/controle`: every answer with a link to change it, then on to the outcome.
#[component]
pub fn CheckPage() -> impl IntoView {
    let locale = current_locale();
    let AnswersView(answers) =
        use_context::<AnswersView>().unwrap_or(AnswersView(Answers::default()));
    let rows = summary(&answers)
        .into_iter()
        .map(|(q, value)| {
            let answer = value
                .map(|v| answer_text(locale, q, v))
                .unwrap_or_else(|| td_string!(locale, intake.not_answered).to_string());
            let change = td_string!(locale, intake.change);
            view! {
                <div class="summary-row">
                    <dt>{question_label(locale, q.id)}</dt>
                    <dd>{answer}</dd>
                    <dd class="summary-action">
                        <a href=question_href(q.id, true)>
                            {change}<span class="visually-hidden">{format!(": {}", question_label(locale, q.id))}</span>
                        </a>
                    </dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <PageIntro title=td_string!(locale, intake.check_title) intro=td_string!(locale, intake.check_intro) />
        <dl class="check-answers">{rows}</dl>
        <form method="post" action="/intake/controle">
            <CsrfField />
            <button type="submit" class="button">{td_string!(locale, intake.check_confirm)}</button>
        </form>
        <StartOver />
    }
}

/// A button that forgets every answer (the cookie) and goes back to the start.
#[component]
fn StartOver() -> impl IntoView {
    let locale = current_locale();
    view! {
        <form method="post" action="/intake" class="inline-form">
            <CsrfField />
            <button type="submit" class="button button-secondary" name="actie" value="wissen">
                {td_string!(locale, intake.start_over)}
            </button>
        </form>
    }
}

/// `/intake/uitkomst`: what fits, the criteria for guidance, and the contact request.
#[component]
pub fn OutcomePage() -> impl IntoView {
    let locale = current_locale();
    let AnswersView(answers) =
        use_context::<AnswersView>().unwrap_or(AnswersView(Answers::default()));
    let form = use_form_state();
    let result = outcome(&answers);
    let guidance = match result.guidance {
        Guidance::Fits => td_string!(locale, intake.guidance_fits),
        Guidance::Offered => td_string!(locale, intake.guidance_offered),
        Guidance::Toolbox => td_string!(locale, intake.guidance_toolbox),
    };
    let tools = result
        .tools
        .iter()
        .map(|(tool, href)| {
            let (title, text) = tool_text(locale, *tool);
            view! {
                <li class="card">
                    <h3><a href=href.clone()>{title}</a></h3>
                    <p>{text}</p>
                </li>
            }
        })
        .collect_view();
    let criteria = result
        .criteria
        .iter()
        .map(|(criterion, met)| {
            let (title, explain) = criterion_text(locale, *criterion);
            let verdict = if *met {
                td_string!(locale, intake.criterion_met)
            } else {
                td_string!(locale, intake.criterion_not_met)
            };
            view! {
                <li class="criterion" class:criterion-met=*met>
                    <h3>{title}</h3>
                    <p class="verdict"><strong>{verdict}</strong></p>
                    <p>{explain}</p>
                </li>
            }
        })
        .collect_view();
    let sent_fits = result.guidance == Guidance::Fits;
    view! {
        <PageIntro title=td_string!(locale, intake.outcome_title) intro=td_string!(locale, intake.outcome_intro) />
        <ErrorSummary form=form.clone() />
        <section aria-labelledby="wat-past">
            <h2 id="wat-past">{td_string!(locale, intake.tools_title)}</h2>
            <p>{td_string!(locale, intake.tools_intro)}</p>
            <ul class="cards">{tools}</ul>
        </section>
        <section aria-labelledby="begeleiding">
            <h2 id="begeleiding">{td_string!(locale, intake.guidance_title)}</h2>
            <p class="guidance" id="uitkomst-begeleiding">{guidance}</p>
            <ul class="criteria">{criteria}</ul>
            <p><a href="/intake/criteria">{td_string!(locale, intake.criteria_link)}</a></p>
        </section>
        <section aria-labelledby="contact">
            <h2 id="contact">{td_string!(locale, intake.contact_title)}</h2>
            <p>{if sent_fits { td_string!(locale, intake.contact_intro_fits) } else { td_string!(locale, intake.contact_intro) }}</p>
            <ContactForm form />
        </section>
        <p><a href="/intake/controle">{td_string!(locale, intake.change_answers)}</a></p>
        <StartOver />
    }
}

/// The warm handoff: how to reach the person, and their explicit consent.
#[component]
fn ContactForm(form: FormState) -> impl IntoView {
    let locale = current_locale();
    let mut form = form;
    if form.value("contact").is_empty() {
        form.values.insert("contact".into(), "email".into());
    }
    view! {
        <form method="post" action="/intake/uitkomst" novalidate>
            <CsrfField />
            <Field form=form.clone() name="naam" label=td_string!(locale, apply.name) autocomplete="name" />
            <Field form=form.clone() name="email" label=td_string!(locale, apply.email) kind="email" autocomplete="email" />
            <Field form=form.clone() name="telefoon" label=td_string!(locale, apply.phone) kind="tel" autocomplete="tel" />
            <RadioGroup form=form.clone() name="contact" legend=td_string!(locale, apply.preferred)
                options=vec![("email", td_string!(locale, apply.by_email)), ("phone", td_string!(locale, apply.by_phone))] />
            <TextArea form=form.clone() name="bericht" label=td_string!(locale, intake.contact_message)
                hint=td_string!(locale, intake.contact_message_hint) />
            <Checkbox form=form.clone() name="toestemming" value="ja" label=td_string!(locale, intake.contact_consent)
                hint=td_string!(locale, intake.contact_consent_hint) />
            <button type="submit" class="button">{td_string!(locale, intake.contact_send)}</button>
        </form>
    }
}

/// `/intake/verstuurd?referentie=…`: the contact request arrived.
#[component]
pub fn SentPage() -> impl IntoView {
    let locale = current_locale();
    let reference = use_query_map()
        .with_untracked(|q| q.get("referentie"))
        .filter(|r| {
            r.len() == 13
                && r.starts_with("HVW-")
                && r.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        .unwrap_or_default();
    view! {
        <PageIntro title=td_string!(locale, intake.sent_title) intro=td_string!(locale, intake.sent_intro) />
        {(!reference.is_empty()).then(|| view! {
            <div class="notice" role="status">
                <p>{td_string!(locale, apply.reference)} " " <strong id="referentie">{reference.clone()}</strong></p>
            </div>
        })}
        <p>{td_string!(locale, intake.sent_next)}</p>
        <p><a href="/">{td_string!(locale, intake.to_home)}</a></p>
    }
}

/// `/intake/criteria`: the criteria for personal guidance, each in plain words.
#[component]
pub fn CriteriaPage() -> impl IntoView {
    let locale = current_locale();
    let items = Criterion::ALL
        .iter()
        .map(|c| {
            let (title, explain) = criterion_text(locale, *c);
            view! { <dt>{title}</dt><dd>{explain}</dd> }
        })
        .collect_view();
    view! {
        <PageIntro title=td_string!(locale, intake.criteria_title) intro=td_string!(locale, intake.criteria_intro) />
        <dl class="definitions">{items}</dl>
        <p>{td_string!(locale, intake.criteria_rule)}</p>
        <p>{td_string!(locale, intake.criteria_source)}</p>
        <p><a href="/intake">{td_string!(locale, intake.back_to_intake)}</a></p>
    }
}

/// One row of the menukaart: letter, what, aim, the most it cost (in euros) and whether that
/// price includes btw.
const MENU: &[(&str, u32, bool)] = &[
    ("a", 3280, false),
    ("b", 3280, false),
    ("c", 2080, false),
    ("d", 5000, true),
    ("d2", 1750, false),
    ("e", 3920, false),
    ("f", 3200, false),
    ("g", 1000, false),
];

/// `/intake/menukaart`: the menukaart A–G of the 2021–2022 COVID regulation (ended).
#[component]
pub fn MenuPage() -> impl IntoView {
    let locale = current_locale();
    let rows = MENU
        .iter()
        .map(|(letter, euros, vat)| {
            let (what, aim) = menu_text(locale, letter);
            let price = format!(
                "{} {}",
                crate::domain::calculator::format_euros(i64::from(*euros) * 100),
                if *vat {
                    td_string!(locale, intake.menu_incl_vat)
                } else {
                    td_string!(locale, intake.menu_excl_vat)
                }
            );
            view! {
                <tr>
                    <th scope="row">{what}</th>
                    <td>{aim}</td>
                    <td class="number">{price}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <PageIntro title=td_string!(locale, intake.menu_title) intro=td_string!(locale, intake.menu_intro) />
        <div class="notice notice-warning"><p>{td_string!(locale, intake.menu_ended)}</p></div>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="menukaart-caption">
            <table>
                <caption id="menukaart-caption">{td_string!(locale, intake.menu_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, intake.menu_what)}</th>
                        <th scope="col">{td_string!(locale, intake.menu_aim)}</th>
                        <th scope="col">{td_string!(locale, intake.menu_price)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p>{td_string!(locale, intake.menu_now)}</p>
        <p>{td_string!(locale, intake.menu_source)}</p>
        <p><a href="/intake">{td_string!(locale, intake.back_to_intake)}</a></p>
    }
}

/// A contact request as the coordinators' queue shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntakeRequestRow {
    pub id: i64,
    pub reference: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub preferred_contact: String,
    pub message: String,
    /// The intake's answers (a query string).
    pub answers: String,
    pub created_at: i64,
    pub handled_at: Option<i64>,
}

/// What `/beheer/intake` shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntakeQueueView {
    pub rows: Vec<IntakeRequestRow>,
    pub retention_days: u32,
}

/// `/beheer/intake`: the contact requests from the intake, open ones first.
#[component]
pub fn IntakeQueuePage() -> impl IntoView {
    let locale = current_locale();
    let Some(IntakeQueueView {
        rows,
        retention_days,
    }) = use_context::<IntakeQueueView>()
    else {
        return view! { <crate::account::NotAllowed /> }.into_any();
    };
    let open = rows.iter().filter(|r| r.handled_at.is_none()).count();
    let intro = td_string!(locale, queue.retention).replace("{days}", &retention_days.to_string());
    view! {
        <PageIntro title=td_string!(locale, intake.queue_title) intro=td_string!(locale, intake.queue_intro) />
        <p>{intro}</p>
        <p role="status">{td_string!(locale, queue.open_count).replace("{n}", &open.to_string())}</p>
        {rows.is_empty().then(|| view! { <p>{td_string!(locale, intake.queue_empty)}</p> })}
        <ul class="queue">
            {rows.into_iter().map(|row| view! { <RequestItem row /> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn RequestItem(row: IntakeRequestRow) -> impl IntoView {
    let locale = current_locale();
    let heading_id = format!("verzoek-{}", row.id);
    let heading_ref = heading_id.clone();
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&row.answers).unwrap_or_default();
    let answers = Answers::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let result = outcome(&answers);
    let guidance = match result.guidance {
        Guidance::Fits => td_string!(locale, intake.queue_fits),
        Guidance::Offered => td_string!(locale, intake.queue_offered),
        Guidance::Toolbox => td_string!(locale, intake.queue_toolbox),
    };
    let met = result
        .criteria
        .iter()
        .filter(|(_, met)| *met)
        .map(|(c, _)| criterion_text(locale, *c).0)
        .collect::<Vec<_>>()
        .join(", ");
    let day =
        |at: i64| crate::domain::date::Date::from_days_since_epoch(at.div_euclid(86_400)).dutch();
    let status = match row.handled_at {
        None => td_string!(locale, queue.status_open).to_string(),
        Some(at) => td_string!(locale, queue.status_handled).replace("{date}", &day(at)),
    };
    let answer_rows = summary(&answers)
        .into_iter()
        .filter_map(|(q, v)| v.map(|v| (q, v.to_string())))
        .map(|(q, v)| view! { <dt>{question_label(locale, q.id)}</dt><dd>{answer_text(locale, q, &v)}</dd> })
        .collect_view();
    let is_open = row.handled_at.is_none();
    let message = if row.message.is_empty() {
        "–".to_string()
    } else {
        row.message.clone()
    };
    view! {
        <li class="queue-item" class:queue-open=is_open>
            <article aria-labelledby=heading_ref>
                <h2 id=heading_id>{row.reference.clone()} " – " {guidance}</h2>
                <dl class="facts">
                    <dt>{td_string!(locale, queue.received)}</dt><dd>{day(row.created_at)}</dd>
                    <ContactFacts name=row.name.clone() email=row.email.clone() phone=row.phone.clone()
                        preferred=row.preferred_contact.clone() />
                    <dt>{td_string!(locale, intake.contact_message)}</dt><dd>{message}</dd>
                    <dt>{td_string!(locale, intake.queue_criteria)}</dt><dd>{if met.is_empty() { "–".to_string() } else { met }}</dd>
                    <dt>{td_string!(locale, queue.status)}</dt><dd>{status}</dd>
                </dl>
                <details>
                    <summary>{td_string!(locale, intake.queue_answers)}</summary>
                    <dl class="facts">{answer_rows}</dl>
                </details>
                {is_open.then(|| view! {
                    <form method="post" action="/beheer/intake" class="inline-form">
                        <CsrfField />
                        <input type="hidden" name="id" value=row.id.to_string() />
                        <button type="submit" class="button button-secondary">
                            {td_string!(locale, queue.mark_handled)}
                            <span class="visually-hidden">{format!(": {}", row.reference)}</span>
                        </button>
                    </form>
                })}
            </article>
        </li>
    }
}
