//! Keeping the catalogue current (`/beheer/regelingen`): a coordinator's edit reaches the
//! search and the calculator at once — on a second instance sharing the database within a
//! second; bad input is refused beside its field with nothing saved; an import is all or
//! nothing with each problem's line and field; export → import round-trips exactly; retiring
//! keeps the scheme as ended; every change is in the audit log.
use std::time::{Duration, Instant};

use app::domain::account::Role;
use app::domain::schemes::flat::to_fields;
use app::domain::schemes::Scheme;
use integration_tests::*;

const CALCULATOR: &str = "/scholingscalculator?voor=ik&leeftijd=34&situatie=bijstand&opleiding=mbo2&gemeente=GM0166&sector=zorg&soort=mbo_bol&nlqf=3&kosten=2400&maanden=12";

fn scheme(app: &TestApp, id: &str) -> Scheme {
    app.state
        .catalogue
        .get()
        .scheme(id)
        .cloned()
        .unwrap_or_else(|| panic!("{id} in the catalogue"))
}

/// The hidden value `name` of the first form on `html` that has it.
fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} on the page"))
        + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

/// Posts the edit form of `scheme` (all its fields, as the page would) with `versie`.
async fn post_edit(browser: &Browser, scheme: &Scheme, versie: &str) -> reqwest::Response {
    let page = format!("/beheer/regelingen/bewerk?id={}", scheme.id);
    let fields = to_fields(scheme);
    let mut form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    form.push(("versie", versie));
    browser.post_from(&page, &page, &form).await
}

