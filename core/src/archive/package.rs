//! The submission package and its metadata.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{ArchiveError, Digest, DigestWriter};
use crate::dossier::Rfc3339;
use crate::protocol::{Direction, ProtocolNumber};

/// Allegato 5 `TipoRegistro` of a protocol register (ordinary or emergency protocol), for the
/// registration data of protocolled documents and for the daily register.
pub const PROTOCOL_REGISTER_TYPE: &str = "ProtocolloOrdinario_ProtocolloEmergenza";

/// Registration data of a document (Allegato 5 `DatiDiRegistrazione`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationData {
    /// `TipologiaDiFlusso`: E, U, I.
    pub flow: Direction,
    /// `TipoRegistro`: `ProtocolloOrdinario_ProtocolloEmergenza` or `Nessuno`.
    pub register_type: String,
    /// Registration date.
    #[serde(serialize_with = "crate::dossier::serialize_date")]
    pub date: NaiveDate,
    /// Registration number.
    pub number: ProtocolNumber,
    /// `CodiceRegistro`.
    pub register_code: String,
}

/// The minimum metadata of a document (Allegato 5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentMetadata {
    /// `IdDoc/Identificativo`.
    pub identifier: String,
    /// `IdDoc/ImprontaCrittograficaDelDocumento/Impronta` (hex SHA-256).
    pub digest: Digest,
    /// `.../Algoritmo`.
    pub algorithm: String,
    /// `ModalitaDiFormazione`: `a` created with software, `b` acquired from a third party, `c`
    /// from forms, `d` generated from data.
    pub formation: char,
    /// `TipologiaDocumentale` (e.g. `Istanza`, `Comunicazione`, `Provvedimento`).
    pub document_type: String,
    /// `DatiDiRegistrazione`, if the document was protocolled.
    pub registration: Option<RegistrationData>,
    /// `Soggetti`: (role, name), roles as in Allegato 5 (`Mittente`, `Destinatario`, `Autore`...).
    pub subjects: Vec<(String, String)>,
    /// `ChiaveDescrittiva/Oggetto`.
    pub subject: String,
    /// `Allegati/NumeroAllegati`.
    pub attachments_count: usize,
    /// `Classificazione/IndiceDiClassificazione`.
    pub classification: String,
    /// `Riservato`.
    pub confidential: bool,
    /// `IdentificativoDelFormato/Formato` (MIME type).
    pub format: String,
    /// `Agg`: (`Fascicolo`, id).
    pub aggregation: (String, String),
    /// `NomeDelDocumento`.
    pub name: String,
    /// `VersioneDelDocumento`.
    pub version: String,
    /// `TempoDiConservazione`, years (9999 = permanent).
    pub retention_years: u32,
}

/// The minimum metadata of a dossier (*fascicolo*; Allegato 5 aggregation metadata; CAD art. 41
/// c.2-ter: administration, participants, person responsible, subject, list of documents, id), or
/// of a documentary series (*serie documentale*, e.g. the year's daily protocol registers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderMetadata {
    /// `IdAgg`.
    pub identifier: String,
    /// `TipologiaFascicolo`: `procedimento amministrativo` or `affare`; `serie documentale` for a
    /// series (Allegato 5 `TipoAggregazione`).
    pub folder_type: String,
    /// `Soggetti/AmministrazioneTitolare` (name, IPA code).
    pub administration: (String, String),
    /// `Soggetti/RUP` (the officer in charge), if assigned.
    pub responsible: Option<String>,
    /// `DataApertura`.
    #[serde(serialize_with = "crate::dossier::serialize_date")]
    pub opened: NaiveDate,
    /// `DataChiusura`.
    #[serde(serialize_with = "crate::dossier::serialize_opt_date")]
    pub closed: Option<NaiveDate>,
    /// `Classificazione`.
    pub classification: String,
    /// `ChiaveDescrittiva/Oggetto`.
    pub subject: String,
    /// `ProcedimentoAmministrativo/Denominazione` (the service).
    pub procedure: String,
    /// `IndiceDocumenti`: identifiers of the documents, in order.
    pub documents: Vec<String>,
    /// `TempoDiConservazione`, years.
    pub retention_years: u32,
}

/// The metadata of a daily protocol register sent to preservation (TUDA art. 53 c.2; Allegato 5
/// `DatiDiRegistrazione`: `TipoRegistro`, `CodiceRegistro`; and the identifying data protocol
/// manuals list for the daily register: the register's codes, its day, the numbers of its first
/// and last registration).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterMetadata {
    /// `TipoRegistro`: `ProtocolloOrdinario_ProtocolloEmergenza`.
    pub register_type: String,
    /// IPA code of the administration (`CodiceAmministrazione`).
    pub administration: String,
    /// IPA code of the AOO (`CodiceAOO`).
    pub aoo: String,
    /// `CodiceRegistro`.
    pub register_code: String,
    /// The day the register covers.
    #[serde(serialize_with = "crate::dossier::serialize_date")]
    pub date: NaiveDate,
    /// Number of the first registration of the day, if any.
    pub first_number: Option<ProtocolNumber>,
    /// Number of the last registration of the day, if any.
    pub last_number: Option<ProtocolNumber>,
    /// How many registrations the day made.
    pub registrations: usize,
    /// How many earlier registrations were annulled on the day.
    pub annulments: usize,
}

