//! The service card, shaped on CPSV-AP 3.2.0 (`cpsv:PublicService`) and its Italian profile
//! CPSV-AP_IT 1.1, with the AgID controlled vocabularies' real codes (business events, life
//! events, channels, input/output types) and ADMS statuses.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::fees::{ServiceFee, STAMP_DUTY};
use crate::identity::LevelOfAssurance;
use crate::money::Euro;
use crate::profile::ProfileKind;

/// Base URI of the AgID controlled vocabularies for public services (CPSV-AP_IT).
pub const AGID_VOCABULARIES: &str =
    "https://w3id.org/italia/controlled-vocabulary/classifications-for-public-services";

/// The identifier of a service in the catalogue: a lowercase slug (`"diritto-annuale"`), 2 to 64
/// ASCII letters, digits and single hyphens. CPSV-AP `dct:identifier` (1..1).
///
/// ```
/// use sportello::catalog::ServiceId;
/// assert!("accesso-atti".parse::<ServiceId>().is_ok());
/// assert!("Accesso Atti".parse::<ServiceId>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ServiceId(String);

/// A service identifier that is not a lowercase slug.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("service id {text:?} is not a slug of 2 to 64 lowercase letters, digits and single hyphens")]
pub struct ServiceIdError {
    /// The text as given.
    pub text: String,
}

impl ServiceId {
    /// The slug.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for ServiceId {
    type Err = ServiceIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let ok = (2..=64).contains(&s.len())
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        if ok {
            Ok(ServiceId(s.to_string()))
        } else {
            Err(ServiceIdError { text: s.to_string() })
        }
    }
}

impl TryFrom<String> for ServiceId {
    type Error = ServiceIdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<ServiceId> for String {
    fn from(s: ServiceId) -> String {
        s.0
    }
}

impl fmt::Display for ServiceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

macro_rules! coded_enum {
    (
        $(#[$meta:meta])* $name:ident, $scheme:literal, $err:literal, $field:literal, $expected:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, $label:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "u8", into = "u8")]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in code order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The code in the AgID vocabulary.
            pub fn code(self) -> u8 {
                match self { $( $name::$variant => $code, )+ }
            }

            /// The Italian label of the AgID vocabulary.
            pub fn label_it(self) -> &'static str {
                match self { $( $name::$variant => $label, )+ }
            }

            /// The concept URI in the AgID vocabulary.
            pub fn uri(self) -> String {
                format!("{}/{}/{}", AGID_VOCABULARIES, $scheme, self.code())
            }

            /// The value with this code, if the vocabulary has it.
            pub fn from_code(code: u8) -> Option<$name> {
                match code { $( $code => Some($name::$variant), )+ _ => None }
            }
        }

        /// Reads the code written in decimal (`"6"`): any integer outside the vocabulary, however
        /// large or negative, is a [`CatalogError::InvalidValue`](super::CatalogError) naming the
        /// field and rule `agid_vocabulary`.
        impl FromStr for $name {
            type Err = super::CatalogError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse::<u8>().ok().and_then($name::from_code).ok_or_else(|| {
                    super::CatalogError::InvalidValue {
                        field: $field,
                        rule: "agid_vocabulary",
                        text: s.to_string(),
                        expected: $expected,
                    }
                })
            }
        }

        impl TryFrom<u8> for $name {
            type Error = String;
            fn try_from(code: u8) -> Result<Self, Self::Error> {
                $name::from_code(code).ok_or_else(|| format!($err, code))
            }
        }

        impl From<$name> for u8 {
            fn from(v: $name) -> u8 {
                v.code()
            }
        }
    };
}

