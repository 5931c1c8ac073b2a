from typing import Literal, Mapping, TypeAlias, final

from sportello.errors import SportelloError

# Stub-only aliases: private, so they promise no runtime name.
_Level: TypeAlias = Literal["low", "substantial", "high"]
_Method: TypeAlias = Literal["spid", "cie", "cns", "password"]

class InvalidAssertion(SportelloError):
    """An identity assertion refused on the way in."""

    attribute: str
    field: str
    rule: str

@final
class AssuranceTable:
    """Which eIDAS level each method and asserted class gives (configurable, documented in core)."""

    def __new__(
        cls,
        *,
        spid: tuple[_Level, _Level, _Level] = ("low", "substantial", "high"),
        cie: tuple[_Level, _Level, _Level] = ("low", "substantial", "high"),
        cns: _Level = "high",
    ) -> AssuranceTable: ...
    def level(self, method: _Method, class_: int | None = None) -> _Level:
        """The level given to ``method`` with asserted class 1-3."""

@final
class Identity:
    """A person identified by SPID, CIE, CNS or a legacy password account."""

    @staticmethod
    def from_spid(attrs: Mapping[str, str], *, table: AssuranceTable | None = None) -> Identity:
        """From SPID SAML attributes or OIDC claims; the class URI under ``authnContextClassRef`` or ``acr``."""
    @staticmethod
    def from_cie(attrs: Mapping[str, str], *, table: AssuranceTable | None = None) -> Identity:
        """From a CIE assertion (same names and class URIs as SPID)."""
    @staticmethod
    def from_cns(subject: str, *, table: AssuranceTable | None = None) -> Identity:
        """From a CNS certificate subject (full DN or bare CN ``<CF>/<card>.<hash>``)."""
    @staticmethod
    def from_password_login(
        codice_fiscale: str,
        *,
        given_name: str | None = None,
        family_name: str | None = None,
        email: str | None = None,
    ) -> Identity:
        """A legacy password login: always level ``low``."""
    @staticmethod
    def from_json(json: str, *, table: AssuranceTable | None = None) -> Identity:
        """A stored identity, checked against ``table``: a forged level raises ``InvalidAssertion``."""
    def to_json(self) -> str:
        """The JSON shape."""
    @property
    def method(self) -> _Method: ...
    @property
    def level(self) -> _Level: ...
    @property
    def authn_level(self) -> str | None: ...
    @property
    def codice_fiscale(self) -> str: ...
    @property
    def partita_iva(self) -> str | None: ...
    @property
    def given_name(self) -> str | None: ...
    @property
    def family_name(self) -> str | None: ...
    @property
    def email(self) -> str | None: ...
    @property
    def spid_code(self) -> str | None: ...
    @property
    def display_name(self) -> str: ...
    def __hash__(self) -> int: ...

__all__ = ["Identity", "AssuranceTable", "InvalidAssertion"]
