"""pagoPA payments and the prepaid account (see ``sportello.payments``)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal, final

from sportello.errors import SportelloError

_Amount = Decimal | int | str
_PositionStatus = Literal["open", "paid", "expired", "cancelled"]
_OperationKind = Literal["top_up", "charge", "refund", "payout"]

class PaymentError(SportelloError):
    """Root of the payments errors."""

    rule: str
    field: str

class InvalidNoticeNumber(PaymentError):
    """A notice number that is not valid; ``part`` is ``length``, ``digits``, ``aux_digit``,
    ``check_digits``, ``segregation_code``, ``application_code`` or ``iuv_base``."""

    part: str

class InvalidCreditorReference(PaymentError):
    """An ISO 11649 RF reference that cannot be made."""

class InvalidCreditorCode(PaymentError):
    """A creditor codice fiscale that is not 11 valid digits."""

class InvalidQrPayload(PaymentError):
    """A QR payload that cannot be built or read; ``field`` names the field."""

class PositionRefused(PaymentError):
    """A payment position the gateway cannot open, find, pay or cancel."""

class AccountRefused(PaymentError):
    """A prepaid-account operation refused by a ledger rule."""

class InsufficientBalance(AccountRefused):
    """A charge or payout larger than the balance."""

    balance: Decimal
    requested: Decimal

@final
class NoticeNumber:
    """An 18-digit pagoPA notice number (numero avviso), valid by construction."""

    @staticmethod
    def parse(text: str, *, current_only: bool = False) -> NoticeNumber:
        """Read a notice number (blanks between groups ignored); legacy aux 0/1/2 are read
        unless ``current_only``. Raises :class:`InvalidNoticeNumber` naming the wrong part."""
    @staticmethod
    def new(segregation_code: int | str, iuv_base: str) -> NoticeNumber:
        """A current (aux 3) notice from a segregation code and a 13-digit IUV base."""
    @staticmethod
    def from_iuv(iuv: str) -> NoticeNumber:
        """A current (aux 3) notice from its 17-digit IUV."""
    @property
    def value(self) -> str:
        """The 18 digits."""
    @property
    def iuv(self) -> str:
        """The IUV (17 digits; 15 for aux 0)."""
    @property
    def iuv_base(self) -> str:
        """The IUV base, without segregation code and check digits."""
    @property
    def aux_digit(self) -> int:
        """The aux digit, 0-3."""
    @property
    def segregation_code(self) -> str | None:
        """The segregation code (aux 3 only)."""
    @property
    def application_code(self) -> str | None:
        """The application code (aux 0 only)."""
    @property
    def check_digits(self) -> str | None:
        """The mod-93 check digits (none for aux 1)."""
    @property
    def is_legacy(self) -> bool:
        """Whether the layout is a legacy one (aux 0, 1, 2)."""
    @property
    def grouped(self) -> str:
        """The printed form, groups of four digits."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self, /) -> int: ...

def rf_create(reference: str) -> str:
    """The ISO 11649 creditor reference ``RF<check><reference>`` (upper case)."""

def rf_validate(text: str) -> bool:
    """Whether ``text`` is a valid ISO 11649 creditor reference."""

