#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Local stack for the grid governance dispatch system.
#
#   deploy/stack.sh infra              PostgreSQL + PostGIS, a single-node Kafka and Keycloak, with databases, topics and the realm
#   deploy/stack.sh test [MVN ARGS]    infra, headless Chromium and ogr2ogr (gdal-bin), then ./mvnw -B verify [MVN ARGS]
#   deploy/stack.sh faults [--short]   the fault test alone (FaultsJourneyIT): 3,000 reports, or 400 with --short;
#                                      on its own PostgreSQL cluster and Kafka broker (deploy/faults.sh)
#   deploy/stack.sh start [--no-build] infra, build (unless --no-build and the jars exist), start the three services
#   deploy/stack.sh stop               stop the services, Kafka and PostgreSQL (only what these scripts started)
#   deploy/stack.sh status             what runs
#   deploy/stack.sh reset              stop the services and empty the running system: its databases grid, cases and
#                                      dispatch and its Kafka topics (*.v1); the next start loads the demo town again.
#                                      Keycloak's realm, the tests' databases and topics are left as they are
#
# Runtime data (pid files, logs, Kafka jars and data) lives in deploy/.state
# (GRIDGOV_STATE_DIR overrides). Other settings: GRIDGOV_DB_USER, GRIDGOV_DB_PASSWORD,
# GRIDGOV_KAFKA_PORT, GRIDGOV_KAFKA_CONTROLLER_PORT, GRIDGOV_KEYCLOAK_PORT, GRIDGOV_SERVICE_JAVA_OPTS.
set -euo pipefail

DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$DEPLOY_DIR/lib/common.sh"
# shellcheck source=lib/postgres.sh
source "$DEPLOY_DIR/lib/postgres.sh"
# shellcheck source=lib/kafka.sh
source "$DEPLOY_DIR/lib/kafka.sh"
# shellcheck source=lib/keycloak.sh
source "$DEPLOY_DIR/lib/keycloak.sh"
# shellcheck source=lib/browser.sh
source "$DEPLOY_DIR/lib/browser.sh"
# shellcheck source=lib/gdal.sh
source "$DEPLOY_DIR/lib/gdal.sh"

# name:port, in start order; stopped in reverse order.
SERVICES=(grid-service:8081 case-service:8082 dispatch-service:8083)
SERVICE_READY_TIMEOUT="${GRIDGOV_SERVICE_READY_TIMEOUT:-120}"
GRIDGOV_SERVICE_JAVA_OPTS="${GRIDGOV_SERVICE_JAVA_OPTS:--Xmx512m}"

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '/^set -euo/d' -e '/^# shellcheck/d' -e 's/^# \{0,1\}//'
}

service_jar() {
  printf '%s/%s/target/quarkus-app/quarkus-run.jar\n' "$REPO_ROOT" "$1"
}

# Extra -D options for one service.
service_props() {
  local name=$1
  case "$name" in
    grid-service) printf '%s\n' -Dgridgov.demo-town.enabled=true ;;
    case-service) printf '%s\n' -Dgridgov.open311.demo-key=demo-key ;;
  esac
  # Forward overrides of the defaults the services are configured with.
  if [[ "$GRIDGOV_KAFKA_PORT" != 9092 ]]; then
    printf '%s\n' "-Dkafka.bootstrap.servers=$KAFKA_BOOTSTRAP"
  fi
  if [[ "$GRIDGOV_DB_USER" != gridgov ]]; then
    printf '%s\n' "-Dquarkus.datasource.username=$GRIDGOV_DB_USER"
  fi
  if [[ "$GRIDGOV_KEYCLOAK_PORT" != 8180 ]]; then
    printf '%s\n' "-Dquarkus.oidc.auth-server-url=$KEYCLOAK_ISSUER"
  fi
  if [[ "$GRIDGOV_DB_PASSWORD" != gridgov ]]; then
    printf '%s\n' "-Dquarkus.datasource.password=$GRIDGOV_DB_PASSWORD"
  fi
}

cmd_infra() {
  local start
  start=$(now_s)
  postgres_up
  kafka_up
  keycloak_up
  log "infrastructure ready in $(( $(now_s) - start ))s: PostgreSQL $PG_HOST:$PG_PORT (user $GRIDGOV_DB_USER), Kafka $KAFKA_BOOTSTRAP, Keycloak $KEYCLOAK_URL"
}

