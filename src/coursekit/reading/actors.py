"""The actors of the course (data/actors.yaml): names, aliases in the article, stances."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from coursekit.datafiles.schema import TEXT_SCHEMA, schema_problems
from coursekit.datafiles.yamlfile import LineDict, display_path, load_yaml, load_yaml_or_problems
from coursekit.errors import DataError, Problem
from coursekit.datafiles.paths import data_dir

KINDS = ("person", "government", "state", "organisation", "armed-group", "people")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


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
    """All actors, in file order; look one up with ``actors["diop"]``."""

    def __init__(self, actors: list[Actor], path: Path | None = None):
        self._by_id = {a.id: a for a in actors}
        self.path = path

    def __getitem__(self, actor_id: str) -> Actor:
        return self._by_id[actor_id]

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
        Mali's transitional government (the junta)
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


#: What data/actors.yaml must look like (checked with jsonschema).
SCHEMA = {
    "type": "object",
    "required": ["actors"],
    "properties": {"actors": {"type": "array", "items": {
        "type": "object",
        "required": ["id", "name", "kind", "aliases", "description"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": _ID.pattern,
                   "description": "must be lowercase letters, digits and hyphens (e.g. cote-divoire)"},
            "name": TEXT_SCHEMA,
            "kind": {"enum": list(KINDS)},
            "aliases": {"type": "array", "items": TEXT_SCHEMA},
            "description": TEXT_SCHEMA,
            "stance": TEXT_SCHEMA,
            "evidence": {"type": "array", "items": {
                "type": "object",
                "required": ["note"],
                "additionalProperties": False,
                "properties": {"note": TEXT_SCHEMA, "paragraph": {"type": "integer", "minimum": 1},
                               "source": TEXT_SCHEMA},
                "anyOf": [{"required": ["paragraph"]}, {"required": ["source"]}],
                "description": "each item needs a `paragraph` number or a `source`",
            }},
        },
    }}},
}


def _problems(raw, shown: str) -> list[Problem]:
    entries = raw.get("actors") if isinstance(raw, dict) else None
    problems = schema_problems(raw, SCHEMA, shown, ("actors", "actor"))
    # What a schema cannot say: ids and aliases unique across the whole file.
    ids: dict[str, int | None] = {}
    aliases: dict[str, str] = {}
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, LineDict) or not isinstance(entry.get("id"), str):
            continue
        aid = entry["id"]
        item = f'actor "{aid}"'
        if aid in ids:
            problems.append(Problem(shown, entry.line_of("id"), item, "id",
                                    f"is used twice (first at line {ids[aid]})"))
        else:
            ids[aid] = entry.line_of("id")
        for alias in entry.get("aliases") if isinstance(entry.get("aliases"), list) else []:
            if not isinstance(alias, str):
                continue
            if alias in aliases:
                owner = aliases[alias]
                message = (f'"{alias}" is listed twice' if owner == aid
                           else f'"{alias}" already belongs to actor "{owner}"')
                problems.append(Problem(shown, entry.line_of("aliases"), item, "aliases", message))
            else:
                aliases[alias] = aid
    return problems


def _load(path: Path) -> Actors:
    raw = load_yaml(path)
    problems = _problems(raw, display_path(path))
    if problems:
        raise DataError(problems)
    actors = [
        Actor(
            id=e["id"], name=e["name"].strip(), kind=e["kind"], aliases=tuple(e["aliases"]),
            description=e["description"].strip(), stance=e.get("stance"),
            evidence=tuple(Evidence(x["note"], x.get("paragraph"), x.get("source"))
                           for x in e.get("evidence", [])),
        )
        for e in raw["actors"]
    ]
    return Actors(actors, path)


def load_actors(path: str | Path | None = None) -> Actors:
    """Load the actors from ``data/actors.yaml`` (or the file ``path``).

    Raises :class:`~coursekit.errors.DataError` naming the file, the actor and the
    field of the first problem.

    >>> actors = load_actors()
    >>> actors["diop"].name
    'Abdoulaye Diop'
    """
    return _load(Path(path) if path is not None else data_dir() / "actors.yaml")


def check_actors(data: Path) -> list[Problem]:
    """Every problem in ``data/actors.yaml`` (for ``coursekit validate``)."""
    path = Path(data) / "actors.yaml"
    raw, problems = load_yaml_or_problems(path)
    return problems or _problems(raw, display_path(path))


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
            raise ValueError(f"role must be one of {', '.join(VOICE_ROLES)}, not {role!r}")
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


def voices(actors: Actors, mentions, ids=None) -> Voices:
    """Sort actors into those quoted, those only mentioned and those never named.

    ``mentions`` is what ``Article.mentions()`` returns (rows with ``actor_id``,
    ``paragraphs`` and ``quoted``); ``ids`` picks the actors to show, in that order
    (default: every actor in the file). Within each group the order of ``ids`` is kept.

    >>> import coursekit
    >>> art = coursekit.load_article()
    >>> v = voices(art.actors, art.mentions(), ["diop", "france", "ecowas"])
    >>> v.names("quoted"), v.names("mentioned"), v.names("absent")
    (['Abdoulaye Diop'], ['France'], ['ECOWAS'])
    """
    chosen = list(actors.ids() if ids is None else ids)
    unknown = [i for i in chosen if i not in actors]
    if unknown:
        raise KeyError(f"not in the actors file: {', '.join(map(repr, unknown))}; "
                       f"known ids include {', '.join(actors.ids()[:5])}, ...")
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
