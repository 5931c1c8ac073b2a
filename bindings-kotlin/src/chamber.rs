//! Kotlin surface of `sportello::chamber`: the `Chamber` record and the lookups. Converts types
//! and errors; every rule lives in core.

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use sportello::calendar::PatronSaints;
use sportello::chamber::{self as core, ChamberCode, ChamberError as CoreError, Chambers};

use crate::calendar::{province_arg, Calendar};
use crate::SportelloError;

impl From<CoreError> for SportelloError {
    fn from(e: CoreError) -> Self {
        let (rule, reason) = (e.rule().to_string(), e.to_string());
        match e {
            CoreError::UnknownProvince { province } => {
                SportelloError::UnknownProvince { province, rule, reason }
            }
            CoreError::UnknownChamber { code } => SportelloError::UnknownChamber { code, rule, reason },
            CoreError::NoChamber { province, on, covers_from } => {
                SportelloError::NoChamber { province, on, covers_from, reason }
            }
            CoreError::InvalidData { field, .. } => {
                SportelloError::ChamberDataError { field: field.into(), rule, reason }
            }
        }
    }
}

/// The embedded chamber table, read and validated once.
fn table() -> Result<&'static Chambers, SportelloError> {
    static TABLE: OnceLock<Result<Chambers, CoreError>> = OnceLock::new();
    TABLE.get_or_init(Chambers::embedded).as_ref().map_err(|e| e.clone().into())
}

fn code_arg(text: &str) -> Result<ChamberCode, SportelloError> {
    text.parse().map_err(|e: core::ChamberCodeError| SportelloError::UnknownChamber {
        code: text.to_string(),
        rule: "code_format".into(),
        reason: format!("code: {e}"),
    })
}

/// A chamber of commerce over its life.
#[derive(uniffi::Record)]
pub struct Chamber {
    pub code: String,
    pub name: String,
    pub region: String,
    pub provinces: Vec<String>,
    /// The city of the main seat.
    pub seat: String,
    pub seat_province: String,
    pub secondary_seats: Vec<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub predecessors: Vec<String>,
    pub successor: Option<String>,
    pub ipa_code: Option<String>,
    pub aoo_code: Option<String>,
    pub pec: Option<String>,
}

impl From<&core::Chamber> for Chamber {
    fn from(c: &core::Chamber) -> Self {
        let codes = |v: &[ChamberCode]| v.iter().map(ToString::to_string).collect();
        Chamber {
            code: c.code.to_string(),
            name: c.name.clone(),
            region: c.region.clone(),
            provinces: c.provinces.iter().map(ToString::to_string).collect(),
            seat: c.seat.city.clone(),
            seat_province: c.seat.province.to_string(),
            secondary_seats: c.secondary_seats.iter().map(|s| s.city.clone()).collect(),
            valid_from: c.valid_from,
            valid_to: c.valid_to,
            predecessors: codes(&c.predecessors),
            successor: c.successor.as_ref().map(ToString::to_string),
            ipa_code: c.ipa_code.clone(),
            aoo_code: c.aoo_code.clone(),
            pec: c.pec.clone(),
        }
    }
}

/// The chamber serving `province` (a sigla) on `on`.
#[uniffi::export]
pub fn chamber_for_province(province: String, on: NaiveDate) -> Result<Chamber, SportelloError> {
    let p = province_arg(&province)?;
    Ok(table()?.for_province(&p, on)?.into())
}

/// The chamber with `code` (active or not).
#[uniffi::export]
pub fn chamber_by_code(code: String) -> Result<Chamber, SportelloError> {
    Ok(table()?.by_code(&code_arg(&code)?)?.into())
}

/// Every chamber active on `on`.
#[uniffi::export]
pub fn chambers_on(on: NaiveDate) -> Result<Vec<Chamber>, SportelloError> {
    Ok(table()?.active_on(on).into_iter().map(Chamber::from).collect())
}

/// Every chamber in the data, over all time.
#[uniffi::export]
pub fn all_chambers() -> Result<Vec<Chamber>, SportelloError> {
    Ok(table()?.iter().map(Chamber::from).collect())
}

/// The office calendar of the main seat of the chamber with `code`.
#[uniffi::export]
pub fn chamber_calendar(code: String) -> Result<Arc<Calendar>, SportelloError> {
    let chamber = table()?.by_code(&code_arg(&code)?)?;
    let inner = chamber.office_calendar(&PatronSaints::embedded()?)?;
    Ok(Arc::new(Calendar { inner }))
}
