"""Profiles, delegations, actors and authorization."""

from sportello._native import (
    Actor,
    DelegationBook,
    InvalidDelegation,
    InvalidProfileChoice,
    NotAuthorized,
    OfficerRegister,
    Profile,
    Profiler,
)

__all__ = [
    "Profile",
    "Profiler",
    "DelegationBook",
    "Actor",
    "OfficerRegister",
    "NotAuthorized",
    "InvalidDelegation",
    "InvalidProfileChoice",
]
