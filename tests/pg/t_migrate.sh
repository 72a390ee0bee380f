#!/bin/sh
# dorn migrate: a unit's file moved to a server (dorn-server(7)). The demo
# database (as 'make demo' makes it), with an officer, a submitted and an
# approved note, an outcome and an erased case added, is moved into a
# server 'dorn init --server' made; every table must hold as many rows on
# the server as in the file, the audit chain verify on both sides and go
# on when the server is written to, and the search find what the file's
# does. Refused, with nothing changed: a second move into the same server,
# a database without dorn's schema, a login that is not the
# administrator's, a server of several units without --unit, one whose
# first supervisor is not on the file's staff. Also: --key for a key kept
# elsewhere, dorn figures --by unit for a dorn_force login with no staff
# record (and only on a server), dorn backup on a server (pg_dump).
#
#   sh tests/pg/t_migrate.sh     (from the top of the tree, after make dorn)
set -u
DORN=${DORN:-./dorn}
D=$(mktemp -d /tmp/dorn-pgmigrate-XXXXXX)
PG=$(mktemp -d /tmp/dorn-pgm-XXXXXX) # the server's own: its user reaches it
trap 'tests/pg/cluster.sh stop "$PG" >/dev/null 2>&1; rm -rf "$D"' EXIT INT TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $name: $*"; }
finish() {
	echo "pg-migrate: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit $?
}

export DORN_DATADIR="${DORN_DATADIR:-$(pwd)/data}" TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
export XDG_CONFIG_HOME=$D/config XDG_DATA_HOME=$D/data
unset DORN_TODAY DORN_CONFIG
chmod 700 "$D"
F=$D/unit.db
ME=$(id -un)

# run WANT_RC ARGS...: dorn's output in $out and $err, its exit status checked
run() {
	want=$1
	shift
	env ${ENVX:-} "$DORN" "$@" >"$D/out" 2>"$D/err" </dev/null
	got=$?
	out=$(cat "$D/out")
	err=$(cat "$D/err")
	if [ "$got" -eq "$want" ]; then
		ok
	else
		bad "dorn $* exited $got, wanted $want: $err"
	fi
}
out_has() { if printf '%s\n' "$out" | grep -q -- "$1"; then ok; else bad "no '$1' in: $out"; fi; }
err_has() { if printf '%s\n' "$err" | grep -q -- "$1"; then ok; else bad "no '$1' in: $err"; fi; }
same() { # same WHAT GOT WANT
	if [ "$2" = "$3" ]; then ok; else bad "$1: '$2', wanted '$3'"; fi
}

if [ -x build/tests/sqlexec ]; then
	sq() { build/tests/sqlexec "$F" "$1"; }
elif command -v sqlite3 >/dev/null 2>&1; then
	sq() { sqlite3 "$F" "$1"; }
else
	name=setup
	bad "neither build/tests/sqlexec (make cli-tests) nor sqlite3 to read the file"
	finish
fi
psq() { # psq DB SQL: as the administrator
	psql -X -q -At -v ON_ERROR_STOP=1 "host=$PG user=dorn_dba dbname=$1" -c "$2"
}

