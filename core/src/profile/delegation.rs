//! Delegations: a company lets an intermediary act for it, for all services or listed ones, for a
//! time, until revoked. Only a legal representative grants or revokes.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{DelegationError, Intermediary, IntermediaryKind};
use crate::authz::{authorize, Action, Actor};
use crate::identifiers::CodiceFiscale;
use crate::ports::BusinessRegistry;

/// The number of a delegation in its book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DelegationId(pub u64);

impl std::fmt::Display for DelegationId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Which services a delegation covers: JSON `{"type":"all_services"}` or
/// `{"type":"services","services":["accesso-atti"]}` (service identifiers of the catalogue).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DelegationScope {
    /// Every service of the counter.
    AllServices,
    /// Only the listed services (never empty).
    Services {
        /// Service identifiers.
        services: BTreeSet<String>,
    },
}

impl DelegationScope {
    /// Whether the scope covers `service`.
    pub fn covers(&self, service: &str) -> bool {
        match self {
            DelegationScope::AllServices => true,
            DelegationScope::Services { services } => services.contains(service),
        }
    }
}

/// A delegation (delega) granted by a company to an intermediary.
///
/// Valid from `valid_from` (inclusive) to the day before `expires_on`, and no longer from the day
/// of revocation: expiry and revocation take effect on their day.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Delegation {
    /// Its number.
    pub id: DelegationId,
    /// The company that delegates.
    pub company: CodiceFiscale,
    /// The intermediary delegated.
    pub intermediary: CodiceFiscale,
    /// The legal representative who granted it.
    pub granted_by: CodiceFiscale,
    /// Services covered.
    pub scope: DelegationScope,
    /// First day of validity.
    pub valid_from: NaiveDate,
    /// First day no longer valid by expiry, if it expires.
    pub expires_on: Option<NaiveDate>,
    /// First day no longer valid by revocation, if revoked.
    pub revoked_on: Option<NaiveDate>,
    /// The day it was granted.
    pub granted_on: NaiveDate,
}

impl Delegation {
    /// Whether the delegation is in force on `day`.
    pub fn is_valid_on(&self, day: NaiveDate) -> bool {
        self.valid_from <= day
            && self.expires_on.is_none_or(|e| day < e)
            && self.revoked_on.is_none_or(|r| day < r)
    }
}

/// What a legal representative asks to grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelegationRequest {
    /// The company delegating (the one the representative acts for).
    pub company: CodiceFiscale,
    /// The intermediary.
    pub intermediary: CodiceFiscale,
    /// Services covered.
    pub scope: DelegationScope,
    /// First day of validity (today or later).
    pub valid_from: NaiveDate,
    /// First day no longer valid, if it expires.
    pub expires_on: Option<NaiveDate>,
}

/// The counter's book of intermediaries and delegations: a value the host stores (serde) and
/// hands to the [`Profiler`](super::Profiler).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "BookData", into = "BookData")]
pub struct DelegationBook {
    intermediaries: BTreeMap<CodiceFiscale, Intermediary>,
    delegations: BTreeMap<DelegationId, Delegation>,
    next_id: u64,
}

#[derive(Serialize, Deserialize)]
struct BookData {
    intermediaries: Vec<Intermediary>,
    delegations: Vec<Delegation>,
    next_id: u64,
}

impl TryFrom<BookData> for DelegationBook {
    type Error = DelegationError;
    fn try_from(d: BookData) -> Result<Self, Self::Error> {
        let mut book = DelegationBook::new();
        for i in d.intermediaries {
            book.register_intermediary(i)?;
        }
        for del in d.delegations {
            if book.delegations.contains_key(&del.id) {
                return Err(DelegationError::DuplicateDelegation { id: del.id });
            }
            if del.id.0 >= d.next_id {
                return Err(DelegationError::NextIdNotAfterDelegations { next_id: d.next_id, id: del.id });
            }
            if !book.intermediaries.contains_key(&del.intermediary) {
                return Err(DelegationError::UnknownIntermediary);
            }
            check_dates(del.valid_from, del.expires_on)?;
            check_scope(&del.scope)?;
            book.delegations.insert(del.id, del);
        }
        book.next_id = d.next_id;
        Ok(book)
    }
}

impl From<DelegationBook> for BookData {
    fn from(b: DelegationBook) -> Self {
        BookData {
            intermediaries: b.intermediaries.into_values().collect(),
            delegations: b.delegations.into_values().collect(),
            next_id: b.next_id,
        }
    }
}

fn check_dates(valid_from: NaiveDate, expires_on: Option<NaiveDate>) -> Result<(), DelegationError> {
    match expires_on {
        Some(e) if e <= valid_from => Err(DelegationError::ExpiryNotAfterStart { valid_from, expires_on: e }),
        _ => Ok(()),
    }
}

fn check_scope(scope: &DelegationScope) -> Result<(), DelegationError> {
    match scope {
        DelegationScope::Services { services }
            if services.is_empty() || services.iter().any(|s| s.trim().is_empty()) =>
        {
            Err(DelegationError::EmptyScope)
        }
        _ => Ok(()),
    }
}

impl DelegationBook {
    /// An empty book.
    pub fn new() -> Self {
        DelegationBook { intermediaries: BTreeMap::new(), delegations: BTreeMap::new(), next_id: 1 }
    }

