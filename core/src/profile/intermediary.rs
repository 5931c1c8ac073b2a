//! Intermediaries: business professionals and associations registered with the counter.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::identifiers::CodiceFiscale;

/// What kind of intermediary.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum IntermediaryKind {
    /// A business professional (commercialista, consulente del lavoro, avvocato...) enrolled in a
    /// professional register.
    Professional {
        /// The register (Ordine/Collegio).
        register: String,
        /// The enrolment number.
        number: String,
    },
    /// A trade association (associazione di categoria) acting through its operators.
    Association,
}

/// An intermediary registered with the counter: companies grant it delegations; its operators act
/// under the intermediary profile.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Intermediary {
    /// Codice fiscale of the professional (a person) or of the association.
    pub codice_fiscale: CodiceFiscale,
    /// Name shown to users.
    pub name: String,
    /// Professional or association.
    pub kind: IntermediaryKind,
    /// The persons who act for it: the professional themselves; an association's staff.
    pub operators: BTreeSet<CodiceFiscale>,
}

impl Intermediary {
    /// A professional, who is their own only operator.
    pub fn professional(
        codice_fiscale: CodiceFiscale,
        name: String,
        register: String,
        number: String,
    ) -> Self {
        Intermediary {
            operators: BTreeSet::from([codice_fiscale.clone()]),
            codice_fiscale,
            name,
            kind: IntermediaryKind::Professional { register, number },
        }
    }

    /// An association acting through `operators`.
    pub fn association(
        codice_fiscale: CodiceFiscale,
        name: String,
        operators: BTreeSet<CodiceFiscale>,
    ) -> Self {
        Intermediary { codice_fiscale, name, kind: IntermediaryKind::Association, operators }
    }

    /// Whether `person` acts for this intermediary.
    pub fn has_operator(&self, person: &CodiceFiscale) -> bool {
        self.operators.contains(person)
    }
}
