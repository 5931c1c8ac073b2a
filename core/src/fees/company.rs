//! The annual-fee request of a company as the Registro Imprese shows it: its subject kind from
//! the legal form and the section, its seat and the local units open at 1 January of the fee
//! year, and the occasion (`reference/annual-fee.md` §2.2, §5).
//!
//! The fee follows the situation at **1 January** of the fee year (legal form, seat, units; ref
//! §2.2 [S9][S23]); units opened during the year are paid when their opening is filed, not here.
//! A company registered during the fee year pays as a new registration (ref §2.1, §9); one
//! registered after it, or ceased before 1 January, owes nothing for the year.
//!
//! ```
//! use sportello::fees::{AnnualFeeRequest, FeeCalculator, SubjectKind};
//! use sportello::memory::InMemoryRegistry;
//! use sportello::ports::BusinessRegistry;
//!
//! let registry = InMemoryRegistry::with_fixtures()?;
//! // Ferrari & Colombo S.n.c., seat in Monza, no units: a partnership pays by turnover.
//! let company = registry.company(&"04567890134".parse()?)?.ok_or("not found")?;
//! let req = AnnualFeeRequest::for_company(&company, 2025, Some("265815".parse()?))?;
//! assert_eq!(req.subject, SubjectKind::TurnoverBased);
//! let fee = FeeCalculator::default().annual_fee(&req)?;
//! // MB is Milano Monza Brianza Lodi since 2017; 2025: -50 % then +20 %
//! assert_eq!(fee.by_chamber[&"MIMBLO".parse()?].increased.to_string(), "134.73358");
//! assert_eq!(fee.total_due.to_string(), "135");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::annual::AnnualFeeRequest;
use super::error::FeeError;
use super::subject::{Occasion, SubjectKind};
use crate::chamber::ChamberCode;
use crate::money::Euro;
use crate::registry::{Company, CompanyState, LegalFamily, Section, SpecialCategory};

/// The subject kind of DM 21/04/2011 the registry data give (ref §2.1-2.2): REA-only subjects;
/// foreign companies (per Italian unit); sole traders by section; società semplici agricultural or
/// not; società tra avvocati; partnerships, companies, cooperatives, consortia with external
/// activity, GEIE and public economic bodies by turnover. A form the reference does not place is
/// [`FeeError::SubjectNotDetermined`], never a guess.
pub fn subject_of(company: &Company) -> Result<SubjectKind, FeeError> {
    let refuse = |reason: &'static str| FeeError::SubjectNotDetermined {
        company: company.codice_fiscale.to_string(),
        legal_form: company.legal_form.code().to_string(),
        reason,
    };
    if company.section == Section::ReaOnly {
        return Ok(SubjectKind::ReaOnly);
    }
    let family = company.legal_form.family().ok_or_else(|| refuse("natura giuridica code not known"))?;
    let special = |c: SpecialCategory| company.section == Section::Speciale(c);
    Ok(match family {
        LegalFamily::Foreign => SubjectKind::ForeignCompany,
        LegalFamily::NaturalPerson => SubjectKind::ReaOnly,
        LegalFamily::IndividualEnterprise => match company.section {
            Section::Speciale(_) => SubjectKind::IndividualSpecialSection,
            _ => SubjectKind::IndividualOrdinarySection,
        },
        LegalFamily::SimplePartnership
            if special(SpecialCategory::Agriculture) || special(SpecialCategory::DirectFarmers) =>
        {
            SubjectKind::SimplePartnershipAgricultural
        }
        LegalFamily::SimplePartnership => SubjectKind::SimplePartnershipNonAgricultural,
        LegalFamily::ProfessionalsCompany if special(SpecialCategory::LawyersCompanies) => {
            SubjectKind::LawFirmCompany
        }
        LegalFamily::ProfessionalsCompany => {
            return Err(refuse("the reference fixes the amount of società tra avvocati only"))
        }
        LegalFamily::GeneralPartnership
        | LegalFamily::LimitedPartnership
        | LegalFamily::LimitedCompany
        | LegalFamily::JointStockCompany
        | LegalFamily::PartnershipLimitedByShares
        | LegalFamily::Cooperative
        | LegalFamily::Consortium
        | LegalFamily::ConsortiumCompany
        | LegalFamily::Geie => SubjectKind::TurnoverBased,
        LegalFamily::PublicBody if company.legal_form.code() == "EP" => SubjectKind::TurnoverBased,
        LegalFamily::PublicBody => return Err(refuse("only public economic bodies pay by turnover")),
        LegalFamily::InternalConsortium => {
            return Err(refuse("a consortium without external activity is not placed by the reference"))
        }
        LegalFamily::Association | LegalFamily::Foundation | LegalFamily::NetworkContract => {
            return Err(refuse("registered in the ordinary section: not placed by the reference"))
        }
        LegalFamily::Unspecified => return Err(refuse("natura giuridica not specified")),
    })
}

