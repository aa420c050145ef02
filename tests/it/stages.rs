//! The stages drive: employers pledge places, coordinators verify, the public board counts them
//! — on SQLite and PostgreSQL, over real HTTP, on top of the demo board every start seeds.
use app::domain::account::Role;
use integration_tests::*;

/// A good pledge: 5 leerbanen (BBL, mbo 3) in zorg in Zwolle, the name may be shown.
pub(crate) const PLEDGE: &[(&str, &str)] = &[
    ("soort", "leerbaan_bbl"),
    ("aantal", "5"),
    ("niveau", "mbo3"),
    ("sector", "zorg"),
    ("gemeente", "GM0193"),
    ("van", "2027-02-01"),
    ("tot", "2028-01-31"),
    ("naam_tonen", "ja"),
];

fn with<'a>(field: &str, value: &'a str) -> Vec<(&'a str, &'a str)> {
    PLEDGE
        .iter()
        .map(|(k, v)| if *k == field { (*k, value) } else { (*k, *v) })
        .collect()
}

/// The figure of one bar of the thermometer on the board ("pledged", "verified", …).
pub(crate) async fn figure(app: &TestApp, bar: &str) -> i64 {
    let (status, html) = app.get_text("/stages").await;
    assert_eq!(status, 200);
    let at = html
        .find(&format!("thermometer-{bar}"))
        .unwrap_or_else(|| panic!("the {bar} bar"));
    let marker = "class=\"thermometer-figure\">";
    let start = html[at..].find(marker).unwrap() + at + marker.len();
    let text = &html[start..start + html[start..].find('<').unwrap()];
    let (value, target) = text.split_once(" / ").expect("value / target");
    assert_eq!(target, "1000");
    value.parse().unwrap()
}

pub(crate) async fn pledge_ids(app: &TestApp, organisation: &str) -> Vec<i64> {
    let pool = app.db.pool().await;
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT p.id FROM pledges p JOIN organisations o ON o.id = p.organisation_id \
         WHERE o.name = $1 ORDER BY p.id",
    )
    .bind(organisation)
    .fetch_all(&pool)
    .await
    .unwrap();
    pool.close().await;
    ids
}

