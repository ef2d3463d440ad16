# Two commands: `make demo` and `make test`. Both install whatever is missing first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test system-deps test-system-deps venv slides-deps bench clean

system-deps:
	@bash scripts/install-system-deps.sh

test-system-deps:
	@bash scripts/install-system-deps.sh --with-test-tools

# reveal.js for the offline HTML slides, pinned in package.json / package-lock.json.
slides-deps: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm is missing: sudo apt-get install --no-install-recommends npm"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error

# Re-installs only when pyproject.toml changes.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: system-deps $(STAMP)

demo: venv
	$(VENV)/bin/explainer chapter -q l

test: test-system-deps $(STAMP) slides-deps
	$(PY) -m pytest

bench: venv
	$(PY) benchmarks/bench_train.py
	$(PY) benchmarks/bench_surface.py

clean:
	rm -rf media .pytest_cache
