#!/bin/sh
# Every write of the store on PostgreSQL (src/store/pg/sql/30-api.sql and
# src/store/pg/write.c), through the command line as each staff member's
# own database login and, where a hand-written client could try what dorn
# never sends, through psql calling the functions directly: staff add
# (which makes a LOGIN role that can connect), role changes and
# deactivation (the group roles follow), a case saved, its note drafted,
# submitted, approved and stamped, the four-eyes rule (the CLI's refusal
# and the function's own), two saves of one loaded version (the second
# refused: 75), the outcome, telling the victim, retention, a draft
# dropped, erasure, client events, units kept apart, and every record's
# content digest as the audit log holds it.
#
# A throwaway cluster of its own (tests/pg/cluster.sh), stopped and
# removed on exit. Prints "pg-writes: N passed, M failed"; exit 1 when any
# failed; "pg-writes: skipped: WHY" when no server can run here.
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
DORN=$ROOT/dorn
EX=$ROOT/data/examples
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 DORN_TODAY=2026-11-28
export DORN_DATADIR="${DORN_DATADIR:-$ROOT/data}"
unset DORN_CONFIG XDG_CONFIG_HOME XDG_DATA_HOME PGOPTIONS

pass=0
fail=0
name=setup
ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	echo "FAIL: $name: $*"
	echo "  stdout: $(head -c 400 "$T/out" 2>/dev/null)"
	echo "  stderr: $(head -c 600 "$T/err" 2>/dev/null)"
}

if ! why=$(sh tests/pg/cluster.sh why); then
	echo "pg-writes: skipped: $why"
	exit 0
