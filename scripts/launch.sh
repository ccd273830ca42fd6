#!/usr/bin/env bash
# Launcher behind bin/<tool>: runs the tool's jar (built by ./mvnw package) on a JDK >= 21.
set -euo pipefail
tool=$(basename "$0")
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
case "$tool" in
  zos) module=zos-cli ;;
  zos-grid|zos-node|zos-farmer|zos-imagegen|zos-flistctl|zos-zdb|qemu-harness) module=$tool ;;
  *) echo "error: unknown tool '$tool' (bin/ holds zos, zos-grid, zos-node, zos-farmer, zos-imagegen, zos-flistctl, zos-zdb, qemu-harness)" >&2; exit 2 ;;
esac
jar="$root/$module/target/$module.jar"
if [ ! -f "$jar" ]; then
  echo "error: $jar is not built yet; run: $root/mvnw -q -DskipTests package" >&2
  exit 1
fi
. "$root/scripts/select-jdk.sh"
zos_select_jdk
# Short-lived CLIs start fastest with C1 only and the serial collector; the long-running services
# (grid, node agent) keep the full JIT. JAVA_OPTS adds to either.
case "$tool" in
  zos-grid|zos-node|zos-zdb) jvm=(-Xshare:auto) ;;
  *) jvm=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto) ;;
esac
# zos-flistctl's block work (mount serves blocks; pack, unpack, convert, verify, clone and publish hash, compress and
# encrypt every block): full JIT, where the JDK's AES-GCM reaches its intrinsic; compiled early, since C2 otherwise
# waits for a few hundred 512 KiB blocks
if [ "$tool" = zos-flistctl ]; then
  case "${1:-}" in
    mount|pack|unpack|convert|verify|clone|publish|cat)
      jvm=(-Xshare:auto -XX:CompileCommand=quiet "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.*::*,0.01") ;;
  esac
fi
# A class-data-sharing archive per tool, made by the JVM on the first run and reused (and remade when the jars
# change): it cuts start-up by a good part. Skipped when the cache folder cannot be written.
cds_dir="${XDG_CACHE_HOME:-$HOME/.cache}/zos/cds"
if mkdir -p "$cds_dir" 2>/dev/null && [ -w "$cds_dir" ]; then
  jvm+=(-XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=$cds_dir/$tool.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
fi
# protobuf and snappy still use sun.misc.Unsafe; JDK 24+ warns about it on every run (JEP 498)
feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release" 2>/dev/null || true)
if [ "${feature:-0}" -ge 24 ] 2>/dev/null; then jvm+=(--sun-misc-unsafe-memory-access=allow); fi
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" "${jvm[@]}" --enable-native-access=ALL-UNNAMED ${JAVA_OPTS:-} -jar "$jar" "$@"
