//! Italian text analysis for the search: accent and case folding, stop words, Snowball stemming.

use std::collections::HashSet;
use std::fmt;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds case and accents and turns every non-alphanumeric character into a space:
/// `"Perché l'Attività?"` becomes `"perche l attivita "`.
///
/// ```
/// use sportello::catalog::fold;
/// assert_eq!(fold("Perché l'Attività È"), "perche l attivita e");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// One analysed word: as folded, and its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The word, folded (`"attivita"`).
    pub word: String,
    /// Its Italian Snowball stem (`"attiv"`).
    pub stem: String,
}

/// The analyser shared by the index and the queries, so both see the same terms: fold, drop stop
/// words, stem with the Italian Snowball stemmer (`rust-stemmers`).
pub struct Analyzer {
    stemmer: Stemmer,
    stop_words: HashSet<String>,
}

impl fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Analyzer").field("stop_words", &self.stop_words.len()).finish()
    }
}

impl Analyzer {
    /// An analyser with these stop words (folded on the way in).
    pub fn new<I, S>(stop_words: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Analyzer {
            stemmer: Stemmer::create(Algorithm::Italian),
            stop_words: stop_words.into_iter().map(|w| fold(w.as_ref())).collect(),
        }
    }

    /// Whether `folded` is a stop word.
    pub fn is_stop_word(&self, folded: &str) -> bool {
        self.stop_words.contains(folded)
    }

    /// The stem of one folded word.
    pub fn stem(&self, folded: &str) -> String {
        self.stemmer.stem(folded).into_owned()
    }

    /// The tokens of `text`, stop words and one-letter words dropped.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        fold(text)
            .split(' ')
            .filter(|w| w.chars().count() > 1 && !self.is_stop_word(w))
            .map(|w| Token { stem: self.stem(w), word: w.to_string() })
            .collect()
    }

    /// The stems of `text`, in order.
    pub fn stems(&self, text: &str) -> Vec<String> {
        self.tokens(text).into_iter().map(|t| t.stem).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_accents_case_and_apostrophes() {
        assert_eq!(fold("L'ATTIVITÀ è già Iniziata!"), "l attivita e gia iniziata");
        assert_eq!(fold("  --  "), "");
    }

    #[test]
    fn inflected_forms_share_one_stem() {
        let a = Analyzer::new(["la", "di"]);
        assert_eq!(a.stems("contributo"), a.stems("contributi"));
        assert_eq!(a.stems("digitalizzare"), a.stems("digitalizzazione"));
        assert_eq!(a.stems("la camera di commercio"), a.stems("Camera COMMERCIO"));
    }

    #[test]
    fn stop_words_and_single_letters_are_dropped() {
        let a = Analyzer::new(["della", "per"]);
        let words: Vec<String> =
            a.tokens("per l'iscrizione della ditta").into_iter().map(|t| t.word).collect();
        assert_eq!(words, ["iscrizione", "ditta"]);
    }
}
