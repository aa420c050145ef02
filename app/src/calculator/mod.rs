//! Scholingscalculator: which training schemes apply, how much they pay, and the own contribution.
use leptos::prelude::*;

use crate::i18n::*;
use crate::layout::{current_locale, Offers, PageIntro};

#[component]
pub fn CalculatorPage() -> impl IntoView {
    let locale = current_locale();
    view! {
        <PageIntro title=td_string!(locale, calculator.title) intro=td_string!(locale, calculator.intro) />
        <Offers
            heading=td_string!(locale, area.offers_heading)
            items=vec![
                td_string!(locale, calculator.offer_1),
                td_string!(locale, calculator.offer_2),
                td_string!(locale, calculator.offer_3),
                td_string!(locale, calculator.offer_4),
            ]
        />
        <p class="area-status">{td_string!(locale, area.status)}</p>
    }
}
