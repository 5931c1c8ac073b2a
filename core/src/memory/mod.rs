//! In-memory implementations of every port in [`crate::ports`]: the embedded default that
//! examples and tests run on. Each is thread-safe and deterministic.

mod clock;
mod payments;
mod pec_directory;
mod registry;
// dossiers, protocol, PEC, preservation
mod pec;
mod preserver;
mod protocol;
mod store;

pub use clock::ManualClock;
pub use payments::InMemoryPaymentGateway;
pub use pec::MemoryPecMailer;
pub use pec_directory::InMemoryPecDirectory;
pub use preserver::MemoryPreserver;
pub use protocol::MemoryProtocol;
pub use registry::{InMemoryRegistry, RegistryData, REGISTRY_FIXTURES};
pub use store::MemoryDossierStore;

/// Fixture intermediaries and delegations, in the JSON shape of
/// [`DelegationBook`](crate::profile::DelegationBook) (fictional, matching [`REGISTRY_FIXTURES`]).
pub const DELEGATION_FIXTURES: &str = include_str!("../../data/delegation_fixtures.json");
