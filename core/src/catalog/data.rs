//! Loading the catalogue from its JSON data files, validating every entry.
//!
//! The default data are embedded (`core/data/catalog/*.json`); a host may load its own with
//! [`load`]. Each field is read on its own, so an error names the file, the entry (by its
//! identifier), the field and the rule: `services.json: entry "bilanci", field "audience"
//! breaks rule required: ...`.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::chamber_catalog::{ChamberCatalog, Contact, MAX_PACKAGE, MIN_PACKAGE};
use super::grants::{Grant, GrantCriteria};
use super::lexicon::LexiconData;
use super::search::SearchConfig;
use super::service::{
    BusinessEvent, Channel, Cost, Evidence, LifeEvent, NeedCategory, Output, Requirement, Service, ServiceId,
};
use super::text::Analyzer;
use super::{Catalog, CatalogError};
use crate::chamber::{is_italian_province, ChamberCode, ChamberError, Chambers};
use crate::identity::LevelOfAssurance;
use crate::money::Euro;
use crate::profile::ProfileKind;

/// The embedded services and need categories.
pub const SERVICES_JSON: &str = include_str!("../../data/catalog/services.json");
/// The embedded chamber activations, local names and contacts (illustrative).
pub const CHAMBERS_JSON: &str = include_str!("../../data/catalog/chambers.json");
/// The embedded lexicon: stop words, synonyms, need phrases.
pub const LEXICON_JSON: &str = include_str!("../../data/catalog/lexicon.json");
/// The embedded calls for grants (illustrative).
pub const GRANTS_JSON: &str = include_str!("../../data/catalog/grants.json");

/// The contents of the four data files.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// `services.json`: `{"categories": [...], "services": [...]}`.
    pub services: &'a str,
    /// `chambers.json`: `{"chambers": [...]}`.
    pub chambers: &'a str,
    /// `lexicon.json`: `{"stop_words": [...], "synonyms": [[...]], "phrases": [...]}`.
    pub lexicon: &'a str,
    /// `grants.json`: `{"grants": [...]}`.
    pub grants: &'a str,
    /// The chamber directory (shaped like `core/data/chambers.json`, see
    /// [`crate::chamber::Chambers::from_json`]): the names and provinces of the chambers of
    /// `chambers`, whose codes it must know.
    pub directory: &'a str,
}

impl Sources<'static> {
    /// The embedded data files.
    pub fn embedded() -> Self {
        Sources {
            services: SERVICES_JSON,
            chambers: CHAMBERS_JSON,
            lexicon: LEXICON_JSON,
            grants: GRANTS_JSON,
            directory: crate::chamber::CHAMBERS_JSON,
        }
    }
}

/// Loads the embedded catalogue.
pub fn load_embedded(config: SearchConfig) -> Result<Catalog, CatalogError> {
    load(Sources::embedded(), config)
}

/// Loads and validates a catalogue from its data files.
pub fn load(src: Sources<'_>, config: SearchConfig) -> Result<Catalog, CatalogError> {
    let lexicon = read_lexicon(src.lexicon)?;
    let (categories, services) = read_services(src.services)?;
    let directory = Chambers::from_json(src.directory).map_err(|e| CatalogError::InvalidEntry {
        file: "chamber directory".into(),
        entry: match &e {
            ChamberError::InvalidData { code, .. } => code.clone(),
            _ => "(file)".into(),
        },
        field: e.field().into(),
        rule: e.rule(),
        reason: e.to_string(),
    })?;
    let chambers = read_chambers(src.chambers, &services, &directory)?;
    let grants = read_grants(src.grants, &directory)?;
    Ok(Catalog::from_parts(services, categories, chambers, &lexicon, grants, config))
}

