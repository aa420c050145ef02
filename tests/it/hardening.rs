//! What outside testing found (issue 8), each with the test that failed before its fix: markup
//! and control characters in every field, malformed API requests, reset links, the timing of
//! forgot-password, caching of personal pages, e-mail addresses from bad bytes, planted CSRF
//! cookies, the database going down, and clients that never finish their headers.
use std::time::{Duration, Instant};

use app::domain::account::Role;
use integration_tests::{
    backend_tests, employer_browser, register_confirmed, spawn_app_with, staff_browser, Backend,
    Browser, DatabaseCutter, TestApp, STRONG_PASSWORD,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Markup that would end a textarea and take over the page if it were written back unescaped.
const MARKUP: &str = "</textarea><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\"><form action=\"https://evil.example\">\"'&";

async fn spawn(backend: Backend) -> Option<TestApp> {
    // These tests post many forms from one address: the per-IP limit is not what they test.
    spawn_app_with(backend, |config| config.form_rate_per_minute = 10_000).await
}

fn assert_no_markup(what: &str, status: u16, body: &str) {
    assert_ne!(status, 500, "{what}: never a 500");
    assert!(
        !body.contains("<meta http-equiv=\"refresh\""),
        "{what}: markup written back as markup"
    );
    assert!(
        !body.contains("<form action=\"https://evil.example\""),
        "{what}: markup written back as markup"
    );
}

/// Posts `MARKUP` in every field of the form at `page` and checks the answer (and, after a
/// redirect, the page it leads to).
async fn post_markup(browser: &Browser, page: &str, action: &str, fields: &[&str]) {
    let values: Vec<(&str, &str)> = fields.iter().map(|f| (*f, MARKUP)).collect();
    let response = browser.post_from(page, action, &values).await;
    let status = response.status().as_u16();
    let next = integration_tests::location(&response);
    let body = response.text().await.unwrap();
    assert_no_markup(action, status, &body);
    if status == 303 {
        let (status, body) = browser.get_text(&next).await;
        assert_no_markup(&next, status, &body);
    }
}

async fn markup_in_every_field_of_every_form_is_escaped(backend: Backend) {
    let Some(app) = spawn(backend).await else {
        return;
    };
    let visitor = app.browser();
    let forms: &[(&str, &str, &[&str])] = &[
        (
            "/registreren",
            "/registreren",
            &[
                "org_name", "kvk", "gemeente", "sector", "erkend", "name", "email", "password",
            ],
        ),
        ("/inloggen", "/inloggen", &["email", "password"]),
        ("/wachtwoord-vergeten", "/wachtwoord-vergeten", &["email"]),
        (
            "/wachtwoord-herstellen?token=x",
            "/wachtwoord-herstellen",
            &["token", "password"],
        ),
        ("/bevestigen?token=x", "/bevestigen", &["token"]),
        (
            "/uitnodiging?token=x",
            "/uitnodiging",
            &["token", "name", "password"],
        ),
    ];
    for (page, action, fields) in forms {
        post_markup(&visitor, page, action, fields).await;
    }

    // The aanmeldformulier: with a known scheme, every other field holds the markup; the form
    // comes back (the e-mail address is invalid) with the question kept — escaped.
    let page = "/scholingscalculator/aanmelden?regeling=leerwerkloket";
    let mut values: Vec<(&str, &str)> = [
        "antwoorden",
        "naam",
        "email",
        "telefoon",
        "contact",
        "vraag",
        "toestemming",
    ]
    .iter()
    .map(|f| (*f, MARKUP))
    .collect();
    values.push(("regeling", "leerwerkloket"));
    let response = visitor
        .post_from(page, "/scholingscalculator/aanmelden", &values)
        .await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    assert_no_markup("aanmeldformulier", 422, &body);
    assert!(
        body.contains("&lt;/textarea&gt;&lt;meta http-equiv=\"refresh\""),
        "the question is kept, escaped"
    );
    post_markup(
        &visitor,
        page,
        "/scholingscalculator/aanmelden",
        &["regeling"],
    )
    .await;

    // A stored application with markup in its name and question, as a coordinator sees it.
    let response = visitor
        .post_from(
            page,
            "/scholingscalculator/aanmelden",
            &[
                ("regeling", "leerwerkloket"),
                ("antwoorden", MARKUP),
                ("naam", MARKUP),
                ("email", "sanne@example.nl"),
                ("contact", "email"),
                ("vraag", MARKUP),
                ("toestemming", "ja"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);

    // The calculator's GET form writes its answers back into the fields.
    let query: String = [
        "voor", "leeftijd", "situatie", "gemeente", "kosten", "soort",
    ]
    .iter()
    .map(|f| format!("{f}={}&", urlencode(MARKUP)))
    .collect();
    let (status, body) = visitor
        .get_text(&format!("/scholingscalculator?{query}"))
        .await;
    assert_no_markup("calculator", status, &body);

    // Forms behind a login.
    let employer = employer_browser(&app, "werkgever@example.nl", "12345678", "Zorg BV").await;
    for (action, fields) in [
        ("/account/uitnodigen", &["invite_email"][..]),
        (
            "/account/wachtwoord",
            &["current_password", "new_password"][..],
        ),
        ("/account/verwijderen", &["delete_password"][..]),
    ] {
        post_markup(&employer, "/account", action, fields).await;
    }
    let admin = staff_browser(&app, Role::Admin, "beheer@example.nl").await;
    post_markup(
        &admin,
        "/beheer/gebruikers",
        "/beheer/gebruikers",
        &["name", "email"],
    )
    .await;
    post_markup(
        &admin,
        "/beheer/gebruikers",
        "/beheer/gebruikers/status",
        &["user_id", "action"],
    )
    .await;
    let (status, body) = admin.get_text("/beheer/aanmeldingen").await;
    assert_eq!(status, 200);
    assert_no_markup("queue", status, &body);
    assert!(
        body.contains("&lt;/textarea&gt;"),
        "the stored question is shown, escaped"
    );
    post_markup(
        &admin,
        "/beheer/aanmeldingen",
        "/beheer/aanmeldingen/afhandelen",
        &["id", "toegekend"],
    )
    .await;

    // The stages forms: a pledge, an opening, a response and an answer, each with markup in
    // every text; what is stored is shown escaped to the employer and the young person.
    post_markup(
        &employer,
        "/werkgevers",
        "/werkgevers",
        &app::domain::stages::PLEDGE_FIELDS,
    )
    .await;
    assert_eq!(
        employer
            .submit("/werkgevers", crate::stages::PLEDGE)
            .await
            .status(),
        303
    );
    let pledge = app.count("SELECT MAX(id) FROM pledges").await.to_string();
    crate::responses::verify(&app, &pledge, "markup").await;
    let page = format!("/werkgevers/plek?toezegging={pledge}");
    let response = employer
        .post_from(
            &page,
            "/werkgevers/plek",
            &[
                ("toezegging", pledge.as_str()),
                ("titel", MARKUP),
                ("omschrijving", MARKUP),
                ("soort", "leerbaan_bbl"),
                ("niveau", "mbo3"),
                ("gemeente", "GM0193"),
                ("start", "2027-03-01"),
                ("uren", "32"),
                ("aantal", "2"),
                ("contactpersoon", MARKUP),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let opening = app
        .count(&format!(
            "SELECT MAX(id) FROM openings WHERE pledge_id = {pledge}"
        ))
        .await;
    let page = format!("/stages/plek?id={opening}");
    let (status, body) = visitor.get_text(&page).await;
    assert_no_markup("opening page", status, &body);
    post_markup(
        &visitor,
        &page,
        &page,
        &[
            "naam",
            "email",
            "telefoon",
            "school",
            "opleiding",
            "niveau",
            "motivatie",
            "leeftijd",
            "ouder_naam",
        ],
    )
    .await;
    let response = visitor
        .post_from(
            &page,
            &page,
            &[
                ("naam", MARKUP),
                ("email", "jong@example.nl"),
                ("school", MARKUP),
                ("opleiding", MARKUP),
                ("niveau", "mbo3"),
                ("motivatie", MARKUP),
                ("leeftijd", "16plus"),
                ("toestemming", "ja"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let status_page = integration_tests::location(&response);
    let (status, body) = employer.get_text("/werkgevers/reacties").await;
    assert_no_markup("inbox", status, &body);
    let id = app.count("SELECT MAX(id) FROM responses").await.to_string();
    post_markup(
        &employer,
        "/werkgevers/reacties",
        "/werkgevers/reacties",
        &["bericht"],
    )
    .await;
    let response = employer
        .post_from(
            "/werkgevers/reacties",
            "/werkgevers/reacties",
            &[
                ("id", id.as_str()),
                ("besluit", "invited"),
                ("bericht", MARKUP),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (status, body) = visitor.get_text(&status_page).await;
    assert_no_markup("status page", status, &body);
    assert!(body.contains("&lt;/textarea&gt;"), "the message, escaped");
}

fn urlencode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn control_characters_are_removed_from_every_text_field(backend: Backend) {
    let Some(app) = spawn(backend).await else {
        return;
    };
    let page = "/scholingscalculator/aanmelden?regeling=leerwerkloket";
    let response = app
        .post_from(
            page,
            "/scholingscalculator/aanmelden",
            &[
                ("regeling", "leerwerkloket"),
                ("naam", "Sanne\0 de\u{1b} Vries"),
                ("email", "sanne@example.nl"),
                ("contact", "email"),
                ("vraag", "Kan\0 ik\u{7} beginnen?\r\nGraag\u{85} bellen."),
                ("toestemming", "ja"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303, "a NUL is removed, never a 500");
    let pool = app.db.pool().await;
    let (name, question): (String, String) =
        sqlx::query_as("SELECT name, question FROM scheme_applications")
            .fetch_one(&pool)
            .await
            .unwrap();
    pool.close().await;
    assert_eq!(name, "Sanne de Vries");
    assert_eq!(question, "Kan ik beginnen?\nGraag bellen.");

    // The same in the account forms (sign-up stores the organisation's and the person's name).
    let response = app
        .submit(
            "/registreren",
            &[
                ("org_name", "Bakkerij\0 De Korf"),
                ("kvk", "87654321"),
                ("gemeente", "GM0193"),
                ("sector", "horeca"),
                ("erkend", "ja"),
                ("name", "Anna\u{0} de Vries"),
                ("email", "anna@example.nl"),
                ("password", STRONG_PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM organisations WHERE name = 'Bakkerij De Korf'")
            .await,
        1
    );
}

async fn malformed_api_requests_get_400_with_a_short_json_error(backend: Backend) {
    let Some(app) = spawn(backend).await else {
        return;
    };
    let (status, _) = app.get_text("/api/regelingen").await;
    assert_eq!(status, 200, "the well-formed request");
    for path in ["/api/regelingen?x=1&x=2", "/api/regelingen?a[b]=1&a=2"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 400, "{path}");
        assert!(response
            .headers()
            .get("content-type")
            .is_some_and(|v| v.to_str().unwrap().starts_with("application/json")));
        let body = response.text().await.unwrap();
        assert!(body.len() < 100, "short: {body}");
        assert!(
            serde_json::from_str::<serde_json::Value>(&body).is_ok(),
            "JSON: {body}"
        );
        assert!(
            !body.contains("ServerFnError") && !body.contains("Args"),
            "{body}"
        );
    }
    // The wrong method, from the same site: refused by the router.
    let response = app
        .client
        .post(app.url("/api/regelingen"))
        .header("origin", &app.address)
        .body("x=1")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
}

/// The links in the newest `n` e-mails to `recipient`, newest first.
async fn reset_links(app: &TestApp, recipient: &str, n: i64) -> Vec<String> {
    let pool = app.db.pool().await;
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT body FROM outbox WHERE recipient = $1 AND subject LIKE 'Nieuw wachtwoord%' \
         ORDER BY id DESC LIMIT $2",
    )
    .bind(recipient)
    .bind(n)
    .fetch_all(&pool)
    .await
    .unwrap();
    pool.close().await;
    rows.into_iter()
        .map(|(body,)| {
            let start = body.find(&app.address).unwrap() + app.address.len();
            body[start..].split_whitespace().next().unwrap().to_string()
        })
        .collect()
}

async fn a_used_reset_link_voids_the_other_links(backend: Backend) {
    let Some(app) = spawn(backend).await else {
        return;
    };
    let email = "anna@example.nl";
    register_confirmed(&app, email, "12345678").await;
    for _ in 0..2 {
        let response = app
            .submit("/wachtwoord-vergeten", &[("email", email)])
            .await;
        assert_eq!(response.status(), 303);
    }
    let links = reset_links(&app, email, 2).await;
    assert_eq!(links.len(), 2);
    let token = |link: &str| link.split("token=").nth(1).unwrap().to_string();
    let new_password = "groene-reiger-vist-bij-de-Vecht";
    let response = app
        .submit(
            &links[0],
            &[("token", &token(&links[0])), ("password", new_password)],
        )
        .await;
    assert_eq!(response.status(), 303, "the newest link works");
    let response = app
        .submit(
            &links[1],
            &[("token", &token(&links[1])), ("password", STRONG_PASSWORD)],
        )
        .await;
    assert_eq!(response.status(), 400, "the older link is void now");

    // A changed password voids the links still in the mailbox too.
    let response = app
        .submit("/wachtwoord-vergeten", &[("email", email)])
        .await;
    assert_eq!(response.status(), 303);
    let pending = reset_links(&app, email, 1).await.remove(0);
    let browser = app.browser();
    let response = browser
        .submit("/inloggen", &[("email", email), ("password", new_password)])
        .await;
    assert_eq!(response.status(), 303);
    let response = browser
        .post_from(
            "/account",
            "/account/wachtwoord",
            &[
                ("current_password", new_password),
                ("new_password", "blauwe-fiets-over-de-Thorbeckegracht"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let response = app
        .submit(
            &pending,
            &[("token", &token(&pending)), ("password", STRONG_PASSWORD)],
        )
        .await;
    assert_eq!(response.status(), 400, "voided by the password change");
}

async fn forgot_password_takes_as_long_for_unknown_addresses(backend: Backend) {
    let Some(app) = spawn(backend).await else {
        return;
    };
    register_confirmed(&app, "anna@example.nl", "12345678").await;
    // Both answers wait for the same floor, so the work behind them does not show. (A lower
    // bound only: a slow machine cannot make this fail.)
    for email in ["anna@example.nl", "onbekend@example.nl"] {
        let token = app.csrf_token("/wachtwoord-vergeten").await;
        let started = Instant::now();
        let response = app
            .client
            .post(app.url("/wachtwoord-vergeten"))
            .form(&[("email", email), ("_csrf", &token)])
            .send()
            .await
            .unwrap();
        let took = started.elapsed();
        assert_eq!(response.status(), 303);
        assert!(
            took >= Duration::from_millis(250),
            "{email}: answered after {took:?}, before the floor"
        );
    }
}

async fn pages_with_personal_data_are_never_stored(backend: Backend) {
    let Some(app) = spawn(backend).await else {
        return;
    };
    let cache = |response: &reqwest::Response| {
        response
            .headers()
            .get("cache-control")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let anonymous = app.get("/").await;
    assert_eq!(cache(&anonymous), "no-cache, private");
    let employer = employer_browser(&app, "werkgever@example.nl", "12345678", "Zorg BV").await;
    for path in ["/account", "/account/gegevens", "/"] {
        let response = employer.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert!(
            cache(&response).contains("no-store"),
            "{path}: {}",
            cache(&response)
        );
    }
    let admin = staff_browser(&app, Role::Admin, "beheer@example.nl").await;
    for path in [
        "/beheer",
        "/beheer/gebruikers",
        "/beheer/audit",
        "/beheer/aanmeldingen",
    ] {
        let response = admin.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert!(
            cache(&response).contains("no-store"),
            "{path}: {}",
            cache(&response)
        );
    }
}

/// Posts a raw form body (already encoded) with the CSRF token of `page`.
async fn post_raw(browser: &Browser, page: &str, action: &str, body: &str) -> reqwest::Response {
    let token = browser.csrf_token(page).await;
    browser
        .client
        .post(browser.url(action))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("{body}&_csrf={}", urlencode(&token)))
        .send()
        .await
        .unwrap()
}

async fn addresses_from_bad_bytes_are_refused(backend: Backend) {
    let Some(app) = spawn(backend).await else {
        return;
    };
    let admin = staff_browser(&app, Role::Admin, "beheer@example.nl").await;
    // Invalid UTF-8: a browser never sends it; the form is refused as unreadable.
    let response = post_raw(
        &admin,
        "/beheer/gebruikers",
        "/beheer/gebruikers",
        "name=X&email=%FF%FE%FD(coord@example.nl",
    )
    .await;
    assert_eq!(response.status(), 400);
    // Replacement characters and brackets, sent as valid UTF-8: not an e-mail address.
    let response = post_raw(
        &admin,
        "/beheer/gebruikers",
        "/beheer/gebruikers",
        "name=X&email=%EF%BF%BD%EF%BF%BD(coord@example.nl",
    )
    .await;
    assert_eq!(response.status(), 422);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE email LIKE '%coord@example.nl'")
            .await,
        0,
        "no coordinator was created"
    );
}

async fn a_planted_csrf_cookie_is_refused(backend: Backend) {
    let Some(app) = spawn(backend).await else {
        return;
    };
    // A token the server never issued, planted in the browser (by a sibling subdomain, say)
    // and put in the attacker's form.
    let planted = "a".repeat(64);
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = client
        .post(app.url("/inloggen"))
        .header("cookie", format!("hvw_csrf={planted}"))
        .header("origin", &app.address)
        .form(&[
            ("email", "anna@example.nl"),
            ("password", STRONG_PASSWORD),
            ("_csrf", planted.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403, "the planted token is refused");
    let renewed = response.headers().get_all("set-cookie").iter().any(|v| {
        v.to_str().unwrap().starts_with("hvw_csrf=") && !v.to_str().unwrap().contains(&planted)
    });
    assert!(renewed, "the browser gets a token of the server's own");
    // A token the server signed still works.
    let response = app
        .submit(
            "/inloggen",
            &[("email", "anna@example.nl"), ("password", STRONG_PASSWORD)],
        )
        .await;
    assert_eq!(
        response.status(),
        422,
        "read (and refused as a failed login), not 403"
    );
}

async fn slow_clients_are_disconnected(backend: Backend) {
    let Some(app) = spawn_app_with(backend, |config| config.header_timeout_seconds = 1).await
    else {
        return;
    };
    let addr = app.address.trim_start_matches("http://").to_string();
    let mut slow = Vec::new();
    for _ in 0..20 {
        let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
            .await
            .unwrap();
        slow.push(stream);
    }
    // Meanwhile the site answers others.
    let (status, _) = app.get_text("/").await;
    assert_eq!(status, 200);
    // Each slow connection is closed by the server (an answer, or the end of the stream),
    // well before this test gives up on it.
    for mut stream in slow {
        let mut buffer = [0u8; 1024];
        let outcome = tokio::time::timeout(Duration::from_secs(30), async {
            loop {
                match stream.read(&mut buffer).await {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
            }
        })
        .await;
        assert!(
            outcome.is_ok(),
            "a connection without complete headers stayed open"
        );
    }
}

/// The database goes away (PostgreSQL behind a proxy the test cuts): pages that need no
/// database keep working, the others answer 503 with the page in the layout, quickly, and all
/// recover by themselves.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_going_down_gives_503_pages_and_recovers() {
    let Some(cutter) = DatabaseCutter::start().await else {
        return;
    };
    let Some(app) = spawn_app_with(Backend::Postgres, |config| {
        config.database_url = config.database_url.as_ref().map(|url| cutter.route(url));
    })
    .await
    else {
        return;
    };
    let employer = employer_browser(&app, "werkgever@example.nl", "12345678", "Zorg BV").await;
    let (status, html) = employer.get_text("/account").await;
    assert_eq!(status, 200);
    assert!(html.contains("type=\"module\""), "a normal page hydrates");

    cutter.cut();
    let visitor = app.browser();
    // The server notices within about a second (it tries a connection twice a second).
    let mut noticed = false;
    for _ in 0..100 {
        if visitor.get("/readyz").await.status() == 503 {
            noticed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(noticed, "readiness reports the database down");
    for path in ["/", "/scholingscalculator?voor=ik&leeftijd=34", "/inloggen"] {
        assert_eq!(
            visitor.get(path).await.status(),
            200,
            "{path} needs no database"
        );
    }
    assert_eq!(
        employer.get("/").await.status(),
        200,
        "a logged-in person still gets the public pages"
    );
    let started = Instant::now();
    let response = employer.get("/account").await;
    let took = started.elapsed();
    assert_eq!(response.status(), 503);
    assert!(
        took < Duration::from_secs(4),
        "answered after {took:?}: it must not wait for a connection that will not come"
    );
    assert!(response
        .headers()
        .get("content-type")
        .is_some_and(|v| v.to_str().unwrap().starts_with("text/html")));
    let html = response.text().await.unwrap();
    assert!(html.contains("Tijdelijk niet beschikbaar"), "the 503 page");
    assert!(html.contains("class=\"main-nav\""), "in the layout");
    assert!(
        !html.contains(".wasm") && !html.contains("type=\"module\""),
        "without the app's scripts: nothing to hydrate"
    );
    let (status, html) = visitor.get_text("/inloggen?lang=en").await;
    assert_eq!(status, 200);
    assert!(html.contains("lang=\"en\""));
    let response = visitor
        .post_from(
            "/wachtwoord-vergeten?lang=en",
            "/wachtwoord-vergeten",
            &[("email", "werkgever@example.nl")],
        )
        .await;
    assert_eq!(response.status(), 503, "a form that needs the database");
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("Temporarily unavailable"));
    assert_eq!(visitor.get("/readyz").await.status(), 503);

    cutter.restore();
    let mut recovered = false;
    for _ in 0..50 {
        if employer.get("/account").await.status() == 200 {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(recovered, "the server recovers by itself");
}

backend_tests!(
    markup_in_every_field_of_every_form_is_escaped,
    control_characters_are_removed_from_every_text_field,
    malformed_api_requests_get_400_with_a_short_json_error,
    a_used_reset_link_voids_the_other_links,
    forgot_password_takes_as_long_for_unknown_addresses,
    pages_with_personal_data_are_never_stored,
    addresses_from_bad_bytes_are_refused,
    a_planted_csrf_cookie_is_refused,
    slow_clients_are_disconnected,
);
