//! Why a fee could not be computed: one variant per broken rule, naming the field.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::chamber::ChamberCode;
use crate::money::Euro;

use super::subject::SubjectKind;

/// A refusal of the fee rules. Every variant says which input ([`FeeError::field`]) broke which
/// rule ([`FeeError::rule`]); the bindings expose both to callers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeeError {
    /// A subject kind name that is not one of the eight kinds of DM 21/04/2011.
    #[error(
        "subject {text:?} is unknown (expected one of individual_special_section, \
         individual_ordinary_section, simple_partnership_agricultural, \
         simple_partnership_non_agricultural, law_firm_company, rea_only, foreign_company, \
         turnover_based)"
    )]
    UnknownSubjectKind {
        /// The text as given.
        text: String,
    },
    /// A fee year before the first year the shipped tables cover (DM 21/04/2011 applies from 2011).
    #[error("year {year} is not covered: the fee tables start in {first}")]
    YearNotSupported {
        /// The year asked for.
        year: i32,
        /// The first year the tables cover.
        first: i32,
    },
    /// A turnover-based company without the turnover of the previous year (DM 21/04/2011 art. 4).
    #[error("turnover is required for {subject} subjects (the fee is computed by turnover brackets)")]
    MissingTurnover {
        /// The subject kind.
        subject: SubjectKind,
    },
    /// A negative turnover.
    #[error("turnover must not be negative, got {turnover}")]
    NegativeTurnover {
        /// The turnover given.
        turnover: Decimal,
    },
    /// A subject with an Italian seat but no chamber for it.
    #[error("sede_chamber is required for {subject} subjects (the sede fee goes to its chamber)")]
    MissingSedeChamber {
        /// The subject kind.
        subject: SubjectKind,
    },
    /// Nothing to charge: a foreign company (or an opening of local units) with no local unit.
    #[error("{subject} subjects pay per local unit in Italy: local_units must name at least one unit")]
    NoLocalUnits {
        /// The subject kind.
        subject: SubjectKind,
    },
    /// No surcharge is known for a chamber and year and none was given.
    #[error(
        "no surcharge (maggiorazione, art. 18 c.10 L. 580/1993) is known for chamber {chamber} in \
         {year}: pass it in surcharges (0 if the chamber applies none)"
    )]
    SurchargeUnknown {
        /// The chamber.
        chamber: ChamberCode,
        /// The fee year.
        year: i32,
    },
    /// A surcharge outside 0..=max.
    #[error("surcharge {rate} for chamber {chamber} is outside 0..={max}")]
    SurchargeOutOfRange {
        /// The chamber.
        chamber: String,
        /// The rate given (a fraction, 0.20 is 20 %).
        rate: Decimal,
        /// The largest rate allowed.
        max: Decimal,
    },
    /// A chamber code that is not 2 to 12 letters or digits.
    #[error("{field}: chamber code {text:?} is not 2 to 12 letters or digits")]
    InvalidChamber {
        /// Where the code was given.
        field: &'static str,
        /// The text as given.
        text: String,
    },
    /// An amount that must not be negative.
    #[error("{field} must not be negative, got {amount}")]
    NegativeAmount {
        /// The field.
        field: &'static str,
        /// The amount.
        amount: Euro,
    },
    /// A computation left the decimal range.
    #[error("amount overflow while computing {step}")]
    Overflow {
        /// The step that overflowed.
        step: &'static str,
    },
    /// A payment date outside the range where a legal date can be computed.
    #[error("{field}: date {date} is out of range")]
    DateOutOfRange {
        /// The field.
        field: &'static str,
        /// The date.
        date: NaiveDate,
    },
    /// Ravvedimento is only possible within one year of the violation (DM 54/2005 art. 6).
    #[error(
        "payment on {paid_on} is past the last day for ravvedimento ({last_day}, one year after the \
         deadline {deadline}): the chamber assesses the fee (DM 54/2005 art. 4)"
    )]
    RavvedimentoExpired {
        /// The deadline that was missed.
        deadline: NaiveDate,
        /// The payment date.
        paid_on: NaiveDate,
        /// The last day ravvedimento was possible.
        last_day: NaiveDate,
    },
    /// No legal interest rate (art. 1284 c.c.) is known for a year the interest spans.
    #[error("no legal interest rate (art. 1284 c.c.) is known for {year}")]
    NoLegalRate {
        /// The year.
        year: i32,
    },
    /// No tariff is configured for a chamber.
    #[error("no secretarial-fee tariff is configured for chamber {chamber}")]
    NoTariff {
        /// The chamber.
        chamber: ChamberCode,
    },
    /// A tariff item that the chamber's table does not list.
    #[error("chamber {chamber} has no tariff item {item:?}")]
    UnknownTariffItem {
        /// The chamber.
        chamber: ChamberCode,
        /// The item asked for.
        item: String,
    },
    /// No F24 codice ente is known for a chamber (merged chambers must be configured).
    #[error("no F24 codice ente is known for chamber {chamber}")]
    NoEnteCode {
        /// The chamber.
        chamber: ChamberCode,
    },
    /// A copy of zero pages.
    #[error("a copy needs at least one page")]
    NoPages,
    /// A rate that is not a fraction between 0 and 1.
    #[error("{field}: rate {rate} is outside 0..=1")]
    RateOutOfRange {
        /// The field.
        field: &'static str,
        /// The rate given.
        rate: Decimal,
    },
    /// Columns of a batch with different lengths.
    #[error("batch columns differ in length: {column} has {found} items, subjects has {expected}")]
    ColumnLength {
        /// The column that differs.
        column: &'static str,
        /// Its length.
        found: usize,
        /// The length of `subjects`.
        expected: usize,
    },
    /// A chamber named twice in one map once codes are normalised (`"mi"` and `"MI"`).
    #[error("{field}: chamber {chamber} is given twice (codes are case-insensitive)")]
    DuplicateChamber {
        /// The map where it repeats.
        field: &'static str,
        /// The normalised code.
        chamber: ChamberCode,
    },
    /// An occasion name that is not one of `annual`, `new_registration`, `new_local_units`.
    #[error("occasion {text:?} is unknown (expected one of annual, new_registration, new_local_units)")]
    UnknownOccasion {
        /// The text as given.
        text: String,
    },
    /// Two occasions asked for at once.
    #[error("{first} and {second} are exclusive occasions")]
    ExclusiveOccasions {
        /// The first one.
        first: &'static str,
        /// The second one.
        second: &'static str,
    },
    /// A deadline whose window ends before the deadline itself.
    #[error("window_until {window_until} is before due_by {due_by}")]
    WindowBeforeDeadline {
        /// The deadline.
        due_by: NaiveDate,
        /// The end of the window.
        window_until: NaiveDate,
    },
    /// A fee configuration that cannot be read.
    #[error("fee configuration is invalid: {reason}")]
    InvalidConfig {
        /// What is wrong, as the JSON reader says it.
        reason: String,
    },
    /// The chamber table used to resolve merged chambers is unusable.
    #[error("chamber table: {reason}")]
    ChamberTable {
        /// What is wrong.
        reason: String,
    },
    /// A batch with neither a chamber (whose surcharge the table gives) nor an explicit surcharge.
    #[error(
        "a batch needs the chamber (its surcharge is read from the table) or an explicit surcharge \
         (0 if none applies): neither was given"
    )]
    BatchSurchargeMissing,
    /// An input that cannot be read (a batch turnover, a service fee's JSON).
    #[error("{field}: {reason}")]
    Malformed {
        /// The input.
        field: &'static str,
        /// Why it cannot be read.
        reason: String,
    },
    /// A payment day without its deadline, or a deadline without the payment day.
    #[error("paid_on and deadline go together: {missing} is missing")]
    PaidOnWithoutDeadline {
        /// The one not given.
        missing: &'static str,
    },
    /// The registry data do not say which subject kind of DM 21/04/2011 a company is (a legal
    /// form the reference does not place, such as a società tra professionisti other than lawyers,
    /// or an association registered in the ordinary section): the kind is not guessed.
    #[error(
        "the subject kind of {company} (legal form {legal_form}) cannot be told from the registry: {reason}"
    )]
    SubjectNotDetermined {
        /// The company's codice fiscale.
        company: String,
        /// Its natura giuridica code.
        legal_form: String,
        /// Why.
        reason: &'static str,
    },
    /// The company owes no fee for the year: registered after it, or ceased before 1 January
    /// (the fee follows the registration at 1 January, ref §2.2; DM 359/2001 art. 3 c.2).
    #[error("{company} owes no annual fee for {year}: {reason}")]
    NotDueInYear {
        /// The company's codice fiscale.
        company: String,
        /// The fee year.
        year: i32,
        /// Why.
        reason: String,
    },
    /// A row of a batch that failed, with its index.
    #[error("row {index}: {error}")]
    InRow {
        /// Index of the row, from 0.
        index: usize,
        /// What failed.
        error: Box<FeeError>,
    },
}

