//! Full-text search on tantivy (server only), for every capability that searches (the subsidy
//! search over the catalogue; later the matcher over vacancies): the analyzers — Dutch and
//! English, each lower-cased, folded to ASCII, without stop words and stemmed ("opleidingen"
//! finds "opleiding") — a synonym list kept as data, and how a person's words become a query:
//! each word, with its synonyms, stemmed, in every text field with that field's weight, and
//! the same forgiving a typo or two (a fuzzy match, weighted lower). The capability declares its
//! schema and documents; this module knows nothing of them.
use std::collections::HashMap;

use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer, TokenStream,
};
use tantivy::{Index, Searcher, Term};

/// The analyzer of Dutch text fields.
pub const DUTCH: &str = "hvw_nl";
/// The analyzer of English text fields.
pub const ENGLISH: &str = "hvw_en";

/// An analyzer for `language`: words split on anything but letters and digits, at most 40
/// characters, lower-cased, accents folded ("één" is "een"), stop words dropped, stemmed.
pub fn analyzer(language: Language) -> TextAnalyzer {
    let base = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter);
    match StopWordFilter::new(language) {
        Some(stop) => base.filter(stop).filter(Stemmer::new(language)).build(),
        None => base.filter(Stemmer::new(language)).build(),
    }
}

/// Registers the analyzers on an index (each index has its own tokenizer manager).
pub fn register(index: &Index) {
    index
        .tokenizers()
        .register(DUTCH, analyzer(Language::Dutch));
    index
        .tokenizers()
        .register(ENGLISH, analyzer(Language::English));
}

/// The words of a text as a person typed them: split on anything but letters and digits,
/// lower-cased and folded to ASCII, at most `max` of them (nothing stemmed yet: each field
/// stems in its own language).
pub fn words(text: &str, max: usize) -> Vec<String> {
    let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    let mut stream = plain.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() && out.len() < max {
        out.push(stream.token().text.clone());
    }
    out
}

/// Words that mean the same here ("omscholing" ~ "scholing" ~ "training"), from a data file:
/// `{"groups": [["omscholing", "scholing", "training"], …]}`. A group's entries are single
/// words, compared after lower-casing and folding to ASCII.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    of: HashMap<String, Vec<String>>,
}

impl Synonyms {
    /// Reads the synonym file's JSON.
    pub fn from_json(json: &str) -> Result<Synonyms, String> {
        #[derive(serde::Deserialize)]
        struct File {
            groups: Vec<Vec<String>>,
        }
        let file: File = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let mut of: HashMap<String, Vec<String>> = HashMap::new();
        for group in file.groups {
            let group: Vec<String> = group.iter().flat_map(|w| words(w, 1)).collect::<Vec<_>>();
            for word in &group {
                let entry = of.entry(word.clone()).or_default();
                for other in &group {
                    if other != word && !entry.contains(other) {
                        entry.push(other.clone());
                    }
                }
            }
        }
        Ok(Synonyms { of })
    }

    /// The word and the words that mean the same.
    pub fn expand(&self, word: &str) -> Vec<String> {
        let mut all = vec![word.to_string()];
        if let Some(others) = self.of.get(word) {
            all.extend(others.iter().cloned());
        }
        all
    }
}

/// A text field to search in: the field, the analyzer it was indexed with, and its weight.
#[derive(Debug, Clone, Copy)]
pub struct Weighted {
    pub field: Field,
    pub analyzer: &'static str,
    pub boost: f32,
}

/// The typos a word of this many characters may have and still match: none up to 4, one up to
/// 8, two from 9 (long Dutch compounds: "levenlanglerenkredit").
fn typos_allowed(len: usize) -> u8 {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// The query for a person's words: every word (with its synonyms) may match in any of
/// `fields`; the more words match, and the better, the higher the score. A word the index does
/// not know in any field is taken as a typo: it then matches the words it is one or two edits
/// away from (at a third of the weight). `None` for no words: the caller lists everything.
pub fn words_query(
    searcher: &Searcher,
    fields: &[Weighted],
    text: &str,
    synonyms: &Synonyms,
) -> Option<Box<dyn Query>> {
    let index = searcher.index();
    let typed = words(text, 12);
    let mut per_word: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for word in &typed {
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (n, variant) in synonyms.expand(word).into_iter().enumerate() {
            // A synonym counts a little less than the word typed.
            let weight = if n == 0 { 1.0 } else { 0.8 };
            let mut terms: Vec<(Weighted, Term)> = Vec::new();
            for f in fields {
                let Some(mut analyzer) = index.tokenizers().get(f.analyzer) else {
                    continue;
                };
                let mut stream = analyzer.token_stream(&variant);
                while stream.advance() {
                    terms.push((*f, Term::from_field_text(f.field, &stream.token().text)));
                }
            }
            let known = terms
                .iter()
                .any(|(_, term)| searcher.doc_freq(term).is_ok_and(|n| n > 0));
            for (f, term) in terms {
                alternatives.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
                        f.boost * weight,
                    )),
                ));
                let typos = term
                    .value()
                    .as_str()
                    .map_or(0, |t| typos_allowed(t.chars().count()));
                if !known && typos > 0 && n == 0 {
                    alternatives.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(
                            Box::new(FuzzyTermQuery::new(term, typos, true)),
                            f.boost / 3.0,
                        )),
                    ));
                }
            }
        }
        if !alternatives.is_empty() {
            per_word.push((Occur::Should, Box::new(BooleanQuery::new(alternatives))));
        }
    }
    if per_word.is_empty() {
        return None;
    }
    Some(Box::new(BooleanQuery::new(per_word)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(language: Language, text: &str) -> Vec<String> {
        let mut analyzer = analyzer(language);
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn dutch_words_are_stemmed_folded_and_stop_words_dropped() {
        assert_eq!(
            stems(Language::Dutch, "opleidingen"),
            stems(Language::Dutch, "opleiding")
        );
        assert_eq!(stems(Language::Dutch, "Één"), stems(Language::Dutch, "een"));
        assert!(stems(Language::Dutch, "voor de werkgever").len() == 1);
        assert_eq!(
            stems(Language::English, "trainings"),
            stems(Language::English, "training")
        );
    }

    #[test]
    fn synonyms_go_both_ways_and_words_are_folded() {
        let synonyms =
            Synonyms::from_json(r#"{"groups": [["Omscholing", "scholing", "training"]]}"#).unwrap();
        assert_eq!(
            synonyms.expand("training"),
            vec!["training", "omscholing", "scholing"]
        );
        assert_eq!(synonyms.expand("fiets"), vec!["fiets"]);
        assert_eq!(
            words("Praktijk-leren, BBL!", 5),
            vec!["praktijk", "leren", "bbl"]
        );
        assert!(Synonyms::from_json("{").is_err());
    }

    #[test]
    fn longer_words_may_have_more_typos() {
        assert_eq!(typos_allowed(4), 0);
        assert_eq!(typos_allowed(6), 1);
        assert_eq!(typos_allowed(20), 2);
    }
}
