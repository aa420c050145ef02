//! Young people respond to openings without an account; employers answer them through to
//! placement; nobody is left without an answer (reminders after 7 and 14 days); responses are
//! deleted after retention while the counts stay; the board filters by distance and start date
//! and publishes an Atom feed — on SQLite and PostgreSQL, over real HTTP.
use app::domain::account::Role;
use integration_tests::*;

use crate::stages::{figure, open_place, pledge_ids, PLEDGE};

const DAY: i64 = 86_400;

/// A good response from Sanne (16 or older), by e-mail.
fn answer_fields(name: &str, email: &str) -> Vec<(String, String)> {
    [
        ("naam", name),
        ("email", email),
        ("school", "Deltion College"),
        ("opleiding", "Verzorgende IG"),
        ("niveau", "mbo3"),
        (
            "motivatie",
            "Ik loop graag stage in de zorg.\n\nIk ben geduldig.",
        ),
        ("leeftijd", "16plus"),
        ("toestemming", "ja"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn pairs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// An employer with a pledge of 5 and one opening of `places` places; returns the employer,
/// the pledge id and the opening id.
async fn employer_with_opening(
    app: &TestApp,
    email: &str,
    kvk: &str,
    organisation: &str,
    title: &str,
    places: &str,
) -> (Browser, String, i64) {
    let employer = employer_browser(app, email, kvk, organisation).await;
    assert_eq!(employer.submit("/werkgevers", PLEDGE).await.status(), 303);
    let pledge = pledge_ids(app, organisation).await[0].to_string();
    verify(app, &pledge, kvk).await;
    assert_eq!(
        open_place(&employer, &pledge, title, places).await.status(),
        303
    );
    let opening = app
        .count(&format!(
            "SELECT MAX(id) FROM openings WHERE pledge_id = {pledge}"
        ))
        .await;
    (employer, pledge, opening)
}

/// A coordinator verifies the pledge: only then are its places public and open to responses.
pub(crate) async fn verify(app: &TestApp, pledge: &str, unique: &str) {
    let coordinator = staff_browser(
        app,
        Role::Coordinator,
        &format!("controle-{unique}@regio.nl"),
    )
    .await;
    let response = coordinator
        .post_from(
            "/beheer/stages",
            "/beheer/stages/beoordelen",
            &[("id", pledge), ("besluit", "verified")],
        )
        .await;
    assert_eq!(location(&response), "/beheer/stages", "verified");
}

/// Responds to `opening` as a new visitor; returns the status page's path (with its token).
async fn respond(app: &TestApp, opening: i64, name: &str, email: &str) -> String {
    let page = format!("/stages/plek?id={opening}");
    let response = app
        .browser()
        .post_from(&page, &page, &pairs(&answer_fields(name, email)))
        .await;
    assert_eq!(response.status(), 303, "{name} responds");
    let to = location(&response);
    assert!(to.starts_with("/stages/reactie?sleutel=") && to.ends_with("&nieuw=1"));
    to
}

fn response_id_of(html: &str, name: &str) -> String {
    let at = html
        .find(&format!("<h3>{name} ("))
        .expect("listed in the inbox");
    let start = html[..at].rfind("id=\"reactie-").unwrap() + "id=\"reactie-".len();
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

async fn a_young_person_responds_and_the_employer_answers_through_placement(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (employer, _, opening) = employer_with_opening(
        &app,
        "hr@zorg-linde.nl",
        "30000011",
        "Zorggroep Linde",
        "Leerbaan verzorgende IG",
        "1",
    )
    .await;
    let page = format!("/stages/plek?id={opening}");

    // The opening's own page: everything about it, and the form.
    let (status, html) = app.get_text(&page).await;
    assert_eq!(status, 200);
    for text in [
        "<h1>Leerbaan verzorgende IG</h1>",
        "Mirjam Bos",
        "Je werkt mee op de afdeling",
        "Reactie versturen",
    ] {
        assert!(html.contains(text), "{text}");
    }
    let (_, board) = app.get_text("/stages").await;
    assert!(
        board.contains(&format!("href=\"{page}\"")),
        "linked from the board"
    );

    // Bad input: a message beside each field, what was typed kept, nothing saved.
    let visitor = app.browser();
    let response = visitor
        .post_from(
            &page,
            &page,
            &[("naam", "Sanne"), ("motivatie", "</textarea><b>x")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    for message in [
        "Er is een probleem",
        "Vul je e-mailadres of telefoonnummer in",
        "Maak een keuze.",
    ] {
        assert!(html.contains(message), "{message}");
    }
    assert!(html.contains("value=\"Sanne\"") && html.contains("&lt;/textarea&gt;&lt;b&gt;x"));
    let mut young = answer_fields("Sanne", "sanne@example.nl");
    young.retain(|(k, _)| k != "leeftijd");
    young.push(("leeftijd".into(), "onder16".into()));
    let response = visitor.post_from(&page, &page, &pairs(&young)).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Vraag toestemming aan je ouder of voogd en vink dit aan"));
    assert_eq!(app.count("SELECT COUNT(*) FROM responses").await, 0);
    // Under 16 with a guardian's consent is fine.
    young.push(("ouder_naam".into(), "Petra de Vries".into()));
    young.push(("ouder_toestemming".into(), "ja".into()));
    let response = visitor.post_from(&page, &page, &pairs(&young)).await;
    assert_eq!(response.status(), 303);
    let young_status = location(&response);

    // A good response: the status page with the reference, the same link by mail.
    let status_page = respond(&app, opening, "Sanne de Vries", "sanne@example.nl").await;
    let (_, html) = app.get_text(&status_page).await;
    assert!(html.contains("Je reactie is verstuurd. Je referentie is HVW-"));
    assert!(html.contains("Verstuurd, nog niet gelezen"));
    let link = app.link_in_last_email("sanne@example.nl").await;
    assert_eq!(format!("{link}&nieuw=1"), status_page);
    let (status, _) = app.get_text("/stages/reactie?sleutel=onzin").await;
    assert_eq!(status, 200);
    assert!(app
        .get_text("/stages/reactie?sleutel=onzin")
        .await
        .1
        .contains("Deze link werkt niet"));
    // The employer hears of it, without the young person's details.
    let (subject, body) = app.last_email_to("hr@zorg-linde.nl").await.unwrap();
    assert_eq!(subject, "Nieuwe reactie op ‘Leerbaan verzorgende IG’");
    assert!(body.contains("/werkgevers/reacties?plek=") && !body.contains("Sanne"));
    assert_eq!(
        app.count(
            "SELECT CAST(SUM(count) AS BIGINT) FROM response_tallies WHERE outcome = 'received'"
        )
        .await,
        2
    );

    // The inbox: what the young person left, for this organisation only.
    let (_, inbox) = employer.get_text("/werkgevers/reacties").await;
    for text in [
        "Sanne de Vries",
        "sanne@example.nl",
        "Deltion College",
        "Ik ben geduldig.",
        "Toestemming van ouder of voogd: Petra de Vries",
    ] {
        assert!(inbox.contains(text), "{text}");
    }
    let sanne = response_id_of(&inbox, "Sanne de Vries");
    let other = employer_browser(&app, "p@bouw-vecht.nl", "30000012", "Bouw Vecht").await;
    let (_, foreign) = other.get_text("/werkgevers/reacties").await;
    assert!(!foreign.contains("Sanne"));
    let response = other
        .post_from(
            "/werkgevers/reacties",
            "/werkgevers/reacties",
            &[("id", &sanne), ("besluit", "placed")],
        )
        .await;
    assert_eq!(response.status(), 404);
    assert_eq!(
        app.browser().get("/werkgevers/reacties").await.status(),
        302
    );
    // Only employers answer: not a visitor, not a coordinator.
    let coordinator = staff_browser(&app, Role::Coordinator, "adviseur@regio.nl").await;
    for browser in [&coordinator, &app.browser()] {
        let response = browser
            .post_from(
                "/inloggen",
                "/werkgevers/reacties",
                &[("id", &sanne), ("besluit", "placed")],
            )
            .await;
        assert!(
            response.status() == 403 || location(&response).starts_with("/inloggen"),
            "refused"
        );
    }

    // An answer needs a choice; a message is kept when it is refused.
    let response = employer
        .post_from(
            "/werkgevers/reacties",
            "/werkgevers/reacties",
            &[("id", &sanne), ("bericht", "Welkom!")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Maak een keuze.") && html.contains(">Welkom!</textarea>"));

    // Invited, with a message: by mail and on the status page.
    let response = employer
        .post_from(
            "/werkgevers/reacties",
            "/werkgevers/reacties",
            &[
                ("id", &sanne),
                ("besluit", "invited"),
                ("bericht", "Kom je dinsdag om 10 uur langs?"),
            ],
        )
        .await;
    assert_eq!(
        location(&response),
        format!("/werkgevers/reacties?melding=beantwoord#reactie-{sanne}")
    );
    let (subject, body) = app.last_email_to("sanne@example.nl").await.unwrap();
    assert_eq!(
        subject,
        "Antwoord op je reactie op ‘Leerbaan verzorgende IG’"
    );
    assert!(body.contains("Uitgenodigd voor een gesprek") && body.contains("dinsdag om 10 uur"));
    let (_, html) = app.get_text(&link).await;
    assert!(html.contains("Uitgenodigd voor een gesprek") && html.contains("dinsdag om 10 uur"));

    // Placed: the place is filled and the drive counts it as realised.
    let filled = figure(&app, "filled").await;
    let response = employer
        .post_from(
            "/werkgevers/reacties",
            "/werkgevers/reacties",
            &[
                ("id", &sanne),
                ("besluit", "placed"),
                ("bericht", "Welkom!"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(figure(&app, "filled").await, filled + 1);
    let (_, html) = app.get_text(&link).await;
    assert!(html.contains("Geplaatst: de plek is van jou"));
    // The one place is taken: the other response cannot be placed, the opening is off the
    // board, and a new response is refused with a message.
    let (_, inbox) = employer.get_text("/werkgevers/reacties").await;
    let petra_child = response_id_of(&inbox, "Sanne");
    assert_ne!(petra_child, sanne);
    let response = employer
        .post_from(
            "/werkgevers/reacties",
            "/werkgevers/reacties",
            &[("id", &petra_child), ("besluit", "placed")],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("Alle plekken van deze plek zijn al gevuld."));
    let (_, board) = app.get_text("/stages").await;
    assert!(!board.contains(&format!("href=\"{page}\"")));
    // (The page shows no form any more: the token comes from another page.)
    let response = app
        .browser()
        .post_from(
            "/inloggen",
            &page,
            &pairs(&answer_fields("Ali", "ali@example.nl")),
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("Deze plek is net gesloten of vol."));
    assert_eq!(app.count("SELECT COUNT(*) FROM responses").await, 2);

    // Sanne withdraws after all: the place is free again.
    let response = app.post_from(&link, &link, &[("actie", "intrekken")]).await;
    assert_eq!(location(&response), link);
    assert_eq!(figure(&app, "filled").await, filled);
    assert!(app.get_text(&link).await.1.contains("Ingetrokken"));
    assert_eq!(
        app.count(
            "SELECT CAST(SUM(count) AS BIGINT) FROM response_tallies WHERE outcome = 'placed'"
        )
        .await,
        filled,
        "the placement is taken back from the counts"
    );

    // Deleting needs a tick; then everything she left is gone, and the link says so.
    let response = app
        .post_from(&link, &link, &[("actie", "verwijderen")])
        .await;
    assert_eq!(response.status(), 422);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("Vink aan dat je het zeker weet"));
    let response = app
        .post_from(&link, &link, &[("actie", "verwijderen"), ("zeker", "ja")])
        .await;
    assert_eq!(location(&response), "/stages/reactie?verwijderd=1");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM responses WHERE name = 'Sanne de Vries'")
            .await,
        0
    );
    assert!(app.get_text(&link).await.1.contains("Deze link werkt niet"));
    // The other one stays, and the counts survive.
    assert!(app.get_text(&young_status).await.1.contains("Je reactie"));
    assert_eq!(
        app.count(
            "SELECT CAST(SUM(count) AS BIGINT) FROM response_tallies WHERE outcome = 'received'"
        )
        .await,
        2
    );
    // The status page is never stored by a cache.
    let response = app.get(&young_status).await;
    assert_eq!(
        response.headers()["cache-control"].to_str().unwrap(),
        "no-store, private"
    );
}

async fn placing_at_the_same_moment_never_over_fills_an_opening(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (employer, _, opening) = employer_with_opening(
        &app,
        "hr@bouw-hanze.nl",
        "30000013",
        "Bouw Hanze",
        "Leerbaan timmerman",
        "2",
    )
    .await;
    let mut links = Vec::new();
    for i in 0..6 {
        links.push(
            respond(
                &app,
                opening,
                &format!("Jongere {i}"),
                &format!("j{i}@example.nl"),
            )
            .await,
        );
    }
    let (_, inbox) = employer.get_text("/werkgevers/reacties").await;
    let ids: Vec<String> = (0..6)
        .map(|i| response_id_of(&inbox, &format!("Jongere {i}")))
        .collect();
    // Six placements posted at once against the 2 places: exactly 2 go through.
    let mut posts = tokio::task::JoinSet::new();
    for id in ids {
        let browser = Browser {
            address: employer.address.clone(),
            client: employer.client.clone(),
        };
        posts.spawn(async move {
            browser
                .post_from(
                    "/werkgevers/reacties",
                    "/werkgevers/reacties",
                    &[("id", id.as_str()), ("besluit", "placed")],
                )
                .await
                .status()
                .as_u16()
        });
    }
    let mut statuses = Vec::new();
    while let Some(status) = posts.join_next().await {
        statuses.push(status.unwrap());
    }
    statuses.sort();
    assert_eq!(statuses, [303, 303, 422, 422, 422, 422]);
    assert_eq!(
        app.count(&format!("SELECT filled FROM openings WHERE id = {opening}"))
            .await,
        2
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM responses WHERE status = 'placed'")
            .await,
        2
    );

    // A placed young person withdraws — four times at once (a double click, two tabs): the
    // place comes back once.
    let placed_tally = || {
        app.count(
            "SELECT CAST(SUM(count) AS BIGINT) FROM response_tallies WHERE outcome = 'placed'",
        )
    };
    let tally_before = placed_tally().await;
    let pool = app.db.pool().await;
    let placed: String = sqlx::query_scalar(
        "SELECT name FROM responses WHERE status = 'placed' ORDER BY id LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    pool.close().await;
    let i: usize = placed.trim_start_matches("Jongere ").parse().unwrap();
    let link = links[i].trim_end_matches("&nieuw=1").to_string();
    let mut posts = tokio::task::JoinSet::new();
    for _ in 0..4 {
        let browser = app.browser();
        let link = link.clone();
        posts.spawn(async move {
            browser
                .post_from(&link, &link, &[("actie", "intrekken")])
                .await
                .status()
                .as_u16()
        });
    }
    while let Some(status) = posts.join_next().await {
        assert_eq!(status.unwrap(), 303, "answered with the status page");
    }
    assert_eq!(
        app.count(&format!("SELECT filled FROM openings WHERE id = {opening}"))
            .await,
        1,
        "one place back, not four"
    );
    assert_eq!(placed_tally().await, tally_before - 1);
    assert!(app.get_text(&link).await.1.contains("Ingetrokken"));
}

async fn nobody_is_left_without_an_answer_and_responses_do_not_outlive_retention(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (employer, pledge, opening) = employer_with_opening(
        &app,
        "hr@hotel-ijssel.nl",
        "30000014",
        "Hotel IJssel",
        "Leerbaan kok",
        "1",
    )
    .await;
    // A second place of the same kind nearby (Zwolle as well).
    assert_eq!(
        open_place(&employer, &pledge, "Leerbaan zorg tweede", "1")
            .await
            .status(),
        303
    );
    let link = respond(&app, opening, "Daan", "daan@example.nl").await;
    let link = link.trim_end_matches("&nieuw=1").to_string();
    let now = app::server::auth::now();
    let run = || app::stages::store::responses::send_reminders(&app.state, now);
    assert_eq!(run().await.unwrap(), (0, 0), "nothing waits yet");

    // 8 days without an answer: the employer is reminded, once.
    app.execute(&format!(
        "UPDATE responses SET created_at = {}",
        now - 8 * DAY
    ))
    .await;
    assert_eq!(run().await.unwrap(), (1, 0));
    let (subject, body) = app.last_email_to("hr@hotel-ijssel.nl").await.unwrap();
    assert_eq!(subject, "Jongeren wachten op uw antwoord");
    assert!(body.contains("1 reactie(s)") && body.contains("/werkgevers/reacties"));
    assert_eq!(run().await.unwrap(), (0, 0), "once");
    let (_, inbox) = employer.get_text("/werkgevers/reacties").await;
    assert!(inbox.contains("Wacht al 8 dagen op antwoord"));
    let coordinator = staff_browser(&app, Role::Coordinator, "adviseur@regio.nl").await;
    let (_, staff) = coordinator.get_text("/beheer/stages").await;
    assert!(staff.contains("Hotel IJssel: 1 reactie(s) langer dan 7 dagen zonder antwoord"));
    // On the beheer start page as a queue with its count, and in the openings export.
    let (_, home) = coordinator.get_text("/beheer").await;
    let at = home
        .find("Reacties van jongeren die langer dan 7 dagen op een werkgever wachten")
        .expect("the queue is listed");
    assert!(home[at..].contains("1 open"), "with its count");
    let response = coordinator.get("/beheer/stages/plekken.csv").await;
    assert_eq!(response.status(), 200);
    let csv = response.text().await.unwrap();
    assert!(csv.starts_with("\u{feff}id;toezegging;organisatie;kvk;titel;"));
    let line = csv.lines().find(|l| l.contains("Leerbaan kok")).unwrap();
    assert!(line.contains(";Hotel IJssel;30000014;"), "{line}");
    assert!(
        line.contains(";1;0;open;1;"),
        "1 place, 0 filled, 1 response: {line}"
    );
    assert_eq!(
        employer.get("/beheer/stages/plekken.csv").await.status(),
        403
    );
    // What an employer typed never becomes a spreadsheet formula.
    assert_eq!(
        open_place(
            &employer,
            &pledge,
            "=HYPERLINK(\"http://evil.example\")",
            "1"
        )
        .await
        .status(),
        303
    );
    let csv = coordinator
        .get("/beheer/stages/plekken.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.contains("\"'=HYPERLINK("), "written as text: {csv}");
    assert!(!csv.contains(";=HYPERLINK(") && !csv.contains(";\"=HYPERLINK("));

    // 15 days: the young person is told plainly and pointed to places nearby, once.
    assert!(!app.get_text(&link).await.1.contains("Nog geen antwoord"));
    app.execute(&format!(
        "UPDATE responses SET created_at = {}",
        now - 15 * DAY
    ))
    .await;
    assert_eq!(run().await.unwrap(), (0, 1));
    let (subject, body) = app.last_email_to("daan@example.nl").await.unwrap();
    assert_eq!(subject, "Nog geen antwoord op je reactie op ‘Leerbaan kok’");
    assert!(body.contains("/stages?soort=leerbaan_bbl&vanaf=zwolle&km=25"));
    let (_, html) = app.get_text(&link).await;
    assert!(html.contains("Nog geen antwoord") && html.contains("Leerbaan zorg tweede"));
    assert!(html.contains("0 km in rechte lijn vanaf Zwolle"));
    assert_eq!(run().await.unwrap(), (0, 0), "once");

    // Retention: 28 days after the opening closed the response is deleted; the counts stay.
    let response = employer
        .post_from(
            "/werkgevers",
            "/werkgevers/plek/sluiten",
            &[("id", &opening.to_string())],
        )
        .await;
    assert_eq!(response.status(), 303);
    let purge = |at| app::stages::store::responses::purge(&app.state.db, at, 28);
    assert_eq!(purge(now).await.unwrap(), 0, "kept while recent");
    assert_eq!(purge(now + 29 * DAY).await.unwrap(), 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM responses").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM response_events").await, 0);
    assert_eq!(
        app.count(
            "SELECT CAST(SUM(count) AS BIGINT) FROM response_tallies WHERE outcome = 'received'"
        )
        .await,
        1,
        "the count survives"
    );
    assert!(app.get_text(&link).await.1.contains("Deze link werkt niet"));
}

async fn the_board_filters_by_distance_and_start_and_publishes_a_feed(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_, _, opening) = employer_with_opening(
        &app,
        "hr@ict-zwolle.nl",
        "30000015",
        "ICT Zwolle",
        "Leerbaan netwerkbeheer",
        "1",
    )
    .await;
    for (query, listed) in [
        ("?vanaf=kampen&km=15", true),
        ("?vanaf=hardenberg&km=15", false),
        ("?vanaf=hardenberg&km=40", true),
        ("?vanaf=onzin&km=5", true),
        ("?start_vanaf=2027-01-15", true),
        ("?start_vanaf=2027-03-01", false),
        ("?start_vanaf=morgen", true),
    ] {
        let (status, html) = app.get_text(&format!("/stages{query}")).await;
        assert_eq!(status, 200, "{query}");
        assert_eq!(
            html.contains("Leerbaan netwerkbeheer"),
            listed,
            "/stages{query}"
        );
    }
    let (_, html) = app.get_text("/stages?vanaf=kampen&km=15").await;
    assert!(
        html.contains("13 km in rechte lijn vanaf Kampen"),
        "the distance, labelled as straight-line"
    );
    let json: serde_json::Value = app
        .get("/api/v1/stages/openings?vanaf=kampen&km=15")
        .await
        .json()
        .await
        .unwrap();
    let item = json["openings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["title"] == "Leerbaan netwerkbeheer")
        .expect("listed");
    assert_eq!(item["distance_km"], 13);

    // The Atom feed: the newest openings, no personal data.
    let response = app.get("/stages/plekken.atom").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "application/atom+xml; charset=utf-8"
    );
    let feed = response.text().await.unwrap();
    assert!(
        feed.starts_with("<?xml") && feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"")
    );
    assert!(feed.contains("<title>Leerbaan netwerkbeheer</title>"));
    assert!(feed.contains(&format!("/stages/plek?id={opening}")));
    assert!(!feed.contains('@'), "no e-mail addresses");
}

backend_tests!(
    a_young_person_responds_and_the_employer_answers_through_placement,
    placing_at_the_same_moment_never_over_fills_an_opening,
    nobody_is_left_without_an_answer_and_responses_do_not_outlive_retention,
    the_board_filters_by_distance_and_start_and_publishes_a_feed,
);
