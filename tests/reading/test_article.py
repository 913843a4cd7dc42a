"""coursekit.reading.article: reading the course's article."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from coursekit.reading.article import Article, count_words, load_article, split_sentences
from coursekit.errors import CourseError, DataError, DataNotFoundError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def art():
    return load_article()


def test_article_file_is_the_supplied_text_unchanged(art):
    text = art.path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "By Kemo Cham for The East African"
    assert len(text.splitlines()) == 30


def test_paragraphs_and_related_links_are_set_apart(art):
    assert len(art.paragraphs) == 25
    assert [r.title for r in art.related] == [
        "Mali junta warns peace deal under threat",
        "UN: Mali army, foreign forces killed 500 people",
        "Mali jails Ivorian soldiers for 20 years",
        "Mali junta leader discusses security, economy with Russia",
    ]
    assert [r.after_paragraph for r in art.related] == [6, 14, 16, 19]
    assert not any(p.text.startswith("Read:") for p in art.paragraphs)
    assert art.paragraph(25).text.startswith("Malians voted on Sunday")
    assert art.paragraph(25).line == 30


def test_metadata_comes_from_the_yaml(art):
    assert (art.author, art.outlet, art.date) == ("Kemo Cham", "The East African", "June 2023 (after 20 June)")


def test_paragraph_out_of_range_says_the_range(art):
    with pytest.raises(CourseError, match="^the article has paragraphs 1 to 25; there is no paragraph 26$"):
        art.paragraph(26)
    with pytest.raises(CourseError, match="there is no paragraph 0"):
        art.show(3, 0)
    with pytest.raises(CourseError, match="'three' is not a paragraph number"):
        art.paragraph("three")
    assert art.paragraph("3") == art.paragraph(3)  # a number typed in quotes is still a number


def test_word_and_sentence_counts():
    assert count_words("Mali’s decision, taken in 2023, is well-known.") == 7
    assert count_words("") == 0
    assert split_sentences("Col. Goïta spoke. Then he left.") == ["Col. Goïta spoke.", "Then he left."]
    assert split_sentences("“We are concerned,” it said. The US agreed.") == [
        "“We are concerned,” it said.", "The US agreed."]


def test_structure_reports_counts(art):
    text = art.structure()
    assert "25 paragraphs" in text and "4 related-story links" in text
    assert f"{art.word_count} words" in text
    assert art.word_count == sum(p.words for p in art.paragraphs) > 700


def test_find_shows_paragraph_and_context(art):
    hits = art.find("referendum")
    assert len(hits) == 1
    assert hits[0].paragraph == 25
    assert hits[0].match == "referendum"
    assert hits[0].before.endswith("Sunday in a ")
    assert "¶25" in str(hits)


def test_find_is_case_insensitive_and_counts_every_hit(art):
    hits = art.find("minusma")
    assert hits.paragraphs() == [2, 3, 8, 13, 15, 17, 18]
    assert len(art.find("veto")) == 1
    assert len(art.find("consent")) == 0
    assert "0 hit(s)" in str(art.find("consent"))
    assert len(art.find("   ")) == 0


def test_find_matches_curly_apostrophes(art):
    assert art.find("Mali's").paragraphs() == art.find("Mali’s").paragraphs() != []


def test_find_html_is_escaped():
    a = Article("By X for Y\n<b>Mali</b> said <script>", actors=load_article().actors)
    html = a.find("Mali")._repr_html_()
    assert "<b>" not in html and "&lt;b&gt;" in html


def test_quotations_and_speakers(art):
    quotes = art.quotations()
    assert [(q.paragraph, q.speaker_id) for q in quotes] == [
        (3, "diop"), (13, "diop"), (23, "us-state-department")]
    assert quotes[0].text.startswith("The government of Mali calls for the withdrawal without delay")
    assert "Abdoulaye Diop" in str(quotes)


def test_mentions_count_paragraphs_and_quotes(art):
    mentions = {m.actor_id: m for m in art.mentions()}
    assert mentions["minusma"].paragraphs[0] == 1
    assert mentions["diop"].quoted == 2 and mentions["diop"].role == "quoted"
    assert mentions["goita"].paragraphs == (4, 19)  # "Goïta" and the misspelt "Goitta"
    assert mentions["us-state-department"].paragraphs == (22,)  # "States Department"
    assert mentions["russia"].role == "mentioned"
    # "UN Security Council" counts for the Council, not also for the UN
    assert 13 in mentions["security-council"].paragraphs
    assert "ecowas" not in mentions and "ECOWAS" in art.absent()


def test_mentions_print_and_describe(art):
    mentions = art.mentions()
    assert str(mentions).splitlines()[1].startswith("MINUSMA")
    assert "quoted directly" in mentions.describe()
    assert "<table>" in mentions._repr_html_()


def test_article_html_sets_related_links_apart(art):
    html = art._repr_html_()
    assert html.count("Related link, not part of the article") == 4
    assert "[25]" in html


def _course_with_article(tmp_path, text: bytes | str | None) -> Path:
    """A copy of the real data folder whose article.yaml names ``a.txt``, holding ``text``."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    meta = data / "article" / "article.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        "file: mali-minusma-the-east-african.txt", "file: a.txt"), encoding="utf-8")
    if text is not None:
        path = data / "article" / "a.txt"
        path.write_bytes(text) if isinstance(text, bytes) else path.write_text(text, encoding="utf-8")
    return data


