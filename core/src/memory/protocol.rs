//! The embedded protocol register behind the `ProtocolSystem` port.

use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;

use crate::ports::{Clock, ProtocolSystem};
use crate::protocol::{
    Annulment, Correspondent, DailyRegister, ProtocolEntry, ProtocolError, ProtocolNumber, ProtocolRegister,
    RegisterId, RegisterPreservation, RegistrationRequest,
};

/// A [`ProtocolRegister`] under a lock, reading the clock inside the lock so that number and date
/// are assigned together (TUDA art. 53 c.3): concurrent registrations get distinct consecutive
/// numbers in the order of their dates.
#[derive(Clone)]
pub struct MemoryProtocol {
    register: Arc<Mutex<ProtocolRegister>>,
    clock: Arc<dyn Clock>,
}

impl MemoryProtocol {
    /// An empty register of `id` held by `holder`, dated by `clock`.
    pub fn new(id: RegisterId, holder: Correspondent, clock: Arc<dyn Clock>) -> Result<Self, ProtocolError> {
        Ok(MemoryProtocol { register: Arc::new(Mutex::new(ProtocolRegister::new(id, holder)?)), clock })
    }

    /// A copy of the register as it stands.
    pub fn snapshot(&self) -> ProtocolRegister {
        self.register.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

impl ProtocolSystem for MemoryProtocol {
    fn register(&self, request: RegistrationRequest) -> Result<ProtocolEntry, ProtocolError> {
        let mut reg = self.register.lock().unwrap_or_else(PoisonError::into_inner);
        let at = self.clock.now();
        reg.register(request, at)
    }

    fn annul(
        &self,
        number: ProtocolNumber,
        operator: String,
        authorised_by: String,
        authorisation: String,
        reason: String,
    ) -> Result<ProtocolEntry, ProtocolError> {
        let mut reg = self.register.lock().unwrap_or_else(PoisonError::into_inner);
        let at = self.clock.now();
        reg.annul(number, Annulment { at, operator, authorised_by, authorisation, reason })
    }

    fn entry(&self, number: ProtocolNumber) -> Result<Option<ProtocolEntry>, ProtocolError> {
        Ok(self.register.lock().unwrap_or_else(PoisonError::into_inner).entry(number).cloned())
    }

    fn daily_register(&self, date: NaiveDate) -> Result<DailyRegister, ProtocolError> {
        Ok(self.register.lock().unwrap_or_else(PoisonError::into_inner).daily_register(date))
    }

    fn active_days(&self, until: NaiveDate) -> Result<Vec<NaiveDate>, ProtocolError> {
        Ok(self.register.lock().unwrap_or_else(PoisonError::into_inner).active_days(until))
    }

    fn record_preservation(&self, record: RegisterPreservation) -> Result<(), ProtocolError> {
        self.register.lock().unwrap_or_else(PoisonError::into_inner).record_preservation(record)
    }

    fn preservations(&self) -> Result<Vec<RegisterPreservation>, ProtocolError> {
        Ok(self.register.lock().unwrap_or_else(PoisonError::into_inner).preservations().cloned().collect())
    }
}
