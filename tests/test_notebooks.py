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