fi
T=$(mktemp -d /tmp/dorn-pgw-XXXXXX) || exit 1
chmod 0755 "$T"
D=$T/pg
cleanup() {
	sh tests/pg/cluster.sh stop "$D" >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
ADMIN=$(sh tests/pg/cluster.sh start "$D") || { echo "pg-writes: 0 passed, 1 failed (no cluster)"; exit 1; }
export HOME=$T/home
mkdir -p "$HOME"

url() { printf 'host=%s user=%s dbname=postgres' "$D" "$1"; }
# as EXPECTED_EXIT LOGIN dorn-args...: dorn as that database login
as() {
	want=$1
	who=$2
	shift 2
	"$DORN" --db "$(url "$who")" "$@" >"$T/out" 2>"$T/err" </dev/null
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else bad "exit $got, wanted $want: ($who) dorn $*"; fi
}
# sql LOGIN SQL: psql as that login; its output (and errors) in $T/out
sql() {
	psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$(url "$1")" -c "$2" >"$T/out" 2>&1
}
# one SQL: one value, as the administrator
one() { psql -X -q -A -t -d "$ADMIN" -c "$1" 2>&1; }
is() { if [ "$1" = "$2" ]; then ok; else bad "got '$1', wanted '$2' ($3)"; fi; }
out_has() { if grep -q -- "$1" "$T/out"; then ok; else bad "stdout lacks '$1'"; fi; }
err_has() { if grep -q -- "$1" "$T/err"; then ok; else bad "stderr lacks '$1'"; fi; }
# refused LOGIN SQL CODE MESSAGE: the call fails with that SQLSTATE and text
refused() {
	psql -X -q -A -t -d "$(url "$1")" -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -c "$2" \
		>"$T/out" 2>&1 && { bad "($1) was allowed: $2"; return; }
	if grep -q "ERROR:  $3:" "$T/out" && grep -q -- "$4" "$T/out"; then ok; else
		bad "($1) $2: wanted $3 '$4', got: $(head -c 300 "$T/out")"
	fi
}
note_id() { one "SELECT n.id FROM dorn.note n JOIN dorn.\"case\" c ON c.id = n.case_id WHERE c.urn = '$1' ORDER BY n.version DESC LIMIT 1"; }
case_id() { one "SELECT id FROM dorn.\"case\" WHERE urn = '$1'"; }

"$DORN" init --server "$ADMIN" --unit N1 --unit-name North --supervisor wsup1 \
	--name "Sam Supervisor" >"$T/out" 2>"$T/err" || bad "init --server failed"

# ---- staff: a LOGIN role made and granted ----
name=staff-add
as 0 wsup1 staff add woff1 --name "Olive Officer" --role officer --contact "ext 201"
out_has "Added woff1"
as 0 wsup1 staff add wsup2 --name "Sue Second" --role supervisor
is "$(one "SELECT rolcanlogin FROM pg_roles WHERE rolname = 'woff1'")" t "woff1 is a login"
is "$(one "SELECT pg_has_role('woff1', 'dorn_officer', 'MEMBER'), pg_has_role('woff1', 'dorn_supervisor', 'MEMBER')")" "t|f" "woff1's group role"
is "$(one "SELECT pg_has_role('wsup2', 'dorn_supervisor', 'MEMBER')")" t "wsup2's group role"
is "$(one "SELECT s.role || ',' || u.unit FROM dorn.staff s JOIN dorn.staff_unit u ON u.staff_id = s.id WHERE s.login = 'woff1'")" "officer,N1" "woff1's unit"
sql woff1 "SELECT session_user" && is "$(cat "$T/out")" woff1 "woff1 connects as itself"
is "$(one "SELECT count(*) FROM dorn.audit WHERE action = 'collect' AND entity = 'staff' AND reason = 'added as officer' AND login = 'wsup1'")" 1 "staff add audited"
# an existing role is granted, not made again
one "CREATE ROLE wold LOGIN" >/dev/null
as 0 wsup1 staff add wold --name "Owen Old" --role officer
is "$(one "SELECT pg_has_role('wold', 'dorn_officer', 'MEMBER')")" t "an existing role granted"
as 65 wsup1 staff add woff1 --name "Again" --role officer; err_has "'woff1' is already registered (Olive Officer, officer)"
as 77 woff1 staff add wnew --name "New" --role officer; err_has "only a supervisor"
refused woff1 "SELECT dorn.staff_add('wnew', 'New', 'supervisor', 1, '', NULL)" DNPRM "only a supervisor can add staff"
refused wsup1 "SELECT dorn.staff_add('dorn_owner', 'Own', 'supervisor', 1, '', NULL)" DNDAT "keeps for its own roles"
one "CREATE ROLE wroot LOGIN SUPERUSER" >/dev/null
refused wsup1 "SELECT dorn.staff_add('wroot', 'Root', 'supervisor', 1, '', NULL)" DNDAT "superuser"
is "$(one "SELECT count(*) FROM pg_roles WHERE rolname = 'wnew'")" 0 "no role made by a refused add"

name=staff-change
as 0 wsup1 staff deactivate wold
is "$(one "SELECT pg_has_role('wold', 'dorn_officer', 'MEMBER') OR pg_has_role('wold', 'dorn_supervisor', 'MEMBER')")" f "deactivated: no group role"
as 77 wold list
as 0 wsup1 staff activate wold
is "$(one "SELECT pg_has_role('wold', 'dorn_officer', 'MEMBER')")" t "reactivated: officer again"
as 0 wsup1 staff role wold supervisor
is "$(one "SELECT pg_has_role('wold', 'dorn_officer', 'MEMBER'), pg_has_role('wold', 'dorn_supervisor', 'MEMBER')")" "f|t" "made supervisor: the group role follows"
as 0 wsup1 staff role wold officer
is "$(one "SELECT reason FROM dorn.audit WHERE entity = 'staff' AND entity_id = (SELECT id FROM dorn.staff WHERE login = 'wold') ORDER BY seq DESC LIMIT 1")" "officer, active" "staff change audited"
as 0 woff1 staff contact woff1 "ext 202"
is "$(one "SELECT contact FROM dorn.staff WHERE login = 'woff1'")" "ext 202" "own contact"
as 77 woff1 staff contact wsup1 "ext 9"
refused woff1 "SELECT dorn.staff_contact('wsup1', 'x')" DNPRM "change another person's contact details"
refused woff1 "SELECT dorn.staff_update('woff1', 'supervisor', 1)" DNPRM "only a supervisor can change staff"

# ---- a case and its note ----
name=case-save
as 0 woff1 import "$EX/sharing.ini" "$EX/threat.ini" "$EX/names.ini"
C1=$(case_id 14WC2041726)
is "$(one "SELECT unit || ',' || version || ',' || note_status || ',' || due_lo || ',' || due_hi FROM dorn.\"case\" WHERE id = $C1")" "N1,1,draft,2026-12-04,2026-12-04" "the case's row"
is "$(one "SELECT count(*) FROM dorn.case_due WHERE case_id = $C1")" 1 "one date: one row of the list"
is "$(one "SELECT count(*) FROM dorn.item WHERE case_id = $C1")" 2 "items"
is "$(one "SELECT officer || ',' || offences || ',' || unit FROM dorn.figure WHERE case_id = $C1")" "woff1,soa66b2,N1" "the figure row"
is "$(one "SELECT act FROM dorn.note_author a JOIN dorn.staff s ON s.id = a.staff_id WHERE a.case_id = $C1 AND s.login = 'woff1' AND a.version = 1")" collect "the recorder is an author"
as 0 woff1 list --search "zoe nunez"; out_has "62/LM/4401923/26"
as 0 woff1 list --search frightened; out_has "14/WC/20417/26"
# the same record back, as SQLite holds it
HOME=$T/sq "$DORN" --db "$T/sq.db" init --name Root >/dev/null 2>&1
HOME=$T/sq "$DORN" --db "$T/sq.db" import "$EX/sharing.ini" >/dev/null 2>&1
as 0 woff1 show 14/WC/20417/26 --format json
grep -v '"created"\|"updated"\|"updated_by"\|audit_head\|"id"\|"author\|first_change\|"login"\|"name": "' "$T/out" >"$T/pg.json"
HOME=$T/sq "$DORN" --db "$T/sq.db" show 14/WC/20417/26 --format json 2>/dev/null |
	grep -v '"created"\|"updated"\|"updated_by"\|audit_head\|"id"\|"author\|first_change\|"login"\|"name": "' >"$T/sq.json"
