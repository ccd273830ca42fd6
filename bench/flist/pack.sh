#!/usr/bin/env bash
# Benchmark: pack the shared 562 MiB / 24,784-file dataset into a dir:// store, re-pack it unchanged, and
# run `tar | zstd -3` and `mksquashfs -comp lz4` on the same tree as peers (warm page cache).
# Usage: bench/flist/pack.sh [WORKDIR]     (WORKDIR default: a new temp dir; the dataset is reused if present)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=${1:-$(mktemp -d /tmp/flist-bench.XXXXXX)}
mkdir -p "$WORK"

JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
if ! "$JAVA" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  echo "error: need a JDK >= 21 (set JAVA_HOME); $JAVA is not one" >&2; exit 1
fi

MK=""
for c in /work/shared/bench/mkdataset.sh "$REPO/../shared/bench/mkdataset.sh" "$REPO/../../shared/bench/mkdataset.sh"; do
  [ -x "$c" ] || [ -f "$c" ] && { MK=$c; break; }
done
[ -n "$MK" ] || { echo "error: mkdataset.sh not found (looked in /work/shared/bench and ../shared/bench)" >&2; exit 1; }

if ! command -v mksquashfs >/dev/null; then
  apt-get install -y -q squashfs-tools >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q squashfs-tools >/dev/null; } || true
fi

DATA="$WORK/data"
if [ ! -f "$WORK/.dataset-ok" ]; then
  bash "$MK" "$DATA"
  touch "$WORK/.dataset-ok"
fi

# build the module (main + test classes) and get its classpath
( cd "$REPO" && ./mvnw -q -o -pl zos-flist -am test-compile \
    && ./mvnw -q -o -pl zos-flist -am dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null )
# jars, not class directories: the JDK's AOT cache only accepts jars on the class path
mkdir -p "$WORK/jars"
"$JAVA_HOME/bin/jar" cf "$WORK/jars/zos-flist.jar" -C "$REPO/zos-flist/target/classes" .
"$JAVA_HOME/bin/jar" cf "$WORK/jars/zos-flist-bench.jar" -C "$REPO/zos-flist/target/test-classes" dev/zos/flist/bench
"$JAVA_HOME/bin/jar" cf "$WORK/jars/zos-core.jar" -C "$REPO/zos-core/target/classes" .
CP="$WORK/jars/zos-flist.jar:$WORK/jars/zos-flist-bench.jar:$WORK/jars/zos-core.jar:$(cat "$WORK/cp.txt")"
# launcher flags a CLI would use: bounded heap; compile the JDK's crypto provider sooner (the JDK's AES-GCM runs ~50 MB/s
# until C2 compiles its intrinsic, which by default happens only after a few hundred 512 KiB blocks)
JOPTS=(-Xmx512m -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED -XX:CompileCommand=quiet
       "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.*::*,0.01")
# JDK 25 AOT cache (what a jlinked CLI would ship): one training pack of a subtree, not timed. BENCH_AOT=0 disables.
if [ "${BENCH_AOT:-1}" = 1 ] && "$JAVA" -XX:AOTMode=off -version >/dev/null 2>&1 && [ ! -f "$WORK/pack.aot" -o "${BENCH_AOT_RETRAIN:-1}" = 1 ]; then
  rm -rf "$WORK/train-store" "$WORK/train.fl" "$WORK/pack.aot"
  "$JAVA" "${JOPTS[@]}" -XX:AOTCacheOutput="$WORK/pack.aot" -cp "$CP" dev.zos.flist.bench.PackBench \
    "$DATA/real/doc" "$WORK/train.fl" "dir://$WORK/train-store" "$WORK/train-index.db" >/dev/null 2>&1 || true
  [ -f "$WORK/pack.aot" ] && JOPTS+=(-XX:AOTCache="$WORK/pack.aot")
fi

# warm the page cache
tar -C "$DATA" -cf - . > /dev/null

timed() { # NAME CMD...
  local name=$1; shift
  /usr/bin/time -v -o "$WORK/time.txt" "$@" > "$WORK/out.txt" 2>&1 || { cat "$WORK/out.txt"; exit 1; }
  local wall rss usr sys
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
  usr=$(awk -F': ' '/User time/ {print $2}' "$WORK/time.txt")
  sys=$(awk -F': ' '/System time/ {print $2}' "$WORK/time.txt")
  printf '%-26s wall %-8s cpu %6.2f s (user %s, sys %s)  peak RSS %4d MiB\n' "$name" "$wall" \
    "$(echo "$usr + $sys" | bc)" "$usr" "$sys" "$((rss / 1024))"
  sed 's/^/    /' "$WORK/out.txt" | grep -v '^    $' | tail -3 || true
}

rm -rf "$WORK/store" "$WORK/pack-index.db" "$WORK"/*.fl "$WORK/out.tar.zst" "$WORK/out.sqfs"
echo "java options: ${JOPTS[*]}"
echo "dataset: $(find "$DATA" -type f | wc -l) files, $(du -sm --apparent-size "$DATA" | cut -f1) MiB; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
timed "flist pack (first)"   "$JAVA" "${JOPTS[@]}" -cp "$CP" dev.zos.flist.bench.PackBench "$DATA" "$WORK/first.fl" "dir://$WORK/store" "$WORK/pack-index.db"
timed "flist re-pack (same)" "$JAVA" "${JOPTS[@]}" -cp "$CP" dev.zos.flist.bench.PackBench "$DATA" "$WORK/again.fl" "dir://$WORK/store" "$WORK/pack-index.db"
timed "flist re-pack (no index)" "$JAVA" "${JOPTS[@]}" -cp "$CP" dev.zos.flist.bench.PackBench "$DATA" "$WORK/noidx.fl" "dir://$WORK/store"
timed "tar | zstd -3"        bash -c "tar -C '$DATA' -cf - . | zstd -3 -q -o '$WORK/out.tar.zst'"
if command -v mksquashfs >/dev/null; then
  timed "mksquashfs -comp lz4" mksquashfs "$DATA" "$WORK/out.sqfs" -comp lz4 -noappend -quiet -no-progress
fi
echo "store: $(find "$WORK/store" -type f | wc -l) blocks, $(du -sm "$WORK/store" | cut -f1) MiB; flist $(du -k "$WORK/first.fl" | cut -f1) KiB"
