//! The XML signature of protocol (*segnatura di protocollo*, TUDA art. 55; AgID Linee guida,
//! Allegato 6; schema `segnatura_protocollo.xsd` v3.0 of `AgID/protocollo-comunicazione-aoo`).
//!
//! [`to_xml`] writes the segnatura of an entry: root `SegnaturaInformatica` in namespace
//! [`NAMESPACE`] with `versione="3.0.0"` and `lang="it"`, an `Intestazione` (identifier with IPA
//! codes, register code, number of at least seven digits, date and time; subject; classification;
//! folder) and a `Descrizione` (sender, recipients, primary document and attachments, each with its
//! SHA-256 `Impronta` in base64). The schema declares `attributeFormDefault="qualified"`, so
//! attributes carry the `prot:` prefix.
//!
//! The annex requires the segnatura to be signed (XAdES baseline B, `ds:Signature` as last child):
//! signing needs the AOO's key, so it is the host's step; [`to_xml`] produces the unsigned document
//! the signature is applied to. [`read`] parses a segnatura back and checks the required elements.

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Europe::Rome;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};
use serde::{Deserialize, Serialize};

use super::types::{is_person_cf, Correspondent, DocumentRef, ProtocolEntry};

/// The namespace of the segnatura schema v3.0.
pub const NAMESPACE: &str = "http://www.agid.gov.it/protocollo/";

/// A segnatura that cannot be read back or lacks a required element.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SegnaturaError {
    /// Not well-formed XML.
    #[error("segnatura is not well-formed XML: {reason}")]
    Malformed {
        /// What the parser reported.
        reason: String,
    },
    /// A required element is missing.
    #[error("segnatura lacks the required element {element}")]
    MissingElement {
        /// The element path, e.g. `Intestazione/Identificatore/NumeroRegistrazione`.
        element: String,
    },
    /// An element's value breaks its schema type.
    #[error("segnatura element {element} = {value:?} breaks {rule}")]
    InvalidValue {
        /// The element.
        element: String,
        /// The value.
        value: String,
        /// The rule.
        rule: String,
    },
}

struct Xml {
    w: Writer<Vec<u8>>,
}

impl Xml {
    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut start = BytesStart::new(format!("prot:{name}"));
        for (k, v) in attrs {
            start.push_attribute((*k, *v));
        }
        // writing into a Vec<u8> cannot fail
        let _ = self.w.write_event(Event::Start(start));
    }
    fn close(&mut self, name: &str) {
        let _ = self.w.write_event(Event::End(BytesEnd::new(format!("prot:{name}"))));
    }
    fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        let _ = self.w.write_event(Event::Text(BytesText::new(text)));
        self.close(name);
    }
    fn soggetto(&mut self, c: &Correspondent) {
        match c {
            Correspondent::PublicAdministration { name, tax_code, ipa_code } => {
                self.open("PA", &[]);
                self.leaf("DenominazionePA", &[], name);
                self.leaf("CFPA", &[], tax_code);
                if let Some(ipa) = ipa_code {
                    self.leaf("CodiceIPAPA", &[], ipa);
                }
                self.close("PA");
            }
            Correspondent::LegalPerson { name, tax_code } => {
                self.open("PersonaGiuridica", &[]);
                self.leaf("Denominazione", &[], name);
                if is_person_cf(tax_code) {
                    self.leaf("CF", &[], tax_code);
                } else {
                    self.leaf("PIVA", &[], tax_code);
                }
                self.close("PersonaGiuridica");
            }
            Correspondent::NaturalPerson { given_name, family_name, tax_code } => {
                self.open("PersonaFisica", &[]);
                self.leaf("Nome", &[], given_name);
                self.leaf("Cognome", &[], family_name);
                if let Some(cf) = tax_code {
                    self.leaf("CodiceFiscale", &[], cf);
                }
                self.close("PersonaFisica");
            }
        }
    }
    fn documento(&mut self, name: &str, d: &DocumentRef) {
        self.open(name, &[("prot:nomeFile", &d.file_name), ("prot:mimeType", &d.mime_type)]);
        if let Some(desc) = &d.description {
            self.leaf("Descrizione", &[], desc);
        }
        self.leaf("Impronta", &[("prot:algoritmo", "SHA-256")], &d.digest.to_base64());
        self.close(name);
    }
}

