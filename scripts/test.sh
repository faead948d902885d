#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs ctest.
#
# usage: scripts/test.sh [--sanitize] [--werror]
#   --sanitize  build in build-asan with AddressSanitizer + UBSan and run there
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build_dir="$here/build"
args=()
for a in "$@"; do
  case "$a" in
    --sanitize) build_dir="$here/build-asan"; args+=(--sanitize) ;;
    --werror) args+=(--werror) ;;
    *) echo "test.sh: unknown option $a" >&2; exit 2 ;;
  esac
done
"$here/scripts/setup.sh" --build-dir "$build_dir" "${args[@]}"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)"
