# Review: submit, the queue, approve and return, with every refusal and its
# exit code, and staff changes that only supervisors may make.

EX=$(pwd)/data/examples
export DORN_TODAY=2026-11-28
fresh review
init
"$DORN" --db "$DB" staff add ofc --name "Olu Officer" --role officer >/dev/null
"$DORN" --db "$DB" staff add ofc2 --name "Ola Other" --role officer >/dev/null
"$DORN" --db "$DB" staff add sup --name "Sam Supervisor" --role supervisor >/dev/null
"$DORN" --db "$DB" staff add sup2 --name "Sue Second" --role supervisor >/dev/null
O="--db $DB --as ofc"
S="--db $DB --as sup"
"$DORN" $O import "$EX/sharing.ini" "$EX/noconsent.ini" "$EX/voyeurism.ini" >/dev/null
printf '[case]\nurn = 09/ZZ/11111/26\n[victim]\nreference = V-EMPTY\nconsent_to_share = yes\nconsent_date = 2026-11-20\n' >"$H/empty.ini"
"$DORN" $O import "$H/empty.ini" >/dev/null

# submitting: refused without consent, offence or item (69), with what is missing
name=submit-refusals
run 69 $O submit 46/HX/18820/26; err_has "has not agreed to share"
run 69 $O submit 09/ZZ/11111/26; err_has "no offence is recorded"; err_has "no device or account"
run 64 $O submit; err_has "needs one URN"
run 66 $O submit 99/ZZ/99999/26; err_has "no case with URN"

