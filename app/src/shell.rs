//! The document shell (server only renders it) and the router with every route of the portal.
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
#[cfg(feature = "ssr")]
use leptos_meta::{HashedStylesheet, MetaTags};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use crate::i18n::*;
use crate::layout::{ErrorPage, FailurePage, Layout, NotFound, PageFailure};
use crate::{
    account, calculator, catalogue, home, info, intake, matcher, monitor, stages, subsidies,
};

/// Every route a person can visit, in the order of the main navigation. Tests and the
/// accessibility scan walk this list, so a new page is covered as soon as it is added here.
pub const ROUTES: &[&str] = &[
    "/",
    "/intake",
    "/intake/criteria",
    "/intake/menukaart",
    "/scholingscalculator",
    "/subsidies",
    "/vacatures",
    "/stages",
    "/monitor",
    "/toegankelijkheid",
    "/privacy",
];

/// The pages with islands (`#[island]` components), the only ones that download the wasm: the
/// server hints its files in their head (`server::hydration`). Every other page is complete as
/// the server sends it. The browser tests (`budget.spec.ts`) hold this list and the pages
/// together: a page with islands must have its files hinted, a page without loads no code.
pub const ISLAND_PAGES: &[&str] = &[
    "/scholingscalculator",
    "/stages",
    "/subsidies",
    "/vacatures",
    "/vacatures/skills-cv",
];

/// The account pages anyone can open (their forms post to `account::handlers`).
pub const ACCOUNT_ROUTES: &[&str] = &[
    "/registreren",
    "/inloggen",
    "/uitloggen",
    "/wachtwoord-vergeten",
    "/wachtwoord-herstellen",
    "/bevestigen",
    "/uitnodiging",
];

/// The site's name, the title of a page without a title of its own.
const SITE_NAME: &str = "Huis van Werk";
/// What every page's title ends with (`App`'s title formatter).
const TITLE_SUFFIX: &str = " – Huis van Werk";

/// The HTML document around the app. Rendered on the server only; the browser hydrates `<App/>`.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    use crate::server::hydration::Hydration;
    crate::server::security::provide_request_nonce();
    // A failure page is complete as the server sends it: no scripts, nothing to hydrate.
    let hydrate = use_context::<PageFailure>().is_none();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HashedStylesheet options=options.clone() id="leptos" />
                {hydrate.then(|| view! { <Hydration options=options.clone() /> })}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Tells leptos_i18n the language the server chose for this request.
fn request_lang() -> leptos_use::UseLocalesOptions {
    leptos_use::UseLocalesOptions::default().ssr_lang_header_getter(|| {
        #[cfg(feature = "ssr")]
        {
            use_context::<http::request::Parts>()
                .and_then(|parts| {
                    parts
                        .extensions
                        .get::<crate::domain::locale::RequestLang>()
                        .copied()
                })
                .map(|lang| lang.0.to_string())
        }
        #[cfg(not(feature = "ssr"))]
        {
            None
        }
    })
}

