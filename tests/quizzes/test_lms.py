"""What the LMS exports share: an instructor's hostile HTML comes out escaped in every format
(GIFT, Moodle XML, QTI), numbers without exponents, and one-line errors for a bad output path."""
from __future__ import annotations

import errno
import os
import re
import stat
import subprocess
import sys
import textwrap
import threading
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from coursekit.cli import main
from coursekit.errors import CourseError
from coursekit.quizzes import questions as qm
from coursekit.quizzes.bank import load_bank
from coursekit.quizzes.gift import export_gift, gift_unescape
from coursekit.quizzes.lms import FORMATS, export_bank, number, write_output

ROOT = Path(__file__).resolve().parents[2]
BANK_01 = ROOT / "data" / "quizzes" / "01_reading_the_article.yaml"

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = "[click](javascript:alert(1))"
RAW_LINK = '<a href="javascript:alert(1)">raw</a>'
EVIL = f"{SCRIPT} {IMG} {LINK} {RAW_LINK}"

# Every field a student or an LMS shows as HTML holds the hostile text.
HOSTILE_BANK = textwrap.dedent(f"""\
    # yaml-language-server: $schema=../quiz.schema.json
    bank: 98_hostile
    title: "Hostile"
    questions:
      - id: h-single
        type: single
        prompt: '{EVIL}'
        options:
          - text: '{EVIL}'
            feedback: '{EVIL}'
          - "plain"
        answer: '{EVIL}'
        hints: ['{EVIL}']
        feedback: {{correct: '{EVIL}', incorrect: '{EVIL}', partial: '{EVIL} partly'}}
        explanation: '{EVIL}'
      - id: h-multiple
        type: multiple
        prompt: '{EVIL}'
        options: ['{EVIL}', "b", "c"]
        answer: ['{EVIL}', "b"]
        explanation: '{EVIL}'
      - id: h-truefalse
        type: truefalse
        prompt: '{EVIL}'
        answer: false
        feedback: {{correct: '{EVIL}', incorrect: '{EVIL}'}}
        explanation: '{EVIL}'
      - id: h-numeric
        type: numeric
        prompt: '{EVIL}'
        answer: 25
        feedback: {{correct: '{EVIL}', incorrect: '{EVIL}'}}
        explanation: '{EVIL}'
      - id: h-text
        type: text
        prompt: '{EVIL}'
        answer: ["Goïta"]
        explanation: '{EVIL}'
      - id: h-ordering
        type: ordering
        prompt: '{EVIL}'
        items: ['{EVIL}', "second", "third"]
        explanation: '{EVIL}'
      - id: h-matching
        type: matching
        prompt: '{EVIL}'
        pairs:
          - {{left: '{EVIL}', right: "one"}}
          - {{left: "two", right: "deux"}}
        explanation: '{EVIL}'
      - id: h-cloze
        type: cloze
        prompt: '{EVIL}'
        text: '{EVIL} [[1]] and [[2]]'
        gaps:
          - answer: "June"
          - answer: '{SCRIPT}'
            options: ['{SCRIPT}', "nine"]
        explanation: '{EVIL}'
      - id: h-reflection
        type: reflection
        prompt: '{EVIL}'
        points: 0
        model_answer: '{EVIL}'
        rubric: ['{EVIL}']
      - id: h-verdict
        type: verdict
        prompt: '{EVIL}'
        options: ['{EVIL}', "checks out"]
        answer: "checks out"
        record: '{EVIL}'
        explanation: '{EVIL}'
    """)

# What must never reach an LMS as HTML: a script, an image that runs code, a javascript: link.
HARMFUL = re.compile(r"<script|<img|<a\s[^>]*href=[\"']?\s*javascript:|\bon\w+=(?![^<]*&gt;)", re.I)


@pytest.fixture
def hostile_bank(tmp_path) -> Path:
    (tmp_path / "quizzes").mkdir()
    path = tmp_path / "quizzes" / "98_hostile.yaml"
    path.write_text(HOSTILE_BANK, encoding="utf-8")
    return path


def test_the_hostile_bank_has_every_type(hostile_bank):
    assert sorted({q.type for q in load_bank(hostile_bank).questions}) == sorted(qm.TYPES)


def test_gift_escapes_hostile_html(hostile_bank, tmp_path):
    out = tmp_path / "h.gift"
    export_gift(hostile_bank, out)
    text = gift_unescape(out.read_text(encoding="utf-8"))  # what Moodle reads
    assert not HARMFUL.search(text), HARMFUL.search(text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def _html_texts_moodle(root: ET.Element) -> list[str]:
    """Every text Moodle reads as HTML: the <text> of an element whose format is html, and the
    question text of a cloze, where the embedded answers sit."""
    out = []
    for el in root.iter():
        if el.get("format") == "html":
            out.append(el.findtext("text") or "")
    return out


def test_moodle_escapes_hostile_html(hostile_bank, tmp_path):
    out = tmp_path / "h.xml"
    export_bank(hostile_bank, "moodle", out)
    root = ET.parse(out).getroot()
    texts = _html_texts_moodle(root)
    assert len(texts) > 40
    for text in texts:
        assert not HARMFUL.search(text), text
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in t for t in texts)
    # Plain-text fields (a matching drop-down) carry no format: Moodle shows them as text.
    assert all(a.get("format") is None for a in root.iter("subquestion") for a in a.iter("answer"))


