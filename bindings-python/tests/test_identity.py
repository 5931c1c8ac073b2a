"""Identity, registry, profiles and authorization through the Python front door."""

from __future__ import annotations

import datetime
import json
from typing import Any, Mapping

import pytest

from sportello import (
    Actor,
    AssuranceTable,
    Company,
    DelegationBook,
    DigitalDomicile,
    Identity,
    InMemoryPecDirectory,
    InMemoryRegistry,
    InvalidAssertion,
    InvalidDelegation,
    InvalidProfileChoice,
    InvalidRegistryData,
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


def test_profiles_without_a_date_are_those_of_today_in_italy() -> None:
    profiler = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures())
    today = italian_today()
    assert profiler.profiles(cns(MARIO)) == profiler.profiles(cns(MARIO), today)


def italian_today() -> datetime.date:
    from zoneinfo import ZoneInfo

    return datetime.datetime.now(ZoneInfo("Europe/Rome")).date()


def test_acting_for_a_company_without_a_role_is_refused_with_the_rule() -> None:
    profiler = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures())
    with pytest.raises(NotAuthorized) as info:
        profiler.act_as(cns(MARIO), "business", VERDI_ACCIAI, on=TODAY)
    assert info.value.rule == "not_offered"


def test_authorization_names_the_rule_that_refused() -> None:
    profiler = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures())
    silvia = profiler.act_as(cns(SILVIA), "intermediary", VERDI_ACCIAI, on=TODAY)
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
    mario = Profiler(registry, book).act_as(cns(MARIO), "business", ROSSI_MECCANICA, on=TODAY)
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
    silvia = Profiler(registry, book).act_as(cns(SILVIA), "intermediary", ROSSI_MECCANICA, on=TODAY)
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
    actor: Actor = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures()).act_as(cns(MARIO), "private", on=TODAY)
    assert actor.acting_for == ("person", MARIO)


# -- live state, officer accounts, typed input errors ---------------------------------------------


def test_a_revocation_takes_effect_on_a_profiler_built_before_it() -> None:
    registry, book = InMemoryRegistry.fixtures(), DelegationBook.fixtures()
    profiler = Profiler(registry, book)
    silvia = profiler.act_as(cns(SILVIA), "intermediary", ROSSI_MECCANICA, on=TODAY)
    number = silvia.profile.delegation_id if silvia.profile else None
    assert number is not None
    mario = profiler.act_as(cns(MARIO), "business", ROSSI_MECCANICA, on=TODAY)
    book.revoke(mario, registry, number, TODAY)
    with pytest.raises(NotAuthorized) as info:
        profiler.act_as(cns(SILVIA), "intermediary", ROSSI_MECCANICA, on=TODAY)
    assert (info.value.action, info.value.rule) == ("act_as", "not_offered")


def test_a_role_added_to_the_registry_is_seen_by_an_existing_profiler() -> None:
    registry = InMemoryRegistry.fixtures()
    profiler = Profiler(registry, DelegationBook())
    before = [p.company for p in profiler.profiles(cns(SILVIA), TODAY)]
    assert VERDI_ACCIAI not in before
    registry.add_role(Role.from_json(json.dumps({
        "person": SILVIA, "company": VERDI_ACCIAI, "code": "AMM", "description": "amministratore",
        "kind": "director", "legal_representative": True, "since": "2026-01-01", "until": None,
    })))
    after = [p.company for p in profiler.profiles(cns(SILVIA), TODAY)]
    assert VERDI_ACCIAI in after


def test_a_session_opened_without_a_date_is_for_today_in_italy() -> None:
    profiler = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures())
    assert profiler.act_as(cns(MARIO), "private") == profiler.act_as(cns(MARIO), "private", on=italian_today())


def test_a_bad_profile_choice_is_an_input_error_not_a_refusal() -> None:
    profiler = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures())
    with pytest.raises(InvalidProfileChoice) as missing:
        profiler.act_as(cns(MARIO), "business", on=TODAY)
    assert (missing.value.field, missing.value.rule) == ("company", "company_required")
    with pytest.raises(InvalidProfileChoice) as unknown:
        profiler.act_as(cns(MARIO), "boss", on=TODAY)  # type: ignore[arg-type]
    assert (unknown.value.field, unknown.value.rule) == ("kind", "profile_kind")
    assert not isinstance(unknown.value, NotAuthorized)


