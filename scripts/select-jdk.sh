# Sourced by mvnw, the bin/ launchers and the scripts: sets JAVA_HOME to a JDK >= 21.
# Order: $ZOS_JAVA_HOME, $JAVA_HOME, Temurin 25 (these machines), any JDK >= 21 under /usr/lib/jvm, java on PATH.
zos_java_feature() { # prints the feature release of the java at $1/bin/java, or nothing
  [ -x "$1/bin/java" ] || return 0
  # the JDK's release file answers without starting a JVM (that start was ~80 ms of every bin/* run)
  local r
  r=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -1)
  if [ -n "$r" ] && [ "$r" != 1 ]; then echo "$r"; return 0; fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1
}
zos_select_jdk() {
  local c v
  for c in "${ZOS_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$c" ] || continue
    v=$(zos_java_feature "$c")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then export JAVA_HOME="$c"; return 0; fi
  done
  if command -v java >/dev/null 2>&1; then
    c=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    v=$(zos_java_feature "$c")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then export JAVA_HOME="$c"; return 0; fi
  fi
  echo "error: no JDK 21 or newer found (looked at \$ZOS_JAVA_HOME, \$JAVA_HOME, /usr/lib/jvm and PATH); install one (e.g. apt-get install openjdk-21-jdk-headless) or set ZOS_JAVA_HOME" >&2
  return 1
}
