"""The article's checkable claims (data/claims.yaml) set beside the record: dates, numbers, findings.

Pure Python: nothing here imports IPython or ipywidgets. Objects print as plain text and
show as escaped HTML in a notebook. Lesson 06 asks for a verdict on each claim with a
``verdict`` question (:mod:`coursekit.quizzes.questions`) that :meth:`Claims.verdict_question`
writes from the claim: the verdicts to choose from (:data:`KINDS`), the right one, and the
record and its source, which the student sees only after answering.

>>> from coursekit.reading import claims
>>> print(claims.compare_date("salgado-date").gap_days)
(12, 42)
>>> claims.check("salgado-date").claim.kind
'wrong-date'
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, TypeVar

from coursekit.datafiles import dates
from coursekit.datafiles.paths import data_folder
from coursekit.datafiles.schema import ID_PATTERN, TEXT_SCHEMA, record
from coursekit.datafiles.validate import (check_yaml, list_schema, load_checked, named_items, repeats,
                                          schema_check)
from coursekit.datafiles.yamlfile import LineDict, display_path
from coursekit.errors import CourseError, Problem

FILE_NAME = "claims.yaml"

#: What the record shows about a claim: id -> words a reader uses.
KINDS: dict[str, str] = {
    "wrong-date": "wrong date",
    "wrong-name": "wrong name or place",
    "unclear-number": "unsupported or unclear number",
    "count-basis": "wrong count basis",
    "merged-events": "two events merged into one",
    "slip": "spelling or naming slip",
    "checks-out": "checks out",
}
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
_T = TypeVar("_T")
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
        if self.start is None or self.end is None:  # relative
            return f"about {self.days_before} days before {self.anchor}"
        if self.precision == "span":
            return f"{self.start:%b %Y} to {self.end:%b %Y}"
        return dates.format_date(self.start, self.precision)


@dataclass(frozen=True)
class Count:
    """One count from the record: how many, of what, when, and who counted."""

    value: int
    date: str
    what: str
    source: str

    @property
    def date_text(self) -> str:
        return str(dates.parse_date(self.date))


@dataclass(frozen=True)
class ArticleNumber:
    """A number the article gives (in its own words), and the counts to compare it with."""

    words: str
    value: int
    counts: tuple[Count, ...]


@dataclass(frozen=True, kw_only=True)
class Claim:
    """One checkable claim of the article. Printing it shows the claim and how to check it,
    never the finding: :func:`check` reveals that.

    Its fields are named (keyword-only), in the order ``data/claims.yaml`` documents them.
    """

    id: str
    paragraph: int
    quote: str
    says: str
    kind: str
    #: Other kinds a careful reader could defend as the verdict (full credit too).
    also_accepted: tuple[str, ...] = ()
    record: str
    source: str
    events: tuple[str, ...] = ()  # the file's ``event``: timeline ids
    date: ArticleDate | None = None
    numbers: ArticleNumber | None = None
    how_to_check: str
    finding: str
    #: The line it was read from, for messages: where an item stands is not part of its value.
    line: int | None = dataclasses.field(default=None, compare=False)

    @property
    def kind_label(self) -> str:
        """What the record shows, in words: "wrong date"."""
        return KINDS[self.kind]

    @property
    def accepted_labels(self) -> list[str]:
        """Every verdict given full credit, in words: the kind's, then ``also_accepted``."""
        return [KINDS[k] for k in (self.kind, *self.also_accepted)]

    @property
    def checks_out(self) -> bool:
        """True when the record agrees with the article."""
        return self.kind == "checks-out"

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
    #: The data folder they were read from (their timeline is read from there too).
    data_dir: Path | None = None

    def get(self, claim_id: str) -> Claim:
        """The claim with this id; ``KeyError`` names the ids that exist."""
        for c in self:
            if c.id == claim_id:
                return c
        raise KeyError(f"no claim {claim_id!r}; the claims are: {', '.join(self.ids())}")

    def ids(self) -> list[str]:
        return [c.id for c in self]

    def verdict_question(self, claim_id: str, qid: str) -> dict:
        """The bank entry of a ``verdict`` question on the claim ``claim_id``, with id ``qid``:
        the claim as the prompt, every kind as the verdicts to choose from, the claim's kind
        (and ``also_accepted``) as the answer, ``how_to_check`` as the hint, and the record,
        the finding and the source to reveal once the student has answered.
        :class:`~coursekit.errors.CourseError` names the ids if there is no such claim.

        >>> q = load_claims().verdict_question("salgado-date", "verdict-salgado-date")
        >>> q["answer"], q["source"]["paragraph"]
        (['wrong date'], 17)
        """
        try:
            c = self.get(claim_id)
        except KeyError:
            raise CourseError(f"no claim {claim_id!r} in {self.source or FILE_NAME}; the claims are: "
                              f"{', '.join(self.ids())}") from None
        return {
            "id": qid, "type": "verdict", "claim": c.id,
            "prompt": (f"**Paragraph {c.paragraph}:** “{c.quote}”\n\n*It says:* {c.says}\n\n"
                       "What does the record show? Choose your verdict, say why in one line, "
                       "then click **Check**."),
            "options": list(KINDS.values()),
            "answer": c.accepted_labels,
            "hints": [c.how_to_check],
            "record": c.record,
            "explanation": c.finding,
            "source": {"paragraph": c.paragraph, "note": c.source},
        }

    def in_paragraph(self, number: int) -> "Claims":
        """The claims quoting paragraph ``number``."""
        out = Claims(c for c in self if c.paragraph == number)
        out.source, out.data_dir = self.source, self.data_dir
        return out

    def __str__(self) -> str:
        if not self:
            return "(no claims)"
        return _table("the article", [(c, f"“{_shorten(c.quote, 60)}”") for c in self])

    __repr__ = __str__

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><td><code>{escape(c.id)}</code></td><td>{c.paragraph}</td>"
                       f"<td style='text-align:left'>“{escape(c.quote)}”</td></tr>" for c in self)
        return ("<table class='coursekit-claims'><thead><tr><th>Claim</th><th>Paragraph</th>"
                f"<th>The article</th></tr></thead><tbody>{rows}</tbody></table>")


