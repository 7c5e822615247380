#!/usr/bin/env bash
# Starts Debian's dockerd for the container tests when no daemon answers on /var/run/docker.sock, and
# makes the test image (ah-busybox:latest, a `docker import` of busybox-static: nothing can be pulled here).
# Flags: no iptables or bridge (these machines have neither), vfs storage (no overlayfs inside them).
# Prints dockerd's PID when it started one (the caller stops it), nothing when one was already running.
set -euo pipefail
sock=/var/run/docker.sock
answers() { curl -s --unix-socket "$sock" http://d/_ping 2>/dev/null | grep -q OK; }
started=""
if ! answers; then
  log=/tmp/anomaly-hunter-dockerd.log
  dockerd --iptables=false --ip6tables=false --bridge=none --storage-driver=vfs -H "unix://$sock" > "$log" 2>&1 &
  started=$!
  for _ in $(seq 1 100); do answers && break; sleep 0.2; done
  answers || { echo "start-dockerd.sh: dockerd did not answer within 20 s; its log:" >&2; tail -20 "$log" >&2; exit 1; }
fi
if ! docker image inspect ah-busybox:latest > /dev/null 2>&1; then
  root=$(mktemp -d)
  mkdir -p "$root/bin"
  cp /bin/busybox "$root/bin/busybox"
  for cmd in sh sleep cat head dd yes true false echo; do ln -s busybox "$root/bin/$cmd"; done
  tar -C "$root" -c . | docker import - ah-busybox:latest > /dev/null
  rm -rf "$root"
fi
echo "$started"
