"""The UN Security Council as data and rules: who votes, whether a draft passes (Art. 27), and
the real votes on Mali set beside the tallies they recorded."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from coursekit.datafiles import dates
from coursekit.datafiles.paths import data_folder
from coursekit.datafiles.schema import ID_PATTERN, TEXT_SCHEMA, record
from coursekit.datafiles.validate import check_yaml, load_checked, named_items, repeats, schema_check
from coursekit.datafiles.yamlfile import LineDict, folded
from coursekit.errors import CourseError, Problem
from coursekit.markup import TextAndTable
from coursekit.notebook import did_you_mean, suggestion

#: The four things a member can do when a draft is put to the vote.
VOTES = ("yes", "no", "abstain", "absent")
#: Affirmative votes a decision needs, substantive or procedural (UN Charter, Art. 27(2)-(3)).
VOTES_NEEDED = 9
#: Seats on the Council (UN Charter, Art. 23).
PERMANENT_SEATS = 5
ELECTED_SEATS = 10
SEATS = PERMANENT_SEATS + ELECTED_SEATS
#: The file, inside the data folder, that holds the membership and the presets.
COUNCIL_FILE = "council.yaml"

PRESET_KINDS = ("real", "hypothetical")
#: Why absence is "probably" not a veto, in the words an outcome uses.
ABSENCE_PRECEDENT = "the precedent, from 1950, was contested"
_SYMBOLS = {True: "✔", False: "✘"}


# --------------------------------------------------------------------------- values


class CouncilError(CourseError, ValueError):
    """A vote the Council's rules cannot read: an unknown member, vote or scenario. Its
    message says what exists; in a notebook it shows as one line (:mod:`coursekit.notebook`).
    It is a ``ValueError`` too, as these mistakes were before it existed."""


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
    def score(self) -> str:
        """``"13–1–1"``, as the tally would be recorded."""
        return Recorded.of(self).score

    @property
    def reason(self) -> str:
        """The verdict and why: ``"not adopted: 8 votes in favour, 9 needed"``."""
        return f"{self.verdict}: {self.explanation}"

    @property
    def symbol(self) -> str:
        """A mark for the eye beside the words: ✔ or ✘."""
        return _SYMBOLS[self.adopted]

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
        raise CouncilError(f"no member {member!r} voted in this outcome"
                           f"{suggestion(member, [m.name for m, _ in self.votes])}")

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
    (Art. 27(3)) a "no" from any permanent member is a veto. A permanent member's
    abstention is not: settled practice since 1946, confirmed by the International Court
    of Justice's Namibia opinion (1971). Its absence is probably not a veto either, but
    that precedent (the votes on Korea in 1950, during the Soviet boycott) was contested.
    On a procedural question (Art. 27(2)) there is no veto.

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
        explanation += (f"; {join_names(absent)} {verb}, and a permanent member's absence is "
                        f"probably not a veto either ({ABSENCE_PRECEDENT})")
    return Outcome(True, tally, explanation, False, (), votes)


def _vote_value(value: Any) -> str:
    """``"Yes "`` -> ``"yes"``; YAML's true/false (a bare yes/no) -> ``"yes"``/``"no"``."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, str) and value.strip().lower() in VOTES:
        return value.strip().lower()
    raise CouncilError(f"{value!r} is not a vote{suggestion(value, VOTES)}; use one of: {', '.join(VOTES)}")


@dataclass(frozen=True, kw_only=True)
class Statement:
    """What one speaker said about a vote, in their own attributed words, with its source.
    Its fields are named (keyword-only), in the order of a statement in ``data/council.yaml``."""

    speaker: str
    speaking_for: str | None = None
    words: str
    source: str
    date: str | None = None

    @property
    def who(self) -> str:
        """The speaker, for whom they spoke, and when if not on the day of the vote."""
        extra = [x for x in (self.speaking_for and f"for {self.speaking_for}",
                             self.date and f"on {dates.parse_date(self.date)}") if x]
        return self.speaker + (f" ({'; '.join(extra)})" if extra else "")

    def __str__(self) -> str:
        return f"{self.who}: {self.words} (Source: {self.source}.)"


