"""Command line: ``solve IN.json [--method engine|baseline] [--time-limit S] [--seed N]``
prints the result JSON; ``validate IN.json OUT.json`` prints the metrics and exits 1 on any
broken rule (2 on unreadable or malformed files).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .json_schema import errors, load_schema
from .schema import EngineInput, EngineResult, InputError
from .solver import solve
from .validation import validate


def _read(path: str, schema: str) -> dict[str, Any]:
    """Read a JSON file and check it against ``schema``; raise InputError otherwise."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise InputError(f"{path}: {error}") from error
    problems = errors(data, load_schema(schema))
    if problems:
        raise InputError(f"{path}: " + "; ".join(problems[:10]))
    # Both schemas have an object at their root: valid data is a dict.
    checked: dict[str, Any] = data
    return checked


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m maillage.consolidation.engine")
    commands = parser.add_subparsers(dest="command", required=True)
    solve_cmd = commands.add_parser("solve", help="plan an instance, print the result JSON")
    solve_cmd.add_argument("instance")
    solve_cmd.add_argument("--method", choices=["engine", "baseline"], default="engine")
    solve_cmd.add_argument("--time-limit", type=float, default=60.0)
    solve_cmd.add_argument("--seed", type=int, default=0)
    solve_cmd.add_argument("--workers", type=int, default=2, help="CP-SAT threads")
    solve_cmd.add_argument("--progress", action="store_true", help="progress on stderr")
    check_cmd = commands.add_parser("validate", help="re-check a result, print its metrics")
    check_cmd.add_argument("instance")
    check_cmd.add_argument("result")
    args = parser.parse_args(argv)
    try:
        instance = EngineInput.from_dict(_read(args.instance, "input"))
        if args.command == "solve":

            def progress(fraction: float, message: str) -> None:
                if args.progress:
                    print(f"{fraction:5.0%} {message}", file=sys.stderr)

            result = solve(
                instance,
                method=args.method,
                time_limit_s=args.time_limit,
                seed=args.seed,
                progress=progress,
                num_workers=args.workers,
            )
            json.dump(result.to_dict(), sys.stdout, indent=1)
            sys.stdout.write("\n")
            return 0
        result = EngineResult.from_dict(_read(args.result, "output"))
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    report = validate(instance, result)
    json.dump(report.to_dict(), sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
