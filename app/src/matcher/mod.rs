//! Skills-CV and vacaturematcher: rank regional vacancies for a CV and close skill gaps with
//! funded training.
//!
//! The pages: `/vacatures` (a plain vacancy search with filters, a GET form; and, when a Skills
//! CV is posted to it, the vacancies ranked for that CV, each explained, with the trainings
//! that teach a missing skill and the schemes that could pay for them), `/vacatures/vacature`
//! (one vacancy), `/vacatures/skills-cv` (the CV: skills picked from a list, by a search or
//! from an occupation; experience, education and wishes — it travels in the form, nothing is
//! stored unless its owner asks), `/werkgevers/vacatures` (an employer's vacancies: post, edit,
//! close) and `/beheer/vacatures` (coordinators import a JSON-LD or CSV file).
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod index;
#[cfg(all(test, feature = "ssr"))]
mod relevance;
#[cfg(feature = "ssr")]
pub mod store;

#[cfg(feature = "ssr")]
pub use handlers::{PAGES, PUBLIC_PAGES};

use crate::domain::calculator::format_euros;
use crate::domain::cv::field;
use crate::domain::matching::Contract;
use crate::forms::{
    use_form_state, CheckboxGroup, CsrfField, ErrorSummary, Field, FormState, LiveList, RadioGroup,
    Select, TextArea,
};
use crate::i18n::*;
use crate::layout::{current_locale, PageIntro};
use crate::stages::{gemeente_name, gemeente_options, sector_options, town_options};

/// A text in Dutch and in English (the page shows the one of its language).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub nl: String,
    pub en: String,
}

impl Label {
    pub fn of(&self, locale: Locale) -> String {
        if locale == Locale::en {
            self.en.clone()
        } else {
            self.nl.clone()
        }
    }
}

/// A vacancy in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VacancyCard {
    pub id: String,
    pub title: String,
    pub employer: String,
    pub town: String,
    pub gemeente: String,
    pub sector: String,
    pub hours: (u8, u8),
    pub contract: Contract,
    pub posted: String,
    pub valid_through: Option<String>,
}

/// The plain search's filters, read from the query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchFilter {
    pub q: String,
    pub sector: String,
    pub gemeente: String,
    /// A town code to measure the distance from, and the km.
    pub from: String,
    pub km: String,
    /// At most this many hours a week (vacancies whose fewest hours fit).
    pub hours: String,
    pub contract: String,
    pub page: usize,
}

pub const PAGE_SIZE: usize = 20;

impl SearchFilter {
    pub fn from_query(query: &str) -> SearchFilter {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
        let get = |key: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.trim().chars().take(100).collect::<String>())
                .unwrap_or_default()
        };
        SearchFilter {
            q: get("q"),
            sector: get("sector"),
            gemeente: get("gemeente"),
            from: get("vanaf"),
            km: get("km"),
            hours: get("uren"),
            contract: get("contract"),
            page: get("pagina").parse::<usize>().unwrap_or(1).clamp(1, 10_000),
        }
    }

    /// The filters as a query (no page), the way the form writes them.
    pub fn to_query(&self) -> String {
        let pairs: Vec<(&str, &str)> = [
            ("q", self.q.as_str()),
            ("sector", &self.sector),
            ("gemeente", &self.gemeente),
            ("vanaf", &self.from),
            ("km", &self.km),
            ("uren", &self.hours),
            ("contract", &self.contract),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect();
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

/// What `/vacatures` shows for a plain search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchView {
    pub filter: SearchFilter,
    pub total: usize,
    pub pages: usize,
    pub vacancies: Vec<VacancyCard>,
    /// Some vacancies are generated demo data (the page says so).
    pub demo: bool,
}

/// A training that teaches a missing skill, and who could pay for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingOffer {
    pub id: String,
    pub name: Label,
    pub provider: String,
    pub town: String,
    pub months: u8,
    pub cost_cents: i64,
    /// Schemes that pay for it for this person, and those that may (a question open).
    pub funders: Vec<Label>,
    pub maybe: Vec<Label>,
    /// What the person pays in the end when the sure schemes pay (None without a plan).
    pub own_cents: Option<i64>,
    /// The scholingscalculator with this training and what the CV tells filled in.
    pub calculator: String,
}

/// A skill a vacancy asks that the CV does not have, with the trainings that teach it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    pub skill: Label,
    pub trainings: Vec<TrainingOffer>,
}

/// One vacancy for the CV, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchItem {
    pub card: VacancyCard,
    pub score: u8,
    pub matched: Vec<Label>,
    pub essential_had: usize,
    pub essential_asked: usize,
    pub asked: usize,
    pub missing_essential: Vec<Gap>,
    pub missing_optional: Vec<Label>,
    pub km: Option<u32>,
    pub minutes: Option<u32>,
    pub sector_ok: Option<bool>,
    pub hours_ok: Option<bool>,
    pub contract_ok: Option<bool>,
}

/// What `/vacatures` shows for a posted Skills CV.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchesView {
    /// The CV as form fields (carried back to the CV page).
    pub cv: Vec<(String, String)>,
    pub skills: usize,
    pub from: Option<String>,
    pub mode: String,
    pub matches: Vec<MatchItem>,
    pub demo: bool,
}

/// One vacancy's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VacancyPageView {
    pub vacancy: Option<VacancyDetail>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VacancyDetail {
    pub card: VacancyCard,
    pub description: String,
    pub essential: Vec<Label>,
    pub optional: Vec<Label>,
    pub occupation: Option<Label>,
    pub open: bool,
}

/// A skill to tick on the CV page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillOption {
    pub id: String,
    pub label: Label,
}

/// What `/vacatures/skills-cv` shows: the CV's skills, what a search or an occupation offers
/// to tick, and the lists the form's questions choose from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CvPageView {
    pub chosen: Vec<SkillOption>,
    /// The skills a search found (not chosen yet), with the words searched.
    pub found: Vec<SkillOption>,
    pub searched: String,
    /// The occupation whose skills are offered, and those skills.
    pub offered: Option<(Label, Vec<SkillOption>)>,
    pub occupations: Vec<SkillOption>,
    pub notice: String,
}

/// An employer's vacancy in their list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnVacancy {
    pub card: VacancyCard,
    pub open: bool,
    pub skills: usize,
}

/// `/werkgevers/vacatures`: the organisation's vacancies, and the one being edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployerVacanciesView {
    pub organisation: String,
    pub vacancies: Vec<OwnVacancy>,
    /// The vacancy being edited (`?id=`), as form values.
    pub editing: Option<(String, Vec<(String, String)>)>,
    pub occupations: Vec<SkillOption>,
    pub notice: String,
}

/// `/beheer/vacatures`: how many vacancies are open, and what the import just done did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportView {
    pub open: usize,
}

