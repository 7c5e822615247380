#!/usr/bin/env bash
# Installs (or upgrades) anomaly-hunter from this unpacked offline bundle. Needs nothing from the network.
#
#   sudo ./install.sh [--root DIR] [--dry-run] [--upgrade] [--no-start] [--bundle DIR]
#
# --root DIR  install into a staging root instead of / (no systemctl; the user is made in DIR/etc/passwd)
# --dry-run   say what would be done, change nothing
# --upgrade   hand over to "anomaly-hunter upgrade" for an installed system (backup, migrate, roll back)
# --no-start  lay everything out but do not enable or start the service
# --bundle    the unpacked bundle to install (default: the directory this script is in)
#
# Order: check prerequisites, verify the bundle's signature and every checksum (with the installed release
# key if there is one, else the key in the bundle), then install. Idempotent: running it again changes
# nothing that is already right, and never overwrites /etc/anomaly-hunter/config.yaml.
set -euo pipefail

bundle=$(dirname "$(readlink -f "$0")")
root=/ dry=0 upgrade=0 start=1
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root=$(readlink -m "$2"); shift 2 ;;
    --dry-run) dry=1; shift ;;
    --upgrade) upgrade=1; shift ;;
    --no-start) start=0; shift ;;
    --bundle) bundle=$(readlink -f "$2"); shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
R=${root%/}   # prefix for every installed path; empty for /

say() { echo "install.sh: $*"; }
die() { echo "install.sh: $*" >&2; exit "${2:-1}"; }
run() { if [ "$dry" = 1 ]; then echo "  would: $*"; else "$@"; fi; }

version=$(sed -n 's/^# version=//p' "$bundle/MANIFEST" 2>/dev/null || true)
kind=$(sed -n 's/^# kind=//p' "$bundle/MANIFEST" 2>/dev/null || true)
[ -n "$version" ] || die "$bundle/MANIFEST is missing or has no version: this is not an unpacked bundle" 2

# 1. Prerequisites, in the system being installed into. Name each one that is missing.
missing=()
have_file() { for p in "$@"; do [ -e "$R$p" ] && return 0; done; return 1; }
have_file /usr/bin/systemctl /bin/systemctl || missing+=("systemd (systemctl not found)")
have_file /lib/x86_64-linux-gnu/libc.so.6 /usr/lib/x86_64-linux-gnu/libc.so.6 /lib64/libc.so.6 \
  || missing+=("glibc (libc.so.6 not found)")
have_file /usr/lib/x86_64-linux-gnu/libpcap.so.0.8 /lib/x86_64-linux-gnu/libpcap.so.0.8 /usr/lib64/libpcap.so.1 \
  || missing+=("libpcap (libpcap.so.0.8 not found; Debian package libpcap0.8)")
have_file /usr/lib/x86_64-linux-gnu/libgomp.so.1 /lib/x86_64-linux-gnu/libgomp.so.1 /usr/lib64/libgomp.so.1 \
  || missing+=("libgomp (libgomp.so.1 not found, java-llama.cpp needs it; Debian package libgomp1)")
for tool in openssl sha256sum useradd; do
  command -v "$tool" >/dev/null || missing+=("$tool (needed by this installer)")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install.sh: missing prerequisites:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 2
fi

# 2. Verify before trusting anything in the bundle.
key="$R/etc/anomaly-hunter/release.pub"
[ -f "$key" ] || key="$bundle/release.pub"
sig=$(openssl pkeyutl -verify -pubin -inkey "$key" -rawin -in "$bundle/MANIFEST" -sigfile "$bundle/MANIFEST.sig" 2>&1) \
  || die "bundle refused: MANIFEST signature does not verify with $key ($sig)" 2
bad=$(cd "$bundle" && grep -v '^#' MANIFEST | sha256sum -c --strict --quiet 2>&1 || true)
[ -z "$bad" ] || die "bundle refused: files do not match MANIFEST:
$(echo "$bad" | sed 's/^/  /')" 2
extra=$(cd "$bundle" && find . -type f ! -name MANIFEST ! -name MANIFEST.sig | sed 's|^\./||' | sort \
        | comm -23 - <(grep -v '^#' MANIFEST | cut -c67- | sort))
[ -z "$extra" ] || die "bundle refused: files not listed in MANIFEST: $extra" 2
say "bundle $version ($kind) verified with $key"

if [ "$upgrade" = 1 ]; then
  [ -x "$R/opt/anomaly-hunter/current/bin/anomaly-hunter" ] || die "--upgrade: nothing is installed under $root" 2
  exec "$bundle/bin/anomaly-hunter" upgrade "$bundle" --root "$root"
