//! The subsidy search's index (server only): every scheme of the catalogue as a tantivy
//! document — its name, its texts in Dutch and in English, its provider, and words for what it
//! is and who it is for — searched with `server::search` (stemming, typos, synonyms). The index
//! is built from the in-memory catalogue in a few milliseconds and rebuilt whenever the
//! catalogue is replaced; the facets, filters, sorting and pages are worked out here over the
//! matches.
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{AllQuery, Query};
use tantivy::schema::{Schema, TextFieldIndexing, TextOptions, STORED, STRING};
use tantivy::snippet::SnippetGenerator;
use tantivy::{doc, Index, IndexReader, TantivyDocument};

use super::{FacetCount, Facets, Hit, SearchRequest, SearchView, PAGE_SIZE};
use crate::domain::date::Date;
use crate::domain::schemes::{
    Area, Audience, Availability, Catalogue, Criterion, Scheme, SupportKind,
};
use crate::server::search::{self, Synonyms, Weighted};

/// The synonym list, kept as data beside the catalogue.
const SYNONYMS: &str = include_str!("../../../data/synonyms.json");

/// A text with the matching words marked (empty when nothing is marked).
pub type Snippet = Vec<(String, bool)>;

/// The snippet of `doc` from `generator`, as parts of text each marked or not.
fn marked(generator: &Option<SnippetGenerator>, doc: &TantivyDocument) -> Snippet {
    let Some(generator) = generator else {
        return Vec::new();
    };
    let snippet = generator.snippet_from_doc(doc);
    if snippet.highlighted().is_empty() {
        return Vec::new();
    }
    let fragment = snippet.fragment();
    let mut parts = Vec::new();
    let mut at = 0;
    for range in snippet.highlighted() {
        if range.start > at {
            parts.push((fragment[at..range.start].to_string(), false));
        }
        parts.push((fragment[range.clone()].to_string(), true));
        at = range.end;
    }
    if at < fragment.len() {
        parts.push((fragment[at..].to_string(), false));
    }
    parts
}

/// Collects every match with its score and its scheme's place in the catalogue (the `pos` fast
/// field), unordered: the search filters, counts and sorts them itself, so a ranked collector
/// (`TopDocs`, a heap as large as the catalogue) would only add work. Tantivy's own extension
/// point for this; it ships no collector that keeps scores without ranking them.
struct AllMatches;

/// A match: its scheme's place in the catalogue, its score, its address in the index.
type Match = (usize, f32, tantivy::DocAddress);

struct SegmentMatches {
    segment: tantivy::SegmentOrdinal,
    pos: Column<u64>,
    matches: Vec<Match>,
}

impl Collector for AllMatches {
    type Fruit = Vec<Match>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: tantivy::SegmentOrdinal,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        Ok(SegmentMatches {
            segment,
            pos: reader.fast_fields().u64("pos")?,
            matches: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Match>>) -> tantivy::Result<Vec<Match>> {
        Ok(fruits.concat())
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<Match>;

    fn collect(&mut self, doc: tantivy::DocId, score: tantivy::Score) {
        if let Some(pos) = self.pos.first(doc) {
            self.matches.push((
                pos as usize,
                score,
                tantivy::DocAddress::new(self.segment, doc),
            ));
        }
    }

    fn harvest(self) -> Vec<Match> {
        self.matches
    }
}

/// The facet groups, in the order of `Candidate::passes`' bits.
const GROUPS: [&str; 5] = ["voor", "soort", "aanbieder", "regio", "status"];

/// A match joined with its scheme, with what the facets and the order need of it.
struct Candidate<'a> {
    scheme: &'a Scheme,
    /// Its place in the catalogue: the last tie-break of every order.
    pos: usize,
    score: f32,
    address: tantivy::DocAddress,
    availability: Availability,
    facts: Facts,
    /// Bit `g` set when the scheme passes the values chosen in facet group `GROUPS[g]`.
    passes: u8,
}

/// A search's words as a query (none without words), and the schemes they match.
type Matched<'a> = (Option<Box<dyn Query>>, Vec<Candidate<'a>>);

