# The keyed, anchored audit log and the record's content digests (issue 12);
# reading that never writes; one consult row per list or search.

# ---- the key: made by init, 0600, outside the database ----
fresh keyed
init
KEYS="$H/.config/dorn/keys"
[ "$(ls "$KEYS" | wc -l)" -eq 1 ] && ok || bad "init made no audit key in $KEYS"
KEY=$(ls "$KEYS"/*.key)
mode_is "$KEY" 600
grep -q "^from 1$" "$KEY" && ok || bad "a new database's key signs from row 1"
"$DORN" --db "$DB" import data/examples/sharing.ini >/dev/null 2>&1 || bad "import"
run 0 --db "$DB" check
out_has "Content: every case, note and staff record matches the audit log"

# ---- anchors: dorn audit head, --verify --anchor ----
run 0 --db "$DB" audit head
grep -Eq '^[0-9]+:[0-9a-f]{64}$' "$T/out" && ok || bad "audit head is not SEQ:MAC"
ANCHOR=$(cat "$T/out")
run 0 --db "$DB" audit --verify --anchor "$ANCHOR"
out_has "1 anchor held"
run 64 --db "$DB" audit --verify --anchor "12:abc"
err_has "is not an anchor"
run 64 --db "$DB" audit --anchor "$ANCHOR"
err_has "add --verify"
# rows after the anchor, then the tail cut back below it
"$DORN" --db "$DB" staff add bkaur --name "Bal Kaur" --role officer >/dev/null 2>&1
"$TOOLS/sqlexec" "$DB" "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq >= ${ANCHOR%%:*}"
run 0 --db "$DB" audit --verify
run 65 --db "$DB" audit --verify --anchor "$ANCHOR"
err_has "rows were cut from the end"

# ---- a rewritten row: its MAC no longer matches, whatever hash is put in ----
fresh rewrite
init
"$DORN" --db "$DB" import data/examples/sharing.ini >/dev/null 2>&1 || bad "import"
"$TOOLS/sqlexec" "$DB" "DROP TRIGGER audit_no_update; UPDATE audit SET reason = 'nothing', hash = lower(hex(randomblob(32))) WHERE seq = 2"
run 65 --db "$DB" audit --verify
err_has "audit row 2"
err_has "MAC"

# ---- tables edited by hand: found by dorn check ----
fresh content
init
"$DORN" --db "$DB" import data/examples/sharing.ini >/dev/null 2>&1 || bad "import"
cp "$DB" "$H/clean.db"
"$TOOLS/sqlexec" "$DB" "UPDATE concern SET victim_words = 'words nobody said'"
run 65 --db "$DB" check
out_has "content: case 1 was changed outside dorn"
"$TOOLS/sqlexec" "$DB" "UPDATE staff SET role = 'supervisor' WHERE login = 'nobody'; INSERT INTO staff (login, name, role, created) VALUES ('mallory', 'M', 'supervisor', '2026-01-01')"
run 65 --db "$DB" check
out_has "content: staff 2 has no record in the audit log"
"$TOOLS/sqlexec" "$DB" "PRAGMA foreign_keys = OFF; DELETE FROM note"
run 65 --db "$DB" check
out_has "content: note 1 was removed outside dorn"

# ---- the key missing or open to others ----
fresh nokey
init
KEY=$(ls "$H"/.config/dorn/keys/*.key)
chmod 644 "$KEY"
run 78 --db "$DB" list
err_has "can be read or changed by others"
chmod 600 "$KEY"
mv "$KEY" "$H/key.saved"
run 78 --db "$DB" staff add ckaur --name "C Kaur" --role officer
err_has "audit key"
err_has "is missing"
run 65 --db "$DB" check
out_has "audit key:"
mv "$H/key.saved" "$KEY"
run 0 --db "$DB" check

# ---- reading never writes ----
fresh readonly
init
"$DORN" --db "$DB" import data/examples/sharing.ini >/dev/null 2>&1 || bad "import"
"$DORN" --db "$DB" backup "$H/copy.db" >/dev/null 2>&1 || bad "backup"
cp "$H/copy.db" "$H/copy.before"
run 0 --db "$H/copy.db" check
cmp -s "$H/copy.db" "$H/copy.before" && ok || bad "dorn check changed the backup copy"
[ ! -e "$H/copy.db-wal" ] && ok || bad "dorn check made a -wal beside the backup copy"
run 0 --db "$H/copy.db" audit --verify
cmp -s "$H/copy.db" "$H/copy.before" && ok || bad "dorn audit --verify changed the backup copy"
# an empty file is not a database, and nothing but init makes it one
: >"$H/empty.db"
chmod 600 "$H/empty.db"
run 66 --db "$H/empty.db" list
err_has "is empty, not a dorn database"
[ ! -s "$H/empty.db" ] && ok || bad "dorn list wrote into an empty file"
run 66 --db "$H/empty.db" check
[ ! -s "$H/empty.db" ] && ok || bad "dorn check wrote into an empty file"
# a command does not wait for another's open read when it closes
"$TOOLS/sqlexec" "$DB" "BEGIN; SELECT count(*) FROM audit" 8 >/dev/null &
holder=$!
sleep 0.3
run 0 --db "$DB" staff add dlee --name "Dee Lee" --role officer
kill -0 "$holder" 2>/dev/null && ok || bad "dorn waited for another connection's read to end"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null

# ---- one consult row per list or search, never the search's text ----
fresh consult
init
"$DORN" --db "$DB" import data/examples/sharing.ini >/dev/null 2>&1 || bad "import"
run 0 --db "$DB" list --status draft --due-within 400
[ "$(count "SELECT count(*) FROM audit WHERE action = 'consult' AND entity = 'list'")" = 1 ] && ok || bad "dorn list wrote no consult row"
[ "$(count "SELECT reason FROM audit WHERE entity = 'list'")" = "listed cases, status draft, due within 400 days (0 cases shown)" ] && ok || bad "list consult row: $(count "SELECT reason FROM audit WHERE entity = 'list'")"
run 0 --db "$DB" list --search "Threlfall"
[ "$(count "SELECT count(*) FROM audit WHERE entity = 'list'")" = 2 ] && ok || bad "dorn list --search wrote no consult row"
[ "$(count "SELECT count(*) FROM audit WHERE reason LIKE '%Threlfall%' OR detail LIKE '%Threlfall%'")" = 0 ] && ok || bad "the search text is in the audit log"
[ "$(count "SELECT reason FROM audit WHERE entity = 'list' ORDER BY seq DESC LIMIT 1")" = "searched the case list (1 case matched)" ] && ok || bad "search consult row"
