#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into an empty database and an empty evidence folder, after checking the
# manifest's SHA-256 sums; then checks every evidence file against its own sum.
#
#   scripts/restore.sh BACKUP_FOLDER
#
# Where to (defaults: what ./run.sh uses, so `./run.sh` then serves the restored data):
#   MICROCRED_DATA            run.sh's data folder (default .data): a private cluster is created there if there is none
#                             (port MICROCRED_PG_PORT, default 5433), with the owner role and database "microcred"
#   MICROCRED_RESTORE_PG      instead, a libpq connection ("host=… port=… user=… dbname=postgres") as a superuser of the
#                             target server; the database MICROCRED_RESTORE_DATABASE (default microcred) is created
#                             there, owned by MICROCRED_DB_OWNER (default microcred_owner, a role that must exist)
#   MICROCRED_STORAGE         the evidence folder to fill (Storage:Root; default $MICROCRED_DATA/storage)
#
# Ownership and grants are not taken from the dump: every object is created by the owner role, and the app grants its
# own unprivileged role what it needs when it starts with ConnectionStrings:Owner (run.sh does).
set -euo pipefail
MICROCRED_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MICROCRED_DATA="${MICROCRED_DATA:-$MICROCRED_ROOT/.data}"
export MICROCRED_ROOT MICROCRED_DATA
# shellcheck source=scripts/postgres.sh
source "$MICROCRED_ROOT/scripts/postgres.sh"

backup="${1:-}"
[ -n "$backup" ] && [ -f "$backup/manifest.json" ] || pg_fail "Usage: scripts/restore.sh BACKUP_FOLDER (a folder made by scripts/backup.sh, with manifest.json)."
backup="$(cd "$backup" && pwd)"
storage="${MICROCRED_STORAGE:-$MICROCRED_DATA/storage}"
owner="${MICROCRED_DB_OWNER:-microcred_owner}"
database="${MICROCRED_RESTORE_DATABASE:-microcred}"

# manifest.json is written by backup.sh, one field per line: read it without a JSON tool.
field() { sed -n "s/.*\"$1\": \"\\([^\"]*\\)\".*/\\1/p" "$backup/manifest.json" | head -n 1; }
expect_sum() { # file, expected sha256
  [ -f "$backup/$1" ] || pg_fail "$1 is missing from the backup."
  [ "$(sha256sum "$backup/$1" | cut -d' ' -f1)" = "$2" ] || pg_fail "$1 does not match its SHA-256 in manifest.json: the backup is damaged."
}
grep -q '"format": "microcred-backup-1"' "$backup/manifest.json" || pg_fail "$backup/manifest.json is not a MicroCred backup manifest."
pg_note "Checking the backup made $(field createdAt)…"
expect_sum database.dump "$(sed -n 's/.*"database":.*"sha256": "\([0-9a-f]*\)".*/\1/p' "$backup/manifest.json")"
has_evidence=""
if ! grep -q '"evidence": null' "$backup/manifest.json"; then
  has_evidence=1
  expect_sum evidence.tar "$(sed -n 's/.*"evidence":.*"sha256": "\([0-9a-f]*\)".*/\1/p' "$backup/manifest.json")"
  expect_sum evidence.sha256 "$(field checksumsSha256)"
  if [ -d "$storage" ] && [ -n "$(ls -A "$storage")" ]; then
    pg_fail "The evidence folder $storage is not empty: restore into an empty folder (set MICROCRED_STORAGE)."
  fi
fi

ensure_pg_binaries
bin="$(pg_bin_dir)"
if [ -n "${MICROCRED_RESTORE_PG:-}" ]; then
  target_sql() { "$bin/psql" --dbname="$MICROCRED_RESTORE_PG" -v ON_ERROR_STOP=1 -qAt "$@"; }
  [ "$(target_sql -c "SELECT 1 FROM pg_roles WHERE rolname = '$owner'")" = 1 ] \
    || pg_fail "The owner role $owner does not exist on the target server: create it first (CREATE ROLE $owner LOGIN CREATEROLE PASSWORD '…')."
  if [ "$(target_sql -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != 1 ]; then
    target_sql -c "CREATE DATABASE \"$database\" OWNER \"$owner\""
  fi
  # In a key=value connection string the last value of a keyword wins: the same server, the restored database.
  target_db() { "$bin/psql" --dbname="$MICROCRED_RESTORE_PG dbname=$database" -v ON_ERROR_STOP=1 -qAt "$@"; }
  restore_into() { "$bin/pg_restore" --dbname="$MICROCRED_RESTORE_PG dbname=$database" "$@"; }
  where="database $database on the server in MICROCRED_RESTORE_PG"
else
  start_private_cluster "$MICROCRED_DATA/postgres" "${MICROCRED_PG_PORT:-5433}"
  trap 'stop_private_cluster' EXIT
  [ "$database" = microcred ] || pg_fail "With run.sh's private cluster the database is microcred."
  ensure_database microcred
  target_db() { as_pg_owner "$bin/psql" -h "$MICROCRED_PG_SOCKET_DIR" -p "$MICROCRED_PG_PORT" -U postgres -d microcred -v ON_ERROR_STOP=1 -qAt "$@"; }
  restore_into() { as_pg_owner "$bin/pg_restore" -h "$MICROCRED_PG_SOCKET_DIR" -p "$MICROCRED_PG_PORT" -U postgres -d microcred "$@"; }
  where="database microcred in $MICROCRED_DATA/postgres (port $MICROCRED_PG_PORT)"
fi

tables="$(target_db -c "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')")"
[ "$tables" = 0 ] || pg_fail "The target database already has $tables tables: restore into an empty database."

pg_note "Restoring the database into $where…"
# The dump is read from stdin so the postgres user needs no access to the backup folder.
restore_into --no-owner --no-acl --role="$owner" --exit-on-error --single-transaction <"$backup/database.dump"

if [ -n "$has_evidence" ]; then
  pg_note "Restoring the evidence files into $storage…"
  mkdir -p "$storage"
  tar -xf "$backup/evidence.tar" -C "$storage"
  (cd "$storage" && sha256sum --quiet --strict -c "$backup/evidence.sha256") \
    || pg_fail "Restored evidence files do not match their SHA-256 sums."
fi

pg_note "Restored $where$([ -n "$has_evidence" ] && echo " and $(wc -l <"$backup/evidence.sha256") evidence files into $storage")."
pg_note "Start the app on it with ConnectionStrings:Owner set (./run.sh does): it grants its own role and checks the schema."
