"""Security headers that Django does not set itself."""

import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _

# Every asset is served by the platform: nothing may load from another origin.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class SecurityHeadersMiddleware:
    """Adds a strict Content-Security-Policy and a restrictive Permissions-Policy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        return response


def _queued_since(header: str) -> float | None:
    """Epoch seconds from an X-Request-Start value: `t=1700000000.123` (nginx, gunicorn.conf.py),
    or a bare number in seconds, milliseconds or microseconds (as other proxies write it)."""
    value = header.strip().removeprefix("t=")
    try:
        stamp = float(value)
    except ValueError:
        return None
    if stamp > 1e14:
        return stamp / 1e6
    if stamp > 1e11:
        return stamp / 1e3
    return stamp


class LoadSheddingMiddleware:
    """Answers 503 + Retry-After at once when this process is saturated.

    Two cheap tests, before sessions, users or any database work: too many requests already in
    flight in this process (settings.LOAD_SHED_MAX_IN_FLIGHT, 0 = no limit), or a request that
    waited in a queue longer than settings.LOAD_SHED_MAX_QUEUE_MS (0 = no limit), as told by the
    X-Request-Start header that the proxy, or gunicorn.conf.py's worker, stamps on arrival.
    A request that waited that long is likely abandoned by its client: serving it would only
    delay the ones behind it.
    """

    EXEMPT_PATHS = frozenset({"/healthz"})  # the probe must tell "alive", not "busy"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.max_in_flight = int(getattr(settings, "LOAD_SHED_MAX_IN_FLIGHT", 0))
        self.max_queue_seconds = int(getattr(settings, "LOAD_SHED_MAX_QUEUE_MS", 0)) / 1000
        self.retry_after = int(getattr(settings, "LOAD_SHED_RETRY_AFTER", 2))
        self.in_flight = 0  # one middleware instance per process: the process's count
        self._lock = threading.Lock()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path in self.EXEMPT_PATHS:
            return self.get_response(request)
        if self.max_queue_seconds:
            queued_since = _queued_since(request.META.get("HTTP_X_REQUEST_START", ""))
            if queued_since is not None and time.time() - queued_since > self.max_queue_seconds:
                return self.shed()
        with self._lock:
            if self.max_in_flight and self.in_flight >= self.max_in_flight:
                return self.shed()
            self.in_flight += 1
        try:
            return self.get_response(request)
        finally:
            with self._lock:
                self.in_flight -= 1

    def shed(self) -> HttpResponse:
        response = HttpResponse(
            _("The service is busy. Please try again in a moment."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(self.retry_after)
        response["Cache-Control"] = "no-store"
        return response


class NulInQueryMiddleware:
    """A query string holding a NUL character gets a 400, not a server error.

    PostgreSQL refuses NUL in text, so a search box or a filter fed `%00` failed with a 500
    (found by hostile input on the coordinator's home). Forms already refuse NUL in posted
    fields with a field message; no page has a use for one in its query string. The API
    answers in its own format (its serializers refuse NUL) and is left to it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/") and any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(
                _("The address holds a character that no page accepts (NUL)."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