# ---------------------------------------------------------------------------
# Reading and checking the file

_TEXT = TEXT_SCHEMA
_EVENT = {"type": "string", "pattern": ID_PATTERN}
_DATE_SPEC = {
    "anyOf": [dates.SCHEMA,
              record(["from", "to"], {"from": dates.SCHEMA, "to": dates.SCHEMA}),
              record(["days_before", "event"], {"days_before": {"type": "integer", "minimum": 1}, "event": _EVENT})],
    "description": "must be a date (YYYY, YYYY-MM or YYYY-MM-DD), {from: <date>, to: <date>} "
                   "or {days_before: N, event: <timeline id>}",
}

#: What data/claims.yaml must look like (written to data/claims.schema.json).
SCHEMA = list_schema("data/claims.yaml: the article's checkable claims, set beside the record", "claims", record(
    required=["id", "paragraph", "quote", "says", "kind", "record", "source", "how_to_check", "finding"],
    properties={
        "id": {"type": "string", "pattern": ID_PATTERN},
        "paragraph": {"type": "integer", "minimum": 1, "description": "the article's paragraph, "
                      "counted without the byline and the related-story links"},
        "quote": {**_TEXT, "description": "words copied from that paragraph"},
        "says": _TEXT,
        "kind": {"enum": list(KINDS), "description": "what the record shows about the claim"},
        "record": _TEXT,
        "source": _TEXT,
        "how_to_check": _TEXT,
        "finding": _TEXT,
        "also_accepted": {"type": "array", "minItems": 1, "items": {"enum": list(KINDS)},
                          "description": "other kinds a careful reader could defend as the verdict: "
                                         "lesson 06 gives them full credit too"},
        "event": {"type": ["string", "array"], "pattern": ID_PATTERN, "items": _EVENT, "minItems": 1,
                  "description": "a timeline id (data/timeline.csv), or a list of them"},
        "date": record(["words", "article", "reading"], {"words": _TEXT, "article": _DATE_SPEC, "reading": _TEXT}),
        "numbers": record(["words", "article", "counts"], {
            "words": _TEXT,
            "article": {"type": "integer", "minimum": 1},
            "counts": {"type": "array", "minItems": 1, "items": record(
                ["value", "date", "what", "source"],
                {"value": {"type": "integer", "minimum": 1}, "date": dates.SCHEMA, "what": _TEXT, "source": _TEXT})},
        }),
    },
    # a date is compared with the timeline's: it needs the event
    **{"if": {"required": ["date"]}, "then": {"required": ["event"]}},
))


