# The worklist (dorn agenda): each kind of duty appears when it is due and
# leaves when it is done; whose duties an officer and a supervisor see; the
# table at 80 columns, CSV, JSON and the iCalendar file (strict RFC 5545,
# nothing of the victim in it); the one consult row; usage errors.

EX=$(pwd)/data/examples
fresh agenda
export DORN_TODAY=2026-11-28
init
"$DORN" --db "$DB" staff add ofc --name "Olu Officer" --role officer >/dev/null
"$DORN" --db "$DB" staff add ofc2 --name "Ola Other" --role officer >/dev/null
"$DORN" --db "$DB" staff add sup --name "Sam Supervisor" --role supervisor >/dev/null
O="--db $DB --as ofc"
O2="--db $DB --as ofc2"
S="--db $DB --as sup"
# a case of URN and dates only, consent given (no note can be submitted,
# but one is due before the hearing)
bare() { # FILE URN SENTENCING [CONSENT]
	printf '[case]\nurn = %s\nsentencing_date = %s\n[victim]\nreference = V-%s\nconsent_to_share = %s\n' \
		"$2" "$3" "$2" "${4:-yes}" >"$1"
	[ "${4:-yes}" = yes ] && printf 'consent_date = 2026-11-20\n' >>"$1"
	return 0
}
# the kinds column of the CSV, one per line, in order
kinds() { tr -d '\r' <"$T/out" | sed 1d | cut -d, -f1,3 | tr '\n' ' '; }

name=agenda-empty
run 0 $O agenda; out_has "Nothing to do: no duty is due on your cases."
run 0 $S agenda; out_has "Nothing to do: no duty is due on any case."

# ofc's case, sentencing in 6 days; ofc2's in 11 days
"$DORN" $O import "$EX/sharing.ini" >/dev/null
"$DORN" $O2 import "$EX/voyeurism.ini" >/dev/null

name=agenda-note-and-whose
run 0 $O agenda --format csv
[ "$(kinds)" = "note,14WC2041726 " ] && ok || bad "officer's own: $(kinds)"
out_has "Finish the note for the sentencing hearing on Fri 4 Dec 2026, in 6 days"
# an officer sees their own cases; --all the unit's; a supervisor the unit's
run 0 $O agenda --all --format csv
[ "$(kinds)" = "note,14WC2041726 note,05TR5023126 " ] && ok || bad "officer --all: $(kinds)"
run 0 $S agenda --format csv
[ "$(kinds)" = "note,14WC2041726 note,05TR5023126 " ] && ok || bad "supervisor: $(kinds)"

# the last urgent day ([note] urgent_days, 14) and the day after
name=agenda-urgent-edge
bare "$H/d14.ini" 01/AA/00014/26 2026-12-12
bare "$H/d15.ini" 01/AA/00015/26 2026-12-13
bare "$H/dno.ini" 01/AA/00016/26 2026-12-01 no
"$DORN" $O import "$H/d14.ini" "$H/d15.ini" "$H/dno.ini" >/dev/null
run 0 $O agenda --format csv
out_has "^note,officer,01AA0001426,2026-12-12,14,"
grep -q "01AA0001526" "$T/out" && bad "a hearing in 15 days is in the agenda" || ok
# no consent to share: no note, so no note to write
grep -q "01AA0001626" "$T/out" && bad "a case without consent asks for a note" || ok
[ "$(kinds)" = "note,14WC2041726 note,01AA0001426 " ] && ok || bad "order: $(kinds)"

# submitted: the officer's duty leaves, the supervisor's review comes
name=agenda-review
"$DORN" $O submit 14/WC/20417/26 >/dev/null
run 0 $O agenda --format csv
grep -q "14WC2041726" "$T/out" && bad "a submitted note is still the officer's" || ok
run 0 $S agenda --format csv
out_has "^review,supervisor,14WC2041726,2026-12-04,6,1,"

name=agenda-returned
"$DORN" $S review return 14/WC/20417/26 --comment "Add the exhibit of the laptop" >/dev/null
run 0 $O agenda --format csv
out_has "^returned,officer,14WC2041726,2026-12-04,6,1,\"Answer the returned note, version 1 (the sentencing hearing on Fri 4 Dec 2026, in 6 days)\""
run 0 $S agenda --format csv
grep -q "^review,.*14WC2041726" "$T/out" && bad "a returned note is still in review" || ok

