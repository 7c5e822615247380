#!/usr/bin/env bash
# Builds the daemon and runs it in the foreground with embedded defaults (or --config FILE):
# UI and API on http://127.0.0.1:8080/, data in ./data. No root needed. Ctrl-C stops it cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
# target/jvm.options is written by the build from the pom's ah.jvm.options (the one place for JVM options).
exec java $(cat target/jvm.options) -jar target/quarkus-app/quarkus-run.jar run "$@"
