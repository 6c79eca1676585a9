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

.PHONY: run serve test test-matrix lint check pytest-sqlite pytest-postgres demo venv messages bench clean help pdf-deps vendor

help:
	@echo "make run    - set up .venv, migrate var/kopiena.sqlite3, load demo content, serve :$(PORT)"
	@echo "make test   - ruff, checks, migrations check, pytest on SQLite and PostgreSQL"
	@echo "make serve  - production-like run: gunicorn + db_worker on PostgreSQL and Redis, :$(PORT)"
	@echo "make test-matrix - the suite against each claimed Wagtail/Django release (nox)"
	@echo "make bench  - benchmarks against the production-like run (see bench/README.md)"

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[dev]"
	@touch $(STAMP)

venv: $(STAMP)

# The PDFs (the social map's booklet, the annual report; WeasyPrint) need Debian's Pango and a font with Latvian and
# Cyrillic letters; installed with apt when missing, as the browser tests' chromium is.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig
pdf-deps:
	@missing=""; for pkg in $(PDF_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian's$$missing for the PDFs..."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq$$missing >/dev/null; \
	fi

# Leaflet and Leaflet.markercluster for the social map, from the npm registry at the versions
# of site/social_map/frontend/package-lock.json, copied into the app's static files (they
# are committed, so installing Kopiena needs no Node; tests/social_map/test_vendor_and_roles.py
# checks them against the lockfile).
vendor:
	cd site/social_map/frontend && npm ci --ignore-scripts --no-audit --no-fund && node build.mjs

run: $(STAMP) pdf-deps
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Kopiena: http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/, demo password: kopiena-demo)"
	WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)}" \
	  $(PY) manage.py runserver $(HOST):$(PORT)

# Production settings with local defaults; every variable may be overridden from the
# environment (see README "Deployment"). The secret key is generated once into var/.
SERVE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/kopiena
SERVE_REDIS_URL ?= redis://127.0.0.1:6379/1

var/secret_key:
	@mkdir -p var
	@umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

serve: $(STAMP) pdf-deps var/secret_key
	SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	DATABASE_URL="$${DATABASE_URL:-$(SERVE_DATABASE_URL)}" \
	REDIS_URL="$${REDIS_URL:-$(SERVE_REDIS_URL)}" \
	SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}" \
	CSRF_TRUSTED_ORIGINS="$${CSRF_TRUSTED_ORIGINS:-http://$(HOST):$(PORT),http://localhost:$(PORT)}" \
	WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)}" \
	BIND="$(HOST):$(PORT)" PY=$(PY) scripts/serve

demo: $(STAMP)
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

lint: $(STAMP)
	$(VENV)/bin/ruff check site demo tests bench manage.py setup.py
	$(VENV)/bin/ruff format --check site demo tests bench manage.py setup.py

check: $(STAMP)
	@mkdir -p var
	DJANGO_SETTINGS_MODULE=demo.settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=demo.settings.test $(PY) manage.py makemigrations --check --dry-run

test: $(STAMP) pdf-deps
	@.ci/test-all

# Each app keeps its own catalogue in its locale/ folder; the demo project has its own.
# The version matrix (noxfile.py): each claimed Wagtail and Django release, SQLite and
# PostgreSQL, each in its own virtualenv under .nox/. Not part of `make test` (it runs the
# suite eight times).
test-matrix: $(STAMP)
	$(VENV)/bin/nox

messages: $(STAMP)
	@for dir in site/*/ demo/; do \
	  if [ -d "$$dir/locale" ]; then \
	    echo "messages: $$dir"; \
	    (cd "$$dir" && $(CURDIR)/$(PY) $(CURDIR)/manage.py makemessages -l lv -l ru --ignore "migrations/*" && \
	     $(CURDIR)/$(PY) $(CURDIR)/manage.py compilemessages) || exit 1; \
	  fi; \
	done

# Needs PostgreSQL and Redis (BENCH_DATABASE_URL / BENCH_REDIS_URL, local defaults) and
# wrk; uses its own database, kopiena_bench. Writes bench/RESULTS.md. Not part of `make test`.
bench: $(STAMP) pdf-deps
	@command -v wrk >/dev/null || { echo "Installing Debian's wrk for the load benchmarks..."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk >/dev/null; }
	cd bench && ../$(PY) run.py

clean:
	rm -rf $(VENV) var/kopiena.sqlite3 var/static var/media
