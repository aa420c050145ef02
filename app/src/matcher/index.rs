//! The vacancies' index (server only): ranks the vacancies it was built from (the caller
//! leaves out the closed and expired ones) for a Skills CV in milliseconds, also at a million.
//!
//! tantivy keeps, per skill, the list of vacancies that ask it (two fields: as essential, as
//! optional). Ranking a CV walks only the lists of the CV's own skills, term at a time, adding
//! each vacancy's weight (essential 2, optional 1) in one counter per vacancy — the work grows
//! with how often the CV's skills are asked, not with the number of vacancies. Each touched
//! vacancy's counter gives the most its score can be (`matching::bound`); vacancies are taken
//! best bound first, and the exact score (`matching::score`: distance, travel time, wishes) is
//! worked out only while a bound can still reach the results. What ranks is therefore exactly
//! what the page explains, and the result equals scoring every vacancy one by one
//! ([`VacancyIndex::rank_every`], kept for the tests and the benchmark).
use std::cmp::Reverse;
use std::collections::BinaryHeap;

use tantivy::doc;
use tantivy::schema::{Field, IndexRecordOption, Schema, FAST, INDEXED};
use tantivy::{DocSet, Index, Searcher, Term, TERMINATED};

use crate::domain::account::SECTORS;
use crate::domain::matching::{self, Contract, Offer, SkillSet, Wanted};
use crate::domain::skills::{SkillNo, Taxonomy};
use crate::domain::travel::Mode;
use crate::domain::vacancies::{SplitMix, Vacancy};

/// What the matcher keeps of a vacancy: a few dozen bytes (a million fit in memory).
#[derive(Debug, Clone)]
struct Row {
    essential: Box<[SkillNo]>,
    optional: Box<[SkillNo]>,
    sector: u8,
    lat: f32,
    lon: f32,
    hours: (u8, u8),
    contract: Contract,
}

impl Row {
    fn offer(&self) -> Offer<'_> {
        Offer {
            essential: &self.essential,
            optional: &self.optional,
            sector: SECTORS
                .get(usize::from(self.sector))
                .copied()
                .unwrap_or("overig"),
            at: (f64::from(self.lat), f64::from(self.lon)),
            hours: self.hours,
            contract: self.contract,
        }
    }

    /// The skill weights the vacancy asks: 2 per essential skill, 1 per optional one.
    fn asked(&self) -> u32 {
        2 * self.essential.len() as u32 + self.optional.len() as u32
    }
}

/// One ranked vacancy: its place in the list the index was built from, and its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked {
    pub row: u32,
    pub score: u8,
    pub km: Option<u32>,
}

