"""MINUSMA's mandates (data/mandates.yaml): what each resolution asked the mission to do, how
the Council voted, and what changed, each with its source.

Pure Python: nothing here imports IPython or ipywidgets. The mandates print as plain text
and show as an escaped HTML table in a notebook.

>>> mandates = load_mandates()
>>> [m.resolution for m in mandates]
[2100, 2164, 2295, 2480, 2584, 2640, 2690]
>>> print(mandates.show(2640).vote_text)
13–0–2 (China and Russia abstaining)
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coursekit.council.votes import (COUNT, SEATS, VOTES_NEEDED, Recorded, load_council, recorded_schema,
                                     recorded_vote)
from coursekit.datafiles import dates
from coursekit.datafiles.paths import data_folder
from coursekit.datafiles.schema import ID_PATTERN, TEXT_SCHEMA, record
from coursekit.datafiles.validate import check_yaml, load_checked, named_items, repeats, schema_check
from coursekit.datafiles.yamlfile import LineDict, folded
from coursekit.errors import CourseError, Problem
from coursekit.markup import TextAndTable
from coursekit.notebook import suggestion

FILE_NAME = "mandates.yaml"
#: The word that, in place of numbers, keeps the last ceiling given.
UNCHANGED = "unchanged"
#: What a table shows where the sources cited give nothing.
NOT_GIVEN = "—"


class MandateError(CourseError, LookupError):
    """A resolution the mandates do not list; the message names those they do."""


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class Ceiling:
    """The most military and police personnel a mandate allows; ``kept`` when the resolution
    left the last one unchanged."""

    military: int
    police: int
    kept: bool = False

    def __str__(self) -> str:
        numbers = f"{self.military:,} military, {self.police:,} police"
        return f"{numbers} (unchanged)" if self.kept else numbers


@dataclass(frozen=True)
class Mandate:
    """One resolution on MINUSMA's mandate, as ``data/mandates.yaml`` gives it."""

    id: str
    resolution: int
    date: str
    vote: Recorded
    focus: str
    changed: str
    source: str
    chapter: str | None = None
    ceiling: Ceiling | None = None
    until: str | None = None
    tasks: tuple[str, ...] = ()
    council_vote: str | None = None

    @property
    def when(self) -> str:
        """``"25 Apr 2013"``."""
        return str(dates.parse_date(self.date))

    @property
    def unanimous(self) -> bool:
        return self.vote.unanimous

    @property
    def vote_text(self) -> str:
        """``"15–0–0 (unanimous)"`` or ``"13–0–2 (China and Russia abstaining)"``."""
        return self.vote.text

    @property
    def title(self) -> str:
        return f"Resolution {self.resolution} ({self.when})"

    def _facts(self) -> list[tuple[str, str]]:
        return [
            ("Vote", self.vote_text),
            ("Chapter of the Charter", f"Chapter {self.chapter}" if self.chapter else NOT_GIVEN),
            ("Ceiling", str(self.ceiling) if self.ceiling else NOT_GIVEN),
            ("Mandate until", str(dates.parse_date(self.until)) if self.until else NOT_GIVEN),
            ("Focus", self.focus),
            ("Tasks and priorities", "; ".join(self.tasks) if self.tasks else NOT_GIVEN),
            ("What changed", self.changed),
            ("Source", self.source),
        ]

    def __str__(self) -> str:
        return "\n".join([self.title] + [f"  {label}: {value}" for label, value in self._facts()])

    __repr__ = __str__

    def _repr_html_(self) -> str:
        e = html.escape
        rows = "".join(f"<tr><th style='text-align:left'>{e(label)}</th><td style='text-align:left'>{e(value)}"
                       "</td></tr>" for label, value in self._facts())
        return (f'<div class="coursekit-mandate"><p><strong>{e(self.title)}</strong></p>'
                f"<table><tbody>{rows}</tbody></table><p><small>{e(NOT_GIVEN)}: not given in the "
                "sources cited.</small></p></div>")


