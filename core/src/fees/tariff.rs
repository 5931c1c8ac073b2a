//! Secretarial fees (diritti di segreteria), copies and stamp duty, per chamber, as data; and the
//! fee a service declares in the catalogue ([`ServiceFee`]).
//!
//! Stamp duty (imposta di bollo) is EUR 16.00 from 26 June 2013 (art. 7-bis c.3 DL 43/2013, conv.
//! L. 71/2013). On a certified (conforming) copy it is due on the request and on the copy, one
//! stamp per *foglio* of 4 pages (DPR 642/1972 art. 5 and Tariffa art. 1; AdE risoluzione
//! 151/2001), not on viewing or on a plain copy (`reference/procedure-law.md` §2.3).
//!
//! Tariffs differ by chamber and no Lombardy table was found (UNCONFIRMED): [`TariffTable::shipped`]
//! carries only the two published ones (Verona, Venezia Giulia: EUR 5.00 + 0.10 per page); a
//! chamber adds its own with [`TariffTable::with`].

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::chamber::ChamberCode;
use crate::money::Euro;

use super::error::FeeError;

/// Stamp duty, fixed amount: EUR 16.00 (art. 7-bis c.3 DL 43/2013).
pub const STAMP_DUTY: Euro = Euro::new(Decimal::from_parts(1600, 0, 0, false, 2));

/// Pages in a *foglio* for the stamp duty (DPR 642/1972 art. 5).
pub const PAGES_PER_FOGLIO: u32 = 4;

/// The tariff of one chamber.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChamberTariff {
    /// Fixed part of a copy.
    pub copy_fixed: Euro,
    /// Per page of a copy.
    pub copy_per_page: Euro,
    /// Named secretarial fees (`"certificato"`, `"visura"`), as the chamber publishes them.
    pub items: BTreeMap<String, Euro>,
    /// Where the figures come from.
    pub source: String,
}

/// Tariffs by chamber.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TariffTable {
    /// One tariff per chamber.
    pub chambers: BTreeMap<ChamberCode, ChamberTariff>,
}

impl TariffTable {
    /// The published tariffs of `reference/procedure-law.md` §2.3 (Verona, Venezia Giulia).
    pub fn shipped() -> Self {
        let copy = |source: &str| ChamberTariff {
            copy_fixed: Euro::from_cents(500),
            copy_per_page: Euro::from_cents(10),
            items: BTreeMap::new(),
            source: source.to_string(),
        };
        let chambers = [
            ("VR", copy("vr.camcom.it, accesso documentale (Registro Imprese tariff, paper archive)")),
            ("VG", copy("vg.camcom.it, richieste di accesso documentale")),
        ]
        .into_iter()
        .filter_map(|(c, t)| Some((c.parse().ok()?, t)))
        .collect();
        TariffTable { chambers }
    }

    /// With `chamber`'s tariff set.
    pub fn with(mut self, chamber: ChamberCode, tariff: ChamberTariff) -> Self {
        self.chambers.insert(chamber, tariff);
        self
    }

    /// The tariff of `chamber`.
    pub fn tariff(&self, chamber: &ChamberCode) -> Result<&ChamberTariff, FeeError> {
        self.chambers.get(chamber).ok_or_else(|| FeeError::NoTariff { chamber: chamber.clone() })
    }

    /// What a copy of `pages` pages costs at `chamber`; `certified` adds the stamp duty.
    pub fn copy_quote(
        &self,
        chamber: &ChamberCode,
        pages: u32,
        certified: bool,
    ) -> Result<CopyQuote, FeeError> {
        if pages == 0 {
            return Err(FeeError::NoPages);
        }
        let t = self.tariff(chamber)?;
        let secretarial = t.copy_fixed + t.copy_per_page.times(Decimal::from(pages));
        let stamps = if certified { 1 + pages.div_ceil(PAGES_PER_FOGLIO) } else { 0 };
        let stamp_duty = STAMP_DUTY.times(Decimal::from(stamps));
        Ok(CopyQuote { pages, certified, secretarial, stamps, stamp_duty, total: secretarial + stamp_duty })
    }
}

/// The cost of a copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyQuote {
    /// Pages (facciate).
    pub pages: u32,
    /// Whether the copy is certified.
    pub certified: bool,
    /// Secretarial fee: fixed part plus per page.
    pub secretarial: Euro,
    /// Stamps: one on the request and one per foglio of the copy (certified copies only).
    pub stamps: u32,
    /// `stamps x 16.00`.
    pub stamp_duty: Euro,
    /// Everything.
    pub total: Euro,
}

/// The fee a service of the catalogue declares: what the user pays to the chamber for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ServiceFee {
    /// Nothing to pay.
    Free,
    /// A fixed secretarial fee and a number of stamps.
    Fixed {
        /// Diritti di segreteria.
        secretarial: Euro,
        /// Stamps of EUR 16.00 (imposta di bollo).
        stamps: u32,
    },
    /// A named item of the chamber's tariff, plus stamps.
    TariffItem {
        /// The item name in [`ChamberTariff::items`].
        item: String,
        /// Stamps of EUR 16.00.
        stamps: u32,
    },
    /// A copy, priced by the chamber's copy tariff and its page count.
    Copy {
        /// Whether the copy is certified (stamp duty).
        certified: bool,
    },
}

