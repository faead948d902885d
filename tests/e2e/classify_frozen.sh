#!/usr/bin/env bash
# classify_frozen: the frozen set (corpus/real-frozen.tsv, 69 real pages
# labelled blind, 4 programs) that no rule, weight or setting is fitted or
# tuned on: scored with the shipped rules and model.  Its first score was
# 0.571 (docs/MODEL.md); the floor only guards against a collapse.  Skipped
# when the real pages are not there.
set -u
. "${MUNISCAN_SRC:?}/tests/e2e/lib/real_set.sh"
ms_real_set "${MUNISCAN_FROZEN_FLOOR:-0.5}" corpus/real-frozen.tsv corpus/real-frozen-gold.csv
