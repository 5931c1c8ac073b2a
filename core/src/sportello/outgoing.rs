//! Documents and communications the counter produces: the application and outcome documents,
//! outgoing protocol registrations and PEC messages with their receipts.

use super::*;

/// A document received on a dossier, as the protocol registers it.
pub(super) struct Incoming {
    /// Who sent it.
    pub(super) correspondent: Correspondent,
    /// The file name of the step's data.
    pub(super) file_name: &'static str,
    /// What it is, in the register's subject (`Integrazione`, ...).
    pub(super) description: &'static str,
    /// The dossier's name for it (`integration_reply`, `opposition`).
    pub(super) purpose: &'static str,
}

impl Sportello {
    pub(super) fn correspondent(a: &ApplicantSnapshot) -> Correspondent {
        match &a.on_behalf_of {
            Some(c) => Correspondent::LegalPerson { name: c.name.clone(), tax_code: c.tax_code.clone() },
            None => Correspondent::NaturalPerson {
                given_name: a.given_name.clone(),
                family_name: a.family_name.clone(),
                tax_code: crate::protocol::segnatura_cf(&a.tax_code),
            },
        }
    }

    pub(super) fn document_ref(a: &Attachment) -> DocumentRef {
        DocumentRef {
            file_name: a.name.clone(),
            mime_type: a.mime_type.clone(),
            digest: a.digest,
            description: None,
        }
    }

    pub(super) fn application_bytes(d: &Dossier) -> Vec<u8> {
        serde_json::to_vec(&(d.id(), d.service_id(), d.applicant(), d.form())).unwrap_or_default()
    }

    pub(super) fn application_document(&self, d: &Dossier) -> DocumentRef {
        DocumentRef {
            file_name: APPLICATION_FILE.into(),
            mime_type: "application/json".into(),
            digest: Digest::of(&Self::application_bytes(d)),
            description: Some("Istanza".into()),
        }
    }

    pub(super) fn outcome_document(
        &self,
        d: &Dossier,
        rules: &ProcedureRules,
        outcome: Outcome,
        reasons: &str,
    ) -> Attachment {
        let word = match outcome {
            Outcome::Accepted => "ACCOLTA",
            Outcome::Rejected => "RESPINTA",
        };
        // a refund or correction decision states the amount the officer determined
        let amount = match (outcome, d.determined_amount()) {
            (Outcome::Accepted, Some(a)) if a.effect == crate::dossier::RequestEffect::Refund => {
                format!("Importo da rimborsare: {}\n", a.amount.format_it())
            }
            (Outcome::Accepted, Some(a)) => format!("Importo dovuto rettificato: {}\n", a.amount.format_it()),
            _ => String::new(),
        };
        let mut text = format!(
            "{}\nProvvedimento finale - pratica {}\nServizio: {}\nRichiedente: {} {} ({})\nEsito: {}\nMotivazione: {}\nData: {}\n",
            self.desk(d.chamber()).map(|x| x.name.clone()).unwrap_or_default(),
            d.id(),
            rules.name,
            d.applicant().given_name,
            d.applicant().family_name,
            d.applicant().tax_code,
            word,
            reasons,
            self.today().format("%d/%m/%Y"),
        );
        text.push_str(&amount);
        Attachment::new(format!("esito-{}.txt", d.id()), "text/plain", text.into_bytes())
    }

    /// Protocols a document the applicant or a third party sent on the dossier (CAD art. 40-bis:
    /// everything received is registered): the dossier's head digest identifies the step's data,
    /// the attachments go with it, and the dossier records the number.
    pub(super) fn protocol_incoming(
        &self,
        d: &mut Dossier,
        rules: &ProcedureRules,
        incoming: Incoming,
        attachments: &[Attachment],
    ) -> Result<ProtocolNumber, DossierError> {
        let primary = DocumentRef {
            file_name: incoming.file_name.into(),
            mime_type: "application/json".into(),
            digest: d.head(),
            description: Some(incoming.description.into()),
        };
        let entry = self.protocol(d.chamber())?.register(RegistrationRequest {
            direction: Direction::Incoming,
            correspondents: vec![incoming.correspondent],
            subject: format!("{} - {}", incoming.description, d.id()),
            classification: rules.classification.clone(),
            folder: Some(FolderRef { code: d.id().into(), name: rules.name.clone() }),
            primary,
            attachments: attachments.iter().map(Self::document_ref).collect(),
            received_document: None,
        })?;
        self.append(
            d,
            ActorRef::system(),
            None,
            vec![EventKind::Protocolled {
                protocol: entry.number(),
                direction: Direction::Incoming,
                document: incoming.purpose.into(),
            }],
        )?;
        Ok(entry.number())
    }