# ---- the unit's file: the demo database and a few more of its paths ----
name="the demo database"
run 0 --db "$F" init --quiet --name "Demo Supervisor"
run 0 --db "$F" import data/examples/*.ini
run 0 --db "$F" staff add ofc1 --name "Olu Officer" --role officer
run 0 --db "$F" staff add ofc2 --name "Ola Gone" --role officer
run 0 --db "$F" staff deactivate ofc2
run 0 --db "$F" staff add sup2 --name "Sue Second" --role supervisor
URNS=$(sq "SELECT urn FROM \"case\" WHERE note_status = 'draft' ORDER BY urn LIMIT 3")
U1=$(printf '%s\n' "$URNS" | sed -n 1p)
U2=$(printf '%s\n' "$URNS" | sed -n 2p)
U3=$(printf '%s\n' "$URNS" | sed -n 3p)
run 0 --db "$F" --as ofc1 submit "$U1"
run 0 --db "$F" --as ofc1 submit "$U2"
run 0 --db "$F" --as sup2 review approve "$U2" --comment "Fine."
run 0 --db "$F" outcome "$U2" --date 2026-11-20 --court "Eastbridge Magistrates' Court"
run 0 --db "$F" erase "$U3" --early --reason "test: erased before the move" --yes
run 0 --db "$F" audit --verify

TABLES="staff case case_offence victim concern item note note_author outcome case_due figure audit"
counts_file() {
	for t in $TABLES; do printf '%s=%s ' "$t" "$(sq "SELECT count(*) FROM \"$t\"")"; done
	printf 'case_search=%s' "$(sq "SELECT count(*) FROM case_search")"
}
counts_server() { # counts_server DB
	for t in $TABLES; do printf '%s=%s ' "$t" "$(psq "$1" "SELECT count(*) FROM dorn.\"$t\"")"; done
	printf 'case_search=%s' "$(psq "$1" "SELECT count(*) FROM dorn.case_search")"
}
BEFORE=$(counts_file)
ROWS=$(sq "SELECT count(*) FROM audit")
HEAD=$(sq "SELECT hash FROM audit ORDER BY seq DESC LIMIT 1")
name="the file has what the test needs"
case "$BEFORE" in
*"outcome=0"* | *"figure=0"* | *"note=0"*) bad "too little in the file: $BEFORE" ;;
*) ok ;;
esac
[ "$(sq "SELECT count(*) FROM figure WHERE case_id IS NULL AND erased = 1")" = 1 ] && ok ||
	bad "no erased case's figure row"

# ---- the server ----
if ! U=$(tests/pg/cluster.sh start "$PG" 2>"$D/cluster.err"); then
	name=cluster
	bad "cannot start a PostgreSQL cluster: $(cat "$D/cluster.err")"
	finish
fi
url() { echo "host=$PG user=${2:-dorn_dba} dbname=$1"; }
name="init --server"
run 0 init --server "$U" --unit N1 --unit-name North --supervisor "$ME" --name "Demo Supervisor"

name="refused: --to a file"
run 64 --db "$F" migrate --to "$D/other.db"
err_has "takes a PostgreSQL database"
name="refused: no --to"
run 64 --db "$F" migrate

name="refused: a database without dorn's schema"
psq postgres "CREATE DATABASE plain" >/dev/null
run 66 --db "$F" migrate --to "$(url plain)"
err_has "has no dorn schema"
same "schemas made there" "$(psq plain "SELECT count(*) FROM pg_namespace WHERE nspname = 'dorn'")" 0

name="refused: not the administrator"
psq postgres "CREATE ROLE bystander LOGIN" >/dev/null
run 77 --db "$F" migrate --to "$(url postgres bystander)"
err_has "database administrator"
same "cases on the server" "$(psq postgres "SELECT count(*) FROM dorn.\"case\"")" 0

name="the move"
run 0 --db "$F" migrate --to "$U"
out_has "unit N1"
out_has "audit chain: $ROWS rows verify on both sides"
out_has "records the move (row $((ROWS + 1)))"
name="every table, row for row"
same "counts" "$(counts_server postgres)" "$BEFORE"
same "the server's last audit row" "$(psq postgres "SELECT hash FROM dorn.audit ORDER BY seq DESC LIMIT 1")" "$HEAD"
same "the audit head" "$(psq postgres "SELECT seq || ':' || hash FROM dorn.audit_head")" "$ROWS:$HEAD"
same "the database's id" "$(psq postgres "SELECT value FROM dorn.meta WHERE name = 'db_id'")" \
	"$(sq "SELECT value FROM meta WHERE name = 'db_id'")"
same "every case in the unit" "$(psq postgres "SELECT count(*) FROM dorn.\"case\" WHERE unit <> 'N1'")" 0
same "every staff member in the unit" "$(psq postgres "SELECT count(*) FROM dorn.staff s WHERE NOT EXISTS (SELECT 1 FROM dorn.staff_unit u WHERE u.staff_id = s.id AND u.unit = 'N1')")" 0
AUDIT_SQL="SELECT seq, time, login, action, entity, entity_id, recipient, replace(reason, char(10), ' '), replace(detail, char(10), ' '), coalesce(digest, ''), prev_hash, hash FROM audit WHERE seq <= $ROWS ORDER BY seq"
same "the file's audit rows as they were" \
	"$(psql -X -q -At -F '|' "$(url postgres)" -c "SET search_path = dorn; $(echo "$AUDIT_SQL" | sed 's/char(10)/chr(10)/g')" | md5sum)" \
	"$(sq "$AUDIT_SQL" | md5sum)"
name="roles"
same "ofc1 is an officer" "$(psq postgres "SELECT pg_has_role('ofc1', 'dorn_officer', 'MEMBER')")" t
same "ofc2, inactive, has no role" "$(psq postgres "SELECT count(*) FROM pg_roles WHERE rolname = 'ofc2'")" 0

name="verified on both sides"
run 0 --db "$(url postgres "$ME")" audit --verify
out_has "verified: $ROWS rows"
run 0 --db "$F" audit --verify
out_has "verified: $((ROWS + 1)) rows"
run 0 --db "$(url postgres "$ME")" check
out_has "Content: every case, note and staff record matches the audit log"
name="the search finds on the server what it found in the file"
for q in "$U1" WC-2026 afraid phone pawel; do
	run 0 --db "$F" list --search "$q" --format csv
	found=$out
	run 0 --db "$(url postgres "$ME")" list --search "$q" --format csv
	same "dorn list --search $q" "$out" "$found"
done
name="the chain goes on"
run 0 --db "$(url postgres "$ME")" staff add ofc3 --name "Oti Third" --role officer
run 0 --db "$(url postgres ofc1)" list
run 0 --db "$(url postgres "$ME")" audit --verify
n=$(printf '%s\n' "$out" | sed -n 's/^Audit log verified: \([0-9]*\) rows.*/\1/p')
[ "${n:-0}" -gt "$ROWS" ] && ok || bad "the server's chain did not go on: $out"
same "ofc3's id follows the file's" "$(psq postgres "SELECT id FROM dorn.staff WHERE login = 'ofc3'")" \
	"$(($(sq "SELECT max(id) FROM staff") + 1))"