@dataclass(frozen=True)
class Recorded:
    """The tally a real vote was recorded with: in favour, against, abstaining, the result
    and, where the source names them, the members who abstained. One type for every recorded
    vote: council.yaml's real votes and every mandate in mandates.yaml.

    >>> Recorded(13, 0, 2, abstaining=("China", "Russia")).text
    '13–0–2 (China and Russia abstaining)'
    """

    in_favour: int
    against: int
    abstentions: int
    adopted: bool = True
    abstaining: tuple[str, ...] = ()

    @classmethod
    def of(cls, outcome: Outcome) -> Recorded:
        """The tally an outcome worked out by the rules would be recorded with."""
        t = outcome.tally
        return cls(t.yes, t.no, t.abstain, outcome.adopted)

    @property
    def score(self) -> str:
        """``"13–0–2"``: in favour, against, abstaining (absent members are counted in none)."""
        return f"{self.in_favour}–{self.against}–{self.abstentions}"

    @property
    def unanimous(self) -> bool:
        return self.in_favour == SEATS

    @property
    def text(self) -> str:
        """``"15–0–0 (unanimous)"``, ``"13–0–2 (China and Russia abstaining)"`` or the score."""
        if self.unanimous:
            return f"{self.score} (unanimous)"
        if self.abstaining:
            return f"{self.score} ({join_names(self.abstaining)} abstaining)"
        return self.score

    def same_count(self, other: Recorded) -> bool:
        """Whether two records give the same numbers (names and result aside)."""
        return self.score == other.score

    def __str__(self) -> str:
        return f"{self.score}, {'adopted' if self.adopted else 'not adopted'}"


@dataclass(frozen=True)
class Preset:
    """A ready-made vote: a real vote on Mali (resolution 2690, the 2023 sanctions veto, ...),
    or a "what if".

    ``year`` is set only for a vote of another year than the Council's members: its elected
    members were others, so they are not named (ids ``elected-1`` ... ``elected-10``) and the
    simulator does not offer it.
    """

    id: str
    title: str
    real: bool  # a vote the Council held (kind: real), not a "what if"
    votes: tuple[tuple[str, str], ...]  # (member id, vote) for every member
    procedural: bool = False
    description: str = ""
    source: str | None = None
    date: str | None = None
    year: int | None = None
    drafted_by: tuple[str, ...] = ()  # member names
    statements: tuple[Statement, ...] = ()
    recorded: Recorded | None = None

    @property
    def when(self) -> str:
        """The date as a reader writes it (``"30 Jun 2023"``), or ``""``."""
        return str(dates.parse_date(self.date)) if self.date else ""

    def __str__(self) -> str:
        return self.title


_SAYS = {"yes": ("votes yes", "vote yes"), "no": ("votes no", "vote no"),
         "abstain": ("abstains", "abstain"), "absent": ("is absent", "are absent")}


def describe_votes(votes: Iterable[tuple[Member, str]]) -> str:
    """Who votes what, in one sentence: the members who do not vote like most, then the rest.

    >>> council = load_council()
    >>> describe_votes(council.decide({"Russia": "no", "China": "abstain"}).votes)
    'Russia votes no; China abstains; the other 13 members vote yes.'
    >>> describe_votes(council.decide({}).votes)
    'All 15 members vote yes.'
    """
    votes = list(votes)
    by_vote = {v: [m.name for m, x in votes if x == v] for v in VOTES}
    most = max(VOTES, key=lambda v: len(by_vote[v]))
    if len(by_vote[most]) == len(votes):
        return f"All {len(votes)} members {_SAYS[most][1]}."
    parts = [f"{join_names(names)} {_SAYS[v][0 if len(names) == 1 else 1]}"
             for v, names in by_vote.items() if v != most and names]
    rest = len(by_vote[most])
    others = f"the other member {_SAYS[most][0]}" if rest == 1 else f"the other {rest} members {_SAYS[most][1]}"
    return "; ".join(parts + [others]) + "."


