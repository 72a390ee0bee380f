#!/bin/sh
# The command-line journey of a unit, as a real unit would run it, on a
# PostgreSQL server and on a SQLite file, with the same commands: the
# first supervisor (sup1), who adds a second supervisor (sup2) and two
# officers (off1 of unit U1, off2 of unit U2; on the server, each is a
# database login of their own); off1 imports the worked examples, drafts
# and submits the note; nobody who wrote a note approves it (exit 69);
# sup2 approves; the export (text, JSON and PDF) is checked, and its text
# is the same on both engines; the outcome, telling the victim, the
# worklist and the figures, the same on both engines too; on the server,
# off2 sees nothing of U1 and U1 nothing of off2's case, while sup2, whom
# the administrator put in both units, sees both; the audit log verifies.
# Units: dorn has no command to add a second unit or to put a supervisor
# in one, so the administrator's SQL does it; the unit a supervisor of two
# units adds staff to is the session's dorn.unit (libpq's options).
#
# The server: DORN_TEST_PG (the administrator's connection string, as
# tests/pg/cluster.sh prints it; tests/pg/run.sh sets it), on which this
# makes a database of its own; without it, a throwaway cluster of its own.
# Prints "pg-journey: N passed, M failed"; exit 1 when any failed.
set -u
cd "$(dirname "$0")/../.."
DORN=$(pwd)/dorn
. tests/cli/lib.sh
EX=$(pwd)/data/examples
export DORN_DATADIR="${DORN_DATADIR:-$(pwd)/data}"
export DORN_PDFLIB="${DORN_PDFLIB:-$(pwd)/dorn-pdf.so}"
export DORN_TODAY=2026-11-28