if cmp -s "$T/pg.json" "$T/sq.json"; then ok; else bad "the case reads back otherwise than on SQLite: $(diff "$T/sq.json" "$T/pg.json" | head -5)"; fi

name=conflict
# Two saves from the version both loaded: the second is refused, naming
# who changed it and when (75). A lock held on the row makes both load
# before either saves.
sed 's/^court = .*/court = "Westbridge Crown Court"/' "$EX/threat.ini" >"$T/threat2.ini"
sed 's/^court = .*/court = "Northbridge Crown Court"/' "$EX/threat.ini" >"$T/threat3.ini"
C2=$(case_id 43KD3187626)
psql -X -q -d "$ADMIN" -c "BEGIN; SELECT 1 FROM dorn.\"case\" WHERE id = $C2 FOR UPDATE; SELECT pg_sleep(2); COMMIT;" >/dev/null 2>&1 &
lock=$!
sleep 0.5
"$DORN" --db "$(url woff1)" import --update "$T/threat2.ini" >"$T/a.out" 2>"$T/a.err" </dev/null &
a=$!
"$DORN" --db "$(url wsup1)" import --update "$T/threat3.ini" >"$T/b.out" 2>"$T/b.err" </dev/null &
b=$!
wait $a; ra=$?
wait $b; rb=$?
wait $lock
if { [ $ra -eq 0 ] && [ $rb -eq 75 ]; } || { [ $ra -eq 75 ] && [ $rb -eq 0 ]; }; then ok; else
	bad "two saves of version 1 exited $ra and $rb, wanted 0 and 75: $(cat "$T/a.err" "$T/b.err")"
