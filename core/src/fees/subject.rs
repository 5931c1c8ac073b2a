//! Who pays and on which occasion: the subject kinds of DM 21/04/2011 and the occasions of payment.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::error::FeeError;

/// The kind of subject, which decides whether the fee is a fixed amount or follows the turnover
/// brackets (DM 21/04/2011 artt. 2-6; `reference/annual-fee.md` §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    /// Sole trader in the special section (piccoli imprenditori, artigiani, coltivatori diretti,
    /// imprenditori agricoli): EUR 88 base, 17.60 per local unit.
    IndividualSpecialSection,
    /// Sole trader in the ordinary section: EUR 200 base, 40 per local unit.
    IndividualOrdinarySection,
    /// Agricultural simple partnership (special section): EUR 100 base, 20 per local unit.
    SimplePartnershipAgricultural,
    /// Non-agricultural simple partnership: EUR 200 base, 40 per local unit.
    SimplePartnershipNonAgricultural,
    /// Law-firm company (società tra avvocati, D.Lgs. 96/2001 art. 16 c.2): EUR 200, 40 per unit.
    LawFirmCompany,
    /// Subject registered only in the REA (associations, foundations): EUR 30, nothing per unit.
    ReaOnly,
    /// Italian local unit, secondary seat or office of a company seated abroad: EUR 110 each,
    /// no fee for the (foreign) seat.
    ForeignCompany,
    /// Every other company of the ordinary section (s.n.c., s.a.s., s.r.l., s.p.a., cooperatives,
    /// consortia, GEIE, public economic bodies): turnover brackets, cap EUR 40 000.
    TurnoverBased,
}

impl SubjectKind {
    /// Every kind, in declaration order.
    pub const ALL: [SubjectKind; 8] = [
        SubjectKind::IndividualSpecialSection,
        SubjectKind::IndividualOrdinarySection,
        SubjectKind::SimplePartnershipAgricultural,
        SubjectKind::SimplePartnershipNonAgricultural,
        SubjectKind::LawFirmCompany,
        SubjectKind::ReaOnly,
        SubjectKind::ForeignCompany,
        SubjectKind::TurnoverBased,
    ];

    /// The stable snake_case name (`"individual_special_section"`), as in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            SubjectKind::IndividualSpecialSection => "individual_special_section",
            SubjectKind::IndividualOrdinarySection => "individual_ordinary_section",
            SubjectKind::SimplePartnershipAgricultural => "simple_partnership_agricultural",
            SubjectKind::SimplePartnershipNonAgricultural => "simple_partnership_non_agricultural",
            SubjectKind::LawFirmCompany => "law_firm_company",
            SubjectKind::ReaOnly => "rea_only",
            SubjectKind::ForeignCompany => "foreign_company",
            SubjectKind::TurnoverBased => "turnover_based",
        }
    }

    /// Whether the fee follows the turnover brackets (otherwise it is a fixed amount).
    pub const fn pays_by_turnover(self) -> bool {
        matches!(self, SubjectKind::TurnoverBased)
    }

    /// Whether the subject has a seat in Italy that pays (foreign companies pay only per unit).
    pub const fn has_italian_sede(self) -> bool {
        !matches!(self, SubjectKind::ForeignCompany)
    }
}

impl fmt::Display for SubjectKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SubjectKind {
    type Err = FeeError;

    /// Reads the snake_case name; case and `-` versus `_` do not matter.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase().replace('-', "_");
        SubjectKind::ALL
            .into_iter()
            .find(|k| k.as_str() == norm)
            .ok_or_else(|| FeeError::UnknownSubjectKind { text: s.to_string() })
    }
}

/// Why the fee is being paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Occasion {
    /// The yearly fee of a subject registered at 1 January.
    #[default]
    Annual,
    /// The first year of a new registration: turnover-based companies pay the minimum (EUR 200
    /// base, 40 per unit), everyone else their fixed amount; due within 30 days of filing.
    NewRegistration,
    /// Local units opened during the year: only the units are charged, at the unit amount of the
    /// subject (EUR 40 base for turnover-based companies, 20 % of the 200 minimum).
    NewLocalUnits,
}

