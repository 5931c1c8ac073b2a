"""Chambers through the Python front door: lookups before and after the mergers, errors."""

from datetime import date, timedelta

import pytest

import sportello
from sportello import Chamber, ChamberError, NoChamber, UnknownChamber, UnknownProvince

PROVINCES = ["BG", "BS", "CO", "CR", "LC", "LO", "MB", "MI", "MN", "PV", "SO", "VA"]


def test_the_chamber_for_a_province_before_and_after_a_merger() -> None:
    before = sportello.chamber_for_province("MB", date(2017, 9, 17))
    after = sportello.chamber_for_province("MB", date(2017, 9, 18))
    assert (before.code, before.seat) == ("MB", "Monza")
    assert (after.code, after.name) == ("MIMBLO", "Camera di commercio di Milano Monza Brianza Lodi")
    assert after.provinces == ["MI", "MB", "LO"]
    assert before.successor == "MIMBLO"
    assert before.valid_to == date(2017, 9, 17)
    assert after.valid_from == date(2017, 9, 18)


def test_cremona_mantova_pavia_has_its_seat_in_mantova() -> None:
    c = sportello.chamber_by_code("crmnpv")
    assert (c.seat, c.seat_province, c.secondary_seats) == ("Mantova", "MN", ["Cremona", "Pavia"])
    assert c.predecessors == ["CR", "MN", "PV"]
    assert c.ipa_code is None and c.pec is None


def test_twelve_chambers_in_2013_seven_today() -> None:
    assert len(sportello.chambers_on(date(2013, 1, 1))) == 12
    assert sorted(c.code for c in sportello.chambers_on(date(2025, 1, 1))) == [
        "BG",
        "BS",
        "COLC",
        "CRMNPV",
        "MIMBLO",
        "SO",
        "VA",
    ]
    assert len(sportello.all_chambers()) == 15


def test_every_province_has_exactly_one_chamber_each_month_from_2013() -> None:
    day = date(2013, 1, 1)
    while day < date(2031, 1, 1):
        active = sportello.chambers_on(day)
        for p in PROVINCES:
            serving = [c for c in active if p in c.provinces]
            assert len(serving) == 1, (p, day)
            assert sportello.chamber_for_province(p, day) == serving[0]
        day += timedelta(days=29)


def test_the_chamber_office_calendar_closes_on_the_seat_patron() -> None:
    cal = sportello.chamber_by_code("COLC").calendar()
    assert cal.patron_saint == "Sant'Abbondio"
    assert cal.is_office_closed(date(2026, 8, 31))
    assert isinstance(cal, sportello.Calendar)


def test_chamber_json_has_the_core_shape() -> None:
    import json

    data = json.loads(sportello.chamber_by_code("COLC").to_json())
    assert data["code"] == "COLC"
    assert data["seat"] == {"city": "Como", "province": "CO"}


def test_lookup_failures_are_typed() -> None:
    with pytest.raises(NoChamber) as none:
        sportello.chamber_for_province("MI", date(2012, 12, 31))
    assert (none.value.province, none.value.on, none.value.covers_from) == (
        "MI",
        date(2012, 12, 31),
        date(2013, 1, 1),
    )
    assert isinstance(none.value, ChamberError)
    with pytest.raises(UnknownProvince) as unknown:
        sportello.chamber_for_province("RM", date(2020, 1, 1))
    assert unknown.value.rule == "unknown_province"
    with pytest.raises(UnknownChamber) as code:
        sportello.chamber_by_code("TO")
    assert code.value.code == "TO"
    with pytest.raises(UnknownChamber) as malformed:
        sportello.chamber_by_code("X")
    assert malformed.value.rule == "code_format"


def test_the_table_answers_heirs_provinces_and_coverage() -> None:
    table = sportello.Chambers.embedded()
    assert table.covers_from == date(2013, 1, 1)
    assert "MB" in table.provinces()
    heir = table.heir_on("PV", date(2025, 1, 1))
    assert heir is not None and heir.code == "CRMNPV"
    assert table.heir_on("CRMNPV", date(2020, 1, 1)) is None
    assert len(table) == len(sportello.all_chambers())
    with pytest.raises(ChamberError) as bad:
        sportello.Chambers.from_json('{"covers_from": "2013-01-01", "chambers": [{"code": "BG"}]}')
    assert bad.value.rule == "invalid_data"


def test_repr() -> None:
    c: Chamber = sportello.chamber_by_code("BG")
    assert repr(c) == "Chamber(code='BG', name='Camera di commercio di Bergamo')"
