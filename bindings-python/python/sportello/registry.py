"""The Registro Imprese: companies, roles, the PEC directory, and the host ports.

Any object with the methods of :class:`BusinessRegistryHost` (or :class:`PecDirectoryHost`) can
serve in place of :class:`InMemoryRegistry` (or :class:`InMemoryPecDirectory`): that is how a
chamber plugs in its real registry client.
"""

from __future__ import annotations

from typing import Any, Mapping, Protocol, Sequence

from sportello._native import (
    Company,
    DigitalDomicile,
    InMemoryPecDirectory,
    InMemoryRegistry,
    InvalidRegistryData,
    PortFailure,
    Role,
)


class BusinessRegistryHost(Protocol):
    """What a host registry implements; answers are binding objects or dicts in the JSON shape."""

    def company(self, codice_fiscale: str) -> Company | Mapping[str, Any] | None: ...
    def company_by_rea(self, rea: str) -> Company | Mapping[str, Any] | None: ...
    def roles_of(self, codice_fiscale: str) -> Sequence[Role | Mapping[str, Any]]: ...


class PecDirectoryHost(Protocol):
    """What a host PEC directory implements."""

    def domicile_of(self, codice_fiscale: str) -> DigitalDomicile | Mapping[str, Any] | None: ...


__all__ = [
    "Company",
    "Role",
    "DigitalDomicile",
    "InMemoryRegistry",
    "InMemoryPecDirectory",
    "BusinessRegistryHost",
    "PecDirectoryHost",
    "PortFailure",
    "InvalidRegistryData",
]
