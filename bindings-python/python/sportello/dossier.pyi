import datetime as _dt
from datetime import date, datetime
from datetime import date as _date
from decimal import Decimal
from typing import Literal, Protocol, TypeAlias, final

from sportello.calendar import Calendar
from sportello.errors import SportelloError
from sportello.fees import FeeConfig
from sportello.payments import NoticeNumber, PaymentPosition
from sportello.profile import Actor
from sportello.registry import InMemoryPecDirectory, PecDirectoryHost

_Amount: TypeAlias = Decimal | int | str
_AttachmentTuple: TypeAlias = tuple[str, str, bytes]

class DossierRefused(SportelloError):
    """A dossier use case refused by a rule."""

    rule: str
    field: str

class Conflict(DossierRefused):
    """The dossier changed since it was read: reload and retry."""

    dossier_id: str
    expected: int
    actual: int

class InvalidTransition(DossierRefused):
    """The transition table does not allow ``action`` in ``state``."""

    action: str
    state: str | None

class TermError(DossierRefused):
    """A legal-term rule refused. ``rule``: suspension_already_used, suspension_too_long,
    reply_window_closed, observations_window_closed, opposition_window_closed,
    release_not_before, term_not_expired, silence_not_formed, ...; ``date`` the date the rule
    turns on (the last day of a window, the first release day, the due date); ``article`` where
    the rule comes from."""

    date: date | None
    article: str

class ProtocolRefused(DossierRefused):
    """A protocol rule refused (``rule``: required, not_found, already_annulled, day_not_over,
    already_preserved, empty_register, ...; ``field``: reason, authorisation, number, date, ...)."""

class ChainBroken(DossierRefused):
    """The event chain was altered, truncated or reordered."""

    seq: int | None

class PaymentRefused(DossierRefused):
    """A payment on a dossier does not match its pagoPA position, or the gateway refused it
    (``rule``: amount_mismatch, conflicting_receipt, not_allowed, ...; ``field``: amount,
    receipt_id, status, notice, ...). For an amount mismatch ``expected`` and ``found`` are set."""

    expected: Decimal | None
    found: Decimal | None

class DossierStore(Protocol):
    """What a host-implemented dossier store provides (events are JSON strings).

    ``append`` stores ``events`` only if the dossier has exactly ``expected_version`` events and
    returns the new version; otherwise it raises :class:`Conflict` and stores nothing.
    """

    def append(self, dossier_id: str, expected_version: int, events: list[str]) -> int: ...
    def load(self, dossier_id: str) -> list[str]: ...
    def dossier_ids(self) -> list[str]: ...
    def next_sequence(self) -> int: ...

@final
class ManualClock:
    """A settable clock: the counter reads the time only from it."""

    def __new__(cls, now: datetime) -> ManualClock: ...
    def now(self) -> datetime:
        """The instant shown (UTC)."""
    def set(self, now: datetime) -> None:
        """Shows ``now`` from here on."""
    def advance(self, days: int = 0, hours: int = 0, minutes: int = 0) -> None:
        """Moves forward."""

@final
class TermStatus:
    """The legal term of a dossier."""

    @property
    def start(self) -> date: ...
    @property
    def term_days(self) -> int: ...
    @property
    def suspended_days(self) -> int: ...
    @property
    def suspended(self) -> bool:
        """Whether a suspension is in progress (the due date is then provisional)."""
    @property
    def suspended_for(self) -> str | None:
        """The suspension in progress: information, counterparties, refusal_notice,
        awaiting_correction."""
    @property
    def due_date(self) -> date: ...
    @property
    def days_left(self) -> int: ...
    @property
    def overdue(self) -> bool: ...
    @property
    def substitute_due(self) -> date | None: ...

