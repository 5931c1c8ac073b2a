import datetime
from decimal import Decimal
from typing import Literal, TypeAlias, final

from sportello.errors import SportelloError
from sportello.registry import Company

# Stub-only aliases: private, so they promise no runtime name.
_Profile: TypeAlias = Literal["business", "craftsman", "intermediary", "private"]
_Channel: TypeAlias = Literal["online", "pec", "email", "counter", "post", "phone", "app"]
_SizeClass: TypeAlias = Literal["micro", "small", "medium", "large"]

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

@final
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
    @property
    def text(self) -> str:
        """The reason in a sentence (also ``str(reason)``)."""

@final
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

@final
class Cost:
    """One cost of a service: its kind, its ``amount`` when fixed, the ``rule`` when computed."""

    @property
    def id(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def kind(self) -> Literal["free", "fixed", "tariff_item", "copy", "amount", "computed"]:
        """A fee of the fee model (``free``, ``fixed``: secretarial fee plus stamps, ``tariff_item``,
        ``copy``), another fixed ``amount``, or a ``computed`` one."""
    @property
    def amount(self) -> Decimal | None:
        """The amount in euros when it does not depend on the chamber or the request (stamps
        included)."""
    @property
    def rule(self) -> str | None:
        """Where the rule lives, for a computed cost."""

@final
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
    def audience(self) -> list[_Profile]: ...
    @property
    def business_events(self) -> list[int]:
        """AgID business-event codes (1-15)."""
    @property
    def life_events(self) -> list[int]:
        """AgID life-event codes (1-19)."""
    @property
    def channels(self) -> list[_Channel]: ...
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
    @property
    def json(self) -> str:
        """The service as core's stable JSON (the value :meth:`to_json` returns)."""
    def to_json(self) -> str:
        """The service as core's stable JSON."""

@final
class NeedCategory:
    """A need category of the "Ho bisogno di…" list."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...

@final
class GrantApplicant:
    """What grant eligibility needs to know about a company."""

    def __new__(
        cls,
        *,
        ateco_sections: list[str] | tuple[str, ...],
        legal_form: str,
        registered_office_province: str,
        registered_on: datetime.date,
        size: _SizeClass | None = None,
        active: bool = True,
        local_unit_provinces: list[str] | tuple[str, ...] = (),
    ) -> GrantApplicant:
        """``ateco_sections``: letters A-V, main activity first; ``legal_form``: natura giuridica code
        (``"SR"``); provinces as siglas (``"MI"``)."""
    @staticmethod
    def from_company_json(
        company_json: str,
        *,
        on: datetime.date,
        size: _SizeClass | None = None,
        ateco_version: Literal["ateco2025", "ateco2007"] = "ateco2025",
    ) -> GrantApplicant:
        """The view of a registry company (its JSON shape) on ``on``, with its declared size class
        (``None``: not declared, which fails the calls limited by size)."""
    @property
    def ateco_sections(self) -> list[str]:
        """ATECO sections, main first."""
    @property
    def legal_form(self) -> str:
        """Natura giuridica code, in capitals."""
    @property
    def size(self) -> _SizeClass | None: ...
    @property
    def registered_office_province(self) -> str:
        """Province of the registered office, in capitals."""
    @property
    def registered_on(self) -> datetime.date: ...
    @property
    def active(self) -> bool: ...
    @property
    def local_unit_provinces(self) -> list[str]: ...

@final
class Contact:
    """How users reach a chamber."""

    @property
    def pec(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def phone(self) -> str: ...
    @property
    def website(self) -> str: ...

@final
class ChamberCatalog:
    """One chamber's catalogue on the counter: its package of services, local names, contact."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def provinces(self) -> list[str]: ...
    @property
    def nuts(self) -> list[str]: ...
    @property
    def contact(self) -> Contact: ...
    @property
    def active(self) -> list[str]:
        """The services it has activated, in the order it shows them."""
    @property
    def local_names(self) -> dict[str, str]:
        """Local names of some of its services, by service identifier."""

@final
class Grant:
    """A call for grants (*bando*) of a chamber, with its criteria (None: not restricted)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def chamber(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def budget(self) -> Decimal: ...
    @property
    def max_grant(self) -> Decimal: ...
    @property
    def opens(self) -> datetime.date: ...
    @property
    def closes(self) -> datetime.date: ...
    @property
    def ateco_sections(self) -> list[str] | None: ...
    @property
    def legal_forms(self) -> list[str] | None: ...
    @property
    def size_classes(self) -> list[_SizeClass] | None: ...
    @property
    def provinces(self) -> list[str] | None: ...
    @property
    def seat(self) -> Literal["registered_office", "any_seat"]:
        """Which seats count for ``provinces``."""
    @property
    def min_age_months(self) -> int | None: ...
    @property
    def must_be_active(self) -> bool: ...

@final
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

@final
class IneligibleGrant:
    """A grant the company cannot apply to, with every criterion it fails."""

    @property
    def grant_id(self) -> str: ...
    @property
    def failures(self) -> list[CriterionFailure]: ...

@final
class GrantsReport:
    """The grants finder's answer for one company on one day."""

    @property
    def on(self) -> datetime.date: ...
    @property
    def eligible(self) -> list[str]: ...
    @property
    def ineligible(self) -> list[IneligibleGrant]: ...

@final
class Catalog:
    """The service catalogue: search by need, browsing, chambers, grants, JSON-LD export."""

    @staticmethod
    def default() -> Catalog:
        """The catalogue shipped with the library (the Lombardy chambers)."""
    def search(
        self,
        text: str,
        profile: _Profile | None = None,
        chamber: str | None = None,
        limit: int | None = None,
        *,
        business_event: int | None = None,
        life_event: int | None = None,
        channel: _Channel | None = None,
    ) -> list[SearchHit]:
        """Search by need in Italian, best first, each hit with its reasons (at most ``limit``,
        10 by default). ``chamber`` keeps only the services that chamber has activated (an unknown
        chamber raises :class:`CatalogError`, a malformed code :class:`sportello.UnknownChamber`).
        An event code outside the AgID vocabulary, however large, raises :class:`CatalogError`."""
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
    def chamber(self, code: str) -> ChamberCatalog:
        """The catalogue of chamber ``code``: its package, local names, contact."""
    def grants(self) -> list[Grant]:
        """The calls for grants."""
    def eligible_grants(
        self,
        company: Company | GrantApplicant,
        on: datetime.date,
        *,
        size: _SizeClass | None = None,
        ateco_version: Literal["ateco2025", "ateco2007"] = "ateco2025",
    ) -> GrantsReport:
        """The grants ``company`` can apply to on ``on``; for the others, every criterion failed.

        ``company`` is a registry ``Company`` (with its declared ``size`` class, if any: an
        undeclared size fails the calls limited by size) or a ``GrantApplicant``."""
    def to_jsonld(self, chamber: str | None = None) -> str:
        """CPSV-AP JSON-LD: the whole catalogue, or one chamber's active services."""
    def __len__(self) -> int: ...

__all__ = [
    "Catalog",
    "CatalogError",
    "ChamberCatalog",
    "Contact",
    "Cost",
    "CriterionFailure",
    "Grant",
    "GrantApplicant",
    "GrantsReport",
    "IneligibleGrant",
    "MatchReason",
    "NeedCategory",
    "SearchHit",
    "Service",
]
