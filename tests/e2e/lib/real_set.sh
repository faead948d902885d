# real_set: score one labelled set of real pages (tests/e2e/classify_real*.sh,
# classify_heldout.sh, classify_fresh.sh, classify_batch4.sh).
#
#   ms_real_set FLOOR LABELLED.tsv[,MORE.tsv] GOLD.csv[,MORE.csv]
#
# Runs classify-file --url-map over the listed pages (file<TAB>url rows;
# several files are joined), scores the rows with `muniscan eval` against
# the gold file(s) and exits: 0 when program F1 reaches FLOOR, 1 when not
# (or when classify-file fails or a labelled page is missing), 77 when the
# real pages ($MUNISCAN_SHARED/data/real-pages, outside the repository) are
# not there.
# ms_join DIR A,B,...: the files joined, the header row once
ms_join() {
	local f first=1

	for f in ${2//,/ }; do
		if [ $first = 1 ]; then cat "$1/$f"; else tail -n +2 "$1/$f"; fi
		first=0
	done
}

ms_real_set() {
	local floor=$1 tsvs=$2 golds=$3 src=${MUNISCAN_SRC:?} bin=${MUNISCAN_BIN:?}
	local pages="${MUNISCAN_SHARED:-$src/../shared}/data/real-pages" tmp rc f
	local -a files

	if [ ! -d "$pages" ]; then
		echo "skip: no real pages in $pages (set MUNISCAN_SHARED)"
		exit 77
	fi
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	ms_join "$src" "$tsvs" >"$tmp/labelled.tsv"
	ms_join "$src" "$golds" >"$tmp/gold.csv"
	mapfile -t files < <(tail -n +2 "$tmp/labelled.tsv" | cut -f1 | sed "s|^|$pages/|")
	for f in "${files[@]}"; do
		[ -f "$f" ] || { echo "FAIL: labelled page $f is missing"; exit 1; }
	done
	echo "pages: ${#files[@]} labelled, $(($(wc -l <"$tmp/gold.csv") - 1)) gold programs"
	"$bin" classify-file --url-map "$tmp/labelled.tsv" --threads 2 "${files[@]}" \
		>"$tmp/pred.csv" 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "FAIL: classify-file exited $rc"
		cat "$tmp/err"
		exit 1
	fi
	"$bin" eval --gold "$tmp/gold.csv" --pred "$tmp/pred.csv" --fail-under "$floor" \
		>"$tmp/eval" 2>&1
	rc=$?
	cat "$tmp/eval"
	if [ $rc -ne 0 ]; then
		echo "FAIL: program F1 under $floor"
		exit 1
	fi
	echo "ok"
	exit 0
}
