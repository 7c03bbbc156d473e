# Two commands for a fresh clone:  `make run`  and  `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
export DAGSTER_HOME ?= $(CURDIR)/data/dagster_home

.PHONY: run test test-fast lint lock ui serve clean

## Create the virtual environment from the lock file (hash-checked) and install the project.
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

## Materialise every asset on the landing zone (the embedded sample unless MCMON_LANDING_DIR is set).
run: $(VENV)/.installed
	$(BIN)/mcmon run

## The oldest DuckDB 1.x client, in an environment of its own: the warehouse test opens the file with it.
$(VENV)/duckdb1/.installed: tests/duckdb1.lock $(VENV)/.installed
	$(PYTHON) -m venv $(VENV)/duckdb1
	$(VENV)/duckdb1/bin/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r tests/duckdb1.lock
	touch $@

## The whole test suite, one worker per core; a test file stays on one worker, so its module fixtures run once.
test: $(VENV)/.installed $(VENV)/duckdb1/.installed
	$(BIN)/pytest -n auto --dist loadfile

## The unit layer only: functions and SQL on small fixture tables, no pipeline run, browser or GX worker.
test-fast: $(VENV)/.installed
	$(BIN)/pytest -m "not slow"

lint: $(VENV)/.installed
	$(BIN)/ruff check .

## The Dagster service: webserver on 127.0.0.1:3000 and the daemon (schedules, sensor), run history in
## data/dagster_home. Ctrl+C stops both.
ui: $(VENV)/.installed
	$(BIN)/python -c "from pipelines.run import prepare_service; prepare_service()"
	$(BIN)/dagster-daemon run -w workspace.yaml & daemon=$$!; \
	trap 'kill $$daemon 2>/dev/null' EXIT INT TERM; \
	$(BIN)/dagster-webserver -w workspace.yaml -h 127.0.0.1 -p 3000

## The dashboard site (data/site) on http://127.0.0.1:8000 for people without file access.
serve: $(VENV)/.installed
	$(BIN)/mcmon serve

## Regenerate the lock after changing pyproject.toml (needs network access to PyPI).
lock: $(VENV)/.installed
	PIP_CONFIG_FILE=/dev/null $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --extra dev --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) data/internal data/warehouse.duckdb* data/exports* data/feedback* data/site* data/reports data/logs
