"""coursekit.reading.actors: the actors file and its checks."""
from __future__ import annotations

import pytest

from coursekit.reading.actors import check_actors, load_actors
from coursekit.errors import CourseError, DataError


def write(tmp_path, text):
    path = tmp_path / "actors.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_real_actors_load_with_the_article_spellings():
    actors = load_actors()
    assert {"Goïta", "Goitta"} <= set(actors["goita"].aliases)
    assert "States Department" in actors["us-state-department"].aliases
    assert "Kremlin" in actors["russia"].aliases
    assert actors.alias_map()["Minusma"] == "minusma"
    assert len(actors) >= 20


def test_stance_table_prints_and_escapes():
    table = load_actors().stances()
    assert "Abdoulaye Diop: Says MINUSMA has failed" in str(table)
    assert "(paragraph 13)" in str(table)
    assert "<table>" in table._repr_html_()


def test_duplicate_alias_names_file_actor_and_field(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages name files relative to here
    write(tmp_path, """actors:
  - {id: a, name: A, kind: person, aliases: ["Diop"], description: x}
  - {id: b, name: B, kind: person, aliases: ["Diop"], description: y}
""")
    with pytest.raises(DataError) as err:
        load_actors(tmp_path)
    assert str(err.value) == 'actors.yaml:3: actor "b": aliases: "Diop" already belongs to actor "a"'


def test_missing_field_names_file_actor_and_field(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages name files relative to here
    path = write(tmp_path, """actors:
  - id: a
    name: A
    kind: person
    aliases: []
""")
    with pytest.raises(DataError, match=r'actors.yaml:2: actor "a": description: is missing'):
        load_actors(path.parent)


def test_unknown_kind_and_duplicate_id(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages name files relative to here
    write(tmp_path, """actors:
  - {id: a, name: A, kind: wizard, aliases: [], description: x}
  - {id: a, name: B, kind: person, aliases: [], description: y}
""")
    problems = [str(p) for p in check_actors(tmp_path)]
    assert any(p.startswith('actors.yaml:2: actor "a": kind: ') and "wizard" in p for p in problems)
    assert any(p.startswith("actors.yaml:3: actor \"a\": id: 'a' is used twice (first on line 2)") for p in problems)


def test_yaml_syntax_error_has_a_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages name files relative to here
    write(tmp_path, "actors:\n  - id: a\n    name: [unclosed\n")
    (problem,) = check_actors(tmp_path)
    assert str(problem).startswith("actors.yaml:")
    assert "YAML syntax" in problem.message


def test_evidence_needs_a_paragraph_or_source(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages name files relative to here
    write(tmp_path, """actors:
  - id: a
    name: A
    kind: person
    aliases: []
    description: x
    stance: Wants out.
    evidence:
      - note: said so
""")
    (problem,) = check_actors(tmp_path)
    assert problem.field == "evidence[1]" and "needs a `paragraph` number or a `source`" in problem.message


def test_missing_file_is_one_problem(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages name files relative to here
    (problem,) = check_actors(tmp_path)
    assert problem.message == "file not found"


# --- voices: quoted, only mentioned, absent ----------------------------------------

from dataclasses import dataclass as _dataclass  # noqa: E402

from coursekit.reading.actors import voices  # noqa: E402


@_dataclass
class _Row:
    actor_id: str
    paragraphs: tuple
    quoted: int


def test_voices_on_the_real_article_separates_quoted_mentioned_and_absent():
    from coursekit import load_article

    art = load_article()
    v = voices(art.actors, art.mentions(),
               ["mali-government", "diop", "us-state-department", "france", "wagner",
                "civilians", "ecowas"])
    assert v.names("quoted") == ["Abdoulaye Diop", "The US State Department"]
    assert v.names("mentioned") == ["Mali's transitional government", "France",
                                    "The Wagner Group", "Malian civilians"]
    assert v.names("absent") == ["ECOWAS"]
    text = str(v)
    assert "Abdoulaye Diop: quoted 2 times; named in paragraph(s) 3, 11, 13" in text
    assert "The US State Department: quoted once" in text
    assert text.index("Quoted") < text.index("Only mentioned") < text.index("Never named")


def test_voices_keeps_the_order_given_and_drops_repeats():
    actors = load_actors()
    rows = [_Row("france", (7,), 0), _Row("russia", (6, 7), 0)]
    v = voices(actors, rows, ["russia", "france", "russia"])
    assert [x.actor_id for x in v] == ["russia", "france"]


def test_voices_with_no_mentions_puts_everyone_absent_and_prints_none_for_empty_groups():
    actors = load_actors()
    v = voices(actors, [], ["diop", "ecowas"])
    assert v.names("absent") == ["Abdoulaye Diop", "ECOWAS"]
    assert "Quoted (their own words, in quotation marks): 0\n  (none)" in str(v)
    assert "<li>(none)</li>" in v._repr_html_()


def test_voices_escapes_html_and_rejects_unknown_ids_and_roles():
    actors = load_actors()
    v = voices(actors, [_Row("cote-divoire", (16,), 0)], ["cote-divoire"])
    assert "Côte d&#x27;Ivoire" in v._repr_html_()
    with pytest.raises(CourseError, match="no actor 'mali' .*did you mean \"mali-government\""):
        voices(actors, [], ["mali"])
    with pytest.raises(CourseError, match="role must be one of"):
        v.names("silent")


def test_schema_names_unknown_fields_empty_aliases_and_bad_paragraphs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, """actors:
  - id: a
    name: A
    kind: person
    aliases: ["  "]
    description: x
    colour: red
    evidence:
      - {note: said so, paragraph: 0}
""")
    problems = {(p.line, p.field, p.message) for p in check_actors(tmp_path)}
    assert any((line, f) == (7, "colour") and "is not a known field" in m for line, f, m in problems)
    assert any(f == "aliases[1]" and "must not be empty" in m for _, f, m in problems)
    assert any(f == "evidence[1].paragraph" and "at least 1" in m for _, f, m in problems)


def test_not_a_list_of_actors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "actors: Diop\n")
    (problem,) = check_actors(tmp_path)
    assert str(problem).startswith("actors.yaml:1: actors: ") and "a list" in problem.message


# --- a lesson's actors, and mistakes told in one line ---------------------------------

def test_voices_of_a_lesson_reads_its_actors_from_the_data_in_the_lessons_order():
    actors = load_actors()
    ids = actors.for_lesson("04_actors_and_interests")
    assert ids[:4] == ["mali-government", "diop", "goita", "un"] and len(ids) == 18
    v = voices(lesson="04_actors_and_interests")
    assert [x.actor_id for x in v if x.role == "mentioned"][:3] == ["mali-government", "goita", "un"]
    assert v.names("absent") == ["ECOWAS", "Burkina Faso", "Niger"]
    assert str(v).startswith("Quoted (their own words, in quotation marks): 2\n  - Abdoulaye Diop")


def test_voices_names_an_unknown_lesson_and_refuses_ids_with_a_lesson():
    with pytest.raises(CourseError,
                       match='no actors for the lesson \'04\' \\(did you mean "04_actors_and_interests"\\?\\)'):
        voices(lesson="04")
    with pytest.raises(CourseError, match="not both"):
        voices(ids=["diop"], lesson="04_actors_and_interests")


@pytest.mark.parametrize("wrong, hint", [
    ("mali", 'did you mean "mali-government"?'),
    ("France", 'did you mean "france"?'),
    ("Abdoulaye Diop", 'did you mean "diop"?'),
    ("the moon", None),
])
def test_an_unknown_actor_is_one_line_naming_the_closest_id(wrong, hint):
    with pytest.raises(CourseError) as err:
        load_actors()[wrong]
    message = str(err.value)
    assert message.startswith(f"no actor {wrong!r} in the course's list of actors") and "\n" not in message
    assert (hint in message) if hint else "did you mean" not in message


def test_a_lessons_list_must_name_actors_of_the_file_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, """actors:
  - {id: a, name: A, kind: person, aliases: [], description: x}
lessons:
  "04_actors_and_interests": [a, b, a]
  lesson-4: [a]
""")
    problems = [str(p) for p in check_actors(tmp_path)]
    where = 'actors.yaml:4: lesson "04_actors_and_interests": actors: '
    assert sorted(problems) == [
        "actors.yaml:3: lessons: 'lesson-4': must be a lesson id, as in course.yaml: 04_actors_and_interests",
        where + '"a" is listed twice',
        where + '"b" is not the id of an actor in this file',
    ]


def test_an_id_that_is_a_list_is_a_problem_not_a_crash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, """actors:
  - {id: [a], name: A, kind: person, aliases: [], description: x}
lessons:
  "04_actors_and_interests": [a]
""")
    problems = [str(p) for p in check_actors(tmp_path)]
    assert 'actors.yaml:2: actor 1: id: should be text, not a list' in problems
    assert 'actors.yaml:4: lesson "04_actors_and_interests": actors: "a" is not the id of an actor in this file' \
        in problems
