#!/bin/sh
# The growth table: dorn at 1,000, 10,000, 100,000 and 1,000,000 cases,
# each measure beside the sqlite3 shell running the same SQL on the same
# file, then the time of each key in the terminal interface. Prints
# figures; asserts nothing (timings belong here, never in tests).
# Rerun: make bench. The databases are made once (bench/gen.c) and kept
# in bench/out/ between runs.
#   DORN_BENCH_SIZES="1000 10000"  only these sizes
#   DORN_BENCH_RUNS=5              runs per measure (median); audit: 3
#   DORN_BENCH_KEY_RUNS=5          fresh starts of dorn for the key timings
# The SQL the shell runs is what dorn ran, recorded (see "the SQL the
# shell runs" below and the README, Benchmark).
set -eu
OUT=bench/out
GENVER=4 # bump when bench/gen.c makes different data: old files are then remade
SIZES=${DORN_BENCH_SIZES:-1000 10000 100000 1000000}
RUNS=${DORN_BENCH_RUNS:-5}
KEY_RUNS=${DORN_BENCH_KEY_RUNS:-5}
TODAY=2026-11-28
mkdir -p "$OUT/home" "$OUT/q"
export HOME="$PWD/$OUT/home" XDG_CONFIG_HOME= XDG_DATA_HOME= DORN_TODAY=$TODAY
export DORN_DATADIR="${DORN_DATADIR:-$PWD/data}"
export DORN_PDFLIB="${DORN_PDFLIB:-$PWD/dorn-pdf.so}"
D="./dorn --as bench"
SQLITE="sqlite3 -batch -bail -init /dev/null"

command -v sqlite3 >/dev/null 2>&1 || {
	echo "bench: no sqlite3 shell: make bench installs it (sh scripts/deps.sh bench)" >&2
	exit 1
}
for n in $SIZES; do
	case "$n" in
	*[!0-9]* | "") echo "bench: DORN_BENCH_SIZES: '$n' is not a number of cases" >&2; exit 64 ;;
	esac
done

db_of() { echo "$OUT/cases-v$GENVER-$1.db"; }

# ---- the databases, made once ----
for n in $SIZES; do
	db=$(db_of "$n")
	[ -f "$db" ] && continue
	echo "generating $n cases into $db (4 items and 10 audit rows each) ..."
	t0=$(date +%s)
	./build/bench/gen "$db" "$n"
	t1=$(date +%s)
	printf 'dorn check on it: '
	$D --db "$db" check >"$OUT/check.log" 2>&1 || {
		cat "$OUT/check.log" >&2
		echo "bench: dorn check fails on $db; it is moved to $db.bad" >&2
		mv "$db" "$db.bad"
		exit 1
	}
	echo "passed ($(($(date +%s) - t1)) s); generation took $((t1 - t0)) s"
done

# ---- the SQL the shell runs: what dorn ran ----
# Each measure's dorn command is run once more, untimed, with
# build/bench/sqltrace.so preloaded: it records every statement dorn steps
# with its bound values written in. The case list's statements (as this
# build prepares them: build/bench/listsql) are kept, in the order dorn ran
# them (a search's count of matches, a page crossing from one part of the
# list to the next), and the shell runs those: the same statements with the
# same values, never a copy that could drift.
./build/bench/listsql >"$OUT/list.sql.txt"
# traced NAME COMMAND...: OUT/q/NAME.sql, the list statements COMMAND ran
traced() {
	name=$1
	shift
	: >"$OUT/trace"
	LD_PRELOAD="$PWD/build/bench/sqltrace.so" DORN_BENCH_TRACE="$PWD/$OUT/trace" "$@" \
		>/dev/null 2>&1 || { echo "bench: tracing '$name' failed" >&2; exit 1; }
	awk -F '\t' 'NR == FNR { list[$0] = 1; next } ($1 in list) { print $2 ";" }' \
		"$OUT/list.sql.txt" "$OUT/trace" >"$OUT/q/$name.sql"
	[ -s "$OUT/q/$name.sql" ] || { echo "bench: '$name' ran no list statement" >&2; exit 1; }
	echo "$OUT/q/$name.sql"
}

