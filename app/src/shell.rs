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
use crate::{calculator, home, info, intake, matcher, monitor, stages, subsidies};

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
}

/// Pages that are rendered by the server only: plain forms and lists that need no code in the
/// browser (the account pages, the beheer pages, the confirmation of an application). The
/// server renders the page into a wrapper's `inner_html`; the browser's route is that wrapper
/// with an empty `inner_html`, which hydration leaves alone (tachys sets it only when it builds
/// an element), so none of these pages' views or texts is in the download (measured: an account
/// page 217–253 KB → 206 KB, the whole app 389 → 304 KB). A link to one of them is followed by the
/// browser, not the router ([`SERVER_PAGES`], `guard_server_page_links`).
macro_rules! server_pages {
    ($($route:ident => $page:path),* $(,)?) => {$(
        #[allow(non_snake_case)]
        fn $route() -> impl IntoView {
            #[cfg(feature = "ssr")]
            {
                server_page(|| $page().into_any())
            }
            #[cfg(not(feature = "ssr"))]
            {
                server_page()
            }
        }
    )*};
}

server_pages! {
    ApplyDoneRoute => crate::calculator::ApplyDonePage,
    RegisterRoute => crate::account::RegisterPage,
    ConfirmRoute => crate::account::ConfirmPage,
    LoginRoute => crate::account::LoginPage,
    LogoutRoute => crate::account::LogoutPage,
    ForgotRoute => crate::account::ForgotPasswordPage,
    ResetRoute => crate::account::ResetPasswordPage,
    AccountRoute => crate::account::AccountPage,
    JoinRoute => crate::account::JoinPage,
    StaffHomeRoute => crate::account::StaffHomePage,
    UsersRoute => crate::account::AdminUsersPage,
    AuditRoute => crate::account::AuditPage,
    ApplicationsRoute => crate::calculator::ApplicationsPage,
}

/// The paths of the server-rendered pages (`server_pages!`): the browser loads them itself.
pub const SERVER_PAGES: &[&str] = &[
    "/scholingscalculator/aangemeld",
    "/registreren",
    "/bevestigen",
    "/inloggen",
    "/uitloggen",
    "/wachtwoord-vergeten",
    "/wachtwoord-herstellen",
    "/account",
    "/uitnodiging",
    "/beheer",
    "/beheer/gebruikers",
    "/beheer/audit",
    "/beheer/aanmeldingen",
];

#[cfg(feature = "ssr")]
fn server_page(render: impl FnOnce() -> AnyView) -> AnyView {
    use leptos::tachys::view::RenderHtml;
    let html = render().to_html();
    view! { <div class="server-page" inner_html=html></div> }.into_any()
}

#[cfg(not(feature = "ssr"))]
fn server_page() -> AnyView {
    // Hydrating: the server's HTML is in place. Reached by client-side navigation anyway (a
    // link the guard did not see, a programmatic navigation): load the page from the server,
    // once the router has put its URL in the address bar.
    let hydrated = document()
        .document_element()
        .is_some_and(|root| root.has_attribute("data-hydrated"));
    if hydrated {
        set_timeout(
            || {
                let _ = window().location().reload();
            },
            std::time::Duration::ZERO,
        );
    }
    // The page's title came from the server. leptos_meta, finding no title rendered in the
    // browser, empties the document's `<title>` while hydrating; put the server's back after
    // that (`App` kept it).
    set_timeout(
        || SERVER_TITLE.with(|title| document().set_title(&title.borrow())),
        std::time::Duration::ZERO,
    );
    view! { <div class="server-page" inner_html=String::new()></div> }.into_any()
}

#[cfg(not(feature = "ssr"))]
thread_local! {
    /// The document's title as the server wrote it, read before hydration.
    static SERVER_TITLE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// The site's name, the title of a page without a title of its own.
const SITE_NAME: &str = "Huis van Werk";
/// What every page's title ends with (`App`'s title formatter).
const TITLE_SUFFIX: &str = " – Huis van Werk";

/// Lets the browser, not the router, follow a link to a server-rendered page: a click on such a
/// link gets `rel="external"` just before the router's own click handler looks at it (this one
/// listens in the capture phase).
#[cfg(not(feature = "ssr"))]
fn guard_server_page_links() {
    use leptos::wasm_bindgen::{closure::Closure, JsCast};
    let handler = Closure::<dyn Fn(leptos::web_sys::Event)>::new(|ev: leptos::web_sys::Event| {
        let anchor = ev
            .target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
            .and_then(|a| a.dyn_into::<leptos::web_sys::HtmlAnchorElement>().ok());
        if let Some(anchor) = anchor {
            let same_site = anchor.origin() == window().location().origin().unwrap_or_default();
            if same_site && SERVER_PAGES.contains(&anchor.pathname().as_str()) {
                let _ = anchor.set_attribute("rel", "external");
            }
        }
    });
    let _ = window().add_event_listener_with_callback_and_bool(
        "click",
        handler.as_ref().unchecked_ref(),
        true,
    );
    handler.forget();
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
    #[cfg(not(feature = "ssr"))]
    {
        guard_server_page_links();
        SERVER_TITLE.with(|title| *title.borrow_mut() = document().title());
    }
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
                if title.is_empty() { SITE_NAME.to_string() } else { format!("{title}{TITLE_SUFFIX}") }
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
                                <Route path=path!("/scholingscalculator/aangemeld") view=ApplyDoneRoute />
                                <Route path=path!("/subsidies") view=subsidies::SubsidiesPage />
                                <Route path=path!("/vacatures") view=matcher::VacanciesPage />
                                <Route path=path!("/stages") view=stages::StagesPage />
                                <Route path=path!("/monitor") view=monitor::MonitorPage />
                                <Route path=path!("/toegankelijkheid") view=info::AccessibilityPage />
                                <Route path=path!("/privacy") view=info::PrivacyPage />
                                <Route path=path!("/registreren") view=RegisterRoute />
                                <Route path=path!("/bevestigen") view=ConfirmRoute />
                                <Route path=path!("/inloggen") view=LoginRoute />
                                <Route path=path!("/uitloggen") view=LogoutRoute />
                                <Route path=path!("/wachtwoord-vergeten") view=ForgotRoute />
                                <Route path=path!("/wachtwoord-herstellen") view=ResetRoute />
                                // Pages behind a login: served by server::pages from each capability's PAGES
                                // table, in one pass with their data.
                                <Route path=path!("/account") view=AccountRoute />
                                <Route path=path!("/uitnodiging") view=JoinRoute />
                                <Route path=path!("/beheer") view=StaffHomeRoute />
                                <Route path=path!("/beheer/gebruikers") view=UsersRoute />
                                <Route path=path!("/beheer/audit") view=AuditRoute />
                                <Route path=path!("/beheer/aanmeldingen") view=ApplicationsRoute />
                            </Routes>
                        </ErrorBoundary>
                        }.into_any(),
                    }}
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}