/// A province code as the chamber code the fee engine resolves (to the chamber serving it).
fn chamber_of(province: &str) -> Result<ChamberCode, FeeError> {
    super::annual::parse_chamber(province, "local_units")
}

impl AnnualFeeRequest {
    /// The request for `company`'s fee of `year`, from the registry data at 1 January: subject
    /// kind ([`subject_of`]), the seat's province, the units open that day counted by province
    /// (those in the seat's province are paid with the seat), and the occasion (a new registration
    /// when registered during the year). `turnover` is the previous year's, as declared for IRAP
    /// (needed by companies that pay by turnover: the engine refuses without it).
    pub fn for_company(company: &Company, year: i32, turnover: Option<Euro>) -> Result<Self, FeeError> {
        let not_due = |reason: String| FeeError::NotDueInYear {
            company: company.codice_fiscale.to_string(),
            year,
            reason,
        };
        let jan_first =
            NaiveDate::from_ymd_opt(year, 1, 1).ok_or(FeeError::YearNotSupported { year, first: 2011 })?;
        let occasion = match company.registered_on.year() {
            y if y > year => return Err(not_due(format!("registered on {}", company.registered_on))),
            y if y == year => Occasion::NewRegistration,
            _ => Occasion::Annual,
        };
        if occasion == Occasion::Annual && company.state_on(jan_first) == Some(CompanyState::Ceased) {
            return Err(not_due(format!("ceased before 1 January {year}")));
        }
        let subject = subject_of(company)?;
        // a new registration pays for what it registered; otherwise the units open at 1 January
        let counted_on =
            if occasion == Occasion::NewRegistration { company.registered_on } else { jan_first };
        let mut units: BTreeMap<ChamberCode, u32> = BTreeMap::new();
        for unit in company.local_units.iter().filter(|u| u.is_open_on(counted_on)) {
            if let Some(p) = unit.province() {
                *units.entry(chamber_of(p.as_str())?).or_insert(0) += 1;
            }
        }
        let mut req = AnnualFeeRequest::new(year, subject).occasion(occasion);
        req.local_units = units;
        req.turnover = turnover;
        if subject.has_italian_sede() {
            req.sede_chamber = Some(chamber_of(company.province().as_str())?);
        }
        Ok(req)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::InMemoryRegistry;
    use crate::ports::BusinessRegistry;

    fn company(cf: &str) -> Company {
        let registry = InMemoryRegistry::with_fixtures().unwrap();
        registry.company(&cf.parse().unwrap()).unwrap().unwrap()
    }

    fn cc(s: &str) -> ChamberCode {
        s.parse().unwrap()
    }

    #[test]
    fn the_subject_kind_follows_legal_form_and_section() {
        for (cf, kind) in [
            ("01234560017", SubjectKind::TurnoverBased), // s.r.l.
            ("BNCLCU75C41A794Q", SubjectKind::IndividualSpecialSection), // artisan
            ("CLMLSN90E15D286P", SubjectKind::IndividualOrdinarySection), // sole trader
            ("06789010201", SubjectKind::SimplePartnershipAgricultural), // s.s. agricola
            ("07890120186", SubjectKind::SimplePartnershipNonAgricultural), // s.s. immobiliare
            ("08901230147", SubjectKind::LawFirmCompany), // tra avvocati
            ("97123450013", SubjectKind::ReaOnly),       // association, REA
            ("09012340122", SubjectKind::ForeignCompany), // GmbH
            ("01011120159", SubjectKind::TurnoverBased), // ente pubblico economico
            ("07788990153", SubjectKind::TurnoverBased), // GEIE
        ] {
            assert_eq!(subject_of(&company(cf)), Ok(kind), "{cf}");
        }
    }

    #[test]
    fn a_form_the_reference_does_not_place_is_refused_not_guessed() {
        let mut c = company("08901230147");
        c.section = Section::Speciale(SpecialCategory::ProfessionalsCompanies);
        let err = subject_of(&c).unwrap_err();
        assert_eq!((err.field(), err.rule()), ("legal_form", "subject_from_registry"));
    }

    #[test]
    fn units_are_those_open_on_the_first_of_january_by_province() {
        // Verdi Acciai: seat BS, units MN (2008), CR (2011), BS (2002), PV (2015, closed 2021)
        let req = AnnualFeeRequest::for_company(&company("03456780174"), 2021, None).unwrap();
        assert_eq!(req.sede_chamber, Some(cc("BS")));
        assert_eq!(
            req.local_units,
            BTreeMap::from([(cc("BS"), 1), (cc("CR"), 1), (cc("MN"), 1), (cc("PV"), 1)])
        );
        let later = AnnualFeeRequest::for_company(&company("03456780174"), 2022, None).unwrap();
        assert!(!later.local_units.contains_key(&cc("PV")));
        assert_eq!(later.occasion, Occasion::Annual);
    }

    #[test]
    fn a_foreign_company_has_no_seat_and_pays_per_unit() {
        let req = AnnualFeeRequest::for_company(&company("09012340122"), 2024, None).unwrap();
        assert_eq!(req.sede_chamber, None);
        assert_eq!(req.local_units, BTreeMap::from([(cc("SO"), 1), (cc("VA"), 1)]));
        // no surcharge is confirmed for SO and VA in 2024: given as none, 110 x 0.5 per unit
        let req = req
            .surcharge(cc("SO"), rust_decimal::Decimal::ZERO)
            .surcharge(cc("VA"), rust_decimal::Decimal::ZERO);
        let fee = crate::fees::FeeCalculator::default().annual_fee(&req).unwrap();
        assert_eq!(fee.by_chamber[&cc("SO")].due, Euro::from_units(55));
        assert_eq!(fee.total_due, Euro::from_units(110));
    }

    #[test]
    fn the_year_of_registration_is_a_new_registration_and_earlier_years_are_not_due() {
        // Nuova Iniziativa S.r.l.s., registered 10 September 2024
        let c = company("01122330978");
        assert_eq!(
            AnnualFeeRequest::for_company(&c, 2024, None).unwrap().occasion,
            Occasion::NewRegistration
        );
        let err = AnnualFeeRequest::for_company(&c, 2023, None).unwrap_err();
        assert_eq!((err.field(), err.rule()), ("year", "registered_in_year"));
        // Vecchia Bottega di Rossi Mario ceased on 31 December 2019: nothing due for 2020
        let ceased = company("RSSMRA80A01F205X");
        assert!(AnnualFeeRequest::for_company(&ceased, 2019, None).is_ok());
        let err = AnnualFeeRequest::for_company(&ceased, 2020, None).unwrap_err();
        assert!(matches!(err, FeeError::NotDueInYear { year: 2020, .. }));
    }

    #[test]
    fn a_company_paying_by_turnover_needs_the_turnover() {
        let req = AnnualFeeRequest::for_company(&company("04567890134"), 2025, None).unwrap();
        let err = crate::fees::FeeCalculator::default().annual_fee(&req).unwrap_err();
        assert_eq!((err.field(), err.rule()), ("turnover", "required_for_turnover_based"));
    }
}
