//! The chapters of the tour, in the order a visitor meets the counter.

pub mod allocation;
pub mod calendar;
pub mod catalog;
pub mod chambers;
pub mod dossier;
pub mod dossier_payments;
pub mod fees;
pub mod identifiers;
pub mod identity;
pub mod money;
pub mod payments;
pub mod satisfaction;
