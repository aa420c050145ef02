//! Accounts and the security base: sign-up, confirmation, login, sessions, CSRF, rate limits,
//! password reset. Every test on SQLite and on PostgreSQL.
use integration_tests::{
    backend_tests, location, login, register_confirmed, spawn_app, spawn_app_with, Backend,
    TestApp, STRONG_PASSWORD,
};

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("hvw_session=") && !c.starts_with("hvw_session=;"))
}

async fn logged_in(app: &TestApp) -> bool {
    let response = app.get("/account").await;
    response.status() == 200 && response.text().await.unwrap().contains("Mijn account")
}

async fn sign_up_confirm_log_in_and_out(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let email = "anna@bakkerij.nl";
    let response = app
        .submit(
            "/registreren",
            &[
                ("org_name", "Bakkerij De Korf"),
                ("kvk", "1234 5678"),
                ("gemeente", "GM0193"),
                ("sector", "horeca"),
                ("erkend", "ja"),
                ("name", "Anna de Vries"),
                ("email", "Anna@Bakkerij.nl"),
                ("password", STRONG_PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/inloggen?melding=bevestig-email");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM organisations WHERE kvk = '12345678'")
            .await,
        1
    );

    // Not confirmed yet: no login.
    let response = login(&app, email, STRONG_PASSWORD).await;
    assert_eq!(response.status(), 422);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("Bevestig eerst uw e-mailadres"));

    // The link in the e-mail leads to a page with a button (no state change on GET).
    let link = app.link_in_last_email(email).await;
    let (status, page) = app.get_text(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("Bevestig mijn e-mailadres"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE email_confirmed_at IS NOT NULL")
            .await,
        0
    );
    let token = link.split("token=").nth(1).unwrap().to_string();
    let response = app.submit(&link, &[("token", &token)]).await;
    assert_eq!(location(&response), "/inloggen?melding=bevestigd");
    // Single use.
    let response = app.submit(&link, &[("token", &token)]).await;
    assert_eq!(response.status(), 400);

    let response = login(&app, email, STRONG_PASSWORD).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/account");
    let cookie = session_cookie(&response).expect("a session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let (status, page) = app.get_text("/account").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Anna de Vries")
            && page.contains("anna@bakkerij.nl")
            && page.contains("12345678")
    );

    // Logout ends the session on the server.
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 1);
    let response = app.submit("/uitloggen", &[]).await;
    assert_eq!(location(&response), "/inloggen?melding=uitgelogd");
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
    let response = app.get("/account").await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/inloggen");
}

async fn login_rotates_the_session_id(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    register_confirmed(&app, "a@b.nl", "11112222").await;
    let first = session_cookie(&login(&app, "a@b.nl", STRONG_PASSWORD).await).unwrap();
    let second = session_cookie(&login(&app, "a@b.nl", STRONG_PASSWORD).await).unwrap();
    assert_ne!(first, second, "a new id at every login");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM sessions").await,
        1,
        "the old session is gone"
    );
    // The database holds digests, never the id itself.
    let id = second
        .trim_start_matches("hvw_session=")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let pool = app.db.pool().await;
    let (stored,): (String,) = sqlx::query_as("SELECT id_hash FROM sessions")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_ne!(stored, id);
    assert_eq!(stored.len(), 64);
    assert!(id.len() >= 43, "at least 256 bits");
}

async fn sessions_time_out(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    register_confirmed(&app, "a@b.nl", "11112222").await;
    login(&app, "a@b.nl", STRONG_PASSWORD).await;
    assert!(logged_in(&app).await);
    // Idle for 31 minutes.
    app.execute("UPDATE sessions SET last_seen_at = last_seen_at - 31 * 60")
        .await;
    assert!(!logged_in(&app).await, "idle timeout");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM sessions").await,
        0,
        "the dead session is deleted"
    );

    // Active, but logged in 12 hours and a minute ago.
    login(&app, "a@b.nl", STRONG_PASSWORD).await;
    assert!(logged_in(&app).await);
    app.execute("UPDATE sessions SET created_at = created_at - 12 * 3600 - 60")
        .await;
    assert!(!logged_in(&app).await, "absolute timeout");
}

