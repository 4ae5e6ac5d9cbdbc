# shellcheck shell=bash
# Local single-node Kafka (KRaft, broker + controller in one JVM) for the stack.
# Source after common.sh.
#
#   kafka_up      resolve the jars once, start the broker if it is not running (formatting
#                 its storage the first time), create the topics that are missing
#   kafka_down    stop the broker, if these scripts started it
#   kafka_status  one line about the broker
#   kafka_topics  list the topics (TopicCommand --list)

KAFKA_VERSION=4.3.1
KAFKA_HOST=127.0.0.1
GRIDGOV_KAFKA_PORT="${GRIDGOV_KAFKA_PORT:-9092}"
GRIDGOV_KAFKA_CONTROLLER_PORT="${GRIDGOV_KAFKA_CONTROLLER_PORT:-9093}"
GRIDGOV_KAFKA_HEAP="${GRIDGOV_KAFKA_HEAP:-512m}"
KAFKA_BOOTSTRAP="$KAFKA_HOST:$GRIDGOV_KAFKA_PORT"
# The system's topics, then the tests' own (*.test for each service's tests, *.journey for the
# journey tests), so that a running system's backlog never reaches a test nor a test's events the system.
# Each topic a service consumes has its dead-letter topic <topic>.dlq, where parked records go (service-kit's parking).
# GRIDGOV_KAFKA_TOPICS (space-separated) names others, for a broker of a test's own.
KAFKA_TOPICS=(case-events.v1 dispatch-events.v1 grid-events.v1 staff-locations.v1
  case-events.test dispatch-events.test grid-events.test staff-locations.test
  evaluation-town-cases.test evaluation-town-dispatch.test
  case-events.journey dispatch-events.journey grid-events.journey)
if [[ -n "${GRIDGOV_KAFKA_TOPICS:-}" ]]; then
  read -r -a KAFKA_TOPICS <<<"$GRIDGOV_KAFKA_TOPICS"
fi
KAFKA_TOPICS+=("${KAFKA_TOPICS[@]/%/.dlq}")
KAFKA_TOPIC_PARTITIONS=6

KAFKA_SRC_DIR="$REPO_ROOT/deploy/kafka"
KAFKA_DIR="$STATE_DIR/kafka"
# GRIDGOV_KAFKA_LIBS shares the jars another state directory already resolved.
KAFKA_LIBS="${GRIDGOV_KAFKA_LIBS:-$KAFKA_DIR/libs}"
KAFKA_DATA="$KAFKA_DIR/data"
KAFKA_CONFIG="$KAFKA_DIR/server.properties"
KAFKA_CLUSTER_ID_FILE="$KAFKA_DIR/cluster.id"
KAFKA_LOG="$LOG_DIR/kafka.log"

require_java() {
  command -v java >/dev/null || die "java not found; install a JDK 17 (apt-get install -y openjdk-17-jdk-headless)"
}