def normalise(text: str) -> str:
    """Text as quotes are compared: curly apostrophes made straight, runs of spaces made one.

    >>> normalise("Mali’s   decision")
    "Mali's decision"
    """
    return " ".join(text.translate(_APOSTROPHES).split())


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _table(head: str, rows: list[tuple[Claim, str]]) -> str:
    """Claims as plain-text rows: id, paragraph, then ``head``'s column."""
    width = max([len("claim")] + [len(c.id) for c, _ in rows])
    return "\n".join([f"{'claim':<{width}}  ¶   {head}"]
                     + [f"{c.id:<{width}}  {c.paragraph:<2}  {text}" for c, text in rows])


def _read_date(value: Any) -> tuple[dates.PartialDate | None, str | None]:
    """``(date, None)`` for a real date; ``(None, why)`` for one written in the right form that
    is not real (2022-13); ``(None, None)`` for anything else, which the schema reports."""
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not dates.precision_of(str(value)):
        return None, None
    try:
        return dates.parse_date(value), None
    except ValueError as exc:
        return None, str(exc)


@dataclass(frozen=True)
class _Known:
    """The article's paragraphs (number -> text) and the timeline's ids, from the same data
    folder; ``None`` when that file has problems of its own (its checker reports them)."""

    paragraphs: dict[int, str] | None
    events: set[str] | None

    @classmethod
    def of(cls, data: Path) -> "_Known":
        from coursekit.reading.article import load_article
        from coursekit.timeline.events import load_timeline

        paragraphs = events = None
        try:
            paragraphs = {p.number: p.text for p in load_article(data).paragraphs}
        except (CourseError, FileNotFoundError):
            pass
        try:
            events = {e.id for e in load_timeline(data)}
        except (CourseError, FileNotFoundError):
            pass
        return cls(paragraphs, events)


def _claim_problems(item: str, d: LineDict, shown: str, known: _Known) -> list[Problem]:
    """What a schema cannot check in a claim: the paragraph exists and holds the quote, the
    events exist, the dates are real and in order, and ``also_accepted`` does not repeat the kind."""
    problems: list[Problem] = []

    def bad(where: LineDict, key: str, field: str, message: str | None) -> None:
        if message:
            problems.append(Problem(shown, where.line_of(key), item, field, message))

    also = d.get("also_accepted")
    if isinstance(also, list) and d.get("kind") in also:
        bad(d, "also_accepted", "also_accepted", f"{d['kind']!r} is already the claim's kind")

    n, quote = d.get("paragraph"), d.get("quote")
    if known.paragraphs is not None and isinstance(n, int) and not isinstance(n, bool) and n >= 1:
        if n not in known.paragraphs:
            bad(d, "paragraph", "paragraph", f"{n} is past the article's last paragraph ({len(known.paragraphs)})")
        elif isinstance(quote, str) and normalise(quote) not in normalise(known.paragraphs[n]):
            elsewhere = [str(k) for k, text in known.paragraphs.items() if normalise(quote) in normalise(text)]
            hint = (f"it is in paragraph {', '.join(elsewhere)}" if elsewhere
                    else f"copy the words exactly from paragraph {n}")
            bad(d, "quote", "quote", f"is not in paragraph {n}: {hint}")
    spec: LineDict = d["date"] if isinstance(d.get("date"), LineDict) else LineDict()
    article = spec.get("article")
    events = d["event"] if isinstance(d.get("event"), list) else [d.get("event")]
    anchors: list[tuple[LineDict, str, str, Any]] = [(d, "event", "event", e) for e in events]
    if isinstance(article, dict):
        anchors.append((spec, "article", "date.article.event", article.get("event")))
        (first, why_first), (last, why_last) = _read_date(article.get("from")), _read_date(article.get("to"))
        bad(spec, "article", "date.article.from", why_first)
        bad(spec, "article", "date.article.to", why_last)
        if first and last and last.last < first.first:
            bad(spec, "article", "date.article.to", "is before `from`")
    else:
        bad(spec, "article", "date.article", _read_date(article)[1])
    for where, key, field, eid in anchors:
        if known.events is not None and isinstance(eid, str) and eid not in known.events:
            bad(where, key, field, f"{eid!r} is not an event in data/timeline.csv")
    counts = d["numbers"].get("counts") if isinstance(d.get("numbers"), dict) else None
    for i, count in enumerate(counts if isinstance(counts, list) else [], 1):
        if isinstance(count, LineDict):
            bad(count, "date", f"numbers.counts[{i}].date", _read_date(count.get("date"))[1])
    return problems


def _problems(raw: Any, shown: str, known: _Known) -> list[Problem]:
    named = named_items(raw, "claims", "claim")
    problems = schema_check(raw, SCHEMA, shown, {"claims": "claim"}) + repeats(named, "id", shown)
    for item, d in named:
        problems += _claim_problems(item, d, shown, known)
    return problems


