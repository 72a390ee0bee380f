#!/bin/sh
# The audit chain on a dorn server:
#   1. many writers at once (officers' own sessions calling dorn's API)
#      keep one linear chain: seq 1..N with no gap,
#      each row chained on the one before, and the server's verifier
#      (dorn.audit_verify) accepting every row;
#   2. rows written by the server verify with the C verifier of the SQLite
#      engine under the same key (dorn audit --verify on a SQLite copy);
#   3. a SQLite unit's rows, written by C, verify on the server, and every
#      content digest C recorded is what the server's _digest computes from
#      the same rows (dorn.content_check() finds nothing), so 'dorn migrate'
#      moves a chain that verifies on both sides; and the server chains on.
#
#   sh tests/pg/t_chain.sh     (from the top of the tree, after make dorn)
set -u
DORN=${DORN:-$(pwd)/dorn}
WRITERS=${WRITERS:-8}
EACH=${EACH:-40}
D=$(mktemp -d /tmp/dorn-pgchain-XXXXXX)
T=$(mktemp -d /tmp/dorn-pgchain-t-XXXXXX)
trap 'tests/pg/cluster.sh stop "$D" >/dev/null 2>&1; rm -rf "$T"' EXIT INT TERM
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
unset DORN_CONFIG XDG_CONFIG_HOME XDG_DATA_HOME NO_COLOR
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $name: $*"; }
# is WHAT GOT WANT
is() { if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', wanted '$3'"; fi; }

if ! U=$(tests/pg/cluster.sh start "$D"); then
	echo "pg-chain: cannot start a PostgreSQL cluster: $(tests/pg/cluster.sh why)"
	exit 1
fi
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$U" -c "$1"; }   # as the administrator
qdb() { psql -X -q -At -v ON_ERROR_STOP=1 "host=$D user=dorn_dba dbname=$1" -c "$2"; }

name=init
"$DORN" init --server "$U" --unit U1 --supervisor sup1 --name "Sam Sup" >/dev/null 2>&1 ||
	bad "dorn init --server failed"

# ---- 1. concurrent writers ----
# Each writer is an officer's own session (w1, w2, ...: added by sup1
# through the API, as 'dorn staff add' does) writing through the API in
# transactions of one row or three: a consult, and every fifth time a
# consult, a change of their own contact details (so a content digest is
# computed under the lock) and a disclosure, with a pause inside the
# transaction so the others queue on the chain's head.
name=writers
w=1
while [ "$w" -le "$WRITERS" ]; do
	psql -X -q -At -v ON_ERROR_STOP=1 "host=$D user=sup1 dbname=postgres" \
		-c "SELECT dorn.staff_add('w$w', 'Writer $w', 'officer', 1, '', NULL)" >/dev/null ||
		bad "adding writer w$w"
	w=$((w + 1))
done
start=$(q "SELECT seq FROM dorn.audit_head_row()")
w=1
while [ "$w" -le "$WRITERS" ]; do
	i=1
	while [ "$i" -le "$EACH" ]; do
		if [ $((i % 5)) -eq 0 ]; then
			echo "BEGIN; SELECT dorn.audit_event('consult', 'case', 0, '', 'writer $w txn $i a', '');"
			echo "SELECT pg_sleep(0.002);"
			echo "SELECT dorn.staff_contact('w$w', 'writer $w txn $i b');"
			echo "SELECT dorn.audit_event('disclose', 'case', 0, 'CPS', 'writer $w txn $i c', 'd');"
			echo "COMMIT;"
		else
			echo "BEGIN; SELECT dorn.audit_event('consult', 'case', 0, '', 'writer $w txn $i', ''); COMMIT;"
		fi
		i=$((i + 1))
	done | psql -X -q -At -v ON_ERROR_STOP=1 "host=$D user=w$w dbname=postgres" >/dev/null 2>"$T/w$w.err" &
	w=$((w + 1))
done
wait
for w in $(seq 1 "$WRITERS"); do
	[ -s "$T/w$w.err" ] && bad "writer $w: $(head -c 300 "$T/w$w.err")"
done
per=$((EACH + 2 * (EACH / 5)))
N=$((start + WRITERS * per))
is "rows, first and last seq" "$(q "SELECT count(*) || ' ' || min(seq) || ' ' || max(seq) FROM dorn.audit")" "$N 1 $N"
is "rows out of step with their predecessor" "$(q "SELECT count(*) FROM dorn.audit a
	LEFT JOIN dorn.audit b ON b.seq = a.seq - 1
	WHERE a.prev_hash IS DISTINCT FROM coalesce(b.hash, repeat('0', 64))")" "0"
is "the server's verifier" "$(q "SELECT rows || ' ' || bad_seq || ' ' || coalesce(why, 'ok') FROM dorn.audit_verify()")" "$N 0 ok"
is "the head" "$(q "SELECT (SELECT seq || ':' || hash FROM dorn.audit_head) = (SELECT seq || ':' || hash FROM dorn.audit_head_row())")" "t"
is "each writer's rows" "$(q "SELECT count(DISTINCT n) || ' ' || min(n) || ' ' || max(n) FROM
	(SELECT count(*) AS n FROM dorn.audit WHERE (reason LIKE 'writer %' OR reason = 'contact details')
	 AND seq > $start GROUP BY login) w")" "1 $per $per"
is "contact changes, recorded with their content" "$(q "SELECT count(*) FROM dorn.content_check()") $(q "SELECT count(*) FROM dorn.audit WHERE reason = 'contact details' AND digest IS NOT NULL")" "0 $((WRITERS * (EACH / 5)))"
# a transaction's rows stay together: nobody chains between them
is "transactions interleaved" "$(q "SELECT count(*) FROM dorn.audit a JOIN dorn.audit b ON b.seq = a.seq + 1
	WHERE a.reason LIKE '% a' AND (b.login <> a.login OR b.reason <> 'contact details')")" "0"
name="dorn audit --verify, as an officer"
"$DORN" --db "host=$D user=w1 dbname=postgres" audit --verify >"$T/out" 2>&1
is "what it says" "$(head -n 1 "$T/out")" "Audit log verified: $N rows, chain intact."
if [ "$(id -u)" -eq 0 ]; then
	name="dorn check"
	if "$DORN" --db "host=$D user=sup1 dbname=postgres" check >"$T/out" 2>&1 &&
		grep -q "Audit chain: ok" "$T/out"; then ok; else bad "$(head -c 400 "$T/out")"; fi
fi
# a writer in REPEATABLE READ that waited on the head is told to try
# again, rather than chain on a row its snapshot cannot see
name="repeatable read"
psql -X -q -At "host=$D user=w1 dbname=postgres" -c "BEGIN" \
	-c "SELECT dorn.audit_event('consult', 'case', 0, '', 'holds the head', '')" \
	-c "SELECT pg_sleep(1)" -c "COMMIT" >/dev/null 2>&1 &
sleep 0.3
psql -X -q -At "host=$D user=w2 dbname=postgres" -c "BEGIN ISOLATION LEVEL REPEATABLE READ" \
	-c "SELECT 1" -c "SELECT dorn.audit_event('consult', 'case', 0, '', 'waits', '')" \
	-c "COMMIT" >"$T/out" 2>&1
wait
grep -q "could not serialize access" "$T/out" && ok || bad "$(head -c 300 "$T/out")"
N=$((N + 1))
is "after it" "$(q "SELECT rows || ' ' || coalesce(why, 'ok') FROM dorn.audit_verify()")" "$N ok"

# anchors: a row's seq and MAC noted elsewhere
name=anchors
H3=$(q "SELECT hash FROM dorn.audit WHERE seq = 3")
is "an anchor that holds" "$(q "SELECT rows || ' ' || coalesce(why, 'ok') FROM dorn.audit_verify('{3}', '{$H3}')")" "$N ok"
is "an anchor to another row" "$(q "SELECT bad_seq || ' ' || why FROM dorn.audit_verify('{3}', '{abcdef0123456789}')")" \
	"3 audit row 3 is not the row the anchor 3:abcdef012345... names: the log was rewritten from that row on"
is "an anchor past the end" "$(q "SELECT bad_seq || ' ' || why FROM dorn.audit_verify('{99999}', '{abc}')")" \
	"99999 the log ends at row $N, but the anchor 99999:abc... was taken at row 99999: rows were cut from the end"
# a row changed by the owner (after disabling the trigger) is found
name=tamper
psql -X -q "$U" -c "BEGIN; ALTER TABLE dorn.audit DISABLE TRIGGER audit_append_only;
	UPDATE dorn.audit SET reason = 'rewritten' WHERE seq = 7; COMMIT;" >/dev/null 2>&1
is "a rewritten row" "$(q "SELECT bad_seq || ' ' || why FROM dorn.audit_verify()" | cut -c1-15)" "7 audit row 7 ("

# ---- 2. the server's rows under the C verifier ----
# A SQLite database made by dorn, given the server's key and rows.
name="server rows, C verifier"
export HOME="$T/home"
mkdir -p "$HOME"
SQ="$T/copy.db"
"$DORN" --db "$SQ" init --name "Chain Check" >/dev/null 2>&1 || bad "dorn init (SQLite) failed"
KEYFILE=$(ls "$HOME"/.config/dorn/keys/*.key 2>/dev/null | head -n 1)
# rows 1..N only: row 7 was rewritten above, so the copy stops before it
GOOD=6
psql -X -q -At -v ON_ERROR_STOP=1 -F "$(printf '\037')" -R "$(printf '\036')" "$U" -c "SELECT seq,
	time, login, action, entity, entity_id, recipient, reason, detail, coalesce(digest, ''),
	prev_hash, hash FROM dorn.audit WHERE seq <= $GOOD ORDER BY seq" >"$T/rows"
KEY=$(q "SELECT encode(value, 'hex') FROM dorn.secret WHERE name = 'audit_key'")
python3 - "$SQ" "$T/rows" <<'EOF' || bad "copying the rows into SQLite failed"
import sqlite3, sys
db, rows = sys.argv[1], open(sys.argv[2], encoding='utf-8').read()
c = sqlite3.connect(db)
trig = c.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'").fetchall()
for (name,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'").fetchall():
    c.execute('DROP TRIGGER "%s"' % name)
c.execute('DELETE FROM audit')
for line in rows.rstrip('\n').split('\x1e'):
    f = line.strip('\n').split('\x1f')
    f[0] = int(f[0]); f[5] = int(f[5])
    f[9] = f[9] or None
    c.execute('INSERT INTO audit VALUES (?,?,?,?,?,?,?,?,?,?,?,?)', f)
for (sql,) in trig:
    c.execute(sql)
c.commit()
EOF
sed -i "s/^key .*/key $KEY/" "$KEYFILE"
"$DORN" --db "$SQ" audit --verify >"$T/out" 2>&1
is "dorn audit --verify on SQLite" "$(head -n 1 "$T/out")" "Audit log verified: $GOOD rows, chain intact."

# ---- 3. a SQLite unit's rows on the server ----
# A unit's database with cases (accents and all), notes submitted,
# approved and exported, and its key, copied row for row into a second
# server database as 'dorn migrate' copies them.
name="SQLite rows, server verifier"
export HOME="$T/unit"
mkdir -p "$HOME"
UNIT="$T/unit.db"
EX=$(pwd)/data/examples
export DORN_TODAY=2026-11-28
"$DORN" --db "$UNIT" init --name "Sam Supervisor" >/dev/null 2>&1 || bad "dorn init (unit) failed"
"$DORN" --db "$UNIT" staff add ofc --name "Olu Officer" --role officer >/dev/null 2>&1
"$DORN" --db "$UNIT" --as ofc import "$EX"/*.ini >/dev/null 2>&1 || bad "dorn import failed"
"$DORN" --db "$UNIT" --as ofc submit 62/LM/4401923/26 >/dev/null 2>&1
"$DORN" --db "$UNIT" --as ofc submit 05/TR/50231/26 >/dev/null 2>&1
"$DORN" --db "$UNIT" review approve 62/LM/4401923/26 >/dev/null 2>&1 || bad "approve failed"
"$DORN" --db "$UNIT" export 62/LM/4401923/26 --out "$T/cf" --format txt >/dev/null 2>&1 || bad "export failed"
"$DORN" --db "$UNIT" check >"$T/out" 2>&1 || bad "the unit's own check: $(tail -n 3 "$T/out")"
UKEY=$(awk '$1 == "key" { print $2 }' "$HOME"/.config/dorn/keys/*.key)
UFROM=$(awk '$1 == "from" { print $2 }' "$HOME"/.config/dorn/keys/*.key)
q "CREATE DATABASE chain2" >/dev/null
"$DORN" init --server "host=$D user=dorn_dba dbname=chain2" --unit U1 --supervisor sup1 \
	--name "Sam Sup" >/dev/null 2>&1 || bad "dorn init --server (second database) failed"
python3 - "$UNIT" "$UKEY" "$UFROM" >"$T/copy.sql" <<'EOF' || bad "reading the unit's database failed"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
def lit(v):
    if v is None: return 'NULL'
    if isinstance(v, int): return str(v)
    return "'" + str(v).replace("'", "''") + "'"
print("BEGIN; SET session_replication_role = replica; SET search_path = dorn, pg_catalog;")
print("DELETE FROM staff_unit; DELETE FROM audit; DELETE FROM staff;")
print("UPDATE secret SET value = decode('%s', 'hex') WHERE name = 'audit_key';" % sys.argv[2])
print("UPDATE meta SET value = %s WHERE name = 'audit_key_from';" % lit(sys.argv[3]))
for t in ['staff', 'case', 'case_offence', 'victim', 'concern', 'item', 'outcome', 'note',
          'note_author', 'audit']:
    cur = c.execute('SELECT * FROM "%s"' % t)
    cols = [d[0] for d in cur.description]
    extra = ', unit' if t == 'case' else ''
    for r in cur:
        vals = ', '.join(lit(v) for v in r) + (", 'U1'" if t == 'case' else '')
        print('INSERT INTO "%s" (%s%s) VALUES (%s);' % (t, ', '.join('"%s"' % x for x in cols), extra, vals))
print("INSERT INTO staff_unit SELECT id, 'U1' FROM staff;")
print("UPDATE audit_head SET seq = a.seq, hash = a.hash FROM (SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1) a;")
print("COMMIT;")
EOF
psql -X -q -v ON_ERROR_STOP=1 "host=$D user=dorn_dba dbname=chain2" -f "$T/copy.sql" >/dev/null 2>"$T/err" ||
	bad "copying into the server failed: $(head -c 400 "$T/err")"
UN=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM audit').fetchone()[0])" "$UNIT")
DG=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(DISTINCT entity || entity_id) FROM audit WHERE digest IS NOT NULL').fetchone()[0])" "$UNIT")
[ "$UN" -gt 20 ] && [ "$DG" -gt 10 ] && ok || bad "the unit's log is too small to show anything ($UN rows, $DG digested entities)"
is "the unit's rows, verified by the server" \
	"$(qdb chain2 "SELECT rows || ' ' || coalesce(why, 'ok') FROM dorn.audit_verify()")" "$UN ok"
is "content digests (server's _digest against C's)" \
	"$(qdb chain2 "SELECT count(*) FROM dorn.content_check()")" "0"
name="server chains on"
qdb chain2 "SELECT dorn._audit('alter', 'case', (SELECT min(id) FROM dorn.\"case\"), '', 'after the move', '')" >/dev/null ||
	bad "appending on the server failed"
is "the unit's rows and one more" \
	"$(qdb chain2 "SELECT rows || ' ' || coalesce(why, 'ok') FROM dorn.audit_verify()")" "$((UN + 1)) ok"
is "its digest is the case's" "$(qdb chain2 "SELECT count(*) FROM dorn.content_check()")" "0"
# and a case changed by other means is found, in the SQLite engine's words
qdb chain2 "SET session_replication_role = replica; UPDATE dorn.victim SET name = name || 'x' WHERE case_id = (SELECT min(id) FROM dorn.\"case\")" >/dev/null
is "a changed victim" "$(qdb chain2 "SELECT entity || ' ' || problem FROM dorn.content_check()")" "case changed"

echo "pg-chain: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