name=submit
run 0 $O submit 14/WC/20417/26; out_has "as version 1"
[ "$(count "SELECT status FROM note WHERE version = 1 AND case_id = (SELECT id FROM \"case\" WHERE urn = '14WC2041726')")" = submitted ] && ok || bad "not submitted"
run 69 $O submit 14/WC/20417/26; err_has "waiting for review"
# the frozen text says it was submitted, not that it is a draft
run 0 $O note 14/WC/20417/26; out_has "Version:              1 (submitted for review on 28 November 2026)"
# while it waits, the case cannot change under the supervisor's eyes
run 69 $O import --update "$EX/sharing.ini"; err_has "waiting for review"
[ "$(count "SELECT count(*) FROM audit WHERE entity = 'note' AND reason = 'submitted'")" = 1 ] && ok || bad "submit is not in the audit log"

# the queue: supervisors only
name=queue
run 77 $O review list; err_has "only a supervisor"
run 0 $S review list; out_has "14/WC/20417/26"; out_has "Olu Officer"; out_has "URGENT"
run 0 $S review list --format json
"$TOOLS/jsoncheck" 0.officer_login <"$T/out" >"$T/j" && grep -qx ofc "$T/j" && ok || bad "queue json"

# review refusals
name=review-refusals
run 77 $O review approve 14/WC/20417/26; err_has "only a supervisor"
run 64 $S review return 14/WC/20417/26; err_has "needs --comment"
run 64 $S review return 14/WC/20417/26 --comment ""; err_has "needs --comment"
run 69 $S review approve 05/TR/50231/26; err_has "only a submitted note"
# a review comment is plain text: control characters are refused as typed
run 65 $S review approve 14/WC/20417/26 --comment "$(printf 'ok\033[2J')"
err_has "the comment holds the control character ESC"; err_has "at character 3"
run 65 $S review return 14/WC/20417/26 --comment "$(printf 'bell\007')"; err_has "BEL"
run 65 $S review return 14/WC/20417/26 --comment "$(printf 'tab\there')"; err_has "a tab"
[ "$(count "SELECT status FROM note WHERE case_id = (SELECT id FROM \"case\" WHERE urn = '14WC2041726')")" = submitted ] && ok || bad "a refused comment changed the note"
"$DORN" --db "$DB" --as sup import "$EX/threat.ini" >/dev/null
"$DORN" --db "$DB" --as sup submit 43/KD/31876/26 >/dev/null
run 69 $S review approve 43/KD/31876/26; err_has "you cannot approve version 1 of 43/KD/31876/26: you recorded the case (import) at "
err_has "so you are one of its authors (Sam Supervisor)"; err_has "another supervisor must review this version"
[ "$(count "SELECT status FROM note WHERE case_id = (SELECT id FROM \"case\" WHERE urn = '43KD3187626')")" = submitted ] && ok || bad "own approval changed the note"

# authors by what they changed (issue 12): a supervisor who replaces the
# officer's draft with import --update, then submits it, cannot approve it
name=authors-import-update
"$DORN" $O import "$EX/atarrest.ini" >/dev/null
sed 's/^court = .*/court = "Kingsdale Crown Court"/' "$EX/atarrest.ini" >"$H/atarrest2.ini"
run 0 $S import --update "$H/atarrest2.ini"
run 0 $S submit 43/KD/32011/26
run 69 $S review approve 43/KD/32011/26 --comment "fine"
err_has "you cannot approve version 1 of 43/KD/32011/26: you changed the case (import) at [0-2][0-9]:[0-5][0-9] UTC on "
err_has "after Olu Officer began this version, so you are one of its authors (Olu Officer, Sam Supervisor)"
err_has "another supervisor must review this version"
run 69 $S review return 43/KD/32011/26 --comment "check it"; err_has "you cannot return version 1"
# the queue says so before anyone tries: yours for sup, not for sup2
run 0 $S review list --format csv
tr -d '\r' <"$T/out" | grep -q "^43KD3201126,.*,yes$" && ok || bad "the queue does not tell sup they wrote it"
run 0 --db "$DB" --as sup2 review list --format csv
tr -d '\r' <"$T/out" | grep -q "^43KD3201126,.*,$" && ok || bad "the queue tells sup2 they wrote it"
run 0 $S review list; out_has "you_wrote"
[ "$(count "SELECT status FROM note WHERE case_id = (SELECT id FROM \"case\" WHERE urn = '43KD3201126')")" = submitted ] && ok || bad "an author's review changed the note"
[ "$(count "SELECT group_concat(s.login, ',') FROM (SELECT a.staff_id FROM note_author a JOIN \"case\" c ON c.id = a.case_id WHERE c.urn = '43KD3201126' AND a.version = 1 ORDER BY a.since_version, a.id) x JOIN staff s ON s.id = x.staff_id")" = "ofc,sup" ] && ok || bad "authors not kept in order"
# every author is named: the text, the JSON and the PDF
run 0 $S note 43/KD/32011/26; out_has "^Written by:           Olu Officer, Sam Supervisor$"; out_has "^From:                 Olu Officer"
run 0 $S note 43/KD/32011/26 --format json
"$TOOLS/jsoncheck" note.authors <"$T/out" >"$T/j" && grep -qx "array 2" "$T/j" && ok || bad "note json authors"
"$TOOLS/jsoncheck" note.authors.1.login <"$T/out" >"$T/j" && grep -qx sup "$T/j" && ok || bad "note json second author"
# a second supervisor who changed nothing approves it
run 0 --db "$DB" --as sup2 review approve 43/KD/32011/26 --comment "$(printf 'Checked.\nGood to go.')"
run 0 $S export 43/KD/32011/26 --out "$H/out" --format txt,pdf,json --reason "authors"
pdftotext -q -layout "$H/out/43KD3201126/43KD3201126-deprivation-note-v1.pdf" "$T/pdf.txt" && ok || bad "pdftotext failed"
grep -q "Written by: *Olu Officer, Sam Supervisor" "$T/pdf.txt" && ok || bad "the PDF does not name both authors"
grep -q "^Written by:           Olu Officer, Sam Supervisor$" "$H/out/43KD3201126/43KD3201126-deprivation-note-v1.txt" && ok || bad "the text does not name both authors"
"$TOOLS/jsoncheck" note.authors.0.name <"$H/out/43KD3201126/43KD3201126-deprivation-note-v1.json" >"$T/j" && grep -qx "Olu Officer" "$T/j" && ok || bad "export json authors"

# return with a comment, then the officer answers it with version 2
name=return
run 0 $S review return 14/WC/20417/26 --comment "Please add the exhibit for the laptop"; out_has "Returned"
run 69 $S review approve 14/WC/20417/26; err_has "returned already by Sam Supervisor"
run 0 $O list; out_has "returned"
run 0 $O show 14/WC/20417/26; out_has "Comment: Please add the exhibit for the laptop"; out_has "returned by Sam Supervisor"
run 69 $O submit 14/WC/20417/26; err_has "change the case"
sed 's/^court = .*/court = "Eastbridge Crown Court"/' "$EX/sharing.ini" >"$H/sharing2.ini"
"$DORN" $O import --update "$H/sharing2.ini" >/dev/null
run 0 $O submit 14/WC/20417/26; out_has "as version 2"
[ "$(count "SELECT body LIKE '%Magistrates%' FROM note WHERE version = 1 AND case_id = (SELECT id FROM \"case\" WHERE urn = '14WC2041726')")" = 1 ] && ok || bad "the returned version's text changed"

# approve; a second supervisor acting after is told who acted first
name=approve
run 0 $S review approve 14/WC/20417/26 --comment "Good to go"; out_has "Approved"
run 69 --db "$DB" --as sup2 review return 14/WC/20417/26 --comment "late"; err_has "approved already by Sam Supervisor (sup) on "
[ "$(count "SELECT status || ':' || review_comment FROM note WHERE version = 2 AND case_id = (SELECT id FROM \"case\" WHERE urn = '14WC2041726')")" = "approved:Good to go" ] && ok || bad "the second supervisor changed the note"
run 0 $S show 14/WC/20417/26 --format json
"$TOOLS/jsoncheck" note.status <"$T/out" >"$T/j" && grep -qx approved "$T/j" && ok || bad "show json note status"
"$TOOLS/jsoncheck" versions <"$T/out" >"$T/j" && grep -qx "array 2" "$T/j" && ok || bad "show json versions"
# a change after approval starts version 3; the approved one stays as it was
"$DORN" $O import --update "$EX/sharing.ini" >/dev/null
run 0 $O note 14/WC/20417/26; out_has "Version:              3 (draft"
run 0 $O show 14/WC/20417/26; out_has "approved (no longer the latest)"
[ "$(count "SELECT status FROM note WHERE version = 2 AND case_id = (SELECT id FROM \"case\" WHERE urn = '14WC2041726')")" = approved ] && ok || bad "the approved version changed"
run 0 --db "$DB" audit --verify
[ "$(count "SELECT count(*) FROM audit WHERE entity = 'note' AND reason IN ('approved', 'returned')")" = 3 ] && ok || bad "reviews are not in the audit log"

# staff: only supervisors change staff; the last supervisor stays
name=staff-changes
run 77 $O staff role ofc2 supervisor; err_has "only a supervisor"
run 77 $O staff deactivate ofc2; err_has "only a supervisor"
run 0 $S staff deactivate ofc2; out_has "deactivated"
run 77 --db "$DB" --as ofc2 list; err_has "has been deactivated"
run 0 $S staff activate ofc2
run 0 --db "$DB" --as ofc2 list
run 0 $S staff role ofc2 supervisor; out_has "now supervisor"
run 0 --db "$DB" --as ofc2 review list
run 66 $S staff deactivate nobody; err_has "not registered"
run 64 $S staff role ofc2 boss; err_has "officer or supervisor"
me=$(id -un)
for l in sup sup2 ofc2; do "$DORN" --db "$DB" staff deactivate $l >/dev/null; done
run 69 --db "$DB" staff deactivate "$me"; err_has "last active supervisor"
run 69 --db "$DB" staff role "$me" officer; err_has "last active supervisor"
[ "$(count "SELECT count(*) FROM audit WHERE entity = 'staff' AND action = 'alter'")" -ge 6 ] && ok || bad "staff changes are not in the audit log"
unset DORN_TODAY
