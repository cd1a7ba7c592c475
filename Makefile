# Two entry points for a fresh machine (see README): `make brief` and `make test`.
# Both set everything up first: system packages (Debian/Ubuntu; skipped when present), a
# virtual environment in .venv, and the package with its dependencies.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
SYSTEM_PACKAGES := poppler-utils libreoffice-writer-nogui python3-uno fonts-dejavu-core fonts-liberation libpango-1.0-0 libpangoft2-1.0-0 chromium

.PHONY: setup system venv brief draft test lint bench clean

system:
	@if ! command -v pdftotext >/dev/null || ! command -v soffice >/dev/null || ! command -v chromium >/dev/null || ! /usr/bin/python3 -c "import uno" 2>/dev/null; then \
	  echo "Installing system packages: $(SYSTEM_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	fi

$(BIN)/compose: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	@touch $@

venv: $(BIN)/compose

setup: system venv

brief: setup
	$(BIN)/compose brief --cluster 1

draft: setup
	$(BIN)/compose draft examples/zero-draft.yaml

test: setup
	$(BIN)/ruff check composer tests benchmarks
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/pip install -q -e ".[bench]"
	$(BIN)/python benchmarks/bench_compose.py
	$(BIN)/python benchmarks/bench_diff.py
	$(BIN)/python benchmarks/bench_trace.py

clean:
	rm -rf $(VENV) out/*.docx out/*.pdf out/*.html out/*.md out/*.json
