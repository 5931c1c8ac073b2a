//! Legal forms by their natura giuridica code, and the families the fee rules distinguish.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::RegistryError;

/// The family a legal form belongs to: what the annual-fee rules and grant criteria look at
/// (`annual-fee.md` §2.2: individual firms, società semplici, società tra avvocati and REA-only
/// subjects pay a fixed amount; partnerships, companies, cooperatives, consortia with external
/// activity, GEIE and public economic bodies pay by turnover; foreign companies pay per local unit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalFamily {
    /// Impresa individuale, impresa familiare.
    IndividualEnterprise,
    /// Società semplice.
    SimplePartnership,
    /// Società in nome collettivo.
    GeneralPartnership,
    /// Società in accomandita semplice.
    LimitedPartnership,
    /// S.r.l. in all its variants.
    LimitedCompany,
    /// S.p.a., s.p.a. con socio unico, società europea.
    JointStockCompany,
    /// S.a.p.a.
    PartnershipLimitedByShares,
    /// Cooperatives of every kind.
    Cooperative,
    /// Consorzio with external activity (or not specified).
    Consortium,
    /// Consorzio without external activity (`CS`).
    InternalConsortium,
    /// Società consortili.
    ConsortiumCompany,
    /// GEIE (Reg. CEE 2137/85).
    Geie,
    /// Società tra professionisti (in older tables: tra avvocati, D.Lgs. 96/2001).
    ProfessionalsCompany,
    /// Companies under foreign law, foreign subjects.
    Foreign,
    /// Associazione.
    Association,
    /// Fondazione.
    Foundation,
    /// Public bodies (economic, commercial, of public law).
    PublicBody,
    /// Contratto di rete with legal personality.
    NetworkContract,
    /// Persona fisica (REA-only natural persons).
    NaturalPerson,
    /// `XX`, "non precisata".
    Unspecified,
}

/// The natura giuridica codes with their meaning and family (InfoCamere codes as listed in
/// `identifiers-payments.md` §5.3, a secondary source: the authoritative InfoCamere table was not
/// retrieved). Codes outside this table (the list has about thirty more, whose meaning was not
/// retrieved) are accepted as received and have no family.
pub const NATURA_GIURIDICA: [(&str, &str, LegalFamily); 46] = [
    ("DI", "impresa individuale", LegalFamily::IndividualEnterprise),
    ("IF", "impresa familiare", LegalFamily::IndividualEnterprise),
    ("SE", "società semplice", LegalFamily::SimplePartnership),
    ("SN", "società in nome collettivo", LegalFamily::GeneralPartnership),
    ("AS", "società in accomandita semplice", LegalFamily::LimitedPartnership),
    ("SR", "società a responsabilità limitata", LegalFamily::LimitedCompany),
    ("SU", "società a responsabilità limitata con unico socio", LegalFamily::LimitedCompany),
    ("RS", "società a responsabilità limitata semplificata", LegalFamily::LimitedCompany),
    ("RR", "società a responsabilità limitata a capitale ridotto", LegalFamily::LimitedCompany),
    ("SP", "società per azioni", LegalFamily::JointStockCompany),
    ("AU", "società per azioni con socio unico", LegalFamily::JointStockCompany),
    ("SD", "società europea", LegalFamily::JointStockCompany),
    ("AA", "società in accomandita per azioni", LegalFamily::PartnershipLimitedByShares),
    ("SC", "società cooperativa", LegalFamily::Cooperative),
    ("CL", "società cooperativa a responsabilità limitata", LegalFamily::Cooperative),
    ("CI", "società cooperativa a responsabilità illimitata", LegalFamily::Cooperative),
    ("OO", "cooperativa sociale", LegalFamily::Cooperative),
    ("PC", "piccola società cooperativa", LegalFamily::Cooperative),
    ("PS", "piccola società cooperativa a responsabilità limitata", LegalFamily::Cooperative),
    ("OC", "società cooperativa consortile", LegalFamily::Cooperative),
    ("OS", "società cooperativa consortile a responsabilità limitata", LegalFamily::Cooperative),
    ("SG", "società cooperativa europea", LegalFamily::Cooperative),
    ("CO", "consorzio", LegalFamily::Consortium),
    ("CC", "consorzio con attività esterna", LegalFamily::Consortium),
    ("CS", "consorzio senza attività esterna", LegalFamily::InternalConsortium),
    ("SL", "società consortile a responsabilità limitata", LegalFamily::ConsortiumCompany),
    ("SO", "società consortile per azioni", LegalFamily::ConsortiumCompany),
    ("AN", "società consortile in nome collettivo", LegalFamily::ConsortiumCompany),
    ("AE", "società consortile in accomandita semplice", LegalFamily::ConsortiumCompany),
    ("CN", "società consortile", LegalFamily::ConsortiumCompany),
    ("GE", "gruppo europeo di interesse economico", LegalFamily::Geie),
    ("SV", "società tra professionisti", LegalFamily::ProfessionalsCompany),
    ("SS", "società costituita in base a leggi di altro stato", LegalFamily::Foreign),
    ("ST", "soggetto estero", LegalFamily::Foreign),
    ("SZ", "società non prevista dalla legislazione italiana", LegalFamily::Foreign),
    ("AC", "associazione", LegalFamily::Association),
    ("FO", "fondazione", LegalFamily::Foundation),
    ("EP", "ente pubblico economico", LegalFamily::PublicBody),
    ("EC", "ente pubblico commerciale", LegalFamily::PublicBody),
    ("ED", "ente di diritto pubblico", LegalFamily::PublicBody),
    ("EN", "ente", LegalFamily::PublicBody),
    ("EI", "ente impresa", LegalFamily::PublicBody),
    ("EL", "ente sociale", LegalFamily::PublicBody),
    ("RC", "contratto di rete dotato di soggettività giuridica", LegalFamily::NetworkContract),
    ("PF", "persona fisica", LegalFamily::NaturalPerson),
    ("XX", "non precisata", LegalFamily::Unspecified),
];

