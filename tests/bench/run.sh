#!/bin/sh
# Benchmark of rekap on synthetic national records trees.
#
#   sh tests/bench/run.sh [REKAP] [SIZES...]
#
# REKAP  the rekap binary (default: /tmp/bench-build/rekap, configured and
#        built there from this checkout when it is missing; "-" = default)
# SIZES  tenth, third and/or full (default: "tenth third full"); several may
#        be given as separate arguments or as one space-separated argument
#
# Environment:
#   BENCH_CACHE  where records and outputs go (default /tmp/rekap-bench);
#                <cache>/<size>/records is generated once by synth.py and
#                reused while synth.py, the size and the seed are unchanged
#   BENCH_SEED   seed for synth.py (default 1)
#   BENCH_RULES, BENCH_TEMPLATES   rules and templates (default: lua/ and
#                templates/ of this checkout)
#   BENCH_REV    a commit (e.g. HEAD): benchmark that commit instead of the
#                working tree; it is exported with git archive into
#                <cache>/src-<hash>, built in <cache>/build-<hash> (Release)
#                and run with its own lua/ and templates/ (REKAP is ignored)
#   BENCH_OUT    where the generated sites and the cp copy go (default: the
#                cache); e.g. /dev/shm to leave the disk out of the figures
#   BENCH_SETTLE seconds to wait, after a sync, between setting a tree
#                aside and the next timed step (default 6)
#   BENCH_DEFER_DELETE=0 delete each tree the steps are done with at once;
#                by default it is moved into <out>/.discarded-<pid> and
#                deleted when the run ends (see README.md: on ext4 without a
#                journal, creating files within minutes of deleting many is
#                several times slower); needs room for every tree of a run
#   BENCH_KEEP=1 keep the last generated site of each size (default: set
#                aside after each size and deleted when the run ends)
#   BENCH_XLSX   the xlsx_bench binary (default: xlsx_bench beside REKAP)
#   BENCH_VERIFY=1 keep a copy of the full build and compare the site after
#                the two rebuilds (the cell changed, then restored) with it
#                byte for byte (diff -r)
#   BENCH_SERVE=0 leave out the serve measurement (default: measured)
#   BENCH_REBUILDS=N  after those two rebuilds, N - 1 more pairs (the cell
#                changed, then restored), all from the spare; the rows
#                "rebuild from the spare" give the median, lowest and
#                highest wall time of the 2N - 1 rebuilds from the spare
#                (default 1: no extra pairs, no such rows)
#   BENCH_RUNS=N the md,html build and Hugo, in turn, N times each; their
#                rows give the median and the lowest and highest wall time
#                (default 3)
#
# For every size it measures, one run each unless said, sequentially:
#   build      rekap build into an empty --out, with no spare beside it
#              (one left by an earlier run would be removed inside the
#              timed build): wall time, CPU (user+sys), peak RSS, files
#              written and their total bytes. It links the site it
#              published into the spare the rebuilds start from
#   check      rekap check on the same records
#   incr       rekap build again into the same --out after one value in one
#              post's laporan.csv changed (restored afterwards)
#   cp         cp -a of the build's .md and .html files into a fresh folder,
#              the floor for writing that many files on this machine
#   jobs       rekap build --jobs 1 and --jobs <cores>, when --help lists --jobs
#   serve      tests/bench/serve_latency.py: rekap serve on the same site,
#              one value of that laporan.csv changed 6 times (then back);
#              from each save to the post's page served with the change;
#              then the post's name changed 3 times with its page open in
#              Chromium, from each save to the browser showing the new name
#              (when Chromium and playwright-core are there); BENCH_SERVE=0
#              leaves it out
#   cp site    cp -a of the whole site of the full build into a fresh folder
#              on the same disk (the floor for the full build)
#   md,html    rekap build --formats md,html into an empty --out (the part to
#              compare with cp -a), BENCH_RUNS times
#   hugo       when hugo is on PATH: Hugo rendering the very Markdown pages of
#              that build (every node a branch bundle _index.md, a one-line
#              layout) into an empty folder on the same disk, BENCH_RUNS
#              times, each after an md,html build
#   xlsx       xlsx_bench (built with -DREKAP_BENCH_TOOLS=ON), when it lies next
#              to REKAP or BENCH_XLSX names it: every workbook against two bare
#              libxlsxwriter programs; CPU time, total/p90/max of the ratios.
#              "rekap / bare libxlsxwriter, same workbook", the headline: the
#              bare program replays every libxlsxwriter call rekap makes, so
#              it writes the same sheets, print setup, conditional formats and
#              charts (the same bytes). "cells only": the bare program writes
#              the cells alone, so that ratio adds what the features cost.
#              BENCH_XLSX_REPEAT=N: each side's best of N (default 1)
# and prints a table with one column per size.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${BENCH_CACHE:-/tmp/rekap-bench}
seed=${BENCH_SEED:-1}
rules=${BENCH_RULES:-$root/lua}
templates=${BENCH_TEMPLATES:-$root/templates}
outroot=${BENCH_OUT:-$cache}
settle_s=${BENCH_SETTLE:-6}
cores=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)