async fn cross_site_posts_are_refused(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let token = app.csrf_token("/inloggen").await;
    let post =
        |fields: Vec<(&'static str, String)>| app.client.post(app.url("/inloggen")).form(&fields);
    let fields = || {
        vec![
            ("email", "a@b.nl".to_string()),
            ("password", "x".to_string()),
        ]
    };

    // No token, a wrong token: 403.
    assert_eq!(post(fields()).send().await.unwrap().status(), 403);
    let mut wrong = fields();
    wrong.push(("_csrf", "x".repeat(43)));
    assert_eq!(post(wrong).send().await.unwrap().status(), 403);
    // The right token, but sent from another site: 403.
    let mut right = fields();
    right.push(("_csrf", token.clone()));
    let response = post(right.clone())
        .header("origin", "http://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let response = post(right.clone())
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    // The same post from the site itself goes through (and fails on the password, 422).
    let response = post(right)
        .header("sec-fetch-site", "same-origin")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    // Server functions need a same-origin Origin or Sec-Fetch-Site.
    let response = app
        .client
        .post(app.url("/api/account/overview"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    // GET changes nothing and needs no token.
    assert_eq!(app.get("/uitloggen").await.status(), 200);
}

async fn too_many_logins_get_429(backend: Backend) {
    let Some(app) = spawn_app_with(backend, |c| c.login_rate_per_minute = 3).await else {
        return;
    };
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(
            login(&app, "a@b.nl", "verkeerd-wachtwoord")
                .await
                .status()
                .as_u16(),
        );
    }
    assert_eq!(&statuses[..3], &[422, 422, 422], "{statuses:?}");
    assert_eq!(statuses[4], 429, "{statuses:?}");
    let response = login(&app, "a@b.nl", "verkeerd-wachtwoord").await;
    assert_eq!(response.status(), 429);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("te vaak geprobeerd"),
        "a friendly page"
    );
}

async fn bad_sign_up_keeps_input_and_saves_nothing(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let response = app
        .submit(
            "/registreren",
            &[
                ("org_name", "Garage Zwolle-Zuid"),
                ("kvk", "1234"),
                ("gemeente", ""),
                ("sector", "horeca"),
                ("name", ""),
                ("email", "niet-een-adres"),
                ("password", "wachtwoord123"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("Er is een probleem"), "error summary");
    for message in [
        "Een KvK-nummer heeft 8 cijfers",
        "Maak een keuze.",
        "Vul dit veld in.",
        "Vul een e-mailadres in zoals naam@voorbeeld.nl.",
        "te makkelijk te raden",
    ] {
        assert!(page.contains(message), "message: {message}");
    }
    assert!(
        page.contains("href=\"#veld-kvk\""),
        "the summary links to the field"
    );
    assert!(page.contains("value=\"Garage Zwolle-Zuid\""), "input kept");
    assert!(page.contains("value=\"niet-een-adres\""), "input kept");
    assert!(
        !page.contains("wachtwoord123"),
        "passwords are never sent back"
    );
    // (The demo board's organisations are there from the seed.)
    assert_eq!(
        app.count("SELECT COUNT(*) FROM organisations WHERE NOT demo")
            .await,
        0
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM users").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, 0);
}

async fn password_reset_by_one_time_link(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    register_confirmed(&app, "a@b.nl", "11112222").await;
    login(&app, "a@b.nl", STRONG_PASSWORD).await;
    let sessions_before = app.count("SELECT COUNT(*) FROM sessions").await;
    assert_eq!(sessions_before, 1);

    // Unknown addresses get the same answer and no e-mail.
    let response = app
        .submit("/wachtwoord-vergeten", &[("email", "onbekend@b.nl")])
        .await;
    assert_eq!(
        location(&response),
        "/wachtwoord-vergeten?melding=link-verstuurd"
    );
    assert!(app.last_email_to("onbekend@b.nl").await.is_none());

    let response = app
        .submit("/wachtwoord-vergeten", &[("email", "a@b.nl")])
        .await;
    assert_eq!(
        location(&response),
        "/wachtwoord-vergeten?melding=link-verstuurd"
    );
    let link = app.link_in_last_email("a@b.nl").await;
    assert!(link.starts_with("/wachtwoord-herstellen?token="), "{link}");
    let token = link.split("token=").nth(1).unwrap().to_string();
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM tokens WHERE purpose = 'reset_password' AND used_at IS NULL"
        )
        .await,
        1,
        "one unused reset token"
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM tokens WHERE token_hash = '{token}'"
        ))
        .await,
        0,
        "stored hashed, never as sent"
    );

    let response = app
        .submit(
            &link,
            &[("token", &token), ("password", "welkom01welkom01")],
        )
        .await;
    assert_eq!(response.status(), 422, "a weak password is refused");
    let new_password = "groene-giraffe-zwemt-in-het-Zwarte-Water";
    let response = app
        .submit(&link, &[("token", &token), ("password", new_password)])
        .await;
    assert_eq!(
        location(&response),
        "/inloggen?melding=wachtwoord-gewijzigd"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM sessions").await,
        0,
        "every session ended"
    );
    let response = app
        .submit(&link, &[("token", &token), ("password", new_password)])
        .await;
    assert_eq!(response.status(), 400, "the link works once");

    assert_eq!(login(&app, "a@b.nl", STRONG_PASSWORD).await.status(), 422);
    assert_eq!(login(&app, "a@b.nl", new_password).await.status(), 303);

    // An expired link does not work.
    app.submit("/wachtwoord-vergeten", &[("email", "a@b.nl")])
        .await;
    let link = app.link_in_last_email("a@b.nl").await;
    let token = link.split("token=").nth(1).unwrap().to_string();
    app.execute("UPDATE tokens SET expires_at = expires_at - 3601 WHERE used_at IS NULL")
        .await;
    let response = app
        .submit(
            &link,
            &[
                ("token", &token),
                ("password", "nog-een-heel-sterk-wachtwoord-99"),
            ],
        )
        .await;
    assert_eq!(response.status(), 400);
}

async fn personal_data_download_needs_a_login(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let response = app.get("/account/gegevens").await;
    assert_eq!(response.status(), 303);
    register_confirmed(&app, "a@b.nl", "11112222").await;
    login(&app, "a@b.nl", STRONG_PASSWORD).await;
    let response = app.get("/account/gegevens").await;
    assert_eq!(response.status(), 200);
    assert!(response
        .headers()
        .get("content-disposition")
        .unwrap()
        .to_str()
        .unwrap()
        .contains("attachment"));
    let json: serde_json::Value = response.json().await.unwrap();
    assert_eq!(json["account"]["email"], "a@b.nl");
    assert_eq!(json["organisation"]["kvk"], "11112222");
}

backend_tests!(
    sign_up_confirm_log_in_and_out,
    login_rotates_the_session_id,
    sessions_time_out,
    cross_site_posts_are_refused,
    too_many_logins_get_429,
    bad_sign_up_keeps_input_and_saves_nothing,
    password_reset_by_one_time_link,
    personal_data_download_needs_a_login,
);
