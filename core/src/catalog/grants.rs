//! Calls for grants (*bandi*) and their eligibility criteria: "looking for funding for your
//! business? find it with one click" (2013 counter banner).
//!
//! A grant lists criteria; [`check`] tests each one against a [`GrantApplicant`] and reports
//! every criterion that fails, not only the first, so the user sees all that stands in the way.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::CatalogError;
use crate::chamber::{ChamberCode, ProvinceCode};
use crate::money::Euro;
use crate::registry::{Company, CompanyState, LegalForm};

/// Company size class of Commission Recommendation 2003/361/EC (annex, art. 2), as the calls for
/// grants use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeClass {
    /// Fewer than 10 staff and turnover or balance sheet at most EUR 2 million.
    Micro,
    /// Fewer than 50 staff and turnover or balance sheet at most EUR 10 million.
    Small,
    /// Fewer than 250 staff and turnover at most EUR 50 million or balance sheet at most EUR 43
    /// million.
    Medium,
    /// Any other.
    Large,
}

impl SizeClass {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            SizeClass::Micro => "micro",
            SizeClass::Small => "small",
            SizeClass::Medium => "medium",
            SizeClass::Large => "large",
        }
    }
}

/// An ATECO section: one capital letter `A`..=`V` (ATECO 2025 has sections A-V, ATECO 2007 A-U;
/// the grant states which classification its list refers to in its text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AtecoSection(char);

impl AtecoSection {
    /// The section with letter `letter` (`'A'..='V'`).
    pub fn new(letter: char) -> Option<AtecoSection> {
        ('A'..='V').contains(&letter).then_some(AtecoSection(letter))
    }

    /// The letter.
    pub fn letter(self) -> char {
        self.0
    }
}

impl std::str::FromStr for SizeClass {
    type Err = CatalogError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [SizeClass::Micro, SizeClass::Small, SizeClass::Medium, SizeClass::Large]
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| CatalogError::InvalidValue {
                field: "size",
                rule: "size_class",
                text: s.to_string(),
                expected: "one of micro, small, medium, large",
            })
    }
}

impl std::str::FromStr for AtecoSection {
    type Err = CatalogError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => AtecoSection::new(c),
            _ => None,
        }
        .ok_or_else(|| CatalogError::InvalidValue {
            field: "ateco_sections",
            rule: "ateco_section",
            text: s.to_string(),
            expected: "one capital letter A-V",
        })
    }
}

impl TryFrom<String> for AtecoSection {
    type Error = CatalogError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<AtecoSection> for String {
    fn from(s: AtecoSection) -> String {
        s.0.to_string()
    }
}

/// The ATECO classification a call's list of sections refers to. ISTAT's ATECO 2025 (NACE Rev.
/// 2.1) is used by the Registro Imprese from 1 April 2025 and moved divisions between sections
/// (software 62 is section J in ATECO 2007, K in ATECO 2025), so the mapping is a choice the
/// caller makes per call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AtecoVersion {
    /// ATECO 2007 (NACE Rev. 2): sections A-U.
    Ateco2007,
    /// ATECO 2025 (NACE Rev. 2.1): sections A-V.
    #[default]
    Ateco2025,
}

impl AtecoVersion {
    /// The snake_case name (`"ateco2007"`, `"ateco2025"`).
    pub fn as_str(self) -> &'static str {
        match self {
            AtecoVersion::Ateco2007 => "ateco2007",
            AtecoVersion::Ateco2025 => "ateco2025",
        }
    }
}

impl std::str::FromStr for AtecoVersion {
    type Err = CatalogError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [AtecoVersion::Ateco2025, AtecoVersion::Ateco2007].into_iter().find(|v| v.as_str() == s).ok_or_else(
            || CatalogError::InvalidValue {
                field: "ateco_version",
                rule: "known_version",
                text: s.to_string(),
                expected: "ateco2025 or ateco2007",
            },
        )
    }
}

