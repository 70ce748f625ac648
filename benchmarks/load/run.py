"""Load benchmark: the production server under fixed request rates, on loopback only.

Open loop (like wrk2): requests leave at a fixed rate whatever the server answers, and each
latency is measured from the moment the request was *due*, so a slow server cannot hide its
queue by slowing the client down. Bounded everywhere: a fixed number of seconds per rate, a
cap on the client's own concurrency, a per-request timeout and a hard timeout per rate.

It uses its own PostgreSQL database (`maillage_load` by default, never `maillage_ci`), builds
the demo there like `make demo` does when it is missing, starts gunicorn on 127.0.0.1 on a free
port with the repository's gunicorn.conf.py (or the 2-sync-worker baseline with --baseline),
signs in as each demo role through the login form and hits a mix of their pages.

    PYTHONPATH=src .venv/bin/python benchmarks/load/run.py              # 10, 25, 50, 100 req/s
    PYTHONPATH=src .venv/bin/python benchmarks/load/run.py --baseline   # gunicorn -w 2, sync
    PYTHONPATH=src .venv/bin/python benchmarks/load/run.py --rates 50 --seconds 10

Standard library only, so that it runs in the project's virtualenv as is.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE = ROOT  # the tree whose code is served (--code: e.g. a `git archive` of an older commit)
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
HOST = "127.0.0.1"  # loopback only: this never leaves the machine
FORBIDDEN_DATABASES = {"maillage_ci", "maillage", "postgres"}
DEMO_SEED = "2026"
DEMO_PASSWORD = "maillage-demo"

# Which demo login fetches which page, and how often in the mix (weights).
MIX = (
    ("coordinator", "coordinator_home", 3),
    ("buyer", "needs_list", 3),
    ("coordinator", "plan_version", 2),
    ("trainer", "gpec_dashboard", 1),
    ("coordinator", "gpec_dashboard", 1),
    ("worker", "worker_week", 3),
    ("buyer", "quote_detail", 2),
)


# --- the server side: database, demo data, gunicorn ---------------------------------------


CACHE_URL = os.environ.get("LOAD_CACHE_URL", "redis://127.0.0.1:6379/14")


def redis_answers(url: str) -> bool:
    """True when something listens where the shared cache should be (loopback only)."""
    host, _, port = url.split("://", 1)[-1].split("/", 1)[0].rpartition(":")
    if host not in (HOST, "localhost"):
        return False
    try:
        with socket.create_connection((host, int(port or 6379)), timeout=2):
            return True
    except OSError:
        return False


def server_env(database: str, pool_max: int | None, shared_cache: bool = True) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres://postgres:postgres@{HOST}:5432/{database}",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS=HOST,
        # Loopback has no TLS: the client says https the way a proxy would, below.
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
        # Production refuses to start without a broker; these pages never enqueue a job.
        CELERY_BROKER_URL=os.environ.get("LOAD_CELERY_BROKER_URL", "redis://127.0.0.1:6379/15"),
        PYTHONPATH=str(CODE / "src"),
        STATIC_ROOT=str(ROOT / "var" / "static-load"),
    )
    env.pop("CACHE_URL", None)
    env.pop("REDIS_URL", None)
    if shared_cache:  # as README's Production section: one cache for every process
        env["CACHE_URL"] = CACHE_URL
    env.pop("DATABASE_POOL_MAX_SIZE", None)
    if pool_max is not None:
        env["DATABASE_POOL_MAX_SIZE"] = str(pool_max)
    return env


def manage(env: dict[str, str], *args: str, timeout: int = 900) -> str:
    result = subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=CODE,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def ensure_database(database: str) -> None:
    exists = subprocess.run(
        ["psql", "-h", HOST, "-U", "postgres", "-tAc",
         f"SELECT 1 FROM pg_database WHERE datname = '{database}'"],
        capture_output=True, text=True, check=True, timeout=30,
    ).stdout.strip()  # fmt: skip
    if exists != "1":
        subprocess.run(["createdb", "-h", HOST, "-U", "postgres", database], check=True, timeout=60)


def ensure_demo(env: dict[str, str], *, setup: bool) -> None:
    """The same steps as `make demo`, each a no-op when its data is already there."""
    if not setup:  # --no-setup: the database is known to be ready (quicker reruns)
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        return
    manage(env, "migrate", "--noinput")
    manage(env, "load_communes")
    manage(env, "build_demo", "--seed", DEMO_SEED, "--if-missing")
    manage(env, "consolidate", "--territory", "gironde", "--start", "2026-11-02",
           "--end", "2026-12-18", "--time-limit", "20", "--with-baseline", "--publish",
           "--if-missing")  # fmt: skip
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


TARGETS_SCRIPT = """
import json
from django.urls import reverse
from django.utils import translation
from maillage.consolidation.models import PlanVersion, PlanState
from maillage.people.models import User
from maillage.people.roles import buyer_organisations
from maillage.pricing.models import Quote
translation.activate("fr")
version = PlanVersion.objects.filter(state=PlanState.PUBLISHED).order_by("-pk").first()
buyer = User.objects.get(email="buyer@{domain}")
quote = Quote.objects.filter(mission__buyer__in=buyer_organisations(buyer)).order_by("pk").first()
territory = version.territory
print(json.dumps({
    "coordinator_home": reverse("coordinator:home"),
    "needs_list": reverse("needs:list"),
    "plan_version": reverse("plans:version", args=[version.pk]),
    "gpec_dashboard": reverse("gpec:dashboard", args=[territory.slug]),
    "worker_week": reverse("plans:worker_week"),
    "quote_detail": reverse("pricing:quote_detail", args=[quote.pk]),
    "login": reverse("home:login"),
}))
"""


def resolve_targets(env: dict[str, str]) -> dict[str, str]:
    from_code = manage(
        env, "shell", "-c",
        "from maillage.demo.context import DEMO_EMAIL_DOMAIN; print(DEMO_EMAIL_DOMAIN)",
    ).strip().splitlines()[-1]  # fmt: skip
    out = manage(env, "shell", "-c", TARGETS_SCRIPT.replace("{domain}", from_code))
    targets = json.loads(out.strip().splitlines()[-1])
    targets["_domain"] = from_code
    return targets


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(env: dict[str, str], port: int, baseline: bool) -> subprocess.Popen:
    if baseline:
        # Today's deployment as the issue measured it: two sync workers, gunicorn defaults.
        args = ["--workers", "2", "--worker-class", "sync"]
    else:
        args = ["--config", str(CODE / "gunicorn.conf.py")]  # the served tree's own settings
    log = open(ROOT / "var" / "load-gunicorn.log", "w")  # noqa: SIM115 - lives as long as the server
    process = subprocess.Popen(
        [str(GUNICORN), *args, "--bind", f"{HOST}:{port}", "maillage.wsgi:application"],
        cwd=CODE,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited with {process.returncode}; see var/load-gunicorn.log")
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=1):
            return process
        time.sleep(0.3)
    stop_server(process)
    sys.exit("gunicorn did not start within 60 s")


def server_cpu_seconds(master: int) -> float:
    """CPU time (user + system) of gunicorn's workers so far: unlike latencies, it hardly
    depends on what else the machine runs, so CPU per page gives the capacity of 2 cores."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    with contextlib.suppress(OSError):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        for pid in children:
            with contextlib.suppress(OSError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / tick
    return total


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=35)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


