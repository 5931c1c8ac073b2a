//! An in-memory dossier store.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use crate::authz::Party;
use crate::dossier::{DossierEvent, StoreError};
use crate::ports::DossierStore;

#[derive(Default)]
struct State {
    // each stream is shared copy-on-write with the snapshots handed out: an append extends it in
    // place unless a reader still holds a snapshot, which then keeps the events it was given
    streams: HashMap<String, Arc<Vec<DossierEvent>>>,
    order: Vec<String>,
    by_party: HashMap<Party, Vec<String>>,
    sequence: u64,
}

/// Events per dossier in a map under one lock: `append` checks the expected version and writes in
/// one critical section, so of two writers on the same version exactly one succeeds. Readers get
/// the stream as a shared snapshot ([`DossierStore::snapshot`]): the lock is held only to take it,
/// and no event is copied.
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
        st.streams.insert(dossier_id.into(), Arc::new(events));
    }

    fn stream(&self, dossier_id: &str) -> Option<Arc<Vec<DossierEvent>>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).streams.get(dossier_id).cloned()
    }
}

impl DossierStore for MemoryDossierStore {
    fn append(
        &self,
        dossier_id: &str,
        expected_version: u64,
        events: &[DossierEvent],
    ) -> Result<u64, StoreError> {
        self.append_owned(dossier_id, expected_version, events.to_vec())
    }

    fn append_owned(
        &self,
        dossier_id: &str,
        expected_version: u64,
        mut events: Vec<DossierEvent>,
    ) -> Result<u64, StoreError> {
        let mut st = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let st = &mut *st;
        let conflict = |actual: usize| StoreError::Conflict {
            dossier_id: dossier_id.into(),
            expected: expected_version,
            actual: actual as u64,
        };
        let stream = match st.streams.get_mut(dossier_id) {
            Some(stream) if stream.len() as u64 == expected_version => stream,
            Some(stream) => return Err(conflict(stream.len())),
            None if expected_version != 0 => return Err(conflict(0)),
            None => {
                st.order.push(dossier_id.into());
                if let Some(party) = events.first().and_then(DossierEvent::party) {
                    st.by_party.entry(party).or_default().push(dossier_id.into());
                }
                st.streams.entry(dossier_id.into()).or_default()
            }
        };
        let stream = Arc::make_mut(stream);
        if stream.is_empty() {
            *stream = events;
        } else {
            stream.append(&mut events);
        }
        Ok(stream.len() as u64)
    }

    fn load(&self, dossier_id: &str) -> Result<Vec<DossierEvent>, StoreError> {
        Ok(self.stream(dossier_id).map(|s| s.as_ref().clone()).unwrap_or_default())
    }

    fn load_after(&self, dossier_id: &str, version: u64) -> Result<Vec<DossierEvent>, StoreError> {
        let skip = usize::try_from(version).unwrap_or(usize::MAX);
        Ok(self.stream(dossier_id).map(|s| s.iter().skip(skip).cloned().collect()).unwrap_or_default())
    }

    fn snapshot(&self, dossier_id: &str) -> Result<Arc<Vec<DossierEvent>>, StoreError> {
        Ok(self.stream(dossier_id).unwrap_or_default())
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

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::archive::Digest;
    use crate::dossier::{ActorRef, EventKind};

    fn chain(id: &str, n: u64) -> Vec<DossierEvent> {
        let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        let mut prev = Digest::ZERO;
        (1..=n)
            .map(|seq| {
                let kind = EventKind::MessagePosted { text: format!("messaggio {seq}") };
                let e = DossierEvent::seal(id, seq, at, ActorRef::system(), None, kind, prev);
                prev = e.digest;
                e
            })
            .collect()
    }

    #[test]
    fn a_snapshot_keeps_the_events_it_was_given_while_appends_go_on() {
        let store = MemoryDossierStore::new();
        let events = chain("MI-2026-000001", 3);
        store.append("MI-2026-000001", 0, &events[..2]).unwrap();
        let before = store.snapshot("MI-2026-000001").unwrap();
        assert_eq!(store.append("MI-2026-000001", 2, &events[2..]), Ok(3));
        assert_eq!(*before, events[..2]);
        assert_eq!(*store.snapshot("MI-2026-000001").unwrap(), events);
        assert_eq!(store.load("MI-2026-000001").unwrap(), events);
        assert_eq!(store.load_after("MI-2026-000001", 2).unwrap(), events[2..]);
        assert!(store.snapshot("MI-2026-000002").unwrap().is_empty());
    }

    #[test]
    fn of_two_appends_on_one_version_the_second_conflicts_and_writes_nothing() {
        let store = MemoryDossierStore::new();
        let events = chain("MI-2026-000001", 2);
        store.append("MI-2026-000001", 0, &events[..1]).unwrap();
        let _reader = store.snapshot("MI-2026-000001").unwrap();
        assert_eq!(store.append("MI-2026-000001", 1, &events[1..]), Ok(2));
        assert_eq!(
            store.append("MI-2026-000001", 1, &events[1..]),
            Err(StoreError::Conflict { dossier_id: "MI-2026-000001".into(), expected: 1, actual: 2 })
        );
        assert_eq!(store.load("MI-2026-000001").unwrap(), events);
        assert_eq!(store.dossier_ids().unwrap(), vec!["MI-2026-000001".to_string()]);
    }
}
