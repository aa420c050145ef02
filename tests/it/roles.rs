//! Roles and the account lifecycle: the role matrix, invitations, password change, admin
//! actions with the audit log, and deletion that leaves no personal row behind.
use app::domain::account::Role;
use integration_tests::{
    backend_tests, employer_browser, location, spawn_app, staff_browser, Backend, Browser, TestApp,
    STRONG_PASSWORD,
};

/// Anonymous, employer of A, employer of B, coordinator, admin.
async fn cast(app: &TestApp) -> Vec<(&'static str, Browser)> {
    vec![
        ("anonymous", app.browser()),
        (
            "employer A",
            employer_browser(app, "a@zorg-a.nl", "10000001", "Zorggroep A").await,
        ),
        (
            "employer B",
            employer_browser(app, "b@bouw-b.nl", "10000002", "Bouwbedrijf B").await,
        ),
        (
            "coordinator",
            staff_browser(app, Role::Coordinator, "adviseur@regio.nl").await,
        ),
        (
            "admin",
            staff_browser(app, Role::Admin, "beheer@regio.nl").await,
        ),
    ]
}

async fn every_endpoint_allows_exactly_the_right_roles(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let cast = cast(&app).await;
    // (who, status) per request; 302/303 to /inloggen means "log in first".
    let login = "login";
    let expect = |who: &str,
                  anon: &'static str,
                  employer: &'static str,
                  coordinator: &'static str,
                  admin: &'static str| match who {
        "anonymous" => anon,
        "employer A" | "employer B" => employer,
        "coordinator" => coordinator,
        _ => admin,
    };
    for (who, browser) in &cast {
        let verdict = |response: &reqwest::Response| -> &'static str {
            match response.status().as_u16() {
                200 => "allow",
                302 | 303 if location(response).starts_with("/inloggen") => login,
                302 | 303 => "allow",
                403 => "deny",
                other => panic!("{who}: unexpected status {other} for {}", response.url()),
            }
        };
        // Every page behind a login, from the capabilities' tables: who may see it follows
        // from its roles, so a page added to a table is in this matrix at once.
        let role = match *who {
            "anonymous" => None,
            "employer A" | "employer B" => Some(Role::Employer),
            "coordinator" => Some(Role::Coordinator),
            _ => Some(Role::Admin),
        };
        let pages = app::guarded_pages();
        assert!(pages.len() >= 4, "the tables list the pages behind a login");
        for page in pages {
            let expected = match role {
                None => login,
                Some(role) if page.allows(role) => "allow",
                Some(_) => "deny",
            };
            let response = browser.get(page.path).await;
            assert_eq!(verdict(&response), expected, "{who} GET {}", page.path);
        }
        // The personal-data download (a file, not a page).
        let response = browser.get("/account/gegevens").await;
        assert_eq!(
            verdict(&response),
            expect(who, login, "allow", "allow", "allow"),
            "{who} GET /account/gegevens"
        );
        // State changes (each from a page that has a form, for its CSRF token).
        let invitee = format!("collega-{}@voorbeeld.nl", who.replace(' ', "-"));
        let new_staff = format!("nieuw-{}@regio.nl", who.replace(' ', "-"));
        for (action, fields, anon, employer, coordinator, admin) in [
            (
                "/account/uitnodigen",
                vec![("invite_email", invitee.as_str())],
                login,
                "allow",
                "deny",
                "deny",
            ),
            (
                "/beheer/gebruikers",
                vec![("name", "Nieuwe Adviseur"), ("email", new_staff.as_str())],
                login,
                "deny",
                "deny",
                "allow",
            ),
            (
                "/werkgevers",
                vec![
                    ("soort", "stage_hbo"),
                    ("aantal", "2"),
                    ("niveau", "hbo"),
                    ("sector", "ict"),
                    ("gemeente", "GM0193"),
                    ("van", "2027-09-01"),
                    ("tot", "2028-06-30"),
                    ("naam_tonen", "nee"),
                ],
                login,
                "allow",
                "deny",
                "deny",
            ),
        ] {
            let response = browser.post_from("/inloggen", action, &fields).await;
            assert_eq!(
                verdict(&response),
                expect(who, anon, employer, coordinator, admin),
                "{who} POST {action}"
            );
        }
    }

    // An employer never sees another organisation's data.
    let (_, a) = cast[1].1.get_text("/account").await;
    assert!(
        a.contains("Zorggroep A") && !a.contains("Bouwbedrijf B") && !a.contains("b@bouw-b.nl")
    );
    let a_json: serde_json::Value = cast[1]
        .1
        .get("/account/gegevens")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(a_json["organisation"]["name"], "Zorggroep A");
    // Invitations always go to the inviter's own organisation.
    let pool = app.db.pool().await;
    let (org,): (String,) = sqlx::query_as(
        "SELECT o.name FROM tokens t JOIN organisations o ON o.id = t.organisation_id WHERE t.email = $1",
    )
    .bind("collega-employer-b@voorbeeld.nl")
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(org, "Bouwbedrijf B");

    // Disabling: only admins, and it ends the sessions of that account at once.
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM users WHERE email = 'b@bouw-b.nl'")
        .fetch_one(&pool)
        .await
        .unwrap();
    let id = id.to_string();
    for (who, browser) in &cast[..4] {
        let response = browser
            .post_from(
                "/inloggen",
                "/beheer/gebruikers/status",
                &[("user_id", &id), ("action", "disable")],
            )
            .await;
        let refused = response.status() == 403 || location(&response).starts_with("/inloggen");
        assert!(refused, "{who} may not disable accounts");
    }
    assert_eq!(
        cast[2].1.get("/account").await.status(),
        200,
        "B still logged in"
    );
    let admin = &cast[4].1;
    let response = admin
        .post_from(
            "/beheer/gebruikers",
            "/beheer/gebruikers/status",
            &[("user_id", &id), ("action", "disable")],
        )
        .await;
    assert_eq!(location(&response), "/beheer/gebruikers");
    assert_eq!(
        cast[2].1.get("/account").await.status(),
        302,
        "B's session ended"
    );
    let response = cast[2]
        .1
        .submit(
            "/inloggen",
            &[("email", "b@bouw-b.nl"), ("password", STRONG_PASSWORD)],
        )
        .await;
    assert_eq!(response.status(), 422, "a disabled account cannot log in");
    let (_, audit) = admin.get_text("/beheer/audit").await;
    assert!(audit.contains("account_disabled") && audit.contains("coordinator_created"));
    assert!(
        !audit.contains("b@bouw-b.nl"),
        "the audit log holds ids only"
    );
}