/// A page title as it goes into the HTML: leptos_meta writes `<title>`'s text into the server's
/// HTML as it is, so a title with typed text in it (an opening's title) is escaped here. In the
/// browser (`document.title`) text needs nothing.
fn escape_title(title: &str) -> String {
    if cfg!(feature = "ssr") {
        title
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        title.to_string()
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    crate::forms::provide_csrf_token();
    let failure = use_context::<PageFailure>();
    view! {
        // The server picks the language (see `domain::locale`) and renders `<html lang>`; the
        // browser hydrates in that language. No client-side cookie writes.
        <I18nContextProvider enable_cookie=false ssr_lang_header_getter=request_lang()>
            <Title formatter=|title: String| {
                if title.is_empty() { SITE_NAME.to_string() } else { format!("{}{TITLE_SUFFIX}", escape_title(&title)) }
            } />
            <Router>
                <Layout>
                    {match failure {
                        Some(failure) => view! { <FailurePage failure /> }.into_any(),
                        None => view! {
                            <ErrorBoundary fallback=|errors| view! { <ErrorPage errors /> }>
                            <Routes fallback=NotFound>
                                <Route path=path!("/") view=home::HomePage />
                                <Route path=path!("/intake") view=intake::IntakePage />
                                <Route path=path!("/intake/vraag") view=intake::QuestionPage />
                                <Route path=path!("/intake/controle") view=intake::CheckPage />
                                <Route path=path!("/intake/uitkomst") view=intake::OutcomePage />
                                <Route path=path!("/intake/verstuurd") view=intake::SentPage />
                                <Route path=path!("/intake/criteria") view=intake::CriteriaPage />
                                <Route path=path!("/intake/menukaart") view=intake::MenuPage />
                                <Route path=path!("/beheer/intake") view=intake::IntakeQueuePage />
                                <Route path=path!("/scholingscalculator") view=calculator::CalculatorPage />
                                <Route path=path!("/scholingscalculator/aanmelden") view=calculator::ApplyPage />
                                <Route path=path!("/scholingscalculator/aangemeld") view=calculator::ApplyDonePage />
                                <Route path=path!("/subsidies") view=subsidies::SubsidiesPage />
                                <Route path=path!("/subsidies/melding") view=subsidies::AlertPage />
                                <Route path=path!("/subsidies/:slug") view=subsidies::SchemePage />
                                <Route path=path!("/vacatures") view=matcher::VacanciesPage />
                                <Route path=path!("/vacatures/vacature") view=matcher::VacancyPage />
                                <Route path=path!("/vacatures/skills-cv") view=matcher::SkillsCvPage />
                                <Route path=path!("/stages") view=stages::StagesPage />
                                <Route path=path!("/stages/plek") view=stages::OpeningPage />
                                <Route path=path!("/stages/reactie") view=stages::ResponseStatusPage />
                                <Route path=path!("/monitor") view=monitor::MonitorPage />
                                <Route path=path!("/toegankelijkheid") view=info::AccessibilityPage />
                                <Route path=path!("/privacy") view=info::PrivacyPage />
                                <Route path=path!("/registreren") view=account::RegisterPage />
                                <Route path=path!("/bevestigen") view=account::ConfirmPage />
                                <Route path=path!("/inloggen") view=account::LoginPage />
                                <Route path=path!("/uitloggen") view=account::LogoutPage />
                                <Route path=path!("/wachtwoord-vergeten") view=account::ForgotPasswordPage />
                                <Route path=path!("/wachtwoord-herstellen") view=account::ResetPasswordPage />
                                // Pages behind a login: served by server::pages from each capability's PAGES
                                // table, in one pass with their data.
                                <Route path=path!("/account") view=account::AccountPage />
                                <Route path=path!("/uitnodiging") view=account::JoinPage />
                                <Route path=path!("/beheer") view=account::StaffHomePage />
                                <Route path=path!("/beheer/gebruikers") view=account::AdminUsersPage />
                                <Route path=path!("/beheer/audit") view=account::AuditPage />
                                <Route path=path!("/beheer/aanmeldingen") view=calculator::ApplicationsPage />
                                <Route path=path!("/werkgevers") view=stages::EmployerPage />
                                <Route path=path!("/werkgevers/toezegging") view=stages::PledgeEditPage />
                                <Route path=path!("/werkgevers/plek") view=stages::OpeningFormPage />
                                <Route path=path!("/werkgevers/reacties") view=stages::InboxPage />
                                <Route path=path!("/werkgevers/vacatures") view=matcher::EmployerVacanciesPage />
                                <Route path=path!("/beheer/vacatures") view=matcher::VacancyImportPage />
                                <Route path=path!("/beheer/stages") view=stages::StaffStagesPage />
                                <Route path=path!("/beheer/monitor") view=monitor::StaffMonitorPage />
                                <Route path=path!("/beheer/regelingen") view=catalogue::CatalogueAdminPage />
                                <Route path=path!("/beheer/regelingen/nieuw") view=catalogue::SchemeNewPage />
                                <Route path=path!("/beheer/regelingen/bewerk") view=catalogue::SchemeEditPage />
                            </Routes>
                        </ErrorBoundary>
                        }.into_any(),
                    }}
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}