OWN=""   # the cluster started here, if any
DBN=dorn_journey_$$
cleanup() {
	if [ -n "$OWN" ]; then
		sh tests/pg/cluster.sh stop "$OWN" >/dev/null 2>&1
	elif [ -n "${ADMIN:-}" ]; then
		psql -X -q -d "$ADMIN" -c "DROP DATABASE IF EXISTS $DBN WITH (FORCE)" >/dev/null 2>&1
	fi
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
trap 'exit 141' PIPE

if [ -n "${DORN_TEST_PG:-}" ]; then
	ADMIN=$DORN_TEST_PG
else
	why=$(sh tests/pg/cluster.sh why) || { echo "pg-journey: skipped: $why"; exit 0; }
	OWN=$(mktemp -d /tmp/dorn-pgj-XXXXXX) || exit 1
	ADMIN=$(sh tests/pg/cluster.sh start "$OWN") || { echo "pg-journey: 0 passed, 1 failed (no cluster)"; exit 1; }
fi
psql -X -q -v ON_ERROR_STOP=1 -d "$ADMIN" -c "CREATE DATABASE $DBN" >/dev/null || {
	echo "pg-journey: 0 passed, 1 failed (CREATE DATABASE $DBN refused)"
	exit 1
}

# pgurl LOGIN: the connection string for LOGIN on the journey's database
# (LOGIN "" keeps the administrator's).
pgurl() {
	u=$(printf '%s\n' "$ADMIN" | tr ' ' '\n' | grep -v -e '^user=' -e '^dbname=' | tr '\n' ' ')
	if [ -n "$1" ]; then u="${u}user=$1 "; else u="$u$(printf '%s\n' "$ADMIN" | tr ' ' '\n' | grep '^user=') "; fi
	printf '%sdbname=%s' "$u" "$DBN"
}
# psql as the administrator on the journey's database: one value.
pgval() { psql -X -A -t -q -d "$(pgurl "")" -c "$1" 2>&1; }

# dn WANT LOGIN dorn-args...: LOGIN runs dorn on this engine's database
# (on SQLite through --as; on the server as their own login), and the
# exit status must be WANT.
dn() {
	want=$1 who=$2
	shift 2
	if [ "$ENGINE" = pg ]; then
		run "$want" --db "$(pgurl "$who")" "$@"
	else
		run "$want" --db "$DB" --as "$who" "$@"
	fi
}
out_lacks() { if grep -q -- "$1" "$T/out"; then bad "stdout has '$1'"; else ok; fi; }

URN=62/LM/4401923/26    # names.ini: off1's case, approved by sup2 and exported
URN_DIR=62LM440192326
OWN_URN=43/KD/31876/26  # threat.ini: sup1's own case
DRAFT_URN=14/WC/20417/26 # sharing.ini: a draft

journey() {
	ENGINE=$1
	fresh "journey-$ENGINE"

	name=$ENGINE-init
	if [ "$ENGINE" = pg ]; then
		run 0 init --server "$(pgurl "")" --unit U1 --unit-name "North" --supervisor sup1 \
			--name "Sam Supervisor"
		out_has "sup1 as its first supervisor"
		# The second unit: the administrator's SQL (dorn has no command
		# for it).
		pgval "INSERT INTO dorn.unit (code, name) VALUES ('U2', 'South')" >"$T/psql" &&
			[ ! -s "$T/psql" ] && ok || bad "adding unit U2: $(cat "$T/psql")"
	else
		run 0 --db "$DB" init --name "Ada Admin"
		run 0 --db "$DB" staff add sup1 --name "Sam Supervisor" --role supervisor
	fi

	name=$ENGINE-staff
	dn 0 sup1 staff add sup2 --name "Sue Second" --role supervisor
	dn 0 sup1 staff add off1 --name "Olu Officer" --role officer
	if [ "$ENGINE" = pg ]; then
		# sup2 covers both units (the administrator adds them to U2);
		# staff they add go to the unit their session names
		pgval "INSERT INTO dorn.staff_unit (staff_id, unit) SELECT id, 'U2' FROM dorn.staff WHERE login = 'sup2'" \
			>"$T/psql" && [ ! -s "$T/psql" ] && ok || bad "sup2 into U2: $(cat "$T/psql")"
		run 0 --db "$(pgurl sup2) options='-c dorn.unit=U2'" staff add off2 --name "Ola Other" \
			--role officer
		[ "$(pgval "SELECT string_agg(u.unit, ',') FROM dorn.staff_unit u JOIN dorn.staff s ON s.id = u.staff_id WHERE s.login = 'off2'")" = U2 ] &&
			ok || bad "off2 is not in U2 alone"
	else
		dn 0 sup1 staff add off2 --name "Ola Other" --role officer
	fi
	dn 77 off1 staff add sneaky --name "Sly Sneak" --role supervisor; err_has "only a supervisor"
	if [ "$ENGINE" = pg ]; then
		# on the server, each is a login of their own, granted their role
		[ "$(pgval "SELECT pg_has_role('off1', 'dorn_officer', 'MEMBER')")" = t ] && ok ||
			bad "off1 is not a dorn_officer login"
		[ "$(pgval "SELECT pg_has_role('sup2', 'dorn_supervisor', 'MEMBER')")" = t ] && ok ||
			bad "sup2 is not a dorn_supervisor login"
		[ "$(pgval "SELECT rolcanlogin FROM pg_roles WHERE rolname = 'off2'")" = t ] && ok ||
			bad "off2 cannot log in"
		[ "$(pgval "SELECT count(*) FROM pg_roles WHERE rolname = 'sneaky'")" = 0 ] && ok ||
			bad "an officer made a login"
	fi

	name=$ENGINE-case
	dn 0 off1 import "$EX/names.ini" "$EX/sharing.ini"; out_has "Imported $URN"
	dn 0 off1 note "$URN"; out_has "^Version:              1 (draft"
	dn 0 off1 list; out_has "$URN"; out_has "$DRAFT_URN"
	dn 0 off1 list --search dziedzic; out_has "$URN"; out_lacks "$DRAFT_URN"
	dn 0 off1 show "$URN" --format json
	"$TOOLS/jsoncheck" defendant <"$T/out" >"$T/j" && grep -qx "Paweł Dziedzic" "$T/j" && ok ||
		bad "show json defendant"

	name=$ENGINE-submit
	dn 0 off1 submit "$URN"; out_has "as version 1"
	dn 77 off1 review approve "$URN"; err_has "only a supervisor"
	dn 77 off1 review list; err_has "only a supervisor"
	dn 0 sup1 review list; out_has "$URN"; out_has "Olu Officer"

	# four eyes: sup1 wrote this one, so sup1 cannot approve it; sup2 can
	name=$ENGINE-four-eyes
	dn 0 sup1 import "$EX/threat.ini"
	dn 0 sup1 submit "$OWN_URN"
	dn 69 sup1 review approve "$OWN_URN"; err_has "you cannot approve version 1 of $OWN_URN"
	err_has "another supervisor must review this version"
	dn 0 sup2 review approve "$OWN_URN" --comment "Checked."

	name=$ENGINE-approve
	dn 0 sup2 review approve "$URN" --comment "Good to go"; out_has "Approved"
	dn 69 sup1 review return "$URN" --comment "late"; err_has "approved already by Sue Second"
	dn 0 off1 show "$URN" --format json
	"$TOOLS/jsoncheck" note.status <"$T/out" >"$T/j" && grep -qx approved "$T/j" && ok ||
		bad "show json note status"

	name=$ENGINE-export
	OUT="$H/casefile"
	dn 0 sup1 export "$URN" --out "$OUT" --format txt,pdf,json --recipient "CPS Northmoor" \
		--reason "sentencing file"
	D="$OUT/$URN_DIR"
	for ext in txt pdf json; do
		f="$D/$URN_DIR-deprivation-note-v1.$ext"
		[ -f "$f" ] && ok || bad "missing $f"
		mode_is "$f" 600
	done
	(cd "$D" && sha256sum -c --quiet SHA256SUMS) && ok || bad "sha256sum -c failed"
	run 0 verify "$D"; out_has "All 4 files"
	grep -q "Approved by Sue Second" "$D/$URN_DIR-deprivation-note-v1.txt" && ok || bad "txt footer"
	"$TOOLS/jsoncheck" note.status <"$D/$URN_DIR-deprivation-note-v1.json" >"$T/j" &&
		grep -qx approved "$T/j" && ok || bad "json note status"
	"$TOOLS/jsoncheck" victim.reference <"$D/$URN_DIR-deprivation-note-v1.json" >"$T/j" &&
		grep -qx WC-2026-1010 "$T/j" && ok || bad "json victim reference"
	pdftotext -q -layout "$D/$URN_DIR-deprivation-note-v1.pdf" "$T/pdf.txt" && ok || bad "pdftotext failed"
	for s in "$URN" "Paweł Dziedzic" "Łukasz Wróblewski" "Approved by Sue Second"; do
		grep -q "$s" "$T/pdf.txt" && ok || bad "the PDF lacks '$s'"
	done
	cp "$D/$URN_DIR-deprivation-note-v1.txt" "$T/export-$ENGINE.txt"
	dn 0 sup1 audit --format csv
	grep -q ",sup1,disclose,.*CPS Northmoor" "$T/out" && ok || bad "no disclose row by sup1"

	name=$ENGINE-outcome
	dn 0 off1 outcome "$URN" --date 2026-11-28 --court "Northmoor Magistrates' Court" \
		--item 1 --result forfeiture
	out_has "is recorded (outcome version 1)"
	dn 0 off1 told "$URN" --date 2026-11-28 --how "Phone call"
	out_has "the victim was told on Sat 28 Nov 2026"
	dn 0 off1 outcome "$URN" --format json
	"$TOOLS/jsoncheck" tell.state <"$T/out" >"$T/j" && grep -qx done "$T/j" && ok || bad "json: told"

	name=$ENGINE-agenda
	dn 0 off1 agenda; out_has "$DRAFT_URN"; out_has "Finish the note for the sentencing"
	dn 0 sup1 agenda --format csv
	tr -d '\r' <"$T/out" >"$T/agenda-$ENGINE.csv"

	name=$ENGINE-figures
	dn 0 sup1 figures; out_has "Notes approved"
	dn 0 sup1 figures --format csv
	tr -d '\r' <"$T/out" >"$T/figures-$ENGINE.csv"

	if [ "$ENGINE" = pg ]; then
		# another unit's officer sees nothing of U1: not in the list, not by URN
		name=pg-units
		dn 0 off2 list; out_lacks "$URN"; out_lacks "$DRAFT_URN"
		dn 66 off2 show "$URN"; err_has "no case"
		dn 0 off2 list --search dziedzic; out_lacks "$URN"
		# U1's case cannot be changed from U2: the URN is taken (URNs are
		# the force's), and nothing of the case is shown or changed
		dn 65 off2 import --update "$EX/names.ini"; err_has "exists already"
		if grep -q "Dziedzic" "$T/err" "$T/out"; then bad "U1's case shown to off2"; else ok; fi
		dn 0 off1 show "$URN" --format json
		"$TOOLS/jsoncheck" record_version <"$T/out" >"$T/j" && grep -qx 1 "$T/j" && ok ||
			bad "U1's case changed: version $(cat "$T/j")"
		# and U1 sees nothing of U2's: off2's case is theirs alone, and
		# sup2's, who covers both
		dn 0 off2 import "$EX/voyeurism.ini"; out_has "Imported 05/TR/50231/26"
		dn 0 off2 list; out_has "05/TR/50231/26"; out_lacks "$URN"
		dn 0 off1 list; out_lacks "05/TR/50231/26"
		dn 66 sup1 show 05/TR/50231/26; err_has "no case"
		dn 0 sup2 list; out_has "05/TR/50231/26"; out_has "$URN"
		[ "$(pgval "SELECT unit FROM dorn.\"case\" WHERE urn = '05TR5023126'")" = U2 ] && ok ||
			bad "off2's case is not in U2"
	fi

	name=$ENGINE-audit
	dn 0 sup1 audit --verify
	dn 0 sup2 audit --verify
}

journey sqlite
journey pg

# The same journey leaves the same text on both engines.
name=same-on-both
same_as "$T/export-pg.txt" "$T/export-sqlite.txt"
same_as "$T/agenda-pg.csv" "$T/agenda-sqlite.csv"
same_as "$T/figures-pg.csv" "$T/figures-sqlite.csv"

echo "pg-journey: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
