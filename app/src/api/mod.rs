//! The description of the open API (feature `ssr`): `openapi.json` beside this file, an OpenAPI
//! 3.1 document of every `/api/v1` endpoint, served as it is at `/api/v1/openapi.json`. The
//! endpoints themselves live with their capabilities; `tests/it/openapi.rs` checks each one's
//! real answers against this description, and the unit tests below that every `/api/v1` route
//! in the code is described.
use axum::routing::get;
use axum::Router;
use http::header;

use crate::server::AppState;

/// The document, as written (checked by the tests below and served byte for byte).
pub const OPENAPI: &str = include_str!("openapi.json");

pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/api/v1/openapi.json",
        get(|| async {
            (
                [
                    (header::CONTENT_TYPE, "application/json"),
                    // It changes only with a new version of the portal.
                    (header::CACHE_CONTROL, "public, max-age=3600"),
                ],
                OPENAPI,
            )
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::OPENAPI;
    use serde_json::Value;

    fn document() -> Value {
        serde_json::from_str(OPENAPI).expect("openapi.json is JSON")
    }

    /// Every `"$ref"` value in `value`.
    fn refs(value: &Value, found: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    match (key.as_str(), v) {
                        ("$ref", Value::String(to)) => found.push(to.clone()),
                        _ => refs(v, found),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, found)),
            _ => {}
        }
    }

    #[test]
    fn the_description_is_openapi_3_1_and_every_ref_resolves() {
        let doc = document();
        assert_eq!(doc["openapi"], "3.1.0");
        for key in ["title", "version", "description"] {
            assert!(doc["info"][key].is_string(), "info.{key}");
        }
        let mut found = Vec::new();
        refs(&doc, &mut found);
        assert!(
            found.len() > 20,
            "the references are found: {}",
            found.len()
        );
        for to in &found {
            let pointer = to
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("{to}: only references within the document"));
            assert!(doc.pointer(pointer).is_some(), "{to} resolves");
        }
        // Every schema is used (a leftover one describes nothing).
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        for name in schemas.keys() {
            let to = format!("#/components/schemas/{name}");
            assert!(found.contains(&to), "{name} is used");
        }
        // Every operation answers JSON with a schema of the components.
        let paths = doc["paths"].as_object().unwrap();
        for (path, item) in paths {
            assert!(path.starts_with("/api/v1/"), "{path}");
            let schema = &item["get"]["responses"]["200"]["content"]["application/json"]["schema"];
            assert!(
                schema["$ref"]
                    .as_str()
                    .is_some_and(|r| r.starts_with("#/components/schemas/")),
                "{path}: 200 has a schema of the components"
            );
        }
        // A reference that does not resolve is noticed (the check above can fail).
        assert!(doc.pointer("/components/schemas/NoSuchSchema").is_none());
    }

    /// Every route under `/api/` that the code declares (a `route` call whose path is a literal
    /// starting so, in any file of `src/`), read from the sources, so a new endpoint without a
    /// description fails here.
    fn api_routes_in_code() -> Vec<String> {
        fn walk(dir: &std::path::Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("read src") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    walk(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("read a source file");
                    for call in text.split(".route(").skip(1) {
                        if let Some(path) = call.trim_start().strip_prefix("\"/api/") {
                            let end = path.find('"').expect("a closing quote");
                            found.push(format!("/api/{}", &path[..end]));
                        }
                    }
                }
            }
        }
        let mut found = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut found,
        );
        found.sort();
        found.dedup();
        found
    }

    #[test]
    fn every_api_route_in_the_code_is_described() {
        let routes = api_routes_in_code();
        // Positive control: the walk finds the routes we know of.
        for known in [
            "/api/v1/openapi.json",
            "/api/v1/regelingen",
            "/api/v1/stages/summary",
            "/api/v1/stages/openings",
            "/api/v1/skills",
            "/api/v1/vacatures",
        ] {
            assert!(routes.iter().any(|r| r == known), "{known} found in src/");
        }
        let doc = document();
        let paths = doc["paths"].as_object().unwrap();
        for route in &routes {
            assert!(
                paths.contains_key(route),
                "{route} is served but not described in src/api/openapi.json"
            );
        }
        for path in paths.keys() {
            assert!(
                routes.contains(path),
                "{path} is described but no route serves it"
            );
        }
    }
}
