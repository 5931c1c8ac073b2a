"""Identity, registry, profiles and authorization through the Python front door."""

from __future__ import annotations

import datetime
import json
from typing import Any, Mapping

import pytest

from sportello import (
    Actor,
    Company,
    DelegationBook,
    DigitalDomicile,
    Identity,
    InMemoryPecDirectory,
    InMemoryRegistry,
    InvalidAssertion,
    InvalidDelegation,
    NotAuthorized,
    OfficerRegister,
    PortFailure,
    Profiler,
    Role,
    SportelloError,
)

TODAY = datetime.date(2026, 3, 2)
L2 = "https://www.spid.gov.it/SpidL2"
MARIO = "RSSMRA80A01F205X"
SILVIA = "MRNSLV85R62L682Y"
ROSSI_MECCANICA = "01234560017"
VERDI_ACCIAI = "03456780174"


def cns(cf: str) -> Identity:
    return Identity.from_cns(f"CN={cf}/6120016461039008.abc=")


def test_spid_sample_parses_with_its_level() -> None:
    who = Identity.from_spid(
        {
            "fiscalNumber": "TINIT-GDASDV00A01H501J",
            "ivaCode": "VATIT-97735020584",
            "name": "Giada",
            "familyName": "Sdavi",
            "authnContextClassRef": L2,
        }
    )
    assert (who.method, who.level, who.codice_fiscale) == ("spid", "substantial", "GDASDV00A01H501J")
    assert who.partita_iva == "97735020584"
    assert Identity.from_json(who.to_json()) == who


def test_cie_level_3_is_high_and_cns_follows_the_table() -> None:
    cie = Identity.from_cie({"fiscalNumber": "TINIT-RSSMRA80A01F205X", "acr": "https://www.spid.gov.it/SpidL3"})
    assert (cie.method, cie.level) == ("cie", "high")
    assert cns(MARIO).level == "high"


@pytest.mark.parametrize(
    ("attrs", "attribute", "rule"),
    [
        ({"fiscalNumber": "GDASDV00A01H501J", "authnContextClassRef": L2}, "fiscalNumber", "prefix"),
        ({"fiscalNumber": "TINIT-ABCXYZ00W00Z000Z", "authnContextClassRef": L2}, "fiscalNumber", "codice_fiscale"),
        ({"fiscalNumber": "TINIT-GDASDV00A01H501J", "authnContextClassRef": "SpidL4"}, "authnContextClassRef", "level"),
        (
            {"fiscalNumber": "TINIT-GDASDV00A01H501J", "ivaCode": "VATIT-12345678901", "acr": L2},
            "ivaCode",
            "partita_iva",
        ),
    ],
)
def test_malformed_assertions_name_the_attribute(attrs: dict[str, str], attribute: str, rule: str) -> None:
    with pytest.raises(InvalidAssertion) as info:
        Identity.from_spid(attrs)
    assert (info.value.attribute, info.value.rule) == (attribute, rule)
    assert isinstance(info.value, SportelloError)


def test_fixtures_load_with_companies_and_roles() -> None:
    registry = InMemoryRegistry.fixtures()
    rossi = registry.company(ROSSI_MECCANICA)
    assert rossi is not None
    assert (rossi.name, rossi.legal_form, rossi.legal_family, rossi.rea) == (
        "Rossi Meccanica S.r.l.",
        "SR",
        "limited_company",
        "MI-2012345",
    )
    assert rossi.unit_provinces_on(TODAY) == ["BG", "MB"]
    assert registry.company_by_rea("MN-301234") == registry.company(VERDI_ACCIAI)
    assert any(r.legal_representative for r in registry.roles_of(MARIO))


def test_profiles_offered_to_a_sole_director() -> None:
    profiler = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures())
    got = [(p.kind, p.company) for p in profiler.profiles(cns(MARIO), TODAY)]
    assert got == [("business", ROSSI_MECCANICA), ("private", None)]


def test_acting_for_a_company_without_a_role_is_refused_with_the_rule() -> None:
    profiler = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures())
    with pytest.raises(NotAuthorized) as info:
        profiler.act_as(cns(MARIO), "business", VERDI_ACCIAI, TODAY)
    assert info.value.rule == "not_offered"


def test_authorization_names_the_rule_that_refused() -> None:
    profiler = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures())
    silvia = profiler.act_as(cns(SILVIA), "intermediary", VERDI_ACCIAI, TODAY)
    party = {"company": VERDI_ACCIAI}
    silvia.authorize(
        {"action": "use_service", "service": "accesso-atti", "party": party, "required_level": "substantial"}
    )
    with pytest.raises(NotAuthorized) as info:
        silvia.authorize({"action": "use_service", "service": "reclami", "party": party, "required_level": "low"})
    assert (info.value.action, info.value.rule) == ("use_service", "delegation_scope")
    assert not silvia.may({"action": "manage_delegations", "company": VERDI_ACCIAI})