impl FeeError {
    /// The rule that failed, as a stable snake_case name.
    pub fn rule(&self) -> &'static str {
        match self {
            FeeError::UnknownSubjectKind { .. } => "subject_kind",
            FeeError::YearNotSupported { .. } => "year_supported",
            FeeError::MissingTurnover { .. } => "required_for_turnover_based",
            FeeError::NegativeTurnover { .. } => "non_negative",
            FeeError::MissingSedeChamber { .. } => "required_for_subject",
            FeeError::NoLocalUnits { .. } => "at_least_one_unit",
            FeeError::SurchargeUnknown { .. } => "surcharge_known",
            FeeError::SurchargeOutOfRange { .. } => "surcharge_range",
            FeeError::InvalidChamber { .. } => "chamber_code",
            FeeError::NegativeAmount { .. } => "non_negative",
            FeeError::Overflow { .. } => "range",
            FeeError::DateOutOfRange { .. } => "date_range",
            FeeError::RavvedimentoExpired { .. } => "ravvedimento_within_one_year",
            FeeError::NoLegalRate { .. } => "legal_rate_known",
            FeeError::NoTariff { .. } => "tariff_configured",
            FeeError::UnknownTariffItem { .. } => "tariff_item",
            FeeError::NoPages => "at_least_one_page",
            FeeError::NoEnteCode { .. } => "codice_ente_known",
            FeeError::RateOutOfRange { .. } => "rate_range",
            FeeError::ColumnLength { .. } => "equal_lengths",
            FeeError::DuplicateChamber { .. } => "unique_chamber",
            FeeError::UnknownOccasion { .. } => "occasion",
            FeeError::ExclusiveOccasions { .. } => "exclusive_occasions",
            FeeError::WindowBeforeDeadline { .. } => "window_after_deadline",
            FeeError::InvalidConfig { .. } => "config_format",
            FeeError::ChamberTable { .. } => "chamber_table",
            FeeError::BatchSurchargeMissing => "chamber_or_surcharge",
            FeeError::Malformed { .. } => "format",
            FeeError::PaidOnWithoutDeadline { .. } => "paid_on_with_deadline",
            FeeError::SubjectNotDetermined { .. } => "subject_from_registry",
            FeeError::NotDueInYear { .. } => "registered_in_year",
            FeeError::InRow { error, .. } => error.rule(),
        }
    }

    /// The input field that broke the rule.
    pub fn field(&self) -> &'static str {
        match self {
            FeeError::UnknownSubjectKind { .. } => "subject",
            FeeError::YearNotSupported { .. } => "year",
            FeeError::MissingTurnover { .. } | FeeError::NegativeTurnover { .. } => "turnover",
            FeeError::MissingSedeChamber { .. } => "sede_chamber",
            FeeError::NoLocalUnits { .. } => "local_units",
            FeeError::SurchargeUnknown { .. } | FeeError::SurchargeOutOfRange { .. } => "surcharges",
            FeeError::InvalidChamber { field, .. }
            | FeeError::NegativeAmount { field, .. }
            | FeeError::DateOutOfRange { field, .. }
            | FeeError::RateOutOfRange { field, .. } => field,
            FeeError::Overflow { .. } => "amount",
            FeeError::RavvedimentoExpired { .. } => "paid_on",
            FeeError::NoLegalRate { .. } => "rates",
            FeeError::NoTariff { .. } => "chamber",
            FeeError::UnknownTariffItem { .. } => "item",
            FeeError::NoPages => "pages",
            FeeError::NoEnteCode { .. } => "chamber",
            FeeError::ColumnLength { column, .. } => column,
            FeeError::DuplicateChamber { field, .. } => field,
            FeeError::UnknownOccasion { .. } => "occasion",
            FeeError::ExclusiveOccasions { second, .. } => second,
            FeeError::WindowBeforeDeadline { .. } => "window_until",
            FeeError::InvalidConfig { .. } => "config",
            FeeError::ChamberTable { .. } => "chambers",
            FeeError::BatchSurchargeMissing => "surcharge",
            FeeError::Malformed { field, .. } => field,
            FeeError::PaidOnWithoutDeadline { missing } => missing,
            FeeError::SubjectNotDetermined { .. } => "legal_form",
            FeeError::NotDueInYear { .. } => "year",
            FeeError::InRow { error, .. } => error.field(),
        }
    }
}
