"""Binder, rehearsed: build the environment from binder/ alone, as repo2docker does, and open lesson 00.

1. copy the course as git would hand it to Binder (tracked and new files, nothing ignored);
2. a new virtual environment, ``pip install -r binder/requirements.txt`` and nothing else;
3. ``binder/postBuild``, run from the course folder as repo2docker runs it: it installs the
   package and the course's JupyterLab settings (``binder/overrides.json``);
4. every third-party module the package and the lessons import is installed there
   (a dependency missing from the pins fails here), every module of the package imports;
5. JupyterLab from that environment serves those settings, answers the badge's URL
   (``/lab/tree/notebooks/00_start_here.ipynb``) and lesson 00 runs there: with
   nbconvert always, and in Chromium when there is one, with no toast or dialog over it.

It prints the environment's size and build time.
"""
from __future__ import annotations

import ast
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from browser.jupyterlab import CHROMIUM_ARGS, SHIPPED_SETTINGS, LabServer, NotebookPage, find_chromium, read_settings

pytestmark = pytest.mark.binder

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
FIRST = "notebooks/00_start_here.ipynb"
REPORT = ROOT / "tests" / "browser" / "screenshots" / "binder-report.json"


def _course_files(root: Path) -> list[Path]:
    """What Binder would get from git: tracked and untracked-but-not-ignored files."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=root, capture_output=True, check=True).stdout
        names = [n for n in out.decode().split("\0") if n]
    except (OSError, subprocess.CalledProcessError):
        skip = {".git", ".venv", "__pycache__", ".pytest_cache", "build", "dist", "screenshots"}
        names = [str(p.relative_to(root)) for p in root.rglob("*")
                 if p.is_file() and not skip & set(p.relative_to(root).parts)
                 and not any(part.endswith(".egg-info") for part in p.parts)]
    return [Path(n) for n in names if (root / n).is_file()]


def _copy_course(dest: Path) -> None:
    for rel in _course_files(ROOT):
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, target)


def _python_for_runtime() -> tuple[str, str]:
    """The interpreter binder/runtime.txt asks for, if this machine has it."""
    wanted = (BINDER / "runtime.txt").read_text().strip().removeprefix("python-")
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    if wanted == here:
        return getattr(sys, "_base_executable", sys.executable), wanted
    found = shutil.which(f"python{wanted}")
    if found:
        return found, wanted
    warnings.warn(f"binder/runtime.txt asks for Python {wanted}, not installed here: "
                  f"rehearsing with Python {here}", stacklevel=2)
    return getattr(sys, "_base_executable", sys.executable), here


_PHASES: dict[str, float] = {}


def _run(cmd, *, cwd, env, what: str, timeout: float = 900) -> str:
    t0 = time.monotonic()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, (
        f"Binder rehearsal: {what} failed (exit {proc.returncode}):\n"
        + "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-25:]))
    _PHASES[what] = round(time.monotonic() - t0, 1)
    return proc.stdout


def _imported_modules(sources: dict[str, str]) -> dict[str, str]:
    """Top-level module names imported anywhere in ``sources`` -> first place seen."""
    found: dict[str, str] = {}
    for where, code in sources.items():
        # Lesson cells may hold magics and shell escapes; they are not Python.
        code = "\n".join(ln for ln in code.splitlines() if not ln.lstrip().startswith(("%", "!")))
        try:
            tree = ast.parse(code)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], where)
    return found


def _sources() -> dict[str, str]:
    sources = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8")
               for p in sorted((ROOT / "src" / "coursekit").rglob("*.py"))}
    for nb_path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for i, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
            src = cell["source"]
            sources[f"{nb_path.relative_to(ROOT)} code cell {i + 1}"] = (
                "".join(src) if isinstance(src, list) else src)
    return sources


def _du(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _run_first_lesson_in_chromium(chromium: str, server: LabServer) -> None:
    """Open the badge's URL in Chromium, Run All Cells, and look for errors and broken widgets."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            nb = NotebookPage(page, server, FIRST).open()
            nb.name = "binder-00_start_here"
            nb.run_all(timeout=120)
            problems = [f"error in {e}" for e in nb.errors()]
            problems += [f"widget not rendered: {p}" for p in nb.wait_for_widgets()]
            nb.screenshot()
            popups = page.locator(".jp-toastContainer .Toastify__toast, .jp-Dialog").all_inner_texts()
            problems += [f"popped up over the lesson: {' '.join(text.split())[:120]!r}" for text in popups]
            assert not problems, (f"Binder rehearsal: {FIRST} in JupyterLab:\n  "
                                  + "\n  ".join(problems))
        finally:
            browser.close()


