"""The UN Security Council as data and rules: who votes, and whether a draft passes (Art. 27)."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from coursekit.datafiles.yamlfile import LineDict, LineList, display_path, load_yaml
from coursekit.errors import CourseError, DataError, DataNotFoundError, Problem

#: The four things a member can do when a draft is put to the vote.
VOTES = ("yes", "no", "abstain", "absent")
#: Affirmative votes a decision needs, substantive or procedural (UN Charter, Art. 27(2)-(3)).
VOTES_NEEDED = 9
#: Seats on the Council (UN Charter, Art. 23).
PERMANENT_SEATS = 5
ELECTED_SEATS = 10
#: The file, inside the data folder, that holds the membership and the presets.
COUNCIL_FILE = "council.yaml"

PRESET_KINDS = ("real", "hypothetical")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_MEMBER_FIELDS = ("id", "name", "permanent")
_PRESET_FIELDS = ("id", "title", "kind", "date", "description", "source", "procedural",
                  "default", "votes", "recorded")
_RECORDED_FIELDS = ("in_favour", "against", "abstentions", "adopted")
_TOP_FIELDS = ("year", "source", "members", "presets")


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class Member:
    """One seat on the Council: ``id`` (e.g. ``"russia"``), ``name``, ``permanent``."""

    id: str
    name: str
    permanent: bool

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Tally:
    """How many members voted yes, no, abstained, or were absent."""

    yes: int = 0
    no: int = 0
    abstain: int = 0
    absent: int = 0

    def as_dict(self) -> dict[str, int]:
        """The counts in the order of :data:`VOTES`, e.g. ``{"yes": 15, "no": 0, ...}``."""
        return {vote: getattr(self, vote) for vote in VOTES}

    def __str__(self) -> str:
        return ", ".join(f"{n} {vote}" for vote, n in self.as_dict().items())


def join_names(names: Iterable[str]) -> str:
    """``["China", "Russia"]`` -> ``"China and Russia"``; three or more get commas.

    >>> join_names(["China", "France", "Russia"])
    'China, France and Russia'
    """
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _in_favour(n: int) -> str:
    return f"{n} vote{'' if n == 1 else 's'} in favour, {VOTES_NEEDED} needed"


@dataclass(frozen=True)
class Outcome:
    """The result of one vote: adopted or not, the tally, and why, in words.

    ``reason`` reads like ``"not adopted: vetoed by Russia, although 14 members
    voted in favour"``; ``headline`` adds a symbol for the eye
    (``"✘ Not adopted — vetoed by Russia, ..."``), so the result never depends on
    colour alone.
    """

    adopted: bool
    tally: Tally
    explanation: str
    procedural: bool = False
    vetoed_by: tuple[str, ...] = ()
    votes: tuple[tuple[Member, str], ...] = ()

    @property
    def verdict(self) -> str:
        """``"adopted"`` or ``"not adopted"``."""
        return "adopted" if self.adopted else "not adopted"

    @property
    def reason(self) -> str:
        """The verdict and why: ``"not adopted: 8 votes in favour, 9 needed"``."""
        return f"{self.verdict}: {self.explanation}"

    @property
    def symbol(self) -> str:
        return "✔" if self.adopted else "✘"

    @property
    def headline(self) -> str:
        """``"✔ Adopted — 15 votes in favour, 9 needed; unanimous"``."""
        return f"{self.symbol} {self.verdict.capitalize()} — {self.explanation}"

    @property
    def kind(self) -> str:
        return "procedural" if self.procedural else "substantive"

    def vote_of(self, member: str) -> str:
        """The vote of ``member`` (its id or name) in this outcome."""
        key = member.strip().casefold()
        for m, vote in self.votes:
            if key in (m.id, m.name.casefold()):
                return vote
        raise ValueError(f"no member {member!r} voted in this outcome")

    def __str__(self) -> str:
        return (f"{self.headline}\n"
                f"Tally ({self.kind} vote): {self.tally}")

    def __repr__(self) -> str:
        return f"<Outcome {self.reason!r} ({self.kind}; {self.tally})>"

    def _repr_html_(self) -> str:
        e = html.escape
        state = "adopted" if self.adopted else "not-adopted"
        return (
            f'<div class="coursekit-council-outcome coursekit-council-{state}" role="status">'
            f"<strong>{e(self.symbol)} {e(self.verdict.capitalize())}</strong> — "
            f"{e(self.explanation)}<br>"
            f"<small>Tally ({e(self.kind)} vote): {e(str(self.tally))}</small></div>"
        )


def decide(votes: Iterable[tuple[Member, str]], procedural: bool = False) -> Outcome:
    """Apply UN Charter Article 27 to a list of ``(member, vote)`` pairs.

    A draft needs :data:`VOTES_NEEDED` votes in favour. On a substantive question
    (Art. 27(3)) a "no" from any permanent member is a veto; by long practice a
    permanent member's abstention, or absence, is not. On a procedural question
    (Art. 27(2)) there is no veto.

    >>> p5 = [Member(n.lower(), n, True) for n in ("China", "France", "Russia", "UK", "US")]
    >>> e10 = [Member(f"e{i}", f"E{i}", False) for i in range(10)]
    >>> votes = [(m, "no" if m.name == "Russia" else "yes") for m in p5 + e10]
    >>> decide(votes).reason
    'not adopted: vetoed by Russia, although 14 members voted in favour'
    >>> decide(votes, procedural=True).adopted
    True
    """
    votes = tuple((m, _vote_value(v)) for m, v in votes)
    counts = {vote: 0 for vote in VOTES}
    for _, vote in votes:
        counts[vote] += 1
    tally = Tally(**counts)
    yes = tally.yes
    enough = yes >= VOTES_NEEDED

    def permanent(vote: str) -> list[str]:
        return [m.name for m, v in votes if m.permanent and v == vote]

    if procedural:
        explanation = f"procedural vote, {_in_favour(yes)}"
        against = permanent("no")
        if enough and against:
            them = (f"{against[0]}'s no" if len(against) == 1
                    else f"the no votes of {join_names(against)}")
            explanation += f"; there is no veto on procedural questions, so {them} cannot block it"
        return Outcome(enough, tally, explanation, True, (), votes)

    vetoes = permanent("no")
    if vetoes:
        explanation = f"vetoed by {join_names(vetoes)}"
        if enough:
            explanation += f", although {yes} members voted in favour"
        else:
            explanation += f", and only {_in_favour(yes)}"
        return Outcome(False, tally, explanation, False, tuple(vetoes), votes)
    if not enough:
        return Outcome(False, tally, _in_favour(yes), False, (), votes)

    explanation = _in_favour(yes)
    if yes == len(votes):
        explanation += "; unanimous"
    abstained, absent = permanent("abstain"), permanent("absent")
    if abstained:
        explanation += (f"; {join_names(abstained)} abstained, and a permanent member's "
                        "abstention is not a veto")
    if absent:
        verb = "was absent" if len(absent) == 1 else "were absent"
        explanation += (f"; {join_names(absent)} {verb}, and in practice a permanent "
                        "member's absence is not a veto either")
    return Outcome(True, tally, explanation, False, (), votes)


def _vote_value(value: Any) -> str:
    """``"Yes "`` -> ``"yes"``; YAML's true/false (a bare yes/no) -> ``"yes"``/``"no"``."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, str) and value.strip().lower() in VOTES:
        return value.strip().lower()
    raise ValueError(f"{value!r} is not a vote; use one of: {', '.join(VOTES)}")


