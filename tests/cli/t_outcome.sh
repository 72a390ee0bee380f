# After the hearing: dorn outcome and dorn told. Every result kind recorded
# and shown; completeness and what is missing; a correction is a new
# outcome version, logged, and never a new note version, even while the
# note waits for review; telling the victim, or why not; the Victims' Code's
# deadline at its boundaries (DORN_TODAY pins today); every refusal's exit
# code with nothing saved; and a clean check and audit chain afterwards.

EX=$(pwd)/data/examples
export DORN_TODAY=2026-12-04
fresh outcome
init
"$DORN" --db "$DB" staff add ofc --name "Olu Officer" --role officer >/dev/null
O="--db $DB --as ofc"
U=07/OC/40001/26
# one field of the outcome JSON in $T/out
js() { "$TOOLS/jsoncheck" "$1" <"$T/out" 2>/dev/null; }
# the stored results of case $1 (normalised URN), in item order
results() {
	count "SELECT group_concat(coalesce(result, '-'), ',') FROM (SELECT result FROM item
		WHERE case_id = (SELECT id FROM \"case\" WHERE urn = '$1') ORDER BY position)"
}
oversion() { count "SELECT coalesce(outcome_version, 0) FROM \"case\" WHERE urn = '$1'"; }
notes() { count "SELECT count(*) || ':' || max(version) || ':' || group_concat(status) FROM note
		WHERE case_id = (SELECT id FROM \"case\" WHERE urn = '$1')"; }

# A case with six items, one for each result; the victim asked for a
# letter first.
{
	printf '[case]\nurn = %s\ndefendant = Test Defendant\ncourt = Eastbridge Magistrates'"'"' Court\n' "$U"
	printf 'stage = sentencing\noffences = soa66b2\nsentencing_date = 2026-12-04\n'
	printf '[victim]\nreference = WC-OC-0001\nconsent_to_share = yes\nconsent_date = 2026-11-20\n'
	printf 'outcome_contact = "Letter to her sister'"'"'s address, then a call"\nunder_18_now = no\n'
	n=0
	for k in phone laptop tablet camera storage other; do
		n=$((n + 1))
		printf '[item %d]\nkind = %s\ndescription = Fictitious %s %d\nexhibit_ref = OC/%d\n' \
			"$n" "$k" "$k" "$n" "$n"
	done
} >"$H/six.ini"
# One item, for the deadline; the same under 18 now, for the child's words.
one() {
	printf '[case]\nurn = %s\ndefendant = Test Defendant\n[victim]\nreference = %s\n' "$1" "$2"
	printf 'consent_to_share = yes\nconsent_date = 2026-11-20\nunder_18_now = %s\n' "$3"
	printf '[item 1]\nkind = phone\ndescription = Fictitious phone\nexhibit_ref = OC/9\n'
}
one 07/OC/40002/26 WC-OC-0002 no >"$H/due.ini"
one 07/OC/40003/26 WC-OC-0003 yes >"$H/child.ini"
"$DORN" $O import "$H/six.ini" "$H/due.ini" "$H/child.ini" "$EX/sharing.ini" \
	"$EX/voyeurism.ini" "$EX/noconsent.ini" >/dev/null || bad "import failed"

name=outcome-not-recorded
run 0 $O outcome $U; out_has "Outcome of $U: not recorded yet"; out_has "dorn outcome $U --date DATE"
run 0 $O outcome $U --format json
[ "$(js schema)" = 1 ] && ok || bad "no schema key"
grep -q '"recorded": false' "$T/out" && ok || bad "an outcome not recorded says recorded"
[ "$(js tell.state)" = none ] && ok || bad "a task before anything was received"
[ "$(oversion 07OC4000126)" = 0 ] && ok || bad "reading recorded an outcome"

# every kind of result, recorded at once; the day received is today
name=outcome-every-kind
run 0 $O outcome $U --date 2026-12-04 --court "Eastbridge Magistrates' Court" \
	--item 1 --result order_made --item 2 --result forfeiture \
	--item 3 --result refused --reason "Value and effect on the family" \
	--next "Ask the CPS about forfeiture under PCA 1978 s.5" \
	--item 4 --result not_sought --reason "Not in the prosecutor's papers" \
	--next "Complaint to the CPS, with the victim's agreement" \
	--item 5 --result returned --item 6 --result held
out_has "The outcome of $U is recorded (outcome version 1); the note is not changed."
out_has "Received: not given, so today (Fri 4 Dec 2026, today)"
out_has "Deprivation order made"; out_has "Forfeited, to be destroyed"
out_has "Order refused by the court"; out_has "No order asked for"
out_has "To be returned to the defendant"; out_has "Still held by the police"
out_has "Value and effect on the family"; out_has "Complaint to the CPS"
out_has "Complete: every item is accounted for."
out_has "by the end of Mon 7 Dec 2026"
out_has "Letter to her sister's address, then a call"
[ "$(results 07OC4000126)" = "order_made,forfeiture,refused,not_sought,returned,held" ] && ok \
	|| bad "stored results: $(results 07OC4000126)"
[ "$(count "SELECT received FROM outcome WHERE case_id = (SELECT id FROM \"case\" WHERE urn = '07OC4000126')")" = 2026-12-04 ] \
	&& ok || bad "received did not default to today"
[ "$(count "SELECT count(*) FROM audit WHERE reason = 'outcome recorded'")" = 1 ] && ok \
	|| bad "no 'outcome recorded' row"
# shown: each result, and what to say for each kind present
run 0 $O outcome $U
[ "$(grep -c '^What you might say: ' "$T/out")" = 6 ] && ok || bad "not one script per kind"
out_has "What you might say: Order refused by the court (for an adult)"
run 0 $O outcome $U --format json
[ "$(js items.2.result)" = refused ] && [ "$(js items.5.result)" = held ] && ok || bad "json results"
[ "$(js items.3.result_reason)" = "Not in the prosecutor's papers" ] && ok || bad "json reason"
grep -q '"complete": true' "$T/out" && ok || bad "json: not complete"
[ "$(js missing)" = "array 0" ] && ok || bad "json: something missing"
[ "$(js scripts)" = "array 6" ] && [ "$(js scripts.0.for)" = adult ] && ok || bad "json scripts"
[ "$(js tell.outcome_contact)" = "Letter to her sister's address, then a call" ] && ok \
	|| bad "json: how they asked"

# a refusal without its reason is not complete, and says what it needs
name=outcome-incomplete
N0=$(notes 14WC2041726)
run 0 $O outcome 14/WC/20417/26 --date 2026-12-04 --court "Eastbridge Magistrates' Court" \
	--item 1 --result refused
out_has "Not complete yet. Still needed:"
out_has "item 1: the reason the court gave for refusing"
out_has "item 1: what the unit will do next"; out_has "item 2: what the court did"
run 0 $O outcome 14/WC/20417/26 --format json
grep -q '"complete": false' "$T/out" && ok || bad "json: complete with a refusal unexplained"
[ "$(js missing)" = "array 3" ] && [ "$(js missing.1)" = "item 1: what the unit will do next" ] \
	&& ok || bad "json missing: $(js missing)"

# a correction: the next outcome version, logged with why; the note untouched
name=outcome-correction
run 0 $O outcome 14/WC/20417/26 --item 1 --reason "The phone is also his work phone" \
	--next "Tell the victim; ask the CPS about an SHPO" --item 2 --result held \
	--why "the court's reasons arrived"
out_has "is corrected (outcome version 2)"; out_has "Complete: every item is accounted for."
[ "$(oversion 14WC2041726)" = 2 ] && ok || bad "outcome version $(oversion 14WC2041726)"
[ "$(count "SELECT count(*) FROM audit WHERE reason = 'outcome corrected: the court''s reasons arrived'")" = 1 ] \
	&& ok || bad "no 'outcome corrected' row"
[ "$(notes 14WC2041726)" = "$N0" ] && ok || bad "the note changed: $N0 -> $(notes 14WC2041726)"
run 0 $O outcome 14/WC/20417/26 --item 2 --result held
out_has "Nothing changed"
[ "$(oversion 14WC2041726)" = 2 ] && ok || bad "an unchanged outcome made a version"
# an empty value clears
run 0 $O outcome 14/WC/20417/26 --court ""
out_has "Not complete yet"; out_has "the court that decided it"
run 0 $O outcome 14/WC/20417/26 --court "Eastbridge Magistrates' Court"

# while the note waits for a supervisor, the outcome can still be recorded
name=outcome-in-review
"$DORN" $O submit 05/TR/50231/26 >/dev/null || bad "submit failed"
N0=$(notes 05TR5023126)
run 69 $O import --update "$EX/voyeurism.ini"; err_has "waiting for review"
run 0 $O outcome 05/TR/50231/26 --date 2026-12-04 --court "Eastbridge Magistrates' Court" \
	--item 1 --result forfeiture
out_has "is recorded (outcome version 1)"
[ "$(notes 05TR5023126)" = "$N0" ] && ok || bad "the note changed: $N0 -> $(notes 05TR5023126)"
case "$N0" in *submitted*) ok ;; *) bad "the note is not waiting: $N0" ;; esac

# telling the victim: refused before anything was received; told; not told
name=told
run 69 $O told 46/HX/18820/26 --date 2026-12-04 --how "Phone call"
err_has "no outcome of 46/HX/18820/26 has been received yet"; err_has "record the outcome first"
run 0 $O told $U --date 2026-12-04 --how "Letter, then a phone call"
out_has "the victim was told on Fri 4 Dec 2026"; out_has "On time: it was due by the end of Mon 7 Dec 2026"
out_has "The task of telling them is done."
run 0 $O outcome $U --format json
[ "$(js tell.state)" = done ] && [ "$(js told_date)" = 2026-12-04 ] && ok || bad "json: told"
run 0 $O outcome $U; out_has "done: told on Fri 4 Dec 2026"
run 0 $O told $U --not "She asked not to be told until after the appeal"
out_has "the victim was not told, because: She asked not to be told"
out_has "This replaces what was recorded before: told on 2026-12-04"
run 0 $O outcome $U --format json
[ "$(js tell.state)" = not_told ] && ok || bad "json: not told"
[ "$(js told_how)" = "" ] && grep -q '"told_date": null' "$T/out" && ok || bad "told and not told both kept"
[ "$(count "SELECT count(*) FROM audit WHERE reason LIKE 'outcome corrected: the victim was%told'")" = 2 ] \
	&& ok || bad "telling is not logged"
run 64 $O told $U; err_has "needs --date DATE and --how TEXT"
run 64 $O told $U --date 2026-12-04; err_has "needs --date DATE and --how TEXT"
run 64 $O told $U --not "x" --how "phone"; err_has "not both"
run 64 $O told $U --date 32/12/2026 --how phone; err_has "not a date"
run 65 $O told $U --date 2026-12-05 --how phone; err_has "after today"
run 65 $O told $U --date 2026-12-03 --how phone; err_has "before the hearing"
run 65 $O told $U --date 2026-12-04 --how "$(printf 'phone\033]0;x\007')"
err_has "How they were told holds the control character ESC"
run 0 $O outcome $U --format json
[ "$(js tell.state)" = not_told ] && ok || bad "a refused told changed the outcome"

# The deadline: received on a Friday, due by the end of Monday; overdue
# the day after it is due, never on it.
name=due-friday
V=07/OC/40002/26
run 0 $O outcome $V --date 2026-12-04 --court "Eastbridge Magistrates' Court" \
	--received 2026-12-04 --item 1 --result order_made
run 0 $O outcome $V --format json
[ "$(js tell.due)" = 2026-12-07 ] && ok || bad "received Friday, due $(js tell.due)"
export DORN_TODAY=2026-12-07
run 0 $O outcome $V; out_has "by the end of Mon 7 Dec 2026, today"
grep -q OVERDUE "$T/out" && bad "overdue on the day it is due" || ok
export DORN_TODAY=2026-12-08
run 0 $O outcome $V; out_has "! OVERDUE since Tue 8 Dec 2026, today: it was due"
out_has "by the end of Mon 7 Dec 2026, yesterday"
run 0 $O outcome $V --format json
grep -q '"overdue": true' "$T/out" && [ "$(js tell.overdue_since)" = 2026-12-08 ] && ok \
	|| bad "json: not overdue the day after"
# received Thursday 24 December 2026: Christmas Day (Friday) and the Boxing
# Day substitute (Monday 28th) are bank holidays (data/bank-holidays.ini)
name=due-christmas
grep -q '^2026-12-25 = ' data/bank-holidays.ini && grep -q '^2026-12-28 = ' data/bank-holidays.ini \
	&& ok || bad "the bank holidays this test counts on are not in data/bank-holidays.ini"
export DORN_TODAY=2026-12-24
run 0 $O outcome $V --date 2026-12-24 --received 2026-12-24 --why "the hearing was adjourned"
run 0 $O outcome $V --format json
[ "$(js tell.due)" = 2026-12-29 ] && ok || bad "received 24 December, due $(js tell.due)"
export DORN_TODAY=2026-12-29
run 0 $O outcome $V; out_has "by the end of Tue 29 Dec 2026, today"
grep -q OVERDUE "$T/out" && bad "overdue on the day it is due" || ok
export DORN_TODAY=2026-12-30
run 0 $O outcome $V; out_has "OVERDUE since Wed 30 Dec 2026"
export DORN_TODAY=2026-12-04

# the child's words for a victim under 18 now
name=child-script
run 0 $O outcome 07/OC/40003/26 --date 2026-12-04 --court "Eastbridge Youth Court" \
	--item 1 --result returned
run 0 $O outcome 07/OC/40003/26
out_has "What you might say: To be returned to the defendant (for someone under 18 now)"
out_has "Report Remove"; out_has "0800 1111"
grep -q "0345 6000 459" "$T/out" && bad "the adult's helpline in a child's script" || ok
run 0 $O outcome 07/OC/40003/26 --format json
[ "$(js scripts.0.for)" = child ] && [ "$(js tell.under_18_now)" = yes ] && ok || bad "json: child"

# every bad option is refused with what to do, and nothing is saved
name=outcome-refusals
before=$(oversion 07OC4000126):$(results 07OC4000126)
run 64 $O outcome; err_has "'outcome' needs one URN"
run 64 $O outcome $U --item 1 --result destroyed
err_has "--result must be order_made, forfeiture, refused, not_sought, returned or held"
run 64 $O outcome $U --item 1 --result none; err_has "--result must be"
run 64 $O outcome $U --result held; err_has "give --item N before it"
run 64 $O outcome $U --item 2x --result held; err_has "--item takes an item's number"
run 64 $O outcome $U --item 0 --result held; err_has "--item takes an item's number"
run 64 $O outcome $U --item 1; err_has "--item 1 says nothing"
run 64 $O outcome $U --item 1 --result held --result returned; err_has "two --result"
run 64 $O outcome $U --date 31/02/2026; err_has "February 2026 has 28 days"
run 64 $O outcome $U --received tomorrow; err_has "not a date"
run 64 $O outcome $U --why "typo"; err_has "give the change too"
run 64 $O outcome $U --format table; err_has "--format must be text or json"
run 64 $O outcome $U --bogus; err_has "unknown option"
run 65 $O outcome $U --item 9 --result held
err_has "07/OC/40001/26 has no item 9 (its items: 1, 2, 3, 4, 5 and 6)"; err_has "nothing was saved"
run 65 $O outcome $U --item 1 --result held --court "$(printf 'Court\033[2J')"
err_has "^dorn: Court that decided it holds the control character ESC"; err_has "at character 6"
run 65 $O outcome $U --item 3 --reason "$(printf 'Value\tand effect')"
err_has "item 3: The reason given, or why none was asked for holds the control character TAB"
run 65 $O outcome $U --item 1 --reason "$(head -c 501 /dev/zero | tr '\0' r)"; err_has "--reason"
run 65 $O outcome $U --received 2026-12-05; err_has "after today"
run 65 $O outcome $U --received 2026-12-01; err_has "before the hearing"
# --why is kept in the audit log after the case is erased: it may not
# name the case, the victim or the defendant (as erase's --reason)
run 65 $O outcome $U --court "Northgate Crown Court" --why "ref WC-OC-0001 rang"
err_has "the victim's reference"
run 65 $O outcome $U --court "Northgate Crown Court" --why "07OC4000126 was wrong"
err_has "the URN"
run 65 $O outcome $U --court "Northgate Crown Court" --why "Test Defendant's lawyer"
err_has "the defendant's name"
run 66 $O outcome 99/ZZ/99999/26
[ "$(oversion 07OC4000126):$(results 07OC4000126)" = "$before" ] && ok || bad "a refusal saved something"

# A case file can carry the outcome: an update that changes only the
# outcome is an outcome save, and the note is not touched.
name=import-outcome
N0=$(notes 07OC4000226)
V0=$(oversion 07OC4000226)
{
	cat "$H/due.ini"
	printf 'result = held\n[outcome]\ndate = 2026-12-24\ncourt = Eastbridge Crown Court\n'
	printf 'received = 2026-12-24\nreasons = "Adjourned for a report"\n'
} >"$H/due-outcome.ini"
export DORN_TODAY=2026-12-28
run 0 $O import --update "$H/due-outcome.ini"; out_has "Updated 07/OC/40002/26"
[ "$(oversion 07OC4000226)" = $((V0 + 1)) ] && ok || bad "import made no outcome version"
[ "$(results 07OC4000226)" = held ] && ok || bad "import: result $(results 07OC4000226)"
[ "$(notes 07OC4000226)" = "$N0" ] && ok || bad "import of an outcome changed the note"
[ "$(count "SELECT reason FROM audit ORDER BY seq DESC LIMIT 1")" = "outcome corrected: import" ] \
	&& ok || bad "import: not logged as an outcome"
run 0 $O outcome 07/OC/40002/26; out_has "Adjourned for a report"; out_has "Eastbridge Crown Court"
export DORN_TODAY=2026-12-04

# after all of it: the database and the audit chain hold
name=outcome-check
run 0 --db "$DB" check; out_has "matches the audit log"
run 0 --db "$DB" audit --verify; out_has "chain intact"
unset DORN_TODAY
