//! Fees: the annual chamber fee (*diritto annuale*) to the cent, late payment and ravvedimento,
//! F24 rows, batches of millions of companies, secretarial fees, copies and stamp duty.
//!
//! | file | concept |
//! |---|---|
//! | [`subject`] | subject kinds (DM 21/04/2011) and occasions of payment |
//! | [`tables`] | base amounts, turnover brackets, cap, reductions by year (data) |
//! | [`surcharge`] | surcharges by chamber and year (data, the Lombardy table) |
//! | [`annual`] | the engine: one amount per chamber with every intermediate figure |
//! | [`company`] | the request of a company from its registry data (subject kind, seat, units at 1 January) |
//! | [`batch`] | the same rules for millions of companies, allocation-free |
//! | [`deadline`] | 30 June or the next working day; 30 days for new registrations |
//! | [`late`] | the 0.40 % window, ravvedimento, legal interest day by day |
//! | [`f24`] | the F24 rows (3850/3851/3852) |
//! | [`tariff`] | secretarial fees, copies, stamp duty, the fee a service declares |
//! | [`config`] | every configurable choice in one value, readable from JSON |
//!
//! Rules follow `reference/annual-fee.md`; each cites its act where it lives. Where the sources
//! disagree or are silent the choice is a parameter: the rounding mode of the 5-decimal steps
//! ([`FeeTables::step_mode`]), turnover cents ([`TurnoverPolicy`]), surcharges that no source
//! confirms ([`SurchargeTable`] refuses rather than guesses), the base of the 0.40 % and the
//! ravvedimento tiers ([`LatePolicy`]), the F24 codice ente of merged chambers ([`EnteCodes`]), the day chamber codes are read on
//! ([`ChamberDate`]); [`FeeConfig`] gathers them all.

pub mod annual;
pub mod batch;
pub mod company;
pub mod config;
pub mod deadline;
mod decimal_str;
pub mod error;
pub mod f24;
pub mod late;
pub mod rate;
pub mod subject;
pub mod surcharge;
pub mod tables;
pub mod tariff;

pub use annual::{
    chamber_steps, parse_chamber, AnnualFee, AnnualFeeRequest, ChamberDate, ChamberFee, ChamberInputs,
    ChamberSteps, FeeBasis, FeeCalculator,
};
pub use batch::{BatchCalculator, BatchCompany};
pub use company::subject_of;
pub use config::FeeConfig;
pub use deadline::{Deadline, DeadlineRules};
pub use error::FeeError;
pub use f24::{f24_rows, f24_rows_paid, EnteCodes, F24Row, TaxCode};
pub use late::{
    late_payment, settle, InterestPeriod, LateKind, LatePayment, LatePolicy, LegalRate, LegalRates,
};
pub use rate::{Percent, Rate};
pub use subject::{Occasion, SubjectKind};
pub use surcharge::{SurchargeRule, SurchargeSource, SurchargeTable};
pub use tables::{Bracket, FeeTables, FixedAmount, Reduction, TurnoverPolicy};
pub use tariff::{ChamberTariff, CopyQuote, FeeQuote, ServiceFee, TariffTable, STAMP_DUTY};
