"""A saturated process answers 503 + Retry-After at once, before any session or database work."""

import time

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from maillage.core.middleware import LoadSheddingMiddleware


def ok_view(request):
    return HttpResponse("ok")


def failing_view(request):
    raise RuntimeError("boom")


@pytest.fixture
def rf():
    return RequestFactory()


@override_settings(LOAD_SHED_MAX_IN_FLIGHT=2, LOAD_SHED_RETRY_AFTER=3)
def test_full_counter_answers_503_with_retry_after(rf):
    middleware = LoadSheddingMiddleware(ok_view)
    middleware.in_flight = 2  # two requests already being served in this process

    response = middleware(rf.get("/fr/coordinator/"))

    assert response.status_code == 503
    assert response["Retry-After"] == "3"
    assert response["Cache-Control"] == "no-store"
    assert middleware.in_flight == 2


@override_settings(LOAD_SHED_MAX_IN_FLIGHT=2)
def test_request_under_the_limit_passes_and_releases_its_slot(rf):
    middleware = LoadSheddingMiddleware(ok_view)
    middleware.in_flight = 1

    response = middleware(rf.get("/fr/coordinator/"))

    assert response.status_code == 200
    assert response.content == b"ok"
    assert middleware.in_flight == 1


@override_settings(LOAD_SHED_MAX_IN_FLIGHT=1)
def test_slot_is_released_when_the_view_raises(rf):
    middleware = LoadSheddingMiddleware(failing_view)

    with pytest.raises(RuntimeError):
        middleware(rf.get("/fr/coordinator/"))

    assert middleware.in_flight == 0


@override_settings(LOAD_SHED_MAX_IN_FLIGHT=0, LOAD_SHED_MAX_QUEUE_MS=0)
def test_no_limits_never_sheds(rf):
    middleware = LoadSheddingMiddleware(ok_view)
    middleware.in_flight = 10_000

    response = middleware(rf.get("/", HTTP_X_REQUEST_START="t=1"))

    assert response.status_code == 200


@pytest.mark.parametrize(
    "stamp",
    [
        lambda now: f"t={now - 2:.3f}",  # nginx: seconds
        lambda now: f"{int((now - 2) * 1000)}",  # milliseconds
        lambda now: f"t={int((now - 2) * 1_000_000)}",  # microseconds
    ],
)
@override_settings(LOAD_SHED_MAX_QUEUE_MS=1000)
def test_request_that_waited_too_long_in_the_queue_is_shed(rf, stamp):
    middleware = LoadSheddingMiddleware(ok_view)

    response = middleware(rf.get("/fr/buyer/", HTTP_X_REQUEST_START=stamp(time.time())))

    assert response.status_code == 503
    assert response["Retry-After"] == "2"


@override_settings(LOAD_SHED_MAX_QUEUE_MS=1000)
def test_fresh_or_unreadable_queue_stamp_passes(rf):
    middleware = LoadSheddingMiddleware(ok_view)

    fresh = middleware(rf.get("/", HTTP_X_REQUEST_START=f"t={time.time() - 0.1:.3f}"))
    garbage = middleware(rf.get("/", HTTP_X_REQUEST_START="t=soon"))

    assert fresh.status_code == 200
    assert garbage.status_code == 200


@override_settings(LOAD_SHED_MAX_IN_FLIGHT=1)
def test_health_probe_is_never_shed(rf):
    middleware = LoadSheddingMiddleware(ok_view)
    middleware.in_flight = 1

    assert middleware(rf.get("/healthz")).status_code == 200


def test_sheds_before_sessions_and_authentication():
    names = settings.MIDDLEWARE
    shedding = names.index("maillage.core.middleware.LoadSheddingMiddleware")

    assert shedding < names.index("django.contrib.sessions.middleware.SessionMiddleware")
    assert shedding < names.index("django.contrib.auth.middleware.AuthenticationMiddleware")
