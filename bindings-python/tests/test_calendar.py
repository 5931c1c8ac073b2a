"""The legal calendar through the Python front door: holidays, terms, office view, errors."""

from datetime import date, datetime, timezone

from holidays.countries.italy import Italy
import pytest

import sportello
from sportello import Calendar, CalendarError, InvalidDate, SportelloError, UnknownProvince

LOMBARDY = ["BG", "BS", "CO", "CR", "LC", "LO", "MB", "MI", "MN", "PV", "SO", "VA"]
YEARS = range(2013, 2036)


def peer_days(year: int, subdiv: str | None = None) -> set[date]:
    """The days the `holidays` package lists for Italy (with a province subdivision)."""
    table = Italy(subdiv=subdiv, years=year)  # type: ignore[no-untyped-call]
    return set(table.keys())


def test_national_days_agree_with_the_holidays_package_2013_2035() -> None:
    national = Calendar()
    for year in YEARS:
        ours = {d for d, _ in national.holidays(year)}
        theirs = peer_days(year)
        assert ours == theirs, year


@pytest.mark.parametrize("province", LOMBARDY)
def test_province_holidays_agree_with_the_holidays_package(province: str) -> None:
    cal = Calendar(province)
    for year in YEARS:
        ours = {d for d, _ in cal.holidays(year)}
        theirs = peer_days(year, province)
        assert ours == theirs, (province, year)


@pytest.mark.parametrize("province", LOMBARDY)
def test_patron_days_are_in_the_office_view_and_not_legal_holidays(province: str) -> None:
    cal = Calendar(province)
    national = peer_days(2026)
    patron = peer_days(2026, province) - national
    assert len(patron) == 1
    (day,) = patron
    assert cal.is_office_closed(day)
    off = cal.day_off(day)
    assert off is not None and off.kind in ("patron_saint", "sunday")
    if day.weekday() != 6:
        assert not cal.is_legal_holiday(day)
        assert off.name == cal.patron_saint


def test_deadline_on_easter_monday_moves_to_tuesday() -> None:
    assert Calendar().deadline(date(2013, 3, 2), 30) == date(2013, 4, 2)


def test_deadline_on_saturday_moves_only_with_the_saturday_policy() -> None:
    assert Calendar().deadline(date(2013, 3, 7), 30) == date(2013, 4, 6)
    assert Calendar(saturday_is_holiday=True).deadline(date(2013, 3, 7), 30) == date(2013, 4, 8)


def test_patron_day_does_not_extend_a_deadline() -> None:
    assert Calendar("MI").deadline(date(2013, 11, 7), 30) == date(2013, 12, 7)


def test_deadline_landing_on_4_october_2026_moves_to_monday() -> None:
    assert Calendar().deadline(date(2026, 9, 4), 30) == date(2026, 10, 5)


def test_month_terms_end_on_the_last_day_of_a_shorter_month() -> None:
    assert Calendar().deadline_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert Calendar().deadline_years(date(2024, 2, 29), 1) == date(2025, 2, 28)


def test_the_annual_fee_due_date_rolls_forward_and_next_working_day_skips_the_patron() -> None:
    assert Calendar().roll_forward(date(2024, 6, 30)) == date(2024, 7, 1)
    milano = Calendar("MI")
    assert milano.next_working_day(date(2024, 12, 6)) == date(2024, 12, 9)
    assert milano.next_working_day(date(2024, 12, 6), "legal") == date(2024, 12, 7)


def test_saturday_office_closure_is_separate_from_the_term_policy() -> None:
    cal = Calendar("VA", office_closed_on_saturday=True)
    assert cal.is_office_closed(date(2026, 3, 7))
    assert cal.deadline(date(2026, 2, 5), 30) == date(2026, 3, 7)
    assert cal.working_days_between(date(2026, 3, 30), date(2026, 4, 10)) == 8


def test_day_arithmetic_helpers() -> None:
    assert sportello.easter_sunday(2013) == date(2013, 3, 31)
    assert sportello.add_days(date(2024, 2, 28), 2) == date(2024, 3, 1)
    assert sportello.days_between(date(2013, 3, 2), date(2013, 4, 1)) == 30


def test_a_year_outside_1950_2100_raises_calendar_error_with_the_rule() -> None:
    with pytest.raises(CalendarError) as info:
        Calendar().holidays(2101)
    assert info.value.rule == "year_range"
    assert info.value.field == "year"
    assert isinstance(info.value, SportelloError)
    with pytest.raises(CalendarError) as deadline:
        Calendar().deadline(date(2100, 12, 1), 31)
    assert deadline.value.field == "deadline"


def test_unknown_or_malformed_provinces_are_typed_errors() -> None:
    with pytest.raises(UnknownProvince) as unknown:
        Calendar("RM")
    assert (unknown.value.rule, unknown.value.province) == ("unknown_province", "RM")
    with pytest.raises(UnknownProvince) as bad:
        Calendar("M1")
    assert bad.value.rule == "province_format"


def test_a_bad_view_and_a_datetime_are_refused() -> None:
    with pytest.raises(CalendarError) as view:
        Calendar().roll_forward(date(2026, 1, 1), "weekly")  # type: ignore[arg-type]
    assert view.value.rule == "view"
    with pytest.raises(InvalidDate):
        Calendar().is_legal_holiday(datetime(2026, 1, 1, 9, 0))
    with pytest.raises(CalendarError) as negative:
        Calendar().deadline(date(2026, 1, 1), -1)
    assert (negative.value.rule, negative.value.field) == ("term_range", "days")
    with pytest.raises(CalendarError) as wrong_type:
        Calendar().deadline_months(date(2026, 1, 1), "2")  # type: ignore[arg-type]
    assert (wrong_type.value.rule, wrong_type.value.field) == ("type", "months")


def test_holiday_list_keeps_the_kind_that_holidays_leaves_out() -> None:
    milano = Calendar("MI")
    listed = milano.holiday_list(2013)
    assert [(h.date, h.name) for h in listed] == milano.holidays(2013)
    assert {h.kind for h in listed} == {"national", "patron_saint"}


def test_national_holidays_and_the_italian_date() -> None:
    days = sportello.national_holidays(2013)
    assert date(2013, 4, 1) in [h.date for h in days]
    assert all(h.kind == "national" for h in days)
    late = datetime(2026, 3, 31, 23, 30, tzinfo=timezone.utc)
    assert sportello.italian_date(late) == date(2026, 4, 1)
    with pytest.raises(InvalidDate) as naive:
        sportello.italian_date(datetime(2026, 3, 31, 23, 30))
    assert naive.value.rule == "aware_datetime"


def test_repr_and_equality() -> None:
    assert repr(Calendar("MI")) == (
        "Calendar(province='MI', saturday_is_holiday=False, office_closed_on_saturday=False)"
    )
    assert Calendar("MI") == Calendar("mi")
    assert Calendar("MI") != Calendar("MI", True)
