"""Legal terms through the Python front door: the dated scenarios of testdata/terms/scenarios.json
(shared with the Rust and Kotlin tests), the daily run, the officers' lists, oppositions and the
civic-access release."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from sportello import (
    Actor,
    Calendar,
    DelegationBook,
    DossierRefused,
    Identity,
    InMemoryRegistry,
    InvalidTransition,
    ManualClock,
    NotAuthorized,
    OfficerRegister,
    Profiler,
    Sportello,
    TermError,
)

if TYPE_CHECKING:
    # the stubs' role names, whatever roles the profile module adds
    from sportello.profile import _OfficerRole as Role

SCENARIOS = json.loads(
    (Path(__file__).resolve().parents[2] / "testdata" / "terms" / "scenarios.json").read_text()
)["scenarios"]

PROFILER = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures())
COMPANY = ("Verdi Acciai S.p.A.", "03456780174")


def spid(cf: str, name: str, family: str) -> Identity:
    """A SPID level 2 login."""
    return Identity.from_spid(
        {
            "fiscalNumber": f"TINIT-{cf}",
            "name": name,
            "familyName": family,
            "authnContextClassRef": "https://www.spid.gov.it/SpidL2",
        }
    )


def officer_at(cf: str, chamber: str, roles: list[Role]) -> Actor:
    register = OfficerRegister()
    register.seed(cf, "Funzionario Camerale", chamber, roles)
    return register.act_as_officer(spid(cf, "Funzionario", "Camerale"), chamber)


APPLICANT = PROFILER.act_as(spid("RSSMRA80A41F205B", "Maria", "Rossi"), "private", on=date(2026, 3, 2))
OFFICER = officer_at("CLMLSN90E15D286P", "MI", ["case_handler", "head_of_procedure", "substitute"])
FORM = {
    "documents": "verbale 12/2025",
    "motivation": "tutela in giudizio",
    "description": "attesa allo sportello",
    "request": "rimborso",
    "year": "2025",
    "amount_paid": "126.00",
    "reason": "versamento doppio",
}


def at(clock: ManualClock, on: date) -> None:
    """09:00 or 10:00 in Rome: 08:00 UTC is the same Italian date all year."""
    clock.set(datetime(on.year, on.month, on.day, 8, 0, tzinfo=timezone.utc))


def counter(scenario: dict[str, Any], clock: ManualClock) -> Sportello:
    calendar = None
    if "calendar" in scenario:
        c = scenario["calendar"]
        calendar = Calendar(c.get("province"), c.get("saturday_moves", False))
    rules = None
    if "rules" in scenario:
        base = Sportello.with_memory_adapters(clock)
        configured = json.loads(base.procedure_rules(scenario["service"]))
        configured.update(scenario["rules"])
        rules = [json.dumps(configured)]
    return Sportello.with_memory_adapters(clock, calendar=calendar, rules=rules)


def step_call(s: Sportello, dossier_id: str, step: dict[str, Any]) -> None:
    match step["do"]:
        case "take_charge":
            s.take_charge(OFFICER, dossier_id)
        case "request_integration":
            s.request_integration(
                OFFICER, dossier_id, "documento mancante", reply_within_days=step["reply_within_days"]
            )
        case "reply_integration":
            s.reply_integration(APPLICANT, dossier_id, "integrazione")
        case "suspend":
            s.suspend(OFFICER, dossier_id, step["cause"], step["days"])
        case "resume":
            s.resume(OFFICER, dossier_id)
        case "notify_refusal":
            s.notify_refusal(OFFICER, dossier_id, "motivi ostativi")
        case "submit_observations":
            s.submit_observations(APPLICANT, dossier_id, "osservazioni")
        case "record_opposition":
            s.record_opposition(OFFICER, dossier_id, "dati commerciali riservati", COMPANY)
        case "decide":
            s.decide(OFFICER, dossier_id, step["outcome"], "motivazione")
        case "release":
            s.release(OFFICER, dossier_id)
        case "activate_substitute":
            s.activate_substitute(OFFICER, dossier_id)
        case other:
            raise AssertionError(f"unknown step {other}")


ERRORS: dict[str, type[DossierRefused]] = {
    "term": TermError,
    "refused": DossierRefused,
    "transition": InvalidTransition,
}


def observed(s: Sportello, dossier_id: str, key: str) -> object:
    d = s.dossier(OFFICER, dossier_id)
    term = d.term
    assert term is not None
    values: dict[str, object] = {
        "status": d.status,
        "start": term.start,
        "due_date": term.due_date,
        "days_left": term.days_left,
        "overdue": term.overdue,
        "suspended": term.suspended,
        "suspended_days": term.suspended_days,
        "substitute_due": term.substitute_due,
        "reply_by": d.reply_by,
        "release_not_before": d.release_not_before,
    }
    return values[key]


def expected(value: object) -> object:
    """Dates in the JSON are ISO strings; the Python surface gives datetime.date."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        return date.fromisoformat(value)
    return value


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_dated_scenario(scenario: dict[str, Any]) -> None:
    clock = ManualClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
    at(clock, date.fromisoformat(scenario["received"]))
    s = counter(scenario, clock)
    form = dict(FORM, category="disservizio" if scenario["service"] == "reclami" else "rimborso")
    dossier_id = s.submit(APPLICANT, scenario["service"], form).id
    for step in scenario["steps"]:
        at(clock, date.fromisoformat(step["on"]))
        where = f"{step['on']}: {step.get('why', '')}"
        if "check" in step:
            for key, want in step["check"].items():
                assert observed(s, dossier_id, key) == expected(want), f"{key} on {where}"
        elif step["do"] == "run_terms":
            run = s.run_terms()
            assert run.failures == []
            got = [a.action for a in run.actions if a.dossier_id == dossier_id]
            assert got == step["actions"], where
        elif "error" in step:
            want_error = step["error"]
            with pytest.raises(ERRORS[want_error["kind"]]) as caught:
                step_call(s, dossier_id, step)
            if "rule" in want_error:
                assert caught.value.rule == want_error["rule"], where
            if "date" in want_error:
                assert isinstance(caught.value, TermError)
                assert caught.value.date == date.fromisoformat(want_error["date"]), where
        else:
            step_call(s, dossier_id, step)


