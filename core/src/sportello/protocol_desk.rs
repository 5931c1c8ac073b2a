//! The counter's view of each chamber's protocol register: entries, segnatura, daily register,
//! the annulment of a registration (DPR 445/2000 art. 54) and the daily register's way to
//! preservation by the next working day (art. 53 c.2; AgID Linee guida).

use std::collections::BTreeSet;

use super::*;
use crate::archive::{PreservationReceipt, RegisterMetadata, PROTOCOL_REGISTER_TYPE};
use crate::protocol::{preservation_due, EmptyDays, PendingRegister, ProtocolError, RegisterPreservation};

/// Who sends the daily registers in the host's daily job.
const SYSTEM: &str = "system";

/// How many times an annulment is appended again to a dossier another writer changed meanwhile.
const ANNUL_RETRIES: usize = 8;

impl Sportello {
    /// The protocol entry `number` of `chamber`, annulled or not (an annulled entry keeps its
    /// original data readable, with the annulment: art. 54 c.2).
    pub fn protocol_entry(
        &self,
        chamber: &ChamberCode,
        number: ProtocolNumber,
    ) -> Result<ProtocolEntry, DossierError> {
        self.protocol(chamber)?
            .entry(number)?
            .ok_or(DossierError::Protocol(ProtocolError::NotFound { number: number.to_string() }))
    }

    /// The segnatura XML of protocol entry `number` of `chamber` (also of an annulled entry: the
    /// segnatura made at registration does not change).
    pub fn segnatura(&self, chamber: &ChamberCode, number: ProtocolNumber) -> Result<String, DossierError> {
        Ok(segnatura::to_xml(&self.protocol_entry(chamber, number)?))
    }

    /// The daily protocol register of `chamber` for `date`, as the day saw it
    /// ([`crate::protocol::daily`]).
    pub fn daily_register(
        &self,
        chamber: &ChamberCode,
        date: NaiveDate,
    ) -> Result<DailyRegister, DossierError> {
        Ok(self.protocol(chamber)?.daily_register(date)?)
    }

    /// Annuls the protocol registration `number` of `chamber` (DPR 445/2000 art. 54): the whole
    /// registration is marked annulled and its original data stay readable, with the date, the
    /// operator and the references of the authorising act (c.2). Only the head of the protocol
    /// service of that chamber may do it ([`Authz::AnnulRegistration`]; art. 61 c.3 lett. g): the
    /// actor both authorises and records it. The number is never reused.
    ///
    /// If the number belongs to a dossier (the registration's folder), the dossier records a
    /// [`EventKind::ProtocolAnnulled`] event and lists the number as annulled, with the reason
    /// ([`Dossier::annulled_protocols`]). The dossier is checked first, so nothing is written if
    /// it cannot take the event: a preserved dossier is final
    /// ([`DossierError::InvalidTransition`]).
    ///
    /// Refused, naming the field and the rule: an empty `reason` or `authorisation`
    /// ([`ProtocolError::Missing`], art. 54 c.2), an unknown number ([`ProtocolError::NotFound`]),
    /// a number already annulled ([`ProtocolError::AlreadyAnnulled`]).
    pub fn annul_registration(
        &self,
        actor: &Actor,
        chamber: &ChamberCode,
        number: ProtocolNumber,
        reason: &str,
        authorisation: &str,
    ) -> Result<ProtocolEntry, DossierError> {
        authorize(actor, &Authz::AnnulRegistration { chamber: chamber.clone() })?;
        let (reason, authorisation) = (reason.trim(), authorisation.trim());
        for (field, value) in [("reason", reason), ("authorisation", authorisation)] {
            if value.is_empty() {
                return Err(ProtocolError::Missing { field: field.into(), article: "54 c.2".into() }.into());
            }
        }
        let entry = self.protocol_entry(chamber, number)?;
        if entry.is_annulled() {
            return Err(ProtocolError::AlreadyAnnulled { number: number.to_string() }.into());
        }
        let dossier = self.dossier_of(chamber, &entry)?;
        if let Some(d) = &dossier {
            // checked before the register is touched: a preserved dossier is final
            d.may(crate::dossier::Action::AnnulProtocol, Self::actor_ref(actor).kind)?;
        }
        let operator = actor.person().to_string();
        let annulled = self.protocol(chamber)?.annul(
            number,
            operator.clone(),
            operator,
            authorisation.into(),
            reason.into(),
        )?;
        if let Some(mut d) = dossier {
            let kind = EventKind::ProtocolAnnulled {
                protocol: number,
                reason: reason.into(),
                authorisation: authorisation.into(),
            };
            // the register is annulled already: if another writer changed the dossier meanwhile,
            // read it again and append the same event
            let mut attempt = 0;
            loop {
                match self.append(&mut d, Self::actor_ref(actor), Some(reason.into()), vec![kind.clone()]) {
                    Ok(()) => break,
                    Err(DossierError::Conflict { .. }) if attempt < ANNUL_RETRIES => {
                        attempt += 1;
                        let id = d.id().to_string();
                        d = self.load(&id)?;
                    }
                    Err(e) => return Err(e),
                }
            }
            self.remember(&d);
        }
        Ok(annulled)
    }

