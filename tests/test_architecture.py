"""The library's shape, checked: what may import what, and who may branch on a question's type.

These are the rules a newcomer can rely on when finding or changing a behaviour:
question types are extended in one place, display code stays thin, and the public API is
the only thing notebooks see.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "coursekit"
MODULES = sorted(p for p in SRC.rglob("*.py"))
# The question types' own code: their models, their widget adapters, their export mappings.
QUESTION_TYPES_CODE = {"quizzes/questions.py"}


def _tree(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def _question_type_names() -> set[str]:
    from coursekit.quizzes import questions

    return set(questions.TYPES)


def _rel(path: Path) -> str:
    return path.relative_to(SRC).as_posix()


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_no_module_branches_on_a_question_class(path):
    if _rel(path) in QUESTION_TYPES_CODE:
        return
    offences = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Call) and _name(node.func) == "isinstance" and len(node.args) == 2:
            classes = node.args[1].elts if isinstance(node.args[1], ast.Tuple) else [node.args[1]]
            for cls in classes:
                name = _name(cls)
                if name.endswith("Question") and name != "Question":
                    offences.append(f"line {node.lineno}: isinstance(..., {name})")
    assert not offences, f"{_rel(path)} branches on a question's class: {offences}"


def _is_a_type_field(node: ast.AST) -> bool:
    """``q.type``, ``d["type"]``, or a variable holding a type (``t``, ``qtype``)."""
    if isinstance(node, ast.Attribute):
        return node.attr == "type"
    if isinstance(node, ast.Subscript):
        return isinstance(node.slice, ast.Constant) and node.slice.value == "type"
    if isinstance(node, ast.Name):
        return node.id == "t" or "type" in node.id.lower()
    return False


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_no_module_branches_on_a_question_type_name(path):
    if _rel(path) in QUESTION_TYPES_CODE:
        return
    types = _question_type_names()
    offences = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            on_type = any(_is_a_type_field(s) for s in sides)
            literals = [s.value for s in sides if isinstance(s, ast.Constant) and isinstance(s.value, str)]
            for s in sides:
                if isinstance(s, (ast.Tuple, ast.List, ast.Set)):
                    literals += [e.value for e in s.elts if isinstance(e, ast.Constant)]
            if on_type and set(literals) & types:
                offences.append(f"line {node.lineno}")
    assert not offences, f"{_rel(path)} compares a question's type with a type name: {offences}"


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_only_widget_modules_import_ipywidgets(path):
    # Logic is pure; the widgets are a thin layer in modules named widgets.py.
    if "ipywidgets" in _imports(path):
        assert path.name == "widgets.py", f"{_rel(path)} imports ipywidgets"


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_only_drawing_modules_import_matplotlib(path):
    if "matplotlib" in _imports(path):
        assert _rel(path) in {"charts.py", "timeline/plot.py", "council/chart.py"}, (
            f"{_rel(path)} imports matplotlib")


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_only_charts_embeds_images(path):
    # One helper turns a figure into an <img> with its alt text.
    if _rel(path) != "charts.py":
        assert "base64" not in _imports(path), f"{_rel(path)} embeds an image itself"


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_every_module_says_what_it_is_for(path):
    doc = ast.get_docstring(_tree(path))
    assert doc and doc.strip(), f"{_rel(path)} has no module docstring"


def test_the_palette_is_defined_once():
    hexes = {}
    for path in MODULES:
        text = path.read_text(encoding="utf-8")
        for code in ("#0072B2", "#E69F00", "#D55E00", "#009E73"):
            if code.lower() in text.lower():
                hexes.setdefault(code, []).append(_rel(path))
    assert all(places == ["charts.py"] for places in hexes.values()), hexes


def test_the_id_pattern_is_defined_once():
    places = [_rel(p) for p in MODULES if "[a-z0-9]+(-[a-z0-9]+)*" in p.read_text(encoding="utf-8")]
    assert places == ["datafiles/schema.py"], places