/// Every facet group passed.
const ALL: u8 = (1 << GROUPS.len()) - 1;

/// The order of a search's results (`sorteer`). Relevance: the match, weighed by whether it
/// can be applied for — a scheme that stopped counts for less, so it ranks below an open one
/// that matches as well, but its own name still finds it (with its "stopped" badge). Ties:
/// open first. Every order breaks its ties by relevance, then by the catalogue's order.
fn order(sort: &str, today: Date, a: &Candidate<'_>, b: &Candidate<'_>) -> std::cmp::Ordering {
    let rank = |a: Availability| match a {
        Availability::Open => 0,
        Availability::ClosedForNow => 1,
        Availability::Ended => 2,
    };
    let weighed = |c: &Candidate| {
        c.score
            * match c.availability {
                Availability::Open => 1.0,
                Availability::ClosedForNow => 0.8,
                Availability::Ended => 0.5,
            }
    };
    match sort {
        "deadline" => (
            rank(a.availability),
            a.scheme.deadline(today).is_none(),
            a.scheme.deadline(today),
        )
            .cmp(&(
                rank(b.availability),
                b.scheme.deadline(today).is_none(),
                b.scheme.deadline(today),
            )),
        "bedrag" => (
            rank(a.availability),
            std::cmp::Reverse(a.scheme.money.headline().unwrap_or(-1)),
        )
            .cmp(&(
                rank(b.availability),
                std::cmp::Reverse(b.scheme.money.headline().unwrap_or(-1)),
            )),
        _ => weighed(b)
            .total_cmp(&weighed(a))
            .then(rank(a.availability).cmp(&rank(b.availability))),
    }
    .then_with(|| weighed(b).total_cmp(&weighed(a)))
    .then(a.pos.cmp(&b.pos))
}

/// The counts of facet group `group`: a value counts the candidates that pass every other
/// group's choice, so a count says what choosing it would give. `slots` is the number of the
/// group's values, `values` gives a candidate's places among them and `name` a place's value;
/// the values are listed in their own order (they do not move as the search changes).
fn count(
    candidates: &[Candidate<'_>],
    group: usize,
    chosen: &[String],
    slots: usize,
    values: impl Fn(&Candidate<'_>) -> [Option<usize>; 2],
    name: impl Fn(usize) -> String,
) -> Vec<FacetCount> {
    let mut tally = vec![0usize; slots];
    for c in candidates.iter().filter(|c| c.passes | 1 << group == ALL) {
        for slot in values(c).into_iter().flatten() {
            tally[slot] += 1;
        }
    }
    // Every value of the group, a value the search does not find with 0: the page hides
    // those, and its island shows them again when a changed search finds them.
    let mut counts: Vec<FacetCount> = tally
        .into_iter()
        .enumerate()
        .map(|(slot, n)| {
            let value = name(slot);
            FacetCount {
                chosen: chosen.contains(&value),
                value,
                count: n,
            }
        })
        .collect();
    // A chosen value the catalogue does not have stays visible, so it can be undone.
    for value in chosen {
        if !counts.iter().any(|f| &f.value == value) {
            counts.push(FacetCount {
                value: value.clone(),
                count: 0,
                chosen: true,
            });
        }
    }
    counts
}

/// The catalogue's search index, for one version of the catalogue.
pub struct SchemeIndex {
    /// The catalogue it was built from (the search joins its matches with it).
    pub catalogue: Arc<Catalogue>,
    reader: IndexReader,
    fields: Fields,
    synonyms: Synonyms,
    /// What the facets need of each scheme, by its place in the catalogue: worked out once, so
    /// a search that matches most of a large catalogue only reads small numbers.
    facts: Vec<Facts>,
    /// The providers' names; `Facts::provider` is a place in it.
    providers: Vec<String>,
    /// Each scheme's availability on a day, worked out on the first search of that day.
    availability: std::sync::Mutex<Option<(Date, Arc<Vec<Availability>>)>>,
}

/// A scheme's facet values as small numbers (places in the facet's list of values).
#[derive(Debug, Clone, Copy)]
struct Facts {
    /// Bit 0: for individuals (`inwoner`), bit 1: for employers (`werkgever`).
    audience: u8,
    /// In `SupportKind::ALL`.
    support: u8,
    /// In `REGIONS`.
    region: u8,
    /// In `SchemeIndex::providers`.
    provider: u32,
}

/// The region facet's values, in the order the page lists them.
const REGIONS: [&str; 4] = ["nationaal", "provincie", "regio", "gemeente"];
/// The "for whom" facet's values, by `Facts::audience` bit.
const AUDIENCES: [&str; 2] = ["inwoner", "werkgever"];

#[derive(Clone, Copy)]
struct Fields {
    id: tantivy::schema::Field,
    name: tantivy::schema::Field,
    name_en: tantivy::schema::Field,
    nl: tantivy::schema::Field,
    en: tantivy::schema::Field,
    tags: tantivy::schema::Field,
    /// The scheme's place in the catalogue (a fast field: a match is joined with its scheme
    /// without loading the stored document).
    pos: tantivy::schema::Field,
}

fn text(analyzer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(tantivy::schema::IndexRecordOption::WithFreqsAndPositions),
    )
}

/// The region a scheme is for: the whole country, the province, the region, one gemeente.
pub fn region_of(scheme: &Scheme) -> &'static str {
    if scheme.id.starts_with("gemeente-") {
        return "gemeente";
    }
    let area = scheme.criteria.iter().find_map(|c| match c {
        Criterion::Region { area } => Some(*area),
        _ => None,
    });
    match area {
        Some(Area::Overijssel) => "provincie",
        Some(Area::RegioZwolle | Area::Arbeidsmarktregio) => "regio",
        None => "nationaal",
    }
}

