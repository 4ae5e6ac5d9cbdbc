# shellcheck shell=bash
# The steps of deploy/bench.sh. Source after common.sh, postgres.sh, kafka.sh and keycloak.sh.
# Each step appends its section to $RUN_DIR/sections.md and its headline figures to
# $RUN_DIR/figures (one "key value" a line), from which bench_write_results writes the results
# file and the table of current figures.

BENCH_DOCS="$REPO_ROOT/docs/benchmarks"
BENCH_PEER_DIR="$REPO_ROOT/deploy/bench/flowable-peer"
BENCH_BASELINE_DB=bench_baseline
BENCH_PEER_DB=flowable_peer
# The @QuarkusTest benchmarks run on databases of their own, so they neither see nor leave the tests' rows.
BENCH_GRID_DB=grid_bench_test
BENCH_DISPATCH_DB=dispatch_bench_test
# LoopBenchmark's services (its BenchSystem) run here on databases, ports, topics and consumer groups
# other than its defaults, so that a LoopBenchmark started by hand and this command share none of them.
BENCH_LOOP_DBS=(grid_loop_bench cases_loop_bench dispatch_loop_bench)
BENCH_LOOP_SYSTEM=(-Dbench.name=loop-bench -Dbench.port-base=39080
  "-Dgrid-service.bench-database=${BENCH_LOOP_DBS[0]}" "-Dcase-service.bench-database=${BENCH_LOOP_DBS[1]}"
  "-Ddispatch-service.bench-database=${BENCH_LOOP_DBS[2]}")
BENCH_KAFKA_TOPIC=bench-baseline.v1
CLK_TCK=$(getconf CLK_TCK)

# Run lengths: --quick keeps every benchmark to seconds and its data small.
bench_settings() {
  if [[ "$QUICK" == yes ]]; then
    BASELINE_SECONDS=5
    KAFKA_RECORDS=100000
    # bench.seconds and bench.warmup-seconds are read by several benchmarks of a module.
    GRID_ARGS=(-Dbench.warmup=3 -Dbench.seconds=5 -Dbench.kafka-pings=20000)
    DISPATCH_ARGS=(-Dbench.rate=500 -Dbench.seconds=8 -Dbench.warmup-seconds=3
      -Dbench.sla.cases=20000 -Dbench.sla.spread-seconds=5 -Dbench.forecast.steps=500)
    INTAKE_ARGS=(-Dbench.warmup-seconds=30 -Dbench.seconds=10 -Dbench.open-seconds=5 -Dbench.rate=200)
    SEARCH_DB=cases_search_bench_quick
    SEARCH_ARGS=(-Dbench.search.db=$SEARCH_DB -Dbench.search.cases=50000 -Dbench.search.runs=5)
    EVALUATION_DB=cases_evaluation_bench_quick
    EVALUATION_ARGS=(-Dbench.evaluation.db=$EVALUATION_DB -Dbench.evaluation.cases=50000 -Dbench.evaluation.days=36.5 -Dbench.evaluation.runs=3)
    LOOP_ARGS=(-Dbench.clients=8,32,64 -Dbench.seconds=10 -Dbench.warmup-seconds=20)
    PEER_ARGS=(-Dpeer.clients=8,32,64 -Dpeer.warmup-seconds=10 -Dpeer.seconds=10)
  else
    BASELINE_SECONDS=20
    KAFKA_RECORDS=1000000
    GRID_ARGS=()
    DISPATCH_ARGS=()
    INTAKE_ARGS=()
    SEARCH_DB=cases_search_bench
    SEARCH_ARGS=()
    EVALUATION_DB=cases_evaluation_bench
    EVALUATION_ARGS=(-Dbench.evaluation.cases=1000000 -Dbench.evaluation.days=36.5)
    LOOP_ARGS=(-Dbench.clients=8,32,64)
    PEER_ARGS=(-Dpeer.clients=8,32,64 -Dpeer.warmup-seconds=60 -Dpeer.seconds=20)
  fi
}

figure() {
  printf '%s %s\n' "$1" "$2" >>"$RUN_DIR/figures"
}

figure_of() {
  # A figure may be several words (p50 and p99): everything after its name.
  awk -v k="$1" '$1 == k { v = substr($0, length(k) + 2) } END { print (v == "" ? "n/a" : v) }' "$RUN_DIR/figures"
}

section() {
  printf '%s\n' "$@" >>"$RUN_DIR/sections.md"
}

baseline_row() {
  printf '%s\n' "$@" >>"$RUN_DIR/baselines.md"
}

# A database owned by the system's role, with PostGIS; "fresh" drops it first.
bench_database() {
  local db=$1 fresh=${2:-}
  if [[ "$fresh" == fresh ]]; then
    pg_super postgres -c "drop database if exists $db with (force)"
  fi
  if [[ -z "$(pg_super postgres -Atc "select 1 from pg_database where datname = '$db'")" ]]; then
    pg_super postgres -c "create database $db owner $GRIDGOV_DB_USER"
  fi
  pg_super "$db" -c 'set client_min_messages = warning' -c 'create extension if not exists postgis'
}

bench_psql() {
  local db=$1
  shift
  PGPASSWORD="$GRIDGOV_DB_PASSWORD" psql -X -q -t -A -w -h "$PG_HOST" -p "$PG_PORT" -U "$GRIDGOV_DB_USER" -d "$db" "$@"
}

