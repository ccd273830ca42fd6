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
  zos-grid|zos-node|zos-zdb) jvm=() ;;
  *) jvm=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC) ;;
esac
# zos-flistctl's block work (mount serves blocks; pack, unpack, convert, verify, clone and publish hash, compress and
# encrypt every block): full JIT, where the JDK's AES-GCM reaches its intrinsic; compiled early, since C2 otherwise
# waits for a few hundred 512 KiB blocks
if [ "$tool" = zos-flistctl ]; then
  case "${1:-}" in
    mount|pack|unpack|convert|verify|clone|publish|cat)
      jvm=(-XX:CompileCommand=quiet "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.*::*,0.01") ;;
  esac
fi
# A class-data-sharing archive per tool, made by the JVM on the first run and reused (and remade when the jars
# change): it cuts start-up by a good part. Skipped when the cache folder cannot be written.
# On JDK 25+ an AOT cache (JEP 483/514: classes loaded and linked ahead) takes its place once it exists: made in
# the background by a training run of '<tool> --help' the first time (and again when a jar is newer than it), kept
# next to the archive as <tool>.aot. A stale or unreadable one is ignored by the JVM (the -Xlog options keep that
# quiet). ZOS_AOT=0 turns it off; deleting the file makes it again.
cds_dir="${XDG_CACHE_HOME:-$HOME/.cache}/zos/cds"
if mkdir -p "$cds_dir" 2>/dev/null && [ -w "$cds_dir" ]; then
  aot="$cds_dir/$tool.aot"
  if [ "${ZOS_AOT:-1}" = 0 ] || ! [ "$(zos_java_feature "$JAVA_HOME")" -ge 25 ] 2>/dev/null; then
    aot=
  fi
  if [ -n "$aot" ] && [ -f "$aot" ] && [ -z "$(find "$jar" "$root/$module/target/lib" -newer "$aot" -print -quit 2>/dev/null)" ]; then
    jvm+=("-XX:AOTCache=$aot" -Xlog:aot=off -Xlog:cds=off)
  else
    if [ -n "$aot" ] && command -v flock >/dev/null 2>&1; then
      ( flock -n 9 || exit 0
        tmp="$aot.$$.tmp"
        nice "$JAVA_HOME/bin/java" ${jvm[@]+"${jvm[@]}"} "-XX:AOTCacheOutput=$tmp" -Xlog:aot=off -Xlog:cds=off \
          --enable-native-access=ALL-UNNAMED -jar "$jar" --help || true
        if [ -s "$tmp" ]; then mv -f "$tmp" "$aot"; fi
        rm -f "$tmp" "$tmp.config"
      ) 9>"$aot.lock" </dev/null >/dev/null 2>&1 &
    fi
    jvm+=(-Xshare:auto -XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=$cds_dir/$tool.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
fi
# protobuf and snappy still use sun.misc.Unsafe; JDK 24+ warns about it on every run (JEP 498)
if [ "$(zos_java_feature "$JAVA_HOME")" -ge 24 ] 2>/dev/null; then jvm+=(--sun-misc-unsafe-memory-access=allow); fi
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" ${jvm[@]+"${jvm[@]}"} --enable-native-access=ALL-UNNAMED ${JAVA_OPTS:-} -jar "$jar" "$@"
