//! No page hangs. The pages that wait for data while the server renders them (the calculator and
//! the aanmeldformulier) must answer while other servers start in the same process — the test
//! binary does that all the time, and leptos#4773 made such a render wait forever — and under
//! many requests at once.
use std::time::Duration;

use integration_tests::{backend_tests, spawn_app, Backend};

const PAGES: &[&str] = &[
    "/scholingscalculator?voor=ik&leeftijd=34&situatie=bijstand&opleiding=mbo2&gemeente=GM0166&sector=zorg&soort=mbo_bol&nlqf=3&kosten=2400&maanden=12",
    "/scholingscalculator/aanmelden?regeling=leerwerkloket",
    "/scholingscalculator",
    "/",
    "/inloggen",
];

async fn pages_answer_while_other_servers_start(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    // Other servers start (and stop) in this process while the pages are requested.
    let starting = tokio::spawn(async {
        for _ in 0..6 {
            drop(spawn_app(Backend::Sqlite).await);
        }
    });
    // A short client timeout: a page that hangs shows as an error here, not as a slow test.
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let mut answered = 0;
    let mut failures = Vec::new();
    while !starting.is_finished() || answered < 100 {
        let mut batch = tokio::task::JoinSet::new();
        for path in PAGES.iter().chain(PAGES) {
            let request = client.get(app.url(path)).send();
            let path = path.to_string();
            batch.spawn(async move {
                match request.await {
                    Ok(response) => {
                        let status = response.status().as_u16();
                        match response.text().await {
                            Ok(body) if status == 200 && body.contains("</html>") => Ok(()),
                            Ok(_) => Err(format!("{path}: {status} or an unfinished page")),
                            Err(error) => Err(format!("{path}: {error}")),
                        }
                    }
                    Err(error) => Err(format!("{path}: {error}")),
                }
            });
        }
        while let Some(outcome) = batch.join_next().await {
            answered += 1;
            if let Err(failure) = outcome.unwrap() {
                failures.push(failure);
            }
        }
    }
    starting.await.unwrap();
    assert!(
        failures.is_empty(),
        "{} of {answered} requests failed: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
}

backend_tests!(pages_answer_while_other_servers_start);

/// Many people posting at once: every post that reads and then writes (forgot-password reads
/// the account, then writes a token and an e-mail) succeeds. On SQLite a deferred transaction
/// that reads first fails at its first write when another writer got in between
/// (SQLITE_BUSY_SNAPSHOT); write transactions take the lock up-front instead.
async fn concurrent_posts_that_read_then_write_all_succeed(backend: Backend) {
    let Some(app) = integration_tests::spawn_app_with(backend, |config| {
        config.form_rate_per_minute = 10_000;
    })
    .await
    else {
        return;
    };
    integration_tests::register_confirmed(&app, "anna@example.nl", "12345678").await;
    let mut posts = tokio::task::JoinSet::new();
    for _ in 0..24 {
        let browser = app.browser();
        posts.spawn(async move {
            browser
                .submit("/wachtwoord-vergeten", &[("email", "anna@example.nl")])
                .await
                .status()
                .as_u16()
        });
    }
    let mut statuses = Vec::new();
    while let Some(status) = posts.join_next().await {
        statuses.push(status.unwrap());
    }
    assert!(statuses.iter().all(|s| *s == 303), "{statuses:?}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE subject LIKE 'Nieuw wachtwoord%'")
            .await,
        24
    );
}

backend_tests!(concurrent_posts_that_read_then_write_all_succeed);
