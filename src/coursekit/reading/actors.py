"""The actors of the course (data/actors.yaml): names, aliases in the article, stances."""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from coursekit.datafiles.paths import data_folder
from coursekit.datafiles.schema import ID_PATTERN, TEXT_SCHEMA, record
from coursekit.datafiles.yamlfile import LineDict
from coursekit.course import LESSON_ID
from coursekit.datafiles.validate import (check_yaml, list_schema, load_checked, named_items, repeats,
                                          schema_check)
from coursekit.errors import CourseError, Problem
from coursekit.notebook import suggestion

FILE_NAME = "actors.yaml"
KINDS = ("person", "government", "state", "organisation", "armed-group", "people")


@dataclass(frozen=True)
class Evidence:
    """What shows an actor's stance: an article paragraph or a named source, and a note."""

    note: str
    paragraph: int | None = None
    source: str | None = None

    def __str__(self) -> str:
        where = f"paragraph {self.paragraph}" if self.paragraph else self.source
        return f"{self.note} ({where})"


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    description: str
    stance: str | None = None
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)

    def __str__(self) -> str:
        return self.name


class Actors:
    """All actors, in file order; look one up with ``actors["diop"]``.

    ``lessons`` maps a lesson's id to the ids of the actors it discusses, in its order.
    """

    def __init__(self, actors: list[Actor], path: Path | None = None,
                 lessons: dict[str, tuple[str, ...]] | None = None):
        self._by_id = {a.id: a for a in actors}
        self.path = path
        self.lessons = dict(lessons or {})

    def __getitem__(self, actor_id: str) -> Actor:
        """The actor ``actor_id``; an id the file does not have raises
        :class:`~coursekit.errors.CourseError` naming the closest ids."""
        try:
            return self._by_id[actor_id]
        except (KeyError, TypeError):
            raise CourseError(self._unknown(actor_id)) from None

    def _unknown(self, actor_id: object) -> str:
        names = {a.name: a.id for a in self}
        by_name = [names[n] for n in names if str(actor_id).strip().casefold() == n.casefold()]
        hint = f' (did you mean "{by_name[0]}"?)' if by_name else suggestion(actor_id, self.ids())
        return (f"no actor {actor_id!r} in the course's list of actors (data/actors.yaml){hint}; "
                "actors are named by ids such as \"diop\", \"france\" or \"mali-government\"")

    def for_lesson(self, lesson: str) -> list[str]:
        """The ids of the actors lesson ``lesson`` discusses, in its order (from the
        ``lessons`` section of data/actors.yaml).

        >>> load_actors().for_lesson("04_actors_and_interests")[:3]
        ['mali-government', 'diop', 'goita']
        """
        if lesson not in self.lessons:
            known = ", ".join(self.lessons) or "none"
            raise CourseError(f"data/actors.yaml lists no actors for the lesson {lesson!r}"
                              f"{suggestion(lesson, self.lessons)}; lessons with a list: {known}")
        return list(self.lessons[lesson])

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._by_id

    def __iter__(self):
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def ids(self) -> list[str]:
        return list(self._by_id)

    def alias_map(self) -> dict[str, str]:
        """Every alias, mapped to its actor's id."""
        return {alias: a.id for a in self for alias in a.aliases}

    def stances(self) -> "StanceTable":
        """The actors that have a stance, as a table that prints well.

        >>> print(load_actors().stances().rows[0][0])
        Mali's transitional government
        """
        rows = [
            (a.name, a.stance, "; ".join(str(e) for e in a.evidence))
            for a in self if a.stance
        ]
        return StanceTable(rows)

    def __repr__(self) -> str:
        return f"<Actors: {len(self)} actors>"


@dataclass(frozen=True)
class StanceTable:
    rows: list[tuple[str, str, str]]

    def __str__(self) -> str:
        return "\n".join(f"{name}: {stance}\n    evidence: {ev or '-'}" for name, stance, ev in self.rows)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        body = "".join(
            f"<tr><td>{escape(n)}</td><td>{escape(s)}</td><td>{escape(e)}</td></tr>"
            for n, s, e in self.rows
        )
        return ("<table><thead><tr><th>Actor</th><th>Stance on MINUSMA</th><th>Evidence</th>"
                f"</tr></thead><tbody>{body}</tbody></table>")


