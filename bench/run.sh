#!/bin/sh
# Measure dorn against the performance targets of DESIGN.md. Prints figures;
# asserts nothing (timings belong here, never in tests). Rerun: make bench
# (the generated databases are kept in bench/out/ between runs).
set -eu
OUT=bench/out
mkdir -p "$OUT"
export HOME="$PWD/$OUT/home" XDG_CONFIG_HOME= XDG_DATA_HOME= DORN_TODAY=2026-11-28
export DORN_DATADIR="${DORN_DATADIR:-$PWD/data}"
mkdir -p "$HOME"
ROWS=${DORN_BENCH_AUDIT_ROWS:-1000000}
CASES=${DORN_BENCH_CASES:-100000}
ADB="$OUT/audit-$ROWS.db"
CDB="$OUT/cases-$CASES.db"
[ -f "$ADB" ] || { echo "generating $ROWS audit rows ..."; ./build/bench/gen audit "$ADB" "$ROWS"; }
[ -f "$CDB" ] || { echo "generating $CASES cases (4 items each, 10 audit rows each) ..."; ./build/bench/gen cases "$CDB" "$CASES"; }
D="./dorn --as bench"

echo "== audit (target: verify 1,000,000 rows within 2 s) =="
printf 'dorn audit --verify (%s rows): ' "$ROWS"; ./build/bench/measure 3 $D --db "$ADB" audit --verify
printf 'dorn audit --format csv (%s rows): ' "$ROWS"; ./build/bench/measure 3 $D --db "$ADB" audit --format csv

echo "== cases: $CASES cases (targets: first screen 50 ms, list/search 20 ms, memory 16 MiB) =="
printf 'first screen of the terminal interface: '; ./build/bench/firstscreen 9 --db "$CDB" --as bench
printf 'dorn list (all cases, table): '; ./build/bench/measure 5 $D --db "$CDB" list
printf 'dorn list --due-within 14: '; ./build/bench/measure 5 $D --db "$CDB" list --due-within 14
printf 'dorn list --search "afraid tablet": '; ./build/bench/measure 5 $D --db "$CDB" list --search "afraid tablet"
printf 'dorn list --search BENCH-4242: '; ./build/bench/measure 5 $D --db "$CDB" list --search BENCH-4242
printf 'dorn show (one case, JSON): '; ./build/bench/measure 5 $D --db "$CDB" show 02/BA/00001/20 --format json
Q='WITH latest AS (SELECT case_id, status, max(version) AS version FROM note GROUP BY case_id) SELECT c.id, c.urn, coalesce(v.reference, ""), substr(c.defendant, 1, 60), coalesce((SELECT code FROM case_offence o WHERE o.case_id = c.id ORDER BY position LIMIT 1), ""), coalesce(c.next_hearing, ""), coalesce(c.sentencing_date, ""), coalesce(l.status, "none") FROM "case" c LEFT JOIN victim v ON v.case_id = c.id LEFT JOIN latest l ON l.case_id = c.id ORDER BY c.urn'
if command -v sqlite3 >/dev/null 2>&1; then
	printf 'sqlite3 shell, the same query (target: dorn list within 1.5x): '
	./build/bench/measure 5 sqlite3 "$CDB" "$Q"
else
	printf 'the same query through the SQLite library alone (no sqlite3 shell here): '
	./build/bench/measure 5 ./build/tests/sqlexec "$CDB" "$Q"
fi

echo "== notes (target: 10,000 a second) =="
printf 'note rendering (assess + template + wrap, 5 worked examples): '
DORN_DATADIR=$PWD/data ./build/bench/notes 4000
