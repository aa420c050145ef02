//! The form controls announce their errors the same way (`forms.rs`): each control with a
//! message has `aria-invalid="true"`, is described by its message, the message carries the
//! hidden prefix ("Fout: ") for screen readers, and the error summary links to it.
use integration_tests::{backend_tests, spawn_app_with, Backend};

/// The start tag of the element with `id`.
fn tag<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element with id {id}"));
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    &html[start..=end]
}

/// Checks one control: `id` is the element that holds `aria-describedby`, `input` the one that
/// holds `aria-invalid` (the same for text fields, selects, text areas and checkboxes; the
/// first option for a radio group).
fn assert_announced(html: &str, id: &str, input: &str) {
    let described = tag(html, id);
    assert!(
        described.contains(&format!("{id}-error")),
        "{id} is described by its message: {described}"
    );
    assert!(
        tag(html, input).contains("aria-invalid=\"true\""),
        "{input} is marked invalid"
    );
    let message_at = html.find(&format!("id=\"{id}-error\"")).unwrap();
    let message = &html[message_at..message_at + html[message_at..].find("</p>").unwrap()];
    assert!(
        message.contains("visually-hidden") && message.contains("Fout: "),
        "{id}: the message has the hidden prefix: {message}"
    );
    assert!(
        html.contains(&format!("href=\"#{id}\"")),
        "{id}: the summary links to it"
    );
}

async fn every_control_announces_its_error(backend: Backend) {
    let Some(app) = spawn_app_with(backend, |config| config.form_rate_per_minute = 1_000).await
    else {
        return;
    };
    // Sign-up with nothing filled in: text fields, selects and a radio group.
    let response = app.submit("/registreren", &[]).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert_announced(&html, "veld-org_name", "veld-org_name");
    assert_announced(&html, "veld-email", "veld-email");
    assert_announced(&html, "veld-gemeente", "veld-gemeente");
    assert_announced(&html, "veld-sector", "veld-sector");
    assert_announced(&html, "veld-erkend", "veld-erkend-ja");

    // The aanmeldformulier: a text area and a checkbox.
    let page = "/scholingscalculator/aanmelden?regeling=leerwerkloket";
    let long = "x".repeat(1001);
    let response = app
        .post_from(
            page,
            "/scholingscalculator/aanmelden",
            &[
                ("regeling", "leerwerkloket"),
                ("naam", "Sanne"),
                ("email", "sanne@example.nl"),
                ("contact", "email"),
                ("vraag", &long),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert_announced(&html, "veld-vraag", "veld-vraag");
    assert_announced(&html, "veld-toestemming", "veld-toestemming");

    // The calculator's GET form: a select and a text field with answers it cannot use.
    let (_, html) = app
        .get_text("/scholingscalculator?voor=ik&leeftijd=abc&soort=onbekend")
        .await;
    assert_announced(&html, "veld-leeftijd", "veld-leeftijd");
}

backend_tests!(every_control_announces_its_error);
