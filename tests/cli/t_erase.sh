# Retention and erasure: each rule's review date and the day it falls due,
# the --due list, a supervisor keeping a case longer, erasing a case on
# review, and nothing of its victim left in the database's files.

EX=$(pwd)/data/examples
# The store stamps when a case was recorded and last changed with the
# clock, so the dates here count from the real (UTC) today; DORN_TODAY
# then moves "today" to each boundary.
REAL=$(date -u +%F)
day() { date -u -d "$REAL + $1 days" +%F; }
TODAY_BEFORE=${DORN_TODAY:-}
export DORN_TODAY=$REAL
# on DATE EXPECTED_EXIT dorn-args...: run with that day as today
on() {
	DORN_TODAY=$1
	shift
	run "$@"
	DORN_TODAY=$REAL
}
fresh erase
init
"$DORN" --db "$DB" staff add ofc --name "Olu Officer" --role officer >/dev/null
"$DORN" --db "$DB" staff add sup2 --name "Sue Second" --role supervisor >/dev/null
O="--db $DB --as ofc"
S="--db $DB"
S2="--db $DB --as sup2"
urn_of() { count "SELECT id FROM \"case\" WHERE urn = '$1'"; }

# a case whose outcome the victim was told of, 8 days ago
{ cat "$EX/sharing.ini"; printf '\n[outcome]\ndate = %s\nreceived = %s\ntold_date = %s\ntold_how = phone call\n' \
	"$(day -10)" "$(day -9)" "$(day -8)"; } >"$H/told.ini"
# the victim whose case is erased: words and a name found nowhere else,
# first as the note was written, then as told again just before erasing
VNAME="Perpetua Ashgrove-Vantablack"
victim() {
	sed -e 's|^urn = .*|urn = 14/WC/29999/26|' -e "s|^victim_words = .*|victim_words = \"$1, and I cannot sleep.\"|" \
		-e 's|^reference = .*|reference = WC-2026-9999|' -e "/^\[victim\]/a name = $VNAME" \
		"$EX/sharing.ini"
}
victim "Bramblewick kettles sing over Dunsmore" >"$H/victim.ini"
victim "Quillwort lanterns hum beneath the Ombersley viaduct" >"$H/victim2.ini"

# An idle connection stays open throughout, as a unit's terminal interface
# would: the -wal is then not emptied when each command closes, and holds
# every page the import wrote.
"$TOOLS/sqlexec" "$DB" "SELECT count(*) FROM staff" 120 >/dev/null 2>&1 &
HOLDER=$!
sleep 0.3
"$DORN" $O import "$H/told.ini" "$EX/noconsent.ini" "$EX/threat.ini" "$H/victim.ini" >/dev/null ||
	bad "import"

# ---- the rules, each at its boundary ----
name=retention-rules
run 0 $S retention --format csv
tr -d '\r' <"$T/out" >"$T/csv"
grep -qx "14WC2041726,$(day 82),82,no,told,,90 days after the victim was told on $(day -8)" "$T/csv" &&
	ok || bad "told: 90 days after the day told"
grep -qx "46HX1882026,$(day 180),180,no,no-note,,\"180 days after the case was recorded on $REAL, with no note\"" "$T/csv" &&
	ok || bad "no note: 180 days after it was recorded"
grep -qx "43KD3187626,$(day 365),365,no,contact,,365 days after the case last changed on $REAL" "$T/csv" &&
	ok || bad "contact: 365 days after the last change"
# soonest first
[ "$(sed -n '2p;3p' "$T/csv" | cut -d, -f1 | tr '\n' ' ')" = "14WC2041726 46HX1882026 " ] &&
	ok || bad "not soonest first"
