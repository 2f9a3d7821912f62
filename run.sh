#!/usr/bin/env bash
# Runs MicroCred locally: finds or provisions PostgreSQL, migrates, seeds the demo districts, serves on
# http://localhost:${PORT:-5080}. One Ctrl-C (or SIGTERM to this script) stops the app gracefully, then the private
# PostgreSQL cluster it started; a second one kills the app at once. Data lives in .data/ (git-ignored) and
# survives restarts.
#   PORT=5191 ./run.sh                     another port for the app
#   MICROCRED_DATA=/tmp/mc ./run.sh        another data folder (its own cluster, secrets, storage and logs)
#   MICROCRED_PG_PORT=5440 ./run.sh        the port of a new private cluster (an existing one keeps its port)
#   MICROCRED_SKIP_BUILD=1 ./run.sh        use the Release build already there
#   MICROCRED_STOP_GRACE=45 ./run.sh       seconds after Ctrl-C before an app that has not stopped is killed
set -euo pipefail
MICROCRED_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MICROCRED_DATA="${MICROCRED_DATA:-$MICROCRED_ROOT/.data}"
export MICROCRED_ROOT MICROCRED_DATA
cd "$MICROCRED_ROOT"
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh

PORT="${PORT:-5080}"
command -v dotnet >/dev/null 2>&1 || pg_fail "The .NET SDK 10 is needed: https://dotnet.microsoft.com/download"
mkdir -p "$MICROCRED_DATA/logs" "$MICROCRED_DATA/storage"

if [ -n "${MICROCRED_DB:-}" ]; then
  pg_note "Using the database in MICROCRED_DB."
  OWNER_CS="$MICROCRED_DB"
elif docker_engine_answers; then
  pg_note "Starting PostgreSQL with docker compose…"
  export MICROCRED_DB_OWNER_PASSWORD; MICROCRED_DB_OWNER_PASSWORD="$(secret db-owner)"
  docker compose up -d --wait db
  OWNER_CS="Host=127.0.0.1;Port=${MICROCRED_DB_PORT:-5433};Database=microcred;Username=microcred_owner;Password=$MICROCRED_DB_OWNER_PASSWORD"
else
  start_private_cluster "$MICROCRED_DATA/postgres" "${MICROCRED_PG_PORT:-5433}"
  # Whatever ends the script from here on (Ctrl-C while building, a failed migration) stops the cluster it started.
  trap stop_private_cluster EXIT
  ensure_database microcred
  OWNER_CS="Host=127.0.0.1;Port=$MICROCRED_PG_PORT;Database=microcred;Username=microcred_owner;Password=$(secret db-owner)"
fi

if [ -z "${MICROCRED_SKIP_BUILD:-}" ]; then
  pg_note "Building…"
  dotnet build src/MicroCred.Web -c Release -nologo -v quiet -clp:ErrorsOnly
fi

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ConnectionStrings__Owner="$OWNER_CS"
export Database__AppPassword; Database__AppPassword="$(secret db-app)"
export Seed__Demo=true Seed__PrintDemoAccounts=true
export Logging__FilePath="$MICROCRED_DATA/logs/microcred-.log"
export Storage__Root="$MICROCRED_DATA/storage"

# A job started with & by a non-interactive shell inherits SIGINT (and SIGQUIT) as ignored, so the app would not
# hear Ctrl-C at all. The subshell restores their default handling before it becomes the app, which then stops
# gracefully on SIGINT and SIGTERM (ASP.NET Core's console lifetime).
(cd src/MicroCred.Web && trap - INT QUIT && exec dotnet bin/Release/net10.0/MicroCred.Web.dll --urls "http://localhost:$PORT") &
app=$!

# Ctrl-C in a terminal reaches the app directly (same process group); the trap also passes on a signal sent to this
# script alone (kill -TERM <script>). A second signal kills an app that is still stopping.
signal=""
watchdog=""
on_signal() {
  if [ -z "$signal" ]; then
    signal="$1"
    pg_note "Stopping MicroCred… (again to stop at once)"
    kill -"$1" "$app" 2>/dev/null || true
    # The app gives requests Shutdown:Timeout (30 s) to finish; one still not gone well after that is killed, so the
    # script always ends and frees the port.
    (
      nap=""; trap '[ -n "$nap" ] && kill "$nap" 2>/dev/null; exit 0' TERM
      sleep "${MICROCRED_STOP_GRACE:-45}" & nap=$!; wait "$nap"
      printf '\033[31mMicroCred did not stop in time: killing it.\033[0m\n' >&2
      kill -KILL "$app" 2>/dev/null || true
    ) &
    watchdog=$!
  else
    kill -KILL "$app" 2>/dev/null || true
  fi
}
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM
trap 'on_signal HUP' HUP

status=0
while :; do
  wait "$app" && status=0 || status=$?
  # A trapped signal interrupts wait (status > 128) while the app may still be finishing its requests: wait again.
  kill -0 "$app" 2>/dev/null || break
done
[ -n "$watchdog" ] && kill "$watchdog" 2>/dev/null || true
stop_private_cluster
trap - EXIT
case "$signal" in
  INT) exit 130 ;;
  TERM) exit 143 ;;
  HUP) exit 129 ;;
esac
exit "$status"
