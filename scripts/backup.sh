#!/usr/bin/env bash
# Backs up MicroCred: the database (pg_dump, custom format) and the local evidence folder, with a manifest (time, sizes,
# SHA-256 of every part and of every evidence file). Restore with scripts/restore.sh.
#
#   scripts/backup.sh [DEST]     writes DEST/microcred-<UTC time>/ (default DEST: $MICROCRED_DATA/backups);
#                                the last line printed is the backup's folder.
#
# Where from (defaults: what ./run.sh uses):
#   MICROCRED_DATA         run.sh's data folder (default .data): its private cluster, database "microcred", storage/
#   MICROCRED_BACKUP_PG    instead, a libpq connection (URI or "host=… dbname=…") to the database, as a role that
#                          bypasses row-level security (a superuser or BYPASSRLS): every district's rows are dumped.
#                          Password through PGPASSWORD or ~/.pgpass.
#   MICROCRED_STORAGE      the evidence folder (Storage:Root; default $MICROCRED_DATA/storage); "none" when evidence
#                          is in S3 (version the bucket instead).
#
# The database is dumped first, then the files are copied: evidence files are written before the rows that name them
# and deleted only long after, so every file the dump names is in the copy.
set -euo pipefail
MICROCRED_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MICROCRED_DATA="${MICROCRED_DATA:-$MICROCRED_ROOT/.data}"
export MICROCRED_ROOT MICROCRED_DATA
# shellcheck source=scripts/postgres.sh
source "$MICROCRED_ROOT/scripts/postgres.sh"

storage="${MICROCRED_STORAGE:-$MICROCRED_DATA/storage}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
dest_root="${1:-$MICROCRED_DATA/backups}"
out="$dest_root/microcred-$stamp"
[ -e "$out" ] && pg_fail "$out already exists."
umask 077 # the dump holds every district's data, password hashes and the data-protection keys
mkdir -p "$out"
trap 'rm -rf "$out"; pg_note "Backup failed; nothing kept."' ERR

ensure_pg_binaries
bin="$(pg_bin_dir)"
if [ -n "${MICROCRED_BACKUP_PG:-}" ]; then
  source_name="the database in MICROCRED_BACKUP_PG"
  pg_note "Dumping $source_name…"
  "$bin/pg_dump" --format=custom --compress=6 --dbname="$MICROCRED_BACKUP_PG" >"$out/database.dump"
else
  cluster="$MICROCRED_DATA/postgres"
  [ -f "$cluster/PG_VERSION" ] || pg_fail "No private cluster in $cluster: set MICROCRED_DATA or MICROCRED_BACKUP_PG."
  # A running cluster is dumped online (pg_dump reads one consistent snapshot); a stopped one is started for it.
  start_private_cluster "$cluster" "${MICROCRED_PG_PORT:-5433}"
  trap 'stop_private_cluster' EXIT
  source_name="database microcred in $cluster"
  pg_note "Dumping $source_name…"
  as_pg_owner "$bin/pg_dump" --format=custom --compress=6 -h "$MICROCRED_PG_SOCKET_DIR" -p "$MICROCRED_PG_PORT" -U postgres \
    --dbname=microcred >"$out/database.dump"
fi

files=0; bytes=0
if [ "$storage" != none ]; then
  [ -d "$storage" ] || pg_fail "The evidence folder $storage does not exist (MICROCRED_STORAGE=none when evidence is in S3)."
  pg_note "Copying the evidence folder $storage…"
  # Per-file checksums first (relative paths), then the archive of exactly those files.
  (cd "$storage" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum) >"$out/evidence.sha256"
  (cd "$storage" && find . -type f -print0 | sort -z | tar --null --files-from=- -cf -) >"$out/evidence.tar"
  files="$(wc -l <"$out/evidence.sha256")"
  bytes="$(cd "$storage" && find . -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')"
fi

size() { stat -c %s "$1"; }
sum() { sha256sum "$1" | cut -d' ' -f1; }
{
  echo "{"
  echo "  \"format\": \"microcred-backup-1\","
  echo "  \"createdAt\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\","
  echo "  \"source\": \"${source_name//\"/}\","
  echo "  \"postgres\": \"$("$bin/pg_dump" --version | sed 's/"//g')\","
  echo "  \"database\": { \"file\": \"database.dump\", \"bytes\": $(size "$out/database.dump"), \"sha256\": \"$(sum "$out/database.dump")\" },"
  if [ "$storage" != none ]; then
    echo "  \"evidence\": { \"file\": \"evidence.tar\", \"bytes\": $(size "$out/evidence.tar"), \"sha256\": \"$(sum "$out/evidence.tar")\","
    echo "                \"files\": $files, \"fileBytes\": $bytes, \"checksums\": \"evidence.sha256\", \"checksumsSha256\": \"$(sum "$out/evidence.sha256")\" }"
  else
    echo "  \"evidence\": null"
  fi
  echo "}"
} >"$out/manifest.json"

pg_note "Backed up $source_name ($(size "$out/database.dump") bytes) and $files evidence files ($bytes bytes)."
echo "$out"