fn parse(file: &str, text: &str) -> Result<Value, CatalogError> {
    serde_json::from_str(text).map_err(|e| CatalogError::Json {
        file: file.to_string(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

/// One object of a data file, read field by field.
struct Entry<'a> {
    file: &'a str,
    name: String,
    obj: &'a Map<String, Value>,
}

impl<'a> Entry<'a> {
    fn err(&self, field: &str, rule: &'static str, reason: impl Into<String>) -> CatalogError {
        CatalogError::InvalidEntry {
            file: self.file.to_string(),
            entry: self.name.clone(),
            field: field.to_string(),
            rule,
            reason: reason.into(),
        }
    }

    fn only(&self, allowed: &[&str]) -> Result<(), CatalogError> {
        match self.obj.keys().find(|k| !allowed.contains(&k.as_str())) {
            Some(k) => Err(self.err(k, "known_field", format!("unknown field; expected one of {allowed:?}"))),
            None => Ok(()),
        }
    }

    fn opt<T: DeserializeOwned>(&self, field: &str) -> Result<Option<T>, CatalogError> {
        match self.obj.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => T::deserialize(v).map(Some).map_err(|e| self.err(field, "type", e.to_string())),
        }
    }

    fn req<T: DeserializeOwned>(&self, field: &str) -> Result<T, CatalogError> {
        self.opt(field)?.ok_or_else(|| self.err(field, "required", "missing"))
    }

    fn text(&self, field: &str) -> Result<String, CatalogError> {
        let s: String = self.req(field)?;
        if s.trim().is_empty() {
            return Err(self.err(field, "non_empty", "is empty"));
        }
        Ok(s)
    }

    fn texts(&self, field: &str, min: usize) -> Result<Vec<String>, CatalogError> {
        let v: Vec<String> = self.opt(field)?.unwrap_or_default();
        if v.len() < min {
            return Err(self.err(
                field,
                "required",
                format!("needs at least {min} item(s), has {}", v.len()),
            ));
        }
        if v.iter().any(|s| s.trim().is_empty()) {
            return Err(self.err(field, "non_empty", "has an empty item"));
        }
        Ok(v)
    }

    fn distinct<T: PartialEq + std::fmt::Debug>(&self, field: &str, items: &[T]) -> Result<(), CatalogError> {
        for (i, a) in items.iter().enumerate() {
            if items[..i].contains(a) {
                return Err(self.err(field, "unique", format!("{a:?} appears twice")));
            }
        }
        Ok(())
    }
}

fn entries<'a>(file: &'a str, root: &'a Value, key: &str) -> Result<Vec<Entry<'a>>, CatalogError> {
    let top = |reason: String| CatalogError::InvalidEntry {
        file: file.to_string(),
        entry: "(root)".into(),
        field: key.to_string(),
        rule: "required",
        reason,
    };
    let list = root.get(key).and_then(Value::as_array).ok_or_else(|| top("missing or not a list".into()))?;
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            let name = v
                .get("id")
                .or_else(|| v.get("code"))
                .and_then(Value::as_str)
                .map_or(format!("#{i}"), String::from);
            match v.as_object() {
                Some(obj) => Ok(Entry { file, name, obj }),
                None => Err(CatalogError::InvalidEntry {
                    file: file.to_string(),
                    entry: name,
                    field: key.to_string(),
                    rule: "type",
                    reason: "entry is not an object".into(),
                }),
            }
        })
        .collect()
}

fn read_lexicon(text: &str) -> Result<LexiconData, CatalogError> {
    const FILE: &str = "lexicon.json";
    let root = parse(FILE, text)?;
    let e = Entry {
        file: FILE,
        name: "(root)".into(),
        obj: root.as_object().ok_or_else(|| CatalogError::InvalidEntry {
            file: FILE.into(),
            entry: "(root)".into(),
            field: "(root)".into(),
            rule: "type",
            reason: "not an object".into(),
        })?,
    };
    e.only(&["about", "stop_words", "synonyms", "phrases"])?;
    let stop_words = e.texts("stop_words", 1)?;
    let synonyms: Vec<Vec<String>> = e.req("synonyms")?;
    let data = LexiconData { stop_words, synonyms, phrases: Vec::new() };
    let analyzer_with_stops = Analyzer::new(&data.stop_words);
    for (i, group) in data.synonyms.iter().enumerate() {
        let g = Entry { file: FILE, name: format!("synonyms #{i} {group:?}"), obj: e.obj };
        if group.len() < 2 {
            return Err(g.err("synonyms", "group_size", "a synonym group needs at least 2 members"));
        }
        for w in group {
            if analyzer_with_stops.stems(w).is_empty() {
                return Err(g.err("synonyms", "meaningful", format!("{w:?} is only stop words")));
            }
        }
    }
    let phrases_val: Vec<Value> = e.req("phrases")?;
    let mut phrases = Vec::new();
    for (i, v) in phrases_val.iter().enumerate() {
        let obj =
            v.as_object().ok_or_else(|| e.err("phrases", "type", format!("phrase #{i} is not an object")))?;
        let says = obj.get("says").and_then(Value::as_str).unwrap_or_default().to_string();
        let p = Entry { file: FILE, name: format!("phrases #{i} {says:?}"), obj };
        p.only(&["says", "means"])?;
        let says = p.text("says")?;
        let means = p.text("means")?;
        if analyzer_with_stops.stems(&says).is_empty() {
            return Err(p.err("says", "meaningful", "is only stop words"));
        }
        if analyzer_with_stops.stems(&means).is_empty() {
            return Err(p.err("means", "meaningful", "is only stop words"));
        }
        phrases.push(super::lexicon::NeedPhraseData { says, means });
    }
    Ok(LexiconData { phrases, ..data })
}

