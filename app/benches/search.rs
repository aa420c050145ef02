//! The subsidy search (`SchemeIndex::search`, tantivy) against SQLite FTS5 on the same texts and
//! the same 32 queries: over the real catalogue (`data/schemes.json`) and over a generated
//! catalogue of 100,000 schemes. Prints index build times, latency p50/p95/max per call, the
//! ratios, whether the goals are met (p95 ≤ 2 ms on the real catalogue, ≤ 20 ms on 100,000), and
//! how many of the relevance set's expected schemes each engine puts in its top 3.
//!
//!   bench/search.sh        (cargo bench -p app --features ssr --bench search)
//!
//! Knobs (environment): `SEARCH_BENCH_SIZE` (generated catalogue, default 100000),
//! `SEARCH_BENCH_CALLS` (timed calls per engine and catalogue, default 2016 = 63 rounds of the 32
//! queries), `SEARCH_BENCH_SECONDS` (time budget per engine and catalogue, default 60: after at
//! least one round, no new round starts once it is spent).
//!
//! The two sides do not do the same work. `SchemeIndex::search` is the whole search a page
//! needs: every match (not just ten), joined with the catalogue, facet counts over all matches,
//! sorting weighed by availability, a page of ten with a Dutch and an English snippet. The FTS5
//! side is one `MATCH … ORDER BY bm25 LIMIT 10` returning ids (through sqlx, so each call also
//! pays sqlx's hop to its SQLite worker thread; the bench measures that hop with `SELECT 1`).
#![allow(clippy::print_stdout)]
use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::domain::date::Date;
use app::domain::schemes::{Catalogue, Scheme, Text};
use app::server::search::words;
use app::subsidies::search::SchemeIndex;
use app::subsidies::SearchRequest;
use sqlx::{Connection, QueryBuilder, Sqlite, SqliteConnection};
use tokio::runtime::Runtime;

/// The relevance set of `tests/it/subsidies.rs` (query, the scheme expected in the top 3).
const RELEVANCE: &[(&str, &str)] = &[
    ("praktijkleren", "praktijkleren"),
    ("praktijkleeren", "praktijkleren"),
    ("levenlanglerenkredit", "levenlanglerenkrediet"),
    ("levenlang leren krediet", "levenlanglerenkrediet"),
    ("praktijkverklaring", "praktijkverklaring"),
    ("stap budget", "stap-budget"),
    ("derde leerweg", "praktijkleren-derde-leerweg"),
    ("installatietechniek", "wij-techniek-waardebon"),
    ("opleiding betalen met een lening", "levenlanglerenkrediet"),
    ("collegegeld", "levenlanglerenkrediet"),
    ("lesgeld lenen", "levenlanglerenkrediet"),
    ("bijstand opleiding", "gemeente-scholingsbudget-bijstand"),
    ("werkloos scholing", "uwv-scholing-ww"),
    ("ww opleiding", "uwv-scholing-ww"),
    ("gratis loopbaanadvies", "leerwerkloket"),
    ("loopbaangesprek regio zwolle", "hca-groei-vooruit"),
    (
        "aftrek opleidingskosten belasting",
        "aftrek-scholingsuitgaven",
    ),
    ("voucher 50 plus", "uwv-scholingsvoucher-50plus"),
    ("erkend leerbedrijf", "praktijkleren"),
    ("leerbaan metaal", "oom-leerwerkbijdrage"),
    ("loonkosten arbeidsgehandicapt", "lkv-arbeidsgehandicapt"),
    ("studiekosten belastingvrij vergoeden", "wkr-studiekosten"),
    ("mkb leren en ontwikkelen", "slim-regeling"),
    ("bouw cursus", "oo-fonds-bouw"),
    (
        "scholing medewerkers bedrijf regio zwolle",
        "hca-upgrade-jezelf",
    ),
    ("jongere aannemen overijssel", "overijssel-1000-kansen"),
    ("loan for tuition fees", "levenlanglerenkrediet"),
    ("unemployment benefit training", "uwv-scholing-ww"),
    ("tax free study costs", "wkr-studiekosten"),
    ("apprenticeship metal", "oom-leerwerkbijdrage"),
    ("wage allowance disabled employee", "lkv-arbeidsgehandicapt"),
    ("free career advice", "leerwerkloket"),
];

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A small deterministic generator (Knuth's MMIX LCG), so every run builds the same catalogue.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// The words of a text as written (split on white space).
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
}