name=agenda-export
sed 's/^court = .*/court = "Northmoor Crown Court, court 2"/' "$EX/sharing.ini" >"$H/sharing2.ini"
"$DORN" $O import --update "$H/sharing2.ini" >/dev/null
"$DORN" $O submit 14/WC/20417/26 >/dev/null
"$DORN" $S review approve 14/WC/20417/26 >/dev/null
run 0 $O agenda --format csv
out_has "^export,officer,14WC2041726,2026-12-04,6,2,\"Export approved note version 2"
# exported: it leaves
"$DORN" $O export 14/WC/20417/26 --out "$H/exports" >/dev/null 2>&1 || bad "export failed"
run 0 $O agenda --format csv
grep -q "14WC2041726" "$T/out" && bad "an exported note is still to export" || ok

# a note with no hearing date yet: the duty stands, last of its kind
name=agenda-no-date
sed -e 's|^urn = .*|urn = 14/WC/20999/26|' -e '/^next_hearing/d' -e '/^sentencing_date/d' \
	"$EX/sharing.ini" >"$H/nodate.ini"
"$DORN" $O import "$H/nodate.ini" >/dev/null
"$DORN" $O submit 14/WC/20999/26 >/dev/null
"$DORN" $S review return 14/WC/20999/26 --comment "Which hearing is it for?" >/dev/null
run 0 $O agenda --format csv
out_has "^returned,officer,14WC2099926,,,1,\"Answer the returned note, version 1 (no hearing date yet)\""
run 0 $O agenda
out_has "^no date     Returned   14/WC/20999/26  Answer the returned note, version 1 (no"

# the table: 80 columns at most, the kind a word, the text wrapped
name=agenda-table
run 0 $S agenda
out_has "^Date        Kind       URN             What"
out_has "^2026-12-09  Note       05/TR/50231/26  Finish the note for the sentencing"
awk 'length($0) > 80 { exit 1 }' "$T/out" && ok || bad "a line of the table is over 80 columns"
err_empty

# after the hearing: the outcome is asked for the day after it
name=agenda-outcome
export DORN_TODAY=2026-12-04; run 0 $O agenda --format csv
grep -q "^outcome,officer,14WC2041726" "$T/out" && bad "the outcome is asked for on the day of the hearing" || ok
export DORN_TODAY=2026-12-05; run 0 $O agenda --format csv
out_has "^outcome,officer,14WC2041726,2026-12-04,-1,,\"Record the outcome of the sentencing hearing on Fri 4 Dec 2026, yesterday\""
# the note kinds have left: every date has passed
grep -q "^export" "$T/out" && bad "a note is still asked for after its hearing" || ok

# recorded (not yet received by the unit): gone; received Friday 4
# December: tell by Monday 7 (one working day), overdue from Tuesday
name=agenda-tell
{ cat "$EX/sharing.ini"; printf '[outcome]\ndate = 2026-12-04\ncourt = Northmoor Crown Court\n'; } >"$H/out1.ini"
export DORN_TODAY=2026-12-05; "$DORN" $O import --update "$H/out1.ini" >/dev/null 2>&1 || bad "recording the outcome failed"
export DORN_TODAY=2026-12-05; run 0 $O agenda --format csv
grep -q "14WC2041726" "$T/out" && bad "a recorded outcome is still asked for" || ok
{ cat "$H/out1.ini"; printf 'received = 2026-12-04\n'; } >"$H/out2.ini"
export DORN_TODAY=2026-12-05; "$DORN" $O import --update "$H/out2.ini" >/dev/null 2>&1 || bad "recording the outcome failed"
export DORN_TODAY=2026-12-07; run 0 $O agenda --format csv
out_has "^tell,officer,14WC2041726,2026-12-07,0,,\"Tell the victim the outcome by Mon 7 Dec 2026, today\""
export DORN_TODAY=2026-12-08; run 0 $O agenda --format csv
out_has "^tell-overdue,officer,14WC2041726,2026-12-07,-1,,\"Tell the victim the outcome: it was due by Mon 7 Dec 2026, yesterday\""
export DORN_TODAY=2026-12-08; run 0 $O agenda
out_has "^2026-12-07  OVERDUE    14/WC/20417/26  Tell the victim the outcome: it was due"
# overdue first, whatever the dates of the rest
export DORN_TODAY=2026-12-08; run 0 $S agenda --format csv
[ "$(tr -d '\r' <"$T/out" | sed -n 2p | cut -d, -f1)" = tell-overdue ] && ok || bad "overdue is not first"

