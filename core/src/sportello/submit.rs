//! Submitting an application: the form checked, the applicant frozen, receipt, protocol, PEC.

use super::*;

impl Sportello {
    /// Submits an application to the default chamber (see [`Sportello::submit_to`]).
    pub fn submit(
        &self,
        actor: &Actor,
        service_id: &str,
        form: BTreeMap<String, String>,
        attachments: Vec<Attachment>,
    ) -> Result<Dossier, DossierError> {
        self.submit_to(actor, &self.default_chamber()?, service_id, form, attachments)
    }

    /// Submits an application: checks the form against the service, freezes the applicant,
    /// records receipt (the term runs from today, L. 241/1990 art. 2 c.6), protocols it (CAD art.
    /// 40-bis) and sends the receipt by PEC to the party's digital domicile read from the PEC
    /// directory (CAD art. 3-bis, art. 6-bis): the company's for a company, the person's own if
    /// listed; without one the service's fallback applies. `actor` must act for the party with a
    /// delegation covering the service, at the service's level of assurance
    /// ([`Authz::UseService`]).
    pub fn submit_to(
        &self,
        actor: &Actor,
        chamber: &ChamberCode,
        service_id: &str,
        form: BTreeMap<String, String>,
        attachments: Vec<Attachment>,
    ) -> Result<Dossier, DossierError> {
        let Some(profile) = actor.profile() else {
            return Err(NotAuthorized { action: "use_service", rule: DenialRule::UsersOnly }.into());
        };
        let party = profile.party();
        let desk = self.desk(chamber)?;
        let rules = desk.rules(service_id)?;
        authorize(
            actor,
            &Authz::UseService {
                service: service_id.into(),
                party: party.clone(),
                required_level: rules.required_level,
            },
        )?;
        for field in &rules.required_fields {
            if form.get(field).is_none_or(|v| v.trim().is_empty()) {
                return Err(DossierError::MissingField { field: field.clone() });
            }
        }
        if !rules.categories.is_empty() {
            let c = form.get("category").map(String::as_str).unwrap_or("");
            if !rules.categories.iter().any(|k| k == c) {
                return Err(DossierError::InvalidField {
                    field: "category".into(),
                    rule: format!("one of {}", rules.categories.join(", ")),
                });
            }
        }
        // what the kind of request needs (its fields and their types), as the service declares it
        rules.check_request_fields(&form)?;
        let digital_domicile = self.domicile_of(&party)?;
        for a in &attachments {
            if Digest::of(&a.content.0) != a.digest {
                return Err(DossierError::InvalidField {
                    field: format!("attachments[{}]", a.name),
                    rule: "digest matches content".into(),
                });
            }
        }
        let now = self.clock.now();
        let today = italian_date(now);
        let seq = self.store.next_sequence()?;
        let id = format!("{}-{}-{:06}", chamber.as_str(), chrono::Datelike::year(&today), seq);
        let identity = actor.identity();
        let applicant = ApplicantSnapshot {
            tax_code: actor.person().to_string(),
            // as the credential states them (a CNS may carry none)
            given_name: identity.given_name().unwrap_or_default().into(),
            family_name: identity.family_name().unwrap_or_default().into(),
            on_behalf_of: profile
                .company
                .as_ref()
                .map(|c| CompanyRef { tax_code: c.codice_fiscale.to_string(), name: c.name.clone() }),
            digital_domicile,
            identified_with: identity.method().as_str().into(),
            level_of_assurance: actor.level(),
        };
        let opened = DossierEvent::seal(
            &id,
            1,
            now,
            Self::actor_ref(actor),
            None,
            EventKind::Opened {
                service_id: service_id.into(),
                chamber: chamber.clone(),
                applicant,
                form,
                attachments,
            },
            Digest::ZERO,
        );
        let mut d = Dossier::replay(std::slice::from_ref(&opened))?;
        let submitted = DossierEvent::seal(
            &id,
            2,
            now,
            Self::actor_ref(actor),
            None,
            EventKind::Submitted { received_on: today },
            opened.digest,
        );
        d.apply(&submitted)?;
        self.store.append(&id, 0, &[opened, submitted])?;
        // protocol the application
        let application = self.application_document(&d);
        let entry = self.protocol(chamber)?.register(RegistrationRequest {
            direction: Direction::Incoming,
            correspondents: vec![Self::correspondent(d.applicant())],
            subject: format!("{} - {}", rules.name, d.id()),
            classification: rules.classification.clone(),
            folder: Some(FolderRef { code: d.id().into(), name: rules.name.clone() }),
            primary: application,
            attachments: d.attachments().iter().map(Self::document_ref).collect(),
            received_document: None,
        })?;
        self.append(
            &mut d,
            ActorRef::system(),
            None,
            vec![EventKind::Registered { protocol: entry.number() }],
        )?;
        let body = format!(
            "La sua istanza {} ({}) e' stata ricevuta il {} e protocollata con il n. {} del {}.",
            d.id(),
            rules.name,
            today.format("%d/%m/%Y"),
            entry.number().digits(),
            entry.date().format("%d/%m/%Y")
        );
        self.send_pec(&mut d, rules, "receipt", "Ricevuta di presentazione", body, vec![])?;
        self.remember(&d);
        Ok(d)
    }
}