# --- a tiny HTTP/1.1 client: one connection per request, read to EOF ------------------------


@dataclass
class Response:
    status: int
    headers: dict[str, list[str]]
    body: bytes


async def http(
    port: int, method: str, path: str, *, cookies: dict[str, str], body: bytes = b"",
    extra: dict[str, str] | None = None, timeout: float = 10.0,
) -> Response:  # fmt: skip
    async def exchange() -> Response:
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            headers = {
                "Host": f"{HOST}:{port}",
                "Connection": "close",
                "User-Agent": "maillage-load",
                # What a TLS-terminating proxy says; settings trust it (SECURE_PROXY_SSL_HEADER).
                "X-Forwarded-Proto": "https",
                "Accept-Language": "fr",
            }
            if cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
            if body or method == "POST":
                headers["Content-Length"] = str(len(body))
            headers.update(extra or {})
            head = f"{method} {path} HTTP/1.1\r\n" + "".join(
                f"{k}: {v}\r\n" for k, v in headers.items()
            )
            writer.write(head.encode("latin-1") + b"\r\n" + body)
            await writer.drain()
            raw = await reader.read(-1)
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()
        head, _, payload = raw.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        if not lines or not lines[0].startswith("HTTP/"):
            raise ConnectionError("no HTTP status line")
        parsed: dict[str, list[str]] = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            parsed.setdefault(name.strip().lower(), []).append(value.strip())
        return Response(int(lines[0].split()[1]), parsed, payload)

    return await asyncio.wait_for(exchange(), timeout)


def take_cookies(response: Response, jar: dict[str, str]) -> None:
    for header in response.headers.get("set-cookie", []):
        name, _, rest = header.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]


