# The two set-up commands of the README: `make demo` and `make test`.
# Both install the Debian dependencies first (idempotent), then build with CMake.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
DEMO_DB ?= $(BUILD_DIR)/demo-db
DEMO_QUERY ?= Iran Mali

.PHONY: all deps build demo test clean

all: build

deps:
	sh scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	rm -rf $(DEMO_DB)
	$(BUILD_DIR)/indexer/depeche-index --db $(DEMO_DB) --summary data
	$(BUILD_DIR)/searcher/depeche-search --db $(DEMO_DB) --facet source --facet year $(DEMO_QUERY)

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD_DIR)