/// `n` words drawn from `pool` (drawn from the running text, so common words stay common).
fn sentence(pool: &[&str], n: usize, rng: &mut Lcg) -> String {
    (0..n)
        .map(|_| pool[rng.below(pool.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

/// The real schemes, then generated ones up to `size`: each a copy of a real scheme (so its
/// kind, audience, criteria, money and dates are valid) with a new id (`<id>-g<n>`) and new texts
/// of the same length, drawn word by word from the real catalogue's texts in that language
/// (names from the names and Dutch texts). The texts differ from scheme to scheme but keep the
/// catalogue's vocabulary and word frequencies, so a common word ("opleiding") matches many
/// schemes and a rare one ("praktijkverklaring") few, as in a large real catalogue.
fn generated(real: &Catalogue, size: usize) -> Catalogue {
    let dutch = |s: &Scheme| {
        [
            s.summary.nl.clone(),
            s.apply.nl.clone(),
            s.notes.nl.clone(),
            s.status_note.nl.clone(),
        ]
    };
    let english = |s: &Scheme| {
        [
            s.summary.en.clone(),
            s.apply.en.clone(),
            s.notes.en.clone(),
            s.status_note.en.clone(),
        ]
    };
    let nl_texts: Vec<String> = real.schemes.iter().flat_map(dutch).collect();
    let en_texts: Vec<String> = real.schemes.iter().flat_map(english).collect();
    let nl: Vec<&str> = nl_texts.iter().flat_map(|t| tokens(t)).collect();
    let en: Vec<&str> = en_texts.iter().flat_map(|t| tokens(t)).collect();
    let names: Vec<&str> = real.schemes.iter().flat_map(|s| tokens(&s.name)).collect();
    let providers: Vec<&str> = real.schemes.iter().map(|s| s.provider.as_str()).collect();

    let mut rng = Lcg(0x5eed_2026);
    let mut schemes = real.schemes.clone();
    let mut n = 0;
    while schemes.len() < size {
        let original = &real.schemes[n % real.schemes.len()];
        let mut s = original.clone();
        let text = |t: &Text, rng: &mut Lcg| Text {
            nl: sentence(&nl, tokens(&t.nl).count(), rng),
            en: sentence(&en, tokens(&t.en).count(), rng),
        };
        s.id = format!("{}-g{n}", original.id);
        s.name = format!(
            "{} {} {}",
            names[rng.below(names.len())],
            names[rng.below(names.len())],
            nl[rng.below(nl.len())]
        );
        s.official_name = None;
        s.summary = text(&original.summary, &mut rng);
        s.apply = text(&original.apply, &mut rng);
        s.notes = text(&original.notes, &mut rng);
        s.status_note = text(&original.status_note, &mut rng);
        s.provider = providers[rng.below(providers.len())].to_string();
        schemes.push(s);
        n += 1;
    }
    Catalogue { schemes }
}

/// What the tantivy index holds of a scheme, for the FTS5 table: the same fields and texts
/// (`subsidies::search` builds its documents the same way).
struct Row {
    id: String,
    name: String,
    nl: String,
    en: String,
    tags: String,
}

fn row(scheme: &Scheme) -> Row {
    let [nl, en, tags] = app::subsidies::search::texts(scheme);
    Row {
        id: scheme.id.clone(),
        name: scheme.name.clone(),
        nl,
        en,
        tags,
    }
}

/// Latencies of single calls, in nanoseconds.
#[derive(Default)]
struct Samples(Vec<u128>);

impl Samples {
    /// The nearest-rank percentile, in milliseconds.
    fn pct(&self, p: usize) -> f64 {
        let mut sorted = self.0.clone();
        sorted.sort_unstable();
        let rank = (sorted.len() * p).div_ceil(100).max(1);
        sorted[rank - 1] as f64 / 1e6
    }
    fn max(&self) -> f64 {
        self.0.iter().copied().max().unwrap_or(0) as f64 / 1e6
    }
}

/// Runs `call` over the queries in rounds: `warmup` untimed rounds, then timed rounds until
/// `calls` calls are made or, after at least one round, `budget` is spent.
fn measure(warmup: usize, calls: usize, budget: Duration, mut call: impl FnMut(usize)) -> Samples {
    for _ in 0..warmup {
        for q in 0..RELEVANCE.len() {
            call(q);
        }
    }
    let started = Instant::now();
    let mut samples = Samples::default();
    while samples.0.len() < calls && (samples.0.is_empty() || started.elapsed() < budget) {
        for q in 0..RELEVANCE.len() {
            let start = Instant::now();
            call(q);
            samples.0.push(start.elapsed().as_nanos());
        }
    }
    samples
}

/// One catalogue's figures for one engine.
struct Figures {
    build: Duration,
    samples: Samples,
    /// Matches per query on average (tantivy: all matches; FTS5: rows returned, at most 10).
    matches: f64,
    /// Relevance set: expected scheme in the top 3.
    top3: usize,
    misses: Vec<String>,
}

fn tantivy_side(catalogue: &Arc<Catalogue>, today: Date, warmup: usize) -> Figures {
    let start = Instant::now();
    let index = SchemeIndex::build(catalogue.clone()).expect("the index builds");
    let build = start.elapsed();
    let requests: Vec<SearchRequest> = RELEVANCE
        .iter()
        .map(|(q, _)| SearchRequest::from_query(&serde_urlencoded::to_string([("q", q)]).unwrap()))
        .collect();
    let (mut top3, mut misses, mut matches) = (0, Vec::new(), 0);
    for (request, (query, expected)) in requests.iter().zip(RELEVANCE) {
        let view = index.search(request, today).expect("the search runs");
        matches += view.total;
        let top: Vec<&str> = view.hits.iter().take(3).map(|h| h.id.as_str()).collect();
        if top.contains(expected) {
            top3 += 1;
        } else {
            misses.push(format!("{query:?}: {expected} not in {top:?}"));
        }
    }
    let samples = measure(warmup, calls(), budget(), |q| {
        black_box(index.search(black_box(&requests[q]), today).unwrap());
    });
    Figures {
        build,
        samples,
        matches: matches as f64 / RELEVANCE.len() as f64,
        top3,
        misses,
    }
}

/// The FTS5 query for a search's words: each word (as the search splits and folds them) quoted,
/// joined with OR. OR, not AND, because the tantivy query is an OR too (every word should match,
/// the more the better) and most queries of the set are sentences whose words never all occur
/// in one scheme ("opleiding betalen met een lening"); bm25 then ranks by how many and how rare.
fn fts_query(text: &str) -> String {
    words(text, 12)
        .iter()
        .map(|w| format!("\"{}\"", w.replace('"', "")))
        .collect::<Vec<_>>()
        .join(" OR ")
}

/// bm25 with the tantivy side's field weights (id, name 4, Dutch 1, English 1, tags 1.5).
const FTS_SEARCH: &str = "SELECT id FROM schemes WHERE schemes MATCH ?1 \
     ORDER BY bm25(schemes, 0.0, 4.0, 1.0, 1.0, 1.5) LIMIT 10";

fn fts_side(rt: &Runtime, catalogue: &Catalogue, warmup: usize) -> Figures {
    let rows: Vec<Row> = catalogue.schemes.iter().map(row).collect();
    let mut conn = rt
        .block_on(SqliteConnection::connect("sqlite::memory:"))
        .expect("SQLite opens");
    let start = Instant::now();
    rt.block_on(async {
        sqlx::query(
            "CREATE VIRTUAL TABLE schemes USING fts5(id UNINDEXED, name, nl, en, tags, \
             tokenize = 'unicode61 remove_diacritics 2')",
        )
        .execute(&mut conn)
        .await
        .expect("this SQLite has FTS5");
        let mut tx = conn.begin().await.unwrap();
        // 500 rows (2,500 parameters) per INSERT: few hops to sqlx's worker thread.
        for chunk in rows.chunks(500) {
            QueryBuilder::<Sqlite>::new("INSERT INTO schemes (id, name, nl, en, tags) ")
                .push_values(chunk, |mut b, r| {
                    b.push_bind(&r.id)
                        .push_bind(&r.name)
                        .push_bind(&r.nl)
                        .push_bind(&r.en)
                        .push_bind(&r.tags);
                })
                .build()
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        // Merge the b-tree segments into one, as a search index built once would be.
        sqlx::query("INSERT INTO schemes (schemes) VALUES ('optimize')")
            .execute(&mut conn)
            .await
            .unwrap();
    });
    let build = start.elapsed();
    let queries: Vec<String> = RELEVANCE.iter().map(|(q, _)| fts_query(q)).collect();
    let mut run = |q: usize| -> Vec<String> {
        rt.block_on(
            sqlx::query_scalar::<_, String>(FTS_SEARCH)
                .bind(&queries[q])
                .fetch_all(&mut conn),
        )
        .unwrap()
    };
    let (mut top3, mut misses, mut matches) = (0, Vec::new(), 0);
    for (q, (query, expected)) in RELEVANCE.iter().enumerate() {
        let ids = run(q);
        matches += ids.len();
        let top: Vec<&str> = ids.iter().take(3).map(String::as_str).collect();
        if top.contains(expected) {
            top3 += 1;
        } else {
            misses.push(format!("{query:?}: {expected} not in {top:?}"));
        }
    }
    let samples = measure(warmup, calls(), budget(), |q| {
        black_box(run(q));
    });
    Figures {
        build,
        samples,
        matches: matches as f64 / RELEVANCE.len() as f64,
        top3,
        misses,
    }
}

/// The cost of one sqlx call that does nothing (`SELECT 1`): the hop to sqlx's SQLite worker
/// thread and back, paid by every FTS5 call here and by none of the tantivy ones.
fn sqlx_hop(rt: &Runtime) -> Samples {
    let mut conn = rt
        .block_on(SqliteConnection::connect("sqlite::memory:"))
        .unwrap();
    measure(3, 2016, budget(), |_| {
        black_box(
            rt.block_on(sqlx::query_scalar::<_, i64>("SELECT 1").fetch_one(&mut conn))
                .unwrap(),
        );
    })
}

fn calls() -> usize {
    env_or("SEARCH_BENCH_CALLS", 63 * RELEVANCE.len() as u64) as usize
}

fn budget() -> Duration {
    Duration::from_secs(env_or("SEARCH_BENCH_SECONDS", 60))
}

fn main() {
    let size = env_or("SEARCH_BENCH_SIZE", 100_000) as usize;
    let today = Date::today();
    let real: Catalogue = serde_json::from_str(include_str!("../../data/schemes.json"))
        .expect("the catalogue parses");
    let start = Instant::now();
    let big = generated(&real, size);
    let generating = start.elapsed();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let sqlite_version = rt.block_on(async {
        let mut conn = SqliteConnection::connect("sqlite::memory:").await.unwrap();
        sqlx::query_scalar::<_, String>("SELECT sqlite_version()")
            .fetch_one(&mut conn)
            .await
            .unwrap()
    });
    println!(
        "Subsidy search: tantivy (SchemeIndex::search) vs SQLite {sqlite_version} FTS5, \
         {} queries, today {today}",
        RELEVANCE.len()
    );
    println!(
        "Generated catalogue: {} schemes in {:.1} s",
        big.schemes.len(),
        generating.as_secs_f64()
    );

    let real_len = real.schemes.len();
    let real = Arc::new(real);
    let big = Arc::new(big);
    // The real catalogue warms up for 3 rounds; the big one for none (its calls are long).
    println!("running: tantivy, real catalogue");
    let t_real = tantivy_side(&real, today, 3);
    println!("running: FTS5, real catalogue");
    let f_real = fts_side(&rt, &real, 3);
    println!("running: tantivy, {size} schemes");
    let t_big = tantivy_side(&big, today, 0);
    println!("running: FTS5, {size} schemes");
    let f_big = fts_side(&rt, &big, 1);
    println!("running: sqlx hop (SELECT 1)");
    let hop = sqlx_hop(&rt);

    println!();
    println!(
        "| catalogue | schemes | engine | index build | calls | p50 ms | p95 ms | max ms | matches/query | top 3 |"
    );
    println!("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    for (name, len, engine, f) in [
        ("real", real_len, "tantivy", &t_real),
        ("real", real_len, "FTS5", &f_real),
        ("generated", size, "tantivy", &t_big),
        ("generated", size, "FTS5", &f_big),
    ] {
        println!(
            "| {name} | {len} | {engine} | {:.1} ms | {} | {:.3} | {:.3} | {:.3} | {:.0} | {}/{} |",
            f.build.as_secs_f64() * 1e3,
            f.samples.0.len(),
            f.samples.pct(50),
            f.samples.pct(95),
            f.samples.max(),
            f.matches,
            f.top3,
            RELEVANCE.len()
        );
    }
    println!(
        "(top 3: the relevance set's expected scheme among the first 3; on the generated \
         catalogue the copies compete with the originals. FTS5 matches/query: rows returned, \
         at most 10; tantivy: all matches, which it loads, joins and counts facets over.)"
    );
    println!(
        "sqlx hop (SELECT 1, included in every FTS5 call): p50 {:.3} ms, p95 {:.3} ms",
        hop.pct(50),
        hop.pct(95)
    );

    let ratio = |a: f64, b: f64| a / b;
    println!();
    println!("Ratios:");
    for (name, t, f) in [("real", &t_real, &f_real), ("generated", &t_big, &f_big)] {
        println!(
            "  {name}: tantivy/FTS5 p50 {:.1}x, p95 {:.1}x, build {:.1}x",
            ratio(t.samples.pct(50), f.samples.pct(50)),
            ratio(t.samples.pct(95), f.samples.pct(95)),
            ratio(t.build.as_secs_f64(), f.build.as_secs_f64())
        );
    }
    for (engine, r, b) in [("tantivy", &t_real, &t_big), ("FTS5", &f_real, &f_big)] {
        println!(
            "  {engine}: generated/real p50 {:.0}x, p95 {:.0}x, build {:.0}x",
            ratio(b.samples.pct(50), r.samples.pct(50)),
            ratio(b.samples.pct(95), r.samples.pct(95)),
            ratio(b.build.as_secs_f64(), r.build.as_secs_f64())
        );
    }
    println!();
    let goal = |p95: f64, limit: f64| {
        if p95 <= limit {
            format!("met ({p95:.3} ms ≤ {limit} ms)")
        } else {
            format!("NOT met ({p95:.3} ms > {limit} ms)")
        }
    };
    println!(
        "Goal p95 ≤ 2 ms on the real catalogue: {}",
        goal(t_real.samples.pct(95), 2.0)
    );
    println!(
        "Goal p95 ≤ 20 ms on {size} schemes: {}",
        goal(t_big.samples.pct(95), 20.0)
    );
    for (name, f) in [
        ("tantivy, real", &t_real),
        ("FTS5, real", &f_real),
        ("tantivy, generated", &t_big),
        ("FTS5, generated", &f_big),
    ] {
        if !f.misses.is_empty() {
            println!("Top-3 misses ({name}):");
            for miss in &f.misses {
                println!("  {miss}");
            }
        }
    }
}
