# Shared by bench/relevance, bench/run and bench/scale (sourced, not run).
# Environment (all optional):
#   BENCH_WORK      scratch folder for databases, runs and logs (default /tmp/depeche-bench); never the repo
#   DEPECHE_BUILD   depeche build folder (default <repo>/build-bench); built there unless BENCH_SKIP_BUILD=1
#   CORPUS          JSON Lines corpus (default ../shared/data/corpus/news-fr.jsonl.gz from the repo root)
#   NDOCS           index only the first NDOCS articles (default: all); a truncated copy goes to BENCH_WORK
#   RESULTS         results file to append to (default bench/results.md)
#   BENCH_NO_LUCENE=1  skip the Lucene peer (its columns then read n/a)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
SHARED=$(cd "$ROOT/../shared" 2>/dev/null && pwd || echo "$ROOT/../shared")
PY=/usr/bin/python3                       # has python3-xapian; a pyenv python on PATH may not
WORK=${BENCH_WORK:-/tmp/depeche-bench}
BUILD=${DEPECHE_BUILD:-$ROOT/build-bench}
CORPUS_SRC=${CORPUS:-$SHARED/data/corpus/news-fr.jsonl.gz}
RESULTS=${RESULTS:-$BENCH_DIR/results.md}
LUCENE=$SHARED/peers/lucene/run.sh
export PEER_WORK=${PEER_WORK:-$WORK/peers}

case "$WORK" in "$ROOT"|"$ROOT"/*) echo "BENCH_WORK must be outside the repository (the corpus may not be copied into it)" >&2; exit 2;; esac

exec 3>&2   # log() writes to the script's own stderr even inside a step whose stderr goes to a file
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&3; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# Builds depeche-index and depeche-search in $BUILD, and the floor (in the same tree when the top-level
# CMakeLists.txt has add_subdirectory(bench), else as a project of its own in $BUILD/bench-floor).
build_all() {
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    log "building depeche in $BUILD"
    mkdir -p "$BUILD"
    commit_desc_now > "$BUILD/bench-commit.txt"
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release > "$WORK/build.log" 2>&1 \
      && cmake --build "$BUILD" -j2 --target depeche-index depeche-search >> "$WORK/build.log" 2>&1 \
      || { tail -30 "$WORK/build.log" >&2; die "depeche build failed (log: $WORK/build.log)"; }
    if grep -q 'add_subdirectory(bench)' "$ROOT/CMakeLists.txt"; then
      cmake --build "$BUILD" -j2 --target floor-index floor-search linestamp >> "$WORK/build.log" 2>&1 || die "floor build failed"
    else
      cmake -S "$BENCH_DIR" -B "$BUILD/bench-floor" -DCMAKE_BUILD_TYPE=Release >> "$WORK/build.log" 2>&1 \
        && cmake --build "$BUILD/bench-floor" -j2 >> "$WORK/build.log" 2>&1 || die "floor build failed (log: $WORK/build.log)"
    fi
  fi
  DEPECHE_INDEX=$BUILD/indexer/depeche-index
  DEPECHE_SEARCH=$BUILD/searcher/depeche-search
  if [ -x "$BUILD/bench/floor/floor-index" ]; then FLOOR_DIR=$BUILD/bench/floor; else FLOOR_DIR=$BUILD/bench-floor/floor; fi
  FLOOR_INDEX=$FLOOR_DIR/floor-index
  FLOOR_SEARCH=$FLOOR_DIR/floor-search
  LINESTAMP=$FLOOR_DIR/../clock/liblinestamp.so
  for b in "$DEPECHE_INDEX" "$DEPECHE_SEARCH" "$FLOOR_INDEX" "$FLOOR_SEARCH" "$LINESTAMP"; do [ -e "$b" ] || die "missing $b"; done
}

# Sets CORPUS_FILE (the whole corpus, or a truncated copy of its first NDOCS lines in $WORK) and warms the page cache.
prepare_corpus() {
  [ -r "$CORPUS_SRC" ] || die "no corpus at $CORPUS_SRC"
  if [ -n "${NDOCS:-}" ]; then
    CORPUS_FILE=$WORK/corpus-$NDOCS.jsonl.gz
    if [ ! -s "$CORPUS_FILE" ] || [ "$CORPUS_SRC" -nt "$CORPUS_FILE" ]; then
      log "truncating the corpus to $NDOCS articles ($CORPUS_FILE, scratch only)"
      { zcat "$CORPUS_SRC" | head -n "$NDOCS" || true; } | gzip -1 > "$CORPUS_FILE.tmp" && mv "$CORPUS_FILE.tmp" "$CORPUS_FILE"
    fi
  else
    CORPUS_FILE=$CORPUS_SRC
  fi
  cat "$CORPUS_FILE" > /dev/null
  CORPUS_LINES=$(zcat "$CORPUS_FILE" | grep -c . || true)
}

lucene_ready() {
  [ "${BENCH_NO_LUCENE:-0}" != 1 ] || return 1
  command -v javac > /dev/null && ls /usr/share/java/lucene-core-[0-9]*.jar > /dev/null 2>&1 && [ -f /usr/share/java/gson.jar ] && return 0
  log "Lucene peer needs: apt-get install -y default-jdk-headless liblucene8-java libgoogle-gson-java (skipping it)"
  return 1
}

# git commit of the sources measured, with -dirty and a hash of the diff when the working tree has uncommitted
# changes. Taken when building (kept in $BUILD/bench-commit.txt for BENCH_SKIP_BUILD=1 runs).
commit_desc_now() {
  local c d paths=(common indexer searcher cmake CMakeLists.txt)
  c=$(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
  d=$( { git -C "$ROOT" diff HEAD -- "${paths[@]}"; git -C "$ROOT" ls-files -o --exclude-standard -- "${paths[@]}" \
         | while read -r f; do echo "$f"; cat "$ROOT/$f"; done; } 2>/dev/null | sha1sum | cut -c1-8)
  if [ -n "$(git -C "$ROOT" status --porcelain -- "${paths[@]}" 2>/dev/null)" ]; then
    c="$c-dirty (uncommitted changes in common/ indexer/ searcher/ were built; diff hash $d)"
  fi
  echo "$c"
}
# The allocator depeche's binaries were linked with (cmake/Allocator.cmake): it moves a first index by a tenth.
# (ldd's whole output is read first: under pipefail, `ldd | grep -q` failed whenever grep left before ldd had
# written everything, and a jemalloc build was reported as glibc malloc.)
allocator_desc() {
  case $(ldd "${DEPECHE_INDEX:-$BUILD/indexer/depeche-index}" 2>/dev/null) in
    *libjemalloc*) echo jemalloc;;
    *) echo "glibc malloc";;
  esac
}
commit_desc() { echo "$(cat "$BUILD/bench-commit.txt" 2>/dev/null || commit_desc_now); depeche's allocator: $(allocator_desc)"; }

machine_desc() {
  local model cores mem
  model=$(lscpu | sed -n 's/^Model name: *//p' | head -n1)
  cores=$(nproc)
  mem=$(free -g | awk '/^Mem:/ {print $2}')
  echo "$model, $cores cores (nproc), ${mem} GiB RAM (free -g), $(uname -sr), Xapian $(xapian-config --version 2>/dev/null | awk '{print $NF}')"
}

