#!/bin/sh
# make check-long: the full-size runs of issue 13 that do not fit make test's 30 minutes
# (docs/robustness.md, "Long runs"), on the plain build in $BUILD_DIR:
#   - the hostile-input tests at full size (a 1 GB JSON line, a 200 MB article, JSON and HTML
#     nested 100,000 deep, a feed of a million items, a NUL in a title, a year 99999), each
#     checking the indexer's message, what got indexed, its peak RSS and its time; 6,000 nested
#     folders and a feed item with 400,000 attributes (issue 31);
#   - the million-item feed through the reader alone, and 200 kill -9 instead of 20;
#   - every fuzz target for FUZZ_SECONDS (default 120) each, in the clang build of run-fuzz.sh.
# The inputs are generated in temporary folders (about 1.3 GB of disk at once) and removed.
# Usage: scripts/check-long.sh   Environment: BUILD_DIR (default build), FUZZ_SECONDS (default
# 120), FUZZ_BUILD_DIR (default build-fuzz), JOBS (default nproc, for the fuzz build).
set -eu
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
FUZZ_SECONDS=${FUZZ_SECONDS:-120}
LOG_DIR="$BUILD_DIR/check-long"
mkdir -p "$LOG_DIR"

failed=""
start=$(date +%s)
# -j1: each test measures its own memory and time, which a neighbour would skew. -V keeps the
# figures the tests print; the log holds them all.
status=0
DEPECHE_LONG_TESTS=1 ctest --test-dir "$BUILD_DIR" -V -j1 --timeout 3600 \
  -R '^(HostileInput\.|HostileWorld\.|MarkupLimits\.|FeedReader\.ManyItemsAreStreamedInBoundedMemory$|Reindex\.KillNine)' \
  >"$LOG_DIR/ctest.log" 2>&1 || status=$?
tests_seconds=$(( $(date +%s) - start ))
grep -E '^[0-9]+: (\[ (hostile|kill -9) \]|\[ +(OK|FAILED) +\])' "$LOG_DIR/ctest.log" | sed 's/^[0-9]*: //'
if [ "$status" -ne 0 ]; then
  failed="$failed tests"
  grep -E -B2 -A30 'Failure$' "$LOG_DIR/ctest.log" | head -n 120 || true
  echo "check-long: tests FAILED (full log: $LOG_DIR/ctest.log)" >&2
fi

start=$(date +%s)
BUILD_DIR=${FUZZ_BUILD_DIR:-build-fuzz} sh scripts/run-fuzz.sh "$FUZZ_SECONDS" || failed="$failed fuzzing"
fuzz_seconds=$(( $(date +%s) - start ))

echo
echo "== check-long: tests ${tests_seconds}s, fuzzing ${fuzz_seconds}s (${FUZZ_SECONDS}s per target)"
if [ -n "$failed" ]; then
  echo "check-long: FAILED:$failed" >&2
  exit 1
fi
