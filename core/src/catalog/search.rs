//! Search by need: an inverted index over name, keywords, needs and description, ranked by BM25F
//! (BM25 with per-field weights and length normalisation), with query expansion by the lexicon.
//! Every hit says why it matched.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::lexicon::{Lexicon, RuleKind};
use super::service::{BusinessEvent, Channel, LifeEvent, Service, ServiceId};
use super::text::Analyzer;
use crate::chamber::ChamberCode;
use crate::profile::ProfileKind;

/// A field of the service card the index reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The name (`dct:title`).
    Name,
    /// The keywords (`dcat:keyword`).
    Keywords,
    /// The need phrases.
    Needs,
    /// The description (`dct:description`).
    Description,
}

impl Field {
    /// Every field, in index order.
    pub const ALL: [Field; 4] = [Field::Name, Field::Keywords, Field::Needs, Field::Description];

    fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Keywords => "keywords",
            Field::Needs => "needs",
            Field::Description => "description",
        }
    }
}

/// The ranking parameters. The defaults were tuned on the `tuning` half of
/// `testdata/catalog/needs.json` only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchConfig {
    /// BM25 term-frequency saturation.
    pub k1: f32,
    /// Weight of each field, in [`Field::ALL`] order.
    pub weights: [f32; 4],
    /// Length normalisation of each field (0 none, 1 full), in [`Field::ALL`] order.
    pub b: [f32; 4],
    /// Weight of a term added by a synonym (a typed term weighs 1).
    pub synonym_weight: f32,
    /// Weight of a term added by a need phrase.
    pub phrase_weight: f32,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            k1: 1.2,
            weights: [3.0, 2.0, 2.0, 1.0],
            b: [0.5, 0.3, 0.5, 0.75],
            synonym_weight: 0.7,
            phrase_weight: 1.0,
        }
    }
}

/// What to search and the filters to apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchQuery {
    /// The need in the user's words.
    pub text: String,
    /// Only services for this profile.
    pub profile: Option<ProfileKind>,
    /// Only services this chamber has activated.
    pub chamber: Option<ChamberCode>,
    /// Only services grouped under this business event.
    pub business_event: Option<BusinessEvent>,
    /// Only services grouped under this life event.
    pub life_event: Option<LifeEvent>,
    /// Only services offered on this channel.
    pub channel: Option<Channel>,
    /// At most this many hits.
    pub limit: usize,
}

impl SearchQuery {
    /// A query for `text` with no filter and at most 10 hits.
    pub fn new(text: impl Into<String>) -> Self {
        SearchQuery {
            text: text.into(),
            profile: None,
            chamber: None,
            business_event: None,
            life_event: None,
            channel: None,
            limit: 10,
        }
    }

    /// Only services for `profile`.
    pub fn profile(mut self, profile: ProfileKind) -> Self {
        self.profile = Some(profile);
        self
    }

    /// Only services active at `chamber`.
    pub fn chamber(mut self, chamber: ChamberCode) -> Self {
        self.chamber = Some(chamber);
        self
    }

    /// Only services under `event`.
    pub fn business_event(mut self, event: BusinessEvent) -> Self {
        self.business_event = Some(event);
        self
    }

    /// Only services under `event`.
    pub fn life_event(mut self, event: LifeEvent) -> Self {
        self.life_event = Some(event);
        self
    }

    /// Only services on `channel`.
    pub fn channel(mut self, channel: Channel) -> Self {
        self.channel = Some(channel);
        self
    }

    /// At most `limit` hits.
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// At most `limit` hits, the limit written as a decimal integer (what a binding receives
    /// from a language with unbounded integers): a negative one is refused (rule
    /// `non_negative`); one larger than any list means "every hit".
    ///
    /// ```
    /// use sportello::catalog::SearchQuery;
    /// assert_eq!(SearchQuery::new("visura").limit_text("3")?.limit, 3);
    /// assert_eq!(SearchQuery::new("visura").limit_text("99999999999999999999999")?.limit, usize::MAX);
    /// assert_eq!(SearchQuery::new("visura").limit_text("-1").unwrap_err().rule(), "non_negative");
    /// # Ok::<(), sportello::catalog::CatalogError>(())
    /// ```
    pub fn limit_text(self, limit: &str) -> Result<Self, super::CatalogError> {
        let t = limit.trim();
        let digits = t.strip_prefix('+').unwrap_or(t);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(super::CatalogError::InvalidValue {
                field: "limit",
                rule: "non_negative",
                text: limit.to_string(),
                expected: "a whole number of hits, 0 or more",
            });
        }
        Ok(self.limit(digits.parse::<usize>().unwrap_or(usize::MAX)))
    }
}

