#!/usr/bin/env bash
# Runs the measurements of issue "Fast at any size" and prints the table:
# figure, floor, ratio, target. Raw results are kept in bench/out/.
#
#   bench/run.sh            # everything, about five minutes on 2 cores
#   QUICK=1 bench/run.sh    # fewer rounds, for a look
#
# The corpora (up to 100,000 posts, 700 MB) are written under $TMPDIR;
# when it is unset, /dev/shm is used if it is a writable tmpfs, because
# writing 100,000 files to a disk takes minutes. Benchmarks report the
# median of several rounds and, where a floor exists, the median of the
# paired ratios: the floor is measured in the same run, between the
# rounds, so that a busy machine slows both. The floors open the files
# the way the library does (bare descriptors on Linux); the same ratios
# against reads through os.Open are printed below them for comparison.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${TMPDIR:-}" && -d /dev/shm && -w /dev/shm ]]; then
	export TMPDIR=/dev/shm
fi
out=bench/out
mkdir -p "$out"

rounds=5 body_rounds=3 keys=300 screens=7
if [[ -n "${QUICK:-}" ]]; then
	rounds=2 body_rounds=1 keys=60 screens=3
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -h | awk '/^Mem:/ {print $2}') RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "corpora in ${TMPDIR:-/tmp}; raw results in $out/"
echo

run() { # name, then the command; its output goes to $out/name.txt
	local name=$1
	shift
	echo "== $name: $*" >&2
	if ! "$@" >"$out/$name.txt" 2>&1; then
		cat "$out/$name.txt" >&2
		echo "bench/run.sh: $name failed" >&2
		exit 1
	fi
	grep -E '^(Benchmark|[A-Za-z-]+ [0-9.]+$)' "$out/$name.txt" >&2 || true
}

run scan go test ./posts -run '^$' -bench '^BenchmarkScanFolder$' -benchtime "${rounds}x"
run heap go test ./posts -run '^$' -bench '^BenchmarkHeap100k$' -benchtime 2x
run parse go test ./posts -run '^$' -bench '^BenchmarkParse$'
run keys go test ./ui -run '^$' -bench '^BenchmarkKeyJ$'
run title go test ./ui -run '^$' -bench '^BenchmarkSearchTitle$' -benchtime "${keys}x"
run render go test ./ui -run '^$' -bench '^BenchmarkRenderArticle$'
run body go test ./ui -run '^$' -bench '^BenchmarkSearchBody$' -benchtime "${body_rounds}x" -timeout 30m
# Built as README.md says to install it: static, without cgo (which only
# two dependencies' net and os/user would bring in, for nothing this
# program uses); a dynamic binary spends about a millisecond more in the
# dynamic loader at every start.
CGO_ENABLED=0 go build -o "$out/newsreader" .
run screen go run ./bench/firstscreen -bin "$out/newsreader" -runs "$screens"

# val FILE BENCHMARK UNIT: the value reported with UNIT by BENCHMARK.
val() {
	awk -v b="$2" -v u="$3" '
		$1 ~ ("^" b "-[0-9]+$") { for (i = 3; i <= NF; i++) if ($i == u) v = $(i - 1) }
		$1 == u && NF == 2 { v = $2 }
		END { print (v == "" ? "?" : v) }' "$out/$1.txt"
}

row() { printf '| %-44s | %-22s | %-14s | %-18s | %-30s |\n' "$@"; }

echo
{
row "figure" "measured" "floor" "ratio" "target"
row "--------------------------------------------" "----------------------" "--------------" "------------------" "------------------------------"
for n in 10000 100000; do
	b="BenchmarkScanFolder/posts=$n"
	row "scan, $n posts (OpenDir: parse + sort)" "$(val scan "$b" scan-ms) ms" "$(val scan "$b" floor-ms) ms" \
		"$(val scan "$b" ratio) (cpu $(val scan "$b" cpu-ratio))" "≤ 1.5 × floor"
	row "  the same against os.Open reads" "" "$(val scan "$b" os-floor-ms) ms" "$(val scan "$b" os-ratio)" "(for comparison)"
done
row "first screen with posts, 10,000 posts" "$(val screen '' firstscreen-ms) ms" "" "" "< 150 ms"
for n in 1000 100000; do
	b="BenchmarkKeyJ/posts=$n"
	row "j: Update + View, $n posts" "$(val keys "$b" j-median-ms) ms (cpu $(val keys "$b" j-cpu-median-ms))" "" "" "median < 1 ms, flat in posts"
done
b=BenchmarkSearchTitle
row "search keystroke over titles, 100,000 posts" "$(val title $b key-median-ms) ms (cpu $(val title $b key-cpu-median-ms))" "" "" "median < 20 ms"
b=BenchmarkSearchBody/q=dang_hai_nam
row "body search, 100,000 posts: first results" "$(val body $b first-ms) ms" "" "" "< 100 ms"
row "body search, 100,000 posts: complete" "$(val body $b complete-ms) ms" "$(val body $b floor-ms) ms" \
	"$(val body $b ratio) (cpu $(val body $b cpu-ratio))" "≤ 2 × floor"
row "  the same against os.Open reads" "" "$(val body $b os-floor-ms) ms" "$(val body $b os-ratio)" "(for comparison)"
b=BenchmarkSearchBody/q=dang_hai
row "  \"dang hai\" (by pairs: its d)" "$(val body $b complete-ms) ms" "$(val body $b floor-ms) ms" \
	"$(val body $b ratio) (cpu $(val body $b cpu-ratio))" "≤ 2 × floor"
b=BenchmarkSearchBody/q=nguong
row "  \"nguong\" (by pairs: its g), in no post" "$(val body $b complete-ms) ms" "$(val body $b floor-ms) ms" \
	"$(val body $b ratio) (cpu $(val body $b cpu-ratio))" "≤ 2 × floor"
b=BenchmarkSearchBody/q=nien
row "  \"nien\" (by pairs: its n), in no post" "$(val body $b complete-ms) ms" "$(val body $b floor-ms) ms" \
	"$(val body $b ratio) (cpu $(val body $b cpu-ratio))" "≤ 2 × floor"
b=BenchmarkRenderArticle/first
row "render 6 KB article at 100 columns, first" "$(val render $b ours-median-ms) ms" "$(val render $b glamour-median-ms) ms" \
	"$(val render $b ratio)" "≤ 1.5 × Glamour"
row "render again, from the cache" "$(val render BenchmarkRenderArticle/cached cached-median-ms) ms" "" "" "< 0.1 ms"
row "J to the next post (rendered ahead)" "$(val render BenchmarkRenderArticle/next-post J-median-ms) ms" "" "" "on screen in the next frame"
row "heap after OpenDir + NewIndex, 100,000 posts" "$(val heap BenchmarkHeap100k heap-MB) MB" "" "" "(part of the RSS below)"
row "peak RSS of the binary, 100,000 posts" "$(val screen '' peak-rss-MB) MB" "" "" "< 200 MB"
row "start-up, --version" "$(val screen '' version-ms) ms (cpu $(val screen '' version-cpu-ms))" "" "" "< 20 ms"
} | tee "$out/table.md"
