"""The article's checkable claims (data/claims.yaml) set beside the record: dates, numbers, findings.

Pure Python: nothing here imports IPython or ipywidgets. Objects print as plain text and
show as escaped HTML in a notebook.

>>> from coursekit.reading import claims
>>> print(claims.compare_date("salgado-date").gap_days)
(12, 42)
>>> claims.check("salgado-date").claim.kind
'wrong-date'
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, Iterable

from coursekit.datafiles.yamlfile import LineDict, display_path, load_yaml_or_problems, read_text
from coursekit.errors import CourseError, DataError, Problem
from coursekit.datafiles.paths import data_dir

FILE_NAME = "claims.yaml"

#: What the record shows about a claim: id -> words a reader uses.
KINDS: dict[str, str] = {
    "wrong-date": "wrong date",
    "wrong-name": "wrong name or place",
    "unclear-number": "unsupported or unclear number",
    "count-basis": "wrong count basis",
    "slip": "spelling or naming slip",
    "checks-out": "checks out",
}
REQUIRED = ("id", "paragraph", "quote", "says", "kind", "record", "source", "how_to_check", "finding")
OPTIONAL = ("event", "date", "numbers")

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
_PRECISION = {4: "year", 7: "month", 10: "day"}
# Words a student may use for a verdict, beside the kinds' ids and labels.
_DIFFERS = {"differs", "differ", "wrong", "false", "incorrect", "problem", "error"}
_AGREES = {"right", "true", "correct", "ok", "agrees", "checks"}


# ---------------------------------------------------------------------------
# The data


@dataclass(frozen=True)
class ArticleDate:
    """The date a claim implies: a day, month or year, a span, or "N days before an event"."""

    words: str
    reading: str
    start: dt.date | None = None      # first day it can mean (absolute dates and spans)
    end: dt.date | None = None        # last day it can mean
    precision: str = "day"            # day, month, year, span or relative
    days_before: int | None = None    # relative dates only
    anchor: str | None = None         # relative dates only: the timeline id counted from

    @property
    def text(self) -> str:
        """The date as a reader writes it: "Aug 2022", "2013", "Jun 2020 to Jun 2023"."""
        if self.precision == "relative":
            return f"about {self.days_before} days before {self.anchor}"
        if self.precision == "span":
            return f"{self.start:%b %Y} to {self.end:%b %Y}"
        return _format(self.start, self.precision)


@dataclass(frozen=True)
class Count:
    """One count from the record: how many, of what, when, and who counted."""

    value: int
    date: str
    what: str
    source: str

    @property
    def date_text(self) -> str:
        return _format(_parse(self.date)[0], _PRECISION[len(self.date)])


@dataclass(frozen=True)
class ArticleNumber:
    """A number the article gives (in its own words), and the counts to compare it with."""

    words: str
    value: int
    counts: tuple[Count, ...]


@dataclass(frozen=True)
class Claim:
    """One checkable claim of the article. Printing it shows the claim and how to check it,
    never the finding: :func:`check` reveals that."""

    id: str
    paragraph: int
    quote: str
    says: str
    kind: str
    record: str
    source: str
    how_to_check: str
    finding: str
    events: tuple[str, ...] = ()
    date: ArticleDate | None = None
    numbers: ArticleNumber | None = None
    line: int | None = None

    @property
    def checks_out(self) -> bool:
        return self.kind == "checks-out"

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    def __str__(self) -> str:
        lines = [f"{self.id} (paragraph {self.paragraph})",
                 f"  the article:  “{self.quote}”",
                 f"  it says:      {self.says}",
                 f"  how to check: {self.how_to_check}"]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Claim {self.id}, paragraph {self.paragraph}>"

    def _repr_html_(self) -> str:
        return (f"<div class='coursekit-claim'><p><strong>{escape(self.id)}</strong> "
                f"(paragraph {self.paragraph})</p><blockquote>“{escape(self.quote)}”</blockquote>"
                f"<p><em>It says:</em> {escape(self.says)}</p>"
                f"<p><em>How to check:</em> {escape(self.how_to_check)}</p></div>")


class Claims(list):
    """The claims in file order. Printing them shows where each is, not what is wrong."""

    source: str | None = None

    def get(self, claim_id: str) -> Claim:
        """The claim with this id; ``KeyError`` names the ids that exist."""
        for c in self:
            if c.id == claim_id:
                return c
        raise KeyError(f"no claim {claim_id!r}; the claims are: {', '.join(self.ids())}")

    def ids(self) -> list[str]:
        return [c.id for c in self]

    def in_paragraph(self, number: int) -> "Claims":
        """The claims quoting paragraph ``number``."""
        out = Claims(c for c in self if c.paragraph == number)
        out.source = self.source
        return out

    def __str__(self) -> str:
        if not self:
            return "(no claims)"
        width = max(len(c.id) for c in self)
        lines = [f"{'claim':<{width}}  ¶   the article"]
        lines += [f"{c.id:<{width}}  {c.paragraph:<2}  “{_shorten(c.quote, 60)}”" for c in self]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><td><code>{escape(c.id)}</code></td><td>{c.paragraph}</td>"
                       f"<td style='text-align:left'>“{escape(c.quote)}”</td></tr>" for c in self)
        return ("<table class='coursekit-claims'><thead><tr><th>Claim</th><th>Paragraph</th>"
                f"<th>The article</th></tr></thead><tbody>{rows}</tbody></table>")


# ---------------------------------------------------------------------------
# Reading and checking the file


def _format(d: dt.date, precision: str) -> str:
    if precision == "day":
        return f"{d.day} {d:%b %Y}"
    if precision == "month":
        return f"{d:%b %Y}"
    return f"{d.year}"


def _parse(text: str) -> tuple[dt.date, dt.date]:
    """First and last day of "2022", "2022-08" or "2022-08-01" (ValueError if not a date)."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    day = dt.date(*parts)
    return day, day


