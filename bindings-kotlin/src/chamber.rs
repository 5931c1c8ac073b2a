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

/// A malformed chamber code: `UnknownChamber` with core's rule (`code_format`). Every area that
/// takes a chamber code converts with `?`.
impl From<core::ChamberCodeError> for SportelloError {
    fn from(e: core::ChamberCodeError) -> Self {
        SportelloError::UnknownChamber {
            rule: e.rule().into(),
            reason: format!("{}: {e}", e.field()),
            code: e.text,
        }
    }
}

fn code_arg(text: &str) -> Result<ChamberCode, SportelloError> {
    Ok(text.parse::<ChamberCode>()?)
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

/// Whether the chamber with `code` was active on `on`.
#[uniffi::export]
pub fn chamber_is_active_on(code: String, on: NaiveDate) -> Result<bool, SportelloError> {
    Ok(table()?.by_code(&code_arg(&code)?)?.is_active_on(on))
}

/// A validated table of chambers over time: the embedded one, or one a host passes as JSON.
#[derive(uniffi::Object)]
pub struct ChamberTable {
    inner: Chambers,
}

#[uniffi::export]
impl ChamberTable {
    /// The table shipped with the library (the Lombardy chambers from 2013).
    #[uniffi::constructor]
    pub fn embedded() -> Result<Arc<Self>, SportelloError> {
        Ok(Arc::new(ChamberTable { inner: table()?.clone() }))
    }

    /// Reads and validates a table shaped like the embedded file.
    #[uniffi::constructor]
    pub fn from_json(text: String) -> Result<Arc<Self>, SportelloError> {
        Ok(Arc::new(ChamberTable { inner: Chambers::from_json(&text)? }))
    }

    /// The first day the data covers.
    pub fn covers_from(&self) -> NaiveDate {
        self.inner.covers_from()
    }

    /// Every province served by some chamber, sorted.
    pub fn provinces(&self) -> Vec<String> {
        self.inner.provinces().iter().map(ToString::to_string).collect()
    }

    /// The chamber serving `province` on `on`.
    pub fn for_province(&self, province: String, on: NaiveDate) -> Result<Chamber, SportelloError> {
        Ok(self.inner.for_province(&province_arg(&province)?, on)?.into())
    }

    /// The chamber with `code` (active or not).
    pub fn by_code(&self, code: String) -> Result<Chamber, SportelloError> {
        Ok(self.inner.by_code(&code_arg(&code)?)?.into())
    }

    /// Every chamber active on `on`.
    pub fn active_on(&self, on: NaiveDate) -> Vec<Chamber> {
        self.inner.active_on(on).into_iter().map(Chamber::from).collect()
    }

    /// Whether the chamber with `code` was active on `on`.
    pub fn is_active_on(&self, code: String, on: NaiveDate) -> Result<bool, SportelloError> {
        Ok(self.inner.by_code(&code_arg(&code)?)?.is_active_on(on))
    }

    /// The chamber carrying on `code` on `on` (itself or its successor); null before it existed.
    pub fn heir_on(&self, code: String, on: NaiveDate) -> Result<Option<Chamber>, SportelloError> {
        Ok(self.inner.heir_on(&code_arg(&code)?, on)?.map(Chamber::from))
    }

    /// Every chamber, over all time, in table order.
    pub fn all(&self) -> Vec<Chamber> {
        self.inner.iter().map(Chamber::from).collect()
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
