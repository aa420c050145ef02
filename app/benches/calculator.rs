//! Evaluating the whole catalogue for one profile: the work behind every calculator result, in
//! the browser on each answer and on the server for a page without JavaScript.
//!
//!   cargo bench -p app --features ssr --bench calculator
//!
//! Criterion reports the median with its confidence interval; after it, this bench times 5,000
//! single evaluations and prints p50 and p95 (criterion does not report percentiles).
#![allow(clippy::print_stdout)]
use std::hint::black_box;
use std::time::Instant;

use app::domain::calculator::{evaluate, Profile};
use app::domain::date::Date;
use app::domain::schemes::Catalogue;
use criterion::Criterion;

fn catalogue() -> Catalogue {
    serde_json::from_str(include_str!("../../data/schemes.json")).expect("the catalogue parses")
}

/// Two realistic profiles: a person with every answer, an employer with every answer.
fn profiles() -> Vec<(&'static str, Profile)> {
    [
        ("person", "voor=ik&leeftijd=34&situatie=bijstand&opleiding=mbo2&gemeente=GM0166&sector=zorg&soort=mbo_bol&nlqf=3&kosten=2400&maanden=12"),
        ("employer", "voor=werkgever&leeftijd=19&situatie=werkend&opleiding=geen&gemeente=GM0193&sector=zorg&soort=mbo_bbl&nlqf=3&kosten=3000&maanden=12&uren=32&medewerkers=30&omzet=ja&leerbedrijf=ja&doelgroep=geen"),
    ]
    .into_iter()
    .map(|(name, query)| {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap();
        let (profile, errors) =
            Profile::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert!(errors.is_empty());
        (name, profile)
    })
    .collect()
}

fn main() {
    let catalogue = catalogue();
    let today = Date::parse("2026-11-24").unwrap();
    let mut criterion = Criterion::default().configure_from_args();
    for (name, profile) in profiles() {
        criterion.bench_function(&format!("evaluate whole catalogue ({name})"), |b| {
            b.iter(|| evaluate(black_box(&catalogue), black_box(&profile), today))
        });
    }
    criterion.final_summary();

    for (name, profile) in profiles() {
        let mut samples: Vec<u128> = (0..5_000)
            .map(|_| {
                let start = Instant::now();
                black_box(evaluate(black_box(&catalogue), black_box(&profile), today));
                start.elapsed().as_nanos()
            })
            .collect();
        samples.sort_unstable();
        let pct = |p: usize| samples[(samples.len() * p / 100).min(samples.len() - 1)];
        println!(
            "calculator {name}: {} schemes, p50 {:.1} µs, p95 {:.1} µs ({} runs)",
            catalogue.schemes.len(),
            pct(50) as f64 / 1000.0,
            pct(95) as f64 / 1000.0,
            samples.len()
        );
    }
}