run 0 $S retention; out_has "14/WC/20417/26"; out_has "review_date"
# the day before: not due; the day itself: due
on "$(day 81)" 0 $S retention --due --format csv
[ "$(tr -d '\r' <"$T/out" | wc -l)" -eq 1 ] && ok || bad "a case is due the day before its review"
on "$(day 82)" 0 $S retention --due --format csv
tr -d '\r' <"$T/out" | grep -q "^14WC2041726,$(day 82),0,yes,told," && ok || bad "not due on its review day"
tr -d '\r' <"$T/out" | grep -q "^46HX1882026" && bad "--due lists a case not due" || ok
on "$(day 365)" 0 $S retention --due
out_has "14/WC/20417/26"; out_has "46/HX/18820/26"; out_has "43/KD/31876/26"; out_has "14/WC/29999/26"
# a force's own days, and review_days read as no_note_days (its old name)
printf '[retention]\ntold_days = 30\nreview_days = 10\n' >"$H/rules.ini"
run 0 --config "$H/rules.ini" $S retention --format csv
tr -d '\r' <"$T/out" | grep -q "^14WC2041726,$(day 22),22,no,told," && ok || bad "told_days not read"
tr -d '\r' <"$T/out" | grep -q "^46HX1882026,$(day 10),10,no,no-note," && ok || bad "review_days not read"
printf '[retention]\nno_note_days = 0\n' >"$H/bad.ini"
run 78 --config "$H/bad.ini" $S retention; err_has "no_note_days = '0' is out of range"
# JSON, with its schema
run 0 $S retention --due --format json
"$TOOLS/jsoncheck" schema <"$T/out" >"$T/j" && grep -qx 1 "$T/j" && ok || bad "no schema in the JSON"
"$TOOLS/jsoncheck" cases <"$T/out" >/dev/null && ok || bad "no cases in the JSON"
# each listing is one consult row, without a URN
n=$(count "SELECT count(*) FROM audit WHERE action = 'consult' AND entity = 'list' AND reason LIKE 'listed retention reviews%'")
[ "$n" -eq 7 ] && ok || bad "$n consult rows for 7 listings"
[ "$(count "SELECT count(*) FROM audit WHERE reason LIKE 'listed retention%' AND (reason LIKE '%/%' OR reason LIKE '%WC%')")" -eq 0 ] &&
	ok || bad "a listing's consult row names a case"
run 64 $S retention --format xml; err_has "--format must be"
run 64 $S retention extra; err_has "unexpected argument"

# ---- a supervisor keeps a case longer ----
name=retention-extend
v=$(count "SELECT version FROM \"case\" WHERE urn = '14WC2041726'")
notes=$(count "SELECT count(*) FROM note")
run 77 $O retention extend 14/WC/20417/26 --until "$(day 200)" --reason "appeal lodged"
err_has "only a supervisor can keep a case past its retention review"; err_has "Sue Second (sup2)"
run 64 $S retention extend 14/WC/20417/26 --until "$(day 200)"; err_has "needs --reason"
run 64 $S retention extend 14/WC/20417/26 --reason "appeal"; err_has "needs --until"
run 65 $S retention extend 14/WC/20417/26 --until "$REAL" --reason "appeal lodged"; err_has "is not after today"
run 65 $S retention extend 14/WC/20417/26 --until 2026-02-31 --reason "appeal lodged"
run 65 $S retention extend 14/WC/20417/26 --until "$(day 200)" --reason "Threlfall has appealed"
err_has "the reason holds the defendant's name ('threlfall')"
run 66 $S retention extend 99/ZZ/99999/26 --until "$(day 200)" --reason "appeal lodged"
# a date the rules pass anyway: said so
run 0 $S retention extend 46/HX/18820/26 --until "$(day 30)" --reason "victim may yet agree"
out_has "as asked, but the rules keep it longer"
run 0 $S retention extend 14/WC/20417/26 --until "$(day 200)" --reason "appeal lodged, keep until it is heard"
out_has "is kept until"
on "$(day 82)" 0 $S retention --due --format csv
tr -d '\r' <"$T/out" | grep -q "^14WC2041726" && bad "an extended case is still due" || ok
run 0 $S retention --format csv
tr -d '\r' <"$T/out" | grep -q "^14WC2041726,$(day 200),200,no,kept,$(day 200),\"kept by a supervisor until $(day 200) (by the rules, 90 days after the victim was told on $(day -8))\"" &&
	ok || bad "the extension is not the review date"
