"""Money at the Python boundary: Decimal in, Decimal out, floats refused."""

from decimal import Decimal

import pytest

import sportello
from sportello import InvalidAmount, SportelloError


def test_step_rounding_is_half_even_by_default() -> None:
    assert sportello.round_step(Decimal("0.000025")) == Decimal("0.00002")
    assert sportello.round_step(Decimal("0.000025"), "half_up") == Decimal("0.00003")


def test_euro_and_cents_round_half_up() -> None:
    assert sportello.round_euro(Decimal("172.5")) == Decimal("173")
    assert sportello.round_cents("0.005") == Decimal("0.01")
    assert isinstance(sportello.round_cents(3), Decimal)


def test_italian_format() -> None:
    assert sportello.format_euro(Decimal("1234567.5")) == "€ 1.234.567,50"


@pytest.mark.parametrize("bad", [0.1, True, "1e5", "abc", Decimal("NaN"), None])
def test_non_decimal_amounts_are_refused_with_the_field_named(bad: object) -> None:
    with pytest.raises(InvalidAmount) as info:
        sportello.round_cents(bad)  # type: ignore[arg-type]
    assert info.value.field == "amount"
    assert isinstance(info.value, SportelloError)
    assert isinstance(info.value, ValueError)


def test_unknown_rounding_mode_is_a_typed_error() -> None:
    with pytest.raises(InvalidAmount) as info:
        sportello.round_step(Decimal(1), "sideways")  # type: ignore[arg-type]
    assert info.value.field == "mode"


@pytest.mark.parametrize("amount", ["0.12345678901", Decimal("0.12345678901")])
def test_one_decimals_rule_whatever_the_python_type(amount: object) -> None:
    with pytest.raises(InvalidAmount) as info:
        sportello.round_cents(amount)  # type: ignore[arg-type]
    assert (info.value.field, info.value.rule) == ("amount", "max_decimals")


@pytest.mark.parametrize(
    "amount",
    [
        10**15 + 1,
        "1000000000000000.01",
        Decimal("1000000000000001"),
        10**40,
        Decimal("1E+40"),
        Decimal("1234567890123456789012345678901234567890"),
    ],
)
def test_out_of_range_amounts_are_range_errors_whatever_the_python_type(amount: object) -> None:
    with pytest.raises(InvalidAmount) as info:
        sportello.round_cents(amount)  # type: ignore[arg-type]
    assert (info.value.field, info.value.rule) == ("amount", "range")


def test_the_domain_bound_itself_is_an_amount() -> None:
    assert sportello.round_euro(10**15) == Decimal(10**15)
    assert sportello.round_euro(-(10**15)) == Decimal(-(10**15))
