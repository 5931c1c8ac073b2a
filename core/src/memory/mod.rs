//! In-memory implementations of every port in [`crate::ports`]: the embedded default that
//! examples and tests run on. Each is thread-safe and deterministic.

mod clock;
mod payments;

pub use clock::ManualClock;
pub use payments::InMemoryPaymentGateway;
