//! A settable clock.

use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Duration, Utc};

use crate::ports::Clock;

/// A clock that shows the instant it was set to, until it is set or advanced again.
///
/// Clones share the same instant, so a test can hold one handle and give another to the counter.
///
/// ```
/// use chrono::{Duration, TimeZone, Utc};
/// use sportello::memory::ManualClock;
/// use sportello::ports::Clock;
///
/// let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
/// clock.advance(Duration::days(30));
/// assert_eq!(clock.now(), Utc.with_ymd_and_hms(2026, 4, 1, 9, 0, 0).unwrap());
/// ```
#[derive(Debug, Clone)]
pub struct ManualClock {
    now: Arc<Mutex<DateTime<Utc>>>,
}

impl ManualClock {
    /// A clock showing `now`.
    pub fn new(now: DateTime<Utc>) -> Self {
        ManualClock { now: Arc::new(Mutex::new(now)) }
    }

    /// Sets the instant shown.
    pub fn set(&self, now: DateTime<Utc>) {
        *self.now.lock().unwrap_or_else(PoisonError::into_inner) = now;
    }

    /// Moves the instant shown forward (or back, with a negative duration).
    pub fn advance(&self, by: Duration) {
        let mut guard = self.now.lock().unwrap_or_else(PoisonError::into_inner);
        *guard += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
