#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The fault test's own PostgreSQL cluster and Kafka broker: the fault test kills the broker and restarts
# PostgreSQL, which must never disturb the stack or anyone else's tests on the machine.
#
#   deploy/faults.sh up               a fresh cluster 15/gridgov-faults on port 25432 with the journey databases,
#                                     and a fresh broker on 29092 (controller 29093) with the journey topics
#   deploy/faults.sh kill-kafka       the broker is killed with SIGKILL
#   deploy/faults.sh start-kafka      the broker is started again on its data
#   deploy/faults.sh stop-postgres    the cluster is stopped (fast: open transactions are rolled back)
#   deploy/faults.sh start-postgres   the cluster is started again
#   deploy/faults.sh down             both are stopped and the cluster dropped
#
# Runtime data in deploy/.state/faults (GRIDGOV_FAULTS_STATE_DIR overrides). The broker runs from the
# jars the stack resolved (deploy/.state/kafka/libs; GRIDGOV_KAFKA_LIBS overrides), resolved there if missing.
# The run command is deploy/stack.sh faults [--short].
set -euo pipefail

DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export GRIDGOV_STATE_DIR="${GRIDGOV_FAULTS_STATE_DIR:-$DEPLOY_DIR/.state/faults}"
export GRIDGOV_KAFKA_LIBS="${GRIDGOV_KAFKA_LIBS:-$DEPLOY_DIR/.state/kafka/libs}"
export GRIDGOV_PG_CLUSTER=gridgov-faults GRIDGOV_PG_PORT=25432
export GRIDGOV_KAFKA_PORT=29092 GRIDGOV_KAFKA_CONTROLLER_PORT=29093
export GRIDGOV_DB_NAMES="grid_journey cases_journey dispatch_journey"
export GRIDGOV_KAFKA_TOPICS="case-events.journey dispatch-events.journey grid-events.journey staff-locations.test"
# shellcheck source=lib/common.sh
source "$DEPLOY_DIR/lib/common.sh"
# shellcheck source=lib/postgres.sh
source "$DEPLOY_DIR/lib/postgres.sh"
# shellcheck source=lib/kafka.sh
source "$DEPLOY_DIR/lib/kafka.sh"

faults_down() {
  kafka_down
  if [[ -n "$(pg_cluster_status)" ]]; then
    log "dropping PostgreSQL cluster $PG_VERSION/$PG_CLUSTER"
    pg_dropcluster --stop "$PG_VERSION" "$PG_CLUSTER"
  fi
  rm -f "$PG_STARTED_MARKER"
  rm -rf "$KAFKA_DIR/data" "$KAFKA_CLUSTER_ID_FILE"
}

# Each run starts from nothing, so the counts the test prints are its own.
faults_up() {
  faults_down
  postgres_up
  kafka_up
}

kill_kafka() {
  local pid
  pid=$(running_pid kafka) || die "the fault test's broker is not running"
  log "killing the Kafka broker (pid $pid) with SIGKILL"
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  rm -f "$(pid_file kafka)"
}

case "${1:-}" in
  up) faults_up ;;
  kill-kafka) kill_kafka ;;
  start-kafka) kafka_start_broker ;;
  stop-postgres) pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop -m fast ;;
  start-postgres) postgres_ensure_running ;;
  down) faults_down ;;
  *) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '/^set -euo/d' -e '/^# shellcheck/d' -e 's/^# \{0,1\}//'; exit 2 ;;
esac
