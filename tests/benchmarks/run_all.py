"""Run every benchmark script in this folder (bench_*.py) in turn, with this interpreter.

Usage: python tests/benchmarks/run_all.py
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    status = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"=== {script.name}", flush=True)
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parents[1])
        if result.returncode != 0:
            print(f"=== {script.name} failed (exit {result.returncode})", flush=True)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