@dataclass(frozen=True)
class Scenario:
    """A preset and its outcome, as lesson 03 shows it (:meth:`Council.scenario`)."""

    preset: Preset
    outcome: Outcome

    @property
    def note(self) -> str:
        """The preset's description, and its source for a real vote."""
        p = self.preset
        source = f" Source: {p.source}." if p.real and p.source else ""
        return (p.description + source).strip()

    @property
    def drafted(self) -> str:
        """``"Drafted by France and the United Arab Emirates."``, or ``""``."""
        names = [f"the {n}" if n.startswith("United ") else n for n in self.preset.drafted_by]
        return f"Drafted by {join_names(names)}." if names else ""

    @property
    def record(self) -> str:
        """For a real vote, the recorded tally and whether the rules give the same."""
        r = self.preset.recorded
        if r is None:
            return ""
        by_rules = Recorded.of(self.outcome)
        agree = r.same_count(by_rules) and r.adopted == by_rules.adopted
        same = " (the same as the rules give)" if agree else " (NOT what the rules give)"
        return f"Recorded: {r}{same}."

    def __str__(self) -> str:
        lines = [self.preset.title, self.note, self.drafted, describe_votes(self.outcome.votes),
                 str(self.outcome), self.record]
        if self.preset.statements:
            lines += ["What they said:"] + [f"- {s}" for s in self.preset.statements]
        return "\n".join(line for line in lines if line)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        e = html.escape
        note = f"<br><small>{e(self.note)}</small>" if self.note else ""
        extra = "".join(f"<p>{e(x)}</p>" for x in (self.drafted, self.record) if x)
        said = ""
        if self.preset.statements:
            items = "".join(f"<li><strong>{e(s.who)}</strong>: {e(s.words)} "
                            f"<small>(Source: {e(s.source)}.)</small></li>" for s in self.preset.statements)
            said = f"<p>What they said:</p><ul>{items}</ul>"
        return (f'<div class="coursekit-council-scenario"><p><strong>{e(self.preset.title)}</strong>'
                f"{note}</p><p>{e(describe_votes(self.outcome.votes))}</p>"
                f"{self.outcome._repr_html_()}{extra}{said}</div>")


class Scenarios(TextAndTable, list):
    """Several :class:`Scenario`, one question and its outcome each (:meth:`Council.scenarios`)."""

    def __str__(self) -> str:
        return "\n".join(f"{s.preset.title}\n  {s.outcome.symbol} {s.outcome.reason}" for s in self)

    def _repr_html_(self) -> str:
        e = html.escape
        rows = "".join(self._row([e(s.preset.title), e(describe_votes(s.outcome.votes)), _verdict_html(s.outcome)])
                       for s in self)
        return self._table(["Scenario", "Votes", "Outcome"], rows)


@dataclass(frozen=True, repr=False)
class AbstentionTable(TextAndTable):
    """The outcome of a vote as more and more elected members abstain
    (:meth:`Council.abstention_table`)."""

    preset: Preset
    rows: list[tuple[int, Outcome]]

    @property
    def heading(self) -> str:
        return (f"Starting from: {self.preset.title}. The first elected members in alphabetical "
                "order abstain (no real position is implied):")

    def __str__(self) -> str:
        return "\n".join([self.heading] + [f"{n} abstain -> {o.reason}" for n, o in self.rows])

    def _repr_html_(self) -> str:
        rows = "".join(self._row([str(n), str(o.tally.yes), _verdict_html(o)], plain=(0, 1)) for n, o in self.rows)
        return f"<p>{html.escape(self.heading)}</p>" + self._table(["Abstaining", "Votes in favour", "Outcome"], rows)


def _verdict_html(outcome: Outcome) -> str:
    """An outcome in a table cell: the symbol and verdict in bold, then why."""
    e = html.escape
    return f"<strong>{e(outcome.symbol)} {e(outcome.verdict)}</strong>: {e(outcome.explanation)}"


