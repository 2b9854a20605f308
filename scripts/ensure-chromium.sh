#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the end-to-end tests (tests/e2e), with
# fonts that have Arabic glyphs. Only Debian's own packages, through apt-get: never a browser
# download by a test tool. Exits 0 at once when both are there.
set -euo pipefail

have_chromium() { [ -x /usr/bin/chromium ]; }
have_arabic_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ar family 2>/dev/null)" ]; }

if have_chromium && have_arabic_font; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: /usr/bin/chromium or an Arabic font is missing, and apt-get is not available" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo -n"
  else
    echo "ensure-chromium: need root (or sudo) to install Debian's chromium" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium fonts-noto-core fonts-dejavu-core fontconfig

if ! have_chromium; then
  echo "ensure-chromium: apt-get finished but /usr/bin/chromium is still missing" >&2
  exit 1
fi
