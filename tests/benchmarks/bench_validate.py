"""Benchmark of `coursekit validate`, end to end (a new process each time, as an instructor runs it):

1. on the course's data folder (goal: well under 2 s);
2. on a copy of it whose lesson-01 bank holds 5,000 questions (goal: under 3 s);
3. the time to the first error message, for a data folder with one mistake in article.yaml
   (goal: well under 1 s);
4. with ``--timeline-mb N``: on a copy whose timeline.csv is N MB (the real rows repeated with
   new ids and labels), which is slow by nature; reported, not judged.

Each figure is the median of several runs, as wall time and as the CPU time of the child
process (a busy machine inflates the first, not the second).

Usage: python tests/benchmarks/bench_validate.py [--timeline-mb 50]
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMMAND = [sys.executable, "-m", "coursekit.cli", "validate"]
BANK = "quizzes/01_reading_the_article.yaml"


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(data: Path, first_line: bool = False) -> tuple[float, float, int, list[str]]:
    """(wall seconds, child CPU seconds, exit status, output lines) of one `coursekit validate`;
    with ``first_line``, the wall time is that of the first line printed."""
    cpu, start = _child_cpu(), time.perf_counter()
    proc = subprocess.Popen([*COMMAND, str(data)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, cwd=data.parent)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    at_first = time.perf_counter() - start
    rest = proc.stdout.read()
    status = proc.wait()
    wall = at_first if first_line else time.perf_counter() - start
    return wall, _child_cpu() - cpu, status, (first + rest).splitlines()


def measure(label: str, data: Path, runs: int, *, first_line: bool = False, goal: float | None = None,
            expect: int = 0) -> float:
    results = [run_once(data, first_line) for _ in range(runs)]
    for _, _, status, lines in results:
        if status != expect:
            print("\n".join(lines[:10]))
            raise SystemExit(f"{label}: exit status {status}, expected {expect}")
    wall = statistics.median(r[0] for r in results)
    cpu = statistics.median(r[1] for r in results)
    verdict = "" if goal is None else ("  OK" if wall < goal else "  OVER GOAL") + f" (goal < {goal:g} s)"
    print(f"{label:<58} {wall:6.2f} s wall  {cpu:6.2f} s cpu{verdict}")
    return wall


def big_bank(data: Path, count: int = 5000) -> None:
    """Grow the lesson-01 bank of ``data`` to ``count`` questions: its own, repeated with new ids."""
    path = data / BANK
    doc = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8"))))
    own = doc["questions"]
    doc["questions"] = [dict(own[i % len(own)], id=f"{own[i % len(own)]['id']}-{i}") for i in range(count)]
    # JSON is YAML: a quick way to write a big bank
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n" + json.dumps(doc, indent=1),
                    encoding="utf-8")


def one_mistake(data: Path) -> None:
    meta = data / "article" / "article.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("\nfile: ", "\nfile: 123 #", 1), encoding="utf-8")


def big_timeline(data: Path, megabytes: float) -> int:
    """Repeat the real rows of timeline.csv (new ids, labels of at most 28 characters) to
    ``megabytes``; returns the number of rows."""
    path = data / "timeline.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    comments = [line for line in lines if line.startswith("#")]
    header, *body = list(csv.reader(line for line in lines if not line.startswith("#")))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(body)
    label = header.index("label")
    rows, n = len(body), 0
    while out.tell() < megabytes * 1_000_000:
        n += 1
        for row in body:
            writer.writerow([f"{row[0]}-{n}" if i == 0 else f"{n} {v}"[:28] if i == label else v
                             for i, v in enumerate(row)])
        rows += len(body)
    path.write_text("".join(comments) + out.getvalue(), encoding="utf-8")
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeline-mb", type=float, help="also validate a timeline.csv of this size")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print("coursekit validate, end to end (median of several runs)")
    with tempfile.TemporaryDirectory(prefix="coursekit-bench-") as tmp:
        course = Path(tmp) / "course" / "data"
        shutil.copytree(ROOT / "data", course)
        run_once(course)  # warm-up: the file system cache, compiled bytecode
        measure("the course", course, args.runs, goal=2)

        bank = Path(tmp) / "bank" / "data"
        shutil.copytree(ROOT / "data", bank)
        big_bank(bank)
        measure("the course with a bank of 5,000 questions", bank, args.runs, goal=3)

        wrong = Path(tmp) / "wrong" / "data"
        shutil.copytree(ROOT / "data", wrong)
        one_mistake(wrong)
        measure("time to the first error message (article.yaml: file: 123)", wrong, args.runs,
                first_line=True, goal=1, expect=1)

        if args.timeline_mb:
            big = Path(tmp) / "timeline" / "data"
            shutil.copytree(ROOT / "data", big)
            rows = big_timeline(big, args.timeline_mb)
            measure(f"the course with a {args.timeline_mb:g} MB timeline.csv ({rows:,} rows)", big, 1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