@dataclass(frozen=True)
class Preset:
    """A ready-made vote: the real vote on resolution 2690, or a "what if"."""

    id: str
    title: str
    kind: str
    votes: tuple[tuple[str, str], ...]  # (member id, vote) for every member
    procedural: bool = False
    description: str = ""
    source: str | None = None
    date: str | None = None

    @property
    def real(self) -> bool:
        return self.kind == "real"

    def __str__(self) -> str:
        return self.title


class Council:
    """The fifteen members and the presets of ``data/council.yaml``.

    >>> council = load_council()
    >>> [m.name for m in council.permanent]
    ['China', 'France', 'Russia', 'United Kingdom', 'United States']
    >>> print(council.what_if("resolution-2690", {"Russia": "no"}).reason)
    not adopted: vetoed by Russia, although 14 members voted in favour
    """

    def __init__(self, members: Iterable[Member], presets: Iterable[Preset] = (),
                 year: int | None = None, source: str | None = None):
        self.members = tuple(members)
        self.presets = tuple(presets)
        self.year = year
        self.source = source

    @property
    def permanent(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.permanent)

    @property
    def elected(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if not m.permanent)

    def member(self, key: str | Member) -> Member:
        """The member whose id or name is ``key`` (any capitalisation)."""
        if isinstance(key, Member):
            return key
        wanted = str(key).strip().casefold()
        for m in self.members:
            if wanted in (m.id, m.name.casefold()):
                return m
        raise ValueError(f"{key!r} is not a member of the Council; the members are "
                         f"{', '.join(m.name for m in self.members)}")

    def preset(self, key: str | Preset) -> Preset:
        """The preset whose id is ``key``."""
        if isinstance(key, Preset):
            return key
        for p in self.presets:
            if p.id == key:
                return p
        raise ValueError(f"no preset {key!r}; the presets are "
                         f"{', '.join(p.id for p in self.presets)}")

    def ballot(self, votes: Mapping[str, Any] | None = None,
               default: str | None = "yes") -> dict[str, str]:
        """Every member's vote as ``{member id: vote}``, in Council order.

        ``votes`` maps member ids or names to votes; members it leaves out vote
        ``default`` (``None``: leaving one out is an error).
        """
        given: dict[str, str] = {}
        for key, vote in (votes or {}).items():
            given[self.member(key).id] = _vote_value(vote)
        missing = [m.name for m in self.members if m.id not in given]
        if missing and default is None:
            raise ValueError(f"no vote given for {join_names(missing)}")
        fill = _vote_value(default) if missing else "yes"
        return {m.id: given.get(m.id, fill) for m in self.members}

    def decide(self, votes: Mapping[str, Any] | None = None, *, default: str | None = "yes",
               procedural: bool = False) -> Outcome:
        """The outcome of a vote.

        ``votes`` maps member ids or names to ``"yes"``, ``"no"``, ``"abstain"`` or
        ``"absent"``; members left out vote ``default``.

        >>> council = load_council()
        >>> council.decide({"China": "no", "Russia": "no"}).reason
        'not adopted: vetoed by China and Russia, although 13 members voted in favour'
        """
        ballot = self.ballot(votes, default)
        return decide(((m, ballot[m.id]) for m in self.members), procedural)

    def outcome_of(self, preset: str | Preset) -> Outcome:
        """The outcome of a preset, e.g. ``council.outcome_of("resolution-2690")``."""
        p = self.preset(preset)
        return self.decide(dict(p.votes), default=None, procedural=p.procedural)

    def what_if(self, preset: str | Preset, changes: Mapping[str, Any],
                procedural: bool | None = None) -> Outcome:
        """A preset with some votes changed.

        >>> council = load_council()
        >>> council.what_if("resolution-2690", {"China": "abstain"}).adopted
        True
        """
        p = self.preset(preset)
        ballot = dict(p.votes)
        for key, vote in changes.items():
            ballot[self.member(key).id] = _vote_value(vote)
        return self.decide(ballot, default=None,
                           procedural=p.procedural if procedural is None else procedural)

    def __str__(self) -> str:
        year = f" in {self.year}" if self.year else ""
        return (f"The Security Council{year}: {len(self.members)} members\n"
                f"Permanent ({len(self.permanent)}): "
                f"{', '.join(m.name for m in self.permanent)}\n"
                f"Elected ({len(self.elected)}): {', '.join(m.name for m in self.elected)}")

    def __repr__(self) -> str:
        return (f"<Council {self.year or ''}: {len(self.permanent)} permanent, "
                f"{len(self.elected)} elected, {len(self.presets)} presets>")