const SERVICE_FIELDS: &[&str] = &[
    "id",
    "name",
    "description",
    "keywords",
    "needs",
    "category",
    "audience",
    "business_events",
    "life_events",
    "channels",
    "costs",
    "requirements",
    "evidence",
    "outputs",
    "processing_days",
    "level_of_assurance",
    "legal_basis",
    "status",
];

fn read_services(text: &str) -> Result<(Vec<NeedCategory>, Vec<Service>), CatalogError> {
    const FILE: &str = "services.json";
    let root = parse(FILE, text)?;
    let mut categories: Vec<NeedCategory> = Vec::new();
    for e in entries(FILE, &root, "categories")? {
        e.only(&["code", "name"])?;
        let code = e.text("code")?;
        if code.parse::<ServiceId>().is_err() {
            return Err(e.err("code", "slug", "is not a lowercase slug"));
        }
        if categories.iter().any(|c| c.code == code) {
            return Err(e.err("code", "unique", "another category has this code"));
        }
        categories.push(NeedCategory { code, name: e.text("name")? });
    }
    let mut services: Vec<Service> = Vec::new();
    let mut ids: HashSet<ServiceId> = HashSet::new();
    for e in entries(FILE, &root, "services")? {
        e.only(SERVICE_FIELDS)?;
        let raw_id = e.text("id")?;
        let id: ServiceId =
            raw_id.parse().map_err(|err: super::ServiceIdError| e.err("id", "slug", err.to_string()))?;
        if !ids.insert(id.clone()) {
            return Err(e.err("id", "unique", "another service has this identifier"));
        }
        let category = e.text("category")?;
        if !categories.iter().any(|c| c.code == category) {
            return Err(e.err("category", "known_category", format!("{category:?} is not a need category")));
        }
        let audience: Vec<ProfileKind> = e.req("audience")?;
        if audience.is_empty() {
            return Err(e.err("audience", "required", "needs at least one profile"));
        }
        e.distinct("audience", &audience)?;
        let business_events: Vec<BusinessEvent> = e.opt("business_events")?.unwrap_or_default();
        e.distinct("business_events", &business_events)?;
        let life_events: Vec<LifeEvent> = e.opt("life_events")?.unwrap_or_default();
        e.distinct("life_events", &life_events)?;
        let channels: Vec<Channel> = e.req("channels")?;
        if channels.is_empty() {
            return Err(e.err("channels", "required", "needs at least one channel"));
        }
        e.distinct("channels", &channels)?;
        let costs: Vec<Cost> = e.opt("costs")?.unwrap_or_default();
        e.distinct("costs", &costs.iter().map(|c| &c.id).collect::<Vec<_>>())?;
        for c in &costs {
            if let Some(amount) = c.kind.fixed_amount() {
                if amount < Euro::ZERO {
                    return Err(e.err("costs", "non_negative", format!("cost {:?} is negative", c.id)));
                }
            }
        }
        let requirements: Vec<Requirement> = e.opt("requirements")?.unwrap_or_default();
        e.distinct("requirements", &requirements.iter().map(|r| &r.id).collect::<Vec<_>>())?;
        let evidence: Vec<Evidence> = e.opt("evidence")?.unwrap_or_default();
        e.distinct("evidence", &evidence.iter().map(|r| &r.id).collect::<Vec<_>>())?;
        let outputs: Vec<Output> = e.req("outputs")?;
        if outputs.is_empty() {
            return Err(e.err("outputs", "required", "needs at least one output"));
        }
        e.distinct("outputs", &outputs.iter().map(|r| &r.id).collect::<Vec<_>>())?;
        let processing_days: Option<u32> = e.opt("processing_days")?;
        if processing_days == Some(0) {
            return Err(e.err("processing_days", "positive", "must be at least 1 day"));
        }
        let level_of_assurance: Option<LevelOfAssurance> = e.opt("level_of_assurance")?;
        if channels.contains(&Channel::Online) && !e.obj.contains_key("level_of_assurance") {
            return Err(e.err(
                "level_of_assurance",
                "required",
                "an online service must state its level of assurance (null for none)",
            ));
        }
        services.push(Service {
            id,
            name: e.text("name")?,
            description: e.text("description")?,
            keywords: e.texts("keywords", 1)?,
            needs: e.texts("needs", 1)?,
            category,
            audience,
            business_events,
            life_events,
            channels,
            costs,
            requirements,
            evidence,
            outputs,
            processing_days,
            level_of_assurance,
            legal_basis: e.texts("legal_basis", 0)?,
            status: e.opt("status")?.unwrap_or_default(),
        });
    }
    Ok((categories, services))
}

