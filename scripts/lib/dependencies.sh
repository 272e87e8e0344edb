# What HHMS needs on the machine, provided where it is missing: a JDK 25, PostgreSQL on 127.0.0.1:5432 with the
# postgres user and trust authentication over TCP, Redis on 127.0.0.1:6379, and the tools the scripts call.
# Sourced by scripts/test.sh, scripts/run-local.sh and .ci/run (after scripts/lib/common.sh); do not run it.
#
# Each ensure_* starts what is installed but stopped, and installs what is missing with the system's package manager
# (apt-get) when that is permitted: as root, or with password-less sudo. When something cannot be provided it stops
# with what is missing and the command that fixes it, not a stack trace. HHMS_NO_INSTALL=1 never installs.

HHMS_PG_HOST=127.0.0.1
HHMS_PG_PORT=5432
HHMS_REDIS_PORT=6379

# Prints the problem and its fix, and exits.
missing() { # what, fix
  printf '\nHHMS cannot start: %s\n  Fix: %s\n\n' "$1" "$2" >&2
  exit 1
}

# Runs a command as root: directly when we are root, through password-less sudo, or not at all (returns 1).
as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    return 1
  fi
}

can_install() {
  [ "${HHMS_NO_INSTALL:-0}" != 1 ] && command -v apt-get >/dev/null \
    && { [ "$(id -u)" = 0 ] || { command -v sudo >/dev/null && sudo -n true 2>/dev/null; }; }
}

apt_install() { # packages...
  if [ -z "${HHMS_APT_UPDATED:-}" ]; then
    as_root apt-get update -q >/dev/null
    HHMS_APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
}

# A TCP port that something answers on.
port_open() { # port
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Tools the scripts call (curl, jq, psql's client, redis-cli come with their servers).
ensure_tools() { # commands...
  local absent=() tool
  for tool in "$@"; do command -v "$tool" >/dev/null || absent+=("$tool"); done
  [ ${#absent[@]} -eq 0 ] && return 0
  if can_install; then
    echo "Installing ${absent[*]}"
    apt_install "${absent[@]}"
  else
    missing "the command(s) ${absent[*]} are not installed" "sudo apt-get install ${absent[*]}"
  fi
}

ensure_jdk() {
  use_jdk25 2>/dev/null && return 0
  missing "no JDK 25 (none under /usr/lib/jvm, and JAVA_HOME is not one)" \
    "install a JDK 25 (e.g. Eclipse Temurin 25 from adoptium.net) and export JAVA_HOME=/path/to/jdk-25"
}

pg_version() {
  ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1
}

ensure_postgres() {
  if pg_isready -h "$HHMS_PG_HOST" -p "$HHMS_PG_PORT" -q 2>/dev/null; then
    :
  elif port_open "$HHMS_PG_PORT"; then
    missing "port $HHMS_PG_PORT answers, but not as PostgreSQL" \
      "stop what listens there (sudo ss -ltnp 'sport = :$HHMS_PG_PORT' shows it) and run this again"
  else
    if ! command -v pg_ctlcluster >/dev/null || [ -z "$(pg_version)" ]; then
      can_install || missing "PostgreSQL is not installed, and this user may not install it" \
        "sudo apt-get install postgresql   (then run this again)"
      echo "Installing PostgreSQL"
      apt_install postgresql
    fi
    local version
    version=$(pg_version)
    echo "Starting PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null \
      || as_root pg_ctlcluster "$version" main start 2>/dev/null \
      || missing "PostgreSQL $version is installed but not running, and this user may not start it" \
        "sudo pg_ctlcluster $version main start"
    local waited
    for waited in $(seq 1 30); do
      pg_isready -h "$HHMS_PG_HOST" -p "$HHMS_PG_PORT" -q && break
      sleep 1
    done
  fi
  # The tests and the local stack connect as postgres over TCP without a password, as on a developer machine.
  if ! psql -h "$HHMS_PG_HOST" -p "$HHMS_PG_PORT" -U postgres -d postgres -Atc 'SELECT 1' >/dev/null 2>&1; then
    local version hba
    version=$(pg_version)
    hba="/etc/postgresql/$version/main/pg_hba.conf"
    if [ -n "$version" ] && as_root test -w "$hba"; then
      echo "Allowing trust authentication for the postgres user over local TCP (127.0.0.1, ::1)"
      as_root sed -i '1i host all postgres 127.0.0.1/32 trust\nhost all postgres ::1/128 trust' "$hba"
      as_root pg_ctlcluster "$version" main reload
      sleep 1
    fi
    psql -h "$HHMS_PG_HOST" -p "$HHMS_PG_PORT" -U postgres -d postgres -Atc 'SELECT 1' >/dev/null 2>&1 \
      || missing "PostgreSQL on $HHMS_PG_HOST:$HHMS_PG_PORT refuses the postgres user without a password" \
        "add 'host all postgres 127.0.0.1/32 trust' at the top of pg_hba.conf and reload PostgreSQL, or point the
       tests elsewhere with TEST_PG_HOST / TEST_PG_PORT / TEST_PG_USER / TEST_PG_PASSWORD"
  fi
}

ensure_redis() {
  if redis-cli -h 127.0.0.1 -p "$HHMS_REDIS_PORT" ping >/dev/null 2>&1; then
    return 0
  fi
  if port_open "$HHMS_REDIS_PORT"; then
    missing "port $HHMS_REDIS_PORT answers, but not as Redis" \
      "stop what listens there (sudo ss -ltnp 'sport = :$HHMS_REDIS_PORT' shows it) and run this again"
  fi
  if ! command -v redis-server >/dev/null; then
    can_install || missing "Redis is not installed, and this user may not install it" \
      "sudo apt-get install redis-server   (then run this again)"
    echo "Installing Redis"
    apt_install redis-server
  fi
  echo "Starting Redis on 127.0.0.1:$HHMS_REDIS_PORT"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$HHMS_REDIS_PORT" --save "" --appendonly no \
    --dir /tmp >/dev/null
  local waited
  for waited in $(seq 1 30); do
    redis-cli -h 127.0.0.1 -p "$HHMS_REDIS_PORT" ping >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  missing "Redis did not start on 127.0.0.1:$HHMS_REDIS_PORT" "redis-server --port $HHMS_REDIS_PORT (and read its output)"
}

# The dashboard's browser tests drive Debian's Chromium through its ChromeDriver (never a downloaded browser).
ensure_browser() {
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && return 0
  if can_install; then
    echo "Installing chromium and chromium-driver (the dashboard's browser tests)"
    apt_install chromium chromium-driver
  else
    missing "Chromium and ChromeDriver are not installed (the dashboard's browser tests need them)" \
      "sudo apt-get install chromium chromium-driver"
  fi
}

# Everything the tests and the local stack need.
ensure_dependencies() {
  ensure_jdk
  ensure_tools curl jq
  ensure_postgres
  ensure_redis
}
