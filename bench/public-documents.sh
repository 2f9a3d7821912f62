#!/usr/bin/env bash
# Benchmark of the public Open Badges documents (issue 6): the assertion JSON and the HTML verification page,
# each against a constant-JSON endpoint served by the same app in the same run, with thousands of distinct
# assertions in the database. wrk, 64 connections, Release build, request logging off. Writes bench/RESULTS.md.
#
#   bench/public-documents.sh                 # defaults: 5000 assertions, 10 s per run
#   ASSERTIONS=20000 DURATION=20s bench/public-documents.sh
#
# Needs wrk (apt-get install -y wrk) and PostgreSQL binaries (found or installed by scripts/postgres.sh).
set -euo pipefail
MICROCRED_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export MICROCRED_ROOT
cd "$MICROCRED_ROOT"
source scripts/postgres.sh

ASSERTIONS="${ASSERTIONS:-5000}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
PORT="${BENCH_PORT:-5193}"
PG_DIR="${BENCH_PG_DIR:-/dev/shm/microcred-bench-pg}"
WORK="$(mktemp -d /tmp/microcred-bench.XXXXXX)"
command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || pg_fail "Install wrk first."

cleanup() {
  [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  MICROCRED_PG_STARTED_BY_US="$PG_DIR" stop_private_cluster
  rm -rf "$PG_DIR" "$WORK"
}
trap cleanup EXIT

pg_note "Private PostgreSQL cluster in $PG_DIR (port ${BENCH_PG_PORT:-5451})…"
rm -rf "$PG_DIR"
MICROCRED_PG_SECRET=pg-superuser-bench start_private_cluster "$PG_DIR" "${BENCH_PG_PORT:-5451}" fast
ensure_database microcred_bench
OWNER_CS="Host=127.0.0.1;Port=$MICROCRED_PG_PORT;Database=microcred_bench;Username=microcred_owner;Password=$(secret db-owner)"

pg_note "Publishing a Release build…"
dotnet publish src/MicroCred.Web -c Release -o "$WORK/app" -nologo -v quiet -clp:ErrorsOnly

pg_note "Starting the app (seeds the demo districts)…"
# Like run.sh: a background job of a script inherits SIGINT as ignored; restore it so Ctrl-C reaches the app too
# (the EXIT trap stops it with SIGTERM in any case).
(
  trap - INT QUIT
  cd "$WORK/app"
  ASPNETCORE_ENVIRONMENT=Production \
  ConnectionStrings__Owner="$OWNER_CS" \
  Database__AppPassword="$(secret db-app)" \
  Seed__Demo=true \
  Benchmark__ConstantEndpoint=true \
  Serilog__MinimumLevel__Default=Warning \
  Storage__Root="$WORK/storage" \
  App__PublicBaseUrl="http://127.0.0.1:$PORT" \
  exec dotnet MicroCred.Web.dll --urls "http://127.0.0.1:$PORT" >"$WORK/app.log" 2>&1
) &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; pg_fail "The app stopped."; }
  sleep 1
done

