//! The company as the Registro Imprese shows it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{AtecoCode, LegalForm, Pec, ProvinceCode, Rea, RegistryError};
use crate::chamber::ChamberCode;
use crate::identifiers::{CodiceFiscale, PartitaIva};

/// Where a subject is registered (DPR 581/1995 artt. 7-9; L. 580/1993 art. 8).
///
/// JSON: `{"section":"ordinaria"}`, `{"section":"speciale","category":"artisans"}`,
/// `{"section":"rea_only"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "section", content = "category", rename_all = "snake_case")]
pub enum Section {
    /// Sezione ordinaria.
    Ordinaria,
    /// Sezione speciale, with its category.
    Speciale(SpecialCategory),
    /// Registered only in the REA (associations, foundations and other subjects with an economic
    /// activity that are not enterprises): the annual fee has its own fixed amount for them.
    ReaOnly,
}

/// The categories of the sezione speciale that the fee rules tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpecialCategory {
    /// Piccoli imprenditori (art. 2083 c.c.).
    SmallEntrepreneurs,
    /// Imprese artigiane (L. 443/1985).
    Artisans,
    /// Coltivatori diretti.
    DirectFarmers,
    /// Imprenditori agricoli and società semplici agricole (D.Lgs. 228/2001).
    Agriculture,
    /// Società semplici that are not agricultural.
    SimplePartnerships,
    /// Società tra avvocati (D.Lgs. 96/2001 art. 16).
    LawyersCompanies,
    /// Società tra professionisti (L. 183/2011 art. 10; DM 34/2013).
    ProfessionalsCompanies,
}

/// The state of a registered subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompanyState {
    /// Registered, activity not started (or suspended).
    Inactive,
    /// Active.
    Active,
    /// In liquidation.
    InLiquidation,
    /// Ceased (cancellata).
    Ceased,
}

impl CompanyState {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            CompanyState::Inactive => "inactive",
            CompanyState::Active => "active",
            CompanyState::InLiquidation => "in_liquidation",
            CompanyState::Ceased => "ceased",
        }
    }
}

/// A state and the date from which it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StatusChange {
    /// The state entered.
    pub state: CompanyState,
    /// The first day in that state.
    pub since: NaiveDate,
}

/// A postal address; Italian addresses carry their province.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Address {
    /// Street and number.
    pub street: String,
    /// Postcode (CAP in Italy).
    pub postcode: String,
    /// Municipality.
    pub municipality: String,
    /// Province, required when `country` is `IT`, absent abroad.
    pub province: Option<ProvinceCode>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
}

/// What kind of local unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LocalUnitKind {
    /// Unità locale (shop, plant, warehouse, office).
    LocalUnit,
    /// Sede secondaria.
    SecondarySeat,
}

/// A local unit (unità locale) or secondary seat: the annual fee owes 20 % of the seat's amount
/// for each, to the chamber of the unit's province (`annual-fee.md` §5).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LocalUnit {
    /// Progressive number of the unit within the company.
    pub number: u32,
    /// Unit or secondary seat.
    pub kind: LocalUnitKind,
    /// Where it is (always in Italy).
    pub address: Address,
    /// The REA number in the unit's province, when it is not the province of the seat.
    pub rea: Option<Rea>,
    /// Activities carried on in the unit.
    pub ateco: Vec<AtecoCode>,
    /// First day open.
    pub opened_on: NaiveDate,
    /// First day closed, if closed.
    pub closed_on: Option<NaiveDate>,
}

impl LocalUnit {
    /// The unit's province.
    pub fn province(&self) -> Option<ProvinceCode> {
        self.address.province
    }

    /// Whether the unit is open on `day`.
    pub fn is_open_on(&self, day: NaiveDate) -> bool {
        self.opened_on <= day && self.closed_on.is_none_or(|c| day < c)
    }
}

/// A company (or other subject) as the Registro Imprese and the REA show it.
///
/// Fields are public for reading; [`Company::check`] verifies the rules across them, and every
/// registry adapter in this crate and in the bindings calls it before handing a company out.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Company {
    /// Codice fiscale: the Registro Imprese number.
    pub codice_fiscale: CodiceFiscale,
    /// Partita IVA, if VAT registered.
    pub partita_iva: Option<PartitaIva>,
    /// Denominazione or ragione sociale.
    pub name: String,
    /// Legal form.
    pub legal_form: LegalForm,
    /// Section of registration.
    pub section: Section,
    /// Whether the company is on the artisan register (Albo delle imprese artigiane, L. 443/1985
    /// art. 5).
    pub artisan: bool,
    /// REA number in the province of the seat (for a foreign company, of its first Italian unit).
    pub rea: Rea,
    /// The chamber that keeps the entry.
    pub chamber: ChamberCode,
    /// Sede legale.
    pub registered_office: Address,
    /// Local units and secondary seats.
    pub local_units: Vec<LocalUnit>,
    /// ATECO codes, the primary activity first.
    pub ateco: Vec<AtecoCode>,
    /// Date of registration.
    pub registered_on: NaiveDate,
    /// The states the company went through, oldest first; the first starts on `registered_on`.
    pub status: Vec<StatusChange>,
    /// PEC address as registered (the digital domicile is read from the PEC directory).
    pub pec: Option<Pec>,
}