cmd_test() {
  cmd_infra
  browser_up
  gdal_up
  cd "$REPO_ROOT"
  log "running: ./mvnw -B verify $*"
  exec ./mvnw -B verify "$@"
}

cmd_faults() {
  local reports=3000 rate=8
  case "${1:-}" in
    "") ;;
    --short) reports=400 rate=1 ;;
    *) die "unknown option for faults: $1 (usage: deploy/stack.sh faults [--short])" ;;
  esac
  cmd_infra
  # The fault test's broker runs from the stack's Kafka jars, resolved by kafka_up above.
  cd "$REPO_ROOT"
  log "running the fault test: $reports reports at $rate a second"
  exec ./mvnw -B verify -pl case-service -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dit.test=FaultsJourneyIT -Dfaults.reports="$reports" -Dfaults.rate="$rate"
}

build_services() {
  local build=$1 entry name jars_missing=0
  for entry in "${SERVICES[@]}"; do
    name=${entry%%:*}
    [[ -f "$(service_jar "$name")" ]] || jars_missing=1
  done
  if [[ "$build" == no ]]; then
    (( jars_missing == 0 )) || die "--no-build given but a service jar is missing (expected <service>/target/quarkus-app/quarkus-run.jar); run deploy/stack.sh start without --no-build"
    log "skipping the build (--no-build)"
    return 0
  fi
  log "building the services: ./mvnw -B -q package -DskipTests"
  (cd "$REPO_ROOT" && ./mvnw -B -q package -DskipTests) \
    || die "the build failed (output above); fix it, or use --no-build to start the jars already built"
}