/// The unsigned segnatura of `entry`, as UTF-8 XML.
pub fn to_xml(entry: &ProtocolEntry) -> String {
    let mut x = Xml { w: Writer::new_with_indent(Vec::new(), b' ', 2) };
    let _ = x.w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    x.open(
        "SegnaturaInformatica",
        &[("xmlns:prot", NAMESPACE), ("prot:versione", "3.0.0"), ("prot:lang", "it")],
    );
    x.open("Intestazione", &[]);
    x.open("Identificatore", &[]);
    let reg = entry.register();
    x.leaf("CodiceAmministrazione", &[], &reg.administration);
    x.leaf("CodiceAOO", &[], &reg.aoo);
    x.leaf("CodiceRegistro", &[], &reg.register);
    x.leaf("NumeroRegistrazione", &[], &entry.number().digits());
    let local = entry.registered_at().with_timezone(&Rome);
    x.leaf("DataRegistrazione", &[], &local.format("%Y-%m-%d").to_string());
    x.leaf("OraRegistrazione", &[], &local.format("%H:%M:%S%:z").to_string());
    x.close("Identificatore");
    x.leaf("Oggetto", &[], entry.subject());
    x.open("Classifica", &[]);
    x.leaf("Denominazione", &[], &entry.classification().description);
    x.leaf("CodiceFlat", &[], &entry.classification().code);
    x.close("Classifica");
    if let Some(f) = entry.folder() {
        x.open("Fascicolo", &[]);
        x.leaf("Denominazione", &[], &f.name);
        x.leaf("CodiceFascicolo", &[], &f.code);
        x.close("Fascicolo");
    }
    x.close("Intestazione");
    x.open("Descrizione", &[]);
    x.open("Mittente", &[]);
    x.soggetto(entry.sender());
    x.close("Mittente");
    for r in entry.recipients() {
        x.open("Destinatario", &[]);
        x.soggetto(r);
        x.close("Destinatario");
    }
    x.documento("DocumentoPrimario", entry.primary());
    for a in entry.attachments() {
        x.documento("Allegato", a);
    }
    x.close("Descrizione");
    x.close("SegnaturaInformatica");
    String::from_utf8(x.w.into_inner()).unwrap_or_default()
}

/// The identifying data read back from a segnatura.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegnaturaSummary {
    /// `CodiceAmministrazione`.
    pub administration: String,
    /// `CodiceAOO`.
    pub aoo: String,
    /// `CodiceRegistro`.
    pub register: String,
    /// `NumeroRegistrazione` (at least seven digits).
    pub number: String,
    /// `DataRegistrazione`.
    pub date: NaiveDate,
    /// `OraRegistrazione`, if present (local time, offset dropped).
    pub time: Option<NaiveTime>,
    /// `Oggetto`.
    pub subject: String,
    /// `Impronta` of the primary document (base64).
    pub primary_digest: String,
    /// Number of `Destinatario` elements.
    pub recipients: usize,
    /// Number of `Allegato` elements.
    pub attachments: usize,
}

