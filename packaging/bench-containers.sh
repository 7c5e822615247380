#!/usr/bin/env bash
# Benchmark (not a test): the container, cgroup and change-feed collectors' CPU per poll with N running
# containers (default 50), then again with a process churn (a shell starting /bin/true in a loop) for the
# change feed on a busy host; and docker stats --no-stream's wall time over the same containers, as the peer.
# Needs a running dockerd with the ah-busybox image (packaging/start-dockerd.sh) and the JVM build.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-50}"
run() { java $(cat target/jvm.options) -jar target/quarkus-app/quarkus-run.jar bench containers --polls 60 "$@"; }
names=()
cleanup() {
  [ -n "${churn:-}" ] && kill "$churn" 2>/dev/null || true
  [ ${#names[@]} -gt 0 ] && docker rm -f "${names[@]}" > /dev/null 2>&1 || true
}
trap cleanup EXIT
for i in $(seq 1 "$n"); do
  name="ah-bench-$$-$i"
  docker run -d --network none --name "$name" ah-busybox:latest sleep 3600 > /dev/null
  names+=("$name")
done
echo "== $n containers, quiet host"
run
echo "== peer: docker stats --no-stream over the same containers"
start=$(date +%s.%N); docker stats --no-stream > /dev/null; end=$(date +%s.%N)
echo "docker stats --no-stream: $(echo "$end - $start" | bc) s wall"
echo "== $n containers, with a process churn"
( while :; do /bin/true; done ) &
churn=$!
run
