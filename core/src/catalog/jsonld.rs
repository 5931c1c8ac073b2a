//! CPSV-AP 3.2.0 JSON-LD export, with an inline `@context` (no remote context to fetch).
//!
//! Every `cpsv:PublicService` carries the four mandatory properties of the CPSV-AP SHACL shapes:
//! `dct:identifier`, `dct:title`, `dct:description` and `m8g:hasCompetentAuthority`. The competent
//! authority is the chamber: in a chamber's catalogue, that chamber; in the whole catalogue, every
//! chamber that activates the service, or the regional union of the Lombardy chambers (owner of
//! the 2013 counter) for a service no chamber has activated yet.
//!
//! Costs are `m8g:hasValue` typed `xsd:double` as the SHACL shape asks, written with the exact
//! decimal lexical form of the amount. Node identifiers are URNs under [`BASE_IRI`].

use serde_json::{json, Map, Value};

use super::chamber_catalog::ChamberCatalog;
use super::service::Service;
use super::{Catalog, CatalogError};
use crate::chamber::ChamberCode;
use crate::identity::LevelOfAssurance;
use crate::profile::ProfileKind;

/// The base of the identifiers of exported nodes.
pub const BASE_IRI: &str = "urn:sportello:";

/// The regional union of the Lombardy chambers: competent authority of a service no chamber
/// has activated.
pub const REGIONAL_UNION: (&str, &str) = ("UCL", "Unioncamere Lombardia");

/// The CPSV-AP properties every `cpsv:PublicService` must carry (CPSV-AP 3.2.0 SHACL, min 1).
pub const MANDATORY_PROPERTIES: [&str; 4] =
    ["dct:identifier", "dct:title", "dct:description", "m8g:hasCompetentAuthority"];

/// The inline JSON-LD context: the prefixes of CPSV-AP and of the vocabularies it reuses.
pub fn context() -> Value {
    json!({
        "cpsv": "http://purl.org/vocab/cpsv#",
        "cpsvapit": "https://w3id.org/italia/onto/CPSV/",
        "dct": "http://purl.org/dc/terms/",
        "dcat": "http://www.w3.org/ns/dcat#",
        "m8g": "http://data.europa.eu/m8g/",
        "adms": "http://www.w3.org/ns/adms#",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "eli": "http://data.europa.eu/eli/ontology#",
        "schema": "https://schema.org/",
        "vcard": "http://www.w3.org/2006/vcard/ns#",
        "foaf": "http://xmlns.com/foaf/0.1/"
    })
}

fn it(text: &str) -> Value {
    json!({ "@value": text, "@language": "it" })
}

fn id(iri: impl Into<String>) -> Value {
    json!({ "@id": iri.into() })
}

fn chamber_iri(code: &str) -> String {
    format!("{BASE_IRI}camera:{code}")
}

fn service_iri(chamber: Option<&ChamberCode>, service: &str) -> String {
    match chamber {
        Some(c) => format!("{BASE_IRI}camera:{c}:servizio:{service}"),
        None => format!("{BASE_IRI}servizio:{service}"),
    }
}

fn profile_label(p: ProfileKind) -> &'static str {
    match p {
        ProfileKind::Business => "Imprese",
        ProfileKind::Craftsman => "Artigiani",
        ProfileKind::Intermediary => "Associazioni e professionisti dell'impresa",
        ProfileKind::Private => "Privati",
    }
}

fn assurance_label(l: LevelOfAssurance) -> &'static str {
    match l {
        LevelOfAssurance::Low => "Identificazione informatica di livello basso (SPID livello 1)",
        LevelOfAssurance::Substantial => {
            "Identificazione informatica di livello significativo (SPID livello 2, CIE livello 2)"
        }
        LevelOfAssurance::High => {
            "Identificazione informatica di livello elevato (SPID livello 3, CIE livello 3, CNS)"
        }
    }
}

