"""Identifiers through the Python front door: the same rules as core, agreement with python-stdnum."""

from __future__ import annotations

import random
from datetime import date

import pytest
from stdnum.it import codicefiscale as stdnum_cf
from stdnum.it import iva as stdnum_iva

import sportello
from sportello import (
    CodiceFiscale,
    InvalidCodiceFiscale,
    InvalidPartitaIva,
    PartitaIva,
    SportelloError,
    is_valid_codice_fiscale,
    is_valid_partita_iva,
    validate_codici_fiscali,
    validate_partite_iva,
)

# -- an independent generator, from the tables of reference/identifiers-payments.md ---------------

_ODD = dict(
    zip(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [1, 0, 5, 7, 9, 13, 15, 17, 19, 21]
        + [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23],
    )
)
_OMOCODIA = "LMNPQRSTUV"
_MONTHS = "ABCDEHLMPRST"
_SUBSTITUTABLE = [6, 7, 9, 10, 12, 13, 14]
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _even(c: str) -> int:
    return int(c) if c.isdigit() else ord(c) - ord("A")


def check_character(first15: str) -> str:
    total = sum(_ODD[c] if i % 2 == 0 else _even(c) for i, c in enumerate(first15))
    return chr(ord("A") + total % 26)


def luhn(first10: str) -> str:
    total = 0
    for i, c in enumerate(first10):
        d = int(c)
        total += d if i % 2 == 0 else (2 * d) // 10 + (2 * d) % 10
    return str((10 - total % 10) % 10)


def person_code(rng: random.Random) -> str:
    """A valid canonical code with a real birth date (1930-2019) and a real birthplace."""
    born = date(1930, 1, 1).toordinal() + rng.randrange(90 * 365)
    d = date.fromordinal(born)
    day = d.day + (40 if rng.random() < 0.5 else 0)
    place = rng.choice(["F205", "H501", "L219", "D969", "A794", "B157", "Z110", "Z404", "M082"])
    names = "".join(rng.choice(_LETTERS) for _ in range(6))
    first15 = f"{names}{d.year % 100:02d}{_MONTHS[d.month - 1]}{day:02d}{place}"
    return first15 + check_character(first15)


def omocode(code: str, mask: int) -> str:
    chars = list(code)
    for k, i in enumerate(_SUBSTITUTABLE):
        if mask & (1 << k):
            chars[i] = _OMOCODIA[int(chars[i])]
    first15 = "".join(chars[:15])
    return first15 + check_character(first15)


def partita_iva(rng: random.Random) -> str:
    office = rng.choice([*range(1, 101), 120, 121, 888, 999])
    first10 = f"{rng.randrange(1, 8_000_000):07d}{office:03d}"
    return first10 + luhn(first10)


def mutations(code: str) -> list[str]:
    alphabet = _LETTERS + "0123456789"
    return [code[:i] + c + code[i + 1 :] for i in range(len(code)) for c in alphabet if c != code[i]]


# -- the surface -----------------------------------------------------------------------------------


def test_parse_decodes_a_natural_person() -> None:
    cf = CodiceFiscale.parse("rcc mnl 83s18 d969h")
    assert cf.value == "RCCMNL83S18D969H"
    assert (cf.sex, cf.birth_day, cf.birth_month, cf.birth_year_2d) == ("M", 18, 11, 83)
    assert cf.birthplace_code == "D969"
    assert not cf.is_legal_person and not cf.is_omocode
    assert cf.birth_date(1920) == date(1983, 11, 18)


def test_omocodic_code_has_a_canonical_form() -> None:
    cf = CodiceFiscale.parse("RSSMRA45C12F2L5N")
    assert cf.is_omocode
    assert cf.canonical == CodiceFiscale.parse("RSSMRA45C12F205C")
    assert cf.canonical.value == "RSSMRA45C12F205C"
    assert cf.birthplace_code == "F205"
    assert len(cf.omocodic_variants()) == 128


def test_numeric_code_is_a_legal_person_without_birth_data() -> None:
    cf = CodiceFiscale.parse("97735020584")
    assert cf.is_legal_person
    assert cf.numeric_class == "not_vat_registered"
    assert (cf.sex, cf.birth_day, cf.birth_month, cf.birth_year_2d, cf.birthplace_code) == (None,) * 5


