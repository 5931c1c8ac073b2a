//! An in-memory dossier store.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use crate::authz::Party;
use crate::dossier::{DossierEvent, StoreError};
use crate::ports::DossierStore;

#[derive(Default)]
struct State {
    streams: HashMap<String, Vec<DossierEvent>>,
    order: Vec<String>,
    by_party: HashMap<Party, Vec<String>>,
    sequence: u64,
}

/// Events per dossier in a map under one lock: `append` checks the expected version and writes in
/// one critical section, so of two writers on the same version exactly one succeeds.
#[derive(Clone, Default)]
pub struct MemoryDossierStore {
    state: Arc<Mutex<State>>,
}

impl MemoryDossierStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces the stored events of a dossier (for tamper-detection tests and host migrations:
    /// bypasses the version check).
    pub fn overwrite(&self, dossier_id: &str, events: Vec<DossierEvent>) {
        let mut st = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        st.streams.insert(dossier_id.into(), events);
    }
}

impl DossierStore for MemoryDossierStore {
    fn append(
        &self,
        dossier_id: &str,
        expected_version: u64,
        events: &[DossierEvent],
    ) -> Result<u64, StoreError> {
        let mut st = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let actual = st.streams.get(dossier_id).map_or(0, |s| s.len() as u64);
        if actual != expected_version {
            return Err(StoreError::Conflict {
                dossier_id: dossier_id.into(),
                expected: expected_version,
                actual,
            });
        }
        if actual == 0 {
            st.order.push(dossier_id.into());
            if let Some(party) = events.first().and_then(DossierEvent::party) {
                st.by_party.entry(party).or_default().push(dossier_id.into());
            }
        }
        let stream = st.streams.entry(dossier_id.into()).or_default();
        stream.extend_from_slice(events);
        Ok(stream.len() as u64)
    }

    fn load(&self, dossier_id: &str) -> Result<Vec<DossierEvent>, StoreError> {
        let st = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(st.streams.get(dossier_id).cloned().unwrap_or_default())
    }

    fn load_after(&self, dossier_id: &str, version: u64) -> Result<Vec<DossierEvent>, StoreError> {
        let st = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let skip = usize::try_from(version).unwrap_or(usize::MAX);
        Ok(st.streams.get(dossier_id).map(|s| s.iter().skip(skip).cloned().collect()).unwrap_or_default())
    }

    fn dossier_ids(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.state.lock().unwrap_or_else(PoisonError::into_inner).order.clone())
    }

    fn dossier_ids_of(&self, party: &Party) -> Result<Vec<String>, StoreError> {
        let st = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(st.by_party.get(party).cloned().unwrap_or_default())
    }

    fn next_sequence(&self) -> Result<u64, StoreError> {
        let mut st = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        st.sequence += 1;
        Ok(st.sequence)
    }
}
