//! In-memory implementations of every port in [`crate::ports`]: the embedded default that
//! examples and tests run on. Each is thread-safe and deterministic.

mod clock;

pub use clock::ManualClock;
