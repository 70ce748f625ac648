"""API load benchmark: the needs list and my dated week at a fixed rate, over loopback.

Open loop, like benchmarks/load/run.py (whose server, database and HTTP helpers it reuses):
requests leave at the rate whatever the server answers, each latency counted from the moment
the request was due; bounded by a number of seconds, a client concurrency cap, a per-request
timeout and a hard deadline. gunicorn runs with the repository's gunicorn.conf.py (database
connections capped by its pool) against a demo database of its own, `maillage_api_load`,
copied from `maillage_load` when that one exists (else built like `make demo`). A buyer's and a
worker's tokens are made with the api_token service; the per-token throttle is lifted for the
run (MAILLAGE_API_TOKEN_RATE), since it would otherwise be what is measured.

    PYTHONPATH=src .venv/bin/python benchmarks/api_load.py                 # 50 req/s, 20 s
    PYTHONPATH=src .venv/bin/python benchmarks/api_load.py --rate 50 --seconds 10 --no-setup
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "load"))

import run as load  # benchmarks/load/run.py: the project's load harness

TOKENS_SCRIPT = """
import json
from maillage.people.models import User
from maillage.tokens.services import issue_token
domain = "{domain}"
tokens = {
    role: issue_token(
        user=User.objects.get(email=f"{role}@{domain}"), name="api_load", scopes="read", days=1
    ).secret
    for role in ("buyer", "worker")
}
print(json.dumps(tokens))
"""

TARGETS = (("buyer", "/api/v1/needs/"), ("worker", "/api/v1/my/week/?date=2026-11-17"))


@dataclass
class Result:
    sent: int = 0
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    latencies: dict[str, list[float]] = field(default_factory=dict)
    elapsed: float = 0.0


def ensure_copy(database: str, template: str) -> None:
    """A database of our own, copied from the load benchmark's demo when there is one."""
    exists = subprocess.run(
        ["psql", "-h", load.HOST, "-U", "postgres", "-tAc",
         f"SELECT datname FROM pg_database WHERE datname IN ('{database}', '{template}')"],
        capture_output=True, text=True, check=True, timeout=30,
    ).stdout.split()  # fmt: skip
    if database in exists:
        return
    if template in exists:
        subprocess.run(
            ["createdb", "-h", load.HOST, "-U", "postgres", "-T", template, database],
            check=True,
            timeout=300,
        )
    else:
        load.ensure_database(database)


async def run_rate(port: int, rate: float, seconds: float, tokens: dict[str, str],
                   max_inflight: int, timeout: float) -> Result:  # fmt: skip
    result = Result()
    rng = random.Random(0)
    gate = asyncio.Semaphore(max_inflight)
    start = time.monotonic()

    async def one(due: float, role: str, path: str) -> None:
        async with gate:
            try:
                answer = await load.http(
                    port, "GET", path, cookies={},
                    extra={"Authorization": f"Bearer {tokens[role]}", "Accept": "application/json"},
                    timeout=max(0.1, timeout - (time.monotonic() - due)),
                )  # fmt: skip
            except (TimeoutError, OSError, ConnectionError):
                result.errors += 1
                return
        result.statuses[answer.status] = result.statuses.get(answer.status, 0) + 1
        if answer.status == 200:
            result.latencies.setdefault(path, []).append(time.monotonic() - due)

    tasks = []
    for index in range(int(rate * seconds)):
        due = start + index / rate
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        role, path = rng.choice(TARGETS)
        tasks.append(asyncio.create_task(one(due, role, path)))
        result.sent += 1
    _, pending = await asyncio.wait(tasks, timeout=timeout + 5)
    for task in pending:
        task.cancel()
        result.errors += 1
    result.elapsed = time.monotonic() - start
    return result


def report(result: Result, rate: float, seconds: float) -> str:
    lines = [
        f"{rate:g} req/s for {seconds:g} s: {result.sent} sent, statuses {result.statuses}, "
        f"{result.errors} timeouts or resets",
        "| endpoint | answered 200 | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for _role, path in TARGETS:
        values = result.latencies.get(path, [])
        cells = [load.fmt_ms(load.percentile(values, q)) for q in (50, 95, 99)]
        lines.append(f"| {path} | {len(values)} | {' | '.join(cells)} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--database", default="maillage_api_load")
    parser.add_argument("--template", default="maillage_load")
    parser.add_argument("--no-setup", dest="setup", action="store_false", help="reuse the DB")
    parser.add_argument("--max-inflight", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=10.0)
    args = parser.parse_args()
    if args.database in load.FORBIDDEN_DATABASES or not args.database.startswith("maillage_"):
        sys.exit(f"refusing database {args.database!r}: use a maillage_<name> of your own")
    if args.rate * args.seconds > 3000:
        sys.exit("refusing to send more than 3000 requests")
    (load.ROOT / "var").mkdir(exist_ok=True)
    ensure_copy(args.database, args.template)
    env = load.server_env(args.database, None)
    env["MAILLAGE_API_TOKEN_RATE"] = "1000000/min"
    load.ensure_demo(env, setup=args.setup)
    domain = load.manage(
        env, "shell", "-c",
        "from maillage.demo.context import DEMO_EMAIL_DOMAIN; print(DEMO_EMAIL_DOMAIN)",
    ).strip().splitlines()[-1]  # fmt: skip
    out = load.manage(env, "shell", "-c", TOKENS_SCRIPT.replace("{domain}", domain))
    tokens = json.loads(out.strip().splitlines()[-1])
    port = load.free_port()
    server = load.start_server(env, port, baseline=False)
    print(f"gunicorn on {load.HOST}:{port} (pid {server.pid})", flush=True)
    try:

        async def measure() -> Result:
            for role, path in TARGETS:  # smoke: each endpoint answers 200 before the run
                answer = await load.http(
                    port, "GET", path, cookies={},
                    extra={"Authorization": f"Bearer {tokens[role]}"}, timeout=60,
                )  # fmt: skip
                print(f"  {path:<36} as {role:<7} HTTP {answer.status}  {len(answer.body)} B")
                if answer.status != 200:
                    sys.exit(f"{path} answered {answer.status}: {answer.body[:300]!r}")
            return await run_rate(
                port, args.rate, args.seconds, tokens, args.max_inflight, args.timeout
            )

        budget = args.seconds + args.timeout + 120
        result = asyncio.run(asyncio.wait_for(measure(), budget))
    finally:
        load.stop_server(server)
    print(report(result, args.rate, args.seconds))
    print(f"load average: {', '.join(f'{v:.1f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