def _article_date(spec: dict | None) -> ArticleDate | None:
    if spec is None:
        return None
    words, reading, article = spec["words"].strip(), spec["reading"].strip(), spec["article"]
    if isinstance(article, dict) and "days_before" in article:
        return ArticleDate(words, reading, precision="relative", days_before=article["days_before"],
                           anchor=article["event"])
    if isinstance(article, dict):
        return ArticleDate(words, reading, dates.parse_date(article["from"]).first,
                           dates.parse_date(article["to"]).last, "span")
    when = dates.parse_date(article)
    return ArticleDate(words, reading, when.first, when.last, when.precision)


def _claim(d: LineDict) -> Claim:
    events = d.get("event", [])
    numbers = d.get("numbers")
    return Claim(
        id=d["id"], paragraph=d["paragraph"], kind=d["kind"], line=d.line,
        **{key: d[key].strip() for key in ("quote", "says", "record", "source", "how_to_check", "finding")},
        events=tuple(events if isinstance(events, list) else [events]),
        date=_article_date(d.get("date")),
        also_accepted=tuple(k for k in d.get("also_accepted", ()) if k != d["kind"]),
        numbers=numbers and ArticleNumber(numbers["words"].strip(), numbers["article"], tuple(
            Count(c["value"], str(c["date"]), c["what"].strip(), c["source"].strip()) for c in numbers["counts"])),
    )


def load_claims(data_dir: str | Path | None = None) -> Claims:
    """Load ``claims.yaml`` from the data folder ``data_dir`` (found when ``None``), checking
    every quote against its paragraph and every event id against the timeline.

    Raises :class:`~coursekit.errors.DataError` naming the file, line, claim and field.

    >>> cl = load_claims()
    >>> cl.get("salgado-date").paragraph
    17
    """
    data = data_folder(data_dir)
    stamp = _stamp(data)
    cached = _LOADED.get(data)
    if cached is None or cached[0] != stamp:
        known = _Known.of(data)
        raw = load_checked(data / FILE_NAME, lambda raw, shown: _problems(raw, shown, known))
        cached = stamp, [_claim(d) for d in raw["claims"]]
        _LOADED[data] = cached
    claims = Claims(cached[1])
    claims.source, claims.data_dir = display_path(data / FILE_NAME), data
    return claims


# Claims already read and checked, by data folder, with the stamp of the files they were
# checked against: a lesson's bank draws a verdict question from each claim, and reading
# the file again for each would make showing one question slow.
_LOADED: dict[Path, tuple[tuple, list[Claim]]] = {}


def _stamp(data: Path) -> tuple:
    """What changes when a file the claims are checked against changes."""
    files = [data / FILE_NAME, *sorted(data.glob("timeline*")), *sorted((data / "article").glob("*"))]
    out: list[tuple] = []
    for f in files:
        try:
            st = f.stat()
        except OSError:
            out.append((str(f), None))
        else:
            out.append((str(f), st.st_mtime_ns, st.st_size))
    return tuple(out)


def check_claims(data_dir: Path) -> list[Problem]:
    """Every problem in ``claims.yaml`` of the data folder ``data_dir`` (for ``coursekit
    validate``); never raises for bad data."""
    known = _Known.of(Path(data_dir))
    return check_yaml(Path(data_dir) / FILE_NAME, lambda raw, shown: _problems(raw, shown, known))[1]


def _timeline_of(claims: Claims):
    """The timeline of the data folder the claims were read from."""
    from coursekit.timeline.events import load_timeline

    return load_timeline(claims.data_dir)


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
        if article.days_before is not None and self.days_before is not None:  # relative
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
    """How a comparison (and a finding) shows: the claim as a heading, then ``lines()``
    as rows of (what, text)."""

    claim: Claim
    #: The heading quotes the claim (a finding's rows quote it instead).
    quoted = True
    th_style = "text-align:left"

    def lines(self) -> list[tuple[str, str]]:
        raise NotImplementedError

    def heading(self, html: bool = False) -> str:
        c = self.claim
        name = f"<strong>{escape(c.id)}</strong>" if html else c.id
        quote = f": “{escape(c.quote) if html else c.quote}”" if self.quoted else ""
        return f"{name} (paragraph {c.paragraph}){quote}"

    def __str__(self) -> str:
        return "\n".join([self.heading()] + [f"  {k + ':':<12} {v}" for k, v in self.lines()])

    def __repr__(self) -> str:
        return self.__str__()

    def _rows_html(self) -> str:
        return "".join(f"<tr><th style='{self.th_style}'>{escape(k)}</th>"
                       f"<td style='text-align:left'>{escape(v)}</td></tr>" for k, v in self.lines())

    def _repr_html_(self) -> str:
        return f"<p>{self.heading(html=True)}</p><table class='coursekit-compare'>{self._rows_html()}</table>"