/// Parses a segnatura and checks its root, version and required elements.
pub fn read(xml: &str) -> Result<SegnaturaSummary, SegnaturaError> {
    let mut reader = Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let mut values: Vec<(String, String)> = Vec::new();
    let mut text = String::new();
    let mut root_ok = false;
    let mut recipients = 0;
    let mut attachments = 0;
    let malformed = |e: &dyn std::fmt::Display| SegnaturaError::Malformed { reason: e.to_string() };
    loop {
        match reader.read_event().map_err(|e| malformed(&e))? {
            Event::Start(s) => {
                let name = s.local_name().as_ref().to_string();
                if path.is_empty() {
                    let mut ns = false;
                    let mut version = false;
                    for a in s.attributes() {
                        let a = a.map_err(|e| malformed(&e))?;
                        let v = a
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map_err(|e| malformed(&e))?;
                        let key = a.key.as_ref();
                        if key.starts_with("xmlns") && v == NAMESPACE {
                            ns = true;
                        }
                        if a.key.local_name().as_ref() == "versione" && v == "3.0.0" {
                            version = true;
                        }
                    }
                    root_ok = name == "SegnaturaInformatica" && ns && version;
                }
                match name.as_str() {
                    "Destinatario" => recipients += 1,
                    "Allegato" => attachments += 1,
                    _ => {}
                }
                path.push(name);
                text.clear();
            }
            Event::Text(t) => text.push_str(&t),
            Event::GeneralRef(r) => {
                let entity = format!("&{};", &*r);
                let resolved: Cow<'_, str> =
                    quick_xml::escape::unescape(&entity).map_err(|e| malformed(&e))?;
                text.push_str(&resolved);
            }
            Event::End(_) => {
                values.push((path.join("/"), std::mem::take(&mut text)));
                path.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root_ok {
        return Err(SegnaturaError::MissingElement {
            element: "SegnaturaInformatica (ns, versione 3.0.0)".into(),
        });
    }
    let get = |p: &str| -> Result<String, SegnaturaError> {
        let full = format!("SegnaturaInformatica/{p}");
        values
            .iter()
            .find(|(k, _)| *k == full)
            .map(|(_, v)| v.clone())
            .ok_or(SegnaturaError::MissingElement { element: p.into() })
    };
    let id = "Intestazione/Identificatore";
    let number = get(&format!("{id}/NumeroRegistrazione"))?;
    if number.len() < 7 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SegnaturaError::InvalidValue {
            element: "NumeroRegistrazione".into(),
            value: number,
            rule: "[0-9]{7,}".into(),
        });
    }
    let date_text = get(&format!("{id}/DataRegistrazione"))?;
    let date =
        NaiveDate::parse_from_str(&date_text, "%Y-%m-%d").map_err(|_| SegnaturaError::InvalidValue {
            element: "DataRegistrazione".into(),
            value: date_text.clone(),
            rule: "xs:date".into(),
        })?;
    let time = get(&format!("{id}/OraRegistrazione"))
        .ok()
        .and_then(|t| NaiveTime::parse_from_str(t.get(..8).unwrap_or(""), "%H:%M:%S").ok());
    get("Intestazione/Classifica/Denominazione")?;
    get("Descrizione/Mittente")?;
    if recipients == 0 {
        return Err(SegnaturaError::MissingElement { element: "Descrizione/Destinatario".into() });
    }
    Ok(SegnaturaSummary {
        administration: get(&format!("{id}/CodiceAmministrazione"))?,
        aoo: get(&format!("{id}/CodiceAOO"))?,
        register: get(&format!("{id}/CodiceRegistro"))?,
        number,
        date,
        time,
        subject: get("Intestazione/Oggetto")?,
        primary_digest: get("Descrizione/DocumentoPrimario/Impronta")?,
        recipients,
        attachments,
    })
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::archive::Digest;
    use crate::protocol::{Classification, Direction, ProtocolRegister, RegisterId, RegistrationRequest};

    fn entry(subject: &str) -> ProtocolEntry {
        let holder = Correspondent::PublicAdministration {
            name: "Camera di commercio di Bergamo".into(),
            tax_code: "80000000000".into(),
            ipa_code: Some("cciaa_bg".into()),
        };
        let mut r =
            ProtocolRegister::new(RegisterId::new("cciaa_bg", "AOO_BG", "PG").unwrap(), holder).unwrap();
        let req = RegistrationRequest {
            direction: Direction::Incoming,
            correspondents: vec![Correspondent::LegalPerson {
                name: "Alfa & Beta <srl>".into(),
                tax_code: "01234567890".into(),
            }],
            subject: subject.into(),
            classification: Classification { code: "1.8".into(), description: "Accesso agli atti".into() },
            folder: None,
            primary: DocumentRef {
                file_name: "istanza.pdf".into(),
                mime_type: "application/pdf".into(),
                digest: Digest::of(b"abc"),
                description: Some("Istanza".into()),
            },
            attachments: vec![DocumentRef {
                file_name: "documento.pdf".into(),
                mime_type: "application/pdf".into(),
                digest: Digest::of(b"doc"),
                description: None,
            }],
            received_document: None,
        };
        r.register(req, Utc.with_ymd_and_hms(2026, 7, 1, 8, 15, 0).unwrap()).unwrap()
    }

    #[test]
    fn segnatura_carries_the_required_identifier_in_italian_time() {
        let xml = to_xml(&entry("Richiesta di accesso"));
        let s = read(&xml).unwrap();
        assert_eq!(s.administration, "cciaa_bg");
        assert_eq!(s.aoo, "AOO_BG");
        assert_eq!(s.register, "PG");
        assert_eq!(s.number, "0000001");
        assert_eq!(s.date, NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
        assert_eq!(s.time, NaiveTime::from_hms_opt(10, 15, 0)); // CEST
        assert_eq!(s.primary_digest, "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
        assert_eq!((s.recipients, s.attachments), (1, 1));
        assert!(xml.contains("prot:versione=\"3.0.0\""));
        assert!(xml.contains("<prot:PIVA>01234567890</prot:PIVA>"));
    }

    #[test]
    fn markup_in_the_subject_is_escaped_and_read_back_intact() {
        let subject = "Accesso <atti> & \"copie\"";
        let xml = to_xml(&entry(subject));
        assert!(!xml.contains("<atti>"));
        assert_eq!(read(&xml).unwrap().subject, subject);
    }

    #[test]
    fn a_segnatura_without_number_or_with_broken_markup_is_refused() {
        let xml = to_xml(&entry("x"));
        let without = xml.replace("<prot:NumeroRegistrazione>0000001</prot:NumeroRegistrazione>", "");
        assert!(matches!(read(&without), Err(SegnaturaError::MissingElement { .. })));
        let short = xml.replace(">0000001<", ">123<");
        assert!(matches!(read(&short), Err(SegnaturaError::InvalidValue { .. })));
        let broken = xml.replace("</prot:Oggetto>", "");
        assert!(matches!(read(&broken), Err(SegnaturaError::Malformed { .. })));
    }
}