fn read_chambers(
    text: &str,
    services: &[Service],
    directory: &Chambers,
) -> Result<Vec<ChamberCatalog>, CatalogError> {
    const FILE: &str = "chambers.json";
    let root = parse(FILE, text)?;
    let mut chambers: Vec<ChamberCatalog> = Vec::new();
    for e in entries(FILE, &root, "chambers")? {
        e.only(&["code", "nuts", "contact", "active", "local_names"])?;
        let code: ChamberCode = e.req("code")?;
        if chambers.iter().any(|c| c.code == code) {
            return Err(e.err("code", "unique", "another chamber has this code"));
        }
        let Ok(chamber) = directory.by_code(&code) else {
            return Err(e.err("code", "known_chamber", format!("{code} is not in the chamber directory")));
        };
        let contact: Contact = e.req("contact")?;
        if !contact.pec.contains('@') {
            return Err(e.err("contact", "pec_address", format!("PEC {:?} is not an address", contact.pec)));
        }
        let active: Vec<ServiceId> = e.req("active")?;
        if !(MIN_PACKAGE..=MAX_PACKAGE).contains(&active.len()) {
            return Err(e.err(
                "active",
                "package_size",
                format!("activates {} services; a package has {MIN_PACKAGE} to {MAX_PACKAGE}", active.len()),
            ));
        }
        e.distinct("active", &active)?;
        for id in &active {
            match services.iter().find(|s| &s.id == id) {
                None => {
                    return Err(e.err("active", "known_service", format!("{id} is not in the catalogue")))
                }
                Some(s) if !s.status.is_offered() => {
                    return Err(e.err(
                        "active",
                        "offered",
                        format!("{id} is not offered (status {:?})", s.status),
                    ))
                }
                Some(_) => {}
            }
        }
        let local_names: BTreeMap<ServiceId, String> = e.opt("local_names")?.unwrap_or_default();
        for (id, name) in &local_names {
            if !active.contains(id) {
                return Err(e.err(
                    "local_names",
                    "active_service",
                    format!("{id} is renamed but not activated"),
                ));
            }
            if name.trim().is_empty() {
                return Err(e.err("local_names", "non_empty", format!("{id} has an empty local name")));
            }
        }
        chambers.push(ChamberCatalog {
            code,
            name: chamber.name.clone(),
            provinces: chamber.provinces.clone(),
            nuts: e.texts("nuts", 1)?,
            contact,
            active,
            local_names,
        });
    }
    Ok(chambers)
}

fn read_grants(text: &str, directory: &Chambers) -> Result<Vec<Grant>, CatalogError> {
    const FILE: &str = "grants.json";
    let root = parse(FILE, text)?;
    let mut grants: Vec<Grant> = Vec::new();
    for e in entries(FILE, &root, "grants")? {
        e.only(&[
            "id",
            "title",
            "chamber",
            "description",
            "budget",
            "max_grant",
            "opens",
            "closes",
            "criteria",
        ])?;
        let id = e.text("id")?;
        if id.parse::<ServiceId>().is_err() {
            return Err(e.err("id", "slug", "is not a lowercase slug"));
        }
        if grants.iter().any(|g| g.id == id) {
            return Err(e.err("id", "unique", "another grant has this identifier"));
        }
        let opens: NaiveDate = e.req("opens")?;
        let closes: NaiveDate = e.req("closes")?;
        if closes < opens {
            return Err(e.err("closes", "window", format!("closes {closes} before it opens {opens}")));
        }
        let budget: Euro = e.req("budget")?;
        let max_grant: Euro = e.req("max_grant")?;
        if max_grant <= Euro::ZERO || budget < max_grant {
            return Err(e.err("max_grant", "within_budget", "must be positive and at most the budget"));
        }
        let criteria: GrantCriteria = e.req("criteria")?;
        if let Some(p) = criteria.provinces.iter().flatten().find(|p| !is_italian_province(**p)) {
            return Err(e.err("criteria", "italian_province", format!("{p} is not an Italian province")));
        }
        let chamber: ChamberCode = e.req("chamber")?;
        if directory.by_code(&chamber).is_err() {
            return Err(e.err(
                "chamber",
                "known_chamber",
                format!("{chamber} is not in the chamber directory"),
            ));
        }
        grants.push(Grant {
            id,
            title: e.text("title")?,
            chamber,
            description: e.text("description")?,
            budget,
            max_grant,
            opens,
            closes,
            criteria,
        });
    }
    Ok(grants)
}