rekap=${1:--}
[ $# -gt 0 ] && shift
sizes=${*:-tenth third full}
srcdesc=$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)
if [ -n "${BENCH_REV:-}" ]; then
	rev=$(git -C "$root" rev-parse --short=12 "$BENCH_REV^{commit}")
	src=$cache/src-$rev
	if [ ! -x "$cache/build-$rev/rekap" ]; then
		echo "run.sh: building $BENCH_REV ($rev) in $cache/build-$rev" >&2
		rm -rf "$src"
		mkdir -p "$src"
		git -C "$root" archive "$rev" CMakeLists.txt generator lua templates | tar -x -C "$src"
		cmake -S "$src" -B "$cache/build-$rev" -DCMAKE_BUILD_TYPE=Release \
			-DREKAP_BUILD_TESTS=OFF >/dev/null
		cmake --build "$cache/build-$rev" -j"$cores" >/dev/null
	fi
	rekap=$cache/build-$rev/rekap
	rules=${BENCH_RULES:-$src/lua}
	templates=${BENCH_TEMPLATES:-$src/templates}
	srcdesc=$rev
elif [ "$rekap" = - ]; then
	rekap=/tmp/bench-build/rekap
	if [ ! -x "$rekap" ]; then
		echo "run.sh: building $rekap" >&2
		cmake -S "$root" -B /tmp/bench-build -DCMAKE_BUILD_TYPE=Release \
			-DREKAP_BUILD_TESTS=OFF >/dev/null
		cmake --build /tmp/bench-build -j"$cores" >/dev/null
	fi
