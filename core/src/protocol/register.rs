//! The embedded register: numbering, annulment, daily register and the record of the daily
//! registers sent to preservation.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::daily::{DailyRegister, RegisterPreservation};
use super::types::{Annulment, Correspondent, Direction, ProtocolEntry, ProtocolNumber, RegisterId};
use super::{ProtocolError, RegistrationRequest};
use crate::calendar::italian_date;

/// The protocol register of one AOO: one numbering per calendar year, never reused nor skipped.
///
/// Pure and single-threaded: the caller serialises access (the in-memory port
/// [`crate::memory::MemoryProtocol`] holds it under a lock and reads the clock inside it, so that
/// number and date are assigned "in unica soluzione", TUDA art. 53 c.3).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sportello::archive::Digest;
/// use sportello::protocol::*;
/// let id = RegisterId::new("cciaa_mi", "AOO_MI", "PG")?;
/// let chamber = Correspondent::PublicAdministration {
///     name: "Camera di commercio di Milano".into(), tax_code: "80000000000".into(), ipa_code: Some("cciaa_mi".into()) };
/// let mut reg = ProtocolRegister::new(id, chamber)?;
/// let request = RegistrationRequest {
///     direction: Direction::Incoming,
///     correspondents: vec![Correspondent::NaturalPerson {
///         given_name: "Maria".into(), family_name: "Rossi".into(), tax_code: None }],
///     subject: "Richiesta di accesso agli atti".into(),
///     classification: Classification { code: "1.8".into(), description: "Accesso agli atti".into() },
///     folder: None,
///     primary: DocumentRef { file_name: "istanza.pdf".into(), mime_type: "application/pdf".into(),
///                            digest: Digest::of(b"istanza"), description: None },
///     attachments: vec![],
///     received_document: None,
/// };
/// let first = reg.register(request.clone(), Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap())?;
/// assert_eq!(first.number().to_string(), "2026/0000001");
/// let next_year = reg.register(request, Utc.with_ymd_and_hms(2027, 1, 4, 9, 0, 0).unwrap())?;
/// assert_eq!(next_year.number().to_string(), "2027/0000001");
/// # Ok::<(), ProtocolError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtocolRegister {
    id: RegisterId,
    holder: Correspondent,
    entries: Vec<ProtocolEntry>,
    last_number: BTreeMap<i32, u32>,
    /// The annulments in the order recorded: (Italian date of the annulment, number).
    #[serde(default)]
    annulled: Vec<(NaiveDate, ProtocolNumber)>,
    /// The daily registers sent to preservation, by day.
    #[serde(default)]
    preserved: BTreeMap<NaiveDate, RegisterPreservation>,
}

impl ProtocolRegister {
    /// An empty register of `id`, held by the administration `holder` (a
    /// [`Correspondent::PublicAdministration`]: the other side of every registration).
    pub fn new(id: RegisterId, holder: Correspondent) -> Result<Self, ProtocolError> {
        holder.check()?;
        Ok(ProtocolRegister {
            id,
            holder,
            entries: Vec::new(),
            last_number: BTreeMap::new(),
            annulled: Vec::new(),
            preserved: BTreeMap::new(),
        })
    }

    /// The register's identity.
    pub fn id(&self) -> &RegisterId {
        &self.id
    }

    /// The administration holding the register.
    pub fn holder(&self) -> &Correspondent {
        &self.holder
    }

    /// Registers `request` at `at`: assigns the next number of the (Italian) calendar year of `at`
    /// (art. 57: progressive, renewed each calendar year). Refuses an instant earlier than the last
    /// registration, so numbers and dates progress together. Nothing is written on refusal.
    pub fn register(
        &mut self,
        request: RegistrationRequest,
        at: DateTime<Utc>,
    ) -> Result<ProtocolEntry, ProtocolError> {
        if request.subject.trim().is_empty() {
            return Err(ProtocolError::Missing { field: "subject".into(), article: "53 c.1 lett. d".into() });
        }
        if request.correspondents.is_empty() {
            return Err(ProtocolError::Missing {
                field: "correspondents".into(),
                article: "53 c.1 lett. c".into(),
            });
        }
        for c in &request.correspondents {
            c.check()?;
        }
        if request.classification.code.trim().is_empty() {
            return Err(ProtocolError::Missing { field: "classification".into(), article: "56".into() });
        }
        if let Some(last) = self.entries.last() {
            if at < last.registered_at {
                return Err(ProtocolError::OutOfOrder {
                    at: at.to_rfc3339(),
                    last: last.registered_at.to_rfc3339(),
                });
            }
        }
        let year = italian_date(at).year();
        let previous = self.last_number.get(&year).copied().unwrap_or(0);
        let number = previous.checked_add(1).ok_or(ProtocolError::RegisterFull { year })?;
        let (sender, recipients) = match request.direction {
            Direction::Incoming => {
                let mut cs = request.correspondents;
                let sender = cs.remove(0);
                (sender, vec![self.holder.clone()])
            }
            Direction::Outgoing => (self.holder.clone(), request.correspondents),
            Direction::Internal => (self.holder.clone(), request.correspondents),
        };
        let entry = ProtocolEntry {
            register: self.id.clone(),
            number: ProtocolNumber { year, number },
            registered_at: at,
            direction: request.direction,
            sender,
            recipients,
            subject: request.subject,
            classification: request.classification,
            folder: request.folder,
            primary: request.primary,
            attachments: request.attachments,
            received_document: request.received_document,
            annulment: None,
        };
        self.last_number.insert(year, number);
        self.entries.push(entry.clone());
        Ok(entry)
    }

