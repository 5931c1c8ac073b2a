"""The protocol desk through the Python front door: entries, annulment (DPR 445/2000 art. 54),
the daily register and its preservation by the next working day (art. 53 c.2; AgID guidelines)."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
import xmlschema

from sportello import (
    Actor,
    DailyRegister,
    DelegationBook,
    DigitalDomicile,
    DossierRefused,
    Identity,
    InMemoryPecDirectory,
    InMemoryRegistry,
    InvalidDate,
    InvalidTransition,
    ManualClock,
    NotAuthorized,
    OfficerRegister,
    PendingRegister,
    Profiler,
    ProtocolEntry,
    ProtocolRefused,
    RegisterPreservation,
    Sportello,
)

XSD = Path(__file__).resolve().parents[2] / "testdata" / "segnatura" / "segnatura_v3_subset.xsd"
MONDAY = date(2026, 3, 2)
MANAGER = "BNCGPP75C10F205Q"
OPERATOR = "CLMLSN90E15D286P"
ACT = "determinazione del responsabile n. 4 del 02/03/2026"


def spid(cf: str) -> Identity:
    return Identity.from_spid(
        {
            "fiscalNumber": f"TINIT-{cf}",
            "name": "Nome",
            "familyName": "Cognome",
            "authnContextClassRef": "https://www.spid.gov.it/SpidL2",
        }
    )


def officer(cf: str, chamber: str = "MI") -> Actor:
    register = OfficerRegister()
    register.seed(MANAGER, "Giuseppe Bianchi", "MI", ["protocol_manager"])
    register.seed(OPERATOR, "Alessandro Colombo", "MI", ["case_handler", "head_of_procedure", "protocol_officer"])
    register.seed("CNTPLA88L05F205O", "Paolo Conti", "MI", ["front_office"])
    register.seed("GLLFNC71H08E507P", "Francesco Galli", "BG", ["protocol_manager"])
    return register.act_as_officer(spid(cf), chamber)


MARIA = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures()).act_as(
    spid("RSSMRA80A41F205B"), "private", on=MONDAY
)
FORM = {"documents": "verbale di accertamento n. 12/2025", "motivation": "difesa in giudizio"}


def counter() -> tuple[Sportello, ManualClock]:
    clock = ManualClock(datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc))
    directory = InMemoryPecDirectory.fixtures()
    directory.add(DigitalDomicile("RSSMRA80A41F205B", "maria.rossi@pec.example.it", "professionals"))
    return Sportello.with_memory_adapters(clock, pec_directory=directory), clock


def test_entries_are_readable_with_natural_types() -> None:
    s, _ = counter()
    d = s.submit(MARIA, "accesso-atti", FORM, [("id.pdf", "application/pdf", b"%PDF-1.4")])
    e = s.protocol_entry(d.protocol_numbers[0])
    assert isinstance(e, ProtocolEntry)
    assert (e.number, e.register, e.date) == ("2026/0000001", "PG", MONDAY)
    assert e.registered_at == datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    assert (e.direction, e.sender, e.folder) == ("incoming", "Nome Cognome", d.id)
    assert e.recipients == ["Camera di commercio MI"]
    assert e.subject == f"Accesso agli atti (documentale) - {d.id}"
    assert (e.classification, e.attachments_count, e.annulled, e.annulment) == ("1.8", 1, False, None)
    assert len(e.digest) == 64
    assert json.loads(e.to_json())["number"] == {"year": 2026, "number": 1}
    with pytest.raises(ProtocolRefused) as info:
        s.protocol_entry("2026/0000099")
    assert (info.value.rule, info.value.field) == ("not_found", "number")
    with pytest.raises(ProtocolRefused) as bad:
        s.protocol_entry("2026/12")
    assert bad.value.field == "protocol_number"


def test_the_head_of_the_protocol_service_annuls_and_the_dossier_shows_it() -> None:
    s, clock = counter()
    d = s.submit(MARIA, "accesso-atti", FORM)
    number = d.protocol_numbers[0]
    clock.advance(hours=2)
    e = s.annul_registration(officer(MANAGER), number, "istanza registrata due volte", ACT)
    assert e.annulled and e.subject.startswith("Accesso agli atti")
    a = e.annulment
    assert a is not None
    assert (a.reason, a.authorisation, a.operator, a.authorised_by) == (
        "istanza registrata due volte",
        ACT,
        MANAGER,
        MANAGER,
    )
    assert (a.at, a.on) == (datetime(2026, 3, 2, 11, 0, tzinfo=timezone.utc), MONDAY)
    assert s.protocol_entry(number).annulled
    # the segnatura of the annulled entry is still produced and valid
    xml = s.segnatura(number)
    xmlschema.XMLSchema(str(XSD)).validate(xml)
    # the dossier records the annulment and lists the number as annulled, with the reason
    seen = s.dossier(MARIA, d.id)
    assert seen.protocol_numbers == [number]
    assert seen.annulled_protocols == [(number, "istanza registrata due volte", ACT, MANAGER, MONDAY)]
    assert seen.history[-1].action == "annul_protocol"
    assert seen.status == d.status
    assert len(s.verify_dossier(d.id)) == 64


def test_annulment_refusals_name_field_and_rule() -> None:
    s, _ = counter()
    d = s.submit(MARIA, "accesso-atti", FORM)
    number = d.protocol_numbers[0]
    manager = officer(MANAGER)
    with pytest.raises(NotAuthorized) as user:
        s.annul_registration(MARIA, number, "errore", ACT)
    assert user.value.rule == "officers_only"
    with pytest.raises(NotAuthorized) as operator:
        s.annul_registration(officer(OPERATOR), number, "errore", ACT)
    assert operator.value.rule == "officer_role"
    with pytest.raises(NotAuthorized) as other:
        s.annul_registration(officer("GLLFNC71H08E507P", "BG"), number, "errore", ACT)
    assert other.value.rule == "chamber"
    for reason, act, field in [("", ACT, "reason"), ("errore", "  ", "authorisation")]:
        with pytest.raises(ProtocolRefused) as missing:
            s.annul_registration(manager, number, reason, act)
        assert (missing.value.rule, missing.value.field) == ("required", field)
    with pytest.raises(ProtocolRefused) as unknown:
        s.annul_registration(manager, "2026/0000042", "errore", ACT)
    assert (unknown.value.rule, unknown.value.field) == ("not_found", "number")
    assert not s.protocol_entry(number).annulled
    assert s.dossier(MARIA, d.id).version == d.version
    s.annul_registration(manager, number, "errore", ACT)
    with pytest.raises(ProtocolRefused) as twice:
        s.annul_registration(manager, number, "ancora", ACT)
    assert (twice.value.rule, twice.value.field) == ("already_annulled", "number")
    assert isinstance(twice.value, DossierRefused)
    assert len(s.dossier(MARIA, d.id).annulled_protocols) == 1


def test_a_preserved_dossier_is_final() -> None:
    s, clock = counter()
    d = s.submit(MARIA, "accesso-atti", FORM)
    handler = officer(OPERATOR)
    clock.advance(days=1)
    s.take_charge(handler, d.id)
    s.decide(handler, d.id, "accepted", "interesse diretto")
    s.close(handler, d.id)
    s.preserve(handler, d.id)
    with pytest.raises(InvalidTransition) as info:
        s.annul_registration(officer(MANAGER), d.protocol_numbers[0], "errore", ACT)
    assert (info.value.action, info.value.state) == ("annul_protocol", "preserved")
    assert not s.protocol_entry(d.protocol_numbers[0]).annulled


def test_the_daily_register_goes_to_preservation_by_the_next_working_day() -> None:
    s, clock = counter()
    s.submit(MARIA, "accesso-atti", FORM)
    clock.advance(hours=1)
    s.submit(MARIA, "reclami", {"category": "disservizio", "description": "attesa troppo lunga allo sportello"})
    register = s.daily_register(MONDAY)
    assert isinstance(register, DailyRegister)
    assert (register.first_number, register.last_number) == ("2026/0000001", "2026/0000002")
    assert register.identifier == "cciaa_mi-AOO_MI-PG-20260302"
    assert hashlib.sha256(register.content()).hexdigest() == register.digest
    assert register.verify() and not register.is_empty()
    assert [e.number for e in register.entries] == ["2026/0000001", "2026/0000002"]
    assert s.daily_register(date(2026, 3, 3)).is_empty()
    with pytest.raises(ProtocolRefused) as early:
        s.preserve_daily_register(officer(OPERATOR), MONDAY)
    assert (early.value.rule, early.value.field) == ("day_not_over", "date")
    assert s.pending_daily_registers() == []
    clock.set(datetime(2026, 3, 3, 7, 0, tzinfo=timezone.utc))
    pending = s.pending_daily_registers()
    assert len(pending) == 1 and isinstance(pending[0], PendingRegister)
    p = pending[0]
    assert (p.date, p.due_date, p.overdue, p.registrations, p.annulments) == (MONDAY, date(2026, 3, 3), False, 2, 0)
    clock.set(datetime(2026, 3, 4, 7, 0, tzinfo=timezone.utc))
    assert s.pending_daily_registers()[0].overdue
    sent = s.preserve_pending_registers()
    assert len(sent) == 1 and isinstance(sent[0], RegisterPreservation)
    r = sent[0]
    assert (r.date, r.due_date, r.sent_by, r.late) == (MONDAY, date(2026, 3, 3), "system", True)
    assert (r.register_digest, r.registrations, r.annulments) == (register.digest, 2, 0)
    assert (r.receipt_id, r.package_id) == ("RdV-000001", "PdV-cciaa_mi-AOO_MI-PG-20260302")
    assert r.sent_at == r.receipt_at == datetime(2026, 3, 4, 7, 0, tzinfo=timezone.utc)
    assert len(r.package_digest) == 64
    assert s.preserve_pending_registers() == []
    assert s.pending_daily_registers() == []
    assert [x.receipt_id for x in s.register_preservations()] == ["RdV-000001"]
    with pytest.raises(ProtocolRefused) as again:
        s.preserve_daily_register(officer(MANAGER), MONDAY)
    assert (again.value.rule, again.value.field) == ("already_preserved", "date")


def test_an_annulment_recorded_later_goes_to_its_own_day() -> None:
    s, clock = counter()
    d = s.submit(MARIA, "accesso-atti", FORM)
    clock.set(datetime(2026, 3, 3, 8, 0, tzinfo=timezone.utc))
    kept = s.preserve_daily_register(officer(OPERATOR), MONDAY)
    assert (kept.sent_by, kept.late) == (OPERATOR, False)
    # Saturday 4 April 2026: Easter and Easter Monday follow, the register is due on Tuesday 7
    clock.set(datetime(2026, 4, 4, 9, 0, tzinfo=timezone.utc))
    s.annul_registration(officer(MANAGER), d.protocol_numbers[0], "duplicata", ACT)
    assert s.daily_register(MONDAY).digest == kept.register_digest
    saturday = s.daily_register(date(2026, 4, 4))
    assert saturday.entries == [] and [e.number for e in saturday.annulments] == ["2026/0000001"]
    clock.set(datetime(2026, 4, 6, 9, 0, tzinfo=timezone.utc))
    [p] = s.pending_daily_registers()
    assert (p.date, p.due_date, p.overdue, p.annulments) == (date(2026, 4, 4), date(2026, 4, 7), False, 1)
    clock.set(datetime(2026, 4, 8, 9, 0, tzinfo=timezone.utc))
    assert s.pending_daily_registers()[0].overdue


def test_only_protocol_officers_send_a_register_and_dates_must_be_dates() -> None:
    s, clock = counter()
    s.submit(MARIA, "accesso-atti", FORM)
    clock.advance(days=1)
    with pytest.raises(NotAuthorized) as front:
        s.preserve_daily_register(officer("CNTPLA88L05F205O"), MONDAY)
    assert front.value.rule == "officer_role"
    with pytest.raises(NotAuthorized):
        s.preserve_daily_register(MARIA, MONDAY)
    with pytest.raises(InvalidDate):
        s.daily_register(datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc))
    with pytest.raises(ProtocolRefused) as empty:
        s.preserve_daily_register(officer(OPERATOR), date(2026, 3, 1))
    assert empty.value.rule == "empty_register"
    assert s.register_preservations() == []
