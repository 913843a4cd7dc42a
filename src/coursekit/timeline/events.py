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
import dataclasses
import datetime as dt
import random
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Collection, Iterable, Iterator, Mapping, Sequence

from coursekit.charts import CATEGORY_COLOURS, PALETTE
from coursekit.datafiles import dates
from coursekit.datafiles.paths import data_folder
from coursekit.datafiles.schema import ID_PATTERN, TEXT_SCHEMA, record, schema_problems
from coursekit.datafiles.validate import (check_yaml, list_schema, load_checked, named_items, repeats,
                                          schema_check)
from coursekit.datafiles.yamlfile import LineDict, display_path, read_once, read_text
from coursekit.errors import CourseError, DataError, Problem
from coursekit.notebook import did_you_mean, suggestion

FILE_NAME = "timeline.csv"
#: The file, in the data folder, that holds the categories.
CATEGORIES_FILE = "timeline-categories.yaml"
KINDS = ("event", "period")
PRECISIONS = dates.PRECISIONS
COLUMNS = ("id", "kind", "start", "end", "precision", "label", "description", "category",
           "actors", "source", "article_paragraphs", "article_says")
#: Longest label a plot can hold without crowding its neighbours.
MAX_LABEL = 28
#: The marker shapes a category may take, by the name the data file gives (matplotlib's codes).
MARKERS = {"circle": "o", "square": "s", "diamond": "D", "triangle-up": "^", "triangle-down": "v",
           "triangle-left": "<", "triangle-right": ">", "pentagon": "p", "hexagon": "h",
           "star": "*", "plus": "P", "cross": "X"}


@dataclass(frozen=True)
class Category:
    """How one category of events reads and looks (from data/timeline-categories.yaml): a
    colour of the course's colour-blind-safe palette and a marker of its own, so that the
    categories can be told apart in grey print too."""

    id: str
    label: str
    in_sentence: str
    colour_name: str = "grey"
    marker_name: str = "circle"
    description: str = ""

    @property
    def colour(self) -> str:
        """The colour's code, from the course's palette (:data:`coursekit.charts.PALETTE`)."""
        return PALETTE[self.colour_name]

    @property
    def marker(self) -> str:
        """The marker's matplotlib code (``D`` for diamond)."""
        return MARKERS[self.marker_name]


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
    #: The line it was read from, for messages: where an item stands is not part of its value.
    line: int | None = dataclasses.field(default=None, compare=False)

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
        return dates.last_day(self.start, self.precision)

    @property
    def when(self) -> dt.date:
        """Where to draw it: the date, or the middle of its month or year."""
        return self.start + (self.latest - self.start) // 2

    @property
    def date_text(self) -> str:
        """The date as a reader writes it: "20 Jul 2022", "c. Mar 2022", "c. 2012"."""
        text = ("c. " if self.approximate else "") + dates.format_date(self.start, self.precision)
        if self.is_period:
            text += " – " + (dates.format_date(self.end) if self.end else "")
        return text

    @property
    def plot_label(self) -> str:
        """The label with "c." in front when the date is approximate."""
        return f"c. {self.label}" if self.approximate and not self.is_period else self.label

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        """True when the entry happens (at least partly) between ``start`` and ``end``."""
        last = (self.end or dt.date.max) if self.is_period else self.latest
        return self.start <= end and last >= start


# ---------------------------------------------------------------------------
# The whole timeline


def _as_date(value, end: bool = False) -> dt.date:
    """A date from a date, a year (2013) or an ISO text ("2013", "2013-07", "2013-07-01");
    with ``end``, a year or month means its last day. Anything else raises
    :class:`~coursekit.errors.CourseError` showing the forms a date may take."""
    try:
        when = dates.parse_date(value)
    except (ValueError, TypeError) as exc:
        raise CourseError(f"{value!r} is not a date the timeline can read ({exc}); write a year "
                          f'such as 2022, a month such as "2022-07" or a day such as "2022-07-14"') from None
    return when.last if end else when.first


