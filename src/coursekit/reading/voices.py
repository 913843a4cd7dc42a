"""Every side in its own words (data/voices.yaml), the states that took their troops out of
MINUSMA (data/contributors.yaml) and other missions their hosts ended (data/missions.yaml):
loaders, the checks ``coursekit validate`` runs, and displays that print as plain text and
show as HTML.

Pure Python: nothing here imports IPython or ipywidgets. Every voice is introduced by the
same sentence, whoever speaks: "<speaker>, <role>, <verb> on <date> (<occasion>):", where
the verb comes from the setting (a Council meeting, a statement...), never from the side.

>>> boxes = in_their_words("2690")
>>> [v.side for v in boxes][:2]
["Mali's transitional government", 'United Arab Emirates']
>>> print(boxes[1].intro)  # doctest: +NORMALIZE_WHITESPACE
Lana Nusseibeh, the UAE's ambassador to the UN, speaking for the UAE (which held the
Council's presidency that month), told the Security Council on 30 June 2023 (the UAE's
explanation of vote on resolution 2690)
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

from coursekit.datafiles import dates
from coursekit.datafiles.paths import data_folder
from coursekit.datafiles.schema import ID_PATTERN, TEXT_SCHEMA, record
from coursekit.datafiles.validate import (check_yaml, list_schema, load_checked, named_items, repeats,
                                          schema_check)
from coursekit.datafiles.yamlfile import LineDict, folded
from coursekit.errors import CourseError, Problem
from coursekit.notebook import suggestion

VOICES_FILE = "voices.yaml"
CONTRIBUTORS_FILE = "contributors.yaml"
MISSIONS_FILE = "missions.yaml"

#: What each confidence level means; "L" is shown as "as reported" wherever it appears.
CONFIDENCE = {"V": "verified (a UN text, or two independent reports)",
              "L": "as reported (one secondary source or a reprint)"}
AS_REPORTED = "as reported"
LANGUAGES = {"en": "English", "fr": "French"}
ACTIONS = ("withdrawal", "suspension")
MISSION_KINDS = ("peacekeeping operation", "special political mission")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def when(date: dates.PartialDate) -> str:
    """A date as a sentence says it, to the precision it is known: "on 30 June 2023",
    "in February 2023", "in 2022".

    >>> when(dates.parse_date("2023-02")), when(dates.parse_date(2022))
    ('in February 2023', 'in 2022')
    """
    day = date.first
    if date.precision == "day":
        return f"on {day.day} {_MONTHS[day.month - 1]} {day.year}"
    if date.precision == "month":
        return f"in {_MONTHS[day.month - 1]} {day.year}"
    return f"in {day.year}"



# --------------------------------------------------------------------------- voices


@dataclass(frozen=True)
class Quote:
    """Exact words, in the language they were given in, and the course's translation."""

    text: str
    lang: str = "en"
    translation: str | None = None


