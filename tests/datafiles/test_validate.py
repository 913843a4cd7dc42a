"""coursekit.datafiles.validate: every data file against its schema, the schema files, and
every checker using only the data folder it is given."""
from __future__ import annotations

import importlib
import json
import shutil
from pathlib import Path

import pytest

from coursekit.cli import main
from coursekit.cli import main as cli_main
from coursekit.datafiles.validate import (CHECKERS, SCHEMAS, WRITE_COMMAND,
                                          schema_texts, validate_all)

ROOT = Path(__file__).resolve().parents[2]

# For each schema in data/: the file it describes, the checker that reads it, a field given
# a value of the wrong type, and a field left out: (text on its line, what it becomes, the
# field a problem must name).
CASES = {
    "glossary.schema.json": ("glossary.yaml", "glossary", ("lesson: 02_timeline", "lesson: [02_timeline]", "lesson"),
                             ('source: "UN peacekeeping, “Mandates', None, "source")),
    "voices.schema.json": ("voices.yaml", "voices", ("confidence: V", "confidence: [V]", "confidence"),
                           ("speaker: Abdoulaye Diop", None, "speaker")),
    "contributors.schema.json": ("contributors.yaml", "contributors",
                                 ("announced: 2022-03", "announced: [2022]", "announced"),
                                 ("what: about 220 troops", None, "what")),
    "missions.schema.json": ("missions.yaml", "missions", ("kind: special political mission", "kind: 4", "kind"),
                             ("full_name: the first United Nations Emergency Force", None, "full_name")),
    "mandates.schema.json": ("mandates.yaml", "mandates",
                             ("resolution: 2100", "resolution: two thousand", "resolution"),
                             ("focus: \"Creates the mission", None, "focus")),
    "course.schema.json": ("course.yaml", "course",
                           ("minutes: 15", "minutes: ten", "minutes"),
                           ("summary: \"How the course works", None, "summary")),
    "article.schema.json": ("article/article.yaml", "article",
                            ("author: Kemo Cham", "author: [Kemo Cham]", "author"),
                            ("outlet: The East African", None, "outlet")),
    "actors.schema.json": ("actors.yaml", "actors",
                           ("stance: Wants MINUSMA to leave without delay.", "stance: [Wants]", "stance"),
                           ("name: Mali's transitional government", None, "name")),
    "timeline.schema.json": ("timeline.csv", "timeline",
                             ("Mali,4;8,", "Mali,four;8,", "article_paragraphs"),
                             (",mnla,news reports; UN reports on Mali,", ",mnla,,", "source")),
    "timeline-categories.schema.json": ("timeline-categories.yaml", "timeline",
                                        ("marker: diamond", "marker: 4", "marker"),
                                        ("in_sentence: armed conflict", None, "in_sentence")),
    "council.schema.json": ("council.yaml", "council",
                            ("name: \"China\",          permanent: true}", "name: \"China\", permanent: 1}",
                             "permanent"),
                            ("title: \"Resolution 2690", None, "title")),
    "claims.schema.json": ("claims.yaml", "claims",
                           ("paragraph: 5", "paragraph: five", "paragraph"),
                           ("says: The conflict in Mali has displaced", None, "says")),
    "quiz.schema.json": ("quizzes/02_timeline.yaml", "quizzes",
                         ("answer: true", "answer: [true]", "answer"),
                         ("prompt: \"France's Operation Serval", None, "prompt")),
}


def _checker(name: str):
    module, func = dict(CHECKERS)[name].split(":")
    return getattr(importlib.import_module(module), func)


def _edit(data: Path, rel: str, text: str, new: str | None) -> int:
    """Replace ``text`` (on its first line) with ``new``, or delete that line; return its number."""
    path = data / rel
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if text in line)
    lines[number] = "" if new is None else lines[number].replace(text, new, 1)
    path.write_text("".join(lines), encoding="utf-8")
    return number + 1


