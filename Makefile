# Two commands on a fresh machine: `make run` (demo on simulated platforms, console on
# http://127.0.0.1:8311) and `make test` (the whole suite). Both create .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck bench fmt clean eval train

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (set PYTHON=...)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/crisisbot demo --port 8311

test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m bench.intake
	$(BIN)/python -m bench.triage
	$(BIN)/python -m bench.startup
	$(BIN)/python -m bench.triage_quality

train: $(STAMP)
	$(BIN)/python -m bench.train
	$(BIN)/python bench/train_location.py --data ../shared/data --drop w,pw,wn,x --min-weight 0.5

eval: $(STAMP)
	$(PYTHON) ../shared/eval/triage_eval.py --data ../shared/data --cmd "$(BIN)/crisisbot triage"

fmt: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