name="refused: a second move"
AFTER=$(counts_server postgres)
run 65 --db "$F" migrate --to "$U"
err_has "is not empty"
err_has "nothing was changed"
same "the server after" "$(counts_server postgres)" "$AFTER"

name="refused: several units and no --unit"
psq postgres "CREATE DATABASE two" >/dev/null
run 0 init --server "$(url two)" --unit N1 --supervisor "$ME" --quiet
psq two "INSERT INTO dorn.unit VALUES ('S2', 'South')"
run 64 --db "$F" migrate --to "$(url two)"
err_has "2 units (N1, S2)"
run 65 --db "$F" migrate --to "$(url two)" --unit X9
err_has "no unit 'X9'"
name="--key: the key given, where dorn would not look"
KEY=$(ls "$XDG_CONFIG_HOME"/dorn/keys/*.key)
cp "$KEY" "$D/unit.key" && chmod 644 "$D/unit.key"
ENVX="XDG_CONFIG_HOME=$D/elsewhere"
run 78 --db "$F" migrate --to "$(url two)" --unit S2 --key "$D/unit.key"
err_has "can be read or changed by others"
chmod 600 "$D/unit.key"
run 78 --db "$F" migrate --to "$(url two)" --unit S2
err_has "audit key"
run 0 --db "$F" migrate --to "$(url two)" --unit S2 --key "$D/unit.key"
out_has "unit S2"
ENVX=
same "cases in S2" "$(psq two "SELECT count(*) FROM dorn.\"case\" WHERE unit = 'S2'")" \
	"$(sq "SELECT count(*) FROM \"case\"")"
name="the first supervisor keeps their unit"
same "$ME's units" "$(psq two "SELECT string_agg(u.unit, ',' ORDER BY u.unit) FROM dorn.staff_unit u JOIN dorn.staff s ON s.id = u.staff_id WHERE s.login = '$ME'")" "N1,S2"

name="refused: the server's first supervisor is not on the file's staff"
psq postgres "CREATE DATABASE three" >/dev/null
run 0 init --server "$(url three)" --unit N1 --supervisor stranger1 --quiet
run 65 --db "$F" migrate --to "$(url three)"
err_has "'stranger1' is not on this file's staff"
same "the server after" "$(psq three "SELECT count(*) FROM dorn.staff")" 1

# ---- figures by unit, and backup, on a server ----
name="figures --by unit"
psq postgres "CREATE ROLE force1 LOGIN IN ROLE dorn_force" >/dev/null
run 0 --db "$(url postgres force1)" figures --by unit --format csv
out_has "^unit,N1,"
run 77 --db "$(url postgres force1)" figures --by officer
err_has "for supervisors"
run 0 --db "$(url postgres "$ME")" figures --by unit
out_has "Orders made by unit"
run 64 --db "$F" figures --by unit
err_has "one unit per database file"
name="backup on a server"
run 64 --db "$(url postgres "$ME")" backup "$D/b.db"
err_has "pg_dump"
run 64 --db "$(url postgres force1)" backup "$D/b.db"
err_has "pg_dump"
[ ! -e "$D/b.db" ] && ok || bad "a backup file was made"

finish
