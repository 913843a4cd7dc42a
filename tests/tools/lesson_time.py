"""Estimate how long each lesson takes a student, as a range, from its notebook and its bank.

Usage (from the repository's root)::

    python tests/tools/lesson_time.py            # every lesson in data/course.yaml
    python tests/tools/lesson_time.py 01 03      # only these lessons

It prints, per lesson, what it counted and a low-high range in minutes, beside the range
``data/course.yaml`` states. It is a starting point: work through a lesson yourself (reading,
running every cell, answering every question) and set ``minutes`` from both.

What a student does, and the rates assumed (low = a quick student, high = a careful one):

- reads the lesson's text (markdown words): 230 and 170 words a minute;
- reads what the checked cells print (their stored text outputs: tables, lists, the quiz's
  questions are counted under questions instead): 300 and 150 words a minute, since tables are
  scanned more than read;
- reads the article where a cell shows it whole (a cell ending in ``article``): its words at the
  prose rates;
- runs each code cell and looks at what it shows: 0.25 and 0.5 minutes;
- works with an interactive widget (the vote simulator, the timeline explorer): 2 and 5 minutes;
- answers each question of its bank, by type: a single choice or true/false 0.75 and 1.5
  minutes; a numeric or text answer 1 and 2; a multiple choice, an ordering, a matching or a
  cloze 1.5 and 3; a verdict with its reason 2 and 3.5; a written answer 3 and 6 (4 and 8 when
  it asks for 25 words or more). These include reading the feedback and one retry.

The review (``coursekit.review_quiz(per_bank=2)``) draws ``per_bank`` questions from every other
lesson's bank; they are counted at 1 and 2 minutes each, a mean over the types it draws.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"

PROSE = (230, 170)          # words a minute
OUTPUT = (300, 150)         # words a minute
CELL = (0.25, 0.5)          # minutes per code cell
WIDGET = (2.0, 5.0)         # minutes per exploring widget
WIDGETS = ("vote_simulator(", "explore_timeline(")
QUESTION = {                # minutes per question, by type
    "single": (0.75, 1.5), "truefalse": (0.75, 1.5),
    "numeric": (1.0, 2.0), "text": (1.0, 2.0),
    "multiple": (1.5, 3.0), "ordering": (1.5, 3.0), "matching": (1.5, 3.0), "cloze": (1.5, 3.0),
    "verdict": (2.0, 3.5), "reflection": (3.0, 6.0),
}
LONG_WRITING = (4.0, 8.0)   # a written answer of 25 words or more
DRAWN = (1.0, 2.0)          # a review question, whatever its type
REVIEW_PER_BANK = 2         # review_quiz()'s default


def _words(text: str) -> int:
    return len(re.sub(r"[#*`|>_\-]", " ", text).split())


def _article_words() -> int:
    return sum(_words(p.read_text(encoding="utf-8")) for p in (DATA / "article").glob("*.txt"))


def _output_words(cell: dict) -> int:
    source = "".join(cell["source"])
    if "quiz(" in source:  # its questions are counted from the bank
        return 0
    words = 0
    for out in cell.get("outputs", []):
        text = out.get("text") or out.get("data", {}).get("text/plain", "")
        words += _words("".join(text) if isinstance(text, list) else text)
    return words


def _question_minutes(q: dict) -> tuple[float, float]:
    kind = q.get("type", "single")
    if kind == "drawn":
        return DRAWN
    if kind == "reflection" and int(q.get("min_words", 0)) >= 25:
        return LONG_WRITING
    return QUESTION.get(kind, QUESTION["single"])


def estimate(lesson_id: str) -> dict:
    """What the lesson ``lesson_id`` asks of a student, and the minutes it takes (low, high)."""
    nb = json.loads((NOTEBOOKS / f"{lesson_id}.ipynb").read_text(encoding="utf-8"))
    cells = nb["cells"]
    prose = sum(_words("".join(c["source"])) for c in cells if c["cell_type"] == "markdown")
    code = [c for c in cells if c["cell_type"] == "code"]
    sources = ["".join(c["source"]) for c in code]
    output = sum(_output_words(c) for c in code)
    article = _article_words() * sum(1 for s in sources if s.strip().splitlines()[-1:] == ["article"])
    widgets = sum(1 for s in sources if any(w in s for w in WIDGETS))
    bank_path = DATA / "quizzes" / f"{lesson_id}.yaml"
    questions = yaml.safe_load(bank_path.read_text(encoding="utf-8"))["questions"] if bank_path.exists() else []
    banks = [p for p in (DATA / "quizzes").glob("[0-9]*.yaml") if p.stem != lesson_id]
    drawn = sum(int(m or REVIEW_PER_BANK) * len(banks) for s in sources
                for m in re.findall(r"review_quiz\((?:per_bank\s*=\s*)?(\d*)", s))
    questions = questions + [{"type": "drawn"}] * drawn
    minutes = []
    for side in (0, 1):
        total = (prose + article) / PROSE[side] + output / OUTPUT[side]
        total += len(code) * CELL[side] + widgets * WIDGET[side]
        total += sum(_question_minutes(q)[side] for q in questions)
        minutes.append(total)
    kinds: dict[str, int] = {}
    for q in questions:
        kinds[q.get("type", "single")] = kinds.get(q.get("type", "single"), 0) + 1
    return {"prose": prose, "article": article, "output": output, "code": len(code), "widgets": widgets,
            "questions": kinds, "low": round(minutes[0]), "high": round(minutes[1])}


def main(argv: list[str]) -> int:
    course = yaml.safe_load((DATA / "course.yaml").read_text(encoding="utf-8"))
    lessons = [lesson for lesson in course["lessons"] if not argv or lesson["id"][:2] in argv or lesson["id"] in argv]
    total = [0, 0]
    for lesson in lessons:
        e = estimate(lesson["id"])
        stated = lesson.get("minutes")
        stated = f"{stated['low']}-{stated['high']}" if isinstance(stated, dict) else str(stated)
        asked = ", ".join(f"{n} {k}" for k, n in sorted(e["questions"].items()))
        print(f"{lesson['id']:28s} {e['low']:4d}-{e['high']:<4d} min  (stated {stated}; "
              f"{e['prose']} words of text, {e['article']} of article, {e['output']} of output, "
              f"{e['code']} code cells, {e['widgets']} widgets; questions: {asked or 'none'})")
        total[0] += e["low"]
        total[1] += e["high"]
    print(f"{'all':28s} {total[0]:4d}-{total[1]:<4d} min  ({total[0] / 60:.1f}-{total[1] / 60:.1f} h)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
