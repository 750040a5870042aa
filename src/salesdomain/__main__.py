"""Command line: ``python -m salesdomain demo | validate | profiles``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m salesdomain",
        description=(
            "salesdomain: the rules of a sales department as tested, importable code. "
            "These commands show the library at work and check company policy files."
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser(
        "demo",
        help="one month in a sales department under an embedded profile, every decision explained",
        description=(
            "Print one month of a sales department under a company profile: the team's "
            "target decomposed, quotes checked against price floors, contract changes "
            "routed, commission and appraisal computed, receivables aged, duties due."
        ),
    )
    demo.add_argument("--profile", default="generic", help="embedded profile (default: generic)")
    demo.add_argument(
        "--locale",
        choices=("zh_CN", "en"),
        default=None,
        help="language of the report (default: the profile's locale)",
    )
    validate = commands.add_parser(
        "validate",
        help="check a company policy file and list every error with its key path",
        description="Exit status 0 when the policy file is valid, 1 when it is not.",
    )
    validate.add_argument("path", help="the policy's TOML file")
    commands.add_parser("profiles", help="list the embedded company profiles")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "demo":
        from salesdomain._demo import run_demo
        from salesdomain.core import UnknownEntity
        from salesdomain.policy import load_profile

        try:
            policy = load_profile(args.profile)
        except UnknownEntity as err:
            parser.exit(2, f"python -m salesdomain demo: {err}\n")
        sys.stdout.write(run_demo(policy, locale=args.locale or policy.locale))
        return 0
    if args.command == "validate":
        from salesdomain.core import PolicyError
        from salesdomain.policy import load_policy

        try:
            policy = load_policy(args.path)
        except PolicyError as err:
            sys.stdout.write(f"{args.path}: {len(err.errors)} error(s)\n")
            for key, message in err.errors:
                sys.stdout.write(f"  {key}: {message}\n")
            return 1
        sys.stdout.write(f"{args.path}: valid ({policy.name})\n")
        return 0
    if args.command == "profiles":
        from salesdomain.policy import list_profiles, load_profile

        for name in list_profiles():
            sys.stdout.write(f"{name:<12} {load_profile(name).name}\n")
        return 0
    parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