impl AtecoSection {
    /// The section of a two-digit ATECO division in `version` (ISTAT tables of sections by
    /// division); `None` for a division the classification does not have.
    ///
    /// ```
    /// use sportello::catalog::{AtecoSection, AtecoVersion};
    /// assert_eq!(AtecoSection::of_division(62, AtecoVersion::Ateco2007).map(|s| s.letter()), Some('J'));
    /// assert_eq!(AtecoSection::of_division(62, AtecoVersion::Ateco2025).map(|s| s.letter()), Some('K'));
    /// ```
    pub fn of_division(division: u8, version: AtecoVersion) -> Option<AtecoSection> {
        #[rustfmt::skip]
        const V2007: [(u8, u8, char); 21] = [
            (1, 3, 'A'), (5, 9, 'B'), (10, 33, 'C'), (35, 35, 'D'), (36, 39, 'E'), (41, 43, 'F'),
            (45, 47, 'G'), (49, 53, 'H'), (55, 56, 'I'), (58, 63, 'J'), (64, 66, 'K'), (68, 68, 'L'),
            (69, 75, 'M'), (77, 82, 'N'), (84, 84, 'O'), (85, 85, 'P'), (86, 88, 'Q'), (90, 93, 'R'),
            (94, 96, 'S'), (97, 98, 'T'), (99, 99, 'U'),
        ];
        #[rustfmt::skip]
        const V2025: [(u8, u8, char); 22] = [
            (1, 3, 'A'), (5, 9, 'B'), (10, 33, 'C'), (35, 35, 'D'), (36, 39, 'E'), (41, 43, 'F'),
            (46, 47, 'G'), (49, 53, 'H'), (55, 56, 'I'), (58, 60, 'J'), (61, 63, 'K'), (64, 66, 'L'),
            (68, 68, 'M'), (69, 75, 'N'), (77, 82, 'O'), (84, 84, 'P'), (85, 85, 'Q'), (86, 88, 'R'),
            (90, 93, 'S'), (94, 96, 'T'), (97, 98, 'U'), (99, 99, 'V'),
        ];
        let table: &[(u8, u8, char)] = match version {
            AtecoVersion::Ateco2007 => &V2007,
            AtecoVersion::Ateco2025 => &V2025,
        };
        table.iter().find(|(lo, hi, _)| (*lo..=*hi).contains(&division)).map(|&(_, _, c)| AtecoSection(c))
    }
}

/// Which seats of the company count for a province criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SeatRule {
    /// The registered office (*sede legale*) must be in one of the provinces.
    RegisteredOffice,
    /// The registered office or a local unit (*sede legale o unità operativa*) will do: the usual
    /// wording of the Lombardy chambers' calls. Which one applies is the call's choice.
    #[default]
    AnySeat,
}

impl SeatRule {
    /// The snake_case name (`"registered_office"`, `"any_seat"`).
    pub fn as_str(self) -> &'static str {
        match self {
            SeatRule::RegisteredOffice => "registered_office",
            SeatRule::AnySeat => "any_seat",
        }
    }
}

/// The eligibility criteria of a call. A criterion left empty (`None`) does not restrict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct GrantCriteria {
    /// ATECO sections of the main activity allowed.
    pub ateco_sections: Option<Vec<AtecoSection>>,
    /// Legal forms allowed, as *natura giuridica* codes of the Registro Imprese (`"SR"` srl,
    /// `"DI"` sole proprietorship...).
    pub legal_forms: Option<Vec<LegalForm>>,
    /// Size classes allowed.
    pub size_classes: Option<Vec<SizeClass>>,
    /// Provinces where the company must have its seat.
    pub provinces: Option<Vec<ProvinceCode>>,
    /// Which seats count for [`GrantCriteria::provinces`].
    #[serde(default)]
    pub seat: SeatRule,
    /// The fewest whole months since registration in the Registro Imprese.
    pub min_age_months: Option<u32>,
    /// Whether the company must be active (not in liquidation, not ceased, not suspended).
    pub must_be_active: bool,
}

/// A call for grants (*bando*) of a chamber.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    /// Identifier (slug).
    pub id: String,
    /// Title of the call, in Italian.
    pub title: String,
    /// The chamber that issues it.
    pub chamber: ChamberCode,
    /// What it funds, in Italian.
    pub description: String,
    /// The funds of the call.
    pub budget: Euro,
    /// The largest grant to one company.
    pub max_grant: Euro,
    /// First day applications are accepted.
    pub opens: NaiveDate,
    /// Last day applications are accepted.
    pub closes: NaiveDate,
    /// Eligibility criteria.
    pub criteria: GrantCriteria,
}

/// The facts about a company that eligibility needs: a view the registry's `Company` converts
/// into, so grants depend on nothing else of the registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantApplicant {
    /// The ATECO sections of the company's activities, main first.
    pub ateco_sections: Vec<AtecoSection>,
    /// *Natura giuridica* code (`"SR"`), normalised to capitals.
    pub legal_form: LegalForm,
    /// Size class, as the applicant declares it; `None` when not declared (the Registro Imprese
    /// does not hold it), which fails every call limited to some size classes.
    pub size: Option<SizeClass>,
    /// Province of the registered office.
    pub registered_office_province: ProvinceCode,
    /// Provinces of the local units.
    pub local_unit_provinces: Vec<ProvinceCode>,
    /// Date of registration in the Registro Imprese.
    pub registered_on: NaiveDate,
    /// Whether the company is active.
    pub active: bool,
}

