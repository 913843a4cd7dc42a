"""coursekit.datafiles.dates: dates known to the day, the month or the year."""
from __future__ import annotations

import datetime as dt

import pytest

from coursekit.datafiles.dates import format_date, parse_date, precision_of


@pytest.mark.parametrize("value, first, last, precision, text", [
    ("2022-07-20", dt.date(2022, 7, 20), dt.date(2022, 7, 20), "day", "20 Jul 2022"),
    ("2022-02", dt.date(2022, 2, 1), dt.date(2022, 2, 28), "month", "Feb 2022"),
    ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month", "Feb 2024"),
    ("2022-12", dt.date(2022, 12, 1), dt.date(2022, 12, 31), "month", "Dec 2022"),
    (2013, dt.date(2013, 1, 1), dt.date(2013, 12, 31), "year", "2013"),
    (" 2013 ", dt.date(2013, 1, 1), dt.date(2013, 12, 31), "year", "2013"),
    (dt.date(2023, 6, 30), dt.date(2023, 6, 30), dt.date(2023, 6, 30), "day", "30 Jun 2023"),
])
def test_a_date_means_every_day_it_can_mean(value, first, last, precision, text):
    d = parse_date(value)
    assert (d.first, d.last, d.precision, str(d)) == (first, last, precision, text)
    assert d.first <= d.middle <= d.last


@pytest.mark.parametrize("value, message", [
    ("2022-13", "'2022-13' is not a real date (month must be in 1..12)"),
    ("2023-02-29", "'2023-02-29' is not a real date"),
    ("20 July 2022", "is not a date: write 2013, 2013-07 or 2013-07-01"),
    ("2022-7", "is not a date"),
    ("", "is not a date"),
    (True, "is not a date"),
])
def test_a_wrong_date_says_why(value, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_date(value)


def test_precision_and_format():
    assert [precision_of(t) for t in ("2022-07-20", "2022-07", "2022", "22-07")] == ["day", "month", "year", None]
    assert format_date(dt.date(2022, 3, 9), "month") == "Mar 2022"
    assert format_date(dt.date(2022, 3, 9)) == "9 Mar 2022"
