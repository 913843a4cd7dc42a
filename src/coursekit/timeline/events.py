"""The chronology of the Mali crisis (data/timeline.csv): loading, checking, filtering, layout.

Pure Python: nothing here imports matplotlib, IPython or ipywidgets. ``Timeline.plot()``
loads :mod:`coursekit.timeline.plot` (and so matplotlib) only when it is called.

>>> tl = load_timeline()
>>> len(tl.events) >= 25
True
>>> print(tl.get("salgado-expelled").date_text)
20 Jul 2022
"""
from __future__ import annotations

import csv
import datetime as dt
import random
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from coursekit.datafiles.yamlfile import display_path, load_yaml, read_text
from coursekit.errors import CourseError, DataError, Problem
from coursekit.datafiles.paths import data_dir

FILE_NAME = "timeline.csv"


@dataclass(frozen=True)
class Category:
    """How one category of events reads and looks: colour-blind-safe colour plus a marker."""

    id: str
    label: str
    colour: str
    marker: str


#: The categories, in legend order. Colours are from the Okabe-Ito palette, which stays
#: distinguishable with the common colour-vision deficiencies; the markers differ as well,
#: so the categories can be told apart in grey print.
CATEGORIES: dict[str, Category] = {
    c.id: c
    for c in (
        Category("conflict", "Armed conflict", "#D55E00", "D"),
        Category("politics", "Malian politics", "#0072B2", "o"),
        Category("un", "UN and Security Council", "#009E73", "s"),
        Category("foreign-forces", "Foreign forces", "#E69F00", "^"),
        Category("diplomacy", "Diplomacy", "#CC79A7", "v"),
    )
}
_IN_SENTENCE = {"conflict": "armed conflict", "foreign-forces": "foreign forces", "diplomacy": "diplomacy"}
KINDS = ("event", "period")
PRECISIONS = ("day", "month", "year")
COLUMNS = ("id", "kind", "start", "end", "precision", "label", "description", "category",
           "actors", "source", "article_paragraphs", "article_says")
#: Longest label a plot can hold without crowding its neighbours.
MAX_LABEL = 28

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DATE_FORMS = {
    "day": (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "YYYY-MM-DD"),
    "month": (re.compile(r"^\d{4}-\d{2}$"), "YYYY-MM"),
    "year": (re.compile(r"^\d{4}$"), "YYYY"),
}


# ---------------------------------------------------------------------------
# One entry


