//! Synonyms and need phrases: how users say things, mapped onto the words of the catalogue.
//! Both are data (`core/data/catalog/lexicon.json`), compiled once into stem sequences.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::text::Analyzer;

/// How a rule was written in the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// Two words or phrases of one synonym group (`"ditta"` ~ `"impresa"`), both ways.
    Synonym,
    /// A need phrase as users say it, mapped one way onto the catalogue's words
    /// (`"tassa annuale"` → `"diritto annuale"`).
    NeedPhrase,
}

/// The lexicon as written in the data file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct LexiconData {
    /// Italian stop words, dropped from the index and the queries.
    pub stop_words: Vec<String>,
    /// Groups of equivalent words or phrases.
    pub synonyms: Vec<Vec<String>>,
    /// Need phrases: what users say, and what the catalogue calls it.
    pub phrases: Vec<NeedPhraseData>,
}

/// One need phrase of the lexicon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedPhraseData {
    /// What users say (`"tassa annuale"`).
    pub says: String,
    /// What the catalogue calls it (`"diritto annuale"`).
    pub means: String,
}

/// A compiled rule: when the query contains `from` (as stems, in order), the stems of `to` are
/// added to the query.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rule {
    pub kind: RuleKind,
    pub from: Vec<String>,
    pub from_text: String,
    pub to: Vec<(String, String)>,
    pub to_text: String,
}

/// The compiled lexicon.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    pub rules: Vec<Rule>,
    by_first: HashMap<String, Vec<usize>>,
}

impl Lexicon {
    /// Compiles `data` with `analyzer`. Entries that analyse to nothing are reported by the
    /// loader before this point.
    pub fn compile(data: &LexiconData, analyzer: &Analyzer) -> Lexicon {
        let mut rules = Vec::new();
        let mut push = |kind, from_text: &str, to_text: &str| {
            let from = analyzer.stems(from_text);
            let to: Vec<(String, String)> =
                analyzer.tokens(to_text).into_iter().map(|t| (t.stem, t.word)).collect();
            if !from.is_empty() && !to.is_empty() && to.iter().map(|(s, _)| s).ne(from.iter()) {
                rules.push(Rule {
                    kind,
                    from,
                    from_text: from_text.to_string(),
                    to,
                    to_text: to_text.to_string(),
                });
            }
        };
        for group in &data.synonyms {
            for a in group {
                for b in group {
                    if a != b {
                        push(RuleKind::Synonym, a, b);
                    }
                }
            }
        }
        for p in &data.phrases {
            push(RuleKind::NeedPhrase, &p.says, &p.means);
        }
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in rules.iter().enumerate() {
            if let Some(first) = r.from.first() {
                by_first.entry(first.clone()).or_default().push(i);
            }
        }
        Lexicon { rules, by_first }
    }

    /// The rules whose `from` occurs in `stems`, each with where it starts.
    pub fn matches<'a>(&'a self, stems: &'a [String]) -> impl Iterator<Item = &'a Rule> + 'a {
        stems.iter().enumerate().flat_map(move |(i, s)| {
            self.by_first
                .get(s)
                .into_iter()
                .flatten()
                .map(|&r| &self.rules[r])
                .filter(move |r| stems[i..].starts_with(&r.from))
        })
    }
}
