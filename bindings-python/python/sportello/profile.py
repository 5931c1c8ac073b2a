"""Profiles, delegations, actors and authorization."""

from sportello._native import (
    Actor,
    DelegationBook,
    InvalidDelegation,
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
]