fi
if grep -q "case 43/KD/31876/26 was changed by .* at .*, after you opened it: nothing was saved; reopen the case to see their changes" "$T/a.err" "$T/b.err"; then ok; else bad "no conflict message: $(cat "$T/a.err" "$T/b.err")"; fi
is "$(one "SELECT version FROM dorn.\"case\" WHERE id = $C2")" 2 "one save of the two"
# Two imports of the same two cases in opposite orders, at once: writers
# queue on the audit log's head before any case's row, so one saves and
# the other is told who changed what (never a deadlock).
as 0 woff1 import "$EX/voyeurism.ini" "$EX/account.ini"
i=0
while [ $i -lt 4 ]; do
	i=$((i + 1))
	for f in voyeurism account; do
		sed "s/^court = .*/court = \"Court A$i\"/" "$EX/$f.ini" >"$T/${f}A.ini"
		sed "s/^court = .*/court = \"Court B$i\"/" "$EX/$f.ini" >"$T/${f}B.ini"
	done
	"$DORN" --db "$(url woff1)" import --update "$T/voyeurismA.ini" "$T/accountA.ini" \
		>/dev/null 2>"$T/a.err" </dev/null &
	a=$!
	"$DORN" --db "$(url wsup1)" import --update "$T/accountB.ini" "$T/voyeurismB.ini" \
		>/dev/null 2>"$T/b.err" </dev/null
	rb=$?
	wait $a; ra=$?
	if grep -q "deadlock" "$T/a.err" "$T/b.err"; then bad "a deadlock: $(cat "$T/a.err" "$T/b.err")"; else ok; fi
	case "$ra,$rb" in
	0,0 | 0,75 | 75,0) ok ;;
	*) bad "crossed imports exited $ra and $rb: $(cat "$T/a.err" "$T/b.err")" ;;
	esac
done
# and the function itself, as a hand-written client would call it
refused woff1 "SELECT dorn.case_save('{\"id\": $C2, \"version\": 1, \"case\": {\"urn\": \"43KD3187626\"}}', 'x')" DNCON "was changed by"

name=submit-approve
as 0 woff1 submit 14/WC/20417/26
N1=$(note_id 14WC2041726)
is "$(one "SELECT status FROM dorn.note WHERE id = $N1")" submitted "submitted"
is "$(one "SELECT note_status FROM dorn.\"case\" WHERE id = $C1")" submitted "the case's note status"
as 69 woff1 submit 14/WC/20417/26; err_has "waiting for review"
as 77 woff1 review approve 14/WC/20417/26; err_has "only a supervisor"
refused woff1 "SELECT dorn.note_move($N1, 'submitted', 'approved', NULL)" DNPRM "only a supervisor can approve a note"
# four eyes: an author is refused by the CLI (with why) and by the function
as 0 wsup1 import "$EX/atarrest.ini"
as 0 wsup1 submit 43/KD/32011/26
N3=$(note_id 43KD3201126)
as 69 wsup1 review approve 43/KD/32011/26
err_has "you cannot approve version 1 of 43/KD/32011/26: you recorded the case (import)"
err_has "another supervisor must review this version"
refused wsup1 "SELECT dorn.note_move($N3, 'submitted', 'approved', NULL)" DNRUL "you wrote or changed this version, so you cannot approve it"
refused wsup1 "SELECT dorn.note_move($N3, 'submitted', 'returned', 'redo')" DNRUL "you wrote or changed this version, so you cannot return it"
is "$(one "SELECT status FROM dorn.note WHERE id = $N3")" submitted "an author's approval changed nothing"
# a supervisor who changed the case (not the first author) is an author too
sed 's/^court = .*/court = "Kingsdale Crown Court"/' "$EX/sharing.ini" >"$T/sharing2.ini"
as 0 wsup2 review approve 14/WC/20417/26 --comment "fine"
is "$(one "SELECT status || ',' || (SELECT login FROM dorn.staff WHERE id = reviewer) FROM dorn.note WHERE id = $N1")" "approved,wsup2" "approved by wsup2"
is "$(one "SELECT body LIKE '%approved by Sue Second on 28 November 2026%' FROM dorn.note WHERE id = $N1")" t "the approval stamped into the text"
is "$(one "SELECT count(*) FROM dorn.audit WHERE entity = 'note' AND entity_id = $N1 AND action = 'alter' AND reason = 'approved' AND login = 'wsup2'")" 1 "one approval row"
is "$(one "SELECT approved IS NOT NULL FROM dorn.figure WHERE case_id = $C1")" t "the figures count the approval"
refused wsup2 "SELECT dorn.note_stamp($N1, 'rewritten', NULL)" DNRUL "only the supervisor approving a version stamps"
refused wsup1 "SELECT dorn.note_move($N1, 'submitted', 'approved', NULL)" DNRUL "nothing was changed: version 1 is approved already (Sue Second, wsup2, at"
as 0 wsup2 review return 43/KD/32011/26 --comment "add the exhibit numbers"
is "$(one "SELECT status || ',' || review_comment FROM dorn.note WHERE id = $N3")" "returned,add the exhibit numbers" "returned"
# the change that answers it starts version 2, carrying version 1's authors
sed 's/^court = .*/court = "Kingsdale Crown Court"/' "$EX/atarrest.ini" >"$T/atarrest2.ini"
as 0 woff1 import --update "$T/atarrest2.ini"
is "$(one "SELECT string_agg(s.login, ',' ORDER BY a.since_version, a.id) FROM dorn.note_author a JOIN dorn.staff s ON s.id = a.staff_id WHERE a.case_id = $(case_id 43KD3201126) AND a.version = 2")" "wsup1,woff1" "version 2's authors"

