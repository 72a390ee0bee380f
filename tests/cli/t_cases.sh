# Cases: import, list, show and note, against the worked examples, with
# golden notes reviewed line by line against DOMAIN.md.

EX=$(pwd)/data/examples
urn_of() { sed -n 's/^urn *= *//p' "$EX/$1.ini"; }
export DORN_TODAY=2026-11-28

fresh cases
init
"$DORN" --db "$DB" staff add wcofficer --name "Sam Okafor" --role officer >/dev/null
printf '[unit]\nname = Eastbridge Witness Care Unit\narea = Eastbridge\n' >"$H/unit.ini"
C="--config $H/unit.ini --db $DB --as wcofficer"
audit_before=$(count "SELECT count(*) FROM audit")

# a bad file among good ones: nothing at all is stored
printf '[case]\nurn = 01/AB/12345/26\n[item 1]\ndescription = no kind\n' >"$H/bad.ini"
run 65 $C import "$EX/sharing.ini" "$H/bad.ini"; err_has "bad.ini"; err_has "kind"
[ "$(count "SELECT count(*) FROM \"case\"")" = 0 ] && ok || bad "a case was stored from a rejected import"
[ "$(count "SELECT count(*) FROM audit")" = "$audit_before" ] && ok || bad "a rejected import wrote audit rows"
run 66 $C import "$H/none.ini"; err_has "none.ini"
run 64 $C import; err_has "needs at least one case FILE"

run 0 $C import "$EX"/sharing.ini "$EX"/threat.ini "$EX"/voyeurism.ini "$EX"/under18.ini "$EX"/noconsent.ini "$EX"/names.ini \
	"$EX"/thirdparty.ini "$EX"/atarrest.ini "$EX"/account.ini "$EX"/passed.ini
out_has "Imported 14/WC/20417/26"; out_has "no note: the victim has not agreed"
[ "$(count "SELECT count(*) FROM audit WHERE action = 'collect' AND entity = 'case' AND login = 'wcofficer'")" = 10 ] && ok || bad "each import is a collect in the audit log"
run 65 $C import "$EX/sharing.ini"; err_has "exists already"; err_has "--update"

# golden notes, one per example that has consent
for ex in sharing threat voyeurism under18 names thirdparty atarrest account passed; do
	name="note-$ex"
	run 0 $C note "$(urn_of $ex)"
	same_as "$T/out" "$GOLDEN/note-$ex.txt"
	[ "$(wc -L <"$T/out")" -le 78 ] && ok || bad "a line of the $ex note is over 78 columns"
done
name=note-utf8
run 0 $C note "$(urn_of names)"; out_has "Zoë"

# the rules show in the note
name=note-rules
run 0 $C note "$(urn_of under18)"; out_has "REQUEST FOR FORFEITURE AND DESTRUCTION"; out_has "Protection of Children Act 1978, s.1"
run 0 $C note "$(urn_of voyeurism)"; out_has "has not been examined"; out_has "Wright-Hadley"
run 0 $C note "$(urn_of threat)"; out_has "not property"
run 0 $C note "$(urn_of sharing)"; out_has "R v Tan"; out_has "Police (Property) Act 1897"; out_has "^URGENT"

# no consent: no note, exit 69, with what to do; the concern stays
name=no-consent
run 69 $C note "$(urn_of noconsent)"; err_has "has not agreed to share"; err_has "stays recorded"
if [ -s "$T/out" ]; then bad "a note was printed without consent"; else ok; fi
[ "$(count "SELECT count(*) FROM note n JOIN \"case\" c ON c.id = n.case_id WHERE c.urn = '46HX1882026'")" = 0 ] && ok || bad "a note was stored without consent"
run 0 $C show "$(urn_of noconsent)"; out_has "Consent to share  *no$"

