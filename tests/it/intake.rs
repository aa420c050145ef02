//! The intake (zelf-triage): one question per page with the answers in a signed cookie, the
//! branches, the check page, the outcome with its criteria and deep links, the warm handoff
//! (stored only with consent) and the coordinators' queue.
use app::domain::account::Role;
use integration_tests::*;

/// The 58-year-old after 30 years in retail who lost their job.
const RETAIL: &[(&str, &str)] = &[
    ("situatie", "werkzoekend"),
    ("leeftijd", "58"),
    ("uitkering", "ww"),
    ("opleiding", "mbo2"),
    ("diploma", "ja"),
    ("sector", "retail"),
    ("jaren", "30"),
    ("taal", "moedertaal"),
    ("doel", "ander_werk"),
    ("vervoer", "auto"),
    ("hulp", "ja"),
    ("gemeente", "GM0193"),
];

/// The 23-year-old without a startkwalificatie who wants a leerbaan.
const YOUNG: &[(&str, &str)] = &[
    ("situatie", "werkzoekend"),
    ("leeftijd", "23"),
    ("uitkering", "geen"),
    ("opleiding", "vmbo"),
    ("sector", "geen"),
    ("taal", "moedertaal"),
    ("doel", "stage_leerbaan"),
    ("soort_plek", "leerbaan"),
    ("vervoer", "fiets"),
    ("hulp", "ja"),
    ("gemeente", "GM0193"),
];

/// The outcome's item for the criterion titled `title` (its `<li>` and nothing else).
fn criterion<'a>(page: &'a str, title: &str) -> &'a str {
    let at = page.find(title).unwrap_or_else(|| panic!("{title}"));
    let start = page[..at]
        .rfind("<li class=\"criterion")
        .expect("in a criterion item");
    let end = at + page[at..].find("</li>").expect("the item ends");
    &page[start..end]
}

fn question(id: &str) -> String {
    format!("/intake/vraag?vraag={id}")
}

/// Answers one question the way a browser does: the page (for its CSRF token), then the post.
async fn answer(browser: &Browser, id: &str, value: &str) -> reqwest::Response {
    let page = question(id);
    browser.post_from(&page, &page, &[(id, value)]).await
}

/// Walks the questions from the first, answering from `given`; every answer leads with a 303
/// to the next question the branches ask, the last to the check page. The ids asked.
async fn walk(browser: &Browser, given: &[(&str, &str)]) -> Vec<String> {
    let mut asked = vec![];
    let mut at = "situatie".to_string();
    loop {
        let (status, page) = browser.get_text(&question(&at)).await;
        assert_eq!(status, 200, "{at}");
        assert!(page.contains("<h1"), "the question is the page's heading");
        let value = given
            .iter()
            .find(|(k, _)| *k == at)
            .unwrap_or_else(|| panic!("{at} asked but not given"))
            .1;
        let response = answer(browser, &at, value).await;
        assert_eq!(response.status(), 303, "{at}={value}");
        asked.push(at.clone());
        let next = location(&response);
        match next.strip_prefix("/intake/vraag?vraag=") {
            Some(id) => at = id.to_string(),
            None => {
                assert_eq!(next, "/intake/controle");
                return asked;
            }
        }
    }
}

