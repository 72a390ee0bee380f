#!/bin/sh
# make bench-pg: the load figure of issue 15. A throwaway PostgreSQL
# cluster (tests/pg/cluster.sh), dorn init --server on a database of it,
# CASES cases recorded by 50 officers (bench/pgload.c setup), then CLIENTS
# clients for SECONDS doing what officers and supervisors do (pgload run:
# list pages, searches, saves, submit and approve), each its own process
# and its own database login. Then the same data and mix on a SQLite file
# with 8 processes on this host. Prints the two tables; asserts nothing
# (timings belong here, never in tests).
#   DORN_BENCH_PG_SECONDS=30   how long each engine runs
#   DORN_BENCH_PG_CASES=2000   the data set
#   DORN_BENCH_PG_CLIENTS=50   clients on the server
#   DORN_BENCH_SQLITE_CLIENTS=8  processes on the file
set -u
cd "$(dirname "$0")/.."
SECS=${DORN_BENCH_PG_SECONDS:-30}
CASES=${DORN_BENCH_PG_CASES:-2000}
CLIENTS=${DORN_BENCH_PG_CLIENTS:-50}
SQ_CLIENTS=${DORN_BENCH_SQLITE_CLIENTS:-8}
LOAD=build/bench/pgload

if ! why=$(sh tests/pg/cluster.sh why); then
	echo "bench-pg: cannot run: $why" >&2
	exit 1
fi
W=$(mktemp -d /tmp/dorn-bench-pg-XXXXXX) || exit 1
PGDIR=$(mktemp -d /tmp/dorn-bench-pgsrv-XXXXXX) || exit 1
stop() {
	sh tests/pg/cluster.sh stop "$PGDIR" >/dev/null 2>&1
	rm -rf "$W" "$PGDIR"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

mkdir -p "$W/home" "$W/sqlite"
export HOME="$W/home" XDG_CONFIG_HOME= XDG_DATA_HOME= DORN_TODAY=2026-11-28
export DORN_DATADIR="${DORN_DATADIR:-$PWD/data}"
export DORN_PDFLIB="${DORN_PDFLIB:-$PWD/dorn-pdf.so}"
unset DORN_CONFIG

ADMIN=$(sh tests/pg/cluster.sh start "$PGDIR") || exit 1
psql -X -q -v ON_ERROR_STOP=1 -d "$ADMIN" -c "CREATE DATABASE bench" >/dev/null || exit 1
./dorn init --server "host=$PGDIR user=dorn_dba dbname=bench" --unit B1 --unit-name "Bench Unit" \
	--supervisor bench_s0 --name "Bench Supervisor 0" >/dev/null || exit 1
version=$(psql -X -A -t -q -d "$ADMIN" -c "SHOW server_version" | cut -d' ' -f1)

echo "bench-pg: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo);" \
	"PostgreSQL $version (the throwaway cluster of tests/pg/cluster.sh: fsync, full_page_writes" \
	"and synchronous_commit off, so writes cost less than on a durable server); SQLite: dorn's own file, in WAL mode"
echo "mix per operation: 35% list page, 20% search, 30% open+save, 15% save+submit+approve"

DB="host=$PGDIR dbname=bench"
$LOAD setup pg "$DB" "$CASES" || exit 1
$LOAD run pg "$DB" "$CASES" "$CLIENTS" "$SECS" 2>"$W/pg.err"
rc=$?
[ -s "$W/pg.err" ] && { echo "(first refusals, PostgreSQL:)"; sort "$W/pg.err" | uniq -c | sort -rn | head -n 8; }

echo
SQ="$W/sqlite/dorn.db"
./dorn --db "$SQ" init --name "Bench Administrator" >/dev/null || exit 1
$LOAD setup sqlite "$SQ" "$CASES" || exit 1
$LOAD run sqlite "$SQ" "$CASES" "$SQ_CLIENTS" "$SECS" 2>"$W/sqlite.err"
rc2=$?
[ -s "$W/sqlite.err" ] && { echo "(first refusals, SQLite:)"; sort "$W/sqlite.err" | uniq -c | sort -rn | head -n 8; }
[ "$rc" -eq 0 ] && [ "$rc2" -eq 0 ]