#: What data/actors.yaml must look like (written to data/actors.schema.json).
SCHEMA = list_schema("data/actors.yaml: the actors of the course, and how the article names them", "actors", record(
    required=["id", "name", "kind", "aliases", "description"],
    properties={
        "id": {"type": "string", "pattern": ID_PATTERN,
               "description": "must be lowercase letters, digits and hyphens (e.g. cote-divoire)"},
        "name": TEXT_SCHEMA,
        "kind": {"enum": list(KINDS)},
        "aliases": {"type": "array", "items": TEXT_SCHEMA,
                    "description": "every way the article writes the name, spelled as printed there"},
        "description": TEXT_SCHEMA,
        "stance": TEXT_SCHEMA,
        "evidence": {"type": "array", "items": record(
            ["note"],
            {"note": TEXT_SCHEMA, "paragraph": {"type": "integer", "minimum": 1}, "source": TEXT_SCHEMA},
            anyOf=[{"required": ["paragraph"]}, {"required": ["source"]}],
            description="each item needs a `paragraph` number or a `source`",
        )},
    },
))
SCHEMA["properties"]["lessons"] = {
    "type": "object",
    "description": "the actors each lesson discusses: lesson id (as in course.yaml) -> actor ids, "
                   "in the lesson's order",
    "propertyNames": {"pattern": LESSON_ID,
                      "description": "must be a lesson id, as in course.yaml: 04_actors_and_interests"},
    "additionalProperties": {
        "type": "array", "minItems": 1,
        "items": {"type": "string", "pattern": ID_PATTERN,
                  "description": "must be an actor id (lowercase letters, digits and hyphens)"},
    },
}


def _problems(raw, shown: str) -> list[Problem]:
    named = named_items(raw, "actors", "actor")
    problems = schema_check(raw, SCHEMA, shown, {"actors": "actor"}) + repeats(named, "id", shown)
    # What a schema cannot say: an alias names one actor only.
    owners: dict[str, str] = {}
    for item, entry in named:
        aliases = entry.get("aliases")
        for alias in aliases if isinstance(aliases, list) else []:
            if isinstance(alias, str) and alias in owners:
                message = (f'"{alias}" is listed twice' if owners[alias] == item
                           else f'"{alias}" already belongs to {owners[alias]}')
                problems.append(Problem(shown, entry.line_of("aliases"), item, "aliases", message))
            elif isinstance(alias, str):
                owners[alias] = item
    # ... and a lesson's list names actors that exist, each once.
    ids = {entry["id"] for _, entry in named if isinstance(entry.get("id"), str)}  # a wrong one: the schema says
    lessons = raw.get("lessons") if isinstance(raw, dict) else None
    if not isinstance(lessons, LineDict):
        return problems
    for lesson, chosen in lessons.items():
        seen: set[str] = set()
        for actor_id in chosen if isinstance(chosen, list) else []:
            if not isinstance(actor_id, str):
                continue
            if actor_id in seen:
                message = f'"{actor_id}" is listed twice'
            elif actor_id not in ids:
                message = f'"{actor_id}" is not the id of an actor in this file'
            else:
                seen.add(actor_id)
                continue
            problems.append(Problem(shown, lessons.line_of(lesson), f'lesson "{lesson}"', "actors", message))
    return problems


def load_actors(data_dir: str | Path | None = None) -> Actors:
    """Load the actors from ``actors.yaml`` in the data folder ``data_dir`` (found when ``None``).

    Raises :class:`~coursekit.errors.DataError` naming the file, the actor and the
    field of every problem.

    >>> actors = load_actors()
    >>> actors["diop"].name
    'Abdoulaye Diop'
    """
    path = data_folder(data_dir) / FILE_NAME
    raw = load_checked(path, _problems)
    actors = [
        Actor(
            id=e["id"], name=e["name"].strip(), kind=e["kind"], aliases=tuple(e["aliases"]),
            description=e["description"].strip(), stance=e.get("stance"),
            evidence=tuple(Evidence(x["note"], x.get("paragraph"), x.get("source"))
                           for x in e.get("evidence", [])),
        )
        for e in raw["actors"]
    ]
    lessons = {lesson: tuple(ids) for lesson, ids in (raw.get("lessons") or {}).items()}
    return Actors(actors, path, lessons)


def check_actors(data_dir: Path) -> list[Problem]:
    """Every problem in ``actors.yaml`` of the data folder ``data_dir`` (for ``coursekit validate``)."""
    return check_yaml(Path(data_dir) / FILE_NAME, _problems)[1]


# --- voices: who is quoted, who is only mentioned, who is never named -------------