/// Who a scheme is for, as the search's "for whom" values.
pub fn audiences(scheme: &Scheme) -> &'static [&'static str] {
    match scheme.audience {
        Audience::Individual => &["inwoner"],
        Audience::Employer => &["werkgever"],
        Audience::Both => &["inwoner", "werkgever"],
    }
}

/// The texts a scheme's document holds: Dutch, English, and its tags (the benchmark's FTS5
/// table holds the same).
pub fn texts(scheme: &Scheme) -> [String; 3] {
    let nl = [
        scheme.summary.nl.as_str(),
        scheme.official_name.as_deref().unwrap_or_default(),
        &scheme.provider,
        &scheme.apply.nl,
        &scheme.notes.nl,
        &scheme.status_note.nl,
    ]
    .join("\n\n");
    let en = [
        scheme.summary.en.as_str(),
        &scheme.apply.en,
        &scheme.notes.en,
        &scheme.status_note.en,
    ]
    .join("\n\n");
    [nl, en, tags(scheme)]
}

/// Words for what a scheme is and who it is for, in both languages, so "lening" or "employer"
/// finds the schemes that are one or for one even when their texts do not say so.
fn tags(scheme: &Scheme) -> String {
    let support = match scheme.support {
        SupportKind::Subsidy => "subsidie subsidy",
        SupportKind::Voucher => "voucher tegoed",
        SupportKind::Loan => "lening loan",
        SupportKind::TaxDeduction => "belastingaftrek aftrek tax deduction",
        SupportKind::TaxExemption => "belastingvrij vergoeding tax free",
        SupportKind::WageCostAllowance => "loonkostenvoordeel loonkosten wage allowance",
        SupportKind::Fund => "fonds sectorfonds fund",
        SupportKind::Advice => "advies begeleiding advice guidance",
    };
    let audience = match scheme.audience {
        Audience::Individual => "werkende werkzoekende inwoner worker jobseeker",
        Audience::Employer => "werkgever employer",
        Audience::Both => "werkende werkzoekende werkgever worker employer",
    };
    let sectors: Vec<&str> = scheme
        .criteria
        .iter()
        .flat_map(|c| match c {
            Criterion::Sector { any_of } => any_of.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        })
        .collect();
    format!(
        "{support} {audience} {} {}",
        region_of(scheme),
        sectors.join(" ")
    )
}

