# Pembina — the two commands a newcomer needs are `make run` and `make test`.
CARGO ?= cargo
NPM ?= npm
BIND ?= 127.0.0.1:8080

.PHONY: help bench run build spa test test-rust test-frontend test-e2e test-postgres lint fmt openapi openapi-check clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

build: ## compile the pembina binary
	$(CARGO) build -p pembina-api --bin pembina

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && $(NPM) ci --no-audit --no-fund

spa: frontend/node_modules/.package-lock.json ## build the SPA into frontend/dist
	cd frontend && $(NPM) run build

run: build ## serve the demo (SQLite under data/, demo data, the SPA) at http://127.0.0.1:8080
	@if command -v $(NPM) >/dev/null 2>&1; then $(MAKE) --no-print-directory spa; \
	else echo "npm not found: serving the API without the SPA (install Node.js 20 for the SPA)"; fi
	./target/debug/pembina serve --demo --bind $(BIND)

test: test-rust test-frontend test-e2e ## every test: Rust (API on SQLite, and PostgreSQL when configured), SPA, browser

test-rust: ## formatting, unit, API, CLI and spec-drift tests of the Rust workspace
	$(CARGO) fmt --all --check
	$(CARGO) test --workspace --all-targets

test-frontend: frontend/node_modules/.package-lock.json ## generated client up to date, type check, unit tests, build, bundle budget
	cd frontend && $(NPM) run check:api && $(NPM) run typecheck && $(NPM) test && $(NPM) run build && $(NPM) run size

test-e2e: build spa ## browser tests in Debian's chromium (skipped without it unless PEMBINA_REQUIRE_BROWSER=1)
	@if [ ! -x "$${PEMBINA_CHROMIUM:-/usr/bin/chromium}" ]; then \
	  if [ -n "$$PEMBINA_REQUIRE_BROWSER" ]; then echo "chromium is required (apt-get install chromium)"; exit 1; fi; \
	  echo "chromium not installed: browser tests skipped (apt-get install chromium, or run .ci/run)"; \
	else cd tests/e2e && $(NPM) ci --no-audit --no-fund && $(NPM) test; fi

test-postgres: ## the tests with PostgreSQL mandatory (local server at 127.0.0.1:5432)
	PEMBINA_TEST_POSTGRES_URL=$${PEMBINA_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test} \
	PEMBINA_TEST_REQUIRE_POSTGRES=1 $(MAKE) test

lint: ## clippy with warnings as errors
	$(CARGO) clippy --workspace --all-targets -- -D warnings

fmt: ## format the code
	$(CARGO) fmt --all

openapi: ## regenerate openapi/openapi.json and the SPA's typed client from the code
	$(CARGO) run -q -p pembina-api --bin pembina -- openapi
	@if [ -d frontend/node_modules ]; then cd frontend && $(NPM) run gen:api; fi

openapi-check: ## fail when openapi/openapi.json differs from the code
	$(CARGO) run -q -p pembina-api --bin pembina -- openapi --check

clean: ## remove build output and the demo database
	$(CARGO) clean
	rm -rf data frontend/dist

bench: ## benchmarks vs raw baselines on SQLite and PostgreSQL: imports, heat map and needs (see docs/performance.md)
	$(CARGO) bench -p pembina-api --bench imports
	$(CARGO) bench -p pembina-api --bench competency
