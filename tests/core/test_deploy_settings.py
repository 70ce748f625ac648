"""Production settings pass Django's deployment checklist; development defaults stay safe."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # Only what production would have: no test-only switches (the browser tests set one).
    # The test settings module (tests/settings.py) is not production's either.
    ignored = {
        "DEBUG",
        "SECRET_KEY",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "CELERY_BROKER_URL",
        "DJANGO_SETTINGS_MODULE",
    }
    environment = {k: v for k, v in os.environ.items() if k not in ignored}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="x7$Kq!vP2m@Lz9#Rw4&Tn8^Yb3*Hc6(Jd1)Fg5-Ue0+Ws7=Xa2_Qe4%Ir8",
        ALLOWED_HOSTS="maillage.example",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_debug_is_off_when_the_variable_is_absent():
    """A server started without its environment is a production one, never a debug one."""
    clean = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": "x7$Kq!vP2m@Lz9#Rw4&Tn8^Yb3*Hc6(Jd1)Fg5-Ue0+Ws7=Xa2_Qe4%Ir8",
        "ALLOWED_HOSTS": "maillage.example",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    }
    show = "from django.conf import settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", show],
        cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False True"
    without_secret = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT, env={"PATH": os.environ["PATH"]}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert without_secret.returncode == 1
    assert "SECRET_KEY must be set when DEBUG is off." in without_secret.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="false", ALLOWED_HOSTS="maillage.example")
    assert result.returncode == 1
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_production_refuses_to_start_without_a_broker():
    # Without a broker, runs would execute inside web requests: refuse rather than degrade.
    result = run_manage(
        "check", DEBUG="false", SECRET_KEY="k" * 50, ALLOWED_HOSTS="maillage.example"
    )
    assert result.returncode == 1
    assert "CELERY_BROKER_URL must be set when DEBUG is off" in result.stderr


@pytest.mark.django_db
def test_pages_forbid_external_resources(client):
    response = client.get("/fr/")
    assert response["Content-Security-Policy"].startswith("default-src 'self'")
    assert "http" not in response.content.decode().split("<body")[0].replace("http-equiv", "")
