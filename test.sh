#!/usr/bin/env bash
# Runs every test suite: unit, integration (real PostgreSQL) and browser (Chromium through Playwright).
# Provisions its own PostgreSQL cluster (separate from run.sh's), Chromium and tmux when missing.
# Ends with the line "N passed, N failed" for the whole run; exits non-zero on any failure.
set -uo pipefail
MICROCRED_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export MICROCRED_ROOT
cd "$MICROCRED_ROOT"
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh

command -v dotnet >/dev/null 2>&1 || pg_fail "The .NET SDK 10 is needed: https://dotnet.microsoft.com/download"
results="$MICROCRED_ROOT/TestResults"
rm -rf "$results"; mkdir -p "$results"

if [ -n "${MICROCRED_TEST_DB:-}" ]; then
  pg_note "Using the PostgreSQL server in MICROCRED_TEST_DB."
elif docker_engine_answers; then
  pg_note "A Docker engine answers: the tests start PostgreSQL with Testcontainers."
else
  # tmpfs makes cloning a database per test class much faster; fall back to disk. The cluster belongs to
  # this checkout and is made fresh each run: nothing of an earlier run (its password, its port) can leak in.
  dir="$MICROCRED_ROOT/.data/postgres-test"
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    dir="/dev/shm/microcred-test-$(printf '%s' "$MICROCRED_ROOT" | sha256sum | cut -c1-10)"
  fi
  ensure_pg_binaries
  discard_private_cluster "$dir"
  rm -f "${MICROCRED_DATA:-$MICROCRED_ROOT/.data}/secrets/pg-superuser-test"
  MICROCRED_PG_SECRET=pg-superuser-test start_private_cluster "$dir" "$(free_port "${MICROCRED_TEST_PG_PORT:-5434}")" fast
  export MICROCRED_TEST_DB="$MICROCRED_PG_SUPERUSER_CS"
  trap 'discard_private_cluster "$dir"' EXIT
fi

if [ ! -x "${MICROCRED_CHROMIUM:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    pg_note "Installing Chromium with apt (once)…"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    pg_fail "Chromium is needed for the browser tests: sudo apt-get install chromium (or set MICROCRED_CHROMIUM)."
  fi
fi
export MICROCRED_CHROMIUM="${MICROCRED_CHROMIUM:-/usr/bin/chromium}"

# The run.sh tests press Ctrl-C in a real terminal: tmux.
if ! command -v tmux >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    pg_note "Installing tmux with apt (once)…"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux >/dev/null \
      || { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux >/dev/null; }
  else
    pg_fail "tmux is needed for the run.sh tests: sudo apt-get install tmux."
  fi
fi

pg_note "Building (warnings are errors)…"
if ! dotnet build MicroCred.sln -c Release -nologo -v quiet -clp:ErrorsOnly -warnaserror; then
  echo "The build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

pg_note "Running the tests…"
dotnet test --solution MicroCred.sln -c Release --no-build --no-progress \
  --results-directory "$results" --report-xunit-trx ${MICROCRED_TEST_ARGS:-} 2>&1 | tee "$results/test-output.txt"
test_status=${PIPESTATUS[0]}

# The runner's own summary counts every module. (Its TRX reports are named by start time, and two modules
# starting together once wrote the same file, so counting reports alone undercounted a green run as red.)
passed="$(sed -n 's/^ *succeeded: *\([0-9]*\)$/\1/p' "$results/test-output.txt" | tail -n 1)"
failed="$(sed -n 's/^ *failed: *\([0-9]*\)$/\1/p' "$results/test-output.txt" | tail -n 1)"
if [ -z "$passed" ] || [ -z "$failed" ]; then
  # No summary (the runner itself crashed): count what the reports say, and a module without one as failed.
  passed=0; failed=0; reports=0
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    reports=$((reports + 1))
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    e="$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")"
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
  done
  modules=$(ls tests/*/*.csproj | wc -l)
  if [ "$reports" -lt "$modules" ]; then failed=$((failed + modules - reports)); fi
fi
# A module that crashed or failed without a failed test (e.g. a fixture that could not start) is a failure too.
if [ "$test_status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

echo "Screenshots and reports: $results"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