# Appends a Markdown section (stdin) to $RESULTS, creating the file with its header if needed.
append_results() {
  if [ ! -s "$RESULTS" ]; then
    printf '# Benchmark results\n\nWritten by `bench/relevance` and `bench/run` (see `bench/README.md`); newest last.\n' > "$RESULTS"
  fi
  { echo; cat; } >> "$RESULTS"
}

# ---- a shared 2-core machine: wait for quiet, and record how busy the others kept it -----------------------
busy_jiffies() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }   # all CPUs, 1/100 s

# Waits until processes other than ours use under 0.2 of a core (over 2 s), at most BENCH_QUIET_WAIT seconds
# (default 60) per call; then measures anyway, with a log line. BENCH_QUIET_WAIT=0 never waits.
wait_quiet() {
  local max=${BENCH_QUIET_WAIT:-60} waited=0 b0 b1
  [ "$max" -gt 0 ] || return 0
  while :; do
    b0=$(busy_jiffies); sleep 2; b1=$(busy_jiffies)
    [ $((b1 - b0)) -le 40 ] && return 0
    if [ $waited -ge "$max" ]; then
      log "other processes keep $(((b1 - b0) / 2))% of a core busy; measuring anyway"
      return 0
    fi
    [ $waited = 0 ] && log "other processes keep $(((b1 - b0) / 2))% of a core busy; waiting up to ${max}s for quiet"
    sleep 8; waited=$((waited + 10))
  done
}

# measure STEP COMMAND...: runs COMMAND under /usr/bin/time -v (report in $D/STEP.time) after wait_quiet, and
# writes the CPU seconds the whole machine spent meanwhile to $D/STEP.busy (report_run.py subtracts the step's
# own CPU to show how much other processes took). stdin/stdout are the caller's.
measure() {
  local step=$1; shift
  wait_quiet
  local b0 b1 rc=0
  b0=$(busy_jiffies)
  /usr/bin/time -v -o "$D/$step.time" "$@" || rc=$?
  b1=$(busy_jiffies)
  echo "$(( b1 - b0 ))" | awk '{print $1 / 100}' > "$D/$step.busy"
  return $rc
}

