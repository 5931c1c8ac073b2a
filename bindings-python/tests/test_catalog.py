"""The service catalogue through the Python front door: search by need, browsing, grants, JSON-LD."""

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import sportello
from sportello import CatalogError, GrantApplicant, SportelloError

NEEDS = Path(__file__).resolve().parents[2] / "testdata" / "catalog" / "needs.json"


@pytest.fixture(scope="module")
def catalog() -> sportello.Catalog:
    return sportello.Catalog.default()


def test_default_catalogue_has_at_least_40_services(catalog: sportello.Catalog) -> None:
    assert len(catalog) >= 40
    assert "diritto-annuale" in [s.id for s in catalog.services()]


def test_search_finds_the_annual_fee_first_and_says_why(catalog: sportello.Catalog) -> None:
    hits = catalog.search("devo pagare la tassa annuale della camera", profile="business")
    assert hits[0].service_id == "diritto-annuale"
    assert hits[0].score > hits[1].score
    vias = {r.via for r in hits[0].reasons}
    assert "need_phrase" in vias
    phrase = next(r for r in hits[0].reasons if r.via == "need_phrase")
    assert (phrase.via_from, phrase.via_to) == ("tassa annuale", "diritto annuale")
    assert "name" in phrase.fields
    assert "need phrase" in str(phrase)
    assert phrase.text == str(phrase)


def test_the_chamber_filter_keeps_only_active_services(catalog: sportello.Catalog) -> None:
    assert catalog.search("firma digitale", chamber="SO") == []
    assert catalog.search("firma digitale", chamber="MIMBLO")[0].service_id == "firma-digitale"


def test_limit_and_filters_by_event_and_channel(catalog: sportello.Catalog) -> None:
    hits = catalog.search("impresa", limit=3, business_event=6)
    assert 0 < len(hits) <= 3
    for h in hits:
        assert 6 in catalog.service(h.service_id).business_events
    for h in catalog.search("registro imprese", channel="pec", limit=20):
        assert "pec" in catalog.service(h.service_id).channels


@pytest.mark.parametrize(
    ("kwargs", "field", "rule"),
    [
        ({"profile": "citizen"}, "profile", "profile_kind"),
        ({"chamber": "RM"}, "chamber", "known_chamber"),
        ({"business_event": 16}, "business_event", "agid_vocabulary"),
        ({"business_event": 256}, "business_event", "agid_vocabulary"),
        ({"life_event": -1}, "life_event", "agid_vocabulary"),
        ({"business_event": "6"}, "business_event", "type"),
        ({"limit": -1}, "limit", "non_negative"),
        ({"channel": "fax"}, "channel", "known_channel"),
    ],
)
def test_bad_filters_raise_catalog_error_naming_field_and_rule(
    catalog: sportello.Catalog, kwargs: dict[str, Any], field: str, rule: str
) -> None:
    with pytest.raises(CatalogError) as info:
        catalog.search("visura", **kwargs)
    assert (info.value.field, info.value.rule) == (field, rule)
    assert isinstance(info.value, SportelloError)


def test_a_malformed_chamber_code_is_the_chamber_areas_error(catalog: sportello.Catalog) -> None:
    with pytest.raises(sportello.UnknownChamber) as info:
        catalog.search("visura", chamber="x")
    assert (info.value.field, info.value.rule, info.value.code) == ("chamber", "code_format", "x")


def test_a_huge_limit_means_every_hit(catalog: sportello.Catalog) -> None:
    assert len(catalog.search("impresa", limit=10**30)) >= len(catalog.search("impresa", limit=3))


def test_a_chamber_catalogue_shows_its_package_and_contact(catalog: sportello.Catalog) -> None:
    mi = catalog.chamber("mimblo")
    assert mi.code == "MIMBLO"
    assert len(mi.active) == 10
    assert mi.local_names["diritto-annuale"] == "Diritto annuale online"
    assert mi.contact.website.startswith("https://")
    with pytest.raises(CatalogError) as info:
        catalog.chamber("RM")
    assert info.value.rule == "known_chamber"


def test_the_calls_for_grants_are_listed_with_decimal_budgets(catalog: sportello.Catalog) -> None:
    voucher = next(g for g in catalog.grants() if g.id == "voucher-digitali-i40-2026")
    assert voucher.budget == Decimal("2000000")
    assert voucher.provinces == ["MI", "MB", "LO"]
    assert voucher.seat == "any_seat"
    assert voucher.ateco_sections is None