def fresh(on: date) -> tuple[Sportello, ManualClock]:
    clock = ManualClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
    at(clock, on)
    return Sportello.with_memory_adapters(clock), clock


def test_a_late_reply_is_a_term_error_naming_the_rule_the_day_and_the_article() -> None:
    s, clock = fresh(date(2026, 3, 2))
    d = s.submit(APPLICANT, "diritto-annuale", dict(FORM, category="rimborso"))
    s.take_charge(OFFICER, d.id)
    d = s.request_integration(OFFICER, d.id, "quietanza", reply_within_days=10)
    assert d.reply_by == date(2026, 3, 12)
    at(clock, date(2026, 3, 13))
    with pytest.raises(TermError) as caught:
        s.reply_integration(APPLICANT, d.id, "tardi")
    assert (caught.value.rule, caught.value.date) == ("reply_window_closed", date(2026, 3, 12))
    assert "art. 2 c.7" in caught.value.article
    run = s.run_terms()
    assert [(a.dossier_id, a.action, a.date) for a in run.actions] == [(d.id, "lapse_integration", date(2026, 3, 12))]
    assert run.on == date(2026, 3, 13)
    assert s.dossier(OFFICER, d.id).status == "in_charge"
    assert s.run_terms().actions == []


def test_the_officers_lists_are_for_the_chambers_case_handlers() -> None:
    s, clock = fresh(date(2026, 3, 2))
    d = s.submit(APPLICANT, "accesso-atti", FORM)
    at(clock, date(2026, 3, 20))
    # due Wed 1 Apr: 11 days to 31 Mar + 1 = 12 left
    soon = s.due_soon(OFFICER, 12)
    assert [(e.dossier_id, e.status, e.term.days_left) for e in soon] == [(d.id, "registered", 12)]
    assert s.due_soon(OFFICER, 11) == []
    at(clock, date(2026, 4, 2))
    assert [e.term.days_left for e in s.overdue(OFFICER)] == [-1]
    with pytest.raises(NotAuthorized) as caught:
        s.overdue(officer_at("GLLFNC71H08E507P", "BG", ["case_handler"]), "MI")
    assert caught.value.rule == "chamber"
    with pytest.raises(NotAuthorized):
        s.due_soon(APPLICANT, 10)
    s.run_terms()
    assert s.overdue(OFFICER) == []