# the calendar: strict RFC 5545, one event per dated duty, stable UIDs,
# and nothing of the victim, the defendant or the words
name=agenda-ics
export DORN_TODAY=2026-12-08; run 0 $S agenda --format ics --out "$H/agenda.ics"
err_empty
mode_is "$H/agenda.ics" 600
"$TOOLS/icscheck" "$H/agenda.ics" >"$T/ics" 2>&1 && ok || bad "icscheck: $(cat "$T/ics")"
"$DORN" $S agenda --format csv | tr -d '\r' | sed 1d | grep -c "^[a-z-]*,[a-z]*,[0-9A-Z]*,2" >"$T/n"
grep -qx "ics: $(cat "$T/n") events" "$T/ics" && ok || bad "events: $(cat "$T/ics"), dated duties: $(cat "$T/n")"
grep -q "^UID:14WC2041726-tell-overdue-2026-12-07@dorn" "$H/agenda.ics" && ok || bad "no stable UID"
grep -q "^SUMMARY:14/WC/20417/26: Tell the victim the outcome (overdue)" "$H/agenda.ics" && ok || bad "summary"
for w in WC-2026-0142 WC-2026-0517 frightened pictures recorded Threlfall Northmoor "Add the exhibit" V-01AA; do
	grep -qi -- "$w" "$H/agenda.ics" && bad "the calendar holds '$w'" || ok
done
unfold() { sed -e ':a' -e '$!N' -e 's/\r\n //' -e 'ta' -e 'P' -e 'D' "$1"; }
# what each event says: the URN and the kind's own words, nothing else
unfold "$H/agenda.ics" | tr -d '\r' | grep -E "^(SUMMARY|DESCRIPTION):" >"$T/said"
grep -qE '^SUMMARY:' "$T/said" && ok || bad "no SUMMARY read"
grep -vE '^SUMMARY:[0-9]{2}/[0-9A-Z]{2}/[0-9]{5,7}/[0-9]{2}: [A-Za-z ,()]+$' "$T/said" |
	grep -vE '^DESCRIPTION:[A-Za-z ,()]+: case [0-9]{2}/[0-9A-Z]{2}/[0-9]{5,7}/[0-9]{2} \([a-z-]+\)\. Run dorn agenda for what to do\.$' >"$T/odd" &&
	bad "the calendar says more than the URN and the kind: $(head -n 2 "$T/odd")" || ok
# the same file again: the same UIDs (a calendar replaces, not repeats)
export DORN_TODAY=2026-12-08; "$DORN" $S agenda --format ics >"$T/again.ics"
[ "$(grep ^UID "$T/again.ics")" = "$(grep ^UID "$H/agenda.ics")" ] && ok || bad "UIDs change between runs"
# --out is a file: never a link followed, never a folder
ln -s "$H/elsewhere" "$H/link.ics"
run 73 $S agenda --format ics --out "$H/link.ics"; err_has "is a symbolic link"
[ -e "$H/elsewhere" ] && bad "--out followed a link" || ok
run 73 $S agenda --out "$H"; err_has "not a file"

name=agenda-json
export DORN_TODAY=2026-12-08; run 0 $S agenda --format json
"$TOOLS/jsoncheck" schema <"$T/out" >"$T/j" && grep -qx 1 "$T/j" && ok || bad "no schema"
"$TOOLS/jsoncheck" duties.0.kind <"$T/out" >"$T/j" && grep -qx tell-overdue "$T/j" && ok || bad "duties.0.kind"
"$TOOLS/jsoncheck" duties.0.urn_display <"$T/out" >"$T/j" && grep -qx 14/WC/20417/26 "$T/j" && ok || bad "urn_display"
"$TOOLS/jsoncheck" whose <"$T/out" >"$T/j" && grep -qx unit "$T/j" && ok || bad "whose"
"$TOOLS/jsoncheck" today <"$T/out" >"$T/j" && grep -qx 2026-12-08 "$T/j" && ok || bad "today"
export DORN_TODAY=2026-12-08; run 0 $O2 agenda --format json
"$TOOLS/jsoncheck" whose <"$T/out" >"$T/j" && grep -qx own "$T/j" && ok || bad "whose, officer"

