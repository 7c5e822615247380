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
command -v systemd-analyze >/dev/null || need+=(systemd)
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

# The shared data and models live beside the checkout (../shared); tests that need them say so if absent.
exec mvn -B verify "${props[@]}" "$@"
