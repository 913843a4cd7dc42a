"""Benchmark of the gradebook (a script, not a test): prints times against their goals.

1. `coursekit grade` on 30 exports of the whole course, end to end (a new process:
   start-up, loading the banks, regrading every answer, writing the three CSVs)
   (goal: under 3 s);
2. the same regrading in-process, the banks already imported (goal: under 1 s).

The 30 exports are made with the quiz's own grading code: 27 students answering every
question (some right, some wrong, some after a wrong try), 3 hostile files (answers of
"x" claiming full marks, points of 1e6, another student's name). Each figure is the
median of several runs, after one warm-up run.

Usage: python tests/benchmarks/bench_gradebook.py
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from coursekit.course import load_course  # noqa: E402
from coursekit.progress.gradebook import grade_exports  # noqa: E402
from coursekit.quizzes import questions as qm  # noqa: E402
from coursekit.quizzes.bank import load_all_banks  # noqa: E402
from timing import timed  # noqa: E402

TMP = Path(tempfile.mkdtemp(prefix="coursekit-bench-grade-"))
STUDENTS = 27
HOSTILE = 3


def record(q: qm.Question, rng: random.Random) -> dict:
    state = qm.QuestionState(tries=rng.choice([0, 0, 0, 1]))
    answer = q.correct_answer() if rng.random() < 0.7 else "x"
    try:
        counted = qm.submit(q, state, answer).counted
    except ValueError:
        counted = False
    if not counted:
        return {"answer": answer, "tries": 1, "score": 0.0, "points": q.points, "saved": "2026-03-01T10:00:00+00:00"}
    return {**state.to_record(q), "saved": "2026-03-01T10:00:00+00:00"}


def export(banks: list, course: str, i: int, rng: random.Random) -> dict:
    out = {}
    for b in banks:
        answers = {q.id: record(q, rng) for q in b.questions}
        out[b.id] = {"title": b.title, "score": sum(r["score"] for r in answers.values()), "points": b.points,
                     "answered": len(answers), "questions": len(b.questions), "answers": answers}
    return {"format": "coursekit-answers", "version": 2, "course": course, "student": f"s-{i:04d}",
            "name": f"Student {i}", "aliases": [], "exported": "2026-03-01T10:00:00+00:00", "banks": out}


def make_exports() -> list[Path]:
    banks, course = load_all_banks(), load_course().id
    rng = random.Random(13)
    paths = []
    for i in range(STUDENTS + HOSTILE):
        doc = export(banks, course, i, rng)
        if i >= STUDENTS:  # hostile: everything "x", full marks claimed, another's name, points 1e6
            doc["name"] = "Student 0"
            doc["exported"] = "2099-01-01T00:00:00+00:00"
            for b in doc["banks"].values():
                b["points"] = b["score"] = 1e6
                for r in b["answers"].values():
                    r.update(answer="x", score=r["points"])
        path = TMP / f"answers-{i:02d}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> int:
    paths = make_exports()
    size = sum(p.stat().st_size for p in paths) / 1e6
    command = [sys.executable, "-m", "coursekit.cli", "grade", *map(str, paths), "--out", str(TMP / "grades.csv")]

    def cli() -> None:
        proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"coursekit grade failed: {proc.stderr.strip()}")

    end_to_end = timed(cli, 5)
    in_process = timed(lambda: grade_exports(paths, TMP / "grades-in.csv"), 5)
    rows = (TMP / "grades.csv").read_text(encoding="utf-8").count("\n") - 1
    print(f"{len(paths)} exports ({size:.1f} MB), {rows} rows")
    print(f"coursekit grade, end to end:     {end_to_end:6.2f} s  (goal < 3 s)")
    print(f"grade_exports(), in-process:     {in_process:6.2f} s  (goal < 1 s)")
    return 0 if end_to_end < 3 and in_process < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
