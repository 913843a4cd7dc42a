"""coursekit build-site: the folder it writes, from the real course (stored outputs, so quick)
and from lessons changed to misbehave. The browser tests (tests/browser/test_site.py) build it
with the lessons executed and use the pages."""
from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from coursekit.cli import main
from coursekit.course import load_course
from coursekit.site.build import MARKER, STATIC, build_site
from coursekit.site.cells import SiteError, widget_calls

ROOT = Path(__file__).resolve().parents[2]


class _Links(HTMLParser):
    """Every URL a page loads or links to, and its JSON data elements."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.links: list[str] = []
        self.ids: list[str] = []
        self._json: str | None = None
        self.json: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"])
        if tag in ("script", "img", "iframe", "source", "audio", "video") and a.get("src"):
            self.loads.append(a["src"])
        if tag == "link" and a.get("href"):
            self.loads.append(a["href"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "script" and a.get("type") == "application/json":
            self._json = a["id"]
            self.json[self._json] = ""

    def handle_data(self, data):
        if self._json:
            self.json[self._json] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._json = None


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(out, execute=False)
    return out


def test_every_lesson_of_course_yaml_has_a_page_linked_from_the_index(site):
    course = load_course()
    index = (site / "index.html").read_text(encoding="utf-8")
    assert course.title in index
    for lesson in course.lessons:
        assert (site / f"{lesson.id}.html").is_file(), lesson.id
        assert f'href="{lesson.id}.html"' in index
        assert lesson.title.replace("'", "&#x27;") in index
    assert {p.name for p in site.glob("*.html")} == {f"{lesson.id}.html" for lesson in course.lessons} | {
        "index.html", "glossary.html", "article.html"}


def test_pages_load_only_files_of_the_folder(site):
    for page in site.glob("*.html"):
        parsed = _parse(page)
        for url in parsed.loads:
            assert not re.match(r"^[a-z]+:|^//", url) or url.startswith("data:"), f"{page.name} loads {url}"
            if not url.startswith("data:"):
                assert (site / url).is_file(), f"{page.name} loads {url}, which the build did not write"
        for url in parsed.links:
            if not re.match(r"^[a-z]+:", url) and not url.startswith("#"):
                target = url.split("#")[0]
                assert (site / target).is_file(), f"{page.name} links to {url}, which does not exist"
    for css in (site / "static").glob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "@import" not in text and not re.search(r"url\((?!['\"]?data:)", text), css.name


def test_the_static_files_are_copied_and_shipped_with_the_package(site):
    shipped = sorted(p.name for p in STATIC.iterdir() if p.is_file())
    assert sorted(p.name for p in (site / "static").iterdir()) == shipped
    assert '"site/static/*"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def _calls(lesson_id: str) -> list:
    nb = json.loads((ROOT / "notebooks" / f"{lesson_id}.ipynb").read_text(encoding="utf-8"))
    return [c for cell in nb["cells"] if cell["cell_type"] == "code"
            for c in widget_calls("".join(cell["source"]))]


def test_every_widget_call_of_a_lesson_becomes_a_mount_point(site):
    seen_kinds = set()
    for lesson in load_course().lessons:
        html = (site / f"{lesson.id}.html").read_text(encoding="utf-8")
        calls = [c for c in _calls(lesson.id) if not c.then]
        asks = [c for c in calls if c.name == "ask"]
        quizzes = [c for c in calls if c.name == "quiz"]
        assert html.count('<div class="ck-quiz"') == len(asks) + len(quizzes), lesson.id
        assert html.count("data-question=") == len(asks), lesson.id
        for c in asks:
            assert f'data-question="{c.args[-1]}"' in html
        for kind, names in (("ck-votes", {"vote_simulator"}), ("ck-timeline", {"explore_timeline"}),
                            ("ck-progress", {"my_name", "export_answers", "import_answers"}),
                            ("ck-scores", {"my_scores", "review_quiz", "my_answers"})):
            n = sum(c.name in names for c in calls)
            assert html.count(f'<div class="{kind}"') == n, (lesson.id, kind)
            if n:
                seen_kinds.add(kind)
    assert seen_kinds == {"ck-votes", "ck-timeline", "ck-progress", "ck-scores"}


def test_each_page_carries_the_data_its_mount_points_need(site):
    for page in site.glob("*.html"):
        parsed = _parse(page)
        html = page.read_text(encoding="utf-8")
        for name, text in parsed.json.items():
            json.loads(text)  # every data element is valid JSON
            assert "</" not in text, f"{page.name}: {name} could close its script element"
        for bank in set(re.findall(r'class="ck-quiz" data-bank="([^"]+)"', html)):
            assert f"ck-bank-{bank}" in parsed.json, f"{page.name}: no data for the bank {bank}"
        for kind, data, script in (("ck-votes", "ck-council-data", "votes.js"),
                                   ("ck-timeline", "ck-timeline-data", "timeline.js"),
                                   ("ck-article-search", "ck-article-data", "article.js")):
            if f'<div class="{kind}"' in html:
                assert data in parsed.json and f"static/{script}" in parsed.loads, (page.name, kind)
        if re.search(r'class="ck-(quiz|progress|scores)"', html):
            assert "ck-course" in parsed.json and "static/quiz.js" in parsed.loads, page.name
        assert len(parsed.ids) == len(set(parsed.ids)), f"{page.name} repeats an id"


def test_code_is_folded_and_widget_calls_show_no_code(site):
    html = (site / "01_reading_the_article.html").read_text(encoding="utf-8")
    assert '<details class="ck-code"><summary>The code</summary>' in html
    assert "coursekit.quiz(" not in html and "coursekit.ask(" not in html


def _course_copy(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "notebooks").mkdir()
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copyfile(path, tmp_path / "notebooks" / path.name)
    return tmp_path / "data", tmp_path / "notebooks"


def _edit_first_lesson(notebooks: Path, cells: list[dict]) -> Path:
    lesson = load_course().lessons[0]
    path = notebooks / lesson.notebook
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"][1:1] = cells
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_html_in_a_lesson_and_in_text_outputs_is_shown_as_text(tmp_path):
    data, notebooks = _course_copy(tmp_path)
    _edit_first_lesson(notebooks, [
        {"cell_type": "markdown", "id": "ck-test-md", "metadata": {},
         "source": ["Type <script>alert(1)</script> and press <kbd>Tab</kbd>."]},
        {"cell_type": "code", "id": "ck-test-print", "metadata": {}, "execution_count": 1, "source": ["print(x)"],
         "outputs": [{"output_type": "stream", "name": "stdout", "text": ["<img src=x onerror=alert(2)>\n"]}]},
    ])
    build_site(tmp_path / "out", data_dir=data, notebooks=notebooks, execute=False)
    html = (tmp_path / "out" / f"{load_course().lessons[0].id}.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<kbd>Tab</kbd>" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html and "<img src=x" not in html


def test_a_cell_that_failed_names_its_lesson_and_cell(tmp_path):
    data, notebooks = _course_copy(tmp_path)
    path = _edit_first_lesson(notebooks, [
        {"cell_type": "code", "id": "ck-test-error", "metadata": {}, "execution_count": 1, "source": ["1/0"],
         "outputs": [{"output_type": "error", "ename": "ZeroDivisionError", "evalue": "division by zero",
                      "traceback": []}]}])
    with pytest.raises(SiteError, match=rf"notebooks/{path.name}, cell 2: ZeroDivisionError: division by zero"):
        build_site(tmp_path / "out", data_dir=data, notebooks=notebooks, execute=False)


def test_ask_with_an_unknown_question_is_an_error_naming_it(tmp_path):
    data, notebooks = _course_copy(tmp_path)
    _edit_first_lesson(notebooks, [
        {"cell_type": "code", "id": "ck-test-ask", "metadata": {}, "execution_count": 1,
         "source": ['coursekit.ask("no-such-question")'],
         "outputs": []}])
    with pytest.raises(SiteError, match='ask\\("no-such-question"\\): no question bank has a question'):
        build_site(tmp_path / "out", data_dir=data, notebooks=notebooks, execute=False)


def test_a_lesson_without_its_notebook_is_an_error(tmp_path):
    data, notebooks = _course_copy(tmp_path)
    lesson = load_course().lessons[-1]
    (notebooks / lesson.notebook).unlink()
    with pytest.raises(SiteError, match=f"lists the lesson '{lesson.id}', but .*{lesson.notebook} does not exist"):
        build_site(tmp_path / "out", data_dir=data, notebooks=notebooks, execute=False)


def test_a_build_replaces_an_earlier_build_but_never_another_folder(tmp_path):
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(SiteError, match="is not empty and holds no earlier build"):
        build_site(other, execute=False)
    assert (other / "notes.txt").read_text(encoding="utf-8") == "keep me"
    out = tmp_path / "site"
    build_site(out, execute=False)
    (out / "stale.html").write_text("old", encoding="utf-8")
    build_site(out, execute=False)
    assert (out / MARKER).is_file() and not (out / "stale.html").exists()


def test_the_command_builds_the_site(tmp_path, capsys):
    assert main(["build-site", "-o", str(tmp_path / "site"), "--stored-outputs"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("wrote ") and "index.html" in out
    assert (tmp_path / "site" / "index.html").is_file()


def test_a_widget_the_site_cannot_show_says_where_it_works():
    from coursekit.site.cells import code_cell_html

    cell = {"cell_type": "code", "source": "coursekit.some_new_widget()", "outputs": [
        {"output_type": "display_data", "data": {"application/vnd.jupyter.widget-view+json": {"model_id": "x"},
                                                 "text/plain": "Box()"}}]}
    html, calls = code_cell_html(cell, {}, "notebooks/x.ipynb, cell 1")
    assert calls == [] and "interactive in the notebook edition" in html and "Box()" not in html


def test_a_chart_of_a_widgets_result_is_left_to_the_notebook():
    from coursekit.site.cells import code_cell_html

    html, calls = code_cell_html({"cell_type": "code", "source": "coursekit.my_scores().plot()", "outputs": []},
                                 {}, "notebooks/x.ipynb, cell 1")
    assert [c.then for c in calls] == ["plot"]
    assert 'class="ck-scores"' not in html and "my_scores().plot()</code> draws this as a figure" in html


def test_the_index_and_each_lesson_show_its_time_as_the_notebooks_do(site):
    # One format of a lesson's time (course.Minutes), in the notebooks' frame and on the pages.
    course = load_course()
    index = (site / "index.html").read_text(encoding="utf-8")
    total = sum((lesson.minutes for lesson in course.lessons), type(course.lessons[0].minutes)(0, 0))
    assert f"about {total.in_hours()} in all" in index
    for lesson in course.lessons:
        assert f"Lesson {lesson.number} · {lesson.minutes}</p>" in index, lesson.id
        page = (site / f"{lesson.id}.html").read_text(encoding="utf-8")
        assert f"of {len(course.lessons) - 1:02d} · {lesson.minutes}</p>" in page, lesson.id


def test_a_build_loads_the_banks_once(tmp_path, monkeypatch):
    # The quizzes' data (coursekit.site.quizdata) is made from the banks the build loaded.
    import coursekit.quizzes.bank

    real, calls = coursekit.quizzes.bank.load_all_banks, []

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(coursekit.quizzes.bank, "load_all_banks", counted)
    build_site(tmp_path / "site", execute=False)
    assert len(calls) == 1


def test_links_to_a_lesson_point_at_its_page_in_text_and_outputs(tmp_path):
    data, notebooks = _course_copy(tmp_path)
    _edit_first_lesson(notebooks, [
        {"cell_type": "markdown", "id": "ck-test-link", "metadata": {},
         "source": ["## Votes\n\nSee [lesson 3](03_security_council.ipynb#votes) and [the UN](https://un.org)."]},
        {"cell_type": "markdown", "id": "ck-test-again", "metadata": {}, "source": ["## Votes"]},
        {"cell_type": "code", "id": "ck-test-html", "metadata": {}, "execution_count": 1, "source": ["x"],
         "outputs": [{"output_type": "execute_result", "execution_count": 1, "metadata": {},
                      "data": {"text/html": "<a href='03_security_council.ipynb'>lesson 3</a>",
                               "text/plain": "x"}}]},
    ])
    build_site(tmp_path / "out", data_dir=data, notebooks=notebooks, execute=False)
    html = (tmp_path / "out" / f"{load_course().lessons[0].id}.html").read_text(encoding="utf-8")
    assert '<a href="03_security_council.html#votes">lesson 3</a>' in html
    assert '<a href="https://un.org" rel="noopener noreferrer">the UN</a>' in html
    assert "<a href='03_security_council.html'>lesson 3</a>" in html and "03_security_council.ipynb" not in html
    # Anchors stay unique over the page's cells (one parser for the page).
    assert '<h2 id="votes">Votes</h2>' in html and '<h2 id="votes-1">Votes</h2>' in html


def test_each_lesson_page_says_how_to_read_a_lesson_written_for_notebooks(site):
    # The lessons speak of "the next cell" and of calls to type; a page says what those mean here.
    from coursekit.site.pages import READING_HERE
    for lesson in load_course().lessons:
        page = (site / f"{lesson.id}.html").read_text(encoding="utf-8")
        assert '<aside class="ck-reading-here" aria-label="Reading this page">' in page, lesson.id
        assert READING_HERE in page and "the next cell" in READING_HERE, lesson.id
    assert "ck-reading-here" not in (site / "index.html").read_text(encoding="utf-8")
