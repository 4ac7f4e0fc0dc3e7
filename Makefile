# Pembina — the two commands a newcomer needs are `make run` and `make test`.
CARGO ?= cargo
BIND ?= 127.0.0.1:8080

.PHONY: help run build test test-rust test-postgres lint fmt openapi openapi-check clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

build: ## compile the pembina binary
	$(CARGO) build -p pembina-api --bin pembina

run: build ## serve the demo (SQLite under data/, demo data) at http://127.0.0.1:8080
	./target/debug/pembina serve --demo --bind $(BIND)

test: ## every test: formatting, unit, API (SQLite; PostgreSQL too when PEMBINA_TEST_POSTGRES_URL is set), spec drift, CLI
	$(CARGO) fmt --all --check
	$(CARGO) test --workspace --all-targets

test-postgres: ## the tests with PostgreSQL mandatory (local server at 127.0.0.1:5432)
	PEMBINA_TEST_POSTGRES_URL=$${PEMBINA_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test} \
	PEMBINA_TEST_REQUIRE_POSTGRES=1 $(MAKE) test

lint: ## clippy with warnings as errors
	$(CARGO) clippy --workspace --all-targets -- -D warnings

fmt: ## format the code
	$(CARGO) fmt --all

openapi: ## regenerate openapi/openapi.json from the code
	$(CARGO) run -q -p pembina-api --bin pembina -- openapi

openapi-check: ## fail when openapi/openapi.json differs from the code
	$(CARGO) run -q -p pembina-api --bin pembina -- openapi --check

clean: ## remove build output and the demo database
	$(CARGO) clean
	rm -rf data
