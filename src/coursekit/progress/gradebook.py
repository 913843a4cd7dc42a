"""A class's answer exports, regraded against the course's own banks, as one gradebook.

An export (:mod:`coursekit.progress.export`, or the same JSON written by the course's
web edition) is the student's claim. Nothing in it is believed but the answers (and,
within each question's rules, the try count):

- every saved answer is graded again with the widgets' own code
  (:func:`coursekit.quizzes.questions.submit`), against the question in this course's
  bank; points and totals come from the banks only, so no file can change the
  class-wide "out of";
- a claimed score that differs from the regraded one is reported (and ignored);
- answers to banks or questions the course does not have are ignored and reported;
- numbers that are not finite (``NaN``, ``Infinity``) or not what they should be
  (a try count of ``1.5``, points of ``1e6``) are reported; the rest of the file is
  still graded;
- an export of another course (its ``course`` id is not ``data/course.yaml``'s ``id``)
  is refused;
- written answers (questions that are not graded, e.g. reflections) are listed for
  marking with their rubric, in a second CSV; every flag goes to a third, and the
  printed report (:meth:`Gradebook.report`) gives one line each, naming the file and
  the question.

**Tries.** An export keeps, for each question, the last answer checked and the number
of tries (``tries``), not every try. The try count is the student's word: it cannot be
checked, and the only thing it changes is the penalty for earlier wrong tries. The
answer is regraded as try number ``tries`` (so the penalty is the one the widget
applied: ``points * max(0, credit - penalty * (tries - 1))``). A count that is not a
whole number from 1 up is reported and taken as the question's last allowed try (the
largest penalty the widget could have applied: a count that cannot be read never earns
more than an honest one); a count above the question's ``tries`` is reported and
capped to it. A student editing the count down gains at most the penalty, never more
than the points of an answer that is right; since the export keeps only the last
answer, a student whose best try was an earlier one is graded on the last (and the
claimed score is reported as differing). A bank marked ``summative`` (the web edition
records its answers without grading them, and every save counts as a try) is graded
as the first try: its students saw no feedback to learn from.

**Who is who.** A student id (random, kept in the progress file) is the identity; a
name is only a label anyone can type. Exports with the same id are one student, and so
are exports linked by ``aliases`` (a session that brought an earlier one back), unless
both carry different names. Each question then counts the best regraded score among
that student's exports (the widgets keep a question's best try too), so adding a file
can only add to a student's own row. Two students with the same name and different
ids keep two rows, both reported: a file claiming someone's name (with any
``exported`` time) never replaces or changes their row.

From the command line (``coursekit grade exports/*.json --out grades.csv``) or::

    grade_exports(["ana.json", "ben.json"], "grades.csv")
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from coursekit.datafiles.paths import LINK_LOOP, SpecialFileError, read_regular
from coursekit.datafiles.yamlfile import display_path
from coursekit.errors import AnswerError, CourseError
from coursekit.progress.export import EXPORT_FORMAT, EXPORT_VERSION, MAX_BYTES
from coursekit.progress.store import (
    _CONTROL as _NAME_CONTROL,
    NAME_MAX,
    check_writable,
    clean_name,
    draft_only,
    finite,
    name_key,
    write_file,
)
from coursekit.quizzes import questions as qm
from coursekit.quizzes.review import REVIEW_BANK, candidates, reviewed_banks

#: The output formats: this course's own CSV, and the grade-import CSVs of two LMSs.
FORMATS = ("csv", "moodle", "canvas")
#: The longest student id kept; a longer one is cut (and reported).
ID_MAX = 100
#: At most this many flags are printed per file; the flags CSV holds them all.
PRINTED_PER_FILE = 8
_EPS = 1e-6


@dataclass(frozen=True)
class Flag:
    """One thing reported about one export: the file, where in it, and what.

    >>> print(Flag("ana.json", 'bank 01, question "veto"', "claims 1 point, regraded 0"))
    ana.json: bank 01, question "veto": claims 1 point, regraded 0
    """

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        return ": ".join(p for p in (self.file, self.where, self.message) if p)


@dataclass
class Written:
    """A written answer for the instructor to mark."""

    bank: str
    question: qm.Question
    answer: str
    saved: str
    tries: int


@dataclass
class Regraded:
    """One export, regraded. ``scores`` holds the regraded score of each answered
    question, by (bank id, question id); ``refused`` is true when nothing was graded."""

    file: str
    student: str = ""
    name: str | None = None
    aliases: tuple[str, ...] = ()
    exported: str = ""
    scores: dict[tuple[str, str], float] = field(default_factory=dict)
    written: dict[tuple[str, str], Written] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)
    refused: bool = False

    def flag(self, where: str, message: str) -> None:
        self.flags.append(Flag(self.file, where, message))

    @property
    def when(self) -> datetime:
        return _moment(self.exported)


@dataclass
class StudentRow:
    """One row of the gradebook: one student's exports joined."""

    student: str
    name: str | None
    files: list[str]
    exported: str
    scores: dict[tuple[str, str], float]
    written: dict[tuple[str, str], Written]
    flags: int = 0

    def bank_score(self, bank: Any) -> float:
        return sum(self.scores.get((bank.id, q.id), 0.0) for q in bank.questions)

    def answered(self) -> int:
        return len(self.scores) + len(self.written)