async fn search_ids(browser: &Browser, q: &str) -> Vec<String> {
    let query = serde_urlencoded::to_string([("q", q)]).unwrap();
    let (status, body) = browser
        .get_text(&format!("/api/v1/regelingen?{query}"))
        .await;
    assert_eq!(status, 200);
    let view: serde_json::Value = serde_json::from_str(&body).unwrap();
    view["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

async fn an_edit_reaches_search_and_calculator_at_once(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let coordinator = staff_browser(&app, Role::Coordinator, "adviseur@regio.nl").await;
    let (status, list) = coordinator.get_text("/beheer/regelingen").await;
    assert_eq!(status, 200);
    assert!(list.contains("/beheer/regelingen/bewerk?id=gemeente-scholingsbudget-bijstand"));

    // The calculator shows the municipal budget for this person; the search does not know
    // the word "zebravink" yet.
    let (_, before) = app.get_text(CALCULATOR).await;
    assert!(!before.contains("Scholingsbudget zebravink"));
    assert!(search_ids(&coordinator, "zebravink").await.is_empty());

    let (_, page) = coordinator
        .get_text("/beheer/regelingen/bewerk?id=gemeente-scholingsbudget-bijstand")
        .await;
    let versie = hidden(&page, "versie");
    let mut edited = scheme(&app, "gemeente-scholingsbudget-bijstand");
    edited.name = "Scholingsbudget zebravink".into();
    let response = post_edit(&coordinator, &edited, &versie).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/beheer/regelingen?melding=opgeslagen");

    // At once, on this instance: the search, the scheme's page and the calculator.
    assert_eq!(
        search_ids(&coordinator, "zebravink").await,
        ["gemeente-scholingsbudget-bijstand"]
    );
    let (_, html) = app
        .get_text("/subsidies/gemeente-scholingsbudget-bijstand")
        .await;
    assert!(html.contains("Scholingsbudget zebravink"));
    let (_, after) = app.get_text(CALCULATOR).await;
    assert!(after.contains("Scholingsbudget zebravink"));

    // The history and the audit log say who changed which field.
    let (_, page) = coordinator
        .get_text("/beheer/regelingen/bewerk?id=gemeente-scholingsbudget-bijstand")
        .await;
    assert!(page.contains("adviseur@regio.nl"));
    assert!(page.contains("<code>name</code>"));
    let (status, other) = coordinator
        .get_text("/beheer/regelingen/bewerk?id=praktijkleren")
        .await;
    assert_eq!(status, 200);
    assert!(other.contains("id=\"geschiedenis\""));
    assert!(
        !other.contains("adviseur@regio.nl"),
        "each scheme its own history"
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'scheme_edited' \
             AND target_kind = 'scheme_revision'"
        )
        .await,
        1
    );

    // The form saw an older version: refused, what was typed kept, nothing saved.
    edited.name = "Scholingsbudget ouder".into();
    let response = post_edit(&coordinator, &edited, &versie).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Iemand anders heeft deze regeling net gewijzigd"));
    assert!(html.contains("Scholingsbudget ouder"), "the input is kept");
    // The form again, with the scheme's history: its loader read the id from the address.
    assert!(
        html.contains("<code>name</code>"),
        "the history is on the page again"
    );
    assert_eq!(
        scheme(&app, "gemeente-scholingsbudget-bijstand").name,
        "Scholingsbudget zebravink"
    );
}

async fn bad_input_is_refused_beside_its_field(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let coordinator = staff_browser(&app, Role::Coordinator, "adviseur@regio.nl").await;
    let page = "/beheer/regelingen/bewerk?id=praktijkleren";
    let (_, html) = coordinator.get_text(page).await;
    let versie = hidden(&html, "versie");
    let original = scheme(&app, "praktijkleren");
    let fields = to_fields(&original);
    let mut form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    for (name, value) in form.iter_mut() {
        match *name {
            "money" => *value = r#"{"kind":"percentage","percent":150,"vat":"incl"}"#,
            "criteria" => *value = r#"[{"kind":"age","min":30,"max":18}]"#,
            "valid_from" => *value = "31-12-2026",
            "summary_en" => *value = "",
            "payment" => *value = r#"{"kind":"later"}"#,
            _ => {}
        }
    }
    form.push(("versie", &versie));
    let response = coordinator.post_from(page, page, &form).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    for (field, message) in [
        ("valid_from", "Schrijf de datum als JJJJ-MM-DD"),
        ("summary_en", "Vul dit veld in"),
        ("payment", "Dit is geen geldige JSON voor dit veld"),
    ] {
        assert!(
            html.contains(&format!("href=\"#veld-{field}\"")),
            "{field} in the summary"
        );
        assert!(html.contains(message), "{message}");
    }
    // What the parser said is shown; what was typed is kept.
    assert!(html.contains("unknown variant"));
    assert!(html.contains("31-12-2026"));
    // The JSON fields that parsed are checked too (percent, bounds) once the others are right.
    let mut form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    for (name, value) in form.iter_mut() {
        match *name {
            "money" => *value = r#"{"kind":"percentage","percent":150,"vat":"incl"}"#,
            "criteria" => *value = r#"[{"kind":"age","min":30,"max":18}]"#,
            _ => {}
        }
    }
    form.push(("versie", &versie));
    let response = coordinator.post_from(page, page, &form).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("href=\"#veld-money\"") && html.contains("href=\"#veld-criteria\""));
    assert_eq!(scheme(&app, "praktijkleren"), original, "nothing saved");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM scheme_revisions").await,
        0,
        "no revision"
    );

    // A new scheme with a taken id, then a good one.
    let mut new = original.clone();
    let new_page = "/beheer/regelingen/nieuw";
    let fields = to_fields(&new);
    let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = coordinator.post_from(new_page, new_page, &form).await;
    assert_eq!(response.status(), 422);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("Er is al een regeling met deze code"));
    new.id = "praktijkleren-zwolle-proef".into();
    new.name = "Praktijkleren proef Zwolle".into();
    let fields = to_fields(&new);
    let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = coordinator.post_from(new_page, new_page, &form).await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        search_ids(&coordinator, "proef zwolle")
            .await
            .first()
            .map(String::as_str),
        Some("praktijkleren-zwolle-proef")
    );

    // Only coordinators: an employer and a visitor get nothing.
    let employer = employer_browser(&app, "werkgever@bedrijf.nl", "12345678", "Bedrijf BV").await;
    assert_eq!(employer.get("/beheer/regelingen").await.status(), 403);
    assert_eq!(
        employer
            .get("/beheer/regelingen/regelingen.json")
            .await
            .status(),
        403
    );
    let visitor = app.browser();
    assert_eq!(
        visitor
            .get("/beheer/regelingen/regelingen.csv")
            .await
            .status(),
        303
    );
}

