# Sourced by scripts/test, scripts/demo and .ci/run: Debian packages and local services the project uses.

zos_need_packages() { # zos_need_packages PKG... : installs the missing ones (as root), or says how
  local missing=() p
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: missing Debian packages: ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}" >&2
    return 1
  fi
  echo "==> installing Debian packages: ${missing[*]}"
  if [ -z "${ZOS_APT_UPDATED:-}" ]; then apt-get update -qq; export ZOS_APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# PostgreSQL for the registry's integration tests: a local cluster on 127.0.0.1:5432, role and database zos_test.
zos_start_postgres() {
  zos_need_packages postgresql
  local version
  version=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1{print $1}')
  if [ -z "$version" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    pg_createcluster "$version" main >/dev/null
  fi
  pg_ctlcluster "$version" main start 2>/dev/null || true
  local i
  for i in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 0.5; done
  pg_isready -q -h 127.0.0.1 || { echo "error: PostgreSQL did not start (pg_ctlcluster $version main start)" >&2; return 1; }
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='zos_test'\"" | grep -q 1 \
    || su postgres -c "psql -qc \"CREATE ROLE zos_test LOGIN PASSWORD 'zos_test'\""
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='zos_test'\"" | grep -q 1 \
    || su postgres -c "psql -qc \"CREATE DATABASE zos_test OWNER zos_test\""
  # an older database of that name may belong to someone else: the tests create schemas in it
  su postgres -c "psql -qc \"ALTER DATABASE zos_test OWNER TO zos_test\"" >/dev/null
  export ZOS_TEST_POSTGRES_URL="postgres://zos_test:zos_test@127.0.0.1:5432/zos_test"
  echo "==> PostgreSQL $version on 127.0.0.1:5432 (ZOS_TEST_POSTGRES_URL=$ZOS_TEST_POSTGRES_URL)"
}

# Redis for the relay's scale-out tests: a private instance on 127.0.0.1:6390, no persistence.
zos_start_redis() {
  zos_need_packages redis-server
  if ! redis-cli -p 6390 ping >/dev/null 2>&1; then
    redis-server --port 6390 --bind 127.0.0.1 --save '' --appendonly no --daemonize yes >/dev/null
    local i
    for i in $(seq 1 30); do redis-cli -p 6390 ping >/dev/null 2>&1 && break; sleep 0.2; done
  fi
  redis-cli -p 6390 ping >/dev/null || { echo "error: Redis did not start on 127.0.0.1:6390" >&2; return 1; }
  export ZOS_TEST_REDIS_URL="redis://127.0.0.1:6390"
  echo "==> Redis on 127.0.0.1:6390 (ZOS_TEST_REDIS_URL=$ZOS_TEST_REDIS_URL)"
}
