#!/usr/bin/env bash
# The main job on the bundled sample, offline: installs what is missing,
# builds, and runs `muniscan run` over the sample web in corpus/sites
# (served from disk by --replay-dir) into results/sample/.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh"
rm -rf "$here/results/sample"
"$here/build/muniscan" run --seeds "$here/corpus/seeds.tsv" \
  --replay-dir "$here/corpus/sites" --delay 0 --out "$here/results/sample"
echo "sample: results in $here/results/sample (open report.html)"