def test_binder_environment_builds_from_binder_folder_alone_and_opens_lesson_00(capsys, record_property):
    assert (ROOT / FIRST).is_file(), f"{FIRST} is missing: the Binder badge opens it"
    tmp = Path(tempfile.mkdtemp(prefix="coursekit-binder-"))
    course, venv = tmp / "course", tmp / "env"
    report: dict[str, object] = {}
    try:
        _copy_course(course)
        python, version = _python_for_runtime()
        env = {k: v for k, v in os.environ.items()
               if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "MPLBACKEND", "JUPYTER_PATH")}
        env.update({"VIRTUAL_ENV": str(venv), "PATH": f"{venv / 'bin'}{os.pathsep}{env['PATH']}",
                    "PIP_DISABLE_PIP_VERSION_CHECK": "1",
                    # No kernelspec or config of this machine's user: Binder's only.
                    "JUPYTER_DATA_DIR": str(tmp / "jupyter-data"),
                    "JUPYTER_CONFIG_DIR": str(tmp / "jupyter-config"),
                    "IPYTHONDIR": str(tmp / "ipython")})
        bin_dir = venv / "bin"

        started = time.monotonic()
        _run([python, "-m", "venv", str(venv)], cwd=course, env=env, what="python -m venv")
        _run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "-r",
              "binder/requirements.txt"], cwd=course, env=env,
             what="pip install -r binder/requirements.txt")
        post_build = course / "binder" / "postBuild"
        if post_build.exists():
            # repo2docker makes it executable and runs it from the repo's root.
            post_build.chmod(post_build.stat().st_mode | stat.S_IXUSR)
            _run(["./binder/postBuild"], cwd=course, env=env, what="binder/postBuild")
        build_seconds = time.monotonic() - started
        size_mb = _du(venv) / 1e6
        report.update(python=version, build_seconds=round(build_seconds, 1),
                      env_megabytes=round(size_mb))
        record_property("binder_build_seconds", round(build_seconds, 1))
        record_property("binder_env_megabytes", round(size_mb))
        with capsys.disabled():
            print(f"\n[binder rehearsal] Python {version}: environment {size_mb:.0f} MB, "
                  f"built in {build_seconds:.0f} s (venv + pins + postBuild)")

        # A dependency missing from the pins: imported somewhere, not installed in Binder.
        imported = _imported_modules(_sources())
        third_party = {m: where for m, where in imported.items()
                       if m not in sys.stdlib_module_names and m != "coursekit"}
        probe = ("import importlib.util, json, sys; "
                 "print(json.dumps([m for m in sys.argv[1:] if importlib.util.find_spec(m) is None]))")
        missing = json.loads(_run([str(bin_dir / "python"), "-c", probe, *sorted(third_party)],
                                  cwd=tmp, env=env, what="looking up imported modules"))
        assert not missing, "Binder rehearsal: imported but not installed by binder/requirements.txt: " + (
            "; ".join(f"{m} (imported in {third_party[m]})" for m in missing))
        _run([str(bin_dir / "python"), "-m", "pip", "check"], cwd=tmp, env=env,
             what="pip check (the pins are consistent)")
        modules = sorted(
            "coursekit" + "".join(f".{part}" for part in p.relative_to(ROOT / "src" / "coursekit")
                                  .with_suffix("").parts if part != "__init__")
            for p in (ROOT / "src" / "coursekit").rglob("*.py") if p.name != "__main__.py")
        # From a neutral folder, so the installed (editable) package is what imports.
        _run([str(bin_dir / "python"), "-c",
              "import importlib, sys\nfor m in sys.argv[1:]: importlib.import_module(m)", *modules],
             cwd=tmp, env=env, what="importing every module of coursekit in the Binder environment")

        # postBuild put the course's JupyterLab settings where JupyterLab reads its defaults.
        app_dir = _run([str(bin_dir / "python"), "-c",
                        "from jupyterlab.commands import get_app_dir; print(get_app_dir())"],
                       cwd=tmp, env=env, what="finding JupyterLab's app folder").strip()
        installed = Path(app_dir) / "settings" / "overrides.json"
        assert installed.is_file() and read_settings(installed) == read_settings(SHIPPED_SETTINGS), (
            f"Binder rehearsal: binder/postBuild did not install binder/overrides.json as {installed}")

        # The badge's URL, served by the Binder environment's JupyterLab from the course root,
        # with the settings that environment has (app_settings=None: what postBuild installed).
        with LabServer(course, bin_dir=bin_dir, app_settings=None, env={
                "COURSEKIT_PROGRESS": str(tmp / "progress.json")}) as server:
            for plugin, values in read_settings(SHIPPED_SETTINGS).items():
                served = server.settings(plugin)
                assert all(served.get(key) == value for key, value in values.items()), (
                    f"Binder rehearsal: JupyterLab serves {plugin} as {served}, not with {values}")
            status, body = server.get(f"lab/tree/{FIRST}")
            assert status == 200 and b"jupyter-config-data" in body, (
                f"Binder rehearsal: GET /lab/tree/{FIRST} answered HTTP {status}")
            status, body = server.get(f"api/contents/{FIRST}?content=0")
            assert status == 200, f"Binder rehearsal: {FIRST} not served (HTTP {status})"

            _run([str(bin_dir / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
                  "--ExecutePreprocessor.timeout=120", "--output-dir", str(tmp / "executed"),
                  FIRST], cwd=course, env=env, what=f"running every cell of {FIRST} (nbconvert)",
                 timeout=600)

            chromium = find_chromium()
            if chromium is None:
                if os.environ.get("CI"):
                    pytest.fail("CI is set but no Chromium found for the Binder rehearsal")
                report["browser"] = "skipped: no Chromium"
            else:
                # In a thread of its own: the browser tests' Playwright may still be
                # running in this one, and the sync API allows one per thread.
                with ThreadPoolExecutor(1) as pool:
                    pool.submit(_run_first_lesson_in_chromium, chromium, server).result()
                report["browser"] = "lesson 00 ran in Chromium"
    finally:
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        report["phase_seconds"] = dict(_PHASES)
        REPORT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        shutil.rmtree(tmp, ignore_errors=True)
