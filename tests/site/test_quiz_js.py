"""The quiz engine (static/quiz.js) in Chromium, on a page of its own: every bank mounted,
a question of every type answered wrong then right (same messages as Python's), the
keyboard alone, progress kept over a reload, the export regraded by ``coursekit grade``
with the page's score, an import restoring it, and instructors' HTML never run.

The pages of the built site are tested with the site; this page holds only what the
engine needs (the payloads of coursekit.site.quizdata and the mount points).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from coursekit.progress.gradebook import grade_exports, regrade_export
from coursekit.quizzes import questions as qm
from coursekit.quizzes.bank import SCHEMA_COMMENT, bank_files, load_all_banks, load_bank
from coursekit.site.payloads import script_json
from coursekit.site.quizdata import bank_payload, course_payload

pytestmark = pytest.mark.browser

STATIC = Path(__file__).resolve().parents[2] / "src" / "coursekit" / "site" / "static"
EXAMPLE = load_bank("_example")


def make_page(folder: Path, banks: list, course: dict | None = None, extra: str = "") -> str:
    """An HTML page mounting ``banks`` (their quizzes and inline questions), the progress
    box, the scores and ``extra`` (more mount points); returns its file:// URL."""
    parts = [script_json("ck-course", course or course_payload())]
    mounts = ['<div class="ck-progress"></div>', '<div class="ck-scores"></div>']
    for b in banks:
        parts.append(script_json(f"ck-bank-{b.id}", bank_payload(b)))
        mounts.append(f'<div class="ck-quiz" data-bank="{b.id}"></div>')
        mounts += [f'<div class="ck-quiz" data-bank="{b.id}" data-question="{q.id}"></div>'
                   for q in b.questions if q.inline]
    mounts.append(extra)
    return _write_page(folder, "Quiz engine", parts, mounts)


def _write_page(folder: Path, title: str, parts: list[str], mounts: list[str]) -> str:
    """``folder``/index.html: quiz.js and quiz.css beside it, the payloads ``parts``, then the
    mount points; returns its file:// URL."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("quiz.js", "quiz.css"):
        shutil.copy(STATIC / name, folder / name)
    (folder / "index.html").write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="stylesheet" href="quiz.css"></head><body><main><h1>{title}</h1>'
        + "".join(parts) + "".join(mounts) + '</main><script src="quiz.js"></script></body></html>',
        encoding="utf-8")
    return (folder / "index.html").as_uri()


@pytest.fixture
def example_page(site_page, tmp_path):
    url = make_page(tmp_path / "site", [EXAMPLE])
    site_page.goto(url)
    site_page.wait_for_selector(".ck-question")
    site_page.site_url = url
    return site_page


def box(page, qid: str):
    return page.locator(f'section.ck-question[data-question="{qid}"]').first


def answer(page, qid: str, raw) -> str:
    """Put ``raw`` into the question's controls as a student would, click Check; the message."""
    page.evaluate("""([qid, raw]) => { const v = window.CourseKit.views.find(v => v.q.id === qid);
                                       v.widget.restore(raw); }""", [qid, raw])
    question = box(page, qid)
    question.locator(".ck-check").click()
    return question.locator(".ck-message").inner_text()


def wrong_answer(q: qm.Question):
    """An answer to ``q`` that is readable and not right."""
    right = q.correct_answer()
    by_type = {
        "single": lambda: next(o.text for o in q.options if o.text != right),
        "multiple": lambda: [next(o.text for o in q.options if o.text not in right)],
        "truefalse": lambda: not right,
        "numeric": lambda: f"{q.answer + q.tolerance + 1000:g}",
        "text": lambda: "nothing like it",
        "ordering": lambda: list(reversed(right)),
        "matching": lambda: {left: q.rights[-1] for left in q.lefts},
        "cloze": lambda: [next(o for o in g.options if o not in g.answer) if g.options else "nothing like it"
                          for g in q.gaps],
        "reflection": lambda: "Too short",
        "verdict": lambda: {"verdict": next(o for o in q.options if o not in q.answer),
                            "why": "the record shows another thing"},
    }
    return by_type[q.type]()


