//! The counter's view of each chamber's protocol register: entries, segnatura, daily register.

use super::*;

impl Sportello {
    /// The protocol entry `number` of `chamber`.
    pub fn protocol_entry(
        &self,
        chamber: &ChamberCode,
        number: ProtocolNumber,
    ) -> Result<ProtocolEntry, DossierError> {
        self.protocol(chamber)?.entry(number)?.ok_or(DossierError::Protocol(
            crate::protocol::ProtocolError::NotFound { number: number.to_string() },
        ))
    }

    /// The segnatura XML of protocol entry `number` of `chamber`.
    pub fn segnatura(&self, chamber: &ChamberCode, number: ProtocolNumber) -> Result<String, DossierError> {
        Ok(segnatura::to_xml(&self.protocol_entry(chamber, number)?))
    }

    /// The daily protocol register of `chamber` for `date`.
    pub fn daily_register(
        &self,
        chamber: &ChamberCode,
        date: NaiveDate,
    ) -> Result<DailyRegister, DossierError> {
        Ok(self.protocol(chamber)?.daily_register(date)?)
    }
}