bench_prepare() {
  bench_settings
  if ! port_open "$PG_HOST" "$PG_PORT" || ! port_open "$KAFKA_HOST" "$GRIDGOV_KAFKA_PORT" \
      || ! port_open "$KEYCLOAK_HOST" "$GRIDGOV_KEYCLOAK_PORT"; then
    "$DEPLOY_DIR/stack.sh" infra
  fi
  command -v pgbench >/dev/null || die "pgbench not found: it comes with PostgreSQL's server package (apt-get install -y postgresql-$PG_VERSION)"
  kafka_resolve_jars
  BENCH_DATE=$(date -u +%Y-%m-%d)
  BENCH_STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
  BENCH_COMMIT=$(git -C "$REPO_ROOT" rev-parse --short HEAD)
  if [[ -n "$(git -C "$REPO_ROOT" status --porcelain --untracked-files=no)" ]]; then
    BENCH_COMMIT="$BENCH_COMMIT-modified"
  fi
  RUN_DIR="$STATE_DIR/bench/$(date -u +%Y%m%dT%H%M%S)"
  mkdir -p "$RUN_DIR" "$BENCH_DOCS"
  : >"$RUN_DIR/figures"
  : >"$RUN_DIR/sections.md"
  : >"$RUN_DIR/baselines.md"
  : >"$RUN_DIR/cpu.md"
  BENCH_LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
  log "benchmark run ($([[ "$QUICK" == yes ]] && echo quick || echo full)), commit $BENCH_COMMIT; raw output in $RUN_DIR"

  local db
  # Kept between runs: the filled search and evaluation databases, and the loop's (its services migrate them).
  for db in "$BENCH_BASELINE_DB" "$SEARCH_DB" "$EVALUATION_DB" "${BENCH_LOOP_DBS[@]}"; do
    bench_database "$db"
  done
  # Made anew: every run starts from the same empty tables, whatever an interrupted run left.
  for db in "$BENCH_GRID_DB" "$BENCH_DISPATCH_DB" "$BENCH_PEER_DB"; do
    bench_database "$db" fresh
  done

  if [[ "$BUILD" == no ]]; then
    log "skipping the build (--no-build)"
    return
  fi
  log "building the services and the Flowable peer: ./mvnw -B -q -Pbench package -DskipTests"
  (cd "$REPO_ROOT" && ./mvnw -B -q -Pbench package -DskipTests "${MAVEN_EXTRA[@]}") >"$RUN_DIR/build.log" 2>&1 \
    || { tail -40 "$RUN_DIR/build.log" >&2; die "the build failed (above; whole log $RUN_DIR/build.log)"; }
}

# ---------------------------------------------------------------------------------------------
# CPU while a step runs: every second, the ticks of the step's own processes (the command and its
# descendants: Maven, the benchmark's JVM, the services it starts), of any extra pids given (a
# running system's services), of PostgreSQL (the whole server: its backends, and through the
# postmaster's cutime those that ended) and of Kafka, and the machine's totals from /proc/stat.

cpu_sample() {
  local root=$1 extra=$2 d stat rest cmd kind f
  local -a fields
  read -r -a f </proc/stat
  printf 'machine %s %s\n' "$(( f[1] + f[2] + f[3] + f[4] + f[5] + f[6] + f[7] + f[8] ))" "$(( f[4] + f[5] ))"
  for d in /proc/[0-9]*; do
    read -r stat 2>/dev/null <"$d/stat" || continue
    rest=${stat##*) }
    read -r -a fields <<<"$rest"
    case "${stat#*(}" in
      postgres\)*)
        kind=postgres ;;
      java\)*)
        cmd=$(tr '\0' ' ' <"$d/cmdline" 2>/dev/null) || continue
        case "$cmd" in
          *kafka.Kafka*) kind=kafka ;;
          *quarkus-run.jar*) kind=$(sed -E 's|.*/([a-z-]+)/target/quarkus-app/quarkus-run.jar.*|\1|' <<<"$cmd") ;;
          *surefire*) kind="benchmark JVM" ;;
          *FlowablePeer*) kind="Flowable peer" ;;
          *ProducerPerformance*) kind="Kafka producer tool" ;;
          *plexus-classworlds*) kind=Maven ;;
          *) kind=java ;;
        esac ;;
      pgbench\)*)
        kind=pgbench ;;
      *) continue ;;
    esac
    printf 'proc %s %s %s %s %s |%s\n' "${d#/proc/}" "${fields[1]}" "$(( fields[11] + fields[12] ))" \
      "$(( fields[13] + fields[14] ))" "$root" "$kind"
  done
  printf 'extra %s\n' "$extra"
}

# Runs a command while sampling; prints nothing itself. Usage: cpu_watch LABEL "EXTRA PIDS" CMD...
cpu_watch() {
  local label=$1 extra=$2 samples="$RUN_DIR/cpu-$(tr ' /' '__' <<<"$1").samples" pid sampler rc=0 start
  shift 2
  start=$(date +%s.%N)
  "$@" &
  pid=$!
  # Processes end between reading their files: a failed read skips one, it never ends the sampling.
  ( set +e
    while kill -0 "$pid" 2>/dev/null; do
      printf 'sample %s\n' "$(date +%s.%N)"
      cpu_sample "$pid" "$extra"
      sleep 1
    done ) >"$samples" &
  sampler=$!
  wait "$pid" || rc=$?
  wait "$sampler" 2>/dev/null || true
  cpu_split "$label" "$samples" "$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }')"
  return "$rc"
}

