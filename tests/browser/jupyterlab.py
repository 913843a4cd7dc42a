"""JupyterLab driven by Chromium for the browser tests: a server, a notebook page, what it shows.

The server runs on 127.0.0.1 with a random port and token, with the settings students
get (``binder/overrides.json``, which ``binder/postBuild`` and ``make lab`` install as
JupyterLab's ``overrides.json``: no news or update prompt, no extension manager) served
the same way, and the tests' own settings as user settings on top (``overrides.json`` here:
every cell in the DOM, no autosave, kernels shut down with their tab). Its config, runtime
and workspace folders are its own, so nothing of a developer's own JupyterLab leaks in and
nothing of the tests leaks out.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
#: What students get: JupyterLab's defaults for the course (installed by binder/postBuild).
SHIPPED_SETTINGS = ROOT / "binder" / "overrides.json"
#: The tests' own settings, on top of those: they may add settings, never change a shipped one.
OVERRIDES = HERE / "overrides.json"
SCREENSHOTS = HERE / "screenshots"

VIEWPORT = {"width": 1280, "height": 900}

# The notebook panel on screen (JupyterLab hides the other tabs' panels with this class).
VISIBLE_NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# What ipywidgets shows instead of a widget it could not render.
WIDGET_FAILURES = (
    "Loading widget...",
    "Loading widget\u2026",
    "Error displaying widget",
    "Failed to load model class",
    "Could not create a view",
    "Click to show javascript error",
)
_WIDGET_FAILURE_TEXT = re.compile("|".join(map(re.escape, WIDGET_FAILURES)))


def find_chromium() -> str | None:
    """The path of a Chromium-like browser on PATH, or None."""
    for name in BROWSER_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def new_page(browser):
    """A page in a browser context of its own (its own storage and downloads)."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    context.set_default_timeout(30_000)
    return context.new_page()


def shut_down_kernels_of(server: "LabServer", notebooks) -> None:
    """Shut the kernels of ``notebooks`` (NotebookPages) down, so the next test starts
    from a clean kernel."""
    names = {Path(nb.path).name for nb in notebooks}
    try:
        for session in server.api("api/sessions"):
            if Path(session.get("path", "")).name in names:
                server.delete(f"api/sessions/{session['id']}")
    except Exception:
        pass