@dataclass(frozen=True, repr=False)
class DateComparison(_Compared):
    """What :func:`compare_date` returns: the article's date, the record's, and the gap."""

    claim: Claim
    records: tuple[RecordDate, ...]
    anchor: tuple[str, str, dt.date] | None = None   # (id, label, date) for relative claims

    @property
    def article(self) -> ArticleDate:
        return _part(self.claim, self.claim.date, "date")

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
        if a.days_before is not None and self.anchor is not None:  # relative
            _, label, day = self.anchor
            implied = day - dt.timedelta(days=a.days_before)
            return (f"about {a.days_before} days before {dates.format_date(day)} ({label}), "
                    f"so about {dates.format_date(implied)}")
        if a.precision == "day" or a.start is None or a.end is None:
            return a.text
        return f"{a.text} ({dates.format_date(a.start)} to {dates.format_date(a.end)})"

    def lines(self) -> list[tuple[str, str]]:
        rows = [("the article", f"“{self.article.words}”: {self._article_line()}"),
                ("reading", self.article.reading)]
        for r in self.records:
            rows.append(("the record", f"{r.date_text}: {r.label} (timeline {r.event_id}; {r.source})"))
            rows.append(("gap", r.gap_text(self.article)))
        return rows



def _part(claim: Claim, value: _T | None, what: str) -> _T:
    """The claim's date or number, which a comparison needs."""
    if value is None:
        raise ValueError(f"claim {claim.id!r} has no {what} to compare")
    return value


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
    timeline = timeline if timeline is not None else _timeline_of(claims)
    a = claim.date
    anchor = None
    if a.days_before is not None and a.anchor is not None:  # relative
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
        return _part(self.claim, self.claim.numbers, "number")

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
    16.0
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


@dataclass(frozen=True, repr=False)
class Finding(_Compared):
    """What :func:`check` reveals: the record, its source and what a careful reader concludes,
    with a word on the student's own verdict if one was given."""

    claim: Claim
    events: tuple[str, ...] = ()     # "20 Jul 2022: Spokesman Salgado expelled (salgado-expelled)"
    guess: str | None = None
    quoted = False
    th_style = "text-align:left;vertical-align:top"

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
        yours = "the article differs" if said == "differs" else KINDS[said]
        return f"Your verdict, {yours}: the record agrees with the article."

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

    def _repr_html_(self) -> str:
        return (f"<div class='coursekit-finding' role='status'><p>{self.heading(html=True)}</p>"
                f"<table>{self._rows_html()}</table></div>")


def check(claim_id: str, guess: str | None = None, *, claims: Claims | None = None, timeline=None) -> Finding:
    """Reveal what the record shows about a claim, for an instructor or a reader working alone
    (lesson 06 asks students for their verdicts with ``verdict`` questions instead, which
    reveal the record only after an answer).

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
        timeline = _timeline_of(claims)
    events = tuple(f"{e.date_text}: {e.label} ({e.id})" for e in (timeline.get(i) for i in claim.events))
    return Finding(claim, events, None if guess is None else str(guess))


class Findings(list):
    """Every claim with its verdict: the lesson's summary table (it reveals every finding)."""

    def __str__(self) -> str:
        return _table("verdict", [(f.claim, f.verdict) for f in self])

    __repr__ = __str__

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><td><code>{escape(f.claim.id)}</code></td><td>{f.claim.paragraph}</td>"
                       f"<td>{escape(f.verdict)}</td><td style='text-align:left'>{escape(f.claim.source)}</td></tr>"
                       for f in self)
        return ("<table class='coursekit-findings'><thead><tr><th>Claim</th><th>Paragraph</th>"
                f"<th>Verdict</th><th>Source</th></tr></thead><tbody>{rows}</tbody></table>")


def findings(*, claims: Claims | None = None) -> Findings:
    """Every claim's verdict, in paragraph order: the answer key, for instructors (it gives every
    answer away; a student's own verdicts beside the record are ``coursekit.my_answers``)."""
    claims = claims if claims is not None else load_claims()
    return Findings(Finding(c) for c in sorted(claims, key=lambda c: (c.paragraph, claims.index(c))))