class EventList:
    """A heading and the entries under it, as the lessons show them: lines of text for print
    and nbval, a table for JupyterLab.

    ``columns`` are the table's headings; ``rows`` its cells; ``lines`` the same rows as text.
    """

    def __init__(self, heading: str, columns: Sequence[str], rows: Iterable[Sequence[str]],
                 lines: Iterable[str]):
        self.heading = heading
        self.columns = tuple(columns)
        self.rows = [tuple(r) for r in rows]
        self.lines = list(lines)

    def __len__(self) -> int:
        return len(self.rows)

    def __str__(self) -> str:
        return "\n".join([self.heading, *self.lines])

    __repr__ = __str__

    def _repr_html_(self) -> str:
        head = "".join(f"<th style='text-align:left'>{escape(c)}</th>" for c in self.columns)
        body = "".join("<tr>" + "".join(f"<td style='text-align:left'>{escape(c)}</td>" for c in row)
                       + "</tr>" for row in self.rows)
        return (f"<p>{escape(self.heading)}</p><table class='coursekit-timeline'>"
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


class Timeline:
    """Events and periods in date order. Filters return a new, smaller Timeline.

    >>> tl = load_timeline()
    >>> len(tl.between(2022, 2022).events)
    15
    >>> [e.id for e in tl.in_category("politics").between("2020", "2021").events]
    ['coup-2020', 'coup-2021']
    """

    def __init__(self, entries: Iterable[Event], *, start: dt.date | None = None,
                 end: dt.date | None = None, source: str | None = None,
                 categories: Mapping[str, Category] | None = None, data_dir: Path | None = None):
        self.entries: tuple[Event, ...] = tuple(sorted(entries, key=lambda e: (e.start, e.kind, e.id)))
        #: The date range the timeline covers (set by :meth:`between`); else its entries'.
        self.start = start
        self.end = end
        self.source = source
        #: The categories by id, in legend order (a category no file describes is drawn grey).
        self.categories: dict[str, Category] = dict(categories or {})
        for e in self.entries:
            self.categories.setdefault(e.category, Category(e.category, e.category, e.category))
        #: The data folder the timeline was read from.
        self.data_dir = data_dir

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
        """The entry with this id; an id the timeline does not have raises
        :class:`~coursekit.errors.CourseError` naming the closest ids (or all of them)."""
        for e in self.entries:
            if e.id == entry_id:
                return e
        ids = [e.id for e in self.entries]
        labels = {e.label: e.id for e in self.entries}
        close = did_you_mean(entry_id, ids) or [labels[x] for x in did_you_mean(entry_id, labels)]
        if close:
            raise CourseError(f"no timeline entry {entry_id!r} (did you mean "
                              + " or ".join(f'"{c}"' for c in close) + "?)")
        raise CourseError(f"no timeline entry {entry_id!r}; the ids are: {', '.join(ids)}")

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

    def _keep(self, entries: Iterable[Event], start: dt.date | None = None,
              end: dt.date | None = None) -> "Timeline":
        """A smaller timeline like this one: same categories, source and folder."""
        return Timeline(entries, start=start or self.start, end=end or self.end, source=self.source,
                        categories=self.categories, data_dir=self.data_dir)

    # -- filters ----------------------------------------------------------------
    def between(self, start, end) -> "Timeline":
        """Entries that happen between ``start`` and ``end`` (years, "2022-07" or dates;
        both ends included; a period is kept if it overlaps the range).

        >>> len(load_timeline().between("2023-06", "2023-06").events)
        4
        """
        first, last = _as_date(start), _as_date(end, end=True)
        if last < first:
            raise CourseError(f"between({start!r}, {end!r}): the end is before the start; "
                              "give the earlier date first")
        return self._keep((e for e in self.entries if e.overlaps(first, last)), start=first, end=last)

    def zoom(self, start=None, end=None) -> "Timeline":
        """The stretch from ``start`` to ``end`` that :meth:`plot` enlarges in a second panel:
        :meth:`between`, where a missing end means the timeline's own first or last day.

        >>> load_timeline().zoom("2021-12").date_range()
        (datetime.date(2021, 12, 1), datetime.date(2024, 1, 28))
        """
        lo, hi = self.date_range()
        return self.between(lo if start is None else start, hi if end is None else end)

    def in_category(self, *categories: str) -> "Timeline":
        """Entries in any of the ``categories`` (ids like "un", or labels like "Diplomacy")."""
        wanted = {self._category_id(c) for c in categories}
        return self._keep(e for e in self.entries if e.category in wanted)

    def involving(self, *actors: str) -> "Timeline":
        """Entries that involve any of the ``actors`` (ids from data/actors.yaml, e.g. "france").

        An id that is not in data/actors.yaml raises :class:`~coursekit.errors.CourseError`
        naming the closest ids.
        """
        if self.data_dir is not None:
            from coursekit.reading.actors import load_actors

            known = load_actors(self.data_dir)
            for actor_id in actors:
                known[actor_id]  # an unknown id raises, naming the closest
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
    def summary(self) -> str:
        """One sentence: how many events and periods, from when to when.

        >>> print(load_timeline().summary())
        42 events and 5 periods, from January 2012 to January 2024
        """
        first, last = self.date_range()
        return (f"{len(self.events)} events and {len(self.periods)} periods, "
                f"from {first:%B %Y} to {last:%B %Y}")

    def mentioned_table(self) -> EventList:
        """The events the article mentions, each with its date and the paragraphs naming it.

        >>> print(load_timeline().mentioned_table())  # doctest: +ELLIPSIS
        15 of 42 events are mentioned in the article:
          17 Jan 2012  MNLA rebellion begins  (paragraph 4, 8)
        ...
        """
        shown = self.mentioned().events
        return EventList(
            f"{len(shown)} of {len(self.events)} events are mentioned in the article:",
            ("Date", "Event", "Article paragraphs"),
            [(e.date_text, e.label, ", ".join(map(str, e.paragraphs))) for e in shown],
            [f"  {e.date_text:<12} {e.label}  (paragraph {', '.join(map(str, e.paragraphs))})"
             for e in shown])

    def left_out_table(self) -> EventList:
        """The events the article does not mention, each with its date.

        >>> print(load_timeline().left_out_table())  # doctest: +ELLIPSIS
        27 of 42 events are not mentioned in the article:
          22 Mar 2012  Coup ousts President Touré
        ...
        """
        shown = self.mentioned(False).events
        return EventList(
            f"{len(shown)} of {len(self.events)} events are not mentioned in the article:",
            ("Date", "Event"),
            [(e.date_text, e.label) for e in shown],
            [f"  {e.date_text:<12} {e.label}" for e in shown])

    def article_differences(self) -> EventList:
        """Where the article's account differs from the record: for each such entry, the
        record's date and source, then what the article says instead.

        >>> print(load_timeline().article_differences())  # doctest: +ELLIPSIS
        4 entries where the article differs from the record:
        France launches Serval: 11 Jan 2013 (French defence ministry; news reports)
          the article: It says the mission came after 'a rebellion waged by the Tuareg' ...
        """
        shown = [e for e in self.entries if e.article_says]
        lines = []
        for e in shown:
            lines += [f"{e.label}: {e.date_text} ({e.source})", f"  the article: {e.article_says}"]
        return EventList(
            f"{len(shown)} entr{'y' if len(shown) == 1 else 'ies'} where the article differs from the record:",
            ("Event", "Date in the record", "Source", "Article paragraphs", "What the article says"),
            [(e.label, e.date_text, e.source, ", ".join(map(str, e.paragraphs)), e.article_says) for e in shown],
            lines)

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(date, label, category, article paragraphs) for each entry, as the tables show them."""
        return [(e.date_text, e.label + (" (period)" if e.is_period else ""), self.categories[e.category].label,
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
            cells = (escape(e.date_text), what, escape(self.categories[e.category].label), escape(", ".join(e.actors)),
                     escape(e.source), escape(", ".join(map(str, e.paragraphs)) or "–"),
                     escape(e.article_says))
            body.append("<tr>" + "".join(f'<td style="text-align:left">{c}</td>' for c in cells) + "</tr>")
        caption = escape(f"{len(self.events)} events and {len(self.periods)} periods")
        return (f'<table class="coursekit-timeline"><caption>{caption}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")

    def describe(self, highlight: str | None = None, *, zoom_from=None, zoom_to=None) -> str:
        """One sentence describing the figure :meth:`plot` draws (its alt text); with
        ``zoom_from`` or ``zoom_to``, one for each of its two panels.

        >>> print(load_timeline().between(2012, 2012).describe())  # doctest: +NORMALIZE_WHITESPACE
        Timeline from January 2012 to December 2012 with 3 events (2 armed conflict, 1 Malian
        politics) above and below a date axis; no periods.
        >>> print(load_timeline().between(2012, 2013).describe(zoom_from="2013"))  # doctest: +ELLIPSIS
        Two panels. Above, timeline from January 2012 to December 2013 with 6 events ... In a shaded
        stretch of it, the 3 events from January 2013 to December 2013 are marked on the axis without
        labels; the panel below enlarges that stretch: timeline from January 2013 to December 2013 ...
        """
        if zoom_from is not None or zoom_to is not None:
            zoomed = self.zoom(zoom_from, zoom_to)
            lo, hi = zoomed.date_range()
            n = len(zoomed.events)
            return (f"Two panels. Above, {_lower_first(self.describe(highlight))} In a shaded stretch "
                    f"of it, the {n} event{'s' if n != 1 else ''} from {lo:%B %Y} to {hi:%B %Y} "
                    f"{'are' if n != 1 else 'is'} marked on the axis without labels; the panel below "
                    f"enlarges that stretch: {_lower_first(zoomed.describe(highlight))}")
        lo, hi = self.date_range()
        events, periods = self.events, self.periods
        counts = [(c.in_sentence, sum(e.category == c.id for e in events)) for c in self.categories.values()]
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

    def _category_id(self, value: str) -> str:
        for c in self.categories.values():
            if value in (c.id, c.label) or str(value).strip().lower() in (c.id, c.label.lower()):
                return c.id
        raise CourseError(f"unknown category {value!r}{suggestion(value, self.categories)}; "
                          f"categories are: {', '.join(self.categories)}")

    # -- figures and questions --------------------------------------------------------
    def plot(self, *, highlight=None, width: float | None = None, dpi: float | None = None,
             zoom_from=None, zoom_to=None, **kwargs):
        """Draw the timeline with matplotlib (stems, labels, periods as shaded bars).

        ``highlight``: "article" (bold what the article mentions), a list of entry ids, or
        ``None``. Returns a :class:`coursekit.timeline.plot.TimelineFigure`, which a notebook
        shows as an image with :meth:`describe` as its alt text.

        ``zoom_from`` and ``zoom_to`` (dates as :meth:`between` takes them) enlarge a crowded
        stretch in a second panel below the whole timeline: there the stretch is shaded and
        its events are marked on the axis; below, each is labelled. In a lesson:
        ``tl.plot(highlight="article", zoom_from="2021-12", zoom_to="2024-01")``.

        >>> fig = load_timeline().plot(highlight="article")
        >>> print(fig)
        Timeline from January 2012 to January 2024 with 42 events (...
        """
        from coursekit.timeline.plot import plot_timeline  # matplotlib only now

        return plot_timeline(self, highlight=highlight, width=width, dpi=dpi, zoom_from=zoom_from,
                             zoom_to=zoom_to, **kwargs)

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


def _lower_first(sentence: str) -> str:
    """A sentence that goes on after a colon or a comma: its first letter in lower case."""
    return sentence[:1].lower() + sentence[1:]


def _apart(a: Event, b: Event, min_gap_days: int) -> bool:
    if a.start <= b.latest and b.start <= a.latest:
        return False
    gap = min(abs((a.start - b.latest).days), abs((b.start - a.latest).days))
    return gap >= min_gap_days


# ---------------------------------------------------------------------------
# Layout: pure functions the plot uses, testable without drawing


def assign_levels(xs: Sequence[float], widths: Sequence[float], *, axis_width: float,
                  gap: float = 4.0, offset: float = 2.0) -> list[tuple[int, str]]:
    """Choose a level (…, -2, -1, 1, 2, …) and an alignment for each label so that no two
    labels at the same level overlap and no stem crosses a label.

    ``xs`` are the events' positions and ``widths`` their labels' widths, in the same unit
    (points); a label starts ``offset`` right of its stem ("left" alignment) or ends
    ``offset`` left of it ("right"), and stays inside ``0..axis_width`` when it can.

    A stem that stands under another label on its side must stay lower than that label,
    so labels that follow each other closely on one side form a staircase, and a long
    run of them a tall one. Events are therefore taken in order of ``x`` in *runs*: a run
    stays on one side of the axis until the other side is free again (its last stem
    farther back than a label's width), then the next run goes there; a sparse timeline
    so alternates above and below. Within a run, the first half of the labels point left
    and climb, the second half point right and descend (a peak), which halves the
    staircase. Each event then takes the lowest level above every stem its label covers
    and clear of the labels on that level. Returns (level, alignment) in the order of ``xs``.

    >>> assign_levels([0, 100, 105], [50, 50, 50], axis_width=500)
    [(1, 'left'), (-1, 'left'), (1, 'left')]
    >>> assign_levels([0, 200, 400, 600], [50, 50, 50, 50], axis_width=800)
    [(1, 'left'), (-1, 'left'), (1, 'left'), (-1, 'left')]
    >>> assign_levels([0, 450], [50, 80], axis_width=500)
    [(1, 'left'), (-1, 'right')]
    """
    if len(xs) != len(widths):
        raise ValueError("xs and widths must have the same length")
    n = len(xs)
    order = sorted(range(n), key=lambda i: (xs[i], i))

    def span(i: int, align: str) -> tuple[float, float]:
        x, w = xs[i], widths[i]
        return (x + offset, x + offset + w) if align == "left" else (x - offset - w, x - offset)

    def fits(i: int, align: str) -> bool:
        a, b = span(i, align)
        return a >= 0 and b <= axis_width

    # Runs: a run keeps its side until the other side is free: no label of the other side's
    # last run stands over this stem, and a label pointing back from it would reach none
    # of that run's stems. Each run is a peak: right-aligned labels climb, left-aligned
    # ones descend (a label that would leave the axis points the other way instead).
    side: dict[int, int] = {}
    aligns: dict[int, str] = {}
    runs: list[list[int]] = []

    def close(run: list[int]) -> None:
        m = len(run)
        # k leading labels point right-to-left ("right"), the others left-to-right
        best = min(range(m + 1), key=lambda k: (
            sum(not fits(i, "right") for i in run[:k]) + sum(not fits(i, "left") for i in run[k:]),
            max(k, m - k), k))
        for position, i in enumerate(run):
            aligns[i] = "right" if position < best else "left"

    def free(i: int) -> bool:
        if len(runs) < 2:
            return True
        q = runs[-2]
        reach = max(span(j, aligns[j])[1] for j in q) if any(aligns[j] == "left" for j in q) else -1e9
        return xs[i] > reach + gap and xs[i] - offset - widths[i] - gap > max(xs[j] for j in q)

    current = -1
    for i in order:
        if not runs or free(i):
            if runs:
                close(runs[-1])
            current = -current
            runs.append([])
        runs[-1].append(i)
        side[i] = current
    if runs:
        close(runs[-1])
    spans = {i: span(i, aligns[i]) for i in range(n)}

    def covers(i: int, j: int) -> bool:
        """i's label stands over j's stem."""
        return i != j and _covers(xs[i], aligns[i], spans[i], xs[j], gap)

    def clash(i: int, j: int) -> bool:
        """i's and j's labels would overlap on the same level."""
        return spans[i][1] + gap > spans[j][0] and spans[j][1] + gap > spans[i][0]

    level: dict[int, int] = {}
    for sign in (1, -1):
        members = [i for i in order if side[i] == sign]
        waiting = set(members)
        while waiting:
            # an event all of whose covered stems have their level (if none: a cycle; accept a crossing)
            ready = [i for i in waiting if not any(covers(i, j) for j in waiting)]
            i = min(ready or waiting, key=lambda k: (xs[k], k))
            waiting.remove(i)
            k = 1 + max((level[j] for j in members if j in level and covers(i, j)), default=0)
            while any(level.get(j) == k and clash(i, j) for j in members):
                k += 1
            level[i] = k
    return [(level[i] * side[i], aligns[i]) for i in range(n)]


def level_crossings(xs: Sequence[float], widths: Sequence[float], placed: Sequence[tuple[int, str]], *,
                    gap: float = 4.0, offset: float = 2.0) -> int:
    """How many (stem, label) pairs cross in a layout from :func:`assign_levels`: a stem
    rising past a label nearer the axis on its side, within ``gap`` of the label's ends.

    >>> level_crossings([0, 10], [50, 50], [(1, "left"), (2, "left")])
    1
    >>> level_crossings([0, 10], [50, 50], [(2, "left"), (1, "left")])
    0
    """
    spans = [(x + offset, x + offset + w) if align == "left" else (x - offset - w, x - offset)
             for x, w, (_, align) in zip(xs, widths, placed)]
    return sum(1 for x, (level, _) in zip(xs, placed)
               for x2, span, (other, align) in zip(xs, spans, placed)
               if other * level > 0 and abs(other) < abs(level) and _covers(x2, align, span, x, gap))


def _covers(x: float, align: str, span: tuple[float, float], other: float, gap: float) -> bool:
    """Whether the label of the stem at ``x`` (aligned ``align``, spanning ``span``) stands
    over the stem at ``other``: within ``gap`` of its ends, on the label's side of its own
    stem (a stem at the same place, or behind it, runs beside the label, not across it)."""
    beyond = other > x if align == "left" else other < x
    return beyond and span[0] - gap < other < span[1] + gap


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
        assert placed is not None  # a new lane always has room
        lane_no, occupied, lx, align = placed
        lanes[lane_no].append(occupied)
        result[i] = (lane_no, lx, align)
    return result


# ---------------------------------------------------------------------------
# The data files: the categories, and the rows of the CSV as records

#: What data/timeline-categories.yaml must look like (written to data/timeline-categories.schema.json).
CATEGORIES_SCHEMA = list_schema("data/timeline-categories.yaml: the timeline's categories, in legend order",
                                "categories", record(
    required=["id", "label", "in_sentence", "colour", "marker"],
    properties={
        "id": {"type": "string", "pattern": ID_PATTERN},
        "label": {**TEXT_SCHEMA, "description": "the legend's words: Armed conflict"},
        "in_sentence": {**TEXT_SCHEMA, "description": "the words inside a sentence: armed conflict"},
        "colour": {"enum": list(CATEGORY_COLOURS),
                   "description": "an Okabe-Ito colour of the course's palette, by name"},
        "marker": {"enum": list(MARKERS), "description": "the shape of the category's markers"},
        "description": {**TEXT_SCHEMA, "description": "what belongs in the category"},
    },
))

_BARE_ID = ID_PATTERN.strip("^$")  # an id inside a longer pattern
_DATE_RULES = [  # the start's form follows the precision; only a period has an end
    {"if": {"properties": {"precision": {"const": precision}}, "required": ["precision"]},
     "then": {"properties": {"start": {"pattern": dates.FORMS[precision],
                                       "description": f"must be {dates.WRITTEN[precision]}, as the "
                                                      f"precision is {precision}"}}}}
    for precision in ("month", "year")
] + [
    {"if": {"properties": {"precision": {"enum": ["month", "year"]}}, "required": ["precision"]},
     "else": {"properties": {"start": {"pattern": dates.FORMS["day"], "description":
                                       "must be YYYY-MM-DD (or give the precision month or year)"}}}},
    {"if": {"properties": {"kind": {"const": "period"}}, "required": ["kind"]},
     "else": {"properties": {"end": {"pattern": "^$", "description": "only a period has an end: "
                                     "make the row a period or leave end empty"}}}},
    # what the article says needs where it says it
    {"if": {"required": ["article_says"]}, "then": {"required": ["article_paragraphs"]}},
]

#: What one row of data/timeline.csv must hold, as a record: each non-empty cell is a text
#: named by its column (an empty cell is a missing field). Written to data/timeline.schema.json.
SCHEMA = record(
    title="A row of data/timeline.csv: one event or period of the chronology",
    description="Each non-empty cell of the row is a text field named by its column.",
    required=["id", "start", "label", "description", "category", "actors", "source"],
    properties={
        "id": {"type": "string", "pattern": ID_PATTERN},
        "kind": {"enum": list(KINDS), "description": "event (one date, the default) or period"},
        "start": {"type": "string", "description": "the date, written as precisely as it is known"},
        "end": {"type": "string", "pattern": dates.FORMS["day"], "description": "must be YYYY-MM-DD"},
        "precision": {"enum": list(PRECISIONS), "description": "how precisely start is known (default day)"},
        "label": {"type": "string", "pattern": f"^.{{1,{MAX_LABEL}}}$",
                  "description": f"must be at most {MAX_LABEL} characters, so the plot stays readable"},
        "description": TEXT_SCHEMA,
        "category": {"type": "string", "pattern": ID_PATTERN},
        "actors": {"type": "string", "pattern": f"^{_BARE_ID}(\\s*;\\s*{_BARE_ID})*$",
                   "description": "must be actor ids from data/actors.yaml, separated by ;"},
        "source": TEXT_SCHEMA,
        "article_paragraphs": {"type": "string", "pattern": r"^[1-9][0-9]*(\s*;\s*[1-9][0-9]*)*$",
                               "description": "must be paragraph numbers (1, 2, ...) separated by ;"},
        "article_says": TEXT_SCHEMA,
    },
    allOf=_DATE_RULES,
)


def _categories_problems(raw, shown: str) -> list[Problem]:
    named = named_items(raw, "categories", "category")
    # What a schema cannot say: each category once, and told apart by colour and by marker.
    return schema_check(raw, CATEGORIES_SCHEMA, shown, {"categories": "category"}) + [
        p for field in ("id", "label", "colour", "marker") for p in repeats(named, field, shown)]


def _categories(data: Path) -> dict[str, Category]:
    raw = load_checked(data / CATEGORIES_FILE, _categories_problems)
    return {c["id"]: Category(c["id"], c["label"].strip(), c["in_sentence"].strip(), c["colour"],
                              c["marker"], c.get("description", "").strip()) for c in raw["categories"]}


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


def _records(text: str, shown: str) -> tuple[list[LineDict], list[Problem]]:
    """The rows of the CSV ``text`` as records (column -> text, empty cells left out, each
    field on the row's first line), and the problems of its shape: header, field counts."""
    records: list[LineDict] = []
    problems: list[Problem] = []
    rows = _csv_rows(text)
    try:
        header_line, header = next(rows, (None, None))
        if header is None:
            return records, [Problem(shown, None, None, None, "is empty: it needs a header line and one row per event")]
        header = [h.strip() for h in header]
        missing = [c for c in COLUMNS if c not in header]
        extra = [h for h in header if h not in COLUMNS]
        if extra:
            problems.append(Problem(shown, header_line, "header", None,
                                    f"unknown column(s): {', '.join(extra)}; columns are: {', '.join(COLUMNS)}"))
        if missing:
            return records, [Problem(shown, header_line, "header", None,
                                     f"missing column(s): {', '.join(missing)}")] + problems
        for line, raw in rows:
            if len(raw) != len(header):
                problems.append(Problem(shown, line, "row", None, f"has {len(raw)} fields but the header has "
                                        f"{len(header)} (a comma inside a field needs quotes)"))
                continue
            record = LineDict((h, v.strip()) for h, v in zip(header, raw) if h in COLUMNS and v.strip())
            record.line, record.key_lines = line, dict.fromkeys(record, line)
            records.append(record)
    except csv.Error as exc:
        problems.append(Problem(shown, None, None, None, f"is not valid CSV ({exc})"))
    if not records and not problems:
        problems.append(Problem(shown, None, None, None, "has a header but no events"))
    return records, problems


@dataclass(frozen=True)
class _Known:
    """What the rows may refer to, from the other files of the same data folder (``None``:
    that file has problems of its own, so the check is left to its checker)."""

    categories: Collection[str] | None
    actors: set[str] | None
    paragraphs: int | None

    @classmethod
    def of(cls, data: Path, categories: Collection[str] | None) -> "_Known":
        from coursekit.reading.actors import load_actors
        from coursekit.reading.article import load_article

        actors = paragraphs = None
        try:
            actors = set(load_actors(data).ids())
        except (CourseError, FileNotFoundError):
            pass
        try:
            paragraphs = len(load_article(data).paragraphs)
        except (CourseError, FileNotFoundError):
            pass
        return cls(categories, actors, paragraphs)


def _split(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(";") if p.strip())


def _row_problems(row: LineDict, item: str, shown: str, known: _Known) -> list[Problem]:
    """The row against the schema, then what a schema cannot check: real dates in order,
    and the categories, actors and paragraphs that exist."""
    problems = schema_problems(row, SCHEMA, shown, item=item)
    flawed = {p.field for p in problems}

    def bad(field: str, message: str) -> None:
        problems.append(Problem(shown, row.line, item, field, message))

    when = {}
    for field in ("start", "end"):
        if field in row and field not in flawed:
            try:
                when[field] = dates.parse_date(row[field]).first
            except ValueError as exc:
                bad(field, str(exc))
    if len(when) == 2 and when["end"] < when["start"]:
        bad("end", f"{row['end']} is before the start {row['start']}")
    category = row.get("category")
    if known.categories is not None and "category" not in flawed and category not in known.categories:
        bad("category", f"unknown category {category!r}; the categories ({CATEGORIES_FILE}) are: "
                        f"{', '.join(known.categories)}")
    unknown = [a for a in _split(row.get("actors", "")) if a not in (known.actors or ())]
    for actor in unknown if known.actors is not None and "actors" not in flawed else []:
        bad("actors", f"unknown actor {actor!r}: not an id in data/actors.yaml")
    for number in _split(row.get("article_paragraphs", "")) if "article_paragraphs" not in flawed else ():
        if known.paragraphs is not None and int(number) > known.paragraphs:
            bad("article_paragraphs", f"{number} is past the article's last paragraph ({known.paragraphs})")
    return problems


def _entries(text: str, shown: str, known: _Known) -> tuple[list[Event], list[Problem]]:
    """The entries of the CSV ``text`` that are right, and every problem, one per bad field."""
    records, problems = _records(text, shown)
    named = [(f'{r.get("kind", "event") if r.get("kind", "event") in KINDS else "row"} "{r["id"]}"'
              if "id" in r else "row", r) for r in records]
    entries = []
    for item, row in named:
        found = _row_problems(row, item, shown, known)
        problems += found
        if not found:
            entries.append(Event(
                id=row["id"], kind=row.get("kind", "event"), start=dates.parse_date(row["start"]).first,
                end=dates.parse_date(row["end"]).first if "end" in row else None,
                precision=row.get("precision", "day"), label=row["label"], description=row["description"],
                category=row["category"], actors=_split(row["actors"]), source=row["source"],
                paragraphs=tuple(map(int, _split(row.get("article_paragraphs", "")))),
                article_says=row.get("article_says", ""), line=row.line))
    problems += repeats(named, "id", shown) + repeats(named, "label", shown)
    return entries, sorted(problems, key=lambda p: p.line or 0)


def load_timeline(data_dir: str | Path | None = None) -> Timeline:
    """Load ``timeline.csv`` and its categories from the data folder ``data_dir`` (found
    when ``None``).

    Raises :class:`~coursekit.errors.DataError` naming the file, line, entry and field of
    every problem (the message shows the first).

    >>> tl = load_timeline()
    >>> tl.get("resolution-2690").date_text
    '30 Jun 2023'
    """
    data = data_folder(data_dir)
    categories = _categories(data)
    path = data / FILE_NAME
    shown = display_path(path)
    entries, problems = read_once(path, ("entries", tuple(categories)),  # once per `coursekit validate`
                                  lambda: _entries(read_text(path), shown, _Known.of(data, categories)))
    if problems:
        raise DataError(problems)
    return Timeline(entries, source=shown, categories=categories, data_dir=data)


def check_timeline(data_dir: Path) -> list[Problem]:
    """Every problem in ``timeline.csv`` and ``timeline-categories.yaml`` of the data folder
    ``data_dir`` (for ``coursekit validate``); never raises for bad data."""
    data = Path(data_dir)
    raw, problems = check_yaml(data / CATEGORIES_FILE, _categories_problems)
    categories = None if problems else [c["id"] for c in raw["categories"]]
    path = data / FILE_NAME
    try:
        text = read_text(path)
    except DataError as exc:
        return problems + exc.problems
    except CourseError:  # not found
        return problems + [Problem(display_path(path), None, None, None, "file not found")]
    known = tuple(categories) if categories is not None else None
    return problems + read_once(path, ("entries", known),
                                lambda: _entries(text, display_path(path), _Known.of(data, categories)))[1]
