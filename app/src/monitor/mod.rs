//! The monthly monitor: pledged versus realised places, per month, sector and municipality.
use leptos::prelude::*;

use crate::i18n::*;
use crate::layout::{current_locale, Offers, PageIntro};

#[component]
pub fn MonitorPage() -> impl IntoView {
    let locale = current_locale();
    view! {
        <PageIntro title=td_string!(locale, monitor.title) intro=td_string!(locale, monitor.intro) />
        <Offers
            heading=td_string!(locale, area.offers_heading)
            items=vec![
                td_string!(locale, monitor.offer_1),
                td_string!(locale, monitor.offer_2),
                td_string!(locale, monitor.offer_3),
                td_string!(locale, monitor.offer_4),
            ]
        />
        <p class="area-status">{td_string!(locale, area.status)}</p>
    }
}
