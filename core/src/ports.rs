//! Every integration of the counter as a trait: the seams at a glance.
//!
//! The core never performs I/O; a host plugs its real systems (business register, PEC directory and
//! mailer, protocol system, payments, preservation, storage, clock) by implementing these traits, in
//! Rust or, through the bindings, in Python and Kotlin. [`crate::memory`] has an in-memory
//! implementation of each: the embedded default that examples and tests run on.
//!
//! Ports return [`PortError`] for failures of the integration itself (unreachable, refused); domain
//! refusals are the domain's own error types.

use chrono::{DateTime, Utc};

/// A failure of an integration (the host's system), as opposed to a refusal by a domain rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[error("{port} failed: {reason}")]
pub struct PortError {
    /// Which port failed (`"business_registry"`, `"pec_mailer"`, ...).
    pub port: String,
    /// What the integration reported.
    pub reason: String,
}

impl PortError {
    /// A failure of `port` with `reason`.
    pub fn new(port: impl Into<String>, reason: impl Into<String>) -> Self {
        PortError { port: port.into(), reason: reason.into() }
    }
}

// -- clock ---------------------------------------------------------------------------------------

/// The source of the current instant. The core never reads the system clock: every use case asks
/// this port, so any scenario can be replayed with a settable clock
/// ([`crate::memory::ManualClock`]).
pub trait Clock: Send + Sync {
    /// The current instant, in UTC. Legal dates are derived from it in Italian time
    /// ([`crate::calendar::italian_date`]).
    fn now(&self) -> DateTime<Utc>;
}

// -- identity, registry, PEC directory -----------------------------------------------------------

// -- payments ------------------------------------------------------------------------------------

// -- protocol, PEC mailer, preservation, dossier store ------------------------------------------