# show: text and JSON (checked by a real parser), and a consult in the log
name=show
before=$(count "SELECT count(*) FROM audit WHERE action = 'consult'")
run 0 $C show 14wc2041726; out_has "Case 14/WC/20417/26"; out_has "URGENT"
[ "$(count "SELECT count(*) FROM audit WHERE action = 'consult'")" = $((before + 1)) ] && ok || bad "show is not logged as a consult"
run 0 $C show "$(urn_of voyeurism)" --format json
"$TOOLS/jsoncheck" schema <"$T/out" >"$T/j" && grep -qx 1 "$T/j" && ok || bad "show json schema"
"$TOOLS/jsoncheck" items <"$T/out" >"$T/j" && grep -qx "array 5" "$T/j" && ok || bad "show json items"
"$TOOLS/jsoncheck" assessment.problems.0.code <"$T/out" >"$T/j" && grep -qx "missing-limb" "$T/j" && ok || bad "show json problems"
# the example records "seized: yes" but not from whom: no limb is claimed
"$TOOLS/jsoncheck" assessment.items.0.limb <"$T/out" >"$T/j" && grep -qx "to-be-shown" "$T/j" && ok || bad "show json limb"
run 0 $C note "$(urn_of names)" --format json
"$TOOLS/jsoncheck" body <"$T/out" >"$T/j" && grep -q "Zoë" "$T/j" && ok || bad "note json body"
"$TOOLS/jsoncheck" note.version <"$T/out" >"$T/j" && grep -qx 1 "$T/j" && ok || bad "note json version"
run 66 $C show 99/ZZ/99999/26; err_has "no case with URN 99/ZZ/99999/26"
run 65 $C show 99/ZZ/9999/26; err_has "case number"
run 64 $C show; err_has "needs one URN"
run 64 $C note 14/WC/20417/26 --format pdf; err_has "text or json"

# list: urgent first, filters, formats
name=list
run 0 $C list
same_as "$T/out" "$GOLDEN/list.txt"
head -2 "$T/out" | tail -1 | grep -q "URGENT" && ok || bad "urgent cases are not first"
run 0 $C list --due-within 7
[ "$(wc -l <"$T/out")" -eq 2 ] && ok || bad "--due-within 7 should list one case"
run 0 $C list --status none; out_has "46/HX/18820/26"
[ "$(wc -l <"$T/out")" -eq 2 ] && ok || bad "--status none should list one case"
run 0 $C list --search "Threlfall"; out_has "14/WC/20417/26"
run 0 $C list --search "pictures still"
out_has "14/WC/20417/26"
run 0 $C list --search "dziedz PAWEŁ"; out_has "62/LM/4401923/26"
# Accents fold both ways, Ł and ł too (SQLite folds é but not ł), and the
# victim's reference and name find the case.
run 0 $C list --search "pawel"; out_has "62/LM/4401923/26"
run 0 $C list --search "zoe nunez"; out_has "62/LM/4401923/26"
run 0 $C list --search "Hartigan"; out_has "62/LM/4401923/26"
run 0 $C list --search "WC-2026-0142"; out_has "14/WC/20417/26"
[ "$(wc -l <"$T/out")" -eq 2 ] && ok || bad "a victim's reference should find one case"
run 0 $C list --search '"unbalanced'
run 0 $C list --search "nothing-matches-this"
[ "$(wc -l <"$T/out")" -eq 1 ] && ok || bad "a search that matches nothing lists only the header"
run 0 $C list --format json
"$TOOLS/jsoncheck" 0.urgency <"$T/out" >"$T/j" && grep -qx URGENT "$T/j" && ok || bad "list json"
run 0 $C list --format csv
head -1 "$T/out" | grep -q "^urn,victim_ref,offence,due_date,due_is,days_left,note_status,note_version,urgency,defendant" && ok || bad "list csv header"
run 64 $C list --status lost; err_has "--status must be"
run 64 $C list --due-within soon; err_has "number of days"
# --limit and --offset: a window of the same order, in every format
run 0 $C list --limit 2
[ "$(wc -l <"$T/out")" -eq 3 ] && ok || bad "--limit 2 should list two cases"
head -3 "$GOLDEN/list.txt" | diff -q - "$T/out" >/dev/null && ok || bad "--limit 2 is not the top of the list"
run 0 $C list --offset 2 --limit 3 --format csv
[ "$(wc -l <"$T/out")" -eq 4 ] && ok || bad "--offset 2 --limit 3 should list three cases"
sed -n 2p "$T/out" | grep -q "^05TR5023126," && ok || bad "--offset 2 should start at the third case"
run 0 $C list --offset 9 --format json
"$TOOLS/jsoncheck" 0.urn <"$T/out" >"$T/j" && grep -qx 22NB0775426 "$T/j" && ok || bad "--offset 9 json"
run 0 $C list --offset 10; [ "$(wc -l <"$T/out")" -eq 1 ] && ok || bad "--offset past the end lists only the header"