coded_enum! {
    /// A business event of the AgID vocabulary `life-business-event/business-event` (15 codes):
    /// the natural "what is happening to my company" axis for business users. Serialized as its
    /// code.
    BusinessEvent, "life-business-event/business-event", "business event code {} is not in the AgID vocabulary (1-15)", "business_event", "an AgID business event code (1-15)" {
        /// 1 Avvio impresa.
        StartingCompany = 1, "Avvio impresa";
        /// 2 Avvio nuova attività professionale.
        StartingActivity = 2, "Avvio nuova attività professionale";
        /// 3 Richiesta licenze/permessi/certificati.
        LicencesPermitsCertificates = 3, "Richiesta licenze/permessi/certificati";
        /// 4 Registrazione impresa transfrontaliera.
        CrossBorderRegistration = 4, "Registrazione impresa transfrontaliera";
        /// 5 Avvio/registrazione filiale.
        Branch = 5, "Avvio/registrazione filiale";
        /// 6 Finanziamento impresa.
        Financing = 6, "Finanziamento impresa";
        /// 7 Gestione personale.
        Staffing = 7, "Gestione personale";
        /// 8 Pagamento tasse, iva e dogane.
        PayingTaxes = 8, "Pagamento tasse, iva e dogane";
        /// 9 Notifiche autorità.
        NotifyingAuthorities = 9, "Notifiche autorità";
        /// 10 Chiusura impresa e attività professionale.
        ClosingCompany = 10, "Chiusura impresa e attività professionale";
        /// 11 Chiusura filiale.
        ClosingBranch = 11, "Chiusura filiale";
        /// 12 Ristrutturazione impresa.
        Restructuring = 12, "Ristrutturazione impresa";
        /// 13 Vendita impresa.
        Selling = 13, "Vendita impresa";
        /// 14 Bancarotta.
        Bankruptcy = 14, "Bancarotta";
        /// 15 Partecipazione ad appalti pubblici nazionali e trasfrontalieri.
        PublicProcurement = 15, "Partecipazione ad appalti pubblici nazionali e trasfrontalieri";
    }
}

coded_enum! {
    /// A life event of the AgID vocabulary `life-business-event/life-event` (19 codes), for
    /// private citizens. Serialized as its code.
    LifeEvent, "life-business-event/life-event", "life event code {} is not in the AgID vocabulary (1-19)", "life_event", "an AgID life event code (1-19)" {
        /// 1 Iscrizione scuola/università e/o richiesta borsa di studio.
        Schooling = 1, "Iscrizione scuola/università e/o richiesta borsa di studio";
        /// 2 Invalidità.
        Disability = 2, "Invalidità";
        /// 3 Ricerca di lavoro, avvio nuovo lavoro, disoccupazione.
        Job = 3, "Ricerca di lavoro, avvio nuovo lavoro, disoccupazione";
        /// 4 Pensionamento.
        Retirement = 4, "Pensionamento";
        /// 5 Richiesta o rinnovo patente.
        DrivingLicence = 5, "Richiesta o rinnovo patente";
        /// 6 Registrazione/possesso veicolo.
        Vehicle = 6, "Registrazione/possesso veicolo";
        /// 7 Accesso al trasporto pubblico.
        PublicTransport = 7, "Accesso al trasporto pubblico";
        /// 8 Compravendita/affitto casa/edifici/terreni, costruzione o ristrutturazione.
        Housing = 8, "Compravendita/affitto casa/edifici/terreni, costruzione o ristrutturazione casa/edificio";
        /// 9 Cambio di residenza/domicilio.
        Moving = 9, "Cambio di residenza/domicilio";
        /// 10 Espatrio per lavoro, studio, pensionamento.
        Emigration = 10, "Espatrio per lavoro, studio, pensionamento";
        /// 11 Richiesta passaporto, visto e assistenza viaggi internazionali.
        Passport = 11, "Richiesta passaporto, visto e assistenza viaggi internazionali";
        /// 12 Nascita di un bambino, richiesta adozioni.
        Birth = 12, "Nascita di un bambino, richiesta adozioni";
        /// 13 Matrimonio e/o cambio stato civile.
        Marriage = 13, "Matrimonio e/o cambio stato civile";
        /// 14 Morte ed eredità.
        Death = 14, "Morte ed eredità";
        /// 15 Prenotazione e disdetta visite/esami.
        MedicalBooking = 15, "Prenotazione e disdetta visite/esami";
        /// 16 Denuncia crimini.
        CrimeReport = 16, "Denuncia crimini";
        /// 17 Dichiarazione dei redditi, versamento e riscossione tributi/imposte e contributi.
        Taxes = 17, "Dichiarazione dei redditi, versamento e riscossione tributi/imposte e contributi";
        /// 18 Accesso luoghi della cultura.
        Culture = 18, "Accesso luoghi della cultura";
        /// 19 Possesso, cura, smarrimento animale da compagnia.
        Pets = 19, "Possesso, cura, smarrimento animale da compagnia";
    }
}