impl SchemeIndex {
    /// Builds the index of `catalogue` in memory.
    pub fn build(catalogue: Arc<Catalogue>) -> tantivy::Result<SchemeIndex> {
        let mut builder = Schema::builder();
        let fields = Fields {
            id: builder.add_text_field("id", STRING | STORED),
            name: builder.add_text_field("name", text(search::DUTCH).set_stored()),
            name_en: builder.add_text_field("name_en", text(search::ENGLISH)),
            nl: builder.add_text_field("nl", text(search::DUTCH).set_stored()),
            en: builder.add_text_field("en", text(search::ENGLISH).set_stored()),
            tags: builder.add_text_field("tags", text(search::DUTCH)),
            pos: builder.add_u64_field("pos", tantivy::schema::FAST),
        };
        let index = Index::create_in_ram(builder.build());
        search::register(&index);
        let mut writer = index.writer_with_num_threads(1, 15_000_000)?;
        for (pos, scheme) in catalogue.schemes.iter().enumerate() {
            let [nl, en, tags] = texts(scheme);
            writer.add_document(doc!(
                fields.id => scheme.id.clone(),
                fields.name => scheme.name.clone(),
                fields.name_en => scheme.name.clone(),
                fields.nl => nl,
                fields.en => en,
                fields.tags => tags,
                fields.pos => pos as u64,
            ))?;
        }
        writer.commit()?;
        let reader = index.reader()?;
        let synonyms =
            Synonyms::from_json(SYNONYMS).map_err(tantivy::TantivyError::InvalidArgument)?;
        let mut providers: Vec<String> = Vec::new();
        let mut provider_of: std::collections::HashMap<&str, u32> =
            std::collections::HashMap::new();
        let facts = catalogue
            .schemes
            .iter()
            .map(|scheme| {
                let provider = *provider_of
                    .entry(scheme.provider.as_str())
                    .or_insert_with(|| {
                        providers.push(scheme.provider.clone());
                        (providers.len() - 1) as u32
                    });
                Facts {
                    audience: audiences(scheme)
                        .iter()
                        .fold(0, |bits, a| bits | if *a == AUDIENCES[0] { 1 } else { 2 }),
                    support: SupportKind::ALL
                        .iter()
                        .position(|k| *k == scheme.support)
                        .unwrap_or(0) as u8,
                    region: REGIONS
                        .iter()
                        .position(|r| *r == region_of(scheme))
                        .unwrap_or(0) as u8,
                    provider,
                }
            })
            .collect();
        Ok(SchemeIndex {
            catalogue,
            reader,
            fields,
            synonyms,
            facts,
            providers,
            availability: std::sync::Mutex::new(None),
        })
    }

    /// Every scheme's availability on `today` (worked out once a day).
    fn availability_on(&self, today: Date) -> Arc<Vec<Availability>> {
        let mut cached = self
            .availability
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match &*cached {
            Some((day, list)) if *day == today => Arc::clone(list),
            _ => {
                let list: Arc<Vec<Availability>> = Arc::new(
                    self.catalogue
                        .schemes
                        .iter()
                        .map(|s| s.availability(today))
                        .collect(),
                );
                *cached = Some((today, Arc::clone(&list)));
                list
            }
        }
    }

    fn weighted(&self) -> [Weighted; 5] {
        let f = self.fields;
        [
            Weighted {
                field: f.name,
                analyzer: search::DUTCH,
                boost: 4.0,
            },
            Weighted {
                field: f.name_en,
                analyzer: search::ENGLISH,
                boost: 2.0,
            },
            Weighted {
                field: f.tags,
                analyzer: search::DUTCH,
                boost: 1.5,
            },
            Weighted {
                field: f.nl,
                analyzer: search::DUTCH,
                boost: 1.0,
            },
            Weighted {
                field: f.en,
                analyzer: search::ENGLISH,
                boost: 1.0,
            },
        ]
    }

    /// The schemes that match `words` (all of them without words): their places in the
    /// catalogue, scores and addresses in the index (for the snippets of the page shown).
    fn matches(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
    ) -> tantivy::Result<Vec<Match>> {
        searcher.search(query, &AllMatches)
    }