@dataclass(frozen=True, kw_only=True)
class Voice:
    """One side's words on one occasion, with who said them, when, and where it is recorded.

    Its fields are named (keyword-only), in the order ``data/voices.yaml`` documents them,
    with the verb its setting gives beside the setting.
    """

    id: str
    topics: tuple[str, ...] = ()
    side: str
    speaker: str
    role: str
    date: dates.PartialDate
    setting: str
    #: The verb that introduces the words: the setting's, in voices.yaml's ``settings``,
    #: the same for every side.
    verb: str
    occasion: str
    summary: str
    words: tuple[Quote, ...] = ()  # with each one's ``lang`` and ``translation``
    source: str
    confidence: str
    note: str | None = None
    caveat: str | None = None

    @property
    def as_reported(self) -> bool:
        """True when the record rests on one secondary source or a reprint."""
        return self.confidence == "L"

    @property
    def intro(self) -> str:
        """The sentence that introduces every voice, built the same way for every side."""
        tail = f", {AS_REPORTED}" if self.as_reported else ""
        return (f"{self.speaker}, {self.role}, {self.verb} {when(self.date)} "
                f"({self.occasion}){tail}")

    @property
    def source_line(self) -> str:
        return f"Source ({AS_REPORTED}): {self.source}" if self.as_reported else f"Source: {self.source}"

    def lines(self) -> list[str]:
        """The voice as plain-text lines (what ``print`` shows)."""
        out = [f"[{self.side}]", f"{self.intro}:"]
        for q in self.words:
            out.append(f"  “{q.text}”")
            if q.translation:
                out.append(f"    ({LANGUAGES.get(q.lang, q.lang)}; in English: “{q.translation}”)")
        if not self.words:
            out.append("  (the course's sources give no exact words)")
        out.append(f"  In short (the course's words): {self.summary}")
        if self.note:
            out.append(f"  Note: {self.note}")
        if self.caveat:
            out.append(f"  Caveat: {self.caveat}")
        out.append(f"  {self.source_line}")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def __repr__(self) -> str:
        return f"<Voice {self.id}: {self.speaker}, {self.date}>"

    def _repr_html_(self) -> str:
        parts = [f"<p style='margin:0 0 .4em'><strong>{escape(self.side)}</strong></p>",
                 f"<p style='margin:0 0 .4em'>{escape(self.intro)}:</p>"]
        for q in self.words:
            parts.append(f"<blockquote lang='{escape(q.lang)}' style='margin:.3em 0 .3em .8em'>"
                         f"“{escape(q.text)}”</blockquote>")
            if q.translation:
                parts.append(f"<p style='margin:0 0 .4em .8em'><em>In English (the course's "
                             f"translation):</em> “{escape(q.translation)}”</p>")
        if not self.words:
            parts.append("<p style='margin:0 0 .4em'><em>The course's sources give no exact "
                         "words.</em></p>")
        parts.append(f"<p style='margin:0 0 .4em'><em>In short (the course's words):</em> "
                     f"{escape(self.summary)}</p>")
        if self.note:
            parts.append(f"<p style='margin:0 0 .4em'><em>Note:</em> {escape(self.note)}</p>")
        if self.caveat:
            parts.append(f"<p style='margin:0 0 .4em'><strong>Caveat:</strong> {escape(self.caveat)}</p>")
        parts.append(f"<figcaption style='font-size:90%'>{escape(self.source_line)}</figcaption>")
        return ("<figure class='coursekit-voice' style='flex:1 1 16em;margin:0;padding:.6em .8em;"
                "border:1px solid #888;border-radius:4px'>" + "".join(parts) + "</figure>")


class VoiceBoxes(list):
    """The voices of one topic, shown side by side (HTML) or one after the other (text)."""

    def __init__(self, voices=(), title: str = "", note: str | None = None):
        super().__init__(voices)
        self.title = title
        self.note = note

    def sides(self) -> list[str]:
        """The sides heard, in order."""
        return [v.side for v in self]

    def __str__(self) -> str:
        blocks = [self.title] if self.title else []
        blocks += [str(v) for v in self] or ["(no voices)"]
        if self.note:
            blocks.append(f"Note: {self.note}")
        return "\n\n".join(blocks)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        title = f"<p><strong>{escape(self.title)}</strong></p>" if self.title else ""
        boxes = "".join(v._repr_html_() for v in self) or "<p>(no voices)</p>"
        note = f"<p><em>Note:</em> {escape(self.note)}</p>" if self.note else ""
        return (f"<div class='coursekit-voices'>{title}"
                "<div style='display:flex;flex-wrap:wrap;gap:.75em;align-items:stretch'>"
                f"{boxes}</div>{note}</div>")


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    note: str | None = None


class TopicList(list):
    """The topics of data/voices.yaml, each with its title and how many voices it has."""

    def __str__(self) -> str:
        lines = ["Topics (show one with coursekit.in_their_words(\"<topic>\")):"]
        lines += [f"  {t.id}: {t.title} ({n} voices)" for t, n in self]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        rows = "".join(f"<li><code>{escape(t.id)}</code>: {escape(t.title)} ({n} voices)</li>"
                       for t, n in self)
        return ("<p>Topics (show one with <code>coursekit.in_their_words(\"&lt;topic&gt;\")</code>):</p>"
                f"<ul>{rows}</ul>")