def test_an_opposition_from_a_person_ends_the_suspension_and_is_protocolled() -> None:
    s, clock = fresh(date(2026, 3, 2))
    d = s.submit(APPLICANT, "accesso-civico", {"documents": "contratti 2025"})
    s.take_charge(OFFICER, d.id)
    d = s.suspend(OFFICER, d.id, "counterparties", 10)
    assert d.term is not None and d.term.suspended_for == "counterparties"
    at(clock, date(2026, 3, 6))
    before = len(d.protocol_numbers)
    d = s.record_opposition(
        OFFICER,
        d.id,
        "dati personali",
        ("Luigi", "Bianchi", "BNCLGU70A01F205X"),
        [("opposizione.pdf", "application/pdf", b"%PDF")],
    )
    assert d.status == "in_charge"
    assert d.oppositions == [("dati personali", date(2026, 3, 6))]
    assert len(d.protocol_numbers) == before + 1
    assert "Bianchi" in s.segnatura(d.protocol_numbers[-1])
    with pytest.raises(TypeError):
        s.record_opposition(OFFICER, d.id, "x", ("solo nome",))  # type: ignore[arg-type]


def test_release_after_an_opposition_waits_fifteen_days_and_the_dossier_shows_the_day() -> None:
    s, clock = fresh(date(2026, 3, 2))
    d = s.submit(APPLICANT, "accesso-civico", {"documents": "contratti 2025"})
    s.take_charge(OFFICER, d.id)
    s.suspend(OFFICER, d.id, "counterparties", 10)
    s.record_opposition(OFFICER, d.id, "segreto commerciale", COMPANY)
    d = s.decide(OFFICER, d.id, "accepted", "prevale l'interesse alla trasparenza")
    # decided 2 Mar: not before 2 + 15 = 17 Mar
    assert d.release_not_before == date(2026, 3, 17)
    at(clock, date(2026, 3, 16))
    with pytest.raises(TermError) as caught:
        s.release(OFFICER, d.id)
    assert (caught.value.rule, caught.value.date) == ("release_not_before", date(2026, 3, 17))
    at(clock, date(2026, 3, 17))
    assert s.release(OFFICER, d.id).released_on == date(2026, 3, 17)


def test_procedure_rules_are_configured_as_json_and_bad_json_is_refused() -> None:
    clock = ManualClock(datetime(2026, 3, 2, 8, tzinfo=timezone.utc))
    s = Sportello.with_memory_adapters(clock)
    rules = json.loads(s.procedure_rules("accesso-civico"))
    assert (rules["release_after_opposition_days"], rules["incomplete_request_within_days"]) == (15, 10)
    rules["term_days"] = 20
    configured = Sportello.with_memory_adapters(clock, rules=[json.dumps(rules)])
    d = configured.submit(APPLICANT, "accesso-civico", {"documents": "x"})
    # 2 Mar + 20 = Sun 22 Mar -> Mon 23 Mar
    assert d.due_date == date(2026, 3, 23)
    with pytest.raises(DossierRefused) as caught:
        Sportello.with_memory_adapters(clock, rules=['{"service_id": "x"}'])
    assert caught.value.field == "rules"
