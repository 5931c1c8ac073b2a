//! The embedded register: numbering, annulment, daily register.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::types::{Annulment, Correspondent, Direction, ProtocolEntry, ProtocolNumber, RegisterId};
use super::{ProtocolError, RegistrationRequest};
use crate::archive::Digest;
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
}

impl ProtocolRegister {
    /// An empty register of `id`, held by the administration `holder` (a
    /// [`Correspondent::PublicAdministration`]: the other side of every registration).
    pub fn new(id: RegisterId, holder: Correspondent) -> Result<Self, ProtocolError> {
        holder.check()?;
        Ok(ProtocolRegister { id, holder, entries: Vec::new(), last_number: BTreeMap::new() })
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
        entry.annulment = Some(annulment);
        Ok(entry.clone())
    }

    /// The daily register (*registro giornaliero di protocollo*, TUDA art. 53 c.2): the
    /// registrations made on `date` (Italian time), with annulment marks as they stand, and its
    /// digest. The Linee guida require sending it to preservation by the next working day.
    pub fn daily_register(&self, date: NaiveDate) -> DailyRegister {
        let entries: Vec<ProtocolEntry> = self.entries.iter().filter(|e| e.date() == date).cloned().collect();
        DailyRegister::new(self.id.clone(), date, entries)
    }
}

/// The list of registrations of one day with a SHA-256 digest over its canonical JSON form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyRegister {
    /// The register.
    pub register: RegisterId,
    /// The day.
    pub date: NaiveDate,
    /// The registrations of the day, in order.
    pub entries: Vec<ProtocolEntry>,
    /// SHA-256 of the canonical JSON of `(register, date, entries)`.
    pub digest: Digest,
}

impl DailyRegister {
    fn content_digest(register: &RegisterId, date: NaiveDate, entries: &[ProtocolEntry]) -> Digest {
        // serializing plain data structs cannot fail; an empty string would still give a digest
        // that verification rejects
        let json = serde_json::to_vec(&(register, date, entries)).unwrap_or_default();
        Digest::of(&json)
    }

    /// The daily register of `entries`, with its digest.
    pub fn new(register: RegisterId, date: NaiveDate, entries: Vec<ProtocolEntry>) -> Self {
        let digest = Self::content_digest(&register, date, &entries);
        DailyRegister { register, date, entries, digest }
    }

    /// Whether the digest still matches the content.
    pub fn verify(&self) -> bool {
        Self::content_digest(&self.register, self.date, &self.entries) == self.digest
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};
    use proptest::prelude::*;

    use super::*;
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
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
