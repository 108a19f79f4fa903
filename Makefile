# shopbot: `make run` serves the bot on http://127.0.0.1:8000, `make test` runs the test suite.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false
SHOPBOT_CACHE_DIR ?= $(HOME)/.cache/shopbot
export SHOPBOT_CACHE_DIR
STORE := training/demo_store
MODEL := $(SHOPBOT_CACHE_DIR)/models/intents
INDEX := $(SHOPBOT_CACHE_DIR)/index
RECS := $(SHOPBOT_CACHE_DIR)/models/recommender
PYTEST_ARGS ?= -m "not slow" -q

.PHONY: run test install prepare train index recommender serve browser clean help

help:
	@echo "make run    - install, prepare the base model, train on the demo store if needed, build indexes, serve on :8000"
	@echo "make test   - install and run the test suite"

$(BIN)/python:
	$(PY) -m venv $(VENV)

# torch is installed first and pinned: an unpinned torch would pull a multi-GB CUDA build.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --disable-pip-version-check torch==2.13.0
	$(BIN)/pip install -q --disable-pip-version-check -e ".[test]"
	touch $@

install: $(VENV)/.installed

prepare: install
	$(BIN)/shopbot prepare-model

$(MODEL)/manifest.json: | prepare
	$(BIN)/shopbot train-intents --data $(STORE)/nlu/train.jsonl --out $(MODEL)

train: prepare $(MODEL)/manifest.json

$(INDEX)/manifest.json: | prepare
	$(BIN)/shopbot build-index --products $(STORE)/products.jsonl --faq $(STORE)/faq.jsonl \
		--policies $(STORE)/policies.jsonl --out $(INDEX)

index: prepare $(INDEX)/manifest.json

$(RECS)/manifest.json: | prepare
	$(BIN)/python -c "from training.demo_store import write_sequences; write_sequences('$(SHOPBOT_CACHE_DIR)/demo_sequences.txt')"
	$(BIN)/shopbot train-recommender --sequences $(SHOPBOT_CACHE_DIR)/demo_sequences.txt \
		--products $(STORE)/products.jsonl \
		--embedder $(SHOPBOT_CACHE_DIR)/base/multilingual-e5-small --out $(RECS) --time-budget 300

recommender: prepare $(RECS)/manifest.json

run: train index recommender
	$(BIN)/shopbot serve

browser:
	@dpkg -s chromium fonts-wqy-microhei >/dev/null 2>&1 || { echo "installing Debian's chromium and a CJK font for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null) \
		|| echo "could not install chromium: browser tests will report it"; }

test: install browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .cache .pytest_cache