def test_every_question_mounts_with_no_request_outside_and_no_error(site_page, tmp_path):
    banks = [load_bank(p) for p in bank_files(examples=True)]
    site_page.goto(make_page(tmp_path / "all", banks))
    site_page.wait_for_selector(".ck-question")
    assert site_page.locator("section.ck-question").count() == sum(len(b.questions) for b in banks)
    assert site_page.script_errors == [] and site_page.outside_requests == []
    # Every control has a label a screen reader reads.
    unlabelled = site_page.evaluate("""() => Array.from(document.querySelectorAll(
        '.ck-quiz input, .ck-quiz select, .ck-quiz textarea, .ck-progress input'))
        .filter(c => !c.labels || c.labels.length === 0).map(c => c.outerHTML)""")
    assert unlabelled == []


def test_every_type_wrong_then_right_says_what_python_says(example_page):
    page = example_page
    done = set()
    for q in EXAMPLE.questions:
        if q.type in done:
            continue
        done.add(q.type)
        state = qm.QuestionState()
        for raw in (wrong_answer(q), q.correct_answer()):
            expected = qm.submit(q, state, raw)
            assert answer(page, q.id, raw) == expected.message, (q.id, raw)
            feedback = box(page, q.id).locator(".ck-line")
            lines = [line for line in (expected.grade.feedback if expected.grade else ()) if line]
            assert feedback.count() == len(lines), (q.id, lines)
        status = box(page, q.id).locator(".ck-status").inner_text()
        assert status.startswith(("✔ correct", "◐ partly correct", "✎ answered")), status
        if q.graded and q.hints and state.tries > 1:
            assert "Hint 1 of" in box(page, q.id).locator(".ck-hints").inner_text()
        if q.explanation and state.finished:
            assert box(page, q.id).locator(".ck-explanation").inner_text().strip()
    assert done == set(qm.TYPES)


def test_a_word_in_a_number_box_is_a_message_not_a_try(example_page):
    numeric = next(q for q in EXAMPLE.questions if q.type == "numeric")
    before = box(example_page, numeric.id).locator(".ck-status").inner_text()
    assert answer(example_page, numeric.id, "abc") == '"abc" is not a number: type digits, e.g. 42 or 3.5.'
    assert box(example_page, numeric.id).locator(".ck-status").inner_text() == before
    assert "2 tries left" in before or "3 tries left" in before