/// A document in a package: content, digest and metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageDocument {
    /// The metadata (the digest is `metadata.digest`).
    pub metadata: DocumentMetadata,
    /// The content.
    pub content: Vec<u8>,
}

/// A submission package (*pacchetto di versamento*, LG §4.7 lett. a).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionPackage {
    /// Package id (chosen by the producer).
    pub id: String,
    /// The producer (*produttore dei PdV*: the records manager of the chamber).
    pub producer: String,
    /// When it was built.
    #[serde(serialize_with = "crate::dossier::serialize_utc")]
    pub created_at: DateTime<Utc>,
    /// The folder metadata.
    pub folder: FolderMetadata,
    /// The documents.
    pub documents: Vec<PackageDocument>,
    /// For the package of a daily protocol register, the register's metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register: Option<RegisterMetadata>,
    /// SHA-256 over the canonical JSON of everything above except the contents, which are bound
    /// by the per-document digests in their metadata.
    pub digest: Digest,
}

impl SubmissionPackage {
    fn content_digest(
        id: &str,
        producer: &str,
        created_at: DateTime<Utc>,
        folder: &FolderMetadata,
        documents: &[PackageDocument],
        register: Option<&RegisterMetadata>,
    ) -> Digest {
        let metadata: Vec<&DocumentMetadata> = documents.iter().map(|d| &d.metadata).collect();
        // the JSON is hashed as it is written; plain data cannot fail to serialize, and if it did
        // the digest of the truncated text would fail verification
        let mut w = DigestWriter::new();
        let _ = match register {
            None => serde_json::to_writer(&mut w, &(id, producer, Rfc3339(&created_at), folder, metadata)),
            Some(r) => {
                serde_json::to_writer(&mut w, &(id, producer, Rfc3339(&created_at), folder, metadata, r))
            }
        };
        w.finish()
    }

    /// Builds a package, checking that every document's declared digest matches its content.
    pub fn new(
        id: String,
        producer: String,
        created_at: DateTime<Utc>,
        folder: FolderMetadata,
        documents: Vec<PackageDocument>,
    ) -> Result<Self, ArchiveError> {
        Self::build(id, producer, created_at, folder, documents, None)
    }

    /// Builds the package of a daily protocol register: like [`SubmissionPackage::new`], with the
    /// register's metadata bound by the package digest.
    pub fn for_register(
        id: String,
        producer: String,
        created_at: DateTime<Utc>,
        folder: FolderMetadata,
        documents: Vec<PackageDocument>,
        register: RegisterMetadata,
    ) -> Result<Self, ArchiveError> {
        Self::build(id, producer, created_at, folder, documents, Some(register))
    }

    fn build(
        id: String,
        producer: String,
        created_at: DateTime<Utc>,
        folder: FolderMetadata,
        documents: Vec<PackageDocument>,
        register: Option<RegisterMetadata>,
    ) -> Result<Self, ArchiveError> {
        if documents.is_empty() {
            return Err(ArchiveError::Empty);
        }
        for d in &documents {
            let actual = Digest::of(&d.content);
            if actual != d.metadata.digest {
                return Err(ArchiveError::DigestMismatch {
                    document: d.metadata.identifier.clone(),
                    declared: d.metadata.digest.to_hex(),
                    actual: actual.to_hex(),
                });
            }
        }
        let digest = Self::content_digest(&id, &producer, created_at, &folder, &documents, register.as_ref());
        Ok(SubmissionPackage { id, producer, created_at, folder, documents, register, digest })
    }

    /// Builds a package whose documents' digests are computed here from their contents (whatever
    /// `metadata.digest` held is replaced): for the producer that has just assembled the
    /// contents, where [`SubmissionPackage::new`] would hash every content a second time only to
    /// compare it with itself.
    pub fn from_contents(
        id: String,
        producer: String,
        created_at: DateTime<Utc>,
        folder: FolderMetadata,
        mut documents: Vec<PackageDocument>,
    ) -> Result<Self, ArchiveError> {
        if documents.is_empty() {
            return Err(ArchiveError::Empty);
        }
        for d in &mut documents {
            d.metadata.digest = Digest::of(&d.content);
        }
        let digest = Self::content_digest(&id, &producer, created_at, &folder, &documents, None);
        Ok(SubmissionPackage { id, producer, created_at, folder, documents, register: None, digest })
    }

    /// Whether the package digest and every document digest still match.
    pub fn verify(&self) -> bool {
        self.documents.iter().all(|d| Digest::of(&d.content) == d.metadata.digest)
            && Self::content_digest(
                &self.id,
                &self.producer,
                self.created_at,
                &self.folder,
                &self.documents,
                self.register.as_ref(),
            ) == self.digest
    }
}