/// What a service costs at a chamber.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeQuote {
    /// Diritti di segreteria.
    pub secretarial: Euro,
    /// Imposta di bollo.
    pub stamp_duty: Euro,
    /// Everything.
    pub total: Euro,
}

impl ServiceFee {
    /// A service fee from its JSON (`{"kind": "fixed", "secretarial": "5.00", "stamps": 1}`), or
    /// [`FeeError::Malformed`] naming `service_fee`.
    pub fn from_json(text: &str) -> Result<ServiceFee, FeeError> {
        serde_json::from_str(text)
            .map_err(|e| FeeError::Malformed { field: "service_fee", reason: e.to_string() })
    }

    /// What the service costs at `chamber` for a request of `pages` pages (used by copies).
    pub fn quote(
        &self,
        tariffs: &TariffTable,
        chamber: &ChamberCode,
        pages: u32,
    ) -> Result<FeeQuote, FeeError> {
        let with_stamps = |secretarial: Euro, stamps: u32| {
            let stamp_duty = STAMP_DUTY.times(Decimal::from(stamps));
            FeeQuote { secretarial, stamp_duty, total: secretarial + stamp_duty }
        };
        match self {
            ServiceFee::Free => Ok(with_stamps(Euro::ZERO, 0)),
            ServiceFee::Fixed { secretarial, stamps } => Ok(with_stamps(*secretarial, *stamps)),
            ServiceFee::TariffItem { item, stamps } => {
                let amount = tariffs.tariff(chamber)?.items.get(item).copied().ok_or_else(|| {
                    FeeError::UnknownTariffItem { chamber: chamber.clone(), item: item.clone() }
                })?;
                Ok(with_stamps(amount, *stamps))
            }
            ServiceFee::Copy { certified } => {
                let q = tariffs.copy_quote(chamber, pages, *certified)?;
                Ok(FeeQuote { secretarial: q.secretarial, stamp_duty: q.stamp_duty, total: q.total })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cc(s: &str) -> ChamberCode {
        s.parse().unwrap()
    }

    #[test]
    fn stamp_duty_is_sixteen_euros() {
        assert_eq!(STAMP_DUTY, "16.00".parse().unwrap());
    }

    #[test]
    fn plain_copy_pays_fixed_part_and_pages_without_stamps() {
        let q = TariffTable::shipped().copy_quote(&cc("VR"), 12, false).unwrap();
        assert_eq!(q.secretarial, "6.20".parse().unwrap());
        assert_eq!(q.stamps, 0);
        assert_eq!(q.total, "6.20".parse().unwrap());
    }

    #[test]
    fn certified_copy_pays_a_stamp_on_the_request_and_one_per_foglio_of_four_pages() {
        let q = TariffTable::shipped().copy_quote(&cc("VG"), 5, true).unwrap();
        assert_eq!(q.stamps, 3);
        assert_eq!(q.stamp_duty, "48.00".parse().unwrap());
        assert_eq!(q.total, "53.50".parse().unwrap());
    }

    #[test]
    fn chamber_without_a_tariff_is_refused_by_name() {
        let err = TariffTable::shipped().copy_quote(&cc("MIMBLO"), 1, false).unwrap_err();
        assert_eq!(err, FeeError::NoTariff { chamber: cc("MIMBLO") });
        assert_eq!(TariffTable::shipped().copy_quote(&cc("VR"), 0, false).unwrap_err(), FeeError::NoPages);
    }

    #[test]
    fn service_fee_declared_as_tariff_item_reads_the_chamber_table() {
        let mut t = ChamberTariff {
            copy_fixed: Euro::from_cents(500),
            copy_per_page: Euro::from_cents(10),
            items: BTreeMap::new(),
            source: "test".into(),
        };
        t.items.insert("certificato".into(), Euro::from_cents(500));
        let table = TariffTable::default().with(cc("BG"), t);
        let fee = ServiceFee::TariffItem { item: "certificato".into(), stamps: 1 };
        let q = fee.quote(&table, &cc("BG"), 0).unwrap();
        assert_eq!(q.total, "21.00".parse().unwrap());
        let missing = ServiceFee::TariffItem { item: "visura".into(), stamps: 0 };
        assert_eq!(missing.quote(&table, &cc("BG"), 0).unwrap_err().rule(), "tariff_item");
    }

    #[test]
    fn service_fee_json_shape_is_tagged() {
        let fee = ServiceFee::Fixed { secretarial: Euro::from_cents(1800), stamps: 1 };
        let json = serde_json::to_string(&fee).unwrap();
        assert_eq!(json, r#"{"kind":"fixed","secretarial":"18.00","stamps":1}"#);
        assert_eq!(serde_json::from_str::<ServiceFee>(&json).unwrap(), fee);
    }
}
