#!/bin/sh
# What the database itself refuses, whatever the client: plain psql
# sessions as an officer, a supervisor and a force reader against a dorn
# server with two units. U1 has sup1 (supervisor) and off1 (officer), U2
# has off2; force1 holds dorn_force and no staff record. Each refusal is
# checked by psql's exit status and the server's words; each row rule by
# the count of rows a session sees.
#
#   sh tests/pg/t_roles.sh     (from the top of the tree, after make dorn)
set -u
DORN=${DORN:-./dorn}
D=$(mktemp -d /tmp/dorn-pgroles-XXXXXX)
trap 'tests/pg/cluster.sh stop "$D" >/dev/null 2>&1' EXIT INT TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $name: $*"; }

if ! U=$(tests/pg/cluster.sh start "$D"); then
	echo "pg-roles: cannot start a PostgreSQL cluster: $(tests/pg/cluster.sh why)"
	exit 1
fi
as() { # as LOGIN SQL: run SQL as LOGIN; output (and errors) in $out
	out=$(psql -X -q -At -v ON_ERROR_STOP=1 "host=$D user=$1 dbname=postgres" -c "$2" 2>&1)
}
# refused WHO SQL TEXT: the server refuses SQL from WHO, saying TEXT
refused() {
	name="$1: $2"
	if as "$1" "$2"; then
		bad "was allowed (printed: $out)"
	elif printf '%s\n' "$out" | grep -q -- "$3"; then
		ok
	else
		bad "refused, but not with '$3': $out"
	fi
}
# sees WHO SQL N: SQL (a count) gives N for WHO
sees() {
	name="$1: $2"
	if ! as "$1" "$2"; then
		bad "failed: $out"
	elif [ "$out" = "$3" ]; then
		ok
	else
		bad "gave '$out', wanted '$3'"
	fi
}
owner() { # owner SQL: as the administrator, acting as dorn_owner
	psql -X -q -At -v ON_ERROR_STOP=1 "$U" -c "SET ROLE dorn_owner; SET search_path = dorn, pg_catalog; $1" ||
		{ name="setup"; bad "owner SQL failed: $1"; }
}

name=init
"$DORN" init --server "$U" --unit U1 --unit-name "Unit One" --supervisor sup1 \
	--name "Sam Sup" >/dev/null 2>&1 || bad "dorn init --server failed"

# The second unit, two officers and a force reader, two cases (one a unit)
# with their victim, concern, note and figure row: written as dorn_owner.
NOW=2026-01-05T10:00:00Z
owner "INSERT INTO unit VALUES ('U2', 'Unit Two');
CREATE ROLE off1 LOGIN; CREATE ROLE off2 LOGIN; CREATE ROLE force1 LOGIN;
GRANT dorn_officer TO off1, off2; GRANT dorn_force TO force1;
INSERT INTO staff (login, name, role, created) VALUES
  ('off1', 'Olu One', 'officer', '$NOW'), ('off2', 'Ola Two', 'officer', '$NOW');
INSERT INTO staff_unit SELECT id, 'U1' FROM staff WHERE login = 'off1';
INSERT INTO staff_unit SELECT id, 'U2' FROM staff WHERE login = 'off2';
INSERT INTO \"case\" (urn, defendant, created_by, created, updated_by, updated, unit)
  SELECT '01AA1111126', 'Dee One', id, '$NOW', id, '$NOW', 'U1' FROM staff WHERE login = 'off1';
INSERT INTO \"case\" (urn, defendant, created_by, created, updated_by, updated, unit)
  SELECT '02BB2222226', 'Dee Two', id, '$NOW', id, '$NOW', 'U2' FROM staff WHERE login = 'off2';
INSERT INTO victim (case_id, reference, name) SELECT id, 'V-' || unit, 'Vic ' || unit FROM \"case\";
INSERT INTO concern (case_id, victim_words) SELECT id, 'words of ' || unit FROM \"case\";
INSERT INTO case_search (case_id, urn, defendant, victim_ref, victim_name)
  SELECT c.id, c.urn, c.defendant, v.reference, v.name FROM \"case\" c JOIN victim v ON v.case_id = c.id;
INSERT INTO note (case_id, version, body, status, author, created, submitted)
  SELECT id, 1, 'note of ' || unit, 'submitted', created_by, '$NOW', '$NOW' FROM \"case\";
INSERT INTO figure (case_id, officer, concern, unit) SELECT id, 'x', '2026-01-05', unit FROM \"case\";
SELECT _audit('collect', 'case', id, '', 'set up', '') FROM \"case\" ORDER BY id;" >/dev/null

# ---- an officer: no direct write, ever ----
refused off1 "UPDATE dorn.\"case\" SET defendant = 'x'" "permission denied for table case"
refused off1 "INSERT INTO dorn.\"case\" (urn, created_by, created, updated_by, updated, unit) VALUES ('03CC3333326', 1, 'x', 1, 'x', 'U1')" \
	"permission denied for table case"
