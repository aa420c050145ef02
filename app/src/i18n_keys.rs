//! Both languages must have exactly the same translation keys: a key missing in either fails
//! this test (the compiler already refuses a key that the default language lacks).
use std::collections::BTreeSet;

use serde_json::Value;

fn keys(prefix: &str, value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                keys(&path, v, out);
            }
        }
        Value::String(s) => {
            assert!(!s.trim().is_empty(), "translation {prefix} is empty");
            out.insert(prefix.to_string());
        }
        other => panic!("translation {prefix} is not a string: {other}"),
    }
}

fn locale_keys(json: &str) -> BTreeSet<String> {
    let value: Value = serde_json::from_str(json).expect("locale file is valid JSON");
    let mut out = BTreeSet::new();
    keys("", &value, &mut out);
    out
}

#[test]
fn dutch_and_english_have_the_same_keys() {
    let nl = locale_keys(include_str!("../../locales/nl.json"));
    let en = locale_keys(include_str!("../../locales/en.json"));
    let only_nl: Vec<_> = nl.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&nl).collect();
    assert!(only_nl.is_empty(), "missing in en.json: {only_nl:?}");
    assert!(only_en.is_empty(), "missing in nl.json: {only_en:?}");
    assert!(nl.len() > 50, "the locales hold the whole interface");
}

#[test]
fn the_key_walk_reports_missing_keys() {
    let a = locale_keys(r#"{"a": {"b": "x", "c": "y"}}"#);
    let b = locale_keys(r#"{"a": {"b": "x"}}"#);
    assert_eq!(
        a.difference(&b).cloned().collect::<Vec<_>>(),
        vec!["a.c".to_string()]
    );
}
