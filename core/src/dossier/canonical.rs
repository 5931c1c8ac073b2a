//! The canonical form an event is digested in, and the fast writers that produce it.
//!
//! The digest of an event is SHA-256 over the 32 bytes of the previous event's digest
//! ([`Digest::ZERO`] for the first) followed by the compact JSON (as `serde_json` writes it: no
//! whitespace, fields in declaration order, map keys sorted since forms are `BTreeMap`s) of
//! `{"dossier_id", "seq", "at", "actor", "reason", "kind"}`: every field of the event except `prev`
//! (hashed as raw bytes in front) and `digest` itself. That JSON is the same text the event's own
//! JSON shape carries for those fields, so any host that stores events as JSON stores exactly what
//! is digested.
//!
//! The JSON is never built in memory: it is streamed into the hash ([`DigestWriter`]), and
//! instants are written by [`Rfc3339`] without going through `fmt` (same text as chrono's
//! `Serialize`: RFC 3339, `Z`, fractional seconds with 0, 3, 6 or 9 digits).

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use serde::{Serialize, Serializer};

use super::event::{ActorRef, DossierEvent, EventKind};
use crate::archive::{Digest, DigestWriter};

/// The digested fields of an event, in order.
#[derive(Serialize)]
struct Body<'a> {
    dossier_id: &'a str,
    seq: u64,
    at: Rfc3339<'a>,
    actor: &'a ActorRef,
    reason: &'a Option<String>,
    kind: &'a EventKind,
}

/// The chained digest of an event: SHA-256(`prev` ‖ canonical JSON of the other fields).
pub(crate) fn event_digest(
    prev: &Digest,
    dossier_id: &str,
    seq: u64,
    at: &DateTime<Utc>,
    actor: &ActorRef,
    reason: &Option<String>,
    kind: &EventKind,
) -> Digest {
    let mut w = DigestWriter::new();
    w.update(prev.as_bytes());
    // Serializing these plain data types cannot fail (every map key is a string); if it ever did,
    // the digest would cover a truncated body and verification would reject the event.
    let _ = serde_json::to_writer(&mut w, &Body { dossier_id, seq, at: Rfc3339(at), actor, reason, kind });
    w.finish()
}

/// Writes the canonical body of `e` (its JSON without `prev` and `digest`) at the end of `out`.
pub(crate) fn write_body(out: &mut Vec<u8>, e: &DossierEvent) {
    let body = Body {
        dossier_id: &e.dossier_id,
        seq: e.seq,
        at: Rfc3339(&e.at),
        actor: &e.actor,
        reason: &e.reason,
        kind: &e.kind,
    };
    // as in `event_digest`: plain data cannot fail to serialize
    let _ = serde_json::to_writer(out, &body);
}

/// `serialize_with` for `NaiveDate` fields: the text chrono writes (`YYYY-MM-DD`), written faster.
pub(crate) fn date<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    IsoDate(d).serialize(s)
}

/// `serialize_with` for `Option<NaiveDate>` fields.
pub(crate) fn opt_date<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    d.as_ref().map(IsoDate).serialize(s)
}

/// A date serialized as chrono serializes `NaiveDate` (`YYYY-MM-DD`), formatted on the stack;
/// years outside 0..=9999 go through chrono itself.
#[derive(Clone, Copy)]
pub(crate) struct IsoDate<'a>(pub(crate) &'a NaiveDate);

impl Serialize for IsoDate<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        let Some(year) = u32::try_from(d.year()).ok().filter(|y| *y <= 9999) else {
            return d.serialize(s);
        };
        let mut buf = *b"0000-00-00";
        for (at, value, digits) in [(0, year, 4), (5, d.month(), 2), (8, d.day(), 2)] {
            let mut v = value;
            for i in (at..at + digits).rev() {
                buf[i] = b'0' + (v % 10) as u8;
                v /= 10;
            }
        }
        match std::str::from_utf8(&buf) {
            Ok(text) => s.serialize_str(text),
            Err(_) => d.serialize(s),
        }
    }
}

/// `serialize_with` for `DateTime<Utc>` fields: the text chrono writes, written faster.
pub(crate) fn utc<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    Rfc3339(at).serialize(s)
}

/// An instant serialized as chrono serializes `DateTime<Utc>` (RFC 3339, `SecondsFormat::AutoSi`,
/// `Z`), formatted on the stack; years outside 0..=9999 go through chrono itself.
#[derive(Clone, Copy)]
pub(crate) struct Rfc3339<'a>(pub(crate) &'a DateTime<Utc>);

