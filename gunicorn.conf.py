"""gunicorn settings for production: `gunicorn maillage.wsgi:application` reads this file.

Every value can be overridden by an environment variable (GUNICORN_*), so one file serves a
2-core demo host and a bigger machine alike. The numbers were measured with
benchmarks/load/run.py (see benchmarks/load/RESULTS.md).
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


_cores = multiprocessing.cpu_count()

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Pages are mostly CPU (templates, Python) with short database waits in between: a process
# per core plus one keeps the cores busy, and a few threads per process overlap the database
# round trips without multiplying memory. Threads above the in-flight limit of
# LoadSheddingMiddleware (settings.LOAD_SHED_MAX_IN_FLIGHT) only ever answer a quick 503.
workers = _int("GUNICORN_WORKERS", _cores + 1)
threads = _int("GUNICORN_THREADS", 6)


# gthread plus a queue-arrival stamp for LoadSheddingMiddleware (see the class).
worker_class = "maillage.core.gunicorn_worker.QueueStampingThreadWorker"

# A request slower than this is killed with its worker (the master starts a new one).
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 20)
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# Connections waiting for accept(): bounded, so an overload is refused at the door instead of
# being queued for minutes and then served to a client that has long gone.
backlog = _int("GUNICORN_BACKLOG", 256)

# Recycle workers now and then (memory growth), not all at once.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)

# The app is not preloaded: each worker opens its own database connection pool after fork.
preload_app = False


def post_worker_init(worker):
    """Each process compiles its templates and loads its catalogues before its first request
    (a cold process's first requests got the next ones shed: maillage.core.warmup)."""
    from maillage.core.warmup import warm_up

    warm_up()


accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "warning")

# Settings read by Django in each worker (the app is loaded after fork, so these reach it).
# Load shedding: past this many requests at work in one process, answer 503 (the spare threads
# do that in a millisecond); and 503 to any request that queued longer than this.
_in_flight = max(1, threads - 2)
os.environ.setdefault("LOAD_SHED_MAX_IN_FLIGHT", str(_in_flight))
os.environ.setdefault("LOAD_SHED_MAX_QUEUE_MS", "500")
# A full process sheds at once: letting a request wait for a slot was measured and dropped
# (under overload the waiting threads stop answering the quick 503s; benchmarks/load/RESULTS.md).
# Database pool per worker: only requests at work use a connection, so in-flight is enough.
# workers x pool stays within DATABASE_CONNECTION_CAP (the PostgreSQL server is shared: its
# max_connections is 100 and other services need theirs).
_cap = _int("DATABASE_CONNECTION_CAP", 24)
os.environ.setdefault("DATABASE_POOL_MAX_SIZE", str(max(1, min(_in_flight, _cap // workers))))
