# One command to run the dashboard on the demo data, one to pass the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
ADDRESS ?= 127.0.0.1

.PHONY: run test setup setup-dev browser demo build bench lint

run: setup
	$(BIN)/python -m onescreen demo --if-empty
	$(BIN)/python -m onescreen build
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.address $(ADDRESS)

test: setup-dev browser
	$(BIN)/python -m pytest

setup: $(VENV)/.runtime-installed

setup-dev: $(VENV)/.dev-installed

$(VENV)/.runtime-installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt $(VENV)/.runtime-installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# Chromium for the browser tests comes from Debian; Playwright never downloads one.
# The CJK fonts make Chinese text in screenshots readable.
browser:
	@if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "noto.*cjk"; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk fonts-noto-color-emoji >/dev/null; \
	else echo "chromium is not installed and this is not root: browser tests will be skipped"; fi

demo: setup
	$(BIN)/python -m onescreen demo --force

build: setup
	$(BIN)/python -m onescreen build

bench: setup-dev
	$(BIN)/python scripts/benchmark_build.py

lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