# One table row: CPU seconds of the step's processes by kind, PostgreSQL, Kafka, the rest of the
# machine (other people's work on a shared machine) and idle, from the first and last samples.
cpu_split() {
  local label=$1 samples=$2 wall=$3
  awk -v label="$label" -v wall="$wall" -v hz="$CLK_TCK" -v ncpu="$(nproc)" '
    $1 == "sample" { n++; next }
    $1 == "machine" { if (!m0) { m0 = $2; i0 = $3 } m1 = $2; i1 = $3; next }
    $1 == "extra" { split($0, e, " "); for (k = 2; k in e; k++) extra[e[k]] = 1; next }
    $1 == "proc" {
      pid = $2; ppid[pid] = $3; split($0, parts, "|"); kind[pid] = parts[2]
      ticks = $4; children = $5; root = $6
      if (!(pid in first)) first[pid] = (n == 1) ? ticks + (kind[pid] == "postgres" ? children : 0) : 0
      last[pid] = ticks + (kind[pid] == "postgres" ? children : 0)
    }
    function ours(p,   guard) {
      if (p in extra) return 1
      for (guard = 0; guard < 50 && p != "" && p != 0 && p != 1; guard++) { if (p == root) return 1; p = ppid[p] }
      return 0
    }
    END {
      for (p in last) {
        used = (last[p] - first[p]) / hz
        if (used < 0) used = 0
        if (kind[p] == "postgres") pg += used
        else if (kind[p] == "kafka") kafka += used
        else if (ours(p)) { own[kind[p]] += used; mine += used }
      }
      total = (m1 - m0) / hz; idle = (i1 - i0) / hz
      rest = total - idle - mine - pg - kafka; if (rest < 0) rest = 0
      list = ""
      for (k in own) if (own[k] >= 0.05) list = list sprintf("%s%s %.1f", list == "" ? "" : ", ", k, own[k])
      printf "| %s | %d s | %s | %.1f | %.1f | %.1f | %.1f of %.0f |\n", label, wall, list == "" ? "–" : list, pg, kafka, rest, idle, total
    }' "$samples" >>"$RUN_DIR/cpu.md"
}

# ---------------------------------------------------------------------------------------------
# Baselines

bench_baselines() {
  local script="$RUN_DIR/single-row-commit.sql" out clients
  log "baseline: pgbench single-row commits (${BASELINE_SECONDS}s each, 1 and 32 clients)"
  bench_psql "$BENCH_BASELINE_DB" -c 'create table if not exists single_row_commit (id bigserial primary key, at timestamptz not null default now(), payload text not null)' \
    -c 'truncate single_row_commit'
  printf "insert into single_row_commit (payload) values ('a report of a few words');\n" >"$script"
  for clients in 1 32; do
    out=$(cpu_watch "pgbench commits, $clients clients" "" \
      env PGPASSWORD="$GRIDGOV_DB_PASSWORD" pgbench -n -h "$PG_HOST" -p "$PG_PORT" -U "$GRIDGOV_DB_USER" \
        -f "$script" -c "$clients" -j "$(( clients > 1 ? 2 : 1 ))" -T "$BASELINE_SECONDS" "$BENCH_BASELINE_DB" 2>&1)
    printf '%s\n' "$out" >"$RUN_DIR/pgbench-commits-$clients.log"
    figure "pgbench_commits_$clients" "$(pgbench_tps <<<"$out")"
    baseline_row "| PostgreSQL single-row commits, $clients client(s) (pgbench) | $(pgbench_tps <<<"$out") /s | average $(pgbench_latency <<<"$out") ms |"
  done
  bench_psql "$BENCH_BASELINE_DB" -c 'truncate single_row_commit'

  log "baseline: Kafka producer performance, acks=all"
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists \
    --topic "$BENCH_KAFKA_TOPIC" --partitions "$KAFKA_TOPIC_PARTITIONS" --replication-factor 1 >/dev/null
  out=$(cpu_watch "Kafka producer, as fast as it goes" "" kafka_tool org.apache.kafka.tools.ProducerPerformance \
    --topic "$BENCH_KAFKA_TOPIC" --num-records "$KAFKA_RECORDS" --record-size 1024 --throughput -1 \
    --command-property bootstrap.servers="$KAFKA_BOOTSTRAP" acks=all 2>&1 | grep 'records sent' | tail -1 || true)
  figure kafka_records_per_s "$(sed -nE 's/.* ([0-9]+)\.?[0-9]* records\/sec.*/\1/p' <<<"$out")"
  baseline_row "| Kafka producer, 1 kB records, acks=all, as fast as it goes (kafka-producer-perf-test) | $(sed -nE 's/.* ([0-9]+)\.?[0-9]* records\/sec \(([0-9.]+) MB\/sec\).*/\1 \/s (\2 MB\/s)/p' <<<"$out") | $(kafka_latencies <<<"$out") |"
  out=$(cpu_watch "Kafka producer at 1,000/s" "" kafka_tool org.apache.kafka.tools.ProducerPerformance \
    --topic "$BENCH_KAFKA_TOPIC" --num-records "$(( BASELINE_SECONDS * 1000 ))" --record-size 1024 --throughput 1000 \
    --command-property bootstrap.servers="$KAFKA_BOOTSTRAP" acks=all 2>&1 | grep 'records sent' | tail -1 || true)
  figure kafka_p99_ms_at_1000 "$(sed -nE 's/.* ([0-9]+) ms 99th.*/\1/p' <<<"$out")"
  baseline_row "| Kafka producer, 1 kB records, acks=all, at 1,000 /s | $(sed -nE 's/.* ([0-9]+)\.?[0-9]* records\/sec.*/\1/p' <<<"$out") /s | $(kafka_latencies <<<"$out") |"
}

