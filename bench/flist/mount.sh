#!/usr/bin/env bash
# Benchmark: sequential read of a 1 GiB file through the flist FUSE mount (cold: empty block cache, store files
# out of the page cache, fresh mount; warm: block cache filled, fresh mount) against squashfuse on a squashfs image
# of the same file (cold: image out of the page cache; warm: image in the page cache). Fresh mounts each time, so
# neither side reads from the kernel's page cache of the mounted file.
# Usage: bench/flist/mount.sh [WORKDIR]     (WORKDIR default: a new temp dir; data and images are reused)
# Needs root, /dev/fuse, libfuse2, squashfs-tools, squashfuse, python3.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=${1:-$(mktemp -d /tmp/flist-mount-bench.XXXXXX)}
mkdir -p "$WORK"
SIZE_MIB=${BENCH_SIZE_MIB:-1024}

JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
if ! "$JAVA" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  echo "error: need a JDK >= 21 (set JAVA_HOME); $JAVA is not one" >&2; exit 1
fi
for t in mksquashfs squashfuse fusermount python3; do
  command -v $t >/dev/null || { echo "error: $t is missing (apt-get install -y squashfs-tools squashfuse fuse3 libfuse2 python3)" >&2; exit 1; }
done

# build the module (main + test classes) and get its classpath
( cd "$REPO" && ./mvnw -q -o -pl zos-flist -am test-compile \
    && ./mvnw -q -o -pl zos-flist -am dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null )
CP="$REPO/zos-flist/target/classes:$REPO/zos-flist/target/test-classes:$REPO/zos-core/target/classes:$(cat "$WORK/cp.txt")"
# what a long-running mount should run with: C2, and the JDK's crypto provider compiled early
JOPTS=(-Xmx1g -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED -XX:CompileCommand=quiet
       "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.*::*,0.01")

# data: half random, half text-like (compressible), the same bytes for both file systems
DATA="$WORK/data"
if [ ! -f "$WORK/.data-ok" ]; then
  rm -rf "$DATA" && mkdir -p "$DATA"
  python3 - "$DATA/big" "$SIZE_MIB" <<'PY'
import os, sys, random
path, mib = sys.argv[1], int(sys.argv[2])
rnd = random.Random(1)
words = [bytes(rnd.choice(b"abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(2, 12))) for _ in range(5000)]
with open(path, "wb") as f:
    for i in range(mib):
        if i % 2 == 0:
            f.write(os.urandom(1 << 20))
        else:
            out = bytearray()
            while len(out) < (1 << 20):
                out += rnd.choice(words) + b" "
            f.write(bytes(out[:1 << 20]))
PY
  "$JAVA" "${JOPTS[@]}" -cp "$CP" dev.zos.flist.bench.PackBench "$DATA" "$WORK/big.fl" "dir://$WORK/store" >/dev/null
  mksquashfs "$DATA" "$WORK/big.sqfs" -noappend -quiet -no-progress >/dev/null
  touch "$WORK/.data-ok"
fi

evict() { # drop these files (or trees) from the page cache without touching anyone else's
  python3 - "$@" <<'PY'
import os, sys
for root in sys.argv[1:]:
    paths = [root] if os.path.isfile(root) else [os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs]
    for p in paths:
        fd = os.open(p, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)
PY
}

MNT="$WORK/mnt"
mkdir -p "$MNT"
cleanup() { fusermount -u "$MNT" 2>/dev/null || true; [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null || true; }
trap cleanup EXIT

wait_mounted() {
  for _ in $(seq 1 600); do grep -q " $MNT " /proc/self/mountinfo && return 0; sleep 0.1; done
  echo "error: mount did not come up" >&2; exit 1
}
wait_unmounted() {
  for _ in $(seq 1 600); do grep -q " $MNT " /proc/self/mountinfo || return 0; sleep 0.1; done
  echo "error: mount did not go away" >&2; exit 1
}

read_rate() { # NAME
  local start end bytes
  start=$(date +%s.%N)
  bytes=$(dd if="$MNT/big" of=/dev/null bs=1M 2>&1 | awk '/bytes/ {print $1}')
  end=$(date +%s.%N)
  python3 -c "import sys; b, s = int(sys.argv[1]), float(sys.argv[2]); print(f'{sys.argv[3]:<28} {b / s / 1048576:8.1f} MiB/s  ({s:.2f} s)')" \
    "$bytes" "$(echo "$end - $start" | bc)" "$1"
}

flist_mount() {
  "$JAVA" "${JOPTS[@]}" -cp "$CP" dev.zos.flist.bench.MountBench "$WORK/big.fl" "$WORK/cache" "$MNT" > "$WORK/mount.log" 2>&1 &
  PID=$!
  wait_mounted
}
flist_umount() { fusermount -u "$MNT"; wait "$PID" || true; PID=; wait_unmounted; }

echo "file: $SIZE_MIB MiB (half random, half text); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "store: $(find "$WORK/store" -type f | wc -l) blocks, $(du -sm "$WORK/store" | cut -f1) MiB; squashfs image $(du -sm "$WORK/big.sqfs" | cut -f1) MiB"
for run in $(seq 1 "${BENCH_RUNS:-3}"); do
  echo "-- run $run"
  rm -rf "$WORK/cache"
  evict "$WORK/store" "$WORK/big.sqfs"
  flist_mount; read_rate "flist cold"; flist_umount
  flist_mount; read_rate "flist warm (block cache)"; flist_umount

  evict "$WORK/big.sqfs"
  squashfuse "$WORK/big.sqfs" "$MNT"; wait_mounted; read_rate "squashfuse cold"; fusermount -u "$MNT"; wait_unmounted
  squashfuse "$WORK/big.sqfs" "$MNT"; wait_mounted; read_rate "squashfuse warm"; fusermount -u "$MNT"; wait_unmounted
done
