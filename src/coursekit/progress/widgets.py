"""The name box and the upload button: a thin display layer over the progress file
(:mod:`coursekit.progress.store`) and the import (:mod:`coursekit.progress.restore`).

Students call :func:`my_name` once to put their name on their exports, and
:func:`import_answers` in a new session to bring an earlier export back.

>>> import os, tempfile
>>> from coursekit.progress.store import ProgressStore
>>> store = ProgressStore(os.path.join(tempfile.mkdtemp(), "p.json"))
>>> box = my_name(store=store)
>>> box.text.value = "Ana Díaz"
>>> box.save_button.click()
>>> store.name()
'Ana Díaz'
"""
from __future__ import annotations

import os
from typing import Any

import ipywidgets as w

from coursekit.errors import AnswerError, ProgressError
from coursekit.markup import escape
from coursekit.progress.export import file_slug
from coursekit.progress.restore import ImportResult, import_bytes, import_file
from coursekit.progress.store import NAME_MAX, ProgressStore, clean_name

_WIDE = {"description_width": "initial"}


def _status(mark: str, message: str) -> str:
    return f'<div class="coursekit-message" role="status" aria-live="polite">{mark} {escape(message)}</div>'


class NameBox:
    """The name the instructor knows the student by: a labelled box, pre-filled with the
    saved name, and a Save button.

    For tests and browser tests: ``widget`` (class ``coursekit-name``), ``text`` (the
    box, ``coursekit-name-input``, labelled "Your name:"), ``save_button``
    (``coursekit-name-save``, "Save name"), ``status`` (``coursekit-name-status``).
    Type into ``text`` and call ``save_button.click()``.
    """

    def __init__(self, store: ProgressStore | None = None):
        self.store = store or ProgressStore()
        saved = self.store.name()  # never fails: a file that cannot be read counts as empty
        why = self.store.problem()
        problem = (f"Your name cannot be saved: {why}. A name you save here is kept in this session "
                   "and goes into coursekit.export_answers()." if why else "")
        self.intro = w.HTML(
            "The name your instructor knows you by. It goes into the file "
            "<code>coursekit.export_answers()</code> writes, and names that file. "
            "You can change it here at any time; leave it empty to remove it.",
            _dom_classes=("coursekit-name-help",))
        self.text = w.Text(value=saved or "", description="Your name:", placeholder="e.g. Ana Díaz",
                           tooltip="Your name as your instructor knows it; saved in your progress file "
                                   "and written into your exported answers",
                           style=_WIDE, _dom_classes=("coursekit-name-input",))
        self.save_button = w.Button(description="Save name", icon="check",
                                    tooltip="Save your name (it goes on your exported answers)",
                                    _dom_classes=("coursekit-name-save",),
                                    layout=w.Layout(width="auto"))
        self.save_button.on_click(lambda _b: self.save())
        self.status = w.HTML(_status("⚠", problem) if problem else "", _dom_classes=("coursekit-name-status",))
        self.widget = w.VBox([self.intro, w.HBox([self.text, self.save_button]), self.status],
                             _dom_classes=("coursekit-name",))
        self.saved = saved

    def save(self) -> str | None:
        """What clicking Save does: save the box's name (empty removes it) and say so."""
        try:
            self.saved = self.store.set_name(self.text.value)
        except AnswerError as exc:
            self.status.value = _status("✘", f"{exc} Nothing was saved.")
            return self.saved
        except ProgressError as exc:
            self.saved = clean_name(self.text.value) or None  # kept in memory by the store
            self.status.value = _status("✘", f"Not saved: {exc}. Your name is kept in this session and goes "
                                             "into coursekit.export_answers(): run it to keep your work.")
            return self.saved
        self.text.value = self.saved or ""
        if not self.saved:
            self.status.value = _status("✔", "Your name was removed; your exports will be named by "
                                             "your student id.")
        elif file_slug(self.saved):
            self.status.value = _status("✔", f"Saved: “{self.saved}”. Your next export will be named "
                                             f"answers-{file_slug(self.saved)}-<date>-<time>.json.")
        else:
            self.status.value = _status("✔", f"Saved: “{self.saved}”. It goes inside your exports; "
                                             "their file names use your student id.")
        return self.saved

    def __repr__(self) -> str:
        if self.saved:
            return f"Your name: {self.saved} (saved). Change it in the box and click Save name."
        return (f"Your name: none saved yet. Type it in the box (at most {NAME_MAX} characters) "
                "and click Save name.")

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        bundle = self.widget._repr_mimebundle_()
        bundle["text/plain"] = repr(self)
        return bundle