VOICE_ROLES = ("quoted", "mentioned", "absent")
_ROLE_HEADINGS = {
    "quoted": "Quoted (their own words, in quotation marks)",
    "mentioned": "Only mentioned (talked about, never quoted)",
    "absent": "Never named in the article",
}


@dataclass(frozen=True)
class Voice:
    """One actor's place in the article: quoted, only mentioned, or absent."""

    actor_id: str
    name: str
    role: str
    paragraphs: tuple[int, ...] = ()
    quoted: int = 0

    def __str__(self) -> str:
        if self.role == "quoted":
            times = "once" if self.quoted == 1 else f"{self.quoted} times"
            return f"{self.name}: quoted {times}; named in paragraph(s) {_join(self.paragraphs)}"
        if self.role == "mentioned":
            return f"{self.name}: named in paragraph(s) {_join(self.paragraphs)}"
        return self.name


def _join(numbers: tuple[int, ...]) -> str:
    return ", ".join(map(str, numbers))


class Voices(list):
    """:class:`Voice` rows grouped as quoted, only mentioned and absent; prints well."""

    def names(self, role: str) -> list[str]:
        """The names of the actors with ``role`` ("quoted", "mentioned" or "absent")."""
        if role not in VOICE_ROLES:
            raise CourseError(f"role must be one of {', '.join(VOICE_ROLES)}, not {role!r}")
        return [v.name for v in self if v.role == role]

    def __str__(self) -> str:
        blocks = []
        for role in VOICE_ROLES:
            rows = [v for v in self if v.role == role]
            lines = [f"{_ROLE_HEADINGS[role]}: {len(rows)}"]
            lines += [f"  - {v}" for v in rows] or ["  (none)"]
            blocks.append("\n".join(lines))
        return "\n".join(blocks)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        parts = []
        for role in VOICE_ROLES:
            rows = [v for v in self if v.role == role]
            items = "".join(f"<li>{escape(str(v))}</li>" for v in rows) or "<li>(none)</li>"
            parts.append(f"<p><strong>{escape(_ROLE_HEADINGS[role])}: {len(rows)}</strong></p>"
                         f"<ul>{items}</ul>")
        return "".join(parts)


def voices(actors: Actors | None = None, mentions=None, ids=None, *, lesson: str | None = None) -> Voices:
    """Sort actors into those quoted, those only mentioned and those never named.

    In a lesson, one call does it all: ``coursekit.voices(lesson="04_actors_and_interests")``
    reads the article and the actors that lesson discusses (the ``lessons`` section of
    data/actors.yaml) and shows them in three groups.

    ``actors`` defaults to the article's actors, ``mentions`` to ``Article.mentions()``
    (rows with ``actor_id``, ``paragraphs`` and ``quoted``); ``ids`` picks the actors to show,
    in that order (default: the ``lesson``'s actors, else every actor in the file). Within
    each group the order of ``ids`` is kept.

    >>> v = voices(lesson="04_actors_and_interests")
    >>> v.names("quoted")
    ['Abdoulaye Diop', 'The US State Department']
    >>> import coursekit
    >>> art = coursekit.load_article()
    >>> v = voices(art.actors, art.mentions(), ["diop", "france", "ecowas"])
    >>> v.names("quoted"), v.names("mentioned"), v.names("absent")
    (['Abdoulaye Diop'], ['France'], ['ECOWAS'])
    """
    if actors is None or mentions is None:
        from coursekit.reading.article import load_article  # the article reads this module

        article = load_article(actors.path.parent if actors is not None and actors.path else None)
        actors = article.actors if actors is None else actors
        mentions = article.mentions() if mentions is None else mentions
    if ids is not None and lesson is not None:
        raise CourseError("give the actors' ids or a lesson, not both")
    chosen = list(actors.for_lesson(lesson) if lesson is not None
                  else actors.ids() if ids is None else ids)
    for actor_id in chosen:
        actors[actor_id]  # an unknown id raises, naming the closest ones
    seen = {m.actor_id: m for m in mentions}
    rows = []
    for aid in dict.fromkeys(chosen):  # drop repeats, keep order
        m = seen.get(aid)
        if m is None or not m.paragraphs:
            rows.append(Voice(aid, actors[aid].name, "absent"))
        else:
            role = "quoted" if m.quoted else "mentioned"
            rows.append(Voice(aid, actors[aid].name, role, tuple(m.paragraphs), m.quoted))
    rows.sort(key=lambda v: VOICE_ROLES.index(v.role))  # stable: keeps the order of ids
    return Voices(rows)
