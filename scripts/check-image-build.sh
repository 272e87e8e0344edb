#!/usr/bin/env bash
# Proves the Dockerfile builds every service image without a Docker engine: replays its build stage instruction by
# instruction (WORKDIR, COPY, RUN; ARG SERVICE per service) in an empty directory, copying exactly what each COPY
# names from the build context (the files git sees, as .dockerignore keeps target/ and .run/ out), then checks that
# what the runtime stage copies from the build stage exists. A module whose pom the Dockerfile forgets makes the
# dependency step fail here as it would in `docker build`. The runtime stage's own RUN (apt-get in the JRE image)
# is not replayed.
#
# Usage: scripts/check-image-build.sh [service ...]   (default: the five services)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
use_jdk25

services=("$@")
[ ${#services[@]} -gt 0 ] || services=(gateway user-service patient-data-service analytics-service alerts-service dashboard)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/root"   # the build stage's file system
mkdir -p "$root"
context="$work/context"
mkdir -p "$context"
git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$context" 2>/dev/null || true

# Stage 1 only (up to the second FROM), continuation lines joined, comments dropped.
stage=$(awk '/^FROM /{n++} n == 1 && !/^[[:space:]]*#/' Dockerfile | sed -e ':a' -e '/\\$/N; s/\\\n//; ta')
workdir="/"
step=0
while IFS= read -r line; do
  [ -n "${line// }" ] || continue
  instruction=${line%% *}
  args=${line#* }
  step=$((step + 1))
  case "$instruction" in
    FROM|ARG|ENV|LABEL) ;;
    WORKDIR)
      workdir=$args
      mkdir -p "$root$workdir" ;;
    COPY)
      [[ "$args" != --from* ]] || { echo "stage 1 copies from another stage: not replayed ($line)" >&2; exit 1; }
      read -r -a parts <<<"$args"
      dest=${parts[-1]}
      unset 'parts[-1]'
      [[ "$dest" = /* ]] || dest="$workdir/$dest"
      for src in "${parts[@]}"; do
        [ -e "$context/$src" ] || { echo "step $step: COPY $src: not in the build context" >&2; exit 1; }
        if [ "$src" = . ]; then
          mkdir -p "$root$dest" && cp -a "$context/." "$root$dest"
        elif [ -d "$context/$src" ]; then
          mkdir -p "$root$dest" && cp -a "$context/$src/." "$root$dest"
        elif [[ "$dest" = */ ]]; then
          mkdir -p "$root$dest" && cp -a "$context/$src" "$root$dest"
        else
          mkdir -p "$(dirname "$root$dest")" && cp -a "$context/$src" "$root$dest"
        fi
      done ;;
    RUN)
      command=$args
      while [[ "$command" = --* ]]; do command=${command#* }; done # BuildKit flags, if any come back
      for service in "${services[@]}"; do
        echo "step $step (SERVICE=$service): RUN ${command:0:100}"
        (cd "$root$workdir" && SERVICE=$service bash -euo pipefail -c "$command") \
          || { echo "step $step failed for $service: the image build would stop here" >&2; exit 1; }
        if [[ "$command" = *app.jar* ]]; then # keep each service's jar, as its own image would
          cp "$root$workdir/app.jar" "$work/$service.jar"
        fi
      done ;;
    *)
      echo "step $step: $instruction is not replayed by this script; extend it" >&2
      exit 1 ;;
  esac
done <<<"$stage"

# The runtime stage takes files from the build stage: they must be there, and each service's jar must be a Spring
# Boot application.
while read -r src; do
  [ -e "$root$src" ] || { echo "the runtime stage copies $src from the build stage, which has no such file" >&2; exit 1; }
done < <(sed -n 's/^COPY --from=build \([^ ]*\) .*/\1/p' Dockerfile)
for service in "${services[@]}"; do
  [ -f "$work/$service.jar" ] || { echo "no jar was built for $service" >&2; exit 1; }
  (cd "$work" && rm -rf META-INF && "$JAVA_HOME/bin/jar" xf "$service.jar" META-INF/MANIFEST.MF)
  grep -q '^Start-Class:' "$work/META-INF/MANIFEST.MF" \
    || { echo "$service.jar is not an executable Spring Boot jar" >&2; exit 1; }
  echo "image of $service: builds ($(du -h "$work/$service.jar" | cut -f1) jar)"
done