def _date_text(value: Any) -> str | None:
    """A date value from YAML as text: 2013 (a number), 2022-07-14 (a date) or a string."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and _DATE.match(value.strip()):
        return value.strip()
    return None


def normalise(text: str) -> str:
    """Text as quotes are compared: curly apostrophes made straight, runs of spaces made one.

    >>> normalise("Mali’s   decision")
    "Mali's decision"
    """
    return " ".join(text.translate(_APOSTROPHES).split())


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


class _Checker:
    """Collects the problems of one claims file."""

    def __init__(self, shown: str, paragraphs: dict[int, str] | None, event_ids: set[str] | None):
        self.shown = shown
        self.paragraphs = paragraphs
        self.event_ids = event_ids
        self.problems: list[Problem] = []

    def bad(self, line, item, field, message) -> None:
        self.problems.append(Problem(self.shown, line, item, field, message))

    def text(self, d: LineDict, key: str, item: str, field: str | None = None) -> str | None:
        value = d.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            self.bad(d.line_of(key), item, field or key, "is missing or empty")
            return None
        if not isinstance(value, str):
            self.bad(d.line_of(key), item, field or key, f"should be text, not {value!r}")
            return None
        return value.strip()

    def event_id(self, value: Any, line, item, field) -> str | None:
        if not isinstance(value, str) or not _ID.match(value):
            self.bad(line, item, field, f"{value!r} is not a timeline id (like salgado-expelled)")
            return None
        if self.event_ids is not None and value not in self.event_ids:
            self.bad(line, item, field, f"{value!r} is not an event in data/timeline.csv")
            return None
        return value

    def claims(self, raw: Any) -> Claims:
        out = Claims()
        out.source = self.shown
        if raw is None:
            self.bad(None, None, None, "is empty: it needs a `claims:` list")
            return out
        if not isinstance(raw, dict) or "claims" not in raw:
            self.bad(getattr(raw, "line", None), None, "claims", "missing: the file needs a `claims:` list")
            return out
        items = raw["claims"]
        if not isinstance(items, list) or not items:
            self.bad(raw.line_of("claims"), None, "claims", "should be a list of claims, each starting with `- id:`")
            return out
        lines = getattr(items, "item_lines", [None] * len(items))
        seen: dict[str, int | None] = {}
        for entry, line in zip(items, lines):
            claim = self.claim(entry, line, seen)
            if claim is not None:
                out.append(claim)
        return out

    def claim(self, d: Any, line: int | None, seen: dict) -> Claim | None:
        if not isinstance(d, dict):
            self.bad(line, "claim", None, "should be a mapping of fields (id, paragraph, quote, ...)")
            return None
        before = len(self.problems)
        cid = d.get("id")
        item = f'claim "{cid}"' if isinstance(cid, str) and cid else "claim"
        if not isinstance(cid, str) or not cid:
            self.bad(d.line_of("id"), item, "id", "is missing: give every claim a unique id such as salgado-date")
        elif not _ID.match(cid):
            self.bad(d.line_of("id"), item, "id", f"{cid!r} may hold only lowercase letters, digits and hyphens")
        elif cid in seen:
            where = f" on line {seen[cid]}" if seen[cid] else ""
            self.bad(d.line_of("id"), item, "id", f"duplicate: {cid!r} is already used{where}")
        else:
            seen[cid] = d.line_of("id")
        for key in d:
            if key not in REQUIRED and key not in OPTIONAL:
                self.bad(d.line_of(key), item, str(key),
                         f"unknown field; the fields are: {', '.join(REQUIRED + OPTIONAL)}")
        texts = {k: self.text(d, k, item) for k in ("quote", "says", "record", "source", "how_to_check", "finding")}
        paragraph = self.paragraph(d, item)
        if paragraph is not None and texts["quote"]:
            self.quote(texts["quote"], paragraph, d.line_of("quote"), item)
        kind = d.get("kind")
        if kind not in KINDS:
            self.bad(d.line_of("kind"), item, "kind",
                     f"{kind!r} is not one of: {', '.join(KINDS)}" if kind is not None else
                     f"is missing: say what the record shows, one of: {', '.join(KINDS)}")
        events = self.events(d, item)
        date = self.date(d, item) if "date" in d else None
        numbers = self.numbers(d, item) if "numbers" in d else None
        if len(self.problems) > before:
            return None
        return Claim(id=cid, paragraph=paragraph, kind=kind, events=events, date=date,
                     numbers=numbers, line=d.line, **texts)

    def paragraph(self, d: LineDict, item: str) -> int | None:
        n = d.get("paragraph")
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            self.bad(d.line_of("paragraph"), item, "paragraph",
                     f"{n!r} is not a paragraph number (1, 2, …)" if n is not None else "is missing")
            return None
        if self.paragraphs is not None and n not in self.paragraphs:
            self.bad(d.line_of("paragraph"), item, "paragraph",
                     f"{n} is past the article's last paragraph ({len(self.paragraphs)})")
            return None
        return n

    def quote(self, quote: str, paragraph: int, line, item) -> None:
        if self.paragraphs is None:
            return
        wanted = normalise(quote)
        if wanted in normalise(self.paragraphs[paragraph]):
            return
        elsewhere = [n for n, text in self.paragraphs.items() if wanted in normalise(text)]
        if elsewhere:
            hint = f"it is in paragraph {', '.join(map(str, elsewhere))}"
        else:
            hint = f"copy the words exactly from paragraph {paragraph}"
        self.bad(line, item, "quote", f"is not in paragraph {paragraph}: {hint}")

    def events(self, d: LineDict, item: str) -> tuple[str, ...]:
        value = d.get("event")
        if value is None:
            return ()
        values = value if isinstance(value, list) else [value]
        if not values:
            self.bad(d.line_of("event"), item, "event", "is an empty list: name an event or leave the field out")
        found = [self.event_id(v, d.line_of("event"), item, "event") for v in values]
        return tuple(v for v in found if v)

    def date(self, d: LineDict, item: str) -> ArticleDate | None:
        spec = d["date"]
        line = d.line_of("date")
        if not isinstance(spec, dict):
            self.bad(line, item, "date", "should have `words`, `article` and `reading`")
            return None
        words = self.text(spec, "words", item, "date.words")
        reading = self.text(spec, "reading", item, "date.reading")
        for key in spec:
            if key not in ("words", "article", "reading"):
                self.bad(spec.line_of(key), item, f"date.{key}", "unknown field; use words, article and reading")
        article = spec.get("article")
        aline = spec.line_of("article")
        if not d.get("event"):
            self.bad(line, item, "event", "is needed to compare the date with: name the timeline event")
        if isinstance(article, dict) and ("days_before" in article or "event" in article):
            days = article.get("days_before")
            anchor = self.event_id(article.get("event"), aline, item, "date.article.event")
            if isinstance(days, bool) or not isinstance(days, int) or days < 1:
                self.bad(aline, item, "date.article.days_before", f"{days!r} is not a whole number of days (1 or more)")
                return None
            if anchor is None or words is None or reading is None:
                return None
            return ArticleDate(words, reading, precision="relative", days_before=days, anchor=anchor)
        if isinstance(article, dict):
            ends = []
            for key in ("from", "to"):
                text = _date_text(article.get(key))
                if text is None:
                    self.bad(aline, item, f"date.article.{key}",
                             f"{article.get(key)!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
                else:
                    ends.append(self.real_date(text, aline, item, f"date.article.{key}"))
            if len(ends) != 2 or None in ends or words is None or reading is None:
                return None
            if ends[1][1] < ends[0][0]:
                self.bad(aline, item, "date.article.to", "is before `from`")
                return None
            return ArticleDate(words, reading, start=ends[0][0], end=ends[1][1], precision="span")
        text = _date_text(article)
        if text is None:
            self.bad(aline, item, "date.article",
                     f"{article!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, "
                     "{from: ..., to: ...} or {days_before: N, event: <timeline id>}")
            return None
        span = self.real_date(text, aline, item, "date.article")
        if span is None or words is None or reading is None:
            return None
        return ArticleDate(words, reading, start=span[0], end=span[1], precision=_PRECISION[len(text)])

    def real_date(self, text: str, line, item, field):
        try:
            return _parse(text)
        except ValueError as exc:
            self.bad(line, item, field, f"{text!r} is not a real date ({exc})")
            return None

    def numbers(self, d: LineDict, item: str) -> ArticleNumber | None:
        spec = d["numbers"]
        if not isinstance(spec, dict):
            self.bad(d.line_of("numbers"), item, "numbers", "should have `words`, `article` and `counts`")
            return None
        words = self.text(spec, "words", item, "numbers.words")
        value = spec.get("article")
        ok = True
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            self.bad(spec.line_of("article"), item, "numbers.article", f"{value!r} is not a whole number above 0")
            ok = False
        counts_raw = spec.get("counts")
        if not isinstance(counts_raw, list) or not counts_raw:
            self.bad(spec.line_of("counts"), item, "numbers.counts", "should be a list of {value, date, what, source}")
            return None
        counts = []
        for c, cline in zip(counts_raw, getattr(counts_raw, "item_lines", [None] * len(counts_raw))):
            if not isinstance(c, dict):
                self.bad(cline, item, "numbers.counts", "each count should be {value, date, what, source}")
                ok = False
                continue
            v = c.get("value")
            if isinstance(v, bool) or not isinstance(v, int) or v <= 0:
                self.bad(c.line_of("value"), item, "numbers.counts.value", f"{v!r} is not a whole number above 0")
                ok = False
            when = _date_text(c.get("date"))
            if when is None or self.real_date(when, c.line_of("date"), item, "numbers.counts.date") is None:
                if when is None:
                    self.bad(c.line_of("date"), item, "numbers.counts.date",
                             f"{c.get('date')!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
                ok = False
            what = self.text(c, "what", item, "numbers.counts.what")
            source = self.text(c, "source", item, "numbers.counts.source")
            if ok and what and source:
                counts.append(Count(v, when, what, source))
            else:
                ok = False
        if not ok or words is None:
            return None
        return ArticleNumber(words, value, tuple(counts))


def _article_paragraphs(data: Path) -> dict[int, str] | None:
    """The article's paragraphs read from the data folder ``data``; ``None`` if it cannot be
    read (the article's own check reports why)."""
    from coursekit.reading.article import Article, _article_path

    try:
        path, meta = _article_path(data)
        article = Article(read_text(path), path=path, metadata=meta)
    except (CourseError, FileNotFoundError):
        return None
    return {p.number: p.text for p in article.paragraphs}


def _timeline(data: Path):
    """The timeline of the data folder ``data``, or ``None`` if it does not load (its own
    check reports why)."""
    from coursekit.timeline.events import FILE_NAME as TIMELINE, load_timeline

    try:
        return load_timeline(data / TIMELINE)
    except (CourseError, FileNotFoundError):
        return None


def parse_claims(raw: Any, shown: str, *, paragraphs: dict[int, str] | None = None,
                 event_ids: Iterable[str] | None = None) -> tuple[Claims, list[Problem]]:
    """Read claims from YAML already loaded (``raw``); ``shown`` names the file in messages.

    ``paragraphs`` (number -> text) lets quotes be checked; ``event_ids`` lets event ids be
    checked; with ``None`` that check is skipped. Returns the valid claims and every problem.
    """
    checker = _Checker(shown, paragraphs, set(event_ids) if event_ids is not None else None)
    claims = checker.claims(raw)
    return claims, checker.problems


def _load(path: Path) -> tuple[Claims, list[Problem]]:
    data = path.parent
    shown = display_path(path)
    raw, problems = load_yaml_or_problems(path)
    if problems:
        return Claims(), problems
    timeline = _timeline(data)
    events = [e.id for e in timeline] if timeline is not None else None
    return parse_claims(raw, shown, paragraphs=_article_paragraphs(data), event_ids=events)


def load_claims(path: str | Path | None = None) -> Claims:
    """Load ``data/claims.yaml`` (or the file ``path``), checking every quote against its
    paragraph and every event id against the timeline.

    Raises :class:`~coursekit.errors.DataError` naming the file, line, claim and field.

    >>> cl = load_claims()
    >>> cl.get("salgado-date").paragraph
    17
    """
    p = Path(path) if path is not None else data_dir() / FILE_NAME
    claims, problems = _load(p)
    if problems:
        raise DataError(problems)
    return claims


def check_claims(data: Path) -> list[Problem]:
    """Every problem in ``data/claims.yaml`` (for ``coursekit validate``); never raises for bad data."""
    return _load(Path(data) / FILE_NAME)[1]


# ---------------------------------------------------------------------------
# Putting a claim beside the record


@dataclass(frozen=True)
class RecordDate:
    """One timeline event beside the article's date, and the gap between them.

    ``gap_days`` is (least, most) days from the record's date to the article's date:
    positive when the article is later, negative when earlier, (0, 0) when they agree.
    ``calendar_gap`` counts in the article's own unit: (1, "month") for August against July.
    """

    event_id: str
    label: str
    date_text: str
    start: dt.date
    end: dt.date
    source: str
    gap_days: tuple[int, int]
    calendar_gap: tuple[int, str]
    days_before: int | None = None   # relative claims: days from this event to the anchor

    @property
    def agrees(self) -> bool:
        return self.gap_days == (0, 0)

    def gap_text(self, article: ArticleDate) -> str:
        if article.precision == "relative":
            if self.days_before == article.days_before:
                return "agrees"
            diff = self.days_before - article.days_before
            return (f"{self.days_before} days before, not about {article.days_before}: the article's "
                    f"date is about {abs(diff)} day{'s' if abs(diff) != 1 else ''} "
                    f"{'earlier' if diff < 0 else 'later'} than the record")
        if self.agrees:
            return f"agrees: {self.date_text} falls within {article.text}"
        lo, hi = self.gap_days
        side = "later" if lo > 0 else "earlier"
        lo, hi = sorted((abs(lo), abs(hi)))
        days = f"{lo} days" if lo == hi else f"{lo} to {hi} days"
        n, unit = self.calendar_gap
        cal = "" if unit == "day" else f" ({abs(n)} calendar {unit}{'s' if abs(n) != 1 else ''} {side})"
        return f"the article's date is {side} than the record by {days}{cal}"


class _Compared:
    """Shared display of a comparison: the claim as a heading, then ``lines()`` as rows."""

    def __str__(self) -> str:
        c = self.claim
        head = f"{c.id} (paragraph {c.paragraph}): “{c.quote}”"
        return "\n".join([head] + [f"  {k + ':':<12} {v}" for k, v in self.lines()])

    def __repr__(self) -> str:
        return self.__str__()

    def _repr_html_(self) -> str:
        c = self.claim
        rows = "".join(f"<tr><th style='text-align:left'>{escape(k)}</th>"
                       f"<td style='text-align:left'>{escape(v)}</td></tr>" for k, v in self.lines())
        return (f"<p><strong>{escape(c.id)}</strong> (paragraph {c.paragraph}): "
                f"“{escape(c.quote)}”</p><table class='coursekit-compare'>{rows}</table>")


@dataclass(frozen=True, repr=False)
class DateComparison(_Compared):
    """What :func:`compare_date` returns: the article's date, the record's, and the gap."""

    claim: Claim
    records: tuple[RecordDate, ...]
    anchor: tuple[str, str, dt.date] | None = None   # (id, label, date) for relative claims

    @property
    def article(self) -> ArticleDate:
        return self.claim.date

    @property
    def agrees(self) -> bool:
        """True when every related event falls within the article's date."""
        return all(r.agrees for r in self.records)

    @property
    def gap_days(self) -> tuple[int, int]:
        """The gap to the first related event (see :class:`RecordDate`)."""
        return self.records[0].gap_days

    @property
    def calendar_gap(self) -> tuple[int, str]:
        return self.records[0].calendar_gap

    @property
    def article_days_before(self) -> int | None:
        return self.article.days_before

    @property
    def record_days_before(self) -> int | None:
        return self.records[0].days_before

    def _article_line(self) -> str:
        a = self.article
        if a.precision == "relative":
            aid, label, day = self.anchor
            implied = day - dt.timedelta(days=a.days_before)
            return (f"about {a.days_before} days before {_format(day, 'day')} ({label}), "
                    f"so about {_format(implied, 'day')}")
        if a.precision == "day":
            return a.text
        return f"{a.text} ({_format(a.start, 'day')} to {_format(a.end, 'day')})"

    def lines(self) -> list[tuple[str, str]]:
        rows = [("the article", f"“{self.article.words}”: {self._article_line()}"),
                ("reading", self.article.reading)]
        for r in self.records:
            rows.append(("the record", f"{r.date_text}: {r.label} (timeline {r.event_id}; {r.source})"))
            rows.append(("gap", r.gap_text(self.article)))
        return rows



def _months(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def compare_date(claim_id: str, *, claims: Claims | None = None, timeline=None) -> DateComparison:
    """Put the date a claim implies beside the timeline's date for it, and say the gap.

    >>> print(compare_date("putin-call-week").record_days_before)
    3
    >>> compare_date("deployed-2013").agrees
    True
    """
    claims = claims if claims is not None else load_claims()
    claim = claims.get(claim_id)
    if claim.date is None:
        dated = [c.id for c in claims if c.date is not None]
        raise ValueError(f"claim {claim_id!r} has no date to compare; these do: {', '.join(dated)}")
    if timeline is None:
        from coursekit.timeline.events import load_timeline

        timeline = load_timeline()
    a = claim.date
    anchor = None
    if a.precision == "relative":
        anchor_event = timeline.get(a.anchor)
        day = anchor_event.start - dt.timedelta(days=a.days_before)
        lo = hi = day
        anchor = (anchor_event.id, anchor_event.label, anchor_event.start)
    else:
        lo, hi = a.start, a.end
    records = []
    for eid in claim.events:
        e = timeline.get(eid)
        first, last = e.start, e.latest
        if lo <= last and first <= hi:
            gap = (0, 0)
        elif lo > last:
            gap = ((lo - last).days, (hi - first).days)
        else:
            gap = (-(first - hi).days, -(last - lo).days)
        if a.precision in ("year",):
            cal = (lo.year - first.year, "year")
        elif a.precision in ("month", "span"):
            cal = (0, "month") if gap == (0, 0) else (_months(lo if lo > last else hi) - _months(first), "month")
        else:
            cal = (gap[0], "day")
        before = (anchor[2] - first).days if anchor else None
        records.append(RecordDate(e.id, e.label, e.date_text, first, last, e.source, gap, cal, before))
    return DateComparison(claim, tuple(records), anchor)


@dataclass(frozen=True, repr=False)
class NumberComparison(_Compared):
    """What :func:`compare_number` returns: the article's number beside each count."""

    claim: Claim

    @property
    def number(self) -> ArticleNumber:
        return self.claim.numbers

    def ratios(self) -> list[tuple[Count, float, float]]:
        """(count, the article's number ÷ the count, orders of magnitude apart) per count."""
        v = self.number.value
        return [(c, v / c.value, math.log10(v / c.value)) for c in self.number.counts]

    def lines(self) -> list[tuple[str, str]]:
        n = self.number
        rows = [("the article", f"“{n.words}” ({n.value:,})")]
        for c, ratio, orders in self.ratios():
            bigger = "larger" if ratio >= 1 else "smaller"
            factor = ratio if ratio >= 1 else 1 / ratio
            rows.append(("the record", f"{c.value:,} {c.what}, {c.date_text} ({c.source})"))
            rows.append(("compared", f"the article's number is {factor:.1f} times {bigger} "
                                     f"({abs(orders):.1f} orders of magnitude)"))
        return rows



def compare_number(claim_id: str, *, claims: Claims | None = None) -> NumberComparison:
    """Put a number the article gives beside the counts in the record.

    >>> round(compare_number("six-million").ratios()[0][1], 1)
    15.3
    """
    claims = claims if claims is not None else load_claims()
    claim = claims.get(claim_id)
    if claim.numbers is None:
        with_numbers = [c.id for c in claims if c.numbers is not None]
        raise ValueError(f"claim {claim_id!r} has no number to compare; these do: {', '.join(with_numbers)}")
    return NumberComparison(claim)


# ---------------------------------------------------------------------------
# Revealing the finding


def read_verdict(guess: str) -> str | None:
    """A student's verdict as a kind id, "differs" (some problem) or ``None`` if not understood.

    >>> read_verdict("Wrong date"), read_verdict("wrong"), read_verdict("checks out")
    ('wrong-date', 'differs', 'checks-out')
    """
    text = re.sub(r"[\s_]+", "-", str(guess).strip().lower())
    if text in KINDS:
        return text
    for kid, label in KINDS.items():
        if text == label.replace(" ", "-"):
            return kid
    if text in _DIFFERS:
        return "differs"
    if text in _AGREES:
        return "checks-out"
    return None


@dataclass(frozen=True)
class Finding:
    """What :func:`check` reveals: the record, its source and what a careful reader concludes,
    with a word on the student's own verdict if one was given."""

    claim: Claim
    events: tuple[str, ...] = ()     # "20 Jul 2022: Spokesman Salgado expelled (salgado-expelled)"
    guess: str | None = None

    @property
    def verdict(self) -> str:
        return self.claim.kind_label

    def guess_message(self) -> str | None:
        if self.guess is None:
            return None
        said = read_verdict(self.guess)
        kind = self.claim.kind
        if said is None:
            return (f"“{self.guess}” is not a verdict this helper knows; say one of: "
                    f"{', '.join(KINDS)} (or just “differs”).")
        if said == kind:
            return f"Your verdict, {KINDS[said]}: right."
        if said == "differs" and kind != "checks-out":
            return f"Your verdict, the article differs from the record: right; the kind of problem is: {KINDS[kind]}."
        if said != "checks-out" and kind != "checks-out":
            return (f"Your verdict, {KINDS[said]}: right that the article differs from the record; "
                    f"the kind of problem is: {KINDS[kind]}.")
        if said == "checks-out":
            return f"Your verdict, checks out: not what the record shows ({KINDS[kind]})."
        return f"Your verdict, {'the article differs' if said == 'differs' else KINDS[said]}: the record agrees with the article."

    def lines(self) -> list[tuple[str, str]]:
        c = self.claim
        rows = [("verdict", c.kind_label), ("the article", f"“{c.quote}”"), ("the record", c.record),
                ("source", c.source)]
        rows += [("timeline", e) for e in self.events]
        rows.append(("finding", c.finding))
        message = self.guess_message()
        if message:
            rows.insert(0, ("you said", message))
        return rows

    def __str__(self) -> str:
        c = self.claim
        head = f"{c.id} (paragraph {c.paragraph})"
        return "\n".join([head] + [f"  {k + ':':<12} {v}" for k, v in self.lines()])

    __repr__ = __str__

    def _repr_html_(self) -> str:
        c = self.claim
        rows = "".join(f"<tr><th style='text-align:left;vertical-align:top'>{escape(k)}</th>"
                       f"<td style='text-align:left'>{escape(v)}</td></tr>" for k, v in self.lines())
        return (f"<div class='coursekit-finding' role='status'><p><strong>{escape(c.id)}</strong> "
                f"(paragraph {c.paragraph})</p><table>{rows}</table></div>")


def check(claim_id: str, guess: str | None = None, *, claims: Claims | None = None, timeline=None) -> Finding:
    """Reveal what the record shows about a claim: call it after you have checked it yourself.

    ``guess`` is your own verdict ("wrong date", "checks out", "differs", ...): the finding
    then says whether it matches. An empty ``guess`` is no verdict.

    >>> print(check("deployed-2013", "checks out").guess_message())
    Your verdict, checks out: right.
    """
    claims = claims if claims is not None else load_claims()
    claim = claims.get(claim_id)
    if guess is not None and not str(guess).strip():
        guess = None  # the verdict box left empty: reveal without judging
    if timeline is None and claim.events:
        from coursekit.timeline.events import load_timeline

        timeline = load_timeline()
    events = tuple(f"{e.date_text}: {e.label} ({e.id})" for e in (timeline.get(i) for i in claim.events))
    return Finding(claim, events, None if guess is None else str(guess))


class Findings(list):
    """Every claim with its verdict: the lesson's summary table (it reveals every finding)."""

    def __str__(self) -> str:
        width = max((len(f.claim.id) for f in self), default=5)
        lines = [f"{'claim':<{width}}  ¶   verdict"]
        lines += [f"{f.claim.id:<{width}}  {f.claim.paragraph:<2}  {f.verdict}" for f in self]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><td><code>{escape(f.claim.id)}</code></td><td>{f.claim.paragraph}</td>"
                       f"<td>{escape(f.verdict)}</td><td style='text-align:left'>{escape(f.claim.source)}</td></tr>"
                       for f in self)
        return ("<table class='coursekit-findings'><thead><tr><th>Claim</th><th>Paragraph</th>"
                f"<th>Verdict</th><th>Source</th></tr></thead><tbody>{rows}</tbody></table>")


def findings(*, claims: Claims | None = None) -> Findings:
    """Every claim's verdict, in paragraph order (run it at the end: it gives every answer away)."""
    claims = claims if claims is not None else load_claims()
    return Findings(Finding(c) for c in sorted(claims, key=lambda c: (c.paragraph, claims.index(c))))