def test_values_compare_hash_and_print_like_python_values() -> None:
    a = CodiceFiscale.parse("RCCMNL83S18D969H")
    b = CodiceFiscale.parse("rccmnl83s18d969h")
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != CodiceFiscale.parse("RSSMRA45C12F2L5N")
    assert str(a) == "RCCMNL83S18D969H"
    assert repr(a) == "CodiceFiscale('RCCMNL83S18D969H')"
    p = PartitaIva.parse("IT 00743110157")
    assert (p.value, p.matricola, p.office_code, p.to_eu_vat()) == ("00743110157", 74311, 15, "IT00743110157")
    assert p == PartitaIva.parse("00743110157") and hash(p) == hash(PartitaIva.parse("00743110157"))
    assert str(p) == "00743110157" and repr(p) == "PartitaIva('00743110157')"


def test_the_package_root_exports_the_identifiers() -> None:
    assert sportello.CodiceFiscale is CodiceFiscale
    assert issubclass(InvalidCodiceFiscale, SportelloError)
    assert issubclass(InvalidPartitaIva, SportelloError)
    assert issubclass(InvalidCodiceFiscale, ValueError)


# -- refusals carry the rule -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule", "position", "expected", "found"),
    [
        ("RCCMNL83S18D969", "length", None, "16 or 11", "15"),
        ("R1CMNL83S18D969H", "character", 2, "a letter A-Z", "1"),
        ("RCCMNL83F18D969H", "month", 9, "A B C D E H L M P R S T", "F"),
        ("RCCMNL83S35D969H", "day", 10, "01-31 or 41-71", "35"),
        ("RCCMNL83D31D969H", "calendar_date", None, None, "31/04/83"),
        ("RCCMNL83S18D969A", "check_character", 16, "H", "A"),
        ("00743110158", "check_character", 11, "7", "8"),
    ],
)
def test_invalid_codice_fiscale_names_the_rule(
    text: str, rule: str, position: int | None, expected: str | None, found: str
) -> None:
    with pytest.raises(InvalidCodiceFiscale) as info:
        CodiceFiscale.parse(text)
    e = info.value
    assert (e.rule, e.position, e.expected, e.found) == (rule, position, expected, found)
    assert e.field == "codice_fiscale" and e.text == text
    assert not is_valid_codice_fiscale(text)


@pytest.mark.parametrize(
    ("text", "rule", "position"),
    [
        ("0074311015", "length", None),
        ("0074311015X", "character", 11),
        ("00743112003", "office_code", 8),
        ("00743110158", "check_digit", 11),
    ],
)
def test_invalid_partita_iva_names_the_rule(text: str, rule: str, position: int | None) -> None:
    with pytest.raises(InvalidPartitaIva) as info:
        PartitaIva.parse(text)
    assert (info.value.rule, info.value.position, info.value.field) == (rule, position, "partita_iva")
    assert not is_valid_partita_iva(text)


@pytest.mark.parametrize("bad", [None, 42, b"RCCMNL83S18D969H", ["RCCMNL83S18D969H"]])
def test_non_str_input_is_a_typed_error_not_a_crash(bad: object) -> None:
    with pytest.raises(InvalidCodiceFiscale) as info:
        CodiceFiscale.parse(bad)  # type: ignore[arg-type]
    assert info.value.rule == "type"
    with pytest.raises(InvalidPartitaIva) as info2:
        PartitaIva.parse(bad)  # type: ignore[arg-type]
    assert info2.value.rule == "type"
    assert is_valid_codice_fiscale(bad) is False  # type: ignore[arg-type]
    assert is_valid_partita_iva(bad) is False  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "\x00" * 16, "é" * 16, "\ud800", "RCCMNL83S18D96\U0001f600", "x" * 10_000])
def test_hostile_text_raises_the_typed_error(text: str) -> None:
    with pytest.raises(InvalidCodiceFiscale):
        CodiceFiscale.parse(text)
    assert not is_valid_codice_fiscale(text)
    with pytest.raises(InvalidPartitaIva):
        PartitaIva.parse(text)


