# Kopiena: `make run` serves the demo site, `make test` runs every check.
# Nothing but Python 3.11 and make is needed; the virtualenv lives in .venv/.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
PG_DEFAULT_URL := postgres://postgres@127.0.0.1:5432/postgres
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint check pytest-sqlite pytest-postgres demo venv messages bench clean help

help:
	@echo "make run    - set up .venv, migrate var/kopiena.sqlite3, load demo content, serve :$(PORT)"
	@echo "make test   - ruff, checks, migrations check, pytest on SQLite and PostgreSQL"
	@echo "make bench  - benchmarks (see bench/README.md)"

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[dev]"
	@touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Kopiena: http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/, demo password: kopiena-demo)"
	$(PY) manage.py runserver $(HOST):$(PORT)

demo: $(STAMP)
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

lint: $(STAMP)
	$(VENV)/bin/ruff check site tests bench manage.py
	$(VENV)/bin/ruff format --check site tests bench manage.py

check: $(STAMP)
	@mkdir -p var
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

test: $(STAMP)
	@.ci/test-all

messages: $(STAMP)
	cd site && ../$(PY) ../manage.py makemessages --all --ignore "*/tests/*" && ../$(PY) ../manage.py compilemessages

bench: $(STAMP)
	@echo "no benchmarks yet"

clean:
	rm -rf $(VENV) var/kopiena.sqlite3 var/static var/media