async fn the_retail_path_hands_off_with_consent_to_the_queue(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let staff = staff_browser(&app, Role::Coordinator, "adviseur@example.nl").await;
    let person = app.browser();
    let (status, start) = person.get_text("/intake").await;
    assert_eq!(status, 200);
    assert!(start.contains("href=\"/intake/vraag?vraag=situatie\""));

    let asked = walk(&person, RETAIL).await;
    assert_eq!(asked.len(), 12, "{asked:?}");
    assert!(!asked.contains(&"soort_plek".to_string()));

    // The check page: every answer, each with its change link back to the check page.
    let (status, check) = person.get_text("/intake/controle").await;
    assert_eq!(status, 200);
    assert!(check.contains("58 jaar") && check.contains("30 jaar"));
    assert!(check.contains("Detailhandel"));
    assert!(check.contains("href=\"/intake/vraag?vraag=leeftijd&amp;terug=controle\""));
    // The progress line counts the questions that apply.
    let (_, q2) = person.get_text(&question("leeftijd")).await;
    assert!(q2.contains("Vraag 2 van 12"), "progress");
    assert!(q2.contains("value=\"58\""), "the answer so far");
    assert!(
        q2.contains("href=\"/intake/vraag?vraag=situatie\""),
        "back link"
    );

    let confirmed = person
        .post_from("/intake/controle", "/intake/controle", &[])
        .await;
    assert_eq!(confirmed.status(), 303);
    assert_eq!(location(&confirmed), "/intake/uitkomst");
    let response = person.get("/intake/uitkomst").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store, private");
    let outcome = response.text().await.unwrap();
    // Guidance fits: own need plus sector, education (mbo), years and age.
    assert!(outcome.contains("U kunt persoonlijke hulp krijgen"));
    for met in [
        "U werkte in een sector met minder werk",
        "U werkte lang in dezelfde baan",
    ] {
        assert!(
            criterion(&outcome, met).contains("Dit geldt voor u."),
            "{met}"
        );
    }
    assert!(
        criterion(&outcome, "U spreekt minder goed Nederlands").contains("Dit geldt niet voor u.")
    );
    // The toolbox, with what is known filled in: the Skills CV first.
    let cv = "href=\"/vacatures/skills-cv?opleiding=mbo2&amp;sector=retail&amp;woonplaats=zwolle&amp;vervoer=auto\"";
    let calculator = "href=\"/scholingscalculator?voor=inwoner&amp;leeftijd=58&amp;situatie=ww&amp;opleiding=mbo2&amp;gemeente=GM0193&amp;sector=retail\"";
    assert!(outcome.contains(cv), "skills cv link");
    assert!(outcome.contains(calculator), "calculator link");
    assert!(outcome.find(cv).unwrap() < outcome.find(calculator).unwrap());
    // The deep links open with the answers in place.
    let (status, calc) = person
        .get_text("/scholingscalculator?voor=inwoner&leeftijd=58&situatie=ww&opleiding=mbo2&gemeente=GM0193&sector=retail")
        .await;
    assert_eq!(status, 200);
    assert!(calc.contains("value=\"58\""));

    // No consent: the form again, nothing stored, what was typed kept.
    let fields = [
        ("naam", "Gerda Winkelman"),
        ("email", "gerda@example.nl"),
        ("telefoon", ""),
        ("contact", "email"),
        ("bericht", "Liefst 's ochtends bellen."),
    ];
    let refused = person
        .post_from("/intake/uitkomst", "/intake/uitkomst", &fields)
        .await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.unwrap();
    assert!(page.contains("error-summary"));
    assert!(page.contains("Geef toestemming om verder te gaan."));
    assert!(page.contains("value=\"Gerda Winkelman\""));
    assert!(
        page.contains("U kunt persoonlijke hulp krijgen"),
        "still the outcome"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM intake_requests").await, 0);

    // With consent: stored with the answers, a reference, the answers gone from the browser.
    let mut with_consent = fields.to_vec();
    with_consent.push(("toestemming", "ja"));
    let sent = person
        .post_from("/intake/uitkomst", "/intake/uitkomst", &with_consent)
        .await;
    assert_eq!(sent.status(), 303);
    let to = location(&sent);
    let reference = to
        .strip_prefix("/intake/verstuurd?referentie=")
        .expect("the reference page")
        .to_string();
    assert!(reference.starts_with("HVW-"));
    let cleared = sent
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|c| c.to_str().unwrap().starts_with("hvw_intake=;"));
    assert!(cleared, "the cookie is cleared");
    let (_, done) = person.get_text(&to).await;
    assert!(done.contains(&reference));
    assert_eq!(location(&person.get("/intake/uitkomst").await), "/intake");
    assert_eq!(app.count("SELECT COUNT(*) FROM intake_requests").await, 1);
    let (subject, body) = app
        .last_email_to("gerda@example.nl")
        .await
        .expect("confirmation");
    assert!(subject.contains(&reference) && body.contains("Gerda"));
    let (subject, body) = app
        .last_email_to("adviseur@example.nl")
        .await
        .expect("coordinators are told");
    assert!(subject.contains(&reference));
    assert!(
        !body.contains("Gerda") && !body.contains("gerda@"),
        "no personal data"
    );

    // The coordinators' queue and start page.
    let (status, home) = staff.get_text("/beheer").await;
    assert_eq!(status, 200);
    assert!(home.contains("Contactverzoeken uit de intake"));
    let (status, queue) = staff.get_text("/beheer/intake").await;
    assert_eq!(status, 200);
    assert!(queue.contains(&reference), "{queue}");
    assert!(queue.contains("Gerda Winkelman") && queue.contains("gerda@example.nl"));
    assert!(
        queue.contains("Liefst &#x27;s ochtends bellen.")
            || queue.contains("Liefst 's ochtends bellen.")
    );
    assert!(queue.contains("Past in de criteria"));
    assert!(queue.contains("58 jaar"));
    let id = app
        .count("SELECT id FROM intake_requests")
        .await
        .to_string();
    let handled = staff
        .post_from("/beheer/intake", "/beheer/intake", &[("id", &id)])
        .await;
    assert_eq!(handled.status(), 303);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM intake_requests WHERE status = 'open'")
            .await,
        0
    );
    // Twice: nothing left to handle.
    let again = staff
        .post_from("/inloggen", "/beheer/intake", &[("id", &id)])
        .await;
    assert_eq!(again.status(), 404);
    // Not for the person, nor for an employer.
    assert_eq!(location(&person.get("/beheer/intake").await), "/inloggen");
    let refused = person
        .post_from("/inloggen", "/beheer/intake", &[("id", &id)])
        .await;
    assert_eq!(location(&refused), "/inloggen");
}