class Mandates(TextAndTable, list):
    """MINUSMA's mandates in the order they were adopted (:func:`load_mandates`)."""

    mission: str = "MINUSMA"

    def show(self, resolution: int | str | None = None) -> "Mandate | Mandates":
        """The whole table (``mandates.show()``), or one resolution in full, by its number:
        ``mandates.show(2295)``.

        >>> print(load_mandates().show(2295))  # doctest: +ELLIPSIS
        Resolution 2295 (29 Jun 2016)
          Vote: 15–0–0 (unanimous)
          Chapter of the Charter: Chapter VII
          Ceiling: 13,289 military, 1,920 police
        ...
        """
        if resolution is None:
            return self
        wanted = str(resolution).strip().casefold().removeprefix("resolution").strip(" -")
        for m in self:
            if wanted == str(m.resolution):
                return m
        numbers = [str(m.resolution) for m in self]
        raise MandateError(f"no resolution {resolution!r} among MINUSMA's mandates{suggestion(wanted, numbers)}; "
                           f"the resolutions listed are {', '.join(numbers)}")

    @property
    def heading(self) -> str:
        first, last = self[0].when[-4:], self[-1].when[-4:]
        return (f"{self.mission}: the resolutions that created, changed and ended its mandate, "
                f"{first}–{last} (in favour–against–abstaining; {NOT_GIVEN}: not given in the sources cited)")

    def __str__(self) -> str:
        return self._lines(self.heading, self, lambda m: [
            f"{m.title} · {m.vote_text} · Chapter: {m.chapter or NOT_GIVEN} · ceiling: {m.ceiling or NOT_GIVEN}",
            f"  {m.focus}", f"  Tasks and priorities: {'; '.join(m.tasks) or NOT_GIVEN}",
            f"  What changed: {m.changed}", f"  Source: {m.source}"])

    def _repr_html_(self) -> str:
        e = html.escape
        rows = []
        for m in self:
            tasks = ("<ul style='margin:0;padding-left:1.2em'>" + "".join(f"<li>{e(t)}</li>" for t in m.tasks)
                     + "</ul>") if m.tasks else e(NOT_GIVEN)
            rows.append(self._row(
                [f"<strong>{m.resolution}</strong><br>{e(m.when)}", e(m.vote_text), e(m.chapter or NOT_GIVEN),
                 e(str(m.ceiling) if m.ceiling else NOT_GIVEN), f"<strong>{e(m.focus)}</strong>{tasks}",
                 e(m.changed), f"<small>{e(m.source)}</small>"], plain=(0, 1, 2, 3)))
        table = self._table(["Resolution", "Vote", "Chapter", "Ceiling", "Tasks and priorities", "What changed",
                             "Source"], "".join(rows))
        return f'<div class="coursekit-mandates"><p>{e(self.heading)}</p>{table}</div>'


# --------------------------------------------------------------------------- the data file

#: What data/mandates.yaml must look like (written to data/mandates.schema.json).
SCHEMA = record(
    title="data/mandates.yaml: MINUSMA's mandates, resolution by resolution",
    required=["mandates"],
    properties={
        "mission": TEXT_SCHEMA,
        "mandates": {"type": "array", "minItems": 1, "items": record(
            required=["id", "resolution", "date", "vote", "focus", "changed", "source"],
            properties={
                "id": {"type": "string", "pattern": ID_PATTERN},
                "resolution": {"type": "integer", "minimum": 1},
                "date": {**dates.SCHEMA, "type": "string", "pattern": dates.FORMS["day"],
                         "description": "must be a day: YYYY-MM-DD"},
                "vote": recorded_schema(abstaining={"type": "array", "items": TEXT_SCHEMA}),
                "chapter": {"enum": ["VI", "VII"], "description": "the Charter chapter: VI or VII"},
                "ceiling": {"anyOf": [
                    {"const": UNCHANGED},
                    record(["military", "police"], {"military": COUNT, "police": COUNT})],
                    "description": 'must be {military: N, police: N} or "unchanged"'},
                "until": {**dates.SCHEMA, "type": "string", "pattern": dates.FORMS["day"],
                          "description": "must be a day: YYYY-MM-DD"},
                "focus": TEXT_SCHEMA,
                "tasks": {"type": "array", "minItems": 1, "items": TEXT_SCHEMA},
                "changed": TEXT_SCHEMA,
                "source": TEXT_SCHEMA,
                "council_vote": {"type": "string", "pattern": ID_PATTERN,
                                 "description": "the id of the same vote in council.yaml"},
            },
        )},
    },
)


