//! Preservation (*conservazione*): the submission package (*pacchetto di versamento*, PdV) of a
//! closed dossier or of a daily protocol register ([`RegisterMetadata`]), with its documents, their SHA-256 digests and the AgID minimum metadata for
//! documents and dossiers, and the receipt (*rapporto di versamento*) of the preservation system.
//!
//! AgID Linee guida (2021) §4.7 and Allegato 5 (metadata; element names as in the final annex, see
//! `procedure-law.md` §5 — optionality per element is unconfirmed, so every element the reference
//! lists for the minimum set is filled); CAD art. 41 c.2-ter for the content of a *fascicolo*, art.
//! 44 c.1-bis for the duty to send. The preservation system is a port:
//! [`crate::ports::Preserver`].

mod digest;
mod package;

pub(crate) use digest::Base64;
pub use digest::{Digest, DigestError, DigestWriter};
pub use package::{
    DocumentMetadata, FolderMetadata, PackageDocument, PreservationReceipt, RegisterMetadata,
    RegistrationData, SubmissionPackage, PROTOCOL_REGISTER_TYPE,
};

/// A package refused before submission.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArchiveError {
    /// The package has no documents (a *fascicolo* lists its documents, CAD art. 41 c.2-ter lett. e).
    #[error("a submission package needs at least one document")]
    Empty,
    /// A document's digest does not match its content.
    #[error("document {document} digest {declared} does not match its content ({actual})")]
    DigestMismatch {
        /// The document id.
        document: String,
        /// The digest declared in the metadata.
        declared: String,
        /// The digest of the content.
        actual: String,
    },
}
