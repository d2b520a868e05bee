# pelagos: `make demo` serves the demo observatory, `make test` runs the whole suite.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
HOST   ?= 127.0.0.1
PORT   ?= 8080
DATA   ?= pelagos-data

.PHONY: install demo test test-slow test-fast lint typecheck bench clean

$(VENV)/.installed: pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

demo: install
	$(VENV)/bin/pelagos serve --demo --data-dir $(DATA) --host $(HOST) --port $(PORT)

lint: install
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

typecheck: install
	$(VENV)/bin/mypy src/pelagos

# lint, type check, the fast suites, then the slow ones (kill -9 and worker-kill durability, Celery, fuzzing,
# property-based paging over HTTP); one demo observatory, built by the first test that needs it, serves both runs
test: install lint typecheck
	@scratch=$$(mktemp -d); trap 'rm -rf "$$scratch"' EXIT; \
	export PELAGOS_TEST_DEMO_DIR=$${PELAGOS_TEST_DEMO_DIR:-$$scratch/demo}; \
	$(VENV)/bin/pytest -q -m "not slow" -p no:cacheprovider && \
	$(VENV)/bin/pytest -q -m "slow" -p no:cacheprovider

# only the slow suites
test-slow: install
	$(VENV)/bin/pytest -q -m "slow" -p no:cacheprovider

test-fast: install
	$(VENV)/bin/pytest -q -m "not slow and not postgres"

bench: install
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