/// A channel through which the service is delivered, with its code in the AgID `channel`
/// vocabulary (CPSV-AP_IT `hasChannel`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Online application with a pre-filled form (02.2): the virtual counter itself. Also read
    /// from JSON as `web`, the satisfaction survey's former name.
    #[serde(alias = "web")]
    Online,
    /// Certified e-mail, PEC (04.1); the only electronic channel with legal receipts
    /// (CAD art. 48, D.Lgs. 82/2005).
    Pec,
    /// Ordinary e-mail (04.2).
    Email,
    /// The chamber's physical counter (01.1.1).
    Counter,
    /// Post (01.2.1).
    Post,
    /// Telephone (03).
    Phone,
    /// Mobile app (05.1).
    App,
}

impl Channel {
    /// Every channel.
    pub const ALL: [Channel; 7] = [
        Channel::Online,
        Channel::Pec,
        Channel::Email,
        Channel::Counter,
        Channel::Post,
        Channel::Phone,
        Channel::App,
    ];

    /// The code in the AgID `channel` vocabulary.
    pub fn code(self) -> &'static str {
        match self {
            Channel::Online => "02.2",
            Channel::Pec => "04.1",
            Channel::Email => "04.2",
            Channel::Counter => "01.1.1",
            Channel::Post => "01.2.1",
            Channel::Phone => "03",
            Channel::App => "05.1",
        }
    }

    /// The snake_case name used in data files and bindings.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Online => "online",
            Channel::Pec => "pec",
            Channel::Email => "email",
            Channel::Counter => "counter",
            Channel::Post => "post",
            Channel::Phone => "phone",
            Channel::App => "app",
        }
    }

    /// The Italian label shown to users.
    pub fn label_it(self) -> &'static str {
        match self {
            Channel::Online => "Sportello virtuale (online)",
            Channel::Pec => "Posta elettronica certificata (PEC)",
            Channel::Email => "Posta elettronica",
            Channel::Counter => "Sportello fisico",
            Channel::Post => "Posta",
            Channel::Phone => "Telefono",
            Channel::App => "App",
        }
    }

    /// The concept URI in the AgID vocabulary.
    pub fn uri(self) -> String {
        format!("{AGID_VOCABULARIES}/channel/{}", self.code())
    }
}

impl FromStr for Channel {
    type Err = super::CatalogError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s).ok_or_else(|| super::CatalogError::InvalidValue {
            field: "channel",
            rule: "known_channel",
            text: s.to_string(),
            expected: "one of online, pec, email, counter, post, phone, app",
        })
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of a document a service takes in or gives out: the AgID `service-input-output`
/// vocabulary (CPSV-AP `cpsv:hasInput` / `cpsv:produces` types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DocumentType {
    /// REQ: an application, an instance (*istanza*).
    #[serde(rename = "REQ")]
    Request,
    /// IDDEC: an identity document.
    #[serde(rename = "IDDEC")]
    IdentityDocument,
    /// PAYMENTDEC: a proof of payment (*attestazione di pagamento*).
    #[serde(rename = "PAYMENTDEC")]
    PaymentProof,
    /// AUTHACT: an authorising act.
    #[serde(rename = "AUTHACT")]
    AuthorisingAct,
    /// ADMINDOC: an administrative document.
    #[serde(rename = "ADMINDOC")]
    AdministrativeDocument,
    /// CERT: a certificate.
    #[serde(rename = "CERT")]
    Certificate,
    /// CODE: a code or credential.
    #[serde(rename = "CODE")]
    Code,
    /// OTHDOC: another document.
    #[serde(rename = "OTHDOC")]
    Other,
}

impl DocumentType {
    /// The code in the AgID vocabulary.
    pub fn code(self) -> &'static str {
        match self {
            DocumentType::Request => "REQ",
            DocumentType::IdentityDocument => "IDDEC",
            DocumentType::PaymentProof => "PAYMENTDEC",
            DocumentType::AuthorisingAct => "AUTHACT",
            DocumentType::AdministrativeDocument => "ADMINDOC",
            DocumentType::Certificate => "CERT",
            DocumentType::Code => "CODE",
            DocumentType::Other => "OTHDOC",
        }
    }
}

