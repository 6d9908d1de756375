#!/usr/bin/env bash
# Installs what the browser tests need: Debian's chromium (as root) and playwright-core (npm).
# Idempotent and quick when everything is there. Used by `make test` and by the ctest test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "setup.sh: chromium is missing; run as root: apt-get install -y chromium" >&2; exit 2
  fi
fi
# exiftool checks that images lose their metadata; DejaVu renders Vietnamese in screenshots.
extra=()
command -v exiftool >/dev/null || extra+=(libimage-exiftool-perl)
# pdfinfo and pdftotext check the bulletins' PDFs (tests/pdf_test.cc).
command -v pdftotext >/dev/null || extra+=(poppler-utils)
fc-list 2>/dev/null | grep -qi dejavu || extra+=(fonts-dejavu-core)
if [ ${#extra[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${extra[@]}" >/dev/null
  else
    echo "setup.sh: missing ${extra[*]}; run as root: apt-get install -y ${extra[*]}" >&2; exit 2
  fi
fi
command -v npm >/dev/null || {
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  else
    echo "setup.sh: node and npm are missing; run as root: apt-get install -y nodejs npm" >&2; exit 2
  fi
}
if [ ! -f node_modules/playwright-core/package.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
