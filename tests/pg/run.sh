#!/bin/sh
# The PostgreSQL part of make check (make pg-tests): what only a server
# shows (tests/pg/t_*.sh, each of which may start its own throwaway
# cluster), and the store's unit tests, the command-line journeys and the
# review and export journeys of the terminal run against a server, on one
# throwaway cluster started here. Prints each suite's summary and one last
# line, "pg: N suites passed, M failed (PostgreSQL 15.x)"; fails when any
# suite failed.
#
# When the server cannot run here (not root, so not installed; no
# package), it says so in one line, "pg: skipped: <why>", and passes:
# the one skip there is, and never a silent one.
#
# Run from the repository root after the build (make pg-tests does both).
# Each suite's whole output is kept in the log folder; a failing suite's
# is printed.
set -u
cd "$(dirname "$0")/../.."

if ! why=$(sh tests/pg/cluster.sh why); then
	echo "pg: skipped: $why"
	exit 0
fi

PGDIR=$(mktemp -d /tmp/dorn-pg-XXXXXX) || exit 1
LOG=$(mktemp -d /tmp/dorn-pg-log-XXXXXX) || exit 1
stop() {
	sh tests/pg/cluster.sh stop "$PGDIR" >/dev/null 2>&1
	rm -rf "$LOG"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
trap 'exit 141' PIPE

if ! DORN_TEST_PG=$(sh tests/pg/cluster.sh start "$PGDIR" 2>"$LOG/cluster.err"); then
	cat "$LOG/cluster.err"
	echo "pg: 0 suites passed, 1 failed (the throwaway cluster did not start)"
	exit 1
fi
export DORN_TEST_PG
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
export DORN_DATADIR="${DORN_DATADIR:-$(pwd)/data}"
export DORN_PDFLIB="${DORN_PDFLIB:-$(pwd)/dorn-pdf.so}"
version=$(psql "$DORN_TEST_PG" -XAtqc "SHOW server_version" 2>/dev/null | cut -d' ' -f1)
version=${version:-unknown}

passed=0
failed=0

# suite NAME COMMAND...: run it, keep its output, note its summary line
# (its last line that says "passed"), print the whole of it when it failed.
suite() {
	name=$1
	shift
	"$@" >"$LOG/$name.log" 2>&1 </dev/null
	rc=$?
	ran=$(sed -n 's/^\[==========\] \([0-9]*\) test(s) run\.$/\1/p' "$LOG/$name.log" | tail -n 1)
	if [ -n "$ran" ]; then
		# cmocka's: its count of tests run and passed
		ok=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\.$/\1/p' "$LOG/$name.log" | tail -n 1)
		line="$name: ${ok:-0} passed, $((ran - ${ok:-0})) failed"
	else
		line=$(grep -E '[0-9]+ passed|skipped' "$LOG/$name.log" | tail -n 1)
	fi
	[ -n "$line" ] || line="$name: no summary line"
	if [ "$rc" -eq 0 ]; then
		passed=$((passed + 1))
		echo "  $line"
	else
		failed=$((failed + 1))
		echo "---- $name failed (exit $rc); its output:"
		sed 's/^/  | /' "$LOG/$name.log"
		echo "  $line (exit $rc)"
	fi
}

echo "== PostgreSQL $version: a throwaway cluster in $PGDIR =="

# What only a server shows, and the command-line journeys (t_journey.sh).
for t in tests/pg/t_*.sh; do
	[ -f "$t" ] || continue
	suite "$(basename "$t" .sh)" sh "$t"
done

# The store's unit tests against the server, and again under
# AddressSanitizer and UndefinedBehaviorSanitizer (the engine's C, libpq's
# results freed on every path).
suite test_store_pg build/tests/test_store_pg
suite test_store_pg-san env ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 build/san-tests/test_store_pg

# Journeys of the terminal against the server: the harness makes a
# database per test on this cluster (DORN_E2E_DB_URL). Review and export
# as the issue asks, and every other journey that works on a database:
# two officers on one case (interview), decisions, reading, the outcome,
# erasure, Today, the URN's protection, figures, items, the list's
# columns and the golden screens. Not queue: one of its journeys is
# dorn init on a terminal, which is not how a server is made.
for e in ${DORN_PG_E2E:-review export interview decisions reading outcome after_hearing erase today \
	protect figures items columns golden}; do
	suite "e2e_$e-pg" env DORN_E2E_DB_URL="$DORN_TEST_PG" "build/tests/e2e_$e"
done

echo "pg: $passed suites passed, $failed failed (PostgreSQL $version)"
[ "$failed" -eq 0 ]
