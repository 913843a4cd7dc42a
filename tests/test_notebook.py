"""coursekit.notebook: a student's mistake shows as one line in IPython, never a traceback."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coursekit.errors import CourseError
from coursekit.notebook import did_you_mean, install, one_line, show_course_error, suggestion

ROOT = Path(__file__).resolve().parents[1]


def _ipython(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run ``code`` (cells separated by a line ``# cell``) in a fresh IPython shell, as a
    notebook kernel runs cells; prints what each cell printed."""
    script = (
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "shell = InteractiveShell.instance(history_length=0)\n"
        f"for cell in {code!r}.split('# cell\\n'):\n"
        "    result = shell.run_cell(cell)\n"
        "    print('--- failed' if not result.success else '--- ok')\n"
    )
    env = {**os.environ, "IPYTHONDIR": str(tmp_path / "ipython")}
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT / "notebooks", env=env, timeout=120)


def test_a_students_mistakes_print_one_line_each_and_no_traceback(tmp_path):
    run = _ipython(
        "import coursekit\n"
        "article = coursekit.load_article()\n"
        "council = coursekit.load_council()\n"
        "# cell\n"
        "article.show(99)\n"
        "# cell\n"
        'council.decide({"USA": "no"})\n'
        "# cell\n"
        'council.decide({"Russia": "veto"})\n'
        "# cell\n"
        'council.scenario("russia-no")\n'
        "# cell\n"
        'coursekit.load_timeline().get("salgado")\n'
        "# cell\n"
        'coursekit.voices(lesson="04_actors")\n'
        "# cell\n"
        "print(article.show(25))\n", tmp_path)
    out = run.stdout + run.stderr
    assert "Traceback" not in out and "Error" not in out, out
    assert run.stdout.splitlines() == [
        "--- ok",
        "⚠ the article has paragraphs 1 to 25; there is no paragraph 99",
        "--- failed",
        "⚠ 'USA' is not a member of the Council in 2023 (did you mean \"United States\"?); the members "
        "are China, France, Russia, United Kingdom, United States, Albania, Brazil, Ecuador, Gabon, "
        "Ghana, Japan, Malta, Mozambique, Switzerland, United Arab Emirates",
        "--- failed",
        "⚠ 'veto' is not a vote; use one of: yes, no, abstain, absent",
        "--- failed",
        "⚠ no preset 'russia-no' (did you mean \"russia-votes-no\"?); the scenarios (presets) are "
        "resolution-2640, resolution-2690, mali-sanctions-veto-2023, mali-sanctions-russian-draft-2023, "
        "russia-votes-no, china-and-russia-vote-no, a-permanent-member-abstains, a-permanent-member-is-absent, "
        "five-elected-abstain, seven-abstain, procedural-with-a-permanent-no",
        "--- failed",
        "⚠ no timeline entry 'salgado' (did you mean \"salgado-expelled\"?)",
        "--- failed",
        "⚠ data/actors.yaml lists no actors for the lesson '04_actors' (did you mean "
        "\"04_actors_and_interests\"?); lessons with a list: 04_actors_and_interests",
        "--- failed",
        "[25] Malians voted on Sunday in a referendum proposing constitutional amendments ahead of "
        "transition to democratic rule, expected in March 2024.",
        "--- ok",
    ]


def test_other_errors_keep_their_traceback(tmp_path):
    run = _ipython("import coursekit\ncoursekit.load_article()\n# cell\n1 / 0\n", tmp_path)
    assert "ZeroDivisionError" in run.stdout + run.stderr
    assert "⚠" not in run.stdout


class _Shell:
    """What :func:`install` uses of an IPython shell."""

    def __init__(self, exceptions=(), handler=None):
        self.custom_exceptions = exceptions
        self.CustomTB = handler
        self.calls = 0

    def set_custom_exc(self, exc_tuple, handler):
        self.calls += 1
        self.custom_exceptions = exc_tuple
        self.CustomTB = lambda *args, **kw: handler(self, *args, **kw)


def test_install_once_and_keep_another_handler(capsys):
    seen = []
    shell = _Shell((KeyError,), lambda etype, value, tb, tb_offset=None: seen.append(value) or ["other"])
    assert install(shell) and install(shell)
    assert shell.calls == 1 and shell.custom_exceptions == (KeyError, CourseError)
    assert shell.CustomTB(CourseError, CourseError("no such paragraph"), None) == ["⚠ no such paragraph"]
    assert capsys.readouterr().out == "⚠ no such paragraph\n"
    error = KeyError("x")
    assert shell.CustomTB(KeyError, error, None) == ["other"] and seen == [error]


def test_install_does_nothing_outside_ipython():
    assert install() is False or "IPython" in sys.modules  # only a running shell is hooked


def test_the_handler_prints_the_message_alone(capsys):
    error = CourseError("a message\n  spread over lines")
    assert show_course_error(None, CourseError, error, None) == ["⚠ a message spread over lines"]
    assert capsys.readouterr().out == "⚠ a message spread over lines\n"
    assert one_line(CourseError()) == "⚠ CourseError"


@pytest.mark.parametrize("wrong, choices, expected", [
    ("Rusia", ["China", "Russia"], ["Russia"]),
    ("FRANCE", ["China", "France"], ["France"]),
    ("mali", ["mali-government", "malta"], ["mali-government"]),
    ("wagner group", ["wagner", "russia"], ["wagner"]),
    ("abstention", ["yes", "no", "abstain", "absent"], ["abstain", "absent"]),
    ("usa", ["Russia", "United States"], []),  # a few letters inside a word are not a match
    ("", ["China"], []),
])
def test_did_you_mean(wrong, choices, expected):
    assert did_you_mean(wrong, choices) == expected


def test_suggestion_is_empty_when_nothing_is_close():
    assert suggestion("veto", ["yes", "no", "abstain", "absent"]) == ""
    assert suggestion("Rusia", ["Russia"]) == ' (did you mean "Russia"?)'