@dataclass
class Gradebook:
    """What :func:`grade_exports` did: the rows, every flag, the files written."""

    rows: list[StudentRow]
    flags: list[Flag]
    files: int
    written_to: list[str]
    out_of: float

    def report(self) -> str:
        """The short printed report: what was written, then at most
        :data:`PRINTED_PER_FILE` flags per file (the flags CSV holds them all)."""
        n = len(self.rows)
        lines = [f"graded {n} student{'s' if n != 1 else ''} from {self.files} "
                 f"file{'s' if self.files != 1 else ''} (out of {_num(self.out_of)} points) into "
                 + ", ".join(self.written_to)]
        if not self.flags:
            return "\n".join(lines + ["nothing to report"])
        lines.append(f"{len(self.flags)} flag{'s' if len(self.flags) != 1 else ''}:")
        shown: dict[str, int] = {}
        for f in self.flags:
            shown[f.file] = shown.get(f.file, 0) + 1
            if shown[f.file] <= PRINTED_PER_FILE:
                lines.append(f"  {f}")
        for file, count in shown.items():
            if count > PRINTED_PER_FILE:
                lines.append(f"  {file}: … and {count - PRINTED_PER_FILE} more (see {self.written_to[-1]})")
        return "\n".join(lines)

    __str__ = report


