# Tòa Soạn — two commands on a fresh machine with Python 3.11+ and make:
#   make demo   the newspaper with demo content at http://127.0.0.1:$(PORT)/ (admin at /admin/)
#   make test   the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
SEED_DIR ?= ../shared/seed
IMPORT ?= $(wildcard $(SEED_DIR)/*.txt)
STAMP := $(VENV)/.installed

.PHONY: demo serve setup test lint lock clean-db help

help:
	@echo "make demo   - cài đặt, nạp nội dung mẫu, nhập trang mẫu và chạy trang báo tại http://127.0.0.1:$(PORT)/"
	@echo "make test   - chạy toàn bộ bộ kiểm thử"
	@echo "make lint   - ruff"
	@echo "make lock   - cập nhật requirements.lock từ pyproject.toml"

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)
	$(BIN)/toasoan setup --demo --port $(PORT) $(foreach f,$(IMPORT),--import $(f))

demo: setup
	$(BIN)/toasoan serve --port $(PORT)

serve: $(STAMP)
	$(BIN)/toasoan serve --port $(PORT)

AXE := tests/seo/node_modules/axe-core/axe.min.js

# axe-core for the accessibility browser tests, from the npm registry (skipped where npm is absent).
$(AXE): tests/seo/package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix tests/seo --silent --no-audit --no-fund; \
	else echo "npm is absent: the accessibility browser tests will be skipped"; fi

test: $(STAMP) $(AXE)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

lock: $(STAMP)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

clean-db:
	rm -rf var/

# --- Production stack on this machine and the performance benchmark (docs/performance.md)
.PHONY: prod-local prod-local-stop prod-cluster prod-cluster-stop bench

prod-local: $(STAMP)
	VENV=$(VENV) deploy/prod-local.sh start

prod-local-stop:
	deploy/prod-local.sh stop

# Two complete nodes sharing PostgreSQL (primary + streaming replica), Redis and the object store (docs/deployment.md)
prod-cluster: $(STAMP)
	VENV=$(VENV) deploy/prod-cluster.sh start

prod-cluster-stop:
	deploy/prod-cluster.sh stop

bench: $(STAMP)
	$(BIN)/python bench/run_bench.py $(BENCH_ARGS)
