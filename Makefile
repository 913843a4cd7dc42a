# The two commands of the README: `make lab` opens the course, `make test` tests it.
# Both build .venv on their own and reuse it while the pins have not changed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LAB_STAMP  := $(VENV)/.installed-lab
TEST_STAMP := $(VENV)/.installed-test

.PHONY: lab test test-quick validate benchmark notebooks site clean

# JupyterLab refuses to run as root unless told; containers and CI machines often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(LAB_STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb $(LAB_ARGS)

# The test files run on $(WORKERS) processes (pytest-xdist), each file whole in one of them.
WORKERS ?= 2

test: $(TEST_STAMP)
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadfile

# Unit tests and notebooks only: no browser, no Binder rehearsal.
test-quick: $(TEST_STAMP)
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadfile -m "not browser and not binder"

validate: $(LAB_STAMP)
	$(BIN)/coursekit validate

# The static edition: every lesson executed and written as web pages into $(SITE)/
# (open $(SITE)/index.html, or copy the folder to any static host).
SITE ?= site
site: $(LAB_STAMP)
	$(BIN)/coursekit build-site -o $(SITE)

benchmark: $(TEST_STAMP)
	$(BIN)/python tests/benchmarks/run_all.py

# Re-execute the lessons and store the outputs of their checked cells.
notebooks: $(TEST_STAMP)
	$(BIN)/python tests/tools/refresh_notebooks.py notebooks/*.ipynb

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The same two steps as Binder: the pins, then binder/postBuild (the course package and the
# course's JupyterLab settings, binder/overrides.json), run with this venv first on PATH.
$(LAB_STAMP): binder/requirements.txt binder/postBuild binder/overrides.json pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r binder/requirements.txt
	PATH="$(CURDIR)/$(BIN):$$PATH" bash binder/postBuild
	touch $@

# tests/node: gift-pegjs, the independent GIFT parser the export tests run with Node (skipped
# without npm, except under CI).
$(TEST_STAMP): $(LAB_STAMP) tests/requirements.txt tests/node/package-lock.json
	$(BIN)/python -m pip install --quiet -r tests/requirements.txt
	if command -v npm >/dev/null 2>&1; then cd tests/node && npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the GIFT parser test will be skipped"; fi
	touch $@

clean:
	rm -rf $(VENV)