def test_birth_date_of_a_numeric_code_is_refused() -> None:
    with pytest.raises(InvalidCodiceFiscale) as info:
        CodiceFiscale.parse("00743110157").birth_date(1920)
    assert info.value.rule == "no_birth_date"


# -- batch forms -----------------------------------------------------------------------------------


def test_batch_forms_accept_any_iterable_of_str() -> None:
    texts = ["RCCMNL83S18D969H", "RCCMNL83S18D969A", "rssmra45c12f2l5n", "00743110157"]
    expected = [True, False, True, True]
    assert validate_codici_fiscali(texts) == expected
    assert validate_codici_fiscali(tuple(texts)) == expected
    assert validate_codici_fiscali(t for t in texts) == expected
    assert validate_partite_iva(["00743110157", "IT00743110157", "00743110158"]) == [True, True, False]
    assert validate_codici_fiscali([]) == []


def test_batch_items_that_are_not_str_are_invalid() -> None:
    assert validate_codici_fiscali(["RCCMNL83S18D969H", None, 7]) == [True, False, False]  # type: ignore[list-item]


def test_batch_refuses_a_single_str() -> None:
    with pytest.raises(TypeError):
        validate_codici_fiscali("RCCMNL83S18D969H")


# -- agreement with python-stdnum ------------------------------------------------------------------


def test_agrees_with_stdnum_on_generated_codes_omocodes_and_mutations() -> None:
    rng = random.Random(20241126)
    valid: list[str] = []
    omocodes: list[str] = []
    mutated: list[str] = []
    for _ in range(300):
        code = person_code(rng)
        valid.append(code)
        omocodes.extend(omocode(code, rng.randrange(1, 128)) for _ in range(4))
        mutated.extend(mutations(omocode(code, rng.randrange(128))))
    numeric = [partita_iva(rng) for _ in range(300)]
    groups = {"valid": valid, "omocodic": omocodes, "numeric": numeric, "mutated": mutated}
    for name, codes in groups.items():
        ours = validate_codici_fiscali(codes)
        theirs = [bool(stdnum_cf.is_valid(c)) for c in codes]
        disagreements = [c for c, a, b in zip(codes, ours, theirs) if a != b]
        assert disagreements == [], name
        assert [is_valid_codice_fiscale(c) for c in codes[:500]] == ours[:500]
    assert all(validate_codici_fiscali(valid + omocodes + numeric))
    assert not any(validate_codici_fiscali(mutated))


def test_every_omocodic_variant_agrees_with_stdnum() -> None:
    variants = [v.value for v in CodiceFiscale.parse("CCCFBA85D03L219P").omocodic_variants()]
    assert len(set(variants)) == 128
    assert all(stdnum_cf.is_valid(v) for v in variants)
    assert all(validate_codici_fiscali(variants))


def test_agrees_with_stdnum_on_generated_partite_iva_and_their_mutations() -> None:
    rng = random.Random(7)
    codes = [partita_iva(rng) for _ in range(2000)]
    mutated = [m for c in codes[:200] for m in mutations(c) if m.isdigit()]
    for group in (codes, mutated):
        assert validate_partite_iva(group) == [bool(stdnum_iva.is_valid(c)) for c in group]
    assert all(validate_partite_iva(codes)) and not any(validate_partite_iva(mutated))


def test_deliberate_differences_from_stdnum_follow_the_sogei_checker() -> None:
    # Birthplace letter N (Sogei: only A-I, L, M, Z) with a correct check character.
    first15 = "RCCMNL83S18N969"
    code = first15 + check_character(first15)
    assert stdnum_cf.is_valid(code) and not is_valid_codice_fiscale(code)
    # Day 81: python-stdnum reads it as 81 % 40 = 1; the decree has 01-31 and 41-71 only.
    first15 = "RCCMNL83S81D969"
    code = first15 + check_character(first15)
    assert stdnum_cf.is_valid(code) and not is_valid_codice_fiscale(code)
    # A provisional numeric code (office 200, Intendenza di Finanza): valid for Sogei.
    first10 = "1234567200"
    code = first10 + luhn(first10)
    assert not stdnum_cf.is_valid(code) and is_valid_codice_fiscale(code)
