import datetime
from typing import Any, Literal, Mapping, TypeAlias, final

from sportello.errors import SportelloError
from sportello.identity import Identity
from sportello.registry import BusinessRegistryHost, InMemoryPecDirectory, InMemoryRegistry, PecDirectoryHost

# Stub-only aliases: private, so they promise no runtime name.
_ProfileKind: TypeAlias = Literal["business", "craftsman", "intermediary", "private"]
_OfficerRole: TypeAlias = Literal[
    "front_office",
    "case_handler",
    "head_of_procedure",
    "protocol_officer",
    "substitute",
    "administrator",
    "protocol_manager",
]

class NotAuthorized(SportelloError):
    """A refusal: which rule refused which action."""

    rule: str
    action: str

class InvalidDelegation(SportelloError):
    """A delegation or intermediary refused by a rule of the book."""

    field: str
    rule: str

class InvalidProfileChoice(SportelloError):
    """A profile choice that is bad input: unknown kind, company missing or not expected."""

    field: str
    rule: str

@final
class Profile:
    """A profile offered to a person on a day."""

    @property
    def kind(self) -> _ProfileKind: ...
    @property
    def person(self) -> str: ...
    @property
    def company(self) -> str | None: ...
    @property
    def company_name(self) -> str | None: ...
    @property
    def basis(self) -> Literal["citizen", "role", "delegation"]: ...
    @property
    def role_code(self) -> str | None: ...
    @property
    def delegation_id(self) -> int | None: ...
    @property
    def services(self) -> list[str] | None:
        """Services a delegation is limited to (None: all)."""
    @property
    def digital_domicile(self) -> str | None: ...
    @property
    def as_of(self) -> datetime.date: ...
    def covers(self, service: str) -> bool: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class DelegationBook:
    """The counter's book of intermediaries and delegations."""

    def __new__(cls) -> DelegationBook: ...
    @staticmethod
    def fixtures() -> DelegationBook: ...
    @staticmethod
    def from_json(json: str) -> DelegationBook: ...
    def to_json(self) -> str: ...
    def register_professional(self, codice_fiscale: str, name: str, register: str, number: str) -> None: ...
    def register_association(self, codice_fiscale: str, name: str, operators: list[str]) -> None: ...
    def grant(
        self,
        actor: Actor,
        registry: InMemoryRegistry | BusinessRegistryHost,
        *,
        company: str,
        intermediary: str,
        valid_from: datetime.date,
        today: datetime.date,
        services: list[str] | None = None,
        expires_on: datetime.date | None = None,
    ) -> int:
        """Grants a delegation (the actor must represent ``company``); returns its number."""
    def revoke(
        self, actor: Actor, registry: InMemoryRegistry | BusinessRegistryHost, id: int, today: datetime.date
    ) -> None:
        """Revokes a delegation with effect from ``today``."""
    def delegations(self) -> list[dict[str, Any]]: ...

@final
class Profiler:
    """Derives profiles from a registry and the delegations."""

    def __new__(
        cls,
        registry: InMemoryRegistry | BusinessRegistryHost,
        delegations: DelegationBook,
        *,
        pec_directory: InMemoryPecDirectory | PecDirectoryHost | None = None,
        company_states: list[str] | None = None,
        craftsman_also_business: bool = False,
    ) -> Profiler: ...
    def profiles(self, identity: Identity, on: datetime.date | None = None) -> list[Profile]:
        """Every profile ``identity`` may act under on ``on`` (default: today's date in Italy from
        the host's clock; pass ``on`` for reproducible results)."""
    def act_as(
        self,
        identity: Identity,
        kind: _ProfileKind,
        company: str | None = None,
        *,
        on: datetime.date | None = None,
    ) -> Actor:
        """Opens a session, e.g. ``act_as(identity, "business", "01234560017", on=date(2026, 3, 2))``.

        Raises ``NotAuthorized`` (rule ``not_offered``) when the registry and delegations do not
        support it, ``InvalidProfileChoice`` for an unknown kind or a company missing or not expected.
        """

@final
class Actor:
    """Who acts: a user under a profile, or a chamber officer."""

    @property
    def person(self) -> str: ...
    @property
    def identity(self) -> Identity: ...
    @property
    def level(self) -> str: ...
    @property
    def profile(self) -> Profile | None: ...
    @property
    def acting_for(self) -> tuple[Literal["person", "company"], str] | None: ...
    @property
    def is_officer(self) -> bool: ...
    @property
    def chamber(self) -> str | None: ...
    @property
    def officer_roles(self) -> list[_OfficerRole]: ...
    def authorize(self, action: Mapping[str, Any]) -> None:
        """Raises ``NotAuthorized`` unless the actor may perform ``action`` (JSON shape of core ``Action``)."""
    def may(self, action: Mapping[str, Any]) -> bool: ...
    def to_json(self) -> str: ...

@final
class OfficerRegister:
    """The officer accounts of the chambers."""

    def __new__(cls, *, min_level: Literal["low", "substantial", "high"] | None = None) -> OfficerRegister:
        """``min_level`` None: the library's default (``substantial``, documented in core)."""
    @property
    def min_level(self) -> Literal["low", "substantial", "high"]: ...
    def seed(
        self, codice_fiscale: str, name: str, chamber: str, roles: list[_OfficerRole], *, active: bool = True
    ) -> None:
        """Bootstrap only: installs an account without authorization (a chamber's first administrator)."""
    def appoint(
        self,
        by: Actor,
        codice_fiscale: str,
        name: str,
        chamber: str,
        roles: list[_OfficerRole],
        *,
        active: bool = True,
    ) -> None:
        """Creates or replaces an account; ``by`` must administer the chamber (else ``NotAuthorized``)."""
    def deactivate(self, by: Actor, chamber: str, codice_fiscale: str) -> None:
        """Disables an account; ``by`` must administer the chamber (else ``NotAuthorized``)."""
    def officers(self) -> list[dict[str, Any]]:
        """Every account in the JSON shape (codice_fiscale, name, chamber, roles, active)."""
    def act_as_officer(self, identity: Identity, chamber: str) -> Actor: ...

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
