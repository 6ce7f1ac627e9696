#!/bin/sh
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer (cmake/Sanitizers.cmake).
# Usage: scripts/test-sanitized.sh [extra ctest arguments, e.g. -R Reindex]
# Environment: BUILD_DIR (default build-asan), JOBS (default nproc), CXX (default: the system c++,
# gcc is fine), DEPECHE_CMAKE_ARGS (extra configure arguments).
# Any sanitizer report fails its test, and so this script: zero reports is the bar.
set -eu
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build-asan}
JOBS=${JOBS:-$(nproc)}

# Debug keeps assert() on; -O1 -g1 (line tables) is ASan's advice: stacks with file:line, half the
# compile time of -O2 -g on this 2-core machine.
# shellcheck disable=SC2086  # DEPECHE_CMAKE_ARGS is a list of arguments
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DDEPECHE_SANITIZE=ON \
  ${DEPECHE_CMAKE_ARGS:-}
# A -D the project never reads stays UNINITIALIZED in the cache: the build would be an ordinary one.
if ! grep -q '^DEPECHE_SANITIZE:BOOL=ON$' "$BUILD_DIR/CMakeCache.txt"; then
  echo "test-sanitized: DEPECHE_SANITIZE is not a project option: CMakeLists.txt must include(Sanitizers)" >&2
  exit 2
fi
cmake --build "$BUILD_DIR" -j "$JOBS"

# halt_on_error: the first report ends the process (non-zero). detect_leaks: leaks are reports too.
ASAN_OPTIONS=halt_on_error=1:detect_leaks=1
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS UBSAN_OPTIONS
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS" "$@"
