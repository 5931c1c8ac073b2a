//! The daily protocol register (*registro giornaliero di protocollo*) and its way to preservation.
//!
//! TUDA art. 53 c.2: the protocol system produces the daily register, the list of the
//! registrations of one day. AgID Linee guida (2021, *requisiti minimi di sicurezza dei sistemi di
//! protocollo informatico*): it "è trasmesso entro la giornata lavorativa successiva al sistema di
//! conservazione, garantendone l'immodificabilità del contenuto".
//!
//! What a day's register holds, so that its content never changes once the day is over:
//!
//! - the registrations made that day, each with its annulment mark only if the annulment was
//!   recorded that same day;
//! - the annulments recorded that day of registrations of earlier days (the register lists "le
//!   azioni di registrazione ed annullamento effettuate nell'arco di uno stesso giorno, anche in
//!   riferimento alle registrazioni di protocollo pregresse", as protocol manuals put it).
//!
//! An annulment recorded later therefore appears in the register of the day it was recorded, and
//! the register already preserved stays true to what the day saw.
//!
//! **A day without registrations or annulments**: art. 53 c.2 defines the register as the list of
//! the day's registrations, and no source read requires an empty one; the progressive numbering
//! (art. 57) already shows that no registration is missing, since every number appears in exactly
//! one register. The sources do not settle it, so it is a per-chamber setting,
//! [`DailyRegisterPolicy::empty_days`]: by default only days with registrations or annulments have
//! a register to send ([`EmptyDays::Skip`]); a chamber whose preservation agreement asks for an
//! unbroken series sends an empty register for every day from the first registration on
//! ([`EmptyDays::Send`]).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::types::{ProtocolEntry, ProtocolNumber, RegisterId};
use crate::archive::{Digest, PreservationReceipt};
use crate::calendar::{Calendar, CalendarError, View};

/// The daily register of one day with a SHA-256 digest over its canonical JSON form
/// ([`DailyRegister::content`]), which is also the document sent to preservation.
///
/// ```
/// use chrono::NaiveDate;
/// use sportello::protocol::{DailyRegister, RegisterId};
/// let id = RegisterId::new("cciaa_mi", "AOO_MI", "PG")?;
/// let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let empty = DailyRegister::new(id, day, vec![]);
/// assert!(empty.is_empty() && empty.verify());
/// assert_eq!(empty.identifier(), "cciaa_mi-AOO_MI-PG-20260302");
/// assert_eq!(sportello::archive::Digest::of(&empty.content()), empty.digest);
/// # Ok::<(), sportello::protocol::ProtocolError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyRegister {
    /// The register.
    pub register: RegisterId,
    /// The day (Italian date).
    pub date: NaiveDate,
    /// The registrations of the day, in order; an annulment mark only if recorded the same day.
    pub entries: Vec<ProtocolEntry>,
    /// Registrations of earlier days annulled on this day, with their annulment, in order.
    #[serde(default)]
    pub annulments: Vec<ProtocolEntry>,
    /// SHA-256 of [`DailyRegister::content`].
    pub digest: Digest,
}

#[derive(Serialize)]
struct Content<'a> {
    register: &'a RegisterId,
    date: NaiveDate,
    entries: &'a [ProtocolEntry],
    annulments: &'a [ProtocolEntry],
}

impl DailyRegister {
    fn content_of(
        register: &RegisterId,
        date: NaiveDate,
        entries: &[ProtocolEntry],
        annulments: &[ProtocolEntry],
    ) -> Vec<u8> {
        // serializing plain data structs cannot fail; an empty vector would still give a digest
        // that verification rejects
        serde_json::to_vec(&Content { register, date, entries, annulments }).unwrap_or_default()
    }

    /// The daily register of `entries` registered on `date`, with no annulment of earlier days.
    pub fn new(register: RegisterId, date: NaiveDate, entries: Vec<ProtocolEntry>) -> Self {
        Self::with_annulments(register, date, entries, Vec::new())
    }

