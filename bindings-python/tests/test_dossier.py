"""The electronic administrative procedure through the Python front door."""

from __future__ import annotations

import json
import threading
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest
import xmlschema

import sportello
from sportello import (
    ChainBroken,
    Actor,
    Conflict,
    DelegationBook,
    DigitalDomicile,
    DossierRefused,
    Identity,
    InMemoryPecDirectory,
    InMemoryRegistry,
    InvalidTransition,
    ManualClock,
    NotAuthorized,
    OfficerRegister,
    Profiler,
    Sportello,
    SportelloError,
    TermError,
)

XSD = Path(__file__).resolve().parents[2] / "testdata" / "segnatura" / "segnatura_v3_subset.xsd"

DAY = date(2026, 3, 2)
PROFILER = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures())


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


def officers() -> OfficerRegister:
    register = OfficerRegister()
    register.seed("CLMLSN90E15D286P", "Alessandro Colombo", "MI", ["case_handler", "head_of_procedure", "protocol_officer"])
    register.seed("BRBLGU60B19C933D", "Luigi Barbieri", "MI", ["case_handler"])
    register.seed("CNTPLA88L05F205O", "Paolo Conti", "MI", ["front_office"])
    register.seed("GLLFNC71H08E507P", "Francesco Galli", "BG", ["case_handler", "head_of_procedure"])
    return register


def officer(cf: str, chamber: str = "MI") -> Actor:
    return officers().act_as_officer(spid(cf, "Funzionario", "Camerale"), chamber)


MARIA = PROFILER.act_as(spid("RSSMRA80A41F205B", "Maria", "Rossi"), "private", on=DAY)
OFFICER = officer("CLMLSN90E15D286P")
ACCESS_FORM = {
    "documents": "verbale di accertamento n. 12/2025",
    "motivation": "difesa in giudizio",
}


class DictStore:
    """A host-implemented dossier store: events as JSON strings in a dict, one lock."""

    def __init__(self) -> None:
        self.streams: dict[str, list[str]] = {}
        self.order: list[str] = []
        self.sequence = 0
        self.lock = threading.Lock()

    def append(self, dossier_id: str, expected_version: int, events: list[str]) -> int:
        with self.lock:
            stream = self.streams.setdefault(dossier_id, [])
            if len(stream) != expected_version:
                err = Conflict("version mismatch")
                err.actual = len(stream)
                raise err
            if not stream:
                self.order.append(dossier_id)
            stream.extend(events)
            return len(stream)

    def load(self, dossier_id: str) -> list[str]:
        with self.lock:
            return list(self.streams.get(dossier_id, []))

    def dossier_ids(self) -> list[str]:
        with self.lock:
            return list(self.order)

    def next_sequence(self) -> int:
        with self.lock:
            self.sequence += 1
            return self.sequence


def counter(store: DictStore | None = None) -> tuple[Sportello, ManualClock]:
    clock = ManualClock(datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc))
    directory = InMemoryPecDirectory.fixtures()
    # Maria's digital domicile is read from the directory, never typed in a form
    directory.add(DigitalDomicile("RSSMRA80A41F205B", "maria.rossi@pec.example.it", "professionals"))
    return Sportello.with_memory_adapters(clock, store, pec_directory=directory), clock


STORES = [pytest.param(lambda: None, id="memory"), pytest.param(DictStore, id="python-host")]


@pytest.mark.parametrize("make_store", STORES)
def test_access_to_records_from_submission_to_preservation(make_store: type[DictStore]) -> None:
    s, clock = counter(make_store())
    d = s.submit(MARIA, "accesso-atti", ACCESS_FORM, [("id.pdf", "application/pdf", b"%PDF-1.4")])
    assert d.status == "registered"
    assert d.protocol_numbers == ["2026/0000001"]
    assert d.due_date == date(2026, 4, 1)
    assert [r[1] for r in d.receipts] == ["acceptance", "delivery"]
    assert d.attachments == [("id.pdf", sportello.sha256_hex(b"%PDF-1.4"))]
    clock.advance(days=3)
    d = s.take_charge(OFFICER, d.id, reason="assegnata")
    clock.advance(days=7)
    d = s.decide(OFFICER, d.id, "accepted", "interesse diretto, concreto e attuale")
    assert d.status == "communicated"
    assert d.outcome == "accepted"
    assert d.outcome_digest is not None and len(d.outcome_digest) == 64
    assert len(d.protocol_numbers) == 2
    d = s.close(OFFICER, d.id)
    d = s.preserve(OFFICER, d.id)
    assert d.status == "preserved"
    assert d.preservation_receipt == "RdV-000001"
    assert len(s.verify_dossier(d.id)) == 64
    assert [h.to_state for h in d.history][:3] == ["draft", "submitted", "registered"]
    taken = [h for h in d.history if h.action == "take_charge"][0]
    assert (taken.actor_id, taken.actor_kind, taken.reason) == ("CLMLSN90E15D286P", "officer", "assegnata")