impl GrantApplicant {
    /// The view of a registry [`Company`] on `on`: sections of its ATECO codes in `version`
    /// (main first, each once), natura giuridica code, seat province, provinces of the units open
    /// on `on`, registration date, and whether it is active on `on`. The size class is not in the
    /// Registro Imprese: the applicant declares it (calls ask for a self-declaration of SME status).
    pub fn from_company(
        company: &Company,
        size: Option<SizeClass>,
        on: NaiveDate,
        version: AtecoVersion,
    ) -> Self {
        let mut sections: Vec<AtecoSection> = Vec::new();
        for code in &company.ateco {
            let section =
                code.division().parse::<u8>().ok().and_then(|d| AtecoSection::of_division(d, version));
            if let Some(s) = section {
                if !sections.contains(&s) {
                    sections.push(s);
                }
            }
        }
        GrantApplicant {
            ateco_sections: sections,
            legal_form: company.legal_form,
            size,
            registered_office_province: company.province(),
            local_unit_provinces: company.unit_provinces_on(on),
            registered_on: company.registered_on,
            active: company.state_on(on) == Some(CompanyState::Active),
        }
    }
}

impl GrantApplicant {
    /// [`GrantApplicant::from_company`] over a company in the registry's JSON shape (what a host
    /// that keeps companies as JSON hands over), checked with the registry's own rules.
    pub fn from_company_json(
        json: &str,
        size: Option<SizeClass>,
        on: NaiveDate,
        version: AtecoVersion,
    ) -> Result<Self, super::CatalogError> {
        let company: Company =
            serde_json::from_str(json).map_err(|e| super::CatalogError::InvalidCompany {
                field: "(json)".into(),
                rule: "json".into(),
                reason: e.to_string(),
            })?;
        company.check().map_err(|e| {
            let (field, rule) = match &e {
                crate::registry::RegistryError::InconsistentCompany { field, rule, .. } => {
                    ((*field).to_string(), (*rule).to_string())
                }
                _ => ("(company)".to_string(), "registry".to_string()),
            };
            super::CatalogError::InvalidCompany { field, rule, reason: e.to_string() }
        })?;
        Ok(GrantApplicant::from_company(&company, size, on, version))
    }
}

/// One criterion a company fails, with what was required and what was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "criterion", rename_all = "snake_case")]
pub enum CriterionFailure {
    /// Applications are not open yet.
    NotYetOpen {
        /// First day of applications.
        opens: NaiveDate,
    },
    /// Applications are closed.
    Closed {
        /// Last day of applications.
        closed: NaiveDate,
    },
    /// The main activity is in another ATECO section.
    AtecoSection {
        /// Sections allowed.
        allowed: Vec<AtecoSection>,
        /// The company's main section, if known.
        found: Option<AtecoSection>,
    },
    /// The legal form is not allowed.
    LegalForm {
        /// Forms allowed.
        allowed: Vec<LegalForm>,
        /// The company's form.
        found: LegalForm,
    },
    /// The size class is not allowed.
    SizeClass {
        /// Classes allowed.
        allowed: Vec<SizeClass>,
        /// The company's class, if declared.
        found: Option<SizeClass>,
    },
    /// No seat that counts is in the provinces of the call.
    Province {
        /// Provinces allowed.
        allowed: Vec<ProvinceCode>,
        /// The provinces of the seats that count.
        found: Vec<ProvinceCode>,
        /// Which seats counted.
        seat: SeatRule,
    },
    /// The company has been registered for too short a time.
    TooYoung {
        /// Months required.
        min_months: u32,
        /// Whole months since registration.
        months: u32,
    },
    /// The company is not active.
    NotActive,
}

impl CriterionFailure {
    /// The criterion, as a snake_case name (`"province"`, `"too_young"`...).
    pub fn criterion(&self) -> &'static str {
        match self {
            CriterionFailure::NotYetOpen { .. } => "not_yet_open",
            CriterionFailure::Closed { .. } => "closed",
            CriterionFailure::AtecoSection { .. } => "ateco_section",
            CriterionFailure::LegalForm { .. } => "legal_form",
            CriterionFailure::SizeClass { .. } => "size_class",
            CriterionFailure::Province { .. } => "province",
            CriterionFailure::TooYoung { .. } => "too_young",
            CriterionFailure::NotActive => "not_active",
        }
    }
}

fn list<T: fmt::Display>(items: &[T]) -> String {
    items.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ")
}

