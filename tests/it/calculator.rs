//! The scholingscalculator over real HTTP, on SQLite and PostgreSQL: the server-rendered result
//! (the page without JavaScript), bad answers, the catalogue endpoint, the aanmeldformulier with
//! its e-mail, the coordinators' queue with the capacity count, and the retention job.
use app::domain::account::Role;
use integration_tests::{
    backend_tests, employer_browser, location, spawn_app, staff_browser, Backend,
};

const KAMPEN_BIJSTAND: &str = "/scholingscalculator?voor=ik&leeftijd=34&situatie=bijstand&opleiding=mbo2&gemeente=GM0166&sector=zorg&soort=mbo_bol&nlqf=3&kosten=2400&maanden=12";

/// The text of the section with `id` (up to the next section).
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no section {id}"));
    let rest = &html[start..];
    let end = rest[1..].find("<section").map_or(rest.len(), |i| i + 1);
    &rest[..end]
}

async fn the_result_is_rendered_on_the_server_from_the_query(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    // Without answers: the form, no result yet.
    let (status, html) = app.get_text("/scholingscalculator").await;
    assert_eq!(status, 200);
    assert!(html.contains("name=\"leeftijd\""));
    assert!(html.contains("method=\"GET\"") || html.contains("method=\"get\""));
    assert!(!html.contains("id=\"plan-titel\""));

    let (status, html) = app.get_text(KAMPEN_BIJSTAND).await;
    assert_eq!(status, 200);
    // Every scheme of the catalogue is listed once.
    assert_eq!(html.matches("class=\"scheme\"").count(), 30);
    let eligible = section(&html, "regelingen-passend");
    assert!(
        eligible.contains("Levenlanglerenkrediet"),
        "a 34-year-old with mbo-BOL can borrow"
    );
    assert!(eligible.contains("Leerwerkloket"));
    let ended = section(&html, "regelingen-beeindigd");
    assert!(ended.contains("STAP-budget"), "STAP is listed as ended");
    assert!(!eligible.contains("STAP-budget"));
    // No sure scheme pays for the course: the plan leaves the whole €2,400, and says the
    // "maybe" schemes (HCA Groei Vooruit, the municipal budget) could lower it.
    let own = &html[html
        .find("id=\"eigen-bijdrage\"")
        .expect("own contribution shown")..][..60];
    assert!(own.contains(">€ 2.400<"), "{own}");
    assert!(
        html.contains("€ 0"),
        "with the maybe schemes it could come to nothing"
    );
    // "One of these" on a card that fits shows the alternative that holds, without ✗ for the
    // ones that were not needed (the 34-year-old borrows as someone of 30-56).
    let loan = &eligible[eligible.find("id=\"kaart-levenlanglerenkrediet\"").unwrap()..];
    let loan = &loan[..loan
        .find("</li></ul></section>")
        .unwrap_or(loan.len())
        .min(loan[1..].find("id=\"kaart-").map_or(loan.len(), |i| i + 1))];
    assert!(loan.contains("class=\"either\""));
    assert!(loan.contains("30 tot en met 56"));
    assert!(
        !loan.contains("check-no"),
        "no ✗ on a card that fits: {loan}"
    );
    // An ended scheme shows no amount, only that it ended.
    let stap = &ended[ended.find("id=\"kaart-stap-budget\"").unwrap()..];
    let stap = &stap[..stap.find("</li>").unwrap()];
    assert!(!stap.contains("class=\"amount\""), "{stap}");
    assert!(!stap.contains("€"), "no amount for an ended scheme: {stap}");
    assert!(stap.contains("Gestopt sinds"));
    // The answers are kept in the form, and the page links to itself.
    assert!(html.contains("value=\"34\""));
    assert!(html.contains("id=\"deel-link\""));

    // The same answers in English.
    let (status, html) = app.get_text(&format!("{KAMPEN_BIJSTAND}&lang=en")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Your financing plan"));
    assert!(html.contains("<html lang=\"en\""));
}

/// The HTML inside the page's result region (`<div id="uitkomst">`), without the comments the
/// page's renderer leaves for hydration.
fn outcome_region(html: &str) -> String {
    let at = html.find("id=\"uitkomst\"").expect("the result region");
    let start = html[at..].find('>').expect("end of the tag") + at + 1;
    let end = html[start..]
        .find("</div><template id=\"uitkomst-aankondiging\"")
        .expect("end of the region")
        + start;
    strip_comments(&html[start..end])
}

fn strip_comments(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find("<!") {
        out.push_str(&rest[..i]);
        let close = rest[i..].find('>').expect("comment end") + i;
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// With JavaScript, a changed answer fetches the page for the new answers (with `lang=`, the
/// language of the page in the browser) and takes from it the result region and, from an inert
/// `<template>`, the line announcing the new outcome; bad or missing answers get a page, never
/// a 500.
async fn the_page_carries_the_announcement_of_its_result(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (status, page) = app.get_text(&format!("{KAMPEN_BIJSTAND}&lang=nl")).await;
    assert_eq!(status, 200);
    let announcement = template(&page);
    assert!(
        announcement.contains("U betaalt zelf: € 2.400.")
            && announcement.contains("href=\"#uitkomst-titel\""),
        "{announcement}"
    );
    let region = outcome_region(&page);
    let own = &region[region.find("id=\"eigen-bijdrage\"").expect("the plan")..][..60];
    assert!(own.contains(">€ 2.400<"), "{own}");
    assert_eq!(region.matches("class=\"scheme\"").count(), 30);
    // A source and how far it was checked are two words, not one.
    assert!(region.contains("begroting-2021 (deels gecontroleerd)"));
    // The status line itself is empty: it is filled only after a change in the browser.
    assert!(page.contains("id=\"uitkomst-melding\" role=\"status\"></div>"));

    // In English.
    let (_, page) = app.get_text(&format!("{KAMPEN_BIJSTAND}&lang=en")).await;
    assert!(outcome_region(&page).contains("Your financing plan"));
    assert!(
        template(&page).contains("You pay yourself: € 2.400."),
        "{}",
        template(&page)
    );

    // Not yet sent: what to do, and nothing to announce; nonsense: read like the form reads it.
    let (_, page) = app.get_text("/scholingscalculator?lang=nl").await;
    assert!(outcome_region(&page).contains("class=\"calc-empty\""));
    let (status, page) = app
        .get_text("/scholingscalculator?voor=ik&leeftijd=twintig&%25%25%25&lang=xx")
        .await;
    assert_eq!(status, 200);
    assert!(outcome_region(&page).contains("id=\"plan-titel\""));
}

/// The announcement the page carries for its result (the content of its `<template>`).
fn template(html: &str) -> String {
    let marker = "<template id=\"uitkomst-aankondiging\">";
    let start = html.find(marker).expect("the announcement") + marker.len();
    let end = html[start..].find("</template>").expect("its end") + start;
    strip_comments(&html[start..end])
}

async fn bad_answers_get_a_message_beside_the_field_and_never_a_500(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (status, html) = app
        .get_text("/scholingscalculator?voor=ik&leeftijd=twintig&kosten=veel&nlqf=12&gemeente=%3Cscript%3Ealert(1)%3C/script%3E&sector=%22%3E%3Cscript%3Ealert(2)")
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("class=\"error-summary\""));
    assert!(html.contains("Vul een leeftijd in tussen 15 en 80 jaar"));
    assert!(html.contains("Vul een bedrag in euro"));
    assert!(
        html.contains("href=\"#veld-leeftijd\""),
        "the summary links to the field"
    );
    // What the person typed stays in the field, escaped.
    assert!(html.contains("value=\"twintig\""));
    assert!(
        !html.contains("<script>alert"),
        "nothing typed is echoed unescaped"
    );
}

async fn the_catalogue_endpoint_serves_the_seeded_schemes(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let response = app.get("/api/regelingen").await;
    assert_eq!(response.status(), 200);
    let catalogue: app::domain::schemes::Catalogue = response.json().await.unwrap();
    assert_eq!(catalogue.schemes.len(), 30);
    let voucher = catalogue
        .scheme("scholingsvoucher-jongeren-regio-zwolle")
        .and_then(|s| s.capacity.clone())
        .unwrap();
    assert_eq!(voucher.left(), 500);
}

async fn an_application_gets_a_reference_an_email_and_reaches_the_queue(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let page = "/scholingscalculator/aanmelden?regeling=scholingsvoucher-jongeren-regio-zwolle&voor=ik&leeftijd=19&gemeente=GM0193";
    let (status, html) = app.get_text(page).await;
    assert_eq!(status, 200);
    assert!(html.contains("Scholingsvoucher"));
    assert!(html.contains("name=\"toestemming\""));

    // Without consent and with a bad phone number: nothing is saved, the input is kept.
    let response = app
        .post_from(
            page,
            "/scholingscalculator/aanmelden",
            &[
                ("regeling", "scholingsvoucher-jongeren-regio-zwolle"),
                ("antwoorden", "voor=ik&leeftijd=19&gemeente=GM0193"),
                ("naam", "Sanne de Vries"),
                ("email", "sanne@example.nl"),
                ("telefoon", "12"),
                ("contact", "email"),
                ("vraag", "Kan ik in januari beginnen?"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("class=\"error-summary\""));
    assert!(html.contains("value=\"Sanne de Vries\""));
    assert!(html.contains("Kan ik in januari beginnen?"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM scheme_applications").await,
        0
    );

    // Without the page's CSRF token: refused.
    let forged = app
        .browser()
        .client
        .post(app.url("/scholingscalculator/aanmelden"))
        .form(&[
            ("regeling", "leerwerkloket"),
            ("naam", "X"),
            ("email", "x@example.nl"),
            ("toestemming", "ja"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);

    let response = app
        .post_from(
            page,
            "/scholingscalculator/aanmelden",
            &[
                ("regeling", "scholingsvoucher-jongeren-regio-zwolle"),
                (
                    "antwoorden",
                    "voor=ik&leeftijd=19&gemeente=GM0193&naam=nietbewaren",
                ),
                ("naam", "Sanne de Vries"),
                ("email", "Sanne@Example.nl"),
                ("telefoon", ""),
                ("contact", "email"),
                ("vraag", "Kan ik in januari beginnen?"),
                ("toestemming", "ja"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let done = location(&response);
    assert!(
        done.starts_with("/scholingscalculator/aangemeld?referentie=HVW-"),
        "{done}"
    );
    let reference = done.split("referentie=").nth(1).unwrap().to_string();
    let (_, html) = app.get_text(&done).await;
    assert!(html.contains(&reference));
    let (subject, body) = app
        .last_email_to("sanne@example.nl")
        .await
        .expect("a confirmation");
    assert!(subject.contains(&reference));
    assert!(body.contains(&reference));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM scheme_applications").await,
        1
    );
    // Only calculator answers are stored with it, canonically.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM scheme_applications WHERE answers = 'voor=ik&leeftijd=19&gemeente=GM0193' AND consent_at > 0")
            .await,
        1
    );

    // The queue: log in first; employers may not; coordinators see it.
    let anonymous = app.browser().get("/beheer/aanmeldingen").await;
    assert_eq!(anonymous.status(), 302);
    assert_eq!(location(&anonymous), "/inloggen");
    let employer = employer_browser(&app, "p@zorg.nl", "12345678", "Zorg BV").await;
    assert_eq!(employer.get("/beheer/aanmeldingen").await.status(), 403);
    let coordinator = staff_browser(&app, Role::Coordinator, "adviseur@regio.nl").await;
    let (status, html) = coordinator.get_text("/beheer/aanmeldingen").await;
    assert_eq!(status, 200);
    assert!(html.contains(&reference));
    assert!(html.contains("Sanne de Vries"));
    assert!(html.contains("Open aanmeldingen: 1"));

    // Employers cannot mark it handled; the coordinator grants a voucher place.
    let id = app
        .count("SELECT id FROM scheme_applications")
        .await
        .to_string();
    let refused = employer
        .post_from(
            "/account",
            "/beheer/aanmeldingen/afhandelen",
            &[("id", &id), ("toegekend", "ja")],
        )
        .await;
    assert_eq!(refused.status(), 403);
    let response = coordinator
        .post_from(
            "/beheer/aanmeldingen",
            "/beheer/aanmeldingen/afhandelen",
            &[("id", &id), ("toegekend", "ja")],
        )
        .await;
    assert_eq!(response.status(), 303);
    // The audit log names the application that was received and handled.
    for action in ["application_received", "application_handled"] {
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = '{action}' \
                 AND target_kind = 'application' AND target_id = {id}"
            ))
            .await,
            1,
            "{action}"
        );
    }
    let (_, html) = coordinator.get_text("/beheer/aanmeldingen").await;
    assert!(html.contains("Open aanmeldingen: 0"));
    assert!(html.contains("Afgehandeld op"));
    // Handled twice is not counted twice.
    let again = coordinator
        .post_from(
            "/account",
            "/beheer/aanmeldingen/afhandelen",
            &[("id", &id), ("toegekend", "ja")],
        )
        .await;
    assert_eq!(again.status(), 404);
    let html = again.text().await.unwrap();
    assert!(
        html.contains("Pagina niet gevonden"),
        "the 404 page, in the layout"
    );
    assert_eq!(
        app.count(
            "SELECT capacity_used FROM schemes WHERE id = 'scholingsvoucher-jongeren-regio-zwolle'"
        )
        .await,
        1
    );
    let (_, html) = app
        .get_text("/scholingscalculator?voor=ik&leeftijd=19&gemeente=GM0193")
        .await;
    assert!(
        html.contains("Nog 499 van de 500 plaatsen vrij"),
        "the count of places left follows"
    );
}

async fn an_ended_scheme_cannot_be_applied_for(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let response = app
        .post_from(
            "/scholingscalculator/aanmelden?regeling=leerwerkloket",
            "/scholingscalculator/aanmelden",
            &[
                ("regeling", "stap-budget"),
                ("naam", "Jan"),
                ("email", "jan@example.nl"),
                ("contact", "email"),
                ("toestemming", "ja"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("id=\"regeling-gestopt\""),
        "says the scheme ended"
    );
    assert!(!html.contains("name=\"toestemming\""), "no form");

    // Opened by URL, the form of an ended scheme says it ended and offers what still runs for
    // these answers, each with its own form.
    let answers = KAMPEN_BIJSTAND.split_once('?').unwrap().1;
    let (status, html) = app
        .get_text(&format!(
            "/scholingscalculator/aanmelden?regeling=stap-budget&{answers}"
        ))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("Deze regeling is gestopt"));
    assert!(
        !html.contains("name=\"toestemming\""),
        "no form for an ended scheme"
    );
    let instead = &html[html.find("id=\"in-plaats\"").expect("what still runs")..];
    let instead = &instead[..instead.find("</section>").unwrap()];
    assert!(instead.contains("aanmelden?regeling=levenlanglerenkrediet&amp;voor=ik"));
    assert!(instead.contains("Leerwerkloket"));
    assert!(!instead.contains("STAP-budget"));
    let (status, html) = app
        .get_text("/scholingscalculator/aanmelden?regeling=bestaat-niet")
        .await;
    assert_eq!(status, 404);
    assert!(html.contains("Deze regeling bestaat niet of is gestopt"));
    assert!(
        !html.contains("name=\"toestemming\""),
        "no form for an unknown scheme"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM scheme_applications").await,
        0
    );
}

async fn handled_applications_are_deleted_after_the_retention_period(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let now = app::server::auth::now();
    let day = 86_400;
    for (reference, status, handled) in [
        ("HVW-AAAA-0001", "open", None),
        ("HVW-AAAA-0002", "handled", Some(now - 29 * day)),
        ("HVW-AAAA-0003", "handled", Some(now - 27 * day)),
    ] {
        let handled = handled.map_or("NULL".to_string(), |t: i64| t.to_string());
        app.execute(&format!(
            "INSERT INTO scheme_applications (reference, scheme_id, name, email, preferred_contact, \
             question, answers, language, consent_at, created_at, status, handled_at) VALUES \
             ('{reference}', 'leerwerkloket', 'Test', 't@example.nl', 'email', '', '', 'nl', {old}, {old}, '{status}', {handled})",
            old = now - 60 * day
        ))
        .await;
    }
    let db = app::server::Db::connect(&app.db.url).await.unwrap();
    let deleted = app::calculator::store::purge_handled(&db, now, 28)
        .await
        .unwrap();
    db.close().await;
    assert_eq!(deleted, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM scheme_applications WHERE reference IN ('HVW-AAAA-0001', 'HVW-AAAA-0003')").await,
        2,
        "open ones and recently handled ones stay"
    );
}

/// The text of the element with `id` (its first 200 characters after the id).
fn by_id<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element {id}"));
    let rest = &html[start..];
    &rest[..rest.len().min(200)]
}

const EMPLOYER_BBL: &str = "/scholingscalculator?voor=werkgever&leeftijd=19&situatie=werkend&opleiding=mbo2&gemeente=GM0193&sector=zorg&soort=mbo_bbl&kosten=3200&maanden=12&uren=32&medewerkers=30&omzet=ja&leerbedrijf=ja&doelgroep=geen";
const WW_ZORG: &str = "/scholingscalculator?voor=ik&leeftijd=45&situatie=ww&opleiding=mbo2&gemeente=GM0193&sector=zorg&soort=mbo_bol&nlqf=3&kosten=4000&maanden=12";

/// Issue 11 §1: the plan says what is paid first, what may come back afterwards and when, what
/// is left if everything goes through, and what a lower outcome depends on.
async fn the_plan_says_what_is_sure_and_what_is_not(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    // The employer with a BBL student: praktijkleren pays afterwards, for supervision, at most
    // €2,700 — so the employer pays the whole course first.
    let (status, html) = app.get_text(EMPLOYER_BBL).await;
    assert_eq!(status, 200);
    assert!(
        by_id(&html, "vooraf").contains(">€ 3.200<"),
        "{}",
        by_id(&html, "vooraf")
    );
    assert!(
        by_id(&html, "achteraf").contains(">tot € 2.700<"),
        "{}",
        by_id(&html, "achteraf")
    );
    assert!(by_id(&html, "eigen-bijdrage").contains(">€ 500<"));
    assert!(html.contains("Als alles doorgaat, betaalt u zelf"));
    assert!(
        html.contains("U betaalt eerst € 3.200. Als alles doorgaat, betaalt u uiteindelijk € 500.")
    );
    assert!(html.contains("U betaalt eerst zelf € 3.200 aan de opleider."));
    assert!(html.contains("Daarna krijgt u misschien tot € 2.700 terug van: Subsidieregeling praktijkleren. Dat is niet zeker"));
    assert!(
        html.contains("Achteraf: Na het schooljaar."),
        "when the money comes"
    );
    assert!(
        html.contains("niet voor het lesgeld"),
        "what the money is for"
    );
    assert!(
        !html.contains("U betaalt zelf: € 500"),
        "never a flat promise"
    );

    // The person in WW: no sure scheme pays; the €0 rests on one unconfirmed, partly checked
    // scheme, and the plan says exactly that.
    let (_, html) = app.get_text(WW_ZORG).await;
    assert!(by_id(&html, "eigen-bijdrage").contains(">€ 4.000<"));
    assert!(html.contains("U betaalt zelf: € 4.000."));
    assert!(
        !html.contains("id=\"vooraf\""),
        "nothing comes back: no up-front line"
    );
    let maybe = &html[html
        .find("class=\"plan-maybe\"")
        .expect("what a lower outcome depends on")..];
    let maybe = &maybe[..maybe.find("</div>").unwrap()];
    assert!(
        maybe.contains("Misschien betaalt u nog minder: € 0."),
        "{maybe}"
    );
    assert!(maybe.contains("Groei Vooruit"), "{maybe}");
    assert!(
        maybe.contains("Het is niet zeker dat deze regeling nu loopt"),
        "{maybe}"
    );
    assert!(
        maybe.contains("maar voor een deel gecontroleerd"),
        "{maybe}"
    );

    // Sources: citizens see the official ones; a commercial site is for coordinators only.
    let (_, html) = app.get_text(EMPLOYER_BBL).await;
    let card = &html[html.find("id=\"kaart-praktijkleren\"").unwrap()..];
    let card = &card[..card.find("</li>").unwrap()];
    assert!(!card.contains("subsidiedirect.nl"), "{card}");
    assert!(
        card.contains("Geen officiële bron in onze gegevens. Vraag het na bij RVO"),
        "{card}"
    );
    let slim = &html[html.find("id=\"kaart-slim-scholingssubsidie\"").unwrap()..];
    assert!(slim[..slim.find("</li>").unwrap()].contains("rijksoverheid.nl 3-3-2025"));
    let coordinator = staff_browser(&app, Role::Coordinator, "adviseur@regio.nl").await;
    let (_, html) = coordinator.get_text(EMPLOYER_BBL).await;
    assert!(html.contains("Andere bronnen (alleen voor adviseurs)"));
    assert!(html.contains("subsidiedirect.nl"));
    // English from the same source.
    let (_, html) = app.get_text(&format!("{EMPLOYER_BBL}&lang=en")).await;
    assert!(
        html.contains(
            "You pay € 3.200 first. If everything goes through, you pay € 500 in the end."
        ),
        "{}",
        &html[html.find("calc-summary").unwrap()..][..300]
    );
    assert!(html.contains("Afterwards: After the school year."));
}

backend_tests!(
    the_plan_says_what_is_sure_and_what_is_not,
    the_result_is_rendered_on_the_server_from_the_query,
    the_page_carries_the_announcement_of_its_result,
    bad_answers_get_a_message_beside_the_field_and_never_a_500,
    the_catalogue_endpoint_serves_the_seeded_schemes,
    an_application_gets_a_reference_an_email_and_reaches_the_queue,
    an_ended_scheme_cannot_be_applied_for,
    handled_applications_are_deleted_after_the_retention_period,
);
