//! In-memory implementations of every port in [`crate::ports`]: the embedded default that
//! examples and tests run on. Each is thread-safe and deterministic.

mod clock;
// dossiers, protocol, PEC, preservation
mod pec;
mod preserver;
mod protocol;
mod store;

pub use clock::ManualClock;
pub use pec::MemoryPecMailer;
pub use preserver::MemoryPreserver;
pub use protocol::MemoryProtocol;
pub use store::MemoryDossierStore;
