"""The signatures Python shows (``help()``, IDEs, ``mypy.stubtest``) are the real ones.

PyO3 renders a default it cannot spell as ``...``; where a Rust default is an expression, the
pyclass carries a ``text_signature`` with the value, and these tests hold it to the behaviour.
"""

import datetime
import inspect
from collections.abc import Callable, Iterator
from typing import Any, Literal

import sportello
from sportello import (
    DEFAULT_MIN_GROUP_SIZE,
    AssuranceTable,
    GrantApplicant,
    SatisfactionSurvey,
)


def public_callables() -> Iterator[tuple[str, Callable[..., Any]]]:
    """Every public function, class and method of ``sportello`` (exceptions aside)."""
    # The stub leaves sportello.__all__ out (mypy cannot follow how it is built), hence getattr.
    names: list[str] = getattr(sportello, "__all__")
    for name in names:
        obj = getattr(sportello, name)
        if isinstance(obj, type):
            if issubclass(obj, BaseException):
                continue
            yield name, obj
            for attr in vars(obj):
                member = getattr(obj, attr)
                if not attr.startswith("_") and callable(member):
                    yield f"{name}.{attr}", member
        elif callable(obj):
            yield name, obj


def defaults(f: Callable[..., Any]) -> dict[str, Any]:
    return {
        p.name: p.default
        for p in inspect.signature(f).parameters.values()
        if p.default is not inspect.Parameter.empty
    }


def test_every_public_callable_has_a_signature_and_no_default_shows_as_ellipsis() -> None:
    # Without a signature stubtest cannot compare the stub; an Ellipsis hides the real default.
    without, ellipsis = [], []
    for name, f in public_callables():
        try:
            shown = defaults(f)
        except ValueError:
            without.append(name)
            continue
        ellipsis += [f"{name}({p}=...)" for p, d in shown.items() if d is Ellipsis]
    assert without == []
    assert ellipsis == []


def test_the_walk_sees_the_constructors_and_methods_it_checks() -> None:
    names = dict(public_callables())
    for name in ("GrantApplicant", "AssuranceTable", "SatisfactionSurvey.publication_report", "annual_fee"):
        assert name in names


def test_publication_report_shows_the_core_minimum_group_size() -> None:
    shown = defaults(SatisfactionSurvey.publication_report)
    assert shown == {"start": None, "end": None, "min_group_size": DEFAULT_MIN_GROUP_SIZE}
    # Groups of 1, 2 and 3 ratings: a shown default of 2 or 4 would withhold a different number.
    s = SatisfactionSurvey()
    channels: list[Literal["web", "counter", "app"]] = ["web", "web", "web", "counter", "counter", "app"]
    for i, channel in enumerate(channels):
        s.record(f"MI-{i}", f"u{i}", "diritto-annuale", "MI", channel, datetime.date(2026, 3, 2 + i), 4)
    assert s.publication_report().to_json() == s.publication_report(**shown).to_json()
    assert s.publication_report(min_group_size=2).withheld_groups != s.publication_report().withheld_groups
    assert s.publication_report(min_group_size=4).withheld_groups != s.publication_report().withheld_groups


def test_assurance_table_shows_the_defaults_it_applies() -> None:
    shown = defaults(AssuranceTable)
    assert shown == {"spid": ("low", "substantial", "high"), "cie": ("low", "substantial", "high"), "cns": "high"}
    assert AssuranceTable(**shown) == AssuranceTable()
    assert AssuranceTable(cns="substantial") != AssuranceTable()


def test_grant_applicant_shows_the_defaults_it_applies() -> None:
    shown = defaults(GrantApplicant)
    assert shown == {"size": None, "active": True, "local_unit_provinces": ()}
    required: dict[str, Any] = {
        "ateco_sections": ["J"],
        "legal_form": "SR",
        "registered_office_province": "MI",
        "registered_on": datetime.date(2019, 6, 12),
    }
    implicit, explicit = GrantApplicant(**required), GrantApplicant(**required, **shown)
    for attr in ("size", "active", "local_unit_provinces"):
        assert getattr(implicit, attr) == getattr(explicit, attr)
    assert implicit.local_unit_provinces == list(shown["local_unit_provinces"])