# bookkeeping: no new case version, no new note version; an alteration in the log
[ "$(count "SELECT version FROM \"case\" WHERE urn = '14WC2041726'")" = "$v" ] && ok || bad "extending made a new case version"
[ "$(count "SELECT count(*) FROM note")" = "$notes" ] && ok || bad "extending made a new note version"
[ "$(count "SELECT count(*) FROM audit WHERE action = 'alter' AND entity = 'case' AND reason LIKE 'kept past its retention review until $(day 200)%: appeal lodged, keep until it is heard'")" -eq 1 ] &&
	ok || bad "the extension is not in the audit log with its reason"
run 0 $S check; out_has "Content: every case"

# ---- erasing: who, when, and what is asked ----
name=erase-refusals
VID=$(urn_of 14WC2999926)
# its note approved and exported, so its files are in the case file
"$DORN" $O submit 14/WC/29999/26 >/dev/null || bad "submit"
"$DORN" $S review approve 14/WC/29999/26 >/dev/null || bad "approve"
"$DORN" $S export 14/WC/29999/26 --out "$H/casefile" --format txt,json >/dev/null || bad "export"
run 77 $O erase 14/WC/29999/26 --reason "review done" --yes
err_has "only a supervisor can erase a case"; err_has "Sue Second (sup2)"
run 69 $S erase 14/WC/29999/26 --reason "review done" --yes
err_has "14/WC/29999/26 is not due for retention review until"; err_has "nothing was erased; to erase it before then, on the command line: dorn erase 14/WC/29999/26 --early --reason WHY"
run 64 $S erase 14/WC/29999/26 --yes; err_has "needs --reason"
run 64 $S erase 14/WC/29999/26 --reason "review done"; err_has "type the URN back"
run 65 $S erase 14/WC/29999/26 --reason "Perpetua asked for it" --early --yes
err_has "the reason holds the victim's name ('perpetua')"
run 65 $S erase 14/WC/29999/26 --reason "done with 14WC2999926" --early --yes; err_has "holds the URN"
run 66 $S erase 99/ZZ/99999/26 --reason "review done" --yes
run 64 $S erase --reason "review done" --yes; err_has "needs one URN"
[ "$(count "SELECT count(*) FROM concern WHERE case_id = $VID")" -eq 1 ] && ok || bad "a refused erasure erased"
# on a terminal: the URN typed back, anything else keeps the case
printf '14/WC/20417/26\n' | DORN_TODAY=$(day 365) script -qec \
	"'$DORN' --db '$DB' erase 43/KD/31876/26 --reason 'review done'" /dev/null >"$T/out" 2>&1
[ $? -eq 69 ] && ok || bad "a wrong URN typed back did not refuse (69)"
out_has "Type the URN (43/KD/31876/26)"; out_has "nothing was erased"
[ "$(urn_of 43KD3187626)" != "" ] && ok || bad "a wrong URN typed back erased the case"
printf '43 kd 31876 26\n' | DORN_TODAY=$(day 365) script -qec \
	"'$DORN' --db '$DB' erase 43/KD/31876/26 --reason 'review done'" /dev/null >"$T/out" 2>&1
[ $? -eq 0 ] && ok || bad "the URN typed back did not erase"
out_has "Erased 43/KD/31876/26"
[ "$(urn_of 43KD3187626)" = "" ] && ok || bad "the case typed back is still there"

# ---- erasing the victim's case: nothing of it stays ----
name=erase
# its figure row (no personal data) is kept; made here unless a save made it
"$TOOLS/sqlexec" "$DB" "INSERT OR IGNORE INTO figure (case_id, items) VALUES ($VID, 2)" || bad "figure row"
# what the victim said, told again just before (the approved note keeps
# what they said first; the next version, what they say now)
"$DORN" $O import --update "$H/victim2.ini" >/dev/null || bad "import --update"
files() { for f in "$DB" "$DB-wal" "$DB-shm"; do [ -e "$f" ] && echo "$f"; done; }
# the test can fail: before, the words and the name are there
found=0
for f in $(files); do
	grep -a -q -i -e "Quillwort" -e "Ombersley" -e "Vantablack" "$f" && found=$((found + 1))
	grep -a -q -i -e "Bramblewick" "$f" && found=$((found + 1))
