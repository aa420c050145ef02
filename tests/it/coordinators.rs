//! What coordinators need to follow up (issue 11 §4), over real HTTP on SQLite and PostgreSQL:
//! the beheer start page with every queue and its open count, linked from the header after
//! login; a notification e-mail to every coordinator and admin when an application arrives; the
//! daily digest of what is still open (once a day, however often it is tried); and the footer
//! that shows who is logged in and offers "Uitloggen".
use app::domain::account::Role;
use integration_tests::{
    backend_tests, employer_browser, location, spawn_app, staff_browser, Backend,
};

const APPLY: &str =
    "/scholingscalculator/aanmelden?regeling=leerwerkloket&voor=ik&leeftijd=45&situatie=ww";

async fn apply(app: &integration_tests::TestApp, name: &str) -> String {
    let response = app
        .post_from(
            APPLY,
            "/scholingscalculator/aanmelden",
            &[
                ("regeling", "leerwerkloket"),
                ("antwoorden", "voor=ik&leeftijd=45&situatie=ww"),
                ("naam", name),
                ("email", "aanvrager@example.nl"),
                ("telefoon", ""),
                ("contact", "email"),
                ("vraag", ""),
                ("toestemming", "ja"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    location(&response)
        .split("referentie=")
        .nth(1)
        .expect("a reference")
        .to_string()
}

async fn coordinators_find_their_queues_and_hear_of_new_work(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    // Anonymous: the footer offers the login, the header no beheer link.
    let (_, html) = app.get_text("/").await;
    assert!(html.contains("href=\"/inloggen\""));
    assert!(!html.contains("href=\"/beheer\""));
    assert!(!html.contains("Ingelogd als"));

    let coordinator = staff_browser(&app, Role::Coordinator, "adviseur@regio.nl").await;
    let admin = staff_browser(&app, Role::Admin, "beheer@regio.nl").await;
    // Logged in: who, the way out (a POST with the CSRF token), and the way to the queues.
    let (status, html) = coordinator.get_text("/stages").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Ingelogd als Medewerker."),
        "the footer names the user"
    );
    assert!(html.contains("action=\"/uitloggen\""));
    assert!(html.contains(">Uitloggen</button>"));
    assert!(!html.contains(">Inloggen voor werkgevers"));
    assert!(
        html.contains("href=\"/beheer\""),
        "the header links to the beheer start page"
    );
    // Employers get their account page in the header instead; /beheer is not theirs.
    let employer = employer_browser(&app, "p@zorg.nl", "12345678", "Zorg BV").await;
    let (_, html) = employer.get_text("/").await;
    assert!(!html.contains("href=\"/beheer\""));
    let header = &html[..html.find("</header>").unwrap()];
    assert!(header.contains("href=\"/account\""), "{header}");
    assert_eq!(employer.get("/beheer").await.status(), 403);
    assert_eq!(app.browser().get("/beheer").await.status(), 302);

    // The start page: every queue with its open count; nothing open yet.
    let (status, html) = coordinator.get_text("/beheer").await;
    assert_eq!(status, 200);
    assert!(html.contains("href=\"/beheer/aanmeldingen\""));
    assert!(html.contains("Aanmeldingen uit de scholingscalculator"));
    assert!(html.contains(">0 open<"), "nothing open yet");
    assert!(
        !html.contains("href=\"/beheer/gebruikers\""),
        "the users are the admin's"
    );
    let (_, html) = admin.get_text("/beheer").await;
    assert!(html.contains("href=\"/beheer/gebruikers\""));
    assert!(html.contains("href=\"/beheer/audit\""));

    // Nothing open (the demo board's waiting pledges decided): the digest sends nothing, but
    // the day counts as done.
    app.execute("UPDATE pledges SET status = 'verified' WHERE status = 'pending'")
        .await;

    let day_one = 1_795_000_000; // 2026-11-18, 11:06 UTC
    assert_eq!(
        app::server::digest::send_daily(&app.state, day_one)
            .await
            .unwrap(),
        0
    );

    // An application arrives: every coordinator and admin gets a mail at once, without the
    // applicant's personal data, with the reference and the way to the queue.
    let reference = apply(&app, "Ahmet Yilmaz").await;
    for staff in ["adviseur@regio.nl", "beheer@regio.nl"] {
        let (subject, body) = app.last_email_to(staff).await.expect("a notification");
        assert!(subject.contains(&reference), "{subject}");
        assert!(body.contains("Leerwerkloket"), "{body}");
        assert!(body.contains("/beheer/aanmeldingen"), "{body}");
        assert!(
            !body.contains("Ahmet") && !body.contains("aanvrager@example.nl"),
            "{body}"
        );
    }
    // The employer is not told.
    assert!(app
        .last_email_to("p@zorg.nl")
        .await
        .is_none_or(|(s, _)| !s.contains(&reference)));
    apply(&app, "Bea Jansen").await;
    let (_, html) = coordinator.get_text("/beheer").await;
    assert!(html.contains(">2 open<"), "the open count follows");

    // The digest of the next day: one mail per coordinator and admin with what is open; tried
    // again the same day (another instance, a second tick), nothing more is sent.
    let day_two = day_one + 86_400;
    let before = app.count("SELECT COUNT(*) FROM outbox").await;
    assert_eq!(
        app::server::digest::send_daily(&app.state, day_two)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        app::server::digest::send_daily(&app.state, day_two + 600)
            .await
            .unwrap(),
        0
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, before + 2);
    let (subject, body) = app.last_email_to("adviseur@regio.nl").await.unwrap();
    assert!(
        subject.contains("19-11-2026") || subject.contains("19 november 2026"),
        "{subject}"
    );
    assert!(
        body.contains("Aanmeldingen uit de scholingscalculator: 2 open"),
        "{body}"
    );
    assert!(!body.contains("Ahmet"), "{body}");
    // Two instances at the same moment: one of them sends it.
    let day_three = day_two + 86_400;
    let (a, b) = tokio::join!(
        app::server::digest::send_daily(&app.state, day_three),
        app::server::digest::send_daily(&app.state, day_three + 1),
    );
    let sent = [a, b].into_iter().map(|r| r.unwrap_or(0)).sum::<usize>();
    assert_eq!(sent, 2, "one digest (two staff) for the day, not two");

    // Logging out from the footer ends the session.
    let token = coordinator.csrf_token("/stages").await;
    let response = coordinator
        .client
        .post(coordinator.url("/uitloggen"))
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let (_, html) = coordinator.get_text("/stages").await;
    assert!(!html.contains("Ingelogd als"));
    assert_eq!(coordinator.get("/beheer").await.status(), 302);
}

backend_tests!(coordinators_find_their_queues_and_hear_of_new_work);