async fn an_employer_pledges_a_coordinator_verifies_and_the_board_counts_it(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    // The demo board is there from the start, with pledges in every state.
    assert!(figure(&app, "pledged").await > 100);
    let (pledged, verified) = (
        figure(&app, "pledged").await,
        figure(&app, "verified").await,
    );
    assert!(verified < pledged, "pledged and verified are told apart");
    let filled = figure(&app, "filled").await;
    assert!(
        filled > 0 && filled < verified,
        "the demo board has its first placements"
    );

    let coordinator = staff_browser(&app, Role::Coordinator, "adviseur@regio.nl").await;
    let employer = employer_browser(&app, "hr@zorg-linde.nl", "30000001", "Zorggroep Linde").await;
    let response = employer.submit("/werkgevers", PLEDGE).await;
    assert_eq!(location(&response), "/werkgevers?melding=toegezegd");
    let (_, page) = employer.get_text("/werkgevers?melding=toegezegd").await;
    assert!(page.contains("Uw toezegging is opgeslagen"));
    assert!(page.contains("Leerbaan (mbo BBL)") && page.contains("Wacht op controle"));
    let id = pledge_ids(&app, "Zorggroep Linde").await[0];
    assert_eq!(figure(&app, "pledged").await, pledged + 5);
    assert_eq!(figure(&app, "verified").await, verified);

    // Every coordinator hears of it at once: what and where, no names.
    let (subject, body) = app.last_email_to("adviseur@regio.nl").await.unwrap();
    assert_eq!(subject, "Nieuwe toezegging van 5 plekken in Huis van Werk");
    assert!(body.contains("Leerbaan (mbo BBL)") && body.contains("/beheer/stages"));
    assert!(!body.contains("Zorggroep Linde"));
    // Only coordinators decide: not the employer, not a visitor.
    for browser in [&employer, &app.browser()] {
        let response = browser
            .post_from(
                "/inloggen",
                "/beheer/stages/beoordelen",
                &[("id", &id.to_string()), ("besluit", "verified")],
            )
            .await;
        assert!(
            response.status() == 403 || location(&response).starts_with("/inloggen"),
            "refused"
        );
    }
    // The coordinator sees it waiting (on the beheer start page too) and verifies it.
    let (_, home) = coordinator.get_text("/beheer").await;
    assert!(home.contains("Toezeggingen voor stages en leerbanen"));
    let (_, queue) = coordinator.get_text("/beheer/stages").await;
    assert!(queue.contains("Zorggroep Linde"));
    let response = coordinator
        .post_from(
            "/beheer/stages",
            "/beheer/stages/beoordelen",
            &[("id", &id.to_string()), ("besluit", "verified")],
        )
        .await;
    assert_eq!(location(&response), "/beheer/stages");
    assert_eq!(figure(&app, "verified").await, verified + 5);
    let (_, board) = app.get_text("/stages").await;
    assert!(
        board.contains("<li>Zorggroep Linde</li>"),
        "named, as chosen"
    );
    // Deciding twice is not possible.
    let response = coordinator
        .post_from(
            "/beheer/stages",
            "/beheer/stages/beoordelen",
            &[
                ("id", &id.to_string()),
                ("besluit", "rejected"),
                ("reden", "x"),
            ],
        )
        .await;
    assert_eq!(response.status(), 404);

    // Another organisation can neither see nor change it.
    let other = employer_browser(&app, "p@bouw-vecht.nl", "30000002", "Bouw Vecht").await;
    let (_, page) = other
        .get_text(&format!("/werkgevers/toezegging?id={id}"))
        .await;
    assert!(page.contains("Deze toezegging bestaat niet"));
    let response = other
        .post_from(
            "/werkgevers",
            "/werkgevers/toezegging",
            &[&with("aantal", "50")[..], &[("id", &id.to_string())]].concat(),
        )
        .await;
    assert_eq!(response.status(), 404);
    let response = other
        .post_from(
            "/werkgevers",
            "/werkgevers/toezegging/intrekken",
            &[("id", &id.to_string())],
        )
        .await;
    assert_eq!(response.status(), 404);
    assert_eq!(figure(&app, "pledged").await, pledged + 5);

    // The employer raises it to 7: pending again, its history kept.
    let edit = format!("/werkgevers/toezegging?id={id}");
    let (_, form) = employer.get_text(&edit).await;
    assert!(form.contains("value=\"5\""), "the form shows the pledge");
    let response = employer
        .post_from(
            &edit,
            "/werkgevers/toezegging",
            &[&with("aantal", "7")[..], &[("id", &id.to_string())]].concat(),
        )
        .await;
    assert_eq!(location(&response), "/werkgevers?melding=gewijzigd");
    assert_eq!(figure(&app, "pledged").await, pledged + 7);
    assert_eq!(figure(&app, "verified").await, verified);
    let (_, form) = employer.get_text(&edit).await;
    for event in [
        "Toegezegd: 5 ×",
        "Gecontroleerd door een coördinator",
        "Gewijzigd: 7 ×",
    ] {
        assert!(form.contains(event), "history: {event}");
    }

    // Withdrawn: its places no longer count; the history stays.
    let response = employer
        .post_from(
            &edit,
            "/werkgevers/toezegging/intrekken",
            &[("id", &id.to_string())],
        )
        .await;
    assert_eq!(location(&response), "/werkgevers?melding=ingetrokken");
    assert_eq!(figure(&app, "pledged").await, pledged);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM pledge_events WHERE pledge_id = {id}"
        ))
        .await,
        4
    );
    let (_, audit) = staff_browser(&app, Role::Admin, "beheer@regio.nl")
        .await
        .get_text("/beheer/audit")
        .await;
    for action in [
        "pledge_created",
        "pledge_verified",
        "pledge_edited",
        "pledge_withdrawn",
    ] {
        assert!(audit.contains(action), "audit: {action}");
    }
}

