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

.PHONY: report test install install-test training-table clean

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

# after a coder-A sheet of tests/data/coding changes or is added: the default codebook's
# training table (framing/learned.py), shipped with the package
training-table: install
	$(BIN)/python -c "import glob, yaml; from framing.learned import write_training_table; \
	book = yaml.safe_load(open('framing/codebooks/trump_xi_call_2025.yaml')); \
	write_training_table(sorted(glob.glob('tests/data/coding/heldout*_coder_a.csv')), \
	[f['id'] for f in book['frames']], 'framing/codebooks/trump_xi_call_2025_training.csv')"

clean:
	rm -rf $(VENV) $(OUT) *.egg-info
