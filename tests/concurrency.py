"""Calls that arrive together, as two clicks or two coordinators would: each on its own
thread and database connection, released at the same instant."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def at_once(*calls: Callable[[], Any], timeout: float = 120) -> tuple[list[Any], list[Exception]]:
    """Run ``calls`` together; their results (in the order they finished) and errors.

    A barrier releases every thread at once, so that the calls overlap as much as possible;
    each thread closes its own connection (a test database with an open connection cannot
    be dropped).
    """
    from django.db import connection

    barrier = threading.Barrier(len(calls))
    results: list[Any] = []
    errors: list[Exception] = []

    def run(call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            results.append(call())
        except Exception as error:  # reported to the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results, errors
