//! F24 rows of the annual fee: section "IMU e altri tributi locali", codice ente = province code of
//! the chamber, one row per chamber and tax code, amounts in cents (`reference/annual-fee.md` §11).
//!
//! Tax codes (AdE Risoluzione n. 12/E del 24/02/2010): **3850** the fee (with the +0.40 % when
//! paid in the window), **3851** interest, **3852** sanctions.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::chamber::ChamberCode;
use crate::money::Euro;

use super::annual::AnnualFee;
use super::error::FeeError;
use super::late::LatePayment;

/// The F24 section of the annual fee.
pub const F24_SECTION: &str = "IMU e altri tributi locali";

/// A tax code (codice tributo) of the annual fee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum TaxCode {
    /// 3850: diritto annuale.
    #[serde(rename = "3850")]
    AnnualFee,
    /// 3851: interessi.
    #[serde(rename = "3851")]
    Interest,
    /// 3852: sanzioni.
    #[serde(rename = "3852")]
    Sanction,
}

impl TaxCode {
    /// The four-digit code.
    pub const fn code(self) -> &'static str {
        match self {
            TaxCode::AnnualFee => "3850",
            TaxCode::Interest => "3851",
            TaxCode::Sanction => "3852",
        }
    }
}

impl fmt::Display for TaxCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One F24 row, ready to print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct F24Row {
    /// The chamber the row pays.
    pub chamber: ChamberCode,
    /// Codice ente: the province code of the chamber (`MI`).
    pub codice_ente: String,
    /// Codice tributo.
    pub tax_code: TaxCode,
    /// Anno di riferimento: the fee year.
    pub year: i32,
    /// Importo a debito, in cents.
    pub amount: Euro,
}

impl F24Row {
    /// The row as printed: section, ente, code, year, amount in Italian form.
    pub fn line(&self) -> String {
        format!(
            "{F24_SECTION} | ente {} | tributo {} | anno {} | {}",
            self.codice_ente,
            self.tax_code,
            self.year,
            self.amount.format_it()
        )
    }
}

/// The codice ente of each chamber: a two-letter chamber code is its own province code; merged
/// chambers are listed. Como-Lecco uses CO in its own example [S22]; MI for Milano Monza Brianza
/// Lodi and MN (seat) for Cremona-Mantova-Pavia are **UNCONFIRMED** (ref §5): replace them with
/// [`EnteCodes::with`] when the chamber says otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnteCodes {
    /// Chamber code to codice ente, for codes that are not a province code.
    pub codes: BTreeMap<ChamberCode, String>,
}

impl Default for EnteCodes {
    fn default() -> Self {
        let codes = [("COLC", "CO"), ("MIMBLO", "MI"), ("CRMNPV", "MN")]
            .into_iter()
            .filter_map(|(c, e)| Some((c.parse().ok()?, e.to_string())))
            .collect();
        EnteCodes { codes }
    }
}

impl EnteCodes {
    /// With `chamber` paid under `codice_ente`.
    pub fn with(mut self, chamber: ChamberCode, codice_ente: &str) -> Self {
        self.codes.insert(chamber, codice_ente.to_ascii_uppercase());
        self
    }

    /// The codice ente of `chamber`.
    pub fn codice_ente(&self, chamber: &ChamberCode) -> Result<String, FeeError> {
        if let Some(code) = self.codes.get(chamber) {
            return Ok(code.clone());
        }
        let c = chamber.as_str();
        if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(c.to_string())
        } else {
            Err(FeeError::NoEnteCode { chamber: chamber.clone() })
        }
    }
}

/// The F24 rows of `fee` paid on `paid_on` against `deadline` (both, for a late payment settled
/// with [`super::settle`], or neither, paid on time), under `config`'s late policy, legal rates
/// and codici ente. One given without the other is [`FeeError::PaidOnWithoutDeadline`].
pub fn f24_rows_paid(
    fee: &AnnualFee,
    paid_on: Option<chrono::NaiveDate>,
    deadline: Option<&super::Deadline>,
    config: &super::FeeConfig,
) -> Result<Vec<F24Row>, FeeError> {
    let late = match (paid_on, deadline) {
        (Some(p), Some(d)) => super::settle(fee, d, p, &config.late, &config.legal_rates)?,
        (None, None) => BTreeMap::new(),
        (Some(_), None) => return Err(FeeError::PaidOnWithoutDeadline { missing: "deadline" }),
        (None, Some(_)) => return Err(FeeError::PaidOnWithoutDeadline { missing: "paid_on" }),
    };
    f24_rows(fee, &late, &config.ente_codes)
}

/// The F24 rows of `fee`: per chamber with something due, code 3850 (with the +0.40 % when
/// `late` says so) and, for a ravvedimento, 3851 and 3852. `late` maps chambers to the outcome of
/// [`super::late_payment`]; a chamber missing from it is paid on time.
pub fn f24_rows(
    fee: &AnnualFee,
    late: &BTreeMap<ChamberCode, LatePayment>,
    codes: &EnteCodes,
) -> Result<Vec<F24Row>, FeeError> {
    let mut rows = Vec::new();
    for (chamber, cf) in &fee.by_chamber {
        if cf.due.is_zero() {
            continue;
        }
        let codice_ente = codes.codice_ente(chamber)?;
        let lp = late.get(chamber);
        let mut push = |tax_code, amount: Euro| {
            if !amount.is_zero() {
                rows.push(F24Row {
                    chamber: chamber.clone(),
                    codice_ente: codice_ente.clone(),
                    tax_code,
                    year: fee.year,
                    amount: amount.round_cents(),
                });
            }
        };
        push(TaxCode::AnnualFee, lp.map_or(cf.due, |l| l.fee_amount));
        if let Some(l) = lp {
            push(TaxCode::Interest, l.interest);
            push(TaxCode::Sanction, l.sanction);
        }
    }
    Ok(rows)
}