@dataclass(frozen=True)
class Event:
    """One row of the timeline: an event (one date) or a period (``start`` to ``end``).

    ``start`` is the first day the date can mean (1 March for "2022-03");
    ``end`` is ``None`` for events and for periods still running when the timeline ends.
    """

    id: str
    kind: str
    start: dt.date
    end: dt.date | None
    precision: str
    label: str
    description: str
    category: str
    actors: tuple[str, ...]
    source: str
    paragraphs: tuple[int, ...] = ()
    article_says: str = ""
    line: int | None = None

    @property
    def is_period(self) -> bool:
        return self.kind == "period"

    @property
    def approximate(self) -> bool:
        """True when only the month or the year is known."""
        return self.precision != "day"

    @property
    def in_article(self) -> bool:
        """True when at least one paragraph of the article mentions it."""
        return bool(self.paragraphs)

    @property
    def latest(self) -> dt.date:
        """The last day the start date can mean (31 March for "2022-03")."""
        if self.precision == "day":
            return self.start
        if self.precision == "month":
            nxt = dt.date(self.start.year + self.start.month // 12, self.start.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(self.start.year, 12, 31)

    @property
    def when(self) -> dt.date:
        """Where to draw it: the date, or the middle of its month or year."""
        return self.start + (self.latest - self.start) // 2

    @property
    def date_text(self) -> str:
        """The date as a reader writes it: "20 Jul 2022", "c. Mar 2022", "c. 2012"."""
        text = _format(self.start, self.precision)
        if self.is_period:
            text += " – " + (_format(self.end, "day") if self.end else "")
        return text

    @property
    def plot_label(self) -> str:
        """The label with "c." in front when the date is approximate."""
        return f"c. {self.label}" if self.approximate and not self.is_period else self.label

    @property
    def category_label(self) -> str:
        return CATEGORIES[self.category].label

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        """True when the entry happens (at least partly) between ``start`` and ``end``."""
        last = (self.end or dt.date.max) if self.is_period else self.latest
        return self.start <= end and last >= start


def _format(d: dt.date, precision: str) -> str:
    if precision == "day":
        return f"{d.day} {d:%b %Y}"
    if precision == "month":
        return f"c. {d:%b %Y}"
    return f"c. {d.year}"


# ---------------------------------------------------------------------------
# The whole timeline


def _as_date(value, end: bool = False) -> dt.date:
    """A date from a date, a year (2013) or an ISO text ("2013", "2013-07", "2013-07-01");
    with ``end``, a year or month means its last day."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for precision, (pattern, _) in _DATE_FORMS.items():
        if pattern.match(text):
            d = _parse_date(text, precision)
            if end and precision != "day":
                probe = Event("x", "event", d, None, precision, "", "", "un", (), "")
                return probe.latest
            return d
    raise ValueError(f"{value!r} is not a date: write 2013, 2013-07 or 2013-07-01")


class Timeline:
    """Events and periods in date order. Filters return a new, smaller Timeline.

    >>> tl = load_timeline()
    >>> len(tl.between(2022, 2022).events)
    6
    >>> [e.id for e in tl.in_category("politics").between("2020", "2021").events]
    ['coup-2020', 'coup-2021']
    """

    def __init__(self, entries: Iterable[Event], *, start: dt.date | None = None,
                 end: dt.date | None = None, source: str | None = None):
        self.entries: tuple[Event, ...] = tuple(sorted(entries, key=lambda e: (e.start, e.kind, e.id)))
        #: The date range the timeline covers (set by :meth:`between`); else its entries'.
        self.start = start
        self.end = end
        self.source = source

    # -- container ------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.entries)

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(e for e in self.entries if not e.is_period)

    @property
    def periods(self) -> tuple[Event, ...]:
        return tuple(e for e in self.entries if e.is_period)

    def get(self, entry_id: str) -> Event:
        """The entry with this id; ``KeyError`` names the ids that exist."""
        for e in self.entries:
            if e.id == entry_id:
                return e
        raise KeyError(f"no timeline entry {entry_id!r}; ids are: {', '.join(e.id for e in self.entries)}")

    def date_range(self) -> tuple[dt.date, dt.date]:
        """First and last day shown: the range set by :meth:`between`, else the entries'."""
        if self.start and self.end:
            return self.start, self.end
        if not self.entries:
            today = dt.date(2024, 1, 1)
            return self.start or today, self.end or today
        first = min(e.start for e in self.entries)
        last = max(max(e.latest, e.end or e.start) for e in self.entries)
        return self.start or first, self.end or last

    def _keep(self, entries: Iterable[Event], **range_) -> "Timeline":
        kw = {"start": self.start, "end": self.end, "source": self.source}
        kw.update(range_)
        return Timeline(entries, **kw)

    # -- filters ----------------------------------------------------------------
    def between(self, start, end) -> "Timeline":
        """Entries that happen between ``start`` and ``end`` (years, "2022-07" or dates;
        both ends included; a period is kept if it overlaps the range).

        >>> len(load_timeline().between("2023-06", "2023-06").events)
        4
        """
        first, last = _as_date(start), _as_date(end, end=True)
        if last < first:
            raise ValueError(f"between({start!r}, {end!r}): the end is before the start")
        return self._keep((e for e in self.entries if e.overlaps(first, last)), start=first, end=last)

    def in_category(self, *categories: str) -> "Timeline":
        """Entries in any of the ``categories`` (ids like "un", or labels like "Diplomacy")."""
        wanted = {_category_id(c) for c in categories}
        return self._keep(e for e in self.entries if e.category in wanted)

    def involving(self, *actors: str) -> "Timeline":
        """Entries that involve any of the ``actors`` (ids from data/actors.yaml, e.g. "france")."""
        wanted = set(actors)
        return self._keep(e for e in self.entries if wanted & set(e.actors))

    def mentioned(self, in_article: bool = True) -> "Timeline":
        """Entries the article mentions (or, with ``False``, those it leaves out)."""
        return self._keep(e for e in self.entries if e.in_article == in_article)

    def filter(self, *, start=None, end=None, categories: Iterable[str] | None = None,
               actors: Iterable[str] | None = None, in_article: bool | None = None) -> "Timeline":
        """All the filters at once; ``None`` means "do not filter on this"."""
        tl = self
        if start is not None or end is not None:
            lo, hi = self.date_range()
            tl = tl.between(start if start is not None else lo, end if end is not None else hi)
        if categories is not None:
            tl = tl.in_category(*categories)
        if actors:
            tl = tl.involving(*actors)
        if in_article is not None:
            tl = tl.mentioned(in_article)
        return tl

    # -- text -------------------------------------------------------------------
    def rows(self) -> list[tuple[str, str, str, str]]:
        """(date, label, category, article paragraphs) for each entry, as the tables show them."""
        return [(e.date_text, e.label + (" (period)" if e.is_period else ""), e.category_label,
                 ", ".join(map(str, e.paragraphs)) or "-") for e in self.entries]

    def table(self) -> str:
        """The entries as a plain-text table (what ``print(timeline)`` shows)."""
        head = ("date", "what", "category", "article ¶")
        rows = self.rows()
        if not rows:
            return "(no events match)"
        widths = [max(len(r[i]) for r in rows + [head]) for i in range(4)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in [head] + rows]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.table()

    def __repr__(self) -> str:
        return self.table()

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{h}</th>" for h in ("Date", "What", "Category", "Actors", "Source",
                                                  "Article ¶", "The article says"))
        body = []
        for e in self.entries:
            what = f"<strong>{escape(e.label)}</strong><br>{escape(e.description)}"
            cells = (escape(e.date_text), what, escape(e.category_label), escape(", ".join(e.actors)),
                     escape(e.source), escape(", ".join(map(str, e.paragraphs)) or "–"),
                     escape(e.article_says))
            body.append("<tr>" + "".join(f'<td style="text-align:left">{c}</td>' for c in cells) + "</tr>")
        caption = escape(f"{len(self.events)} events and {len(self.periods)} periods")
        return (f'<table class="coursekit-timeline"><caption>{caption}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")

    def describe(self, highlight: str | None = None) -> str:
        """One sentence describing the figure :meth:`plot` draws (its alt text).

        >>> print(load_timeline().between(2012, 2012).describe())  # doctest: +NORMALIZE_WHITESPACE
        Timeline from January 2012 to December 2012 with 3 events (2 armed conflict, 1 Malian
        politics) above and below a date axis; no periods.
        """
        lo, hi = self.date_range()
        events, periods = self.events, self.periods
        counts = [(_IN_SENTENCE.get(c.id, c.label), sum(e.category == c.id for e in events))
                  for c in CATEGORIES.values()]
        parts = ", ".join(f"{n} {label}" for label, n in counts if n)
        what = f"{len(events)} event{'s' if len(events) != 1 else ''}"
        if parts:
            what += f" ({parts})"
        approx = sum(e.approximate for e in events)
        sentence = f"Timeline from {lo:%B %Y} to {hi:%B %Y} with {what} above and below a date axis"
        if approx:
            sentence += f", {approx} with an approximate date drawn hollow"
        if periods:
            sentence += "; shaded bars show " + ", ".join(p.label for p in periods)
        else:
            sentence += "; no periods"
        if highlight == "article":
            n = sum(e.in_article for e in events)
            sentence += f"; the {n} events the article mentions are in bold"
        return sentence + "."

    # -- figures and questions --------------------------------------------------------
    def plot(self, *, highlight=None, width: float | None = None, dpi: float | None = None, **kwargs):
        """Draw the timeline with matplotlib (stems, labels, periods as shaded bars).

        ``highlight``: "article" (bold what the article mentions), a list of entry ids, or
        ``None``. Returns a :class:`coursekit.timeline.plot.TimelineFigure`, which a notebook
        shows as an image with :meth:`describe` as its alt text.

        >>> fig = load_timeline().plot(highlight="article")   # doctest: +SKIP
        """
        from coursekit.timeline.plot import plot_timeline  # matplotlib only now

        return plot_timeline(self, highlight=highlight, width=width, dpi=dpi, **kwargs)

    def explore(self, **kwargs):
        """An ipywidgets explorer of this timeline (see :mod:`coursekit.timeline.widgets`)."""
        from coursekit.timeline.widgets import explore_timeline

        return explore_timeline(self, **kwargs)

    def ordering_question(self, n: int = 4, seed: int = 0, *, qid: str | None = None,
                          min_gap_days: int = 30) -> dict:
        """A question for the quiz engine: put ``n`` events of this timeline in date order.

        Events are drawn at random (reproducibly, from ``seed``) so that no two are less
        than ``min_gap_days`` apart and no two approximate dates can overlap. The
        explanation lists each event's date and source. Returns a plain dict in the
        question-bank format (type "ordering").

        >>> q = load_timeline().ordering_question(4, seed=1)
        >>> q["type"], len(q["items"])
        ('ordering', 4)
        """
        if n < 2:
            raise ValueError("an ordering question needs at least 2 events")
        rng = random.Random(seed)
        pool = list(self.events)
        rng.shuffle(pool)
        chosen: list[Event] = []
        for e in pool:
            if all(_apart(e, c, min_gap_days) and e.label != c.label for c in chosen):
                chosen.append(e)
                if len(chosen) == n:
                    break
        if len(chosen) < n:
            raise CourseError(f"only {len(chosen)} events of this timeline are far enough apart "
                              f"for an ordering question; ask for fewer than {n}")
        chosen.sort(key=lambda e: e.start)
        lines = [f"{i}. **{e.label}**: {e.date_text} ({e.source})" for i, e in enumerate(chosen, 1)]
        return {
            "id": qid or f"timeline-order-{n}-{abs(int(seed))}",
            "type": "ordering",
            "prompt": "Put these events in the order they happened, earliest first.",
            "items": [e.label for e in chosen],
            "hints": ["Place each event in one of the three acts first: collapse and "
                      "intervention (2012-2013), the long mission (2013-2020), coups, new "
                      "partners and withdrawal (2020-2024)."],
            "explanation": "The order, with each date and where it is recorded:\n\n" + "\n".join(lines),
            "source": {"note": "timeline events " + ", ".join(e.id for e in chosen)},
        }


def _apart(a: Event, b: Event, min_gap_days: int) -> bool:
    if a.start <= b.latest and b.start <= a.latest:
        return False
    gap = min(abs((a.start - b.latest).days), abs((b.start - a.latest).days))
    return gap >= min_gap_days


def _category_id(value: str) -> str:
    if value in CATEGORIES:
        return value
    for c in CATEGORIES.values():
        if value.strip().lower() == c.label.lower():
            return c.id
    raise ValueError(f"unknown category {value!r}; categories are: {', '.join(CATEGORIES)}")


# ---------------------------------------------------------------------------
# Layout: pure functions the plot uses, testable without drawing


def assign_levels(xs: Sequence[float], widths: Sequence[float], *, axis_width: float,
                  gap: float = 4.0, offset: float = 2.0, max_level: int = 12) -> list[tuple[int, str]]:
    """Choose a level (…, -2, -1, 1, 2, …) and an alignment for each label so that no two
    labels at the same level overlap, and, where possible, no stem crosses a label.

    ``xs`` are the events' positions and ``widths`` their labels' widths, in the same unit
    (points); a label starts ``offset`` right of its stem ("left" alignment) or ends
    ``offset`` left of it ("right"), and stays inside ``0..axis_width`` when it can.
    Events are taken in order of ``x``; each takes the lowest level (up to ``max_level``)
    where its label overlaps no other label, its stem crosses no label nearer the axis
    and its label hides no taller stem, trying first the side opposite to the previous
    event (so a sparse timeline alternates above and below) and left alignment first.
    When no such place exists, crossings are allowed and only overlaps are avoided.
    Returns (level, alignment) in the order of ``xs``.

    >>> assign_levels([0, 100, 105], [50, 50, 50], axis_width=500)
    [(1, 'left'), (-1, 'right'), (1, 'left')]
    >>> assign_levels([0, 10, 20], [50, 50, 50], axis_width=500)
    [(1, 'left'), (-1, 'left'), (2, 'left')]
    """
    if len(xs) != len(widths):
        raise ValueError("xs and widths must have the same length")
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    labels: dict[int, list[tuple[float, float]]] = {}   # level -> label spans
    stems: list[tuple[float, int]] = []                 # (x, level) of placed events
    result: list[tuple[int, str]] = [(0, "left")] * len(xs)

    def free(level, span):
        return all(span[1] + gap <= a or b + gap <= span[0] for a, b in labels.get(level, []))

    def uncrossed(x, level, span):
        sign = 1 if level > 0 else -1
        for lv in range(sign, level, sign):  # labels between the axis and this level
            if any(a - gap < x < b + gap for a, b in labels.get(lv, [])):
                return False
        # taller stems on the same side that this label would hide
        return not any(abs(lv) > abs(level) and lv * level > 0 and span[0] - gap < sx < span[1] + gap
                       for sx, lv in stems)

    side = 1
    for position, i in enumerate(order):
        x, w = xs[i], widths[i]
        spans = [((x + offset, x + offset + w), "left"), ((x - offset - w, x - offset), "right")]
        inside = [(sp, al) for sp, al in spans if sp[0] >= 0 and sp[1] <= axis_width] or spans[:1]
        # Prefer the side of the stem with fewer later stems to hide (stable: left first).
        inside.sort(key=lambda c: sum(c[0][0] < xs[j] < c[0][1] for j in order[position + 1:]))
        found = None
        for strict in (True, False):
            k = 1
            while found is None and (k <= max_level or not strict):
                for level in (side * k, -side * k):
                    for span, align in inside:
                        if free(level, span) and (not strict or uncrossed(x, level, span)):
                            found = (level, align, span)
                            break
                    if found:
                        break
                k += 1
            if found:
                break
        level, align, span = found
        labels.setdefault(level, []).append(span)
        stems.append((x, level))
        result[i] = (level, align)
        side = -1 if level > 0 else 1
    return result


def assign_lanes(starts: Sequence[float], ends: Sequence[float], widths: Sequence[float], *,
                 axis_width: float, pad: float = 3.0, gap: float = 0.0) -> list[tuple[int, float, str]]:
    """Place period bars in lanes (0, 1, …) with their labels, so that nothing overlaps.

    A label goes inside its bar when it fits, else just left of the bar, else right of
    it; the bar and its label must not overlap anything else in the lane. Positions are
    in points. Returns (lane, label x, alignment) in the order given.

    >>> assign_lanes([0, 50], [100, 200], [30, 30], axis_width=300)
    [(0, 3.0, 'left'), (1, 53.0, 'left')]
    >>> assign_lanes([0, 100], [100, 200], [30, 30], axis_width=300)
    [(0, 3.0, 'left'), (0, 103.0, 'left')]
    """
    order = sorted(range(len(starts)), key=lambda i: (starts[i], ends[i]))
    lanes: list[list[tuple[float, float]]] = []
    result: list[tuple[int, float, str]] = [(0, 0.0, "left")] * len(starts)
    for i in order:
        s, e, w = starts[i], ends[i], widths[i]
        options = []
        if e - s >= w + 2 * pad:
            options.append(((s, e), s + pad, "left"))
        if s - pad - w >= 0:
            options.append(((s - pad - w, e), s - pad, "right"))
        if e + pad + w <= axis_width:
            options.append(((s, e + pad + w), e + pad, "left"))
        if not options:  # no room anywhere: inside, and let it run over the bar's end
            options.append(((s, max(e, s + pad + w)), s + pad, "left"))
        placed = None
        for lane_no in range(len(lanes) + 1):
            if lane_no == len(lanes):
                lanes.append([])
            for (a, b), lx, align in options:
                if all(b + gap <= c or d + gap <= a for c, d in lanes[lane_no]):
                    placed = (lane_no, (a, b), lx, align)
                    break
            if placed:
                break
        lane_no, occupied, lx, align = placed
        lanes[lane_no].append(occupied)
        result[i] = (lane_no, lx, align)
    return result


# ---------------------------------------------------------------------------
# Loading and checking


def _known_actor_ids(data: Path) -> set[str] | None:
    """Actor ids from data/actors.yaml: through coursekit.reading.actors when it loads, else read
    raw; ``None`` when there is no usable actors file (the actors check reports it)."""
    try:
        from coursekit.reading.actors import load_actors

        return set(load_actors(data / "actors.yaml").ids())
    except (ImportError, CourseError, FileNotFoundError):
        pass
    try:
        raw = load_yaml(data / "actors.yaml")
    except (CourseError, FileNotFoundError):
        return None
    items = raw.get("actors", raw) if isinstance(raw, dict) else raw
    if not isinstance(items, list):
        return None
    ids = {a.get("id") for a in items if isinstance(a, dict) and a.get("id")}
    return ids or None


def _paragraph_count(data: Path) -> int | None:
    try:
        from coursekit.reading.article import load_article

        return len(load_article().paragraphs)
    except (ImportError, CourseError, FileNotFoundError, AttributeError, TypeError):
        return None


def _parse_date(text: str, precision: str) -> dt.date:
    parts = [int(p) for p in text.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return dt.date(*parts)


def _csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """CSV rows with the file line each starts on; lines starting with # are comments."""
    physical: list[int] = []

    def lines():
        for number, line in enumerate(text.splitlines(keepends=True), 1):
            if line.lstrip().startswith("#") or not line.strip():
                continue
            physical.append(number)
            yield line

    reader = csv.reader(lines())
    consumed = 0
    for row in reader:
        start = physical[consumed]
        consumed = reader.line_num
        yield start, row


def parse_timeline(text: str, shown: str, *, actor_ids: set[str] | None = None,
                   paragraphs: int | None = None) -> tuple[list[Event], list[Problem]]:
    """Read the CSV ``text`` (shown in messages as ``shown``); returns the entries that are
    valid and every problem found, one per bad field."""
    problems: list[Problem] = []
    entries: list[Event] = []

    def bad(line, item, field, message):
        problems.append(Problem(shown, line, item, field, message))

    rows = _csv_rows(text)
    try:
        header_line, header = next(rows)
    except StopIteration:
        bad(None, None, None, "is empty: it needs a header line and one row per event")
        return entries, problems
    except csv.Error as exc:
        bad(None, None, None, f"is not valid CSV ({exc})")
        return entries, problems
    header = [h.strip() for h in header]
    missing = [c for c in COLUMNS if c not in header]
    extra = [h for h in header if h not in COLUMNS]
    if missing:
        bad(header_line, "header", None, f"missing column(s): {', '.join(missing)}")
    if extra:
        bad(header_line, "header", None, f"unknown column(s): {', '.join(extra)}; columns are: {', '.join(COLUMNS)}")
    if missing:
        return entries, problems

    seen_ids: dict[str, int] = {}
    seen_labels: dict[str, int] = {}
    try:
        for line, raw in rows:
            if len(raw) != len(header):
                bad(line, "row", None, f"has {len(raw)} fields but the header has {len(header)} "
                                       "(a comma inside a field needs quotes)")
                continue
            row = {h: v.strip() for h, v in zip(header, raw)}
            entry = _check_row(row, line, problems, bad, actor_ids, paragraphs, seen_ids, seen_labels)
            if entry is not None:
                entries.append(entry)
    except csv.Error as exc:
        bad(None, None, None, f"is not valid CSV ({exc})")
    if not entries and not problems:
        bad(None, None, None, "has a header but no events")
    return entries, problems


def _check_row(row, line, problems, bad, actor_ids, paragraphs, seen_ids, seen_labels) -> Event | None:
    n_before = len(problems)
    rid = row["id"]
    kind = row["kind"] or "event"
    item = f'{kind if kind in KINDS else "row"} "{rid}"' if rid else "row"
    if not rid:
        bad(line, item, "id", "missing: give every row a unique id such as coup-2020")
    elif not _ID.match(rid):
        bad(line, item, "id", f"{rid!r} may hold only lowercase letters, digits and hyphens")
    elif rid in seen_ids:
        bad(line, item, "id", f"duplicate: {rid!r} is already used on line {seen_ids[rid]}")
    else:
        seen_ids[rid] = line
    if kind not in KINDS:
        bad(line, item, "kind", f"{kind!r} is not event or period")
    precision = row["precision"] or "day"
    start = end = None
    if precision not in PRECISIONS:
        bad(line, item, "precision", f"{precision!r} is not one of: {', '.join(PRECISIONS)}")
    else:
        start = _check_date(row["start"], precision, line, item, "start", bad)
    if row["end"]:
        if kind == "event":
            bad(line, item, "end", "only a period has an end; make it a period or leave end empty")
        else:
            end = _check_date(row["end"], "day", line, item, "end", bad)
            if start and end and end < start:
                bad(line, item, "end", f"{row['end']} is before the start {row['start']}")
    label = row["label"]
    if not label:
        bad(line, item, "label", "missing: a short text for the plot")
    elif len(label) > MAX_LABEL:
        bad(line, item, "label", f"is {len(label)} characters; keep it to {MAX_LABEL} so the plot stays readable")
    elif (kind, label) in seen_labels:
        bad(line, item, "label", f"duplicate: {label!r} is already used on line {seen_labels[(kind, label)]}")
    else:
        seen_labels[(kind, label)] = line
    if not row["description"]:
        bad(line, item, "description", "missing: one or two sentences saying what happened")
    category = row["category"]
    if category not in CATEGORIES:
        bad(line, item, "category", f"unknown category {category!r}; use one of: {', '.join(CATEGORIES)}")
    actors = tuple(a.strip() for a in row["actors"].split(";") if a.strip())
    if not actors:
        bad(line, item, "actors", "missing: name at least one actor id from data/actors.yaml")
    elif actor_ids is not None:
        for a in actors:
            if a not in actor_ids:
                bad(line, item, "actors", f"unknown actor {a!r}: not an id in data/actors.yaml")
    if not row["source"]:
        bad(line, item, "source", 'missing: say where this is recorded ("the article" if only there)')
    paras: list[int] = []
    for p in (p.strip() for p in row["article_paragraphs"].split(";") if p.strip()):
        if not p.isdigit() or int(p) < 1:
            bad(line, item, "article_paragraphs", f"{p!r} is not a paragraph number (1, 2, …)")
        elif paragraphs is not None and int(p) > paragraphs:
            bad(line, item, "article_paragraphs", f"{p} is past the article's last paragraph ({paragraphs})")
        else:
            paras.append(int(p))
    if row["article_says"] and not row["article_paragraphs"]:
        bad(line, item, "article_says", "is given, but article_paragraphs does not say where the article says it")
    if len(problems) > n_before:
        return None
    return Event(id=rid, kind=kind, start=start, end=end, precision=precision, label=label,
                 description=row["description"], category=category, actors=actors,
                 source=row["source"], paragraphs=tuple(paras), article_says=row["article_says"],
                 line=line)


def _check_date(text, precision, line, item, field, bad) -> dt.date | None:
    pattern, form = _DATE_FORMS[precision]
    if not text:
        bad(line, item, field, f"missing: write the date as {form}")
        return None
    if not pattern.match(text):
        bad(line, item, field, f"{text!r} does not match precision {precision!r}: write {form}")
        return None
    try:
        return _parse_date(text, precision)
    except ValueError as exc:
        bad(line, item, field, f"{text!r} is not a real date ({exc})")
        return None


def _read(path: Path | None) -> tuple[Path, str, str, Path]:
    if path is None:
        data = data_dir()
        path = data / FILE_NAME
    else:
        path = Path(path)
        data = path.parent
    return path, display_path(path), read_text(path), data


def load_timeline(path: str | Path | None = None) -> Timeline:
    """Load ``data/timeline.csv`` (or the file ``path``).

    Raises :class:`~coursekit.errors.DataError` naming the file, line, entry and field of
    every problem (the message shows the first).

    >>> tl = load_timeline()
    >>> tl.get("resolution-2690").date_text
    '30 Jun 2023'
    """
    path, shown, text, data = _read(Path(path) if path is not None else None)
    entries, problems = parse_timeline(text, shown, actor_ids=_known_actor_ids(data),
                                       paragraphs=_paragraph_count(data))
    if problems:
        raise DataError(problems)
    return Timeline(entries, source=shown)


def check_timeline(data: Path) -> list[Problem]:
    """Every problem in ``data/timeline.csv`` (for ``coursekit validate``); never raises for bad data."""
    path = Path(data) / FILE_NAME
    try:
        text = read_text(path)
    except DataError as exc:
        return exc.problems
    except CourseError as exc:  # not found
        return [Problem(display_path(path), None, None, None, str(exc).split(": ", 1)[-1])]
    _, problems = parse_timeline(text, display_path(path), actor_ids=_known_actor_ids(Path(data)),
                                 paragraphs=_paragraph_count(Path(data)))
    return problems
