//! The accessibility statement and the privacy statement.
use leptos::prelude::*;

use crate::i18n::*;
use crate::layout::{current_locale, PageIntro};

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let locale = current_locale();
    view! {
        <PageIntro title=td_string!(locale, accessibility.title) intro=td_string!(locale, accessibility.intro) />
        <h2>{td_string!(locale, accessibility.standard_heading)}</h2>
        <p>{td_string!(locale, accessibility.standard_text)}</p>
        <h2>{td_string!(locale, accessibility.how_heading)}</h2>
        <ul>
            <li>{td_string!(locale, accessibility.how_1)}</li>
            <li>{td_string!(locale, accessibility.how_2)}</li>
            <li>{td_string!(locale, accessibility.how_3)}</li>
            <li>{td_string!(locale, accessibility.how_4)}</li>
        </ul>
        <h2>{td_string!(locale, accessibility.known_heading)}</h2>
        <p>{td_string!(locale, accessibility.known_text)}</p>
        <h2>{td_string!(locale, accessibility.contact_heading)}</h2>
        <p>{td_string!(locale, accessibility.contact_text)}</p>
    }
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let locale = current_locale();
    view! {
        <PageIntro title=td_string!(locale, privacy.title) intro=td_string!(locale, privacy.intro) />
        <h2>{td_string!(locale, privacy.what_heading)}</h2>
        <ul>
            <li>{td_string!(locale, privacy.what_1)}</li>
            <li>{td_string!(locale, privacy.what_2)}</li>
            <li>{td_string!(locale, privacy.what_3)}</li>
            <li>{td_string!(locale, privacy.what_4)}</li>
        </ul>
        <h2>{td_string!(locale, privacy.cookies_heading)}</h2>
        <p>{td_string!(locale, privacy.cookies_text)}</p>
        <h2>{td_string!(locale, privacy.rights_heading)}</h2>
        <p>{td_string!(locale, privacy.rights_text)}</p>
    }
}
