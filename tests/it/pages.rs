//! The shell a person sees: every route, both languages, the language switch, the 404 page.
use app::shell::{ACCOUNT_ROUTES, ROUTES};
use integration_tests::{backend_tests, spawn_app, Backend};

fn html_lang(body: &str) -> Option<&str> {
    let start = body.find("<html")?;
    let tag = &body[start..start + body[start..].find('>')?];
    let lang = tag.find("lang=\"")? + 6;
    Some(&tag[lang..lang + tag[lang..].find('"')?])
}

async fn home_is_server_rendered_dutch_with_the_navigation(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let response = app.get("/").await;
    assert_eq!(response.status(), 200);
    assert!(response
        .headers()
        .get("content-type")
        .is_some_and(|v| v.to_str().unwrap().starts_with("text/html")));
    let body = response.text().await.unwrap();
    assert_eq!(html_lang(&body), Some("nl"));
    assert!(
        body.contains("Leren en werken in Regio Zwolle"),
        "Dutch heading rendered on the server"
    );
    for href in [
        "/intake",
        "/scholingscalculator",
        "/subsidies",
        "/vacatures",
        "/stages",
        "/monitor",
    ] {
        assert!(
            body.contains(&format!("href=\"{href}\"")),
            "navigation links to {href}"
        );
    }
    for href in ["/toegankelijkheid", "/privacy"] {
        assert!(
            body.contains(&format!("href=\"{href}\"")),
            "footer links to {href}"
        );
    }
    assert!(body.contains("href=\"#inhoud\""), "skip link");
    assert!(body.contains("id=\"inhoud\""), "skip link target");
}

/// The content of `<meta name="description">`, if the page has one.
fn meta_description(body: &str) -> Option<&str> {
    let start = body.find("<meta name=\"description\"")?;
    let tag = &body[start..start + body[start..].find('>')?];
    let content = tag.find("content=\"")? + 9;
    Some(&tag[content..content + tag[content..].find('"')?])
}

async fn every_route_answers_in_both_languages(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    for route in ROUTES.iter().chain(ACCOUNT_ROUTES) {
        let mut descriptions = Vec::new();
        for lang in ["nl", "en"] {
            let (status, body) = app.get_text(&format!("{route}?lang={lang}")).await;
            assert_eq!(status, 200, "{route} in {lang}");
            assert_eq!(
                html_lang(&body),
                Some(lang),
                "{route} in {lang} has <html lang>"
            );
            assert!(body.contains("<h1"), "{route} in {lang} has a heading");
            assert!(body.contains("<title>"), "{route} in {lang} has a title");
            let description = meta_description(&body)
                .unwrap_or_else(|| panic!("{route} in {lang} has a meta description"));
            assert!(
                description.len() >= 40,
                "{route} in {lang}: a description that says something: {description:?}"
            );
            assert_eq!(
                body.matches("name=\"description\"").count(),
                1,
                "{route} {lang}"
            );
            descriptions.push(description.to_string());
        }
        assert_ne!(descriptions[0], descriptions[1], "{route}: translated");
    }
    let (_, en) = app.get_text("/stages?lang=en").await;
    assert!(en.contains("Internships and apprenticeships"));
    let (_, nl) = app.get_text("/stages?lang=nl").await;
    assert!(nl.contains("Stages en leerbanen"));
}

async fn language_choice_is_remembered_in_a_cookie(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let response = app.get("/?lang=en").await;
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("hvw_lang="))
        .expect("the choice is remembered");
    assert!(cookie.starts_with("hvw_lang=en;"), "{cookie}");
    assert!(
        cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );

    // The client sends the cookie back: the next page, without ?lang, is English.
    let (_, body) = app.get_text("/monitor").await;
    assert_eq!(html_lang(&body), Some("en"));
    // And back to Dutch.
    let (_, body) = app.get_text("/monitor?lang=nl").await;
    assert_eq!(html_lang(&body), Some("nl"));
    let (_, body) = app.get_text("/").await;
    assert_eq!(html_lang(&body), Some("nl"));
}

async fn dutch_is_the_default_whatever_the_browser_prefers(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let body = app
        .client
        .get(app.url("/"))
        .header("accept-language", "en-US,en;q=0.9")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(html_lang(&body), Some("nl"));
    // An unsupported ?lang is ignored.
    let (status, body) = app.get_text("/?lang=de").await;
    assert_eq!(status, 200);
    assert_eq!(html_lang(&body), Some("nl"));
}

async fn the_language_switch_links_to_the_same_page(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_, body) = app.get_text("/subsidies").await;
    assert!(
        body.contains("href=\"/subsidies?lang=en\""),
        "switch to English keeps the page"
    );
    let (_, body) = app.get_text("/subsidies?lang=en").await;
    assert!(
        body.contains("href=\"/subsidies?lang=nl\""),
        "switch to Dutch keeps the page"
    );
}

async fn unknown_paths_are_404_inside_the_layout(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    for (path, lang, text) in [
        ("/bestaat-niet", "nl", "Pagina niet gevonden"),
        ("/a/b/c?lang=en", "en", "Page not found"),
    ] {
        let (status, body) = app.get_text(path).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(html_lang(&body), Some(lang));
        assert!(body.contains(text), "{path} says it is not found");
        assert!(
            body.contains("href=\"/scholingscalculator\""),
            "{path} keeps the navigation"
        );
    }
}

backend_tests!(
    home_is_server_rendered_dutch_with_the_navigation,
    every_route_answers_in_both_languages,
    language_choice_is_remembered_in_a_cookie,
    dutch_is_the_default_whatever_the_browser_prefers,
    the_language_switch_links_to_the_same_page,
    unknown_paths_are_404_inside_the_layout,
);
