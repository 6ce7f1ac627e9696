# The two set-up commands of the README: `make demo` and `make test`.
# Both install the Debian dependencies first (idempotent), then build with CMake.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
DEMO_DB ?= $(BUILD_DIR)/demo-db
DEMO_QUERY ?= Iran Mali

FUZZ_SECONDS ?= 10

.PHONY: all deps build demo test check-long test-sanitized fuzz clean

all: build

deps:
	sh scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	rm -rf $(DEMO_DB)
	$(BUILD_DIR)/indexer/depeche-index --db $(DEMO_DB) --summary=text data
	$(BUILD_DIR)/searcher/depeche-search --db $(DEMO_DB) --facet source --facet year $(DEMO_QUERY)

# The whole suite, then the same suite built with ASan+UBSan (the real-corpus test, 17 minutes
# under ASan, runs in the plain build only), then every fuzz target for FUZZ_SECONDS.
test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)
	sh scripts/test-sanitized.sh -E SimilarOnRealCorpus
	sh scripts/run-fuzz.sh $(FUZZ_SECONDS)

# The full sizes make test leaves out (decisions.md 17): a 1 GB line, a 200 MB article, a feed of
# a million items..., 200 kill -9, and minutes of fuzzing: FUZZ_SECONDS if given, else 120 s a target.
check-long: build
	BUILD_DIR=$(BUILD_DIR) JOBS=$(JOBS) FUZZ_SECONDS=$(if $(filter file,$(origin FUZZ_SECONDS)),120,$(FUZZ_SECONDS)) \
	  sh scripts/check-long.sh

test-sanitized: deps
	sh scripts/test-sanitized.sh

fuzz: deps
	sh scripts/run-fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD_DIR) build-asan build-fuzz
