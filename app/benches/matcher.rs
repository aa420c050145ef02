//! The vacaturematcher at scale: rank a Skills CV against 100,000 and 1,000,000 generated
//! vacancies with the index (`VacancyIndex::rank`: tantivy's postings of the CV's skills, term
//! at a time, exact scores only while a bound can reach the top) and with the plain approach
//! (`VacancyIndex::rank_every`: score every vacancy), in the same run, on one core. Prints the
//! generation and index build times, the memory the index takes (the growth of the resident
//! set over the build: the postings, the rows, and what the allocator keeps of tantivy's
//! indexing buffer — an upper bound), latency p50/p95/max of each approach over the same CVs, the ratios, whether
//! the goals are met (index p95 ≤ 5 ms at 100,000 and ≤ 50 ms at 1,000,000), and checks that
//! both approaches give the same top 20 for every CV.
//!
//!   bench/matcher.sh        (cargo bench -p app --features ssr --bench matcher)
//!
//! Knobs (environment): `MATCHER_BENCH_SIZES` (comma-separated, default "100000,1000000"),
//! `MATCHER_BENCH_CVS` (CVs timed per size, default 200).
//!
//! A custom harness rather than criterion's: the goals are percentiles of single calls over
//! many different CVs, which criterion (means of batches of one input) does not report.
#![allow(clippy::print_stdout)]
use std::hint::black_box;
use std::time::{Duration, Instant};

use app::domain::date::Date;
use app::domain::skills::Taxonomy;
use app::domain::vacancies::{generate, SplitMix};
use app::matcher::index::{sample_wanted, VacancyIndex};

/// How many vacancies a page shows at most.
const TOP: usize = 20;

fn resident_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<u64>().ok())
        })
        .map_or(0, |pages| pages * 4096)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let sizes: Vec<usize> = std::env::var("MATCHER_BENCH_SIZES")
        .unwrap_or_else(|_| "100000,1000000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let cvs: usize = std::env::var("MATCHER_BENCH_CVS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
        .max(1);
    let taxonomy = Taxonomy::parse(include_str!("../../data/skills.json")).expect("taxonomy");
    let today = Date::new(2026, 11, 29).expect("a date");
    println!(
        "vacaturematcher: {} skills, {} occupations; {cvs} CVs per size, top {TOP}; one core",
        taxonomy.skills.len(),
        taxonomy.occupations.len()
    );
    for size in sizes {
        let start = Instant::now();
        let vacancies = generate(&taxonomy, size, 2026, today);
        let generating = start.elapsed();
        let before = resident_bytes();
        let start = Instant::now();
        let index = VacancyIndex::build(&taxonomy, &vacancies).expect("index");
        let building = start.elapsed();
        let memory = resident_bytes().saturating_sub(before);
        drop(vacancies);
        let mut rng = SplitMix::new(77);
        let wanted: Vec<_> = (0..cvs)
            .map(|_| sample_wanted(&taxonomy, &mut rng))
            .collect();
        // Warm up both, and check they agree.
        for w in &wanted {
            let fast = index.rank(w, TOP).expect("rank");
            let every = index.rank_every(w, TOP);
            assert_eq!(fast, every, "the index and the plain approach agree");
        }
        let mut fast_times = Vec::with_capacity(cvs);
        let mut every_times = Vec::with_capacity(cvs);
        for w in &wanted {
            let start = Instant::now();
            black_box(index.rank(black_box(w), TOP).expect("rank"));
            fast_times.push(start.elapsed());
            let start = Instant::now();
            black_box(index.rank_every(black_box(w), TOP));
            every_times.push(start.elapsed());
        }
        fast_times.sort();
        every_times.sort();
        let (f50, f95) = (percentile(&fast_times, 0.5), percentile(&fast_times, 0.95));
        let (e50, e95) = (
            percentile(&every_times, 0.5),
            percentile(&every_times, 0.95),
        );
        let goal = if size <= 100_000 { 5.0 } else { 50.0 };
        println!();
        println!(
            "{size} vacancies: generated in {:.1} s",
            generating.as_secs_f64()
        );
        println!(
            "  index build {:.2} s, memory {:.0} MB ({:.0} bytes a vacancy)",
            building.as_secs_f64(),
            memory as f64 / 1e6,
            memory as f64 / size as f64
        );
        println!(
            "  index      p50 {:8.3} ms  p95 {:8.3} ms  max {:8.3} ms",
            ms(f50),
            ms(f95),
            ms(*fast_times.last().expect("times"))
        );
        println!(
            "  every one  p50 {:8.3} ms  p95 {:8.3} ms  max {:8.3} ms",
            ms(e50),
            ms(e95),
            ms(*every_times.last().expect("times"))
        );
        println!(
            "  ratio index/every: p50 {:.3}, p95 {:.3}; goal p95 <= {goal} ms: {}",
            ms(f50) / ms(e50),
            ms(f95) / ms(e95),
            if ms(f95) <= goal { "met" } else { "NOT met" }
        );
    }
}