class RealVotes(TextAndTable, list):
    """The real votes of ``data/council.yaml``, by date: each one's tally and outcome worked
    out by Article 27 from every member's vote, beside the tally on record
    (:meth:`Council.real_votes`)."""

    heading = ("Real votes on Mali: the outcome worked out by Article 27 from each member's vote, "
               "beside the record (in favour–against–abstaining)")

    @staticmethod
    def _not_yes(s: Scenario) -> str:
        """The permanent members that did not vote yes, e.g. ``"China and Russia abstained"``."""
        parts = []
        for vote, words in (("no", "voted no"), ("abstain", "abstained"), ("absent", "were absent")):
            names = [m.name for m, v in s.outcome.votes if m.permanent and v == vote]
            if names:
                parts.append(f"{join_names(names)} {words}")
        return "; ".join(parts) or "all five voted yes"

    def __str__(self) -> str:
        return self._lines(self.heading, self, lambda s: [
            s.preset.title, f"  {s.outcome.score}, {s.outcome.symbol} {s.outcome.reason}",
            f"  Permanent members: {self._not_yes(s)}.", f"  {s.record} Source: {s.preset.source}."])

    def _repr_html_(self) -> str:
        e = html.escape
        rows = "".join(self._row([e(s.preset.when), e(s.preset.title), e(s.outcome.score), _verdict_html(s.outcome),
                                  e(self._not_yes(s)), e(s.record), f"<small>{e(s.preset.source or '')}</small>"],
                                 plain=(0, 2)) for s in self)
        return (f"<p>{e(self.heading)}:</p>"
                + self._table(["Date", "Vote on", "Tally", "Outcome (Article 27)", "Permanent members", "Record",
                               "Source"], rows))


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
        self.year = year
        self.source = source
        every = self._every = tuple(presets)
        #: The votes of these members (what the simulator offers).
        self.presets = tuple(p for p in every if not self._other_year(p))
        #: Real votes of other years: their elected members were others, so they are not named.
        self.other_years = tuple(p for p in every if self._other_year(p))

    def _other_year(self, p: Preset) -> bool:
        return p.year is not None and p.year != self.year

    def members_of(self, preset: str | Preset) -> tuple[Member, ...]:
        """The members who voted in ``preset``: these fifteen, or, for a vote of another
        year, the permanent members and ten elected members who are not named."""
        p = self.preset(preset)
        if p in self.other_years:
            return self.permanent + elected_members(p.year)
        return self.members

    def real_votes(self) -> RealVotes:
        """Every real vote of ``data/council.yaml``, by date, with its tally and outcome worked
        out by Article 27 beside the tally on record.

        >>> print(load_council().real_votes())  # doctest: +ELLIPSIS
        Real votes on Mali: ...
        Resolution 2640 (29 June 2022): MINUSMA's mandate renewed
          13–0–2, ✔ adopted: 13 votes in favour, 9 needed; China and Russia abstained, ...
        ...
        """
        real = [p for p in self._every if p.real]
        return RealVotes(self.scenario(p) for p in sorted(real, key=lambda p: p.date or ""))

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
        year = f" in {self.year}" if self.year else ""
        close = self._by_initials(str(key)) or did_you_mean(key, [m.name for m in self.members])
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        raise CouncilError(f"{key!r} is not a member of the Council{year}{hint}; the members are "
                           f"{', '.join(m.name for m in self.members)}")

    def _by_initials(self, key: str) -> list[str]:
        """Members whose initials ``key`` is: "UK", "US" or "USA", "UAE"."""
        letters = re.sub(r"[^A-Za-z]", "", key).upper()
        initials = {m.name: "".join(w[0] for w in m.name.split()).upper() for m in self.members}
        return [name for name, i in initials.items() if len(i) > 1 and letters in (i, i + "A")]

    def preset(self, key: str | Preset) -> Preset:
        """The preset whose id is ``key``."""
        if isinstance(key, Preset):
            return key
        for p in self._every:
            if p.id == key:
                return p
        ids = [p.id for p in self._every]
        raise CouncilError(f"no preset {key!r}{suggestion(key, ids)}; the scenarios (presets) are "
                           f"{', '.join(ids)}")

    def ballot(self, votes: Mapping[str, Any] | None = None,
               default: str | None = "yes") -> dict[str, str]:
        """Every member's vote as ``{member id: vote}``, in Council order.

        ``votes`` maps member ids or names to votes; members it leaves out vote
        ``default`` (``None``: leaving one out is an error).
        """
        if votes is not None and not isinstance(votes, Mapping):
            raise CouncilError('give the votes in curly brackets, member then vote, such as '
                               '{"Russia": "no", "Ghana": "abstain"}; ' f"{votes!r} is not")
        given: dict[str, str] = {}
        for key, vote in (votes or {}).items():
            given[self.member(key).id] = _vote_value(vote)
        missing = [m.name for m in self.members if m.id not in given]
        if missing and default is None:
            raise CouncilError(f"no vote given for {join_names(missing)}")
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
        if p in self.other_years:
            ballot = dict(p.votes)
            return decide(((m, ballot[m.id]) for m in self.members_of(p)), p.procedural)
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
        if not isinstance(changes, Mapping):
            raise CouncilError('give the changed votes in curly brackets, member then vote, such as '
                               '{"Russia": "no"}; ' f"{changes!r} is not")
        for key, vote in changes.items():
            member = self.member(key)
            if p in self.other_years and not member.permanent:
                raise CouncilError(f"{member.name} was not on the Council in {p.year}, when the elected "
                                   "members were others; change a permanent member's vote instead")
            ballot[member.id] = _vote_value(vote)
        procedural = p.procedural if procedural is None else procedural
        if p in self.other_years:
            return decide(((m, ballot[m.id]) for m in self.members_of(p)), procedural)
        return self.decide(ballot, default=None, procedural=procedural)

    def scenario(self, preset: str | Preset) -> "Scenario":
        """A named scenario (a preset of data/council.yaml) and its outcome: the question, how
        each member votes, and the result with its reason.

        >>> print(load_council().scenario("russia-votes-no"))
        What if Russia had voted no?
        Invented for the exercise: the real vote, but Russia votes against.
        Russia votes no; the other 14 members vote yes.
        ✘ Not adopted — vetoed by Russia, although 14 members voted in favour
        Tally (substantive vote): 14 yes, 1 no, 0 abstain, 0 absent
        """
        p = self.preset(preset)
        return Scenario(p, self.outcome_of(p))

    def scenarios(self, *presets: str | Preset) -> "Scenarios":
        """Several scenarios side by side, each with its outcome in words (default: all of them).

        >>> print(load_council().scenarios("a-permanent-member-abstains", "china-and-russia-vote-no"))
        What if China had abstained?
          ✔ adopted: 14 votes in favour, 9 needed; China abstained, and a permanent member's abstention is not a veto
        What if China and Russia had both voted no?
          ✘ not adopted: vetoed by China and Russia, although 13 members voted in favour
        """
        return Scenarios(self.scenario(p) for p in (presets or self.presets))

    def abstention_table(self, first: int = 5, last: int = 8,
                         preset: str | Preset = "resolution-2690") -> "AbstentionTable":
        """How many abstentions a draft survives: the vote of ``preset`` with ``first``, then
        ``first`` + 1, ... up to ``last`` elected members abstaining (in alphabetical order; no
        real position is implied), and the outcome of each.

        >>> print(load_council().abstention_table(6, 7))  # doctest: +ELLIPSIS
        Starting from: Resolution 2690 (30 June 2023): MINUSMA's mandate ends. ...
        6 abstain -> adopted: 9 votes in favour, 9 needed
        7 abstain -> not adopted: 8 votes in favour, 9 needed
        """
        elected = sorted(self.elected, key=lambda m: m.name)
        numbers = (first, last)
        if (any(isinstance(n, bool) or not isinstance(n, int) for n in numbers)
                or not 0 <= first <= last <= len(elected)):
            raise CouncilError(f"give two whole numbers from 0 to {len(elected)} (the elected members), "
                               f"the smaller first, such as abstention_table(5, 8); not {first!r} and {last!r}")
        p = self.preset(preset)
        rows = [(n, self.what_if(p, {m.id: "abstain" for m in elected[:n]})) for n in range(first, last + 1)]
        return AbstentionTable(p, rows)

    def __str__(self) -> str:
        year = f" in {self.year}" if self.year else ""
        return (f"The Security Council{year}: {len(self.members)} members\n"
                f"Permanent ({len(self.permanent)}): "
                f"{', '.join(m.name for m in self.permanent)}\n"
                f"Elected ({len(self.elected)}): {', '.join(m.name for m in self.elected)}")

    def __repr__(self) -> str:
        return (f"<Council {self.year or ''}: {len(self.permanent)} permanent, "
                f"{len(self.elected)} elected, {len(self.presets)} presets>")


