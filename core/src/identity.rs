//! Identities asserted by SPID, CIE and CNS, with their level of assurance.

use serde::{Deserialize, Serialize};

/// The eIDAS level of assurance of an authentication (Reg. UE 910/2014 art. 8), ordered:
/// `Low < Substantial < High`. SPID L1/L2/L3 and CIE levels 1-3 map onto it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LevelOfAssurance {
    /// eIDAS low (SPID L1, CIE level 1, legacy password logins).
    Low,
    /// eIDAS substantial (SPID L2, CIE level 2).
    Substantial,
    /// eIDAS high (SPID L3, CIE level 3, CNS).
    High,
}
