//! Skills-CV and vacaturematcher: rank regional vacancies for a CV and close skill gaps with funded training.
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod index;
#[cfg(all(test, feature = "ssr"))]
mod relevance;

use crate::i18n::*;
use crate::layout::{current_locale, Offers, PageIntro};

#[component]
pub fn VacanciesPage() -> impl IntoView {
    let locale = current_locale();
    view! {
        <PageIntro title=td_string!(locale, vacancies.title) intro=td_string!(locale, vacancies.intro) />
        <Offers
            heading=td_string!(locale, area.offers_heading)
            items=vec![
                td_string!(locale, vacancies.offer_1),
                td_string!(locale, vacancies.offer_2),
                td_string!(locale, vacancies.offer_3),
                td_string!(locale, vacancies.offer_4),
            ]
        />
        <p class="area-status">{td_string!(locale, area.status)}</p>
    }
}