    /// The entry with `number`, annulled or not.
    pub fn entry(&self, number: ProtocolNumber) -> Option<&ProtocolEntry> {
        // entries are in registration order, sorted by (year, number)
        self.entries.binary_search_by(|e| e.number.cmp(&number)).ok().and_then(|i| self.entries.get(i))
    }

    /// Every entry, in registration order.
    pub fn entries(&self) -> &[ProtocolEntry] {
        &self.entries
    }

    /// Annuls the entry `number`: the whole registration is marked annulled, its data stay readable
    /// with date, operator and the references of the authorising act (TUDA art. 54 c.1-2; DPCM
    /// 3.12.2013 art. 8). The number is never reused.
    pub fn annul(
        &mut self,
        number: ProtocolNumber,
        annulment: Annulment,
    ) -> Result<ProtocolEntry, ProtocolError> {
        for (field, value) in [
            ("reason", &annulment.reason),
            ("authorisation", &annulment.authorisation),
            ("authorised_by", &annulment.authorised_by),
            ("operator", &annulment.operator),
        ] {
            if value.trim().is_empty() {
                return Err(ProtocolError::Missing { field: field.into(), article: "54 c.2".into() });
            }
        }
        let i = self
            .entries
            .binary_search_by(|e| e.number.cmp(&number))
            .map_err(|_| ProtocolError::NotFound { number: number.to_string() })?;
        let entry = self.entries.get_mut(i).ok_or(ProtocolError::NotFound { number: number.to_string() })?;
        if entry.annulment.is_some() {
            return Err(ProtocolError::AlreadyAnnulled { number: number.to_string() });
        }
        self.annulled.push((italian_date(annulment.at), number));
        entry.annulment = Some(annulment);
        Ok(entry.clone())
    }

    /// The daily register (*registro giornaliero di protocollo*, TUDA art. 53 c.2) of `date`
    /// (Italian time), as the day saw it: the registrations made that day, with their annulment
    /// only if it was recorded that day, and the annulments recorded that day of registrations of
    /// earlier days (see [`crate::protocol::daily`]). Its content does not change once the day is
    /// over, so the register sent to preservation stays true.
    pub fn daily_register(&self, date: NaiveDate) -> DailyRegister {
        // entries are in registration order, hence in date order
        let from = self.entries.partition_point(|e| e.date() < date);
        let to = self.entries.partition_point(|e| e.date() <= date);
        let entries: Vec<ProtocolEntry> = self
            .entries
            .get(from..to)
            .unwrap_or_default()
            .iter()
            .map(|e| {
                let mut e = e.clone();
                if e.annulment.as_ref().is_some_and(|a| italian_date(a.at) != date) {
                    e.annulment = None;
                }
                e
            })
            .collect();
        let annulments: Vec<ProtocolEntry> = self
            .annulled
            .iter()
            .filter(|(on, _)| *on == date)
            .filter_map(|(_, n)| self.entry(*n))
            .filter(|e| e.date() < date)
            .cloned()
            .collect();
        DailyRegister::with_annulments(self.id.clone(), date, entries, annulments)
    }

    /// The days up to `until` (inclusive) on which something was registered or annulled, in
    /// order: the days that have a daily register to send under [`crate::protocol::EmptyDays::Skip`].
    pub fn active_days(&self, until: NaiveDate) -> Vec<NaiveDate> {
        let mut days: BTreeSet<NaiveDate> = BTreeSet::new();
        for e in &self.entries {
            let d = e.date();
            if d > until {
                break;
            }
            days.insert(d);
        }
        days.extend(self.annulled.iter().map(|(d, _)| *d).filter(|d| *d <= until));
        days.into_iter().collect()
    }