@pytest.mark.parametrize("make_store", STORES)
def test_an_officer_on_a_stale_version_gets_a_conflict(make_store: type[DictStore]) -> None:
    s, _ = counter(make_store())
    d = s.submit(MARIA, "accesso-atti", ACCESS_FORM)
    seen = d.version
    s.take_charge(OFFICER, d.id, expected_version=seen)
    other = officer("BRBLGU60B19C933D")
    with pytest.raises(Conflict) as info:
        s.post_message(other, d.id, "presa io", expected_version=seen)
    assert (info.value.expected, info.value.actual) == (seen, seen + 1)
    assert isinstance(info.value, SportelloError)


def test_a_host_store_conflict_surfaces_as_conflict() -> None:
    store = DictStore()
    s, _ = counter(store)
    d = s.submit(MARIA, "accesso-atti", ACCESS_FORM)
    original = store.append

    def racing_append(dossier_id: str, expected_version: int, events: list[str]) -> int:
        # another writer slips in first
        store.streams[dossier_id].append(store.streams[dossier_id][-1])
        return original(dossier_id, expected_version, events)

    store.append = racing_append  # type: ignore[method-assign]
    with pytest.raises(Conflict):
        s.take_charge(OFFICER, d.id)


def test_host_store_receives_chained_json_events() -> None:
    store = DictStore()
    s, _ = counter(store)
    d = s.submit(MARIA, "reclami", {"category": "disservizio", "description": "attesa di due ore"})
    events = [json.loads(e) for e in store.load(d.id)]
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert events[0]["prev"] == "0" * 64
    assert all(b["prev"] == a["digest"] for a, b in zip(events, events[1:]))
    assert events[1]["kind"] == {"type": "submitted", "received_on": "2026-03-02"}


def test_tampering_in_a_host_store_is_detected() -> None:
    store = DictStore()
    s, _ = counter(store)
    d = s.submit(MARIA, "accesso-atti", ACCESS_FORM)
    event = json.loads(store.streams[d.id][1])
    event["kind"]["received_on"] = "2026-03-20"
    store.streams[d.id][1] = json.dumps(event)
    with pytest.raises(ChainBroken) as info:
        s.verify_dossier(d.id)
    assert info.value.rule == "altered"
    del store.streams[d.id][1]
    with pytest.raises(ChainBroken):
        s.verify_dossier(d.id)


def test_no_withdrawal_once_a_payment_exists() -> None:
    s, _ = counter()
    form = {"request": "calcolo", "year": "2026", "category": "calcolo"}
    d = s.submit(MARIA, "diritto-annuale", form)
    s.record_payment(d.id, Decimal("53.00"), "RF18000000000000000000001")
    with pytest.raises(DossierRefused) as info:
        s.withdraw(MARIA, d.id, "non serve piu'")
    assert info.value.rule == "no_withdrawal_after_payment"


def test_refusal_notice_suspends_the_term_until_ten_days_after_the_observations() -> None:
    s, clock = counter()
    form = {"request": "rimborso", "year": "2025", "category": "rimborso", "amount_paid": "126.00", "reason": "doppio versamento"}
    d = s.submit(MARIA, "diritto-annuale", form)
    s.take_charge(OFFICER, d.id)
    with pytest.raises(DossierRefused) as info:
        s.decide(OFFICER, d.id, "rejected", "versamento dovuto")
    assert info.value.rule == "refusal_notice_first"
    clock.set(datetime(2026, 3, 12, 9, 0, tzinfo=timezone.utc))
    s.notify_refusal(OFFICER, d.id, "versamento dovuto")
    clock.set(datetime(2026, 3, 16, 9, 0, tzinfo=timezone.utc))
    s.submit_observations(MARIA, d.id, "allego quietanza")
    term = s.status(MARIA, d.id)
    assert term.suspended_days == 14
    assert term.due_date == date(2026, 4, 15)


def test_a_second_information_suspension_is_a_term_error() -> None:
    s, _ = counter()
    d = s.submit(MARIA, "diritto-annuale", {"request": "x", "year": "2025", "category": "correzione", "amount_paid": "126.00", "reason": "codice errato"})
    s.take_charge(OFFICER, d.id)
    with pytest.raises(TermError) as info:
        s.suspend(OFFICER, d.id, "information", 31)
    assert info.value.rule == "suspension_too_long"
    s.suspend(OFFICER, d.id, "information", 10)
    s.resume(OFFICER, d.id)
    with pytest.raises(TermError) as again:
        s.suspend(OFFICER, d.id, "information", 5)
    assert again.value.rule == "suspension_already_used"