def test_delegation_granted_by_the_representative_and_refused_to_the_intermediary() -> None:
    registry, book = InMemoryRegistry.fixtures(), DelegationBook.fixtures()
    mario = Profiler(registry, book).act_as(cns(MARIO), "business", ROSSI_MECCANICA, TODAY)
    number = book.grant(
        mario, registry, company=ROSSI_MECCANICA, intermediary="97123450013", valid_from=TODAY, today=TODAY,
        services=["diritto-annuale"],
    )
    assert number == 6
    with pytest.raises(InvalidDelegation) as bad:
        book.grant(
            mario, registry, company=ROSSI_MECCANICA, intermediary="97123450013",
            valid_from=TODAY - datetime.timedelta(days=1), today=TODAY,
        )
    assert bad.value.rule == "backdated"
    silvia = Profiler(registry, book).act_as(cns(SILVIA), "intermediary", ROSSI_MECCANICA, TODAY)
    with pytest.raises(NotAuthorized) as refused:
        book.grant(silvia, registry, company=ROSSI_MECCANICA, intermediary=SILVIA, valid_from=TODAY, today=TODAY)
    assert refused.value.rule == "legal_representative"


def test_officer_of_another_chamber_is_refused() -> None:
    officers = OfficerRegister()
    officers.seed(SILVIA, "Silvia Marino", "BG", ["case_handler"])
    officer = officers.act_as_officer(cns(SILVIA), "BG")
    officer.authorize({"action": "handle_case", "chamber": "BG"})
    with pytest.raises(NotAuthorized) as info:
        officer.authorize({"action": "handle_case", "chamber": "BS"})
    assert info.value.rule == "chamber"


# -- host-implemented ports ------------------------------------------------------------------------


class DictRegistry:
    """A registry implemented in Python over plain dicts (how a chamber plugs in its client)."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.companies = {c["codice_fiscale"]: c for c in data["companies"]}
        self.roles = list(data["roles"])
        self.calls = 0

    def company(self, codice_fiscale: str) -> Mapping[str, Any] | None:
        self.calls += 1
        return self.companies.get(codice_fiscale)

    def company_by_rea(self, rea: str) -> Company | None:
        for c in self.companies.values():
            if c["rea"] == rea:
                return Company.from_json(json.dumps(c))
        return None

    def roles_of(self, codice_fiscale: str) -> list[Role | Mapping[str, Any]]:
        return [r for r in self.roles if r["person"] == codice_fiscale]


class DictDirectory:
    def __init__(self, entries: dict[str, str]) -> None:
        self.entries = entries

    def domicile_of(self, codice_fiscale: str) -> DigitalDomicile | None:
        pec = self.entries.get(codice_fiscale)
        return None if pec is None else DigitalDomicile(codice_fiscale, pec)


def snapshot(profiler: Profiler, person: str, day: datetime.date) -> list[dict[str, Any]]:
    return [p.to_dict() for p in profiler.profiles(cns(person), day)]


def test_a_python_registry_gives_the_same_profiles_as_the_in_memory_one_on_the_fixtures() -> None:
    data = json.loads(InMemoryRegistry.fixtures_json())
    host = DictRegistry(data)
    book = DelegationBook.fixtures()
    native = Profiler(InMemoryRegistry.fixtures(), book)
    hosted = Profiler(host, book)
    people = [p["codice_fiscale"] for p in data["persons"]]
    for day in [datetime.date(2023, 9, 30), datetime.date(2025, 2, 28), datetime.date(2025, 12, 31), TODAY]:
        for person in people:
            assert snapshot(hosted, person, day) == snapshot(native, person, day), (person, day)
    assert host.calls > 0


def test_a_python_pec_directory_gives_the_digital_domicile() -> None:
    directory = DictDirectory({ROSSI_MECCANICA: "rossi@pec.example.it"})
    profiler = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures(), pec_directory=directory)
    business = profiler.profiles(cns(MARIO), TODAY)[0]
    assert business.digital_domicile == "rossi@pec.example.it"
    native = Profiler(
        InMemoryRegistry.fixtures(), DelegationBook.fixtures(), pec_directory=InMemoryPecDirectory.fixtures()
    )
    assert native.profiles(cns(MARIO), TODAY)[0].digital_domicile == "rossimeccanica@pec.example.it"


class BrokenRegistry:
    def company(self, codice_fiscale: str) -> Mapping[str, Any] | None:
        raise ConnectionError("registry unreachable")

    def company_by_rea(self, rea: str) -> None:
        return None

    def roles_of(self, codice_fiscale: str) -> list[Mapping[str, Any]]:
        return [{"person": codice_fiscale, "company": ROSSI_MECCANICA, "code": "AU", "description": "AU",
                 "kind": "sole_director", "legal_representative": True, "since": datetime.date(2012, 3, 15),
                 "until": None}]


def test_a_host_exception_becomes_a_port_failure() -> None:
    with pytest.raises(PortFailure) as info:
        Profiler(BrokenRegistry(), DelegationBook()).profiles(cns(MARIO), TODAY)
    assert info.value.port == "business_registry"
    assert "registry unreachable" in info.value.reason


class MalformedRegistry(BrokenRegistry):
    def company(self, codice_fiscale: str) -> Mapping[str, Any]:
        return {"codice_fiscale": codice_fiscale, "name": "no other field"}


def test_a_host_answer_of_the_wrong_shape_becomes_a_port_failure() -> None:
    with pytest.raises(PortFailure) as info:
        Profiler(MalformedRegistry(), DelegationBook()).profiles(cns(MARIO), TODAY)
    assert "company answered" in info.value.reason


def test_actor_is_typed() -> None:
    actor: Actor = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures()).act_as(cns(MARIO), "private")
    assert actor.acting_for == ("person", MARIO)
