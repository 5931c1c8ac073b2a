//! The dossier lifecycle the `dossier` bench and the `dossier_lifecycle` example run: a counter on
//! the in-memory adapters (store, protocol register, PEC mailer with a delivering domicile,
//! preserver that verifies and acknowledges packages), a SPID user and an officer.
//!
//! Each dossier goes the whole way: submission (protocolled, receipt by PEC), taking charge,
//! decision (outcome document, protocolled, sent by PEC with its receipts), closing, preservation
//! (package with digests, verified by the preserver); then [`Lifecycle::verify_all`] verifies the
//! event chain of every dossier and replays it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use sportello::authz::{Officer, OfficerRegister, OfficerRole};
use sportello::dossier::{DossierState, Outcome};
use sportello::identity::{AssuranceTable, Identity};
use sportello::memory::{
    InMemoryPecDirectory, InMemoryRegistry, ManualClock, MemoryDossierStore, MemoryPecMailer,
    MemoryPreserver, DELEGATION_FIXTURES,
};
use sportello::profile::{DelegationBook, ProfileChoice, ProfileKind, Profiler};
use sportello::registry::{DigitalDomicile, PecSection};
use sportello::sportello::{Actor, ChamberDesk, Command, Sportello};

fn spid(cf: &str) -> Identity {
    let attrs = BTreeMap::from([
        ("fiscalNumber".to_string(), format!("TINIT-{cf}")),
        ("name".to_string(), "Nome".to_string()),
        ("familyName".to_string(), "Cognome".to_string()),
        ("authnContextClassRef".to_string(), "https://www.spid.gov.it/SpidL2".to_string()),
    ]);
    Identity::from_spid(&attrs, &AssuranceTable::default()).unwrap()
}

fn actors() -> (Actor, Actor) {
    let registry = InMemoryRegistry::with_fixtures().unwrap();
    let book = DelegationBook::from_json(DELEGATION_FIXTURES).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let private = ProfileChoice { kind: ProfileKind::Private, company: None };
    let user = Profiler::new(&registry, &book).act_as(&spid("RSSMRA80A41F205B"), &private, day).unwrap();
    let mut officers = OfficerRegister::default();
    let mi = "MI".parse().unwrap();
    officers.seed(Officer {
        codice_fiscale: "CLMLSN90E15D286P".parse().unwrap(),
        name: "Alessandro Colombo".into(),
        chamber: "MI".parse().unwrap(),
        roles: [OfficerRole::CaseHandler, OfficerRole::HeadOfProcedure, OfficerRole::ProtocolOfficer].into(),
        active: true,
    });
    let officer = officers.act_as_officer(&spid("CLMLSN90E15D286P"), &mi).unwrap();
    (user, officer)
}

/// A counter with one desk (`MI`), the user, the officer and the form of a request for access to
/// records.
pub struct Lifecycle {
    clock: ManualClock,
    counter: Sportello,
    store: Arc<MemoryDossierStore>,
    user: Actor,
    officer: Actor,
    form: BTreeMap<String, String>,
    ids: Vec<String>,
}

impl Lifecycle {
    /// A fresh counter on 5 January 2026, 09:00 in Rome.
    pub fn new() -> Self {
        let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0).unwrap());
        let c: Arc<ManualClock> = Arc::new(clock.clone());
        let store = Arc::new(MemoryDossierStore::new());
        let mut counter = Sportello::new(
            c.clone(),
            store.clone(),
            Arc::new(MemoryPecMailer::new(c.clone())),
            Arc::new(MemoryPreserver::discarding(c)),
        );
        counter.add_desk_with_memory_protocol(ChamberDesk::example("MI".parse().unwrap()).unwrap()).unwrap();
        let mut directory = InMemoryPecDirectory::new();
        directory.insert(DigitalDomicile {
            codice_fiscale: "RSSMRA80A41F205B".parse().unwrap(),
            pec: "maria.rossi@pec.example.it".parse().unwrap(),
            section: PecSection::Professionals,
        });
        counter.set_directory(Arc::new(directory));
        let (user, officer) = actors();
        let form = BTreeMap::from([
            ("documents".to_string(), "verbale 12/2025".to_string()),
            ("motivation".to_string(), "difesa".to_string()),
        ]);
        Lifecycle { clock, counter, store, user, officer, form, ids: Vec::new() }
    }

    /// One dossier from submission to preservation, 100 ms after the previous one. Panics if any
    /// step fails or the dossier does not end preserved.
    pub fn run_one(&mut self) {
        let id = self.run_dossier();
        self.ids.push(id);
    }

    /// Like [`Lifecycle::run_one`] through a shared reference (several threads may run dossiers on
    /// the same counter); returns the dossier's id.
    pub fn run_dossier(&self) -> String {
        let counter = &self.counter;
        self.clock.advance(Duration::milliseconds(100));
        let d = counter.submit(&self.user, "accesso-atti", self.form.clone(), vec![]).unwrap();
        let officer = &self.officer;
        counter.execute(officer, d.id(), Command::TakeCharge, None, None).unwrap();
        let decide = Command::Decide { outcome: Outcome::Accepted, reasons: "ok".into() };
        counter.execute(officer, d.id(), decide, None, None).unwrap();
        counter.execute(officer, d.id(), Command::Close, None, None).unwrap();
        let preserved = counter.preserve(officer, d.id()).unwrap();
        assert_eq!(preserved.state(), DossierState::Preserved);
        d.id().to_string()
    }

    /// Verifies the event chain of every dossier run so far and replays it
    /// ([`Sportello::verify_dossier`]); panics on the first failure.
    pub fn verify_all(&self) {
        for id in &self.ids {
            self.counter.verify_dossier(id).unwrap();
        }
    }

    /// The ids of the dossiers run so far.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// The counter, the user, the officer and the clock, to run the steps one by one.
    pub fn parts(&self) -> (&Sportello, &Actor, &Actor, &ManualClock) {
        (&self.counter, &self.user, &self.officer, &self.clock)
    }

    /// The store, to inspect the events.
    pub fn store(&self) -> &MemoryDossierStore {
        &self.store
    }
}

impl Default for Lifecycle {
    fn default() -> Self {
        Self::new()
    }
}

/// `n` dossiers through the full lifecycle, then every chain verified; the counter and its
/// in-memory adapters are dropped at the end (their teardown is part of the measure).
pub fn lifecycle(n: usize) {
    let mut run = Lifecycle::new();
    for _ in 0..n {
        run.run_one();
    }
    run.verify_all();
    assert_eq!(run.ids().len(), n);
}

/// [`lifecycle`] with the dossiers shared out among `threads` threads on one counter, then their
/// chains verified on as many threads: the counter's throughput when officers and users act at
/// once (its store, protocol register and PEC mailer are shared under their locks).
pub fn lifecycle_on_threads(n: usize, threads: usize) {
    let run = Lifecycle::new();
    let threads = threads.max(1);
    let ids: Vec<Vec<String>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let share = n / threads + usize::from(t < n % threads);
                let run = &run;
                s.spawn(move || (0..share).map(|_| run.run_dossier()).collect::<Vec<_>>())
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    std::thread::scope(|s| {
        for chunk in &ids {
            let counter = &run.counter;
            s.spawn(move || chunk.iter().for_each(|id| assert!(counter.verify_dossier(id).is_ok(), "{id}")));
        }
    });
    assert_eq!(ids.iter().map(Vec::len).sum::<usize>(), n);
}
