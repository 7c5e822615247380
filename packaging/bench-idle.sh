#!/usr/bin/env bash
# Benchmark (not a test): the daemon's idle CPU and RSS with the host collector at a 1 s interval.
# Usage: packaging/bench-idle.sh [WARMUP_SECONDS] [MEASURE_SECONDS]   (defaults 60 and 120)
# Starts the packaged daemon (target/quarkus-app, build first) in a temp dir, lets it warm up, then reads
# its CPU ticks and RSS from /proc. Prints one line per figure.
set -euo pipefail
cd "$(dirname "$0")/.."
warmup=${1:-60}
measure=${2:-120}
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/config.yaml" <<YAML
detection:
  interval: 1s
storage:
  path: $work/ah.db
http:
  port: $port
YAML
cmd=${AH_BIN:-"java $(cat target/jvm.options) -jar target/quarkus-app/quarkus-run.jar"}
$cmd run --config "$work/config.yaml" > "$work/daemon.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
sleep "$warmup"
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
t1=$(ticks); s1=$(date +%s.%N)
sleep "$measure"
t2=$(ticks); s2=$(date +%s.%N)
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
hwm_kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
samples=$(curl -s "http://127.0.0.1:$port/metrics" | awk '/^anomaly_hunter_samples_ingested_total/ {print $2}')
echo "command: $cmd"
echo "interval: 1s, warm-up ${warmup}s, measured ${measure}s"
awk -v a="$t1" -v b="$t2" -v hz="$hz" -v s1="$s1" -v s2="$s2" \
  'BEGIN { printf "idle CPU: %.2f %% of one core\n", (b - a) / hz / (s2 - s1) * 100 }'
echo "RSS: $((rss_kb / 1024)) MB (peak $((hwm_kb / 1024)) MB)"
echo "samples ingested: $samples"
