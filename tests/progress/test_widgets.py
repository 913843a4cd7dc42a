"""The name box and the upload button, used as a student would: type, click, choose a file."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import ipywidgets as widgets
import pytest

import coursekit
from coursekit.course import load_course
from coursekit.progress.store import NAME_MAX, ProgressStore
from coursekit.progress.widgets import ImportBox, NameBox, import_answers, my_name


@pytest.fixture(autouse=True)
def store(own_progress):
    """Every test here has its own progress file, student id and exports folder (conftest.py)."""
    return own_progress


def uploaded(data: bytes, name: str = "answers-ana-20260301-093000.json"):
    """What an ipywidgets 8 FileUpload's value holds after a student chooses one file."""
    return ({"name": name, "type": "application/json", "size": len(data), "content": memoryview(data),
             "last_modified": datetime(2026, 3, 1, tzinfo=timezone.utc)},)


def a_question():
    """The first question lesson 01's quiz shows (the banks change; the tests should not)."""
    return coursekit.quiz("01_reading_the_article").questions[0].question


def an_export(name=None, answer="25"):
    return json.dumps({
        "format": "coursekit-answers", "version": 2, "course": load_course().id, "student": "s-earlier",
        "name": name, "aliases": [], "exported": "2026-03-01T09:30:00+00:00",
        "banks": {"01_reading_the_article": {"answers": {a_question().id: {
            "answer": answer, "tries": 1, "score": 1.0, "points": 1.0, "status": "correct", "finished": True,
            "saved": "2026-03-01T09:00:00+00:00"}}}}}).encode("utf-8")


# -- the name box ---------------------------------------------------------------------

def test_the_public_names_are_these():
    assert coursekit.my_name is my_name and coursekit.import_answers is import_answers


def test_the_name_box_is_labelled_and_saves_on_click(store):
    box = my_name()
    assert isinstance(box, NameBox) and isinstance(box.text, widgets.Text)
    assert box.text.description == "Your name:" and box.text.tooltip  # a visible label and a description
    assert "coursekit-name-input" in box.text._dom_classes and "coursekit-name" in box.widget._dom_classes
    assert box.save_button.description == "Save name" and "coursekit-name-save" in box.save_button._dom_classes
    assert box.text.value == "" and repr(box).startswith("Your name: none saved yet.")
    box.text.value = "  Ana   Díaz "
    box.save_button.click()
    assert store.name() == "Ana Díaz" and box.text.value == "Ana Díaz"
    assert 'role="status"' in box.status.value
    assert "Saved: “Ana Díaz”. Your next export will be named answers-ana-diaz-&lt;date&gt;" in box.status.value
    bundle = box._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == "Your name: Ana Díaz (saved). Change it in the box and click Save name."


def test_the_box_shows_the_saved_name_and_a_change_names_the_next_export(store):
    store.set_name("Ana Díaz")
    box = my_name()
    assert box.text.value == "Ana Díaz"
    box.text.value = "Ana María Díaz"
    box.save_button.click()
    assert coursekit.export_answers().path.name.startswith("answers-ana-maria-diaz-")
    box.text.value = ""
    box.save_button.click()
    assert store.name() is None and "Your name was removed" in box.status.value
    assert coursekit.export_answers().path.name.startswith("answers-test-student-")


def test_my_name_with_a_name_saves_it_at_once(store):
    box = my_name("Goïta\ud83d")
    assert store.name() == "Goïta" and box.text.value == "Goïta" and "✔ Saved" in box.status.value


def test_a_name_without_latin_letters_is_saved_and_the_file_named_by_the_id(store):
    box = my_name("أحمد")
    assert store.name() == "أحمد" and "their file names use your student id" in box.status.value


def test_a_name_too_long_is_a_message_not_a_traceback(store):
    store.set_name("Ana")
    box = my_name()
    box.text.value = "A" * (NAME_MAX + 5)
    box.save_button.click()
    assert "✘" in box.status.value and "Nothing was saved" in box.status.value and store.name() == "Ana"