/// The receipt of the preservation system (*rapporto di versamento*, LG §4.7 lett. d): uniquely
/// identified, with a UTC time reference and the digest of the whole package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreservationReceipt {
    /// The receipt's unique id.
    pub id: String,
    /// The package it acknowledges.
    pub package_id: String,
    /// When the package was taken in charge (UTC).
    #[serde(serialize_with = "crate::dossier::serialize_utc")]
    pub at: DateTime<Utc>,
    /// The digest of the package as received.
    pub package_digest: Digest,
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn doc(id: &str, content: &[u8], declared: Digest) -> PackageDocument {
        PackageDocument {
            metadata: DocumentMetadata {
                identifier: id.into(),
                digest: declared,
                algorithm: "SHA-256".into(),
                formation: 'a',
                document_type: "Istanza".into(),
                registration: None,
                subjects: vec![("Mittente".into(), "Maria Rossi".into())],
                subject: "Richiesta".into(),
                attachments_count: 0,
                classification: "1.8".into(),
                confidential: false,
                format: "application/pdf".into(),
                aggregation: ("Fascicolo".into(), "MI-2026-000001".into()),
                name: "istanza.pdf".into(),
                version: "1".into(),
                retention_years: 10,
            },
            content: content.to_vec(),
        }
    }

    fn folder() -> FolderMetadata {
        FolderMetadata {
            identifier: "MI-2026-000001".into(),
            folder_type: "procedimento amministrativo".into(),
            administration: ("Camera di commercio di Milano".into(), "cciaa_mi".into()),
            responsible: Some("officer-1".into()),
            opened: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            closed: NaiveDate::from_ymd_opt(2026, 3, 20),
            classification: "1.8".into(),
            subject: "Accesso agli atti".into(),
            procedure: "accesso-atti".into(),
            documents: vec!["d1".into()],
            retention_years: 10,
        }
    }

    #[test]
    fn a_document_whose_digest_does_not_match_is_refused() {
        let at = Utc.with_ymd_and_hms(2026, 3, 21, 8, 0, 0).unwrap();
        let bad = doc("d1", b"content", Digest::of(b"other"));
        let err = SubmissionPackage::new("p1".into(), "RGD".into(), at, folder(), vec![bad]);
        assert!(matches!(err, Err(ArchiveError::DigestMismatch { document, .. }) if document == "d1"));
    }

    #[test]
    fn from_contents_computes_the_digests_new_would_check() {
        let at = Utc.with_ymd_and_hms(2026, 3, 21, 8, 0, 0).unwrap();
        let placeholder = doc("d1", b"content", Digest::ZERO);
        let built =
            SubmissionPackage::from_contents("p1".into(), "RGD".into(), at, folder(), vec![placeholder])
                .unwrap();
        assert_eq!(built.documents[0].metadata.digest, Digest::of(b"content"));
        assert!(built.verify());
        let checked = doc("d1", b"content", Digest::of(b"content"));
        assert_eq!(SubmissionPackage::new("p1".into(), "RGD".into(), at, folder(), vec![checked]), Ok(built));
        let none = SubmissionPackage::from_contents("p1".into(), "RGD".into(), at, folder(), vec![]);
        assert_eq!(none, Err(ArchiveError::Empty));
    }

    #[test]
    fn register_metadata_are_bound_by_the_package_digest() {
        let at = Utc.with_ymd_and_hms(2026, 3, 3, 7, 0, 0).unwrap();
        let good = doc("d1", b"content", Digest::of(b"content"));
        let meta = RegisterMetadata {
            register_type: "ProtocolloOrdinario_ProtocolloEmergenza".into(),
            administration: "cciaa_mi".into(),
            aoo: "AOO_MI".into(),
            register_code: "PG".into(),
            date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            first_number: Some(ProtocolNumber { year: 2026, number: 1 }),
            last_number: Some(ProtocolNumber { year: 2026, number: 3 }),
            registrations: 3,
            annulments: 0,
        };
        let plain =
            SubmissionPackage::new("p1".into(), "RGD".into(), at, folder(), vec![good.clone()]).unwrap();
        let mut p =
            SubmissionPackage::for_register("p1".into(), "RGD".into(), at, folder(), vec![good], meta)
                .unwrap();
        assert!(p.verify());
        assert_ne!(p.digest, plain.digest);
        if let Some(r) = p.register.as_mut() {
            r.registrations = 2;
        }
        assert!(!p.verify());
    }

    #[test]
    fn package_verification_detects_a_changed_byte() {
        let at = Utc.with_ymd_and_hms(2026, 3, 21, 8, 0, 0).unwrap();
        let good = doc("d1", b"content", Digest::of(b"content"));
        let mut p = SubmissionPackage::new("p1".into(), "RGD".into(), at, folder(), vec![good]).unwrap();
        assert!(p.verify());
        p.documents[0].content[0] ^= 1;
        assert!(!p.verify());
    }
}
