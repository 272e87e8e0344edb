# One multi-stage build for every HHMS service: docker build --build-arg SERVICE=user-service .
# Stage 1 builds the service's jar with JDK 25; stage 2 runs it on a JRE 25 as a non-root user.
# Plain Dockerfile syntax (no cache mounts), so the classic builder and BuildKit both build it; the dependencies are
# a layer of their own, cached until a pom changes. scripts/check-image-build.sh replays stage 1 without a Docker
# engine (CI runs it).
FROM eclipse-temurin:25-jdk AS build
ARG SERVICE
RUN test -n "${SERVICE}" || { echo "build with --build-arg SERVICE=<module>, e.g. user-service" >&2; exit 1; }
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY test-support/pom.xml test-support/
COPY contracts/pom.xml contracts/
COPY tokens/pom.xml tokens/
COPY service-web/pom.xml service-web/
COPY service-security/pom.xml service-security/
COPY audit/pom.xml audit/
COPY messaging/pom.xml messaging/
COPY user-directory/pom.xml user-directory/
COPY fhir/pom.xml fhir/
COPY gateway/pom.xml gateway/
COPY user-service/pom.xml user-service/
COPY patient-data-service/pom.xml patient-data-service/
COPY analytics-service/pom.xml analytics-service/
COPY alerts-service/pom.xml alerts-service/
COPY dashboard/pom.xml dashboard/
COPY device-simulator/pom.xml device-simulator/
COPY deploy/pom.xml deploy/
RUN ./mvnw -B -q -pl "${SERVICE}" -am dependency:go-offline -DexcludeGroupIds=org.hhms
COPY . .
RUN ./mvnw -B -q -pl "${SERVICE}" -am package -DskipTests \
    && cp "${SERVICE}/target/${SERVICE}.jar" app.jar

FROM eclipse-temurin:25-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app hhms
WORKDIR /app
COPY --from=build /src/app.jar /app/app.jar
USER hhms
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
