#!/bin/sh
# The search on PostgreSQL finds what FTS5 finds on SQLite: the same cases,
# in the same order, pages and all. The same fictitious cases (the worked
# examples of data/examples, a few with accented and non-Latin names, and
# 1,200 more so that a short word matches past the store's cap of 1,000
# and the list is read the other way, part by part) are imported into a
# SQLite file and into a throwaway PostgreSQL server, and every search
# below is run on both with 'dorn list --search': their output and exit
# status must be the same, byte for byte. tests/pg/pages.c reads every
# kind of list through the store a page at a time, forward and backward,
# on both (the CLI pages only forward). Then what a unit may not see:
# a case of another unit is found by no search and shown as one that does
# not exist.
#
#   sh tests/pg/t_search.sh     (from the top of the tree, after make dorn;
#                               it builds pages.c against build/libdorn.a)
#
# Prints one line, "pg-search: N passed, M failed"; exits 1 on a failure.
set -u
cd "$(dirname "$0")/../.." || exit 1
DORN=${DORN:-./dorn}
case $DORN in /*) ;; *) DORN=$(pwd)/$DORN ;; esac
T=$(mktemp -d /tmp/dorn-pgsearch-XXXXXX) || exit 1
D=$(mktemp -d /tmp/dorn-pgsearch-pg-XXXXXX) || exit 1
trap 'tests/pg/cluster.sh stop "$D" >/dev/null 2>&1; rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$T/home" DORN_TODAY=2026-12-06
export DORN_DATADIR="${DORN_DATADIR:-$(pwd)/data}"
unset DORN_CONFIG XDG_CONFIG_HOME XDG_DATA_HOME NO_COLOR
mkdir -p "$HOME"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $name: $*"; }
finish() {
	echo "pg-search: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit $?
}

if ! U=$(tests/pg/cluster.sh start "$D"); then
	echo "pg-search: cannot start a PostgreSQL cluster: $(tests/pg/cluster.sh why)"
	fail=1
	finish
fi
SQ="$T/unit.db"
PG="host=$D user=sup1 dbname=postgres"

# ---- the cases ----
mkdir -p "$T/cases" "$T/bulk"
# case FILE URN DEFENDANT REF NAME WORDS [HEARING]
case_file() {
	{
		printf '[case]\nurn = %s\ndefendant = %s\n' "$2" "$3"
		[ -n "${7:-}" ] && printf 'next_hearing = %s\n' "$7"
		printf '\n[victim]\nreference = %s\nname = %s\n\n[concern]\nvictim_words = "%s"\n' \
			"$4" "$5" "$6"
	} >"$1"
}
case_file "$T/cases/a.ini" 71/QA/10001/26 "Jürgen Groß" WC-9001 "Łukasz Wiśniewski" \
	"He didn’t stop. Write to help@example.org; £250, 12.5 per cent." 20/12/2026
case_file "$T/cases/b.ini" 71/QA/10002/26 "Søren Æbeltoft" WC-9002 "Zoë Ní Bhriain" \
	"I couldn't sleep; the O’Brien-Smith family knew." 01/12/2026
case_file "$T/cases/c.ini" 71/QA/10003/26 "Ólafur Þórsson" WC-9003 "Siobhán Ó Súilleabháin" \
	"Naïve of me — I trusted him (façade)."
case_file "$T/cases/d.ini" 71/QA/10004/26 "Иван Петров" WC-9004 "Ярослава" \
	"ЛУКАШ said the pictures were gone: 01/AB/23456/21."
case_file "$T/cases/e.ini" 71/QA/1000501/26 "Dariusz Łęcki" VR_77/x "Zoe Hartigan" \
	"x_y and a-b-c, and the café's e-mail." 03/03/2027
i=0
while [ $i -lt 1200 ]; do
	n=$((10000 + i))
	# dates in the past, the future and none, so the list's three parts
	# all hold matches
	case $((i % 3)) in
	0) h=$(printf '%02d/%02d/2026' $((i % 28 + 1)) $((i % 11 + 1))) ;;
	1) h=$(printf '%02d/%02d/2027' $((i % 28 + 1)) $((i % 12 + 1))) ;;
	*) h= ;;
	esac
	case_file "$T/bulk/$n.ini" "72/BK/$n/26" "Bulk Defendant $i" "BK-$i" "Bo Bulk$((i % 7))" \
		"bulk words number $i" "$h"
	i=$((i + 1))
done

name=setup
"$DORN" --db "$SQ" init --name "Sam Sup" >/dev/null 2>"$T/err" || bad "sqlite init: $(cat "$T/err")"
"$DORN" init --server "$U" --unit N1 --unit-name North --supervisor sup1 --name "Sam Sup" \
	>/dev/null 2>"$T/err" || bad "init --server: $(cat "$T/err")"
for db in "$SQ" "$PG"; do
	"$DORN" --db "$db" import data/examples/*.ini "$T"/cases/*.ini >/dev/null 2>"$T/err" ||
		bad "import into $db: $(cat "$T/err")"
	"$DORN" --db "$db" import "$T"/bulk/*.ini >/dev/null 2>"$T/err" ||
		bad "bulk import into $db: $(cat "$T/err")"
done
[ "$fail" -eq 0 ] || finish
# the statistics autovacuum would gather in a minute, so that the pages
# below are planned as on a server in use
psql -X -q "$U" -c "ANALYZE" >/dev/null 2>&1

# same ARGS...: dorn ARGS prints the same, and exits the same, on both
same() {
	name="$*"
	"$DORN" --db "$SQ" "$@" >"$T/sq.out" 2>"$T/sq.err"
	echo "exit $?" >>"$T/sq.out"
	"$DORN" --db "$PG" "$@" >"$T/pg.out" 2>"$T/pg.err"
	echo "exit $?" >>"$T/pg.out"
	if ! cmp -s "$T/sq.out" "$T/pg.out"; then
		bad "the output differs (< SQLite, > PostgreSQL):"
		diff "$T/sq.out" "$T/pg.out" | head -10
	elif ! cmp -s "$T/sq.err" "$T/pg.err"; then
		bad "the messages differ: $(cat "$T/sq.err") | $(cat "$T/pg.err")"
	else
		ok
	fi
}
# search WORDS [ARGS...]: the same cases for a search, as a table
search() {
	w=$1
	shift
	same list --search "$w" --format csv "$@"
}
# finds N WORDS: the search finds N cases (on PostgreSQL), so that the
# comparisons are not all of empty lists
finds() {
	name="finds $1: $2"
	got=$("$DORN" --db "$PG" list --search "$2" --format csv 2>/dev/null | tail -n +2 | wc -l)
	if [ "$got" -eq "$1" ]; then ok; else bad "found $got"; fi
}

# ---- accents, either way round ----
for w in Łukasz lukasz LUKASZ łukasz Wiśniewski wisniewski WIŚN wisn Zoë zoe ZOE Zoe \
	Siobhán siobhan siob Súilleabháin suilleabhain Groß gross gro Jürgen jurgen \
	Søren soren Æbeltoft aebel Þórsson thorsson thor Ólafur olafur Łęcki lecki \
	Naïve naive façade facade café cafe Иван иван ИВАН ив Ярослава лукаш; do
	search "$w"
done
finds 1 lukasz
finds 1 Wiśniewski
finds 3 zoe
finds 1 siobhan
finds 1 gross
finds 1 aebel
finds 1 thor
finds 1 иван
finds 1 лукаш

# ---- prefixes and parts of references ----
for w in a w wc wc-2026 WC-2026-1 wc-9 62/LM 62/lm 4401923 lm 71 71/QA/1000 71QA 10003 \
	1000501 71/QA/1000501/26 71QA100050126 01/AB 23456 ab/2345 vr_77 77 x bk-1 bk-11 \
	72/BK/10500 10500 bo; do
	search "$w"
done
finds 1 4401923
finds 1 23456
finds 1 01/AB
finds 1 vr_77

# ---- the victim's own words, and punctuation in them ----
for w in tablet frightened pictures "didn’t" "didn't" didn t "couldn't" couldn "o'brien" \
	"o’brien" brien "o’brien-smith" smith-fam help@example example.org example org \
	"£250" 250 12.5 12 5 "per cent" x_y a-b-c "a-b" "e-mail" "café's" "(façade)" \
	"—" "said the pictures" "gone:"; do
	search "$w"
done
finds 1 "didn’t"
finds 1 "didn't"
finds 1 example.org
finds 2 250
finds 1 x_y
finds 1 "o'brien"

# ---- several words: every one must match ----
for w in "zoe hartigan" "zoe bhriain" "lukasz wisn" "lukasz zoe" "curtis ambrose" "ambrose 62" \
	"he put" "bulk 1199" "bulk words number" "  lukasz   gross  " "wc lukasz" \
	"zoe -" "- zoe" "bulk bo" "bulk3 bulk"; do
	search "$w"
done
# a phrase lies within one field: the last token of one and the first of
# the next are not neighbours
for w in gross-wc "26-jurgen" 9001-lukasz wisniewski-he 9001-luk; do
	search "$w"
	finds 0 "$w"
done
finds 1 "jurgen-gross"
finds 1 "wc-9001"
finds 1 "lukasz wisn"
finds 0 "lukasz zoe"

# ---- nothing to find, and nothing read as syntax ----
for w in qqqzzz "-" "'" '"' "*" "( )" "a:*" "!x" "x & y" "a | b" "a <-> b" "'x'" "\\" \
	"OR" "NOT zoe" "zoe OR lukasz" "NEAR(zoe lukasz)" "zoe*" "^zoe" "zoe:a" "''" "&" "|" \
	"a&b" ":*" "Łukasz:*" "' '"; do
	search "$w"
done
finds 0 qqqzzz
finds 0 "-"

# ---- many matches: the list read part by part, filtered ----
for args in "" "--limit 5" "--limit 7 --offset 3" "--limit 5 --offset 395" \
	"--limit 4 --offset 1196" "--status draft" "--status none --limit 10" \
	"--due-within 30" "--due-within 200 --limit 5 --offset 20"; do
	# shellcheck disable=SC2086
	search bulk $args
	# shellcheck disable=SC2086
	search b $args
done
finds 1200 bulk
search 1 --limit 20 --offset 40
search 1 --due-within 100
search "bulk 7" --limit 30
search bo --format json --limit 3 --offset 1000
same list --search b --limit 3 --offset 1200 --format json
same list --search bulk --format table --limit 12

# ---- the list a page at a time, both ways, through the store itself ----
# (the CLI only pages forward): tests/pg/pages.c, every kind of list with
# and without a search, forward and backward, in pages of 1, 7 and 50
name="pages both ways"
if cc -std=c11 -Iinclude -o "$T/pages" tests/pg/pages.c build/libdorn.a -lsqlite3 -lcrypto \
	-ljansson -lm -ldl 2>"$T/err"; then
	if "$T/pages" "$SQ" "$PG" 2026-12-06 2027-01-15 >"$T/pages.out" 2>&1; then
		ok
	else
		bad "$(cat "$T/pages.out")"
	fi
else
	bad "building tests/pg/pages.c: $(cat "$T/err")"
fi

# ---- what another unit's staff see: nothing ----
# Unit N2 with its own supervisor, and one case of its own, made as
# dorn_owner (as 'dorn staff add' would for a unit's first member).
name="second unit"
psql -X -q -v ON_ERROR_STOP=1 "$U" >/dev/null 2>"$T/err" <<'EOF' || bad "setup: $(cat "$T/err")"
SET ROLE dorn_owner;
SET search_path = dorn, pg_catalog;
INSERT INTO unit VALUES ('N2', 'South');
RESET ROLE;
CREATE ROLE supsouth LOGIN;
GRANT dorn_supervisor TO supsouth;
SET ROLE dorn_owner;
INSERT INTO staff (login, name, role, created) VALUES ('supsouth', 'Sol South', 'supervisor',
	'2026-12-01T09:00:00Z');
INSERT INTO staff_unit SELECT id, 'N2' FROM staff WHERE login = 'supsouth';
EOF
case_file "$T/south.ini" 73/SO/55555/26 "Quentin Southwark" WC-5555 "Łucja Południowa" \
	"zebrafinch words only the south unit holds" 21/12/2026
"$DORN" --db "host=$D user=supsouth dbname=postgres" import "$T/south.ini" >/dev/null 2>"$T/err" ||
	bad "import as supsouth: $(cat "$T/err")"
name="the other unit finds its own case"
got=$("$DORN" --db "host=$D user=supsouth dbname=postgres" list --search zebrafinch --format csv |
	tail -n +2 | wc -l)
[ "$got" -eq 1 ] && ok || bad "supsouth found $got"
# N1's search for it is a search for nothing; its URN is no case at all
for w in zebrafinch southwark lucja "73/SO" 55555 "zebrafinch lukasz"; do
	search "$w"
	finds 0 "$w"
done
same show 73/SO/55555/26
same show 73/SO/55556/26
same note 73/SO/55555/26
same outcome 73/SO/55555/26
name="another unit's case looks like none"
"$DORN" --db "$PG" show 73/SO/55555/26 >"$T/a.out" 2>"$T/a.err"
a=$?
"$DORN" --db "$PG" show 73/SO/55556/26 >"$T/b.out" 2>"$T/b.err"
b=$?
sed 's/55556/55555/' "$T/b.err" >"$T/b2.err"
if [ $a -eq $b ] && [ $a -ne 0 ] && cmp -s "$T/a.err" "$T/b2.err" && cmp -s "$T/a.out" "$T/b.out"; then
	ok
else
	bad "exit $a/$b: $(cat "$T/a.err") | $(cat "$T/b.err")"
fi
# and the whole list is the same as SQLite's, which never held it
same list --format csv
same list --format json --limit 3 --offset 1210
same retention --format csv
same agenda --all --format csv

finish