def test_the_keyboard_alone_answers_a_question(example_page):
    page = example_page
    q = next(q for q in EXAMPLE.questions if q.type == "truefalse" and not q.inline)
    question = box(page, q.id)
    question.locator("input[type=radio]").first.focus()
    page.keyboard.press("ArrowDown" if q.answer is False else "Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "ck-check"
    page.keyboard.press("Enter")
    assert question.locator(".ck-message").inner_text() == "✔ Correct."


def test_progress_survives_a_reload_and_the_export_is_graded_alike(site_page, tmp_path):
    page = site_page
    lesson = load_all_banks()[1]
    page.goto(make_page(tmp_path / "site", [EXAMPLE, lesson]))
    for q in EXAMPLE.questions + lesson.questions[:4]:
        answer(page, q.id, wrong_answer(q))
        answer(page, q.id, q.correct_answer())
    scores = page.locator(".ck-score").all_inner_texts()
    page.reload()
    page.wait_for_selector(".ck-question")
    assert page.locator(".ck-score").all_inner_texts() == scores
    assert "Restored" in box(page, EXAMPLE.questions[0].id).locator(".ck-feedback").inner_text()
    with page.expect_download() as download:
        page.locator(".ck-export").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == "coursekit-answers" and doc["course"] == course_payload()["id"]
    record = doc["banks"]["_example"]["answers"][EXAMPLE.questions[0].id]
    assert set(record) >= {"answer", "tries", "score", "points", "credit", "finished", "status", "type",
                           "feedback", "saved"}
    # The page's scores are the regraded ones, with nothing to flag.
    for bank, shown in zip([EXAMPLE, lesson], scores):
        assert shown.endswith(f"{doc['banks'][bank.id]['score']:g}/{bank.points:g} points")
    regraded = regrade_export(path, [EXAMPLE], doc["course"])
    assert not regraded.refused
    assert [f for f in regraded.flags if "_example" in f.where] == []
    assert sum(regraded.scores.values()) == pytest.approx(doc["banks"]["_example"]["score"])
    book = grade_exports([path], tmp_path / "grades.csv")
    assert [row.bank_score(lesson) for row in book.rows] == [pytest.approx(doc["banks"][lesson.id]["score"])]
    assert not [f for f in book.flags if lesson.id in f.where]


def test_an_import_restores_the_answers(example_page, site_browser, tmp_path):
    page = example_page
    q = next(q for q in EXAMPLE.questions if q.type == "single" and not q.inline)
    answer(page, q.id, q.correct_answer())
    with page.expect_download() as download:
        page.locator(".ck-export").click()
    path = tmp_path / "answers.json"
    download.value.save_as(path)
    other = site_browser.new_context()  # another browser: nothing kept
    fresh = other.new_page()
    fresh.goto(page.site_url)
    assert "not answered" in box(fresh, q.id).locator(".ck-status").inner_text()
    fresh.locator(".ck-import").set_input_files(str(path))
    fresh.wait_for_function("document.querySelector('.ck-progress-status').textContent.includes('Brought back')")
    assert box(fresh, q.id).locator(".ck-status").inner_text().startswith("✔ correct")
    fresh.reload()
    assert box(fresh, q.id).locator(".ck-status").inner_text().startswith("✔ correct")
    other.close()


def test_instructors_html_is_never_run(site_page, tmp_path):
    hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script> [x](javascript:window.pwned=3)'
    doc = {"bank": "_hostile", "title": hostile, "description": hostile, "questions": [
        {"id": "h-single", "type": "single", "prompt": hostile, "explanation": hostile, "hints": [hostile],
         "options": [{"text": hostile, "feedback": hostile}, "<b>bold?</b>"], "answer": "<b>bold?</b>",
         "feedback": {"incorrect": hostile}}]}
    path = tmp_path / "quizzes" / "_hostile.yaml"
    path.parent.mkdir()
    path.write_text(SCHEMA_COMMENT + "\n" + yaml.safe_dump(doc), encoding="utf-8")
    site_page.goto(make_page(tmp_path / "site", [load_bank(path)]))
    answer(site_page, "h-single", hostile)
    answer(site_page, "h-single", "<b>bold?</b>")
    quiz = site_page.locator(".ck-quiz")
    assert site_page.evaluate("window.pwned") is None
    assert quiz.locator("img, script, b").count() == 0
    assert site_page.evaluate("""() => Array.from(document.querySelectorAll('.ck-quiz a'))
                                 .filter(a => a.href.startsWith('javascript')).length""") == 0
    assert hostile in quiz.inner_text() or "onerror" in quiz.inner_text()


#: WCAG 2.0 and 2.1, levels A and AA (as tests/browser checks the notebooks).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize("width", [1280, 375])
def test_axe_finds_nothing_and_a_phone_needs_no_sideways_scrolling(example_page, width):
    from axe_playwright_python.sync_playwright import Axe

    page = example_page
    page.set_viewport_size({"width": width, "height": 900})
    for q in EXAMPLE.questions:  # feedback, hints and explanations on screen too
        answer(page, q.id, wrong_answer(q))
    found = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                     "resultTypes": ["violations"]}).response["violations"]
    assert [(v["id"], [n["html"][:100] for n in v["nodes"][:3]]) for v in found] == []
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    assert page.outside_requests == []


