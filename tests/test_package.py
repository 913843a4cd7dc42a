"""The package as a whole: light import, public API, packaging pins."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import coursekit

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                          text=True, cwd=ROOT / "notebooks").stdout


def test_import_does_not_load_matplotlib_or_pandas():
    out = _run("import sys, coursekit; art = coursekit.load_article(); art.mentions(); "
               "print(sorted(m for m in ('matplotlib', 'pandas', 'ipywidgets') if m in sys.modules))")
    assert out.strip() == "[]"


def test_loading_any_data_loads_no_widgets_or_plots():
    # Every loader of the public API (the article, council, mandates, timeline...): data only.
    out = _run("import sys, coursekit\n"
               "for name in coursekit.__all__:\n"
               "    if name.startswith('load_') and name != 'load_bank':\n"
               "        getattr(coursekit, name)()\n"
               "coursekit.load_bank('01_reading_the_article')\n"
               "print(sorted(m for m in ('matplotlib', 'pandas', 'ipywidgets') if m in sys.modules))")
    assert out.strip() == "[]"


def test_plotting_imports_matplotlib_when_first_used():
    out = _run("import sys, coursekit; coursekit.load_article().mentions().plot(); "
               "print('matplotlib' in sys.modules)")
    assert out.strip() == "True"


def test_every_public_name_resolves():
    for name in coursekit.__all__:
        assert getattr(coursekit, name) is not None, name


def test_unknown_attribute_is_an_attribute_error():
    try:
        coursekit.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_binder_pins_are_exact_and_cover_the_runtime_dependencies():
    pins = {}
    for line in (ROOT / "binder/requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, sep, version = line.partition("==")
            assert sep and re.fullmatch(r"[\w.]+", version), f"not an exact pin: {line}"
            pins[name.lower()] = version
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    names = {re.split(r"[<>=!~ ]", d)[0].lower() for d in deps}
    assert names <= set(pins), f"not pinned for Binder: {names - set(pins)}"
    assert (ROOT / "binder/runtime.txt").read_text().strip() == "python-3.11"
    post = (ROOT / "binder/postBuild").read_text()
    assert "set -euo pipefail" in post and "pip install --no-deps -e ." in post


def test_installed_versions_match_the_binder_pins():
    from importlib.metadata import version

    for line in (ROOT / "binder/requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, pinned = line.partition("==")
            assert version(name) == pinned, f"{name}: tests run {version(name)}, Binder pins {pinned}"


def test_no_file_names_a_path_of_the_machine_it_was_made_on():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    offenders = []
    for name in tracked:
        path = ROOT / name
        if path.suffix in {".png", ".jpg"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for marker in ("/work/main", "/root/", "/home/", "site-packages/coursekit"):
            if marker in text and name != "tests/test_package.py":
                offenders.append(f"{name}: {marker}")
    assert not offenders, offenders


def test_a_lesson_with_valid_data_never_imports_jsonschema():
    # jsonschema takes seconds to import (its optional format checkers); it is only
    # needed to word the messages of a file with mistakes.
    out = _run("import sys, coursekit; coursekit.load_article().mentions(); "
               "coursekit.quiz('01_reading_the_article'); from coursekit.timeline.events import load_timeline; "
               "load_timeline(); print('jsonschema' in sys.modules)")
    assert out.strip() == "False"
