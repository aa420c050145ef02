//! The vacaturematcher's open data: `/api/v1/skills`, the taxonomy the Skills CV's
//! autocomplete reads (whole, and as suggestions for what a person types).
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
