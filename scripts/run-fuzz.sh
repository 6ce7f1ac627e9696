#!/bin/sh
# Builds the libFuzzer targets (cmake/Fuzz.cmake, clang) and runs each for a bounded time.
# Usage: scripts/run-fuzz.sh [SECONDS [TARGET...]]   SECONDS per target, default 20; default all targets.
# Environment: BUILD_DIR (default build-fuzz), JOBS (default nproc), CXX (default clang++),
# FUZZ_TIMEOUT (seconds one input may take before it counts as a hang, default 10),
# DEPECHE_CMAKE_ARGS (extra configure arguments).
# Each target fuzzes a copy of tests/fuzz/corpus/<target>/ in a temporary directory: nothing is
# written into the source tree. A crashing input is kept in $BUILD_DIR/fuzz-artifacts/<target>/
# (printed, with its bytes and the report); the script then exits 1.
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SECONDS_PER_TARGET=${1:-20}
[ $# -gt 0 ] && shift
case $SECONDS_PER_TARGET in
  '' | *[!0-9]*) echo "usage: scripts/run-fuzz.sh [SECONDS [TARGET...]]" >&2; exit 2 ;;
esac
BUILD_DIR=${BUILD_DIR:-build-fuzz}
JOBS=${JOBS:-$(nproc)}
CXX=${CXX:-clang++}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-10}

# Debug keeps assert() on; -O1 -g1: fast enough to fuzz, stacks with file:line, quick to compile.
# shellcheck disable=SC2086  # DEPECHE_CMAKE_ARGS is a list of arguments
cmake -S . -B "$BUILD_DIR" -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DDEPECHE_FUZZ=ON \
  ${DEPECHE_CMAKE_ARGS:-}
if ! grep -q '^DEPECHE_FUZZ:BOOL=ON$' "$BUILD_DIR/CMakeCache.txt"; then
  echo "run-fuzz: DEPECHE_FUZZ is not a project option: CMakeLists.txt must include(Fuzz)" >&2
  exit 2
fi
cmake --build "$BUILD_DIR" -j "$JOBS" --target depeche_fuzz_targets

BIN_DIR="$ROOT/$BUILD_DIR/fuzz"
case $BUILD_DIR in /*) BIN_DIR="$BUILD_DIR/fuzz" ;; esac
# Default: every fuzz_<what> target tests/fuzz/CMakeLists.txt builds.
TARGETS=${*:-$(cd "$BIN_DIR" && for f in fuzz_*; do [ -f "$f" ] && [ -x "$f" ] && printf '%s ' "$f"; done)}
ARTIFACTS="${BIN_DIR%/fuzz}/fuzz-artifacts"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/depeche-fuzz.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

ASAN_OPTIONS=halt_on_error=1:detect_leaks=1
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS UBSAN_OPTIONS

failed=""
summary=""
for target in $TARGETS; do
  bin="$BIN_DIR/$target"
  seeds="$ROOT/tests/fuzz/corpus/$target"
  if [ ! -x "$bin" ]; then
    echo "run-fuzz: no such target: $target" >&2
    failed="$failed $target"
    continue
  fi
  mkdir -p "$WORK/$target/corpus" "$WORK/$target/tmp" "$ARTIFACTS/$target"
  if [ -d "$seeds" ]; then find "$seeds" -maxdepth 1 -type f -exec cp {} "$WORK/$target/corpus/" \;; fi
  seed_count=$(find "$WORK/$target/corpus" -type f | wc -l)
  log="$ARTIFACTS/$target/last-run.log"
  echo "== $target: ${SECONDS_PER_TARGET}s on $seed_count seeds"
  start=$(date +%s)
  status=0
  TMPDIR="$WORK/$target/tmp" "$bin" -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 \
    -timeout="$FUZZ_TIMEOUT" -artifact_prefix="$ARTIFACTS/$target/" "$WORK/$target/corpus" >"$log" 2>&1 || status=$?
  elapsed=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)
  units=$(find "$WORK/$target/corpus" -type f | wc -l)
  line=$(printf '%-18s %10s executions in %4ss (%s/s), corpus %s -> %s, peak RSS %s MB' \
    "$target" "${execs:-?}" "$elapsed" "${rate:-?}" "$seed_count" "$units" "${rss:-?}")
  if [ "$status" -ne 0 ]; then
    failed="$failed $target"
    line="$line  CRASH (exit $status)"
    echo "$line"
    crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
    echo "-- report (full log: $log):"
    pattern='^==[0-9]+== ?ERROR|runtime error:|PROPERTY VIOLATED|ERROR: libFuzzer'
    if grep -qE "$pattern" "$log"; then
      grep -E -A40 "$pattern" "$log" | head -n 80
    else
      tail -n 40 "$log"
    fi
    if [ -n "$crash" ] && [ -f "$crash" ]; then
      echo "-- crashing input saved at: $crash ($(wc -c <"$crash") bytes); first 512 bytes:"
      head -c 512 "$crash" | od -A d -t x1z -v
      # fast_unwind_on_malloc=0: whole allocation and free stacks through libxml2, ICU, Xapian.
      echo "-- reproduce: ASAN_OPTIONS=$ASAN_OPTIONS:fast_unwind_on_malloc=0 UBSAN_OPTIONS=$UBSAN_OPTIONS $bin $crash"
    else
      echo "-- no input file was saved; see $log"
    fi
  else
    echo "$line"
  fi
  summary="$summary$line
"
done

echo
echo "== fuzzing summary (${SECONDS_PER_TARGET}s per target)"
printf '%s' "$summary"
if [ -n "$failed" ]; then
  echo "run-fuzz: FAILED:$failed" >&2
  exit 1
fi
