"""coursekit.datafiles.validate: every data file against its schema, the schema files, and
every checker using only the data folder it is given."""
from __future__ import annotations

import importlib
import json
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
import yaml

from coursekit.cli import main
from coursekit.cli import main as cli_main
from coursekit.datafiles.validate import (CHECKERS, DATA_FILES, SCHEMAS, WRITE_COMMAND, data_files, notes,
                                          schema_comment, schema_texts, validate_all)
from coursekit.datafiles.yamlfile import load_yaml, load_yaml_or_problems

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
                           ("minutes: {low: 15", "minutes: {low: ten", "low"),
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


# -- every data file: aliases, paths, unknown keys, BOM and CRLF (the registry, DATA_FILES) --

DATA = ROOT / "data"
#: Every data file in the registry, as a path in data/ ("quizzes/02_timeline.yaml").
FILES = [p.relative_to(DATA).as_posix() for p, _ in data_files(DATA)]
YAML_FILES = [f for f in FILES if f.endswith(".yaml")]
#: The article's text is read by article.yaml's `file:`, not by a schema.
ARTICLE_TEXT = "article/" + yaml.safe_load((DATA / "article" / "article.yaml").read_text(encoding="utf-8"))["file"]
BOMB = "[&a [lol, lol, lol, lol, lol, lol, lol, lol, lol], " + ", ".join(
    f"&{b} [{', '.join([f'*{a}'] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi")) + ", *i]"


def test_the_registry_names_every_data_file_and_every_schema():
    on_disk = {p.relative_to(DATA).as_posix() for p in DATA.rglob("*") if p.suffix in (".yaml", ".yml", ".csv")}
    assert on_disk == set(FILES)
    assert set(DATA_FILES.values()) == set(SCHEMAS)
    assert "quizzes/02_timeline.yaml" in FILES and "timeline.csv" in FILES and len(YAML_FILES) >= 13


def _first_item(data: dict) -> dict | None:
    lists = [v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
    return lists[0][0] if lists else None


@pytest.mark.parametrize("where", ["top", "item"])
def test_an_alias_bomb_in_any_field_of_any_data_file_is_one_line_in_under_2_s(course, where):
    """The bomb in every YAML data file at once (one `coursekit validate` for all): in its
    first field, or in the first field of its list's first item (all but article.yaml)."""
    lines = {}
    for rel in YAML_FILES:
        data = json.loads(json.dumps(load_yaml(DATA / rel)))
        target = data if where == "top" else _first_item(data)
        if target is None:
            continue
        key = next(iter(target))
        target[key] = "BOMB-HERE"
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)
        (course / rel).write_text(text.replace("BOMB-HERE", BOMB), encoding="utf-8")
        lines[rel] = (next(n for n, t in enumerate(text.splitlines(), 1) if "BOMB-HERE" in t), key)
    assert len(lines) >= (len(YAML_FILES) if where == "top" else len(YAML_FILES) - 1)
    for rel, (line, key) in lines.items():
        start = time.perf_counter()
        data, problems = load_yaml_or_problems(course / rel)
        assert time.perf_counter() - start < 2, rel
        assert data is None and len(problems) == 1, rel
        assert str(problems[0]).startswith(f"data/{rel}:{line}: {key}: aliases (*name) would repeat"), rel
    everything = _problems()
    for rel in lines:
        assert [p for p in everything if p.startswith(f"data/{rel}:")] == [
            str(load_yaml_or_problems(course / rel)[1][0])], rel


def _problems() -> list[str]:
    """Every problem `coursekit validate` gives for data/, run in a thread so that a hang
    fails the test instead of stopping it."""
    found: list = []
    worker = threading.Thread(target=lambda: found.append(validate_all(Path("data"))[0]), daemon=True)
    worker.start()
    worker.join(120)
    assert found, "validating did not finish"
    return [str(p) for p in found[0]]


@pytest.mark.parametrize("kind", ["link loop", "folder", "FIFO"])
def test_a_data_file_that_is_a_link_loop_a_folder_or_a_fifo_is_one_line(course, kind):
    """Every data file replaced at once; each is named in one line. Then the article's text."""
    if kind == "FIFO" and not hasattr(os, "mkfifo"):
        pytest.skip("FIFOs are a POSIX feature")
    _replace(course, FILES, kind)
    _each_named_once(FILES, kind)
    shutil.rmtree(course)
    shutil.copytree(ROOT / "data", course)
    _replace(course, [ARTICLE_TEXT], kind)
    _each_named_once([ARTICLE_TEXT], kind)


def _replace(course: Path, files: list[str], kind: str) -> None:
    for rel in files:
        path = course / rel
        path.unlink()
        if kind == "link loop":
            path.symlink_to(path.name)
        elif kind == "folder":
            path.mkdir()
        else:
            os.mkfifo(path)


def _each_named_once(files: list[str], kind: str) -> None:
    said = {"link loop": "is a loop of symbolic links", "folder": "is a folder, not a file",
            "FIFO": "is a named pipe (FIFO), not a file"}[kind]
    everything = _problems()
    assert all("\n" not in p for p in everything)
    for rel in files:
        named = {p for p in everything if f"data/{rel}: " in p}
        assert len(named) == 1 and said in named.pop(), (rel, everything)