def test_invalid_transitions_and_strangers_are_refused() -> None:
    s, _ = counter()
    d = s.submit(MARIA, "accesso-atti", ACCESS_FORM)
    with pytest.raises(InvalidTransition) as info:
        s.close(OFFICER, d.id)
    assert info.value.state == "registered"
    stranger = PROFILER.act_as(spid("FRRNNA82T55F704Z", "Anna", "Ferrari"), "private", on=DAY)
    with pytest.raises(NotAuthorized) as denied:
        s.dossier(stranger, d.id)
    with pytest.raises(NotAuthorized) as missing:
        s.dossier(stranger, "MI-2026-999999")
    # someone else's dossier looks exactly like a missing one
    assert (denied.value.action, denied.value.rule, str(denied.value)) == (
        missing.value.action,
        missing.value.rule,
        str(missing.value),
    )
    assert denied.value.rule == "acting_for"
    assert s.my_dossiers(stranger) == []
    assert [x.id for x in s.my_dossiers(MARIA)] == [d.id]


def test_a_company_dossier_is_seen_by_its_representative_and_a_delegated_intermediary_in_scope() -> None:
    s, _ = counter()
    mario = PROFILER.act_as(spid("RSSMRA80A01F205X", "Mario", "Rossi"), "business", "01234560017", on=DAY)
    d = s.submit(mario, "accesso-atti", ACCESS_FORM)
    assert [r[1] for r in d.receipts] == ["acceptance", "delivery"]  # the company's PEC, from the directory
    assert [x.id for x in s.my_dossiers(mario)] == [d.id]
    silvia = spid("MRNSLV85R62L682Y", "Silvia", "Marino")
    for_rossi = PROFILER.act_as(silvia, "intermediary", "01234560017", on=DAY)
    assert s.dossier(for_rossi, d.id).id == d.id
    verdi = PROFILER.act_as(spid("VRDGPP68M12B157Y", "Giuseppe", "Verdi"), "business", "03456780174", on=DAY)
    access = s.submit(verdi, "accesso-atti", ACCESS_FORM)
    fee = s.submit(verdi, "diritto-annuale", {"request": "rimborso", "year": "2025", "category": "rimborso", "amount_paid": "126.00", "reason": "doppio versamento"})
    for_verdi = PROFILER.act_as(silvia, "intermediary", "03456780174", on=DAY)  # scope: accesso-atti
    assert s.dossier(for_verdi, access.id).id == access.id
    with pytest.raises(NotAuthorized) as info:
        s.dossier(for_verdi, fee.id)
    assert info.value.rule == "delegation_scope"
    assert [x.id for x in s.my_dossiers(for_verdi)] == [access.id]


def test_officers_of_another_chamber_and_front_office_cannot_decide() -> None:
    s, _ = counter()
    d = s.submit(MARIA, "accesso-atti", ACCESS_FORM)
    with pytest.raises(NotAuthorized) as other:
        s.dossier(officer("GLLFNC71H08E507P", "BG"), d.id)
    assert other.value.rule == "chamber"
    front = officer("CNTPLA88L05F205O")
    assert s.dossier(front, d.id).id == d.id
    with pytest.raises(NotAuthorized) as info:
        s.decide(front, d.id, "accepted", "ok")
    assert (info.value.action, info.value.rule) == ("decide_case", "officer_role")
    s.take_charge(OFFICER, d.id)
    assert s.decide(OFFICER, d.id, "accepted", "ok").outcome == "accepted"


def test_silence_on_access_forms_rejection_after_the_due_date() -> None:
    s, clock = counter()
    d = s.submit(MARIA, "accesso-atti", ACCESS_FORM)
    with pytest.raises(TermError):
        s.apply_silence(d.id)
    clock.set(datetime(2026, 4, 2, 8, 0, tzinfo=timezone.utc))
    assert s.apply_silence(d.id).status == "silent_rejection"


def test_copy_fee_is_fixed_part_plus_pages() -> None:
    s, _ = counter()
    assert s.copy_fee("accesso-atti", 12) == Decimal("6.20")


def test_segnatura_is_valid_against_the_schema_subset() -> None:
    s, _ = counter()
    d = s.submit(MARIA, "accesso-atti", ACCESS_FORM, [("id.pdf", "application/pdf", b"x")])
    xml = s.segnatura(d.protocol_numbers[0])
    schema = xmlschema.XMLSchema(str(XSD))
    schema.validate(xml)
    decoded = schema.to_dict(xml)
    assert isinstance(decoded, dict)
    assert "0000001" in xml and "RSSMRA80A41F205B" in xml
