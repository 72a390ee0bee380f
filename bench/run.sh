#!/bin/sh
# Measure dorn against the targets of DESIGN.md. Prints figures; asserts
# nothing (timings belong here, never in tests). Rerun: make bench
set -eu
OUT=bench/out
mkdir -p "$OUT"
ROWS=${DORN_BENCH_AUDIT_ROWS:-1000000}
DB="$OUT/audit-$ROWS.db"
export HOME="$PWD/$OUT/home" XDG_CONFIG_HOME= XDG_DATA_HOME=
mkdir -p "$HOME"
if [ ! -f "$DB" ]; then
	echo "generating $ROWS audit rows in $DB ..."
	./build/bench/gen "$DB" "$ROWS"
fi
echo "target: audit verify of 1,000,000 rows within 2 s, peak memory under 16 MiB"
printf 'dorn audit --verify (%s rows): ' "$ROWS"
./build/bench/measure 3 ./dorn --db "$DB" --as bench audit --verify
printf 'dorn audit --format csv (%s rows): ' "$ROWS"
./build/bench/measure 3 ./dorn --db "$DB" --as bench audit --format csv
printf 'dorn audit --format json (%s rows): ' "$ROWS"
./build/bench/measure 3 ./dorn --db "$DB" --as bench audit --format json
printf 'dorn staff list (start-up, open, query): '
./build/bench/measure 11 ./dorn --db "$DB" --as bench staff list
printf 'dorn --version (process start): '
./build/bench/measure 11 ./dorn --version
printf 'note rendering (assess + template + wrap, 5 worked examples): '
./build/bench/notes 4000
