"""coursekit.reading.glossary: the terms, their lookup, the lesson view and the file's checks."""
from __future__ import annotations

import shutil
import textwrap

import pytest

import coursekit
from coursekit.datafiles.validate import validate_all
from coursekit.reading import glossary as gl

GOOD = """\
terms:
  - id: veto
    term: Veto
    aliases: [vetoes]
    definition: A "no" from a permanent member.
    source: UN Charter, Article 27(3)
    lesson: 03_security_council
  - id: abstention
    term: Abstention
    definition: Not voting yes or no.
    source: UN Charter, Article 27(3)
    lesson: 03_security_council
"""


@pytest.fixture
def course(tmp_path, monkeypatch, data_dir):
    """A data folder with the real course.yaml and a glossary.yaml each test writes."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(data_dir / "course.yaml", data / "course.yaml")
    monkeypatch.chdir(tmp_path)

    def write(text: str):
        (data / "glossary.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
        return data

    return write


# --- the real glossary -----------------------------------------------------------


def test_the_real_glossary_loads_and_checks_clean(data_dir):
    terms = gl.load_glossary()
    assert len(terms) >= 30
    assert gl.check_glossary(data_dir) == []


def test_validate_runs_the_glossary_check(data_dir):
    problems, checked = validate_all(data_dir)
    assert "glossary" in checked
    assert [p for p in problems if "glossary" in p.file] == []


def test_glossary_is_public_api():
    assert "glossary" in coursekit.__all__
    assert coursekit.glossary is gl.glossary


def test_every_term_has_a_definition_a_source_and_a_lesson_of_the_course():
    lessons = {lesson.id for lesson in coursekit.load_course().lessons}
    for t in gl.load_glossary():
        assert t.definition and t.source, t.id
        assert t.lesson in lessons and t.lesson != gl.PREVIEW_LESSON, t.id


# --- every term, alphabetical ------------------------------------------------------


def test_whole_glossary_is_alphabetical_and_counts_its_terms():
    g = coursekit.glossary()
    names = [t.term.casefold() for t in g]
    assert names == sorted(names)
    assert str(g).splitlines()[0] == f"Glossary: {len(gl.load_glossary())} terms, A to Z"


def test_whole_glossary_html_is_a_definition_list_with_one_anchor_per_term():
    g = coursekit.glossary()
    html = g._repr_html_()
    assert html.count("<dt id='glossary-") == len(g) and html.count("<dd>") == len(g)
    assert "<dt id='glossary-veto'>" in html
    assert "<dl>" in html and "</dl>" in html


def test_plain_text_shows_aliases_definition_source_and_lesson():
    text = str(coursekit.glossary("veto"))
    assert "Veto (also: vetoes, vetoed):" in text
    assert "Source: UN Charter, Article 27(3)" in text
    assert "First used in lesson 01." in text or "First used in lesson 03." in text


def test_html_escapes_the_file_text(course, monkeypatch):
    data = course(GOOD.replace('Not voting yes or no.', 'Not <b>voting</b> yes or *no*.'))
    html = gl.glossary("abstention", data_dir=data)._repr_html_()
    assert "&lt;b&gt;voting&lt;/b&gt;" in html and "<em>no</em>" in html


# --- one term ------------------------------------------------------------------------


@pytest.mark.parametrize("asked, term_id", [
    ("veto", "veto"), ("VETO", "veto"), ("vetoes", "veto"), ("Chapter VII", "chapter-vii"),
    ("chapter vi", "chapter-vi"), ("P5", "permanent-member"), ("coups", "coup"),
    ("coup d’état", "coup"), ("persona non grata", "persona-non-grata"), ("  AES ", "aes"),
    ("explanation-of-vote", "explanation-of-vote"), ("penholders", "penholder"),
])
def test_one_term_by_its_name_an_alias_or_its_id(asked, term_id):
    g = coursekit.glossary(asked)
    assert isinstance(g, gl.Glossary) and g.ids() == [term_id]


def test_unknown_term_is_one_line_with_close_matches_never_an_exception():
    message = coursekit.glossary("vetto")
    assert isinstance(message, gl.GlossaryMessage)
    text = str(message)
    assert "\n" not in text
    assert text.startswith("“vetto” is not in the glossary") and '"Veto"' in text
    assert "coursekit.glossary()" in text
    assert "role='status'" in message._repr_html_()


def test_unknown_term_without_a_close_match_says_how_to_see_every_term():
    assert str(coursekit.glossary("photosynthesis")) == (
        "“photosynthesis” is not in the glossary. See every term with coursekit.glossary().")


def test_an_empty_term_shows_every_term():
    assert len(coursekit.glossary("  ")) == len(gl.load_glossary())


# --- a lesson's words -----------------------------------------------------------------


def test_lesson_view_lists_the_terms_first_used_there():
    g = coursekit.glossary(lesson="03_security_council")
    assert g.heading == "Words used in this lesson"
    expected = sorted((t for t in gl.load_glossary() if t.lesson == "03_security_council"),
                      key=lambda t: t.term.casefold())
    assert list(g) == expected and "article-27" in g.ids()
    assert str(g).splitlines()[1].startswith("The terms this lesson uses for the first time")


def test_lesson_with_no_new_terms_says_so(course):
    data = course(GOOD)
    g = gl.glossary(lesson="08_review", data_dir=data)
    assert len(g) == 0 and "No new terms in this lesson" in str(g)


def test_unknown_lesson_is_one_line_with_a_suggestion():
    text = str(coursekit.glossary(lesson="03_security_councl"))
    assert "\n" not in text
    assert text.startswith("“03_security_councl” is not a lesson of this course")
    assert '"03_security_council"' in text


# --- where a term is used -------------------------------------------------------------


@pytest.mark.parametrize("names, text, used", [
    (("Chapter VI",), "adopted under Chapter VII", False),
    (("Chapter VI",), "a Chapter VI mission", True),
    (("Alliance of Sahel States", "AES"), "the aes of a song", False),
    (("Alliance of Sahel States", "AES"), "the AES, founded in 2023", True),
    (("Veto",), "a VETO", True),
    (("Veto",), "vetoed", False),
    (("Coup d'état",), "the coup d’état of 2020", True),
    (("Persona non grata",), "declared persona\nnon grata", True),
    (("mandate",), "mandated", False),
])
def test_a_term_is_used_as_whole_words(names, text, used):
    term = gl.Term("t", names[0], "-", "-", "03_security_council", tuple(names[1:]))
    assert term.used_in(text) is used


def test_first_lesson_skips_the_preview_lesson():
    term = gl.Term("veto", "Veto", "-", "-", "03_security_council")
    texts = {"00_start_here": "veto", "01_reading_the_article": "none", "03_security_council": "a veto",
             "04_actors_and_interests": "veto"}
    assert gl.first_lesson(term, texts) == "03_security_council"
    assert gl.first_lesson(term, {"01_reading_the_article": "none"}) is None


def test_lesson_texts_read_the_markdown_of_each_lesson(tmp_path):
    (tmp_path / "03_security_council.ipynb").write_text(
        '{"cells": [{"cell_type": "markdown", "source": ["# The ", "veto"]},'
        ' {"cell_type": "code", "source": ["coursekit.glossary(\\"penholder\\")"]}]}', encoding="utf-8")
    texts = gl.lesson_texts(tmp_path)
    assert texts == {"03_security_council": "# The veto"}


# --- problems in an instructor's file ----------------------------------------------------


def only_problem(problems):
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_good_minimal_file_has_no_problems(course):
    assert gl.check_glossary(course(GOOD)) == []


def test_unknown_lesson_names_file_line_term_and_field(course):
    p = only_problem(gl.check_glossary(course(GOOD.replace("lesson: 03_security_council\n  - id: abstention",
                                                           "lesson: 03_security_councl\n  - id: abstention"))))
    assert (p.file, p.line, p.item, p.field) == ("data/glossary.yaml", 7, 'term "veto"', "lesson")
    assert "is not a lesson in data/course.yaml" in p.message and '"03_security_council"' in p.message


def test_badly_written_lesson_id_is_a_schema_problem(course):
    p = only_problem(gl.check_glossary(course(GOOD.replace("lesson: 03_security_council\n  - id: abstention",
                                                           "lesson: lesson three\n  - id: abstention"))))
    assert p.field == "lesson" and "03_security_council" in p.message


def test_missing_source_is_named(course):
    first_source = "    source: UN Charter, Article 27(3)\n    lesson: 03_security_council\n  - id: abstention"
    p = only_problem(gl.check_glossary(course(GOOD.replace(first_source, first_source.split("\n", 1)[1]))))
    assert (p.item, p.field, p.message) == ('term "veto"', "source", "is missing")


def test_a_name_used_by_two_terms_is_a_problem(course):
    p = only_problem(gl.check_glossary(course(GOOD.replace("aliases: [vetoes]", "aliases: [vetoes, abstention]"))))
    assert (p.line, p.item, p.field) == (9, 'term "abstention"', "term")
    assert p.message == "'Abstention' already names term \"veto\""


def test_an_alias_repeated_in_another_term_names_the_alias(course):
    text = GOOD.replace("    definition: Not voting", "    aliases: [Vetoes]\n    definition: Not voting")
    p = only_problem(gl.check_glossary(course(text)))
    assert (p.item, p.field, p.message) == ('term "abstention"', "aliases", "'Vetoes' already names term \"veto\"")


def test_repeated_id_is_a_problem(course):
    p = only_problem(gl.check_glossary(course(GOOD.replace("id: abstention", "id: veto"))))
    assert p.field == "id" and "used twice" in p.message


def test_loading_a_bad_file_raises_data_error_naming_it(course):
    data = course(GOOD.replace("term: Abstention", "term: ''"))
    with pytest.raises(coursekit.DataError, match="glossary.yaml"):
        gl.load_glossary(data)