/// Where a matched term came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Via {
    /// The user typed it.
    Typed,
    /// A synonym of what the user typed.
    Synonym {
        /// What the user typed.
        from: String,
        /// The synonym that matched.
        to: String,
    },
    /// A need phrase of the lexicon.
    NeedPhrase {
        /// What the user typed.
        from: String,
        /// What the catalogue calls it.
        to: String,
    },
}

impl Via {
    /// The snake_case name of the source (`"typed"`, `"synonym"`, `"need_phrase"`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Via::Typed => "typed",
            Via::Synonym { .. } => "synonym",
            Via::NeedPhrase { .. } => "need_phrase",
        }
    }

    /// What the user typed and what it was mapped to, for a synonym or a need phrase.
    pub fn mapping(&self) -> Option<(&str, &str)> {
        match self {
            Via::Typed => None,
            Via::Synonym { from, to } | Via::NeedPhrase { from, to } => Some((from, to)),
        }
    }
}

/// Why a service matched: one term, the fields it was found in, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchReason {
    /// The term, as a word (folded).
    pub term: String,
    /// The fields of the service card that contain it.
    pub fields: Vec<Field>,
    /// Typed, or added by a synonym or a need phrase.
    pub via: Via,
}

impl fmt::Display for MatchReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fields: Vec<&str> = self.fields.iter().map(|x| x.as_str()).collect();
        write!(f, "\"{}\" in {}", self.term, fields.join(", "))?;
        match &self.via {
            Via::Typed => Ok(()),
            Via::Synonym { from, to } => write!(f, " (synonym: \"{from}\" ~ \"{to}\")"),
            Via::NeedPhrase { from, to } => write!(f, " (need phrase: \"{from}\" -> \"{to}\")"),
        }
    }
}

/// One result of a search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The service found.
    pub service_id: ServiceId,
    /// Its BM25F score (higher is better; comparable within one search only).
    pub score: f32,
    /// Why it matched, strongest term first.
    pub reasons: Vec<MatchReason>,
}

#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    /// The field-weighted, length-normalised term frequency of BM25F.
    wtf: f32,
    fields: u8,
}

/// One term of an analysed query.
#[derive(Debug, Clone)]
struct QueryTerm {
    stem: String,
    word: String,
    weight: f32,
    via: Via,
}

/// The inverted index of a catalogue. Built once; searching does not allocate per document
/// beyond one score per service.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    config: SearchConfig,
    terms: HashMap<String, u32>,
    postings: Vec<Vec<Posting>>,
    idf: Vec<f32>,
    docs: usize,
}

/// Per term, its frequency in each field of one service.
type TermFrequencies = HashMap<u32, [u16; 4]>;

/// The text of each field of a service, as the index reads it.
pub(crate) fn field_texts(s: &Service) -> [Vec<&str>; 4] {
    [
        vec![s.name.as_str()],
        s.keywords.iter().map(String::as_str).collect(),
        s.needs.iter().map(String::as_str).collect(),
        vec![s.description.as_str()],
    ]
}