def test_a_bad_delegation_names_its_field() -> None:
    registry, book = InMemoryRegistry.fixtures(), DelegationBook.fixtures()
    mario = Profiler(registry, book).act_as(cns(MARIO), "business", ROSSI_MECCANICA, on=TODAY)
    with pytest.raises(InvalidDelegation) as info:
        book.grant(mario, registry, company=ROSSI_MECCANICA, intermediary="97123450013", valid_from=TODAY,
                   today=TODAY, services=[])
    assert (info.value.field, info.value.rule) == ("services", "scope")


GIUSEPPE = "VRDGPP68M12B157Y"


def test_an_administrator_appoints_and_deactivates_officers_of_the_chamber() -> None:
    officers = OfficerRegister()
    assert officers.min_level == "substantial"
    officers.seed(GIUSEPPE, "Giuseppe Verdi", "BG", ["administrator"])
    admin = officers.act_as_officer(cns(GIUSEPPE), "BG")
    officers.appoint(admin, SILVIA, "Silvia Marino", "BG", ["case_handler"])
    assert officers.act_as_officer(cns(SILVIA), "BG").officer_roles == ["case_handler"]
    assert {o["codice_fiscale"]: o["active"] for o in officers.officers()} == {GIUSEPPE: True, SILVIA: True}
    silvia = officers.act_as_officer(cns(SILVIA), "BG")
    with pytest.raises(NotAuthorized) as refused:
        officers.appoint(silvia, MARIO, "Mario Rossi", "BG", ["administrator"])
    assert refused.value.rule == "officer_role"
    with pytest.raises(NotAuthorized) as other_chamber:
        officers.appoint(admin, MARIO, "Mario Rossi", "BS", ["front_office"])
    assert other_chamber.value.rule == "chamber"
    officers.deactivate(admin, "BG", SILVIA)
    with pytest.raises(NotAuthorized) as gone:
        officers.act_as_officer(cns(SILVIA), "BG")
    assert gone.value.rule == "officer_account"


def test_a_stored_identity_with_a_forged_level_is_refused() -> None:
    who = Identity.from_spid({"fiscalNumber": "TINIT-GDASDV00A01H501J", "authnContextClassRef": L2})
    forged = who.to_json().replace('"level":"substantial"', '"level":"high"')
    with pytest.raises(InvalidAssertion) as info:
        Identity.from_json(forged)
    assert info.value.rule == "level_consistency"


def test_spid_attributes_may_come_in_any_mapping() -> None:
    from types import MappingProxyType

    attrs = MappingProxyType({"fiscalNumber": "TINIT-GDASDV00A01H501J", "authnContextClassRef": L2})
    assert Identity.from_spid(attrs).codice_fiscale == "GDASDV00A01H501J"


def test_an_unknown_method_names_its_rule() -> None:
    with pytest.raises(InvalidAssertion) as info:
        AssuranceTable().level("SPID")  # type: ignore[arg-type]
    assert (info.value.field, info.value.rule) == ("method", "method")


def test_an_unknown_pec_section_names_its_field() -> None:
    with pytest.raises(InvalidRegistryData) as info:
        DigitalDomicile(ROSSI_MECCANICA, "rossi@pec.example.it", "Companies")  # type: ignore[arg-type]
    assert (info.value.field, info.value.rule) == ("section", "pec_section")


def test_the_in_memory_registry_lists_its_persons() -> None:
    persons = InMemoryRegistry.fixtures().persons()
    assert MARIO in [p["codice_fiscale"] for p in persons]


class TupleRegistry(DictRegistry):
    def roles_of(self, codice_fiscale: str) -> tuple[Mapping[str, Any], ...]:  # type: ignore[override]
        return tuple(r for r in self.roles if r["person"] == codice_fiscale)


def test_a_host_registry_may_answer_roles_in_any_sequence() -> None:
    host = TupleRegistry(json.loads(InMemoryRegistry.fixtures_json()))
    got = [(p.kind, p.company) for p in Profiler(host, DelegationBook.fixtures()).profiles(cns(MARIO), TODAY)]
    assert got == [("business", ROSSI_MECCANICA), ("private", None)]