@pytest.mark.parametrize("value, said", [
    ("/etc/passwd", "must name a .txt file in data/article/ (without a folder)"),
    ("../../x.txt", "must name a .txt file in data/article/ (without a folder)"),
    ("123", "should be text, not a number"),
    ("[a.txt, b.txt]", "should be text, not a list"),
    ("outside.txt", "leads to "),
])
def test_article_yaml_with_a_wrong_file_is_named(course, value, said):
    meta = course / "article" / "article.yaml"
    text = meta.read_text(encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("file:"))
    meta.write_text("".join(f"file: {value}\n" if t.startswith("file:") else t
                            for t in text.splitlines(keepends=True)), encoding="utf-8")
    (course / "article" / "outside.txt").symlink_to(ROOT / "README.md")
    problems = [str(p) for p in validate_all(course)[0] if p.file == "data/article/article.yaml"]
    assert len(problems) == 1 and problems[0].startswith(f"data/article/article.yaml:{line}: file: ")
    assert said in problems[0] and "\n" not in problems[0]
    from coursekit.errors import DataError
    from coursekit.reading.article import load_article

    with pytest.raises(DataError, match="article.yaml:"):
        load_article(course)


def test_an_unknown_top_level_key_is_refused_in_every_data_file(course):
    for rel in FILES:
        path = course / rel
        if rel.endswith(".csv"):
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            header = next(i for i, t in enumerate(lines) if not t.startswith("#"))
            lines[header:] = [t if t.startswith("#") or not t.strip() else t.rstrip("\n") + ",x\n"
                              for t in lines[header:]]
            lines[header] = lines[header].replace(",x\n", ",surprise\n")
            path.write_text("".join(lines), encoding="utf-8")
        else:
            path.write_text(path.read_text(encoding="utf-8") + "surprise: 1\n", encoding="utf-8")
    everything = _problems()
    for rel in FILES:
        expected = "unknown column(s): surprise" if rel.endswith(".csv") else "surprise: is not a known field"
        assert any(p.startswith(f"data/{rel}:") and expected in p for p in everything), rel


def test_every_schema_refuses_unknown_top_level_keys():
    for name, text in schema_texts().items():
        assert json.loads(text).get("additionalProperties") is False, name


def _mappings_with_fields(node, where: str):
    """Every (place, schema) in ``node`` that describes a mapping by its fields."""
    if isinstance(node, dict):
        kinds = node.get("type") if isinstance(node.get("type"), list) else [node.get("type")]
        if "object" in kinds and "properties" in node:
            yield where, node
        for key, value in node.items():
            yield from _mappings_with_fields(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _mappings_with_fields(value, f"{where}[{i}]")


def test_every_mapping_of_every_schema_refuses_unknown_keys():
    # A misspelt optional field (`aliasses:`) would otherwise be dropped without a word.
    found = [(where, schema) for name, text in schema_texts().items()
             for where, schema in _mappings_with_fields(json.loads(text), name)]
    assert len(found) >= 45
    assert [where for where, schema in found if schema.get("additionalProperties") is not False] == []


def _rewrite_every_file(data: Path, change) -> None:
    for rel in FILES + [ARTICLE_TEXT]:
        path = data / rel
        path.write_bytes(change(path.read_bytes()))


@pytest.mark.parametrize("variant", ["BOM", "CRLF", "BOM and CRLF"])
def test_bom_and_crlf_variants_of_every_data_file_validate(course, variant):
    before = [str(p) for p in validate_all(course)[0]]  # the course's own state, whatever it is
    def change(raw: bytes) -> bytes:
        if "CRLF" in variant:
            raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        return (b"\xef\xbb\xbf" if "BOM" in variant else b"") + raw
    _rewrite_every_file(course, change)
    assert [str(p) for p in validate_all(course)[0]] == before
    assert notes(course) == []
    from coursekit.reading.article import load_article

    assert load_article(course).paragraph(1).text == load_article(ROOT / "data").paragraph(1).text


def test_the_schema_comment_is_advice_printed_as_a_note(course, capsys):
    status = main(["validate", "data"])
    capsys.readouterr()
    for rel in YAML_FILES:
        path = course / rel
        path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    assert main(["validate", "data"]) == status
    out = capsys.readouterr().out.splitlines()
    noted = [line for line in out if line.startswith("note: ")]
    assert len(noted) == len(YAML_FILES)
    wanted = schema_comment("quizzes/02_timeline.yaml", "quiz.schema.json")
    assert f"note: data/quizzes/02_timeline.yaml:1: a first line '{wanted}' would let editors" in "\n".join(noted)


def test_messages_never_print_a_whole_value(course):
    actors = course / "actors.yaml"
    big = "x" * 200_000
    actors.write_text(actors.read_text(encoding="utf-8").replace("stance: Wants MINUSMA to leave without delay.",
                                                                  f"stance: [{big}]\n    {big[:1000]}: 1", 1),
                      encoding="utf-8")
    problems = [p for p in _problems() if "actors.yaml" in p]
    assert len(problems) >= 2 and all(len(p) < 400 and "\n" not in p for p in problems), problems