fn organisation(c: &ChamberCatalog) -> Value {
    json!({
        "@id": chamber_iri(c.code.as_str()),
        "@type": "m8g:PublicOrganisation",
        "skos:prefLabel": it(&c.name),
        "dct:spatial": c.nuts.iter().map(|n| id(format!("http://data.europa.eu/nuts/code/{n}"))).collect::<Vec<_>>(),
        "m8g:contactPoint": {
            "@type": "m8g:ContactPoint",
            "vcard:hasEmail": [
                id(format!("mailto:{}", c.contact.email)),
                id(format!("mailto:{}", c.contact.pec)),
            ],
            "vcard:hasTelephone": c.contact.phone,
            "foaf:page": id(c.contact.website.clone()),
        },
    })
}

fn regional_union() -> Value {
    json!({
        "@id": chamber_iri(REGIONAL_UNION.0),
        "@type": "m8g:PublicOrganisation",
        "skos:prefLabel": it(REGIONAL_UNION.1),
        "dct:spatial": [id("http://data.europa.eu/nuts/code/ITC4")],
    })
}

fn service_node(s: &Service, name: &str, node_id: &str, authorities: Vec<Value>) -> Value {
    let mut n = Map::new();
    n.insert("@id".into(), json!(node_id));
    n.insert("@type".into(), json!("cpsv:PublicService"));
    n.insert("dct:identifier".into(), json!(s.id.as_str()));
    n.insert("dct:title".into(), it(name));
    n.insert("dct:description".into(), it(&s.description));
    n.insert("m8g:hasCompetentAuthority".into(), Value::Array(authorities));
    n.insert("dcat:keyword".into(), s.keywords.iter().map(|k| it(k)).collect());
    n.insert("dct:language".into(), id("http://publications.europa.eu/resource/authority/language/ITA"));
    n.insert("adms:status".into(), id(s.status.uri()));
    n.insert(
        "dct:audience".into(),
        s.audience
            .iter()
            .map(|p| {
                json!({
                    "@id": format!("{BASE_IRI}profilo:{}", p.as_str()),
                    "@type": "skos:Concept",
                    "skos:prefLabel": it(profile_label(*p)),
                })
            })
            .collect(),
    );
    let mut events: Vec<Value> = s
        .business_events
        .iter()
        .map(|e| {
            json!({
                "@id": format!("{node_id}:evento-impresa:{}", e.code()),
                "@type": "m8g:BusinessEvent",
                "dct:identifier": e.code().to_string(),
                "dct:title": it(e.label_it()),
                "dct:type": id(e.uri()),
            })
        })
        .collect();
    events.extend(s.life_events.iter().map(|e| {
        json!({
            "@id": format!("{node_id}:evento-vita:{}", e.code()),
            "@type": "m8g:LifeEvent",
            "dct:identifier": e.code().to_string(),
            "dct:title": it(e.label_it()),
            "dct:type": id(e.uri()),
        })
    }));
    n.insert("m8g:isGroupedBy".into(), Value::Array(events));
    n.insert(
        "m8g:hasChannel".into(),
        s.channels
            .iter()
            .map(|c| {
                json!({
                    "@id": format!("{node_id}:canale:{}", c.as_str()),
                    "@type": "m8g:Channel",
                    "dct:identifier": c.as_str(),
                    "dct:type": id(c.uri()),
                    "dct:description": it(c.label_it()),
                })
            })
            .collect(),
    );
    n.insert(
        "m8g:hasCost".into(),
        s.costs
            .iter()
            .map(|c| {
                let mut cost = json!({
                    "@id": format!("{node_id}:costo:{}", c.id),
                    "@type": "m8g:Cost",
                    "dct:identifier": c.id,
                    "dct:description": it(&c.description),
                });
                let value =
                    c.kind
                        .fixed_amount()
                        .map(|a| if a.is_zero() { "0".into() } else { a.amount().to_string() });
                if let (Some(v), Some(obj)) = (value, cost.as_object_mut()) {
                    obj.insert("m8g:hasValue".into(), json!({ "@value": v, "@type": "xsd:double" }));
                    obj.insert(
                        "m8g:currency".into(),
                        id("http://publications.europa.eu/resource/authority/currency/EUR"),
                    );
                }
                cost
            })
            .collect(),
    );
    let mut requirements: Vec<Value> = s
        .requirements
        .iter()
        .map(|r| {
            json!({
                "@id": format!("{node_id}:requisito:{}", r.id),
                "@type": "m8g:Requirement",
                "dct:identifier": r.id,
                "dct:title": it(&r.name),
            })
        })
        .collect();
    if let Some(l) = s.level_of_assurance {
        requirements.push(json!({
            "@id": format!("{node_id}:requisito:autenticazione"),
            "@type": ["m8g:Requirement", "cpsvapit:Authentication"],
            "dct:identifier": "autenticazione",
            "dct:title": it(assurance_label(l)),
        }));
    }
    n.insert("m8g:holdsRequirement".into(), Value::Array(requirements));
    n.insert(
        "cpsv:hasInput".into(),
        s.evidence
            .iter()
            .map(|e| {
                json!({
                    "@id": format!("{node_id}:documento:{}", e.id),
                    "@type": "m8g:Evidence",
                    "dct:identifier": e.id,
                    "dct:title": it(&e.name),
                    "dct:type": e.kind.code(),
                })
            })
            .collect(),
    );
    n.insert(
        "cpsv:produces".into(),
        s.outputs
            .iter()
            .map(|o| {
                json!({
                    "@id": format!("{node_id}:risultato:{}", o.id),
                    "@type": "m8g:Output",
                    "dct:identifier": o.id,
                    "dct:title": it(&o.name),
                    "dct:type": o.kind.code(),
                })
            })
            .collect(),
    );
    if let Some(d) = s.processing_time_iso() {
        n.insert("m8g:processingTime".into(), json!({ "@value": d, "@type": "xsd:duration" }));
    }
    if !s.legal_basis.is_empty() {
        n.insert(
            "m8g:hasLegalResource".into(),
            s.legal_basis
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    json!({
                        "@id": format!("{node_id}:norma:{}", i + 1),
                        "@type": "eli:LegalResource",
                        "dct:title": it(l),
                    })
                })
                .collect(),
        );
    }
    Value::Object(n)
}

