# shellcheck shell=bash
# Local PostgreSQL 15 + PostGIS for the stack. Source after common.sh.
#
#   postgres_up     install PostGIS if missing, start cluster 15/main if it is down,
#                   create the gridgov role and databases, verify password login over TCP
#   postgres_down   stop the cluster, but only if postgres_up started it
#   postgres_status one line about the cluster

PG_VERSION=15
# Another cluster and port (the fault test's own, which it stops and starts) with GRIDGOV_PG_CLUSTER, GRIDGOV_PG_PORT.
PG_CLUSTER="${GRIDGOV_PG_CLUSTER:-main}"
PG_HOST=127.0.0.1
PG_PORT="${GRIDGOV_PG_PORT:-5432}"
GRIDGOV_DB_USER="${GRIDGOV_DB_USER:-gridgov}"
GRIDGOV_DB_PASSWORD="${GRIDGOV_DB_PASSWORD:-gridgov}"
# Run databases, the @QuarkusTest databases, those of the journey tests that run all three services,
# and those of case-service's LoopBenchmark, which starts the three services itself.
GRIDGOV_RUN_DATABASES=(grid cases dispatch)
GRIDGOV_DATABASES=(grid cases dispatch grid_test cases_test dispatch_test grid_journey cases_journey dispatch_journey
  grid_bench cases_bench dispatch_bench)
# GRIDGOV_DB_NAMES (space-separated) names others, for a cluster of a test's own.
if [[ -n "${GRIDGOV_DB_NAMES:-}" ]]; then
  read -r -a GRIDGOV_DATABASES <<<"$GRIDGOV_DB_NAMES"
fi
PG_STARTED_MARKER="$PID_DIR/postgres.started-by-us"
PG_TUNING_FILE="/etc/postgresql/$PG_VERSION/$PG_CLUSTER/conf.d/gridgov.conf"

# Runs a command as the OS user postgres.
as_postgres() {
  if [[ "$(id -un)" == postgres ]]; then
    "$@"
  elif [[ $EUID -eq 0 ]]; then
    runuser -u postgres -- "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo -n -u postgres -- "$@"
  else
    die "need to act as the OS user postgres: run this as root (or with password-less sudo)"
  fi
}

# psql as the superuser over the local socket; quiet, stop on the first error.
pg_super() {
  local db=$1
  shift
  as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d "$db" "$@"
}

# "online", "down" (or similar) for the cluster, or empty when it does not exist.
pg_cluster_status() {
  pg_lsclusters --no-header 2>/dev/null \
    | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c { print $4 }'
}

pg_cluster_port() {
  pg_lsclusters --no-header 2>/dev/null \
    | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c { print $3 }'
}

postgres_ensure_packages() {
  if ! command -v pg_lsclusters >/dev/null || [[ ! -x "/usr/lib/postgresql/$PG_VERSION/bin/postgres" ]]; then
    apt_install "postgresql-$PG_VERSION" postgresql-client-common
  fi
  if [[ ! -f "/usr/share/postgresql/$PG_VERSION/extension/postgis.control" ]]; then
    apt_install "postgresql-$PG_VERSION-postgis-3"
    [[ -f "/usr/share/postgresql/$PG_VERSION/extension/postgis.control" ]] \
      || die "postgresql-$PG_VERSION-postgis-3 installed but postgis.control is still missing"
  else
    log "PostGIS for PostgreSQL $PG_VERSION is installed"
  fi
}