fi
case $rekap in /*) ;; *) rekap=$(pwd)/$rekap ;; esac
[ -x "$rekap" ] || { echo "run.sh: $rekap is not an executable" >&2; exit 2; }
xlsx_bench=${BENCH_XLSX:-$(dirname "$rekap")/xlsx_bench}
for s in $sizes; do
	case $s in tenth|third|full) ;; *) echo "run.sh: unknown size \"$s\" (tenth, third, full)" >&2; exit 2 ;; esac
done
[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time (GNU time) is needed" >&2; exit 2; }

load0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
mkdir -p "$cache"
results=$cache/results.$$
trash=$outroot/.discarded-$$
: >"$results"
restore=
cleanup() {
	if [ -n "$restore" ] && [ -f "$restore.orig" ]; then
		mv -f "$restore.orig" "$restore"
	fi
	rm -f "$results"
	rm -rf "$trash"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '%s\n' "$*" >&2; }
settle() { sync; sleep "$settle_s"; }
# discard PATH...: done with these trees. They are renamed into $trash,
# deleted when the run ends: deleting a tree frees its inodes, and on ext4
# without a journal every file created in the next minutes would pass over
# them (see README.md), a cost of the benchmark's own deletions, not of the
# step timed after them.
discarded=0
discard() {
	for d in "$@"; do
		[ -e "$d" ] || continue
		if [ "${BENCH_DEFER_DELETE:-1}" = 0 ]; then
			rm -rf "$d"
		else
			mkdir -p "$trash"
			discarded=$((discarded + 1))
			mv "$d" "$trash/$discarded"
		fi
	done
}
# what a killed run left to delete, deleted with this run's
for d in "$outroot"/.discarded-*; do
	[ "$d" = "$trash" ] || discard "$d"
done
put() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$results"; } # size key value

# timed OUT LOG CMD...: run CMD with GNU time; OUT gets "wall user sys maxrss_kb"
timed() {
	out=$1 log=$2
	shift 2
	if /usr/bin/time -f '%e %U %S %M' -o "$out" "$@" >"$log" 2>&1; then
		return 0
	fi
	say "run.sh: failed: $* (see $log)"
	tail -5 "$log" >&2
	return 1
}

# The figures of a time file as key=value words
wall() { awk '{print $1}' "$1"; }
cpu() { awk '{printf "%.2f", $2 + $3}' "$1"; }
rss() { awk '{printf "%.0f", $4 / 1024}' "$1"; } # MiB
# median COLUMN FILE: the median of that column of FILE's lines ("-": stdin)
median() {
	sort -n -k"$1" "$2" | awk -v c="$1" '{ x[NR] = $c }
		END { if (NR) printf "%.2f", NR % 2 ? x[(NR + 1) / 2] : (x[NR / 2] + x[NR / 2 + 1]) / 2 }'
}

# ", no journal" when the folder is on an ext4 without one: there the inode
# allocator passes over each recently deleted inode, so that creating files
# soon after deleting many (the previous trees) costs several times more
journal_of() {
	dev=$(df -P "$1" 2>/dev/null | awk 'NR == 2 {print $1}')
	[ "$(df -PT "$1" 2>/dev/null | awk 'NR == 2 {print $2}')" = ext4 ] || return 0
	dev=$(basename "$(readlink -f "$dev")")
	if ls /proc/fs/jbd2 2>/dev/null | grep -q "^$dev-"; then
		echo ", journal"
	else
		echo ", no journal"
	fi
}

stamp_of() {
	printf 'synth %s seed %s size %s\n' "$(cksum <"$here/synth.py")" "$seed" "$1"
}

for size in $sizes; do
	dir=$cache/$size
	recs=$dir/records
	site=$outroot/$size/site
	copy=$outroot/$size/copy
	stamp=$(stamp_of "$size")
	if [ -f "$dir/stamp" ] && [ "$(cat "$dir/stamp")" = "$stamp" ] && [ -d "$recs" ]; then
		say "== $size: reusing $recs"
	else
		say "== $size: generating $recs"
		rm -rf "$dir"
		mkdir -p "$dir"
		python3 "$here/synth.py" --scale "$size" --seed "$seed" --jobs "$cores" "$recs" >&2
		printf '%s\n' "$stamp" >"$dir/stamp"
	fi
	posts=$(find "$recs" -name pos.md | wc -l)
	put "$size" posts "$posts"
	put "$size" inbytes "$(find "$recs" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.0f", s}')"

	set -- --records "$recs" --rules "$rules" --templates "$templates"

	# full build into an empty folder
	mkdir -p "$outroot/$size"
	discard "$site" "$site.cadangan" "$copy"
	settle
	say "   build"
	timed "$dir/t.build" "$dir/build.log" "$rekap" build "$@" --out "$site"
	put "$size" build_wall "$(wall "$dir/t.build")"
	put "$size" build_cpu "$(cpu "$dir/t.build")"
	put "$size" build_user "$(awk '{print $2}' "$dir/t.build")"
	put "$size" build_sys "$(awk '{print $3}' "$dir/t.build")"
	put "$size" build_rss "$(rss "$dir/t.build")"
	put "$size" files "$(find "$site" -type f | wc -l)"
	put "$size" outbytes "$(find "$site" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.0f", s}')"
	put "$size" warnings "$(grep -c ': warning: ' "$dir/build.log" || true)"
	if [ "${BENCH_VERIFY:-0}" = 1 ]; then
		discard "$site.full"
		cp -a "$site" "$site.full"
		# the copy written back before the timed steps, as without it
		settle
	fi

	# check
	say "   check"
	timed "$dir/t.check" "$dir/check.log" "$rekap" check "$@"
	put "$size" check_wall "$(wall "$dir/t.check")"
	put "$size" check_cpu "$(cpu "$dir/t.check")"
	put "$size" check_rss "$(rss "$dir/t.check")"

	# incremental: one value of one post's laporan.csv changes
	lap=
	for f in "$recs"/*/*/*/*/laporan.csv; do
		if head -n 1 "$f" | grep -q '^periode,'; then lap=$f; break; fi
	done
	say "   incremental (${lap#"$recs"/})"
	restore=$lap
	cp -p "$lap" "$lap.orig"
	awk -F, 'BEGIN { OFS = "," } NR == 2 { $3 = ($3 == "" ? 1 : $3 % 4 + 1) } { print }' \
		"$lap.orig" >"$lap"
	timed "$dir/t.incr" "$dir/incr.log" "$rekap" build "$@" --out "$site"
	mv -f "$lap.orig" "$lap"
	restore=
	put "$size" incr_wall "$(wall "$dir/t.incr")"
	put "$size" incr_cpu "$(cpu "$dir/t.incr")"
	put "$size" incr_rss "$(rss "$dir/t.incr")"
	# the cell restored: the usual rebuild, which starts from the spare the
	# last one set aside (site.cadangan)
	say "   incremental again (the cell restored)"
	timed "$dir/t.incr2" "$dir/incr2.log" "$rekap" build "$@" --out "$site"
	put "$size" incr2_wall "$(wall "$dir/t.incr2")"
	put "$size" incr2_cpu "$(cpu "$dir/t.incr2")"
	# more pairs, for a median: a single rebuild varies a lot on a busy VM
	rebuilds=${BENCH_REBUILDS:-1}
	if [ "$rebuilds" -gt 1 ]; then
		wall "$dir/t.incr2" >"$dir/spare.walls"
		k=2
		while [ "$k" -le "$rebuilds" ]; do
			say "   rebuild pair $k of $rebuilds"
			restore=$lap
			cp -p "$lap" "$lap.orig"
			awk -F, 'BEGIN { OFS = "," } NR == 2 { $3 = ($3 == "" ? 1 : $3 % 4 + 1) } { print }' \
				"$lap.orig" >"$lap"
			timed "$dir/t.pair" "$dir/pair.log" "$rekap" build "$@" --out "$site"
			wall "$dir/t.pair" >>"$dir/spare.walls"
			mv -f "$lap.orig" "$lap"
			restore=
			timed "$dir/t.pair" "$dir/pair.log" "$rekap" build "$@" --out "$site"
			wall "$dir/t.pair" >>"$dir/spare.walls"
			k=$((k + 1))
		done
		sort -n "$dir/spare.walls" | awk -v size="$size" '
			{ w[NR] = $1 }
			END { m = NR % 2 ? w[(NR + 1) / 2] : (w[NR / 2] + w[NR / 2 + 1]) / 2
			      printf "%s\tspare_median\t%.2f\n", size, m
			      printf "%s\tspare_range\t%.2f/%.2f\n", size, w[1], w[NR]
			      printf "%s\tspare_n\t%d\n", size, NR }' >>"$results"
	fi
	if [ "${BENCH_VERIFY:-0}" = 1 ]; then
		if diff -r -q "$site.full" "$site" >"$dir/verify.log" 2>&1; then
			put "$size" verify yes
		else
			put "$size" verify "NO ($(wc -l <"$dir/verify.log") files)"
		fi
		discard "$site.full"
	fi

	# rekap serve on the same site: from the save to the page served again
	if [ "${BENCH_SERVE:-1}" = 1 ]; then
		say "   serve (${lap#"$recs"/} edited 6 times)"
		python3 "$here/serve_latency.py" "$rekap" "$recs" "$rules" "$templates" "$site" "$lap" 6 \
			>"$dir/serve.log" 2>&1 || say "   serve: failed, see $dir/serve.log"
		grep '^serve_' "$dir/serve.log" | sed "s/^/$size	/" >>"$results"
	fi

	# cp -a of the whole site: the floor for the full build on this disk
	settle
	say "   cp -a site"
	/usr/bin/time -f '%e %U %S %M' -o "$dir/t.cpall" cp -a "$site" "$copy"
	put "$size" cpall_wall "$(wall "$dir/t.cpall")"
	discard "$copy"

	# cp -a of the pages (.md + .html) alone
	settle
	say "   cp -a pages"
	mkdir -p "$copy"
	(cd "$site" && /usr/bin/time -f '%e %U %S %M' -o "$dir/t.cp" \
		find . -type f \( -name '*.md' -o -name '*.html' \) -exec cp -a --parents -t "$copy" {} +)
	put "$size" cp_wall "$(wall "$dir/t.cp")"
	put "$size" cp_files "$(find "$copy" -type f | wc -l)"
	discard "$copy"

	# --jobs, once the engine has it
	if "$rekap" --help 2>&1 | grep -q -- '--jobs'; then
		for j in 1 "$cores"; do
			say "   build --jobs $j"
			discard "$site" "$site.cadangan"
			settle
			timed "$dir/t.jobs$j" "$dir/jobs$j.log" "$rekap" build "$@" --out "$site" --jobs "$j"
			put "$size" "jobs${j}_wall" "$(wall "$dir/t.jobs$j")"
			put "$size" "jobs${j}_rss" "$(rss "$dir/t.jobs$j")"
		done
	else
		put "$size" jobs1_wall "n/a"
		put "$size" "jobs${cores}_wall" "n/a"
	fi
	# the Markdown + HTML part alone, and Hugo on the very same Markdown
	# pages: each node's index.md becomes the branch bundle
	# content/<path>/_index.md, rendered by a one-line layout. The two run
	# in turn BENCH_RUNS times, so that a slow minute of the machine falls
	# on both; the rows give the median wall time of each.
	runs=${BENCH_RUNS:-3}
	hsite=$outroot/$size/hugo
	: >"$dir/mdhtml.runs"
	: >"$dir/hugo.runs"
	k=1
	while [ "$k" -le "$runs" ]; do
		if "$rekap" --help 2>&1 | grep -q -- '--formats'; then
			say "   build --formats md,html ($k of $runs)"
			discard "$site" "$site.cadangan"
			settle
			timed "$dir/t.mdhtml" "$dir/mdhtml.log" "$rekap" build "$@" --out "$site" --formats md,html
			cat "$dir/t.mdhtml" >>"$dir/mdhtml.runs"
		fi
		if command -v hugo >/dev/null 2>&1 && [ -f "$site/index.md" ]; then
			if [ "$k" = 1 ]; then
				discard "$hsite"
				mkdir -p "$hsite/content" "$hsite/layouts/_default"
				printf '%s\n' 'baseURL = "http://localhost/"' 'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]' \
					'[markup.goldmark.renderer]' 'unsafe = true' >"$hsite/hugo.toml"
				for l in list single; do echo '{{ .Content }}' >"$hsite/layouts/_default/$l.html"; done
				python3 - "$site" "$hsite/content" <<'PY'
