#!/usr/bin/env bash
# classify_batch4: classify-file over 100 real pages drawn at random from
# those no earlier set used and labelled blind (corpus/real-batch4a.tsv and
# real-batch4b.tsv, two labellers; 2 programs, 98 pages without one), scored
# with `muniscan eval` against their gold files.  Measured once before any
# rule was changed for them: P 1.000 / R 0.500 / F1 0.667 (no false positive
# on the 98 pages, one borderline dispatch missed; docs/BENCHMARKS.md).  The
# floor keeps that: a false positive or the lost program fails it.  Skipped
# when the real pages are not there.
set -u
. "${MUNISCAN_SRC:?}/tests/e2e/lib/real_set.sh"
ms_real_set "${MUNISCAN_BATCH4_FLOOR:-0.6}" corpus/real-batch4a.tsv,corpus/real-batch4b.tsv \
	corpus/real-batch4a-gold.csv,corpus/real-batch4b-gold.csv
