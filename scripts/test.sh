#!/bin/sh
# The whole test suite: a normal build and an AddressSanitizer +
# UndefinedBehaviorSanitizer build, each running every ctest test.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
for type in RelWithDebInfo Asan; do
	dir=build
	[ "$type" = Asan ] && dir=build-asan
	echo "== $type build in $dir"
	cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE="$type" -DREKAP_WERROR=ON >/dev/null
	cmake --build "$dir" -j "$jobs"
	ctest --test-dir "$dir" --output-on-failure -j "$jobs"
done

# The fuzz targets (clang, libFuzzer): replay the regressions and the seed
# corpora, then fuzz each target for a bounded time.
echo "== fuzz targets in build-fuzz"
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREKAP_FUZZ=ON \
	-DREKAP_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz -j "$jobs" --target fuzz_csv fuzz_frontmatter fuzz_mustache fuzz_records
sh tests/fuzz/run.sh --regressions build-fuzz
sh tests/fuzz/run.sh build-fuzz "${FUZZ_SECONDS:-30}"
