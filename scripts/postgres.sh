#!/usr/bin/env bash
# PostgreSQL for run.sh and test.sh, sourced by both. Finds a database in this order:
#   1. an explicit connection string (MICROCRED_DB for run.sh),
#   2. docker compose, when a Docker engine answers,
#   3. a private cluster built from Debian's PostgreSQL binaries (installed with apt when missing, as root).
# Exports MICROCRED_PG_SUPERUSER_CS (superuser connection string) and MICROCRED_PG_PORT.

pg_note() { printf '\033[36m==>\033[0m %s\n' "$*" >&2; }
pg_fail() { printf '\033[31mError:\033[0m %s\n' "$*" >&2; exit 1; }

docker_engine_answers() {
  command -v docker >/dev/null 2>&1 && timeout 5 docker info >/dev/null 2>&1
}

# A random password, stored once in $MICROCRED_DATA/secrets/<name> (default .data/secrets) and reused afterwards.
secret() {
  local file="${MICROCRED_DATA:-$MICROCRED_ROOT/.data}/secrets/$1"
  if [ ! -s "$file" ]; then
    mkdir -p "$(dirname "$file")"
    (umask 077; head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 >"$file")
  fi
  cat "$file"
}

pg_bin_dir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

ensure_pg_binaries() {
  if pg_bin_dir >/dev/null; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    pg_note "Installing PostgreSQL with apt (once)…"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    # Debian's package starts its own cluster on 5432; we run private clusters instead.
    (service postgresql stop || pg_ctlcluster --help) >/dev/null 2>&1 || true
  fi
  pg_bin_dir >/dev/null || pg_fail "PostgreSQL is not installed. Install it (Debian/Ubuntu: sudo apt-get install postgresql), \
or set MICROCRED_DB to a connection string, or start a Docker engine."
}

# The first port from $1 upwards that nothing listens on (another checkout's cluster may hold the default).
free_port() {
  local port="$1"
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# Stops the server of a cluster directory if one runs there, and deletes the directory.
discard_private_cluster() {
  local dir="$1" bin
  [ -d "$dir" ] || return 0
  bin="$(pg_bin_dir)" || true
  if [ -n "$bin" ] && [ -f "$dir/PG_VERSION" ]; then
    as_pg_owner "$bin/pg_ctl" -D "$dir" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

# Run a PostgreSQL binary as the cluster's owner (the server refuses to run as root).
as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# start_private_cluster DIR PORT [tuned-for-tests]
start_private_cluster() {
  local dir="$1" port="$2" fast="${3:-}" bin
  ensure_pg_binaries
  bin="$(pg_bin_dir)"
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir" && chmod 700 "$dir"
  # The cluster's parent directories must be traversable by the postgres user.
  if [ "$(id -u)" = 0 ]; then local p="$dir"; while [ "$p" != "/" ]; do p="$(dirname "$p")"; chmod o+x "$p" 2>/dev/null || true; done; fi

  if [ ! -f "$dir/PG_VERSION" ]; then
    pg_note "Creating a private PostgreSQL cluster in $dir…"
    local pwfile; pwfile="$(mktemp)"; secret "${MICROCRED_PG_SECRET:-pg-superuser}" >"$pwfile"; chmod 644 "$pwfile"
    as_pg_owner "$bin/initdb" -D "$dir" -U postgres --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    rm -f "$pwfile"
    {
      echo "listen_addresses = '127.0.0.1'"
      echo "port = $port"
      echo "unix_socket_directories = '$dir'"
      echo "max_connections = 200"
      echo "shared_buffers = 256MB"
      if [ -n "$fast" ]; then
        echo "fsync = off"; echo "synchronous_commit = off"; echo "full_page_writes = off"
      fi
    } | as_pg_owner tee -a "$dir/postgresql.conf" >/dev/null
  fi
  if ! as_pg_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    as_pg_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 30 start >/dev/null \
      || { cat "$dir/server.log" >&2; pg_fail "PostgreSQL did not start (log above)."; }
    MICROCRED_PG_STARTED_BY_US="$dir"
  fi
  # An existing cluster keeps the port it was made with.
  port="$(sed -n 's/^port = \([0-9]*\).*/\1/p' "$dir/postgresql.conf" 2>/dev/null | tail -n 1)"
  MICROCRED_PG_PORT="$port"
  MICROCRED_PG_SOCKET_DIR="$dir"
  MICROCRED_PG_SUPERUSER_CS="Host=127.0.0.1;Port=$port;Username=postgres;Password=$(secret "${MICROCRED_PG_SECRET:-pg-superuser}")"
  export MICROCRED_PG_PORT MICROCRED_PG_SUPERUSER_CS
}

stop_private_cluster() {
  local dir="${MICROCRED_PG_STARTED_BY_US:-}"
  [ -n "$dir" ] || return 0
  as_pg_owner "$(pg_bin_dir)/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
}

# psql as superuser over the private cluster's socket.
pg_sql() {
  as_pg_owner "$(pg_bin_dir)/psql" -h "$MICROCRED_PG_SOCKET_DIR" -p "$MICROCRED_PG_PORT" -U postgres -d postgres \
    -v ON_ERROR_STOP=1 -qAt "$@"
}

# Owner role and database for the app (the app itself creates its unprivileged runtime role at startup).
ensure_database() {
  local db="$1" owner_pw; owner_pw="$(secret db-owner)"
  pg_sql -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'microcred_owner') THEN
        CREATE ROLE microcred_owner LOGIN CREATEROLE PASSWORD '$owner_pw';
      ELSE
        ALTER ROLE microcred_owner LOGIN CREATEROLE PASSWORD '$owner_pw';
      END IF;
    END \$\$;"
  if [ "$(pg_sql -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]; then
    pg_sql -c "CREATE DATABASE $db OWNER microcred_owner"
  fi
}