done
[ "$found" -ge 3 ] && ok || bad "before erasing, the victim's words are in too few files ($found): wanted both sayings in the database, the last in its -wal"
[ -s "$DB-wal" ] && ok || bad "the -wal was empty before erasing: the test would not see it emptied"
kept=$(count "SELECT count(*) FROM figure WHERE case_id IS NULL AND erased = 1")
on "$(day 365)" 0 $S erase 14/WC/29999/26 --reason "retention review: nothing outstanding" --yes
out_has "Erased 14/WC/29999/26: 2 items, 2 note versions"
out_has "These exported files are outside dorn"
out_has "$H/casefile/14WC2999926/14WC2999926-deprivation-note-v1.txt"
out_has "$H/casefile/14WC2999926/SHA256SUMS"
err_empty
for f in $(files); do
	if grep -a -q -i -e "Quillwort" -e "lanterns hum" -e "Ombersley" -e "viaduct" -e "Vantablack" \
		-e "Perpetua" -e "Ashgrove" -e "WC-2026-9999" -e "Bramblewick" -e "Dunsmore" "$f"; then
		bad "$f still holds the victim's words or name after erasing"
	else
		ok
	fi
done
[ ! -s "$DB-wal" ] && ok || bad "the -wal is not empty after erasing ($(stat -c %s "$DB-wal") bytes)"
kill "$HOLDER" 2>/dev/null
wait "$HOLDER" 2>/dev/null
run 66 $S show 14/WC/29999/26
run 0 $S audit --verify
run 0 $S check; out_has "Content: every case"
# the erase row: a keyed hash of the URN and counts, nothing of the case
[ "$(count "SELECT count(*) FROM audit WHERE action = 'erase' AND entity = 'case' AND entity_id = $VID AND detail LIKE 'urn-hmac-sha256:%; removed: 2 items, 2 note versions,%'")" -eq 1 ] &&
	ok || bad "no erase row with the URN's keyed hash and the counts"
for bit in 2999926 29999 Quillwort Ombersley Bramblewick Perpetua Vantablack WC-2026-9999; do
	[ "$(count "SELECT count(*) FROM audit WHERE action = 'erase' AND (reason LIKE '%$bit%' OR detail LIKE '%$bit%')")" -eq 0 ] &&
		ok || bad "an erase row holds '$bit'"
done
plain=$(printf 'dorn-erased-urn-v1\n14WC2999926' | sha256sum | cut -d' ' -f1)
[ "$(count "SELECT count(*) FROM audit WHERE detail LIKE '%$plain%'")" -eq 0 ] && ok || bad "the URN's hash is not keyed"
# the figure stays, without its case
[ "$(count "SELECT count(*) FROM figure WHERE case_id IS NULL AND erased = 1")" -eq $((kept + 1)) ] && ok || bad "the figure row did not stay"
# the other cases are whole, and search finds nothing of the erased one
run 0 $S show 14/WC/20417/26
run 0 $S list --search quillwort --format csv
[ "$(tr -d '\r' <"$T/out" | wc -l)" -eq 1 ] && ok || bad "search still finds the erased case"
run 0 $S retention --format csv
tr -d '\r' <"$T/out" | grep -q "^14WC2999926" && bad "retention still lists the erased case" || ok
# the same URN recorded again is a new case, with nothing of the old one
"$DORN" $O import "$H/victim.ini" >/dev/null && ok || bad "the URN cannot be used again"
# the files after this one keep the day they had
if [ -n "$TODAY_BEFORE" ]; then export DORN_TODAY=$TODAY_BEFORE; else unset DORN_TODAY; fi
