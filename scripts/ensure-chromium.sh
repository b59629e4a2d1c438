#!/usr/bin/env bash
# The browser tests drive Debian's Chromium: browser downloads (playwright install)
# do not work on these machines. Installs it when it is missing.
set -euo pipefail
CHROMIUM="${ML_DEBT_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing at $CHROMIUM. Install it (Debian: sudo apt-get install chromium)" \
    "or point ML_DEBT_CHROMIUM at a Chromium binary, or set ML_DEBT_SKIP_E2E=1." >&2
  exit 1
fi
echo "[ml-debt] installing Chromium from Debian (once)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 || {
  apt-get update >/dev/null
  apt-get install -y --no-install-recommends chromium >/dev/null
}
[ -x "$CHROMIUM" ] || { echo "Chromium did not install at $CHROMIUM" >&2; exit 1; }