def test_a_progress_file_that_cannot_be_written_is_a_message(tmp_path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    blocked = ProgressStore(tmp_path / "a-file" / "progress.json")
    box = my_name(store=blocked)
    assert "Your name cannot be saved: cannot save answers in" in box.status.value
    assert "a-file is a file, not a folder" in box.status.value
    box.text.value = "Ana"
    box.save_button.click()
    assert "✘ Not saved: cannot save answers in" in box.status.value
    assert "kept in this session and goes into coursekit.export_answers()" in box.status.value
    assert blocked.name() == "Ana" and box.saved == "Ana"  # kept for the export, not lost


def test_a_fifo_at_the_progress_path_never_hangs_the_name_box(tmp_path):
    import os
    import threading

    fifo = tmp_path / "progress.json"
    os.mkfifo(fifo)
    waited = threading.Event()

    def release():  # should the box open the FIFO and wait, let it go on: the test fails below
        waited.set()
        for flags in (os.O_RDONLY | os.O_NONBLOCK, os.O_WRONLY | os.O_NONBLOCK):
            try:
                os.close(os.open(fifo, flags))
            except OSError:
                pass
    timer = threading.Timer(5, release)
    timer.start()
    try:
        box = my_name(store=ProgressStore(fifo))
        box.text.value = "Ana"
        box.save_button.click()
    finally:
        timer.cancel()
    assert not waited.is_set()
    assert "is a named pipe (FIFO), not a file" in box.status.value and "✘ Not saved" in box.status.value


# -- the upload button ----------------------------------------------------------------

def test_the_upload_button_takes_json_and_is_labelled():
    box = import_answers()
    assert isinstance(box, ImportBox) and isinstance(box.upload, widgets.FileUpload)
    assert box.upload.accept == ".json" and not box.upload.multiple
    assert box.upload.description == "Choose your answers file"
    assert "coursekit-import-upload" in box.upload._dom_classes and "coursekit-import" in box.widget._dom_classes
    assert "Bring back your answers" in box.label.value
    assert box._repr_mimebundle_()["text/plain"].startswith("Bring back your answers")


def test_choosing_a_file_brings_the_answers_back(store):
    box = import_answers()
    box.upload.value = uploaded(an_export(name="Ana Díaz"))
    assert box.result is not None and box.result.ok
    assert ("✔ Brought back 1 answer from 1 quiz of answers-ana-20260301-093000.json. Your name “Ana Díaz” "
            "came back too. Run a quiz&#x27;s cell again to see its restored answers.") in box.status.value
    assert store.bank("01_reading_the_article")[a_question().id]["answer"] == "25"
    assert store.name() == "Ana Díaz"
    assert box.upload.value == ()  # emptied, so the same file can be chosen again
    quiz = coursekit.quiz("01_reading_the_article")  # built afterwards: the answer is back
    view = next(v for v in quiz.questions if v.question.id == a_question().id)
    assert view.state.answer == "25" and view.state.finished and "Restored" in view.feedback.value


def test_choosing_a_wrong_file_is_one_line_and_changes_nothing(store):
    store.set_name("Ben Okoro")
    before = store.path.read_bytes()
    box = import_answers()
    for data, says in [(b"\x89PNG\r\n", "it is not a text file"),
                       (b'{"format": "coursekit-answers", "version": 2, "course": "Elsewhere", "banks": {}}',
                        "another course"),
                       (an_export(name="Ana Díaz"), "it holds the answers of “Ana Díaz”, not of “Ben Okoro”")]:
        box.upload.value = uploaded(data, "photo.json")
        assert "✘" in box.status.value and says in box.status.value and "nothing was changed" in box.status.value
        assert store.path.read_bytes() == before


def test_an_upload_without_content_is_a_message():
    box = import_answers()
    box._on_upload({"new": ({"name": "x.json"},)})
    assert "That upload could not be read; nothing was changed." in box.status.value
    box._on_upload({"new": ()})  # emptying the button does nothing


def test_import_answers_with_a_path_reads_that_file(tmp_path, store):
    path = tmp_path / "answers-ana.json"
    path.write_bytes(an_export())
    result = import_answers(path)
    assert result.ok and str(result).startswith("Brought back 1 answer from 1 quiz of answers-ana.json.")
    assert repr(import_answers(tmp_path / "nope.json")).startswith(f"{(tmp_path / 'nope.json').as_posix()}: "
                                                                    "there is no such file")
