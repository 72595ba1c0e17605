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
	$(BIN)/python -m pytest -q --nbmake tests notebooks

reproduce: setup
	$(BIN)/newskit analyze seeds --out results
	$(MAKE) notebooks

notebooks: setup
	cd notebooks && for nb in [0-9]*.ipynb; do echo "executing $$nb"; ../$(BIN)/jupyter execute --kernel_name=python3 "$$nb" || exit 1; done

lint: setup
	$(BIN)/ruff check newskit tests bench

clean:
	rm -rf results .pytest_cache