def test_a_summative_bank_records_answers_and_defers_feedback(site_page, tmp_path):
    doc = {"bank": "_exam", "title": "Exam", "summative": True, "questions": [
        {"id": "exam-count", "type": "numeric", "prompt": "How many?", "answer": 15, "explanation": "Fifteen.",
         "hints": ["Count them."]},
        {"id": "exam-tf", "type": "truefalse", "prompt": "True?", "answer": True, "explanation": "Yes."}]}
    path = tmp_path / "quizzes" / "_exam.yaml"
    path.parent.mkdir()
    path.write_text(SCHEMA_COMMENT + "\n" + yaml.safe_dump(doc), encoding="utf-8")
    exam = load_bank(path)
    page = site_page
    page.goto(make_page(tmp_path / "site", [exam]))
    assert "graded by your instructor" in page.locator(".ck-summative").inner_text()
    assert answer(page, "exam-count", "abc") == '"abc" is not a number: type digits, e.g. 42 or 3.5.'
    assert answer(page, "exam-count", "14").startswith("Saved. Your instructor grades this quiz")
    assert answer(page, "exam-count", "15").startswith("Saved.")  # a new answer replaces it
    question = box(page, "exam-count")
    assert question.locator(".ck-check").inner_text() == "Save"
    assert question.locator(".ck-hints").inner_text() == "" and question.locator(".ck-explanation").inner_text() == ""
    assert "✎ answered" in question.locator(".ck-status").inner_text()
    with page.expect_download() as download:
        page.locator(".ck-export").click()
    exported = tmp_path / "exam.json"
    download.value.save_as(exported)
    answers = json.loads(exported.read_text(encoding="utf-8"))["banks"]["_exam"]["answers"]
    assert answers["exam-count"]["answer"] == "15" and answers["exam-count"]["score"] == 0
    # The gradebook grades it: as a first try, with the course's own key.
    regraded = regrade_export(exported, [exam], course_payload()["id"])
    assert regraded.scores == {("_exam", "exam-count"): 1.0}


def test_an_export_of_the_notebooks_is_brought_back_in_the_page(example_page, tmp_path):
    from coursekit.progress.export import export_document
    from coursekit.progress.store import ProgressStore

    store = ProgressStore(tmp_path / "progress.json")
    done = {}
    for q in EXAMPLE.questions:
        if q.type in done:
            continue
        state = qm.QuestionState()
        qm.submit(q, state, wrong_answer(q))
        qm.submit(q, state, q.correct_answer())
        store.save(EXAMPLE.id, q.id, state.to_record(q))
        done[q.type] = (q.id, state)
    path = tmp_path / "notebook-export.json"
    path.write_text(json.dumps(export_document(store, [EXAMPLE]), ensure_ascii=False), encoding="utf-8")
    page = example_page
    page.locator(".ck-import").set_input_files(str(path))
    page.wait_for_function("document.querySelector('.ck-progress-status').textContent.includes('Brought back')")
    for qid, state in done.values():
        status = box(page, qid).locator(".ck-status").inner_text()
        assert status.startswith(f"{'✔ correct' if state.status == 'correct' else '✎ answered'}"), (qid, status)
        shown = page.evaluate("qid => window.CourseKit.views.find(v => v.q.id === qid).widget.read()", qid)
        assert EXAMPLE.question(qid).check(shown).correct, (qid, shown)  # the boxes hold the right answer


def make_review_page(folder: Path) -> str:
    """Lesson 08's parts as its page mounts them: the scores, the review quiz and the
    scores per objective (every bank's payload on the page)."""
    parts = [script_json("ck-course", course_payload())]
    parts += [script_json(f"ck-bank-{b.id}", bank_payload(b)) for b in load_all_banks()]
    mounts = ['<div class="ck-progress" data-call="import_answers"></div>',
              '<div class="ck-scores" data-call="my_scores"></div>',
              '<div class="ck-scores" data-call="review_quiz"></div>',
              '<div class="ck-scores" data-call="my_scores" data-by="objective"></div>']
    return _write_page(folder, "Review", parts, mounts)


def _review_ids(page) -> list[str]:
    return page.locator('[data-call="review_quiz"] section.ck-question').evaluate_all(
        "ns => ns.map(n => n.getAttribute('data-question'))")


def _objective_cells(page) -> list[list[str]]:
    return page.locator(".ck-objective-scores tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))")