impl fmt::Display for AtecoSection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl fmt::Display for SizeClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for CriterionFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CriterionFailure::NotYetOpen { opens } => write!(f, "applications open on {opens}"),
            CriterionFailure::Closed { closed } => write!(f, "applications closed on {closed}"),
            CriterionFailure::AtecoSection { allowed, found } => match found {
                Some(s) => write!(f, "ATECO section {s} is not among {}", list(allowed)),
                None => write!(f, "no ATECO activity; the call wants one of {}", list(allowed)),
            },
            CriterionFailure::LegalForm { allowed, found } => {
                write!(f, "legal form {found} is not among {}", list(allowed))
            }
            CriterionFailure::SizeClass { allowed, found } => match found {
                Some(found) => write!(f, "size class {found} is not among {}", list(allowed)),
                None => write!(f, "size class not declared; the call wants one of {}", list(allowed)),
            },
            CriterionFailure::Province { allowed, found, seat } => {
                let which = match seat {
                    SeatRule::RegisteredOffice => "registered office",
                    SeatRule::AnySeat => "seats",
                };
                write!(f, "{which} in {} but the call wants {}", list(found), list(allowed))
            }
            CriterionFailure::TooYoung { min_months, months } => {
                write!(f, "registered {months} whole months ago; the call wants at least {min_months}")
            }
            CriterionFailure::NotActive => f.write_str("the company is not active"),
        }
    }
}

/// A grant the company cannot apply to, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IneligibleGrant {
    /// The grant.
    pub grant_id: String,
    /// Every criterion failed.
    pub failures: Vec<CriterionFailure>,
}

/// The answer of the grants finder for one company on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantsReport {
    /// The day of the check.
    pub on: NaiveDate,
    /// The grants the company can apply to, in catalogue order.
    pub eligible: Vec<String>,
    /// The others, with what each fails.
    pub ineligible: Vec<IneligibleGrant>,
}

/// Whole months from `from` to `to` (0 if `to` is earlier): 31 Jan to 28 Feb is 0 months, to
/// 1 Mar is 1.
pub fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    if to <= from {
        return 0;
    }
    let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    let months = if to.day() < from.day() { months - 1 } else { months };
    u32::try_from(months).unwrap_or(0)
}

/// Every criterion of `grant` that `applicant` fails on `on` (empty: eligible).
pub fn check(grant: &Grant, applicant: &GrantApplicant, on: NaiveDate) -> Vec<CriterionFailure> {
    let c = &grant.criteria;
    let mut failures = Vec::new();
    if on < grant.opens {
        failures.push(CriterionFailure::NotYetOpen { opens: grant.opens });
    }
    if on > grant.closes {
        failures.push(CriterionFailure::Closed { closed: grant.closes });
    }
    if let Some(allowed) = &c.ateco_sections {
        let main = applicant.ateco_sections.first().copied();
        if !main.is_some_and(|s| allowed.contains(&s)) {
            failures.push(CriterionFailure::AtecoSection { allowed: allowed.clone(), found: main });
        }
    }
    if let Some(allowed) = &c.legal_forms {
        if !allowed.contains(&applicant.legal_form) {
            failures
                .push(CriterionFailure::LegalForm { allowed: allowed.clone(), found: applicant.legal_form });
        }
    }
    if let Some(allowed) = &c.size_classes {
        if !applicant.size.is_some_and(|size| allowed.contains(&size)) {
            failures.push(CriterionFailure::SizeClass { allowed: allowed.clone(), found: applicant.size });
        }
    }
    if let Some(allowed) = &c.provinces {
        let mut seats = vec![applicant.registered_office_province];
        if c.seat == SeatRule::AnySeat {
            for p in &applicant.local_unit_provinces {
                if !seats.contains(p) {
                    seats.push(*p);
                }
            }
        }
        if !seats.iter().any(|p| allowed.contains(p)) {
            failures.push(CriterionFailure::Province {
                allowed: allowed.clone(),
                found: seats,
                seat: c.seat,
            });
        }
    }
    if let Some(min) = c.min_age_months {
        let months = whole_months(applicant.registered_on, on);
        if months < min {
            failures.push(CriterionFailure::TooYoung { min_months: min, months });
        }
    }
    if c.must_be_active && !applicant.active {
        failures.push(CriterionFailure::NotActive);
    }
    failures
}

/// Checks every grant.
pub fn check_all(grants: &[Grant], applicant: &GrantApplicant, on: NaiveDate) -> GrantsReport {
    let mut eligible = Vec::new();
    let mut ineligible = Vec::new();
    for g in grants {
        let failures = check(g, applicant, on);
        if failures.is_empty() {
            eligible.push(g.id.clone());
        } else {
            ineligible.push(IneligibleGrant { grant_id: g.id.clone(), failures });
        }
    }
    GrantsReport { on, eligible, ineligible }
}