def open_lesson(page, server: "LabServer", name: str, timeout: float = 60) -> "NotebookPage":
    """Open ``notebooks/<name>.ipynb`` in a new, empty workspace (no tab an earlier test
    opened comes back with its kernel)."""
    stem = name.removesuffix(".ipynb")
    return NotebookPage(page, server, f"notebooks/{stem}.ipynb").open(
        timeout, workspace=f"test-{uuid.uuid4().hex[:8]}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_course(dest: Path, root: Path = ROOT) -> Path:
    """Copy the lessons and the data they read into ``dest``; return ``dest``.

    Running every cell (and JupyterLab's saving) then never touches the repo's
    notebooks. ``data/`` sits next to ``notebooks/`` as in the repo, so the kernel,
    started in ``notebooks/``, finds it by walking up.
    """
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for name in ("notebooks", "data"):
        if (root / name).is_dir():
            shutil.copytree(root / name, dest / name, ignore=ignore)
    return dest


def _die_with_parent() -> None:
    """In the server's process: get SIGTERM if pytest dies without running its finalizers
    (killed, or stopped by a timeout), so no server or kernel is left behind (Linux only)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def read_settings(path: Path) -> dict[str, dict]:
    """A settings file (``{plugin id: {setting: value}}``), as JupyterLab's ``overrides.json``."""
    return json.loads(path.read_text(encoding="utf-8"))


def own_settings(overrides: Path = OVERRIDES, shipped: Path = SHIPPED_SETTINGS) -> dict[str, dict]:
    """The tests' settings; an error if one of them changes a setting students get, since
    the tests would then no longer see what students see."""
    ours, theirs = read_settings(overrides), read_settings(shipped)
    changed = [f"{plugin}: {key}" for plugin, values in ours.items() for key, value in values.items()
               if key in theirs.get(plugin, {}) and theirs[plugin][key] != value]
    if changed:
        raise ValueError(f"{overrides.name} changes settings {shipped.name} ships to students: "
                         + ", ".join(changed))
    return ours


def write_settings(settings_dir: Path, overrides: Path = OVERRIDES) -> None:
    """Write the tests' ``overrides.json`` as JupyterLab user settings in ``settings_dir``."""
    for plugin, values in own_settings(overrides).items():
        package, _, name = plugin.partition(":")
        target = settings_dir / package / f"{name}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values, indent=2), encoding="utf-8")


class LabServer:
    """A JupyterLab server in a subprocess; use as a context manager.

    ``bin_dir`` is the ``bin/`` of the environment to serve from (default: this
    interpreter's); ``env`` adds or overrides environment variables. ``app_settings`` is
    the ``overrides.json`` served as JupyterLab's app-wide defaults, as ``binder/postBuild``
    installs it (default: ``binder/overrides.json``); ``None`` serves the environment's own
    (what its ``binder/postBuild`` installed: the Binder rehearsal).
    """

    def __init__(self, root_dir: Path, *, bin_dir: Path | None = None,
                 env: dict[str, str] | None = None, startup_timeout: float = 90,
                 app_settings: Path | None = SHIPPED_SETTINGS):
        self.root_dir = Path(root_dir)
        self.app_settings = Path(app_settings) if app_settings else None
        self.bin_dir = Path(bin_dir) if bin_dir else Path(sys.executable).parent
        self.extra_env = dict(env or {})
        self.startup_timeout = startup_timeout
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self._listening = threading.Event()
        self._log_copier: threading.Thread | None = None
        self._home = Path(tempfile.mkdtemp(prefix="coursekit-lab-"))
        self.log_path = self._home / "server.log"

    # -- life cycle ---------------------------------------------------------
    def start(self) -> "LabServer":
        home = self._home
        settings = home / "settings"
        write_settings(settings)
        env = dict(os.environ)
        # The conftest's Agg backend is for nbval; a student's kernel draws inline.
        env.pop("MPLBACKEND", None)
        env.pop("JUPYTER_PATH", None)
        # Exports go where a student's would (inside the served course), so the link works.
        env.pop("COURSEKIT_EXPORTS", None)
        env.update({
            "JUPYTERLAB_SETTINGS_DIR": str(settings),
            "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
            "JUPYTER_CONFIG_DIR": str(home / "config"),
            "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
            "JUPYTER_DATA_DIR": str(home / "data"),
            "IPYTHONDIR": str(home / "ipython"),
            "PATH": f"{self.bin_dir}{os.pathsep}{env.get('PATH', '')}",
            "PYTHONUNBUFFERED": "1",
        })
        env.setdefault("COURSEKIT_PROGRESS", str(home / "progress.json"))
        env.update(self.extra_env)
        cmd = [
            str(self.bin_dir / "jupyter"), "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            "--LabApp.expose_app_in_browser=True",
            "--LabServerApp.extra_labextensions_path=[]",
        ]
        if self.app_settings is not None:
            # A folder of its own holding only that file, where the environment's
            # (<prefix>/share/jupyter/lab/settings) would be: the same file read the same way.
            app_settings = home / "app-settings"
            app_settings.mkdir()
            shutil.copyfile(self.app_settings, app_settings / "overrides.json")
            cmd.append(f"--LabApp.app_settings_dir={app_settings}")
        if os.geteuid() == 0:
            cmd.append("--allow-root")
        self.proc = subprocess.Popen(cmd, cwd=self.root_dir, env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, start_new_session=True,
                                     preexec_fn=_die_with_parent)
        self._log_copier = threading.Thread(target=self._copy_log, args=(self.proc.stdout,),
                                            name="jupyterlab-log", daemon=True)
        self._log_copier.start()
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _copy_log(self, stream) -> None:
        """Copy the server's output to ``log_path``; flag the line with its URL (printed just
        before its loop starts) or the end of its output (it exited)."""
        address = f"127.0.0.1:{self.port}/".encode()
        with open(self.log_path, "wb") as log, stream:
            for line in iter(stream.readline, b""):
                log.write(line)
                log.flush()
                if address in line:
                    self._listening.set()
        self._listening.set()

    def _wait_ready(self, bind_grace: float = 5) -> None:
        if not self._listening.wait(self.startup_timeout):
            raise RuntimeError(f"JupyterLab did not start within {self.startup_timeout:.0f} s:\n"
                               + self.log_tail())
        # The server binds its port in the first turn of its loop, just after printing its URL,
        # and prints nothing once bound: retry a refused connection for that moment. (No page
        # is involved yet, so none of Playwright's waiting applies.)
        deadline = time.monotonic() + bind_grace
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {self.proc.returncode} on start:\n"
                                   + self.log_tail())
            try:
                self.api("api/status")
                return
            except (urllib.error.URLError, ConnectionError, OSError) as err:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab printed its URL but did not answer ({err}):\n"
                                       + self.log_tail()) from None
                time.sleep(0.05)  # justified: see above

    def stop(self) -> None:
        """Stop the server and its kernels (its whole process group), whatever state it is in."""
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                pass
        if proc is not None:
            # Kernels are in the server's group: make sure none outlives it.
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        if self._log_copier is not None:
            # The server and its kernels are gone: their output ends, and so does the copy.
            self._log_copier.join(timeout=5)

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self._home, ignore_errors=True)

    def __enter__(self) -> "LabServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.cleanup()

    # -- talking to it --------------------------------------------------------
    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base}/{path.lstrip('/')}{sep}token={self.token}"

    def get(self, path: str, timeout: float = 10, method: str = "GET") -> tuple[int, bytes]:
        req = urllib.request.Request(f"{self.base}/{path.lstrip('/')}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as err:
            return err.code, err.read()

    def api(self, path: str):
        status, body = self.get(path)
        if status != 200:
            raise urllib.error.URLError(f"{path}: HTTP {status}")
        return json.loads(body)

    def settings(self, plugin: str) -> dict:
        """The settings JupyterLab gives ``plugin``: the schema's defaults, which the server
        has already replaced with the app's ``overrides.json``, then the user's settings."""
        answer = self.api(f"lab/api/settings/{plugin}")
        defaults = {key: prop.get("default") for key, prop in answer["schema"].get("properties", {}).items()}
        return {**defaults, **answer["settings"]}

    def delete(self, path: str) -> int:
        return self.get(path, method="DELETE")[0]

    def kernel_states(self) -> list[str]:
        return [k.get("execution_state", "?") for k in self.api("api/kernels")]

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        text = text.replace(self.token, "<token>")
        return "\n".join(text.splitlines()[-lines:])


# -- the page ----------------------------------------------------------------

@dataclass
class CellError:
    index: int          # 1-based among the notebook's code cells
    source: str
    error: str

    def __str__(self) -> str:
        src = self.source.strip().splitlines()
        first = src[0] if src else ""
        lines = [ln for ln in self.error.strip().splitlines() if ln.strip(" -")]
        return f"code cell {self.index} ({first[:70]!r}):\n    " + "\n    ".join(lines[-5:])


# Each takes the visible notebook's selector (VISIBLE_NOTEBOOK) as its argument.
_JS_CELLS = """
(panel) => {
  const cells = [...document.querySelectorAll(panel + ' .jp-Notebook .jp-Cell.jp-CodeCell')];
  return cells.map((cell, i) => {
    const prompt = cell.querySelector('.jp-InputArea-prompt');
    const editor = cell.querySelector('.jp-InputArea-editor');
    const outputs = [...cell.querySelectorAll('.jp-OutputArea-output')].map(o => ({
      mime: o.getAttribute('data-mime-type') || '',
      text: o.innerText || '',
      widget_error: o.querySelector('.jupyter-widgets-error-widget')
          ? (o.querySelector('.jupyter-widgets-error-widget').title || 'javascript error') : '',
    }));
    return {
      index: i + 1,
      prompt: prompt ? prompt.innerText.trim() : '',
      source: editor ? editor.innerText : '',
      outputs,
    };
  });
}
"""

# True once ``command`` (if any, started by ``NotebookPage.command(..., wait=False)``) has
# finished, the notebook's kernel is connected and idle and no cell is queued or running ("[*]").
_JS_IDLE = """
([panel, command]) => {
  if (command && (window.coursekitCommandsDone || {})[command] === false) return false;
  const w = window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  const prompts = [...document.querySelectorAll(panel + ' .jp-CodeCell .jp-InputArea-prompt')];
  return !!k && k.connectionStatus === 'connected' && k.status === 'idle'
         && !prompts.some(p => p.innerText.includes('*'));
}
"""

# True once every widget model of the visible notebook has had its changes acknowledged by
# the kernel: none in flight (``_pending_msgs``), none held back (``_msg_buffer``: ipywidgets
# holds a model's changes back while one is in flight). Private fields of @jupyter-widgets'
# models (ipywidgets 8); "no-manager" if no widget manager is found, so that a change of
# those internals fails loudly instead of waiting for nothing.
_JS_WIDGETS_SYNCED = """
async () => {
  const nb = window.jupyterapp.shell.currentWidget.content;
  for (const cell of nb.widgets) {
    for (const panel of ((cell.outputArea || {}).widgets || [])) {
      for (const w of (panel.widgets || [])) {
        if (!w._manager) continue;
        const manager = w._manager.promise ? await w._manager.promise : w._manager;
        const models = await Promise.all(Object.values(manager._models || {}));
        return models.every(m => !m._pending_msgs && m._msg_buffer == null);
      }
    }
  }
  return 'no-manager';
}
"""

_TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^\w*(Error|Exception)\b", re.M)


class NotebookPage:
    """One notebook open in JupyterLab in one Playwright page."""

    def __init__(self, page, server: LabServer, path: str):
        self.page = page
        self.server = server
        self.path = path                       # relative to the server's root
        self.name = Path(path).stem

    # -- opening and running ---------------------------------------------------
    def open(self, timeout: float = 60, workspace: str | None = None) -> "NotebookPage":
        """Open the notebook by its URL (``/lab/tree/...``, as a Binder badge does).

        With ``workspace``, in that (new, empty) workspace, so tabs an earlier test
        opened are not restored with their kernels.
        """
        where = f"lab/workspaces/{workspace}/tree/{self.path}" if workspace else f"lab/tree/{self.path}"
        self.page.goto(self.server.url(where), wait_until="domcontentloaded",
                       timeout=timeout * 1000)
        self.page.wait_for_function("() => window.jupyterapp && window.jupyterapp.started !== undefined",
                                    timeout=timeout * 1000)
        self.visible(".jp-Notebook .jp-Cell").first.wait_for(timeout=timeout * 1000)
        self.wait_for_kernel(timeout)
        # More room for the notebook (and the screenshots): fold the file browser away.
        self.page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        return self

    def visible(self, selector: str = ""):
        """The visible notebook panel, or the ``selector`` elements inside it (a locator)."""
        return self.page.locator(f"{VISIBLE_NOTEBOOK} {selector}".strip())

    def command(self, name: str, args: dict | None = None, *, wait: bool = True):
        """Run a JupyterLab command (what a menu item or a shortcut does).

        With ``wait=False`` return at once (a command that opens a dialog only
        finishes once the dialog is answered); ``wait_for_command`` then waits for it.
        """
        if not wait:
            return self.page.evaluate(
                """([name, args]) => {
                     const done = (window.coursekitCommandsDone = window.coursekitCommandsDone || {});
                     done[name] = false;
                     window.jupyterapp.commands.execute(name, args).then(
                       () => { done[name] = true; }, (err) => { done[name] = String(err); });
                   }""", [name, args or {}])
        return self.page.evaluate(
            "([name, args]) => window.jupyterapp.commands.execute(name, args)",
            [name, args or {}])

    def wait_for_kernel(self, timeout: float = 60) -> None:
        """Wait until the notebook's kernel is connected and idle."""
        self.page.wait_for_function(
            """() => {
                 const w = window.jupyterapp.shell.currentWidget;
                 const k = w && w.sessionContext && w.sessionContext.session
                           && w.sessionContext.session.kernel;
                 return k && k.connectionStatus === 'connected' && k.status === 'idle';
               }""", timeout=timeout * 1000)

    def wait_for_command(self, name: str, timeout: float = 60) -> None:
        """Wait until the last ``command(name, wait=False)`` has finished; raise if it failed."""
        self.page.wait_for_function(
            "(name) => (window.coursekitCommandsDone || {})[name] !== false",
            arg=name, timeout=timeout * 1000)
        self._raise_if_command_failed(name)

    def _raise_if_command_failed(self, name: str) -> None:
        outcome = self.page.evaluate("(name) => (window.coursekitCommandsDone || {})[name]", name)
        if isinstance(outcome, str):
            raise AssertionError(f"{self.name}: the command {name} failed: {outcome}")

    def run_all(self, timeout: float = 90) -> None:
        """Run > Run All Cells, then wait until every cell finished and the kernel is idle."""
        self.notebook().click(position={"x": 5, "y": 5})
        self.command("notebook:run-all-cells", wait=False)
        self.wait_until_idle(timeout, command="notebook:run-all-cells")

    def run_cell_containing(self, text: str, timeout: float = 60) -> None:
        """Select the first code cell whose source contains ``text``, run it (Ctrl+Enter), wait."""
        index = self.page.evaluate(
            """(text) => {
                 const nb = window.jupyterapp.shell.currentWidget.content;
                 const i = nb.widgets.findIndex(c => c.model.type === 'code'
                                                     && c.model.sharedModel.getSource().includes(text));
                 if (i >= 0) { nb.activeCellIndex = i; nb.mode = 'command'; }
                 return i;
               }""", text)
        if index < 0:
            raise AssertionError(f"{self.name}: no code cell contains {text!r}")
        self.command("notebook:run-cell", wait=False)
        self.wait_until_idle(timeout, command="notebook:run-cell")

    def cell_output(self, text: str):
        """The output area of the first code cell whose source contains ``text`` (a locator)."""
        cells = self.visible(".jp-CodeCell")
        return cells.filter(has=self.page.locator(".jp-InputArea-editor", has_text=text)).first.locator(
            ".jp-OutputArea")

    def wait_until_idle(self, timeout: float = 90, *, command: str | None = None) -> None:
        """Wait until ``command`` (started with ``wait=False``) has finished, no cell is queued
        or running ("[*]") and the kernel is idle."""
        try:
            self.page.wait_for_function(_JS_IDLE, arg=[VISIBLE_NOTEBOOK, command],
                                        timeout=timeout * 1000)
        except PlaywrightError:
            stuck = [c for c in self.cells() if "*" in c["prompt"]]
            where = (f" (still running: code cell {stuck[0]['index']}: {stuck[0]['source'][:70]!r})"
                     if stuck else "")
            raise AssertionError(
                f"{self.name}: the kernel was not idle after {timeout:.0f} s{where}") from None
        if command:
            self._raise_if_command_failed(command)

    def wait_for_widget_sync(self, timeout: float = 30) -> None:
        """Wait until every change made in the notebook's widgets (a typed answer, a ticked
        box) has reached the kernel, so what a button does next sees it."""
        # The check awaits the widget manager (a promise), which wait_for_function does not
        # do: it is polled inside the page instead, every animation frame, until the deadline.
        state = self.page.evaluate(
            f"""async (timeout) => {{
                  const synced = {_JS_WIDGETS_SYNCED};
                  const deadline = performance.now() + timeout;
                  for (;;) {{
                    const state = await synced();
                    if (state !== false || performance.now() > deadline) return state;
                    await new Promise(requestAnimationFrame);
                  }}
                }}""", timeout * 1000)
        if state == "no-manager":
            raise AssertionError(f"{self.name}: no ipywidgets manager found in the notebook's outputs")
        if state is not True:
            raise AssertionError(f"{self.name}: widget changes had not reached the kernel after {timeout:.0f} s")

    # -- what the page shows -----------------------------------------------------
    def cells(self) -> list[dict]:
        return self.page.evaluate(_JS_CELLS, VISIBLE_NOTEBOOK)

    def errors(self) -> list[CellError]:
        """Error outputs (tracebacks) shown under any code cell."""
        found = []
        for cell in self.cells():
            for out in cell["outputs"]:
                if out["mime"] == "application/vnd.jupyter.stderr" and _TRACEBACK.search(out["text"]):
                    found.append(CellError(cell["index"], cell["source"], out["text"]))
        return found

    def not_run(self) -> list[dict]:
        """Code cells with no execution count after running all (e.g. stopped by an error)."""
        return [c for c in self.cells()
                if c["source"].strip() and not re.search(r"\[\d+\]", c["prompt"])]

    def widget_problems(self) -> list[str]:
        """Widgets that did not render: placeholders or error text left in an output."""
        problems = []
        for cell in self.cells():
            first = (cell["source"].strip().splitlines() or [""])[0][:70]
            for out in cell["outputs"]:
                bad = [w for w in WIDGET_FAILURES if w in out["text"]]
                if out["widget_error"]:
                    problems.append(f"code cell {cell['index']} ({first!r}) shows a broken widget: "
                                    f"{out['widget_error'][:300]}")
                elif bad:
                    problems.append(f"code cell {cell['index']} ({first!r}) shows {bad[0]!r}")
        return problems

    def wait_for_widgets(self, timeout: float = 20) -> list[str]:
        """Wait up to ``timeout`` for no output to show a placeholder or a broken widget;
        return what is still wrong then (``widget_problems``)."""
        outputs = self.visible(".jp-CodeCell .jp-OutputArea-output")
        failing = outputs.filter(has=self.page.locator(".jupyter-widgets-error-widget")).or_(
            outputs.filter(has_text=_WIDGET_FAILURE_TEXT))
        try:
            expect(failing).to_have_count(0, timeout=timeout * 1000)
        except AssertionError:
            pass  # reported below, one line per output
        return self.widget_problems()

    def notebook(self):
        """The visible notebook's DOM node, as a Playwright locator."""
        return self.visible(".jp-Notebook").first

    def restart_kernel(self, timeout: float = 60) -> None:
        """Kernel > Restart Kernel…, accept the dialog, wait for the new kernel to be idle."""
        self.command("notebook:restart-kernel", wait=False)
        self.page.locator(".jp-Dialog .jp-mod-accept").click(timeout=timeout * 1000)
        self.page.locator(".jp-Dialog").wait_for(state="detached", timeout=timeout * 1000)
        # The command ends once the new kernel is connected; until then the old one looks idle.
        self.wait_for_command("notebook:restart-kernel", timeout)
        self.wait_for_kernel(timeout)

    def kernel_log_errors(self, lines: int = 4) -> str:
        """The last traceback in JupyterLab's log console (where errors raised by widget
        callbacks go, since no cell is running then), or ""."""
        try:
            self.command("logconsole:open", {"insertMode": "split-bottom"}, wait=False)
            panel = self.page.locator(".jp-LogConsolePanel").first
            panel.wait_for(timeout=5000)
            # Logged messages render as the console opens; give a traceback a moment to show.
            expect(panel).to_contain_text("Traceback", use_inner_text=True, timeout=3000)
            text = panel.inner_text()
        except (AssertionError, PlaywrightError):  # no console, or no traceback in it
            return ""
        if "Traceback" not in text:
            return ""
        last = text[text.rindex("Traceback"):].splitlines()
        kept = [ln.strip() for ln in last if ln.strip(" -")]
        return " | ".join(kept[-lines:])

    def snap(self, tag: str) -> Path:
        """Save what the window shows now as ``screenshots/<name>-<tag>.png``."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{self.name}-{tag}.png"
        self.page.screenshot(path=str(path))
        return path

    def screenshot(self, tag: str = "", max_pages: int = 30) -> list[Path]:
        """Save the notebook, one viewport at a time, as ``screenshots/<name>[-tag]-<n>.png``."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        stem = f"{self.name}-{tag}" if tag else self.name
        for old in SCREENSHOTS.glob(f"{stem}-[0-9]*.png"):
            old.unlink()
        scroller = f"{VISIBLE_NOTEBOOK} .jp-WindowedPanel-outer"
        has_scroller = self.page.locator(scroller).count() > 0
        saved = []
        for n in range(1, max_pages + 1):
            if has_scroller:
                # Scroll, then let two frames be painted before the screenshot.
                self.page.evaluate(
                    "([sel, n]) => { const s = document.querySelector(sel); "
                    "s.scrollTop = (n - 1) * (s.clientHeight - 40); "
                    "return new Promise(done => requestAnimationFrame("
                    "() => requestAnimationFrame(done))); }", [scroller, n])
            path = SCREENSHOTS / f"{stem}-{n}.png"
            self.page.screenshot(path=str(path))
            saved.append(path)
            if not has_scroller or self.page.evaluate(
                    "(sel) => { const s = document.querySelector(sel); "
                    "return s.scrollTop + s.clientHeight >= s.scrollHeight - 2; }", scroller):
                break
        return saved
