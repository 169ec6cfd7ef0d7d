# Two commands on a fresh machine: `make run` and `make test`. Everything else is set up on the way.
SHELL := /bin/sh
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export XDG_RUNTIME_DIR ?= $(CURDIR)/var/run
export PYTHONDONTWRITEBYTECODE := 1
# Where `make run` listens; SITE_URL (links in e-mails) follows unless set (ikokmu/settings.py).
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: run test test-load setup system-packages lint bench lock messages clean

# The virtual environment is rebuilt whenever the lock file changes.
$(STAMP): requirements.lock pyproject.toml
	@PYTHON=$$(bin/find-python) || exit 1; \
	  echo "Python: $$PYTHON"; \
	  [ -x $(PY) ] || $$PYTHON -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

var/run:
	@mkdir -p var/run && chmod 700 var/run

# Debian packages besides Python (Chromium, poppler, fonts, WeasyPrint's libraries, gettext):
# installed with apt-get when missing, saying which and why (bin/system-packages).
system-packages:
	@bin/system-packages

setup: system-packages $(STAMP) var/run
	@$(PY) manage.py devdb start --quiet
	@$(PY) manage.py migrate --no-input -v 0

# The web server and the background worker (survey mail) side by side; Ctrl-C stops both (the
# worker finishes the mail it is sending; what is left waits for the next start).
run: setup
	@$(PY) manage.py seed_demo
	@$(PY) manage.py worker --no-reload --interval 1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

# Load and fault test of two instances (README "Lasttest"); not part of `make test` or CI.
# LOAD_DURATION=60 (seconds per phase, default 300) for a quick check.
test-load: setup
	$(PY) -m loadtest

# The hostile-input sweep of tests/fuzz at length: generated examples for every form and query
# parameter of every URL and role, Django's admin included (CI sends only the fixed examples).
.PHONY: test-fuzz
test-fuzz: setup
	SWEEP_EXAMPLES=$${SWEEP_EXAMPLES:-50} SWEEP_ADMIN=1 $(PY) -m pytest tests/fuzz $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Measures the figures the issues ask for (bench/); not part of `make test`.
bench: setup
	$(PY) -m bench $(BENCH)

# Re-pin every dependency after changing pyproject.toml.
lock: $(STAMP)
	$(VENV)/bin/pip-compile -q --extra dev --strip-extras --no-emit-index-url \
	  --no-emit-find-links --no-emit-trusted-host -o requirements.lock pyproject.toml

messages: $(STAMP)
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=var --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var

clean:
	-$(PY) manage.py devdb stop
	rm -rf $(VENV) var staticfiles
