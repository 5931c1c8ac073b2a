//! The service catalogue and finding services by need (issue 6).
//!
//! | file | holds |
//! |---|---|
//! | [`service`] | the CPSV-AP shaped [`Service`] card and the AgID vocabularies |
//! | [`chamber_catalog`] | what each chamber activates (packages of 3 to 10), local names, contacts |
//! | [`data`] | loading the embedded data files, validating every entry |
//! | [`text`] | Italian folding, stop words and Snowball stemming |
//! | [`lexicon`] | synonyms and need phrases |
//! | [`search`] | the BM25F index, filters and reasons |
//! | [`grants`] | calls for grants (*bandi*) and their eligibility criteria |
//! | [`jsonld`] | CPSV-AP JSON-LD export |
//!
//! ```
//! use sportello::catalog::{Catalog, SearchQuery};
//! use sportello::profile::ProfileKind;
//!
//! let catalog = Catalog::lombardy()?;
//! let hits = catalog.search(&SearchQuery::new("devo pagare la tassa annuale della camera")
//!     .profile(ProfileKind::Business))?;
//! assert_eq!(hits[0].service_id.as_str(), "diritto-annuale");
//! # Ok::<(), sportello::catalog::CatalogError>(())
//! ```

pub mod chamber_catalog;
pub mod data;
pub mod grants;
pub mod jsonld;
pub mod lexicon;
pub mod search;
pub mod service;
pub mod text;

use std::collections::HashMap;

use chrono::NaiveDate;

pub use chamber_catalog::{ChamberCatalog, Contact};
pub use grants::{
    AtecoSection, AtecoVersion, CriterionFailure, Grant, GrantApplicant, GrantCriteria, GrantsReport,
    IneligibleGrant, SeatRule, SizeClass,
};
pub use lexicon::{LexiconData, NeedPhraseData, RuleKind};
pub use search::{Field, MatchReason, SearchConfig, SearchHit, SearchIndex, SearchQuery, Via};
pub use service::{
    BusinessEvent, Channel, Cost, CostKind, DocumentType, Evidence, LifeEvent, NeedCategory, OtherCost,
    Output, Requirement, Service, ServiceId, ServiceIdError, ServiceStatus,
};
pub use text::{fold, Analyzer, Token};

use crate::chamber::ChamberCode;
use lexicon::Lexicon;

/// Why a catalogue could not be loaded or a request could not be answered. Data errors name the
/// file, the entry, the field and the rule that failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    /// A data file is not well-formed JSON.
    #[error("{file}: not valid JSON (line {line}, column {column}): {message}")]
    Json {
        /// The data file.
        file: String,
        /// Line of the error.
        line: usize,
        /// Column of the error.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// An entry of a data file breaks a rule.
    #[error("{file}: entry {entry:?}, field {field:?} breaks rule {rule}: {reason}")]
    InvalidEntry {
        /// The data file.
        file: String,
        /// The entry (its identifier, or `#n` for the n-th entry without one).
        entry: String,
        /// The field that is wrong.
        field: String,
        /// The rule that failed (`"required"`, `"type"`, `"slug"`, `"unique"`,
        /// `"known_service"`, `"package_size"`, ...).
        rule: &'static str,
        /// What was wrong, in a sentence.
        reason: String,
    },
    /// No service has this identifier.
    #[error("no service has identifier {id:?}")]
    UnknownService {
        /// The identifier asked for.
        id: String,
    },
    /// No chamber of the catalogue has this code.
    #[error("chamber {code:?} has no catalogue")]
    UnknownChamber {
        /// The code asked for.
        code: String,
    },
    /// A company given as JSON is not a valid registry company.
    #[error("company: field {field:?} breaks rule {rule}: {reason}")]
    InvalidCompany {
        /// The field that is wrong (`"(json)"` when the text is not a company at all).
        field: String,
        /// The rule that failed (`"json"` or the registry's rule).
        rule: String,
        /// What was wrong.
        reason: String,
    },
    /// No need category has this code.
    #[error("no need category has code {code:?}")]
    UnknownCategory {
        /// The code asked for.
        code: String,
    },
    /// A name or code outside its vocabulary: a size class, an ATECO section or version, a
    /// channel, an AgID event code, a search limit.
    #[error("{field}: {text:?} breaks rule {rule}: expected {expected}")]
    InvalidValue {
        /// The field (argument) that is wrong.
        field: &'static str,
        /// The rule that failed (`"size_class"`, `"ateco_section"`, `"known_version"`,
        /// `"known_channel"`, `"agid_vocabulary"`, `"non_negative"`).
        rule: &'static str,
        /// The text as given.
        text: String,
        /// What the vocabulary allows.
        expected: &'static str,
    },
}