@final
class QrPayload:
    """What the QR code of a pagoPA notice says."""

    @property
    def notice(self) -> NoticeNumber: ...
    @property
    def creditor_cf(self) -> str: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def amount_cents(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...

def qr_payload(notice: NoticeNumber | str, creditor_cf: str, amount: _Amount) -> str:
    """The payload ``PAGOPA|002|<notice>|<creditor>|<cents>``."""

def parse_qr_payload(text: str) -> QrPayload:
    """Read a QR payload (lenient on the amount's zero padding)."""

@final
class Receipt:
    """The PSP's proof of payment (ricevuta telematica)."""

    def __new__(cls, receipt_id: str, amount: _Amount, paid_at: datetime) -> Receipt: ...
    @property
    def receipt_id(self) -> str: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def paid_at(self) -> datetime: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class PaymentPosition:
    """A payment position: a notice to pay, its amount and due date, and its state."""

    @property
    def creditor_cf(self) -> str: ...
    @property
    def notice(self) -> NoticeNumber: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def description(self) -> str: ...
    @property
    def debtor(self) -> str | None: ...
    @property
    def due_date(self) -> date: ...
    @property
    def payable_after_due_date(self) -> bool: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def status(self) -> _PositionStatus: ...
    @property
    def receipt(self) -> Receipt | None: ...
    @property
    def cancel_reason(self) -> str | None: ...
    def qr_payload(self) -> str:
        """The QR payload of the printed notice."""
    def to_json(self) -> str:
        """The position as JSON (the core's stable shape)."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class ReceiptOutcome:
    """The result of recording a receipt."""

    @property
    def position(self) -> PaymentPosition: ...
    @property
    def repeated(self) -> bool:
        """True if the same receipt had already been recorded (nothing changed)."""

@final
class InMemoryPaymentGateway:
    """The in-memory pagoPA gateway, with its own settable clock."""

    def __new__(cls, now: datetime) -> InMemoryPaymentGateway: ...
    def set_now(self, now: datetime) -> None: ...
    def add_creditor(self, creditor_cf: str, segregation_code: int | str) -> None: ...
    def open_position(
        self,
        creditor_cf: str,
        amount: _Amount,
        description: str,
        due_date: date,
        *,
        debtor: str | None = None,
        payable_after_due_date: bool = False,
    ) -> PaymentPosition: ...
    def position(self, creditor_cf: str, notice: NoticeNumber | str) -> PaymentPosition: ...
    def record_receipt(self, creditor_cf: str, notice: NoticeNumber | str, receipt: Receipt) -> ReceiptOutcome: ...
    def cancel_position(self, creditor_cf: str, notice: NoticeNumber | str, reason: str) -> PaymentPosition: ...
    def positions(self) -> list[PaymentPosition]: ...

@final
class LedgerEntry:
    """One line of a prepaid account's ledger."""

    @property
    def sequence(self) -> int: ...
    @property
    def operation_id(self) -> str: ...
    @property
    def kind(self) -> _OperationKind: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def change(self) -> Decimal: ...
    @property
    def balance_after(self) -> Decimal: ...
    @property
    def at(self) -> datetime: ...
    @property
    def reference(self) -> str: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Posting:
    """The result of an account operation."""

    @property
    def entry(self) -> LedgerEntry: ...
    @property
    def replayed(self) -> bool:
        """True if the operation id had already been recorded with the same content."""

@final
class PrepaidAccount:
    """A prepaid customer account: a ledger with no overdraft, idempotent by operation id."""

    def __new__(cls, account_id: str) -> PrepaidAccount: ...
    @staticmethod
    def from_json(text: str) -> PrepaidAccount: ...
    def to_json(self) -> str: ...
    @property
    def account_id(self) -> str: ...
    @property
    def balance(self) -> Decimal: ...
    def history(self) -> list[LedgerEntry]: ...
    def refundable(self, charge: str) -> Decimal: ...
    def top_up(self, operation_id: str, amount: _Amount, reference: str, *, at: datetime) -> Posting: ...
    def charge(self, operation_id: str, amount: _Amount, service: str, *, at: datetime) -> Posting: ...
    def refund(self, operation_id: str, charge: str, amount: _Amount, *, at: datetime) -> Posting: ...
    def payout(self, operation_id: str, amount: _Amount, reference: str, *, at: datetime) -> Posting: ...

__all__ = [
    "NoticeNumber",
    "rf_create",
    "rf_validate",
    "qr_payload",
    "parse_qr_payload",
    "QrPayload",
    "Receipt",
    "PaymentPosition",
    "ReceiptOutcome",
    "InMemoryPaymentGateway",
    "PrepaidAccount",
    "LedgerEntry",
    "Posting",
    "PaymentError",
    "InvalidNoticeNumber",
    "InvalidCreditorReference",
    "InvalidCreditorCode",
    "InvalidQrPayload",
    "PositionRefused",
    "AccountRefused",
    "InsufficientBalance",
]