postgres_ensure_running() {
  local status port
  status=$(pg_cluster_status)
  if [[ -z "$status" ]]; then
    [[ $EUID -eq 0 ]] || die "cluster $PG_VERSION/$PG_CLUSTER does not exist; create it as root: pg_createcluster $PG_VERSION $PG_CLUSTER --start"
    log "creating PostgreSQL cluster $PG_VERSION/$PG_CLUSTER"
    pg_createcluster "$PG_VERSION" "$PG_CLUSTER" -p "$PG_PORT" --start >/dev/null \
      || die "pg_createcluster $PG_VERSION $PG_CLUSTER failed"
    touch "$PG_STARTED_MARKER"
    status=$(pg_cluster_status)
  fi
  port=$(pg_cluster_port)
  [[ "$port" == "$PG_PORT" ]] \
    || die "cluster $PG_VERSION/$PG_CLUSTER listens on port $port, the services expect $PG_PORT; fix with: pg_conftool $PG_VERSION $PG_CLUSTER set port $PG_PORT && pg_ctlcluster $PG_VERSION $PG_CLUSTER restart"
  if [[ "$status" == online* ]]; then
    if [[ -f "$PG_STARTED_MARKER" ]]; then
      log "PostgreSQL $PG_VERSION/$PG_CLUSTER is running (started by these scripts)"
    else
      log "PostgreSQL $PG_VERSION/$PG_CLUSTER is already running (not started by these scripts; stop will leave it)"
    fi
  else
    log "starting PostgreSQL $PG_VERSION/$PG_CLUSTER (was: $status)"
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start \
      || die "pg_ctlcluster $PG_VERSION $PG_CLUSTER start failed; see /var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log"
    touch "$PG_STARTED_MARKER"
  fi

  local start
  start=$(now_s)
  until pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; do
    if (( $(now_s) - start >= 60 )); then
      die "PostgreSQL does not accept connections on $PG_HOST:$PG_PORT after 60s; see /var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log"
    fi
    sleep 1
  done
  log "PostgreSQL accepts connections on $PG_HOST:$PG_PORT"
}

# Role and databases; each step only acts when something is missing.
postgres_ensure_schema() {
  local db dbs_sql
  dbs_sql=$(printf "'%s'," "${GRIDGOV_DATABASES[@]}")
  dbs_sql="ARRAY[${dbs_sql%,}]"

  pg_super postgres -v u="$GRIDGOV_DB_USER" -v p="$GRIDGOV_DB_PASSWORD" <<SQL
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'u', :'p')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'u') \gexec
SELECT format('ALTER ROLE %I LOGIN', :'u')
  FROM pg_roles WHERE rolname = :'u' AND NOT rolcanlogin \gexec
SELECT format('CREATE DATABASE %I OWNER %I', d, :'u')
  FROM unnest($dbs_sql) AS d
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d) \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', d.datname, :'u')
  FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba
 WHERE d.datname = ANY ($dbs_sql) AND r.rolname <> :'u' \gexec
SQL
  log "role $GRIDGOV_DB_USER and databases ${GRIDGOV_DATABASES[*]} are present"

  for db in "${GRIDGOV_DATABASES[@]}"; do
    pg_super "$db" -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION IF NOT EXISTS postgis' \
      || die "could not create extension postgis in database $db"
  done
  log "extension postgis is present in every database"
}

# Password login over TCP, as the services do it. Prints psql's output.
postgres_try_login() {
  PGPASSWORD="$GRIDGOV_DB_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -q -t -A -w \
    -h "$PG_HOST" -p "$PG_PORT" -U "$GRIDGOV_DB_USER" -d "$1" -c 'select postgis_version()' 2>&1
}

postgres_check_login() {
  local db out
  if ! out=$(postgres_try_login "${GRIDGOV_DATABASES[0]}") && [[ "$out" == *"password authentication failed"* ]]; then
    log "password login as $GRIDGOV_DB_USER failed; setting the role's password to the configured one"
    pg_super postgres -v u="$GRIDGOV_DB_USER" -v p="$GRIDGOV_DB_PASSWORD" <<'SQL'
SELECT format('ALTER ROLE %I PASSWORD %L', :'u', :'p') \gexec
SQL
  fi
  for db in "${GRIDGOV_DATABASES[@]}"; do
    out=$(postgres_try_login "$db") || die "cannot log in as $GRIDGOV_DB_USER to database $db on $PG_HOST:$PG_PORT with the configured password:
  $out
  pg_hba.conf (/etc/postgresql/$PG_VERSION/$PG_CLUSTER/pg_hba.conf) needs a line such as
    host all all 127.0.0.1/32 scram-sha-256
  before any line that rejects it; then run: pg_ctlcluster $PG_VERSION $PG_CLUSTER reload"
  done
  log "password login over TCP works for $GRIDGOV_DB_USER@$PG_HOST:$PG_PORT (PostGIS $out)"
}

