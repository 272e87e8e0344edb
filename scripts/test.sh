#!/usr/bin/env bash
# The README's test command. Provides what the tests need — a JDK 25, PostgreSQL on 127.0.0.1:5432 (user postgres,
# trust authentication over TCP) and Redis on 127.0.0.1:6379, installing and starting them where missing and
# permitted (scripts/lib/dependencies.sh), and Debian's Chromium with its driver for the dashboard's browser tests — checks the compose file when a compose client is at hand, then runs
# every test: ./mvnw verify, and says which servers the tests used. Arguments go to Maven (e.g. scripts/test.sh
# -pl analytics-service -am).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
source scripts/lib/dependencies.sh
ensure_dependencies
ensure_browser
echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); local PostgreSQL 127.0.0.1:5432 and Redis" \
  "127.0.0.1:6379 (the tests use containers instead where a Docker engine answers: TestServers in test-support)"

# The required settings get placeholder values: only the file is checked (its own tests: the deploy module).
check_env=(HHMS_JWT_SECRET=only-checking-the-compose-file HHMS_ADMIN_PASSWORD=only-checking-the-compose-file
  POSTGRES_PASSWORD=only-checking-the-compose-file)
if docker compose version >/dev/null 2>&1; then
  env "${check_env[@]}" docker compose --profile monitoring config -q && echo "docker-compose.yml is valid"
elif command -v docker-compose >/dev/null || { can_install && apt_install docker-compose; }; then
  env "${check_env[@]}" docker-compose --profile monitoring config -q && echo "docker-compose.yml is valid"
else
  echo "docker-compose.yml not checked (no compose client here)"
fi

# The image build copies every module's pom before the sources (so dependencies are cached): one forgotten module
# breaks every image, and no Docker engine here would notice.
for module in $(sed -n 's#.*<module>\(.*\)</module>.*#\1#p' pom.xml); do
  grep -q "^COPY ${module}/pom.xml ${module}/$" Dockerfile \
    || { echo "Dockerfile does not copy ${module}/pom.xml (add: COPY ${module}/pom.xml ${module}/)" >&2; exit 1; }
done
echo "Dockerfile copies every module's pom"

# Each test JVM says on its first line which servers it used (TestServers); Maven keeps test output in the reports.
rm -f ./*/target/surefire-reports/*-output.txt
status=0
./mvnw -B -ntp verify "$@" || status=$?
echo "Tests ran against: $(cat ./*/target/surefire-reports/*-output.txt 2>/dev/null | grep -h '^PostgreSQL: ' \
  | sort -u | paste -sd '|' - || true)"
exit "$status"
