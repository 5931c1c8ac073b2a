//! Profiling: the profiles a person may act under on a day, derived from the registry and the
//! delegations, never claimed.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{DelegationBook, DelegationId, DelegationScope, ProfileError, ProfileKind};
use crate::authz::{Actor, Party};
use crate::chamber::ChamberCode;
use crate::identifiers::CodiceFiscale;
use crate::identity::Identity;
use crate::ports::{BusinessRegistry, PecDirectory};
use crate::registry::{Company, CompanyState, LegalForm, Pec, Rea, RoleKind};

/// The company a profile acts for, as shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CompanyRef {
    /// Codice fiscale.
    pub codice_fiscale: CodiceFiscale,
    /// Name.
    pub name: String,
    /// REA number of the seat.
    pub rea: Rea,
    /// The chamber that keeps it.
    pub chamber: ChamberCode,
    /// Legal form.
    pub legal_form: LegalForm,
}

impl CompanyRef {
    fn of(c: &Company) -> Self {
        CompanyRef {
            codice_fiscale: c.codice_fiscale.clone(),
            name: c.name.clone(),
            rea: c.rea.clone(),
            chamber: c.chamber.clone(),
            legal_form: c.legal_form,
        }
    }
}

/// What proves a profile. JSON: `{"type":"citizen"}`, `{"type":"role","code":"AU",...}`,
/// `{"type":"delegation","id":1,...}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ProfileBasis {
    /// The person themselves (private profile).
    Citizen,
    /// A representation role in the Registro Imprese.
    Role {
        /// The registry's role code.
        code: String,
        /// The registry's description.
        description: String,
        /// Its kind.
        kind: RoleKind,
    },
    /// A delegation to an intermediary the person operates for.
    Delegation {
        /// The delegation's number.
        id: DelegationId,
        /// The intermediary.
        intermediary: CodiceFiscale,
        /// Its name.
        intermediary_name: String,
        /// The services covered.
        scope: DelegationScope,
    },
}

/// A profile offered to a person on a day.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Profile {
    /// Which of the four.
    pub kind: ProfileKind,
    /// The person acting.
    pub person: CodiceFiscale,
    /// The company acted for (none for the private profile).
    pub company: Option<CompanyRef>,
    /// What proves it.
    pub basis: ProfileBasis,
    /// The digital domicile for this profile, read from the PEC directory (the company's; the
    /// intermediary's; the person's own as a professional), if a directory was given and lists one.
    pub digital_domicile: Option<Pec>,
    /// The day the profile was derived for.
    pub as_of: NaiveDate,
}

impl Profile {
    /// Whom the profile acts for.
    pub fn party(&self) -> Party {
        match &self.company {
            Some(c) => Party::Company(c.codice_fiscale.clone()),
            None => Party::Person(self.person.clone()),
        }
    }

    /// Whether the profile covers `service` (always, except a delegation limited to other services).
    pub fn covers(&self, service: &str) -> bool {
        match &self.basis {
            ProfileBasis::Delegation { scope, .. } => scope.covers(service),
            ProfileBasis::Citizen | ProfileBasis::Role { .. } => true,
        }
    }
}

/// The choices of profiling that the 2013 design leaves open, configurable per chamber.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfilingPolicy {
    /// The company states in which a company is offered (default: active only, as issue 3 item 4
    /// says; a chamber may add `in_liquidation` so that liquidators can file).
    pub company_states: BTreeSet<CompanyState>,
    /// Whether an artisan company is offered under the business profile as well as the craftsman
    /// one (default: no, craftsman only).
    pub craftsman_also_business: bool,
}

impl Default for ProfilingPolicy {
    fn default() -> Self {
        ProfilingPolicy {
            company_states: BTreeSet::from([CompanyState::Active]),
            craftsman_also_business: false,
        }
    }
}

/// What the user picks in a session: a profile and, except for private, the company.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ProfileChoice {
    /// The profile.
    pub kind: ProfileKind,
    /// The company, for business, craftsman and intermediary.
    pub company: Option<CodiceFiscale>,
}

/// Derives profiles from the [`BusinessRegistry`] and a [`DelegationBook`] (issue 3 item 4):
///
/// - **private**: always;
/// - **business**: for each company in an allowed state (policy: active) where the registry shows
///   the person in a role with legal representation on the day;
/// - **craftsman**: instead of business, where that company is on the artisan register;
/// - **intermediary**: for each company in an allowed state that granted a delegation, in force
///   on the day, to an intermediary the person operates for.
///
/// ```
/// use chrono::NaiveDate;
/// use sportello::memory::{InMemoryRegistry, DELEGATION_FIXTURES};
/// use sportello::profile::{DelegationBook, ProfileKind, Profiler};
/// use sportello::identity::{AssuranceTable, Identity};
///
/// let registry = InMemoryRegistry::with_fixtures()?;
/// let book = DelegationBook::from_json(DELEGATION_FIXTURES)?;
/// let mario = Identity::from_cns("CN=RSSMRA80A01F205X/6120016461039008.abc=", &AssuranceTable::default())?;
/// let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let profiles = Profiler::new(&registry, &book).profiles(&mario, day)?;
/// let kinds: Vec<_> = profiles.iter().map(|p| p.kind).collect();
/// assert_eq!(kinds, [ProfileKind::Business, ProfileKind::Private]);
/// assert_eq!(profiles[0].company.as_ref().unwrap().name, "Rossi Meccanica S.r.l.");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Profiler<'a> {
    registry: &'a dyn BusinessRegistry,
    book: &'a DelegationBook,
    directory: Option<&'a dyn PecDirectory>,
    policy: ProfilingPolicy,
}