fi

# 3. The service user.
if [ "$R" = "" ]; then
  id anomaly-hunter >/dev/null 2>&1 || run useradd --system --user-group --home-dir /var/lib/anomaly-hunter \
    --no-create-home --shell /usr/sbin/nologin anomaly-hunter
else
  [ -f "$R/etc/passwd" ] || die "$root has no /etc/passwd; --root needs a system root to add the user to" 2
  grep -q '^anomaly-hunter:' "$R/etc/passwd" || run useradd --root "$R" --system --user-group \
    --home-dir /var/lib/anomaly-hunter --no-create-home --shell /usr/sbin/nologin anomaly-hunter
fi
uid_gid() { # numeric ids from the target's passwd, so --root works without the user on this host
  if [ "$dry" = 1 ] && ! grep -q '^anomaly-hunter:' "$R/etc/passwd" 2>/dev/null; then echo "anomaly-hunter:anomaly-hunter"; return; fi
  awk -F: '$1=="anomaly-hunter" {print $3":"$4}' "${R:-}/etc/passwd"
}
owner=$(uid_gid)
group_id=${owner#*:}

# 4. Files. Versions side by side; "current" switched atomically.
dest="$R/opt/anomaly-hunter/versions/$version"
if [ -d "$dest" ] && [ "$(cat "$dest/MANIFEST" 2>/dev/null)" = "$(cat "$bundle/MANIFEST")" ]; then
  say "version $version already in place"
else
  run mkdir -p "$R/opt/anomaly-hunter/versions"
  run rm -rf "$dest.tmp"
  run cp -a "$bundle" "$dest.tmp"
  run chown -R 0:0 "$dest.tmp"
  run rm -rf "$dest"
  run mv "$dest.tmp" "$dest"
fi
run chmod 0755 "$R/opt/anomaly-hunter" "$R/opt/anomaly-hunter/versions" "$dest"
run ln -sfn "versions/$version" "$R/opt/anomaly-hunter/current.tmp"
run mv -T "$R/opt/anomaly-hunter/current.tmp" "$R/opt/anomaly-hunter/current"
run mkdir -p "$R/usr/local/bin"
run ln -sfn /opt/anomaly-hunter/current/bin/anomaly-hunter "$R/usr/local/bin/anomaly-hunter"

run install -d -m 0750 -o 0 -g "$group_id" "$R/etc/anomaly-hunter"
if [ -f "$R/etc/anomaly-hunter/config.yaml" ]; then
  say "keeping the existing /etc/anomaly-hunter/config.yaml"
else
  run sh -c "sed 's|^  path: data/anomaly-hunter.db|  path: /var/lib/anomaly-hunter/anomaly-hunter.db|' '$bundle/config.yaml.example' > '$R/etc/anomaly-hunter/config.yaml'"
  run chown "0:$group_id" "$R/etc/anomaly-hunter/config.yaml"
  run chmod 0640 "$R/etc/anomaly-hunter/config.yaml"
fi
[ -f "$R/etc/anomaly-hunter/release.pub" ] || run install -m 0644 -o 0 -g 0 "$bundle/release.pub" "$R/etc/anomaly-hunter/release.pub"
run install -d -m 0750 -o "${owner%%:*}" -g "$group_id" "$R/var/lib/anomaly-hunter"
run install -D -m 0644 -o 0 -g 0 "$bundle/systemd/anomaly-hunter.service" "$R/etc/systemd/system/anomaly-hunter.service"

# 5. The service.
if [ "$R" != "" ] || [ "$start" = 0 ]; then
  say "installed $version into $root (service not started: $([ "$R" != "" ] && echo "--root" || echo "--no-start"))"
  exit 0
fi
run systemctl daemon-reload
run systemctl enable anomaly-hunter.service
run systemctl restart anomaly-hunter.service
[ "$dry" = 1 ] && exit 0
port=$(sed -n 's/^  port: *\([0-9]*\).*/\1/p' /etc/anomaly-hunter/config.yaml | head -1)
host=$(sed -n 's/^  host: *\([^ #]*\).*/\1/p' /etc/anomaly-hunter/config.yaml | head -1)
if /opt/anomaly-hunter/current/bin/anomaly-hunter status --config /etc/anomaly-hunter/config.yaml --wait 90 >/dev/null; then
  say "anomaly-hunter $version is running: UI at http://${host:-127.0.0.1}:${port:-8080}/ (from elsewhere: ssh -L ${port:-8080}:127.0.0.1:${port:-8080} this-host)"
else
  die "the service did not become healthy; see: journalctl -u anomaly-hunter -n 50" 1
fi