def test_the_review_page_draws_saves_and_scores_like_the_notebook(site_page, tmp_path):
    from coursekit.course import load_course
    from coursekit.quizzes.review import REVIEW_BANK, _objective_score, draw_review, objective_table

    banks, course = load_all_banks(), load_course()
    page = site_page
    page.goto(make_review_page(tmp_path / "site"))
    page.wait_for_selector(".ck-question")
    assert page.script_errors == [] and page.outside_requests == []
    # The review quiz: the questions the notebook draws for this browser's student id.
    student = page.evaluate("window.CourseKit.progress().student")
    drawn = draw_review(banks, student)
    assert _review_ids(page) == [q.id for q in drawn]
    assert page.locator('[data-call="review_quiz"] .ck-quiz-title').inner_text() == \
        "Review: questions from every lesson"
    # Each table once: the lesson scores, the objectives; none in place of the review quiz.
    assert page.locator(".ck-lesson-scores").count() == 1 and page.locator(".ck-objective-scores").count() == 1
    assert page.locator(".ck-scores-table").count() == 2
    # A review question answered right is saved under the review's bank id.
    q = drawn[0]
    assert answer(page, q.id, wrong_answer(q)) != answer(page, q.id, q.correct_answer())
    with page.expect_download() as download:
        page.locator(".ck-export").click()
    path = tmp_path / "review.json"
    download.value.save_as(path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    record = doc["banks"][REVIEW_BANK]["answers"][q.id]
    assert record["tries"] == 2 and record["status"] == "correct" and q.id not in doc["banks"].get(q.bank, {}).get(
        "answers", {})
    # The objectives' table is the notebook's for the same answers.
    records = {b.id: doc["banks"].get(b.id, {}).get("answers", {}) for b in banks}
    records[REVIEW_BANK] = doc["banks"][REVIEW_BANK]["answers"]
    table = objective_table(banks, records, course)
    python = [[r.objective, r.text, f"{r.answered} of {r.questions}", _objective_score(r)] for r in table]
    assert _objective_cells(page) == python
    served = next(r for r in table if r.objective == q.objective)
    assert served.answered == 1 and served.score == record["score"] > 0
    # Another student id (an import of an earlier session's file) gets that student's draw.
    doc["student"], doc["aliases"] = "ada", []
    path.write_text(json.dumps(doc), encoding="utf-8")
    page.locator(".ck-import").set_input_files(str(path))
    page.wait_for_function("document.querySelector('.ck-progress-status').textContent.includes('Brought back')")
    assert page.evaluate("window.CourseKit.progress().student") == "ada"
    assert _review_ids(page) == [x.id for x in draw_review(banks, "ada")]
    page.reload()
    page.wait_for_selector(".ck-question")
    assert _review_ids(page) == [x.id for x in draw_review(banks, "ada")]
    assert _objective_cells(page) == python  # the answers came with the file
    assert page.script_errors == []


def test_my_answers_shows_the_record_only_for_finished_questions(site_page, tmp_path):
    from coursekit.quizzes.review import answer_rows

    bank = load_bank("06_reading_critically")
    first, second = [q for q in bank.questions if q.inline][:2]
    page = site_page
    page.goto(make_page(tmp_path / "site", [bank], extra='<div class="ck-scores" data-call="my_answers" '
                        'data-bank="06_reading_critically" data-only="inline"></div>'))
    answer(page, first.id, first.correct_answer())
    answer(page, second.id, wrong_answer(second))  # a try left: its record stays hidden
    cells = page.locator(".ck-my-answers tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))")
    saved = page.evaluate("window.CourseKit.progress().doc.banks['06_reading_critically']")
    python = answer_rows([q for q in bank.questions if q.inline], saved)
    assert cells == [[r.question, r.status, r.yours or "–", r.key or "–"] for r in python]
    assert cells[0][3] == first.answer_text() and cells[1][3] == "–" and cells[1][2] != "–"
    assert page.locator(".ck-my-answers caption").inner_text() == f"Your answers: {bank.title}"
