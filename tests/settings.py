"""The settings of the test suite: the project's settings under the development environment.

DEBUG is off by default (production is the default), and with it off the settings require a
secret key, a broker, HTTPS and the collected static files. Tests run in the development
profile, as they always have: DEBUG=true, set here in the environment before the project's
settings are read, because the settings derive much from it at import time.

Why a settings module and not an `env` option of pytest: pytest-django imports the settings
before any conftest.py runs, and pytest-env (the plugin that sets variables early enough)
would be a new dependency that needs a newer pytest than the lock's. The variable is set in
os.environ, so the subprocesses that tests start (a Celery worker) inherit it. A variable
already set wins (setdefault).
"""

import os

os.environ.setdefault("DEBUG", "true")

from maillage.settings import *  # noqa: F403