    /// The snippets (Dutch, English) of the schemes at `addresses`, with the words of `query`
    /// marked: made for the page shown only.
    fn snippets(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        addresses: &[tantivy::DocAddress],
    ) -> tantivy::Result<Vec<[Snippet; 2]>> {
        let generator = |field| -> tantivy::Result<Option<SnippetGenerator>> {
            let mut generator = SnippetGenerator::create(searcher, query, field)?;
            generator.set_max_num_chars(180);
            Ok(Some(generator))
        };
        let generators = [generator(self.fields.nl)?, generator(self.fields.en)?];
        addresses
            .iter()
            .map(|address| {
                let doc: TantivyDocument = searcher.doc(*address)?;
                Ok([marked(&generators[0], &doc), marked(&generators[1], &doc)])
            })
            .collect()
    }

    /// A search: the matches of its words, filtered by its facets, sorted and paged, with the
    /// count of every facet value (each counted with the other facets' filters applied, so a
    /// count says what choosing it would give).
    pub fn search(&self, request: &SearchRequest, today: Date) -> tantivy::Result<SearchView> {
        let searcher = self.reader.searcher();
        let (words, candidates) = self.candidates(&searcher, request, today)?;
        self.page_of(&searcher, words, &candidates, request, today)
    }

    /// The ids of every result of a search, in its order, in one pass (the alerts' digest: no
    /// facet counts, pages, snippets or calculator addresses).
    pub fn every_result(
        &self,
        request: &SearchRequest,
        today: Date,
    ) -> tantivy::Result<Vec<String>> {
        let searcher = self.reader.searcher();
        let (_, candidates) = self.candidates(&searcher, request, today)?;
        let mut results: Vec<&Candidate> = candidates.iter().filter(|c| c.passes == ALL).collect();
        results.sort_unstable_by(|a, b| order(&request.sort, today, a, b));
        Ok(results.into_iter().map(|c| c.scheme.id.clone()).collect())
    }

