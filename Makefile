# Two commands set everything up on a fresh machine:
#   make serve   install, build the default data once, serve the engine
#   make test    install (with the browser for page tests), lint, run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: serve test install install-test browser bench lint lock wheel clean

# Dependencies come pinned from requirements.lock (runtime + test); the package itself is installed
# editable on top, without resolving anything again.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for the Playwright page tests (Playwright's own browser download does not work here).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	fi

serve: $(STAMP)
	$(BIN)/ror-orientation serve

test: $(STAMP) browser lint
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python bench/bench_load.py
	$(BIN)/python bench/bench_search.py
	$(BIN)/python bench/bench_index.py --names 300000
	$(BIN)/python bench/bench_peuplement.py
	$(BIN)/python bench/bench_http.py
	$(BIN)/python bench/bench_http_plancher.py
	$(BIN)/python bench/bench_pertinence.py --scale national
	$(BIN)/python bench/bench_abreviations.py
	$(BIN)/python bench/bench_sigles.py
	$(BIN)/python bench/bench_couverture.py --scale national

# ruff, the layers contract (import-linter, pyproject.toml), mypy (strict on the library)
lint: $(STAMP)
	$(BIN)/ruff check ror_orientation tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

# Refresh requirements.lock after changing dependencies in pyproject.toml.
lock: $(STAMP)
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra test --strip-extras --no-header --no-emit-index-url \
	  --no-emit-find-links --annotation-style line -o requirements.lock pyproject.toml
	sed -i '1i # Pinned runtime + test dependencies, compiled from pyproject.toml (`make lock` refreshes it).\n# `make install` installs from it, then the package itself with --no-deps.' requirements.lock

# The wheel on its own: built, installed in a fresh venv outside the checkout, generate + search.
wheel: $(STAMP)
	.ci/wheel

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .import_linter_cache build dist