/// A record an import skipped: where (its number; for CSV its line; 0 for the whole file), why
/// (said in the page's language), and the reason in English (for the command line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    pub record: usize,
    pub why: ImportWhy,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportWhy {
    Missing {
        name: String,
    },
    /// `should`: `town`, `date`, `hours`, `contract`, `level` or `text`.
    Bad {
        name: String,
        value: String,
        should: String,
    },
    NoSkill,
    NotJobPosting {
        kind: String,
    },
    Fields {
        got: usize,
        want: usize,
    },
    Unreadable,
    Duplicate {
        first: usize,
    },
    IdTooLong {
        max: usize,
    },
    /// The file as a whole (`reason` says why).
    File,
}

/// A skipped record's reason in the page's language.
fn problem_text(locale: Locale, p: &ImportProblem) -> String {
    match &p.why {
        ImportWhy::Missing { name } => {
            td_string!(locale, vacancies.import_missing).replace("{name}", name)
        }
        ImportWhy::Bad {
            name,
            value,
            should,
        } => {
            let should = match should.as_str() {
                "town" => td_string!(locale, vacancies.should_town),
                "date" => td_string!(locale, vacancies.should_date),
                "hours" => td_string!(locale, vacancies.should_hours),
                "contract" => td_string!(locale, vacancies.should_contract),
                "level" => td_string!(locale, vacancies.should_level),
                _ => td_string!(locale, vacancies.should_text),
            };
            td_string!(locale, vacancies.import_bad)
                .replace("{name}", name)
                .replace("{value}", value)
                .replace("{should}", should)
        }
        ImportWhy::NoSkill => td_string!(locale, vacancies.import_no_skill).to_string(),
        ImportWhy::NotJobPosting { kind } => {
            td_string!(locale, vacancies.import_not_posting).replace("{kind}", kind)
        }
        ImportWhy::Fields { got, want } => td_string!(locale, vacancies.import_fields)
            .replace("{got}", &got.to_string())
            .replace("{want}", &want.to_string()),
        ImportWhy::Unreadable => {
            td_string!(locale, vacancies.import_unreadable).replace("{detail}", &p.reason)
        }
        ImportWhy::Duplicate { first } => {
            td_string!(locale, vacancies.import_duplicate).replace("{first}", &first.to_string())
        }
        ImportWhy::IdTooLong { max } => {
            td_string!(locale, vacancies.import_id_long).replace("{max}", &max.to_string())
        }
        ImportWhy::File => {
            td_string!(locale, vacancies.import_file_whole).replace("{detail}", &p.reason)
        }
    }
}

/// The words of a notice's code (`?melding=` after a post).
fn notice_text(locale: Locale, code: &str) -> &'static str {
    match code {
        "geplaatst" => td_string!(locale, vacancies.notice_geplaatst),
        "gewijzigd" => td_string!(locale, vacancies.notice_gewijzigd),
        "gesloten" => td_string!(locale, vacancies.notice_gesloten),
        "bewaard" => td_string!(locale, vacancies.notice_bewaard),
        "vergeten" => td_string!(locale, vacancies.notice_vergeten),
        "geen" => td_string!(locale, vacancies.notice_geen),
        _ => "",
    }
}

fn contract_label(locale: Locale, c: Contract) -> &'static str {
    match c {
        Contract::Vast => td_string!(locale, vacancies.contract_vast),
        Contract::Tijdelijk => td_string!(locale, vacancies.contract_tijdelijk),
        Contract::Leerbaan => td_string!(locale, vacancies.contract_leerbaan),
    }
}

fn contract_options(locale: Locale) -> Vec<(&'static str, &'static str)> {
    Contract::ALL
        .into_iter()
        .map(|c| (c.code(), contract_label(locale, c)))
        .collect()
}

fn hours_text(locale: Locale, (low, high): (u8, u8)) -> String {
    if low == high {
        td_string!(locale, vacancies.hours_one).replace("{n}", &low.to_string())
    } else {
        td_string!(locale, vacancies.hours_range)
            .replace("{low}", &low.to_string())
            .replace("{high}", &high.to_string())
    }
}

fn card_meta(locale: Locale, card: &VacancyCard) -> String {
    format!(
        "{} · {} ({}) · {} · {}",
        card.employer,
        card.town,
        gemeente_name(&card.gemeente),
        hours_text(locale, card.hours),
        contract_label(locale, card.contract)
    )
}

/// `/vacatures`: a CV's matches when one was posted, else the plain search.
#[component]
pub fn VacanciesPage() -> impl IntoView {
    let locale = current_locale();
    if let Some(matches) = use_context::<MatchesView>() {
        return view! { <MatchesPage view=matches /> }.into_any();
    }
    let search = use_context::<SearchView>();
    view! {
        <PageIntro title=td_string!(locale, vacancies.title) intro=td_string!(locale, vacancies.intro) />
        <p class="call-to-action"><a class="button" href="/vacatures/skills-cv">{td_string!(locale, vacancies.to_cv)}</a></p>
        {search.map(|s| view! { <SearchSection view=s /> })}
    }
    .into_any()
}

