//! # sportello
//!
//! The online one-stop counter (*sportello virtuale*) of Italian Chambers of Commerce (CCIAA), as a
//! pure domain library: identifiers, the legal calendar, chambers, identification and profiling,
//! the service catalogue, administrative dossiers with protocol, PEC and preservation, fees and
//! pagoPA payments, the sharing of running costs and the measurement of user satisfaction.
//!
//! The core does no I/O and reads neither the clock nor the environment: integrations are traits
//! in [`ports`], each with an in-memory implementation in [`memory`] (the embedded default).
//!
//! ## Module map
//!
//! | module | holds |
//! |---|---|
//! | [`money`] | [`Euro`](money::Euro) and the named rounding steps |
//! | [`calendar`] | Italian holidays, patron saints, legal term counting, office calendars |
//! | [`identifiers`] | [`CodiceFiscale`](identifiers::CodiceFiscale), [`PartitaIva`](identifiers::PartitaIva) |
//! | [`chamber`] | chambers of commerce over time, with their mergers |
//! | [`identity`] | identities asserted by SPID, CIE, CNS, with their level of assurance |
//! | [`registry`] | the Registro Imprese: companies, legal forms, REA, local units, roles |
//! | [`profile`] | the four profiles and delegations: who may act for whom |
//! | [`authz`] | actors and the one place that answers "may this actor do X on Y" |
//! | [`catalog`] | services (CPSV-AP shaped), search by need, grants |
//! | [`dossier`] | the administrative dossier: states, events, terms, messages, outcome |
//! | [`protocol`] | the protocol register, annulment, daily register, segnatura |
//! | [`notify`] | PEC messages and receipts |
//! | [`archive`] | preservation packages, SHA-256 digests, AgID minimum metadata |
//! | [`fees`] | the annual fee, late payment, secretarial fees |
//! | [`payments`] | pagoPA notices, IUV, RF, QR payload, positions, prepaid accounts |
//! | [`allocation`] | sharing the counter's running costs among chambers |
//! | [`satisfaction`] | ratings, aggregates and the publication report |
//! | [`ports`] | every integration trait: the seams at a glance |
//! | [`sportello`] | the counter: wires ports and chambers' desks, runs the dossier use cases |
//! | [`memory`] | in-memory implementations of every port |
//!
//! ## Glossary
//!
//! | Italian term of art | in the code |
//! |---|---|
//! | codice fiscale | [`CodiceFiscale`](identifiers::CodiceFiscale) |
//! | partita IVA | [`PartitaIva`](identifiers::PartitaIva) |
//! | CCIAA, camera di commercio | [`Chamber`](chamber::Chamber) |
//! | diritto annuale | the annual fee ([`fees`]) |
//! | festività, termine | holiday, term ([`calendar`]) |
//! | santo patrono | patron saint ([`calendar`]) |
//! | pratica, fascicolo, istanza | dossier, folder, application ([`dossier`]) |
//! | preavviso di rigetto (art. 10-bis) | notice of refusal ([`dossier`]) |
//! | silenzio-rigetto, silenzio-assenso | silent rejection, silent assent ([`dossier`]) |
//! | controinteressati | counter-interested parties ([`dossier`]) |
//! | protocollo, segnatura, registro giornaliero | protocol register, XML signature of protocol, daily register ([`protocol`]) |
//! | AOO (area organizzativa omogenea) | the office that keeps one register ([`protocol`]) |
//! | PEC, domicilio digitale, ricevuta di consegna | certified e-mail, digital domicile, delivery receipt ([`notify`]) |
//! | conservazione, pacchetto di versamento, rapporto di versamento | preservation, submission package, preservation receipt ([`archive`]) |
//! | avviso di pagamento, posizione debitoria, ricevuta telematica | payment notice, payment position, receipt ([`payments`], on dossiers [`dossier::PaymentNotice`]) |
//! | diritti di copia, imposta di bollo, copia conforme | copy fee, stamp duty, certified copy ([`dossier::CopyTariff`]) |
//! | calcolo, rimborso, correzione (diritto annuale) | the annual fee's kinds of request ([`dossier::RequestRule`]) |
//!
//! ## Example
//!
//! ```
//! use sportello::money::Euro;
//! let fee: Euro = "53.00".parse()?;
//! assert_eq!(fee.format_it(), "€ 53,00");
//! # Ok::<(), sportello::money::MoneyError>(())
//! ```
#![forbid(unsafe_code)]

pub mod allocation;
pub mod archive;
pub mod authz;
pub mod calendar;
pub mod catalog;
pub mod chamber;
pub mod dossier;
pub mod fees;
pub mod identifiers;
pub mod identity;
pub mod memory;
pub mod money;
pub mod notify;
pub mod payments;
pub mod ports;
pub mod profile;
pub mod protocol;
pub mod registry;
pub mod satisfaction;
pub mod sportello;
