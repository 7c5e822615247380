#!/usr/bin/env bash
# Runs the whole test suite: unit tests, API tests, and integration tests on the packaged daemon
# (real OSHI, real SQLite, headless Chromium). Installs the Debian packages the tests need first.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v mvn >/dev/null || need+=(maven)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
[ -e /usr/lib/x86_64-linux-gnu/libpcap.so.0.8 ] || need+=(libpcap0.8)
command -v openssl >/dev/null || need+=(openssl)
command -v zip >/dev/null || need+=(zip)
command -v systemd-analyze >/dev/null || need+=(systemd)
command -v ip >/dev/null || need+=(iproute2)           # NetworkCollectorTest adds and removes a veth pair
command -v setpriv >/dev/null || need+=(util-linux)    # LiveCaptureIT runs the daemon without capabilities
command -v sqlite3 >/dev/null || need+=(sqlite3)       # DatabaseFilesIT makes another application's database
command -v dockerd >/dev/null || need+=(docker.io)    # the container tests run a real dockerd
[ -x /bin/busybox ] || need+=(busybox-static)          # ... with an image imported from busybox (nothing is pulled)
command -v podman >/dev/null || need+=(podman)       # PodmanTest runs Podman's Docker-compatible API service
command -v curl >/dev/null || need+=(curl)             # start-dockerd.sh asks the socket whether dockerd answers
command -v python3 >/dev/null || need+=(python3)       # ChangeCollectorLiveTest opens a port from another process
command -v dpkg-deb >/dev/null || need+=(dpkg)         # ... and installs a tiny package it builds (so does FaultScenariosIT)
command -v mkfs.ext4 >/dev/null || need+=(e2fsprogs)  # FaultScenariosIT fills a loop-mounted ext4 disk
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# A throwaway Debian root for the full-install test (made once with debootstrap, then reused).
props=()
if [ "$(id -u)" = 0 ]; then
  props+=("-Danomaly-hunter.debian-root=$(bash packaging/debian-test-root.sh)")
else
  echo "test.sh: not root, so the full install into a Debian root (chroot) will be skipped"
fi

# The native executable, tested by NativeIT: built with GRAALVM_HOME when set, else with the stand-in
# toolchain beside the checkout (../shared/tools/native-toolchain, needs Temurin 25). It takes about
# 5 minutes on 2 cores and 4.5 GB of memory. ANOMALY_HUNTER_NATIVE=0 skips it.
if [ "${ANOMALY_HUNTER_NATIVE:-1}" != 0 ]; then
  native_java="${GRAALVM_HOME:-}"
  standin=../shared/tools/native-toolchain
  if [ -z "$native_java" ] && [ -d "$standin" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
    echo "test.sh: assembling the GraalVM stand-in from $standin"
    log=$(mktemp)
    bash "$standin/build-toolchain.sh" /tmp/graalvm-standin > "$log" 2>&1 || { cat "$log" >&2; exit 1; }
    rm -f "$log"
    export GRAALVM_HOME=/tmp/graalvm-standin
    native_java=/usr/lib/jvm/temurin-25-jdk-amd64
  fi
  if [ -n "$native_java" ]; then
    echo "test.sh: building the native executable (GRAALVM_HOME=$GRAALVM_HOME)"
    JAVA_HOME="$native_java" mvn -B package -Pnative -DskipTests
    props+=("-Danomaly-hunter.native-executable=$(ls "$(pwd)"/target/*-runner)")
  else
    echo "test.sh: no GRAALVM_HOME and no stand-in toolchain: the native executable is not built, NativeIT skips"
  fi
fi

# dockerd for the container tests (as root; without it they skip, or fail under CI). Stopped at the end
# when this script started it.
dockerd_pid=""
if [ "$(id -u)" = 0 ]; then
  dockerd_pid=$(bash packaging/start-dockerd.sh)
  [ -n "$dockerd_pid" ] && trap 'kill "$dockerd_pid" 2>/dev/null || true' EXIT
else
  echo "test.sh: not root, so dockerd is not started; the container tests will skip"
fi

# The shared data and models live beside the checkout (../shared); tests that need them say so if absent.
mvn -B verify "${props[@]}" "$@"