class Voices:
    """Every voice of data/voices.yaml, its topics, and the verb of each setting."""

    def __init__(self, voices: list[Voice], topics: dict[str, Topic], path: Path | None = None,
                 settings: dict[str, str] | None = None):
        self.voices = list(voices)
        self.topics = dict(topics)
        self.path = path
        #: The verb that introduces a voice, by the setting it was spoken in (never by side).
        self.settings = dict(settings or {})

    def __iter__(self):
        return iter(self.voices)

    def __len__(self) -> int:
        return len(self.voices)

    def __getitem__(self, voice_id: str) -> Voice:
        for v in self.voices:
            if v.id == voice_id:
                return v
        raise CourseError(f"no voice {voice_id!r} in data/voices.yaml"
                          f"{suggestion(voice_id, [v.id for v in self.voices])}")

    def topic(self, topic: str | int) -> VoiceBoxes:
        """The voices of ``topic`` (a topic id such as ``"2690"``; a number is read as text)."""
        key = str(topic).strip()
        if key not in self.topics:
            raise CourseError(f"no topic {topic!r} in data/voices.yaml{suggestion(key, self.topics)}; "
                              f"the topics are: {', '.join(self.topics)}")
        t = self.topics[key]
        return VoiceBoxes((v for v in self.voices if key in v.topics), t.title, t.note)

    def topic_list(self) -> TopicList:
        return TopicList((t, sum(t.id in v.topics for v in self.voices)) for t in self.topics.values())

    def __repr__(self) -> str:
        return f"<Voices: {len(self)} voices in {len(self.topics)} topics>"


_SOURCE = {**TEXT_SCHEMA, "description": "where it is recorded, named (a document, an outlet)"}
_CONFIDENCE = {"enum": list(CONFIDENCE), "description": "V (verified) or L (as reported)"}

#: What data/voices.yaml must look like (written to data/voices.schema.json).
VOICES_SCHEMA = record(
    title="data/voices.yaml: every side in its own words, with speaker, date and source",
    required=["settings", "topics", "voices"],
    properties={
        "settings": {
            "type": "object", "minProperties": 1,
            "propertyNames": {"pattern": ID_PATTERN,
                              "description": "must be lowercase letters, digits and hyphens (e.g. council)"},
            "additionalProperties": {**TEXT_SCHEMA, "description": "must be the verb that introduces the "
                                                                   "words (not empty), for every side alike"},
        },
        "topics": {
            "type": "object", "minProperties": 1,
            "propertyNames": {"pattern": ID_PATTERN,
                              "description": "must be lowercase letters, digits and hyphens (e.g. 2690)"},
            "additionalProperties": record(["title"], {"title": TEXT_SCHEMA, "note": TEXT_SCHEMA}),
        },
        "voices": {"type": "array", "minItems": 1, "items": record(
            required=["id", "topics", "side", "speaker", "role", "date", "setting", "occasion",
                      "summary", "source", "confidence"],
            properties={
                "id": {"type": "string", "pattern": ID_PATTERN},
                "topics": {"type": "array", "minItems": 1,
                           "items": {"type": ["string", "integer"], "pattern": ID_PATTERN},
                           "description": "topic ids from the `topics` section"},
                "side": {**TEXT_SCHEMA, "description": "whose voice it is, named as the course names that side"},
                "speaker": TEXT_SCHEMA,
                "role": TEXT_SCHEMA,
                "date": dates.SCHEMA,
                "setting": {"type": "string", "pattern": ID_PATTERN,
                            "description": "must be a setting id of the `settings` section (it sets the verb)"},
                "occasion": TEXT_SCHEMA,
                "summary": {**TEXT_SCHEMA, "description": "what they said, in the course's neutral words"},
                "words": {"type": "array", "minItems": 1, "items": TEXT_SCHEMA,
                          "description": "their exact words"},
                "lang": {"enum": list(LANGUAGES)},
                "translation": {"type": "array", "minItems": 1, "items": TEXT_SCHEMA,
                                "description": "the course's translation, one per item of `words`"},
                "source": _SOURCE,
                "confidence": _CONFIDENCE,
                "note": TEXT_SCHEMA,
                "caveat": TEXT_SCHEMA,
            },
            **{"if": {"required": ["lang"], "properties": {"lang": {"not": {"const": "en"}}}},
               "then": {"required": ["words", "translation"]}},
            dependencies={"translation": ["lang"]},
        )},
    },
)


