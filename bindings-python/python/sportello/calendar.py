"""The Italian legal calendar: holidays, patron saints, legal terms, office calendars.

Two views of a day: the *legal* one (Sundays and national holidays, which move deadlines under
art. 2963 c.c. and art. 155 c.p.c.) and the *office* one (adds the seat's patron saint and,
per setting, Saturdays). Dates are :class:`datetime.date`; years 1950-2100.
"""

from sportello._native import (
    Calendar,
    CalendarError,
    Holiday,
    add_days,
    days_between,
    easter_sunday,
    italian_date,
    national_holidays,
)

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
