//! An in-memory preservation system.

use std::sync::{Arc, Mutex, PoisonError};

use crate::archive::{PreservationReceipt, SubmissionPackage};
use crate::ports::{Clock, PortError, Preserver};

/// Keeps every package it accepts and issues numbered receipts (`RdV-000001`...). Refuses a
/// package whose digests do not verify (LG §4.7 lett. b-c: checks, then rejection on anomalies).
#[derive(Clone)]
pub struct MemoryPreserver {
    packages: Arc<Mutex<Vec<SubmissionPackage>>>,
    accepted: Arc<Mutex<u64>>,
    keep: bool,
    clock: Arc<dyn Clock>,
}

impl MemoryPreserver {
    /// A preserver dating receipts with `clock`.
    pub fn new(clock: Arc<dyn Clock>) -> Self {
        MemoryPreserver {
            packages: Arc::new(Mutex::new(Vec::new())),
            accepted: Arc::default(),
            keep: true,
            clock,
        }
    }

    /// A preserver that verifies and acknowledges packages without keeping them (for load tests).
    pub fn discarding(clock: Arc<dyn Clock>) -> Self {
        MemoryPreserver { keep: false, ..Self::new(clock) }
    }

    /// The packages accepted so far.
    pub fn packages(&self) -> Vec<SubmissionPackage> {
        self.packages.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

impl Preserver for MemoryPreserver {
    fn submit(&self, package: &SubmissionPackage) -> Result<PreservationReceipt, PortError> {
        if !package.verify() {
            return Err(PortError::new(
                "preserver",
                format!("package {} fails digest verification", package.id),
            ));
        }
        let mut accepted = self.accepted.lock().unwrap_or_else(PoisonError::into_inner);
        *accepted += 1;
        if self.keep {
            self.packages.lock().unwrap_or_else(PoisonError::into_inner).push(package.clone());
        }
        Ok(PreservationReceipt {
            id: format!("RdV-{:06}", *accepted),
            package_id: package.id.clone(),
            at: self.clock.now(),
            package_digest: package.digest,
        })
    }
}