impl Ranked {
    /// Higher is better: the score, then nearer, then earlier in the list.
    fn key(&self) -> (u8, Reverse<u32>, Reverse<u32>) {
        (
            self.score,
            Reverse(self.km.unwrap_or(u32::MAX)),
            Reverse(self.row),
        )
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

#[derive(Debug, Clone, Copy)]
struct Fields {
    essential: Field,
    optional: Field,
    row: Field,
}

pub struct VacancyIndex {
    searcher: Searcher,
    fields: Fields,
    rows: Vec<Row>,
    /// Per segment of `searcher`, the row of each of its documents.
    segment_rows: Vec<Vec<u32>>,
}

impl VacancyIndex {
    /// Builds the index of `vacancies` (their order is the `row` of [`Ranked`]); a skill id
    /// the taxonomy does not know is left out.
    pub fn build(taxonomy: &Taxonomy, vacancies: &[Vacancy]) -> tantivy::Result<VacancyIndex> {
        let mut builder = Schema::builder();
        let fields = Fields {
            essential: builder.add_u64_field("essential", INDEXED),
            optional: builder.add_u64_field("optional", INDEXED),
            row: builder.add_u64_field("row", FAST),
        };
        let index = Index::create_in_ram(builder.build());
        let mut writer = index.writer_with_num_threads(1, 200_000_000)?;
        let mut rows = Vec::with_capacity(vacancies.len());
        for (i, v) in vacancies.iter().enumerate() {
            // Each skill once: essential wins over optional.
            let mut essential: Vec<SkillNo> = Vec::new();
            for no in v.essential.iter().filter_map(|id| taxonomy.no(id)) {
                if !essential.contains(&no) {
                    essential.push(no);
                }
            }
            let mut optional: Vec<SkillNo> = Vec::new();
            for no in v.optional.iter().filter_map(|id| taxonomy.no(id)) {
                if !essential.contains(&no) && !optional.contains(&no) {
                    optional.push(no);
                }
            }
            let row = Row {
                essential: essential.into(),
                optional: optional.into(),
                sector: SECTORS
                    .iter()
                    .position(|s| *s == v.sector)
                    .unwrap_or(SECTORS.len() - 1) as u8,
                lat: v.lat as f32,
                lon: v.lon as f32,
                hours: v.hours,
                contract: v.contract,
            };
            let mut document = doc!(fields.row => i as u64);
            for no in row.essential.iter() {
                document.add_u64(fields.essential, u64::from(*no));
            }
            for no in row.optional.iter() {
                document.add_u64(fields.optional, u64::from(*no));
            }
            writer.add_document(document)?;
            rows.push(row);
        }
        writer.commit()?;
        let searcher = index.reader()?.searcher();
        let mut segment_rows = Vec::new();
        for segment in searcher.segment_readers() {
            let column = segment.fast_fields().u64("row")?;
            let rows: Option<Vec<u32>> = (0..segment.max_doc())
                .map(|doc| column.first(doc).map(|row| row as u32))
                .collect();
            segment_rows.push(rows.ok_or_else(|| {
                tantivy::TantivyError::InternalError("a vacancy without its row".into())
            })?);
        }
        Ok(VacancyIndex {
            searcher,
            fields,
            rows,
            segment_rows,
        })
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The `limit` best vacancies for `wanted`, best first: a score above 0 (at least one of
    /// its skills), within reach. See the module for how.
    pub fn rank(&self, wanted: &Wanted, limit: usize) -> tantivy::Result<Vec<Ranked>> {
        if limit == 0 || wanted.skills.is_empty() {
            return Ok(Vec::new());
        }
        // Term at a time: each vacancy's weight of the CV's skills.
        let mut had = vec![0u16; self.rows.len()];
        let mut touched: Vec<u32> = Vec::new();
        for (s, segment) in self.searcher.segment_readers().iter().enumerate() {
            let rows = &self.segment_rows[s];
            let alive = segment.alive_bitset();
            for (field, weight) in [(self.fields.essential, 2u16), (self.fields.optional, 1)] {
                let inverted = segment.inverted_index(field)?;
                for skill in wanted.skills.iter() {
                    let term = Term::from_field_u64(field, u64::from(skill));
                    let Some(mut postings) =
                        inverted.read_postings(&term, IndexRecordOption::Basic)?
                    else {
                        continue;
                    };
                    let mut doc = postings.doc();
                    while doc != TERMINATED {
                        if alive.is_none_or(|a| a.is_alive(doc)) {
                            let row = rows[doc as usize];
                            let count = &mut had[row as usize];
                            if *count == 0 {
                                touched.push(row);
                            }
                            *count += weight;
                        }
                        doc = postings.advance();
                    }
                }
            }
        }
        // Best bound first (a counting sort over 0–100), exact scores while they can count.
        let mut by_bound: Vec<Vec<u32>> = vec![Vec::new(); 101];
        for row in touched {
            let bound = matching::bound(
                u32::from(had[row as usize]),
                self.rows[row as usize].asked(),
            );
            by_bound[usize::from(bound)].push(row);
        }
        let mut best = heap(limit, self.rows.len());
        for bound in (1..=100u8).rev() {
            if best.len() == limit && best.peek().is_some_and(|w| w.0.score > bound) {
                break;
            }
            for &row in &by_bound[usize::from(bound)] {
                let Some(scored) = matching::score(wanted, &self.rows[row as usize].offer()) else {
                    continue;
                };
                if scored.score == 0 {
                    continue;
                }
                offer_to(
                    &mut best,
                    limit,
                    Ranked {
                        row,
                        score: scored.score,
                        km: scored.km,
                    },
                );
            }
        }
        Ok(sorted(best))
    }

    /// The same as [`VacancyIndex::rank`] by scoring every vacancy one by one: the plain
    /// approach, for the tests (the two must agree) and the benchmark.
    pub fn rank_every(&self, wanted: &Wanted, limit: usize) -> Vec<Ranked> {
        if limit == 0 || wanted.skills.is_empty() {
            return Vec::new();
        }
        let mut best = heap(limit, self.rows.len());
        for (row, r) in self.rows.iter().enumerate() {
            if let Some(scored) = matching::score(wanted, &r.offer()) {
                if scored.score > 0 {
                    offer_to(
                        &mut best,
                        limit,
                        Ranked {
                            row: row as u32,
                            score: scored.score,
                            km: scored.km,
                        },
                    );
                }
            }
        }
        sorted(best)
    }

    /// What the page explains for one ranked vacancy.
    pub fn fit(&self, wanted: &Wanted, row: u32) -> Option<matching::Fit> {
        self.rows
            .get(row as usize)
            .and_then(|r| matching::fit(wanted, &r.offer()))
    }
}

/// A min-heap for the `limit` best of `rows` (never more room than there are rows).
fn heap(limit: usize, rows: usize) -> BinaryHeap<Reverse<Ranked>> {
    BinaryHeap::with_capacity(limit.min(rows).saturating_add(1))
}

/// Keeps the `limit` best in a min-heap.
fn offer_to(best: &mut BinaryHeap<Reverse<Ranked>>, limit: usize, candidate: Ranked) {
    if best.len() < limit {
        best.push(Reverse(candidate));
    } else if best.peek().is_some_and(|worst| candidate > worst.0) {
        best.pop();
        best.push(Reverse(candidate));
    }
}

fn sorted(best: BinaryHeap<Reverse<Ranked>>) -> Vec<Ranked> {
    let mut out: Vec<Ranked> = best.into_iter().map(|r| r.0).collect();
    out.sort_by(|a, b| b.cmp(a));
    out
}

/// A CV like a person's, for the tests and the benchmark: most of one occupation's skills, a
/// few others, and some wishes (from Zwolle).
pub fn sample_wanted(t: &Taxonomy, rng: &mut SplitMix) -> Wanted {
    let o = rng.pick(&t.occupations);
    let mut skills = SkillSet::default();
    for no in o
        .essential
        .iter()
        .chain(&o.optional)
        .filter_map(|id| t.no(id))
    {
        if rng.chance(70) {
            skills.insert(no);
        }
    }
    for _ in 0..rng.below(4) {
        skills.insert(rng.below(t.skills.len()) as SkillNo);
    }
    let zwolle = crate::domain::region::town_by_code("zwolle").map(|z| (z.lat, z.lon));
    Wanted {
        skills,
        from: zwolle.filter(|_| rng.chance(70)),
        mode: *rng.pick(&Mode::ALL),
        max_km: rng.chance(50).then_some(25),
        max_minutes: rng.chance(30).then_some(45),
        sectors: if rng.chance(40) {
            t.group(&o.group)
                .map(|g| g.sector.clone())
                .into_iter()
                .collect()
        } else {
            vec![]
        },
        hours: rng.chance(40).then_some((24, 32)),
        contracts: if rng.chance(30) {
            vec![Contract::Vast]
        } else {
            vec![]
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::Date;
    use crate::domain::vacancies::generate;

    fn taxonomy() -> Taxonomy {
        Taxonomy::parse(include_str!("../../../data/skills.json")).unwrap()
    }

    #[test]
    fn the_index_ranks_exactly_as_scoring_every_vacancy() {
        let t = taxonomy();
        let vacancies = generate(&t, 5_000, 11, Date::new(2026, 11, 29).unwrap());
        let index = VacancyIndex::build(&t, &vacancies).unwrap();
        assert_eq!(index.len(), 5_000);
        let mut rng = SplitMix::new(3);
        for n in 0..60 {
            let wanted = sample_wanted(&t, &mut rng);
            for limit in [1, 10, 50] {
                let fast = index.rank(&wanted, limit).unwrap();
                let every = index.rank_every(&wanted, limit);
                assert_eq!(fast, every, "CV {n}, top {limit}");
            }
            let top = index.rank(&wanted, 10).unwrap();
            for pair in top.windows(2) {
                assert!(pair[0] >= pair[1], "best first");
            }
            for r in &top {
                let fit = index.fit(&wanted, r.row).unwrap();
                assert_eq!(fit.score, r.score, "the page explains what ranked");
                assert!(!fit.matched_essential.is_empty() || !fit.matched_optional.is_empty());
            }
        }
    }

    #[test]
    fn no_skills_or_nothing_in_reach_ranks_nothing() {
        let t = taxonomy();
        let vacancies = generate(&t, 200, 5, Date::new(2026, 11, 29).unwrap());
        let index = VacancyIndex::build(&t, &vacancies).unwrap();
        assert!(index.rank(&Wanted::default(), 10).unwrap().is_empty());
        let wanted = Wanted {
            skills: SkillSet::of([t.no("basis-nederlands-b1").unwrap()]),
            from: Some((53.2, 6.56)), // Groningen: far from every town of the region
            max_km: Some(10),
            ..Wanted::default()
        };
        assert!(index.rank(&wanted, 10).unwrap().is_empty());
        assert!(index.rank_every(&wanted, 10).is_empty());
    }
}