#[component]
fn SearchSection(view: SearchView) -> impl IntoView {
    let locale = current_locale();
    let f = &view.filter;
    // The monitor counts a search with words or filters, on its first page, when a person
    // asked for the page (the live list's fetches as they type are not counted).
    #[cfg(feature = "ssr")]
    if f.page == 1 && !f.to_query().is_empty() {
        crate::server::tally::count_page("vacancy_search", &f.sector, &f.gemeente);
    }
    let mut form = FormState::default();
    for (k, v) in [
        ("q", &f.q),
        ("sector", &f.sector),
        ("gemeente", &f.gemeente),
        ("vanaf", &f.from),
        ("km", &f.km),
        ("uren", &f.hours),
        ("contract", &f.contract),
    ] {
        form.values.insert(k.into(), v.clone());
    }
    let all = td_string!(locale, stages.filter_all);
    let distances: Vec<(&'static str, &'static str)> = vec![
        ("5", "5 km"),
        ("10", "10 km"),
        ("20", "20 km"),
        ("30", "30 km"),
        ("50", "50 km"),
    ];
    let hours: Vec<(&'static str, &'static str)> = vec![
        ("16", td_string!(locale, vacancies.hours_upto_16)),
        ("24", td_string!(locale, vacancies.hours_upto_24)),
        ("32", td_string!(locale, vacancies.hours_upto_32)),
    ];
    let count = if view.total == 1 {
        td_string!(locale, vacancies.count_one).to_string()
    } else {
        td_string!(locale, vacancies.count).replace("{count}", &view.total.to_string())
    };
    let query = f.to_query();
    let page = f.page;
    let pages = view.pages;
    let link = move |n: usize| {
        if query.is_empty() {
            format!("/vacatures?pagina={n}#vacatures")
        } else {
            format!("/vacatures?{query}&pagina={n}#vacatures")
        }
    };
    view! {
        <section aria-labelledby="zoeken">
            <h2 id="zoeken">{td_string!(locale, vacancies.search_heading)}</h2>
            <LiveList unavailable=td_string!(locale, vacancies.list_unavailable).to_string() list="vacatures" count="vacatures-aantal">
            <form method="get" action="/vacatures" class="filters">
                <Field form=form.clone() name="q" label=td_string!(locale, vacancies.filter_text) kind="search" />
                <Select form=form.clone() name="sector" label=td_string!(locale, stages.filter_sector) placeholder=all options=sector_options(locale) />
                <Select form=form.clone() name="gemeente" label=td_string!(locale, stages.filter_gemeente) placeholder=all options=gemeente_options() />
                <Select form=form.clone() name="vanaf" label=td_string!(locale, stages.filter_from) hint=td_string!(locale, stages.filter_from_hint) placeholder=td_string!(locale, stages.filter_nowhere) options=town_options() />
                <Select form=form.clone() name="km" label=td_string!(locale, stages.filter_km) placeholder=td_string!(locale, stages.filter_any_distance) options=distances />
                <Select form=form.clone() name="uren" label=td_string!(locale, vacancies.filter_hours) placeholder=all options=hours />
                <Select form=form.clone() name="contract" label=td_string!(locale, vacancies.filter_contract) placeholder=all options=contract_options(locale) />
                <button type="submit" class="button">{td_string!(locale, vacancies.filter_submit)}</button>
            </form>
            <p role="status" id="vacatures-aantal">{count}</p>
            {view.demo.then(|| view! { <p class="hint">{td_string!(locale, vacancies.demo_note)}</p> })}
            <div id="vacatures">
            <ul class="opening-list">
                {view.vacancies.into_iter().map(|v| {
                    let meta = card_meta(locale, &v);
                    view! {
                        <li class="opening" id=format!("vacature-{}", v.id)>
                            <h3><a href=format!("/vacatures/vacature?id={}", v.id)>{v.title.clone()}</a></h3>
                            <p class="opening-meta">{meta}</p>
                            <p>{td_string!(locale, vacancies.posted).replace("{date}", &v.posted)}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(pages > 1).then(|| view! {
                <nav class="pagination" aria-label=td_string!(locale, vacancies.pages_label)>
                    {(page > 1).then(|| view! { <a rel="prev" href=link(page - 1)>{td_string!(locale, vacancies.previous)}</a> })}
                    " "<span>{td_string!(locale, vacancies.page_of).replace("{page}", &page.to_string()).replace("{pages}", &pages.to_string())}</span>" "
                    {(page < pages).then(|| view! { <a rel="next" href=link(page + 1)>{td_string!(locale, vacancies.next)}</a> })}
                </nav>
            })}
            </div>
            </LiveList>
        </section>
    }
}

fn wish_text(ok: Option<bool>, yes: &'static str, no: &'static str) -> Option<String> {
    ok.map(|ok| if ok { yes.to_string() } else { no.to_string() })
}

#[component]
fn MatchesPage(view: MatchesView) -> impl IntoView {
    let locale = current_locale();
    let mode = match view.mode.as_str() {
        "auto" => td_string!(locale, vacancies.by_auto),
        "ov" => td_string!(locale, vacancies.by_ov),
        _ => td_string!(locale, vacancies.by_fiets),
    };
    let cv = view.cv.clone();
    let count = td_string!(locale, vacancies.matches_count)
        .replace("{count}", &view.matches.len().to_string())
        .replace("{skills}", &view.skills.to_string());
    view! {
        <PageIntro title=td_string!(locale, vacancies.matches_title) intro=td_string!(locale, vacancies.matches_intro) />
        <form method="post" action="/vacatures/skills-cv" class="inline-form cv-carry">
            <CsrfField />
            {cv.into_iter().map(|(k, v)| view! { <input type="hidden" name=k value=v /> }).collect_view()}
            <button type="submit" class="button button-secondary" name="actie" value="terug">{td_string!(locale, vacancies.edit_cv)}</button>
        </form>
        <p role="status" id="matches-aantal">{count}</p>
        {view.demo.then(|| view! { <p class="hint">{td_string!(locale, vacancies.demo_note)}</p> })}
        {view.matches.is_empty().then(|| view! { <p>{td_string!(locale, vacancies.matches_none)}</p> })}
        <ol class="opening-list match-list" id="matches">
            {view.matches.into_iter().map(|m| {
                let meta = card_meta(locale, &m.card);
                let had = td_string!(locale, vacancies.skills_had)
                    .replace("{had}", &m.matched.len().to_string())
                    .replace("{asked}", &m.asked.to_string())
                    .replace("{ehad}", &m.essential_had.to_string())
                    .replace("{easked}", &m.essential_asked.to_string());
                let trip = m.km.map(|km| td_string!(locale, vacancies.trip)
                    .replace("{km}", &km.to_string())
                    .replace("{minutes}", &m.minutes.unwrap_or_default().to_string())
                    .replace("{mode}", mode));
                let wishes: Vec<String> = [
                    wish_text(m.sector_ok, td_string!(locale, vacancies.wish_sector_yes), td_string!(locale, vacancies.wish_sector_no)),
                    wish_text(m.hours_ok, td_string!(locale, vacancies.wish_hours_yes), td_string!(locale, vacancies.wish_hours_no)),
                    wish_text(m.contract_ok, td_string!(locale, vacancies.wish_contract_yes), td_string!(locale, vacancies.wish_contract_no)),
                ].into_iter().flatten().collect();
                let matched = m.matched.iter().map(|l| l.of(locale)).collect::<Vec<_>>().join(", ");
                let optional = m.missing_optional.iter().map(|l| l.of(locale)).collect::<Vec<_>>().join(", ");
                let id = m.card.id.clone();
                view! {
                    <li class="opening match" id=format!("match-{id}")>
                        <h2 class="h3"><a href=format!("/vacatures/vacature?id={id}")>{m.card.title.clone()}</a></h2>
                        <p class="opening-meta">{meta}</p>
                        <p class="score"><strong>{td_string!(locale, vacancies.score).replace("{score}", &m.score.to_string())}</strong>" "{had}</p>
                        {trip.map(|t| view! { <p class="trip">{t}</p> })}
                        {(!wishes.is_empty()).then(|| view! { <p class="wishes">{wishes.join(" · ")}</p> })}
                        {(!matched.is_empty()).then(|| view! { <p><strong>{td_string!(locale, vacancies.you_have)}</strong>" "{matched}</p> })}
                        {(!m.missing_essential.is_empty()).then(|| view! {
                            <div class="gaps">
                                <h3 class="h4">{td_string!(locale, vacancies.missing_essential)}</h3>
                                <ul>
                                    {m.missing_essential.iter().map(|g| view! {
                                        <li>
                                            <strong>{g.skill.of(locale)}</strong>
                                            {if g.trainings.is_empty() {
                                                view! { <p>{td_string!(locale, vacancies.no_training)}</p> }.into_any()
                                            } else {
                                                view! { <TrainingList trainings=g.trainings.clone() /> }.into_any()
                                            }}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </div>
                        })}
                        {(!optional.is_empty()).then(|| view! { <p><strong>{td_string!(locale, vacancies.missing_optional)}</strong>" "{optional}</p> })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[component]
fn TrainingList(trainings: Vec<TrainingOffer>) -> impl IntoView {
    let locale = current_locale();
    view! {
        <ul class="trainings">
            {trainings.into_iter().map(|t| {
                let facts = td_string!(locale, vacancies.training_facts)
                    .replace("{provider}", &t.provider)
                    .replace("{town}", &t.town)
                    .replace("{months}", &t.months.to_string())
                    .replace("{cost}", &format_euros(t.cost_cents));
                let funders = t.funders.iter().map(|l| l.of(locale)).collect::<Vec<_>>().join(", ");
                let maybe = t.maybe.iter().map(|l| l.of(locale)).collect::<Vec<_>>().join(", ");
                view! {
                    <li class="training">
                        {t.name.of(locale)}" — "{facts}
                        {(!funders.is_empty()).then(|| view! { <br /><span>{td_string!(locale, vacancies.funders)}" "{funders}</span> })}
                        {(!maybe.is_empty()).then(|| view! { <br /><span>{td_string!(locale, vacancies.funders_maybe)}" "{maybe}</span> })}
                        {t.own_cents.filter(|_| !t.funders.is_empty()).map(|own| view! { <br /><span>{td_string!(locale, vacancies.own_cost).replace("{own}", &format_euros(own))}</span> })}
                        <br /><a href=t.calculator.clone()>{td_string!(locale, vacancies.to_calculator).replace("{training}", &t.name.of(locale))}</a>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// `/vacatures/vacature?id=`: one vacancy.
#[component]
pub fn VacancyPage() -> impl IntoView {
    let locale = current_locale();
    let Some(detail) = use_context::<VacancyPageView>().and_then(|v| v.vacancy) else {
        return view! {
            <leptos_meta::Title text=td_string!(locale, vacancies.not_found) />
            <h1>{td_string!(locale, vacancies.not_found)}</h1>
            <p><a href="/vacatures">{td_string!(locale, vacancies.back)}</a></p>
        }
        .into_any();
    };
    let meta = card_meta(locale, &detail.card);
    let join = |list: &[Label]| {
        list.iter()
            .map(|l| l.of(locale))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let essential = join(&detail.essential);
    let optional = join(&detail.optional);
    view! {
        <leptos_meta::Title text=detail.card.title.clone() />
        <h1>{detail.card.title.clone()}</h1>
        <p class="opening-meta">{meta}</p>
        {(!detail.open).then(|| view! { <p class="notice">{td_string!(locale, vacancies.closed)}</p> })}
        <p>{td_string!(locale, vacancies.posted).replace("{date}", &detail.card.posted)}
            {detail.card.valid_through.clone().map(|d| view! { " "{td_string!(locale, vacancies.valid_through).replace("{date}", &d)} })}</p>
        {detail.occupation.map(|o| view! { <p>{td_string!(locale, vacancies.occupation)}" "{o.of(locale)}</p> })}
        <h2>{td_string!(locale, vacancies.asked_heading)}</h2>
        <p><strong>{td_string!(locale, vacancies.essential)}</strong>" "{essential}</p>
        {(!optional.is_empty()).then(|| view! { <p><strong>{td_string!(locale, vacancies.optional)}</strong>" "{optional}</p> })}
        <h2>{td_string!(locale, vacancies.description_heading)}</h2>
        <p class="description">{detail.description.clone()}</p>
        <p><a href="/vacatures/skills-cv">{td_string!(locale, vacancies.to_cv)}</a>" · "<a href="/vacatures">{td_string!(locale, vacancies.back)}</a></p>
    }
    .into_any()
}

/// A group of checkboxes whose options are owned texts (skills of the taxonomy).
#[component]
fn SkillBoxes(
    /// The fieldset's id (the error summary links to the chosen list's).
    id: &'static str,
    legend: String,
    options: Vec<SkillOption>,
    checked: bool,
) -> impl IntoView {
    let locale = current_locale();
    view! {
        <fieldset class="checkboxes skill-boxes" id=id>
            <legend>{legend}</legend>
            {options.into_iter().map(|o| {
                let option_id = format!("{id}-{}", o.id);
                view! {
                    <div class="checkbox">
                        <input type="checkbox" id=option_id.clone() name=field::SKILL value=o.id.clone() checked=checked />
                        <label for=option_id>{o.label.of(locale)}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// `/vacatures/skills-cv`: the Skills CV.
#[component]
pub fn SkillsCvPage() -> impl IntoView {
    let locale = current_locale();
    let form = use_form_state();
    let page = use_context::<CvPageView>().unwrap_or_default();
    // Logged in: the CV can be saved on the account (the page is only rendered by the server).
    #[cfg(feature = "ssr")]
    let logged_in = use_context::<http::request::Parts>().is_some_and(|p| {
        p.extensions
            .get::<crate::server::auth::CurrentUser>()
            .is_some()
    });
    #[cfg(not(feature = "ssr"))]
    let logged_in = false;
    let education: Vec<(&'static str, &'static str)> = crate::domain::schemes::Education::ALL
        .into_iter()
        .map(|e| {
            (
                e.code(),
                crate::calculator::labels::education_label(locale, e),
            )
        })
        .collect();
    let modes: Vec<(&'static str, &'static str)> = vec![
        ("fiets", td_string!(locale, vacancies.mode_fiets)),
        ("auto", td_string!(locale, vacancies.mode_auto)),
        ("ov", td_string!(locale, vacancies.mode_ov)),
    ];
    // The experience rows: each kept one, and one empty row to add another.
    let occupations_kept = form.list(field::OCCUPATION).to_vec();
    let years_kept = form.list(field::YEARS).to_vec();
    let mut rows: Vec<(String, String)> = occupations_kept
        .iter()
        .enumerate()
        .filter(|(_, o)| !o.is_empty())
        .map(|(i, o)| (o.clone(), years_kept.get(i).cloned().unwrap_or_default()))
        .collect();
    if rows.len() < crate::domain::cv::MAX_EXPERIENCE {
        rows.push((String::new(), String::new()));
    }
    // The error summary links to the field's id: each message carries the id of its field.
    let experience_errors: Vec<(&'static str, &'static str)> = [field::OCCUPATION, field::YEARS]
        .into_iter()
        .filter_map(|f| {
            form.error(f)
                .map(|k| (f, crate::forms::error_text(locale, k)))
        })
        .collect();
    let experience_invalid = (!experience_errors.is_empty()).then_some("true");
    let experience_described = (!experience_errors.is_empty()).then(|| {
        experience_errors
            .iter()
            .map(|(f, _)| crate::forms::field_id(f))
            .collect::<Vec<_>>()
            .join(" ")
    });
    let skill_error = form
        .error(field::SKILL)
        .map(|k| crate::forms::error_text(locale, k));
    let occupations = page.occupations.clone();
    let state = if form.values.is_empty() {
        "leeg"
    } else {
        "ingevuld"
    };
    let labels = CvLabels {
        found: td_string!(locale, vacancies.cv_live_found).to_string(),
        found_none: td_string!(locale, vacancies.cv_found_none).to_string(),
        added: td_string!(locale, vacancies.cv_live_added).to_string(),
        chosen: td_string!(locale, vacancies.cv_chosen).to_string(),
        restored: td_string!(locale, vacancies.cv_live_restored).to_string(),
        english: locale == Locale::en,
    };
    view! {
        <PageIntro title=td_string!(locale, vacancies.cv_title) intro=td_string!(locale, vacancies.cv_intro) />
        <CvIsland labels>
        {(!page.notice.is_empty()).then(|| view! { <div class="notice" role="status"><p>{notice_text(locale, &page.notice)}</p></div> })}
        <ErrorSummary form=form.clone() />
        <p class="hint">{td_string!(locale, vacancies.cv_privacy)}</p>
        <p id="cv-status" role="status" class="cv-status"></p>
        <form method="post" action="/vacatures/skills-cv" novalidate id="skills-cv" class="cv-form" data-state=state>
            <CsrfField />
            <h2 id="cv-vaardigheden">{td_string!(locale, vacancies.cv_skills_heading)}</h2>
            {skill_error.map(|e| view! { <p class="error-message" id="veld-vaardigheid"><span class="visually-hidden">{td_string!(locale, form.error_prefix)}</span>{e}</p> })}
            {if page.chosen.is_empty() {
                view! { <p id="cv-gekozen-leeg">{td_string!(locale, vacancies.cv_none_chosen)}</p> }.into_any()
            } else {
                view! { <SkillBoxes id="cv-gekozen" legend=td_string!(locale, vacancies.cv_chosen).to_string() options=page.chosen.clone() checked=true /> }.into_any()
            }}
            <div class="search-row">
                <Field form=form.clone() name="zoek" label=td_string!(locale, vacancies.cv_search) hint=td_string!(locale, vacancies.cv_search_hint) kind="search" />
                <button type="submit" class="button button-secondary" name="actie" value="zoek">{td_string!(locale, vacancies.cv_search_button)}</button>
            </div>
            <ul id="cv-suggesties" class="suggestions"></ul>
            <p id="cv-suggesties-status" role="status" class="cv-status"></p>
            {(!page.searched.is_empty()).then(|| if page.found.is_empty() {
                view! { <p role="status">{td_string!(locale, vacancies.cv_found_none).replace("{q}", &page.searched)}</p> }.into_any()
            } else {
                view! { <SkillBoxes id="cv-gevonden" legend=td_string!(locale, vacancies.cv_found).replace("{q}", &page.searched) options=page.found.clone() checked=false /> }.into_any()
            })}
            {page.offered.clone().map(|(name, skills)| view! {
                <SkillBoxes id="cv-beroep" legend=td_string!(locale, vacancies.cv_offered).replace("{occupation}", &name.of(locale)) options=skills checked=false />
            })}
            {(!page.found.is_empty() || page.offered.is_some()).then(|| view! {
                <button type="submit" class="button button-secondary" name="actie" value="toevoegen">{td_string!(locale, vacancies.cv_add_ticked)}</button>
            })}

            <h2 id="cv-ervaring">{td_string!(locale, vacancies.cv_experience_heading)}</h2>
            <p class="hint">{td_string!(locale, vacancies.cv_experience_hint)}</p>
            {experience_errors.into_iter().map(|(f, e)| view! { <p class="error-message" id=crate::forms::field_id(f)><span class="visually-hidden">{td_string!(locale, form.error_prefix)}</span>{e}</p> }).collect_view()}
            {rows.into_iter().enumerate().map(|(i, (occupation, years))| {
                let select_id = format!("ervaring-{i}");
                let years_id = format!("jaren-{i}");
                view! {
                    <div class="experience-row">
                        <div class="field">
                            <label for=select_id.clone()>{td_string!(locale, vacancies.cv_worked_as)}</label>
                            <select id=select_id name=field::OCCUPATION aria-invalid=experience_invalid aria-describedby=experience_described.clone()>
                                <option value="">{td_string!(locale, vacancies.cv_choose_occupation)}</option>
                                {occupations.iter().map(|o| view! {
                                    <option value=o.id.clone() selected=o.id == occupation>{o.label.of(locale)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for=years_id.clone()>{td_string!(locale, vacancies.cv_years)}</label>
                            <input id=years_id type="text" inputmode="numeric" class="input-short" name=field::YEARS value=years aria-invalid=experience_invalid aria-describedby=experience_described.clone() />
                        </div>
                    </div>
                }
            }).collect_view()}
            <button type="submit" class="button button-secondary" name="actie" value="beroep">{td_string!(locale, vacancies.cv_offer_skills)}</button>

            <h2>{td_string!(locale, vacancies.cv_education_heading)}</h2>
            <Select form=form.clone() name=field::EDUCATION label=td_string!(locale, vacancies.cv_education) placeholder=td_string!(locale, vacancies.cv_not_said) options=education />

            <h2>{td_string!(locale, vacancies.cv_wishes_heading)}</h2>
            <CheckboxGroup form=form.clone() name=field::SECTOR legend=td_string!(locale, vacancies.cv_sectors) hint=td_string!(locale, vacancies.cv_sectors_hint) options=sector_options(locale) />
            <Field form=form.clone() name=field::HOURS_MIN label=td_string!(locale, vacancies.cv_hours_min) inputmode="numeric" />
            <Field form=form.clone() name=field::HOURS_MAX label=td_string!(locale, vacancies.cv_hours_max) inputmode="numeric" />
            <CheckboxGroup form=form.clone() name=field::CONTRACT legend=td_string!(locale, vacancies.cv_contracts) options=contract_options(locale) />
            <Select form=form.clone() name=field::TOWN label=td_string!(locale, vacancies.cv_town) hint=td_string!(locale, vacancies.cv_town_hint) placeholder=td_string!(locale, vacancies.cv_not_said) options=town_options() />
            <RadioGroup form=form.clone() name=field::MODE legend=td_string!(locale, vacancies.cv_mode) options=modes />
            <Field form=form.clone() name=field::MAX_KM label=td_string!(locale, vacancies.cv_max_km) inputmode="numeric" />
            <Field form=form.clone() name=field::MAX_MINUTES label=td_string!(locale, vacancies.cv_max_minutes) hint=td_string!(locale, vacancies.cv_estimate_hint) inputmode="numeric" />

            <div class="button-row">
                <button type="submit" class="button" formaction="/vacatures" name="actie" value="matches">{td_string!(locale, vacancies.cv_show_matches)}</button>
                <button type="submit" class="button button-secondary" name="actie" value="download">{td_string!(locale, vacancies.cv_download)}</button>
            </div>
            {logged_in.then(|| view! {
                <div class="button-row">
                    <button type="submit" class="button button-secondary" name="actie" value="bewaren">{td_string!(locale, vacancies.cv_save)}</button>
                    <button type="submit" class="button button-secondary" name="actie" value="ophalen">{td_string!(locale, vacancies.cv_load)}</button>
                    <button type="submit" class="button button-secondary" name="actie" value="vergeten">{td_string!(locale, vacancies.cv_forget)}</button>
                </div>
            })}
        </form>
        <h2 id="cv-bestand">{td_string!(locale, vacancies.cv_upload_heading)}</h2>
        <form method="post" action="/vacatures/skills-cv" enctype="multipart/form-data" novalidate class="upload-form">
            <CsrfField />
            <div class="field" class:field-error=form.error("bestand").is_some()>
                <label for="veld-bestand">{td_string!(locale, vacancies.cv_upload)}</label>
                {form.error("bestand").map(|k| view! { <p class="error-message" id="veld-bestand-error"><span class="visually-hidden">{td_string!(locale, form.error_prefix)}</span>{crate::forms::error_text(locale, k)}</p> })}
                <input type="file" id="veld-bestand" name="bestand" accept="application/json,.json" aria-describedby=form.error("bestand").map(|_| "veld-bestand-error") aria-invalid=form.error("bestand").map(|_| "true") />
            </div>
            <button type="submit" class="button button-secondary" name="actie" value="uploaden">{td_string!(locale, vacancies.cv_upload_button)}</button>
        </form>
        <p><a href="/vacatures/skills-cv" rel="external" id="cv-wissen">{td_string!(locale, vacancies.cv_clear)}</a></p>
        </CvIsland>
    }
}

/// `/werkgevers/vacatures`: the organisation's vacancies, a form for a new one (or for the one
/// being edited), and a button to close each open one.
#[component]
pub fn EmployerVacanciesPage() -> impl IntoView {
    let locale = current_locale();
    let mut form = use_form_state();
    let Some(view) = use_context::<EmployerVacanciesView>() else {
        return view! { <crate::account::NotAllowed /> }.into_any();
    };
    let editing = view.editing.clone();
    if let (Some((_, values)), false) = (&editing, form.has_errors() || !form.values.is_empty()) {
        for (k, v) in values {
            if k == field::SKILL {
                continue;
            }
            form.values.insert(k.clone(), v.clone());
        }
    }
    let occupations: Vec<(String, String)> = view
        .occupations
        .iter()
        .map(|o| (o.id.clone(), o.label.of(locale)))
        .collect();
    let chosen_occupation = form.value("beroep");
    let (action, heading, submit) = match &editing {
        Some((id, _)) => (
            format!("/werkgevers/vacatures?id={id}"),
            td_string!(locale, vacancies.employer_edit),
            td_string!(locale, vacancies.employer_save),
        ),
        None => (
            "/werkgevers/vacatures".to_string(),
            td_string!(locale, vacancies.employer_new),
            td_string!(locale, vacancies.employer_post),
        ),
    };
    view! {
        <PageIntro title=td_string!(locale, vacancies.employer_title) intro=td_string!(locale, vacancies.employer_intro) />
        {(!view.notice.is_empty()).then(|| view! { <div class="notice" role="status"><p>{notice_text(locale, &view.notice)}</p></div> })}
        <ErrorSummary form=form.clone() />
        <p class="org-name">{td_string!(locale, stages.for_organisation)}" "<strong>{view.organisation.clone()}</strong></p>
        <h2>{td_string!(locale, vacancies.employer_list)}</h2>
        {if view.vacancies.is_empty() {
            view! { <p>{td_string!(locale, vacancies.employer_none)}</p> }.into_any()
        } else {
            view! {
                <ul class="opening-list" id="eigen-vacatures">
                    {view.vacancies.iter().map(|v| {
                        let id = v.card.id.clone();
                        view! {
                            <li class="opening">
                                <h3><a href=format!("/vacatures/vacature?id={id}")>{v.card.title.clone()}</a></h3>
                                <p class="opening-meta">{card_meta(locale, &v.card)}</p>
                                <p>{if v.open { td_string!(locale, vacancies.status_open) } else { td_string!(locale, vacancies.status_closed) }}
                                   " · "{td_string!(locale, vacancies.skills_recognised).replace("{n}", &v.skills.to_string())}</p>
                                {v.open.then(|| view! {
                                    <p class="actions">
                                        <a href=format!("/werkgevers/vacatures?id={id}#vacature-formulier")>{td_string!(locale, vacancies.employer_edit_link)}</a>
                                    </p>
                                    <form method="post" action="/werkgevers/vacatures" class="inline-form">
                                        <CsrfField />
                                        <input type="hidden" name="sluit" value=id.clone() />
                                        <button type="submit" class="button button-secondary">{td_string!(locale, vacancies.employer_close)}</button>
                                    </form>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <h2 id="vacature-formulier">{heading}</h2>
        <form method="post" action=action novalidate>
            <CsrfField />
            <Field form=form.clone() name="titel" label=td_string!(locale, vacancies.f_title) />
            <TextArea form=form.clone() name="omschrijving" label=td_string!(locale, vacancies.f_description) hint=td_string!(locale, vacancies.f_description_hint) rows=8 maxlength=5000 />
            <TextArea form=form.clone() name="vaardigheden" label=td_string!(locale, vacancies.f_skills) hint=td_string!(locale, vacancies.f_skills_hint) rows=3 maxlength=1000 />
            <div class="field" class:field-error=form.error("beroep").is_some()>
                <label for="veld-beroep">{td_string!(locale, vacancies.f_occupation)}</label>
                {form.error("beroep").map(|k| view! { <p class="error-message" id="veld-beroep-error"><span class="visually-hidden">{td_string!(locale, form.error_prefix)}</span>{crate::forms::error_text(locale, k)}</p> })}
                <select id="veld-beroep" name="beroep" aria-invalid=form.error("beroep").map(|_| "true") aria-describedby=form.error("beroep").map(|_| "veld-beroep-error")>
                    <option value="">{td_string!(locale, vacancies.f_occupation_none)}</option>
                    {occupations.into_iter().map(|(id, label)| {
                        let selected = id == chosen_occupation;
                        view! { <option value=id selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <Select form=form.clone() name="plaats" label=td_string!(locale, vacancies.f_town) placeholder=td_string!(locale, vacancies.cv_not_said) options=town_options() />
            <Field form=form.clone() name="uren_min" label=td_string!(locale, vacancies.f_hours_min) inputmode="numeric" />
            <Field form=form.clone() name="uren_max" label=td_string!(locale, vacancies.f_hours_max) inputmode="numeric" />
            <RadioGroup form=form.clone() name="contract" legend=td_string!(locale, vacancies.filter_contract) options=contract_options(locale) />
            <Field form=form.clone() name="geldig_tot" label=td_string!(locale, vacancies.f_valid_through) kind="date" hint=td_string!(locale, vacancies.f_valid_through_hint) />
            <button type="submit" class="button">{submit}</button>
        </form>
    }
    .into_any()
}

/// `/beheer/vacatures`: import vacancies from a JSON-LD or CSV file.
#[component]
pub fn VacancyImportPage() -> impl IntoView {
    let locale = current_locale();
    let form = use_form_state();
    let view = use_context::<ImportView>().unwrap_or_default();
    let report = use_context::<ImportReport>();
    let (imported, problems) = match report {
        Some(r) => (Some(r.imported), r.problems),
        None => (None, Vec::new()),
    };
    view! {
        <PageIntro title=td_string!(locale, vacancies.import_title) intro=td_string!(locale, vacancies.import_intro) />
        <ErrorSummary form=form.clone() />
        <p>{td_string!(locale, vacancies.import_open).replace("{n}", &view.open.to_string())}</p>
        {imported.map(|n| view! {
            <div class="notice" role="status" id="import-verslag">
                <p>{td_string!(locale, vacancies.import_done).replace("{n}", &n.to_string()).replace("{skipped}", &problems.len().to_string())}</p>
                {(!problems.is_empty()).then(|| view! {
                    <ul>{problems.iter().map(|p| {
                        // Record 0: the file as a whole.
                        let place = if p.record == 0 {
                            String::new()
                        } else {
                            format!("{} ", td_string!(locale, vacancies.import_problem).replace("{record}", &p.record.to_string()))
                        };
                        view! { <li>{place}{problem_text(locale, p)}</li> }
                    }).collect_view()}</ul>
                })}
            </div>
        })}
        <form method="post" action="/beheer/vacatures" enctype="multipart/form-data" novalidate>
            <CsrfField />
            <div class="field" class:field-error=form.error("bestand").is_some()>
                <label for="veld-bestand">{td_string!(locale, vacancies.import_file)}</label>
                <p class="hint" id="veld-bestand-hint">{td_string!(locale, vacancies.import_hint)}</p>
                {form.error("bestand").map(|k| view! { <p class="error-message" id="veld-bestand-error"><span class="visually-hidden">{td_string!(locale, form.error_prefix)}</span>{crate::forms::error_text(locale, k)}</p> })}
                <input type="file" id="veld-bestand" name="bestand" accept=".json,.jsonld,.csv,application/ld+json,application/json,text/csv" aria-describedby=if form.error("bestand").is_some() { "veld-bestand-hint veld-bestand-error" } else { "veld-bestand-hint" } aria-invalid=form.error("bestand").map(|_| "true") />
            </div>
            <button type="submit" class="button">{td_string!(locale, vacancies.import_button)}</button>
        </form>
    }
}

/// What an import did, provided by the handler that ran it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub imported: usize,
    pub problems: Vec<ImportProblem>,
}

/// What the Skills CV's island says, in the page's language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CvLabels {
    /// "{n} skills found…" after a search as you type.
    pub found: String,
    pub found_none: String,
    /// "{skill} is in your CV now."
    pub added: String,
    /// The chosen list's legend, when the island makes the list.
    pub chosen: String,
    /// Said when the CV kept on this device was put back.
    pub restored: String,
    pub english: bool,
}

/// The Skills CV with JavaScript. Without it the page is whole: a search button lists skills
/// to tick, and the CV travels in the form. With it:
/// - a search as you type: the island reads the open JSON API `/api/v1/skills?q=` with
///   gloo-net (after a pause of 250 ms; only the newest answer writes) and offers each skill
///   found as a button that adds it to the CV at once, the status line saying what happened;
/// - the CV stays on this device: every change is kept in the browser's localStorage (never
///   sent anywhere by itself), and an empty CV page puts it back (the server renders the form
///   for it, as for the form's own posts); "start again" forgets it.
///
/// Lazy: its code (gloo-net, the JSON reading) is a wasm chunk that only this page loads.
#[island(lazy)]
fn CvIsland(labels: CvLabels, children: Children) -> impl IntoView {
    #[cfg(not(feature = "ssr"))]
    cv_browser::start(labels);
    #[cfg(feature = "ssr")]
    let _ = labels;
    view! { <div class="cv-live">{children()}</div> }
}

/// The browser's half of [`CvIsland`]: plain DOM work, no views.
#[cfg(not(feature = "ssr"))]
mod cv_browser {
    use std::rc::Rc;
    use std::time::Duration;

    use leptos::ev;
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{Element, Event, HtmlFormElement, HtmlInputElement};
    use serde::Deserialize;

    use super::CvLabels;
    use crate::browser;
    use crate::domain::cv::field;

    /// Where the CV is kept on this device.
    const KEY: &str = "hvw-skills-cv";
    /// Form fields that are not the CV.
    const NOT_CV: [&str; 3] = ["_csrf", "actie", "zoek"];
    const PAUSE: Duration = Duration::from_millis(250);

    #[derive(Deserialize)]
    struct Answer {
        skills: Vec<Hit>,
    }

    #[derive(Deserialize)]
    struct Hit {
        id: String,
        nl: String,
        en: String,
    }

    pub fn start(labels: CvLabels) {
        let labels = Rc::new(labels);
        restore(Rc::clone(&labels));
        let latest = StoredValue::new(0u64);
        let typed = Rc::clone(&labels);
        _ = window_event_listener(ev::input, move |ev| {
            if input_id(&ev).as_deref() == Some("veld-zoek") {
                let ticket = latest.get_value() + 1;
                latest.set_value(ticket);
                let labels = Rc::clone(&typed);
                set_timeout(
                    move || {
                        if latest.get_value() == ticket {
                            suggest(labels, move || latest.get_value() == ticket);
                        }
                    },
                    PAUSE,
                );
            } else {
                keep(&ev);
            }
        });
        _ = window_event_listener(ev::change, |ev| keep(&ev));
        let clicked = Rc::clone(&labels);
        _ = window_event_listener(ev::click, move |ev| {
            let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            if let Some(button) = target.closest("button[data-skill]").ok().flatten() {
                add(&button, &clicked);
            } else if target.closest("#cv-wissen").ok().flatten().is_some() {
                if let Some(storage) = storage() {
                    let _ = storage.remove_item(KEY);
                }
            }
        });
    }

    fn storage() -> Option<leptos::web_sys::Storage> {
        window().local_storage().ok().flatten()
    }

    fn input_id(ev: &Event) -> Option<String> {
        ev.target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            .map(|input| input.id())
    }

    fn cv_form() -> Option<HtmlFormElement> {
        document()
            .get_element_by_id("skills-cv")
            .and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
    }

    /// Says `text` in the status line `id` (the page's, or the search's).
    fn say(id: &str, text: &str) {
        if let Some(status) = document().get_element_by_id(id) {
            status.set_text_content(Some(text));
        }
    }

    /// The CV form's fields as a query, without what is not the CV.
    fn cv_query() -> Option<String> {
        let query = browser::query_of(&cv_form()?)?;
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&query).ok()?;
        let kept: Vec<(String, String)> = pairs
            .into_iter()
            .filter(|(k, v)| !NOT_CV.contains(&k.as_str()) && !v.is_empty())
            .collect();
        serde_urlencoded::to_string(kept).ok()
    }

    /// Keeps the CV on this device after a change in its form.
    fn keep(ev: &Event) {
        let in_cv = browser::form_of(ev).is_some_and(|f| f.id() == "skills-cv");
        if !in_cv {
            return;
        }
        if let (Some(storage), Some(query)) = (storage(), cv_query()) {
            let _ = storage.set_item(KEY, &query);
        }
    }

    /// An empty CV page gets the CV kept on this device: the server renders the form for it
    /// (the post the form's own buttons make), and the form is put in place.
    fn restore(labels: Rc<CvLabels>) {
        let Some(form) = cv_form() else {
            return;
        };
        if form.get_attribute("data-state").as_deref() != Some("leeg") {
            return;
        }
        let Some(kept) = storage().and_then(|s| s.get_item(KEY).ok().flatten()) else {
            return;
        };
        if kept.is_empty() {
            return;
        }
        let token = form
            .query_selector("input[name=_csrf]")
            .ok()
            .flatten()
            .and_then(|i| i.dyn_into::<HtmlInputElement>().ok())
            .map(|i| i.value())
            .unwrap_or_default();
        let body = format!(
            "{kept}&{}",
            serde_urlencoded::to_string([("_csrf", token.as_str()), ("actie", "terug")])
                .unwrap_or_default()
        );
        leptos::task::spawn_local(async move {
            let Ok(request) = gloo_net::http::Request::post("/vacatures/skills-cv")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(body)
            else {
                return;
            };
            let html = match request.send().await {
                Ok(response) if response.ok() => response.text().await.ok(),
                _ => None,
            };
            let Some(page) = html.as_deref().and_then(browser::parse) else {
                return;
            };
            if let (Some(new_form), Some(form)) = (page.get_element_by_id("skills-cv"), cv_form()) {
                form.set_inner_html(&new_form.inner_html());
                let _ = form.set_attribute("data-state", "ingevuld");
                say("cv-status", &labels.restored);
            }
        });
    }

    /// The skills for what is typed, as buttons that add one.
    fn suggest(labels: Rc<CvLabels>, current: impl Fn() -> bool + 'static) {
        let doc = document();
        let Some(q) = doc
            .get_element_by_id("veld-zoek")
            .and_then(|i| i.dyn_into::<HtmlInputElement>().ok())
            .map(|i| i.value().trim().to_string())
        else {
            return;
        };
        let Some(list) = doc.get_element_by_id("cv-suggesties") else {
            return;
        };
        if q.chars().count() < 2 {
            list.set_inner_html("");
            return;
        }
        let lang = if labels.english { "en" } else { "nl" };
        let address = format!(
            "/api/v1/skills?{}",
            serde_urlencoded::to_string([("q", q.as_str()), ("lang", lang), ("limit", "8")])
                .unwrap_or_default()
        );
        leptos::task::spawn_local(async move {
            let answer = match gloo_net::http::Request::get(&address).send().await {
                Ok(response) if response.ok() => response.json::<Answer>().await.ok(),
                _ => None,
            };
            if !current() {
                return;
            }
            let Some(answer) = answer else {
                return;
            };
            let doc = document();
            list.set_inner_html("");
            let mut shown = 0;
            for hit in answer.skills {
                if doc
                    .get_element_by_id(&format!("cv-gekozen-{}", hit.id))
                    .is_some()
                {
                    continue;
                }
                let label = if labels.english { hit.en } else { hit.nl };
                let (Ok(item), Ok(button)) =
                    (doc.create_element("li"), doc.create_element("button"))
                else {
                    return;
                };
                let _ = button.set_attribute("type", "button");
                let _ = button.set_attribute("class", "button button-secondary suggestion");
                let _ = button.set_attribute("data-skill", &hit.id);
                let _ = button.set_attribute("data-label", &label);
                button.set_text_content(Some(&format!("+ {label}")));
                let _ = item.append_child(&button);
                let _ = list.append_child(&item);
                shown += 1;
            }
            if shown == 0 {
                say(
                    "cv-suggesties-status",
                    &labels.found_none.replace("{q}", &q),
                );
            } else {
                say(
                    "cv-suggesties-status",
                    &labels.found.replace("{n}", &shown.to_string()),
                );
            }
        });
    }

    /// Adds a suggested skill to the CV's list, ticked, and keeps the CV.
    fn add(button: &Element, labels: &CvLabels) {
        let (Some(id), Some(label)) = (
            button.get_attribute("data-skill"),
            button.get_attribute("data-label"),
        ) else {
            return;
        };
        let doc = document();
        let list = match doc.get_element_by_id("cv-gekozen") {
            Some(list) => list,
            None => {
                let Ok(list) = doc.create_element("fieldset") else {
                    return;
                };
                let _ = list.set_attribute("class", "checkboxes skill-boxes");
                list.set_id("cv-gekozen");
                if let Ok(legend) = doc.create_element("legend") {
                    legend.set_text_content(Some(&labels.chosen));
                    let _ = list.append_child(&legend);
                }
                match doc.get_element_by_id("cv-gekozen-leeg") {
                    Some(empty) => {
                        let _ = empty.replace_with_with_node_1(&list);
                    }
                    None => return,
                }
                list
            }
        };
        let option_id = format!("cv-gekozen-{id}");
        if doc.get_element_by_id(&option_id).is_none() {
            let (Ok(row), Ok(input), Ok(text)) = (
                doc.create_element("div"),
                doc.create_element("input"),
                doc.create_element("label"),
            ) else {
                return;
            };
            let _ = row.set_attribute("class", "checkbox");
            let _ = input.set_attribute("type", "checkbox");
            input.set_id(&option_id);
            let _ = input.set_attribute("name", field::SKILL);
            let _ = input.set_attribute("value", &id);
            let _ = input.set_attribute("checked", "");
            let _ = text.set_attribute("for", &option_id);
            text.set_text_content(Some(&label));
            let _ = row.append_child(&input);
            let _ = row.append_child(&text);
            let _ = list.append_child(&row);
        }
        if let Some(item) = button.parent_element() {
            item.remove();
        }
        say(
            "cv-suggesties-status",
            &labels.added.replace("{skill}", &label),
        );
        if let (Some(storage), Some(query)) = (storage(), cv_query()) {
            let _ = storage.set_item(KEY, &query);
        }
    }
}