refused off1 "DELETE FROM dorn.\"case\"" "permission denied for table case"
refused off1 "UPDATE dorn.victim SET name = 'x'" "permission denied for table victim"
refused off1 "UPDATE dorn.note SET status = 'approved', reviewer = 1, reviewed = 'x'" \
	"permission denied for table note"
refused off1 "INSERT INTO dorn.staff_unit VALUES (2, 'U2')" "permission denied for table staff_unit"
refused off1 "UPDATE dorn.staff SET role = 'supervisor' WHERE login = 'off1'" \
	"permission denied for table staff"
refused off1 "UPDATE dorn.figure SET made = 9" "permission denied for table figure"
# ... nor through dorn's internal functions
refused off1 "SELECT dorn._audit('alter', 'case', 1, '', 'forged', '')" \
	"permission denied for function _audit"
refused off1 "SELECT dorn._digest('case', 1)" "permission denied for function _digest"
refused off1 "SELECT dorn._init_supervisor('off1', 'x', 'U1')" \
	"permission denied for function _init_supervisor"
# ... nor by becoming someone else, or adding objects to dorn's schema
refused off1 "SET ROLE dorn_owner" "permission denied to set role"
refused off1 "GRANT dorn_supervisor TO off1" "must have admin option"
refused off1 "CREATE TABLE dorn.x (a int)" "permission denied for schema dorn"
refused off1 "CREATE FUNCTION dorn.my_units() RETURNS SETOF text LANGUAGE sql AS 'SELECT ''U2'''" \
	"permission denied for schema dorn"

# ... and the API itself holds the rules (W's functions, 30-api.sql)
NOTE1=$(psql -X -q -At "$U" -c "SELECT n.id FROM dorn.note n JOIN dorn.\"case\" c ON c.id = n.case_id WHERE c.unit = 'U1'")
NOTE2=$(psql -X -q -At "$U" -c "SELECT n.id FROM dorn.note n JOIN dorn.\"case\" c ON c.id = n.case_id WHERE c.unit = 'U2'")
CASE2=$(psql -X -q -At "$U" -c "SELECT id FROM dorn.\"case\" WHERE unit = 'U2'")
refused off1 "SELECT dorn.note_move($NOTE1, 'submitted', 'approved', '')" \
	"only a supervisor can approve a note"
refused sup1 "SELECT dorn.note_move($NOTE2, 'submitted', 'approved', '')" \
	"the note was removed meanwhile"
refused off1 "SELECT dorn.audit_event('consult', 'case', $CASE2, '', 'peek', '')" \
	"the case was erased meanwhile"
refused off1 "SELECT dorn.audit_event('alter', 'case', 0, '', 'forged', '')" \
	"a client records only what it read"
refused off1 "SELECT dorn.staff_add('off9', 'Nine', 'supervisor', 1, '', 'U1')" "supervisor"

# ---- the audit log and the key ----
refused off1 "SELECT count(*) FROM dorn.audit" "permission denied for table audit"
refused off1 "INSERT INTO dorn.audit (seq, time, login, action, entity, prev_hash, hash) VALUES (99, '2026-01-01T00:00:00Z', 'off1', 'alter', 'case', repeat('0', 64), repeat('0', 64))" \
	"permission denied for table audit"
refused off1 "UPDATE dorn.audit SET reason = 'x'" "permission denied for table audit"
refused off1 "DELETE FROM dorn.audit" "permission denied for table audit"
refused off1 "SELECT value FROM dorn.secret" "permission denied for table secret"
refused off1 "SELECT * FROM dorn.audit_head" "permission denied for table audit_head"
refused off1 "UPDATE dorn.meta SET value = '99' WHERE name = 'audit_key_from'" \
	"permission denied for table meta"
sees off1 "SELECT why IS NULL FROM dorn.audit_verify()" "t"
# the key's HMAC, only under dorn's own labels: a row's MAC is not for hire
sees off1 "SELECT length(dorn.keyed_hash('dorn-erased-urn-v1', '01AA1111126'))" "64"
refused off1 "SELECT dorn.keyed_hash('dorn-audit-v2', E'1\n')" "not a label the audit key hashes under"
refused off1 "SELECT dorn.hmac('x', value, 'sha256') FROM dorn.secret" "permission denied for table secret"
refused sup1 "DELETE FROM dorn.audit" "permission denied for table audit"
refused sup1 "UPDATE dorn.audit SET reason = 'x' WHERE seq = 1" "permission denied for table audit"
refused sup1 "TRUNCATE dorn.audit" "permission denied for table audit"
refused sup1 "SELECT value FROM dorn.secret" "permission denied for table secret"
sees sup1 "SELECT count(*) > 0 FROM dorn.audit" "t"
# A supervisor reads the rows of their units' staff and the
# administrator's, never another unit's.
owner "CREATE ROLE sup2 LOGIN; GRANT dorn_supervisor TO sup2;
INSERT INTO staff (login, name, role, created) VALUES ('sup2', 'Sue Two', 'supervisor', '$NOW');
INSERT INTO staff_unit SELECT id, 'U2' FROM staff WHERE login = 'sup2';" >/dev/null
name="sup1 records a change of their own"
"$DORN" --db "host=$D user=sup1 dbname=postgres" staff contact sup1 "01632 960000" \
	>/dev/null 2>&1 && ok || bad "dorn staff contact failed"
