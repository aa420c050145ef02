//! The open API against its description, `/api/v1/openapi.json` (`app/src/api/openapi.json`):
//! every path the document describes is called on the real server — with no parameters, with
//! each parameter's example, with all examples at once and with each value of every enum — and
//! each answer's status, headers and body are checked against the document with a JSON Schema
//! validator. The paths come from the document, never from a list here, so a new endpoint is
//! checked once it is described (and `app::api`'s unit test fails when a route under `/api/v1`
//! is not). Then no answer may carry personal data: people's details are seeded through the
//! real forms first, and no answer may hold them, an e-mail address, or a field named for
//! them — on SQLite and PostgreSQL, over real HTTP.
use integration_tests::*;
use serde_json::{json, Value};

use crate::stages::{open_place, pledge_ids, PLEDGE};

/// The description as the server serves it.
async fn description(app: &TestApp) -> Value {
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "application/json"
    );
    let doc: Value = response.json().await.expect("the description is JSON");
    assert_eq!(doc["openapi"], "3.1.0");
    doc
}

/// `schema` itself, or what its `$ref` (within the document) points at.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(to) => {
            let pointer = to
                .strip_prefix('#')
                .expect("a reference within the document");
            resolve(doc, doc.pointer(pointer).expect("the reference resolves"))
        }
        None => schema,
    }
}

/// A validator of `schema` (a part of the document, its references resolved in the document):
/// the schema wrapped beside the document's components, so `#/components/schemas/…` resolves.
/// Formats (`date`, `uri`, …) are checked too.
fn validator(doc: &Value, schema: &Value) -> jsonschema::Validator {
    let root = json!({ "allOf": [schema], "components": doc["components"] });
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&root)
        .unwrap_or_else(|e| panic!("the schema {schema} compiles: {e}"))
}

/// What is wrong with `value` under `validator` (empty when it is valid).
fn problems(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .take(10)
        .map(|e| format!("at {}: {e}", e.instance_path()))
        .collect()
}

/// A parameter's value as the query strings it takes (a list repeats its name).
fn pairs(name: &str, value: &Value) -> Vec<(String, String)> {
    match value {
        Value::Array(items) => items.iter().flat_map(|v| pairs(name, v)).collect(),
        Value::String(s) => vec![(name.to_string(), s.clone())],
        other => vec![(name.to_string(), other.to_string())],
    }
}