print_urls() {
  local entry name port
  log "services:"
  for entry in "${SERVICES[@]}"; do
    name=${entry%%:*}
    port=${entry##*:}
    printf '  %-17s http://127.0.0.1:%s\n' "$name" "$port"
    printf '  %-17s   swagger ui: http://127.0.0.1:%s/q/swagger-ui\n' "" "$port"
    printf '  %-17s   health:     http://127.0.0.1:%s/q/health\n' "" "$port"
    printf '  %-17s   metrics:    http://127.0.0.1:%s/q/metrics\n' "" "$port"
  done
  log "identity provider: Keycloak $KEYCLOAK_URL, realm gridgov (admin console $KEYCLOAK_URL/admin, user $KEYCLOAK_ADMIN_USER)"
  log "demo users: every staff member of the demo town, user name = staff id, password: $KEYCLOAK_DEMO_PASSWORD"
  log "  G07-2 grid worker of G07, G07-1 its grid chief, ZHZF-1 enforcement bureau, CC-DUTY_CHIEF-1 duty chief,"
  log "  CC-DISPATCHER-1 dispatcher, CC-SUPERVISOR-1 supervisor, CC-ADMIN-1 administrator"
  cat <<TXT

  Try it: a grid worker reports a missing manhole cover in grid G07; the duty chief accepts it;
  dispatch-service routes it; look at the case and its timeline (use the case number the first answer gave).
  Every call carries the caller's token (scripts get one with the password grant of the client gridgov-cli):
    token() { curl -s -d grant_type=password -d client_id=gridgov-cli -d username="\$1" -d password=$KEYCLOAK_DEMO_PASSWORD \\
      $KEYCLOAK_ISSUER/protocol/openid-connect/token | sed -E 's/.*"access_token":"([^"]+)".*/\\1/'; }
    curl -s -X POST http://127.0.0.1:8082/api/v1/reports -H "Authorization: Bearer \$(token G07-2)" -H 'Content-Type: application/json' \\
      -d '{"reportId":"8a1e6c2e-3b9f-4c1e-9a57-0d7d3f1b2c11","source":"GRID_WORKER","category":"0101","description":"井盖缺失","longitude":119.165,"latitude":35.004}'
    curl -s -X POST http://127.0.0.1:8082/api/v1/cases/2026-000001/accept -H "Authorization: Bearer \$(token CC-DUTY_CHIEF-1)" \\
      -H 'Content-Type: application/json' -d '{"urgency":"URGENT"}'
    curl -s http://127.0.0.1:8082/api/v1/cases/2026-000001/timeline -H "Authorization: Bearer \$(token CC-DUTY_CHIEF-1)"
  Which grid is a point in:   curl -s 'http://127.0.0.1:8081/api/v1/locate?lon=119.165&lat=35.004' -H "Authorization: Bearer \$(token G07-2)"
  The dispatch queue:         curl -s http://127.0.0.1:8083/api/v1/dispatch-queue -H "Authorization: Bearer \$(token CC-DISPATCHER-1)"
  Grid workers' phone page:   http://127.0.0.1:8082/phone/    (sign in as G07-2)
  Command center console:     http://127.0.0.1:8083/console/  (sign in as CC-DISPATCHER-1)
  Department workbench:       http://127.0.0.1:8083/workbench/  (sign in as ZHZF-1)
TXT
  printf '\n  Logs: %s/<service>.log    Stop: deploy/stack.sh stop\n' "$LOG_DIR"
}

cmd_start() {
  local build=yes arg entry name port pid props java_opts
  for arg in "$@"; do
    case "$arg" in
      --no-build) build=no ;;
      *) die "unknown option for start: $arg (usage: deploy/stack.sh start [--no-build])" ;;
    esac
  done
  cmd_infra
  build_services "$build"

  read -r -a java_opts <<<"$GRIDGOV_SERVICE_JAVA_OPTS"
  for entry in "${SERVICES[@]}"; do
    name=${entry%%:*}
    port=${entry##*:}
    if pid=$(running_pid "$name"); then
      log "$name already running (pid $pid)"
      continue
    fi
    if port_open 127.0.0.1 "$port"; then
      die "port $port for $name is taken by a process these scripts did not start; stop it and run again"
    fi
    mapfile -t props < <(service_props "$name")
    start_bg "$name" "$LOG_DIR/$name.log" \
      java "${java_opts[@]}" "-Dquarkus.http.port=$port" "${props[@]}" -jar "$(service_jar "$name")"
  done
  # All three are started before waiting, so a service whose readiness depends on another is not blocked.
  for entry in "${SERVICES[@]}"; do
    name=${entry%%:*}
    port=${entry##*:}
    if ! wait_for_http "http://127.0.0.1:$port/q/health/ready" "$SERVICE_READY_TIMEOUT" "$name" "$name"; then
      show_log_tail "$LOG_DIR/$name.log" 40
      die "$name is not ready; see $LOG_DIR/$name.log (deploy/stack.sh stop stops what was started)"
    fi
  done
  print_urls
}

cmd_stop() {
  local i name
  for (( i = ${#SERVICES[@]} - 1; i >= 0; i-- )); do
    name=${SERVICES[i]%%:*}
    stop_bg "$name"
  done
  keycloak_down
  kafka_down
  postgres_down
}

cmd_status() {
  local entry name port pid health
  postgres_status
  kafka_status
  keycloak_status
  for entry in "${SERVICES[@]}"; do
    name=${entry%%:*}
    port=${entry##*:}
    if pid=$(running_pid "$name"); then
      if curl -fsS -o /dev/null --max-time 3 "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; then
        health=ready
      else
        health="not ready"
      fi
      log "$(printf '%-18s running (pid %s, http://127.0.0.1:%s, %s)' "$name:" "$pid" "$port" "$health")"
    else
      log "$(printf '%-18s stopped' "$name:")"
    fi
  done
}

cmd_reset() {
  local i name
  for (( i = ${#SERVICES[@]} - 1; i >= 0; i-- )); do
    name=${SERVICES[i]%%:*}
    stop_bg "$name"
  done
  postgres_up
  kafka_up
  postgres_drop_run_databases
  postgres_ensure_schema
  kafka_delete_system_topics
  kafka_create_topics
  log "the system is empty; deploy/stack.sh start loads the demo town again"
}

main() {
  local cmd=${1:-}
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    infra) cmd_infra ;;
    test) cmd_test "$@" ;;
    faults) cmd_faults "$@" ;;
    start) cmd_start "$@" ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    reset) cmd_reset ;;
    -h|--help|help) usage ;;
    "") usage; exit 2 ;;
    *) usage >&2; die "unknown command: $cmd" ;;
  esac
}

main "$@"
