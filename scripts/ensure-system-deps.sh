#!/usr/bin/env bash
# Makes sure the system packages the project needs are present; installs the missing ones with apt-get
# when we are root, otherwise stops with the exact command to run. Called by `npm run demo` and `npm test`.
#   usage: ensure-system-deps.sh [demo|test]   (demo needs only ffmpeg and fonts)
set -euo pipefail
what="${1:-test}"

need=()
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

have_cmd ffmpeg || need+=(ffmpeg)
have_cmd ffprobe || need+=(ffmpeg)
have_pkg fonts-dejavu-core || need+=(fonts-dejavu-core)
have_pkg fonts-noto-cjk || need+=(fonts-noto-cjk)
if [ "$what" = test ]; then
  [ -x /usr/bin/chromium ] || need+=(chromium)
  have_pkg libkrb5-dev || need+=(libkrb5-dev)   # code-server's native kerberos module builds against it
  have_cmd curl || need+=(curl)
  # code-server's install compiles native modules (kerberos, …) with node-gyp.
  { have_cmd make && have_cmd g++; } || need+=(build-essential)
  have_cmd python3 || need+=(python3)
fi

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
# de-duplicate
mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
cmd="apt-get update && apt-get install -y --no-install-recommends ${need[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if have_cmd sudo && sudo -n true 2>/dev/null; then
    cmd="sudo sh -c '$cmd'"
  else
    echo "Generator YouTube needs these system packages: ${need[*]}" >&2
    echo "Install them with:  sudo sh -c '$cmd'" >&2
    exit 1
  fi
fi
echo "[setup] installing system packages: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! sh -c "$cmd" >/tmp/generator-youtube-apt.log 2>&1; then
  echo "[setup] apt-get failed (log: /tmp/generator-youtube-apt.log). Run by hand: $cmd" >&2
  tail -n 20 /tmp/generator-youtube-apt.log >&2
  exit 1
fi
echo "[setup] system packages ready" >&2