pgbench_tps() {
  sed -nE 's/^tps = ([0-9]+)\..*/\1/p' | head -1
}

pgbench_latency() {
  sed -nE 's/^latency average = ([0-9.]+) ms.*/\1/p' | head -1
}

kafka_latencies() {
  sed -nE 's/.* ([0-9.]+) ms avg latency.* ([0-9]+) ms 50th, ([0-9]+) ms 95th, ([0-9]+) ms 99th.*/average \1 ms, p50 \2 ms, p99 \4 ms/p'
}

# Raw point-in-polygon over the demo town's grids (loaded into the grid benchmarks' database by
# grid-service's test profile), at random points of the town: the SQL of a locate without the service.
bench_postgis_baseline() {
  local extent script="$RUN_DIR/point-in-polygon.sql" out clients
  extent=$(bench_psql "$BENCH_GRID_DB" -F ' ' -c "select st_xmin(e), st_xmax(e), st_ymin(e), st_ymax(e) from (select st_extent(geom) e from grid_area where level = 'GRID' and kind = 'COMPREHENSIVE') x")
  [[ -n "${extent// /}" ]] || { baseline_row "| PostGIS point-in-polygon | no grids in $BENCH_GRID_DB | |"; return; }
  read -r xmin xmax ymin ymax <<<"$extent"
  cat >"$script" <<SQL
\\set lon $xmin + random(0, 1000000) * ($xmax - $xmin) / 1000000.0
\\set lat $ymin + random(0, 1000000) * ($ymax - $ymin) / 1000000.0
select code from grid_area where level = 'GRID' and kind = 'COMPREHENSIVE'
  and st_covers(geom, st_setsrid(st_makepoint(:lon, :lat), 4326)) limit 1;
SQL
  log "baseline: PostGIS point-in-polygon over $(bench_psql "$BENCH_GRID_DB" -c "select count(*) from grid_area where level = 'GRID'") grids"
  for clients in 1 16; do
    out=$(cpu_watch "PostGIS point-in-polygon, $clients clients" "" \
      env PGPASSWORD="$GRIDGOV_DB_PASSWORD" pgbench -n -h "$PG_HOST" -p "$PG_PORT" -U "$GRIDGOV_DB_USER" \
        -f "$script" -c "$clients" -j "$(( clients > 1 ? 2 : 1 ))" -T "$BASELINE_SECONDS" "$BENCH_GRID_DB" 2>&1)
    printf '%s\n' "$out" >"$RUN_DIR/pgbench-postgis-$clients.log"
    figure "postgis_lookups_$clients" "$(pgbench_tps <<<"$out")"
    baseline_row "| PostGIS point-in-polygon over the demo town's grids, $clients client(s) (pgbench) | $(pgbench_tps <<<"$out") /s | average $(pgbench_latency <<<"$out") ms |"
  done
}

# ---------------------------------------------------------------------------------------------
# The project's benchmarks

# The benchmark's own lines from Maven's output: without Maven's, Quarkus's and Surefire's log lines.
figures_only() {
  grep -vE '^\[(INFO|WARNING|WARN|ERROR|DEBUG)\]|^([0-9]{4}-[0-9]{2}-[0-9]{2}[ T])?[0-9]{2}:[0-9]{2}:[0-9]{2}[.,][0-9]+ |^(INFO|WARN|WARNING|ERROR|DEBUG)[: ]|^__  |^ --/ __|^ -/ /_/|^--\\___|^SLF4J|^Running cn\.|^Tests run:|^OpenJDK|^WARNING: |^- (file|jar):|^\s*at |^\s*$' || true
}

# Usage: bench_maven MODULE LABEL CLASS[,CLASS...] [MAVEN -D ARGS...]; the classes of one module run
# in one Maven run, so the service starts once for them.
bench_maven() {
  local module=$1 label=$2 class=$3 log="$RUN_DIR/${3//,/-}.log" rc=0 db_args=()
  shift 3
  case "$module" in
    grid-service) db_args=("-D%test.quarkus.datasource.jdbc.url=jdbc:postgresql://$PG_HOST:$PG_PORT/$BENCH_GRID_DB"
                           "-D%test.quarkus.datasource.reactive.url=postgresql://$PG_HOST:$PG_PORT/$BENCH_GRID_DB") ;;
    dispatch-service) db_args=("-D%test.quarkus.datasource.jdbc.url=jdbc:postgresql://$PG_HOST:$PG_PORT/$BENCH_DISPATCH_DB"
                               "-D%test.quarkus.datasource.reactive.url=postgresql://$PG_HOST:$PG_PORT/$BENCH_DISPATCH_DB") ;;
  esac
  log "$module: $class ($label)"
  local lock=()
  # grid-service's and dispatch-service's benchmarks are @QuarkusTests that read the tests' topics with the
  # tests' consumer groups: on a machine where builds share the broker, GRIDGOV_BENCH_LOCK_DIR names the
  # directory of the modules' locks, and they hold theirs. case-service's run on topics of their own.
  if [[ -n "${GRIDGOV_BENCH_LOCK_DIR:-}" && "$module" != case-service ]]; then
    lock=(flock "$GRIDGOV_BENCH_LOCK_DIR/$module.lock")
  fi
  cpu_watch "${class//,/, }" "${BENCH_WATCH_EXTRA:-}" "${lock[@]}" \
    bash -c 'cd "$1" && shift && exec ./mvnw -B -o -Pbench -am -pl "$@"' _ "$REPO_ROOT" "$module" test \
      "-Dtest=$class" -Dsurefire.failIfNoSpecifiedTests=false "${db_args[@]}" "$@" "${MAVEN_EXTRA[@]}" \
      >"$log" 2>&1 || rc=$?
  section "## $label: $module \`${class//,/\`, \`}\`" "" "\`-Pbench -Dtest=$class $*\`$( ((rc == 0)) || echo " — **failed (exit $rc)**, see the last lines")" "" '```'
  if (( rc == 0 )); then
    figures_only <"$log" | sed -e 's/[[:space:]]*$//' | cat -s >>"$RUN_DIR/sections.md"
  else
    grep -E 'ERROR|FAIL|Exception' "$log" | head -15 >>"$RUN_DIR/sections.md"
  fi
  section '```' ""
  local one
  for one in ${class//,/ }; do
    bench_headlines "$one" "$log"
  done
  if [[ "$class" == *LocateBenchmark* ]]; then
    bench_postgis_baseline
  fi
  return 0
}

