#!/usr/bin/env bash
# Benchmark (not a test): time from exec to the first HTTP 200 on /health, for the native executable and
# the JVM build side by side, each started ROUNDS times (default 5) in a fresh temp dir with no data.
# Usage: packaging/bench-start.sh [ROUNDS]      (build first: mvn package, and mvn -Pnative package)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
native=$(readlink -f target/*-runner 2>/dev/null | head -1 || true)
jvm="java $(cat target/jvm.options) -jar $(pwd)/target/quarkus-app/quarkus-run.jar"
python3 - "$rounds" "$native" "$jvm" <<'PY'
import os, shlex, socket, statistics, subprocess, sys, tempfile, time, urllib.request
rounds, native, jvm = int(sys.argv[1]), sys.argv[2], sys.argv[3]
def port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p
def once(cmd):
    with tempfile.TemporaryDirectory() as d:
        p = port()
        with open(os.path.join(d, "config.yaml"), "w") as f:
            f.write(f"storage:\n  path: {d}/ah.db\nhttp:\n  port: {p}\n")
        t0 = time.monotonic()
        proc = subprocess.Popen(shlex.split(cmd) + ["run", "--config", f"{d}/config.yaml"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=d)
        try:
            while time.monotonic() - t0 < 30:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{p}/health", timeout=1) as r:
                        if r.status == 200:
                            return (time.monotonic() - t0) * 1000
                except OSError:
                    time.sleep(0.001)
            raise SystemExit(f"no /health 200 within 30 s from: {cmd}")
        finally:
            proc.terminate(); proc.wait(30)
for name, cmd in (("native", shlex.quote(native) if native else ""), ("jvm", jvm)):
    if not cmd:
        print(f"{name}: no executable in target/ (build with -Pnative)"); continue
    ms = [once(cmd) for _ in range(rounds)]
    print(f"{name}: exec -> first /health 200: median {statistics.median(ms):.0f} ms, "
          f"min {min(ms):.0f}, max {max(ms):.0f} ({rounds} starts: {', '.join(f'{m:.0f}' for m in ms)})")
PY