impl Occasion {
    /// Every occasion, in declaration order.
    pub const ALL: [Occasion; 3] = [Occasion::Annual, Occasion::NewRegistration, Occasion::NewLocalUnits];

    /// The stable snake_case name (`"new_registration"`), as in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            Occasion::Annual => "annual",
            Occasion::NewRegistration => "new_registration",
            Occasion::NewLocalUnits => "new_local_units",
        }
    }

    /// The occasion of the two flags of the older surfaces (`new_registration`,
    /// `new_local_units`): both at once is refused.
    pub fn from_flags(new_registration: bool, new_local_units: bool) -> Result<Occasion, FeeError> {
        match (new_registration, new_local_units) {
            (false, false) => Ok(Occasion::Annual),
            (true, false) => Ok(Occasion::NewRegistration),
            (false, true) => Ok(Occasion::NewLocalUnits),
            (true, true) => {
                Err(FeeError::ExclusiveOccasions { first: "new_registration", second: "new_local_units" })
            }
        }
    }
}

impl Occasion {
    /// The occasion of a surface that takes a name and, for compatibility, the two flags: the name
    /// when given (with no flag set), else the flags ([`Occasion::from_flags`]).
    pub fn from_name_or_flags(
        name: Option<&str>,
        new_registration: bool,
        new_local_units: bool,
    ) -> Result<Occasion, FeeError> {
        match name {
            None => Occasion::from_flags(new_registration, new_local_units),
            Some(_) if new_registration => {
                Err(FeeError::ExclusiveOccasions { first: "occasion", second: "new_registration" })
            }
            Some(_) if new_local_units => {
                Err(FeeError::ExclusiveOccasions { first: "occasion", second: "new_local_units" })
            }
            Some(text) => text.parse(),
        }
    }
}

impl fmt::Display for Occasion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Occasion {
    type Err = FeeError;

    /// Reads the snake_case name; case and `-` versus `_` do not matter.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase().replace('-', "_");
        Occasion::ALL
            .into_iter()
            .find(|o| o.as_str() == norm)
            .ok_or_else(|| FeeError::UnknownOccasion { text: s.to_string() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_name() {
        for k in SubjectKind::ALL {
            assert_eq!(k.as_str().parse::<SubjectKind>(), Ok(k));
            assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{}\"", k.as_str()));
        }
        assert_eq!("Rea-Only".parse::<SubjectKind>(), Ok(SubjectKind::ReaOnly));
    }

    #[test]
    fn unknown_kind_is_refused_naming_the_text() {
        let err = "spa".parse::<SubjectKind>().unwrap_err();
        assert_eq!(err, FeeError::UnknownSubjectKind { text: "spa".into() });
        assert_eq!(err.field(), "subject");
    }

    #[test]
    fn every_occasion_reads_back_from_its_name_and_unknown_ones_are_refused() {
        for o in Occasion::ALL {
            assert_eq!(o.as_str().parse::<Occasion>(), Ok(o));
            assert_eq!(serde_json::to_string(&o).unwrap(), format!("\"{}\"", o.as_str()));
        }
        let err = "first_year".parse::<Occasion>().unwrap_err();
        assert_eq!((err.field(), err.rule()), ("occasion", "occasion"));
        assert_eq!(Occasion::from_flags(true, true).unwrap_err().rule(), "exclusive_occasions");
        assert_eq!(Occasion::from_name_or_flags(None, true, false), Ok(Occasion::NewRegistration));
        assert_eq!(
            Occasion::from_name_or_flags(Some("new_local_units"), false, false),
            Ok(Occasion::NewLocalUnits)
        );
        let err = Occasion::from_name_or_flags(Some("annual"), true, false).unwrap_err();
        assert_eq!(err.field(), "new_registration");
    }
}
