"""Benchmark of the quiz engine (a script, not a test): prints times against their goals.

1. validating a generated bank of 5,000 questions (goal: under 1 s);
2. building the widgets of a 30-question quiz (goal: under 0.3 s);
3. saving progress after one answer in a file that already holds 1,000 answers
   (goal: under 20 ms).

Each figure is the median of several runs, after one warm-up run.

Usage: python tests/benchmarks/bench_quiz.py
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

TMP = Path(tempfile.mkdtemp(prefix="coursekit-bench-"))
os.environ["COURSEKIT_PROGRESS"] = str(TMP / "progress.json")
os.environ["COURSEKIT_STUDENT"] = "bench-student"

from coursekit.quizzes import bank as bank_mod  # noqa: E402
from coursekit.datafiles.yamlfile import load_yaml  # noqa: E402
from coursekit.progress.store import ProgressStore  # noqa: E402
from coursekit.quizzes.schema import schema_json  # noqa: E402
from timing import timed  # noqa: E402

TEMPLATES = [
    {"type": "single", "options": ["Abdoulaye Diop", "Assimi Goïta", "António Guterres"],
     "answer": "Abdoulaye Diop"},
    {"type": "multiple", "options": [{"text": "Russia", "feedback": "Yes."}, "France", "Mali"],
     "answer": ["Russia", "France"]},
    {"type": "truefalse", "answer": True, "feedback": {"correct": "Yes.", "incorrect": "No."}},
    {"type": "numeric", "answer": 25, "tolerance": 0, "unit": "paragraphs"},
    {"type": "text", "answer": ["Diop", "Abdoulaye Diop"], "fuzzy": 1},
    {"type": "ordering", "items": ["2012 rebellion", "2013 MINUSMA", "2023 withdrawal"]},
    {"type": "matching", "pairs": [{"left": "Diop", "right": "foreign minister"},
                                   {"left": "Goïta", "right": "junta leader"}],
     "distractors": ["president of France"]},
    {"type": "cloze", "text": "The mandate ends in [[1]]; it needs [[2]] votes.",
     "gaps": [{"answer": "June", "fuzzy": 1}, {"answer": "nine", "options": ["five", "nine"]}]},
]


def question(i: int) -> dict:
    d = {"id": f"bench-{i}", "prompt": f"Question {i}: what does paragraph {i % 25 + 1} say?",
         "points": 1, "hints": ["Read the paragraph again.", "Look at its first sentence."],
         "explanation": f"Paragraph {i % 25 + 1} says so.", "source": {"paragraph": i % 25 + 1}}
    d.update(json.loads(json.dumps(TEMPLATES[i % len(TEMPLATES)])))
    return d


def verdict(seconds: float, goal: float) -> str:
    return "OK" if seconds < goal else "OVER GOAL"


def bench_validate() -> None:
    data = TMP / "data"
    (data / "quizzes").mkdir(parents=True)
    (data / "quiz.schema.json").write_text(schema_json(), encoding="utf-8")
    path = data / "quizzes" / "99_bench.yaml"
    doc = {"bank": "99_bench", "title": "Benchmark", "questions": [question(i) for i in range(5000)]}
    # JSON is valid YAML: a quick way to write a big bank
    path.write_text(bank_mod.SCHEMA_COMMENT + "\n" + json.dumps(doc, ensure_ascii=False, indent=1),
                    encoding="utf-8")
    problems = bank_mod.check_banks(data)
    assert problems == [], problems[:3]
    loaded = load_yaml(path)
    t_parse = timed(lambda: load_yaml(path), 3)
    t_check = timed(lambda: bank_mod._check_bank_data(loaded, path, "99_bench.yaml", None), 3)
    t_total = timed(lambda: bank_mod.check_banks(data), 3)
    print(f"validate a bank of 5,000 questions (schema + checks, once parsed): {t_check:.3f} s "
          f"(goal < 1 s) {verdict(t_check, 1.0)}")
    print(f"    reading the YAML with line numbers (libyaml safe loader): {t_parse:.3f} s")
    print(f"    `coursekit validate` of that bank, reading included: {t_total:.3f} s")


def bench_widgets() -> None:
    from coursekit.quizzes.widgets import Quiz
    questions = [bank_mod.question_from_dict(question(i)) for i in range(30)]
    t = timed(lambda: Quiz("99_bench", "Benchmark", questions), 5)
    print(f"build the widgets of a 30-question quiz: {t:.3f} s (goal < 0.3 s) {verdict(t, 0.3)}")


def bench_save() -> None:
    store = ProgressStore()
    doc = {"format": "coursekit-progress", "version": 1, "created": "2026-01-01T00:00:00+00:00",
           "banks": {f"bank-{b}": {f"q-{i}": {"answer": ["some", "answer", i], "tries": 2, "score": 0.75,
                                              "points": 1, "credit": 1, "finished": True,
                                              "status": "correct", "type": "multiple",
                                              "feedback": ["Yes: paragraph 3."], "saved": "2026"}
                                   for i in range(100)} for b in range(10)}}
    store.path.write_text(json.dumps(doc), encoding="utf-8")
    record = {"answer": "25", "tries": 1, "score": 1, "points": 1, "status": "correct"}
    t = timed(lambda: store.save("bank-0", "q-new", record), 20)
    assert sum(len(v) for v in store.read()["banks"].values()) == 1001
    print(f"save progress after one answer, file holding 1,000 answers: {t * 1000:.1f} ms "
          f"(goal < 20 ms) {verdict(t, 0.020)}")


if __name__ == "__main__":
    print("coursekit quiz benchmark (median of several runs)")
    bench_validate()
    bench_widgets()
    bench_save()
