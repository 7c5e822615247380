#!/usr/bin/env bash
# Makes (once, then reuses) a minimal Debian 12 root for the full-install test: debootstrap from Debian's
# archive with systemd, libpcap, openssl and curl. Prints its path. Needs root. ~1 min and ~250 MB.
set -euo pipefail
dir=${1:-/var/cache/anomaly-hunter-test/bookworm-root}
if [ -x "$dir/usr/bin/systemctl" ] && [ -e "$dir/usr/lib/x86_64-linux-gnu/libpcap.so.0.8" ] \
   && [ -e "$dir/usr/lib/x86_64-linux-gnu/libgomp.so.1" ]; then
  echo "$dir"; exit 0
fi
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >&2
rm -rf "$dir.tmp" && mkdir -p "$(dirname "$dir")"
debootstrap --variant=minbase --include=systemd,libpcap0.8,libgomp1,openssl,curl,passwd bookworm "$dir.tmp" \
  http://deb.debian.org/debian >&2
rm -rf "$dir" && mv "$dir.tmp" "$dir"
echo "$dir"