async def sign_in(port: int, login_path: str, email: str) -> dict[str, str]:
    jar: dict[str, str] = {}
    page = await http(port, "GET", login_path, cookies=jar)
    take_cookies(page, jar)
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
    if page.status != 200 or not match:
        sys.exit(f"login page: HTTP {page.status}, no CSRF token")
    form = "&".join(
        f"{k}={v}"
        for k, v in {
            "csrfmiddlewaretoken": unescape(match.group(1).decode()),
            "username": email.replace("@", "%40"),
            "password": DEMO_PASSWORD,
        }.items()
    ).encode()
    origin = f"https://{HOST}:{port}"
    answer = await http(
        port, "POST", login_path, cookies=jar, body=form,
        extra={"Content-Type": "application/x-www-form-urlencoded", "Origin": origin,
               "Referer": origin + login_path},
    )  # fmt: skip
    take_cookies(answer, jar)
    if answer.status != 302 or "sessionid" not in jar:
        sys.exit(f"sign-in as {email} failed: HTTP {answer.status}")
    return jar


# --- the open-loop run -----------------------------------------------------------------------


@dataclass
class RateResult:
    rate: float
    seconds: float
    sent: int = 0
    ok: int = 0
    server_errors: int = 0  # 5xx other than 503
    shed: int = 0  # 503
    other: int = 0  # timeouts, resets, 3xx/4xx
    latencies: list[float] = field(default_factory=list)  # ok answers only, seconds
    shed_latencies: list[float] = field(default_factory=list)
    shed_at: list[float] = field(default_factory=list)  # seconds into the rate, when due
    elapsed: float = 0.0
    cpu_seconds: float = 0.0  # gunicorn workers' CPU during the rate
    per_page: dict[str, list[float]] = field(default_factory=dict)


async def run_rate(
    port: int, rate: float, seconds: float, sessions: dict[str, dict[str, str]],
    targets: dict[str, str], max_inflight: int, timeout: float, seed: int,
) -> RateResult:  # fmt: skip
    result = RateResult(rate=rate, seconds=seconds)
    rng = random.Random(seed)
    population = [(user, page) for user, page, weight in MIX for _ in range(weight)]
    gate = asyncio.Semaphore(max_inflight)
    total = int(rate * seconds)
    start = time.monotonic()

    async def one(due: float, user: str, page: str) -> None:
        async with gate:
            try:
                remaining = max(0.1, timeout - (time.monotonic() - due))
                answer = await http(
                    port, "GET", targets[page], cookies=sessions[user], timeout=remaining
                )
            except (TimeoutError, OSError, ConnectionError):
                result.other += 1
                return
        latency = time.monotonic() - due
        if answer.status == 200:
            result.ok += 1
            result.latencies.append(latency)
            result.per_page.setdefault(page, []).append(latency)
        elif answer.status == 503:
            result.shed += 1
            result.shed_latencies.append(latency)
            result.shed_at.append(due - start)
        elif answer.status >= 500:
            result.server_errors += 1
        else:
            result.other += 1

    tasks = []
    for index in range(total):
        due = start + index / rate
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        user, page = rng.choice(population)
        tasks.append(asyncio.create_task(one(due, user, page)))
        result.sent += 1
    # Hard stop: whatever has not answered within the timeout after the last send is cut.
    _, pending = await asyncio.wait(tasks, timeout=timeout + 5)
    for task in pending:
        task.cancel()
        result.other += 1
    result.elapsed = time.monotonic() - start
    return result


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def fmt_ms(seconds: float) -> str:
    return "-" if seconds != seconds else f"{seconds * 1000:.0f}"  # NaN: nothing measured


