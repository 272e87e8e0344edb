# Shared by the scripts in scripts/ and .ci/run: source it, do not run it.

# Exports JAVA_HOME pointing at a JDK 25: the current JAVA_HOME if it is one, else the first under /usr/lib/jvm.
use_jdk25() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if "$candidate/bin/java" -version 2>&1 | head -n 1 | grep -Eq 'version "25'; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "No JDK 25 found (set JAVA_HOME to one, or install one under /usr/lib/jvm)" >&2
  return 1
}

# The services run-local starts, in start order: name, port, jar.
HHMS_SERVICES=(
  "user-service 8081 user-service/target/user-service.jar"
  "patient-data-service 8082 patient-data-service/target/patient-data-service.jar"
  "analytics-service 8083 analytics-service/target/analytics-service.jar"
  "alerts-service 8084 alerts-service/target/alerts-service.jar"
  "dashboard 8085 dashboard/target/dashboard.jar"
  "gateway 8080 gateway/target/gateway.jar"
)

# The stream services that may run as several instances (scripts/run-local.sh --replicas N).
HHMS_REPLICATED=(patient-data-service analytics-service alerts-service)

# Prints the instances run-local starts with N replicas, in start order, one per line: name, port, management port,
# jar. Instance i > 1 of a replicated service is "<service>@i", on the service's ports + 100*(i-1).
hhms_instances() { # replicas
  local entry name port jar i
  for entry in "${HHMS_SERVICES[@]}"; do
    read -r name port jar <<<"$entry"
    echo "$name $port $((port + 1000)) $jar"
    if [[ " ${HHMS_REPLICATED[*]} " == *" $name "* ]]; then
      for ((i = 2; i <= $1; i++)); do
        echo "$name@$i $((port + 100 * (i - 1))) $((port + 1000 + 100 * (i - 1))) $jar"
      done
    fi
  done
}

# The four databases; HHMS_DB_PREFIX (default hhms) lets a separate stack (the benchmark) keep its own, and
# points the services at them unless their *_DB_URL is set.
HHMS_DB_PREFIX="${HHMS_DB_PREFIX:-hhms}"
HHMS_DATABASES=("${HHMS_DB_PREFIX}_users" "${HHMS_DB_PREFIX}_vitals" "${HHMS_DB_PREFIX}_analytics" "${HHMS_DB_PREFIX}_alerts")
if [ "$HHMS_DB_PREFIX" != hhms ]; then
  export USERS_DB_URL="${USERS_DB_URL:-jdbc:postgresql://localhost:5432/${HHMS_DB_PREFIX}_users}"
  export VITALS_DB_URL="${VITALS_DB_URL:-jdbc:postgresql://localhost:5432/${HHMS_DB_PREFIX}_vitals}"
  export ANALYTICS_DB_URL="${ANALYTICS_DB_URL:-jdbc:postgresql://localhost:5432/${HHMS_DB_PREFIX}_analytics}"
  export ALERTS_DB_URL="${ALERTS_DB_URL:-jdbc:postgresql://localhost:5432/${HHMS_DB_PREFIX}_alerts}"
fi

# PostgreSQL connection used to create the databases (trust auth on a developer machine).
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"

# Exports the secrets a local run needs, unless already set: the JWT signing key shared by the services and the
# bootstrap admin's password, each generated once per checkout into .run/ (mode 600, never committed).
# HHMS_ADMIN_EMAIL defaults to admin@hhms.local.
use_local_secrets() {
  local dir=.run
  mkdir -p "$dir"
  if [ -z "${HHMS_JWT_SECRET:-}" ]; then
    [ -s "$dir/jwt-secret" ] || (umask 077 && openssl rand -base64 48 | tr -d '\n' >"$dir/jwt-secret")
    HHMS_JWT_SECRET=$(cat "$dir/jwt-secret")
  fi
  if [ -z "${HHMS_ADMIN_PASSWORD:-}" ]; then
    [ -s "$dir/admin-password" ] || (umask 077 && openssl rand -base64 18 | tr -d '\n/+=' >"$dir/admin-password")
    HHMS_ADMIN_PASSWORD=$(cat "$dir/admin-password")
  fi
  export HHMS_JWT_SECRET HHMS_ADMIN_PASSWORD HHMS_ADMIN_EMAIL="${HHMS_ADMIN_EMAIL:-admin@hhms.local}"
}
