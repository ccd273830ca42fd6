#!/usr/bin/env bash
# Registry benchmarks (issue 3): POST /tx throughput with 64 clients, /nodes filtered-query latency with
# 10,000 nodes, and `zos-grid serve` start time. Loopback only; every phase is bounded and stops by itself.
#
#   bench/registry/run.sh            # build, then all phases, 3 runs each (about 10-15 minutes on 2 cores)
#   bench/registry/run.sh tx         # one phase: tx | uptime | batches | populate | query | startup
#   RUNS=1 bench/registry/run.sh     # fewer runs
#   SKIP_BUILD=1 ...                 # reuse the compiled classes
#
# Output: one line per run plus RESULT lines; everything also goes to $WORK/results.txt.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [ ! -x "$JAVA_HOME/bin/java" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  echo "error: need a JDK >= 21 in JAVA_HOME (tried $JAVA_HOME); the default java on PATH is too old" >&2
  exit 1
fi
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

RUNS="${RUNS:-3}"
CLIENTS="${CLIENTS:-64}"
TX_PER_CLIENT="${TX_PER_CLIENT:-250}"   # timed; half as many again are sent first, untimed, to warm the JIT
NODES="${NODES:-10000}"
QUERIES="${QUERIES:-2400}"
WORK="${WORK:-$root/zos-grid/target/bench-registry}"   # on disk: fsync cost is part of the measurement
mkdir -p "$WORK"

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "building (offline) ..." >&2
  ./mvnw -q -o -pl zos-grid -am test-compile
  ./mvnw -q -o -pl zos-grid dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
fi
cp="zos-grid/target/test-classes:zos-grid/target/classes:zos-core/target/classes:zos-cli-kit/target/classes"
cp="$cp:zos-testkit/target/classes:$(cat zos-grid/target/cp.txt)"

bench() {
  # shellcheck disable=SC2086
  timeout 900 "$JAVA" --enable-native-access=ALL-UNNAMED ${BENCH_OPTS:-} -cp "$cp" dev.zos.grid.bench.registry.RegistryBench "$@" 2>&1 \
    | grep -v -e '^WARNING' -e '^\[' -e 'GridServer - listening' | tee -a "$WORK/results.txt"
}

machine() {
  {
    echo "# $(date -u +%FT%TZ) $(uname -sr), $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
      "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load avg $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "# $("$JAVA" -version 2>&1 | head -1)"
  } | tee -a "$WORK/results.txt"
}

phase="${1:-all}"
machine
case "$phase" in
  tx|all)       bench tx "$WORK" "$RUNS" "$CLIENTS" "$TX_PER_CLIENT" ;;&
  uptime|all)   bench uptime "$WORK" "$RUNS" "$CLIENTS" "$TX_PER_CLIENT" ;;&
  batches|all)  bench batches "$WORK" "$CLIENTS" "$TX_PER_CLIENT" ;;&
  populate|all) bench populate "$WORK/populated" "$NODES" ;;&
  query|all)    [ -f "$WORK/populated/registry.db" ] || bench populate "$WORK/populated" "$NODES"
                bench query "$WORK/populated" "$RUNS" "$QUERIES" ;;&
  startup|all)  [ -f "$WORK/populated/registry.db" ] || bench populate "$WORK/populated" "$NODES"
                # also with a JDK 25 AOT cache from one training run (what the launcher could ship)
                BENCH_OPTS="-Dbench.aotCache=$WORK/grid.aot" bench startup "$WORK" "$RUNS" "$WORK/populated" ;;
  tx|uptime|batches|populate|query) ;;
  *) echo "usage: $0 [all|tx|uptime|batches|populate|query|startup]" >&2; exit 2 ;;
esac