impl CatalogError {
    /// The failed rule as a stable snake_case name, for the bindings and for logs.
    pub fn rule(&self) -> &str {
        match self {
            CatalogError::Json { .. } => "json",
            CatalogError::InvalidEntry { rule, .. } | CatalogError::InvalidValue { rule, .. } => rule,
            CatalogError::UnknownService { .. } => "known_service",
            CatalogError::UnknownChamber { .. } => "known_chamber",
            CatalogError::UnknownCategory { .. } => "known_category",
            CatalogError::InvalidCompany { rule, .. } => rule,
        }
    }

    /// The field at fault (`"(file)"` for a data file that is not JSON at all).
    pub fn field(&self) -> &str {
        match self {
            CatalogError::Json { .. } => "(file)",
            CatalogError::InvalidEntry { field, .. } | CatalogError::InvalidCompany { field, .. } => field,
            CatalogError::InvalidValue { field, .. } => field,
            CatalogError::UnknownService { .. } => "id",
            CatalogError::UnknownChamber { .. } => "chamber",
            CatalogError::UnknownCategory { .. } => "category",
        }
    }

    /// The data file at fault, for a data error.
    pub fn file(&self) -> Option<&str> {
        match self {
            CatalogError::Json { file, .. } | CatalogError::InvalidEntry { file, .. } => Some(file),
            _ => None,
        }
    }

    /// The entry of the data file at fault, for an invalid entry.
    pub fn entry(&self) -> Option<&str> {
        match self {
            CatalogError::InvalidEntry { entry, .. } => Some(entry),
            _ => None,
        }
    }
}

/// The service catalogue of the counter: services, need categories, each chamber's activation,
/// the lexicon of the search, the calls for grants, and the search index built once.
#[derive(Debug)]
pub struct Catalog {
    services: Vec<Service>,
    by_id: HashMap<ServiceId, usize>,
    categories: Vec<NeedCategory>,
    chambers: Vec<ChamberCatalog>,
    active: HashMap<ChamberCode, Vec<bool>>,
    grants: Vec<Grant>,
    analyzer: Analyzer,
    lexicon: Lexicon,
    index: SearchIndex,
}

impl Catalog {
    /// The catalogue shipped with the library: the services the Lombardy chambers offer online,
    /// an illustrative activation per chamber, the Italian lexicon, the calls for grants.
    pub fn lombardy() -> Result<Catalog, CatalogError> {
        data::load_embedded(SearchConfig::default())
    }

    /// Builds a catalogue from validated parts (see [`data`] to read them from JSON).
    pub fn from_parts(
        services: Vec<Service>,
        categories: Vec<NeedCategory>,
        chambers: Vec<ChamberCatalog>,
        lexicon: &LexiconData,
        grants: Vec<Grant>,
        config: SearchConfig,
    ) -> Catalog {
        let analyzer = Analyzer::new(&lexicon.stop_words);
        let compiled = Lexicon::compile(lexicon, &analyzer);
        let index = SearchIndex::build(&services, &analyzer, config);
        let by_id: HashMap<ServiceId, usize> =
            services.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
        let active = chambers
            .iter()
            .map(|c| {
                let mut mask = vec![false; services.len()];
                for id in &c.active {
                    if let Some(&i) = by_id.get(id) {
                        mask[i] = true;
                    }
                }
                (c.code.clone(), mask)
            })
            .collect();
        Catalog { services, by_id, categories, chambers, active, grants, analyzer, lexicon: compiled, index }
    }

    /// Every service, in catalogue order.
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// The service with identifier `id`.
    pub fn service(&self, id: &str) -> Result<&Service, CatalogError> {
        id.parse::<ServiceId>()
            .ok()
            .and_then(|sid| self.by_id.get(&sid))
            .map(|&i| &self.services[i])
            .ok_or_else(|| CatalogError::UnknownService { id: id.to_string() })
    }

