//! The pledge board for 1000 extra stages and leerbanen, and the openings young people respond to.
use leptos::prelude::*;

use crate::i18n::*;
use crate::layout::{current_locale, Offers, PageIntro};

#[component]
pub fn StagesPage() -> impl IntoView {
    let locale = current_locale();
    view! {
        <PageIntro title=td_string!(locale, stages.title) intro=td_string!(locale, stages.intro) />
        <Offers
            heading=td_string!(locale, area.offers_heading)
            items=vec![
                td_string!(locale, stages.offer_1),
                td_string!(locale, stages.offer_2),
                td_string!(locale, stages.offer_3),
                td_string!(locale, stages.offer_4),
            ]
        />
        <p class="area-status">{td_string!(locale, area.status)}</p>
    }
}