    /// Records that the daily register of `record.date` was sent to preservation. One record per
    /// day: a second is refused ([`ProtocolError::AlreadyPreserved`]), and so is a record whose
    /// digest is not the register's as it stands ([`ProtocolError::RegisterChanged`]).
    pub fn record_preservation(&mut self, record: RegisterPreservation) -> Result<(), ProtocolError> {
        if let Some(done) = self.preserved.get(&record.date) {
            return Err(ProtocolError::AlreadyPreserved {
                date: record.date,
                receipt: done.receipt.id.clone(),
            });
        }
        if record.register != self.id || self.daily_register(record.date).digest != record.register_digest {
            return Err(ProtocolError::RegisterChanged { date: record.date });
        }
        self.preserved.insert(record.date, record);
        Ok(())
    }

    /// The record of the daily register of `date` sent to preservation, if it was.
    pub fn preservation(&self, date: NaiveDate) -> Option<&RegisterPreservation> {
        self.preserved.get(&date)
    }

    /// Every record of a daily register sent to preservation, by day.
    pub fn preservations(&self) -> impl Iterator<Item = &RegisterPreservation> {
        self.preserved.values()
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};
    use proptest::prelude::*;

    use super::*;
    use crate::archive::{Digest, PreservationReceipt};
    use crate::protocol::{Classification, DocumentRef};

    pub(crate) fn chamber() -> Correspondent {
        Correspondent::PublicAdministration {
            name: "Camera di commercio di Milano Monza Brianza Lodi".into(),
            tax_code: "80000000000".into(),
            ipa_code: Some("cciaa_mi".into()),
        }
    }

    pub(crate) fn request(subject: &str) -> RegistrationRequest {
        RegistrationRequest {
            direction: Direction::Incoming,
            correspondents: vec![Correspondent::NaturalPerson {
                given_name: "Maria".into(),
                family_name: "Rossi".into(),
                tax_code: Some("RSSMRA80A41F205X".into()),
            }],
            subject: subject.into(),
            classification: Classification { code: "1.8".into(), description: "Accesso agli atti".into() },
            folder: None,
            primary: DocumentRef {
                file_name: "istanza.pdf".into(),
                mime_type: "application/pdf".into(),
                digest: Digest::of(subject.as_bytes()),
                description: None,
            },
            attachments: vec![],
            received_document: None,
        }
    }

