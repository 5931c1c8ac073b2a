//! The four profiles of the counter and profiling: who may act for whom.
//!
//! Profiles are derived, not claimed ([`Profiler`]): private always; business (or craftsman, for
//! a company on the artisan register) where the Registro Imprese shows the person as a legal
//! representative; intermediary through the [`Delegation`]s that companies grant to registered
//! [`Intermediary`]s. A user picks a profile and a company for a session
//! ([`Profiler::act_as`]) and becomes an [`Actor`](crate::authz::Actor).

mod delegation;
mod error;
mod intermediary;
mod kind;
mod profiler;

pub use delegation::{Delegation, DelegationBook, DelegationId, DelegationRequest, DelegationScope};
pub use error::{DelegationError, ErrorClass, ProfileError, ACT_AS};
pub use intermediary::{Intermediary, IntermediaryKind};
pub use kind::ProfileKind;
pub use profiler::{CompanyRef, Profile, ProfileBasis, ProfileChoice, Profiler, ProfilingPolicy};
