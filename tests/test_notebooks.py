"""The lessons as files: what nbval compares, and what a student opens first."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from coursekit.datafiles.yamlfile import load_yaml

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CHECK_TAG = "nbval-check-output"


def _cells(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return nb, [c for c in nb["cells"] if c["cell_type"] == "code"]


def test_every_lesson_in_course_yaml_has_a_notebook_and_back():
    course = load_yaml(ROOT / "data" / "course.yaml")
    listed = {lesson["id"] for lesson in course["lessons"]}
    lessons = {p.stem for p in NOTEBOOKS if p.stem[:2].isdigit()}
    assert listed == lessons


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_python3_kernel_and_no_widget_state(path):
    nb, _ = _cells(path)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert "widgets" not in nb["metadata"], "saved widget state would show stale widgets"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_only_checked_cells_store_outputs(path):
    _, cells = _cells(path)
    for i, cell in enumerate(cells):
        tagged = CHECK_TAG in cell.get("metadata", {}).get("tags", [])
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        assert not errors, f"{path.name}: code cell {i} stores an error"
        assert not any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                       for o in cell.get("outputs", [])), (
            f"{path.name}: code cell {i} stores a widget view, which shows as an error until run")
        if tagged:
            assert cell["execution_count"] is not None and cell["outputs"], (
                f"{path.name}: code cell {i} is tagged {CHECK_TAG} but stores no output "
                "(run `make notebooks`)")
        else:
            assert not cell["outputs"] and cell["execution_count"] is None, (
                f"{path.name}: code cell {i} stores output but is not tagged {CHECK_TAG}")


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.stem[:2].isdigit()], ids=lambda p: p.name)
def test_each_lesson_has_three_compared_text_cells(path):
    _, cells = _cells(path)
    compared = [
        c for c in cells
        if CHECK_TAG in c.get("metadata", {}).get("tags", [])
        and any("text/plain" in o.get("data", {}) or o.get("output_type") == "stream"
                for o in c["outputs"])
    ]
    assert len(compared) >= 3, f"{path.name}: only {len(compared)} compared cells"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_use_only_the_public_api(path):
    # Lessons (and the instructor's guide) import coursekit and use its documented names;
    # the subpackages are the library's inside, free to change.
    _, cells = _cells(path)
    for i, cell in enumerate(cells):
        source = "".join(cell["source"])
        assert "from coursekit" not in source and "import coursekit." not in source, (
            f"{path.name}: code cell {i} imports coursekit's internals: {source[:120]!r}")


# -- A student never has to program ---------------------------------------------------------
# Every code cell of lessons 01-07 is a call (or the setup that loads what the calls use): no
# loop, comprehension, function, f-string or literal list/dict/set/tuple for a student to follow
# or edit. Strings and numbers as arguments are fine: article.find("Wagner") invites a change.
# The instructor's guide is for instructors, and is exempt.

import ast  # noqa: E402
import re  # noqa: E402

from IPython.core.inputtransformer2 import TransformerManager  # noqa: E402

LESSONS_01_TO_07 = [p for p in NOTEBOOKS if p.stem[:2].isdigit() and 1 <= int(p.stem[:2]) <= 7]
_PROGRAMMING = (
    ((ast.For, ast.AsyncFor, ast.While), "a loop"),
    ((ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp), "a comprehension"),
    ((ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef), "a definition (def, lambda, class)"),
    ((ast.Dict, ast.List, ast.Set, ast.Tuple), "a literal dict, list, set or tuple"),
    ((ast.JoinedStr,), "an f-string"),
)


def programming_in(source: str) -> list[str]:
    """What in a cell's ``source`` asks a student to read or edit code, one line each."""
    tree = ast.parse(TransformerManager().transform_cell(source))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple) and not isinstance(node.ctx, ast.Load):
            continue  # `first, last = ...` unpacks; it is not a value to edit
        for kinds, words in _PROGRAMMING:
            if isinstance(node, kinds):
                found.append(f"line {node.lineno}: {words}")
    return found


