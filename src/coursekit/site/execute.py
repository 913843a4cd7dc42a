"""Running the lessons for the static edition: each notebook executed in a fresh kernel
(nbclient, which JupyterLab already brings), two at a time, with a throwaway progress file,
so that a build never reads or changes anyone's answers."""
from __future__ import annotations

import os
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

#: Kernels run side by side: the build machines have two cores.
WORKERS = 2
#: Seconds one cell may take.
CELL_TIMEOUT = 120


def read_notebook(path: Path) -> dict[str, Any]:
    """A notebook as a dict (its stored outputs, not executed)."""
    import nbformat

    return dict(nbformat.read(str(path), as_version=4))


def _kernel_manager_class() -> type:
    """A kernel manager that runs this Python (the one with coursekit installed), whatever
    kernel named "python3" the machine has registered elsewhere (as nbval's --nbval-current-env)."""
    from jupyter_client.kernelspec import KernelSpec
    from jupyter_client.manager import AsyncKernelManager

    class ThisPython(AsyncKernelManager):
        @property
        def kernel_spec(self) -> KernelSpec:
            # Errors only: the kernels' start-up notices would bury the build's one line.
            return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                                    "--IPKernelApp.log_level=ERROR"],
                              display_name="Python (coursekit build)", language="python")

    return ThisPython


def _execute(path: Path, env: dict[str, str]) -> dict[str, Any]:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(str(path), as_version=4)
    client = NotebookClient(nb, kernel_manager_class=_kernel_manager_class(), kernel_name="python3",
                            timeout=CELL_TIMEOUT, allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    # The kernel gets its own environment: the build's process keeps its own.
    client.execute(env=dict(os.environ, **env))
    return dict(nb)


def execute_notebooks(paths: list[Path], workers: int = WORKERS) -> dict[Path, dict[str, Any]]:
    """Execute every notebook of ``paths`` (errors are kept as outputs, for the page builder
    to report with the cell) and return them by path."""
    with tempfile.TemporaryDirectory(prefix="coursekit-site-") as tmp:
        env = {"COURSEKIT_PROGRESS": str(Path(tmp) / "progress.json"),
               "COURSEKIT_EXPORTS": str(Path(tmp) / "exports"),
               "COURSEKIT_STUDENT": "static-edition"}
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            results = list(pool.map(lambda p: _execute(p, env), paths))
    return dict(zip(paths, results))