    fn register() -> ProtocolRegister {
        let id = RegisterId::new("cciaa_mi", "AOO_MI", "PG");
        match id.and_then(|id| ProtocolRegister::new(id, chamber())) {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        }
    }

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).single().unwrap_or_default()
    }

    #[test]
    fn numbering_restarts_on_the_first_of_january_in_italian_time() {
        let mut r = register();
        let a = r.register(request("a"), at(2026, 12, 31, 22)).unwrap_or_else(|e| panic!("{e}"));
        // 23:30 UTC on 31 Dec is already 1 Jan in Rome
        let b = r
            .register(request("b"), at(2026, 12, 31, 23) + Duration::minutes(30))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.number(), ProtocolNumber { year: 2026, number: 1 });
        assert_eq!(b.number(), ProtocolNumber { year: 2027, number: 1 });
        assert_eq!(b.number().digits(), "0000001");
    }

    #[test]
    fn incoming_registration_has_the_chamber_as_recipient() {
        let mut r = register();
        let e = r.register(request("a"), at(2026, 3, 2, 9)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.recipients(), &[chamber()]);
        assert_eq!(e.sender().display_name(), "Maria Rossi");
    }

    #[test]
    fn an_earlier_instant_is_refused_and_nothing_is_written() {
        let mut r = register();
        r.register(request("a"), at(2026, 3, 2, 9)).unwrap_or_else(|e| panic!("{e}"));
        let err = r.register(request("b"), at(2026, 3, 1, 9));
        assert!(matches!(err, Err(ProtocolError::OutOfOrder { .. })));
        assert_eq!(r.entries().len(), 1);
        let next = r.register(request("c"), at(2026, 3, 2, 10)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(next.number().number, 2);
    }

    #[test]
    fn empty_subject_and_bad_tax_code_are_refused_naming_the_field() {
        let mut r = register();
        assert!(matches!(
            r.register(request(" "), at(2026, 3, 2, 9)),
            Err(ProtocolError::Missing { field, .. }) if field == "subject"
        ));
        let mut bad = request("x");
        bad.correspondents =
            vec![Correspondent::LegalPerson { name: "Alfa srl".into(), tax_code: "123".into() }];
        assert!(matches!(
            r.register(bad, at(2026, 3, 2, 9)),
            Err(ProtocolError::InvalidCorrespondent { field, .. }) if field == "tax_code"
        ));
        assert!(r.entries().is_empty());
    }

    #[test]
    fn annulment_keeps_the_original_readable_and_the_number_is_not_reused() {
        let mut r = register();
        let e = r.register(request("Richiesta"), at(2026, 3, 2, 9)).unwrap_or_else(|e| panic!("{e}"));
        let annulment = Annulment {
            at: at(2026, 3, 2, 11),
            operator: "op-7".into(),
            authorised_by: "resp-protocollo".into(),
            authorisation: "provvedimento n. 12 del 02/03/2026".into(),
            reason: "registrazione duplicata".into(),
        };
        let annulled = r.annul(e.number(), annulment.clone()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(annulled.subject(), "Richiesta");
        assert_eq!(annulled.annulment(), Some(&annulment));
        assert!(matches!(r.annul(e.number(), annulment), Err(ProtocolError::AlreadyAnnulled { .. })));
        let next = r.register(request("b"), at(2026, 3, 2, 12)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(next.number().number, 2);
    }

    #[test]
    fn annulment_without_authorisation_is_refused() {
        let mut r = register();
        let e = r.register(request("a"), at(2026, 3, 2, 9)).unwrap_or_else(|e| panic!("{e}"));
        let res = r.annul(
            e.number(),
            Annulment {
                at: at(2026, 3, 2, 10),
                operator: "op".into(),
                authorised_by: "resp".into(),
                authorisation: "".into(),
                reason: "errore".into(),
            },
        );
        assert!(matches!(res, Err(ProtocolError::Missing { field, .. }) if field == "authorisation"));
        assert!(!r.entries()[0].is_annulled());
    }

    #[test]
    fn daily_register_lists_the_day_and_its_digest_detects_changes() {
        let mut r = register();
        r.register(request("a"), at(2026, 3, 2, 9)).unwrap_or_else(|e| panic!("{e}"));
        r.register(request("b"), at(2026, 3, 2, 15)).unwrap_or_else(|e| panic!("{e}"));
        r.register(request("c"), at(2026, 3, 3, 9)).unwrap_or_else(|e| panic!("{e}"));
        let day = r.daily_register(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default());
        assert_eq!(day.entries.len(), 2);
        assert!(day.verify());
        let mut tampered = day.clone();
        tampered.entries[1].subject = "altro".into();
        assert!(!tampered.verify());
    }

    fn annul_at(r: &mut ProtocolRegister, number: ProtocolNumber, when: DateTime<Utc>) -> ProtocolEntry {
        let annulment = Annulment {
            at: when,
            operator: "RSPPRT70A01F205K".into(),
            authorised_by: "RSPPRT70A01F205K".into(),
            authorisation: "determinazione n. 3/2026".into(),
            reason: "registrazione duplicata".into(),
        };
        r.annul(number, annulment).unwrap_or_else(|e| panic!("{e}"))
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn a_daily_register_keeps_what_the_day_saw_and_later_annulments_go_to_their_own_day() {
        let mut r = register();
        let a = r.register(request("a"), at(2026, 3, 2, 9)).unwrap_or_else(|e| panic!("{e}"));
        let b = r.register(request("b"), at(2026, 3, 2, 10)).unwrap_or_else(|e| panic!("{e}"));
        let monday = r.daily_register(d(2026, 3, 2));
        // b is annulled the same day: the mark is in Monday's register
        annul_at(&mut r, b.number(), at(2026, 3, 2, 15));
        let monday_after_b = r.daily_register(d(2026, 3, 2));
        assert_ne!(monday.digest, monday_after_b.digest);
        assert!(monday_after_b.entries[1].is_annulled());
        // a is annulled on Wednesday: Monday's register does not change, Wednesday's lists it
        annul_at(&mut r, a.number(), at(2026, 3, 4, 8));
        assert_eq!(r.daily_register(d(2026, 3, 2)), monday_after_b);
        assert!(!monday_after_b.entries[0].is_annulled());
        let wednesday = r.daily_register(d(2026, 3, 4));
        assert!(wednesday.entries.is_empty());
        assert_eq!(wednesday.annulments.len(), 1);
        assert_eq!(wednesday.annulments[0].number(), a.number());
        assert!(wednesday.annulments[0].is_annulled());
        assert!(r.daily_register(d(2026, 3, 3)).is_empty());
        assert_eq!(r.active_days(d(2026, 3, 10)), vec![d(2026, 3, 2), d(2026, 3, 4)]);
        assert_eq!(r.active_days(d(2026, 3, 3)), vec![d(2026, 3, 2)]);
        assert_eq!((monday.first_number(), monday.last_number()), (Some(a.number()), Some(b.number())));
    }

    fn record(r: &ProtocolRegister, date: NaiveDate, receipt: &str) -> RegisterPreservation {
        let register = r.daily_register(date);
        RegisterPreservation {
            register: register.register.clone(),
            date,
            register_digest: register.digest,
            registrations: register.entries.len(),
            annulments: register.annulments.len(),
            sent_at: at(2026, 3, 3, 8),
            sent_by: "system".into(),
            due_date: d(2026, 3, 3),
            receipt: PreservationReceipt {
                id: receipt.into(),
                package_id: format!("PdV-{}", register.identifier()),
                at: at(2026, 3, 3, 8),
                package_digest: Digest::of(receipt.as_bytes()),
            },
        }
    }

    #[test]
    fn one_preservation_record_per_day_matching_the_register() {
        let mut r = register();
        r.register(request("a"), at(2026, 3, 2, 9)).unwrap_or_else(|e| panic!("{e}"));
        let monday = d(2026, 3, 2);
        let mut wrong = record(&r, monday, "RdV-1");
        wrong.register_digest = Digest::of(b"another register");
        assert_eq!(r.record_preservation(wrong), Err(ProtocolError::RegisterChanged { date: monday }));
        assert_eq!(r.record_preservation(record(&r, monday, "RdV-1")), Ok(()));
        assert_eq!(
            r.record_preservation(record(&r, monday, "RdV-2")),
            Err(ProtocolError::AlreadyPreserved { date: monday, receipt: "RdV-1".into() })
        );
        assert_eq!(r.preservation(monday).map(|p| p.receipt.id.as_str()), Some("RdV-1"));
        assert_eq!(r.preservations().count(), 1);
        // the record survives a JSON round trip of the register
        let json = serde_json::to_string(&r).unwrap_or_else(|e| panic!("{e}"));
        let back: ProtocolRegister = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, r);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever happens later, the register of a past day does not change, and every
        /// registration and annulment appears in exactly one daily register.
        #[test]
        fn past_daily_registers_never_change(
            steps in proptest::collection::vec((0i64..3_000, any::<bool>(), 0usize..50), 1..60)
        ) {
            let mut r = register();
            let mut t = at(2026, 3, 2, 7);
            let mut frozen: BTreeMap<NaiveDate, DailyRegister> = BTreeMap::new();
            for (gap, annul, pick) in steps {
                t += Duration::minutes(gap);
                let today = italian_date(t);
                // every day before today is over: freeze its register the first time we see it
                for day in r.active_days(today.pred_opt().unwrap_or(today)) {
                    frozen.entry(day).or_insert_with(|| r.daily_register(day));
                }
                let open: Vec<ProtocolNumber> =
                    r.entries().iter().filter(|e| !e.is_annulled()).map(ProtocolEntry::number).collect();
                match open.get(pick % open.len().max(1)) {
                    Some(n) if annul => { annul_at(&mut r, *n, t); }
                    _ => { r.register(request("x"), t).map_err(|e| TestCaseError::fail(e.to_string()))?; }
                }
            }
            for (day, register) in &frozen {
                prop_assert_eq!(&r.daily_register(*day), register);
            }
            let last = italian_date(t);
            let mut registered = 0;
            let mut annulled = 0;
            for day in r.active_days(last) {
                let reg = r.daily_register(day);
                prop_assert!(reg.verify());
                registered += reg.entries.len();
                annulled += reg.annulments.len()
                    + reg.entries.iter().filter(|e| e.is_annulled()).count();
            }
            prop_assert_eq!(registered, r.entries().len());
            prop_assert_eq!(annulled, r.entries().iter().filter(|e| e.is_annulled()).count());
        }

        #[test]
        fn numbers_of_each_year_are_exactly_one_to_n(gaps in proptest::collection::vec(0i64..20_000, 1..120)) {
            let mut r = register();
            let mut t = at(2025, 11, 1, 8);
            for g in gaps {
                t += Duration::minutes(g * 5);
                r.register(request("x"), t).map_err(|e| TestCaseError::fail(e.to_string()))?;
            }
            let mut by_year: BTreeMap<i32, Vec<u32>> = BTreeMap::new();
            for e in r.entries() {
                prop_assert_eq!(e.number().year, e.date().year());
                by_year.entry(e.number().year).or_default().push(e.number().number);
            }
            for numbers in by_year.values() {
                let expected: Vec<u32> = (1..=numbers.len() as u32).collect();
                prop_assert_eq!(numbers, &expected);
            }
        }
    }
}