# The few figures of each benchmark that go into the table of current figures.
bench_headlines() {
  local class=$1 log=$2
  case "$class" in
    LocateBenchmark)
      figure locate_raw "$(grep -m1 -A2 'locate on the' "$log" | sed -nE 's/.*baseline .* ([0-9,.]+) \/s .*/\1/p' | head -1)"
      figure locate_http "$(grep -m1 -A2 'locate on the' "$log" | sed -nE 's/.*measured .* ([0-9,.]+) \/s .*/\1/p' | head -1)" ;;
    RoutingBenchmark)
      figure routing "$(grep 'case.accepted -> dispatch.routed .*p50=' "$log" | head -1 | sed -nE 's/.*p50= *([0-9.]+).*p99= *([0-9.]+).*/p50 \1 ms, p99 \2 ms/p')"
      figure routing_baseline "$(grep 'baseline: Kafka produce->consume .*p50=' "$log" | head -1 | sed -nE 's/.*p50= *([0-9.]+).*p99= *([0-9.]+).*/p50 \1 ms, p99 \2 ms/p')"
      figure routing_p99 "$(grep -m1 '^target p99 < 50 ms' "$log" | sed -nE 's/.*\(p99 ([0-9.]+) ms.*/\1/p')" ;;
    SlaBenchmark)
      figure sla "$(grep -m1 '^fired ' "$log" | sed -E 's/.*; lag \(fired_at - due\) //; s/;.*//')"
      figure sla_met "$(grep -m1 '^target every due timer fired within 1 s' "$log" | sed -E 's/.*: //')" ;;
    IntakeBenchmark)
      figure intake "$(grep -m1 'reports accepted (201)' "$log" | sed -E 's/.*: *([0-9.]+) \/s.*/\1/')"
      figure intake_p99 "$(grep -m1 'latency p50 / p99 / max' "$log" | sed -E 's/.*: *[0-9.]+ \/ *([0-9.]+) \/.*/\1/')"
      figure intake_raw "$(grep -m1 'raw PostgreSQL single-row commits' "$log" | sed -E 's/.*: *([0-9.]+) \/s.*/\1/')" ;;
    EvaluationBenchmark)
      figure evaluation "$(grep -m1 'read model (roll-ups)' "$log" | sed -E 's/.*median +([0-9.]+) ms.*/\1/')"
      figure evaluation_scan "$(grep -m1 'plain SQL scan of cases' "$log" | sed -E 's/.*median +([0-9.]+) ms.*/\1/')" ;;
    PingBenchmark)
      figure pings "$(grep -m1 -A2 'location pings of' "$log" | sed -nE 's/.*measured .* ([0-9,.]+) \/s .*/\1/p' | head -1)"
      figure pings_raw "$(grep -m1 -A2 'location pings of' "$log" | sed -nE 's/.*baseline .* ([0-9,.]+) \/s .*/\1/p' | head -1)" ;;
  esac
}

# The intake runs against the system: the running one, or one started here and stopped afterwards.
bench_intake() {
  local started=no name pids=""
  if ! curl -fsS -o /dev/null --max-time 3 "http://127.0.0.1:8082/q/health/ready" 2>/dev/null; then
    log "starting the system for the intake benchmark (deploy/stack.sh start --no-build)"
    started=yes
    if ! GRIDGOV_SERVICE_READY_TIMEOUT="${GRIDGOV_SERVICE_READY_TIMEOUT:-600}" \
        "$DEPLOY_DIR/stack.sh" start --no-build >"$RUN_DIR/system.log" 2>&1; then
      warn "the system did not start (log $RUN_DIR/system.log): no intake figures in this run"
      section "## intake" "" "Not measured: the system did not start (\`$RUN_DIR/system.log\`)." ""
      bench_stop_services
      return
    fi
  fi
  for name in grid-service case-service dispatch-service; do
    pids+=" $(running_pid "$name" || true)"
  done
  BENCH_WATCH_EXTRA=$pids bench_maven case-service "intake" IntakeBenchmark "${INTAKE_ARGS[@]}"
  if [[ "$started" == yes ]]; then
    bench_stop_services
  fi
}

