# Two entry points: `make run` (the kit on its sample workshop) and `make test` (everything).
# Both set themselves up from nothing but Python 3 (and root, for Chromium).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     ?= var/workshops.sqlite
PORT   ?= 8866

.PHONY: run test lint bench bench-room chromium postgresql libreoffice sample clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "cxwidgets needs Python 3.11 or newer"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	@mkdir -p $(dir $(DB))
	$(BIN)/cxwidgets serve --db $(DB) --port $(PORT) --sample

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; \
	  else echo "Chromium is missing: run 'sudo apt-get install -y chromium' once"; exit 1; fi; }

# The store tests run on SQLite and on a private PostgreSQL server they start themselves.
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null; \
	  else echo "PostgreSQL is missing: run 'sudo apt-get install -y postgresql' once"; exit 1; fi; }

# The hostile-export tests open the kit's workbooks in LibreOffice (headless) to prove no
# participant's text is evaluated as a formula; the deck tests open the sponsor's deck in
# Impress and turn its slides into pictures.
LIBREOFFICE := libreoffice-calc-nogui libreoffice-impress-nogui
libreoffice:
	@{ command -v soffice && ls /usr/lib/libreoffice/share/.registry/impress.xcd; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(LIBREOFFICE)) >/dev/null; \
	  else echo "LibreOffice is missing: run 'sudo apt-get install -y $(LIBREOFFICE)' once"; exit 1; fi; }

#: The suite runs in two processes, a test file at a time each (a file's tests share its
#: servers and keep their order); browser tests spend most of their time waiting on a
#: server or a page, which the other process uses. `make test WORKERS=0` runs it in one.
WORKERS ?= 2
test: $(STAMP) chromium postgresql libreoffice
	$(BIN)/ruff check --no-cache .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadfile --durations=25

lint: $(STAMP)
	$(BIN)/ruff check --no-cache .
	$(BIN)/mypy

bench: $(STAMP) chromium postgresql
	$(BIN)/python bench/store_bench.py
	$(BIN)/python bench/concurrency_bench.py
	$(BIN)/python bench/startup_bench.py
	$(BIN)/python bench/map_bench.py
	$(BIN)/python bench/update_bench.py
	$(BIN)/python bench/feed_bench.py
	$(BIN)/python bench/export_bench.py
	$(BIN)/python bench/evidence_bench.py
	$(BIN)/python bench/evidence_cli_bench.py
	$(BIN)/python bench/batch_bench.py
	$(BIN)/python bench/rooms_bench.py

# rooms of 1, 10, 20 and 40 arriving over a minute, served as for a room of that size, then
# rooms of 40 where a quarter and where all are on slow devices
bench-room: $(STAMP) chromium
	$(BIN)/python bench/room_bench.py --rounds 1,10,20,40,40:0.25,40:1 "--serve-arg=--room-size={N}"

sample: $(STAMP)
	$(BIN)/python sample_data/make_sample_workshop.py
	$(BIN)/python sample_data/make_feedback_exports.py

clean:
	rm -rf $(VENV) var test-output .pytest_cache