# Runs a Kafka command-line class with the resolved jars, logging warnings to stderr only.
kafka_tool() {
  java -Xmx256m -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$KAFKA_SRC_DIR/log4j2-tools.properties" \
    -cp "$KAFKA_LIBS/*" "$@"
}

kafka_resolve_jars() {
  local pom="$KAFKA_SRC_DIR/pom.xml" stamp="$KAFKA_LIBS/.pom.sha256" want tmp
  want=$(sha256sum "$pom" | awk '{ print $1 }')
  if [[ -f "$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    log "Kafka $KAFKA_VERSION jars already resolved ($KAFKA_LIBS)"
    return 0
  fi
  log "resolving Kafka $KAFKA_VERSION jars with Maven into $KAFKA_LIBS"
  tmp="$KAFKA_LIBS.tmp"
  rm -rf "$tmp"
  mkdir -p "$(dirname "$KAFKA_LIBS")"
  "$REPO_ROOT/mvnw" -B -q -f "$pom" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$tmp" \
    || die "could not resolve the Kafka jars (Maven failed, output above); check access to Maven Central and run again"
  [[ -f "$tmp/kafka_2.13-$KAFKA_VERSION.jar" ]] || die "Maven finished but $tmp/kafka_2.13-$KAFKA_VERSION.jar is missing"
  printf '%s\n' "$want" >"$tmp/.pom.sha256"
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  log "resolved $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars"
}

# Writes server.properties from the template; only touches the file when it changes.
kafka_write_config() {
  local tmp="$KAFKA_CONFIG.tmp"
  mkdir -p "$KAFKA_DATA"
  sed -e "s|@KAFKA_PORT@|$GRIDGOV_KAFKA_PORT|g" \
      -e "s|@CONTROLLER_PORT@|$GRIDGOV_KAFKA_CONTROLLER_PORT|g" \
      -e "s|@DATA_DIR@|$KAFKA_DATA|g" \
      "$KAFKA_SRC_DIR/server.properties.template" >"$tmp"
  if [[ -f "$KAFKA_CONFIG" ]] && cmp -s "$tmp" "$KAFKA_CONFIG"; then
    rm -f "$tmp"
    return 0
  fi
  mv "$tmp" "$KAFKA_CONFIG"
  log "wrote $KAFKA_CONFIG (client port $GRIDGOV_KAFKA_PORT, controller port $GRIDGOV_KAFKA_CONTROLLER_PORT)"
  if is_running kafka; then
    warn "the broker is running with the old configuration; restart it: deploy/stack.sh stop && deploy/stack.sh infra"
  fi
}

kafka_format_storage() {
  local cluster_id
  if [[ -f "$KAFKA_DATA/meta.properties" ]]; then
    log "Kafka storage already formatted ($KAFKA_DATA, cluster id $(cat "$KAFKA_CLUSTER_ID_FILE" 2>/dev/null || echo unknown))"
    return 0
  fi
  if [[ -s "$KAFKA_CLUSTER_ID_FILE" ]]; then
    cluster_id=$(cat "$KAFKA_CLUSTER_ID_FILE")
  else
    cluster_id=$(kafka_tool kafka.tools.StorageTool random-uuid) || die "kafka.tools.StorageTool random-uuid failed"
    printf '%s\n' "$cluster_id" >"$KAFKA_CLUSTER_ID_FILE"
  fi
  log "formatting Kafka storage in $KAFKA_DATA (cluster id $cluster_id)"
  kafka_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_CONFIG" --standalone --ignore-formatted \
      >>"$KAFKA_LOG" \
    || die "formatting Kafka storage failed; if $KAFKA_DATA holds data from another cluster, remove $KAFKA_DIR and run again"
}

kafka_start_broker() {
  local pid
  if pid=$(running_pid kafka); then
    log "Kafka broker already running (pid $pid)"
  elif port_open "$KAFKA_HOST" "$GRIDGOV_KAFKA_PORT"; then
    log "port $KAFKA_BOOTSTRAP is served by a process these scripts did not start; using it as the Kafka broker (stop will leave it)"
    return 0
  else
    if port_open "$KAFKA_HOST" "$GRIDGOV_KAFKA_CONTROLLER_PORT"; then
      die "controller port $KAFKA_HOST:$GRIDGOV_KAFKA_CONTROLLER_PORT is taken by another process; free it or set GRIDGOV_KAFKA_CONTROLLER_PORT"
    fi
    kafka_format_storage
    log "starting Kafka $KAFKA_VERSION broker on $KAFKA_BOOTSTRAP (heap $GRIDGOV_KAFKA_HEAP)"
    start_bg kafka "$KAFKA_LOG" \
      java "-Xms$GRIDGOV_KAFKA_HEAP" "-Xmx$GRIDGOV_KAFKA_HEAP" -XX:+UseG1GC -Djava.awt.headless=true \
        -Dlog4j2.configurationFile="$KAFKA_SRC_DIR/log4j2.properties" \
        -Dkafka.logs.dir="$LOG_DIR" \
        -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONFIG"
  fi
  wait_for_port "$KAFKA_HOST" "$GRIDGOV_KAFKA_PORT" 90 "Kafka broker" kafka
}

# Existing topic names, one per line.
kafka_topics() {
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --list
}

kafka_create_topics() {
  local existing topic attempt missing=()
  existing=$(kafka_topics) || die "listing topics on $KAFKA_BOOTSTRAP failed; see $KAFKA_LOG"
  for topic in "${KAFKA_TOPICS[@]}"; do
    if grep -qxF "$topic" <<<"$existing"; then
      continue
    fi
    missing+=("$topic")
  done
  if (( ${#missing[@]} == 0 )); then
    log "topics present: ${KAFKA_TOPICS[*]}"
    return 0
  fi
  for topic in "${missing[@]}"; do
    log "creating topic $topic ($KAFKA_TOPIC_PARTITIONS partitions, replication 1)"
    for attempt in 1 2 3; do
      if kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" \
          --create --if-not-exists --topic "$topic" \
          --partitions "$KAFKA_TOPIC_PARTITIONS" --replication-factor 1 >/dev/null; then
        break
      fi
      (( attempt < 3 )) || die "could not create topic $topic on $KAFKA_BOOTSTRAP; see $KAFKA_LOG"
      warn "creating topic $topic failed (attempt $attempt); retrying in 3s"
      sleep 3
    done
  done
  log "topics present: ${KAFKA_TOPICS[*]}"
}

# Deletes the running system's own topics (*.v1 and their dead-letter topics), not the tests'; the
# broker drops the consumer groups' offsets on them with them. kafka_create_topics makes them again.
kafka_delete_system_topics() {
  local topic system=()
  for topic in "${KAFKA_TOPICS[@]}"; do
    [[ "$topic" == *.v1 || "$topic" == *.v1.dlq ]] && system+=("$topic")
  done
  for topic in "${system[@]}"; do
    kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" \
      --delete --if-exists --topic "$topic" >/dev/null || die "could not delete topic $topic on $KAFKA_BOOTSTRAP; see $KAFKA_LOG"
  done
  # Deletion is asynchronous: wait until the names are gone before they are created again.
  local start
  start=$(now_s)
  while kafka_topics | grep -qxF -f <(printf '%s\n' "${system[@]}"); do
    (( $(now_s) - start < 60 )) || die "the system's topics are still listed 60s after their deletion; see $KAFKA_LOG"
    sleep 1
  done
  log "deleted the system's topics: ${system[*]}"
}

kafka_up() {
  require_java
  kafka_resolve_jars
  kafka_write_config
  kafka_start_broker
  kafka_create_topics
}

kafka_down() {
  # A clean shutdown of broker + controller can take a while; give it more time.
  GRIDGOV_STOP_TIMEOUT="${GRIDGOV_KAFKA_STOP_TIMEOUT:-30}" stop_bg kafka
}

kafka_status() {
  local pid
  if pid=$(running_pid kafka); then
    log "kafka:      running (pid $pid, $KAFKA_BOOTSTRAP, log $KAFKA_LOG)"
  elif port_open "$KAFKA_HOST" "$GRIDGOV_KAFKA_PORT"; then
    log "kafka:      $KAFKA_BOOTSTRAP served by a process not started by these scripts"
  else
    log "kafka:      stopped"
  fi
}