# measure_best N STEP OUT CMD...: measure CMD N times, its stdout to OUT, and keep the figures of the
# fastest run as STEP's: a run of a second swings with the machine, and the peers' query figures are
# best of 3 too.
measure_best() {
  local n=$1 step=$2 out=$3 best="" wall _
  shift 3
  for _ in $(seq "$n"); do
    measure "$step.try" "$@" > "$out" || return
    wall=$($PY "$BENCH_DIR/lib/gtime.py" "$D/$step.try.time" | $PY -c 'import json, sys; print(json.load(sys.stdin)["wall_s"])')
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$wall
      mv "$D/$step.try.time" "$D/$step.time"
      mv "$D/$step.try.busy" "$D/$step.busy"
    fi
  done
  rm -f "$D/$step.try.time" "$D/$step.try.busy"
}

# run_lucene QUERIES: the Lucene peer indexes $CORPUS_FILE ($CORPUS_LINES articles) and runs QUERIES, under measure
# (step "lucene"); its figures in $D/lucene/ (lucene.json, lucene.detail.json), its indexing JVM's report in
# $D/lucene-index.time.
run_lucene() {
  log "Lucene peer: index + the same queries"
  measure lucene "$LUCENE" "$CORPUS_FILE" "$CORPUS_LINES" "$1" "$D/lucene" > "$D/lucene.log" 2>&1 \
    || { tail -20 "$D/lucene.log" >&2; die "Lucene peer failed (log: $D/lucene.log)"; }
  cp "$PEER_WORK/tmp/lucene/index.time" "$D/lucene-index.time"
}

# ---- indexing steps shared by bench/run and bench/scale ------------------------------------------------------
revision() { $PY -c 'import sys, xapian; print(xapian.Database(sys.argv[1]).get_revision())' "$1"; }

# depeche_index STEP [DB INPUT]: depeche-index of INPUT (default $CORPUS_FILE) into DB (default $D/depeche.db) under
# measure, its summary in $D/STEP.json. Exit status 4 (some input failed) is the corpus's doing, not a failure of the run.
depeche_index() {
  local step=$1 db=${2:-$D/depeche.db} input=${3:-$CORPUS_FILE} rc=0
  measure "$step" "$DEPECHE_INDEX" --db "$db" --no-progress --summary json "$input" \
    > "$D/$step.json" 2> "$D/$step.err" || rc=$?
  [ $rc = 0 ] || [ $rc = 4 ] || { cat "$D/$step.err" >&2; die "$step exited $rc"; }
}

# depeche's full index, its no-op rerun on the same input and database (with the database revision before and
# after: decisions.md 14), then the floor's index; sizes as the indexers leave them in $D/depeche.bytes, floor.bytes.
index_depeche_and_floor() {
  log "depeche-index: full index of $CORPUS_LINES articles"
  sync
  depeche_index depeche-index
  du -sb "$D/depeche.db" | cut -f1 > "$D/depeche.bytes"
  revision "$D/depeche.db" > "$D/depeche.rev-before"

  log "depeche-index: no-op reindex"
  depeche_index depeche-noop
  revision "$D/depeche.db" > "$D/depeche.rev-after"

  log "floor-index${FLOOR_PARTS:+ --parts $FLOOR_PARTS}"
  sync
  measure floor-index "$FLOOR_INDEX" ${FLOOR_PARTS:+--parts "$FLOOR_PARTS"} "$D/floor.db" "$CORPUS_FILE" > "$D/floor-index.json"
  du -sb "$D/floor.db" | cut -f1 > "$D/floor.bytes"
}

# ---- remote shards: xapian-tcpsrv on loopback ----------------------------------------------------------------
# serve DB...: starts one xapian-tcpsrv for DB... on a free loopback port and sets PORT once it accepts
# connections. The kernel picks the port; another program may take it before the server binds it, so a server
# that exits at once is retried on a new port. Every server is stopped by stop_servers, which the caller traps on
# EXIT (with INT and TERM turned into an exit) so that no server outlives a failed or interrupted run.
SERVER_PIDS=()
serve() {
  local pid _try _wait
  for _try in 1 2 3 4 5; do
    PORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    xapian-tcpsrv --interface 127.0.0.1 --port "$PORT" "$@" > "$D/tcpsrv-$PORT.log" 2>&1 &
    pid=$!
    SERVER_PIDS+=("$pid")
    for _wait in $(seq 100); do
      (exec 9<> "/dev/tcp/127.0.0.1/$PORT") 2> /dev/null && return 0
      kill -0 "$pid" 2> /dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2> /dev/null || true
  done
  die "xapian-tcpsrv did not start (logs: $D/tcpsrv-*.log)"
}
# xapian-tcpsrv forks a child per connection and waits for its clients on SIGTERM: its children (by parent id)
# and then the server itself are killed outright; they hold nothing to save.
stop_servers() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do
    pkill -KILL -P "$pid" 2> /dev/null || true
    kill -KILL "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
  done
  SERVER_PIDS=()
}
