# newskit: two commands for a fresh clone — `make reproduce` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP_FLAGS := --disable-pip-version-check --progress-bar off -q

.PHONY: setup test reproduce notebooks lint clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install $(PIP_FLAGS) -e '.[dev,notebooks,dask]'
	$(BIN)/python -c "import newskit, spacy, textacy, HanTa"
	@touch $(STAMP)

test: setup
	$(BIN)/python -m pytest -q -n 2 --dist loadfile --nbmake --doctest-modules tests notebooks newskit

reproduce: setup
	$(BIN)/newskit analyze seeds --out results
	$(MAKE) notebooks

notebooks: setup
	$(BIN)/python notebooks/execute.py

lint: setup
	$(BIN)/ruff check newskit tests bench training notebooks/execute.py

clean:
	rm -rf results .pytest_cache
