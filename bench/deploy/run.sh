#!/usr/bin/env bash
# Deploy benchmarks (issue 5): (1) the deploy round trip CLI → "ok" for one zmount on loopback, JVM start excluded,
# against a real `zos-grid serve` and a real `zos-node run`; (2) `bin/zos --version` / `bin/zos nodes list` wall
# time from a cold shell with hyperfine. Every line of results carries the load average (the machine is shared).
#
#   bench/deploy/run.sh                       # build (offline), then both
#   SKIP_BUILD=1 bench/deploy/run.sh roundtrip   # one part: roundtrip | mkfs | startup
#
# Environment: WARMUP (5), RUNS (50), PROBE (20), SIZE (64MiB), HYPERFINE_RUNS (20), SKIP_BUILD=1.
# Needs root (zos-node formats the zmount with mkfs.ext4; e2fsprogs) and hyperfine for `startup`.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
. scripts/select-jdk.sh
zos_select_jdk
JAVA="$JAVA_HOME/bin/java"
load() { cut -d' ' -f1-3 /proc/loadavg; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "== building zos-cli, zos-node, zos-grid (package) and the zos-cli test classes"
    ./mvnw -q -o -pl zos-cli,zos-node,zos-grid -am package -DskipTests
    ./mvnw -q -o -pl zos-cli -am test-compile   # -am: the reactor modules, not stale snapshots from ~/.m2
    ./mvnw -q -o -pl zos-cli dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test >/dev/null
fi
CP=zos-cli/target/test-classes:zos-cli/target/classes:zos-core/target/classes:zos-cli-kit/target/classes:$(cat zos-cli/target/bench-cp.txt)

PARTS=("$@")
[ ${#PARTS[@]} -gt 0 ] || PARTS=(mkfs roundtrip startup)
WORK=$(mktemp -d /var/tmp/zos-bench-deploy.XXXXXX)
GRID_PID=
cleanup() {
    if [ -n "$GRID_PID" ]; then kill "$GRID_PID" 2>/dev/null || true; wait "$GRID_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
echo "== machine: $(nproc) cores, $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo); $("$JAVA" -version 2>&1 | head -1); work dir $WORK"

start_grid() {
    bin/zos-grid serve --listen 127.0.0.1:0 --data-dir "$WORK/grid" >"$WORK/grid.log" 2>&1 &
    GRID_PID=$!
    for _ in $(seq 600); do
        GRID_URL=$(sed -n 's/^zos-grid listening on \(http[^ ]*\).*/\1/p' "$WORK/grid.log" | head -1)
        [ -n "$GRID_URL" ] && return 0
        kill -0 "$GRID_PID" 2>/dev/null || { cat "$WORK/grid.log" >&2; return 1; }
        sleep 0.1
    done
    echo "zos-grid did not start" >&2; return 1
}

for part in "${PARTS[@]}"; do
    case $part in
    mkfs)
        # the node's own command line (DiskImage.create) on a fresh sparse file, 10 times
        echo "== mkfs.ext4 of a ${SIZE:-64MiB} sparse file (load $(load))"
        for i in $(seq 10); do
            rm -f "$WORK/img"; truncate -s "${SIZE:-64MiB}" "$WORK/img" 2>/dev/null || truncate -s 64M "$WORK/img"
            s=$(date +%s%N)
            mkfs.ext4 -F -q -m 0 -L data -E discard,lazy_itable_init=0,lazy_journal_init=0 "$WORK/img"
            echo $(( ($(date +%s%N) - s) / 1000000 ))
        done | sort -n | tr '\n' ' ' | awk '{printf "mkfs_ms sorted: %s (median %s)  load=%s\n", $0, $6, "'"$(load)"'"}'
        ;;
    roundtrip)
        export ZOS_AOT=0   # no background AOT training of zos-grid/zos-node while the round trips are timed
        start_grid
        echo "== grid $GRID_URL (pid $GRID_PID); round trip: ${WARMUP:-5} warm-up + ${RUNS:-50} timed, probe ${PROBE:-20}; load $(load)"
        timeout 900 "$JAVA" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -cp "$CP" dev.zos.cli.bench.deploy.DeployBench \
            --grid "$GRID_URL" --node-bin "$ROOT/bin/zos-node" --work "$WORK/bench" \
            --warmup "${WARMUP:-5}" --runs "${RUNS:-50}" --probe "${PROBE:-20}" --size "${SIZE:-64MiB}"
        kill "$GRID_PID"; wait "$GRID_PID" 2>/dev/null || true; GRID_PID=
        unset ZOS_AOT
        ;;
    startup)
        command -v hyperfine >/dev/null || { echo "hyperfine missing: apt-get install -y hyperfine" >&2; exit 1; }
        start_grid
        # a private cache: other users of this machine's ~/.cache/zos would remake the archives under us
        export XDG_CACHE_HOME=$WORK/xdg-cache XDG_CONFIG_HOME=$WORK/xdg-config
        for cmd in "bin/zos --version" "bin/zos nodes list --grid $GRID_URL"; do
            $cmd >/dev/null   # first run: makes the CDS archive (and starts the AOT training, see scripts/launch.sh)
            for _ in $(seq 120); do   # JDK 25: wait for the background AOT training to put zos.aot in place
                [ -f "$XDG_CACHE_HOME/zos/cds/zos.aot" ] && break
                sleep 0.5
            done
        done
        ls -la "$XDG_CACHE_HOME/zos/cds/"
        echo "== hyperfine, caches warm (3 warm-up runs each); load $(load)"
        # with the AOT cache (the default on JDK 25) and without it (ZOS_AOT=0: the dynamic CDS archive only)
        hyperfine -N -w 3 -r "${HYPERFINE_RUNS:-20}" "bin/zos --version" "env ZOS_AOT=0 bin/zos --version" \
            "bin/zos nodes list --grid $GRID_URL" "env ZOS_AOT=0 bin/zos nodes list --grid $GRID_URL" 2>&1
        echo "   load after: $(load)"
        kill "$GRID_PID"; wait "$GRID_PID" 2>/dev/null || true; GRID_PID=
        ;;
    *) echo "unknown part $part (mkfs | roundtrip | startup)" >&2; exit 2 ;;
    esac
done