def _moment(text: str) -> datetime:
    """An ISO time as Python or a browser writes it (``…Z``); the earliest time if unreadable."""
    try:
        moment = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except (ValueError, TypeError):
        return datetime.min.replace(tzinfo=timezone.utc)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _num(x: float) -> str:
    """A score as the CSV writes it: at most 4 decimals, never an exponent.

    >>> _num(6.5), _num(1/3), _num(100.0)
    ('6.5', '0.3333', '100')
    """
    text = f"{round(x, 4):.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _shown_number(value: Any) -> str:
    """A claimed value as a message quotes it (short)."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, float):
        text = f"{value:g}"
    else:
        try:
            text = json.dumps(value, ensure_ascii=False)
        except (ValueError, RecursionError):  # an int too long to print, a list nested too deep
            text = "a value that cannot be shown"
    return text if len(text) <= 30 else text[:29] + "…"


def _parse_int(text: str) -> Any:
    # A 5,000-digit number would make int() refuse the whole file: read it as a float
    # (infinite), which is then reported like any other number that is not finite.
    return int(text) if len(text) <= 30 else float(text)


def _read_json(path: Path) -> tuple[Any, str | None]:
    """The document at ``path`` or (None, why not), never a hang or a traceback."""
    try:
        raw = read_regular(path, MAX_BYTES + 1)  # never opens a FIFO or a device
    except FileNotFoundError:
        return None, "file not found"
    except SpecialFileError as exc:
        if exc.kind == LINK_LOOP:
            return None, f"cannot be read ({exc.kind})"
        return None, f"is not a regular file ({exc.kind}); not read"
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror})"
    if len(raw) > MAX_BYTES:
        return None, f"is over {MAX_BYTES // 1_000_000} MB; an export is well under 1 MB, not read"
    try:
        return json.loads(raw.decode("utf-8-sig"), parse_int=_parse_int), None
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return None, f"is not a readable JSON export ({type(exc).__name__})"


# -- one answer -----------------------------------------------------------------


def _tries(question: qm.Question, record: dict, flag: Any) -> int:
    """The try the answer is graded as (see the module's docstring)."""
    claimed: Any = record.get("tries")
    last = max(1, question.max_tries)
    if not finite(claimed) or claimed != int(claimed) or claimed < 1:
        flag(f"try count {_shown_number(claimed)} is not a whole number from 1 up; "
             f"graded as the last allowed try ({last})")
        return last
    if claimed > last:
        flag(f"claims {int(claimed)} tries, the question allows {last}; graded as try {last}")
        return last
    return int(claimed)


def regrade_answer(question: qm.Question, record: dict, flag: Any = None, *, summative: bool = False) -> float:
    """The score the widgets give the saved answer in ``record`` (checked as try number
    ``record["tries"]``, or as the first try in a ``summative`` bank; see the module
    docstring), with the widgets' own code. ``flag(message)`` is called for each thing
    to report.

    >>> q = qm.NumericQuestion(id="paras", type="numeric", prompt="How many paragraphs?",
    ...                        answer=25, tolerance=0, hints=("Count.",), explanation="Count them.")
    >>> regrade_answer(q, {"answer": "25", "tries": 1}), regrade_answer(q, {"answer": "25", "tries": 2})
    (1.0, 0.75)
    >>> regrade_answer(q, {"answer": "x", "tries": 1, "score": 1})
    0.0
    >>> regrade_answer(q, {"answer": "24", "tries": 3, "best": {"answer": "25", "try": 2}})  # the best try counts
    0.75
    """
    notes: list[str] = []
    report = flag if flag is not None else notes.append
    # A written answer is saved again at every edit (each save counts a try) and earns
    # no points: its count changes nothing and is not checked.
    tries = _tries(question, record, report) if question.graded and not summative else 1
    score = _score_of(question, record.get("answer"), tries, report)
    best = record.get("best")
    if question.graded and not summative and isinstance(best, dict):
        # The quiz keeps the best try; the export names it when it was not the last.
        at = best.get("try")
        if isinstance(at, int) and not isinstance(at, bool) and 1 <= at <= tries:
            score = max(score, _score_of(question, best.get("answer"), at, report, "best try's "))
        else:
            report(f"its best try is numbered {_shown_number(at)}, not 1 to {tries}; ignored")
    return score if question.graded else 0.0


def _score_of(question: qm.Question, answer: Any, at: int, report: Any, which: str = "") -> float:
    """The score ``answer`` earns as try number ``at``, by the widgets' own code."""
    state = qm.QuestionState(tries=at - 1)
    outcome = qm.submit(question, state, answer)  # never raises: a wrong shape is an outcome
    if not outcome.counted:
        report(f"{which}answer cannot be graded ({outcome.message.rstrip('.')})")
        return 0.0
    return state.score


# -- one export -----------------------------------------------------------------


def regrade_export(path: str | os.PathLike, banks: Iterable[Any], course: str | None) -> Regraded:
    """Read one export and regrade every answer in it against ``banks`` (objects with
    ``.id`` and ``.questions``, e.g. :func:`coursekit.quizzes.bank.load_all_banks`) of the
    course whose id is ``course``. Never raises for what the file holds: everything
    wrong is a :class:`Flag` in the result (``refused`` when nothing could be graded)."""
    p = Path(path)
    result = Regraded(display_path(p))
    doc, why = _read_json(p)
    if why is not None:
        result.flag("", why)
        result.refused = True
        return result
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        result.flag("", f'is not a coursekit answers export (no "format": "{EXPORT_FORMAT}")')
        result.refused = True
        return result
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= EXPORT_VERSION:
        result.flag("version", f"{_shown_number(version)} is not an export version this coursekit "
                               f"reads (1 to {EXPORT_VERSION})")
        result.refused = True
        return result
    claimed_course = doc.get("course")
    if claimed_course is None:
        result.flag("course", "the file names no course (an older export?); graded against this course")
    elif claimed_course != course:
        result.flag("course", f"is an export of another course ({_shown_number(claimed_course)}, "
                              f"not {_shown_number(course)}); not graded")
        result.refused = True
        return result
    _identity(doc, result)
    banks = list(banks)  # read twice: any iterable will do
    by_id = {b.id: b for b in banks}
    saved = doc.get("banks")
    if not isinstance(saved, dict):
        result.flag("banks", "missing or damaged; nothing to grade")
        return result
    for bank, entry, where in _known(saved, by_id, result, "bank", "a bank of this course"):
        _regrade_bank(bank, entry, result, where, _drawn(bank, banks))
    return result


def _drawn(bank: Any, banks: Sequence[Any]) -> dict[str, Any]:
    """The questions the review quiz may draw from the lessons' banks (saved under the review
    bank's id beside its own), or none for any other bank."""
    if bank.id != REVIEW_BANK:
        return {}
    return {q.id: q for b in reviewed_banks(banks) for q in candidates(b)}


def _known(saved: dict, known: dict, result: Regraded, noun: str, what: str,
           within: str = "") -> Iterator[tuple[Any, dict, str]]:
    """``(thing, entry, where)`` for each entry of ``saved`` whose key names one of ``known``
    and whose value is a mapping; every other entry is flagged and left out."""
    for key, entry in saved.items():
        where = f"{within}{noun} {_shown_number(key)}"
        thing = known.get(key)
        if thing is None:
            result.flag(where, f"not {what}; ignored")
        elif not isinstance(entry, dict):
            result.flag(where, "damaged (not a mapping); ignored")
        else:
            yield thing, entry, where


# What cannot stand in an id: the characters a name loses, but a byte order mark, which
# the id (never printed as text) keeps.
_CONTROL = re.compile(_NAME_CONTROL.pattern.replace("\ufeff", ""))


def _identity(doc: dict, result: Regraded) -> None:
    student = doc.get("student")
    if isinstance(student, str) and _CONTROL.search(student):
        result.flag("student", "the id holds control characters; shown with ? in their place")
        student = _CONTROL.sub("?", student)
    if not isinstance(student, str) or not student.strip():
        result.flag("student", "the file has no student id; given a row of its own")
        student = f"(no id: {result.file})"
    elif len(student) > ID_MAX:
        result.flag("student", f"the id is {len(student)} characters long; cut to {ID_MAX}")
        student = student[:ID_MAX]
    result.student = student
    name = doc.get("name")
    if isinstance(name, str) and name.strip():
        try:
            result.name = clean_name(name) or None
        except AnswerError:
            result.flag("name", "is too long; cut")
            result.name = clean_name(name[:NAME_MAX])
    elif name is not None:
        result.flag("name", f"{_shown_number(name)} is not a name; ignored")
    aliases = doc.get("aliases", [])
    if isinstance(aliases, list):
        result.aliases = tuple(_CONTROL.sub("?", a)[:ID_MAX] for a in aliases
                               if isinstance(a, str) and a.strip() and a != student)
    else:
        result.flag("aliases", "is not a list of ids; ignored")
    exported = doc.get("exported")
    if isinstance(exported, str) and _moment(exported).year > 1:
        result.exported = exported
    else:
        result.flag("exported", f"{_shown_number(exported)} is not a time; ignored")


def _regrade_bank(bank: Any, entry: dict, result: Regraded, where: str, drawn: dict[str, Any]) -> None:
    """Regrade one bank's answers. ``drawn``: questions of other banks this one may hold
    (the review's), regraded so a false claim is flagged, but practice: they add nothing
    to the grade, as they add nothing to the bank's score in the quiz."""
    questions = {**drawn, **{q.id: q for q in bank.questions}}
    own = {q.id for q in bank.questions}
    # A summative bank's answers were saved ungraded: its scores (0) are no claim.
    summative = bool(getattr(bank, "summative", False))
    claimed_points: Any = entry.get("points")
    if "points" in entry and not (finite(claimed_points) and abs(claimed_points - bank.points) < _EPS):
        result.flag(where, f"claims {_shown_number(claimed_points)} points; the bank has "
                           f"{_num(bank.points)} (the bank's points count)")
    answers = entry.get("answers", {})
    if not isinstance(answers, dict):
        result.flag(where, "its answers are damaged (not a mapping); ignored")
        answers = {}
    total = 0.0
    differs = False
    for question, record, q_where in _known(answers, questions, result, "question", "a question of this bank",
                                            within=f"{where}, "):
        if draft_only(record) or (record.get("answer") is None and not record.get("tries")):
            continue  # typed, never saved as an answer: nothing to grade
        notes: list[str] = []
        score = regrade_answer(question, record, notes.append, summative=summative)
        if not question.graded and question.id in own:
            for note in notes:
                result.flag(q_where, note)
            result.written[(bank.id, question.id)] = Written(bank.id, question, _text(record.get("answer")),
                                                     str(record.get("saved", ""))[:40],
                                                     int(record["tries"]) if finite(record.get("tries")) else 0)
            continue
        if question.id in own:
            result.scores[(bank.id, question.id)] = score
            total += score
        # One line per question: what the regrade noticed, then the claim it contradicts.
        claimed: Any = record.get("score")
        if not summative and "score" in record and not finite(claimed):
            notes.append(f"claimed score {_shown_number(claimed)} is not a number")
        elif not summative and finite(claimed) and abs(claimed - score) > _EPS:
            notes.append(f"claims {_shown_number(claimed)}")
        if notes:
            result.flag(q_where, "; ".join(notes) + f"; regraded {_num(score)}/{_num(question.points)}")
            differs = differs or "score" in record
    claimed_score: Any = entry.get("score")
    if summative:
        return
    if "score" in entry and not finite(claimed_score):
        result.flag(where, f"claimed score {_shown_number(claimed_score)} is not a number; "
                           f"regraded {_num(total)}/{_num(bank.points)}")
    elif finite(claimed_score) and abs(claimed_score - total) > _EPS and not differs:
        result.flag(where, f"claims a score of {_shown_number(claimed_score)}, regraded "
                           f"{_num(total)}/{_num(bank.points)}")


def _text(answer: Any) -> str:
    if isinstance(answer, str):
        return answer
    return "" if answer is None else json.dumps(answer, ensure_ascii=False)


@dataclass
class ExportSummary:
    """One export regraded, per bank (what :func:`read_export` returns)."""

    student: str
    name: str | None
    scores: dict[str, float]
    answers: dict[str, int]
    flags: list[Flag]

    @property
    def answered(self) -> int:
        return sum(self.answers.values())


def read_export(path: str | os.PathLike, data_dir: str | os.PathLike | None = None) -> ExportSummary:
    """One export regraded against the course (``data_dir``: its data folder, found when
    ``None``): the regraded score and the number of answers (written ones included) of
    every bank, and every flag. :class:`~coursekit.errors.CourseError` naming the file if
    it cannot be graded at all (not an export, another course's)."""
    from coursekit.course import load_course
    from coursekit.quizzes.bank import load_all_banks

    banks = load_all_banks(data_dir)
    result = regrade_export(path, banks, load_course(data_dir).id)
    if result.refused:
        raise CourseError(str(result.flags[0]))
    scores = {b.id: sum(result.scores.get((b.id, q.id), 0.0) for q in b.questions) for b in banks}
    answers = {b.id: sum(1 for q in b.questions if (b.id, q.id) in result.scores or (b.id, q.id) in result.written)
               for b in banks}
    return ExportSummary(result.student, result.name, scores, answers, result.flags)


# -- students -------------------------------------------------------------------


def group_exports(exports: list[Regraded]) -> list[list[Regraded]]:
    """The exports grouped by student: the same student id, or an id one lists among its
    ``aliases`` (unless the two carry different names). A name alone never joins two
    exports.

    >>> a = Regraded("a.json", "s-1", "Ana Díaz")
    >>> b = Regraded("b.json", "s-2", "ana diaz", aliases=("s-1",))
    >>> c = Regraded("c.json", "s-3", "Ana Díaz")
    >>> d = Regraded("d.json", "s-4", "Ben", aliases=("s-3",))
    >>> [[r.file for r in g] for g in group_exports([a, b, c, d])]
    [['a.json', 'b.json'], ['c.json'], ['d.json']]
    """
    parent = list(range(len(exports)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_id: dict[str, list[int]] = {}
    for i, r in enumerate(exports):
        by_id.setdefault(r.student, []).append(i)
    for ids in by_id.values():
        for i in ids[1:]:
            parent[root(i)] = root(ids[0])
    for i, r in enumerate(exports):
        for alias in r.aliases:
            for j in by_id.get(alias, []):
                other = exports[j]
                if r.name and other.name and name_key(r.name) != name_key(other.name):
                    r.flag("aliases", f"lists the session of {other.file} (named “{other.name}”, not "
                                      f"“{r.name}”) as its own earlier session; not joined")
                    continue
                parent[root(i)] = root(j)
    groups: dict[int, list[Regraded]] = {}
    for i, r in enumerate(exports):
        groups.setdefault(root(i), []).append(r)
    return list(groups.values())


def join_exports(group: list[Regraded]) -> StudentRow:
    """One student's exports as one row: each question's best regraded score; each written
    answer from the latest export holding it; the id of the earliest export (a session that
    brings an earlier one back takes its id, so adding a later file never changes a row's
    id) and the latest name saved."""
    ordered = sorted(group, key=lambda r: r.when)
    latest = ordered[-1]
    name = next((r.name for r in reversed(ordered) if r.name), None)
    scores: dict[tuple[str, str], float] = {}
    written: dict[tuple[str, str], Written] = {}
    for r in ordered:
        for key, score in r.scores.items():
            scores[key] = max(score, scores.get(key, 0.0))
        written.update(r.written)
    return StudentRow(ordered[0].student, name, [r.file for r in ordered], latest.exported, scores, written,
                      sum(len(r.flags) for r in ordered))


def _note_shared_names(groups: list[list[Regraded]], rows: list[StudentRow]) -> None:
    """Report rows that carry the same name with different ids, and groups joined by an id
    whose files carry different names."""
    by_name: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        if row.name and name_key(row.name):
            by_name.setdefault(name_key(row.name), []).append(i)
    for indices in by_name.values():
        if len(indices) < 2:
            continue
        for i in indices:
            others = "; ".join(f"{rows[j].student} ({', '.join(rows[j].files)})" for j in indices if j != i)
            first = groups[i][-1]
            first.flag("name", f"“{rows[i].name}” is also the name on another student id: {others}; "
                               "kept as separate rows, check which is whose")
            rows[i].flags += 1
    for i, group in enumerate(groups):
        names = sorted({r.name for r in group if r.name}, key=name_key)
        if len({name_key(n) for n in names}) > 1:
            group[-1].flag("name", " and ".join(f"“{n}”" for n in names)
                           + f" share the student id {rows[i].student} and were given one row; check")
            rows[i].flags += 1


# -- output ---------------------------------------------------------------------


def _cell(value: object) -> str:
    # A cell starting with = + - @ (or a tab or CR) would run as a formula in a spreadsheet.
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def read_roster(path: str | os.PathLike) -> dict[str, dict[str, str]]:
    """The class list for the LMS formats: a CSV with a ``name`` column (the names students
    saved with ``coursekit.my_name()``) and the LMS's identifier columns (``Email
    address``/``ID number``/``Username`` for Moodle; ``ID``/``SIS User ID``/``SIS Login ID``/
    ``Section`` for Canvas), by :func:`~coursekit.progress.store.name_key` of the name."""
    p = Path(path)
    shown = display_path(p)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
        raise CourseError(f"{shown}: the roster cannot be read ({reason})") from None
    reader = csv.DictReader(io.StringIO(text))
    fields = {f.strip().casefold(): f for f in reader.fieldnames or []}
    if "name" not in fields:
        raise CourseError(f"{shown}: the roster needs a 'name' column (it has: {', '.join(fields) or 'none'})")
    out: dict[str, dict[str, str]] = {}
    for row in reader:
        key = name_key(row.get(fields["name"]) or "")
        if key:
            out[key] = {k.strip().casefold(): (v or "").strip() for k, v in row.items() if isinstance(k, str)}
    return out


_MOODLE_IDS = ("Email address", "ID number", "Username")
_CANVAS_IDS = ("ID", "SIS User ID", "SIS Login ID", "Section")


def _table(fmt: str, rows: list[StudentRow], banks: list[Any], out_of: float,
           roster: dict[str, dict[str, str]] | None) -> list[list[str]]:
    """The rows of the gradebook CSV in format ``fmt``."""
    def ids(row: StudentRow, columns: tuple[str, ...]) -> list[str]:
        found = (roster or {}).get(name_key(row.name), {})
        return [found.get(c.casefold(), "") for c in columns]

    def total(row: StudentRow) -> float:
        return sum(row.bank_score(b) for b in banks)

    if fmt == "moodle":
        # Moodle's CSV import maps each column at upload: one column identifies the user
        # (email, ID number or username), each score column goes to a grade item. A row whose
        # user it cannot find stops the whole import, so with a roster, rows without any
        # identifier are left out (and reported).
        table = [[*_MOODLE_IDS, "Full name", *(f"{b.title} ({b.id})" for b in banks), "Course total (coursekit)"]]
        for row in rows:
            found = ids(row, _MOODLE_IDS)
            if roster is not None and not any(found):
                continue
            table.append([*found, _cell(row.name or row.student),
                          *(_num(row.bank_score(b)) for b in banks), _num(total(row))])
        return table
    if fmt == "canvas":
        # Canvas's gradebook import: Student, ID, SIS User ID, SIS Login ID, Section, then one
        # column per assignment, matched by title (a title ending in "(digits)" would be read
        # as an assignment id); the "Points Possible" row gives a new assignment its points.
        # A row without ids is matched by the student's name as Canvas shows it.
        titles = [b.title for b in banks]
        heads = [t if titles.count(t) == 1 else f"{t} [{b.id}]" for t, b in zip(titles, banks)]
        table = [["Student", *_CANVAS_IDS, *heads],
                 ["Points Possible", "", "", "", "", *(_num(b.points) for b in banks)]]
        for row in rows:
            table.append([_cell(row.name or row.student), *ids(row, _CANVAS_IDS),
                          *(_num(row.bank_score(b)) for b in banks)])
        return table
    table = [["student", "name", "files", "exported", *(f"{b.id} (/{_num(b.points)})" for b in banks),
              "total", "out of", "percent", "answers", "flags"]]
    for row in rows:
        t = total(row)
        table.append([_cell(row.student), _cell(row.name or ""), _cell(" + ".join(row.files)),
                      _cell(row.exported), *(_num(row.bank_score(b)) for b in banks), _num(t),
                      _num(out_of), _num(100 * t / out_of if out_of else 0.0), str(row.answered()),
                      str(row.flags)])
    return table


def _written_table(rows: list[StudentRow], order: dict[tuple[str, str], int]) -> list[list[str]]:
    table = [["student", "name", "bank", "question", "prompt", "rubric", "model answer", "answer",
              "words", "saved", "mark"]]
    for row in rows:
        for key in sorted(row.written, key=lambda k: order.get(k, 0)):
            w = row.written[key]
            q = w.question
            rubric = "\n".join(f"• {c}" for c in getattr(q, "rubric", ()) or ())
            table.append([_cell(row.student), _cell(row.name or ""), w.bank, q.id, _cell(q.prompt),
                          _cell(rubric), _cell(getattr(q, "model_answer", "") or ""), _cell(w.answer),
                          str(len(w.answer.split())), _cell(w.saved), ""])
    return table


def _flags_table(flags: list[Flag]) -> list[list[str]]:
    return [["file", "where", "what"]] + [[_cell(f.file), _cell(f.where), _cell(f.message)] for f in flags]


def _csv_text(table: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(table)
    return buffer.getvalue()


def companion_paths(out: Path) -> tuple[Path, Path]:
    """Where the written answers and the flags go, beside ``out``.

    >>> [p.name for p in companion_paths(Path("marks/grades.csv"))]
    ['grades-written.csv', 'grades-flags.csv']
    """
    return (out.with_name(f"{out.stem}-written.csv"), out.with_name(f"{out.stem}-flags.csv"))


def _check_target(path: Path, inputs: set[str]) -> None:
    """A one-line :class:`CourseError` if ``path`` cannot be written (before any work)."""
    check_writable(path, CourseError)
    if os.path.realpath(path) in inputs:
        raise CourseError(f"{display_path(path)} is one of the exports being graded; write the gradebook elsewhere")


def grade_exports(paths: Iterable[str | os.PathLike], out_path: str | os.PathLike, *, fmt: str = "csv",
                  data_dir: str | os.PathLike | None = None, roster: str | os.PathLike | None = None
                  ) -> Gradebook:
    """Regrade students' exports against the course's banks and write the gradebook.

    ``paths``: export files, or folders holding them (``*.json``). Writes ``out_path``
    (in ``fmt``: ``"csv"``, ``"moodle"`` or ``"canvas"``, see :data:`FORMATS`), and beside
    it ``<name>-written.csv`` (written answers, with the rubric, for marking) and
    ``<name>-flags.csv`` (every flag). ``roster``: a class list
    (:func:`read_roster`) that fills in the LMS formats' identifier columns. Returns a
    :class:`Gradebook` whose :meth:`~Gradebook.report` is the short printed report.

    Raises :class:`~coursekit.errors.CourseError` with one line when the course's banks
    cannot be loaded, when no file could be graded, or when the output cannot be written
    (checked before any grading).
    """
    from coursekit.course import load_course
    from coursekit.quizzes.bank import load_all_banks

    if fmt not in FORMATS:
        raise CourseError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    files = []
    for given in map(Path, paths):  # a folder stands for the exports (*.json) in it
        try:
            inside = sorted(given.glob("*.json")) if given.is_dir() else None
        except OSError:
            inside = None
        files.extend(inside if inside else [given])
    out = Path(out_path)
    written_path, flags_path = companion_paths(out)
    inputs = {os.path.realpath(p) for p in files}
    for target in (out, written_path, flags_path):
        _check_target(target, inputs)
    class_list = read_roster(roster) if roster is not None else None
    course = load_course(data_dir).id
    banks = load_all_banks(data_dir)
    exports = [regrade_export(p, banks, course) for p in files]
    graded = [r for r in exports if not r.refused]
    if not graded:
        first = exports[0].flags[0] if exports and exports[0].flags else "no exports given"
        more = f" (and {len(exports) - 1} more files)" if len(exports) > 1 else ""
        raise CourseError(f"no export could be graded: {first}{more}")
    groups = group_exports(graded)
    rows = [join_exports(g) for g in groups]
    _note_shared_names(groups, rows)
    ordered = sorted(range(len(rows)), key=lambda i: (name_key(rows[i].name) or "\uffff", rows[i].student))
    rows = [rows[i] for i in ordered]
    out_of = sum(b.points for b in banks)
    order = {(b.id, q.id): i for i, (b, q) in enumerate((b, q) for b in banks for q in b.questions)}
    flags = [f for r in exports for f in r.flags]
    if class_list is not None:
        left = "left out of the Moodle file" if fmt == "moodle" else "the identifier columns are left empty"
        for row in rows:
            if name_key(row.name) not in class_list:
                flags.append(Flag(row.files[-1], "name", f"“{row.name or row.student}” is not in the roster; {left}"))
    elif fmt == "moodle":
        flags.append(Flag(display_path(out), "", "no --roster: fill in a user column (Email address, ID number "
                                                 "or Username) before importing into Moodle"))
    write_file(out, _csv_text(_table(fmt, rows, banks, out_of, class_list)))
    write_file(written_path, _csv_text(_written_table(rows, order)))
    write_file(flags_path, _csv_text(_flags_table(flags)))
    return Gradebook(rows, flags, len(files), [display_path(p) for p in (out, written_path, flags_path)], out_of)


__all__ = ["grade_exports", "read_export", "ExportSummary", "regrade_export", "regrade_answer",
           "group_exports", "join_exports", "read_roster", "companion_paths", "Gradebook", "Regraded",
           "StudentRow", "Flag", "Written", "FORMATS", "MAX_BYTES"]