impl<'a> Profiler<'a> {
    /// A profiler over `registry` and `book`, with the default policy and no PEC directory.
    pub fn new(registry: &'a dyn BusinessRegistry, book: &'a DelegationBook) -> Self {
        Profiler { registry, book, directory: None, policy: ProfilingPolicy::default() }
    }

    /// Reads digital domiciles from `directory`.
    pub fn with_directory(mut self, directory: &'a dyn PecDirectory) -> Self {
        self.directory = Some(directory);
        self
    }

    /// Uses `policy`.
    pub fn with_policy(mut self, policy: ProfilingPolicy) -> Self {
        self.policy = policy;
        self
    }

    fn eligible(&self, company: &Company, day: NaiveDate) -> bool {
        company.state_on(day).is_some_and(|s| self.policy.company_states.contains(&s))
    }

    fn domicile(&self, cf: &CodiceFiscale) -> Result<Option<Pec>, ProfileError> {
        match self.directory {
            Some(d) => Ok(d.domicile_of(cf)?.filter(|e| e.codice_fiscale == *cf).map(|e| e.pec)),
            None => Ok(None),
        }
    }

    /// Every profile `identity` may act under on `day`, in the order the counter shows them
    /// (business, craftsman, intermediary, private; companies by name).
    pub fn profiles(&self, identity: &Identity, day: NaiveDate) -> Result<Vec<Profile>, ProfileError> {
        let person = identity.codice_fiscale();
        let mut out = Vec::new();

        let mut roles = self.registry.roles_of(person)?;
        // A host registry might hand back other people's roles: only the person's own count.
        roles.retain(|r| r.person == *person && r.represents_on(day));
        roles.sort_by(|a, b| (&a.company, &a.code).cmp(&(&b.company, &b.code)));
        let mut seen = BTreeSet::new();
        for role in roles {
            if !seen.insert(role.company.clone()) {
                continue;
            }
            let Some(company) = self.registry.company(&role.company)? else { continue };
            if company.codice_fiscale != role.company || !self.eligible(&company, day) {
                continue;
            }
            let kinds: &[ProfileKind] = match (company.artisan, self.policy.craftsman_also_business) {
                (false, _) => &[ProfileKind::Business],
                (true, false) => &[ProfileKind::Craftsman],
                (true, true) => &[ProfileKind::Business, ProfileKind::Craftsman],
            };
            let domicile = self.domicile(&company.codice_fiscale)?;
            for kind in kinds {
                out.push(Profile {
                    kind: *kind,
                    person: person.clone(),
                    company: Some(CompanyRef::of(&company)),
                    basis: ProfileBasis::Role {
                        code: role.code.clone(),
                        description: role.description.clone(),
                        kind: role.kind,
                    },
                    digital_domicile: domicile.clone(),
                    as_of: day,
                });
            }
        }

        for intermediary in self.book.intermediaries_operated_by(person) {
            let domicile = self.domicile(&intermediary.codice_fiscale)?;
            for delegation in self.book.valid_for(&intermediary.codice_fiscale, day) {
                let Some(company) = self.registry.company(&delegation.company)? else { continue };
                if company.codice_fiscale != delegation.company || !self.eligible(&company, day) {
                    continue;
                }
                out.push(Profile {
                    kind: ProfileKind::Intermediary,
                    person: person.clone(),
                    company: Some(CompanyRef::of(&company)),
                    basis: ProfileBasis::Delegation {
                        id: delegation.id,
                        intermediary: intermediary.codice_fiscale.clone(),
                        intermediary_name: intermediary.name.clone(),
                        scope: delegation.scope.clone(),
                    },
                    digital_domicile: domicile.clone(),
                    as_of: day,
                });
            }
        }

        out.push(Profile {
            kind: ProfileKind::Private,
            person: person.clone(),
            company: None,
            basis: ProfileBasis::Citizen,
            digital_domicile: self.domicile(person)?,
            as_of: day,
        });
        out.sort_by(|a, b| {
            let key = |p: &Profile| {
                (p.kind, p.company.as_ref().map(|c| (c.name.clone(), c.codice_fiscale.clone())))
            };
            key(a).cmp(&key(b))
        });
        Ok(out)
    }

    /// Opens a session: `identity` acts under the chosen profile on `day`. Refused with
    /// [`ProfileError::NotOffered`] unless the registry and the delegations support it.
    pub fn act_as(
        &self,
        identity: &Identity,
        choice: &ProfileChoice,
        day: NaiveDate,
    ) -> Result<Actor, ProfileError> {
        match (choice.kind, &choice.company) {
            (ProfileKind::Private, Some(_)) => return Err(ProfileError::CompanyNotExpected),
            (ProfileKind::Private, None) => {}
            (kind, None) => return Err(ProfileError::CompanyRequired { kind }),
            (_, Some(_)) => {}
        }
        let profile = self
            .profiles(identity, day)?
            .into_iter()
            .find(|p| {
                p.kind == choice.kind
                    && p.company.as_ref().map(|c| &c.codice_fiscale) == choice.company.as_ref()
            })
            .ok_or_else(|| ProfileError::NotOffered { kind: choice.kind, company: choice.company.clone() })?;
        Ok(Actor::user(identity.clone(), profile))
    }
}