@pytest.fixture
def course(tmp_path, monkeypatch):
    """A copy of the real data folder; messages name its files as data/..."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return Path("data")


def test_every_schema_in_data_has_a_case():
    assert {p.name for p in (ROOT / "data").glob("*.schema.json")} == set(CASES) == set(SCHEMAS)


@pytest.mark.parametrize("schema", sorted(CASES))
@pytest.mark.parametrize("mistake", ["wrong type", "missing field"])
def test_a_schema_rejects_a_wrong_type_and_a_missing_field_naming_file_line_and_field(course, schema, mistake):
    rel, checker, wrong, missing = CASES[schema]
    text, new, field = wrong if mistake == "wrong type" else missing
    line = _edit(course, rel, text, new)
    problems = [p for p in _checker(checker)(course) if p.file == f"data/{rel}"]
    named = [p for p in problems if p.field is not None and p.field.split(".")[-1] == field]
    assert named, "\n".join(map(str, problems))
    for p in named:
        assert isinstance(p.line, int) and str(p).startswith(f"data/{rel}:{p.line}: ")
        if mistake == "wrong type":
            assert p.line == line, str(p)
        else:  # the line of the item (or file) that lacks the field
            assert p.line <= line, str(p)
        assert field in str(p)


def test_yaml_data_files_name_their_schema_on_the_first_line():
    for schema, (rel, *_rest) in CASES.items():
        if rel.endswith(".yaml"):
            first = (ROOT / "data" / rel).read_text(encoding="utf-8").splitlines()[0]
            to_data = "../" * rel.count("/")
            assert first == f"# yaml-language-server: $schema={to_data}{schema}", rel


def test_schema_files_are_draft7_schemas_and_up_to_date():
    from jsonschema import Draft7Validator

    for name, text in schema_texts().items():
        assert (ROOT / "data" / name).read_text(encoding="utf-8") == text, f"run {WRITE_COMMAND}"
        Draft7Validator.check_schema(json.loads(text))


def test_a_missing_or_stale_schema_file_is_reported_and_written_again(course, capsys):
    (course / "claims.schema.json").unlink()
    stale = course / "council.schema.json"
    stale.write_text(stale.read_text(encoding="utf-8").replace("permanent", "permanant"), encoding="utf-8")
    problems = {p.file: p.message for p in validate_all(course)[0]}
    assert problems == {"data/claims.schema.json": f"is missing; run `{WRITE_COMMAND}`",
                        "data/council.schema.json": f"is out of date with the code's schema; run `{WRITE_COMMAND}`"}
    assert cli_main(["validate", "--write-schemas", "data"]) == 0
    assert "wrote data/claims.schema.json" in capsys.readouterr().out
    assert validate_all(course)[0] == []


def test_validate_prints_that_the_data_is_ready(capsys):
    from coursekit.datafiles.validate import validate

    validate(ROOT / "data")
    out = capsys.readouterr().out
    assert out.startswith("OK: ") and "is ready for class (checked course, article, actors, timeline" in out


# -- every checker uses only the data folder it is given ---------------------------------


def _shorten_article(data: Path, keep: int) -> None:
    """Keep the byline and the first ``keep`` paragraphs of the article in ``data``."""
    path = data / "article" / "mali-minusma-the-east-african.txt"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    paragraphs = [i for i, line in enumerate(lines[1:], 1) if line.strip() and not line.startswith("Read:")]
    path.write_text("".join(lines[:paragraphs[keep - 1] + 1]), encoding="utf-8")


def test_validate_another_course_checks_it_against_its_own_article(tmp_path, monkeypatch, capsys):
    here, other = tmp_path / "course", tmp_path / "other"
    shutil.copytree(ROOT / "data", here / "data")
    shutil.copytree(ROOT / "data", other / "data")
    _shorten_article(other / "data", 10)
    monkeypatch.chdir(here)  # the course found from the current folder has 25 paragraphs

    assert main(["validate", str(other / "data")]) == 1
    out = capsys.readouterr().out.splitlines()
    timeline = [line for line in out if "timeline.csv:" in line and "article_paragraphs" in line]
    claims = [line for line in out if "claims.yaml:" in line and "paragraph: " in line]
    assert timeline and all("past the article's last paragraph (10)" in line for line in timeline)
    assert claims and all("past the article's last paragraph (10)" in line for line in claims)
    assert not any("(25)" in line for line in out)

    monkeypatch.chdir(other)  # and the other way round: the first course is clean
    assert main(["validate", str(here / "data")]) == 0


def test_loaders_read_the_data_folder_they_are_given(tmp_path, monkeypatch):
    from coursekit.reading.article import load_article
    from coursekit.timeline.events import load_timeline

    other = tmp_path / "other" / "data"
    shutil.copytree(ROOT / "data", other)
    _shorten_article(other, 10)
    actors = other / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("name: Abdoulaye Diop", "name: A. Diop"),
                      encoding="utf-8")
    monkeypatch.chdir(ROOT)
    article = load_article(other)
    assert len(article.paragraphs) == 10 and article.actors["diop"].name == "A. Diop"
    with pytest.raises(Exception, match=r"past the article's last paragraph \(10\)"):
        load_timeline(other)