def test_missing_article_file_says_where_it_looked(tmp_path):
    data = _course_with_article(tmp_path, None)
    with pytest.raises(DataNotFoundError, match="a.txt: the article file was not found"):
        load_article(data)


@pytest.mark.parametrize("text, message", [
    ("\n\n", "a.txt: the article is empty"),
    ("By A for B\n", "a.txt:1: has a byline but no paragraphs"),
    ("By A for B\nCôte\n".encode("latin-1"), r"a.txt:2: is not UTF-8"),
])
def test_a_bad_article_file_is_a_clear_error(tmp_path, text, message):
    data = _course_with_article(tmp_path, text)
    with pytest.raises(DataError, match=message):
        load_article(data)
    from coursekit.reading.article import check_article

    [problem] = check_article(data)
    assert re.search(message, str(problem))


def test_found_from_another_folder_through_the_environment(tmp_path, monkeypatch):
    data = tmp_path / "course-data"
    shutil.copytree(ROOT / "data", data)
    monkeypatch.chdir(tmp_path)  # no data/ above this folder
    monkeypatch.setenv("COURSEKIT_DATA", str(data))
    assert len(load_article().paragraphs) == 25


def test_found_from_the_notebooks_folder(monkeypatch):
    monkeypatch.chdir(ROOT / "notebooks")
    assert load_article().path.resolve() == (ROOT / "data/article/mali-minusma-the-east-african.txt").resolve()


def test_swapped_in_article_is_read_through_article_yaml(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "article" / "other.txt").write_text(
        "By Ann Writer for The Daily\nFirst paragraph.\nRead: elsewhere\nSecond, on MINUSMA.\n",
        encoding="utf-8")
    meta = (data / "article" / "article.yaml").read_text(encoding="utf-8")
    (data / "article" / "article.yaml").write_text(
        meta.replace("file: mali-minusma-the-east-african.txt", "file: other.txt")
        .replace("author: Kemo Cham", "author: Ann Writer"), encoding="utf-8")
    monkeypatch.setenv("COURSEKIT_DATA", str(data))
    art = load_article()
    assert art.author == "Ann Writer"
    assert len(art.paragraphs) == 2 and art.related[0].after_paragraph == 1
    assert [m.actor_id for m in art.mentions()] == ["minusma"]


def test_check_article_reports_missing_metadata_field(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    meta = data / "article" / "article.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("author: Kemo Cham\n", ""), encoding="utf-8")
    from coursekit.reading.article import check_article

    problems = [str(p) for p in check_article(data)]
    assert any(re.search(r"article/article.yaml:\d+: author: is missing$", p) for p in problems), problems


def test_mentions_chart_imports_matplotlib_only_when_drawn(art):
    chart = art.mentions().plot()
    assert chart.description == art.mentions().describe()
    assert chart.png().startswith(b"\x89PNG")
    bundle = chart._repr_mimebundle_()
    assert re.search("alt=[\"']Bar chart of the", bundle["text/html"])


# -- helpers a lesson calls: one call, a readable result, a one-line mistake -------------------

def test_show_gives_the_paragraphs_asked_for_in_that_order(art):
    shown = art.show(13, 3)
    assert [p.number for p in shown] == [13, 3]
    assert str(shown).splitlines()[1].startswith("[3] “The government of Mali calls for the withdrawal")
    assert repr(shown) == str(shown)
    html = shown._repr_html_()
    assert html.count("<p>") == 2 and "title='paragraph 13'" in html and "&#x27;" not in str(shown)


def test_show_without_numbers_says_how_to_call_it(art):
    with pytest.raises(CourseError, match=r"article\.show\(3, 11, 13\); the article has paragraphs 1 to 25"):
        art.show()


def test_related_links_print_one_per_line_with_the_paragraph_they_follow(art):
    lines = str(art.related).splitlines()
    assert lines == [
        "Read: Mali junta warns peace deal under threat (after paragraph 6)",
        "Read: UN: Mali army, foreign forces killed 500 people (after paragraph 14)",
        "Read: Mali jails Ivorian soldiers for 20 years (after paragraph 16)",
        "Read: Mali junta leader discusses security, economy with Russia (after paragraph 19)",
    ]
    assert art.related._repr_html_().count("<li>") == 4


def test_find_asks_for_a_word_in_quotes(art):
    with pytest.raises(CourseError, match=r'such as article\.find\("Wagner"\); 2023 is not a word in quotes'):
        art.find(2023)