async fn upload(browser: &Browser, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    let token = browser.csrf_token("/beheer/regelingen").await;
    let form = reqwest::multipart::Form::new().text("_csrf", token).part(
        "bestand",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
    );
    browser
        .client
        .post(browser.url("/beheer/regelingen"))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn import_is_all_or_nothing_and_round_trips(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let coordinator = staff_browser(&app, Role::Coordinator, "adviseur@regio.nl").await;
    let (status, json) = coordinator
        .get_text("/beheer/regelingen/regelingen.json")
        .await;
    assert_eq!(status, 200);
    let (status, csv) = coordinator
        .get_text("/beheer/regelingen/regelingen.csv")
        .await;
    assert_eq!(status, 200);
    assert!(csv.starts_with('\u{feff}'));

    // Round trips: the export imported again changes nothing, and exports the same bytes.
    for (name, file) in [("regelingen.json", &json), ("regelingen.csv", &csv)] {
        let response = upload(&coordinator, name, file.clone().into_bytes()).await;
        assert_eq!(response.status(), 303, "{name}");
        assert!(
            location(&response).contains("nieuw=0&gewijzigd=0"),
            "{}",
            location(&response)
        );
        assert_eq!(
            coordinator
                .get_text("/beheer/regelingen/regelingen.json")
                .await
                .1,
            json
        );
        assert_eq!(
            coordinator
                .get_text("/beheer/regelingen/regelingen.csv")
                .await
                .1,
            *csv
        );
    }

    // One bad row among good changes: refused with its line and field, nothing applied.
    let mut lines: Vec<String> = csv.lines().map(str::to_owned).collect();
    let row = lines
        .iter()
        .position(|l| l.starts_with("praktijkverklaring;"))
        .unwrap();
    lines[row] = lines[row].replacen(";individual;", ";iedereen;", 1);
    let good = lines
        .iter()
        .position(|l| l.starts_with("leerwerkloket;"))
        .unwrap();
    lines[good] = lines[good].replacen("leerwerkloket;", "leerwerkloket;Gewijzigd loket ", 1);
    let response = upload(&coordinator, "fout.csv", lines.join("\n").into_bytes()).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Het bestand is niet ingelezen"));
    assert!(
        html.contains(&format!("<td data-label=\"Regel\">{}</td>", row + 1)),
        "the line"
    );
    assert!(html.contains("<code>audience</code>") && html.contains("praktijkverklaring"));
    assert_eq!(
        coordinator
            .get_text("/beheer/regelingen/regelingen.json")
            .await
            .1,
        json,
        "nothing changed"
    );

    // A broken JSON file, an empty upload.
    let response = upload(&coordinator, "kapot.json", b"{\"schemes\": [".to_vec()).await;
    assert_eq!(response.status(), 422);
    let response = upload(&coordinator, "leeg.csv", Vec::new()).await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("Kies een bestand"));

    // A good import: the change is live at once.
    let mut changed: serde_json::Value = serde_json::from_str(&json).unwrap();
    changed["schemes"][0]["name"] = "Naam uit een import kwikstaart".into();
    let response = upload(
        &coordinator,
        "goed.json",
        serde_json::to_vec_pretty(&changed).unwrap(),
    )
    .await;
    assert_eq!(response.status(), 303);
    assert!(location(&response).contains("gewijzigd=1"));
    assert_eq!(search_ids(&coordinator, "kwikstaart").await.len(), 1);

    // Retiring keeps the scheme, as ended.
    let id = "leerwerkloket";
    let (_, page) = coordinator
        .get_text(&format!("/beheer/regelingen/bewerk?id={id}"))
        .await;
    let versie = hidden(
        &page[page.find("/beheer/regelingen/beeindigen").unwrap()..],
        "versie",
    );
    let response = coordinator
        .post_from(
            &format!("/beheer/regelingen/bewerk?id={id}"),
            "/beheer/regelingen/beeindigen",
            &[("id", id), ("versie", &versie)],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (status, html) = app.get_text(&format!("/subsidies/{id}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Gestopt"));
    assert!(
        app.count("SELECT COUNT(*) FROM schemes WHERE id = 'leerwerkloket'")
            .await
            == 1
    );
}

async fn a_second_instance_follows_within_a_second(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let other = spawn_instance(&app).await;
    assert!(search_ids(&other.browser, "grutto").await.is_empty());
    let coordinator = staff_browser(&app, Role::Coordinator, "adviseur@regio.nl").await;
    let (_, page) = coordinator
        .get_text("/beheer/regelingen/bewerk?id=praktijkleren")
        .await;
    let mut edited = scheme(&app, "praktijkleren");
    edited.summary.nl = format!("{} Ook voor de grutto.", edited.summary.nl);
    let response = post_edit(&coordinator, &edited, &hidden(&page, "versie")).await;
    assert_eq!(response.status(), 303);
    let saved = Instant::now();
    loop {
        if search_ids(&other.browser, "grutto").await == ["praktijkleren"] {
            break;
        }
        assert!(
            saved.elapsed() < Duration::from_secs(1),
            "the other instance did not follow within a second"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

backend_tests!(
    an_edit_reaches_search_and_calculator_at_once,
    bad_input_is_refused_beside_its_field,
    import_is_all_or_nothing_and_round_trips,
    a_second_instance_follows_within_a_second,
);

/// The path and query of the link in `body` that starts with `prefix` (after the address).
fn link_in(app: &TestApp, body: &str, prefix: &str) -> String {
    let marker = format!("{}{prefix}", app.address);
    let start = body
        .find(&marker)
        .unwrap_or_else(|| panic!("{prefix} in {body}"));
    let link = body[start..].split_whitespace().next().unwrap();
    link.trim_start_matches(&app.address).to_string()
}

async fn a_search_alert_from_subscribe_to_unsubscribe(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let visitor = app.browser();
    let page = "/subsidies?q=leerbaan&voor=werkgever";

    // A bad address: beside the field, the search kept, nothing stored.
    let response = visitor
        .post_from(
            page,
            "/subsidies?q=leerbaan&voor=werkgever",
            &[("email", "geen adres")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("href=\"#veld-email\""));
    assert!(html.contains("value=\"geen adres\""));
    assert!(html.contains("value=\"leerbaan\""), "the search is kept");
    assert_eq!(app.count("SELECT COUNT(*) FROM search_alerts").await, 0);

    let response = visitor
        .post_from(
            page,
            "/subsidies?q=leerbaan&voor=werkgever",
            &[("email", "Fenna@Voorbeeld.nl")],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        location(&response),
        "/subsidies?q=leerbaan&voor=werkgever&melding=bevestig#volgen"
    );
    let (subject, body) = app.last_email_to("fenna@voorbeeld.nl").await.unwrap();
    assert!(subject.contains("Bevestig"));
    assert!(body.contains("“leerbaan” (Werkgevers)"), "{body}");
    let manage = link_in(&app, &body, "/subsidies/melding?sleutel=");
    // The key is the server's: a changed one opens nothing.
    let (status, html) = visitor.get_text(&format!("{manage}0")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Deze melding bestaat niet"));
    let (status, html) = visitor.get_text(&manage).await;
    assert_eq!(status, 200);
    assert!(html.contains("fenna@voorbeeld.nl") && html.contains("Nog niet bevestigd"));

    // Unconfirmed: no digest, whatever changes.
    let now = app::server::auth::now;
    app.execute("UPDATE schemes SET updated_at = updated_at - 3 * 86400")
        .await;
    assert_eq!(
        app::subsidies::alerts::send_digests(&app.state, now())
            .await
            .unwrap(),
        0
    );
    let response = visitor
        .post_from(&manage, &manage, &[("actie", "bevestigen")])
        .await;
    assert_eq!(response.status(), 303);
    let (_, html) = visitor.get_text(&location(&response)).await;
    assert!(html.contains("Uw melding staat aan"));

    // A day later, nothing changed: no mail.
    app.execute("UPDATE search_alerts SET checked_until = checked_until - 86400")
        .await;
    assert_eq!(
        app::subsidies::alerts::send_digests(&app.state, now())
            .await
            .unwrap(),
        0
    );
    // Another day: a coordinator changed a matching scheme and one that does not match; the
    // digest names only the first.
    app.execute("UPDATE search_alerts SET checked_until = checked_until - 86400")
        .await;
    let coordinator = staff_browser(&app, Role::Coordinator, "adviseur@regio.nl").await;
    for (id, name) in [
        ("praktijkleren", "Praktijkleren (vernieuwd)"),
        ("levenlanglerenkrediet", "Levenlanglerenkrediet (vernieuwd)"),
    ] {
        let (_, page) = coordinator
            .get_text(&format!("/beheer/regelingen/bewerk?id={id}"))
            .await;
        let mut edited = scheme(&app, id);
        edited.name = name.into();
        let response = post_edit(&coordinator, &edited, &hidden(&page, "versie")).await;
        assert_eq!(response.status(), 303);
    }
    let at = now() + 1;
    assert_eq!(
        app::subsidies::alerts::send_digests(&app.state, at)
            .await
            .unwrap(),
        1
    );
    let (subject, body) = app.last_email_to("fenna@voorbeeld.nl").await.unwrap();
    assert!(subject.contains("Nieuwe of gewijzigde regelingen"));
    assert!(body.contains("Praktijkleren (vernieuwd)"), "{body}");
    assert!(!body.contains("Levenlanglerenkrediet"), "{body}");
    assert_eq!(link_in(&app, &body, "/subsidies/melding?sleutel="), manage);
    // Once a day: the same day again sends nothing.
    assert_eq!(
        app::subsidies::alerts::send_digests(&app.state, at + 60)
            .await
            .unwrap(),
        0
    );

    // Unsubscribe from the mail's link, without an account: nothing is kept.
    let other = app.browser();
    let response = other
        .post_from(&manage, &manage, &[("actie", "verwijderen")])
        .await;
    assert_eq!(response.status(), 303);
    let (_, html) = other.get_text(&location(&response)).await;
    assert!(html.contains("Uw melding is verwijderd"));
    assert_eq!(app.count("SELECT COUNT(*) FROM search_alerts").await, 0);
    let response = other
        .post_from("/subsidies", &manage, &[("actie", "verwijderen")])
        .await;
    assert_eq!(response.status(), 404);
}

backend_tests!(a_search_alert_from_subscribe_to_unsubscribe);