bench_stop_services() {
  local name
  for name in dispatch-service case-service grid-service; do
    stop_bg "$name"
  done
}

# LoopBenchmark starts its own services (*_bench databases); PostgreSQL's counters of those
# databases before and after give the commits, rows and bytes per case beside the peer's.
bench_loop() {
  if [[ ! -f "$REPO_ROOT/case-service/src/test/java/cn/gridgov/cases/bench/LoopBenchmark.java" ]]; then
    section "## The full loop" "" "LoopBenchmark is not in this checkout." ""
    return
  fi
  local before after
  before=$(loop_counters)
  bench_maven case-service "the full loop" LoopBenchmark "${LOOP_ARGS[@]}" "${BENCH_LOOP_SYSTEM[@]}"
  after=$(loop_counters)
  read -r c0 r0 b0 n0 s0 <<<"$before"
  read -r c1 r1 b1 n1 s1 <<<"$after"
  local cases=$(( n1 - n0 ))
  if (( cases > 0 )); then
    figure loop_cases "$cases"
    figure loop_commits_per_case "$(awk -v d=$(( c1 - c0 )) -v n=$cases 'BEGIN { printf "%.1f", d / n }')"
    figure loop_rows_per_case "$(awk -v d=$(( r1 - r0 )) -v n=$cases 'BEGIN { printf "%.0f", d / n }')"
    figure loop_bytes_per_case "$(awk -v d=$(( b1 - b0 )) -v n=$cases 'BEGIN { printf "%.0f", d / n }')"
    if [[ "$s0" != n/a && "$s1" != n/a ]]; then
      figure loop_statements_per_case "$(awk -v d=$(( s1 - s0 )) -v n=$cases 'BEGIN { printf "%.0f", d / n }')"
    fi
  fi
  figure loop_cases_per_s "$(grep -E '^cases through all eight steps' "$RUN_DIR/LoopBenchmark.log" | sed -E 's/.*: *([0-9.]+) \/s.*/\1/' | paste -sd/ -)"
}

# commits, rows written, bytes, cases, statements (when pg_stat_statements is loaded) of the loop's databases.
loop_counters() {
  local dbs statements=n/a
  dbs=$(printf "'%s'," "${BENCH_LOOP_DBS[@]}")
  dbs=${dbs%,}
  if [[ -n "$(pg_super postgres -Atc "select 1 from pg_extension where extname = 'pg_stat_statements'" 2>/dev/null)" ]]; then
    statements=$(pg_super postgres -Atc "select coalesce(sum(calls), 0) from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname in ($dbs)")
  fi
  printf '%s %s %s %s\n' \
    "$(bench_psql postgres -F ' ' -c "select sum(xact_commit), sum(tup_inserted + tup_updated + tup_deleted), sum(pg_database_size(datname)) from pg_stat_database where datname in ($dbs)")" \
    "$(bench_psql "${BENCH_LOOP_DBS[1]}" -c 'select count(*) from cases' 2>/dev/null || echo 0)" \
    "$statements"
}

bench_flowable_peer() {
  local log="$RUN_DIR/flowable-peer.log" rc=0
  log "the Flowable peer (${PEER_ARGS[*]})"
  cpu_watch "Flowable peer" "" java -Xmx1g "-Dpeer.jdbc=jdbc:postgresql://$PG_HOST:$PG_PORT/$BENCH_PEER_DB" \
    "-Dpeer.user=$GRIDGOV_DB_USER" "-Dpeer.password=$GRIDGOV_DB_PASSWORD" "${PEER_ARGS[@]}" \
    -cp "$BENCH_PEER_DIR/target/classes:$BENCH_PEER_DIR/target/lib/*" cn.gridgov.bench.flowable.FlowablePeer \
    >"$log" 2>&1 || rc=$?
  section "## The peer: the same loop on Flowable (\`deploy/bench/flowable-peer\`)" "" '```'
  grep -E '^(Flowable|PEER)' "$log" >>"$RUN_DIR/sections.md" || tail -20 "$log" >>"$RUN_DIR/sections.md"
  section '```' ""
  local line
  while read -r line; do
    local clients
    clients=$(sed -nE 's/.*clients=([0-9]+).*/\1/p' <<<"$line")
    for key in cases_per_s statements_per_case commits_per_case rows_written_per_case history_bytes_per_case; do
      figure "peer_${key}_$clients" "$(sed -nE "s/.* $key=([0-9.]+).*/\1/p" <<<"$line")"
    done
  done < <(grep '^PEER ' "$log" || true)
  (( rc == 0 )) || section "The peer failed (exit $rc): see $log." ""
}

# ---------------------------------------------------------------------------------------------
# The results file and the table of current figures

# a / b to one decimal, or n/a when either is not a number.
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { gsub(",", "", a); gsub(",", "", b)
    if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b + 0 > 0) printf "%.2f", a / b; else printf "n/a" }'
}

