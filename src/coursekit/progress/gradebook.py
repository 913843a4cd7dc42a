"""A class's answer exports (from ``coursekit.export_answers()``) turned into one gradebook CSV.

One row per student, one column per bank (score), then the totals. The scores
are the ones each student's quiz computed; a file that is not an export is
skipped and named in the summary.

From the command line (``coursekit grade exports/*.json --out grades.csv``) or::

    grade_exports(["ana.json", "ben.json"], "grades.csv")
"""
from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from coursekit.datafiles.yamlfile import display_path
from coursekit.errors import DataError, Problem
from coursekit.progress.export import EXPORT_FORMAT, EXPORT_VERSION


@dataclass
class StudentResult:
    """One student's export, read back."""

    student: str
    file: str
    exported: str
    scores: dict[str, float] = field(default_factory=dict)
    points: dict[str, float] = field(default_factory=dict)
    answered: int = 0

    @property
    def total(self) -> float:
        return sum(self.scores.values())

    @property
    def total_points(self) -> float:
        return sum(self.points.values())


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
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise bad(f"is not a readable JSON export ({type(exc).__name__})") from None
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        raise bad(f"is not a coursekit answers export (no \"format\": \"{EXPORT_FORMAT}\")")
    if not isinstance(doc.get("version"), int) or doc["version"] > EXPORT_VERSION:
        raise bad(f"has export version {doc.get('version')!r}; this coursekit reads up to {EXPORT_VERSION}")
    banks = doc.get("banks")
    if not isinstance(banks, dict):
        raise bad("has no \"banks\" section")
    result = StudentResult(str(doc.get("student") or p.stem), shown, str(doc.get("exported", "")))
    for bank_id, entry in banks.items():
        if not isinstance(entry, dict):
            raise bad(f"bank {bank_id}: is damaged")
        try:
            result.scores[bank_id] = float(entry.get("score", 0) or 0)
            result.points[bank_id] = float(entry.get("points", 0) or 0)
        except (TypeError, ValueError):
            raise bad(f"bank {bank_id}: score or points is not a number") from None
        answers = entry.get("answers")
        result.answered += len(answers) if isinstance(answers, dict) else 0
    return result


def _cell(value: object) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def grade_exports(paths: list[str | os.PathLike], out_path: str | os.PathLike) -> str:
    """Write a gradebook CSV from students' exports; returns a short summary.

    A student with several exports keeps the latest one. Raises
    :class:`DataError` if no file is a usable export.
    """
    results: dict[str, StudentResult] = {}
    skipped: list[Problem] = []
    replaced = 0
    for path in paths:
        try:
            r = read_export(path)
        except DataError as exc:
            skipped.extend(exc.problems)
            continue
        old = results.get(r.student)
        if old is not None:
            replaced += 1
            if old.exported > r.exported:
                continue
        results[r.student] = r
    if not results:
        raise DataError(skipped or [Problem("coursekit grade", None, None, None, "no exports given")])
    banks = sorted({b for r in results.values() for b in r.points})
    full = {b: max(r.points.get(b, 0.0) for r in results.values()) for b in banks}
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["student", "file", "exported"] + [f"{b} (/{full[b]:g})" for b in banks]
                        + ["total", "out of", "percent", "answers"])
        total_points = sum(full.values())
        for r in sorted(results.values(), key=lambda r: r.student):
            total = round(r.total, 4)
            pct = round(100 * total / total_points, 1) if total_points else 0.0
            writer.writerow([_cell(r.student), _cell(r.file), _cell(r.exported)]
                            + [f"{r.scores.get(b, 0.0):g}" for b in banks]
                            + [f"{total:g}", f"{total_points:g}", f"{pct:g}", r.answered])
    lines = [f"graded {len(results)} student{'s' if len(results) != 1 else ''} from "
             f"{len(paths)} file{'s' if len(paths) != 1 else ''} into {display_path(out)}"]
    if replaced:
        lines.append(f"{replaced} older export(s) of the same student were replaced by the latest")
    lines += [f"skipped {s}" for s in skipped]
    return "\n".join(lines)
