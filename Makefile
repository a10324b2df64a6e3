# Two commands for a fresh Debian machine with Python 3.11: `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
DB     ?= data/savings.duckdb
RAW    := $(shell find data/raw data/curation -type f 2>/dev/null)
PORT   ?= 8501

.PHONY: run test install db chromium bench clean

$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 (apt-get install python3.11 python3.11-venv)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q --upgrade pip
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

install: $(VENV)/.installed

# Rebuilt when missing or older than anything under data/raw or data/curation.
$(DB): $(VENV)/.installed $(RAW) $(shell find etl -name '*.py' -o -name '*.sql' 2>/dev/null)
	$(PY) -m etl build --db $(DB)

db: $(DB)

run: $(DB)
	SAVINGS_DB=$${SAVINGS_DB:-$(DB)} $(PY) -m streamlit run dashboard.py --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

# Browser tests need Debian's Chromium (Playwright's own download is unreachable).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium; \
	  else sudo apt-get update -q && sudo apt-get install -y -q chromium; fi; \
	fi

test: $(VENV)/.installed chromium
	$(PY) -m pytest -q

bench: $(VENV)/.installed
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) $(DB)