impl Company {
    /// Verifies the rules across fields: a non-empty name; an Italian seat has a province and the
    /// REA is in that province; every unit is in Italy, carries a REA number exactly when its
    /// province differs from the REA of the seat, and has that province; the status history starts
    /// on the registration date and goes forward.
    pub fn check(&self) -> Result<(), RegistryError> {
        let cf = self.codice_fiscale.as_str();
        let bad = |field: &'static str, rule: &'static str| RegistryError::InconsistentCompany {
            codice_fiscale: cf.to_string(),
            field,
            rule,
        };
        if self.name.trim().is_empty() {
            return Err(bad("name", "not_empty"));
        }
        let known = |p: Option<ProvinceCode>| p.is_none_or(super::is_italian_province);
        if !known(Some(self.rea.province())) || !known(self.registered_office.province) {
            return Err(bad("province", "italian_province"));
        }
        if self
            .local_units
            .iter()
            .any(|u| !known(u.address.province) || !known(u.rea.as_ref().map(Rea::province)))
        {
            return Err(bad("local_units.province", "italian_province"));
        }
        let office = &self.registered_office;
        if office.country == "IT" {
            match office.province {
                None => return Err(bad("registered_office.province", "required_in_italy")),
                Some(p) if p != self.rea.province() => return Err(bad("rea", "province_of_seat")),
                Some(_) => {}
            }
        } else if office.province.is_some() {
            return Err(bad("registered_office.province", "absent_abroad"));
        }
        for unit in &self.local_units {
            let Some(p) = unit.address.province else {
                return Err(bad("local_units.address.province", "required_in_italy"));
            };
            if unit.address.country != "IT" {
                return Err(bad("local_units.address.country", "in_italy"));
            }
            match &unit.rea {
                Some(r) if r.province() != p => return Err(bad("local_units.rea", "province_of_unit")),
                Some(_) if p == self.rea.province() => {
                    return Err(bad("local_units.rea", "only_outside_seat_province"))
                }
                None if p != self.rea.province() => {
                    return Err(bad("local_units.rea", "required_outside_seat_province"))
                }
                _ => {}
            }
            if unit.closed_on.is_some_and(|c| c <= unit.opened_on) {
                return Err(bad("local_units.closed_on", "after_opening"));
            }
        }
        match self.status.first() {
            None => return Err(bad("status", "not_empty")),
            Some(first) if first.since != self.registered_on => {
                return Err(bad("status", "starts_on_registration"))
            }
            Some(_) => {}
        }
        if self.status.windows(2).any(|w| w[1].since <= w[0].since) {
            return Err(bad("status", "chronological"));
        }
        if self.ateco.is_empty() && self.section != Section::ReaOnly {
            return Err(bad("ateco", "primary_activity"));
        }
        Ok(())
    }

    /// The state on `day`, or `None` before registration.
    pub fn state_on(&self, day: NaiveDate) -> Option<CompanyState> {
        self.status.iter().rev().find(|s| s.since <= day).map(|s| s.state)
    }

    /// The current (latest recorded) state.
    pub fn current_state(&self) -> Option<CompanyState> {
        self.status.last().map(|s| s.state)
    }

    /// The primary ATECO code.
    pub fn primary_ateco(&self) -> Option<&AtecoCode> {
        self.ateco.first()
    }

    /// The province of the seat (of the REA entry for a foreign company).
    pub fn province(&self) -> ProvinceCode {
        self.registered_office.province.unwrap_or(self.rea.province())
    }

    /// Provinces where the company has a unit open on `day`, other than the seat's, each once.
    pub fn unit_provinces_on(&self, day: NaiveDate) -> Vec<ProvinceCode> {
        let mut out: Vec<ProvinceCode> = self
            .local_units
            .iter()
            .filter(|u| u.is_open_on(day))
            .filter_map(LocalUnit::province)
            .filter(|p| *p != self.province())
            .collect();
        out.sort();
        out.dedup();
        out
    }
}