name=export-outcome
as 0 wsup2 export 14/WC/20417/26 --out "$T/exp" --format txt
is "$(one "SELECT count(*) FROM dorn.audit WHERE action = 'disclose' AND entity = 'note' AND entity_id = $N1")" 1 "the export recorded"
is "$(one "SELECT exported IS NOT NULL FROM dorn.figure WHERE case_id = $C1")" t "the figures count the export"
as 0 woff1 outcome 14/WC/20417/26 --date 2026-11-27 --court "Eastbridge Magistrates' Court" --received 2026-11-28 --item 1 --result order_made --item 2 --result refused --reason "needed by the household" --why "the court's result"
is "$(one "SELECT outcome_version || ',' || version FROM dorn.\"case\" WHERE id = $C1")" "1,1" "outcome version up, the case's not"
is "$(one "SELECT made || ',' || refused || ',' || outcome FROM dorn.figure WHERE case_id = $C1")" "1,1,2026-11-27" "the figures count the outcome"
as 0 woff1 told 14/WC/20417/26 --date 2026-11-28 --how "by phone"
is "$(one "SELECT told_date || ',' || told_how FROM dorn.outcome WHERE case_id = $C1")" "2026-11-28,by phone" "told"
refused woff1 "SELECT dorn.outcome_save($C1, 0, NULL, '[]', 'x')" DNCON "the outcome of 14/WC/20417/26 was changed by someone else"

name=retention
as 77 woff1 retention extend 14/WC/20417/26 --until 2030-01-01 --reason "linked trial pending"
refused woff1 "SELECT dorn.case_retain($C1, '2030-01-01', 'x', 'x')" DNPRM "only a supervisor can keep a case"
as 0 wsup1 retention extend 14/WC/20417/26 --until 2030-01-01 --reason "linked trial pending"
is "$(one "SELECT retain_until || ',' || retain_reason || ',' || version FROM dorn.\"case\" WHERE id = $C1")" "2030-01-01,linked trial pending,1" "kept, the case's version as it was"

name=drop-draft
C4=$(case_id 62LM440192326)
is "$(one "SELECT note_status FROM dorn.\"case\" WHERE id = $C4")" draft "a draft to drop"
sql woff1 "SELECT dorn.note_drop_draft($C4)" || bad "note_drop_draft: $(cat "$T/out")"
is "$(one "SELECT note_status || ',' || (SELECT count(*) FROM dorn.note WHERE case_id = $C4) FROM dorn.\"case\" WHERE id = $C4")" "none,0" "the draft dropped"
is "$(one "SELECT reason FROM dorn.audit WHERE action = 'erase' AND entity = 'note' ORDER BY seq DESC LIMIT 1")" "draft removed: no consent to share" "dropping audited"

