# shellcheck shell=bash
# Keycloak, the stack's OpenID Connect provider, run from its distribution on Maven Central on the
# stack's own PostgreSQL (database keycloak). Source after common.sh and postgres.sh.
#
#   keycloak_up      resolve and unpack the distribution once, create its database, import the realm
#                    gridgov from deploy/keycloak when it changed, start Keycloak if it is not running
#   keycloak_down    stop Keycloak, if these scripts started it
#   keycloak_status  one line about Keycloak
#
# The realm is code: deploy/keycloak/gridgov-realm.json (clients, roles, token settings) and
# deploy/keycloak/gridgov-users-0.json (the demo town's staff, written from grid-service's demo
# organisation and checked against it by DemoRealmTest). Every demo user's password is
# $KEYCLOAK_DEMO_PASSWORD. deploy/keycloak/other-town-realm.json is a neighbouring town's realm: a
# token from it is right in every way but its issuer, which the tests show every service refuses.

KEYCLOAK_VERSION=26.5.6
KEYCLOAK_HOST=127.0.0.1
GRIDGOV_KEYCLOAK_PORT="${GRIDGOV_KEYCLOAK_PORT:-8180}"
GRIDGOV_KEYCLOAK_MANAGEMENT_PORT="${GRIDGOV_KEYCLOAK_MANAGEMENT_PORT:-8190}"
GRIDGOV_KEYCLOAK_HEAP="${GRIDGOV_KEYCLOAK_HEAP:-768m}"
KEYCLOAK_URL="http://$KEYCLOAK_HOST:$GRIDGOV_KEYCLOAK_PORT"
KEYCLOAK_ISSUER="$KEYCLOAK_URL/realms/gridgov"
KEYCLOAK_DEMO_PASSWORD=gridgov-demo
# The administrator of Keycloak itself (master realm), for its admin console on this machine only.
KEYCLOAK_ADMIN_USER="${GRIDGOV_KEYCLOAK_ADMIN:-admin}"
KEYCLOAK_ADMIN_PASSWORD="${GRIDGOV_KEYCLOAK_ADMIN_PASSWORD:-admin}"

KEYCLOAK_SRC_DIR="$REPO_ROOT/deploy/keycloak"
KEYCLOAK_DIR="$STATE_DIR/keycloak"
KEYCLOAK_HOME="$KEYCLOAK_DIR/keycloak-$KEYCLOAK_VERSION"
KEYCLOAK_REALM_STAMP="$KEYCLOAK_DIR/realm.sha256"
KEYCLOAK_LOG="$LOG_DIR/keycloak.log"

keycloak_unpack() {
  local zip
  if [[ -x "$KEYCLOAK_HOME/bin/kc.sh" ]]; then
    return 0
  fi
  zip="$KEYCLOAK_DIR/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
  if [[ ! -f "$zip" ]]; then
    log "resolving Keycloak $KEYCLOAK_VERSION (org.keycloak:keycloak-quarkus-dist, about 165 MB the first time)"
    mkdir -p "$KEYCLOAK_DIR"
    "$REPO_ROOT/mvnw" -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
        -DoutputDirectory="$KEYCLOAK_DIR" \
      || die "could not resolve org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip (Maven failed, output above)"
    [[ -f "$zip" ]] || die "Maven resolved Keycloak but $zip is missing"
  fi
  command -v unzip >/dev/null || apt_install unzip
  mkdir -p "$KEYCLOAK_DIR"
  rm -rf "$KEYCLOAK_HOME.tmp"
  mkdir -p "$KEYCLOAK_HOME.tmp"
  unzip -q "$zip" -d "$KEYCLOAK_HOME.tmp" || die "unzipping $zip failed"
  rm -f "$zip"
  mv "$KEYCLOAK_HOME.tmp/keycloak-$KEYCLOAK_VERSION" "$KEYCLOAK_HOME"
  rm -rf "$KEYCLOAK_HOME.tmp"
  log "unpacked Keycloak into $KEYCLOAK_HOME"
}

keycloak_ensure_database() {
  pg_super postgres -v u="$GRIDGOV_DB_USER" <<'SQL'
SELECT format('CREATE DATABASE keycloak OWNER %I', :'u')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'keycloak') \gexec
SQL
}

# Options every kc.sh command gets: the database and the build-time choices (so no command rebuilds).
keycloak_options() {
  printf '%s\n' --db=postgres "--db-url=jdbc:postgresql://$PG_HOST:$PG_PORT/keycloak" \
    "--db-username=$GRIDGOV_DB_USER" "--db-password=$GRIDGOV_DB_PASSWORD" \
    --health-enabled=true --cache=local
}

