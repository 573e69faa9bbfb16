# Two commands on a fresh machine: `make report` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= seeds
OUT ?= out
# the seed corpus comes with two coders' sheets: its report includes the validation notebook
ifeq ($(CORPUS),seeds)
SHEETS := -p sheets '[tests/data/coding/seeds_coder_a.csv, tests/data/coding/seeds_coder_b.csv]'
endif

.PHONY: report test install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,scale]"

report: install
	$(BIN)/framing score $(CORPUS) --out $(OUT)
	$(BIN)/framing report $(CORPUS) --out reports --figures figures $(SHEETS)

test: install-test
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) $(OUT) *.egg-info
