"""Dates as instructors write them, known to the day, the month or the year (2013-07-01,
2013-07, 2013): the one place they are read, checked and printed.

>>> d = parse_date("2022-03")
>>> d.precision, d.first, d.last
('month', datetime.date(2022, 3, 1), datetime.date(2022, 3, 31))
>>> print(d)
Mar 2022
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

#: Each precision and the form of a date written with it (regular expressions, which the
#: data files' JSON Schemas use too), most precise first.
FORMS = {"day": r"^\d{4}-\d{2}-\d{2}$", "month": r"^\d{4}-\d{2}$", "year": r"^\d{4}$"}
PRECISIONS = tuple(FORMS)
#: How each form is written, for messages.
WRITTEN = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}
#: Any of the forms.
PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
#: The JSON Schema of a date in a YAML file: a text in one of the forms, or a bare year.
SCHEMA = {"type": ["string", "integer"], "pattern": PATTERN, "minimum": 1000, "maximum": 9999,
          "description": "must be a date: YYYY, YYYY-MM or YYYY-MM-DD"}


@dataclass(frozen=True)
class PartialDate:
    """A date and how precisely it is known: ``first`` and ``last`` are the first and the
    last day it can mean (1 and 31 March for "2022-03")."""

    first: dt.date
    last: dt.date
    precision: str

    @property
    def middle(self) -> dt.date:
        """The day halfway between ``first`` and ``last``."""
        return self.first + (self.last - self.first) // 2

    def __str__(self) -> str:
        return format_date(self.first, self.precision)


def _cut(value: object) -> str:
    """``repr(value)``, cut short: a message never prints a whole long value."""
    text = repr(value[:61] if isinstance(value, str) else value)
    return text if len(text) <= 60 else text[:57] + "..."


# The three forms at once: year, then month and day if written (a 50 MB timeline reads
# some 300,000 dates, so they are matched once, not form by form).
_ANY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_BY_PARTS = {1: "year", 2: "month", 3: "day"}


def precision_of(text: str) -> str | None:
    """``"day"``, ``"month"`` or ``"year"`` for a date's form; ``None`` if it has none."""
    found = _ANY.fullmatch(text)
    return None if found is None else _BY_PARTS[3 - found.groups().count(None)]


def last_day(first: dt.date, precision: str) -> dt.date:
    """The last day a date of ``precision`` starting on ``first`` can mean."""
    if precision == "year":
        return dt.date(first.year, 12, 31)
    if precision == "month":
        return dt.date(first.year + first.month // 12, first.month % 12 + 1, 1) - dt.timedelta(days=1)
    return first


def parse_date(value: str | int | dt.date) -> PartialDate:
    """Read a date: a text in one of the forms, a year (2013) or a :class:`datetime.date`.

    Raises ``ValueError`` saying what is wrong:

    >>> parse_date("2022-02-30")
    Traceback (most recent call last):
    ValueError: '2022-02-30' is not a real date (day is out of range for month)
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value, value, "day")
    text = str(value).strip()
    found = _ANY.fullmatch(text) if not isinstance(value, bool) else None
    if found is None:
        raise ValueError(f"{_cut(value)} is not a date: write 2013, 2013-07 or 2013-07-01")
    year, month, day = found.groups()
    precision = "year" if month is None else "month" if day is None else "day"
    try:
        first = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a real date ({exc})") from None
    return PartialDate(first, last_day(first, precision), precision)


def format_date(day: dt.date, precision: str = "day") -> str:
    """The date as a reader writes it: "20 Jul 2022", "Jul 2022" or "2022".

    >>> format_date(dt.date(2022, 7, 20)), format_date(dt.date(2022, 7, 1), "year")
    ('20 Jul 2022', '2022')
    """
    if precision == "day":
        return f"{day.day} {day:%b %Y}"
    if precision == "month":
        return f"{day:%b %Y}"
    return f"{day.year}"
