"""The `coursekit` command: instructors' checks, exports and grading."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coursekit.errors import CourseError


def _validate(args: argparse.Namespace) -> int:
    from coursekit.datafiles.yamlfile import display_path
    from coursekit.datafiles.paths import data_dir
    from coursekit.datafiles.validate import validate_all

    data = data_dir(args.path)
    shown = display_path(data)
    problems, checked = validate_all(data)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found in {shown}", file=sys.stderr)
        return 1
    print(f"OK: {shown} is ready for class (checked {', '.join(checked)})")
    return 0


def _export(args: argparse.Namespace) -> int:
    from coursekit.quizzes.gift import export_gift

    out = Path(args.out) if args.out else Path(args.bank).with_suffix(".gift")
    warnings = export_gift(Path(args.bank), out)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"wrote {out}")
    return 0


def _grade(args: argparse.Namespace) -> int:
    from coursekit.progress.gradebook import grade_exports

    summary = grade_exports([Path(p) for p in args.exports], Path(args.out))
    print(summary)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coursekit",
        description="Instructor tools for the coursekit peacekeeping course.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check every data file before class")
    p.add_argument("path", nargs="?", help="the data folder (default: found from here)")
    p.set_defaults(func=_validate)

    p = sub.add_parser("export", help="export a question bank for an LMS")
    p.add_argument("--format", choices=["gift"], default="gift", help="only Moodle GIFT for now")
    p.add_argument("bank", help="a question bank, e.g. data/quizzes/01_reading_the_article.yaml")
    p.add_argument("-o", "--out", help="output file (default: the bank's name with .gift)")
    p.set_defaults(func=_export)

    p = sub.add_parser("grade", help="turn students' answer exports into a gradebook CSV")
    p.add_argument("exports", nargs="+", help="the students' exported answer files")
    p.add_argument("--out", required=True, help="the gradebook CSV to write")
    p.set_defaults(func=_grade)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CourseError as exc:
        print(f"coursekit {args.command}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