def _date_problem(d: LineDict, key: str, item: str, shown: str, field: str | None = None) -> list[Problem]:
    """A problem if ``d[key]`` has a date's form but is not a real date (2023-02-30)."""
    value = d.get(key)
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not dates.precision_of(str(value)):
        return []  # missing or in the wrong form: the schema says so
    try:
        dates.parse_date(value)
    except ValueError as exc:
        return [Problem(shown, d.line_of(key), item, field or key, str(exc))]
    return []


def _voices_problems(raw: Any, shown: str) -> list[Problem]:
    named = named_items(raw, "voices", "voice")
    problems = schema_check(raw, VOICES_SCHEMA, shown, {"voices": "voice"}) + repeats(named, "id", shown)
    topics = raw.get("topics") if isinstance(raw, dict) else None
    known = set(topics) if isinstance(topics, dict) else None
    settings = raw.get("settings") if isinstance(raw, dict) else None
    used: set[str] = set()
    for item, d in named:
        problems += _date_problem(d, "date", item, shown)
        setting = d.get("setting")
        if isinstance(settings, dict) and isinstance(setting, str) and setting not in settings:
            problems.append(Problem(shown, d.line_of("setting"), item, "setting",
                                    f"{setting!r} is not a setting of this file{suggestion(setting, settings)}; "
                                    f"the settings are: {', '.join(map(str, settings))}"))
        for topic in d.get("topics") or [] if isinstance(d.get("topics"), list) else []:
            used.add(str(topic))
            if known is not None and str(topic) not in known:
                problems.append(Problem(shown, d.line_of("topics"), item, "topics",
                                        f"{str(topic)!r} is not a topic of this file"
                                        f"{suggestion(topic, known)}"))
        words, translation = d.get("words"), d.get("translation")
        if isinstance(words, list) and isinstance(translation, list) and len(words) != len(translation):
            problems.append(Problem(shown, d.line_of("translation"), item, "translation",
                                    f"has {len(translation)} item(s) for {len(words)} item(s) of `words`"))
    if isinstance(topics, LineDict):
        for topic in topics:
            if named and str(topic) not in used:
                problems.append(Problem(shown, topics.line_of(topic), f'topic "{topic}"', None,
                                        "no voice belongs to it"))
    return problems


def _voice(d: dict, settings: dict[str, str]) -> Voice:
    lang = d.get("lang", "en")
    translations = d.get("translation") or []
    words = tuple(Quote(folded(w), lang, folded(translations[i]) if i < len(translations) else None)
                  for i, w in enumerate(d.get("words") or []))
    return Voice(
        id=d["id"], side=folded(d["side"]), speaker=folded(d["speaker"]), role=folded(d["role"]),
        date=dates.parse_date(d["date"]), setting=d["setting"], verb=settings[d["setting"]],
        occasion=folded(d["occasion"]),
        summary=folded(d["summary"]), source=folded(d["source"]), confidence=d["confidence"],
        topics=tuple(str(t) for t in d["topics"]), words=words,
        note=folded(d["note"]) if d.get("note") else None,
        caveat=folded(d["caveat"]) if d.get("caveat") else None,
    )


def load_voices(data_dir: str | Path | None = None) -> Voices:
    """Load ``voices.yaml`` from the data folder ``data_dir`` (found when ``None``).

    Raises :class:`~coursekit.errors.DataError` naming the file, line, voice and field of
    every problem.

    >>> load_voices()["konfourou-2690"].words[0].translation
    'takes note of resolution 2690'
    """
    path = data_folder(data_dir) / VOICES_FILE
    raw = load_checked(path, _voices_problems)
    topics = {str(k): Topic(str(k), folded(v["title"]), folded(v["note"]) if v.get("note") else None)
              for k, v in raw["topics"].items()}
    settings = {str(k): folded(v) for k, v in raw["settings"].items()}
    return Voices([_voice(d, settings) for d in raw["voices"]], topics, path, settings)


