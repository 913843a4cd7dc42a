"""Benchmark of the timeline: load and validate the data, draw the full plot, redraw the
explorer after a filter change. Prints the median and the worst of several runs, as wall
time and as CPU time of this process (a busy machine inflates the first, not the second).

Usage: python tests/benchmarks/bench_timeline.py [--png FILE]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time

REPEAT = 7
BUDGET_REDRAW = 0.3  # seconds per explorer change


def measure(label: str, func, repeat: int = REPEAT) -> float:
    walls, cpus = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        func()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    med = statistics.median(walls)
    print(f"{label:<44} median {med * 1000:7.1f} ms   worst {max(walls) * 1000:7.1f} ms   "
          f"cpu median {statistics.median(cpus) * 1000:7.1f} ms")
    return med


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--png", help="also save the full timeline as this PNG file")
    args = parser.parse_args(argv)

    from coursekit.datafiles.paths import data_dir
    from coursekit.timeline.events import check_timeline, load_timeline

    data = data_dir()
    tl = load_timeline()
    print(f"timeline: {len(tl.events)} events, {len(tl.periods)} periods")
    measure("load + validate data/timeline.csv", lambda: (load_timeline(), check_timeline(data)))

    tl.plot().png()  # warm up fonts and caches, as a notebook has by its second figure
    measure("full plot (draw + PNG)", lambda: tl.plot(highlight="article").png())

    from coursekit.timeline.widgets import explore_timeline

    ex = explore_timeline()
    ranges = iter([(2022, 2023), (2012, 2024)] * REPEAT)
    redraw = measure("explorer: redraw after the year slider moves", lambda: setattr(ex.years, "value", next(ranges)))
    button = ex.category_buttons["un"]
    measure("explorer: redraw after a category toggle", lambda: setattr(button, "value", not button.value))
    measure("explorer: redraw after 'only the article'",
            lambda: setattr(ex.only_article, "value", not ex.only_article.value))

    if args.png:
        with open(args.png, "wb") as f:
            f.write(tl.plot(highlight="article").png(dpi=150))
        print(f"wrote {args.png}")
    verdict = "OK" if redraw < BUDGET_REDRAW else "SLOW"
    print(f"{verdict}: explorer redraw median {redraw * 1000:.0f} ms (budget {BUDGET_REDRAW * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
