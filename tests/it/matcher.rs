//! The vacaturematcher's open data: `/api/v1/skills`, the taxonomy the Skills CV's
//! autocomplete reads (whole, and as suggestions for what a person types).
use app::domain::account::Role;
use integration_tests::*;

async fn skills(app: &TestApp, query: &str) -> serde_json::Value {
    let response = app.get(&format!("/api/v1/skills{query}")).await;
    assert_eq!(response.status(), 200, "{query}");
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "application/json"
    );
    response.json().await.unwrap()
}

fn ids(answer: &serde_json::Value, list: &str) -> Vec<String> {
    answer[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect()
}

async fn the_skills_api_gives_the_taxonomy_and_suggestions(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    // Whole: every skill and occupation, with what it is.
    let all = skills(&app, "").await;
    assert!(all["about"].as_str().unwrap().contains("not ESCO"));
    assert!(ids(&all, "skills").len() >= 400);
    assert!(ids(&all, "occupations").len() >= 80);
    assert!(all["groups"].as_array().unwrap().len() >= 11);

    // Suggestions: by label, by synonym, in English; an occupation offers its skills.
    let wond = skills(&app, "?q=wond").await;
    assert_eq!(ids(&wond, "skills")[0], "zorg-wondverzorging");
    assert!(ids(&wond, "skills").len() <= 10, "ten by default");
    let synonym = skills(&app, "?q=wondzorg").await;
    assert_eq!(ids(&synonym, "skills")[0], "zorg-wondverzorging");
    let english = skills(&app, "?q=wound&lang=en").await;
    assert_eq!(ids(&english, "skills")[0], "zorg-wondverzorging");
    let words = skills(&app, "?q=nederlands%20b2").await;
    assert_eq!(ids(&words, "skills")[0], "basis-nederlands-b2");
    assert_eq!(
        words["skills"][0]["includes"][0], "basis-nederlands-b1",
        "what a skill implies travels with it"
    );
    let job = skills(&app, "?q=verzorgende").await;
    assert_eq!(ids(&job, "occupations")[0], "verzorgende-ig");
    assert!(!job["occupations"][0]["essential"]
        .as_array()
        .unwrap()
        .is_empty());

    // Odd input: no 500, no echo beyond 100 characters, a limit kept within 1–50.
    let long = "a".repeat(5_000);
    let answer = skills(&app, &format!("?q={long}")).await;
    assert!(answer["q"].as_str().unwrap().len() <= 100);
    assert_eq!(
        ids(&skills(&app, "?q=e&limit=500").await, "skills").len(),
        50
    );
    assert_eq!(ids(&skills(&app, "?q=e&limit=0").await, "skills").len(), 1);
    assert_eq!(ids(&skills(&app, "?q=e&limit=x").await, "skills").len(), 10);
    assert!(ids(&skills(&app, "?q=%00%ff").await, "skills").is_empty());
    assert!(ids(&skills(&app, "?q=qqqzzz").await, "skills").is_empty());
}

backend_tests!(the_skills_api_gives_the_taxonomy_and_suggestions);

/// The skills of an occupation, from the open data.
async fn occupation_skills(app: &TestApp, id: &str) -> Vec<String> {
    let all = skills(app, "").await;
    let occupation = all["occupations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == id)
        .unwrap();
    occupation["essential"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

async fn the_plain_search_and_its_open_data_find_the_demo_vacancies(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    // The demo installation has its generated vacancies, marked as demo data.
    let (status, page) = app.get_text("/vacatures").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("3000 vacatures gevonden"),
        "every demo vacancy"
    );
    assert!(page.contains("voorbeeldvacatures (demo)"));
    assert_eq!(page.matches("class=\"opening\"").count(), 20, "one page");

    // The API answers the same search, with the skills, and no personal data.
    let response = app.get("/api/v1/vacatures?sector=zorg&pagina=2").await;
    assert_eq!(response.status(), 200);
    let answer: serde_json::Value = response.json().await.unwrap();
    let total = answer["total"].as_u64().unwrap();
    assert!(total > 20 && total < 3000, "{total}");
    assert_eq!(answer["page"], 2);
    let first = &answer["vacancies"][0];
    assert_eq!(first["sector"], "zorg");
    assert!(!first["essential"].as_array().unwrap().is_empty());
    assert!(first["url"]
        .as_str()
        .unwrap()
        .starts_with("/vacatures/vacature?id="));
    let text = answer.to_string();
    assert!(!text.contains('@'), "no e-mail address in the open data");

    // The page's filters give the same count; a word narrows it; distance narrows it.
    let (_, page) = app.get_text("/vacatures?sector=zorg").await;
    assert!(page.contains(&format!("{total} vacatures gevonden")));
    let near: serde_json::Value = app
        .get("/api/v1/vacatures?vanaf=zwolle&km=5")
        .await
        .json()
        .await
        .unwrap();
    let far: serde_json::Value = app
        .get("/api/v1/vacatures?vanaf=zwolle&km=50")
        .await
        .json()
        .await
        .unwrap();
    assert!(near["total"].as_u64().unwrap() < far["total"].as_u64().unwrap());
    let words: serde_json::Value = app
        .get("/api/v1/vacatures?q=leerbaan%20bbl")
        .await
        .json()
        .await
        .unwrap();
    assert!(words["total"].as_u64().unwrap() > 0);
    for v in words["vacancies"].as_array().unwrap() {
        assert_eq!(v["contract"], "leerbaan", "{v}");
    }

    // A vacancy's own page explains what it asks; an unknown one is a page that says so.
    let url = first["url"].as_str().unwrap().to_string();
    let (status, page) = app.get_text(&url).await;
    assert_eq!(status, 200);
    assert!(page.contains(first["title"].as_str().unwrap()));
    assert!(page.contains("Wat de werkgever vraagt"));
    let (status, page) = app.get_text("/vacatures/vacature?id=99999999").await;
    assert_eq!(status, 200);
    assert!(page.contains("bestaat niet"));

    // Odd input never fails.
    for query in [
        "?pagina=999999",
        "?km=abc&vanaf=nergens",
        "?q=%00%ff",
        "?uren=-1",
    ] {
        assert_eq!(
            app.get(&format!("/vacatures{query}")).await.status(),
            200,
            "{query}"
        );
        assert_eq!(
            app.get(&format!("/api/v1/vacatures{query}")).await.status(),
            200,
            "{query}"
        );
    }
}

backend_tests!(the_plain_search_and_its_open_data_find_the_demo_vacancies);

async fn a_skills_cv_gets_explained_matches_with_funded_training(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let mut skills_of = occupation_skills(&app, "verzorgende-ig").await;
    // Everything of a verzorgende IG but wound care: the matches say what is missing and
    // where to learn it.
    skills_of.retain(|s| s != "zorg-wondverzorging");
    let mut fields: Vec<(&str, &str)> = skills_of
        .iter()
        .map(|s| ("vaardigheid", s.as_str()))
        .collect();
    fields.extend([
        ("woonplaats", "zwolle"),
        ("vervoer", "fiets"),
        ("max_km", "25"),
        ("sector", "zorg"),
        ("opleiding", "mbo2"),
        ("actie", "matches"),
    ]);
    let response = app
        .post_from("/vacatures/skills-cv", "/vacatures", &fields)
        .await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    assert!(page.contains("Vacatures die bij u passen"));
    assert!(
        page.contains("20 vacatures passen bij uw"),
        "a full page of matches"
    );
    assert!(page.contains("Past voor "), "each with its score");
    assert!(page.contains("km hemelsbreed"), "the trip, as an estimate");
    assert!(
        page.contains("Wondverzorging"),
        "the missing skill is named"
    );
    assert!(
        page.contains("/scholingscalculator?"),
        "a training links into the calculator"
    );
    // Without an age or situation the calculator can only say "maybe": the schemes are named.
    assert!(page.contains("Kan misschien betaald worden door:"));
    // The CV travels back to its page in hidden fields, not in the address.
    assert!(page.contains("name=\"vaardigheid\" value=\"zorg-persoonlijke-verzorging\""));

    // Bad input: every mistake beside its field, nothing kept but what was typed.
    let response = app
        .post_from(
            "/vacatures/skills-cv",
            "/vacatures",
            &[
                ("vaardigheid", "zorg-observeren"),
                ("max_km", "veel"),
                ("uren_min", "40"),
                ("uren_max", "20"),
                ("actie", "matches"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("error-summary"));
    assert!(page.contains("Vul een afstand in van 1 tot 200 kilometer."));
    assert!(page.contains("Het maximum aantal uren moet gelijk zijn aan het minimum of hoger."));
    assert!(page.contains("value=\"veel\""), "what was typed stays");
    let response = app
        .post_from(
            "/vacatures/skills-cv",
            "/vacatures",
            &[("actie", "matches")],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("Kies ten minste één vaardigheid."));
    let response = app
        .post_from(
            "/vacatures/skills-cv",
            "/vacatures",
            &[("vaardigheid", "bestaat-niet"), ("actie", "matches")],
        )
        .await;
    assert_eq!(response.status(), 422);
}

backend_tests!(a_skills_cv_gets_explained_matches_with_funded_training);

async fn the_cv_page_searches_offers_downloads_and_reads_back(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (status, page) = app.get_text("/vacatures/skills-cv").await;
    assert_eq!(status, 200);
    assert!(page.contains("Wat kunt u?"));
    // Without JavaScript: a search lists skills to tick, keeping what was chosen.
    let response = app
        .submit(
            "/vacatures/skills-cv",
            &[
                ("vaardigheid", "basis-nederlands-b1"),
                ("zoek", "heftruck"),
                ("actie", "zoek"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    assert!(page.contains("Gevonden bij “heftruck”"));
    assert!(
        page.contains("id=\"cv-gekozen-basis-nederlands-b1\""),
        "the chosen skill stays ticked"
    );
    // An occupation offers its skills.
    let response = app
        .submit(
            "/vacatures/skills-cv",
            &[
                ("ervaring_beroep", "verzorgende-ig"),
                ("ervaring_jaren", "4"),
                ("actie", "beroep"),
            ],
        )
        .await;
    let page = response.text().await.unwrap();
    assert!(page.contains("id=\"cv-beroep-zorg-wondverzorging\""));
    // An empty search is the page again (Enter in another field); an unknown occupation is
    // told, not ignored.
    let response = app
        .submit(
            "/vacatures/skills-cv",
            &[
                ("vaardigheid", "zorg-observeren"),
                ("zoek", ""),
                ("actie", "zoek"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("id=\"cv-gekozen-zorg-observeren\""));
    let response = app
        .submit(
            "/vacatures/skills-cv",
            &[("ervaring_beroep", "astronaut"), ("actie", "beroep")],
        )
        .await;
    assert_eq!(response.status(), 422);

    // Download, then upload the file: the same CV comes back.
    let fields = [
        ("vaardigheid", "zorg-observeren"),
        ("vaardigheid", "basis-nederlands-b2"),
        ("ervaring_beroep", "verzorgende-ig"),
        ("ervaring_jaren", "12"),
        ("woonplaats", "kampen"),
        ("vervoer", "ov"),
        ("max_minuten", "45"),
        ("actie", "download"),
    ];
    let response = app.submit("/vacatures/skills-cv", &fields).await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("skills-cv.json"));
    let file = response.bytes().await.unwrap().to_vec();
    let cv: serde_json::Value = serde_json::from_slice(&file).unwrap();
    assert_eq!(cv["wishes"]["town"], "kampen");
    let upload = |bytes: Vec<u8>| async {
        let token = app.csrf_token("/vacatures/skills-cv").await;
        let form = reqwest::multipart::Form::new().text("_csrf", token).part(
            "bestand",
            reqwest::multipart::Part::bytes(bytes).file_name("skills-cv.json"),
        );
        app.client
            .post(app.url("/vacatures/skills-cv"))
            .multipart(form)
            .send()
            .await
            .unwrap()
    };
    let response = upload(file).await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    assert!(page.contains("id=\"cv-gekozen-zorg-observeren\""));
    assert!(page.contains("value=\"45\""));
    let response = upload(b"{\"skills\": [\"bestaat-niet\"]}".to_vec()).await;
    assert_eq!(response.status(), 422);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("die wij niet kennen"));
    let response = upload(b"geen json".to_vec()).await;
    assert_eq!(response.status(), 422);
    let response = upload(Vec::new()).await;
    assert_eq!(response.status(), 422);
}

backend_tests!(the_cv_page_searches_offers_downloads_and_reads_back);

async fn a_cv_is_saved_on_the_account_only_when_asked(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let fields = [("vaardigheid", "zorg-observeren"), ("woonplaats", "zwolle")];
    // Anonymous: nothing to save to.
    let mut anonymous: Vec<(&str, &str)> = fields.to_vec();
    anonymous.push(("actie", "bewaren"));
    let response = app.submit("/vacatures/skills-cv", &anonymous).await;
    assert_eq!(location(&response), "/inloggen");
    assert_eq!(app.count("SELECT COUNT(*) FROM skills_cvs").await, 0);

    let person = employer_browser(&app, "p@zorg.nl", "12345678", "Zorg BV").await;
    let mut save: Vec<(&str, &str)> = fields.to_vec();
    save.push(("actie", "bewaren"));
    let response = person.submit("/vacatures/skills-cv", &save).await;
    assert_eq!(response.status(), 200);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("is bewaard bij uw account"));
    assert_eq!(app.count("SELECT COUNT(*) FROM skills_cvs").await, 1);
    let response = person
        .submit("/vacatures/skills-cv", &[("actie", "ophalen")])
        .await;
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("id=\"cv-gekozen-zorg-observeren\""));
    let response = person
        .submit("/vacatures/skills-cv", &[("actie", "vergeten")])
        .await;
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("van uw account verwijderd"));
    assert_eq!(app.count("SELECT COUNT(*) FROM skills_cvs").await, 0);
    // A CV with mistakes is not saved.
    let response = person
        .submit(
            "/vacatures/skills-cv",
            &[
                ("vaardigheid", "zorg-observeren"),
                ("max_km", "10"),
                ("actie", "bewaren"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert_eq!(app.count("SELECT COUNT(*) FROM skills_cvs").await, 0);
}

backend_tests!(a_cv_is_saved_on_the_account_only_when_asked);

async fn an_employer_posts_edits_and_closes_a_vacancy(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let employer = employer_browser(&app, "p@zorg.nl", "12345678", "Zorgcentrum De Linde").await;
    let (status, page) = employer.get_text("/werkgevers/vacatures").await;
    assert_eq!(status, 200);
    assert!(page.contains("U heeft nog geen vacatures geplaatst."));

    // Mistakes: each beside its field, nothing stored.
    let response = employer
        .submit(
            "/werkgevers/vacatures",
            &[
                ("titel", ""),
                ("uren_min", "30"),
                ("uren_max", "x"),
                ("geldig_tot", "2001-01-01"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    for message in [
        "Vul dit veld in.",
        "Kies de plaats van het werk.",
        "Vul een aantal uren in van 1 tot 48.",
        "Kies een datum vanaf vandaag",
    ] {
        assert!(page.contains(message), "{message}");
    }
    let before = app.count("SELECT COUNT(*) FROM vacancies").await;
    // A text without any skill we know is refused with that reason.
    let response = employer
        .submit(
            "/werkgevers/vacatures",
            &[
                ("titel", "Medewerker"),
                ("omschrijving", "Gezellig team."),
                ("plaats", "zwolle"),
                ("uren_min", "24"),
                ("uren_max", "32"),
                ("contract", "vast"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("We herkennen geen vaardigheid"));
    assert_eq!(app.count("SELECT COUNT(*) FROM vacancies").await, before);

    // A good one: posted, its skills recognised, found by the search at once.
    let response = employer
        .submit(
            "/werkgevers/vacatures",
            &[
                ("titel", "Verzorgende IG Zuiderlicht"),
                (
                    "omschrijving",
                    "Je verzorgt bewoners en doet wondverzorging. Mooi meegenomen: ervaring met dementie.",
                ),
                ("vaardigheden", "medicatie toedienen, rapporteren"),
                ("plaats", "kampen"),
                ("uren_min", "24"),
                ("uren_max", "32"),
                ("contract", "vast"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        location(&response),
        "/werkgevers/vacatures?melding=geplaatst"
    );
    let found: serde_json::Value = app
        .get("/api/v1/vacatures?q=zuiderlicht")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found["total"], 1);
    let v = &found["vacancies"][0];
    assert_eq!(v["employer"], "Zorgcentrum De Linde");
    assert_eq!(v["town"], "Kampen");
    let essential: Vec<&str> = v["essential"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(essential.contains(&"zorg-wondverzorging"), "{essential:?}");
    assert!(
        essential.contains(&"zorg-medicatie-toedienen"),
        "{essential:?}"
    );
    assert_eq!(v["optional"][0], "zorg-dementiezorg");
    let id = v["id"].as_str().unwrap().to_string();
    let edit = format!("/werkgevers/vacatures?id={id}");

    // Saved again unchanged: the same skills (nothing guessed is added).
    let (_, page) = employer.get_text(&edit).await;
    assert!(page.contains("value=\"Verzorgende IG Zuiderlicht\""));
    let response = employer
        .post_from(
            &edit,
            &edit,
            &[
                ("titel", "Verzorgende IG Zuiderlicht"),
                (
                    "omschrijving",
                    "Je verzorgt bewoners en doet wondverzorging. Mooi meegenomen: ervaring met dementie.",
                ),
                ("vaardigheden", "medicatie toedienen, rapporteren"),
                ("plaats", "kampen"),
                ("uren_min", "24"),
                ("uren_max", "32"),
                ("contract", "vast"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let again: serde_json::Value = app
        .get("/api/v1/vacatures?q=zuiderlicht")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["vacancies"][0]["essential"], v["essential"]);
    assert_eq!(again["vacancies"][0]["optional"], v["optional"]);

    // Edited: the search finds the new title.
    let response = employer
        .post_from(
            &edit,
            &edit,
            &[
                ("titel", "Verzorgende IG Noorderlicht"),
                ("omschrijving", "Je doet wondverzorging."),
                ("plaats", "kampen"),
                ("uren_min", "24"),
                ("uren_max", "32"),
                ("contract", "tijdelijk"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let found: serde_json::Value = app
        .get("/api/v1/vacatures?q=noorderlicht")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found["total"], 1);
    assert_eq!(found["vacancies"][0]["contract"], "tijdelijk");
    assert_eq!(
        found["vacancies"][0]["id"],
        id.as_str(),
        "changed, not added"
    );

    // Another employer can neither edit nor close it.
    let other = employer_browser(&app, "q@bouw.nl", "87654321", "Bouw BV").await;
    let response = other
        .post_from(
            "/werkgevers/vacatures",
            &edit,
            &[
                ("titel", "Gekaapt"),
                ("omschrijving", "wondverzorging"),
                ("plaats", "kampen"),
                ("uren_min", "1"),
                ("uren_max", "2"),
                ("contract", "vast"),
            ],
        )
        .await;
    assert_eq!(response.status(), 404);
    let response = other
        .submit("/werkgevers/vacatures", &[("sluit", &id)])
        .await;
    assert_eq!(response.status(), 404);
    // Anonymous visitors are sent to log in.
    assert_eq!(
        location(&app.get("/werkgevers/vacatures").await),
        "/inloggen"
    );

    // Closed: no longer found, its page says so.
    let response = employer
        .submit("/werkgevers/vacatures", &[("sluit", &id)])
        .await;
    assert_eq!(response.status(), 303);
    let found: serde_json::Value = app
        .get("/api/v1/vacatures?q=noorderlicht")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found["total"], 0);
    let (_, page) = app.get_text(&format!("/vacatures/vacature?id={id}")).await;
    assert!(page.contains("Deze vacature is gesloten."));
}

backend_tests!(an_employer_posts_edits_and_closes_a_vacancy);

async fn an_import_stores_the_good_records_and_names_the_bad(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let coordinator = staff_browser(&app, Role::Coordinator, "adviseur@regio.nl").await;
    let (status, page) = coordinator.get_text("/beheer/vacatures").await;
    assert_eq!(status, 200);
    assert!(page.contains("3000 open vacatures"));
    let csv = "titel,werkgever,omschrijving,plaats,geplaatst,id\n\
               Heftruckchauffeur,Transport Oostwold,Rijden met de heftruck en orderpicken.,Zwolle,2026-12-01,x-1\n\
               Kok,Hotel Noord,Koken.,Amsterdam,2026-12-01,x-2\n\
               Verzorgende IG,Zorg Zuid,Wondverzorging en rapporteren.,Kampen,2026-12-01,x-3\n";
    let upload = |name: &'static str, bytes: Vec<u8>| {
        let coordinator = &coordinator;
        async move {
            let token = coordinator.csrf_token("/beheer/vacatures").await;
            let form = reqwest::multipart::Form::new().text("_csrf", token).part(
                "bestand",
                reqwest::multipart::Part::bytes(bytes).file_name(name),
            );
            coordinator
                .client
                .post(coordinator.url("/beheer/vacatures"))
                .multipart(form)
                .send()
                .await
                .unwrap()
        }
    };
    let response = upload("vacatures.csv", csv.as_bytes().to_vec()).await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("2 vacatures geïmporteerd, 1 overgeslagen."),
        "{page}"
    );
    assert!(page.contains("Nummer 3:"), "the bad record by its line");
    assert!(
        page.contains("plaats is “Amsterdam”, en dat is geen plaats in Regio Zwolle."),
        "the reason in the page's language: {page}"
    );
    let found: serde_json::Value = app
        .get("/api/v1/vacatures?q=oostwold")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found["total"], 1);
    // Imported again: updated, not doubled.
    let response = upload("vacatures.csv", csv.as_bytes().to_vec()).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM vacancies WHERE source = 'import'")
            .await,
        2
    );
    // JSON-LD, one good record and one without a title.
    let json = r#"{"@context": "https://schema.org", "@graph": [
        {"@type": "JobPosting", "title": "Lasser", "description": "MIG/MAG lassen.",
         "hiringOrganization": {"name": "Metaal BV"}, "datePosted": "2026-12-01",
         "jobLocation": {"address": {"addressLocality": "Meppel"}}},
        {"@type": "JobPosting", "description": "Zonder titel.",
         "hiringOrganization": "X", "datePosted": "2026-12-01",
         "jobLocation": {"address": {"addressLocality": "Meppel"}}}]}"#;
    let response = upload("vacatures.jsonld", json.as_bytes().to_vec()).await;
    let page = response.text().await.unwrap();
    assert!(
        page.contains("1 vacatures geïmporteerd, 1 overgeslagen."),
        "{page}"
    );
    // The same vacancy twice in a file is named, not merged; another employer's id 1 is
    // another vacancy.
    let twice = "id,titel,werkgever,omschrijving,plaats,geplaatst\n\
                 1,Lasser,Metaal Oost,MIG/MAG lassen.,Zwolle,2026-12-01\n\
                 1,Lasser,Metaal Oost,MIG/MAG lassen.,Zwolle,2026-12-01\n\
                 1,Lasser,Metaal West,MIG/MAG lassen.,Kampen,2026-12-01\n";
    let response = upload("twee.csv", twice.as_bytes().to_vec()).await;
    let page = response.text().await.unwrap();
    assert!(
        page.contains("2 vacatures geïmporteerd, 1 overgeslagen."),
        "{page}"
    );
    assert!(page.contains("Nummer 3:"), "{page}");
    assert!(page.contains("Dezelfde vacature als nummer 2"));
    // Too large: told beside the field (not a bare 413), nothing stored.
    let before = app.count("SELECT COUNT(*) FROM vacancies").await;
    let response = upload("groot.csv", vec![b'a'; 10 * 1024 * 1024 + 1]).await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("groter dan 10 MB"));
    assert_eq!(app.count("SELECT COUNT(*) FROM vacancies").await, before);
    // A file that is neither: refused whole, nothing stored; an empty one too.
    let before = app.count("SELECT COUNT(*) FROM vacancies").await;
    let response = upload("x.csv", b"a;b\n1;2\n".to_vec()).await;
    assert_eq!(response.status(), 422);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("geen JSON-LD of CSV"));
    let response = upload("x.json", b"{not json".to_vec()).await;
    assert_eq!(response.status(), 422);
    let response = upload("leeg.csv", Vec::new()).await;
    assert_eq!(response.status(), 422);
    assert_eq!(app.count("SELECT COUNT(*) FROM vacancies").await, before);
    // Employers may not import.
    let employer = employer_browser(&app, "p@zorg.nl", "12345678", "Zorg BV").await;
    assert_eq!(employer.get("/beheer/vacatures").await.status(), 403);
}

backend_tests!(an_import_stores_the_good_records_and_names_the_bad);

async fn another_instance_sees_a_new_vacancy_at_its_next_request(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let other = spawn_instance(&app).await;
    // Both have built their board.
    assert_eq!(other.browser.get("/vacatures").await.status(), 200);
    let employer = employer_browser(&app, "p@zorg.nl", "12345678", "Zorg BV").await;
    let response = employer
        .submit(
            "/werkgevers/vacatures",
            &[
                ("titel", "Wondverpleegkundige Oostwold"),
                ("omschrijving", "Wondverzorging."),
                ("plaats", "zwolle"),
                ("uren_min", "24"),
                ("uren_max", "32"),
                ("contract", "vast"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (_, page) = other.browser.get_text("/vacatures?q=oostwold").await;
    assert!(
        page.contains("1 vacature gevonden"),
        "the other instance is current"
    );
}

backend_tests!(another_instance_sees_a_new_vacancy_at_its_next_request);

async fn a_rate_limited_cv_post_keeps_the_cv(backend: Backend) {
    let Some(app) = spawn_app_with(backend, |c| c.form_rate_per_minute = 2).await else {
        return;
    };
    let fields = [
        ("vaardigheid", "zorg-observeren"),
        ("woonplaats", "zwolle"),
        ("actie", "toevoegen"),
    ];
    let mut last = None;
    for _ in 0..4 {
        last = Some(app.submit("/vacatures/skills-cv", &fields).await);
    }
    let response = last.unwrap();
    assert_eq!(response.status(), 429);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("id=\"cv-gekozen-zorg-observeren\""),
        "the CV is kept"
    );
    assert!(page.contains("error-summary"));
    // The matches too: refused with the CV page, the CV kept.
    let mut matches: Vec<(&str, &str)> = fields.to_vec();
    matches.pop();
    matches.push(("actie", "matches"));
    let response = app
        .post_from("/vacatures/skills-cv", "/vacatures", &matches)
        .await;
    assert_eq!(response.status(), 429);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("id=\"cv-gekozen-zorg-observeren\""));
}

backend_tests!(a_rate_limited_cv_post_keeps_the_cv);