name=events
refused woff1 "SELECT dorn.audit_event('alter', 'case', $C1, '', 'x', '')" DNPRM "a client records only"
refused woff1 "SELECT dorn.audit_event('erase', 'case', $C1, '', 'x', '')" DNPRM "a client records only"
sql woff1 "SELECT dorn.audit_event('consult', 'case', $C1, '', 'show', '')" || bad "consult: $(cat "$T/out")"
is "$(one "SELECT login || ',' || action || ',' || reason FROM dorn.audit ORDER BY seq DESC LIMIT 1")" "woff1,consult,show" "a consult row"

# ---- units kept apart ----
name=units
one "INSERT INTO dorn.unit (code, name) VALUES ('N2', 'South')" >/dev/null
one "SELECT dorn._init_supervisor('wsup3', 'Sid Third', 'N2')" >/dev/null
refused wsup3 "SELECT dorn.case_save('{\"id\": $C1, \"version\": 1, \"case\": {\"urn\": \"14WC2041726\"}}', 'x')" DNNOI "the case was deleted meanwhile"
refused wsup3 "SELECT dorn.note_move($N3, 'submitted', 'approved', NULL)" DNNOI "the note was removed meanwhile"
refused wsup3 "SELECT dorn.staff_update('woff1', 'officer', 0)" DNNOI "no staff record for 'woff1'"
refused wsup3 "SELECT * FROM dorn.case_erase($C1, 'x', 'x')" DNNOI "the case was erased meanwhile"
refused wsup3 "SELECT dorn.audit_event('consult', 'case', $C1, '', 'x', '')" DNNOI "the case was erased meanwhile"
as 0 wsup3 import "$EX/under18.ini"
is "$(one "SELECT unit FROM dorn.\"case\" WHERE urn = '22NB0775426'")" N2 "a case of N2's supervisor is N2's"
as 65 woff1 import "$EX/under18.ini"; err_has "exists already"
# a URN is the force's: a rename to one another unit holds is refused
as 0 wsup1 rename 05/TR/50231/26 05/TR/50299/26 --reason "typo in the URN"
is "$(one "SELECT count(*) FROM dorn.\"case\" WHERE urn = '05TR5029926'")" 1 "renamed"
as 65 wsup1 rename 05/TR/50299/26 22/NB/07754/26 --reason "typo again"
err_has "a case with URN 22/NB/07754/26 exists already: nothing was changed"
# a member of two units says which (dorn.unit, from [database] unit)
one "INSERT INTO dorn.staff_unit (staff_id, unit) SELECT id, 'N1' FROM dorn.staff WHERE login = 'wsup3'" >/dev/null
as 64 wsup3 import "$EX/passed.ini"; err_has "you are a member of several units (N1, N2): set \[database\] unit in dorn.ini"
PGOPTIONS="-c dorn.unit=N2" as 0 wsup3 import "$EX/passed.ini"
is "$(one "SELECT unit FROM dorn.\"case\" WHERE urn = '05TR5087726'")" N2 "the unit asked for"
PGOPTIONS="-c dorn.unit=N9" as 77 wsup3 import "$EX/thirdparty.ini"; err_has "you are not a member of unit N9"
one "DELETE FROM dorn.staff_unit WHERE unit = 'N1' AND staff_id = (SELECT id FROM dorn.staff WHERE login = 'wsup3')" >/dev/null
# N2 has one supervisor, who stays one
refused wsup3 "SELECT dorn.staff_update('wsup3', 'officer', 1)" DNRUL "'wsup3' is the last active supervisor"

