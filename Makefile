# Two commands: `make demo` and `make test`. Both install whatever is missing first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test system-deps venv bench clean

system-deps:
	@bash scripts/install-system-deps.sh

# Re-installs only when pyproject.toml changes.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: system-deps $(STAMP)

demo: venv
	$(VENV)/bin/explainer chapter -q l

test: venv
	$(PY) -m pytest

bench: venv
	$(PY) benchmarks/bench_train.py

clean:
	rm -rf media .pytest_cache