def _day(value: Any) -> dates.PartialDate | None:
    try:
        return dates.parse_date(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _council_votes(data: Path) -> dict[str, Any] | None:
    """The recorded votes of council.yaml by preset id, or ``None`` if it cannot be read
    (its own check reports why)."""
    try:
        council = load_council(data)
    except (CourseError, OSError):
        return None
    return {p.id: p for p in council.presets + council.other_years}


def _mandate_problems(item: str, d: LineDict, shown: str, before: LineDict | None,
                      ceiling_given: bool, recorded: dict[str, Any] | None) -> list[Problem]:
    """What a schema cannot check in one mandate."""
    problems = []

    def bad(field: str, message: str, where: LineDict | None = None) -> None:
        problems.append(Problem(shown, (where or d).line_of(field.split(".")[-1]), item, field, message))

    number = d.get("resolution")
    if isinstance(number, int) and isinstance(d.get("id"), str) and d["id"] != f"resolution-{number}":
        bad("id", f"should be resolution-{number}, after the resolution's number")
    day = _day(d.get("date"))
    if d.get("date") is not None and day is None and isinstance(d.get("date"), str):
        bad("date", f"{d['date']!r} is not a real date")
    if before is not None and day is not None:
        earlier = _day(before.get("date"))
        if earlier is not None and day.first <= earlier.first:
            bad("date", f"{day} is not after the mandate before it ({earlier}): list them in the order adopted")
        if isinstance(number, int) and isinstance(before.get("resolution"), int) and number <= before["resolution"]:
            bad("resolution", f"{number} does not come after {before['resolution']}: list them in the order adopted")
    until = _day(d.get("until"))
    if until is not None and day is not None and until.first <= day.first:
        bad("until", f"{until} is not after the day the resolution was adopted ({day})")
    vote = d.get("vote")
    counts = ("in_favour", "against", "abstentions")
    if isinstance(vote, LineDict) and all(isinstance(vote.get(k), int) for k in counts):
        total = vote["in_favour"] + vote["against"] + vote["abstentions"]
        if total > SEATS:
            bad("vote", f"counts {total} votes; the Council has {SEATS} members")
        if vote["in_favour"] < VOTES_NEEDED:
            bad("vote.in_favour", f"{vote['in_favour']} votes in favour cannot adopt a resolution: "
                                  f"it needs {VOTES_NEEDED} (UN Charter, Art. 27)", vote)
        names = vote.get("abstaining")
        if isinstance(names, list) and len(names) != vote["abstentions"]:
            bad("vote.abstaining", f"names {len(names)} members but the vote counts {vote['abstentions']} "
                                   "abstentions", vote)
        preset_id = d.get("council_vote")
        if isinstance(preset_id, str) and recorded is not None:
            preset = recorded.get(preset_id)
            if preset is None:
                bad("council_vote", f"council.yaml has no vote {preset_id!r}{suggestion(preset_id, recorded)}")
            elif preset.recorded is not None:
                theirs, ours = preset.recorded, recorded_vote(vote)
                if not theirs.same_count(ours):
                    bad("council_vote", f"council.yaml records {preset_id} as {theirs.score}, "
                                        f"this file as {ours.score}")
                if preset.date and day is not None and preset.date != d.get("date"):
                    bad("council_vote", f"council.yaml dates {preset_id} {preset.date}, this file {d.get('date')}")
    if d.get("ceiling") == UNCHANGED and not ceiling_given:
        bad("ceiling", f'"{UNCHANGED}" needs a ceiling given in numbers by an earlier mandate')
    return problems


def _problems(raw: Any, shown: str, recorded: dict[str, Any] | None) -> list[Problem]:
    problems = schema_check(raw, SCHEMA, shown, {"mandates": "mandate"})
    named = named_items(raw, "mandates", "mandate")
    problems += repeats(named, "id", shown)
    before: LineDict | None = None
    ceiling_given = False
    for item, d in named:
        problems += _mandate_problems(item, d, shown, before, ceiling_given, recorded)
        ceiling_given = ceiling_given or isinstance(d.get("ceiling"), dict)
        before = d
    return problems



def _mandates(raw: Any) -> Mandates:
    found = Mandates()
    found.mission = folded(raw.get("mission") or "MINUSMA").split(",")[0]
    last: Ceiling | None = None
    for d in raw["mandates"]:
        ceiling = d.get("ceiling")
        if isinstance(ceiling, dict):
            last = Ceiling(ceiling["military"], ceiling["police"])
            this: Ceiling | None = last
        elif ceiling == UNCHANGED and last is not None:
            this = Ceiling(last.military, last.police, kept=True)
        else:
            this = None
        found.append(Mandate(
            d["id"], d["resolution"], str(d["date"]), recorded_vote(d["vote"]),
            folded(d["focus"]), folded(d["changed"]), folded(d["source"]),
            None if d.get("chapter") is None else str(d["chapter"]), this,
            None if d.get("until") is None else str(d["until"]),
            tuple(folded(t) for t in d.get("tasks") or []), d.get("council_vote")))
    return found


def load_mandates(data_dir: str | Path | None = None) -> Mandates:
    """MINUSMA's mandates from ``mandates.yaml`` in the data folder ``data_dir`` (found when
    ``None``): shown as a table in a notebook, one resolution in full with ``.show(2295)``.

    Raises :class:`~coursekit.errors.DataError` listing every problem of the file.

    >>> import coursekit
    >>> mandates = coursekit.load_mandates()
    >>> print(mandates.show(2100).ceiling)
    11,200 military, 1,440 police
    """
    data = data_folder(data_dir)
    recorded = _council_votes(data)
    raw = load_checked(data / FILE_NAME, lambda raw, shown: _problems(raw, shown, recorded))
    return _mandates(raw)


def check_mandates(data_dir: Path) -> list[Problem]:
    """Every problem in ``mandates.yaml`` of the data folder ``data_dir`` (for ``coursekit
    validate``); never raises for bad data."""
    recorded = _council_votes(Path(data_dir))
    return check_yaml(Path(data_dir) / FILE_NAME, lambda raw, shown: _problems(raw, shown, recorded))[1]