def in_their_words(topic: str | int | None = None, *, data_dir: str | Path | None = None):
    """Every side's own words on ``topic``, side by side, each introduced the same way.

    ``coursekit.in_their_words("2690")`` shows what each Council member and Mali said on
    30 June 2023; without a topic, it lists the topics. A topic that does not exist raises
    :class:`~coursekit.errors.CourseError` naming the closest ones.

    >>> print(in_their_words("demand").sides())
    ["Mali's transitional government", 'United States']
    >>> in_their_words("2960")
    Traceback (most recent call last):
    coursekit.errors.CourseError: no topic '2960' in data/voices.yaml (did you mean "2640" or "2690"?)...
    """
    voices = load_voices(data_dir)
    return voices.topic_list() if topic is None else voices.topic(topic)


def check_voices(data_dir: Path) -> list[Problem]:
    """Every problem in ``voices.yaml`` of the data folder ``data_dir`` (for ``coursekit validate``)."""
    return check_yaml(Path(data_dir) / VOICES_FILE, _voices_problems)[1]


# --------------------------------------------------------------------------- contributors and missions


class _Entry:
    """What a contributor and a mission share: a source, how sure the course is of it, and a
    printed form made of :meth:`lines`."""

    id: str
    source: str
    confidence: str
    #: What a source the course holds only "as reported" is called.
    reported: ClassVar[str] = AS_REPORTED

    def first_line(self) -> str:
        """The printed line that names the entry."""
        raise NotImplementedError

    def details(self) -> list[tuple[str, str | None]]:
        """The printed lines under the first, as ``(label, text)``; no line when ``text`` is empty."""
        raise NotImplementedError

    def lines(self) -> list[str]:
        """The printed form: the first line, the details that have text, the source."""
        return [self.first_line(), *(f"  {label}: {text}" for label, text in self.details() if text),
                self.source_line()]

    def source_line(self) -> str:
        """The last printed line: the source, marked when it is only as reported."""
        src = f"source ({self.reported})" if self.confidence == "L" else "source"
        return f"  {src}: {self.source}"

    def source_html(self) -> str:
        """The source as the table shows it, marked when it is only as reported."""
        return f"{escape(self.source)} ({self.reported})" if self.confidence == "L" else escape(self.source)

    def __str__(self) -> str:
        return "\n".join(self.lines())


_E = TypeVar("_E", bound=_Entry)


