#!/usr/bin/env bash
# Runs MicroCred locally: finds or provisions PostgreSQL, migrates, seeds the demo districts, serves on
# http://localhost:${PORT:-5080}. Ctrl-C stops it. Data lives in .data/ (git-ignored) and survives restarts.
set -euo pipefail
MICROCRED_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export MICROCRED_ROOT
cd "$MICROCRED_ROOT"
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh

PORT="${PORT:-5080}"
command -v dotnet >/dev/null 2>&1 || pg_fail "The .NET SDK 10 is needed: https://dotnet.microsoft.com/download"
mkdir -p .data/logs .data/storage

if [ -n "${MICROCRED_DB:-}" ]; then
  pg_note "Using the database in MICROCRED_DB."
  OWNER_CS="$MICROCRED_DB"
elif docker_engine_answers; then
  pg_note "Starting PostgreSQL with docker compose…"
  export MICROCRED_DB_OWNER_PASSWORD; MICROCRED_DB_OWNER_PASSWORD="$(secret db-owner)"
  docker compose up -d --wait db
  OWNER_CS="Host=127.0.0.1;Port=${MICROCRED_DB_PORT:-5433};Database=microcred;Username=microcred_owner;Password=$MICROCRED_DB_OWNER_PASSWORD"
else
  start_private_cluster "$MICROCRED_ROOT/.data/postgres" "${MICROCRED_PG_PORT:-5433}"
  ensure_database microcred
  OWNER_CS="Host=127.0.0.1;Port=$MICROCRED_PG_PORT;Database=microcred;Username=microcred_owner;Password=$(secret db-owner)"
fi

pg_note "Building…"
dotnet build src/MicroCred.Web -c Release -nologo -v quiet -clp:ErrorsOnly

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ConnectionStrings__Owner="$OWNER_CS"
export Database__AppPassword; Database__AppPassword="$(secret db-app)"
export Seed__Demo=true Seed__PrintDemoAccounts=true
export Logging__FilePath="$MICROCRED_ROOT/.data/logs/microcred-.log"
export Storage__Root="$MICROCRED_ROOT/.data/storage"

cd src/MicroCred.Web
dotnet bin/Release/net10.0/MicroCred.Web.dll --urls "http://localhost:$PORT" &
app=$!
# Ctrl-C reaches the app too (same process group); wait for it to finish cleanly, then stop our database.
trap 'kill -INT "$app" 2>/dev/null || true' INT TERM
status=0
wait "$app" || status=$?
wait "$app" 2>/dev/null || true
stop_private_cluster
exit "$status"
