# Two commands for a fresh Debian machine with Python 3.11: `make run` and `make test`.
# `make run PORT=8600` serves on another port; `make etl ARGS="add report.pdf"` runs the ETL.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
DB     ?= data/savings.duckdb
RAW    := $(shell find data/raw data/curation -type f 2>/dev/null)
PORT   ?= 8501
export DEBIAN_FRONTEND := noninteractive

.PHONY: run test lint install db etl chromium fonts bench clean

# Debian ships venv/ensurepip separately (python3-venv); install it when missing and we are root.
$(VENV)/.installed: requirements.txt
	@[ -n "$(PYTHON)" ] || { echo "error: python3.11 not found; install Python 3.11"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { echo "error: $(PYTHON) is not Python 3.11"; exit 1; }
	@$(PYTHON) -m venv --help >/dev/null 2>&1 && $(PYTHON) -c 'import ensurepip' 2>/dev/null || { \
	  [ "$$(id -u)" = 0 ] && apt-get update -q && apt-get install -y -q python3-venv; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	@# the project folder on the environment's path (what an editable install does): `.venv/bin/python -m etl`
	@# then works from any directory
	$(PY) -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_path("purelib"), "sparepotentiale.pth").write_text("$(CURDIR)\n")'
	touch $@

install: $(VENV)/.installed

# Rebuilt when missing or older than anything under data/raw or data/curation.
$(DB): $(VENV)/.installed $(RAW) $(shell find etl -name '*.py' -o -name '*.sql' 2>/dev/null)
	$(PY) -m etl build --db $(DB)

db: $(DB)

# The ETL command with the project's environment, e.g. make etl ARGS="build" or
# make etl ARGS="add --db data/savings.duckdb ~/Downloads/budget.pdf" (paths relative to this folder).
etl: $(VENV)/.installed
	$(PY) -m etl $(ARGS)

run: $(DB)
	SAVINGS_DB=$${SAVINGS_DB:-$(DB)} $(PY) -m streamlit run dashboard.py --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

# What the tests need from Debian: Chromium for the browser tests (Playwright's own download
# is unreachable) and DejaVu Sans, the TrueType font the generated catalogue PDFs embed.
APT_INSTALL = if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q $(1); \
	  else sudo apt-get update -q && sudo apt-get install -y -q $(1); fi
chromium:
	@[ -x /usr/bin/chromium ] || { $(call APT_INSTALL,chromium); }

fonts:
	@[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || { $(call APT_INSTALL,fonts-dejavu-core); }

# Lint (ruff: rules in pyproject.toml) and types (mypy on etl/ and app/) before the suite.
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

# Two pytest-xdist workers: the 2-vCPU machine's second core runs tests while the first waits on a
# browser, a server or a subprocess. `make test TEST_WORKERS=0` runs the suite in one process.
TEST_WORKERS ?= 2
test: lint chromium fonts
	$(PY) -m pytest -q --run-slow -n $(TEST_WORKERS)

bench: $(VENV)/.installed
	$(PY) bench/run.py
	$(PY) bench/pdf.py
	$(PY) bench/pdf_layouts.py
	$(PY) bench/loads.py

clean:
	rm -rf $(VENV) $(DB)