# --------------------------------------------------------------------------- loading


def _parse(path: Path) -> tuple[Council | None, list[Problem]]:
    """Read ``council.yaml``; return the council (None if unusable) and every problem."""
    shown = display_path(path)
    problems: list[Problem] = []

    def problem(line, item, field_, message):
        problems.append(Problem(shown, line, item, field_, message))

    try:
        doc = load_yaml(path)
    except DataError as exc:
        return None, list(exc.problems)
    except CourseError as exc:  # not found
        return None, [Problem(shown, None, None, None, str(exc).split(": ", 1)[-1])]

    if not isinstance(doc, LineDict):
        problem(getattr(doc, "line", None), None, None,
                "should be a mapping with `members:` and `presets:`")
        return None, problems
    for key in doc:
        if key not in _TOP_FIELDS:
            problem(doc.line_of(key), None, str(key),
                    f"is not a field of this file; expected {', '.join(_TOP_FIELDS)}")
    year = doc.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        problem(doc.line_of("year"), None, "year", f"{year!r} is not a year")
        year = None

    members = _parse_members(doc, problem)
    ids = {m.id for m in members}
    presets = _parse_presets(doc, members, ids, problem)
    council = Council(members, presets, year, doc.get("source"))
    return council, problems


def _parse_members(doc: LineDict, problem) -> list[Member]:
    raw = doc.get("members")
    if not isinstance(raw, LineList) or not raw:
        problem(doc.line_of("members"), None, "members",
                "should be a list of the 15 members, each with id, name and permanent")
        return []
    members: list[Member] = []
    first_id: dict[str, int | None] = {}
    first_name: dict[str, int | None] = {}
    for i, entry in enumerate(raw):
        line = raw.item_lines[i]
        if not isinstance(entry, LineDict):
            problem(line, f"member {i + 1}", None, "should be a mapping with id, name, permanent")
            continue
        mid = entry.get("id")
        item = f'member "{mid}"' if isinstance(mid, str) else f"member {i + 1}"
        bad = False
        for key in entry:
            if key not in _MEMBER_FIELDS:
                problem(entry.line_of(key), item, str(key),
                        f"is not a member field; expected {', '.join(_MEMBER_FIELDS)}")
        if not isinstance(mid, str) or not _ID.match(mid):
            problem(entry.line_of("id"), item, "id",
                    f"{mid!r} should be lower case letters, digits and hyphens, e.g. united-kingdom"
                    if "id" in entry else "is missing")
            bad = True
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            problem(entry.line_of("name"), item, "name",
                    "should be the member's name" if "name" in entry else "is missing")
            bad = True
        permanent = entry.get("permanent")
        if not isinstance(permanent, bool):
            problem(entry.line_of("permanent"), item, "permanent",
                    f"{permanent!r} should be true or false" if "permanent" in entry
                    else "is missing (true or false)")
            bad = True
        if isinstance(mid, str):
            if mid in first_id:
                problem(entry.line_of("id"), item, "id",
                        f"this member appears twice (first on line {first_id[mid]})")
                bad = True
            else:
                first_id[mid] = entry.line_of("id")
        if isinstance(name, str):
            folded = name.strip().casefold()
            if folded in first_name:
                problem(entry.line_of("name"), item, "name",
                        f"{name!r} appears twice (first on line {first_name[folded]})")
                bad = True
            else:
                first_name[folded] = entry.line_of("name")
        if not bad:
            members.append(Member(mid, name.strip(), permanent))

    n_perm = sum(1 for m in members if m.permanent)
    n_elected = len(members) - n_perm
    if n_perm != PERMANENT_SEATS:
        problem(raw.line, None, "members",
                f"{n_perm} permanent members; the Council has exactly {PERMANENT_SEATS} "
                "(UN Charter, Art. 23)")
    if n_elected != ELECTED_SEATS:
        problem(raw.line, None, "members",
                f"{n_elected} elected members; the Council has exactly {ELECTED_SEATS} "
                "(UN Charter, Art. 23)")
    return members