    /// The query of a search's words (none when it has none), and every scheme it matches
    /// (every scheme without words) with its facts and the facet groups whose choice it passes.
    fn candidates(
        &self,
        searcher: &tantivy::Searcher,
        request: &SearchRequest,
        today: Date,
    ) -> tantivy::Result<Matched<'_>> {
        let words = search::words_query(searcher, &self.weighted(), &request.q, &self.synonyms);
        let query: Box<dyn Query> = match &words {
            Some(query) => query.box_clone(),
            None => Box::new(AllQuery),
        };
        let matched = self.matches(searcher, &*query)?;
        let availability = self.availability_on(today);
        // Each group's choice as the places of its values (a value not known chooses nothing).
        let places = |list: &[String], of: &dyn Fn(&str) -> Option<usize>| -> Vec<usize> {
            list.iter().filter_map(|v| of(v)).collect()
        };
        let want_audience: u8 = places(&request.voor, &|v| AUDIENCES.iter().position(|a| *a == v))
            .into_iter()
            .fold(0, |bits, i| bits | 1 << i);
        let want_support = places(&request.soort, &|v| {
            SupportKind::ALL.iter().position(|k| k.code() == v)
        });
        let want_provider = places(&request.aanbieder, &|v| {
            self.providers.iter().position(|p| p == v)
        });
        let want_region = places(&request.regio, &|v| REGIONS.iter().position(|r| *r == v));
        let want_status = places(&request.status, &|v| {
            Availability::ALL.iter().position(|a| a.code() == v)
        });
        let status_of =
            |a: Availability| Availability::ALL.iter().position(|x| *x == a).unwrap_or(0);
        let candidates: Vec<Candidate> = matched
            .into_iter()
            .filter_map(|(pos, score, address)| {
                let scheme = self.catalogue.schemes.get(pos)?;
                let facts = *self.facts.get(pos)?;
                let availability = *availability.get(pos)?;
                let groups = [
                    request.voor.is_empty() || facts.audience & want_audience != 0,
                    request.soort.is_empty() || want_support.contains(&(facts.support as usize)),
                    request.aanbieder.is_empty()
                        || want_provider.contains(&(facts.provider as usize)),
                    request.regio.is_empty() || want_region.contains(&(facts.region as usize)),
                    request.status.is_empty() || want_status.contains(&status_of(availability)),
                ];
                let passes =
                    groups
                        .iter()
                        .enumerate()
                        .fold(0u8, |bits, (g, ok)| if *ok { bits | 1 << g } else { bits });
                Some(Candidate {
                    availability,
                    facts,
                    scheme,
                    pos,
                    score,
                    address,
                    passes,
                })
            })
            .collect();
        Ok((words, candidates))
    }

    /// The page a search asks for, with its facet counts and snippets.
    fn page_of(
        &self,
        searcher: &tantivy::Searcher,
        words: Option<Box<dyn Query>>,
        candidates: &[Candidate<'_>],
        request: &SearchRequest,
        today: Date,
    ) -> tantivy::Result<SearchView> {
        let status_of =
            |a: Availability| Availability::ALL.iter().position(|x| *x == a).unwrap_or(0);
        let facets = Facets {
            voor: count(
                candidates,
                0,
                &request.voor,
                AUDIENCES.len(),
                |c| {
                    let bit = |i: usize| (c.facts.audience & 1 << i != 0).then_some(i);
                    [bit(0), bit(1)]
                },
                |i| AUDIENCES[i].to_string(),
            ),
            soort: count(
                candidates,
                1,
                &request.soort,
                SupportKind::ALL.len(),
                |c| [Some(c.facts.support as usize), None],
                |i| SupportKind::ALL[i].code().to_string(),
            ),
            aanbieder: count(
                candidates,
                2,
                &request.aanbieder,
                self.providers.len(),
                |c| [Some(c.facts.provider as usize), None],
                |i| self.providers[i].clone(),
            ),
            regio: count(
                candidates,
                3,
                &request.regio,
                REGIONS.len(),
                |c| [Some(c.facts.region as usize), None],
                |i| REGIONS[i].to_string(),
            ),
            status: count(
                candidates,
                4,
                &request.status,
                Availability::ALL.len(),
                |c| [Some(status_of(c.availability)), None],
                |i| Availability::ALL[i].code().to_string(),
            ),
        };
        let mut results: Vec<&Candidate> = candidates.iter().filter(|c| c.passes == ALL).collect();
        let by = |a: &&Candidate, b: &&Candidate| order(&request.sort, today, a, b);
        // Only the pages up to the one shown need their order: the rest is partitioned off
        // (linear), so a search that matches most of a large catalogue sorts ten, not all.
        let page_size = PAGE_SIZE;
        let total = results.len();
        let pages = total.div_ceil(page_size).max(1);
        let page = request.page.clamp(1, pages);
        let needed = page.saturating_mul(page_size).min(total);
        if needed > 0 && needed < total {
            results.select_nth_unstable_by(needed - 1, by);
            results.truncate(needed);
        }
        results.sort_unstable_by(by);
        let shown: Vec<&Candidate> = results
            .into_iter()
            .skip((page - 1).saturating_mul(page_size))
            .take(page_size)
            .collect();
        let snippets = match &words {
            Some(query) => {
                let addresses: Vec<_> = shown.iter().map(|c| c.address).collect();
                self.snippets(searcher, &**query, &addresses)?
            }
            None => vec![[Vec::new(), Vec::new()]; shown.len()],
        };
        let hits = shown
            .into_iter()
            .zip(snippets)
            .map(|(c, [snippet, snippet_en])| Hit {
                id: c.scheme.id.clone(),
                name: c.scheme.name.clone(),
                summary: c.scheme.summary.clone(),
                snippet,
                snippet_en,
                provider: c.scheme.provider.clone(),
                support: c.scheme.support.code().to_string(),
                availability: c.availability.code().to_string(),
                audience: audiences(c.scheme).iter().map(|s| s.to_string()).collect(),
                region: REGIONS[c.facts.region as usize].to_string(),
                amount: c.scheme.money.headline(),
                deadline: c.scheme.deadline(today).map(|d| d.to_string()),
                calculator: super::calculator_address(c.scheme),
            })
            .collect();
        Ok(SearchView {
            request: SearchRequest {
                page,
                ..request.clone()
            },
            total,
            pages,
            hits,
            facets,
        })
    }
}