keycloak_java_opts() {
  printf '%s' "-Xms256m -Xmx$GRIDGOV_KEYCLOAK_HEAP -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m -Djava.net.preferIPv4Stack=true"
}

keycloak_realm_hash() {
  cat "$KEYCLOAK_SRC_DIR"/*.json | sha256sum | awk '{ print $1 }'
}

keycloak_realm_changed() {
  [[ ! -f "$KEYCLOAK_REALM_STAMP" || "$(cat "$KEYCLOAK_REALM_STAMP")" != "$(keycloak_realm_hash)" ]]
}

# Imports the realm (overwriting the one in the database) when its files changed since the last import.
keycloak_import_realm() {
  local want opts
  want=$(keycloak_realm_hash)
  if ! keycloak_realm_changed; then
    log "realm gridgov is up to date with $KEYCLOAK_SRC_DIR"
    return 0
  fi
  mapfile -t opts < <(keycloak_options)
  log "importing realm gridgov from $KEYCLOAK_SRC_DIR (Keycloak offline, about 30 s)"
  # The first import creates the master realm, and with it Keycloak's own administrator.
  JAVA_OPTS="$(keycloak_java_opts)" KC_BOOTSTRAP_ADMIN_USERNAME="$KEYCLOAK_ADMIN_USER" \
    KC_BOOTSTRAP_ADMIN_PASSWORD="$KEYCLOAK_ADMIN_PASSWORD" \
    "$KEYCLOAK_HOME/bin/kc.sh" import "${opts[@]}" --dir "$KEYCLOAK_SRC_DIR" --override true >>"$KEYCLOAK_LOG" 2>&1 \
    || { show_log_tail "$KEYCLOAK_LOG" 40; die "importing the realm failed; see $KEYCLOAK_LOG"; }
  printf '%s\n' "$want" >"$KEYCLOAK_REALM_STAMP"
}

keycloak_start() {
  local pid opts
  if pid=$(running_pid keycloak); then
    log "Keycloak already running (pid $pid)"
  elif port_open "$KEYCLOAK_HOST" "$GRIDGOV_KEYCLOAK_PORT"; then
    log "port $KEYCLOAK_HOST:$GRIDGOV_KEYCLOAK_PORT is served by a process these scripts did not start; using it as Keycloak (stop will leave it)"
    return 0
  else
    keycloak_import_realm
    mapfile -t opts < <(keycloak_options)
    log "starting Keycloak $KEYCLOAK_VERSION on $KEYCLOAK_URL (heap $GRIDGOV_KEYCLOAK_HEAP)"
    # The issuer is fixed to the hostname, so a token asked for on 127.0.0.1 or on localhost is the same issuer's.
    JAVA_OPTS="$(keycloak_java_opts)" KC_BOOTSTRAP_ADMIN_USERNAME="$KEYCLOAK_ADMIN_USER" \
      KC_BOOTSTRAP_ADMIN_PASSWORD="$KEYCLOAK_ADMIN_PASSWORD" \
      start_bg keycloak "$KEYCLOAK_LOG" "$KEYCLOAK_HOME/bin/kc.sh" start "${opts[@]}" \
        --http-enabled=true "--http-host=$KEYCLOAK_HOST" "--http-port=$GRIDGOV_KEYCLOAK_PORT" \
        "--http-management-port=$GRIDGOV_KEYCLOAK_MANAGEMENT_PORT" \
        "--hostname=$KEYCLOAK_URL" --hostname-strict=false
  fi
  wait_for_http "$KEYCLOAK_ISSUER/.well-known/openid-configuration" 180 "Keycloak" keycloak \
    || { show_log_tail "$KEYCLOAK_LOG" 40; die "Keycloak is not ready; see $KEYCLOAK_LOG"; }
}

keycloak_up() {
  require_java
  keycloak_unpack
  keycloak_ensure_database
  if is_running keycloak && keycloak_realm_changed; then
    log "the realm files in $KEYCLOAK_SRC_DIR changed; restarting Keycloak to import them"
    keycloak_down
  fi
  keycloak_start
}

keycloak_down() {
  stop_bg keycloak
}

keycloak_status() {
  local pid
  if pid=$(running_pid keycloak); then
    log "keycloak:   running (pid $pid, $KEYCLOAK_URL, log $KEYCLOAK_LOG)"
  elif port_open "$KEYCLOAK_HOST" "$GRIDGOV_KEYCLOAK_PORT"; then
    log "keycloak:   $KEYCLOAK_URL served by a process not started by these scripts"
  else
    log "keycloak:   stopped"
  fi
}