/// The queries to try on an operation: none, each parameter's example, every example at once,
/// and each value of each enum (a list parameter with one value at a time).
fn queries(doc: &Value, operation: &Value) -> Vec<Vec<(String, String)>> {
    let mut queries = vec![Vec::new()];
    let parameters = operation["parameters"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut all = Vec::new();
    for parameter in &parameters {
        let name = parameter["name"].as_str().expect("a parameter has a name");
        assert_eq!(
            parameter["in"], "query",
            "{name}: parameters are in the query"
        );
        let schema = &parameter["schema"];
        let example = &parameter["example"];
        assert!(!example.is_null(), "{name} has an example");
        let errors = problems(&validator(doc, schema), example);
        assert!(
            errors.is_empty(),
            "{name}'s example fits its schema: {errors:?}"
        );
        queries.push(pairs(name, example));
        all.extend(pairs(name, example));
        let own = resolve(doc, schema);
        let (values, list) = match own["enum"].as_array() {
            Some(values) => (values.clone(), false),
            None => (
                resolve(doc, &own["items"])["enum"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default(),
                true,
            ),
        };
        for value in values {
            let value = if list { json!([value]) } else { value };
            queries.push(pairs(name, &value));
        }
    }
    if parameters.len() > 1 {
        queries.push(all);
    }
    queries
}

/// Calls every operation of the description with every query of [`queries`] as an anonymous
/// visitor, checks each answer against the description, and returns each address with its body.
async fn every_answer(app: &TestApp, doc: &Value) -> Vec<(String, String)> {
    let visitor = app.browser();
    let mut answers = Vec::new();
    let paths = doc["paths"].as_object().expect("paths");
    for (path, item) in paths {
        let item = item.as_object().expect("a path item");
        assert_eq!(
            item.keys().collect::<Vec<_>>(),
            ["get"],
            "{path}: the open API only reads"
        );
        let operation = &item["get"];
        let ok = &operation["responses"]["200"];
        let (media, content) = ok["content"]
            .as_object()
            .and_then(|c| c.iter().next())
            .unwrap_or_else(|| panic!("{path}: 200 has a content"));
        let body_schema = validator(doc, &content["schema"]);
        let headers: Vec<(String, jsonschema::Validator)> = ok["headers"]
            .as_object()
            .map(|h| {
                h.iter()
                    .map(|(name, header)| (name.clone(), validator(doc, &header["schema"])))
                    .collect()
            })
            .unwrap_or_default();
        // The check can fail: an empty object, and (for a strict schema) one with an unknown
        // field, are refused.
        assert!(!body_schema.is_valid(&json!({})), "{path}: {{}} is refused");
        for query in queries(doc, operation) {
            let query = serde_urlencoded::to_string(&query).unwrap();
            let address = if query.is_empty() {
                path.clone()
            } else {
                format!("{path}?{query}")
            };
            let response = visitor.get(&address).await;
            assert_eq!(response.status(), 200, "{address}");
            let content_type = response.headers()["content-type"]
                .to_str()
                .unwrap()
                .to_string();
            assert!(
                content_type.starts_with(media.as_str()),
                "{address}: {content_type}"
            );
            for (name, schema) in &headers {
                let value = response
                    .headers()
                    .get(name.as_str())
                    .unwrap_or_else(|| panic!("{address}: header {name}"))
                    .to_str()
                    .unwrap()
                    .to_string();
                let errors = problems(schema, &json!(value));
                assert!(errors.is_empty(), "{address}: header {name}: {errors:?}");
            }
            let text = response.text().await.unwrap();
            let body: Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{address}: the body is JSON: {e}"));
            let errors = problems(&body_schema, &body);
            assert!(
                errors.is_empty(),
                "{address}: the body fits the description: {errors:#?}"
            );
            if resolve(doc, &content["schema"])["additionalProperties"] == false {
                let mut broken = body.clone();
                broken["not_described"] = json!(true);
                assert!(
                    !body_schema.is_valid(&broken),
                    "{address}: a field the description does not know is refused"
                );
            }
            answers.push((address, text));
        }
    }
    answers
}

async fn every_endpoint_answers_as_described(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let doc = description(&app).await;
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    for known in [
        "/api/v1/openapi.json",
        "/api/v1/regelingen",
        "/api/v1/stages/summary",
        "/api/v1/stages/openings",
        "/api/v1/skills",
        "/api/v1/vacatures",
    ] {
        assert!(paths.iter().any(|p| *p == known), "{known} is described");
    }
    let answers = every_answer(&app, &doc).await;
    assert!(answers.len() > 100, "{} calls", answers.len());

    // The demo data fills the lists, so their items are checked too.
    for (path, list) in [
        ("/api/v1/regelingen", "hits"),
        ("/api/v1/stages/openings", "openings"),
        ("/api/v1/skills", "skills"),
        ("/api/v1/vacatures", "vacancies"),
    ] {
        let (_, text) = answers.iter().find(|(a, _)| a == path).unwrap();
        let body: Value = serde_json::from_str(text).unwrap();
        assert!(!body[list].as_array().unwrap().is_empty(), "{path}: {list}");
    }

    // A body that breaks the description deep down fails: a hit without its id.
    let validator = validator(
        &doc,
        &json!({ "$ref": "#/components/schemas/SchemeSearchResult" }),
    );
    let (_, text) = answers
        .iter()
        .find(|(a, _)| a == "/api/v1/regelingen")
        .unwrap();
    let mut body: Value = serde_json::from_str(text).unwrap();
    assert!(validator.is_valid(&body));
    body["hits"][0].as_object_mut().unwrap().remove("id");
    assert!(!validator.is_valid(&body), "a hit without id is refused");
    body = serde_json::from_str(text).unwrap();
    body["hits"][0]["deadline"] = json!("31-12-2026");
    assert!(!validator.is_valid(&body), "a date is checked as a date");
}

backend_tests!(every_endpoint_answers_as_described);

/// The details people leave, each distinctive enough that finding it anywhere is a leak.
const YOUNG_NAME: &str = "Zwaantje Persoonsgegeven";
const YOUNG_EMAIL: &str = "prive.persoon@example.org";
const YOUNG_PHONE: &str = "0612345678";
const GUARDIAN_NAME: &str = "Gerrit Voogdgegeven";
const MOTIVATION: &str = "Mijn geheime motivatie Kwartelkoning";
const APPLICANT_NAME: &str = "Wieteke Aanvraagster";
const APPLICANT_EMAIL: &str = "aanvraag.persoon@example.org";
const APPLICANT_PHONE: &str = "0687654321";
const APPLICANT_QUESTION: &str = "Vraag van Wieteke over Kwikstaart";
const ALERT_EMAIL: &str = "melding.persoon@example.org";
const EMPLOYER_EMAIL: &str = "werkgever.persoon@example.org";
/// The employer's user as `employer_browser` signs them up.
const EMPLOYER_USER: &str = "Piet Jansen";

/// Names of fields that would hold a person's details (parts of a field's name).
const PERSONAL_FIELDS: &[&str] = &[
    "mail",
    "phone",
    "telefoon",
    "naam",
    "person",
    "user",
    "password",
    "wachtwoord",
    "token",
    "sleutel",
    "reference",
    "referentie",
    "birth",
    "geboorte",
    "address",
    "adres",
    "guardian",
    "ouder",
    "motivation",
    "motivatie",
    "session",
    "bsn",
    "cv",
];

/// Every field name in `value`, at any depth.
fn field_names(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                found.push(key.clone());
                field_names(v, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| field_names(v, found)),
        _ => {}
    }
}

/// The first thing in `text` that looks like an e-mail address (`local@domain.tld`).
fn email_in(text: &str) -> Option<String> {
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_ascii_alphanumeric() || ".-".contains(c);
    for (at, _) in text.match_indices('@') {
        let before: String = text[..at].chars().rev().take_while(|c| local(*c)).collect();
        let after: String = text[at + 1..].chars().take_while(|c| domain(*c)).collect();
        let after = after.trim_end_matches('.');
        let tld_ok = after
            .rsplit_once('.')
            .is_some_and(|(host, tld)| !host.is_empty() && tld.len() >= 2);
        if !before.is_empty() && tld_ok {
            return Some(format!(
                "{}@{after}",
                before.chars().rev().collect::<String>()
            ));
        }
    }
    None
}

async fn no_answer_carries_personal_data(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    // The checks can fail.
    assert_eq!(email_in("schrijf naar a.b@c.nl."), Some("a.b@c.nl".into()));
    assert_eq!(email_in("@ 10 uur, user@host"), None);

    // An employer (an account with a name and an address) with a verified pledge, named, and
    // an open place; it posts a vacancy and saves a Skills CV on its account.
    let organisation = "Zorgcentrum Zwaluwnest";
    let employer = employer_browser(&app, EMPLOYER_EMAIL, "30000077", organisation).await;
    assert_eq!(employer.submit("/werkgevers", PLEDGE).await.status(), 303);
    let pledge = pledge_ids(&app, organisation).await[0].to_string();
    crate::responses::verify(&app, &pledge, "30000077").await;
    let title = "Leerbaan zorg Zwaluwnest";
    assert_eq!(
        open_place(&employer, &pledge, title, "3").await.status(),
        303
    );
    let opening = app
        .count(&format!(
            "SELECT MAX(id) FROM openings WHERE pledge_id = {pledge}"
        ))
        .await;
    let response = employer
        .submit(
            "/werkgevers/vacatures",
            &[
                ("titel", "Verzorgende IG Zwaluwnest"),
                (
                    "omschrijving",
                    "Je verzorgt bewoners en doet wondverzorging.",
                ),
                ("vaardigheden", "medicatie toedienen, rapporteren"),
                ("plaats", "zwolle"),
                ("uren_min", "24"),
                ("uren_max", "32"),
                ("contract", "vast"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303, "the vacancy is posted");
    let response = employer
        .submit(
            "/vacatures/skills-cv",
            &[
                ("vaardigheid", "zorg-observeren"),
                ("woonplaats", "zwolle"),
                ("actie", "bewaren"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200, "the CV is saved");
    assert_eq!(app.count("SELECT COUNT(*) FROM skills_cvs").await, 1);

    // A young person under 16 responds to the place, with a parent's consent.
    let page = format!("/stages/plek?id={opening}");
    let response = app
        .browser()
        .post_from(
            &page,
            &page,
            &[
                ("naam", YOUNG_NAME),
                ("email", YOUNG_EMAIL),
                ("telefoon", YOUNG_PHONE),
                ("school", "Deltion College"),
                ("opleiding", "Verzorgende IG"),
                ("niveau", "mbo3"),
                ("motivatie", MOTIVATION),
                ("leeftijd", "onder16"),
                ("ouder_naam", GUARDIAN_NAME),
                ("ouder_toestemming", "ja"),
                ("toestemming", "ja"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303, "the response is sent");
    assert_eq!(app.count("SELECT COUNT(*) FROM responses").await, 1);

    // Someone asks an advisor for help with a scheme.
    let page = "/scholingscalculator/aanmelden?regeling=scholingsvoucher-jongeren-regio-zwolle&voor=ik&leeftijd=19&gemeente=GM0193";
    let response = app
        .browser()
        .post_from(
            page,
            "/scholingscalculator/aanmelden",
            &[
                ("regeling", "scholingsvoucher-jongeren-regio-zwolle"),
                ("antwoorden", "voor=ik&leeftijd=19&gemeente=GM0193"),
                ("naam", APPLICANT_NAME),
                ("email", APPLICANT_EMAIL),
                ("telefoon", APPLICANT_PHONE),
                ("contact", "email"),
                ("vraag", APPLICANT_QUESTION),
                ("toestemming", "ja"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303, "the application is sent");

    // Someone follows a search by e-mail.
    let search = "/subsidies?q=praktijkleren";
    let response = app
        .browser()
        .post_from(search, search, &[("email", ALERT_EMAIL)])
        .await;
    assert_eq!(response.status(), 303, "the alert is made");
    assert_eq!(app.count("SELECT COUNT(*) FROM search_alerts").await, 1);

    // Every documented endpoint, with every example and enum value.
    let doc = description(&app).await;
    let mut answers = every_answer(&app, &doc).await;
    // The lists found by the seeded words too (the pages above may not reach them).
    for address in [
        "/api/v1/stages/openings?q=zwaluwnest",
        "/api/v1/vacatures?q=zwaluwnest",
        "/api/v1/regelingen?q=zwaluwnest",
        "/api/v1/skills?q=zwaluwnest",
    ] {
        let (status, body) = app.browser().get_text(address).await;
        assert_eq!(status, 200, "{address}");
        answers.push((address.to_string(), body));
    }

    // What was published on purpose is there (so the seeded data was in reach of the API) …
    let all: String = answers.iter().map(|(_, body)| body.as_str()).collect();
    for public in [title, organisation, "Verzorgende IG Zwaluwnest"] {
        assert!(all.contains(public), "{public} is published");
    }
    // … and nothing of the people who left their details.
    let personal = [
        // The employer's contact person for the place (a name: on the place's page only).
        "Mirjam Bos",
        YOUNG_NAME,
        YOUNG_EMAIL,
        YOUNG_PHONE,
        "06-12345678",
        GUARDIAN_NAME,
        MOTIVATION,
        APPLICANT_NAME,
        APPLICANT_EMAIL,
        APPLICANT_PHONE,
        APPLICANT_QUESTION,
        ALERT_EMAIL,
        EMPLOYER_EMAIL,
        EMPLOYER_USER,
        "Zwaantje",
        "Wieteke",
        "Kwartelkoning",
        "Kwikstaart",
    ];
    for (address, body) in &answers {
        let lower = body.to_lowercase();
        for value in personal {
            assert!(
                !lower.contains(&value.to_lowercase()),
                "{address} carries {value:?}"
            );
        }
        assert_eq!(email_in(body), None, "{address} carries an e-mail address");
        // Field names at any depth: in the description they are its keywords and the names of
        // the answers' fields, so it is read too.
        let mut names = Vec::new();
        field_names(&serde_json::from_str(body).unwrap(), &mut names);
        for name in names {
            let lower = name.to_lowercase();
            assert!(
                !PERSONAL_FIELDS.iter().any(|p| lower.contains(p)),
                "{address} has a field {name:?}"
            );
        }
    }
}

backend_tests!(no_answer_carries_personal_data);