class _Entries(list[_E], Generic[_E]):
    """A list of entries from one data file: found by id, printed under a title, and a
    captioned table in a notebook. A subclass names its file, noun, title and column
    headings as class keywords, and builds a row with :meth:`_row`."""

    file: ClassVar[str]
    noun: ClassVar[str]
    title: ClassVar[str]
    headings: ClassVar[tuple[str, ...]]

    def __init_subclass__(cls, *, file: str, noun: str, title: str, headings: tuple[str, ...], **kw: Any) -> None:
        super().__init_subclass__(**kw)
        cls.file, cls.noun, cls.title, cls.headings = file, noun, title, headings

    def ids(self) -> list[str]:
        return [e.id for e in self]

    def get(self, entry_id: str) -> _E:
        for e in self:
            if e.id == entry_id:
                return e
        raise CourseError(f"no {self.noun} {entry_id!r} in data/{self.file}"
                          f"{suggestion(entry_id, self.ids())}")

    def __str__(self) -> str:
        return "\n".join([self.title] + [line for e in self for line in e.lines()])

    __repr__ = __str__

    def _row(self, entry: _E) -> tuple[str, str, list[str]]:
        """The row of ``entry``: its heading, the small line under it, and the cells between
        the heading and the source, all as HTML."""
        raise NotImplementedError

    def _repr_html_(self) -> str:
        rows = []
        for e in self:
            head, small, cells = self._row(e)
            rows.append(f"<tr><th scope='row' style='text-align:left'>{head}<br><small>{small}</small></th>"
                        + "".join(f"<td style='text-align:left'>{cell}</td>" for cell in cells)
                        + f"<td style='text-align:left'><small>{e.source_html()}</small></td></tr>")
        head_row = "".join(f"<th scope='col'>{h}</th>" for h in self.headings)
        return (f"<table class='coursekit-{self.noun}s'><caption>{escape(self.title)}</caption>"
                f"<thead><tr>{head_row}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


# --------------------------------------------------------------------------- contributors


@dataclass(frozen=True)
class Contributor(_Entry):
    """A state that announced it would take its troops or police out of MINUSMA, or pause them."""

    id: str
    country: str
    action: str
    announced: dates.PartialDate
    how: str
    what: str
    source: str
    confidence: str
    until: dates.PartialDate | None = None
    reason: str | None = None
    words: tuple[str, ...] = ()
    context: str | None = None

    @property
    def reason_text(self) -> str:
        """The reason the state gave, or a plain statement that none is on record."""
        return self.reason or "none recorded in the course's sources"

    def first_line(self) -> str:
        return f"{self.country}: {self.action}, announced {when(self.announced)}"

    def details(self) -> list[tuple[str, str | None]]:
        return [("how", self.how), ("what", self.what), ("reason given", self.reason_text),
                ("also on record", self.context)]


class Contributors(_Entries[Contributor], file=CONTRIBUTORS_FILE, noun="contributor",
                   title="Troop and police contributors that announced they would leave MINUSMA (2022)",
                   headings=("State", "Announced", "What", "Reason given", "Source")):
    """The contributors, in the order of their announcements; a table in a notebook."""

    def _row(self, c: Contributor) -> tuple[str, str, list[str]]:
        reason = escape(c.reason_text) if c.reason else f"<em>{escape(c.reason_text)}</em>"
        if c.context:
            reason += f"<br><em>Also on record:</em> {escape(c.context)}"
        return (escape(c.country), escape(c.action),
                [f"{escape(when(c.announced))}: {escape(c.how)}", escape(c.what), reason])


#: What data/contributors.yaml must look like (written to data/contributors.schema.json).
CONTRIBUTORS_SCHEMA = list_schema(
    "data/contributors.yaml: the states that announced they would leave MINUSMA", "contributors", record(
        required=["id", "country", "action", "announced", "how", "what", "source", "confidence"],
        properties={
            "id": {"type": "string", "pattern": ID_PATTERN},
            "country": TEXT_SCHEMA,
            "action": {"enum": list(ACTIONS)},
            "announced": dates.SCHEMA,
            "how": TEXT_SCHEMA,
            "what": TEXT_SCHEMA,
            "until": dates.SCHEMA,
            "reason": {**TEXT_SCHEMA, "description": "the reason the state gave, attributed; "
                                                     "leave it out when none is on record"},
            "words": {"type": "array", "minItems": 1, "items": TEXT_SCHEMA},
            "context": TEXT_SCHEMA,
            "source": _SOURCE,
            "confidence": _CONFIDENCE,
        },
    ))


def _contributors_problems(raw: Any, shown: str) -> list[Problem]:
    named = named_items(raw, "contributors", "contributor")
    problems = schema_check(raw, CONTRIBUTORS_SCHEMA, shown, {"contributors": "contributor"})
    problems += repeats(named, "id", shown) + repeats(named, "country", shown)
    for item, d in named:
        found = _date_problem(d, "announced", item, shown) + _date_problem(d, "until", item, shown)
        problems += found
        if not found and d.get("announced") is not None and d.get("until") is not None:
            try:
                start, end = dates.parse_date(d["announced"]), dates.parse_date(d["until"])
            except ValueError:
                continue  # the schema reports a date in the wrong form
            if end.last < start.first:
                problems.append(Problem(shown, d.line_of("until"), item, "until", "is before `announced`"))
    return problems


def load_contributors(data_dir: str | Path | None = None) -> Contributors:
    """The states that announced they would take their troops or police out of MINUSMA,
    from ``contributors.yaml``; in a notebook, a table.

    >>> c = load_contributors()
    >>> c.get("egypt").action, c.get("united-kingdom").reason
    ('suspension', 'He blamed "two coups in three years" and the Wagner Group\\'s presence.')
    """
    path = data_folder(data_dir) / CONTRIBUTORS_FILE
    raw = load_checked(path, _contributors_problems)
    return Contributors(
        Contributor(id=d["id"], country=folded(d["country"]), action=d["action"],
                    announced=dates.parse_date(d["announced"]), how=folded(d["how"]), what=folded(d["what"]),
                    source=folded(d["source"]), confidence=d["confidence"],
                    until=dates.parse_date(d["until"]) if d.get("until") is not None else None,
                    reason=folded(d["reason"]) if d.get("reason") else None,
                    words=tuple(folded(w) for w in d.get("words") or ()),
                    context=folded(d["context"]) if d.get("context") else None)
        for d in raw["contributors"])


def check_contributors(data_dir: Path) -> list[Problem]:
    """Every problem in ``contributors.yaml`` of ``data_dir`` (for ``coursekit validate``)."""
    return check_yaml(Path(data_dir) / CONTRIBUTORS_FILE, _contributors_problems)[1]


# --------------------------------------------------------------------------- missions


@dataclass(frozen=True)
class Mission(_Entry):
    """A UN mission whose host state asked it to leave: what the host asked, what the UN did,
    what happened after."""

    id: str
    name: str
    full_name: str
    host: str
    kind: str
    asked_on: dates.PartialDate
    asked: str
    decided: str
    after: str
    source: str
    confidence: str
    note: str | None = None
    reported: ClassVar[str] = f"{AS_REPORTED} in part"

    def first_line(self) -> str:
        return f"{self.name} ({self.full_name}), {self.kind}; host: {self.host}"

    def details(self) -> list[tuple[str, str | None]]:
        return [(f"the host asked ({when(self.asked_on)})", self.asked), ("the UN decided", self.decided),
                ("after", self.after), ("note", self.note)]


class Missions(_Entries[Mission], file=MISSIONS_FILE, noun="mission",
               title="UN missions whose host state asked them to leave",
               headings=("Mission", "What the host asked", "What the UN did", "What happened after", "Source")):
    """The missions, oldest first; a comparison table in a notebook."""

    def _row(self, m: Mission) -> tuple[str, str, list[str]]:
        note = f"<br><em>Note:</em> {escape(m.note)}" if m.note else ""
        return (escape(m.name), f"{escape(m.host)}; {escape(m.kind)}",
                [f"{escape(when(m.asked_on))}: {escape(m.asked)}", escape(m.decided), f"{escape(m.after)}{note}"])


#: What data/missions.yaml must look like (written to data/missions.schema.json).
MISSIONS_SCHEMA = list_schema(
    "data/missions.yaml: UN missions whose host state asked them to leave", "missions", record(
        required=["id", "name", "full_name", "host", "kind", "asked", "decided", "after", "source", "confidence"],
        properties={
            "id": {"type": "string", "pattern": ID_PATTERN},
            "name": TEXT_SCHEMA,
            "full_name": TEXT_SCHEMA,
            "host": TEXT_SCHEMA,
            "kind": {"enum": list(MISSION_KINDS)},
            "asked": record(["date", "what"], {"date": dates.SCHEMA, "what": TEXT_SCHEMA}),
            "decided": TEXT_SCHEMA,
            "after": TEXT_SCHEMA,
            "source": _SOURCE,
            "confidence": _CONFIDENCE,
            "note": TEXT_SCHEMA,
        },
    ))


def _missions_problems(raw: Any, shown: str) -> list[Problem]:
    named = named_items(raw, "missions", "mission")
    problems = schema_check(raw, MISSIONS_SCHEMA, shown, {"missions": "mission"}) + repeats(named, "id", shown)
    for item, d in named:
        if isinstance(d.get("asked"), LineDict):
            problems += _date_problem(d["asked"], "date", item, shown, "asked.date")
    return problems


def load_missions(data_dir: str | Path | None = None) -> Missions:
    """Other UN missions whose host asked them to leave, beside MINUSMA, from
    ``missions.yaml``; in a notebook, a comparison table.

    >>> m = load_missions()
    >>> m.get("unitams").kind
    'special political mission'
    """
    path = data_folder(data_dir) / MISSIONS_FILE
    raw = load_checked(path, _missions_problems)
    return Missions(
        Mission(id=d["id"], name=folded(d["name"]), full_name=folded(d["full_name"]), host=folded(d["host"]),
                kind=d["kind"], asked_on=dates.parse_date(d["asked"]["date"]), asked=folded(d["asked"]["what"]),
                decided=folded(d["decided"]), after=folded(d["after"]), source=folded(d["source"]),
                confidence=d["confidence"], note=folded(d["note"]) if d.get("note") else None)
        for d in raw["missions"])


def check_missions(data_dir: Path) -> list[Problem]:
    """Every problem in ``missions.yaml`` of ``data_dir`` (for ``coursekit validate``)."""
    return check_yaml(Path(data_dir) / MISSIONS_FILE, _missions_problems)[1]