def elected_members(year: int | None) -> tuple[Member, ...]:
    """Ten elected members who are not named, for a vote of another year than council.yaml's.

    >>> elected_members(2022)[0]
    Member(id='elected-1', name='elected member 1 (2022)', permanent=False)
    """
    return tuple(Member(f"elected-{i}", f"elected member {i} ({year})", False)
                 for i in range(1, ELECTED_SEATS + 1))


# --------------------------------------------------------------------------- the data file

_VOTE = {"anyOf": [{"enum": list(VOTES)}, {"type": "boolean"}],
         "description": 'must be a vote: "yes", "no", "abstain" or "absent"'}
#: A count of votes or of people, in any data file.
COUNT = {"type": "integer", "minimum": 0}
_STATEMENT = record(["speaker", "words", "source"], {
    "speaker": TEXT_SCHEMA,
    "speaking_for": TEXT_SCHEMA,
    "words": {**TEXT_SCHEMA, "description": "what they said: quotations in quotation marks"},
    "source": TEXT_SCHEMA,
    "date": dates.SCHEMA,
})

def recorded_schema(required: Iterable[str] = (), **more: Any) -> dict[str, Any]:
    """The schema of a recorded tally, with ``more`` fields of which ``required`` are needed:
    council.yaml's ``recorded`` (with ``adopted``), mandates.yaml's ``vote`` (with the names
    ``abstaining``)."""
    return record(["in_favour", "against", "abstentions", *required],
                  {"in_favour": COUNT, "against": COUNT, "abstentions": COUNT, **more})


