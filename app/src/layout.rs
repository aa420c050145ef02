//! The frame around every page: skip link, header with the language switch, main navigation,
//! footer; and the 404 and error pages, which render inside the same frame.
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{components::A, hooks::use_location};

use crate::domain::locale::switch_href;
use crate::i18n::*;

/// The locale this page is rendered in. The language changes only through a full page load
/// (`?lang=`), so components read it once instead of tracking it.
pub fn current_locale() -> Locale {
    use_i18n().get_locale_untracked()
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        // rel="external": the browser, not the router, follows it, and moves focus to <main>.
        <a class="skip-link" href="#inhoud" rel="external">{t!(i18n, site.skip_link)}</a>
        <header class="site-header">
            <div class="container header-bar">
                <A href="/" attr:class="brand">
                    <span class="brand-name">"Huis van Werk"</span>
                    <span class="brand-region">"Regio Zwolle"</span>
                </A>
                <div class="header-tools">
                    <span class="header-session" inner_html=session_html(SessionPart::Header)></span>
                    <LanguageSwitch />
                </div>
            </div>
            <MainNav />
        </header>
        <main id="inhoud" class="container" tabindex="-1">
            {children()}
        </main>
        <Footer />
    }
}

#[component]
fn MainNav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="main-nav" aria-label=move || t_string!(i18n, site.nav_label)>
            <ul class="container">
                <li><A href="/intake">{t!(i18n, nav.intake)}</A></li>
                <li><A href="/scholingscalculator">{t!(i18n, nav.calculator)}</A></li>
                <li><A href="/subsidies">{t!(i18n, nav.subsidies)}</A></li>
                <li><A href="/vacatures">{t!(i18n, nav.vacancies)}</A></li>
                <li><A href="/stages">{t!(i18n, nav.stages)}</A></li>
                <li><A href="/monitor">{t!(i18n, nav.monitor)}</A></li>
            </ul>
        </nav>
    }
}

/// A plain link to the same page in the other language. `rel="external"` makes the router let the
/// browser load it, so the server sets the cookie and renders the page in that language, with or
/// without JavaScript.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let (other, label) = match current_locale() {
        Locale::nl => ("en", "English"),
        Locale::en => ("nl", "Nederlands"),
    };
    let href = move || switch_href(&location.pathname.get(), &location.search.get(), other);
    view! {
        <div class="lang-switch">
            <span class="visually-hidden">{t!(i18n, site.lang_switch_label)}</span>
            <a href=href hreflang=other lang=other rel="external">{label}</a>
        </div>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <div class="container">
                <p>{t!(i18n, site.footer_about)}</p>
                <ul class="footer-links">
                    <li class="footer-session" inner_html=session_html(SessionPart::Footer)></li>
                    <li><A href="/toegankelijkheid">{t!(i18n, nav.accessibility)}</A></li>
                    <li><A href="/privacy">{t!(i18n, nav.privacy)}</A></li>
                </ul>
            </div>
        </footer>
    }
}

/// The parts of the frame that depend on who is logged in.
#[derive(Clone, Copy)]
enum SessionPart {
    /// After login, the way to one's work: the beheer start page for coordinators and admins,
    /// the account page for employers. Nothing for anonymous visitors.
    Header,
    /// Logged in: who, the account page and "Uitloggen" (a POST with the CSRF token, like every
    /// change of state); else the login link.
    Footer,
}

/// The HTML of a session-dependent part of the frame, rendered by the server only. The browser
/// keeps it as the server wrote it: tachys sets an `inner_html` only when it builds an element,
/// never when it hydrates one from the server, so the browser's value (empty) is never used and
/// these parts cost the download nothing (they cost the main module 4.5 KB as hydrated views).
/// A login or logout is a full page load, so the HTML never goes stale.
fn session_html(part: SessionPart) -> String {
    #[cfg(feature = "ssr")]
    {
        use leptos::tachys::view::RenderHtml;
        let locale = current_locale();
        let viewer = use_context::<http::request::Parts>().and_then(|parts| {
            parts
                .extensions
                .get::<crate::server::auth::CurrentUser>()
                .map(|user| (user.name.clone(), user.role))
        });
        match (part, viewer) {
            (SessionPart::Header, None) => String::new(),
            (SessionPart::Header, Some((_, role))) => {
                let (href, text) = if role.is_staff() {
                    ("/beheer", td_string!(locale, nav.beheer))
                } else {
                    ("/account", td_string!(locale, nav.account))
                };
                view! { <a class="header-link" href=href rel="external">{text}</a> }.to_html()
            }
            (SessionPart::Footer, Some((name, _))) => view! {
                {td_string!(locale, site.logged_in_as).replace("{name}", &name)}
                " "
                <a href="/account" rel="external">{td_string!(locale, nav.account)}</a>
                " "
                <form method="post" action="/uitloggen" class="inline-form">
                    <crate::forms::CsrfField />
                    <button type="submit" class="link-button">{td_string!(locale, nav.logout)}</button>
                </form>
            }
            .to_html(),
            (SessionPart::Footer, None) => {
                view! { <a href="/inloggen">{td_string!(locale, nav.login)}</a> }.to_html()
            }
        }
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = part;
        String::new()
    }
}

/// The heading and introduction every area page starts with. The introduction is also the
/// page's meta description (what a search engine shows under the title).
#[component]
pub fn PageIntro(title: &'static str, intro: &'static str) -> impl IntoView {
    view! {
        <Title text=title />
        <Meta name="description" content=intro />
        <h1>{title}</h1>
        <p class="lead">{intro}</p>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let locale = current_locale();
    view! {
        <PageIntro title=td_string!(locale, not_found.title) intro=td_string!(locale, not_found.intro) />
        <p><A href="/">{td_string!(locale, not_found.home_link)}</A></p>
    }
}

#[component]
pub fn ErrorPage(errors: ArcRwSignal<Errors>) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::INTERNAL_SERVER_ERROR);
    }
    let _ = errors;
    let locale = current_locale();
    view! {
        <PageIntro title=td_string!(locale, error_page.title) intro=td_string!(locale, error_page.intro) />
        <p><A href="/">{td_string!(locale, not_found.home_link)}</A></p>
    }
}

/// A request the server could not serve — unreadable (400), refused (403), not found (404), too
/// many (429), the database down (503) or something failed on our side (500): the app renders
/// [`FailurePage`] in the frame instead of the route. Only the server
/// provides it, and a failure page is sent without hydration scripts, so the browser never
/// hydrates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageFailure {
    /// The HTTP status.
    pub status: u16,
}

#[component]
pub fn FailurePage(failure: PageFailure) -> impl IntoView {
    let locale = current_locale();
    let (title, intro) = match failure.status {
        503 => (
            td_string!(locale, unavailable_page.title),
            td_string!(locale, unavailable_page.intro),
        ),
        400 | 413 => (
            td_string!(locale, bad_request_page.title),
            td_string!(locale, bad_request_page.intro),
        ),
        403 => (
            td_string!(locale, forbidden_page.title),
            td_string!(locale, forbidden_page.intro),
        ),
        404 => (
            td_string!(locale, not_found.title),
            td_string!(locale, not_found.intro),
        ),
        429 => (
            td_string!(locale, too_many_page.title),
            td_string!(locale, too_many_page.intro),
        ),
        _ => (
            td_string!(locale, error_page.title),
            td_string!(locale, error_page.intro),
        ),
    };
    view! {
        <PageIntro title intro />
        <p><a href="/">{td_string!(locale, not_found.home_link)}</a></p>
    }
}
