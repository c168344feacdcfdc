# newsdrop — the two commands a new user runs: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-dev

.PHONY: demo test test-slow lint bench package clean eval up

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

## demo: embedded S3 + SQS (moto), upload the sample articles, run the real handler, print the summaries
demo: $(STAMP)
	$(BIN)/newsdrop demo

## up: keep the embedded stack running; drop files into it with any S3 client
up: $(STAMP)
	$(BIN)/newsdrop up

## test: the whole suite (unit, functional, infra, end to end through moto's server)
test: $(STAMP)
	$(BIN)/ruff check functions tests benchmarks scripts
	$(BIN)/python -m pytest -q

test-slow: $(STAMP)
	NEWSDROP_HYPOTHESIS=slow $(BIN)/python -m pytest -q -m slow

lint: $(STAMP)
	$(BIN)/ruff check functions tests benchmarks scripts
	$(BIN)/cfn-lint infra/template.yaml

## bench: performance figures against same-run baselines (cold start, latency, scaling, memory, package,
## cost); prints one table and fails when a target is missed. `make bench BENCH_ARGS=--quick` for a smoke run
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

## package: build/newsdrop.zip for Lambda (python3.12, arm64 wheels, no Docker); prints its size
package: | $(BIN)/python
	PYTHON=$(BIN)/python scripts/package.sh

clean:
	rm -rf $(VENV) out build .pytest_cache .ruff_cache
