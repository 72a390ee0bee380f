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

run 0 $C import "$EX"/sharing.ini "$EX"/threat.ini "$EX"/voyeurism.ini "$EX"/under18.ini "$EX"/noconsent.ini "$EX"/names.ini
out_has "Imported 14/WC/20417/26"; out_has "no note: the victim has not agreed"
[ "$(count "SELECT count(*) FROM audit WHERE action = 'collect' AND entity = 'case' AND login = 'wcofficer'")" = 6 ] && ok || bad "each import is a collect in the audit log"
run 65 $C import "$EX/sharing.ini"; err_has "exists already"; err_has "--update"

# golden notes, one per example that has consent
for ex in sharing threat voyeurism under18 names; do
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
run 0 $C list --offset 5 --format json
"$TOOLS/jsoncheck" 0.urn <"$T/out" >"$T/j" && grep -qx 22NB0775426 "$T/j" && ok || bad "--offset 5 json"
run 0 $C list --offset 6; [ "$(wc -l <"$T/out")" -eq 1 ] && ok || bad "--offset past the end lists only the header"
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
printf '[note]\ntemplate = %s\n' "$H/mine.txt" >"$H/mine.ini"
run 0 --config "$H/mine.ini" --db "$DB" --as wcofficer note "$(urn_of names)"
printf 'Note for 62/LM/4401923/26.\n- Tablet\n' >"$T/want"
same_as "$T/out" "$T/want"
printf 'Line one\n{{#items}}\n{{kind}}\n' >"$H/broken.txt"
printf '[note]\ntemplate = %s\n' "$H/broken.txt" >"$H/broken.ini"
run 78 --config "$H/broken.ini" --db "$DB" --as wcofficer note "$(urn_of names)"
err_has "broken.txt:2:"; err_has "never closed"
printf 'Hello {{victim_nmae}}\n' >"$H/typo.txt"
printf '[note]\ntemplate = %s\n' "$H/typo.txt" >"$H/typo.ini"
run 78 --config "$H/typo.ini" --db "$DB" --as wcofficer note "$(urn_of names)"
err_has "typo.txt:1:"; err_has "victim_nmae"
unset DORN_TODAY
