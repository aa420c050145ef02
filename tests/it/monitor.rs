//! The monthly monitor: what people did shows as counts in the page, the CSV files and
//! `/api/v1/monitor`, and a small count never shows on its own in any of them — on SQLite and
//! PostgreSQL, over real HTTP.
use app::domain::account::Role;
use integration_tests::*;

/// The monitor's JSON for `query`.
async fn api(app: &TestApp, query: &str) -> serde_json::Value {
    let response = app.get(&format!("/api/v1/monitor{query}")).await;
    assert_eq!(response.status(), 200, "{query}");
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "application/json"
    );
    response.json().await.unwrap()
}

/// The breakdown of `metric` in a JSON list (`by_sector` or `by_gemeente`).
fn breakdown<'a>(json: &'a serde_json::Value, list: &str, metric: &str) -> &'a serde_json::Value {
    json[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["metric"] == metric)
        .unwrap_or_else(|| panic!("{list} has {metric}"))
}

/// This month's count of `metric` in the series (`null` when suppressed).
fn this_month(json: &serde_json::Value, metric: &str) -> serde_json::Value {
    let series = json["series"].as_array().unwrap();
    let last = series.last().unwrap();
    assert_eq!(
        last["month"], json["month"],
        "the series ends with this month"
    );
    last["counts"][metric].clone()
}

/// A CSV download: its status, content type, disposition and body.
async fn csv(browser: &Browser, path: &str) -> (u16, String, String, String) {
    let response = browser.get(path).await;
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let (kind, disposition) = (header("content-type"), header("content-disposition"));
    (status, kind, disposition, response.text().await.unwrap())
}

/// The part of the page between two ids.
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("{from} on the page"));
    let end = html[start..].find(to).map_or(html.len(), |i| start + i);
    &html[start..end]
}