def table(results: list[RateResult]) -> str:
    lines = [
        "| rate (req/s) | sent | ok | 5xx | 503 | other errors | p50 ms | p95 ms | p99 ms "
        "| 503 p95 ms | achieved ok/s | server CPU ms per 200 |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ms = [fmt_ms(percentile(r.latencies, q)) for q in (50, 95, 99)]
        shed95 = fmt_ms(percentile(r.shed_latencies, 95))
        lines.append(
            f"| {r.rate:g} | {r.sent} | {r.ok} | {r.server_errors} | {r.shed} | {r.other} "
            f"| {ms[0]} | {ms[1]} | {ms[2]} | {shed95} "
            f"| {r.ok / r.elapsed:.1f} "
            f"| {1000 * r.cpu_seconds / max(1, r.ok):.0f} |"
        )
    return "\n".join(lines)


def page_table(results: list[RateResult]) -> str:
    pages = sorted({page for r in results for page in r.per_page})
    lines = ["| page | " + " | ".join(f"p50/p95 ms @{r.rate:g}" for r in results) + " |"]
    lines.append("|---|" + "---:|" * len(results))
    for page in pages:
        cells = []
        for r in results:
            values = r.per_page.get(page, [])
            cells.append(
                f"{percentile(values, 50) * 1000:.0f} / {percentile(values, 95) * 1000:.0f}"
                if values
                else "-"
            )
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


async def measure(
    args: argparse.Namespace, port: int, targets: dict[str, str], master: int
) -> None:
    domain = targets["_domain"]
    users = sorted({user for user, _, _ in MIX})
    sessions = {user: await sign_in(port, targets["login"], f"{user}@{domain}") for user in users}
    # Smoke: every page answers 200 to its user before any rate is measured.
    for user, page, _ in MIX:
        answer = await http(port, "GET", targets[page], cookies=sessions[user], timeout=60)
        print(f"  {page:<17} as {user:<12} HTTP {answer.status}  {len(answer.body) // 1024} KB")
        if answer.status != 200:
            sys.exit(f"{page} answered {answer.status} to {user}")
    results = []
    for index, rate in enumerate(args.rates):
        cpu_before = server_cpu_seconds(master)
        result = await run_rate(
            port, rate, args.seconds, sessions, targets,
            args.max_inflight, args.timeout, seed=index,
        )  # fmt: skip
        result.cpu_seconds = server_cpu_seconds(master) - cpu_before
        results.append(result)
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(table([result]).splitlines()[-1], f" load average: {load}", flush=True)
        if result.shed_at:  # when the server shed: at start (cold caches) or all along
            moments = ", ".join(f"{moment:.1f}" for moment in result.shed_at[:20])
            print(f"  503s due at (s into the rate): {moments}", flush=True)
        await asyncio.sleep(args.pause)  # let the queue drain before the next rate
    label = "baseline: gunicorn -w 2 (sync)" if args.baseline else "gunicorn.conf.py"
    print(f"\n{label}, {args.seconds:g} s per rate, client cap {args.max_inflight} in flight, "
          f"timeout {args.timeout:g} s\n")  # fmt: skip
    print(table(results))
    print()
    print(page_table(results))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rates", type=float, nargs="+", default=[10, 25, 50, 100])
    parser.add_argument("--seconds", type=float, default=20.0, help="seconds per rate")
    parser.add_argument("--database", default=os.environ.get("LOAD_DATABASE", "maillage_load"))
    parser.add_argument("--baseline", action="store_true", help="gunicorn -w 2 sync, no pool")
    parser.add_argument("--pool-max", type=int, help="DATABASE_POOL_MAX_SIZE per worker")
    parser.add_argument("--code", type=Path, default=ROOT, help="tree to serve (default: here)")
    parser.add_argument("--no-setup", dest="setup", action="store_false", help="reuse the DB")
    parser.add_argument("--max-inflight", type=int, default=200, help="client concurrency cap")
    parser.add_argument("--timeout", type=float, default=10.0, help="per-request timeout (s)")
    parser.add_argument(
        "--process-cache", dest="shared_cache", action="store_false",
        help="each process its own memory cache instead of Redis (LOAD_CACHE_URL)",
    )  # fmt: skip
    parser.add_argument("--pause", type=float, default=5.0, help="seconds between rates")
    args = parser.parse_args()
    if args.database in FORBIDDEN_DATABASES or not args.database.startswith("maillage_"):
        sys.exit(f"refusing database {args.database!r}: use a maillage_<name> of your own")
    if args.seconds * max(args.rates) > 5000:
        sys.exit("refusing to send more than 5000 requests per rate")

    global CODE
    CODE = args.code.resolve()
    (ROOT / "var").mkdir(exist_ok=True)
    ensure_database(args.database)
    if args.shared_cache and not redis_answers(CACHE_URL):
        print(f"no Redis at {CACHE_URL}: each process keeps its own cache", flush=True)
        args.shared_cache = False
    env = server_env(
        args.database, None if args.baseline else args.pool_max, shared_cache=args.shared_cache
    )
    print(f"demo database {args.database}: checking / building ...", flush=True)
    ensure_demo(env, setup=args.setup)
    # Every measurement starts with an empty cache: the cold start is part of what is measured.
    manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")
    targets = resolve_targets(env)
    port = free_port()
    server = start_server(env, port, args.baseline)
    print(f"gunicorn on {HOST}:{port} (pid {server.pid})", flush=True)
    try:
        # Bounded in time: one hard deadline for the whole measurement.
        budget = len(args.rates) * (args.seconds + args.timeout + args.pause + 10) + 120
        asyncio.run(asyncio.wait_for(measure(args, port, targets, server.pid), budget))
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
