#!/usr/bin/env bash
# Relay benchmarks (issue 3, "Benchmarks"): envelopes/s between two peers, p50/p99 latency at 5,000/s,
# heap with 10,000 authenticated sessions. Loopback only; each step has a bounded count and a timeout,
# and the relay process exits by itself (--max-seconds) even if this script is killed.
#
#   bench/relay/run.sh                  # build, then RUNS (default 3) rounds of all three; medians at the end
#   RUNS=1 bench/relay/run.sh throughput latency sessions   # choose scenarios
#
# Environment: RUNS, RELAY_JAVA_OPTS (relay JVM), CLIENT_JAVA_OPTS (load generator JVM),
# THROUGHPUT_ARGS, LATENCY_ARGS, SESSIONS_ARGS (extra client arguments), SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

# --- a JDK >= 21 --------------------------------------------------------------------------------
pick_java() {
    for home in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
        [ -n "$home" ] && [ -x "$home/bin/java" ] || continue
        v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}')
        if [ "${v%%.*}" -ge 21 ] 2>/dev/null; then echo "$home"; return 0; fi
    done
    return 1
}
if ! JAVA_HOME=$(pick_java); then
    echo "run.sh: no JDK >= 21 found; set JAVA_HOME (e.g. /usr/lib/jvm/temurin-25-jdk-amd64)" >&2
    exit 1
fi
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java --sun-misc-unsafe-memory-access=allow"

# --- build (offline, test classes included; nothing is installed) --------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "== building zos-grid and its reactor modules (test-compile) with $JAVA_HOME"
    ./mvnw -q -o -pl zos-grid -am test-compile
    ./mvnw -q -o -pl zos-grid dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test >/dev/null
fi
# reactor classes first, so the modules of this worktree win over any installed snapshot jars
CP=zos-grid/target/test-classes:zos-grid/target/classes:zos-core/target/classes:zos-cli-kit/target/classes:zos-testkit/target/classes:$(cat zos-grid/target/bench-cp.txt)

# 10,000 sessions need 10,000+ descriptors in the relay and in the client process
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "== open files limit: $(ulimit -n)"

RUNS=${RUNS:-3}
SCENARIOS=("$@")
[ ${#SCENARIOS[@]} -gt 0 ] || SCENARIOS=(throughput latency sessions)
# The relay gets a fixed 1 GiB heap (the target) and a young generation big enough that a 15 s run
# at 5,000/s sees few collections; see README.md for the measurements behind these options.
RELAY_JAVA_OPTS=${RELAY_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}
CLIENT_JAVA_OPTS=${CLIENT_JAVA_OPTS:--Xms1g -Xmx1g}
OUT=$ROOT/bench/relay/out/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
echo "== machine: $(nproc) cores, $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo), $(free -g | awk '/Mem:/{print $2}') GiB; $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "== relay JVM: $RELAY_JAVA_OPTS; client JVM: $CLIENT_JAVA_OPTS; logs in $OUT"

RELAY_PID=
stop_relay() {
    if [ -n "$RELAY_PID" ]; then
        kill "$RELAY_PID" 2>/dev/null || true
        wait "$RELAY_PID" 2>/dev/null || true
        RELAY_PID=
    fi
}
trap stop_relay EXIT

start_relay() { # $1 = log file
    # rate limit per twin raised to 1,000,000/s (burst 1,000,000) so the limiter never throttles the benchmark
    : >"$1"
    $JAVA $RELAY_JAVA_OPTS -cp "$CP" dev.zos.grid.bench.RelayBenchServer --twins 10000 --rate 1000000 --max-seconds 300 >"$1" 2>&1 &
    RELAY_PID=$!
    for _ in $(seq 600); do
        PORT=$(awk '/^PORT /{print $2}' "$1" 2>/dev/null || true)
        [ -n "$PORT" ] && return 0
        kill -0 "$RELAY_PID" 2>/dev/null || { cat "$1" >&2; return 1; }
        sleep 0.1
    done
    echo "relay did not start" >&2
    return 1
}

client() { # $1 = scenario, rest = arguments
    local mode=$1; shift
    timeout 240 $JAVA $CLIENT_JAVA_OPTS -cp "$CP" dev.zos.grid.bench.RelayBenchClient "$mode" --port "$PORT" "$@"
}

for run in $(seq "$RUNS"); do
    for s in "${SCENARIOS[@]}"; do
        echo "== run $run: $s (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
        start_relay "$OUT/relay-$s-$run.log"
        case $s in
            throughput) client throughput ${THROUGHPUT_ARGS:-} ;;
            latency) client latency ${LATENCY_ARGS:-} ;;
            sessions) client sessions ${SESSIONS_ARGS:-} ;;
            *) echo "unknown scenario $s" >&2; exit 2 ;;
        esac | tee "$OUT/$s-$run.txt"
        stop_relay
    done
done

# --- medians over the runs -----------------------------------------------------------------------
echo "== medians over $RUNS run(s)"
median() { sort -g | awk '{a[NR]=$1} END {if (NR) print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2); else print "n/a"}'; }
for key in throughput_per_s relay_alloc_bytes_per_envelope latency_p50_ms latency_p99_ms heap_used_after_gc_mib; do
    vals=$(cat "$OUT"/*.txt 2>/dev/null | grep -ho "$key=[0-9.]*" | cut -d= -f2 || true)
    [ -n "$vals" ] || continue
    echo "$key: median $(echo "$vals" | median)  (runs: $(echo $vals))"
done | tee "$OUT/summary.txt"