    /// A book from its JSON shape (`{"intermediaries":[...],"delegations":[...],"next_id":n}`).
    pub fn from_json(json: &str) -> Result<Self, DelegationError> {
        let data: BookData =
            serde_json::from_str(json).map_err(|e| DelegationError::Data { reason: e.to_string() })?;
        DelegationBook::try_from(data)
    }

    /// Registers an intermediary, refused if already there, without operators, or a
    /// professional who is not their own operator.
    pub fn register_intermediary(&mut self, intermediary: Intermediary) -> Result<(), DelegationError> {
        if self.intermediaries.contains_key(&intermediary.codice_fiscale) {
            return Err(DelegationError::DuplicateIntermediary);
        }
        let self_operated = match intermediary.kind {
            IntermediaryKind::Professional { .. } => intermediary.has_operator(&intermediary.codice_fiscale),
            IntermediaryKind::Association => !intermediary.operators.is_empty(),
        };
        if !self_operated {
            return Err(DelegationError::NoOperators);
        }
        self.intermediaries.insert(intermediary.codice_fiscale.clone(), intermediary);
        Ok(())
    }

    /// Grants a delegation on `today`.
    ///
    /// Refused unless `actor` acts for `request.company` under a business or craftsman profile
    /// ([`Action::ManageDelegations`]) and the registry still shows them as its legal
    /// representative today; the intermediary must be registered, the scope not empty, validity
    /// must start today or later and end after it starts.
    pub fn grant(
        &mut self,
        actor: &Actor,
        registry: &dyn BusinessRegistry,
        request: DelegationRequest,
        today: NaiveDate,
    ) -> Result<DelegationId, DelegationError> {
        authorize(actor, &Action::ManageDelegations { company: request.company.clone() })?;
        let grantor = actor.person().clone();
        let represents = registry
            .roles_of(&grantor)?
            .iter()
            .any(|r| r.company == request.company && r.represents_on(today));
        if !represents {
            return Err(DelegationError::NotALegalRepresentative);
        }
        if !self.intermediaries.contains_key(&request.intermediary) {
            return Err(DelegationError::UnknownIntermediary);
        }
        check_scope(&request.scope)?;
        if request.valid_from < today {
            return Err(DelegationError::Backdated { valid_from: request.valid_from, today });
        }
        check_dates(request.valid_from, request.expires_on)?;
        let id = DelegationId(self.next_id);
        let next_id =
            self.next_id.checked_add(1).ok_or(DelegationError::IdsExhausted { next_id: self.next_id })?;
        if self.delegations.contains_key(&id) {
            // Unreachable for a book built by `new` or loaded from JSON (next_id exceeds every
            // number): refused rather than overwriting a delegation.
            return Err(DelegationError::DuplicateDelegation { id });
        }
        self.next_id = next_id;
        self.delegations.insert(
            id,
            Delegation {
                id,
                company: request.company,
                intermediary: request.intermediary,
                granted_by: grantor,
                scope: request.scope,
                valid_from: request.valid_from,
                expires_on: request.expires_on,
                revoked_on: None,
                granted_on: today,
            },
        );
        Ok(id)
    }

    /// Revokes delegation `id` with effect from `today` (it is no longer valid today). Same
    /// authorization as [`Self::grant`]; a delegation is revoked once.
    pub fn revoke(
        &mut self,
        actor: &Actor,
        registry: &dyn BusinessRegistry,
        id: DelegationId,
        today: NaiveDate,
    ) -> Result<(), DelegationError> {
        let company = match self.delegations.get(&id) {
            Some(d) => d.company.clone(),
            None => return Err(DelegationError::UnknownDelegation { id }),
        };
        authorize(actor, &Action::ManageDelegations { company: company.clone() })?;
        let represents =
            registry.roles_of(actor.person())?.iter().any(|r| r.company == company && r.represents_on(today));
        if !represents {
            return Err(DelegationError::NotALegalRepresentative);
        }
        match self.delegations.get_mut(&id) {
            Some(d) if d.revoked_on.is_some() => Err(DelegationError::AlreadyRevoked { id }),
            Some(d) => {
                d.revoked_on = Some(today);
                Ok(())
            }
            None => Err(DelegationError::UnknownDelegation { id }),
        }
    }

    /// The intermediary with `codice_fiscale`.
    pub fn intermediary(&self, codice_fiscale: &CodiceFiscale) -> Option<&Intermediary> {
        self.intermediaries.get(codice_fiscale)
    }

    /// Every intermediary.
    pub fn intermediaries(&self) -> impl Iterator<Item = &Intermediary> {
        self.intermediaries.values()
    }

    /// The delegation numbered `id`.
    pub fn delegation(&self, id: DelegationId) -> Option<&Delegation> {
        self.delegations.get(&id)
    }

    /// Every delegation, by number.
    pub fn delegations(&self) -> impl Iterator<Item = &Delegation> {
        self.delegations.values()
    }

    /// The intermediaries `person` operates for.
    pub fn intermediaries_operated_by<'a>(
        &'a self,
        person: &'a CodiceFiscale,
    ) -> impl Iterator<Item = &'a Intermediary> {
        self.intermediaries.values().filter(move |i| i.has_operator(person))
    }

    /// The delegations to `intermediary` in force on `day`.
    pub fn valid_for<'a>(
        &'a self,
        intermediary: &'a CodiceFiscale,
        day: NaiveDate,
    ) -> impl Iterator<Item = &'a Delegation> {
        self.delegations.values().filter(move |d| d.intermediary == *intermediary && d.is_valid_on(day))
    }
}