    /// The dossier a registration belongs to: the one its folder names, if that dossier exists in
    /// `chamber` and lists the number.
    fn dossier_of(
        &self,
        chamber: &ChamberCode,
        entry: &ProtocolEntry,
    ) -> Result<Option<Dossier>, DossierError> {
        let Some(folder) = entry.folder() else { return Ok(None) };
        match self.load(&folder.code) {
            Ok(d) if d.chamber() == chamber && d.protocol_numbers().contains(&entry.number()) => Ok(Some(d)),
            Ok(_) | Err(DossierError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    // -- the daily register's preservation -------------------------------------------------------

    /// Sends the daily register of `date` of `chamber` to preservation and keeps the receipt in
    /// the protocol system ([`ProtocolSystem::record_preservation`]). The package holds the
    /// register as one document (JSON, its SHA-256 = [`DailyRegister::digest`]) with the AgID
    /// metadata (`TipoRegistro`, `CodiceRegistro`, the day, the range of numbers:
    /// [`RegisterMetadata`]). `actor` must be protocol officer or head of the protocol service of
    /// the chamber ([`Authz::PreserveDailyRegister`]).
    ///
    /// Refused: a day not over yet ([`ProtocolError::DayNotOver`]), a day already sent
    /// ([`ProtocolError::AlreadyPreserved`]), a day with nothing to send under the chamber's
    /// [`DailyRegisterPolicy`] ([`ProtocolError::EmptyRegister`]).
    pub fn preserve_daily_register(
        &self,
        actor: &Actor,
        chamber: &ChamberCode,
        date: NaiveDate,
    ) -> Result<RegisterPreservation, DossierError> {
        authorize(actor, &Authz::PreserveDailyRegister { chamber: chamber.clone() })?;
        self.send_register(chamber, date, actor.person().as_str())
    }

    /// The days of `chamber` whose daily register is still to be sent, up to yesterday, in order,
    /// each with its due date (the next working day of the office: patron saint and Saturday
    /// closure included, [`preservation_due`]) and whether it is overdue today.
    pub fn pending_daily_registers(
        &self,
        chamber: &ChamberCode,
    ) -> Result<Vec<PendingRegister>, DossierError> {
        let desk = self.desk(chamber)?;
        let protocol = self.protocol(chamber)?;
        let today = self.today();
        let Some(yesterday) = today.pred_opt() else { return Ok(Vec::new()) };
        let sent: BTreeSet<NaiveDate> = protocol.preservations()?.into_iter().map(|p| p.date).collect();
        let mut out = Vec::new();
        for date in Self::register_days(desk, protocol.as_ref(), yesterday)? {
            if sent.contains(&date) {
                continue;
            }
            let register = protocol.daily_register(date)?;
            let due_date = preservation_due(&desk.calendar, date).map_err(TermError::from)?;
            out.push(PendingRegister {
                date,
                due_date,
                overdue: today > due_date,
                registrations: register.entries.len(),
                annulments: register.annulments.len(),
            });
        }
        Ok(out)
    }

    /// The daily job a host runs once a day (any time, any number of times): sends every daily
    /// register of `chamber` still to be sent, up to yesterday, oldest first, as the system.
    /// Returns the ones sent by this call; a second call the same day sends nothing. On a failure
    /// the registers sent so far stay recorded and the next run goes on from there.
    pub fn preserve_pending_registers(
        &self,
        chamber: &ChamberCode,
    ) -> Result<Vec<RegisterPreservation>, DossierError> {
        let mut sent = Vec::new();
        for pending in self.pending_daily_registers(chamber)? {
            match self.send_register(chamber, pending.date, SYSTEM) {
                Ok(record) => sent.push(record),
                // sent meanwhile by someone else: nothing left to do for that day
                Err(DossierError::Protocol(ProtocolError::AlreadyPreserved { .. })) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(sent)
    }

    /// Every daily register of `chamber` sent to preservation, by day, with its receipt.
    pub fn register_preservations(
        &self,
        chamber: &ChamberCode,
    ) -> Result<Vec<RegisterPreservation>, DossierError> {
        let mut all = self.protocol(chamber)?.preservations()?;
        all.sort_by_key(|p| p.date);
        Ok(all)
    }

    /// The days up to `until` that have a daily register under the desk's policy.
    fn register_days(
        desk: &ChamberDesk,
        protocol: &dyn ProtocolSystem,
        until: NaiveDate,
    ) -> Result<Vec<NaiveDate>, DossierError> {
        let active = protocol.active_days(until)?;
        Ok(match desk.daily_registers.empty_days {
            EmptyDays::Skip => active,
            EmptyDays::Send => match active.first() {
                Some(first) => first.iter_days().take_while(|d| *d <= until).collect(),
                None => Vec::new(),
            },
        })
    }

    fn send_register(
        &self,
        chamber: &ChamberCode,
        date: NaiveDate,
        sent_by: &str,
    ) -> Result<RegisterPreservation, DossierError> {
        let _one_at_a_time = self.register_sends.lock().unwrap_or_else(PoisonError::into_inner);
        let desk = self.desk(chamber)?;
        let protocol = self.protocol(chamber)?;
        if date >= self.today() {
            return Err(ProtocolError::DayNotOver { date }.into());
        }
        if let Some(done) = protocol.preservations()?.into_iter().find(|p| p.date == date) {
            return Err(ProtocolError::AlreadyPreserved { date, receipt: done.receipt.id }.into());
        }
        let register = protocol.daily_register(date)?;
        if register.is_empty() {
            let has_register = match desk.daily_registers.empty_days {
                EmptyDays::Skip => false,
                // from the first registration on
                EmptyDays::Send => !protocol.active_days(date)?.is_empty(),
            };
            if !has_register {
                return Err(ProtocolError::EmptyRegister { date }.into());
            }
        }
        let due_date = preservation_due(&desk.calendar, date).map_err(TermError::from)?;
        let package = self.register_package(desk, &register, sent_by)?;
        let receipt: PreservationReceipt = self.preserver.submit(&package)?;
        let record = RegisterPreservation {
            register: register.register.clone(),
            date,
            register_digest: register.digest,
            registrations: register.entries.len(),
            annulments: register.annulments.len(),
            sent_at: self.clock.now(),
            sent_by: sent_by.into(),
            due_date,
            receipt,
        };
        protocol.record_preservation(record.clone())?;
        Ok(record)
    }

    /// The submission package of a daily register: the register as one document, generated from
    /// the registrations (AgID Linee guida §2.1.1 lett. d, `ModalitaDiFormazione` d), in the series
    /// of the year's daily registers.
    fn register_package(
        &self,
        desk: &ChamberDesk,
        register: &DailyRegister,
        sent_by: &str,
    ) -> Result<SubmissionPackage, DossierError> {
        let policy = &desk.daily_registers;
        let id = &register.register;
        let year = chrono::Datelike::year(&register.date);
        let series = format!("{}-{}-{}-{year}", id.administration, id.aoo, id.register);
        let identifier = register.identifier();
        let subject = format!(
            "Registro giornaliero di protocollo {} del {}",
            id.register,
            register.date.format("%d/%m/%Y")
        );
        let document = PackageDocument {
            metadata: DocumentMetadata {
                identifier: identifier.clone(),
                digest: register.digest,
                algorithm: "SHA-256".into(),
                formation: 'd',
                document_type: "Registro giornaliero di protocollo".into(),
                registration: None,
                subjects: vec![
                    ("Produttore".into(), desk.name.clone()),
                    ("Operatore".into(), sent_by.into()),
                ],
                subject: subject.clone(),
                attachments_count: 0,
                classification: policy.classification.clone(),
                confidential: false,
                format: "application/json".into(),
                aggregation: ("Serie Documentale".into(), series.clone()),
                name: format!("{identifier}.json"),
                version: "1".into(),
                retention_years: policy.retention_years,
            },
            content: register.content(),
        };
        let folder = FolderMetadata {
            identifier: series,
            folder_type: "serie documentale".into(),
            administration: (desk.name.clone(), desk.ipa_code.clone()),
            responsible: None,
            opened: NaiveDate::from_yo_opt(year, 1).unwrap_or(register.date),
            closed: None,
            classification: policy.classification.clone(),
            subject: format!("Registri giornalieri di protocollo {} - {year}", id.register),
            procedure: "registro giornaliero di protocollo (DPR 445/2000 art. 53 c.2)".into(),
            documents: vec![identifier.clone()],
            retention_years: policy.retention_years,
        };
        let metadata = RegisterMetadata {
            register_type: PROTOCOL_REGISTER_TYPE.into(),
            administration: id.administration.clone(),
            aoo: id.aoo.clone(),
            register_code: id.register.clone(),
            date: register.date,
            first_number: register.first_number(),
            last_number: register.last_number(),
            registrations: register.entries.len(),
            annulments: register.annulments.len(),
        };
        Ok(SubmissionPackage::for_register(
            format!("PdV-{identifier}"),
            format!("{} - responsabile della gestione documentale", desk.name),
            self.clock.now(),
            folder,
            vec![document],
            metadata,
        )?)
    }
}