    pub(super) fn protocol_outgoing(
        &self,
        d: &mut Dossier,
        rules: &ProcedureRules,
        purpose: &str,
        body: &str,
        document: Option<&Attachment>,
    ) -> Result<ProtocolNumber, DossierError> {
        let primary = match document {
            Some(a) => Self::document_ref(a),
            None => DocumentRef {
                file_name: format!("{purpose}.txt"),
                mime_type: "text/plain".into(),
                digest: Digest::of(body.as_bytes()),
                description: None,
            },
        };
        let entry = self.protocol(d.chamber())?.register(RegistrationRequest {
            direction: Direction::Outgoing,
            correspondents: vec![Self::correspondent(d.applicant())],
            subject: format!("{} - {}", purpose.replace('_', " "), d.id()),
            classification: rules.classification.clone(),
            folder: Some(FolderRef { code: d.id().into(), name: rules.name.clone() }),
            primary,
            attachments: vec![],
            received_document: None,
        })?;
        self.append(
            d,
            ActorRef::system(),
            None,
            vec![EventKind::Protocolled {
                protocol: entry.number(),
                direction: Direction::Outgoing,
                document: purpose.into(),
            }],
        )?;
        Ok(entry.number())
    }

    pub(super) fn outgoing(
        &self,
        d: &mut Dossier,
        rules: &ProcedureRules,
        purpose: &str,
        subject: &str,
        body: String,
    ) -> Result<(), DossierError> {
        let number = self.protocol_outgoing(d, rules, purpose, &body, None)?;
        let message_id = format!("{}/{}/{}", d.id(), purpose, number.digits());
        self.send_pec_with_id(d, rules, &message_id, purpose, subject, body, vec![])?;
        Ok(())
    }

    pub(super) fn send_pec(
        &self,
        d: &mut Dossier,
        rules: &ProcedureRules,
        purpose: &str,
        subject: &str,
        body: String,
        attachments: Vec<(String, Digest)>,
    ) -> Result<bool, DossierError> {
        let message_id = format!("{}/{}/{}", d.id(), purpose, d.version());
        self.send_pec_with_id(d, rules, &message_id, purpose, subject, body, attachments)
    }

    /// Sends by PEC to the applicant's digital domicile and records the receipts; returns whether
    /// delivery was certified. A non-delivery or a failing provider is recorded as a message with
    /// the service's fallback; without a domicile the communication stays in the personal area.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn send_pec_with_id(
        &self,
        d: &mut Dossier,
        rules: &ProcedureRules,
        message_id: &str,
        purpose: &str,
        subject: &str,
        body: String,
        attachments: Vec<(String, Digest)>,
    ) -> Result<bool, DossierError> {
        let Some(to) = d.applicant().digital_domicile.clone() else {
            return Ok(false);
        };
        let from = self.desk(d.chamber())?.pec.clone();
        let message = PecMessage {
            id: message_id.into(),
            from,
            to: to.clone(),
            subject: format!("{subject} - {}", d.id()),
            body,
            attachments,
        };
        let fallback = match rules.pec_fallback {
            PecFallback::PersonalArea => "la comunicazione resta disponibile nell'area personale",
            PecFallback::RegisteredMail => "l'ufficio invia la comunicazione per raccomandata A/R",
        };
        match self.mailer.send(message) {
            Ok(receipts) => {
                let delivered = receipts.iter().any(|r| r.kind == ReceiptKind::Delivery);
                let failed = receipts.iter().find(|r| r.kind == ReceiptKind::NonDelivery).cloned();
                let mut kinds: Vec<EventKind> = receipts
                    .into_iter()
                    .map(|receipt| EventKind::ReceiptRecorded {
                        receipt,
                        to: to.clone(),
                        purpose: purpose.into(),
                    })
                    .collect();
                if let Some(f) = failed {
                    kinds.push(EventKind::MessagePosted {
                        text: format!(
                            "PEC non consegnata a {to} ({}): {fallback}.",
                            f.detail.unwrap_or_else(|| "motivo non indicato".into())
                        ),
                    });
                }
                self.append(d, ActorRef::system(), None, kinds)?;
                Ok(delivered)
            }
            Err(e) => {
                let text = format!("PEC non inviata a {to} ({e}): {fallback}.");
                self.append(d, ActorRef::system(), None, vec![EventKind::MessagePosted { text }])?;
                Ok(false)
            }
        }
    }
}
