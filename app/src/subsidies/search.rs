//! The subsidy search's index (server only): every scheme of the catalogue as a tantivy
//! document — its name, its texts in Dutch and in English, its provider, and words for what it
//! is and who it is for — searched with `server::search` (stemming, typos, synonyms). The index
//! is built from the in-memory catalogue in a few milliseconds and rebuilt whenever the
//! catalogue is replaced; the facets, filters, sorting and pages are worked out here over the
//! matches.
use std::sync::Arc;

use tantivy::collector::TopDocs;
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

/// The catalogue's search index, for one version of the catalogue.
pub struct SchemeIndex {
    /// The catalogue it was built from (the search joins its matches with it).
    pub catalogue: Arc<Catalogue>,
    reader: IndexReader,
    fields: Fields,
    synonyms: Synonyms,
}

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
        Ok(SchemeIndex {
            catalogue,
            reader,
            fields,
            synonyms,
        })
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
    ) -> tantivy::Result<Vec<(usize, f32, tantivy::DocAddress)>> {
        let limit = self.catalogue.schemes.len().max(1);
        let top = searcher.search(query, &TopDocs::with_limit(limit).order_by_score())?;
        let columns = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.fast_fields().u64("pos"))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(top
            .into_iter()
            .filter_map(|(score, address)| {
                let pos = columns[address.segment_ord as usize].first(address.doc_id)?;
                Some((pos as usize, score, address))
            })
            .collect())
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
        let words = search::words_query(&searcher, &self.weighted(), &request.q, &self.synonyms);
        let query: Box<dyn Query> = match &words {
            Some(query) => query.box_clone(),
            None => Box::new(AllQuery),
        };
        let matched = self.matches(&searcher, &*query)?;
        struct Candidate<'a> {
            scheme: &'a Scheme,
            score: f32,
            address: tantivy::DocAddress,
            availability: Availability,
            region: &'static str,
        }
        let candidates: Vec<Candidate> = matched
            .into_iter()
            .filter_map(|(pos, score, address)| {
                let scheme = self.catalogue.schemes.get(pos)?;
                Some(Candidate {
                    availability: scheme.availability(today),
                    region: region_of(scheme),
                    scheme,
                    score,
                    address,
                })
            })
            .collect();
        let passes = |c: &Candidate, except: &str| {
            let chosen = |group: &str, list: &[String], values: &[&str]| {
                group == except
                    || list.is_empty()
                    || values.iter().any(|v| list.iter().any(|l| l == v))
            };
            chosen("voor", &request.voor, audiences(c.scheme))
                && chosen("soort", &request.soort, &[c.scheme.support.code()])
                && chosen(
                    "aanbieder",
                    &request.aanbieder,
                    &[c.scheme.provider.as_str()],
                )
                && chosen("regio", &request.regio, &[c.region])
                && chosen("status", &request.status, &[c.availability.code()])
        };
        let count =
            |group: &str, value_of: &dyn Fn(&Candidate) -> Vec<String>, chosen: &[String]| {
                let mut counts: Vec<FacetCount> = Vec::new();
                for c in candidates.iter().filter(|c| passes(c, group)) {
                    for value in value_of(c) {
                        match counts.iter_mut().find(|f| f.value == value) {
                            Some(f) => f.count += 1,
                            None => counts.push(FacetCount {
                                chosen: chosen.contains(&value),
                                value,
                                count: 1,
                            }),
                        }
                    }
                }
                // Chosen values stay visible even with no match, so they can be undone.
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
            };
        let facets = Facets {
            voor: count(
                "voor",
                &|c| audiences(c.scheme).iter().map(|s| s.to_string()).collect(),
                &request.voor,
            ),
            soort: count(
                "soort",
                &|c| vec![c.scheme.support.code().to_string()],
                &request.soort,
            ),
            aanbieder: count(
                "aanbieder",
                &|c| vec![c.scheme.provider.clone()],
                &request.aanbieder,
            ),
            regio: count("regio", &|c| vec![c.region.to_string()], &request.regio),
            status: count(
                "status",
                &|c| vec![c.availability.code().to_string()],
                &request.status,
            ),
        };
        let mut results: Vec<&Candidate> = candidates.iter().filter(|c| passes(c, "")).collect();
        let rank = |a: Availability| match a {
            Availability::Open => 0,
            Availability::ClosedForNow => 1,
            Availability::Ended => 2,
        };
        match request.sort.as_str() {
            "deadline" => results.sort_by_key(|c| {
                (
                    rank(c.availability),
                    c.scheme.deadline(today).is_none(),
                    c.scheme.deadline(today),
                )
            }),
            "bedrag" => results.sort_by_key(|c| {
                (
                    rank(c.availability),
                    std::cmp::Reverse(c.scheme.money.headline().unwrap_or(-1)),
                )
            }),
            // Relevance: the match, weighed by whether it can be applied for — a scheme that
            // stopped counts for less, so it ranks below an open one that matches as well, but
            // its own name still finds it (with its "stopped" badge). Ties: open first, then
            // catalogue order.
            _ => results.sort_by(|a, b| {
                let weighed = |c: &Candidate| {
                    c.score
                        * match c.availability {
                            Availability::Open => 1.0,
                            Availability::ClosedForNow => 0.8,
                            Availability::Ended => 0.5,
                        }
                };
                weighed(b)
                    .total_cmp(&weighed(a))
                    .then(rank(a.availability).cmp(&rank(b.availability)))
            }),
        }
        let total = results.len();
        let pages = total.div_ceil(PAGE_SIZE).max(1);
        let page = request.page.clamp(1, pages);
        let shown: Vec<&Candidate> = results
            .into_iter()
            .skip((page - 1) * PAGE_SIZE)
            .take(PAGE_SIZE)
            .collect();
        let snippets = match &words {
            Some(query) => {
                let addresses: Vec<_> = shown.iter().map(|c| c.address).collect();
                self.snippets(&searcher, &**query, &addresses)?
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
                region: c.region.to_string(),
                amount: c.scheme.money.headline(),
                deadline: c.scheme.deadline(today).map(|d| d.to_string()),
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
