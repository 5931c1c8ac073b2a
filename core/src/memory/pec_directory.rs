//! An in-memory PEC directory (INI-PEC style).

use std::collections::BTreeMap;

use crate::identifiers::CodiceFiscale;
use crate::ports::{PecDirectory, PortError};
use crate::registry::{CompanyState, DigitalDomicile, PecSection, RegistryError, Section};

use super::registry::{RegistryData, REGISTRY_FIXTURES};

/// A PEC directory held in memory.
///
/// ```
/// use sportello::memory::InMemoryPecDirectory;
/// use sportello::ports::PecDirectory;
///
/// let directory = InMemoryPecDirectory::with_fixtures()?;
/// let found = directory.domicile_of(&"01234560017".parse()?)?.expect("listed");
/// assert_eq!(found.pec.as_str(), "rossimeccanica@pec.example.it");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct InMemoryPecDirectory {
    entries: BTreeMap<CodiceFiscale, DigitalDomicile>,
}

impl InMemoryPecDirectory {
    /// An empty directory.
    pub fn new() -> Self {
        InMemoryPecDirectory::default()
    }

    /// The directory fed, as INI-PEC is, from the registry fixtures: companies with a PEC that are
    /// in the Registro Imprese (not REA-only) and not ceased, plus the professionals.
    pub fn with_fixtures() -> Result<Self, RegistryError> {
        let data: RegistryData = serde_json::from_str(REGISTRY_FIXTURES)
            .map_err(|e| RegistryError::Data { reason: e.to_string() })?;
        Ok(InMemoryPecDirectory::from_data(&data))
    }

    /// The directory fed from a registry data set (same selection as [`Self::with_fixtures`]).
    pub fn from_data(data: &RegistryData) -> Self {
        let mut d = InMemoryPecDirectory::new();
        for c in &data.companies {
            let listed = c.section != Section::ReaOnly && c.current_state() != Some(CompanyState::Ceased);
            if let (true, Some(pec)) = (listed, &c.pec) {
                d.insert(DigitalDomicile {
                    codice_fiscale: c.codice_fiscale.clone(),
                    pec: pec.clone(),
                    section: PecSection::Companies,
                });
            }
        }
        for p in &data.professionals {
            d.insert(p.clone());
        }
        d
    }

    /// Adds or replaces an entry.
    pub fn insert(&mut self, entry: DigitalDomicile) {
        self.entries.insert(entry.codice_fiscale.clone(), entry);
    }

    /// Every entry, by codice fiscale.
    pub fn entries(&self) -> Vec<DigitalDomicile> {
        self.entries.values().cloned().collect()
    }
}

impl PecDirectory for InMemoryPecDirectory {
    fn domicile_of(&self, codice_fiscale: &CodiceFiscale) -> Result<Option<DigitalDomicile>, PortError> {
        Ok(self.entries.get(codice_fiscale).cloned())
    }
}
