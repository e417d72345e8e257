# Two commands do everything: `make run` (a demo on SQLite) and `make test` (the whole suite
# against the real PostgreSQL and Redis). Both install what they need first.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install --quiet --disable-pip-version-check

TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/coalition
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: run test install install-dev browser messages lint format bench faults clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(PIP) -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(PIP) -r requirements-dev.txt
	touch $(VENV)/.installed $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The Spanish catalogue, compiled from the .po kept in git (GNU gettext's msgfmt).
CATALOGUE := locale/es/LC_MESSAGES/django.mo
$(CATALOGUE): locale/es/LC_MESSAGES/django.po
	@command -v msgfmt >/dev/null 2>&1 || { \
		echo "Installing gettext from Debian"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; }
	msgfmt --check -o $@ $<

# After changing wording: refresh the Spanish catalogue, then translate its new entries
# (`make test` fails while one is missing; terms in locale/GLOSSARY.md).
messages: install
	$(BIN)/python manage.py makemessages -l es --no-obsolete \
		--ignore=node_modules --ignore=staticfiles --ignore=bench --ignore=faults

install: $(VENV)/.installed $(CATALOGUE)

install-dev: $(VENV)/.installed-dev node_modules/.installed browser $(CATALOGUE)

# Debian's Chromium: Playwright cannot download its own browser on these machines.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Chromium from Debian"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py clear_cache
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install-dev
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
		$(BIN)/pytest $(ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# On demand, never part of `make test`: seeds coalition_bench_1x/10x on the local PostgreSQL
# (once), measures every page in-process and over HTTP (gunicorn + wrk) against a bare and a
# signed-in hello, the key queries and the email pipeline, prints one table and fails if a
# floor is missed. See README.
BENCH_ARGS ?=
bench: install
	@command -v wrk >/dev/null 2>&1 || { \
		echo "Installing wrk from Debian"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python -m bench $(BENCH_ARGS)

# Not part of `make test`: breaks a throwaway copy of the stack on purpose (faults/run.py).
faults: install-dev
	$(BIN)/python faults/run.py

clean:
	rm -rf $(VENV) node_modules staticfiles test-artifacts db.sqlite3
