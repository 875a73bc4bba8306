#!/bin/sh
# Install the Debian packages rekap needs to build, test and generate its site,
# skipping those already installed. Uses sudo when not run as root.
set -eu
packages="build-essential cmake pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev
liblua5.4-dev libxlsxwriter-dev libyaml-dev libcsv-dev libmicrohttpd-dev libjson-c-dev python3
python3-openpyxl tidy python3-html5lib groff-base clang libclang-rt-14-dev valgrind"
missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
	echo "deps: everything is installed"
	exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "deps: installing$missing"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
