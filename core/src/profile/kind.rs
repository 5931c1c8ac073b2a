//! The four profiles of the counter.

use serde::{Deserialize, Serialize};

/// The profiles a user of the counter acts under (2013 design: *Imprese*, *Artigiani*,
/// *Associazioni e professionisti dell'impresa*, *Privati*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileKind {
    /// A business, acted for by a person in a representation role (*Imprese*).
    Business,
    /// A business on the artisan register (*Artigiani*).
    Craftsman,
    /// An association or business professional acting for companies under delegation
    /// (*Associazioni e professionisti dell'impresa*).
    Intermediary,
    /// A private citizen acting for themselves (*Privati*).
    Private,
}

impl ProfileKind {
    /// Every profile, in the order the counter shows them.
    pub const ALL: [ProfileKind; 4] =
        [ProfileKind::Business, ProfileKind::Craftsman, ProfileKind::Intermediary, ProfileKind::Private];

    /// The snake_case name used in data files and bindings.
    pub fn as_str(self) -> &'static str {
        match self {
            ProfileKind::Business => "business",
            ProfileKind::Craftsman => "craftsman",
            ProfileKind::Intermediary => "intermediary",
            ProfileKind::Private => "private",
        }
    }
}

impl std::fmt::Display for ProfileKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ProfileKind {
    type Err = super::ProfileError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ProfileKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| super::ProfileError::UnknownProfileKind { text: s.to_string() })
    }
}
