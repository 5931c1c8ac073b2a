//! PEC messages and their receipts (acceptance, delivery, non-delivery).
//!
//! A communication to a digital domicile has the legal effect of a registered letter with
//! acknowledgement of receipt (CAD art. 6 c.1, art. 48); the provider's receipts are the evidence
//! (DPR 68/2005 art. 6: *ricevuta di accettazione*, *ricevuta di avvenuta consegna*; *avviso di
//! mancata consegna*). Sending goes through the port [`crate::ports::PecMailer`].

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A PEC address (digital domicile): the registry's [`Pec`](crate::registry::Pec), one type for
/// the address read from the PEC directory and the address a message goes to.
///
/// ```
/// use sportello::notify::PecAddress;
/// let a: PecAddress = "Maria.Rossi@PEC.example.it".parse()?;
/// assert_eq!(a.as_str(), "maria.rossi@pec.example.it");
/// assert!("no-at-sign".parse::<PecAddress>().is_err());
/// # Ok::<(), sportello::registry::RegistryError>(())
/// ```
pub use crate::registry::Pec as PecAddress;

/// A PEC message to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PecMessage {
    /// The sender's message id (unique per sender).
    pub id: String,
    /// The chamber's PEC address.
    pub from: PecAddress,
    /// The recipient's digital domicile.
    pub to: PecAddress,
    /// Subject.
    pub subject: String,
    /// Body text.
    pub body: String,
    /// Names and digests of the documents attached.
    pub attachments: Vec<(String, crate::archive::Digest)>,
}

/// The kind of a PEC receipt (DPR 68/2005 art. 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReceiptKind {
    /// *Ricevuta di accettazione*: the sender's provider took the message (art. 6 c.1).
    Acceptance,
    /// *Ricevuta di avvenuta consegna*: the message is available in the recipient's box (art. 6
    /// c.3): from here it counts as delivered (CAD art. 6 c.1).
    Delivery,
    /// *Avviso di mancata consegna*: the message could not be delivered.
    NonDelivery,
}

/// A PEC receipt, kept on the dossier as legal evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PecReceipt {
    /// The message the receipt refers to.
    pub message_id: String,
    /// Acceptance, delivery or non-delivery.
    pub kind: ReceiptKind,
    /// The instant the provider certifies.
    pub at: DateTime<Utc>,
    /// The provider's detail (e.g. the reason for a non-delivery).
    pub detail: Option<String>,
}