# Settings for the system's write load (every report commits four rows and an event, and the outbox
# rows are updated as they are sent): Debian's defaults (128MB of buffers, a checkpoint every 1GB of
# WAL) make backends write pages themselves and fill the WAL with full-page images after each of
# frequent checkpoints. Written once; a cluster these scripts started is restarted to apply them,
# one they did not is only reloaded (the buffers then apply at its next start).
postgres_tune() {
  local wanted
  wanted="# Written by deploy/lib/postgres.sh for the grid governance system's write load.
shared_buffers = 512MB
max_wal_size = 4GB
checkpoint_timeout = 15min"
  if [[ -f "$PG_TUNING_FILE" && "$(cat "$PG_TUNING_FILE")" == "$wanted" ]]; then
    log "PostgreSQL settings for the write load are in place ($PG_TUNING_FILE)"
    return
  fi
  if [[ ! -w "$(dirname "$PG_TUNING_FILE")" ]]; then
    warn "cannot write $PG_TUNING_FILE; PostgreSQL keeps its own settings (the system works, more slowly under load)"
    return
  fi
  printf '%s\n' "$wanted" > "$PG_TUNING_FILE"
  local action=reload
  [[ -f "$PG_STARTED_MARKER" ]] && action=restart
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" "$action" \
    || die "pg_ctlcluster $PG_VERSION $PG_CLUSTER $action failed; see /var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log"
  local start
  start=$(now_s)
  until pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; do
    (( $(now_s) - start < 60 )) \
      || die "PostgreSQL does not accept connections 60s after its $action; see /var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log"
    sleep 1
  done
  log "PostgreSQL set for the write load ($PG_TUNING_FILE, applied by $action)"
}

# Drops the running system's databases (not the tests', not Keycloak's); postgres_ensure_schema makes them again, empty.
postgres_drop_run_databases() {
  local db
  for db in "${GRIDGOV_RUN_DATABASES[@]}"; do
    pg_super postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || die "could not drop database $db"
  done
  log "dropped the databases ${GRIDGOV_RUN_DATABASES[*]}"
}

postgres_up() {
  postgres_ensure_packages
  postgres_ensure_running
  postgres_tune
  postgres_ensure_schema
  postgres_check_login
}

postgres_down() {
  local status
  status=$(pg_cluster_status)
  if [[ ! -f "$PG_STARTED_MARKER" ]]; then
    if [[ "$status" == online* ]]; then
      log "PostgreSQL $PG_VERSION/$PG_CLUSTER was not started by these scripts; leaving it running"
    else
      log "PostgreSQL $PG_VERSION/$PG_CLUSTER is not running"
    fi
    return 0
  fi
  if [[ "$status" == online* ]]; then
    log "stopping PostgreSQL $PG_VERSION/$PG_CLUSTER"
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop \
      || die "pg_ctlcluster $PG_VERSION $PG_CLUSTER stop failed"
  else
    log "PostgreSQL $PG_VERSION/$PG_CLUSTER is already stopped"
  fi
  rm -f "$PG_STARTED_MARKER"
}

postgres_status() {
  local status
  status=$(pg_cluster_status)
  status=${status:-absent}
  if [[ -f "$PG_STARTED_MARKER" ]]; then
    log "postgres:   $status ($PG_HOST:$PG_PORT, cluster $PG_VERSION/$PG_CLUSTER, started by these scripts)"
  else
    log "postgres:   $status ($PG_HOST:$PG_PORT, cluster $PG_VERSION/$PG_CLUSTER, not started by these scripts)"
  fi
}
