"""Command line: ``python -m salesdomain demo`` and ``--help``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from salesdomain._demo import run_demo

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m salesdomain",
        description=(
            "salesdomain: the rules of a sales department as tested, importable code. "
            "The commands below show the library at work on embedded sample data."
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser(
        "demo",
        help="walk through money, an exact allocation and an approval route on sample data",
        description="Print a short tour of the library on embedded sample data.",
    )
    demo.add_argument(
        "--locale",
        choices=("zh_CN", "en"),
        default="zh_CN",
        help="language and number format of the report (default: zh_CN)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "demo":
        sys.stdout.write(run_demo(locale=args.locale))
        return 0
    parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
