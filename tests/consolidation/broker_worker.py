"""A real Celery worker for the broker tests, whose engine can be made to take its time.

`python tests/consolidation/broker_worker.py <celery worker arguments>` starts
`celery -A maillage.celery worker ...`. With SLOW_ENGINE_SECONDS set, every engine run first
works (reporting progress) for that long, then solves for real: long enough for a test to
kill the worker's child mid-run, whatever the speed of the machine. Nothing else changes.
"""

import os
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[2] / "src")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings")

import django  # noqa: E402

django.setup()

from maillage.celery import app  # noqa: E402
from maillage.consolidation import services  # noqa: E402

SLOW = float(os.environ.get("SLOW_ENGINE_SECONDS", "0"))
real_solve = services.solve


def slow_solve(instance, *, progress, **kwargs):
    end = time.monotonic() + SLOW
    while time.monotonic() < end:
        progress(0.01, "slowed down for the test")
        time.sleep(0.1)
    return real_solve(instance, progress=progress, **kwargs)


if SLOW:
    services.solve = slow_solve

if __name__ == "__main__":
    app.worker_main(["worker", *sys.argv[1:]])