# audit --verify is not the list: bench/sql/audit-verify.sql, checked to be
# in ./dorn's strings (each statement, blanks squeezed).
strings -n 24 ./dorn | tr -s ' \t' '  ' >"$OUT/dorn.strings"
for f in bench/sql/*.sql; do
	grep -v -e '^[[:space:]]*--' -e '^\.' "$f" |
		awk 'BEGIN { RS = ";" } { gsub(/[ \t\n]+/, " "); sub(/^ /, ""); sub(/ $/, "");
			if (length($0)) print }' >"$OUT/stmts"
	while IFS= read -r stmt; do
		grep -qF -- "$stmt" "$OUT/dorn.strings" || {
			echo "WARNING: $f is not the SQL in ./dorn any more: the comparison is"
			echo "WARNING: not like for like until it is updated (README.md, Benchmark)"
			break
		}
	done <"$OUT/stmts"
done

GROWTH="$OUT/growth.txt" KEYS="$OUT/keys.txt"
growth_head() {
	printf '%-8s %-22s %9s %11s %6s %9s\n' size measure "dorn ms" "sqlite3 ms" ratio "dorn MiB"
}
keys_head() {
	printf '%-8s %-5s %10s %9s  %s\n' size key "median ms" "worst ms" "within 16 ms"
}
: >"$GROWTH"
: >"$KEYS"

# row SIZE MEASURE "DORN_MS DORN_MIB" "SQLITE_MS SQLITE_MIB" (a failed run
# gave nothing: its row says so, and the error is above it)
row() {
	echo "$3 $4" | awk -v n="$1" -v m="$2" '{
		if (NF < 4) { printf "%-8s %-22s %9s\n", n, m, "failed"; next }
		printf "%-8s %-22s %9.1f %11.1f %6.1f %9.1f\n", n, m, $1, $3,
			($3 > 0 ? $1 / $3 : 0), $2 }' | tee -a "$GROWTH"
}

# solo SIZE MEASURE "DORN_MS DORN_MIB": a measure with no shell beside it
solo() {
	echo "$3" | awk -v n="$1" -v m="$2" '{
		if (NF < 2) { printf "%-8s %-22s %9s\n", n, m, "failed"; next }
		printf "%-8s %-22s %9.1f %11s %6s %9.1f\n", n, m, $1, "-", "-", $2 }' | tee -a "$GROWTH"
}

echo
echo "== growth: dorn beside the sqlite3 shell running the same SQL (median of $RUNS) =="
growth_head
for n in $SIZES; do
	db=$(db_of "$n")
	URN=$(sqlite3 "$db" "SELECT urn FROM \"case\" WHERE id = $((n / 2 + 1))")
	row "$n" "first screen" "$(./build/bench/firstscreen "$RUNS" --db "$db" --as bench)" \
		"$(./build/bench/measure "$RUNS" $SQLITE "$db" \
			".read $(traced firstscreen ./build/bench/firstscreen 1 --db "$db" --as bench)")"
	row "$n" "list --limit 50" "$(./build/bench/measure "$RUNS" $D --db "$db" list --limit 50)" \
		"$(./build/bench/measure "$RUNS" $SQLITE "$db" \
			".read $(traced list-page $D --db "$db" list --limit 50)")"
	row "$n" "list --due-within 14" \
		"$(./build/bench/measure "$RUNS" $D --db "$db" list --due-within 14)" \
		"$(./build/bench/measure "$RUNS" $SQLITE "$db" \
			".read $(traced due-within $D --db "$db" list --due-within 14)")"
	row "$n" "search afraid" \
		"$(./build/bench/measure "$RUNS" $D --db "$db" list --search afraid --limit 50)" \
		"$(./build/bench/measure "$RUNS" $SQLITE "$db" \
			".read $(traced search-word $D --db "$db" list --search afraid --limit 50)")"
	row "$n" "search a" \
		"$(./build/bench/measure "$RUNS" $D --db "$db" list --search a --limit 50)" \
		"$(./build/bench/measure "$RUNS" $SQLITE "$db" \
			".read $(traced search-a $D --db "$db" list --search a --limit 50)")"
	row "$n" "search URN" \
		"$(./build/bench/measure "$RUNS" $D --db "$db" list --search "$URN" --limit 50)" \
		"$(./build/bench/measure "$RUNS" $SQLITE "$db" \
			".read $(traced search-urn $D --db "$db" list --search "$URN" --limit 50)")"
	row "$n" "audit --verify" "$(./build/bench/measure 3 $D --db "$db" audit --verify)" \
		"$(./build/bench/measure 3 sh -c "$SQLITE '$db' '.read bench/sql/audit-verify.sql' | sha256sum")"

	# After the hearing: no single query to set beside the shell's.
	for m in "agenda" "figures" "retention --due"; do
		solo "$n" "$m" "$(./build/bench/measure "$RUNS" $D --db "$db" $m)"
	done

	./build/bench/keys "$KEY_RUNS" --db "$db" --as bench >"$OUT/keys.out"
	echo "   keys on $n cases ($KEY_RUNS starts, end of redraw by $(awk '$1 == "mode" { print $2 }' "$OUT/keys.out")):"
	awk -v n="$n" '$1 != "mode" { printf "%-8s %-5s %10.1f %9.1f  %s\n", n, $1, $2, $3,
		($3 <= 16 ? "yes" : "NO") }' "$OUT/keys.out" | tee -a "$KEYS" | sed 's/^/   /'
done


echo
echo "== the growth table again, compact (ratio: dorn ms / sqlite3 ms) =="
growth_head
cat "$GROWTH"
echo
echo "== keys in the terminal (80x24; from the key to the end of its redraw; target 16 ms) =="
keys_head
cat "$KEYS"

echo
echo "== notes (target: 10,000 a second; PDF: 200 a second) =="
printf 'note rendering (assess, note and annex, text; then PDFs): '
./build/bench/notes 4000 40