def test_service_card_carries_decimal_costs_and_agid_codes(catalog: sportello.Catalog) -> None:
    s = catalog.service("bilanci")
    assert [c.amount for c in s.costs] == [Decimal("62.70"), Decimal("65.00")]
    assert s.level_of_assurance == "substantial"
    assert s.status == "completed"
    certificato = catalog.service("certificati-visure").costs[1]
    assert (certificato.kind, certificato.amount) == ("fixed", Decimal("21.00"))  # 5.00 + one stamp
    assert catalog.service("diritto-annuale").costs[0].rule == "fees::annual_fee"
    assert json.loads(s.to_json())["id"] == "bilanci"
    with pytest.raises(CatalogError) as info:
        catalog.service("nope")
    assert info.value.rule == "known_service"


def test_for_chamber_uses_local_names(catalog: sportello.Catalog) -> None:
    mi = catalog.for_chamber("MIMBLO")
    assert len(mi) == 10
    assert mi[2].name == "Diritto annuale online"
    assert catalog.chambers() == ["MIMBLO", "BG", "BS", "COLC", "CRMNPV", "SO", "VA"]


def test_browsing_by_category_and_event(catalog: sportello.Catalog) -> None:
    assert "bandi" in [c.code for c in catalog.categories()]
    assert [s.id for s in catalog.by_category("bandi")] == ["bandi-contributi"]
    assert [s.id for s in catalog.by_business_event(10)] == ["registro-imprese-pratiche"]
    assert "mediazione-arbitrato" in [s.id for s in catalog.by_life_event(14)]


def test_grants_for_a_milan_software_company(catalog: sportello.Catalog) -> None:
    company = GrantApplicant(
        ateco_sections=["J"],
        legal_form="SR",
        size="micro",
        registered_office_province="MI",
        local_unit_provinces=["BG"],
        registered_on=datetime.date(2019, 6, 12),
    )
    report = catalog.eligible_grants(company, datetime.date(2026, 3, 16))
    assert report.eligible == ["voucher-digitali-i40-2026"]
    assert report.on == datetime.date(2026, 3, 16)
    fiere = next(g for g in report.ineligible if g.grant_id == "fiere-internazionali-2026")
    assert [f.criterion for f in fiere.failures] == ["province"]
    assert "registered office in MI" in fiere.failures[0].message


def test_grant_applicant_refuses_bad_values() -> None:
    with pytest.raises(CatalogError) as info:
        GrantApplicant(
            ateco_sections=["Z"],
            legal_form="SR",
            size="micro",
            registered_office_province="MI",
            registered_on=datetime.date(2020, 1, 1),
        )
    assert (info.value.field, info.value.rule) == ("ateco_sections", "ateco_section")
    with pytest.raises(SportelloError):
        GrantApplicant(
            ateco_sections=["C"],
            legal_form="SR",
            size="huge",  # type: ignore[arg-type]
            registered_office_province="MI",
            registered_on=datetime.date(2020, 1, 1),
        )


def test_lower_case_codes_are_normalised_and_read_back() -> None:
    company = GrantApplicant(
        ateco_sections=["C"],
        legal_form="sr",
        size="small",
        registered_office_province="va",
        local_unit_provinces=["bs"],
        registered_on=datetime.date(2020, 1, 1),
    )
    assert (company.legal_form, company.size, company.registered_office_province) == ("SR", "small", "VA")
    assert company.local_unit_provinces == ["BS"]
    assert company.registered_on == datetime.date(2020, 1, 1)
    report = sportello.Catalog.default().eligible_grants(company, datetime.date(2026, 4, 1))
    assert "nuove-imprese-2026" in report.eligible


def test_a_malformed_province_is_unknown_province_naming_the_argument() -> None:
    with pytest.raises(sportello.UnknownProvince) as info:
        GrantApplicant(
            ateco_sections=["C"],
            legal_form="SR",
            size="small",
            registered_office_province="M1",
            registered_on=datetime.date(2020, 1, 1),
        )
    assert (info.value.field, info.value.rule) == ("registered_office_province", "province_format")


def test_need_phrases_top3_rate_matches_core(catalog: sportello.Catalog) -> None:
    needs = json.loads(NEEDS.read_text(encoding="utf-8"))
    for half in ("tuning", "held_out"):
        found = sum(
            1 for n in needs[half] if n["expected"] in [h.service_id for h in catalog.search(n["text"], limit=3)]
        )
        assert found / len(needs[half]) >= 0.9, half


def test_jsonld_services_carry_the_mandatory_properties(catalog: sportello.Catalog) -> None:
    doc = json.loads(catalog.to_jsonld("BG"))
    services = [n for n in doc["@graph"] if n["@type"] == "cpsv:PublicService"]
    assert len(services) == 8
    for s in services:
        for p in ("dct:identifier", "dct:title", "dct:description", "m8g:hasCompetentAuthority"):
            assert s[p], (s["dct:identifier"], p)