async fn the_young_path_meets_other_criteria_and_stores_nothing(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let person = app.browser();
    let asked = walk(&person, YOUNG).await;
    assert_eq!(asked.len(), 11, "{asked:?}");
    assert!(!asked.contains(&"diploma".to_string()) && !asked.contains(&"jaren".to_string()));
    let confirmed = person
        .post_from("/intake/controle", "/intake/controle", &[])
        .await;
    assert_eq!(location(&confirmed), "/intake/uitkomst");
    let (_, outcome) = person.get_text("/intake/uitkomst").await;
    assert!(outcome.contains("U kunt persoonlijke hulp krijgen"));
    assert!(criterion(&outcome, "Uw leeftijd").contains("Dit geldt voor u."));
    assert!(
        criterion(&outcome, "U werkte in een sector met minder werk")
            .contains("Dit geldt niet voor u.")
    );
    // The leerbanen first, in their gemeente.
    let stages = outcome
        .find("href=\"/stages?soort=leerbaan_bbl&amp;gemeente=GM0193\"")
        .expect("the stages board, filtered");
    assert!(
        stages
            < outcome
                .find("href=\"/scholingscalculator?voor=inwoner")
                .unwrap()
    );
    // Confirming again (back and forth) counts once; without consent nothing personal is kept.
    person
        .post_from("/intake/controle", "/intake/controle", &[])
        .await;
    assert_eq!(app.count("SELECT COUNT(*) FROM intake_requests").await, 0);
    let (status, _) = app.get_text("/monitor").await;
    assert_eq!(status, 200, "the monitor flushes the counts it shows");
    assert_eq!(
        app.count(
            "SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM monitor_tallies WHERE metric = 'intake_completed'"
        )
        .await,
        1
    );

    // English: the same questions and outcome in the other language.
    let (_, english) = person.get_text("/intake/uitkomst?lang=en").await;
    assert!(english.contains("You can get personal help"));
    assert!(english.contains("This applies to you."));

    // Starting again forgets everything.
    let restart = person
        .post_from("/intake/controle", "/intake", &[("actie", "wissen")])
        .await;
    assert_eq!(location(&restart), "/intake");
    assert_eq!(
        location(&person.get("/intake/controle").await),
        "/intake/vraag?vraag=situatie"
    );
}