async fn what_people_do_is_counted_and_small_counts_never_show(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let before = api(&app, "").await;
    assert_eq!(this_month(&before, "vacancy_search"), 0);
    assert_eq!(this_month(&before, "application"), 0);

    // Vacancy searches with a gemeente: 3 in Dalfsen, 6 in Zwolle, 8 in Kampen. Dalfsen's 3
    // may not show; alone in the merged row it could be worked out from the total, so the
    // next smallest (Zwolle's 6) is merged with it.
    for (gemeente, times) in [("GM0148", 3), ("GM0193", 6), ("GM0166", 8)] {
        for _ in 0..times {
            let (status, _) = app
                .get_text(&format!("/vacatures?q=zorg&gemeente={gemeente}"))
                .await;
            assert_eq!(status, 200);
        }
    }
    // An island's fetch of the same page (the live list as someone types) is not a search.
    let fetched = app
        .client
        .get(app.url("/vacatures?q=zorg&gemeente=GM0193"))
        .header("sec-fetch-dest", "empty")
        .send()
        .await
        .unwrap();
    assert_eq!(fetched.status(), 200);
    // A page without a search is not one either.
    assert_eq!(app.get_text("/vacatures").await.0, 200);
    // Five calculator results in Zwolle; the empty calculator is not a result.
    for _ in 0..5 {
        let (status, _) = app
            .get_text("/scholingscalculator?voor=ik&leeftijd=19&gemeente=GM0193&sector=zorg")
            .await;
        assert_eq!(status, 200);
    }
    assert_eq!(app.get_text("/scholingscalculator").await.0, 200);
    // One application: counted, but 1 is never shown.
    let response = app
        .post_from(
            "/scholingscalculator/aanmelden?regeling=scholingsvoucher-jongeren-regio-zwolle&voor=ik&leeftijd=19&gemeente=GM0193",
            "/scholingscalculator/aanmelden",
            &[
                ("regeling", "scholingsvoucher-jongeren-regio-zwolle"),
                ("antwoorden", "voor=ik&leeftijd=19&gemeente=GM0193"),
                ("naam", "Sanne de Vries"),
                ("email", "sanne@example.nl"),
                ("telefoon", ""),
                ("contact", "email"),
                ("vraag", ""),
                ("toestemming", "ja"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);

    // The API: at once (the monitor writes this instance's counts before it reads).
    let json = api(&app, "").await;
    assert_eq!(json["threshold"], 5);
    assert_eq!(this_month(&json, "vacancy_search"), 17);
    assert_eq!(this_month(&json, "calculator_result"), 5);
    assert_eq!(
        this_month(&json, "application"),
        1,
        "a total is shown as it is"
    );
    let searches = breakdown(&json, "by_gemeente", "vacancy_search");
    assert_eq!(
        searches["rows"],
        serde_json::json!([{ "code": "GM0166", "count": 8 }])
    );
    assert_eq!(
        searches["other"],
        serde_json::json!({ "cells": 2, "count": 9 })
    );
    assert_eq!(searches["total"], 17);
    assert!(!searches.to_string().contains("GM0148"));
    let results = breakdown(&json, "by_sector", "calculator_result");
    assert_eq!(
        results["rows"],
        serde_json::json!([{ "code": "zorg", "count": 5 }])
    );
    let applications = breakdown(&json, "by_gemeente", "application");
    assert_eq!(applications["rows"], serde_json::json!([]));
    assert_eq!(
        applications["other"],
        serde_json::json!({ "cells": 1, "count": 1 }),
        "the one cell merged: its gemeente is not shown"
    );
    assert_eq!(applications["total"], 1);
    assert_eq!(json["thermometer"]["target"], 1000);
    assert!(
        json["thermometer"]["pledged"].as_i64().unwrap() > 100,
        "the demo board"
    );

    // The page: the same cells, no Dalfsen; no island, so no code to download.
    let (status, page) = app.get_text("/monitor?cijfer=vacancy_search").await;
    assert_eq!(status, 200);
    assert!(
        !page.contains("<leptos-island"),
        "the monitor has no island"
    );
    let by_gemeente = between(&page, "id=\"monitor-per-gemeente\"", "id=\"monitor-over\"");
    assert!(by_gemeente.contains("Kampen"));
    assert!(by_gemeente.contains("Overig (samengevoegd)"));
    assert!(!by_gemeente.contains("Dalfsen") && !by_gemeente.contains("Zwolle"));
    assert!(by_gemeente.contains(">17<"), "the total");
    assert!(by_gemeente.contains("<svg"), "the chart");
    assert!(by_gemeente.contains("/monitor/gemeenten.csv?maand="));
    let (_, page) = app.get_text("/monitor?cijfer=application").await;
    let series = between(&page, "id=\"monitor-per-maand\"", "id=\"monitor-alles\"");
    assert!(
        !series.contains("&lt; 5"),
        "one application: a total, shown"
    );
    let (_, english) = app.get_text("/monitor?cijfer=vacancy_search&lang=en").await;
    assert!(english.contains("Other (merged)"));

    // The CSV files: the same again.
    let browser = app.browser();
    let month = json["month"].as_str().unwrap().to_string();
    let (status, kind, disposition, body) =
        csv(&browser, &format!("/monitor/gemeenten.csv?maand={month}")).await;
    assert_eq!(status, 200);
    assert_eq!(kind, "text/csv; charset=utf-8");
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert!(
        body.contains("Zoekopdrachten naar vacatures;GM0166;Kampen;8"),
        "{body}"
    );
    assert!(body.contains("Zoekopdrachten naar vacatures;*;Overig (samengevoegd);9"));
    assert!(body.contains("Zoekopdrachten naar vacatures;;Totaal;17"));
    assert!(
        !body
            .lines()
            .any(|l| l.contains("Zoekopdrachten naar vacatures") && l.contains("GM0148")),
        "no Dalfsen among the searches (the demo board's places may be there)"
    );
    assert!(body.contains("Aanmeldingen via de calculator;;Totaal;1"));
    let (status, _, _, body) = csv(&browser, "/monitor/maanden.csv").await;
    assert_eq!(status, 200);
    let last = body.lines().last().unwrap();
    assert!(last.starts_with(&month), "{last}");
    assert!(last.contains(";17;"), "{last}");
    let (status, _, _, body) = csv(&browser, "/monitor/sectoren.csv").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Uitkomsten van de scholingscalculator;zorg;Zorg en welzijn;5"),
        "{body}"
    );
}

backend_tests!(what_people_do_is_counted_and_small_counts_never_show);

/// The number in the first `class="num"` cell after `text` on the page.
fn count_after(html: &str, text: &str) -> i64 {
    let at = html
        .find(text)
        .unwrap_or_else(|| panic!("{text} on the page"));
    let marker = "class=\"num\">";
    let start = at + html[at..].find(marker).unwrap() + marker.len();
    html[start..start + html[start..].find('<').unwrap()]
        .parse()
        .unwrap()
}

async fn coordinators_see_the_queues_and_export_a_month(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    // Anonymous visitors are sent to log in; employers are refused.
    let response = app.get("/beheer/monitor").await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/inloggen");
    let response = app.get("/beheer/monitor/export.csv").await;
    assert!(location(&response).starts_with("/inloggen"));
    let employer = employer_browser(&app, "hr@monitor.nl", "30000077", "Monitor BV").await;
    assert_eq!(employer.get("/beheer/monitor").await.status(), 403);
    assert_eq!(
        employer.get("/beheer/monitor/export.csv").await.status(),
        403
    );
    // The employer's pledge waits for a coordinator: a queue.
    let response = employer.submit("/werkgevers", crate::stages::PLEDGE).await;
    assert_eq!(response.status(), 303);

    let coordinator = staff_browser(&app, Role::Coordinator, "monitor@regio.nl").await;
    let (status, page) = coordinator.get_text("/beheer/monitor").await;
    assert_eq!(status, 200);
    assert!(page.contains("Open werk"));
    let pending = app
        .count("SELECT COUNT(*) FROM pledges WHERE status = 'pending'")
        .await;
    assert!(pending > 0);
    assert_eq!(
        count_after(&page, "Toezeggingen voor stages en leerbanen"),
        pending
    );
    assert_eq!(
        count_after(&page, "Aanmeldingen uit de scholingscalculator"),
        0
    );
    assert!(
        page.contains("id=\"monitor-thermometer\"") && page.contains("id=\"monitor-per-gemeente\""),
        "the public figures too"
    );
    assert!(page.contains("/beheer/monitor/export.csv?maand="));
    let (_, home) = coordinator.get_text("/beheer").await;
    assert!(
        home.contains("href=\"/beheer/monitor\""),
        "linked from the beheer start page"
    );

    // The export of a month: every figure, the queues, suppressed the same way.
    let (status, kind, disposition, body) =
        csv(&coordinator, "/beheer/monitor/export.csv?maand=2026-01").await;
    assert_eq!(status, 200);
    assert_eq!(kind, "text/csv; charset=utf-8");
    assert!(disposition.contains("monitor-2026-01.csv"), "{disposition}");
    assert!(
        body.contains("Totaal;2026-01;Toegezegde plekken;;;"),
        "{body}"
    );
    assert!(body.contains("Open werk;"));
    assert!(body.contains(&format!(
        "Toezeggingen voor stages en leerbanen;/beheer/stages;;{pending}"
    )));
    let (status, _, _, _) = csv(&coordinator, "/beheer/monitor/export.csv?maand=kapot").await;
    assert_eq!(status, 400);
}

backend_tests!(coordinators_see_the_queues_and_export_a_month);

async fn a_bad_month_gets_a_clear_answer_never_a_500(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    for bad in [
        "2026-13",
        "%3Cscript%3Ealert(1)%3C/script%3E",
        "1999-12",
        "9",
        "2026-1",
    ] {
        let (status, page) = app.get_text(&format!("/monitor?maand={bad}")).await;
        assert_eq!(status, 200, "{bad}");
        assert!(page.contains("Die maand kennen we niet"), "{bad}");
        assert!(!page.contains("<script>alert"), "never echoed");
        let response = app.get(&format!("/api/v1/monitor?maand={bad}")).await;
        assert_eq!(response.status(), 400, "{bad}");
        let error: serde_json::Value = response.json().await.unwrap();
        assert!(error["error"].as_str().unwrap().contains("YYYY-MM"));
        for file in ["maanden", "sectoren", "gemeenten"] {
            let response = app.get(&format!("/monitor/{file}.csv?maand={bad}")).await;
            assert_eq!(response.status(), 400, "{file} {bad}");
        }
    }
    // A month long ago, or one still to come: its (empty) figures, said plainly.
    let (status, page) = app.get_text("/monitor?maand=2021-02&cijfer=onzin").await;
    assert_eq!(status, 200);
    assert!(page.contains("Per gemeente in feb 2021"));
    assert!(!page.contains("Die maand kennen we niet"));
    let old = api(&app, "?maand=2021-02").await;
    assert_eq!(old["month"], "2021-02");
    assert_eq!(breakdown(&old, "by_sector", "pledged")["total"], 0);
    assert_eq!(api(&app, "?maand=2099-12").await["month"], "2099-12");
}

backend_tests!(a_bad_month_gets_a_clear_answer_never_a_500);
