//! The document shell (server only renders it) and the router with every route of the portal.
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
#[cfg(feature = "ssr")]
use leptos_meta::{HashedStylesheet, MetaTags};
use leptos_router::{
    components::{Route, Router, Routes},
    lazy_route, path, Lazy, LazyRoute,
};

use crate::i18n::*;
use crate::layout::{ErrorPage, FailurePage, Layout, NotFound, PageFailure};
use crate::{account, calculator, home, info, intake, matcher, monitor, stages, subsidies};

/// Every route a person can visit, in the order of the main navigation. Tests and the
/// accessibility scan walk this list, so a new page is covered as soon as it is added here.
pub const ROUTES: &[&str] = &[
    "/",
    "/intake",
    "/scholingscalculator",
    "/subsidies",
    "/vacatures",
    "/stages",
    "/monitor",
    "/toegankelijkheid",
    "/privacy",
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

/// A page whose code the browser loads only when the page is visited (wasm code splitting,
/// `cargo leptos build --split`): the first page a person opens stays small. The server renders
/// these pages like any other, so they work the same without JavaScript.
macro_rules! lazy_pages {
    ($($route:ident => $page:path),* $(,)?) => {$(
        struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                #[cfg(feature = "ssr")]
                crate::server::hydration::preload_page_chunks();
                $page().into_any()
            }
        }
    )*};
}

lazy_pages! {
    CalculatorRoute => calculator::CalculatorPage,
    ApplyRoute => calculator::ApplyPage,
    ApplyDoneRoute => calculator::ApplyDonePage,
    RegisterRoute => account::RegisterPage,
    ConfirmRoute => account::ConfirmPage,
    LoginRoute => account::LoginPage,
    LogoutRoute => account::LogoutPage,
    ForgotRoute => account::ForgotPasswordPage,
    ResetRoute => account::ResetPasswordPage,
    AccountRoute => account::AccountPage,
    JoinRoute => account::JoinPage,
    StaffHomeRoute => account::StaffHomePage,
    UsersRoute => account::AdminUsersPage,
    AuditRoute => account::AuditPage,
    ApplicationsRoute => calculator::ApplicationsPage,
}

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

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    crate::forms::provide_csrf_token();
    let failure = use_context::<PageFailure>();
    // Effects run only in the browser: once this one has run, the page is interactive. The
    // browser tests wait for this mark before they check client-side navigation.
    Effect::new(|_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        // The server picks the language (see `domain::locale`) and renders `<html lang>`; the
        // browser hydrates in that language. No client-side cookie writes.
        <I18nContextProvider enable_cookie=false ssr_lang_header_getter=request_lang()>
            <Title formatter=|title: String| {
                if title.is_empty() { "Huis van Werk".to_string() } else { format!("{title} – Huis van Werk") }
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
                                <Route path=path!("/scholingscalculator") view={Lazy::<CalculatorRoute>::new()} />
                                <Route path=path!("/scholingscalculator/aanmelden") view={Lazy::<ApplyRoute>::new()} />
                                <Route path=path!("/scholingscalculator/aangemeld") view={Lazy::<ApplyDoneRoute>::new()} />
                                <Route path=path!("/subsidies") view=subsidies::SubsidiesPage />
                                <Route path=path!("/vacatures") view=matcher::VacanciesPage />
                                <Route path=path!("/stages") view=stages::StagesPage />
                                <Route path=path!("/monitor") view=monitor::MonitorPage />
                                <Route path=path!("/toegankelijkheid") view=info::AccessibilityPage />
                                <Route path=path!("/privacy") view=info::PrivacyPage />
                                <Route path=path!("/registreren") view={Lazy::<RegisterRoute>::new()} />
                                <Route path=path!("/bevestigen") view={Lazy::<ConfirmRoute>::new()} />
                                <Route path=path!("/inloggen") view={Lazy::<LoginRoute>::new()} />
                                <Route path=path!("/uitloggen") view={Lazy::<LogoutRoute>::new()} />
                                <Route path=path!("/wachtwoord-vergeten") view={Lazy::<ForgotRoute>::new()} />
                                <Route path=path!("/wachtwoord-herstellen") view={Lazy::<ResetRoute>::new()} />
                                // Pages behind a login: served by server::pages from each capability's PAGES
                                // table, in one pass with their data.
                                <Route path=path!("/account") view={Lazy::<AccountRoute>::new()} />
                                <Route path=path!("/uitnodiging") view={Lazy::<JoinRoute>::new()} />
                                <Route path=path!("/beheer") view={Lazy::<StaffHomeRoute>::new()} />
                                <Route path=path!("/beheer/gebruikers") view={Lazy::<UsersRoute>::new()} />
                                <Route path=path!("/beheer/audit") view={Lazy::<AuditRoute>::new()} />
                                <Route path=path!("/beheer/aanmeldingen") view={Lazy::<ApplicationsRoute>::new()} />
                            </Routes>
                        </ErrorBoundary>
                        }.into_any(),
                    }}
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}
