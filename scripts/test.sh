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
