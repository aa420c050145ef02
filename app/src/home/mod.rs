//! The home page: what the portal is, with an entry point per audience.
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

use crate::i18n::*;
use crate::layout::current_locale;

#[component]
pub fn HomePage() -> impl IntoView {
    let locale = current_locale();
    view! {
        <Title text="" />
        <Meta name="description" content=td_string!(locale, home.intro) />
        <h1>{td_string!(locale, home.title)}</h1>
        <p class="lead">{td_string!(locale, home.intro)}</p>
        <h2>{td_string!(locale, home.audiences_heading)}</h2>
        <ul class="cards">
            <li class="card">
                <h3>{td_string!(locale, home.youth_title)}</h3>
                <p>{td_string!(locale, home.youth_text)}</p>
                <ul class="card-links">
                    <li><A href="/stages">{td_string!(locale, home.youth_link_stages)}</A></li>
                    <li><A href="/intake">{td_string!(locale, home.link_intake)}</A></li>
                </ul>
            </li>
            <li class="card">
                <h3>{td_string!(locale, home.workers_title)}</h3>
                <p>{td_string!(locale, home.workers_text)}</p>
                <ul class="card-links">
                    <li><A href="/scholingscalculator">{td_string!(locale, home.workers_link_calculator)}</A></li>
                    <li><A href="/vacatures">{td_string!(locale, home.workers_link_vacancies)}</A></li>
                    <li><A href="/subsidies">{td_string!(locale, home.workers_link_subsidies)}</A></li>
                </ul>
            </li>
            <li class="card">
                <h3>{td_string!(locale, home.employers_title)}</h3>
                <p>{td_string!(locale, home.employers_text)}</p>
                <ul class="card-links">
                    <li><A href="/stages">{td_string!(locale, home.employers_link_pledge)}</A></li>
                    <li><A href="/subsidies">{td_string!(locale, home.employers_link_subsidies)}</A></li>
                </ul>
            </li>
        </ul>
        <h2>{td_string!(locale, home.monitor_heading)}</h2>
        <p>
            {td_string!(locale, home.monitor_text)} " "
            <A href="/monitor">{td_string!(locale, home.monitor_link)}</A>
        </p>
    }
}