bench_write_results() {
  local file="$BENCH_DOCS/$BENCH_DATE-$BENCH_COMMIT.md" name cpu_model ram loop=() i clients ours theirs
  name=$(basename "$file")
  cpu_model=$(sed -nE 's/^model name\s*: //p' /proc/cpuinfo | head -1)
  ram=$(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)
  loop=()
  [[ "$(figure_of loop_cases_per_s)" == n/a ]] || IFS=/ read -r -a loop <<<"$(figure_of loop_cases_per_s)"
  {
    printf '# Benchmarks of %s, commit %s\n\n' "$BENCH_STARTED" "$BENCH_COMMIT"
    printf -- '- command: `deploy/bench.sh%s` (%s)\n' "$([[ "$QUICK" == yes ]] && echo ' --quick')" \
      "$([[ "$QUICK" == yes ]] && echo 'quick: seconds per benchmark, small data' || echo 'full')"
    printf -- '- machine: %s cores (%s), %s RAM, %s; Java %s; PostgreSQL %s; Kafka %s\n' "$(nproc)" "$cpu_model" "$ram" \
      "$(uname -sr)" "$(java -version 2>&1 | sed -nE '1s/.*"([^"]+)".*/\1/p')" \
      "$(bench_psql postgres -c 'show server_version' | cut -d' ' -f1)" "$KAFKA_VERSION"
    printf -- '- load average (1, 5, 15 min): %s at the start, %s at the end; everything (services, PostgreSQL, Kafka, load generators) on this one machine\n' \
      "$BENCH_LOAD_START" "$(cut -d' ' -f1-3 /proc/loadavg)"
    printf -- '- raw output of every step: %s (not kept in git)\n\n' "${RUN_DIR#"$REPO_ROOT/"}"
    printf '## The full loop beside the Flowable peer\n\n'
    printf 'Cases through all eight steps per second, in a closed loop (ours over HTTP, the peer through its Java API):\n\n'
    printf '| clients | ours (LoopBenchmark) | Flowable 8.0.0 | ours / theirs (goal ≥ 5) |\n|---|---|---|---|\n'
    i=0
    for clients in 8 32 64; do
      ours=${loop[i]:-n/a}
      theirs=$(figure_of "peer_cases_per_s_$clients")
      printf '| %s | %s | %s | %s |\n' "$clients" "$ours" "$theirs" "$(ratio "$ours" "$theirs")"
      i=$(( i + 1 ))
    done
    printf '\nPer case (ours: the differences of PostgreSQL'"'"'s counters of %s over the whole LoopBenchmark run, warm-up included, divided by the cases it made; the peer: over its measured seconds at 32 clients):\n\n' "${BENCH_LOOP_DBS[*]}"
    printf '| per case | ours | Flowable |\n|---|---|---|\n'
    printf '| SQL statements | %s | %s |\n' "$(figure_of loop_statements_per_case)" "$(figure_of peer_statements_per_case_32)"
    printf '| commits | %s | %s |\n' "$(figure_of loop_commits_per_case)" "$(figure_of peer_commits_per_case_32)"
    printf '| rows written (inserted + updated + deleted) | %s | %s |\n' "$(figure_of loop_rows_per_case)" "$(figure_of peer_rows_written_per_case_32)"
    printf '| bytes of lasting data (ours: growth of the databases; Flowable: its ACT_HI_* tables) | %s | %s |\n\n' "$(figure_of loop_bytes_per_case)" "$(figure_of peer_history_bytes_per_case_32)"
    printf 'Statements: the peer'"'"'s are counted at its JDBC boundary; ours need pg_stat_statements, which the server must preload (n/a when it does not).\n\n'
    bench_targets
    printf '## Baselines, measured in this run\n\n| baseline | rate | latency |\n|---|---|---|\n'
    cat "$RUN_DIR/baselines.md"
    printf '\n## Where the CPU went, step by step (CPU seconds)\n\n'
    printf 'The step'"'"'s own processes (its Maven, its JVM, the services it ran), the whole PostgreSQL server and Kafka, the rest of the machine (other work on it) and idle, out of the cores × the wall time. Per case or per report: the benchmarks'"'"' own "CPU per" lines below.\n\n'
    printf '| step | wall | its processes | PostgreSQL | Kafka | rest of the machine | idle |\n|---|---|---|---|---|---|---|\n'
    cat "$RUN_DIR/cpu.md"
    printf '\n'
    cat "$RUN_DIR/sections.md"
  } >"$file"
  bench_update_table "$name"
  log "results: $file; table of current figures: $BENCH_DOCS/README.md"
}

# Each target of the issues against this run's figure, and by how much a missed one is missed.
bench_targets() {
  local best="" value ratio_best="" clients i=0 theirs loop=()
  [[ "$(figure_of loop_cases_per_s)" == n/a ]] || IFS=/ read -r -a loop <<<"$(figure_of loop_cases_per_s)"
  for clients in 8 32 64; do
    value=${loop[i]:-}
    theirs=$(figure_of "peer_cases_per_s_$clients")
    if [[ "$value" =~ ^[0-9.]+$ ]]; then
      best=$(awk -v a="${best:-0}" -v b="$value" 'BEGIN { print (b > a ? b : a) }')
      if [[ "$(ratio "$value" "$theirs")" != n/a ]]; then
        ratio_best=$(awk -v a="${ratio_best:-0}" -v r="$(ratio "$value" "$theirs")" 'BEGIN { print (r > a ? r : a) }')
      fi
    fi
    i=$(( i + 1 ))
  done
  printf '## Targets\n\n| target | this run | |\n|---|---|---|\n'
  target_row "full loop ≥ 200 cases/s (best of 8, 32, 64 clients)" "$best" 200 "cases/s"
  target_row "ours ≥ 5 × Flowable (best of 8, 32, 64 clients)" "$ratio_best" 5 "×"
  target_row "intake ≥ 1,000 reports/s" "$(figure_of intake)" 1000 "reports/s"
  target_row "intake p99 < 100 ms" "$(figure_of intake_p99)" 100 "ms" below
  target_row "locate over HTTP ≥ 5,000 /s" "$(figure_of locate_http)" 5000 "/s"
  target_row "routing p99 < 50 ms at 500 /s" "$(figure_of routing_p99)" 50 "ms" below
  printf '| every due SLA timer fired within 1 s | %s | |\n' "$(figure_of sla_met)"
  printf '\nThe full loop'"'"'s per-command p99 (< 100 ms) and acceptance → routed visible p99 (< 200 ms): its latency table below.\n\n'
}

# Usage: target_row TEXT VALUE TARGET UNIT [below]; "below" when the target is an upper bound.
target_row() {
  local text=$1 value=${2//,/} target=$3 unit=$4 bound=${5:-above}
  awk -v t="$text" -v v="$value" -v g="$target" -v u="$unit" -v b="$bound" 'BEGIN {
    if (v !~ /^[0-9.]+$/) { printf "| %s | not measured | |\n", t; exit }
    met = (b == "below") ? (v + 0 < g + 0) : (v + 0 >= g + 0)
    if (met) printf "| %s | %s %s | met |\n", t, v, u
    else if (b == "below") printf "| %s | %s %s | **missed** by %.0f %s (%.1f × the bound) |\n", t, v, u, v - g, u, v / g
    else printf "| %s | %s %s | **missed** by %.1f %s (%.0f %% of the target) |\n", t, v, u, g - v, u, 100 * v / g
  }'
}

# Replaces the table between the markers of docs/benchmarks/README.md with this run's figures.
bench_update_table() {
  local name=$1 readme="$BENCH_DOCS/README.md" table="$RUN_DIR/table.md" loop
  loop=$(figure_of loop_cases_per_s)
  {
    printf '<!-- current figures: written by deploy/bench.sh -->\n'
    printf 'From [%s](%s) (%s, load average %s at the start).\n\n' "$name" "$name" "$BENCH_STARTED" "$BENCH_LOAD_START"
    printf '| what | ours | baseline, same run | ours / baseline |\n|---|---|---|---|\n'
    printf '| intake, reports/s (32 clients) | %s | PostgreSQL single-row commits, 32 clients: %s /s | %s |\n' \
      "$(figure_of intake)" "$(figure_of pgbench_commits_32)" "$(ratio "$(figure_of intake)" "$(figure_of pgbench_commits_32)")"
    printf '| intake p99, ms | %s | | |\n' "$(figure_of intake_p99)"
    printf '| locate over HTTP, lookups/s | %s | its raw PostGIS query, same grids: %s /s | %s |\n' \
      "$(figure_of locate_http)" "$(figure_of locate_raw)" "$(ratio "$(figure_of locate_http)" "$(figure_of locate_raw)")"
    printf '| pings over HTTP, /s | %s | the single-ping SQL: %s /s | %s |\n' \
      "$(figure_of pings)" "$(figure_of pings_raw)" "$(ratio "$(figure_of pings)" "$(figure_of pings_raw)")"
    printf '| routing, `case.accepted` → `dispatch.routed` | %s | Kafka produce → consume: %s | |\n' "$(figure_of routing)" "$(figure_of routing_baseline)"
    printf '| SLA scan, fired_at − due | %s | | |\n' "$(figure_of sla)"
    printf '| the month'"'"'s indicator report, median ms | %s | plain SQL scan of the cases: %s ms | %s |\n' \
      "$(figure_of evaluation)" "$(figure_of evaluation_scan)" "$(ratio "$(figure_of evaluation_scan)" "$(figure_of evaluation)")"
    printf '| full loop, cases/s at 8 / 32 / 64 clients (target ≥ 200) | %s | Flowable 8.0.0: %s / %s / %s | %s |\n' "$loop" \
      "$(figure_of peer_cases_per_s_8)" "$(figure_of peer_cases_per_s_32)" "$(figure_of peer_cases_per_s_64)" \
      "$(ratio "${loop%%/*}" "$(figure_of peer_cases_per_s_8)") at 8 clients (goal ≥ 5)"
    printf '| full loop per case: commits / rows written / bytes | %s / %s / %s | Flowable: %s / %s / %s | |\n' \
      "$(figure_of loop_commits_per_case)" "$(figure_of loop_rows_per_case)" "$(figure_of loop_bytes_per_case)" \
      "$(figure_of peer_commits_per_case_32)" "$(figure_of peer_rows_written_per_case_32)" "$(figure_of peer_history_bytes_per_case_32)"
    printf '| Kafka producer alone, acks=all | | %s records/s; p99 %s ms at 1,000 /s | |\n' "$(figure_of kafka_records_per_s)" "$(figure_of kafka_p99_ms_at_1000)"
    printf '| PostGIS point-in-polygon alone (demo town) | | %s /s with 1 client, %s /s with 16 | |\n' "$(figure_of postgis_lookups_1)" "$(figure_of postgis_lookups_16)"
    printf '<!-- end of current figures -->\n'
  } >"$table"
  if [[ -f "$readme" ]] && grep -q '^<!-- current figures' "$readme"; then
    awk -v table="$table" '
      /^<!-- current figures/ { while ((getline line < table) > 0) print line; skip = 1; next }
      /^<!-- end of current figures/ { skip = 0; next }
      !skip { print }' "$readme" >"$readme.tmp" && mv "$readme.tmp" "$readme"
  else
    cat "$table" >>"$readme"
  fi
}
