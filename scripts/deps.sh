#!/bin/sh
# Make sure the packages dorn builds and tests with are installed.
# Present: say nothing, do nothing. Missing and root on Debian: apt-get them.
# Missing otherwise: print the exact command and fail.
#   sh scripts/deps.sh         what make run, make check and make all need
#   sh scripts/deps.sh bench   that, and what make bench alone needs: the
#                              sqlite3 shell, the yardstick dorn is compared with
#   sh scripts/deps.sh fuzz    that, and what make fuzz alone needs: clang and
#                              its runtime libraries (libFuzzer, the sanitizers)
PKGS="libncurses-dev libsqlite3-dev libpq-dev libiniparser-dev libcmocka-dev libcairo2-dev libpango1.0-dev libssl-dev libvterm-dev libjansson-dev fonts-dejavu-core poppler-utils mandoc pkg-config"
BENCH_PKGS="sqlite3"
# The PostgreSQL server, only for the tests and make bench-pg, which start a
# throwaway cluster of their own (tests/pg/cluster.sh). Without root it is
# not required: make check then says, in one line, that it skipped that part.
PG_PKGS="postgresql postgresql-contrib"
FUZZ_PKGS="clang libclang-rt-dev"
case "${1:-}" in
"") ;;
bench) PKGS="$PKGS $BENCH_PKGS" ;;
fuzz) PKGS="$PKGS $FUZZ_PKGS" ;;
*) echo "deps: unknown set '$1' (none, bench or fuzz)" >&2; exit 64 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "deps: not a Debian system; install the equivalents of: $PKGS" >&2
	exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
	PKGS="$PKGS $PG_PKGS"
fi
missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
	case "$st" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing packages:$missing" >&2
	echo "deps: run as root: apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
echo "deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || { echo "deps: apt-get update failed" >&2; exit 1; }
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing || {
	echo "deps: apt-get install failed for:$missing" >&2
	exit 1
}