def recorded_vote(d: Mapping[str, Any]) -> Recorded:
    """The :class:`Recorded` of a checked ``recorded`` or ``vote`` mapping (a resolution
    whose ``adopted`` is not given was adopted)."""
    return Recorded(d["in_favour"], d["against"], d["abstentions"], d.get("adopted", True),
                    tuple(folded(n) for n in d.get("abstaining") or ()))


#: What data/council.yaml must look like (written to data/council.schema.json).
SCHEMA = record(
    title="data/council.yaml: the Security Council's members, the real votes on Mali and the scenarios",
    required=["members"],
    properties={
        "year": {"type": "integer", "minimum": 1946, "description": "the year of this membership"},
        "source": TEXT_SCHEMA,
        "members": {"type": "array", "minItems": 1, "items": record(["id", "name", "permanent"], {
            "id": {"type": "string", "pattern": ID_PATTERN},
            "name": TEXT_SCHEMA,
            "permanent": {"type": "boolean", "description": "true for the five permanent members"},
        })},
        "presets": {"type": "array", "items": record(
            required=["id", "title"],
            properties={
                "id": {"type": "string", "pattern": ID_PATTERN},
                "title": TEXT_SCHEMA,
                "kind": {"enum": list(PRESET_KINDS), "description": "a real vote gives its date, source and record"},
                "date": dates.SCHEMA,
                "year": {"type": "integer", "minimum": 1946,
                         "description": "only for a vote of another year than the members'"},
                "description": TEXT_SCHEMA,
                "source": TEXT_SCHEMA,
                "procedural": {"type": "boolean", "description": "true for a procedural question: no veto"},
                "drafted_by": {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": ID_PATTERN}},
                "default": _VOTE,
                "votes": {"type": "object", "additionalProperties": _VOTE},
                "elected": record([], {vote: COUNT for vote in VOTES}, minProperties=1,
                                  description="for a vote of another year: how many elected members voted "
                                              "each way"),
                "recorded": recorded_schema(["adopted"], adopted={"type": "boolean"}),
                "statements": {"type": "array", "minItems": 1, "items": _STATEMENT},
            },
            # a real vote needs its date, the source that records it and the recorded tally
            **{"if": {"properties": {"kind": {"const": "real"}}, "required": ["kind"]},
               "then": {"required": ["source", "date", "recorded"]}},
        )},
    },
)


def _member(entry: LineDict) -> Member | None:
    """The member an entry of ``members`` describes, if its fields are right."""
    mid, name, permanent = entry.get("id"), entry.get("name"), entry.get("permanent")
    if isinstance(mid, str) and isinstance(name, str) and isinstance(permanent, bool):
        return Member(mid, name.strip(), permanent)
    return None


def _members(named: list[tuple[str, LineDict]]) -> list[Member]:
    """The members of the file whose fields are right, each id once."""
    found: dict[str, Member] = {}
    for _, entry in named:
        member = _member(entry)
        if member is not None:
            found.setdefault(member.id, member)
    return list(found.values())


def _another_year(entry: dict, year: Any) -> bool:
    """Whether a preset is a vote of another year than the file's members."""
    return isinstance(entry.get("year"), int) and entry["year"] != year


def _ballot(entry: dict, members: list[Member], year: Any = None) -> dict[str, str]:
    """Every member's vote in a preset (:class:`CourseError` if one has none, or not a vote).
    For a vote of another year, the permanent members' votes and the elected members of
    :func:`elected_members`, voting as the counts under ``elected`` say."""
    votes = entry.get("votes") or {}
    if not _another_year(entry, year):
        return {m.id: _vote_value(votes[m.id] if m.id in votes else entry.get("default")) for m in members}
    ballot = {m.id: _vote_value(votes[m.id] if m.id in votes else entry.get("default"))
              for m in members if m.permanent}
    counted = [vote for vote in VOTES for _ in range((entry.get("elected") or {}).get(vote, 0))]
    ballot.update((m.id, vote) for m, vote in zip(elected_members(entry["year"]), counted))
    return ballot


def _preset_problems(item: str, entry: LineDict, ids: list[str], members: list[Member] | None,
                     shown: str, year: Any = None) -> list[Problem]:
    """What a schema cannot check in a preset: its votes name members (``ids``; only the
    permanent ones in a vote of another year), every member has a vote, and the recorded
    tally is what the votes give (checked when every one of the ``members`` is right)."""
    problems = []
    votes: LineDict = entry["votes"] if isinstance(entry.get("votes"), LineDict) else LineDict()
    other = _another_year(entry, year)
    permanent = [m.id for m in members or [] if m.permanent]
    for key in votes:
        if key not in ids:
            hint = "".join(f" (did you mean {m.id}?)" for m in members or []
                           if str(key).strip().casefold() == m.name.casefold())
            problems.append(Problem(shown, votes.line_of(key), item, "votes",
                                    f"unknown member {key!r}{hint}; the member ids are {', '.join(sorted(ids))}"))
        elif other and members is not None and key not in permanent:
            problems.append(Problem(shown, votes.line_of(key), item, "votes",
                                    f"{key!r} was not on the Council in {entry['year']} as far as this file "
                                    "says: in a vote of another year name only the permanent members, and "
                                    "give the elected members' votes as counts under `elected`"))
    drafted = entry.get("drafted_by")
    for key in drafted if isinstance(drafted, list) else []:
        if isinstance(key, str) and key not in (permanent if other and members is not None else ids):
            problems.append(Problem(shown, entry.line_of("drafted_by"), item, "drafted_by",
                                    f"{key!r} is not a member{' in that year' if other else ''}; "
                                    f"the member ids are {', '.join(sorted(ids))}"))
    elected = entry.get("elected")
    if other:
        if not isinstance(elected, dict):
            problems.append(Problem(shown, entry.line, item, "elected",
                                    f"is missing: a vote of {entry['year']} gives the elected members' votes "
                                    'as counts, such as elected: {"yes": 10}'))
        elif all(isinstance(n, int) for n in elected.values()) and sum(elected.values()) != ELECTED_SEATS:
            problems.append(Problem(shown, entry.line_of("elected"), item, "elected",
                                    f"counts {sum(elected.values())} elected members; the Council has exactly "
                                    f"{ELECTED_SEATS} (UN Charter, Art. 23)"))
    elif elected is not None:
        problems.append(Problem(shown, entry.line_of("elected"), item, "elected",
                                "is only for a vote of another year (give its `year`); name the members "
                                "under `votes` instead"))
    wanted = permanent if other else ids
    missing = [i for i in wanted if i not in votes]
    if missing and "default" not in entry and not problems:
        problems.append(Problem(shown, entry.line_of("votes"), item, "votes",
                                f"no vote for {', '.join(missing)}; list them or give a `default`"))
    recorded = entry.get("recorded")
    if problems or members is None or not isinstance(recorded, LineDict):
        return problems
    try:
        ballot = _ballot(entry, members, year)
    except CouncilError:  # not a vote: the schema says so
        return problems
    voters = (tuple(m for m in members if m.permanent) + elected_members(entry["year"])) if other else members
    if any(m.id not in ballot for m in voters):
        return problems  # counts that are not whole numbers: the schema says so
    outcome = decide(((m, ballot[m.id]) for m in voters), entry.get("procedural") is True)
    computed = {"in_favour": outcome.tally.yes, "against": outcome.tally.no,
                "abstentions": outcome.tally.abstain, "adopted": outcome.adopted}
    for key, value in computed.items():
        if key in recorded and recorded[key] != value:
            problems.append(Problem(shown, recorded.line_of(key), item, f"recorded.{key}",
                                    f"the record says {recorded[key]!r} but the votes listed give {value!r}"))
    return problems


def _problems(raw: Any, shown: str) -> list[Problem]:
    problems = schema_check(raw, SCHEMA, shown, {"members": "member", "presets": "preset"})
    named = named_items(raw, "members", "member")
    presets = named_items(raw, "presets", "preset")
    problems += (repeats(named, "id", shown) + repeats(named, "name", shown, str.casefold)
                 + repeats(presets, "id", shown))
    members = _members(named)
    # Counts and tallies only when every member is right: else the schema's problems come first.
    whole = isinstance(raw, dict) and isinstance(raw.get("members"), list) and all(_member(m) for _, m in named)
    ids = list(dict.fromkeys(m["id"] for _, m in named if isinstance(m.get("id"), str)))
    if whole:  # seats: UN Charter, Art. 23
        n_perm = sum(m.permanent for m in members)
        for n, kind, seats in ((n_perm, "permanent", PERMANENT_SEATS),
                               (len(members) - n_perm, "elected", ELECTED_SEATS)):
            if n != seats:
                problems.append(Problem(shown, raw["members"].line, None, "members",
                                        f"{n} {kind} members; the Council has exactly {seats} (UN Charter, Art. 23)"))
    year = raw.get("year") if isinstance(raw, dict) else None
    for item, entry in presets:
        problems += _preset_problems(item, entry, ids, members if whole else None, shown, year)
    return problems


def _statement(d: dict) -> Statement:
    def text(key: str) -> str | None:
        return None if d.get(key) is None else folded(d[key])

    return Statement(speaker=text("speaker") or "", speaking_for=text("speaking_for"), words=text("words") or "",
                     source=text("source") or "", date=None if d.get("date") is None else str(d["date"]))


def _preset(p: dict, members: list[Member], year: Any) -> Preset:
    names = {m.id: m.name for m in members}
    recorded = p.get("recorded")
    return Preset(
        p["id"], p["title"].strip(), p.get("kind") == "real", tuple(_ballot(p, members, year).items()),
        p.get("procedural", False), folded(p.get("description") or ""),
        None if p.get("source") is None else folded(p["source"]),
        None if p.get("date") is None else str(p["date"]), p.get("year"),
        tuple(names[i] for i in p.get("drafted_by") or []),
        tuple(_statement(s) for s in p.get("statements") or []),
        None if recorded is None else recorded_vote(recorded))


def load_council(data_dir: str | Path | None = None) -> Council:
    """The Council of ``council.yaml`` in the data folder ``data_dir`` (found when ``None``).

    Raises :class:`~coursekit.errors.DataError` listing every problem of the file.

    >>> council = load_council()
    >>> len(council.members), len(council.elected)
    (15, 10)
    """
    raw = load_checked(data_folder(data_dir) / COUNCIL_FILE, _problems)
    members = _members(named_items(raw, "members", "member"))
    presets = [_preset(p, members, raw.get("year")) for p in raw.get("presets") or []]
    return Council(members, presets, raw.get("year"), raw.get("source"))


def check_council(data_dir: Path) -> list[Problem]:
    """Every problem in ``council.yaml`` of the data folder ``data_dir`` (for ``coursekit
    validate``); never raises for bad data."""
    return check_yaml(Path(data_dir) / COUNCIL_FILE, _problems)[1]