import os, shutil, sys
site, content = sys.argv[1:3]
for d, _, files in os.walk(site):
    if "index.md" in files:
        to = os.path.join(content, os.path.relpath(d, site))
        os.makedirs(to, exist_ok=True)
        shutil.copyfile(os.path.join(d, "index.md"), os.path.join(to, "_index.md"))
PY
			fi
			say "   hugo ($k of $runs)"
			discard "$hsite/public"
			settle
			timed "$dir/t.hugo" "$dir/hugo.log" hugo --quiet -s "$hsite" -d "$hsite/public"
			cat "$dir/t.hugo" >>"$dir/hugo.runs"
			if [ "$k" = 1 ]; then
				put "$size" hugo_pages "$(find "$hsite/public" -name index.html | wc -l)"
			fi
		fi
		k=$((k + 1))
	done
	for t in mdhtml hugo; do
		[ -s "$dir/$t.runs" ] || continue
		put "$size" "${t}_wall" "$(median 1 "$dir/$t.runs")"
		put "$size" "${t}_range" "$(sort -n "$dir/$t.runs" | awk 'NR == 1 {lo = $1} {hi = $1} END {print lo "/" hi}')"
		put "$size" "${t}_cpu" "$(awk '{printf "%.2f\n", $2 + $3}' "$dir/$t.runs" | median 1 -)"
		put "$size" "${t}_rss" "$(sort -n -k4 "$dir/$t.runs" | tail -n 1 | rss -)"
	done
	discard "$hsite"
	# each workbook against bare libxlsxwriter programs writing the same
	# workbook (the replay of every call rekap makes) and its cells only
	if [ -x "$xlsx_bench" ]; then
		say "   workbooks vs bare libxlsxwriter"
		if ! "$xlsx_bench" --records "$recs" --rules "$rules" --out "$outroot/$size/xlsx" \
			--repeat "${BENCH_XLSX_REPEAT:-1}" >"$dir/xlsx.log" 2>&1; then
			say "run.sh: failed: $xlsx_bench (see $dir/xlsx.log)"
			tail -5 "$dir/xlsx.log" >&2
			exit 1
		fi
		put "$size" xlsx_book "$(awk '/^xlsx_bench: same workbook total/ {printf "%.2f/%.2f/%.2f", $5, $9, $11}' "$dir/xlsx.log")"
		put "$size" xlsx "$(awk '/^xlsx_bench: cells only total/ {printf "%.2f/%.2f/%.2f", $5, $9, $11}' "$dir/xlsx.log")"
		discard "$outroot/$size/xlsx"
	fi
	[ "${BENCH_KEEP:-0}" = 1 ] || discard "$site" "$site.cadangan"