name=agenda-csv
export DORN_TODAY=2026-12-08; run 0 $S agenda --format csv
[ "$(head -n 1 "$T/out")" = "$(printf 'kind,for,urn,date,days_left,note_version,text\r')" ] && ok || bad "csv header"
tr -d '\r' <"$T/out" | awk -F, 'NR > 1 && NF < 7 { exit 1 }' && ok || bad "a csv row has fewer than 7 fields"

# told: the duty leaves
name=agenda-told
{ cat "$H/out2.ini"; printf 'told_date = 2026-12-08\ntold_how = by phone, as she asked\n'; } >"$H/out3.ini"
export DORN_TODAY=2026-12-08; "$DORN" $O import --update "$H/out3.ini" >/dev/null 2>&1 || bad "recording the telling failed"
export DORN_TODAY=2026-12-08; run 0 $O agenda --format csv
grep -q "14WC2041726" "$T/out" && bad "a told victim is still to tell" || ok

# every listing is one consult row with counts, never a URN
name=agenda-consult
before=$(count "SELECT count(*) FROM audit WHERE action = 'consult' AND entity = 'list'")
run 0 $S agenda
after=$(count "SELECT count(*) FROM audit WHERE action = 'consult' AND entity = 'list'")
[ "$after" -eq $((before + 1)) ] && ok || bad "consult rows: $before then $after"
count "SELECT reason FROM audit ORDER BY seq DESC LIMIT 1" >"$T/why"
grep -q "^listed the agenda, the unit's ([0-9]* dut[a-z]* of [0-9]* cases\? shown)$" "$T/why" && ok || bad "reason: $(cat "$T/why")"
grep -q "[0-9][0-9]/[A-Z]" "$T/why" && bad "the consult row names a case" || ok

# no dated duty: no calendar (RFC 5545 wants an event), and it says so
# A case's retention review, when it comes, is a supervisor's duty: a case
# with no note is reviewed [retention] no_note_days (180) after it was
# recorded.
name=agenda-retention
fresh agenda-retention
export DORN_TODAY=2026-11-28
init
"$DORN" --db "$DB" staff add ofc --name "Olu Officer" --role officer >/dev/null
"$DORN" --db "$DB" staff add sup --name "Sam Supervisor" --role supervisor >/dev/null
bare "$H/r.ini" 61/RT/11111/26 2027-01-15 no
"$DORN" --db "$DB" --as ofc import "$H/r.ini" >/dev/null
recorded=$("$TOOLS/sqlexec" "$DB" "SELECT substr(created, 1, 10) FROM \"case\"")
due=$(date -u -d "$recorded + 180 days" +%Y-%m-%d)
before=$(date -u -d "$recorded + 179 days" +%Y-%m-%d)
DORN_TODAY=$before run 0 --db "$DB" --as sup agenda --format csv
grep -q "^retention," "$T/out" && bad "a review shows a day early" || ok
DORN_TODAY=$due run 0 --db "$DB" --as sup agenda --format csv
grep -q "^retention,.*,61RT1111126," "$T/out" && ok || bad "the review due today is not on the supervisor's agenda: $(cat "$T/out")"
DORN_TODAY=$due run 0 --db "$DB" --as ofc agenda --format csv
grep -q "^retention," "$T/out" && bad "an officer's agenda shows a retention review" || ok

name=agenda-ics-empty
fresh agenda-empty-ics
init
run 0 --db "$DB" agenda --format ics --out "$H/none.ics"
err_has "no duty has a date"
[ -e "$H/none.ics" ] && bad "an empty calendar was written" || ok

name=agenda-usage
run 64 --db "$DB" agenda --format pdf; err_has "--format must be table, csv, json or ics"
run 64 --db "$DB" agenda now; err_has "unexpected argument"
run 64 --db "$DB" agenda --out; err_has "needs a value"
unset DORN_TODAY
