# Two commands on a fresh machine: `make report` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= seeds
OUT ?= out

.PHONY: report test install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"

report: install
	$(BIN)/framing score $(CORPUS) --out $(OUT)
	$(BIN)/framing report $(CORPUS) --out reports --figures figures

test: install-test
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) $(OUT) *.egg-info