async fn bad_answers_and_foreign_cookies_are_refused(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let person = app.browser();
    // Out of range, not a number, nothing chosen: the question again, the input kept.
    for (id, value, message) in [
        (
            "leeftijd",
            "12",
            "Vul een leeftijd in van 15 tot en met 80 jaar",
        ),
        (
            "leeftijd",
            "drieëntwintig",
            "Vul een heel getal in, bijvoorbeeld 23",
        ),
        ("situatie", "", "Maak een keuze."),
        ("situatie", "baas", "Maak een keuze."),
        ("gemeente", "GM0363", "Maak een keuze."),
    ] {
        let response = answer(&person, id, value).await;
        assert_eq!(response.status(), 422, "{id}={value}");
        let page = response.text().await.unwrap();
        assert!(page.contains("error-summary"), "{id}");
        assert!(page.contains(message), "{id}={value}: {message}");
        assert!(page.contains("<title>Fout:"), "the title says so");
        if id == "leeftijd" {
            assert!(page.contains(&format!("value=\"{value}\"")), "kept");
        }
    }
    // Nothing was taken: the check page has nothing to show.
    assert_eq!(
        location(&person.get("/intake/controle").await),
        "/intake/vraag?vraag=situatie"
    );
    // An unknown question, a post without CSRF.
    let unknown = person
        .post_from(
            "/inloggen",
            "/intake/vraag?vraag=salaris",
            &[("salaris", "1")],
        )
        .await;
    assert_eq!(unknown.status(), 404);
    let no_csrf = person
        .client
        .post(person.url("/intake/vraag?vraag=situatie"))
        .form(&[("situatie", "werk")])
        .send()
        .await
        .unwrap();
    assert_eq!(no_csrf.status(), 403);
    // A question whose branch is closed goes to the first open one.
    assert_eq!(answer(&person, "situatie", "school").await.status(), 303);
    assert_eq!(
        location(&person.get(&question("jaren")).await),
        "/intake/vraag?vraag=leeftijd"
    );
    // A cookie changed in the browser is not ours: no answers.
    let forged = app.browser();
    let response = forged
        .client
        .get(forged.url("/intake/controle"))
        .header(
            "cookie",
            "hvw_intake=c2l0dWF0aWU9d2Vyaw.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(location(&response), "/intake/vraag?vraag=situatie");
    // The outcome without answers starts at the beginning.
    assert_eq!(location(&forged.get("/intake/uitkomst").await), "/intake");
    // The reference pages.
    for (path, text) in [
        ("/intake/criteria", "Wanneer krijgt u persoonlijke hulp?"),
        ("/intake/menukaart", "€ 3.280 excl. btw"),
    ] {
        let (status, page) = app.get_text(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(page.contains(text), "{path}");
    }
}

async fn a_rate_limited_contact_request_keeps_the_outcome_and_the_input(backend: Backend) {
    let Some(app) = spawn_app_with(backend, |c| c.form_rate_per_minute = 2).await else {
        return;
    };
    let person = app.browser();
    // Answering questions stores nothing and is not limited.
    walk(&person, YOUNG).await;
    let fields = [("naam", "Sam de Boer"), ("email", "sam@example.nl")];
    let mut last = None;
    for _ in 0..4 {
        last = Some(
            person
                .post_from("/intake/uitkomst", "/intake/uitkomst", &fields)
                .await,
        );
    }
    let response = last.unwrap();
    assert_eq!(response.status(), 429);
    let page = response.text().await.unwrap();
    assert!(page.contains("U heeft dit te vaak geprobeerd."));
    assert!(page.contains("value=\"Sam de Boer\""), "the input is kept");
    assert!(page.contains("Dit geldt voor u."), "with the outcome");
    assert_eq!(app.count("SELECT COUNT(*) FROM intake_requests").await, 0);
}

backend_tests!(
    a_rate_limited_contact_request_keeps_the_outcome_and_the_input,
    the_retail_path_hands_off_with_consent_to_the_queue,
    the_young_path_meets_other_criteria_and_stores_nothing,
    bad_answers_and_foreign_cookies_are_refused,
);