class ImportBox:
    """An upload button that brings an exported answers file back into this session.

    For tests and browser tests: ``widget`` (class ``coursekit-import``), ``label``
    (``coursekit-import-label``), ``upload`` (an ipywidgets ``FileUpload``,
    ``coursekit-import-upload``, "Choose your answers file", accepts ``.json``),
    ``status`` (``coursekit-import-status``), ``result`` (the last
    :class:`ImportResult`). Set ``upload.value`` as the browser does (a tuple of dicts
    with ``name`` and ``content``), or call :meth:`load`.
    """

    def __init__(self, store: ProgressStore | None = None):
        self.store = store or ProgressStore()
        self.result: ImportResult | None = None
        self.label = w.HTML(
            "<strong>Bring back your answers:</strong> click the button and choose the "
            "<code>answers-….json</code> file you downloaded from an earlier session.",
            _dom_classes=("coursekit-import-label",))
        self.upload = w.FileUpload(accept=".json", multiple=False, description="Choose your answers file",
                                   icon="upload", tooltip="Choose an answers file exported from this course",
                                   _dom_classes=("coursekit-import-upload",), layout=w.Layout(width="auto"))
        self.upload.observe(self._on_upload, names="value")
        self.status = w.HTML("", _dom_classes=("coursekit-import-status",))
        self.widget = w.VBox([self.label, self.upload, self.status], _dom_classes=("coursekit-import",))

    def load(self, data: bytes, filename: str) -> ImportResult:
        """Bring back the export in ``data`` and show what was done."""
        self.result = import_bytes(data, filename, self.store)
        self.status.value = _status("✔" if self.result.ok else "✘", self.result.message)
        return self.result

    def _on_upload(self, change: dict) -> None:
        files = change.get("new") or ()
        if not files:
            return
        item = files[0]
        try:
            data = bytes(item["content"])
            name = str(item.get("name") or "the file")
        except (KeyError, TypeError, ValueError, AttributeError):
            self.status.value = _status("✘", "That upload could not be read; nothing was changed.")
            return
        self.load(data, name)
        # Empty the button, so the same file can be chosen again.
        self.upload.value = ()

    def __repr__(self) -> str:
        return "Bring back your answers: choose an answers-….json file you exported earlier."

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        bundle = self.widget._repr_mimebundle_()
        bundle["text/plain"] = repr(self)
        return bundle


def my_name(name: str | None = None, *, store: ProgressStore | None = None) -> NameBox:
    """Show a box to save the name your instructor knows you by (optional). Your name goes
    into your exported answers and names the file; run it again to change it.

    With ``name``, that name is saved at once (the box shows it).

    ``coursekit.my_name()``
    """
    box = NameBox(store)
    if name is not None:
        box.text.value = name
        box.save()
    return box


def import_answers(path: str | os.PathLike | None = None, *,
                   store: ProgressStore | None = None) -> Any:
    """Bring back the answers of an earlier session from a file ``export_answers()`` wrote.

    Without ``path``: shows a button to upload the file from your computer. With a
    ``path`` (``"my-answers/answers-ana-diaz-20260301-093000.json"``): reads that file.
    Answer by answer, the one further on is kept, so nothing newer is lost. Run a
    quiz's cell again afterwards to see its restored answers.

    ``coursekit.import_answers()``
    """
    if path is None:
        return ImportBox(store)
    return import_file(path, store)


__all__ = ["my_name", "import_answers", "NameBox", "ImportBox"]