@final
class HistoryEntry:
    """One step of a dossier's history."""

    @property
    def seq(self) -> int: ...
    @property
    def at(self) -> datetime: ...
    @property
    def actor_kind(self) -> str: ...
    @property
    def actor_id(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def from_state(self) -> str | None: ...
    @property
    def to_state(self) -> str: ...
    @property
    def reason(self) -> str | None: ...

@final
class Annulment:
    """The annulment of a registration (DPR 445/2000 art. 54)."""

    @property
    def at(self) -> datetime: ...
    @property
    def on(self) -> _date:
        """The day of the annulment (Italian time)."""
    @property
    def operator(self) -> str: ...
    @property
    def authorised_by(self) -> str:
        """The head of the protocol service who authorised it (codice fiscale)."""
    @property
    def authorisation(self) -> str:
        """The references of the authorising act."""
    @property
    def reason(self) -> str: ...

@final
class ProtocolEntry:
    """A protocol registration; an annulled one keeps its original data readable."""

    @property
    def number(self) -> str:
        """``2026/0000001``."""
    @property
    def register(self) -> str: ...
    @property
    def date(self) -> _date: ...
    @property
    def registered_at(self) -> datetime: ...
    @property
    def direction(self) -> Literal["incoming", "outgoing", "internal"]: ...
    @property
    def sender(self) -> str: ...
    @property
    def recipients(self) -> list[str]: ...
    @property
    def subject(self) -> str: ...
    @property
    def classification(self) -> str: ...
    @property
    def folder(self) -> str | None:
        """The dossier id the registration belongs to, if any."""
    @property
    def file_name(self) -> str: ...
    @property
    def digest(self) -> str:
        """SHA-256 of the primary document, hex."""
    @property
    def attachments_count(self) -> int: ...
    @property
    def annulled(self) -> bool: ...
    @property
    def annulment(self) -> Annulment | None: ...
    def to_json(self) -> str: ...

@final
class DailyRegister:
    """The daily protocol register of one day, as the day saw it: the registrations of the day
    (annulment marks recorded that day) and the annulments recorded that day of earlier ones."""

    @property
    def date(self) -> _date: ...
    @property
    def identifier(self) -> str: ...
    @property
    def digest(self) -> str:
        """SHA-256 of :meth:`content`, hex."""
    @property
    def entries(self) -> list[ProtocolEntry]: ...
    @property
    def annulments(self) -> list[ProtocolEntry]: ...
    @property
    def first_number(self) -> str | None: ...
    @property
    def last_number(self) -> str | None: ...
    def is_empty(self) -> bool: ...
    def content(self) -> bytes:
        """The document sent to preservation (canonical JSON)."""
    def verify(self) -> bool: ...

@final
class PendingRegister:
    """A day whose daily register is still to be sent to preservation."""

    @property
    def date(self) -> _date: ...
    @property
    def due_date(self) -> _date:
        """The next working day of the office after ``date``."""
    @property
    def overdue(self) -> bool: ...
    @property
    def registrations(self) -> int: ...
    @property
    def annulments(self) -> int: ...

@final
class RegisterPreservation:
    """A daily register sent to preservation, with the receipt (rapporto di versamento)."""

    @property
    def date(self) -> _date: ...
    @property
    def register_digest(self) -> str: ...
    @property
    def registrations(self) -> int: ...
    @property
    def annulments(self) -> int: ...
    @property
    def sent_at(self) -> datetime: ...
    @property
    def sent_by(self) -> str:
        """An officer's codice fiscale, or ``system`` for the daily job."""
    @property
    def due_date(self) -> _date: ...
    @property
    def late(self) -> bool: ...
    @property
    def receipt_id(self) -> str: ...
    @property
    def receipt_at(self) -> datetime: ...
    @property
    def package_id(self) -> str: ...
    @property
    def package_digest(self) -> str: ...

@final
class CopyQuote:
    """What copies cost: secretarial fee (fixed part plus pages) and, for a certified copy, the
    stamp duty (one EUR 16.00 stamp on the request and one per foglio of four pages)."""

    @property
    def pages(self) -> int: ...
    @property
    def certified(self) -> bool: ...
    @property
    def secretarial(self) -> Decimal: ...
    @property
    def stamps(self) -> int: ...
    @property
    def stamp_duty(self) -> Decimal: ...
    @property
    def total(self) -> Decimal: ...

@final
class PaymentRequest:
    """A payment asked on a dossier: its pagoPA notice and where it stands."""

    @property
    def purpose(self) -> Literal["copies", "annual_fee"]: ...
    @property
    def notice(self) -> str:
        """The 18-digit notice number (numero avviso)."""
    @property
    def iuv(self) -> str: ...
    @property
    def creditor_cf(self) -> str: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def due_date(self) -> date: ...
    @property
    def description(self) -> str: ...
    @property
    def qr_payload(self) -> str:
        """The payload of the notice's QR code: ``PAGOPA|002|notice|creditor|cents``."""
    @property
    def requested_at(self) -> datetime: ...
    @property
    def status(self) -> Literal["pending", "paid", "cancelled"]: ...
    @property
    def receipt_id(self) -> str | None: ...
    @property
    def paid_at(self) -> datetime | None: ...
    @property
    def cancel_reason(self) -> str | None: ...
    @property
    def copy_quote(self) -> CopyQuote | None:
        """For copies: pages, stamps and amounts."""
    @property
    def year(self) -> int | None:
        """For the annual fee: its year."""

@final
class FeeComputation:
    """The annual fee the counter computed on a dossier, with its computation document."""

    @property
    def year(self) -> int: ...
    @property
    def company(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def occasion(self) -> Literal["annual", "new_registration", "new_local_units"]: ...
    @property
    def chamber(self) -> str:
        """The desk's chamber as it collects the fee (merged chambers resolved, e.g. MIMBLO)."""
    @property
    def amount_due(self) -> Decimal | None:
        """Due to that chamber; None when the company owes it nothing."""
    @property
    def total_due(self) -> Decimal: ...
    @property
    def due_by(self) -> date: ...
    @property
    def document_name(self) -> str: ...
    @property
    def document_digest(self) -> str:
        """SHA-256 of the document, hex."""
    @property
    def document(self) -> str:
        """The computation as JSON, with every intermediate figure."""

@final
class Dossier:
    """An administrative dossier."""

    @property
    def id(self) -> str: ...
    @property
    def service_id(self) -> str: ...
    @property
    def chamber(self) -> str: ...
    @property
    def status(self) -> str:
        """The state: draft, submitted, registered, in_charge, ..., preserved, withdrawn."""
    @property
    def version(self) -> int: ...
    @property
    def term(self) -> TermStatus | None: ...
    @property
    def due_date(self) -> date | None: ...
    @property
    def history(self) -> list[HistoryEntry]: ...
    @property
    def protocol_numbers(self) -> list[str]: ...
    @property
    def annulled_protocols(self) -> list[tuple[str, str, str, str, date]]:
        """Annulled protocol numbers as (number, reason, authorising act, by, date)."""
    @property
    def messages(self) -> list[tuple[str, str]]: ...
    @property
    def receipts(self) -> list[tuple[str, str, datetime, str | None]]: ...
    @property
    def attachments(self) -> list[tuple[str, str]]: ...
    @property
    def outcome(self) -> str | None: ...
    @property
    def outcome_digest(self) -> str | None: ...
    @property
    def preservation_receipt(self) -> str | None: ...
    @property
    def applicant_tax_code(self) -> str: ...
    @property
    def payments(self) -> list[tuple[Decimal, str]]:
        """Payments recorded: (amount, reference), the IUV for pagoPA payments."""
    @property
    def payment_requests(self) -> list[PaymentRequest]: ...
    @property
    def pending_payments(self) -> list[PaymentRequest]:
        """What the applicant still has to pay."""
    @property
    def fee_computation(self) -> FeeComputation | None: ...
    @property
    def determined_amount(self) -> Decimal | None:
        """The amount a refund or correction decision states, once determined."""
    @property
    def reply_by(self) -> date | None:
        """The last day to reply to the open integration request."""
    @property
    def release_not_before(self) -> date | None:
        """The first day the data may be released after an access granted despite an opposition
        (D.Lgs. 33/2013 art. 5 c.6)."""
    @property
    def released_on(self) -> date | None:
        """The day the data or documents were released."""
    @property
    def oppositions(self) -> list[tuple[str, date]]:
        """Counter-interested parties' oppositions as (text, day recorded)."""
    def to_json(self) -> str:
        """The whole dossier as JSON."""

@final
class TermAction:
    """One system action of a daily run."""

    @property
    def dossier_id(self) -> str: ...
    @property
    def action(self) -> str:
        """lapse_integration, resume, silent_reject or silent_assent."""
    @property
    def date(self) -> _dt.date:
        """The date that passed: last day to reply, last day of the suspension, due date."""

@final
class TermRun:
    """What one daily run did."""

    @property
    def on(self) -> date | None: ...
    @property
    def actions(self) -> list[TermAction]: ...
    @property
    def failures(self) -> list[tuple[str, str]]:
        """(dossier_id, message) of the dossiers the run could not handle."""

@final
class DueEntry:
    """An open dossier in an officer's list."""

    @property
    def dossier_id(self) -> str: ...
    @property
    def service_id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def officer(self) -> str | None: ...
    @property
    def term(self) -> TermStatus: ...

_Counterparty: TypeAlias = tuple[str, str] | tuple[str, str, str | None]

@final
class Sportello:
    """The counter."""

    @staticmethod
    def with_memory_adapters(
        clock: ManualClock,
        store: DossierStore | None = None,
        *,
        pec_directory: InMemoryPecDirectory | PecDirectoryHost | None = None,
        fee_config: FeeConfig | None = None,
        calendar: Calendar | None = None,
        rules: list[str] | None = None,
    ) -> Sportello:
        """In-memory adapters (example desk MI, first services, embedded pagoPA gateway and
        registry fixtures); ``store`` may be the host's; digital domiciles come from
        ``pec_directory`` (default: the registry fixtures' directory); ``fee_config`` is the desk's
        fee rules (default: the shipped ``FeeConfig``); ``calendar`` sets the desk's legal
        calendar; ``rules`` configures services, each the JSON of a service's procedure rules (see
        ``procedure_rules``)."""
    def procedure_rules(self, service_id: str, chamber: str | None = None) -> str:
        """The procedure rules of a service as JSON (term_days, silence, integration,
        counterparties, incomplete_request_within_days, release_after_opposition_days, ...)."""
    def submit(
        self,
        actor: Actor,
        service_id: str,
        form: dict[str, str],
        attachments: list[_AttachmentTuple] | None = None,
    ) -> Dossier:
        """Submits an application for the party ``actor`` acts for; it is protocolled and its
        receipt sent by PEC to the party's digital domicile in the PEC directory."""
    def dossier(self, actor: Actor, id: str) -> Dossier: ...
    def my_dossiers(self, actor: Actor) -> list[Dossier]: ...
    def status(self, actor: Actor, id: str) -> TermStatus: ...
    def take_charge(
        self, actor: Actor, id: str, *, reason: str | None = None, expected_version: int | None = None
    ) -> Dossier: ...
    def request_integration(
        self,
        actor: Actor,
        id: str,
        request: str,
        *,
        reply_within_days: int = 10,
        reason: str | None = None,
        expected_version: int | None = None,
    ) -> Dossier: ...
    def reply_integration(
        self,
        actor: Actor,
        id: str,
        text: str,
        attachments: list[_AttachmentTuple] | None = None,
        *,
        expected_version: int | None = None,
    ) -> Dossier: ...
    def suspend(
        self,
        actor: Actor,
        id: str,
        cause: Literal["information", "counterparties"],
        days: int,
        *,
        reason: str | None = None,
        expected_version: int | None = None,
    ) -> Dossier: ...
    def resume(
        self, actor: Actor, id: str, *, reason: str | None = None, expected_version: int | None = None
    ) -> Dossier: ...
    def notify_refusal(
        self, actor: Actor, id: str, reasons: str, *, expected_version: int | None = None
    ) -> Dossier: ...
    def submit_observations(
        self, actor: Actor, id: str, text: str, *, expected_version: int | None = None
    ) -> Dossier: ...
    def decide(
        self,
        actor: Actor,
        id: str,
        outcome: Literal["accepted", "rejected"],
        reasons: str,
        *,
        expected_version: int | None = None,
    ) -> Dossier: ...
    def withdraw(
        self, actor: Actor, id: str, reason: str, *, expected_version: int | None = None
    ) -> Dossier: ...
    def reopen(self, actor: Actor, id: str, reason: str, *, expected_version: int | None = None) -> Dossier: ...
    def post_message(
        self, actor: Actor, id: str, text: str, *, expected_version: int | None = None
    ) -> Dossier: ...
    def activate_substitute(
        self, actor: Actor, id: str, *, expected_version: int | None = None
    ) -> Dossier: ...
    def close(
        self, actor: Actor, id: str, *, reason: str | None = None, expected_version: int | None = None
    ) -> Dossier: ...
    def preserve(self, actor: Actor, id: str) -> Dossier: ...
    def record_payment(self, id: str, amount: _Amount, reference: str) -> Dossier: ...
    def request_copy_payment(self, actor: Actor, id: str, pages: int, *, certified: bool = False) -> Dossier:
        """An officer asks the copy fee (L. 241/1990 art. 25 c.1; a certified copy adds the stamp
        duty): a pagoPA notice is opened, recorded on the dossier and sent by PEC."""
    def request_annual_fee_payment(self, actor: Actor, id: str) -> Dossier:
        """Asks, through pagoPA, the annual fee computed on the dossier (``compute_fee``)."""
    def record_position_payment(self, id: str, notice: NoticeNumber | str) -> Dossier:
        """Records the payment from the gateway's position: paid, exactly the amount asked; the
        same receipt again changes nothing."""
    def receive_receipt(
        self, id: str, notice: NoticeNumber | str, receipt_id: str, amount: _Amount, paid_at: datetime
    ) -> Dossier:
        """The PSP's receipt reaches the counter: recorded on the position, then on the dossier."""
    def cancel_payment(self, actor: Actor, id: str, notice: NoticeNumber | str, reason: str) -> Dossier:
        """An officer withdraws a payment asked and not paid."""
    def payment_position(self, actor: Actor, id: str, notice: NoticeNumber | str) -> PaymentPosition:
        """The pagoPA position as the gateway has it now."""
    def copy_quote(
        self, service_id: str, pages: int, *, certified: bool = False, chamber: str | None = None
    ) -> CopyQuote: ...
    def compute_fee(self, actor: Actor, id: str) -> Dossier:
        """Computes the annual fee a ``calcolo`` request asks for and attaches the computation."""
    def determine_amount(self, actor: Actor, id: str, amount: _Amount, *, reason: str | None = None) -> Dossier:
        """An officer determines the amount a refund or correction decision states."""
    def apply_silence(self, id: str) -> Dossier: ...
    def run_terms(self) -> TermRun:
        """The daily run: lapses integration requests whose reply window passed, closes
        suspensions that reached their longest, forms silence the day after the due date where
        the service gives it a meaning. Idempotent."""
    def due_soon(self, actor: Actor, within_days: int, chamber: str | None = None) -> list[DueEntry]:
        """Open dossiers of the chamber due within ``within_days``; case handlers of that
        chamber only."""
    def overdue(self, actor: Actor, chamber: str | None = None) -> list[DueEntry]:
        """Open dossiers of the chamber past their due date; case handlers of that chamber only."""
    def record_opposition(
        self,
        actor: Actor,
        id: str,
        text: str,
        counterparty: _Counterparty,
        attachments: list[_AttachmentTuple] | None = None,
        *,
        reason: str | None = None,
        expected_version: int | None = None,
    ) -> Dossier:
        """Records a counter-interested party's opposition within its window: the suspension
        ends and the opposition is protocolled (``TermError`` ``opposition_window_closed``
        otherwise)."""
    def release(
        self, actor: Actor, id: str, *, reason: str | None = None, expected_version: int | None = None
    ) -> Dossier:
        """Releases the data of a granted access; refused before ``release_not_before``."""
    def verify_dossier(self, id: str) -> str:
        """Verifies the event chain; returns the head digest (hex)."""
    def segnatura(self, number: str, chamber: str | None = None) -> str:
        """The segnatura XML of a protocol number such as ``2026/0000001``."""
    def protocol_entry(self, number: str, chamber: str | None = None) -> ProtocolEntry:
        """The protocol entry ``number``, annulled or not."""
    def daily_register(self, day: date, chamber: str | None = None) -> DailyRegister:
        """The daily register of ``day``, as the day saw it."""
    def annul_registration(
        self, actor: Actor, number: str, reason: str, authorisation: str, chamber: str | None = None
    ) -> ProtocolEntry:
        """Annuls a registration (art. 54); only the head of the protocol service of the chamber."""
    def pending_daily_registers(self, chamber: str | None = None) -> list[PendingRegister]:
        """The daily registers still to be sent, up to yesterday, with due date and overdue."""
    def preserve_daily_register(
        self, actor: Actor, day: date, chamber: str | None = None
    ) -> RegisterPreservation:
        """Sends one day's register to preservation (protocol officer or head of the service)."""
    def preserve_pending_registers(self, chamber: str | None = None) -> list[RegisterPreservation]:
        """The daily job: sends every pending register up to yesterday; idempotent."""
    def register_preservations(self, chamber: str | None = None) -> list[RegisterPreservation]:
        """Every daily register sent to preservation, by day."""
    def copy_fee(self, service_id: str, pages: int, chamber: str | None = None) -> Decimal: ...

def sha256_hex(content: bytes) -> str:
    """SHA-256 of ``content``, hex."""

__all__ = [
    "Sportello",
    "DossierStore",
    "Dossier",
    "HistoryEntry",
    "TermStatus",
    "TermAction",
    "TermRun",
    "DueEntry",
    "ManualClock",
    "DossierRefused",
    "Conflict",
    "InvalidTransition",
    "TermError",
    "ChainBroken",
    "ProtocolRefused",
    "ProtocolEntry",
    "Annulment",
    "DailyRegister",
    "PendingRegister",
    "RegisterPreservation",
    "PaymentRefused",
    "PaymentRequest",
    "CopyQuote",
    "FeeComputation",
    "sha256_hex",
]