sees sup1 "SELECT count(*) FROM dorn.audit WHERE login = 'sup1'" "1"
sees sup2 "SELECT count(*) FROM dorn.audit WHERE login = 'sup1'" "0"
sees sup2 "SELECT count(*) > 0 FROM dorn.audit WHERE login = 'dorn_dba'" "t"
sees sup2 "SELECT why IS NULL FROM dorn.audit_verify()" "t"
# not even the owner, without dropping the trigger first
name="owner: UPDATE audit"
if psql -X -q -At "$U" -c "SET ROLE dorn_owner; UPDATE dorn.audit SET reason = 'x'" 2>&1 |
	grep -q "append-only"; then ok; else bad "the owner's UPDATE of audit was not refused"; fi
name="owner: DELETE audit"
if psql -X -q -At "$U" -c "SET ROLE dorn_owner; DELETE FROM dorn.audit" 2>&1 |
	grep -q "append-only"; then ok; else bad "the owner's DELETE from audit was not refused"; fi
sees sup1 "SELECT why IS NULL FROM dorn.audit_verify()" "t"

# ---- rows: each unit sees its own ----
sees off1 "SELECT string_agg(urn, ',') FROM dorn.\"case\"" "01AA1111126"
sees off1 "SELECT count(*) FROM dorn.\"case\" WHERE unit = 'U2'" "0"
sees off1 "SELECT count(*) FROM dorn.victim v JOIN dorn.\"case\" c ON c.id = v.case_id WHERE c.unit = 'U1'" "1"
sees off1 "SELECT count(*) FROM dorn.victim" "1"
sees off1 "SELECT count(*) FROM dorn.victim WHERE name = 'Vic U2'" "0"
sees off1 "SELECT count(*) FROM dorn.concern WHERE victim_words LIKE '%U2'" "0"
sees off1 "SELECT count(*) FROM dorn.note" "1"
sees off1 "SELECT count(*) FROM dorn.case_search WHERE doc @@ to_tsquery('simple', 'two')" "0"
sees off1 "SELECT count(*) FROM dorn.case_search WHERE doc @@ to_tsquery('simple', 'one')" "1"
sees off1 "SELECT count(*) FROM dorn.figure" "1"
sees off1 "SELECT string_agg(login, ',' ORDER BY login) FROM dorn.staff" "off1,sup1"
sees off2 "SELECT string_agg(urn, ',') FROM dorn.\"case\"" "02BB2222226"
sees off2 "SELECT count(*) FROM dorn.victim WHERE name = 'Vic U1'" "0"
sees off2 "SELECT string_agg(login, ',' ORDER BY login) FROM dorn.staff" "off2,sup2"
sees sup1 "SELECT count(*) FROM dorn.\"case\"" "1"
sees sup1 "SELECT count(*) FROM dorn.note WHERE status = 'submitted'" "1"

# ---- the force: every unit's figures, nobody's details ----
sees force1 "SELECT count(*) FROM dorn.figure" "2"
sees force1 "SELECT count(DISTINCT unit) FROM dorn.unit" "2"
refused force1 "SELECT count(*) FROM dorn.victim" "permission denied for table victim"
refused force1 "SELECT count(*) FROM dorn.\"case\"" "permission denied for table case"
refused force1 "SELECT count(*) FROM dorn.staff" "permission denied for table staff"
refused force1 "SELECT count(*) FROM dorn.note" "permission denied for table note"
refused force1 "SELECT count(*) FROM dorn.case_search" "permission denied for table case_search"
refused force1 "SELECT count(*) FROM dorn.audit" "permission denied for table audit"
refused force1 "UPDATE dorn.figure SET made = 1" "permission denied for table figure"

# ---- a login with no dorn role, and a deactivated officer ----
psql -X -q "$U" -c "CREATE ROLE stranger LOGIN" >/dev/null
refused stranger "SELECT count(*) FROM dorn.figure" "permission denied for schema dorn"
owner "UPDATE staff SET active = 0 WHERE login = 'off1'" >/dev/null
sees off1 "SELECT count(*) FROM dorn.\"case\"" "0"
sees off1 "SELECT count(*) FROM dorn.victim" "0"

echo "pg-roles: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
