//! Intake (zelf-triage): a short series of questions that routes a person to the right help.
use leptos::prelude::*;

use crate::i18n::*;
use crate::layout::{current_locale, Offers, PageIntro};

#[component]
pub fn IntakePage() -> impl IntoView {
    let locale = current_locale();
    view! {
        <PageIntro title=td_string!(locale, intake.title) intro=td_string!(locale, intake.intro) />
        <Offers
            heading=td_string!(locale, area.offers_heading)
            items=vec![
                td_string!(locale, intake.offer_1),
                td_string!(locale, intake.offer_2),
                td_string!(locale, intake.offer_3),
                td_string!(locale, intake.offer_4),
            ]
        />
        <p class="area-status">{td_string!(locale, area.status)}</p>
    }
}
