"""A class's answer exports (from ``coursekit.export_answers()``) turned into one gradebook CSV.

One row per student, one column per bank (score), then the totals. The scores
are the ones each student's quiz computed; a file that is not an export is
skipped and named in the summary.

A student often exports from several sessions. Exports are the same student's when
they share a saved name (compared without case, accents or extra spaces) or a
student id (an export also lists the ids of earlier sessions it brought back, its
``aliases``); each student gets one row, made quiz by quiz from the export that went
furthest in that quiz (most tries, then the latest saved answer, then the latest
export).

From the command line (``coursekit grade exports/*.json --out grades.csv``) or::

    grade_exports(["ana.json", "ben.json"], "grades.csv")
"""
from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coursekit.datafiles.yamlfile import display_path
from coursekit.errors import DataError, Problem
from coursekit.progress.export import EXPORT_FORMAT, EXPORT_VERSION
from coursekit.progress.store import draft_only, finite, name_key


@dataclass
class StudentResult:
    """One student's export, read back (or several, joined by :func:`join_results`).

    ``progress`` holds, per bank, what says how far the student went in it: the
    sum of the answers' tries and the latest ``saved`` time."""

    student: str
    file: str
    exported: str
    scores: dict[str, float] = field(default_factory=dict)
    points: dict[str, float] = field(default_factory=dict)
    answered: int = 0
    name: str | None = None
    aliases: tuple[str, ...] = ()
    answers: dict[str, int] = field(default_factory=dict)
    progress: dict[str, tuple[float, str]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(self.scores.values())

    @property
    def total_points(self) -> float:
        return sum(self.points.values())

    @property
    def ids(self) -> set[str]:
        return {self.student, *self.aliases} - {""}


def read_export(path: str | os.PathLike) -> StudentResult:
    """Read one export; :class:`DataError` naming the file if it is not one."""
    p = Path(path)
    shown = display_path(p)

    def bad(message: str) -> DataError:
        return DataError(Problem(shown, None, None, None, message))

    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise bad("file not found") from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise bad(f"is not a readable JSON export ({type(exc).__name__})") from None
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        raise bad(f"is not a coursekit answers export (no \"format\": \"{EXPORT_FORMAT}\")")
    if not isinstance(doc.get("version"), int) or doc["version"] > EXPORT_VERSION:
        raise bad(f"has export version {doc.get('version')!r}; this coursekit reads up to {EXPORT_VERSION}")
    banks = doc.get("banks")
    if not isinstance(banks, dict):
        raise bad("has no \"banks\" section")
    name = doc.get("name") if isinstance(doc.get("name"), str) and doc["name"].strip() else None
    aliases = doc["aliases"] if isinstance(doc.get("aliases"), list) else []
    result = StudentResult(str(doc.get("student") or p.stem), shown, str(doc.get("exported", "")),
                           name=name, aliases=tuple(a for a in aliases if isinstance(a, str) and a),
                           files=[shown])
    for bank_id, entry in banks.items():
        if not isinstance(entry, dict):
            raise bad(f"bank {bank_id}: is damaged")
        score, points = entry.get("score", 0) or 0, entry.get("points", 0) or 0
        if not (finite(score) and finite(points)):
            raise bad(f"bank {bank_id}: score or points is not a number")
        result.scores[bank_id], result.points[bank_id] = float(score), float(points)
        answers = entry.get("answers")
        records = [r for r in answers.values() if isinstance(r, dict)] if isinstance(answers, dict) else []
        # A record holding only a draft (text typed, never saved as an answer) is not an answer.
        result.answers[bank_id] = sum(1 for r in records if not draft_only(r))
        result.answered += result.answers[bank_id]
        tries = sum(float(r["tries"]) for r in records if finite(r.get("tries")))
        latest = max((str(r["saved"]) for r in records if isinstance(r.get("saved"), str)), default="")
        result.progress[bank_id] = (tries, latest)
    return result


def group_results(results: list[StudentResult]) -> list[list[StudentResult]]:
    """The exports in ``results`` grouped by student: the same saved name (by
    :func:`~coursekit.progress.store.name_key`) or a shared id (the student's or an alias).

    >>> a = StudentResult("s-1", "a.json", "1", name="Ana Díaz")
    >>> b = StudentResult("s-2", "b.json", "2", name="ana diaz")
    >>> c = StudentResult("s-3", "c.json", "3", aliases=("s-2",))
    >>> d = StudentResult("s-4", "d.json", "4")
    >>> [[r.file for r in g] for g in group_results([a, b, c, d])]
    [['a.json', 'b.json', 'c.json'], ['d.json']]
    """
    parent = list(range(len(results)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[str, int] = {}
    for i, r in enumerate(results):
        tokens = {f"id:{s}" for s in r.ids}
        if r.name and name_key(r.name):
            tokens.add(f"name:{name_key(r.name)}")
        for token in tokens:
            if token in first:
                parent[root(i)] = root(first[token])
            else:
                first[token] = i
    groups: dict[int, list[StudentResult]] = {}
    for i, r in enumerate(results):
        groups.setdefault(root(i), []).append(r)
    return list(groups.values())


def _furthest(r: StudentResult, bank: str) -> tuple[Any, ...]:
    tries, latest = r.progress.get(bank, (0.0, ""))
    return (tries, latest, r.exported)


def join_results(group: list[StudentResult]) -> StudentResult:
    """One student's exports as one result: each bank from the export that went furthest
    in it (most tries, then the latest saved answer, then the latest export); the id
    and name of the latest export (the latest name saved, if the latest has none)."""
    ordered = sorted(group, key=lambda r: r.exported)
    latest = ordered[-1]
    name = next((r.name for r in reversed(ordered) if r.name), None)
    joined = StudentResult(latest.student, " + ".join(r.file for r in ordered), latest.exported, name=name,
                           aliases=tuple(sorted(set().union(*(r.ids for r in ordered)) - {latest.student})),
                           files=[f for r in ordered for f in r.files])
    for bank in sorted({b for r in ordered for b in r.points}):
        best = max((r for r in ordered if bank in r.points), key=lambda r: _furthest(r, bank))
        joined.scores[bank], joined.points[bank] = best.scores[bank], best.points[bank]
        joined.answers[bank] = best.answers.get(bank, 0)
        joined.progress[bank] = best.progress.get(bank, (0.0, ""))
    joined.answered = sum(joined.answers.values())
    return joined


def _cell(value: object) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def grade_exports(paths: list[str | os.PathLike], out_path: str | os.PathLike) -> str:
    """Write a gradebook CSV from students' exports; returns a short summary.

    One row per student (see :func:`group_results`): a student with several exports
    gets them joined quiz by quiz (:func:`join_results`). Raises
    :class:`DataError` if no file is a usable export.
    """
    read: list[StudentResult] = []
    skipped: list[Problem] = []
    for path in paths:
        try:
            read.append(read_export(path))
        except DataError as exc:
            skipped.extend(exc.problems)
    if not read:
        raise DataError(skipped or [Problem("coursekit grade", None, None, None, "no exports given")])
    groups = group_results(read)
    results = [join_results(g) for g in groups]
    banks = sorted({b for r in results for b in r.points})
    full = {b: max(r.points.get(b, 0.0) for r in results) for b in banks}
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["student", "name", "file", "exported"] + [f"{b} (/{full[b]:g})" for b in banks]
                        + ["total", "out of", "percent", "answers"])
        total_points = sum(full.values())
        for r in sorted(results, key=lambda r: (name_key(r.name) or "\uffff", r.student)):
            total = round(r.total, 4)
            pct = round(100 * total / total_points, 1) if total_points else 0.0
            writer.writerow([_cell(r.student), _cell(r.name or ""), _cell(r.file), _cell(r.exported)]
                            + [f"{r.scores.get(b, 0.0):g}" for b in banks]
                            + [f"{total:g}", f"{total_points:g}", f"{pct:g}", r.answered])
    lines = [f"graded {len(results)} student{'s' if len(results) != 1 else ''} from "
             f"{len(paths)} file{'s' if len(paths) != 1 else ''} into {display_path(out)}"]
    several = [g for g in groups if len(g) > 1]
    if several:
        lines.append(f"{len(several)} student(s) had several exports: each got one row, made quiz by quiz "
                     "from the export that went furthest")
    for g in several:
        names = sorted({r.name for r in g if r.name}, key=name_key)
        if len({name_key(n) for n in names}) > 1:
            lines.append("check: " + " and ".join(f"“{n}”" for n in names)
                         + " share a student id and were given one row")
    lines += [f"skipped {s}" for s in skipped]
    return "\n".join(lines)
