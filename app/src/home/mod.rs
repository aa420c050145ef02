//! The home page, the front door: "what do you want to do?" — the intake for whoever does not
//! know where to start, and each tool by the task it does, for young people, workers and job
//! seekers, and employers. No island: the page is complete as the server sends it.
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

use crate::i18n::*;
use crate::layout::current_locale;

/// One audience's tasks: its heading, a line about it, and (link text, address) per task.
fn tasks(
    title: &'static str,
    text: &'static str,
    links: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    view! {
        <li class="card">
            <h3>{title}</h3>
            <p>{text}</p>
            <ul class="card-links">
                {links
                    .into_iter()
                    .map(|(label, href)| view! { <li><A href=href>{label}</A></li> })
                    .collect_view()}
            </ul>
        </li>
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let locale = current_locale();
    view! {
        <Title text="" />
        <Meta name="description" content=td_string!(locale, home.intro) />
        <h1>{td_string!(locale, home.title)}</h1>
        <p class="lead">{td_string!(locale, home.intro)}</p>
        <section class="front-door" aria-labelledby="begin-hier">
            <h2 id="begin-hier">{td_string!(locale, home.intake_heading)}</h2>
            <p>{td_string!(locale, home.intake_text)}</p>
            <p><a href="/intake" class="button button-start">{td_string!(locale, home.link_intake)}</a></p>
        </section>
        <h2>{td_string!(locale, home.audiences_heading)}</h2>
        <ul class="cards">
            {tasks(
                td_string!(locale, home.youth_title),
                td_string!(locale, home.youth_text),
                vec![
                    (td_string!(locale, home.youth_link_stages), "/stages"),
                    (td_string!(locale, home.youth_link_first_job), "/vacatures/skills-cv"),
                    (td_string!(locale, home.youth_link_intake), "/intake"),
                ],
            )}
            {tasks(
                td_string!(locale, home.workers_title),
                td_string!(locale, home.workers_text),
                vec![
                    (td_string!(locale, home.workers_link_calculator), "/scholingscalculator"),
                    (td_string!(locale, home.workers_link_vacancies), "/vacatures/skills-cv"),
                    (td_string!(locale, home.workers_link_search), "/vacatures"),
                    (td_string!(locale, home.workers_link_subsidies), "/subsidies?voor=inwoner"),
                    (td_string!(locale, home.workers_link_advisor), "/intake"),
                ],
            )}
            {tasks(
                td_string!(locale, home.employers_title),
                td_string!(locale, home.employers_text),
                vec![
                    (td_string!(locale, home.employers_link_pledge), "/werkgevers"),
                    (td_string!(locale, home.employers_link_vacancy), "/werkgevers/vacatures"),
                    (td_string!(locale, home.employers_link_responses), "/werkgevers/reacties"),
                    (td_string!(locale, home.employers_link_subsidies), "/subsidies?voor=werkgever"),
                ],
            )}
        </ul>
        <h2>{td_string!(locale, home.monitor_heading)}</h2>
        <p>
            {td_string!(locale, home.monitor_text)} " "
            <A href="/monitor">{td_string!(locale, home.monitor_link)}</A>
        </p>
    }
}
