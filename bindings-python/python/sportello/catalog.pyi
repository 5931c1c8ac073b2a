import datetime
from decimal import Decimal
from typing import Literal

from sportello.errors import SportelloError

Profile = Literal["business", "craftsman", "intermediary", "private"]
Channel = Literal["online", "pec", "email", "counter", "post", "phone", "app"]
SizeClass = Literal["micro", "small", "medium", "large"]

class CatalogError(SportelloError):
    """A catalogue error: bad data, or an unknown service, chamber, category, profile or code."""

    file: str | None
    """The data file, for a data error."""
    entry: str | None
    """The entry of the data file, for a data error."""
    field: str
    """The field (or argument) that is wrong."""
    rule: str
    """The rule that failed (``known_service``, ``known_chamber``, ``package_size``...)."""

class MatchReason:
    """Why a service matched: a term, the fields that contain it, and where it came from."""

    @property
    def term(self) -> str:
        """The term, as a folded word."""
    @property
    def fields(self) -> list[Literal["name", "keywords", "needs", "description"]]:
        """The fields of the service card that contain it."""
    @property
    def via(self) -> Literal["typed", "synonym", "need_phrase"]:
        """Typed by the user, or added by a synonym or a need phrase of the lexicon."""
    @property
    def via_from(self) -> str | None:
        """What the user typed, for a synonym or need phrase."""
    @property
    def via_to(self) -> str | None:
        """What it was mapped to, for a synonym or need phrase."""

class SearchHit:
    """One result of a search."""

    @property
    def service_id(self) -> str:
        """The service found."""
    @property
    def score(self) -> float:
        """BM25F score; comparable within one search only."""
    @property
    def reasons(self) -> list[MatchReason]:
        """Why it matched, strongest first."""

class Cost:
    """One cost of a service: fixed (``amount``), computed (``rule``) or free."""

    @property
    def id(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def kind(self) -> Literal["fixed", "computed", "free"]: ...
    @property
    def amount(self) -> Decimal | None:
        """The amount in euros, for a fixed cost."""
    @property
    def rule(self) -> str | None:
        """Where the rule lives, for a computed cost."""

class Service:
    """A service card of the catalogue, shaped on CPSV-AP."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def keywords(self) -> list[str]: ...
    @property
    def needs(self) -> list[str]:
        """The needs the service answers, as users say them."""
    @property
    def category(self) -> str:
        """The need category code of the "Ho bisogno di…" list."""
    @property
    def audience(self) -> list[Profile]: ...
    @property
    def business_events(self) -> list[int]:
        """AgID business-event codes (1-15)."""
    @property
    def life_events(self) -> list[int]:
        """AgID life-event codes (1-19)."""
    @property
    def channels(self) -> list[Channel]: ...
    @property
    def costs(self) -> list[Cost]: ...
    @property
    def requirements(self) -> list[str]: ...
    @property
    def outputs(self) -> list[str]: ...
    @property
    def processing_days(self) -> int | None: ...
    @property
    def level_of_assurance(self) -> Literal["low", "substantial", "high"] | None:
        """The level of assurance the online channel requires; None when none is needed."""
    @property
    def legal_basis(self) -> list[str]: ...
    @property
    def status(self) -> Literal["completed", "under_development", "deprecated", "withdrawn"]: ...
    def to_json(self) -> str:
        """The service as core's stable JSON."""

class NeedCategory:
    """A need category of the "Ho bisogno di…" list."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...

class GrantApplicant:
    """What grant eligibility needs to know about a company."""

    def __init__(
        self,
        *,
        ateco_sections: list[str],
        legal_form: str,
        size: SizeClass,
        registered_office_province: str,
        registered_on: datetime.date,
        active: bool = True,
        local_unit_provinces: list[str] = ...,
    ) -> None:
        """``ateco_sections``: letters A-V, main activity first; ``legal_form``: natura giuridica code
        (``"SR"``); provinces as siglas (``"MI"``)."""
    @staticmethod
    def from_company_json(
        company_json: str,
        *,
        size: SizeClass,
        on: datetime.date,
        ateco_version: Literal["ateco2025", "ateco2007"] = "ateco2025",
    ) -> GrantApplicant:
        """The view of a registry company (its JSON shape) on ``on``, with its declared size class."""
    @property
    def ateco_sections(self) -> list[str]:
        """ATECO sections, main first."""
    @property
    def active(self) -> bool: ...
    @property
    def local_unit_provinces(self) -> list[str]: ...

class CriterionFailure:
    """A criterion a company fails."""

    @property
    def criterion(
        self,
    ) -> Literal[
        "not_yet_open", "closed", "ateco_section", "legal_form", "size_class", "province", "too_young", "not_active"
    ]: ...
    @property
    def message(self) -> str:
        """What failed, in a sentence."""

class IneligibleGrant:
    """A grant the company cannot apply to, with every criterion it fails."""

    @property
    def grant_id(self) -> str: ...
    @property
    def failures(self) -> list[CriterionFailure]: ...

class GrantsReport:
    """The grants finder's answer for one company on one day."""

    @property
    def on(self) -> datetime.date: ...
    @property
    def eligible(self) -> list[str]: ...
    @property
    def ineligible(self) -> list[IneligibleGrant]: ...

class Catalog:
    """The service catalogue: search by need, browsing, chambers, grants, JSON-LD export."""

    @staticmethod
    def default() -> Catalog:
        """The catalogue shipped with the library (the Lombardy chambers)."""
    def search(
        self,
        text: str,
        profile: Profile | None = None,
        chamber: str | None = None,
        limit: int = 10,
        *,
        business_event: int | None = None,
        life_event: int | None = None,
        channel: Channel | None = None,
    ) -> list[SearchHit]:
        """Search by need in Italian, best first, each hit with its reasons. ``chamber`` keeps
        only the services that chamber has activated (an unknown chamber raises)."""
    def service(self, id: str) -> Service:
        """The service with identifier ``id`` (raises :class:`CatalogError` if unknown)."""
    def services(self) -> list[Service]:
        """Every service, in catalogue order."""
    def for_chamber(self, code: str) -> list[Service]:
        """The services chamber ``code`` has activated, with its local names."""
    def chambers(self) -> list[str]:
        """The codes of the chambers with a catalogue."""
    def categories(self) -> list[NeedCategory]:
        """The need categories of the "Ho bisogno di…" list."""
    def by_category(self, code: str) -> list[Service]:
        """The services of need category ``code``."""
    def by_business_event(self, code: int) -> list[Service]:
        """The services under AgID business event ``code`` (1-15)."""
    def by_life_event(self, code: int) -> list[Service]:
        """The services under AgID life event ``code`` (1-19)."""
    def eligible_grants(self, company: GrantApplicant, on: datetime.date) -> GrantsReport:
        """The grants ``company`` can apply to on ``on``; for the others, every criterion failed."""
    def to_jsonld(self, chamber: str | None = None) -> str:
        """CPSV-AP JSON-LD: the whole catalogue, or one chamber's active services."""
    def __len__(self) -> int: ...

__all__ = [
    "Catalog",
    "CatalogError",
    "Cost",
    "CriterionFailure",
    "GrantApplicant",
    "GrantsReport",
    "IneligibleGrant",
    "MatchReason",
    "NeedCategory",
    "SearchHit",
    "Service",
]
