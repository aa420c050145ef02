//! Subsidiezoeker: search the catalogue of schemes for individuals and employers.
use leptos::prelude::*;

use crate::i18n::*;
use crate::layout::{current_locale, Offers, PageIntro};

#[component]
pub fn SubsidiesPage() -> impl IntoView {
    let locale = current_locale();
    view! {
        <PageIntro title=td_string!(locale, subsidies.title) intro=td_string!(locale, subsidies.intro) />
        <Offers
            heading=td_string!(locale, area.offers_heading)
            items=vec![
                td_string!(locale, subsidies.offer_1),
                td_string!(locale, subsidies.offer_2),
                td_string!(locale, subsidies.offer_3),
                td_string!(locale, subsidies.offer_4),
            ]
        />
        <p class="area-status">{td_string!(locale, area.status)}</p>
    }
}
