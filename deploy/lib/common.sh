# shellcheck shell=bash
# Shared helpers for the local stack scripts. Source this file; do not run it.
#
#   REPO_ROOT   root of the Maven build (resolved from this file's location)
#   STATE_DIR   runtime data: pid files, logs, Kafka jars and data (GRIDGOV_STATE_DIR overrides)

if [[ -n "${GRIDGOV_COMMON_LOADED:-}" ]]; then
  return 0
fi
GRIDGOV_COMMON_LOADED=1

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE_DIR="${GRIDGOV_STATE_DIR:-$REPO_ROOT/deploy/.state}"
PID_DIR="$STATE_DIR/pids"
LOG_DIR="$STATE_DIR/logs"
# Seconds stop_bg waits after SIGTERM before it sends SIGKILL: a service may take up to 20 s to answer
# the requests in flight (quarkus.shutdown.timeout), then its Kafka consumers stop and commit.
GRIDGOV_STOP_TIMEOUT="${GRIDGOV_STOP_TIMEOUT:-40}"

mkdir -p "$PID_DIR" "$LOG_DIR"

log() {
  printf '[gridgov] %s\n' "$*"
}

warn() {
  printf '[gridgov] WARNING: %s\n' "$*" >&2
}

die() {
  printf '[gridgov] ERROR: %s\n' "$*" >&2
  exit 1
}

# Seconds since the epoch, for timing messages.
now_s() {
  date +%s
}

# Print the last N lines (default 40) of a log file to stderr, framed.
show_log_tail() {
  local logfile=$1 lines=${2:-40}
  if [[ -f "$logfile" ]]; then
    printf '[gridgov] ---- last %s lines of %s ----\n' "$lines" "$logfile" >&2
    tail -n "$lines" "$logfile" >&2 || true
    printf '[gridgov] ---- end of %s ----\n' "$logfile" >&2
  else
    printf '[gridgov] (no log file at %s)\n' "$logfile" >&2
  fi
}

# True when something accepts TCP connections on host:port.
port_open() {
  local host=$1 port=$2
  # shellcheck disable=SC2016 # expanded by the inner bash
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$host" "$port" >/dev/null 2>&1
}

# wait_for_port HOST PORT TIMEOUT_S WHAT [BG_NAME]
# Waits until HOST:PORT accepts connections. With BG_NAME, gives up early when that
# background process (see start_bg) has exited, and shows the tail of its log.
wait_for_port() {
  local host=$1 port=$2 timeout_s=$3 what=$4 bg=${5:-}
  local start
  start=$(now_s)
  log "waiting for $what on $host:$port (up to ${timeout_s}s)"
  while ! port_open "$host" "$port"; do
    if [[ -n "$bg" ]] && ! is_running "$bg"; then
      show_log_tail "$LOG_DIR/$bg.log"
      die "$what exited before it opened $host:$port; see $LOG_DIR/$bg.log"
    fi
    if (( $(now_s) - start >= timeout_s )); then
      [[ -n "$bg" ]] && show_log_tail "$LOG_DIR/$bg.log"
      die "$what did not open $host:$port within ${timeout_s}s"
    fi
    sleep 1
  done
  log "$what is up on $host:$port ($(( $(now_s) - start ))s)"
}

# wait_for_http URL TIMEOUT_S WHAT [BG_NAME]
# Waits until URL answers with a 2xx status. BG_NAME as for wait_for_port.
# Returns 1 (does not exit) on timeout so the caller can add its own diagnostics.
wait_for_http() {
  local url=$1 timeout_s=$2 what=$3 bg=${4:-}
  local start
  start=$(now_s)
  log "waiting for $what at $url (up to ${timeout_s}s)"
  while ! curl -fsS -o /dev/null --max-time 5 "$url" 2>/dev/null; do
    if [[ -n "$bg" ]] && ! is_running "$bg"; then
      warn "$what exited before $url answered"
      return 1
    fi
    if (( $(now_s) - start >= timeout_s )); then
      warn "$what did not answer $url within ${timeout_s}s"
      return 1
    fi
    sleep 1
  done
  log "$what is ready ($(( $(now_s) - start ))s)"
}

pid_file() {
  printf '%s/%s.pid\n' "$PID_DIR" "$1"
}

# Start time of a process in clock ticks since boot (field 22 of /proc/PID/stat);
# recorded with the pid so a recycled pid is never taken for ours.
proc_start_time() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  # Drop "pid (comm) " first: comm may contain spaces.
  stat=${stat##*) }
  # What remains starts at field 3, so field 22 is the 20th word.
  awk '{ print $20 }' <<<"$stat"
}

# Recorded pid of NAME, if it is alive and still the process we started.
running_pid() {
  local name=$1 file pid recorded actual
  file=$(pid_file "$name")
  [[ -f "$file" ]] || return 1
  pid=$(sed -n 1p "$file")
  recorded=$(sed -n 2p "$file")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -n "$recorded" ]]; then
    actual=$(proc_start_time "$pid") || return 1
    [[ "$actual" == "$recorded" ]] || return 1
  fi
  printf '%s\n' "$pid"
}

# is_running NAME: true when the process recorded for NAME is alive.
is_running() {
  running_pid "$1" >/dev/null
}

# start_bg NAME LOGFILE CMD...
# Starts CMD in the background, detached from the terminal, appending its output to
# LOGFILE, and records its pid in $STATE_DIR/pids/NAME.pid. No-op if already running.
start_bg() {
  local name=$1 logfile=$2 pid start_time
  shift 2
  if pid=$(running_pid "$name"); then
    log "$name already running (pid $pid)"
    return 0
  fi
  rm -f "$(pid_file "$name")"
  mkdir -p "$(dirname "$logfile")"
  printf '\n[gridgov] ==== %s starting %s: %s ====\n' "$(date '+%F %T')" "$name" "$*" >>"$logfile"
  # setsid detaches it from the caller's terminal, so a Ctrl-C or a closed terminal does not reach it.
  setsid "$@" >>"$logfile" 2>&1 </dev/null &
  pid=$!
  start_time=$(proc_start_time "$pid" || true)
  printf '%s\n%s\n' "$pid" "$start_time" >"$(pid_file "$name")"
  log "started $name (pid $pid), log: $logfile"
}

# stop_bg NAME: stops the process recorded for NAME (TERM, then KILL after
# $GRIDGOV_STOP_TIMEOUT seconds) and removes its pid file. Never touches other processes.
stop_bg() {
  local name=$1 pid waited=0
  if ! pid=$(running_pid "$name"); then
    if [[ -f "$(pid_file "$name")" ]]; then
      log "$name is not running (removing stale pid file)"
      rm -f "$(pid_file "$name")"
    else
      log "$name is not running (not started by these scripts)"
    fi
    return 0
  fi
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if (( waited >= GRIDGOV_STOP_TIMEOUT )); then
      warn "$name (pid $pid) still running after ${GRIDGOV_STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 1
    waited=$((waited + 1))
  done
  rm -f "$(pid_file "$name")"
  log "stopped $name"
}

# Installs Debian packages (as root), saying what and why it failed.
apt_install() {
  [[ $EUID -eq 0 ]] || die "package(s) $* missing; install them as root: apt-get update && apt-get install -y $*"
  log "installing $* (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || die "apt-get update failed; check the network/apt sources, then install $* by hand"
  apt-get install -y -qq "$@" >/dev/null || die "apt-get install $* failed; install it by hand and run again"
}