impl Serialize for Rfc3339<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; 30];
        match format(self.0, &mut buf).and_then(|n| std::str::from_utf8(&buf[..n]).ok()) {
            Some(text) => s.serialize_str(text),
            None => self.0.serialize(s),
        }
    }
}

/// Writes `at` into `buf` (`YYYY-MM-DDTHH:MM:SS[.fff|.ffffff|.fffffffff]Z`, at most 30 bytes);
/// returns the length, or `None` for a year chrono writes with a sign.
fn format(at: &DateTime<Utc>, buf: &mut [u8; 30]) -> Option<usize> {
    let t = at.naive_utc();
    let year = u32::try_from(t.year()).ok().filter(|y| *y <= 9999)?;
    let (mut second, mut nano) = (t.second(), t.nanosecond());
    if nano >= 1_000_000_000 {
        // a leap second: chrono writes it as second 60
        second += 1;
        nano -= 1_000_000_000;
    }
    let mut len = 0;
    let mut put = |value: u32, digits: u32| {
        let mut v = value;
        for i in (0..digits as usize).rev() {
            buf[len + i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
        len += digits as usize;
    };
    put(year, 4);
    put(t.month(), 2);
    put(t.day(), 2);
    put(t.hour(), 2);
    put(t.minute(), 2);
    put(second, 2);
    let fraction = if nano == 0 {
        None
    } else if nano % 1_000_000 == 0 {
        Some((nano / 1_000_000, 3))
    } else if nano % 1_000 == 0 {
        Some((nano / 1_000, 6))
    } else {
        Some((nano, 9))
    };
    if let Some((value, digits)) = fraction {
        put(value, digits);
    }
    // the digits were written back to back; spread them into the RFC 3339 layout
    let digits = *buf;
    let mut out = 0;
    let mut emit = |bytes: &[u8]| {
        buf[out..out + bytes.len()].copy_from_slice(bytes);
        out += bytes.len();
    };
    emit(&digits[0..4]);
    emit(b"-");
    emit(&digits[4..6]);
    emit(b"-");
    emit(&digits[6..8]);
    emit(b"T");
    emit(&digits[8..10]);
    emit(b":");
    emit(&digits[10..12]);
    emit(b":");
    emit(&digits[12..14]);
    if let Some((_, n)) = fraction {
        emit(b".");
        emit(&digits[14..14 + n as usize]);
    }
    emit(b"Z");
    Some(out)
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone};
    use proptest::prelude::*;

    use super::*;

    fn ours(at: &DateTime<Utc>) -> String {
        serde_json::to_string(&Rfc3339(at)).unwrap()
    }

    #[test]
    fn instants_read_as_chrono_writes_them() {
        let base = Utc.with_ymd_and_hms(2026, 3, 2, 9, 5, 7).unwrap();
        for nanos in [0, 100_000_000, 120_000, 123_456_789, 5, 999_999_999] {
            let at = base + chrono::Duration::nanoseconds(nanos);
            assert_eq!(ours(&at), serde_json::to_string(&at).unwrap(), "{nanos}");
        }
        assert_eq!(ours(&base), "\"2026-03-02T09:05:07Z\"");
        assert_eq!(ours(&(base + chrono::Duration::milliseconds(100))), "\"2026-03-02T09:05:07.100Z\"");
        // a leap second, and years chrono writes with a sign
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31).unwrap().and_hms_nano_opt(23, 59, 59, 1_500_000_000);
        let leap = Utc.from_utc_datetime(&leap.unwrap());
        assert_eq!(ours(&leap), "\"2016-12-31T23:59:60.500Z\"");
        assert_eq!(ours(&leap), serde_json::to_string(&leap).unwrap());
        for year in [-1, 10_000, 0, 9999] {
            let at = Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).unwrap();
            assert_eq!(ours(&at), serde_json::to_string(&at).unwrap(), "{year}");
        }
    }

    const VECTORS: &str = include_str!("../../../testdata/dossier/chain_vectors.json");

    /// The chains sealed by the first implementation (a `String` of JSON per event, hashed after
    /// the previous digest) still verify, re-seal to the same digests and serialize to the same
    /// JSON: the canonical form and the events' JSON shape are unchanged.
    #[test]
    fn chains_sealed_by_the_first_implementation_still_verify() {
        let doc: serde_json::Value = serde_json::from_str(VECTORS).unwrap();
        let chains = doc["chains"].as_array().unwrap();
        assert_eq!(chains.len(), 2);
        for chain in chains {
            let values = chain["events"].as_array().unwrap();
            let events: Vec<crate::dossier::DossierEvent> =
                values.iter().map(|v| serde_json::from_value(v.clone()).unwrap()).collect();
            let id = events[0].dossier_id.clone();
            assert_eq!(crate::dossier::verify_chain(&id, &events), Ok(events[events.len() - 1].digest));
            for (e, v) in events.iter().zip(values) {
                let resealed = crate::dossier::DossierEvent::seal(
                    &e.dossier_id,
                    e.seq,
                    e.at,
                    e.actor.clone(),
                    e.reason.clone(),
                    e.kind.clone(),
                    e.prev,
                );
                assert_eq!(resealed.digest, e.digest, "{} event {}", e.dossier_id, e.seq);
                assert_eq!(&serde_json::to_value(e).unwrap(), v);
            }
        }
    }

    fn vector_chains() -> Vec<Vec<crate::dossier::DossierEvent>> {
        let doc: serde_json::Value = serde_json::from_str(VECTORS).unwrap();
        doc["chains"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| serde_json::from_value(c["events"].clone()).unwrap())
            .collect()
    }

    /// The verified log is the JSON of the events, byte for byte, and refuses what
    /// `verify_chain` refuses, with the same error.
    #[test]
    fn the_verified_log_is_the_events_json_and_fails_as_verify_chain_does() {
        use crate::dossier::{verified_log, verify_chain, DossierEvent};
        for events in vector_chains() {
            let id = events[0].dossier_id.clone();
            let (log, head) = verified_log(&id, &events).unwrap();
            assert_eq!(log, serde_json::to_vec(&events).unwrap());
            assert_eq!(Ok(head), verify_chain(&id, &events));
            assert_eq!(verified_log(&id, &[]), Ok((b"[]".to_vec(), Digest::ZERO)));
            // (chain, whether it must be refused): removing the last event leaves a valid chain
            let mut tampered: Vec<(Vec<DossierEvent>, bool)> = Vec::new();
            for k in 0..events.len() {
                let mut altered = events.clone();
                altered[k].reason = Some("modificato".into());
                tampered.push((altered, true));
                let mut removed = events.clone();
                removed.remove(k);
                tampered.push((removed, k + 1 < events.len()));
                let mut other = events.clone();
                other[k].dossier_id = "MI-2026-999999".into();
                tampered.push((other, true));
                if k + 1 < events.len() {
                    let mut swapped = events.clone();
                    swapped.swap(k, k + 1);
                    tampered.push((swapped, true));
                }
            }
            for (t, refused) in &tampered {
                let expected = verify_chain(&id, t);
                assert_eq!(expected.is_err(), *refused);
                assert_eq!(verified_log(&id, t).map(|(_, h)| h), expected);
            }
        }
    }

    #[test]
    fn dates_read_as_chrono_writes_them() {
        let json = |d: &NaiveDate| serde_json::to_string(&IsoDate(d)).unwrap();
        for (y, m, day) in [(2026, 1, 5), (1, 2, 3), (0, 12, 31), (9999, 12, 31), (10_000, 1, 1), (-1, 6, 30)]
        {
            let d = NaiveDate::from_ymd_opt(y, m, day).unwrap();
            assert_eq!(json(&d), serde_json::to_string(&d).unwrap(), "{d:?}");
        }
        assert_eq!(json(&NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()), "\"2026-01-05\"");
    }

    proptest! {
        #[test]
        fn any_date_reads_as_chrono_writes_it(days in -5_000_000i32..5_000_000) {
            if let Some(d) = NaiveDate::from_num_days_from_ce_opt(days) {
                prop_assert_eq!(serde_json::to_string(&IsoDate(&d)).unwrap(), serde_json::to_string(&d).unwrap());
                prop_assert_eq!(
                    serde_json::to_string(&Some(IsoDate(&d))).unwrap(),
                    serde_json::to_string(&Some(d)).unwrap()
                );
            }
        }

        #[test]
        fn any_instant_reads_as_chrono_writes_it(secs in -80_000_000_000i64..300_000_000_000, nanos in 0u32..2_000_000_000) {
            if let Some(at) = DateTime::<Utc>::from_timestamp(secs, nanos) {
                prop_assert_eq!(ours(&at), serde_json::to_string(&at).unwrap());
            }
        }
    }
}