/// The life-cycle status of a service, from the ADMS status vocabulary (CPSV-AP `adms:status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ServiceStatus {
    /// Completed: offered to users.
    #[default]
    Completed,
    /// Under development: announced, not yet offered.
    UnderDevelopment,
    /// Deprecated: still offered, to be withdrawn.
    Deprecated,
    /// Withdrawn: no longer offered.
    Withdrawn,
}

impl ServiceStatus {
    /// The concept URI in the ADMS status vocabulary.
    pub fn uri(self) -> &'static str {
        match self {
            ServiceStatus::Completed => "http://purl.org/adms/status/Completed",
            ServiceStatus::UnderDevelopment => "http://purl.org/adms/status/UnderDevelopment",
            ServiceStatus::Deprecated => "http://purl.org/adms/status/Deprecated",
            ServiceStatus::Withdrawn => "http://purl.org/adms/status/Withdrawn",
        }
    }

    /// The snake_case name (`"completed"`, `"under_development"`, `"deprecated"`, `"withdrawn"`).
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceStatus::Completed => "completed",
            ServiceStatus::UnderDevelopment => "under_development",
            ServiceStatus::Deprecated => "deprecated",
            ServiceStatus::Withdrawn => "withdrawn",
        }
    }

    /// Whether users can use the service (completed or deprecated).
    pub fn is_offered(self) -> bool {
        matches!(self, ServiceStatus::Completed | ServiceStatus::Deprecated)
    }
}

/// What using the service costs (CPSV-AP `m8g:Cost`, CPSV-AP_IT `FixedCost` / `VariableCost`).
/// Amounts are exact decimals, not the `xsd:double` of CPSV-AP.
///
/// What the user pays the chamber is a [`ServiceFee`] of the fee model (free, secretarial fee
/// plus stamps of [`STAMP_DUTY`](crate::fees::STAMP_DUTY), a tariff item, a copy): stamps are
/// counted, never written as amounts. The other two kinds are what the fee model does not hold:
/// an amount due to someone else or set by a special rule (a device, a government concession
/// tax, a flat stamp duty), and an amount a rule computes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CostKind {
    /// A chamber fee of the fee model.
    Fee(ServiceFee),
    /// A cost outside the fee model.
    Other(OtherCost),
}

/// A cost the chamber's fee model does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OtherCost {
    /// A fixed amount (a device, a concession tax, a flat stamp duty set by its own rule).
    Amount {
        /// The amount, in euros.
        amount: Euro,
    },
    /// An amount computed by a rule (the annual fee, a tariff by band...).
    Computed {
        /// Where the rule lives (`"fees::annual_fee"`) or its legal source.
        rule: String,
        /// The smallest amount the rule can yield, when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<Euro>,
    },
}

impl CostKind {
    /// The snake_case name of the kind: the fee model's (`"free"`, `"fixed"`, `"tariff_item"`,
    /// `"copy"`) or `"amount"`, `"computed"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            CostKind::Fee(ServiceFee::Free) => "free",
            CostKind::Fee(ServiceFee::Fixed { .. }) => "fixed",
            CostKind::Fee(ServiceFee::TariffItem { .. }) => "tariff_item",
            CostKind::Fee(ServiceFee::Copy { .. }) => "copy",
            CostKind::Other(OtherCost::Amount { .. }) => "amount",
            CostKind::Other(OtherCost::Computed { .. }) => "computed",
        }
    }

    /// The amount when it does not depend on the chamber or the request: nothing for a free
    /// service, the secretarial fee plus the stamps (DPR 642/1972, EUR 16.00 each) for a fixed
    /// fee, a fixed other amount. `None` for a tariff item, a copy or a computed cost.
    pub fn fixed_amount(&self) -> Option<Euro> {
        match self {
            CostKind::Fee(ServiceFee::Free) => Some(Euro::ZERO),
            CostKind::Fee(ServiceFee::Fixed { secretarial, stamps }) => {
                Some(*secretarial + STAMP_DUTY.times(rust_decimal::Decimal::from(*stamps)))
            }
            CostKind::Other(OtherCost::Amount { amount }) => Some(*amount),
            _ => None,
        }
    }

    /// The rule that computes the amount, for a computed cost.
    pub fn rule(&self) -> Option<&str> {
        match self {
            CostKind::Other(OtherCost::Computed { rule, .. }) => Some(rule),
            _ => None,
        }
    }
}