    /// The daily register of `entries` registered on `date` and of `annulments` (registrations of
    /// earlier days annulled on `date`), with its digest.
    pub fn with_annulments(
        register: RegisterId,
        date: NaiveDate,
        entries: Vec<ProtocolEntry>,
        annulments: Vec<ProtocolEntry>,
    ) -> Self {
        let digest = Digest::of(&Self::content_of(&register, date, &entries, &annulments));
        DailyRegister { register, date, entries, annulments, digest }
    }

    /// The document: canonical JSON of register, date, entries and annulments (UTF-8). Its SHA-256
    /// is [`DailyRegister::digest`].
    pub fn content(&self) -> Vec<u8> {
        Self::content_of(&self.register, self.date, &self.entries, &self.annulments)
    }

    /// Whether the digest still matches the content.
    pub fn verify(&self) -> bool {
        Digest::of(&self.content()) == self.digest
    }

    /// Whether nothing was registered or annulled on the day.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.annulments.is_empty()
    }

    /// The number of the first registration of the day.
    pub fn first_number(&self) -> Option<ProtocolNumber> {
        self.entries.first().map(ProtocolEntry::number)
    }

    /// The number of the last registration of the day.
    pub fn last_number(&self) -> Option<ProtocolNumber> {
        self.entries.last().map(ProtocolEntry::number)
    }

    /// A unique and persistent identifier: IPA code, AOO, register code and the day as
    /// `YYYYMMDD` (`cciaa_mi-AOO_MI-PG-20260302`).
    pub fn identifier(&self) -> String {
        format!(
            "{}-{}-{}-{}",
            self.register.administration,
            self.register.aoo,
            self.register.register,
            self.date.format("%Y%m%d")
        )
    }
}

/// Whether a day without registrations or annulments has a register to send (see the module
/// documentation: the sources do not settle it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmptyDays {
    /// Only days with registrations or annulments have a register (art. 53 c.2: the list of the
    /// day's registrations).
    #[default]
    Skip,
    /// Every day from the first registration on has a register, empty ones included, so the
    /// series in preservation has no gaps.
    Send,
}

/// How a chamber sends its daily registers to preservation: a per-chamber setting.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct DailyRegisterPolicy {
    /// Whether empty days have a register.
    pub empty_days: EmptyDays,
    /// The index of the chamber's filing plan (*titolario*) the series of daily registers is
    /// filed under, as its preservation metadata carry it (`IndiceDiClassificazione`); empty when
    /// the chamber does not classify the series.
    pub classification: String,
    /// Retention (`TempoDiConservazione`) in years, 9999 meaning permanent: the chamber's
    /// *piano di conservazione* sets it; the default keeps the registers permanently, the
    /// protocol register being the original public act that proves the date of receipt and
    /// dispatch of documents (*atto pubblico originario*, as the protocol manuals call it).
    pub retention_years: u32,
}

impl Default for DailyRegisterPolicy {
    fn default() -> Self {
        DailyRegisterPolicy {
            empty_days: EmptyDays::Skip,
            classification: String::new(),
            retention_years: 9999,
        }
    }
}

/// The day by which the daily register of `date` must reach preservation: the next working day of
/// the office (AgID Linee guida: "entro la giornata lavorativa successiva"), on the office view of
/// the chamber's calendar, so the patron saint of the seat and the chamber's Saturday closure
/// count as non-working days ([`View::Office`]).
///
/// ```
/// use chrono::NaiveDate;
/// use sportello::calendar::Calendar;
/// use sportello::protocol::preservation_due;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // Friday 4 Dec 2026 in Milan, office closed on Saturdays: Sunday, Sant'Ambrogio (Monday 7)
/// // and the Immacolata (Tuesday 8) follow, so the register is due on Wednesday 9.
/// let milano = Calendar::for_province(&"MI".parse()?)?.with_office_closed_on_saturday(true);
/// assert_eq!(preservation_due(&milano, d(2026, 12, 4))?, d(2026, 12, 9));
/// assert_eq!(preservation_due(&Calendar::national(), d(2026, 12, 4))?, d(2026, 12, 5));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn preservation_due(calendar: &Calendar, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
    calendar.next_working_day(date, View::Office)
}