async fn a_bad_pledge_gets_messages_beside_its_fields_and_saves_nothing(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let employer = employer_browser(&app, "hr@hotel-hanze.nl", "30000003", "Hotel Hanze").await;
    let before = app.count("SELECT COUNT(*) FROM pledges").await;
    for (field, value, message) in [
        ("aantal", "0", "Vul een aantal plekken in van 1 tot 500."),
        ("aantal", "vijf", "Vul een aantal plekken in van 1 tot 500."),
        ("niveau", "hbo", "Dit niveau past niet bij deze soort plek."),
        ("van", "1-2-2027", "Vul een datum in als jaar-maand-dag"),
        ("tot", "2027-01-01", "De einddatum ligt voor de begindatum."),
        ("tot", "2031-01-01", "Een toezegging loopt hooguit 3 jaar."),
        ("gemeente", "GM0363", "Maak een keuze."),
        ("soort", "<script>", "Maak een keuze."),
    ] {
        let response = employer.submit("/werkgevers", &with(field, value)).await;
        assert_eq!(response.status(), 422, "{field}={value}");
        let html = response.text().await.unwrap();
        assert!(html.contains("Er is een probleem"), "{field}: the summary");
        assert!(html.contains(message), "{field}={value}: {message}");
        assert!(!html.contains("<script>\""), "escaped");
        // What was typed stays in the form.
        if field == "aantal" {
            assert!(html.contains(&format!("value=\"{value}\"")));
        }
    }
    let response = employer.submit("/werkgevers", &[]).await;
    assert_eq!(response.status(), 422);
    assert_eq!(app.count("SELECT COUNT(*) FROM pledges").await, before);

    // A rejection needs a reason.
    let response = employer.submit("/werkgevers", PLEDGE).await;
    assert_eq!(response.status(), 303);
    let id = pledge_ids(&app, "Hotel Hanze").await[0].to_string();
    let coordinator = staff_browser(&app, Role::Coordinator, "adviseur@regio.nl").await;
    let response = coordinator
        .post_from(
            "/beheer/stages",
            "/beheer/stages/beoordelen",
            &[("id", &id), ("besluit", "rejected"), ("reden", "  ")],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("Vul een reden in als u een toezegging afwijst."));
    let response = coordinator
        .post_from(
            "/beheer/stages",
            "/beheer/stages/beoordelen",
            &[
                ("id", &id),
                ("besluit", "rejected"),
                ("reden", "Geen erkend leerbedrijf voor BBL"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (_, page) = employer.get_text("/werkgevers").await;
    assert!(page.contains("Afgewezen") && page.contains("Geen erkend leerbedrijf voor BBL"));
}

async fn the_board_is_open_data_coordinators_export_it_and_an_admin_sets_the_target(
    backend: Backend,
) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let employer = employer_browser(&app, "hr@ict-ijssel.nl", "30000004", "ICT IJssel").await;
    let hidden = with("naam_tonen", "nee");
    assert_eq!(employer.submit("/werkgevers", &hidden).await.status(), 303);
    let coordinator = staff_browser(&app, Role::Coordinator, "adviseur@regio.nl").await;
    let id = pledge_ids(&app, "ICT IJssel").await[0].to_string();
    coordinator
        .post_from(
            "/beheer/stages",
            "/beheer/stages/beoordelen",
            &[("id", &id), ("besluit", "verified")],
        )
        .await;

    // The open data: the same figures as the board, and nothing personal.
    let response = app.get("/api/v1/stages/summary").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "application/json"
    );
    let text = response.text().await.unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["target"], 1000);
    assert_eq!(json["pledged"], figure(&app, "pledged").await);
    assert_eq!(json["verified"], figure(&app, "verified").await);
    let kinds: i64 = json["by_kind"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["pledged"].as_i64().unwrap())
        .sum();
    assert_eq!(json["pledged"], kinds, "the breakdown adds up");
    assert!(!text.contains("ICT IJssel"), "a name only when chosen");
    assert!(!text.contains('@') && !text.contains("kvk") && !text.contains("30000004"));

    // The export: coordinators only, a spreadsheet-ready CSV.
    let response = coordinator.get("/beheer/stages/toezeggingen.csv").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "text/csv; charset=utf-8"
    );
    let bytes = response.bytes().await.unwrap();
    assert_eq!(
        &bytes[..3],
        "\u{feff}".as_bytes(),
        "a byte-order mark for Excel"
    );
    let csv = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(csv.starts_with("id;organisatie;kvk;soort;plekken;"));
    let line = csv.lines().find(|l| l.contains("ICT IJssel")).unwrap();
    assert!(
        line.contains(";30000004;Leerbaan (mbo BBL);5;Mbo niveau 3;Zorg en welzijn;Zwolle;2027-02-01;2028-01-31;nee;Gecontroleerd;"),
        "{line}"
    );
    assert!(csv.lines().count() > 150, "the demo board too");
    assert_eq!(
        employer
            .get("/beheer/stages/toezeggingen.csv")
            .await
            .status(),
        403
    );
    let response = app.get("/beheer/stages/toezeggingen.csv").await;
    assert!(location(&response).starts_with("/inloggen"));

    // The target: an admin's, checked, and the board follows.
    let response = coordinator
        .post_from("/beheer/stages", "/beheer/stages/doel", &[("doel", "1200")])
        .await;
    assert_eq!(response.status(), 403);
    let admin = staff_browser(&app, Role::Admin, "beheer@regio.nl").await;
    let response = admin
        .post_from("/beheer/stages", "/beheer/stages/doel", &[("doel", "veel")])
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Vul een doel in van 1 tot 100.000.") && html.contains("value=\"veel\""));
    let response = admin
        .post_from("/beheer/stages", "/beheer/stages/doel", &[("doel", "1200")])
        .await;
    assert_eq!(location(&response), "/beheer/stages");
    let (_, board) = app.get_text("/stages").await;
    assert!(board.contains("Het doel is 1200 extra stages"));
    let json: serde_json::Value = app
        .get("/api/v1/stages/summary")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["target"], 1200);
}