# ---- erasure ----
name=erase
N2=$(note_id 43KD3187626)
as 77 woff1 erase 43/KD/31876/26 --reason "retention review" --early --yes
refused woff1 "SELECT * FROM dorn.case_erase($C2, 'x', 'x')" DNPRM "only a supervisor can erase a case"
as 0 wsup1 erase 43/KD/31876/26 --reason "retention review" --early --yes
out_has "Erased 43/KD/31876/26: 2 items, 1 note version"
is "$(one "SELECT count(*) FROM dorn.\"case\" WHERE id = $C2")" 0 "the case gone"
is "$(one "SELECT (SELECT count(*) FROM dorn.note WHERE case_id = $C2) + (SELECT count(*) FROM dorn.item WHERE case_id = $C2) + (SELECT count(*) FROM dorn.case_search WHERE case_id = $C2) + (SELECT count(*) FROM dorn.note_author WHERE case_id = $C2)")" 0 "its rows gone"
is "$(one "SELECT count(*) FROM dorn.figure WHERE case_id IS NULL AND erased = 1 AND unit = 'N1'")" 1 "its figure row kept, with its unit"
is "$(one "SELECT detail LIKE 'urn-hmac-sha256:%; removed: 2 items, 1 note version, % note author%, 2 offences, 1 victim, 1 concern, 0 outcome, 1 date of the case list, 1 search entry; kept: 1 figure row (no personal data)' FROM dorn.audit WHERE action = 'erase' AND entity = 'case' AND entity_id = $C2")" t "the erase row's detail"
is "$(one "SELECT reason FROM dorn.audit WHERE action = 'erase' AND entity = 'note' AND entity_id = $N2")" "erased with its case (case $C2)" "one erase row per note version"

# ---- a password in the connection string is never shown ----
name=password-hidden
"$DORN" --db "postgresql://wsup1:hunter2@/postgres?host=$D" check >"$T/out" 2>"$T/err"
is "$?" 0 "dorn check through a URI with a password"
out_has "postgresql://wsup1:\*\*\*@/postgres"
if grep -q hunter2 "$T/out" "$T/err"; then bad "the password was shown"; else ok; fi
"$DORN" --db "host=$D/none user=wsup1 password=hunter2 dbname=postgres" list >"$T/out" 2>"$T/err"
is "$?" 66 "no server there"
err_has "password=\*\*\* dbname=postgres"
if grep -q hunter2 "$T/out" "$T/err"; then bad "the password was shown"; else ok; fi

# ---- bad input to init --server: a message and an exit code, nothing made ----
name=init-bad-input
n_units=$(one "SELECT count(*) FROM dorn.unit")
n_staff=$(one "SELECT count(*) FROM dorn.staff")
"$DORN" init --server "$ADMIN" --unit "S 2!" --supervisor wsup9 --name X >"$T/out" 2>"$T/err"
is "$?" 64 "a bad unit code is a usage error"
err_has "'S 2!' is not a unit code"
"$DORN" init --server "$ADMIN" --unit S9 --supervisor "Bad Login" --name X >"$T/out" 2>"$T/err"
is "$?" 65 "a supervisor's login that is no login"
err_has "'Bad Login' is not a login name"
"$DORN" init --server "$ADMIN" --unit S9 --supervisor dorn_dba --name X >"$T/out" 2>"$T/err"
is "$?" 65 "the administrator's own role as a supervisor"
err_has "a name the database keeps for its own roles"
is "$(one "SELECT count(*) FROM dorn.unit")" "$n_units" "no unit made by the refusals"
is "$(one "SELECT count(*) FROM dorn.staff")" "$n_staff" "no staff made by the refusals"
is "$(one "SELECT count(*) FROM pg_roles WHERE rolname IN ('wsup9', 'Bad Login')")" 0 \
	"no login made by the refusals"

# ---- the log: every record as its last row says, the chain whole ----
name=digests
is "$(one "SELECT count(*) FROM dorn.audit a WHERE a.digest IS NOT NULL AND a.seq = (SELECT max(b.seq) FROM dorn.audit b WHERE b.entity = a.entity AND b.entity_id = a.entity_id AND b.digest IS NOT NULL) AND a.digest <> dorn._digest(a.entity, a.entity_id)")" 0 "every record's content as the log holds it"
as 0 wsup1 audit --verify
as 0 wsup1 check; out_has "Content: every case, note and staff record matches the audit log"

echo "pg-writes: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