/// A daily register sent to preservation: what was sent and the receipt (*rapporto di
/// versamento*). The protocol system keeps these records ([`crate::ports::ProtocolSystem`]), one
/// per day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterPreservation {
    /// The register.
    pub register: RegisterId,
    /// The day of the register.
    pub date: NaiveDate,
    /// The digest of the register sent ([`DailyRegister::digest`]).
    pub register_digest: Digest,
    /// Registrations in it.
    pub registrations: usize,
    /// Annulments of earlier registrations in it.
    pub annulments: usize,
    /// When it was sent.
    pub sent_at: DateTime<Utc>,
    /// Who sent it: an officer's codice fiscale, or `system` for the daily job.
    pub sent_by: String,
    /// The due date it was sent against.
    pub due_date: NaiveDate,
    /// The receipt of the preservation system.
    pub receipt: PreservationReceipt,
}

impl RegisterPreservation {
    /// Whether it was sent after its due date.
    pub fn late(&self) -> bool {
        crate::calendar::italian_date(self.sent_at) > self.due_date
    }
}

/// A day whose register is still to be sent, with its due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingRegister {
    /// The day of the register.
    pub date: NaiveDate,
    /// The next working day of the office after it ([`preservation_due`]).
    pub due_date: NaiveDate,
    /// Whether today is past the due date.
    pub overdue: bool,
    /// Registrations of the day.
    pub registrations: usize,
    /// Annulments of earlier registrations recorded on the day.
    pub annulments: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn due_dates_follow_the_office_calendar() {
        let national = Calendar::national();
        // Saturday 4 Apr 2026: Easter Sunday, then Easter Monday -> Tuesday 7 April
        assert_eq!(preservation_due(&national, d(2026, 4, 4)), Ok(d(2026, 4, 7)));
        // Thursday 30 Apr 2026: Friday 1 May is a national holiday -> Saturday 2 May, office open
        assert_eq!(preservation_due(&national, d(2026, 4, 30)), Ok(d(2026, 5, 2)));
        let closed_saturdays = national.clone().with_office_closed_on_saturday(true);
        assert_eq!(preservation_due(&closed_saturdays, d(2026, 4, 30)), Ok(d(2026, 5, 4)));
        // Bergamo, Sant'Alessandro on Wednesday 26 Aug 2026: Tuesday's register is due Thursday
        let bergamo = Calendar::for_province(&"BG".parse().unwrap_or_else(|e| panic!("{e:?}")))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(preservation_due(&bergamo, d(2026, 8, 25)), Ok(d(2026, 8, 27)));
        assert_eq!(preservation_due(&national, d(2026, 8, 25)), Ok(d(2026, 8, 26)));
        // out of the calendar's years: an error, never a guess
        assert!(preservation_due(&national, d(2100, 12, 31)).is_err());
    }

    #[test]
    fn each_day_has_its_own_digest_and_tampering_shows() {
        let id = RegisterId::new("cciaa_mi", "AOO_MI", "PG").unwrap_or_else(|e| panic!("{e}"));
        let empty = DailyRegister::new(id.clone(), d(2026, 3, 2), vec![]);
        let other_day = DailyRegister::new(id, d(2026, 3, 3), vec![]);
        assert_ne!(empty.digest, other_day.digest);
        assert_eq!(empty.first_number(), None);
        let mut tampered = empty.clone();
        tampered.date = d(2026, 3, 3);
        assert!(!tampered.verify());
    }
}