/// An opening of `places` places for the pledge `pledge`, posted by `browser`.
pub(crate) async fn open_place(
    browser: &Browser,
    pledge: &str,
    title: &str,
    places: &str,
) -> reqwest::Response {
    browser
        .post_from(
            &format!("/werkgevers/plek?toezegging={pledge}"),
            "/werkgevers/plek",
            &[
                ("toezegging", pledge),
                ("titel", title),
                (
                    "omschrijving",
                    "Je werkt mee op de afdeling en leert het vak.",
                ),
                ("soort", "leerbaan_bbl"),
                ("niveau", "mbo3"),
                ("gemeente", "GM0193"),
                ("start", "2027-02-01"),
                ("uren", "32"),
                ("aantal", places),
                ("contactpersoon", "Mirjam Bos"),
            ],
        )
        .await
}

async fn openings_are_made_from_a_pledge_and_never_pass_it(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let employer = employer_browser(&app, "hr@zorg-isala.nl", "30000005", "Zorg Isala").await;
    assert_eq!(employer.submit("/werkgevers", PLEDGE).await.status(), 303);
    let pledge = pledge_ids(&app, "Zorg Isala").await[0].to_string();
    let open = figure(&app, "open").await;

    // 3 of the 5 places as an opening: public once a coordinator verified the pledge (young
    // people leave their details only with a checked employer), then under every matching
    // filter.
    let response = open_place(&employer, &pledge, "Leerbaan verzorgende IG", "3").await;
    assert_eq!(
        location(&response),
        format!("/werkgevers/toezegging?id={pledge}&melding=plek-open")
    );
    assert_eq!(figure(&app, "open").await, open, "not public yet");
    let (_, html) = app.get_text("/stages").await;
    assert!(!html.contains("Leerbaan verzorgende IG</a>"));
    let opening = app
        .count(&format!(
            "SELECT MIN(id) FROM openings WHERE pledge_id = {pledge}"
        ))
        .await;
    let (_, page) = app.get_text(&format!("/stages/plek?id={opening}")).await;
    assert!(page.contains("Deze plek staat nog niet open") && !page.contains("Reactie versturen"));
    crate::responses::verify(&app, &pledge, "30000005").await;
    assert_eq!(figure(&app, "open").await, open + 3);
    for (query, listed) in [
        ("", true),
        ("?soort=leerbaan_bbl&gemeente=GM0193", true),
        ("?niveau=mbo3&sector=zorg&q=verzorgende", true),
        ("?soort=stage_hbo", false),
        ("?gemeente=GM0166", false),
        ("?q=lasser", false),
        ("?soort=%3Cscript%3E&q=%25", true),
    ] {
        let (status, html) = app.get_text(&format!("/stages{query}")).await;
        assert_eq!(status, 200, "{query}");
        assert_eq!(
            html.contains("Leerbaan verzorgende IG</a>"),
            listed,
            "/stages{query}"
        );
    }
    let (_, html) = app.get_text("/stages?soort=leerbaan_bbl").await;
    assert!(html.contains("3 plek(ken) vrij"));

    // The open data lists it with the same filters, paged, without personal data.
    let json: serde_json::Value = app
        .get("/api/v1/stages/openings?soort=leerbaan_bbl&q=verzorgende")
        .await
        .json()
        .await
        .unwrap();
    let item = json["openings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["title"] == "Leerbaan verzorgende IG")
        .expect("listed");
    assert_eq!(item["places_free"], 3);
    assert_eq!(item["organisation"], "Zorg Isala", "named, as chosen");
    assert_eq!(item["hours_per_week"], 32);
    let json: serde_json::Value = app
        .get("/api/v1/stages/openings?soort=stage_hbo&pagina=x")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["page"], 1);
    assert!(!json.to_string().contains("Leerbaan verzorgende IG"));
    assert!(!json.to_string().contains('@'));

    // More than is left is refused beside the field, and nothing is added.
    let response = open_place(&employer, &pledge, "Nog een", "3").await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Zoveel plekken heeft deze toezegging niet meer"));
    assert!(html.contains("value=\"Nog een\""), "input kept");
    // Bad input: a message per field.
    let response = employer
        .post_from(
            &format!("/werkgevers/plek?toezegging={pledge}"),
            "/werkgevers/plek",
            &[("toezegging", pledge.as_str()), ("uren", "60")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Vul een aantal uren per week in van 1 tot 40."));
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM openings WHERE pledge_id = {pledge}"
        ))
        .await,
        1
    );

    // Another organisation can neither add to the pledge nor close its opening.
    let other = employer_browser(&app, "p@bouw-zwolle.nl", "30000006", "Bouw Zwolle").await;
    let response = open_place(&other, &pledge, "Overgenomen", "1").await;
    assert_eq!(response.status(), 404);
    let opening = app
        .count(&format!(
            "SELECT MIN(id) FROM openings WHERE pledge_id = {pledge}"
        ))
        .await
        .to_string();
    let response = other
        .post_from(
            "/werkgevers",
            "/werkgevers/plek/sluiten",
            &[("id", &opening)],
        )
        .await;
    assert_eq!(response.status(), 404);

    // Eight openings of one place posted at once against the 2 places left: exactly 2 go in.
    let mut posts = tokio::task::JoinSet::new();
    for i in 0..8 {
        let browser = Browser {
            address: employer.address.clone(),
            client: employer.client.clone(),
        };
        let pledge = pledge.clone();
        posts.spawn(async move {
            open_place(&browser, &pledge, &format!("Tegelijk {i}"), "1")
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
    assert_eq!(statuses, [303, 303, 422, 422, 422, 422, 422, 422]);
    assert_eq!(
        app.count(&format!(
            "SELECT CAST(SUM(places) AS BIGINT) FROM openings WHERE pledge_id = {pledge}"
        ))
        .await,
        5
    );
    let (_, page) = employer
        .get_text(&format!("/werkgevers/toezegging?id={pledge}"))
        .await;
    assert!(page.contains("Nog 0 van de 5 toegezegde plekken"));
    assert!(!page.contains("href=\"/werkgevers/plek?toezegging="));

    // The pledge cannot shrink below what its openings hold.
    let response = employer
        .post_from(
            &format!("/werkgevers/toezegging?id={pledge}"),
            "/werkgevers/toezegging",
            &[&with("aantal", "4")[..], &[("id", pledge.as_str())]].concat(),
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("De open plekken van deze toezegging hebben samen meer plekken."));

    // Closed: off the board.
    let response = employer
        .post_from(
            "/werkgevers",
            "/werkgevers/plek/sluiten",
            &[("id", &opening)],
        )
        .await;
    assert_eq!(location(&response), "/werkgevers?melding=plek-gesloten");
    assert_eq!(figure(&app, "open").await, open + 2);
    let (_, html) = app.get_text("/stages").await;
    assert!(!html.contains("Leerbaan verzorgende IG</a>"));
    // Its 3 unfilled places return to the pledge.
    let (_, page) = employer
        .get_text(&format!("/werkgevers/toezegging?id={pledge}"))
        .await;
    assert!(page.contains("Nog 3 van de 5 toegezegde plekken"));
}

backend_tests!(
    openings_are_made_from_a_pledge_and_never_pass_it,
    an_employer_pledges_a_coordinator_verifies_and_the_board_counts_it,
    a_bad_pledge_gets_messages_beside_its_fields_and_saves_nothing,
    the_board_is_open_data_coordinators_export_it_and_an_admin_sets_the_target,
);