def test_jsonld_expands_with_a_json_ld_processor_offline(catalog: sportello.Catalog) -> None:
    from pyld import jsonld  # type: ignore[import-untyped]

    def no_network(url: str, options: Any = None) -> Any:
        raise AssertionError(f"the export must not need a remote context: {url}")

    jsonld.set_document_loader(no_network)
    doc = json.loads(catalog.to_jsonld())
    expanded: list[dict[str, Any]] = jsonld.expand(doc)
    cpsv = "http://purl.org/vocab/cpsv#PublicService"
    services = [n for n in expanded if cpsv in n.get("@type", [])]
    assert len(services) == len(catalog)
    mandatory = [
        "http://purl.org/dc/terms/identifier",
        "http://purl.org/dc/terms/title",
        "http://purl.org/dc/terms/description",
        "http://data.europa.eu/m8g/hasCompetentAuthority",
    ]
    for s in services:
        for p in mandatory:
            assert s.get(p), p
    title = next(s for s in services if s["http://purl.org/dc/terms/identifier"][0]["@value"] == "bilanci")[
        "http://purl.org/dc/terms/title"
    ][0]
    assert title["@language"] == "it"


def _fixture_company(rea: str) -> str:
    fixtures = json.loads((NEEDS.parents[2] / "core" / "data" / "registry_fixtures.json").read_text(encoding="utf-8"))
    companies: list[dict[str, Any]] = fixtures["companies"]
    return json.dumps(next(c for c in companies if c["rea"] == rea))


def test_a_registry_company_in_json_gets_its_grants(catalog: sportello.Catalog) -> None:
    on = datetime.date(2026, 3, 16)
    rossi = GrantApplicant.from_company_json(_fixture_company("MI-2012345"), size="small", on=on)
    assert rossi.ateco_sections == ["C"]
    assert rossi.local_unit_provinces == ["BG", "MB"]
    assert catalog.eligible_grants(rossi, on).eligible == ["voucher-digitali-i40-2026"]


def test_a_company_json_that_is_not_a_company_is_refused() -> None:
    with pytest.raises(CatalogError) as info:
        GrantApplicant.from_company_json("{}", size="micro", on=datetime.date(2026, 1, 1))
    assert info.value.rule == "json"


def test_a_company_from_the_registry_binding_gets_its_grants(catalog: sportello.Catalog) -> None:
    company = sportello.InMemoryRegistry.fixtures().company_by_rea("BS-501234")
    assert company is not None
    on = datetime.date(2026, 3, 16)
    verdi = GrantApplicant.from_company_json(company.to_json(), size="medium", on=on)
    report = catalog.eligible_grants(verdi, on)
    assert report.eligible == ["transizione-ecologica-2026"]
    crafts = next(g for g in report.ineligible if g.grant_id == "artigianato-innovazione-2026")
    assert [f.criterion for f in crafts.failures] == ["legal_form", "size_class"]


def test_a_registry_company_goes_in_directly(catalog: sportello.Catalog) -> None:
    company = sportello.InMemoryRegistry.fixtures().company_by_rea("BS-501234")
    assert company is not None
    on = datetime.date(2026, 3, 16)
    direct = catalog.eligible_grants(company, on, size="medium")
    via_view = catalog.eligible_grants(GrantApplicant.from_company_json(company.to_json(), size="medium", on=on), on)
    assert direct.eligible == via_view.eligible == ["transizione-ecologica-2026"]


def test_an_undeclared_size_fails_the_calls_limited_by_size(catalog: sportello.Catalog) -> None:
    company = sportello.InMemoryRegistry.fixtures().company_by_rea("BS-501234")
    assert company is not None
    report = catalog.eligible_grants(company, datetime.date(2026, 3, 16))
    failures = {g.grant_id: [f.criterion for f in g.failures] for g in report.ineligible}
    assert "size_class" in failures["artigianato-innovazione-2026"]
    message = next(
        f.message
        for g in report.ineligible
        for f in g.failures
        if f.criterion == "size_class" and g.grant_id == "artigianato-innovazione-2026"
    )
    assert message.startswith("size class not declared")


def test_eligible_grants_refuses_what_is_not_a_company(catalog: sportello.Catalog) -> None:
    with pytest.raises(sportello.CatalogError) as info:
        catalog.eligible_grants("01234560017", datetime.date(2026, 3, 16))  # type: ignore[arg-type]
    assert (info.value.field, info.value.rule) == ("company", "type")
