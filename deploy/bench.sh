#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Every benchmark of the project, each beside baselines measured in the same run, into one results file.
#
#   deploy/bench.sh [--quick] [--no-build]
#
# Runs, in this order: the baselines (pgbench single-row commits with 1 and 32 clients, Kafka's own
# producer performance tool with acks=all); case-service's IntakeBenchmark (against the running system:
# started with deploy/stack.sh start if it is not, and stopped again), SearchBenchmark, EvaluationBenchmark
# and LoopBenchmark; the Flowable peer (deploy/bench/flowable-peer) with the same numbers of clients;
# grid-service's LocateBenchmark and PingBenchmark, then raw PostGIS point-in-polygon over the demo town's
# grids; dispatch-service's RoutingBenchmark, SlaBenchmark and ForecastBenchmark. While
# each runs it samples the CPU of the benchmark's own processes (its JVM and the services it started),
# PostgreSQL and Kafka. It writes docs/benchmarks/<date>-<commit>.md (machine, date, commit, every
# figure) and the table of current figures in docs/benchmarks/README.md. --quick runs each for a few
# seconds (the whole run in some minutes) on small data; without it the runs take their own defaults
# (about an hour, most of it filling the search and evaluation databases the first time).
#
# Needs what deploy/stack.sh infra starts (it is started when PostgreSQL, Kafka or Keycloak does not
# answer) and runs the build once (./mvnw -Pbench package -DskipTests; --no-build uses the jars already
# built). Never part of the test command.
# Settings: GRIDGOV_BENCH_MAVEN_ARGS (extra arguments for every Maven run), GRIDGOV_BENCH_LOCK_DIR (where
# builds sharing the machine keep <module>.lock: each Maven run holds its module's with flock), the stack's
# GRIDGOV_* settings.
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
# shellcheck source=lib/bench.sh
source "$DEPLOY_DIR/lib/bench.sh"

QUICK=no
BUILD=yes
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=yes ;;
    --no-build) BUILD=no ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '/^set -euo/d' -e '/^# shellcheck/d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option: $arg (usage: deploy/bench.sh [--quick] [--no-build])" ;;
  esac
done

read -r -a MAVEN_EXTRA <<<"${GRIDGOV_BENCH_MAVEN_ARGS:-}"

main() {
  bench_prepare
  bench_baselines
  bench_intake
  bench_maven case-service "case search, the month's indicator report" \
    SearchBenchmark,EvaluationBenchmark "${SEARCH_ARGS[@]}" "${EVALUATION_ARGS[@]}"
  bench_loop
  bench_flowable_peer
  bench_maven grid-service "locate and pings" LocateBenchmark,PingBenchmark "${GRID_ARGS[@]}"
  bench_maven dispatch-service "routing latency, the SLA scan, the finish forecast" \
    RoutingBenchmark,SlaBenchmark,ForecastBenchmark "${DISPATCH_ARGS[@]}"
  bench_write_results
}

main
