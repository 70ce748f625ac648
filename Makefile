# Maillage: `make demo` sets everything up and serves the demo; `make test` runs the suite.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
MANAGE := $(PY) manage.py
DEMO_SEED ?= 2026

.PHONY: demo serve test lint format bench lock messages check-deploy clean

# DEBUG is off unless set (settings.py): the demo, its server and the developer's tools that
# read the settings (mypy's Django plugin, makemigrations, makemessages) run with it on.
# (The tests set it in tests/settings.py; check-deploy turns it off.)
demo serve lint messages: export DEBUG := true

# A dev machine: the runtime lock (what a server gets), then the tools of the dev lock.
$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## demo: create .venv, migrate, load communes and the demo territory, plan it, serve :8000
## (the .mo catalogues are committed: no gettext tools are needed)
demo: $(STAMP)
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_communes
	$(MANAGE) build_demo --seed $(DEMO_SEED) --if-missing
	$(MANAGE) consolidate --territory gironde --start 2026-11-02 --end 2026-12-18 \
		--time-limit 20 --with-baseline --publish --if-missing
	$(MANAGE) demo_term
	$(MANAGE) demo_logins
	$(MANAGE) runserver 127.0.0.1:8000 --noreload

## serve: serve the existing demo database
serve: $(STAMP)
	$(MANAGE) runserver 127.0.0.1:8000 --noreload

## test: the whole suite (PostgreSQL when DATABASE_URL is set, SQLite otherwise), in
## TEST_WORKERS processes (pytest-xdist; each has its own test database): 2 by default, the
## cores CI has; TEST_WORKERS=0 runs it in one process
TEST_WORKERS ?= 2
test: $(STAMP)
	$(PY) -m pytest -q -n $(TEST_WORKERS)

## lint: ruff, import contracts, types, templates, migrations in sync
## (the same checks as .pre-commit-config.yaml)
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(VENV)/bin/djlint src/maillage --lint
	$(MANAGE) makemigrations --check --dry-run

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## bench: benchmarks (never part of make test)
bench: $(STAMP)
	PYTHONPATH=src $(PY) benchmarks/consolidation/run.py --seeds 1,2,3 --front 120 --rerun 60 \
		--offline-bound 120 --offline-bound-sizes S,M,L
	PYTHONPATH=src $(PY) benchmarks/payroll/run.py
	PYTHONPATH=src $(PY) benchmarks/load/run.py
	PYTHONPATH=src $(PY) benchmarks/wages.py
	PYTHONPATH=src $(PY) benchmarks/replacement.py
	PYTHONPATH=src:. $(PY) benchmarks/invoicing.py

## lock: re-resolve requirements.in and requirements-dev.in into their hashed locks, from PyPI
## (needs the network). A machine's pip configuration (files and PIP_FIND_LINKS) is ignored: a
## local index or wheel folder would give other hashes than PyPI's and leave its path in the
## lock. Keep the pins and move one package with: make lock LOCK_ARGS="--upgrade-package NAME"
LOCK_ARGS ?=
PIP_COMPILE := env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null \
	$(VENV)/bin/pip-compile --quiet --generate-hashes \
	--strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links $(LOCK_ARGS)
lock: $(STAMP)
	$(PIP_COMPILE) -o requirements.lock requirements.in
	$(PIP_COMPILE) -o requirements-dev.lock requirements-dev.in

## messages: refresh the French and English catalogues and compile them
messages: $(STAMP)
	cd src/maillage && ../../$(PY) ../../manage.py makemessages -l fr -l en --no-obsolete --ignore=static
	cd src/maillage && ../../$(PY) ../../manage.py compilemessages

check-deploy: $(STAMP)
	DEBUG=false SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=maillage.example \
		CELERY_BROKER_URL=redis://127.0.0.1:6379/0 \
		$(MANAGE) check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var