@pytest.mark.parametrize("source, expected", [
    ("for link in article.related:\n    print(link)", ["line 1: a loop"]),
    ("five = {m.name: 'abstain' for m in council.elected[:5]}", ["line 1: a comprehension"]),
    ('council.decide({"United States": "no"})', ["line 1: a literal dict, list, set or tuple"]),
    ('LESSON_ACTORS = ["diop", "france"]', ["line 1: a literal dict, list, set or tuple"]),
    ("for n in (2, 3): print(n)", ["line 1: a loop", "line 1: a literal dict, list, set or tuple"]),
    ('print(f"{len(tl.events)} events")', ["line 1: an f-string"]),
    ("key = lambda m: m.name", ["line 1: a definition (def, lambda, class)"]),
    ('import coursekit\n\narticle = coursekit.load_article()\narticle.show(3, 11, 13)', []),
    ('article.find("Wagner")', []),
    ('first, last = tl.date_range()', []),
    ("%matplotlib inline\ncoursekit.my_scores().plot()", []),
])
def test_programming_in_finds_what_a_student_would_have_to_program(source, expected):
    assert programming_in(source) == expected


@pytest.mark.parametrize("path", LESSONS_01_TO_07, ids=lambda p: p.name)
def test_lessons_need_no_programming(path):
    _, cells = _cells(path)
    found = [f"code cell {i} {problem}: {''.join(cell['source'])[:80]!r}"
             for i, cell in enumerate(cells) for problem in programming_in("".join(cell["source"]))]
    assert not found, f"{path.name} asks a student to program:\n" + "\n".join(found)


THINK_LESSONS = [p for p in LESSONS_01_TO_07 if p.stem[:2] in {"01", "02", "03", "04", "05"}]


@pytest.mark.parametrize("path", THINK_LESSONS, ids=lambda p: p.name)
def test_questions_to_think_about_are_asked_where_the_lesson_asks_them(path):
    # Each inline question of the lesson's bank is shown once, by coursekit.ask, after the
    # heading "Questions to think about"; each written one has a model answer and a rubric.
    nb, _ = _cells(path)
    bank = load_yaml(ROOT / "data" / "quizzes" / f"{path.stem}.yaml")
    inline = [q for q in bank["questions"] if q.get("inline")]
    reflections = [q for q in inline if q["type"] == "reflection"]
    assert len(reflections) >= 3, f"{path.stem}: {len(reflections)} questions to think about"
    assert all(q.get("model_answer") and 2 <= len(q.get("rubric", [])) <= 4 for q in reflections)
    sources = ["".join(c["source"]) for c in nb["cells"]]
    heading = next(i for i, s in enumerate(sources) if "Questions to think about" in s)
    asked = [(i, call) for i, s in enumerate(sources) for call in
             re.findall(r'coursekit\.ask\("([^"]+)", "([^"]+)"\)', s)]
    assert sorted(qid for _, (_, qid) in asked) == sorted(q["id"] for q in inline)
    # Questions to try right after an idea (graded, inline) may come anywhere in the lesson;
    # the written ones come under the heading.
    written = {q["id"] for q in reflections}
    assert all(b == path.stem and (i > heading or qid not in written) for i, (b, qid) in asked)
    for i, _ in asked:  # each introduced by a text, or one of a run of questions a text introduces
        j = i
        while j > 0 and "coursekit.ask(" in sources[j - 1]:
            j -= 1
        assert nb["cells"][j - 1]["cell_type"] == "markdown", (
            f"{path.name}: cell {i} asks a question no text introduces")


@pytest.mark.parametrize("path", LESSONS_01_TO_07, ids=lambda p: p.name)
def test_lessons_end_by_saying_how_to_keep_the_work(path):
    nb, _ = _cells(path)
    last = "".join(next(c for c in reversed(nb["cells"]) if c["cell_type"] == "markdown")["source"])
    assert "coursekit.export_answers()" in last and "coursekit.import_answers()" in last, (
        f"{path.name}: the last text does not say how to keep the work")


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.stem[:2].isdigit()], ids=lambda p: p.name)
def test_every_lesson_shows_its_frame_at_the_top_and_its_key_points_at_the_end(path):
    # The frame comes from data/course.yaml: coursekit.lesson_frame in the first code cell,
    # coursekit.key_points after the last question; a sentence in a text cell introduces each.
    nb, cells = _cells(path)
    sources = ["".join(c["source"]) for c in cells]
    assert f'coursekit.lesson_frame("{path.stem}")' in sources[0], f"{path.name}: no frame in the first code cell"
    points = [i for i, s in enumerate(sources) if f'coursekit.key_points("{path.stem}")' in s]
    asks = [i for i, s in enumerate(sources) if "coursekit.ask(" in s or "coursekit.quiz(" in s]
    assert points and (not asks or points[0] > asks[-1]), f"{path.name}: key points missing or not after the questions"
    every = nb["cells"]
    for cell in (cells[0], cells[points[0]]):
        assert every[every.index(cell) - 1]["cell_type"] == "markdown", f"{path.name}: no text introduces the cell"