def _parse_presets(doc: LineDict, members: list[Member], ids: set[str], problem) -> list[Preset]:
    raw = doc.get("presets")
    if raw is None:  # presets are optional: the simulator works without them
        return []
    if not isinstance(raw, LineList):
        problem(doc.line_of("presets"), None, "presets", "should be a list of presets")
        return []
    presets: list[Preset] = []
    seen: dict[str, int | None] = {}
    for i, entry in enumerate(raw):
        line = raw.item_lines[i]
        if not isinstance(entry, LineDict):
            problem(line, f"preset {i + 1}", None, "should be a mapping with id, title, votes")
            continue
        pid = entry.get("id")
        item = f'preset "{pid}"' if isinstance(pid, str) else f"preset {i + 1}"
        bad = False
        for key in entry:
            if key not in _PRESET_FIELDS:
                problem(entry.line_of(key), item, str(key),
                        f"is not a preset field; expected {', '.join(_PRESET_FIELDS)}")
        if not isinstance(pid, str) or not _ID.match(pid):
            problem(entry.line_of("id"), item, "id",
                    f"{pid!r} should be lower case letters, digits and hyphens"
                    if "id" in entry else "is missing")
            bad = True
        elif pid in seen:
            problem(entry.line_of("id"), item, "id",
                    f"this preset appears twice (first on line {seen[pid]})")
            bad = True
        else:
            seen[pid] = entry.line_of("id")
        title = entry.get("title")
        if not isinstance(title, str) or not title.strip():
            problem(entry.line_of("title"), item, "title",
                    "should be a short text" if "title" in entry else "is missing")
            bad = True
        kind = entry.get("kind", "hypothetical")
        if kind not in PRESET_KINDS:
            problem(entry.line_of("kind"), item, "kind",
                    f"{kind!r} should be one of: {', '.join(PRESET_KINDS)}")
            bad = True
        source = entry.get("source")
        if kind == "real" and not (isinstance(source, str) and source.strip()):
            problem(entry.line_of("source"), item, "source",
                    "a real vote needs the source that records it, e.g. a UN press release")
            bad = True
        for text_field in ("description", "source", "date"):
            value = entry.get(text_field)
            if value is not None and not isinstance(value, str):
                if text_field == "date" and hasattr(value, "isoformat"):
                    continue
                problem(entry.line_of(text_field), item, text_field, "should be text")
                bad = True
        procedural = entry.get("procedural", False)
        if not isinstance(procedural, bool):
            problem(entry.line_of("procedural"), item, "procedural",
                    f"{procedural!r} should be true or false")
            bad = True

        default = entry.get("default")
        if default is not None:
            try:
                default = _vote_value(default)
            except ValueError:
                problem(entry.line_of("default"), item, "default",
                        f"{default!r} is not a vote; use one of: {', '.join(VOTES)}")
                bad = True
                default = None
        votes = entry.get("votes", {})
        ballot: dict[str, str] = {}
        if votes is None:
            votes = {}
        if not isinstance(votes, LineDict) and votes != {}:
            problem(entry.line_of("votes"), item, "votes",
                    "should map member ids to votes, e.g. {russia: \"no\"}")
            bad = True
            votes = {}
        for key, value in votes.items():
            vline = votes.line_of(key) if isinstance(votes, LineDict) else line
            if key not in ids:
                hint = ""
                for m in members:
                    if str(key).strip().casefold() == m.name.casefold():
                        hint = f" (did you mean {m.id}?)"
                problem(vline, item, "votes",
                        f"unknown member {key!r}{hint}; the member ids are {', '.join(sorted(ids))}")
                bad = True
                continue
            try:
                ballot[key] = _vote_value(value)
            except ValueError:
                problem(vline, item, "votes",
                        f"{key}: {value!r} is not a vote; use one of: {', '.join(VOTES)}")
                bad = True
        missing = [m.id for m in members if m.id not in ballot]
        if missing and default is None and not bad:
            problem(entry.line_of("votes") if "votes" in entry else entry.line, item, "votes",
                    f"no vote for {', '.join(missing)}; list them or give a `default`")
            bad = True
        if bad:
            continue
        full = tuple((m.id, ballot.get(m.id, default)) for m in members)
        date = entry.get("date")
        preset = Preset(pid, title.strip(), kind, full, procedural,
                        " ".join(str(entry.get("description") or "").split()),
                        source, None if date is None else str(date))
        if "recorded" in entry:
            _check_recorded(entry, item, preset, members, problem)
        presets.append(preset)
    return presets


