#!/usr/bin/env bash
# Removes anomaly-hunter: stops and disables the service, removes /opt/anomaly-hunter, the unit and the
# command link. Keeps /etc/anomaly-hunter and /var/lib/anomaly-hunter (config and data) unless --purge.
#
#   sudo ./uninstall.sh [--root DIR] [--purge]
set -euo pipefail
root=/ purge=0
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root=$(readlink -m "$2"); shift 2 ;;
    --purge) purge=1; shift ;;
    *) echo "uninstall.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
R=${root%/}
if [ "$R" = "" ] && command -v systemctl >/dev/null; then
  systemctl disable --now anomaly-hunter.service 2>/dev/null || true
fi
rm -rf "$R/opt/anomaly-hunter" "$R/etc/systemd/system/anomaly-hunter.service" "$R/usr/local/bin/anomaly-hunter"
[ "$R" = "" ] && command -v systemctl >/dev/null && systemctl daemon-reload || true
if [ "$purge" = 1 ]; then
  rm -rf "$R/etc/anomaly-hunter" "$R/var/lib/anomaly-hunter"
  if [ "$R" = "" ]; then userdel anomaly-hunter 2>/dev/null || true; else userdel --root "$R" anomaly-hunter 2>/dev/null || true; fi
  echo "uninstall.sh: removed anomaly-hunter with its config, data and user"
else
  echo "uninstall.sh: removed anomaly-hunter; kept /etc/anomaly-hunter and /var/lib/anomaly-hunter (use --purge to remove them)"
fi