    /// The need categories of the "Ho bisogno di…" list.
    pub fn categories(&self) -> &[NeedCategory] {
        &self.categories
    }

    /// The chambers with a catalogue.
    pub fn chambers(&self) -> &[ChamberCatalog] {
        &self.chambers
    }

    /// The catalogue of `code`.
    pub fn chamber(&self, code: &ChamberCode) -> Result<&ChamberCatalog, CatalogError> {
        self.chambers
            .iter()
            .find(|c| &c.code == code)
            .ok_or_else(|| CatalogError::UnknownChamber { code: code.to_string() })
    }

    /// The services `code` has activated, as that chamber shows them (its local names).
    pub fn for_chamber(&self, code: &ChamberCode) -> Result<Vec<Service>, CatalogError> {
        let chamber = self.chamber(code)?;
        chamber
            .active
            .iter()
            .map(|id| {
                let mut s = self.service(id.as_str())?.clone();
                s.name = chamber.name_of(&s).to_string();
                Ok(s)
            })
            .collect()
    }

    /// The services of need category `code`, offered ones only.
    pub fn by_category(&self, code: &str) -> Result<Vec<&Service>, CatalogError> {
        if !self.categories.iter().any(|c| c.code == code) {
            return Err(CatalogError::UnknownCategory { code: code.to_string() });
        }
        Ok(self.services.iter().filter(|s| s.category == code && s.status.is_offered()).collect())
    }

    /// The services grouped under business event `event`, offered ones only.
    pub fn by_business_event(&self, event: BusinessEvent) -> Vec<&Service> {
        self.services.iter().filter(|s| s.business_events.contains(&event) && s.status.is_offered()).collect()
    }

    /// The services grouped under life event `event`, offered ones only.
    pub fn by_life_event(&self, event: LifeEvent) -> Vec<&Service> {
        self.services.iter().filter(|s| s.life_events.contains(&event) && s.status.is_offered()).collect()
    }

    /// Searches by need: offered services passing every filter of `query`, ranked by BM25F,
    /// each hit with its reasons. A text made only of stop words finds nothing.
    pub fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>, CatalogError> {
        let active = match &query.chamber {
            Some(code) => Some(
                self.active
                    .get(code)
                    .ok_or_else(|| CatalogError::UnknownChamber { code: code.to_string() })?,
            ),
            None => None,
        };
        let keep = |doc: usize| {
            let s = &self.services[doc];
            s.status.is_offered()
                && active.is_none_or(|mask| mask[doc])
                && query.profile.is_none_or(|p| s.audience.contains(&p))
                && query.business_event.is_none_or(|e| s.business_events.contains(&e))
                && query.life_event.is_none_or(|e| s.life_events.contains(&e))
                && query.channel.is_none_or(|c| s.channels.contains(&c))
        };
        Ok(self.index.search(&query.text, &self.analyzer, &self.lexicon, &self.services, keep, query.limit))
    }

    /// The calls for grants.
    pub fn grants(&self) -> &[Grant] {
        &self.grants
    }

    /// The grants `applicant` can apply to on `on` and, for the others, every criterion it fails.
    pub fn eligible_grants(&self, applicant: &GrantApplicant, on: NaiveDate) -> GrantsReport {
        grants::check_all(&self.grants, applicant, on)
    }

    /// The grants a registry company can apply to on `on`, with its declared size class (`None`:
    /// not declared, which fails calls limited by size) and the ATECO classification the calls use
    /// (see [`GrantApplicant::from_company`]).
    pub fn eligible_grants_for_company(
        &self,
        company: &crate::registry::Company,
        size: Option<SizeClass>,
        on: NaiveDate,
        version: AtecoVersion,
    ) -> GrantsReport {
        self.eligible_grants(&GrantApplicant::from_company(company, size, on, version), on)
    }

    /// The catalogue as CPSV-AP JSON-LD: the whole catalogue (`None`), with one `dcat:Catalog`
    /// per chamber, or one chamber's active services as its own catalogue.
    pub fn to_jsonld(&self, chamber: Option<&ChamberCode>) -> Result<serde_json::Value, CatalogError> {
        jsonld::export(self, chamber)
    }
}