pg_note "Issuing $ASSERTIONS more assertions (copies of a demo badge with fresh ids and salts)…"
psql_bench() { as_pg_owner "$(pg_bin_dir)/psql" -h "$MICROCRED_PG_SOCKET_DIR" -p "$MICROCRED_PG_PORT" -U postgres -d microcred_bench -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_bench -c "
  INSERT INTO assertions (id, tenant_id, recipient_id, recipient_email, recipient_name, show_recipient_name, salt, identity_hash,
      credential_id, credential_version_id, stack_id, badge_name, submission_id, issued_on, expires, evidence_url, narrative,
      verification, signing_key_id, issued_by, created_at)
  SELECT gen_random_uuid(), a.tenant_id, a.recipient_id, a.recipient_email, a.recipient_name, a.show_recipient_name,
      md5(n::text), 'sha256\$' || encode(sha256(convert_to(a.recipient_email || md5(n::text), 'UTF8')), 'hex'),
      a.credential_id, a.credential_version_id, a.stack_id, a.badge_name, NULL, a.issued_on - make_interval(mins => n), a.expires,
      NULL, a.narrative, a.verification, a.signing_key_id, a.issued_by, now()
  FROM (SELECT * FROM assertions WHERE revoked_at IS NULL AND verification = 'Hosted' AND (expires IS NULL OR expires > now())
        ORDER BY issued_on LIMIT 1) a, generate_series(1, $ASSERTIONS) n;"
psql_bench -c "SELECT id FROM assertions WHERE revoked_at IS NULL" >"$WORK/ids.txt"
COUNT="$(wc -l <"$WORK/ids.txt")"
pg_note "$COUNT assertions to fetch at random."

cat >"$WORK/random.lua" <<EOF
local ids = {}
for line in io.lines("$WORK/ids.txt") do ids[#ids + 1] = line end
math.randomseed(42)
local accept = os.getenv("ACCEPT")
request = function()
  return wrk.format("GET", "/public/assertions/" .. ids[math.random(#ids)], { ["Accept"] = accept })
end
EOF

run() { # name, url path or "random", accept
  local out
  if [ "$2" = random ]; then
    out="$(ACCEPT="$3" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$WORK/random.lua" "http://127.0.0.1:$PORT" 2>&1)"
  else
    out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -H "Accept: $3" "http://127.0.0.1:$PORT$2" 2>&1)"
  fi
  echo "$out" >"$WORK/$1.txt"
  if grep -q "Non-2xx" <<<"$out"; then echo "$out" >&2; pg_fail "$1: some responses were not 2xx."; fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}

pg_note "Warming the caches (every assertion once as JSON and once as a page)…"
for accept in "application/ld+json" "text/html"; do
  xargs -P 8 -I{} curl -fs -o /dev/null -H "Accept: $accept" "http://127.0.0.1:$PORT/public/assertions/{}" <"$WORK/ids.txt"
done

pg_note "Measuring ($DURATION each, $CONNECTIONS connections)…"
C1="$(run constant-1 /public/constant.json application/ld+json)"
J="$(run assertion-json random application/ld+json)"
C2="$(run constant-2 /public/constant.json application/ld+json)"
H="$(run assertion-html random 'text/html,application/xhtml+xml,*/*;q=0.8')"
C3="$(run constant-3 /public/constant.json application/ld+json)"
C_JSON="$(awk -v a="$C1" -v b="$C2" 'BEGIN { printf "%.0f", (a + b) / 2 }')"
C_HTML="$(awk -v a="$C2" -v b="$C3" 'BEGIN { printf "%.0f", (a + b) / 2 }')"
RJ="$(awk -v j="$J" -v c="$C_JSON" 'BEGIN { printf "%.2f", j / c }')"
RH="$(awk -v h="$H" -v c="$C_HTML" 'BEGIN { printf "%.2f", h / c }')"
SIZE_J="$(curl -s -H 'Accept: application/ld+json' "http://127.0.0.1:$PORT/public/assertions/$(head -1 "$WORK/ids.txt")" | wc -c)"
SIZE_H="$(curl -s -H 'Accept: text/html' "http://127.0.0.1:$PORT/public/assertions/$(head -1 "$WORK/ids.txt")" | wc -c)"

cat >bench/RESULTS.md <<EOF
# Public Open Badges documents: benchmark results

Measured by \`bench/public-documents.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores; wrk, app and PostgreSQL share them).
wrk -t$THREADS -c$CONNECTIONS -d$DURATION, Release build (\`dotnet publish\`), Production environment, request logging off,
$COUNT distinct assertions in the database, each request for a random one. Every run is compared with a constant
JSON document (\`/public/constant.json\`, same pipeline: routing, security headers, ETag) measured in the same run,
just before and after it. Ratios are what matters; absolute numbers depend on the machine.

| endpoint | req/s | constant req/s (mean of runs around it) | ratio | goal |
| --- | ---: | ---: | ---: | ---: |
| \`GET /public/assertions/{id}\` as \`application/ld+json\` ($SIZE_J bytes) | $J | $C_JSON | **${RJ}×** | ≥ 0.6× |
| \`GET /public/assertions/{id}\` as HTML verification page ($SIZE_H bytes) | $H | $C_HTML | **${RH}×** | ≥ 0.3× |

Constant runs: $C1, $C2, $C3 req/s.

How it gets there: the JSON (and images) come from an in-process cache of ready bytes with a strong ETag
(\`PublicDocumentCache\`); the HTML page from ASP.NET Core output caching. A miss reads the district from the global
\`public_documents\` directory and the document inside that district (RLS on). Revocation and key rotation evict the
entries as soon as their command commits (an in-process cache: the app runs as one instance; several instances would
need the eviction broadcast, e.g. PostgreSQL LISTEN/NOTIFY). Clients get \`Cache-Control: public, no-cache\`, so they
revalidate with \`If-None-Match\` (304) and never keep a revoked badge.

Rerun: \`bench/public-documents.sh\` (options: \`ASSERTIONS=20000 DURATION=20s CONNECTIONS=64\`). It builds a
throw-away PostgreSQL cluster in $PG_DIR and removes it afterwards.
EOF
cat bench/RESULTS.md
