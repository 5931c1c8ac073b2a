from datetime import date, datetime
from typing import Literal, final

from sportello.errors import SportelloError

_View = Literal["legal", "office"]
_HolidayKind = Literal["national", "sunday", "saturday", "patron_saint"]

class CalendarError(SportelloError):
    """A calendar question that cannot be answered (year outside 1950-2100, a term that leaves
    the calendar, an unknown view)."""

    rule: str
    field: str

@final
class Holiday:
    """A named day off."""

    @property
    def date(self) -> date:
        """The day."""
    @property
    def name(self) -> str:
        """Its Italian name (``"Lunedì dell'Angelo"``, ``"Sant'Ambrogio"``, ``"Domenica"``)."""
    @property
    def kind(self) -> _HolidayKind:
        """Why it is a day off."""

@final
class Calendar:
    """The Italian legal calendar of one office.

    ``province`` (a sigla such as ``"MI"``) adds the patron saint of its capital to the office
    view (raises :class:`sportello.UnknownProvince` if no patron is known). ``saturday_is_holiday``
    makes Saturday deadlines move to the next working day (art. 155 c.5 c.p.c. read broadly; by
    default Saturday is a working day, art. 155 c.6) and closes the office on Saturdays;
    ``office_closed_on_saturday`` closes the office on Saturdays without moving deadlines.
    """

    def __new__(
        cls,
        province: str | None = None,
        saturday_is_holiday: bool = False,
        *,
        office_closed_on_saturday: bool = False,
    ) -> Calendar: ...
    @property
    def province(self) -> str | None:
        """The province whose patron the office view adds."""
    @property
    def patron_saint(self) -> str | None:
        """The patron saint of the seat."""
    @property
    def saturday_is_holiday(self) -> bool:
        """Whether Saturday deadlines move."""
    @property
    def office_closed_on_saturday(self) -> bool:
        """Whether the office is closed on Saturdays."""
    def is_legal_holiday(self, d: date) -> bool:
        """Whether ``d`` is a Sunday or a national holiday (patron days and Saturdays never are)."""
    def is_office_closed(self, d: date) -> bool:
        """Whether the office is closed on ``d``."""
    def day_off(self, d: date, view: _View = "office") -> Holiday | None:
        """Why ``d`` is a day off in ``view``, or None on a working day."""
    def holidays(self, year: int) -> list[tuple[date, str]]:
        """The named holidays of ``year`` as (date, name), in date order: national ones and the
        patron day (Sundays not listed)."""
    def holiday_list(self, year: int) -> list[Holiday]:
        """The named holidays of ``year`` as :class:`Holiday` records, with their kind."""
    def deadline(self, start: date, days: int) -> date:
        """Deadline of a term of ``days`` calendar days from ``start`` (start day excluded), moved
        past legal holidays (art. 2963 c.c.; art. 155 c.p.c.)."""
    def deadline_months(self, start: date, months: int) -> date:
        """Deadline of a term of ``months`` months: same day number or the month's last day
        (art. 2963 c.c.), moved past legal holidays."""
    def deadline_years(self, start: date, years: int) -> date:
        """Deadline of a term of ``years`` years, moved past legal holidays."""
    def roll_forward(self, d: date, view: _View = "legal") -> date:
        """``d`` itself, or the next day not closed in ``view`` (a due date on a holiday)."""
    def next_working_day(self, d: date, view: _View = "office") -> date:
        """The first day after ``d`` not closed in ``view``."""
    def working_days_between(self, start: date, end: date, view: _View = "office") -> int:
        """The days after ``start`` up to and including ``end`` not closed in ``view``."""

def add_days(d: date, days: int) -> date:
    """``d`` plus ``days`` calendar days (negative to go back), inside 1950-2100."""

def days_between(start: date, end: date) -> int:
    """Days from ``start`` to ``end`` (negative if ``end`` comes first)."""

def easter_sunday(year: int) -> date:
    """Easter Sunday of ``year`` (1950-2100)."""

def national_holidays(year: int) -> list[Holiday]:
    """The national holidays of ``year`` (L. 260/1949 as amended), in date order, Sundays not listed."""

def italian_date(instant: datetime) -> date:
    """The calendar date in Italy (Europe/Rome) at ``instant``, a timezone-aware datetime (a naive
    one raises :class:`sportello.InvalidDate`)."""

__all__ = [
    "Calendar",
    "CalendarError",
    "Holiday",
    "add_days",
    "days_between",
    "easter_sunday",
    "italian_date",
    "national_holidays",
]