run 0 $C list --limit 0; [ "$(wc -l <"$T/out")" -eq 1 ] && ok || bad "--limit 0 lists only the header"
run 0 $C list --status draft --limit 1 --offset 1; out_has "62/LM/4401923/26"
run 64 $C list --limit -1; err_has "--limit takes a number of rows"
run 64 $C list --limit ten; err_has "--limit takes a number of rows"
run 64 $C list --offset 1.5; err_has "--offset takes a number of rows"
run 64 $C list --offset ""; err_has "--offset takes a number of rows"
run 64 $C list --offset 99999999999999999999999; err_has "--offset takes a number of rows"
run 64 $C list --limit; err_has "needs a value"

# versions: a draft follows the case; a frozen version stands until the
# case changes, then the next version starts
name=versions
run 0 $C note "$(urn_of sharing)"; out_has "Version:              1 (draft"
sed 's/^defendant = .*/defendant = Marcus J. Threlfall/' "$EX/sharing.ini" >"$H/sharing2.ini"
run 0 $C import --update "$H/sharing2.ini"; out_has "Updated 14/WC/20417/26"
[ "$(count "SELECT count(*) FROM audit WHERE action = 'alter' AND entity = 'case'")" -ge 1 ] && ok || bad "update is not an alter"
run 0 $C note "$(urn_of sharing)"; out_has "Marcus J. Threlfall"; out_has "Version:              1 (draft"
"$TOOLS/sqlexec" "$DB" "UPDATE note SET status = 'returned', submitted = '2026-11-28T10:00:00Z', reviewer = 1, reviewed = '2026-11-28T11:00:00Z', review_comment = 'x' WHERE version = 1 AND case_id = (SELECT id FROM \"case\" WHERE urn = '14WC2041726')"
run 0 $C note "$(urn_of sharing)"; out_has "Version:              1 (draft"
[ "$(count "SELECT count(*) FROM note WHERE case_id = (SELECT id FROM \"case\" WHERE urn = '14WC2041726')")" = 1 ] && ok || bad "an unchanged case started a new version"
run 0 $C import --update "$EX/sharing.ini"
run 0 $C note "$(urn_of sharing)"; out_has "Version:              2 (draft"
[ "$(count "SELECT body LIKE '%Marcus J. Threlfall%' FROM note WHERE version = 1 AND case_id = (SELECT id FROM \"case\" WHERE urn = '14WC2041726')")" = 1 ] && ok || bad "the frozen version's text changed"
unset DORN_TODAY

# [note] template may point elsewhere; a broken one names its line
name=template
export DORN_TODAY=2026-11-28
printf 'Note for {{urn}}.\n{{#items}}\n- {{kind}}\n{{/items}}\n' >"$H/mine.txt"
printf 'Annex: {{#rows}}{{exhibit}} {{/rows}}\n' >"$H/annex.txt"
printf '[note]\ntemplate = %s\norder_template = %s\n' "$H/mine.txt" "$H/annex.txt" >"$H/mine.ini"
run 0 --config "$H/mine.ini" --db "$DB" --as wcofficer note "$(urn_of names)"
printf 'Note for 62/LM/4401923/26.\n- Tablet\nAnnex: ŁW/1\n' >"$T/want"
same_as "$T/out" "$T/want"
# the annex template: read like the note's, its faults named by file and line
printf 'Annex\n{{#rows}}\n{{exhibit}}\n' >"$H/annex-broken.txt"
printf '[note]\norder_template = %s\n' "$H/annex-broken.txt" >"$H/annex-broken.ini"
run 78 --config "$H/annex-broken.ini" --db "$DB" --as wcofficer note "$(urn_of names)"
err_has "annex-broken.txt:2:"; err_has "never closed"
printf 'Annex {{exhibit_reff}}\n' >"$H/annex-typo.txt"
printf '[note]\norder_template = %s\n' "$H/annex-typo.txt" >"$H/annex-typo.ini"
run 78 --config "$H/annex-typo.ini" --db "$DB" --as wcofficer note "$(urn_of names)"
err_has "annex-typo.txt:1:"; err_has "exhibit_reff"
printf '[note]\norder_template = %s\n' "$H/none.txt" >"$H/annex-none.ini"
run 78 --config "$H/annex-none.ini" --db "$DB" --as wcofficer note "$(urn_of names)"
err_has "cannot read the annex template"; err_has "order_template"
printf 'Line one\n{{#items}}\n{{kind}}\n' >"$H/broken.txt"
printf '[note]\ntemplate = %s\n' "$H/broken.txt" >"$H/broken.ini"
run 78 --config "$H/broken.ini" --db "$DB" --as wcofficer note "$(urn_of names)"
err_has "broken.txt:2:"; err_has "never closed"
printf 'Hello {{victim_nmae}}\n' >"$H/typo.txt"
printf '[note]\ntemplate = %s\n' "$H/typo.txt" >"$H/typo.ini"
run 78 --config "$H/typo.ini" --db "$DB" --as wcofficer note "$(urn_of names)"
err_has "typo.txt:1:"; err_has "victim_nmae"
# the draft order annexed to the note: each item in the schedule or left
# out by the recorded facts, and "seized from" says only what was recorded
# (a fictitious case written here)
name=annex
cat >"$H/annex.ini" <<'EOF'
[case]
urn = 07/QA/60001/26
defendant = Test Defendant-Annex
court = Testbridge Magistrates' Court
stage = trial
offences = soa66b2
sentencing_date = 2027-01-20
[victim]
reference = WC-TEST-0001
under_18_at_images = no
consent_to_share = yes
consent_date = 2026-11-01
[concern]
fears = device-returned
victim_words = A test sentence.
[item 1]
kind = phone
description = Phone not seized, held at arrest
exhibit_ref = QA/1
how_used = sent
seized_from = not-seized
held_at_arrest = yes
[item 2]
kind = laptop
description = Family laptop from his mother's house
exhibit_ref = QA/2
how_used = stored
seized_from = other-person
seized_from_name = Mrs Testmother
held_at_arrest = no
[item 3]
kind = cloud-account
description = Photo storage account
[item 4]
kind = storage
description = Card seized from him
exhibit_ref = QA/4
seized_from = defendant
EOF
# its own database, so that the lists above keep their goldens
A="--config $H/unit.ini --db $H/annex/dorn.db --as wcofficer"
"$DORN" --db "$H/annex/dorn.db" init >/dev/null 2>&1 || bad "init failed"
"$DORN" --db "$H/annex/dorn.db" staff add wcofficer --name "Sam Okafor" --role officer >/dev/null
run 0 $A import "$H/annex.ini"
run 0 $A note 07/QA/60001/26
sed -n '/^ANNEX: DRAFT ORDER$/,$p' "$T/out" >"$T/annex"
grep -A1 "^1\. Exhibit QA/1$" "$T/annex" | grep -q "^   - Description: Phone" && ok || bad "the phone held at arrest is not row 1"
sed -n '/^1\. Exhibit QA\/1/,/^$/p' "$T/annex" | tr '\n' ' ' | tr -s ' ' | grep -q "Seized from: not seized .*recorded as in their possession or control at arrest or summons (s.153(2)); used to send the images" && ok || bad "row 1 does not give the held-at-arrest limb"
grep -A1 "^2\. Exhibit QA/4$" "$T/annex" | grep -q "^   - Description: Storage" && ok || bad "the card seized from him is not row 2"
sed -n '/^2\. Exhibit QA\/4/,/^$/p' "$T/annex" | tr '\n' ' ' | tr -s ' ' | grep -q "Seized from: the defendant .*recorded as seized from the defendant (s.153(2)); its use in the offence (s.153(3)) to be shown" && ok || bad "row 2 does not give the seized limb and the missing use"
grep -q "Exhibit QA/2" "$T/annex" && bad "the laptop seized from another person is in the schedule" || ok
sed -n '/^ITEMS THAT CANNOT BE INCLUDED$/,$p' "$T/annex" | tr '\n' ' ' | tr -s ' ' >"$T/left"
grep -q "Item 2: Laptop.*seized from Mrs Testmother, not from the defendant, and not in the defendant's possession" "$T/left" && ok || bad "the laptop is not left out with why"
grep -q "Item 3: Online (cloud) account.*not property" "$T/left" && ok || bad "the account is not left out as not property"
grep -q "To be made only if the defendant is convicted" "$T/annex" && ok || bad "before conviction the draft is not conditional"
run 0 $A show 07/QA/60001/26 --format json
"$TOOLS/jsoncheck" order.schedule <"$T/out" >"$T/j" && grep -qx "array 2" "$T/j" && ok || bad "show json: two schedule rows"
"$TOOLS/jsoncheck" order.schedule.0.exhibit_ref <"$T/out" >"$T/j" && grep -qx "QA/1" "$T/j" && ok || bad "show json: row 1 exhibit"
"$TOOLS/jsoncheck" order.schedule.0.limbs.0 <"$T/out" >"$T/j" && grep -qx "in-possession-at-arrest" "$T/j" && ok || bad "show json: row 1 limb"
"$TOOLS/jsoncheck" order.schedule.1.limbs.0 <"$T/out" >"$T/j" && grep -qx "seized-from-defendant" "$T/j" && ok || bad "show json: row 2 limb"
"$TOOLS/jsoncheck" order.excluded.0.reason <"$T/out" >"$T/j" && grep -qx "not-seized-or-held" "$T/j" && ok || bad "show json: the laptop's reason"
"$TOOLS/jsoncheck" order.excluded.0.seized_from_name <"$T/out" >"$T/j" && grep -qx "Mrs Testmother" "$T/j" && ok || bad "show json: seized from whom"
"$TOOLS/jsoncheck" order.excluded.1.reason <"$T/out" >"$T/j" && grep -qx "not-property" "$T/j" && ok || bad "show json: the account's reason"
"$TOOLS/jsoncheck" order.orders.0 <"$T/out" >"$T/j" && grep -qx "deprivation" "$T/j" && ok || bad "show json: orders"

# dorn rename: the URN of a case with no submitted note, with a reason in
# plain text, logged; refused with what to do otherwise.
name=rename
R="--config $H/unit.ini --db $H/annex/dorn.db --as wcofficer"
run 64 $R rename; err_has "needs the URN the case has and the right one"
run 64 $R rename 07/QA/60001/26 07/QA/60009/26; err_has "needs --reason"
run 65 $R rename 07/QA/60001/26 bogus --reason typo; err_has "a URN has 11"
run 65 $R rename 07/QA/60001/26 07/QA/60009/26 --reason "$(printf 'typo\033[2J')"; err_has "plain text"
run 66 $R rename 99/ZZ/00001/26 07/QA/60009/26 --reason typo; err_has "no case with URN"
run 0 $R rename 07/QA/60001/26 07/QA/60009/26 --reason "a digit misread"; out_has "is now 07/QA/60009/26"
run 0 $R show 07/QA/60009/26
run 66 $R show 07/QA/60001/26
[ "$("$TOOLS/sqlexec" "$H/annex/dorn.db" "SELECT count(*) FROM audit WHERE action = 'alter' AND reason LIKE '%a digit misread%'")" = 1 ] && ok || bad "the rename is not in the audit log"

unset DORN_TODAY