done

# The table: one row per figure, one column per size.
echo
echo "load average before the run: $load0; after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
echo "output on $(df -PT "$outroot" 2>/dev/null | awk 'NR == 2 {print $2 " (" $7 ")"}')$(journal_of "$outroot"), TMPDIR=${TMPDIR:-/tmp}"
echo "rekap benchmark: $rekap (source $srcdesc), $cores cores, seed $seed, $(date -u +%Y-%m-%d)"
awk -F '\t' -v sizes="$sizes" -v cores="$cores" '
	{ v[$1, $2] = $3 }
	function num(x) { return x ~ /^[0-9.]+$/ }
	function per(s, key, scale,   p) {
		p = v[s, "posts"]
		if (!num(v[s, key]) || p == 0) return "-"
		return sprintf("%.1f", v[s, key] * scale / p)
	}
	function mb(x) { return num(x) ? sprintf("%.1f", x / 1e6) : "-" }
	function ratio(a, b) { return num(a) && num(b) && b > 0 ? sprintf("%.1fx", a / b) : "-" }
	END {
		n = split(sizes, S, " ")
		for (i = 1; i <= n; i++) cell[i] = S[i]; line("size")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "posts"]; line("posts")
		for (i = 1; i <= n; i++) cell[i] = mb(v[S[i], "inbytes"]); line("records, MB")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "build_wall"]; line("build wall, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "build_cpu"]; line("build CPU user+sys, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "build_user"]; line("  user, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "build_sys"]; line("  sys, s")
		for (i = 1; i <= n; i++) cell[i] = per(S[i], "build_user", 1e6) ; line("  user per post, us")
		for (i = 1; i <= n; i++) cell[i] = per(S[i], "build_wall", 1e6) ; line("build wall per post, us")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "build_rss"]; line("build peak RSS, MiB")
		for (i = 1; i <= n; i++) cell[i] = per(S[i], "build_rss", 1024); line("build RSS per post, KiB")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "files"]; line("files written")
		for (i = 1; i <= n; i++) cell[i] = mb(v[S[i], "outbytes"]); line("output, MB")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "warnings"]; line("warnings")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "check_wall"]; line("check wall, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "check_cpu"]; line("check CPU, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "check_rss"]; line("check peak RSS, MiB")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "incr_wall"]; line("rebuild, 1 cell changed, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "incr_cpu"]; line("  CPU user+sys, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "incr_rss"]; line("  peak RSS, MiB")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "incr2_wall"]; line("rebuild again (cell restored), s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "incr2_cpu"]; line("  CPU user+sys, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "spare_median"]
		if (cell[1] cell[2] cell[3] != "") line("rebuild from the spare, median, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "spare_range"]
		if (cell[1] cell[2] cell[3] != "") line("  lowest/highest, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "spare_n"]
		if (cell[1] cell[2] cell[3] != "") line("  rebuilds")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "verify"]; line("  same bytes as the full build")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "serve_median"]; line("serve: save to page served, median, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "serve_max"]; line("  slowest of 6, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "serve_shown_median"]; line("serve: save to edit shown in Chromium, median of 3, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "serve_shown_max"]; line("  slowest of 3, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "cpall_wall"]; line("cp -a of the whole site, s")
		for (i = 1; i <= n; i++) cell[i] = ratio(v[S[i], "build_wall"], v[S[i], "cpall_wall"]); line("  build wall / cp -a")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "cp_wall"]; line("cp -a .md+.html, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "cp_files"]; line("  (files copied)")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "jobs1_wall"]; line("build --jobs 1, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "jobs" cores "_wall"]; line("build --jobs " cores ", s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "mdhtml_wall"]; line("build --formats md,html, median, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "mdhtml_range"]; line("  lowest/highest, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "mdhtml_cpu"]; line("  CPU user+sys, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "mdhtml_rss"]; line("  peak RSS, MiB")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "hugo_wall"]; line("hugo, same Markdown pages, median, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "hugo_range"]; line("  lowest/highest, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "hugo_cpu"]; line("  CPU user+sys, s")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "hugo_rss"]; line("  peak RSS, MiB")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "hugo_pages"]; line("  (pages rendered)")
		for (i = 1; i <= n; i++) cell[i] = ratio(v[S[i], "hugo_wall"], v[S[i], "mdhtml_wall"]); line("  hugo / rekap md,html, medians")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "xlsx_book"]; line("rekap / bare libxlsxwriter, same workbook")
		for (i = 1; i <= n; i++) cell[i] = v[S[i], "xlsx"]; line("  cells only (+ cost of the features)")
	}
	function line(label,   i, s) {
		s = sprintf("%-42s", label)
		for (i = 1; i <= n; i++) s = s sprintf(" %12s", cell[i] == "" ? "-" : cell[i])
		print s
		for (i = 1; i <= n; i++) delete cell[i]
	}
' "$results"
