"""Re-execute lessons and store only the outputs nbval compares.

Usage: python tests/tools/refresh_notebooks.py notebooks/01_reading_the_article.ipynb ...

Each notebook runs in its own folder with a throwaway progress file, as nbval runs it.
Cells tagged ``nbval-check-output`` keep their outputs and execution count (nbval
compares them); every other cell is stored clean (no outputs, no count), and the
saved widget state and stored widget views are dropped, so a notebook holds nothing
stray and shows no broken widget before it is run.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

CHECK_TAG = "nbval-check-output"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def refresh(path: Path) -> int:
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["COURSEKIT_PROGRESS"] = str(Path(tmp) / "progress.json")
        os.environ["COURSEKIT_STUDENT"] = "nbval-student"
        os.environ["COURSEKIT_EXPORTS"] = str(Path(tmp) / "exports")
        os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
        client = NotebookClient(nb, timeout=120, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        client.execute()
    checked = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
            continue
        if CHECK_TAG in cell.metadata.get("tags", []):
            checked += 1
            for out in cell.outputs:
                if out.get("output_type") == "error":
                    raise SystemExit(f"{path}: a checked cell raised: {out.get('ename')}")
                # A stored widget view points at a model that no longer exists: JupyterLab
                # would show "model not found" before the cell is run. Keep the text/plain
                # (what nbval compares, and what a static viewer shows) instead.
                out.get("data", {}).pop(WIDGET_VIEW, None)
        else:
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.metadata.setdefault("language_info", {"name": "python"})
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return checked


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    for name in argv:
        n = refresh(Path(name))
        print(f"{name}: {n} checked cells stored")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
