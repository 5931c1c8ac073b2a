"""Satisfaction through the Python front door: the questionnaire, the survey, the report."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from sportello import (
    QUESTION,
    AlreadyRated,
    InvalidDate,
    SatisfactionError,
    SatisfactionSurvey,
    SportelloError,
    answer_codes,
    answer_text,
    wilson_interval,
)

CF = "RSSMRA80A01F205X"


def month() -> SatisfactionSurvey:
    s = SatisfactionSurvey()
    s.record("MI-1", CF, "diritto-annuale", "MI", "web", date(2026, 3, 2), 5, answers=["clear_instructions"])
    s.record("MI-2", "u2", "diritto-annuale", "MI", "web", date(2026, 3, 3), 4)
    s.record(
        "MI-3",
        "u3",
        "diritto-annuale",
        "MI",
        "app",
        date(2026, 3, 9),
        2,
        answers=("technical_problems", "unclear_instructions"),
        comment="il pagamento non partiva, chiamatemi al 333 1234567",
    )
    s.record("BG-1", "u4", "accesso-atti", "BG", "web", date(2026, 3, 10), 3, answers=["technical_problems"])
    s.record_face("BG-2", "u5", "accesso-atti", "BG", "counter", date(2026, 3, 20), "green")
    s.record_face("BG-3", "u6", "accesso-atti", "BG", "counter", date(2026, 3, 21), "red", comment="coda")
    return s


def test_the_question_and_the_fixed_answers() -> None:
    assert QUESTION == "Quanto è stato facile usare questo servizio?"
    assert answer_codes("difficulties") == [
        "unclear_instructions",
        "incomplete_instructions",
        "unsure_of_progress",
        "technical_problems",
        "other_difficulty",
    ]
    assert answer_text("unsure_of_progress") == "A volte non capivo se stavo procedendo correttamente"
    assert answer_text("sure_of_progress") == "Capivo sempre che stavo procedendo correttamente"


def test_a_second_rating_of_the_same_dossier_raises_already_rated() -> None:
    s = month()
    with pytest.raises(AlreadyRated) as info:
        s.record("MI-1", CF, "diritto-annuale", "MI", "web", date(2026, 3, 4), 1)
    assert info.value.dossier == "MI-1"
    assert info.value.rule == "already_rated"
    assert isinstance(info.value, SatisfactionError) and isinstance(info.value, SportelloError)
    assert len(s) == 6
    assert s.has_rated("MI-1", CF)


@pytest.mark.parametrize(
    ("stars", "answers", "comment", "rule", "field"),
    [
        (6, [], "", "stars_range", "stars"),
        (0, [], "", "stars_range", "stars"),
        (3, ["clear_instructions"], "", "answer_branch", "answers"),
        (5, ["technical_problems"], "", "answer_branch", "answers"),
        (2, ["technical_problems", "technical_problems"], "", "duplicate_answer", "answers"),
        (2, ["slow"], "", "unknown_answer", "answers"),
        (5, [], "x" * 201, "comment_length", "comment"),
    ],
)
def test_questionnaire_rules_are_typed_errors(stars: int, answers: list[str], comment: str, rule: str, field: str) -> None:
    s = SatisfactionSurvey()
    with pytest.raises(SatisfactionError) as info:
        s.record("D", "U", "svc", "MI", "web", date(2026, 3, 1), stars, answers=answers, comment=comment)
    assert (info.value.rule, info.value.field) == (rule, field)
    assert len(s) == 0


def test_a_comment_of_two_hundred_characters_is_accepted() -> None:
    s = SatisfactionSurvey()
    s.record("D", "U", "svc", "MI", "web", date(2026, 3, 1), 5, comment="à" * 200)
    assert len(s) == 1


def test_dates_must_be_dates_and_channels_known() -> None:
    s = SatisfactionSurvey()
    with pytest.raises(InvalidDate):
        s.record("D", "U", "svc", "MI", "web", datetime(2026, 3, 1, 9, 0), 5)
    with pytest.raises(SatisfactionError) as info:
        s.record("D", "U", "svc", "MI", "fax", date(2026, 3, 1), 5)  # type: ignore[arg-type]
    assert info.value.field == "channel"


def test_aggregate_by_service() -> None:
    by = month().aggregate(by="service")
    assert [a.key for a in by] == ["accesso-atti", "diritto-annuale"]
    annual = by[1]
    assert annual.count == 3
    assert annual.mean == pytest.approx(11 / 3)
    assert annual.distribution == {1: 0, 2: 1, 3: 0, 4: 1, 5: 1}
    assert annual.satisfied == 2
    assert annual.satisfied_share == pytest.approx(2 / 3)
    assert (annual.wilson_low, annual.wilson_high) == wilson_interval(2, 3)
    records = by[0]
    assert records.faces == {"green": 1, "yellow": 0, "red": 1}
    assert records.star_count == 1
    assert records.top_difficulties == [("technical_problems", 1)]


def test_aggregate_by_chamber_and_channel_within_a_period() -> None:
    s = month()
    first_ten_days = s.aggregate(by="chamber", start=date(2026, 3, 1), end=date(2026, 3, 10))
    assert [(a.key, a.count) for a in first_ten_days] == [("BG", 1), ("MI", 3)]
    assert [a.key for a in s.aggregate(by="channel")] == ["app", "counter", "online"]
    overall = s.aggregate(by="overall")[0]
    assert overall.top_difficulties == [("technical_problems", 2), ("unclear_instructions", 1)]
    with pytest.raises(SatisfactionError) as info:
        s.aggregate(by="chamber", start=date(2026, 3, 10), end=date(2026, 3, 1))
    assert info.value.rule == "period_order"


@pytest.mark.parametrize(
    ("x", "n", "low", "high"),
    # Newcombe (1998), Statistics in Medicine 17:857-872, table I, method 3 (Wilson score)
    [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718), (29, 29, 0.8830, 1.0)],
)
def test_wilson_interval_matches_published_values(x: int, n: int, low: float, high: float) -> None:
    lo, hi = wilson_interval(x, n)
    assert (round(lo, 4), round(hi, 4)) == (low, high)


def test_publication_report_has_no_personal_data() -> None:
    report = month().publication_report()
    for text in (report.to_json(), report.to_markdown()):
        assert CF not in text
        assert "MI-1" not in text and "BG-2" not in text
        assert "333 1234567" not in text and "coda" not in text
        assert "u2" not in text
    doc = json.loads(report.to_json())
    assert doc["overall"]["count"] == 6
    assert report.overall.count == 6
    assert [a.key for a in report.by_chamber] == ["BG", "MI"]


def test_publication_report_can_withhold_small_groups() -> None:
    report = month().publication_report(min_group_size=3)
    assert [a.key for a in report.by_service] == ["accesso-atti", "diritto-annuale"]
    # channels: web 3 ratings (kept), counter 2 and app 1 (withheld)
    assert [a.key for a in report.by_channel] == ["online"]
    assert report.withheld_groups == 2


def test_survey_json_round_trip() -> None:
    s = month()
    again = SatisfactionSurvey.from_json(s.to_json())
    assert len(again) == len(s)
    assert again.to_json() == s.to_json()
    assert repr(again) == "SatisfactionSurvey(ratings=6)"