def _check_recorded(entry: LineDict, item: str, preset: Preset, members: list[Member],
                    problem) -> None:
    rec = entry["recorded"]
    line = entry.line_of("recorded")
    if not isinstance(rec, LineDict):
        problem(line, item, "recorded",
                "should be a mapping: {in_favour: 15, against: 0, abstentions: 0, adopted: true}")
        return
    for key in rec:
        if key not in _RECORDED_FIELDS:
            problem(rec.line_of(key), item, f"recorded.{key}",
                    f"is not a field of a recorded vote; expected {', '.join(_RECORDED_FIELDS)}")
    by_id = {m.id: m for m in members}
    outcome = decide(((by_id[i], v) for i, v in preset.votes), preset.procedural)
    computed = {"in_favour": outcome.tally.yes, "against": outcome.tally.no,
                "abstentions": outcome.tally.abstain, "adopted": outcome.adopted}
    for key, value in computed.items():
        if key not in rec:
            continue
        got = rec[key]
        valid = isinstance(got, bool) if key == "adopted" else (
            isinstance(got, int) and not isinstance(got, bool))
        if not valid:
            problem(rec.line_of(key), item, f"recorded.{key}",
                    f"{got!r} should be {'true or false' if key == 'adopted' else 'a number'}")
        elif got != value:
            problem(rec.line_of(key), item, f"recorded.{key}",
                    f"the record says {got!r} but the votes listed give {value!r}")


def check_council(data_dir: Path) -> list[Problem]:
    """Every problem in ``data_dir/council.yaml`` (for ``coursekit validate``); never raises
    for bad data."""
    _, problems = _parse(Path(data_dir) / COUNCIL_FILE)
    return problems


def load_council(data: str | Path | None = None) -> Council:
    """The Council of ``data/council.yaml`` (``data``: the data folder; found if None).

    Raises :class:`~coursekit.errors.DataError` listing every problem of the file.

    >>> council = load_council()
    >>> len(council.members), len(council.elected)
    (15, 10)
    """
    if data is None:
        from coursekit.datafiles.paths import data_dir

        data = data_dir()
    path = Path(data) / COUNCIL_FILE
    if not path.is_file():
        raise DataNotFoundError(f"{display_path(path)}: file not found")
    council, problems = _parse(path)
    if problems or council is None:
        raise DataError(problems)
    return council
