//! Sending a closed dossier to preservation: the submission package and its receipt.

use super::*;

impl Sportello {
    /// Sends a closed dossier to preservation: builds the submission package (application,
    /// attachments, outcome document, the event log with its head digest; AgID minimum metadata)
    /// and records the receipt.
    pub fn preserve(&self, actor: &Actor, id: &str) -> Result<Dossier, DossierError> {
        let mut d = self.load_for(actor, id)?;
        authorize(actor, &Authz::PreserveCase { chamber: d.chamber().clone() })?;
        if d.state() != DossierState::Closed {
            return Err(DossierError::InvalidTransition {
                action: crate::dossier::Action::Preserve,
                state: Some(d.state()),
                dossier_id: id.into(),
            });
        }
        let desk = self.desk(d.chamber())?;
        let rules = desk.rules(d.service_id())?;
        // one snapshot: the chain is verified on the very events that go into the package, as the
        // event log is written
        let events = self.store.snapshot(id)?;
        let (log, head) = verified_log(id, &events)?;
        if head != d.head() {
            return Err(DossierError::Conflict {
                dossier_id: id.into(),
                expected: d.version(),
                actual: events.len() as u64,
            });
        }
        let package = self.package(&d, desk, rules, &events, log, head)?;
        // release the snapshot before appending, so that the store extends its stream in place
        drop(events);
        let receipt = self.preserver.submit(&package)?;
        self.append(&mut d, ActorRef::system(), None, vec![EventKind::Preserved { receipt }])?;
        self.remember(&d);
        Ok(d)
    }

    pub(super) fn package(
        &self,
        d: &Dossier,
        desk: &ChamberDesk,
        rules: &ProcedureRules,
        events: &[DossierEvent],
        log: Vec<u8>,
        head: Digest,
    ) -> Result<SubmissionPackage, DossierError> {
        let registration = |n: Option<ProtocolNumber>, flow: Direction| {
            n.map(|number| RegistrationData {
                flow,
                register_type: crate::archive::PROTOCOL_REGISTER_TYPE.into(),
                date: d
                    .history()
                    .iter()
                    .find(|h| h.action == crate::dossier::Action::Register)
                    .map_or(italian_date(d.opened_at()), |h| italian_date(h.at)),
                number,
                register_code: desk.register_code.clone(),
            })
        };
        let meta = |id: &str, name: &str, mime: &str, kind: &str, reg: Option<RegistrationData>| {
            DocumentMetadata {
                identifier: id.into(),
                // computed from the content by `SubmissionPackage::from_contents`
                digest: Digest::ZERO,
                algorithm: "SHA-256".into(),
                formation: if kind == "Allegato" { 'b' } else { 'd' },
                document_type: kind.into(),
                registration: reg,
                subjects: vec![
                    (
                        "Mittente".into(),
                        format!("{} {}", d.applicant().given_name, d.applicant().family_name),
                    ),
                    ("Destinatario".into(), desk.name.clone()),
                ],
                subject: format!("{} - {}", rules.name, d.id()),
                attachments_count: 0,
                classification: rules.classification.code.clone(),
                confidential: false,
                format: mime.into(),
                aggregation: ("Fascicolo".into(), d.id().into()),
                name: name.into(),
                version: "1".into(),
                retention_years: rules.retention_years,
            }
        };
        let application = Self::application_bytes(d);
        let mut documents = vec![PackageDocument {
            metadata: DocumentMetadata {
                attachments_count: d.attachments().len(),
                ..meta(
                    "istanza",
                    APPLICATION_FILE,
                    "application/json",
                    "Istanza",
                    registration(d.protocol_numbers().first().copied(), Direction::Incoming),
                )
            },
            content: application,
        }];
        for (i, a) in d.attachments().iter().enumerate() {
            documents.push(PackageDocument {
                metadata: meta(&format!("allegato-{}", i + 1), &a.name, &a.mime_type, "Allegato", None),
                content: a.content.0.to_vec(),
            });
        }
        if let Some(doc) = d.outcome().and_then(|o| o.document.as_ref()) {
            let number = events.iter().rev().find_map(|e| match &e.kind {
                EventKind::Protocolled { protocol, document, .. } if document == "outcome" => Some(*protocol),
                _ => None,
            });
            documents.push(PackageDocument {
                metadata: meta(
                    "esito",
                    &doc.name,
                    &doc.mime_type,
                    "Provvedimento",
                    registration(number, Direction::Outgoing),
                ),
                content: doc.content.0.to_vec(),
            });
        }
        // the fee computations the counter attached (annual fee requests)
        for (i, c) in d.fee_computations().iter().enumerate() {
            let doc = &c.document;
            documents.push(PackageDocument {
                metadata: meta(
                    &format!("calcolo-{}", i + 1),
                    &doc.name,
                    &doc.mime_type,
                    "Calcolo diritto annuale",
                    None,
                ),
                content: doc.content.0.to_vec(),
            });
        }
        documents.push(PackageDocument {
            metadata: DocumentMetadata {
                subject: format!("Registro eventi della pratica {} (ultima impronta {head})", d.id()),
                ..meta("registro-eventi", "eventi.json", "application/json", "Registro eventi", None)
            },
            content: log,
        });
        let folder = FolderMetadata {
            identifier: d.id().into(),
            folder_type: "procedimento amministrativo".into(),
            administration: (desk.name.clone(), desk.ipa_code.clone()),
            responsible: d.officer().map(str::to_string),
            opened: italian_date(d.opened_at()),
            closed: Some(self.today()),
            classification: rules.classification.code.clone(),
            subject: format!("{} - {}", rules.name, d.id()),
            procedure: rules.service_id.clone(),
            documents: documents.iter().map(|x| x.metadata.identifier.clone()).collect(),
            retention_years: rules.retention_years,
        };
        Ok(SubmissionPackage::from_contents(
            format!("PdV-{}", d.id()),
            format!("{} - responsabile della gestione documentale", desk.name),
            self.clock.now(),
            folder,
            documents,
        )?)
    }
}