def test_qti_escapes_hostile_html(hostile_bank, tmp_path):
    out = tmp_path / "h.zip"
    export_bank(hostile_bank, "qti", out)
    with zipfile.ZipFile(out) as z:
        (name,) = [n for n in z.namelist() if n != "imsmanifest.xml"]
        root = ET.fromstring(z.read(name))
    mattexts = [m for m in root.iter() if m.tag.endswith("mattext")]
    html = [m.text or "" for m in mattexts if m.get("texttype") == "text/html"]
    assert len(html) > 30
    for text in html:
        assert not HARMFUL.search(text), text
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in t for t in html)
    assert {m.get("texttype") for m in mattexts} == {"text/html", "text/plain"}


def test_the_harmful_pattern_catches_what_it_should():
    # The check above is only as good as this pattern.
    for bad in (SCRIPT, IMG, '<a href="javascript:x()">a</a>', "<p onclick=alert(1)>"):
        assert HARMFUL.search(bad), bad
    for fine in ("&lt;script&gt;", "&lt;img src=x onerror=alert(1)&gt;", '<a href="#harmful-link">x</a>'):
        assert not HARMFUL.search(fine), fine


# --- numbers and paths --------------------------------------------------------------------

@pytest.mark.parametrize("value, text", [(1e20, "100000000000000000000"), (2.5e-7, "0.00000025"),
                                         (-0.0, "0"), (15000.0, "15000"), (0.1, "0.1")])
def test_numbers_have_no_exponent(value, text):
    assert number(value) == text


def test_write_output_refuses_a_folder_a_missing_folder_and_a_file_as_folder(tmp_path):
    with pytest.raises(CourseError, match="is a folder"):
        write_output(tmp_path, b"x")
    with pytest.raises(CourseError, match="does not exist; create it first"):
        write_output(tmp_path / "missing" / "q.xml", b"x")
    (tmp_path / "file").write_text("x")
    with pytest.raises(CourseError, match="is not a folder"):
        write_output(tmp_path / "file" / "q.xml", b"x")
    assert write_output(tmp_path / "ok.xml", b"x").read_bytes() == b"x"


@pytest.mark.skipif(not Path("/proc/version").is_file(), reason="needs Linux's /proc")
def test_write_output_reports_a_file_it_cannot_write():
    # /proc/version cannot be written, even by root (whom file permissions do not stop).
    with pytest.raises(CourseError, match=r"^/proc/version: cannot be written \("):
        write_output("/proc/version", b"x")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_cli_export_to_a_bad_path_is_one_line_and_fails(fmt, tmp_path):
    for bad in (tmp_path / "missing" / "out", tmp_path):
        proc = subprocess.run([sys.executable, "-m", "coursekit.cli", "export", "--format", fmt, str(BANK_01),
                               "-o", str(bad)], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 1
        assert "Traceback" not in proc.stderr
        lines = [line for line in proc.stderr.splitlines() if not line.startswith("warning: ")]
        assert lines == [lines[0]] and lines[0].startswith(f"coursekit export: {bad}: ")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_cli_export_writes_each_format(fmt, tmp_path, capsys):
    out = tmp_path / f"01{FORMATS[fmt][1]}"
    assert main(["export", "--format", fmt, str(BANK_01), "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    assert out.stat().st_size > 1000


def test_export_bank_names_an_unknown_format(tmp_path):
    with pytest.raises(CourseError, match='"pdf" is not an export format; choose one of gift, moodle, qti'):
        export_bank(BANK_01, "pdf", tmp_path / "x")


def test_export_never_writes_over_the_bank(tmp_path):
    bank = tmp_path / "01.yaml"
    bank.write_bytes(BANK_01.read_bytes())
    with pytest.raises(CourseError, match="is the bank itself"):
        export_bank(bank, "moodle", bank)
    assert bank.read_bytes() == BANK_01.read_bytes()


def _within(seconds, call):
    """``call()``'s exception (or None), failing the test instead of hanging when it takes longer."""
    outcome: list = []

    def run():
        try:
            call()
            outcome.append(None)
        except BaseException as exc:  # handed to the test
            outcome.append(exc)
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert outcome, f"still running after {seconds} s (waiting on a FIFO?)"
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_exporting_a_bank_to_a_fifo_is_one_line_and_never_waits(tmp_path):
    fifo = tmp_path / "quiz.xml"
    os.mkfifo(fifo)
    error = _within(20, lambda: export_bank(BANK_01, "moodle", fifo))
    assert isinstance(error, CourseError)
    assert str(error) == f"{fifo}: it is a named pipe (FIFO), not a file"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_failed_write_leaves_the_previous_export_whole(tmp_path, monkeypatch):
    out = tmp_path / "01.xml"
    export_bank(BANK_01, "moodle", out)
    good = out.read_bytes()

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(CourseError) as caught:
        export_bank(BANK_01, "gift", out)  # other contents, same file
    assert str(caught.value) == f"{out}: cannot be written (No space left on device (the disk is full))"
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["01.xml"]  # no temporary file left


def test_write_output_writes_text_as_utf8(tmp_path):
    assert write_output(tmp_path / "q.gift", "Mali — MINUSMA").read_bytes() == "Mali — MINUSMA".encode("utf-8")