async fn a_colleague_joins_through_an_invitation(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let anna = employer_browser(&app, "anna@korf.nl", "20000001", "Bakkerij De Korf").await;
    let response = anna
        .post_from(
            "/account",
            "/account/uitnodigen",
            &[("invite_email", "Bram@Korf.nl")],
        )
        .await;
    assert_eq!(
        location(&response),
        "/account?melding=uitnodiging-verstuurd"
    );
    let link = app.link_in_last_email("bram@korf.nl").await;
    assert!(link.starts_with("/uitnodiging?token="), "{link}");
    let token = link.split("token=").nth(1).unwrap().to_string();

    let bram = app.browser();
    let response = bram
        .submit(
            &link,
            &[("token", &token), ("name", ""), ("password", "kort")],
        )
        .await;
    assert_eq!(
        response.status(),
        422,
        "bad input keeps the invitation usable"
    );
    let response = bram
        .submit(
            &link,
            &[
                ("token", &token),
                ("name", "Bram Bakker"),
                ("password", STRONG_PASSWORD),
            ],
        )
        .await;
    assert_eq!(location(&response), "/account");
    let (_, page) = bram.get_text("/account").await;
    assert!(page.contains("Bram Bakker") && page.contains("Bakkerij De Korf"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE organisation_id IS NOT NULL")
            .await,
        2
    );
    // The invitation works once.
    let response = app
        .browser()
        .submit(
            &link,
            &[
                ("token", &token),
                ("name", "X"),
                ("password", STRONG_PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), 400);
}

async fn changing_the_password_ends_other_sessions(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let first = employer_browser(&app, "a@b.nl", "30000001", "Garage").await;
    let second = app.browser();
    second
        .submit(
            "/inloggen",
            &[("email", "a@b.nl"), ("password", STRONG_PASSWORD)],
        )
        .await;
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 2);
    let response = first
        .post_from(
            "/account",
            "/account/wachtwoord",
            &[
                ("current_password", "fout-wachtwoord-123"),
                ("new_password", "x"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("Dit wachtwoord klopt niet.") && page.contains("minstens 12 tekens"));
    let new_password = "groene-giraffe-zwemt-in-het-Zwarte-Water";
    let response = first
        .post_from(
            "/account",
            "/account/wachtwoord",
            &[
                ("current_password", STRONG_PASSWORD),
                ("new_password", new_password),
            ],
        )
        .await;
    assert_eq!(location(&response), "/account?melding=wachtwoord-gewijzigd");
    assert_eq!(
        first.get("/account").await.status(),
        200,
        "this session stays"
    );
    assert_eq!(
        second.get("/account").await.status(),
        302,
        "the other one ends"
    );
}

async fn deleting_an_account_leaves_no_personal_row(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let anna = employer_browser(&app, "anna@korf.nl", "40000001", "Bakkerij De Korf").await;
    anna.post_from(
        "/account",
        "/account/uitnodigen",
        &[("invite_email", "bram@korf.nl")],
    )
    .await;
    anna.submit("/wachtwoord-vergeten", &[("email", "anna@korf.nl")])
        .await;

    let response = anna
        .post_from(
            "/account",
            "/account/verwijderen",
            &[("delete_password", "niet-mijn-wachtwoord")],
        )
        .await;
    assert_eq!(response.status(), 422, "deletion needs the password");
    let response = anna
        .post_from(
            "/account",
            "/account/verwijderen",
            &[("delete_password", STRONG_PASSWORD)],
        )
        .await;
    assert_eq!(location(&response), "/inloggen?melding=verwijderd");

    for (table, condition) in [
        ("users", "1 = 1"),
        ("organisations", "NOT demo"),
        ("sessions", "1 = 1"),
        ("tokens", "1 = 1"),
        ("outbox", "recipient = 'anna@korf.nl'"),
    ] {
        assert_eq!(
            app.count(&format!("SELECT COUNT(*) FROM {table} WHERE {condition}"))
                .await,
            0,
            "{table}"
        );
    }
    // The audit log remembers that it happened, by id only.
    let pool = app.db.pool().await;
    let (action, detail): (String, String) =
        sqlx::query_as("SELECT action, detail FROM audit_log ORDER BY id DESC LIMIT 1")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(action, "account_deleted");
    assert!(!detail.contains("korf"));
    assert_eq!(anna.get("/account").await.status(), 302);
}

backend_tests!(
    every_endpoint_allows_exactly_the_right_roles,
    a_colleague_joins_through_an_invitation,
    changing_the_password_ends_other_sessions,
    deleting_an_account_leaves_no_personal_row,
);