fn chamber_catalog_node(c: &ChamberCatalog, service_ids: Vec<Value>) -> Value {
    json!({
        "@id": format!("{}:catalogo", chamber_iri(c.code.as_str())),
        "@type": "dcat:Catalog",
        "dct:identifier": format!("catalogo-{}", c.code.as_str().to_lowercase()),
        "dct:title": it(&format!("Servizi online della {}", c.name)),
        "dct:publisher": id(chamber_iri(c.code.as_str())),
        "dct:hasPart": service_ids,
    })
}

/// The export: see the module docs.
pub fn export(catalog: &Catalog, chamber: Option<&ChamberCode>) -> Result<Value, CatalogError> {
    let mut graph: Vec<Value> = Vec::new();
    match chamber {
        Some(code) => {
            let c = catalog.chamber(code)?;
            graph.push(organisation(c));
            let mut parts = Vec::new();
            let mut nodes = Vec::new();
            for sid in &c.active {
                let s = catalog.service(sid.as_str())?;
                let node_id = service_iri(Some(code), sid.as_str());
                parts.push(id(node_id.clone()));
                nodes.push(service_node(s, c.name_of(s), &node_id, vec![id(chamber_iri(code.as_str()))]));
            }
            graph.push(chamber_catalog_node(c, parts));
            graph.extend(nodes);
        }
        None => {
            let mut orphan = false;
            for c in catalog.chambers() {
                graph.push(organisation(c));
                let parts = c.active.iter().map(|sid| id(service_iri(None, sid.as_str()))).collect();
                graph.push(chamber_catalog_node(c, parts));
            }
            for s in catalog.services() {
                let mut authorities: Vec<Value> = catalog
                    .chambers()
                    .iter()
                    .filter(|c| c.is_active(&s.id))
                    .map(|c| id(chamber_iri(c.code.as_str())))
                    .collect();
                if authorities.is_empty() {
                    orphan = true;
                    authorities.push(id(chamber_iri(REGIONAL_UNION.0)));
                }
                graph.push(service_node(s, &s.name, &service_iri(None, s.id.as_str()), authorities));
            }
            if orphan {
                graph.push(regional_union());
            }
        }
    }
    Ok(json!({ "@context": context(), "@graph": graph }))
}