/// One cost of a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cost {
    /// Identifier, unique within the service (`"diritti-segreteria"`).
    pub id: String,
    /// What the cost is for, in Italian.
    pub description: String,
    /// A fee of the fee model, another amount, or a computed one.
    #[serde(flatten)]
    pub kind: CostKind,
}

/// A condition to use the service (CPSV-AP `m8g:Requirement`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Identifier, unique within the service.
    pub id: String,
    /// The condition, in Italian.
    pub name: String,
}

/// A document the user supplies (CPSV-AP `cpsv:hasInput`, `m8g:Evidence`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Identifier, unique within the service.
    pub id: String,
    /// The document, in Italian.
    pub name: String,
    /// Its type in the AgID input/output vocabulary.
    #[serde(rename = "type")]
    pub kind: DocumentType,
}

/// What the service gives the user (CPSV-AP `cpsv:produces`, `m8g:Output`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Output {
    /// Identifier, unique within the service.
    pub id: String,
    /// The output, in Italian.
    pub name: String,
    /// Its type in the AgID input/output vocabulary.
    #[serde(rename = "type")]
    pub kind: DocumentType,
}

/// A need category of the "Ho bisogno di…" list (2013 counter: prize contests, records, fees,
/// price lists, digital signature, calls for grants, and the others the catalogue adds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedCategory {
    /// Identifier (`"firma-digitale"`).
    pub code: String,
    /// The label after "Ho bisogno di…" (`"firma digitale"`).
    pub name: String,
}

/// A public service of the chambers, shaped on CPSV-AP `cpsv:PublicService`.
///
/// The competent authority (`m8g:hasCompetentAuthority`, mandatory) is not a field: it is the
/// chamber that activates the service ([`super::ChamberCatalog`]), resolved when a catalogue
/// is exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    /// `dct:identifier`.
    pub id: ServiceId,
    /// `dct:title`, in Italian.
    pub name: String,
    /// `dct:description`, in Italian.
    pub description: String,
    /// `dcat:keyword`.
    pub keywords: Vec<String>,
    /// The needs the service answers, as users would say them ("pagare il diritto annuale").
    pub needs: Vec<String>,
    /// The need category of the "Ho bisogno di…" list.
    pub category: String,
    /// `dct:audience`: the profiles the service is for.
    pub audience: Vec<ProfileKind>,
    /// `m8g:isGroupedBy` business events.
    pub business_events: Vec<BusinessEvent>,
    /// `m8g:isGroupedBy` life events.
    pub life_events: Vec<LifeEvent>,
    /// `m8g:hasChannel`.
    pub channels: Vec<Channel>,
    /// `m8g:hasCost`.
    pub costs: Vec<Cost>,
    /// `m8g:holdsRequirement`.
    pub requirements: Vec<Requirement>,
    /// `cpsv:hasInput`.
    pub evidence: Vec<Evidence>,
    /// `cpsv:produces`.
    pub outputs: Vec<Output>,
    /// `m8g:processingTime`, in calendar days, when the law or the chamber fixes one.
    pub processing_days: Option<u32>,
    /// The level of assurance the online channel requires (CPSV-AP_IT
    /// `hasAuthenticationMethod`); `None` when no authentication is needed.
    pub level_of_assurance: Option<LevelOfAssurance>,
    /// `m8g:hasLegalResource`: the laws the service rests on.
    pub legal_basis: Vec<String>,
    /// `adms:status`.
    pub status: ServiceStatus,
}

impl Service {
    /// Whether the service is for `profile`.
    pub fn is_for(&self, profile: ProfileKind) -> bool {
        self.audience.contains(&profile)
    }

    /// The processing time as an ISO 8601 duration (`"P30D"`), as CPSV-AP wants it.
    pub fn processing_time_iso(&self) -> Option<String> {
        self.processing_days.map(|d| format!("P{d}D"))
    }
}