impl SearchIndex {
    /// Indexes `services` (in this order: hit `doc` numbers are positions in it).
    pub fn build(services: &[Service], analyzer: &Analyzer, config: SearchConfig) -> SearchIndex {
        let mut terms: HashMap<String, u32> = HashMap::new();
        // per doc: (term, per-field tf), and per-field lengths
        let mut per_doc: Vec<(TermFrequencies, [usize; 4])> = Vec::with_capacity(services.len());
        let mut total_len = [0usize; 4];
        for s in services {
            let mut tfs: HashMap<u32, [u16; 4]> = HashMap::new();
            let mut lens = [0usize; 4];
            for (f, texts) in field_texts(s).iter().enumerate() {
                for text in texts {
                    for stem in analyzer.stems(text) {
                        let next = u32::try_from(terms.len()).unwrap_or(u32::MAX);
                        let id = *terms.entry(stem).or_insert(next);
                        let tf = tfs.entry(id).or_insert([0; 4]);
                        tf[f] = tf[f].saturating_add(1);
                        lens[f] += 1;
                    }
                }
                total_len[f] += lens[f];
            }
            per_doc.push((tfs, lens));
        }
        let n = services.len().max(1) as f32;
        let avg: Vec<f32> = total_len.iter().map(|&t| (t as f32 / n).max(1.0)).collect();
        let mut postings: Vec<Vec<Posting>> = vec![Vec::new(); terms.len()];
        for (doc, (tfs, lens)) in per_doc.into_iter().enumerate() {
            for (term, tf) in tfs {
                let mut wtf = 0.0;
                let mut fields = 0u8;
                for f in 0..4 {
                    if tf[f] > 0 {
                        let norm = 1.0 - config.b[f] + config.b[f] * lens[f] as f32 / avg[f];
                        wtf += config.weights[f] * f32::from(tf[f]) / norm;
                        fields |= Field::ALL[f].bit();
                    }
                }
                if let Some(list) = postings.get_mut(term as usize) {
                    list.push(Posting { doc: doc as u32, wtf, fields });
                }
            }
        }
        let idf = postings
            .iter()
            .map(|p| {
                let df = p.len() as f32;
                (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
            })
            .collect();
        SearchIndex { config, terms, postings, idf, docs: services.len() }
    }

    /// The ranking parameters.
    pub fn config(&self) -> &SearchConfig {
        &self.config
    }

    /// The analysed terms of `text`, typed terms first, then the expansions by the lexicon.
    fn query_terms(&self, text: &str, analyzer: &Analyzer, lexicon: &Lexicon) -> Vec<QueryTerm> {
        let tokens = analyzer.tokens(text);
        let stems: Vec<String> = tokens.iter().map(|t| t.stem.clone()).collect();
        let mut out: Vec<QueryTerm> = Vec::new();
        let mut add = |t: QueryTerm| match out.iter_mut().find(|q| q.stem == t.stem) {
            Some(q) if q.weight < t.weight => *q = t,
            Some(_) => {}
            None => out.push(t),
        };
        for t in &tokens {
            add(QueryTerm { stem: t.stem.clone(), word: t.word.clone(), weight: 1.0, via: Via::Typed });
        }
        for rule in lexicon.matches(&stems) {
            let (weight, via) = match rule.kind {
                RuleKind::Synonym => (
                    self.config.synonym_weight,
                    Via::Synonym { from: rule.from_text.clone(), to: rule.to_text.clone() },
                ),
                RuleKind::NeedPhrase => (
                    self.config.phrase_weight,
                    Via::NeedPhrase { from: rule.from_text.clone(), to: rule.to_text.clone() },
                ),
            };
            for (stem, word) in &rule.to {
                add(QueryTerm { stem: stem.clone(), word: word.clone(), weight, via: via.clone() });
            }
        }
        out
    }

    /// Ranks the services that pass `keep` for `text`; at most `limit` hits, best first, ties by
    /// identifier.
    pub(crate) fn search(
        &self,
        text: &str,
        analyzer: &Analyzer,
        lexicon: &Lexicon,
        services: &[Service],
        keep: impl Fn(usize) -> bool,
        limit: usize,
    ) -> Vec<SearchHit> {
        let query: Vec<(QueryTerm, Option<u32>)> = self
            .query_terms(text, analyzer, lexicon)
            .into_iter()
            .map(|q| {
                let id = self.terms.get(&q.stem).copied();
                (q, id)
            })
            .collect();
        let mut scores = vec![0f32; self.docs];
        let mut touched: Vec<u32> = Vec::new();
        let k1 = self.config.k1;
        for (q, id) in &query {
            let Some(id) = id else { continue };
            let idf = self.idf[*id as usize];
            for p in &self.postings[*id as usize] {
                let s = &mut scores[p.doc as usize];
                if *s == 0.0 {
                    touched.push(p.doc);
                }
                *s += q.weight * idf * p.wtf * (k1 + 1.0) / (k1 + p.wtf);
            }
        }
        touched.retain(|&d| scores[d as usize] > 0.0 && keep(d as usize));
        let order = |a: &u32, b: &u32| {
            scores[*b as usize]
                .total_cmp(&scores[*a as usize])
                .then_with(|| services[*a as usize].id.cmp(&services[*b as usize].id))
        };
        if touched.len() > limit && limit > 0 {
            touched.select_nth_unstable_by(limit - 1, order);
            touched.truncate(limit);
        }
        touched.sort_by(order);
        touched.truncate(limit);
        touched
            .into_iter()
            .map(|doc| {
                let mut contributions: Vec<(f32, MatchReason)> = Vec::new();
                for (q, id) in &query {
                    let Some(id) = id else { continue };
                    let list = &self.postings[*id as usize];
                    if let Ok(i) = list.binary_search_by_key(&doc, |p| p.doc) {
                        let p = list[i];
                        let fields = Field::ALL.into_iter().filter(|f| p.fields & f.bit() != 0).collect();
                        let part = q.weight * self.idf[*id as usize] * p.wtf * (k1 + 1.0) / (k1 + p.wtf);
                        contributions
                            .push((part, MatchReason { term: q.word.clone(), fields, via: q.via.clone() }));
                    }
                }
                contributions.sort_by(|a, b| b.0.total_cmp(&a.0));
                SearchHit {
                    service_id: services[doc as usize].id.clone(),
                    score: scores[doc as usize],
                    reasons: contributions.into_iter().map(|(_, r)| r).collect(),
                }
            })
            .collect()
    }
}