/// A legal form (natura giuridica) by its two-letter InfoCamere code, as the Registro Imprese
/// records it (`<forma-giuridica c="SR">`).
///
/// ```
/// use sportello::registry::{LegalFamily, LegalForm};
/// let srl: LegalForm = "SR".parse()?;
/// assert_eq!(srl.family(), Some(LegalFamily::LimitedCompany));
/// assert_eq!(srl.description(), Some("società a responsabilità limitata"));
/// // SS is a company under foreign law, not a società semplice (that is SE):
/// assert_eq!("SS".parse::<LegalForm>()?.family(), Some(LegalFamily::Foreign));
/// # Ok::<(), sportello::registry::RegistryError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LegalForm([u8; 2]);

impl LegalForm {
    /// The natura giuridica code.
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    fn row(&self) -> Option<&'static (&'static str, &'static str, LegalFamily)> {
        NATURA_GIURIDICA.iter().find(|(c, _, _)| *c == self.code())
    }

    /// The meaning of the code, when it is in [`NATURA_GIURIDICA`].
    pub fn description(&self) -> Option<&'static str> {
        self.row().map(|(_, d, _)| *d)
    }

    /// The family of the form, when the code is in [`NATURA_GIURIDICA`]. `None` means the code is
    /// not known to this library: a rule that depends on the family must refuse it, not guess.
    pub fn family(&self) -> Option<LegalFamily> {
        self.row().map(|(_, _, f)| *f)
    }
}

impl FromStr for LegalForm {
    type Err = RegistryError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_uppercase();
        let b = t.as_bytes();
        if b.len() == 2 && b.iter().all(u8::is_ascii_uppercase) {
            Ok(LegalForm([b[0], b[1]]))
        } else {
            Err(RegistryError::InvalidLegalForm { text: s.to_string() })
        }
    }
}

impl TryFrom<String> for LegalForm {
    type Error = RegistryError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<LegalForm> for String {
    fn from(f: LegalForm) -> String {
        f.code().to_string()
    }
}

impl fmt::Display for LegalForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
