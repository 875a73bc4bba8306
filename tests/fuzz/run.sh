#!/bin/sh
# Fuzz the libFuzzer targets of tests/fuzz, or replay the saved inputs.
#
#   run.sh BUILD_DIR SECONDS [TARGET...]   fuzz each target SECONDS seconds
#   run.sh --regressions BUILD_DIR [TARGET...]
#                                          run each target once over
#                                          regressions/TARGET/* and corpus/TARGET/*
#   run.sh --seeds BUILD_DIR               rebuild corpus/ from the project's
#                                          files (seeds.py, then -merge=1)
#
# BUILD_DIR is a build configured with CC=clang -DREKAP_FUZZ=ON (the targets
# are in BUILD_DIR/tests/fuzz) or the folder holding the fuzz_* programs.
# Fuzzing starts from a scratch copy of corpus/TARGET (not regressions/, whose
# slow inputs would slow every run down), so the committed files are never
# changed; set FUZZ_WORK=DIR to keep the grown corpora in DIR/TARGET (and
# start from them next time). Crashes, hangs
# (-timeout=10) and leaks are written to FUZZ_ARTIFACTS (default
# BUILD_DIR/fuzz-artifacts) and make the script fail. To shrink one:
#   BUILD_DIR/tests/fuzz/fuzz_csv -minimize_crash=1 -runs=200000 CRASH_FILE
# then save the result as regressions/fuzz_csv/<short-name>.
# fuzz_records loads the rules from REKAP_FUZZ_RULES (default: lua/ of this
# source tree), renders with REKAP_FUZZ_TEMPLATES (default: templates/) and
# writes its trees under /dev/shm (REKAP_FUZZ_TMPDIR).
set -u
here=$(cd "$(dirname "$0")" && pwd)
targets_all="fuzz_csv fuzz_frontmatter fuzz_mustache fuzz_records"
REKAP_FUZZ_RULES=${REKAP_FUZZ_RULES:-$(cd "$here/../.." && pwd)/lua}
REKAP_FUZZ_TEMPLATES=${REKAP_FUZZ_TEMPLATES:-$(cd "$here/../.." && pwd)/templates}
export REKAP_FUZZ_RULES REKAP_FUZZ_TEMPLATES

usage() {
	sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

mode=fuzz
case ${1:-} in
--regressions) mode=regress; shift ;;
--seeds) mode=seeds; shift ;;
-h | --help | '') usage ;;
esac
[ $# -ge 1 ] || usage
build=$1
shift
if [ $mode = fuzz ]; then
	[ $# -ge 1 ] || usage
	seconds=$1
	shift
	case $seconds in '' | *[!0-9]*) usage ;; esac
fi
targets=${*:-$targets_all}

find_bin() {
	for b in "$build/tests/fuzz/$1" "$build/$1"; do
		if [ -x "$b" ]; then
			echo "$b"
			return 0
		fi
	done
	echo "run.sh: $1 not found in $build (configure with CC=clang -DREKAP_FUZZ=ON and build)" >&2
	return 1
}

# Files directly in the given folders, one per line (names without blanks).
files_in() {
	for d in "$@"; do
		[ -d "$d" ] || continue
		for f in "$d"/*; do
			[ -f "$f" ] && echo "$f"
		done
	done
}

failed=""
scratch=$(mktemp -d "${TMPDIR:-/tmp}/rekap-fuzz-run.XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT INT TERM

for t in $targets; do
	bin=$(find_bin "$t") || { failed="$failed $t"; continue; }
	case $mode in
	regress)
		list=$(files_in "$here/regressions/$t" "$here/corpus/$t")
		if [ -z "$list" ]; then
			echo "== $t: nothing to replay"
			continue
		fi
		n=$(echo "$list" | wc -l)
		echo "== $t: $n inputs"
		# one input per argument: libFuzzer runs each once, then LeakSanitizer
		# checks at exit; the log is shown only when something fails
		# shellcheck disable=SC2086
		if ! "$bin" -timeout=10 -rss_limit_mb=2048 $list >"$scratch/$t.log" 2>&1; then
			cat "$scratch/$t.log" >&2
			failed="$failed $t"
		fi
		;;
	seeds)
		if [ ! -d "$scratch/seeds" ]; then
			python3 "$here/seeds.py" "$here/../.." "$scratch/seeds" || exit 1
		fi
		mkdir -p "$scratch/merged-$t"
		"$bin" -merge=1 -timeout=10 -rss_limit_mb=2048 "$scratch/merged-$t" "$scratch/seeds/$t" \
			>"$scratch/$t.log" 2>&1 || { cat "$scratch/$t.log" >&2; failed="$failed $t"; continue; }
		rm -rf "$here/corpus/$t"
		mkdir -p "$here/corpus/$t"
		# keep the readable names of the inputs the merge kept (named by SHA-1)
		for f in "$scratch/seeds/$t"/*; do
			h=$(sha1sum <"$f" | cut -d' ' -f1)
			if [ -f "$scratch/merged-$t/$h" ]; then
				cp "$f" "$here/corpus/$t/"
				rm "$scratch/merged-$t/$h"
			fi
		done
		echo "== $t: $(files_in "$here/corpus/$t" | wc -l) seeds kept"
		;;
	fuzz)
		if [ -n "${FUZZ_WORK:-}" ]; then
			work=$FUZZ_WORK/$t
		else
			work=$scratch/$t
		fi
		mkdir -p "$work"
		for f in $(files_in "$here/corpus/$t"); do
			cp "$f" "$work/"
		done
		artifacts=${FUZZ_ARTIFACTS:-$build/fuzz-artifacts}
		mkdir -p "$artifacts"
		dict=
		[ -f "$here/$t.dict" ] && dict=-dict=$here/$t.dict
		echo "== $t: fuzzing ${seconds}s from $(files_in "$work" | wc -l) inputs"
		# shellcheck disable=SC2086
		if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
			-artifact_prefix="$artifacts/$t-" -print_final_stats=1 $dict "$work" \
			>"$scratch/$t.log" 2>&1; then
			tail -n 60 "$scratch/$t.log" >&2
			echo "run.sh: $t failed; inputs saved in $artifacts" >&2
			failed="$failed $t"
		else
			grep -E '^#[0-9]+.*DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb' \
				"$scratch/$t.log"
		fi
		;;
	esac
done

if [ -n "$failed" ]; then
	echo "run.sh: failed:$failed" >&2
	exit 1
fi
echo "run.sh: all passed"
