#!/usr/bin/env bash
# Installs the Debian 12 packages muniscan needs (only those missing, so it is
# cheap to run again), then configures and builds.
#
# usage: scripts/setup.sh [--sanitize] [--werror] [--build-dir DIR] [--no-build]
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
build_dir="$here/build"
cmake_args=()
do_build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sanitize) cmake_args+=(-DMUNISCAN_SANITIZE=ON) ;;
    --werror) cmake_args+=(-DMUNISCAN_WERROR=ON) ;;
    --build-dir) build_dir="$2"; shift ;;
    --no-build) do_build=0 ;;
    *) echo "setup.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

# Build: compiler, CMake, libraries.  Run: MeCab's dictionary, pdftotext.
# Tests: nginx (real HTTP server on loopback), chromium (report page),
# w3m/html2text/wget (reference tools in bench/), clang (fuzzers), valgrind.
packages=(
  build-essential cmake pkg-config git ca-certificates python3
  libcurl4-openssl-dev libgumbo-dev libicu-dev libsqlite3-dev libcmocka-dev
  libssl-dev zlib1g-dev libmecab-dev mecab mecab-utils mecab-ipadic-utf8
  poppler-utils sqlite3 nginx-light
  chromium fonts-noto-cjk
  w3m html2text wget time
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$do_build" -eq 1 ]; then
  cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${cmake_args[@]}" >/dev/null
  cmake --build "$build_dir" -j"$(nproc)"
fi
