# Export to the case file: only approved notes (or --draft), files named
# without personal data, 0600, atomic, never overwritten, SHA256SUMS that
# sha256sum -c accepts, dorn verify, and the disclosure in the audit log.

EX=$(pwd)/data/examples
export DORN_TODAY=2026-11-28
fresh export
init
"$DORN" --db "$DB" staff add ofc --name "Olu Officer" --role officer >/dev/null
"$DORN" --db "$DB" staff add sup --name "Sam Supervisor" --role supervisor >/dev/null
O="--db $DB --as ofc"
S="--db $DB --as sup"
"$DORN" $O import "$EX/names.ini" "$EX/voyeurism.ini" "$EX/sharing.ini" >/dev/null
OUT="$H/casefile"

name=export-refusals
run 69 $S export 62/LM/4401923/26 --out "$OUT"; err_has "has no approved note"; err_has "--draft"
[ ! -e "$OUT" ] && ok || bad "a refused export left files"
run 64 $S export --out "$OUT"; err_has "needs URNs"
run 64 $S export --approved 62/LM/4401923/26; err_has "not both"
run 64 $S export 62/LM/4401923/26 --format doc; err_has "txt, pdf and json"
run 69 $S export --approved --out "$OUT"; err_has "no case has an approved note"
run 64 $S export --approved --out "$OUT" --reason "$(head -c 1200 /dev/zero | tr '\0' x)"; err_has "keep it to 1000"

# approve two notes
"$DORN" $O submit 62/LM/4401923/26 >/dev/null
"$DORN" $O submit 05/TR/50231/26 >/dev/null
"$DORN" $S review approve 62/LM/4401923/26 >/dev/null
"$DORN" $S review approve 05/TR/50231/26 --comment "Fine" >/dev/null

name=export
run 0 $S export 62/LM/4401923/26 --out "$OUT" --recipient "CPS Northmoor" --reason "sentencing file"
D="$OUT/62LM440192326"
for ext in txt pdf json; do
	f="$D/62LM440192326-deprivation-note-v1.$ext"
	[ -f "$f" ] && ok || bad "missing $f"
	mode_is "$f" 600
done
out_has "Wrote"
ls -A "$D" | grep -q '^\.' && bad "a temporary file was left" || ok
grep -q "Approved by Sam Supervisor" "$D/62LM440192326-deprivation-note-v1.txt" && ok || bad "txt footer"
"$TOOLS/jsoncheck" note.status <"$D/62LM440192326-deprivation-note-v1.json" >"$T/j" && grep -qx approved "$T/j" && ok || bad "json note status"
"$TOOLS/jsoncheck" schema <"$D/62LM440192326-deprivation-note-v1.json" >"$T/j" && grep -qx 1 "$T/j" && ok || bad "json schema"
# What stays in the unit never leaves it (the case file gives all three).
for k in safe_contact needs outcome_contact; do
	grep -q "\"$k\"" "$D/62LM440192326-deprivation-note-v1.json" && bad "the exported JSON holds $k" || ok
done
"$TOOLS/jsoncheck" victim.reference <"$D/62LM440192326-deprivation-note-v1.json" >"$T/j" && grep -qx WC-2026-1010 "$T/j" && ok || bad "json victim reference"
pdftotext -q -layout "$D/62LM440192326-deprivation-note-v1.pdf" "$T/pdf.txt" && ok || bad "pdftotext failed"
for s in "62/LM/4401923/26" "Zoë Hartigan-Núñez" "Łukasz Wróblewski" "Item 1" "Page 1 of" "Approved by Sam Supervisor"; do
	grep -q "$s" "$T/pdf.txt" && ok || bad "the PDF lacks '$s'"
done
# the draft order annex: in the text and the PDF, and as rows in the JSON
grep -q "^ANNEX: DRAFT ORDER" "$D/62LM440192326-deprivation-note-v1.txt" && ok || bad "txt lacks the annex"
grep -A1 "^1\. Exhibit ŁW/1$" "$D/62LM440192326-deprivation-note-v1.txt" | grep -q "Description: Tablet" && ok || bad "txt lacks the schedule row"
for s in "ANNEX: DRAFT ORDER" "SCHEDULE OF PROPERTY"; do
	grep -q "$s" "$T/pdf.txt" && ok || bad "the PDF lacks '$s'"
done
# in the PDF the schedule is a table: its headings stand for the text's
# labels ("Exhibit", "Description:"), and each row reads across
grep -Eq "^ *No\. +Exhibit +Description +Seized +Basis" "$T/pdf.txt" && ok || bad "the PDF's schedule has no heading row"
grep -Eq "^ *1\. +ŁW/1 +Tablet, Grey tablet" "$T/pdf.txt" && ok || bad "the PDF's schedule lacks the row"
J="$D/62LM440192326-deprivation-note-v1.json"
"$TOOLS/jsoncheck" order.schedule <"$J" >"$T/j" && grep -qx "array 1" "$T/j" && ok || bad "json: one schedule row"
"$TOOLS/jsoncheck" order.schedule.0.exhibit_ref <"$J" >"$T/j" && grep -qx "ŁW/1" "$T/j" && ok || bad "json: the row's exhibit"
# names.ini records the tablet as seized from the defendant and held at arrest.
"$TOOLS/jsoncheck" order.schedule.0.limbs.0 <"$J" >"$T/j" && grep -qx "seized-from-defendant" "$T/j" && ok || bad "json: the row's limb"
"$TOOLS/jsoncheck" order.schedule.0.seized_from <"$J" >"$T/j" && grep -qx "defendant" "$T/j" && ok || bad "json: the row's seized_from"
"$TOOLS/jsoncheck" order.excluded <"$J" >"$T/j" && grep -qx "array 0" "$T/j" && ok || bad "json: nothing left out"
(cd "$D" && sha256sum -c --quiet SHA256SUMS) && ok || bad "sha256sum -c failed"
run 0 verify "$D"; out_has "All 4 files"

# The audit head the export reflects: in the JSON and in the version's
# .audit-head file (which SHA256SUMS lists, and sha256sum -c --strict
# accepts without a warning), named by dorn verify, held by the audit log.
name=export-head
HF="$D/62LM440192326-deprivation-note-v1.audit-head"
head=$(cat "$HF")
printf '%s\n' "$head" | grep -Eqx '[0-9]+:[0-9a-f]{64}' && ok || bad "the .audit-head file is not SEQ:MAC: $head"
"$TOOLS/jsoncheck" audit_head <"$J" >"$T/j" && [ "$(cat "$T/j")" = "$head" ] && ok || bad "the JSON's audit_head is not the .audit-head file's"
sed -n 3p "$J" | grep -q '^  "audit_head": ' && ok || bad "audit_head does not follow schema in the JSON"
grep -q '  62LM440192326-deprivation-note-v1.audit-head$' "$D/SHA256SUMS" && ok || bad "SHA256SUMS does not list the .audit-head file"
(cd "$D" && sha256sum -c --strict --warn SHA256SUMS) >"$T/out" 2>"$T/err" && ok || bad "sha256sum -c --strict failed"
err_empty
# the disclose row comes after the head: the head is the log as it was
[ "$(count "SELECT seq FROM audit WHERE action = 'disclose' ORDER BY seq DESC LIMIT 1")" -gt "${head%%:*}" ] && ok || bad "the disclose row is not after the head"
run 0 verify "$D"; out_has "Audit head when exported: $head"; out_has "dorn audit --verify --anchor $head"
run 0 $S audit --verify --anchor "$head"; out_has "1 anchor held"
forged="${head%%:*}:$(printf '%064d' 0)"
run 65 $S audit --verify --anchor "$forged"
[ "$(count "SELECT count(*) FROM audit WHERE action = 'disclose' AND recipient = 'CPS Northmoor' AND reason = 'sentencing file'")" = 1 ] && ok || bad "the export is not a disclosure in the audit log"

# The disclose row's detail names the folder and every file with the
# SHA-256 of what is on disk.
name=export-detail
count "SELECT detail FROM audit WHERE action = 'disclose' ORDER BY seq DESC LIMIT 1" >"$T/detail"
grep -q "^written for this export into $D: " "$T/detail" && ok || bad "the detail does not name the folder: $(cat "$T/detail")"
for f in "$D"/*; do
	grep -qF "$(basename "$f") sha256:$(sha256sum "$f" | cut -c1-64)" "$T/detail" && ok || bad "the detail lacks $(basename "$f") with its SHA-256"
done
[ "$(grep -o 'sha256:' "$T/detail" | wc -l)" = 5 ] && ok || bad "the detail should list 5 files: $(cat "$T/detail")"

# The PDF: tagged, in British English, fonts embedded as subsets, read by
# poppler without a warning; and the same version exported again, by
# another dorn, is the same bytes (or the case folder would refuse it).
name=export-pdf
P="$D/62LM440192326-deprivation-note-v1.pdf"
{ pdfinfo "$P" && pdffonts "$P"; } >"$T/out" 2>"$T/err" && ok || bad "pdfinfo or pdffonts failed"
err_empty
out_has "^Tagged: *yes"
out_has "^Page size: *595.276 x 841.89 pts (A4)"
out_has "+DejaVuSans-Bold .* yes yes yes"
grep -q "Zoë\|Dziedzic\|Supervisor" "$T/out" && bad "the PDF's metadata names a person" || ok
pdftotext "$P" /dev/null 2>"$T/err" && err_empty
grep -aq "/Lang (en-GB)" "$P" && ok || bad "the PDF has no /Lang"
run 0 $S export 62/LM/4401923/26 --out "$H/again" --format pdf
cmp -s "$P" "$H/again/62LM440192326/62LM440192326-deprivation-note-v1.pdf" && ok || bad "the same version gave another PDF"

# the same export again leaves identical files alone; a changed file is
# never overwritten
name=export-again
run 0 $S export 62/LM/4401923/26 --out "$OUT"; out_has "Unchanged"
# the version's files, its audit head among them, stay as first written
out_has "Unchanged $HF"
[ "$(cat "$HF")" = "$head" ] && ok || bad "the .audit-head file changed"
"$TOOLS/jsoncheck" audit_head <"$J" >"$T/j" && [ "$(cat "$T/j")" = "$head" ] && ok || bad "the JSON's audit_head changed"
# a folder exported before dorn kept the head: its JSON (the same but for
# audit_head) is left alone, and the version gets its .audit-head now
name=export-upgrade
grep -v '"audit_head"' "$J" >"$T/old.json" && cat "$T/old.json" >"$J"
rm "$HF"
(cd "$D" && sha256sum 62LM440192326-deprivation-note-v1.json 62LM440192326-deprivation-note-v1.pdf 62LM440192326-deprivation-note-v1.txt >SHA256SUMS)
run 0 verify "$D"; out_has "No audit head"
run 0 $S export 62/LM/4401923/26 --out "$OUT"
out_has "Unchanged $D/62LM440192326-deprivation-note-v1.json"; out_has "Wrote $HF"
cmp -s "$T/old.json" "$J" && ok || bad "the older JSON was changed"
run 0 verify "$D"; out_has "All 4 files"; out_has "Audit head when exported: $(cat "$HF")"
printf 'x' >>"$D/62LM440192326-deprivation-note-v1.txt"
run 65 verify "$D"; out_has "62LM440192326-deprivation-note-v1.txt: changed"; err_has "do not match"; err_has "take them again"
run 73 $S export 62/LM/4401923/26 --out "$OUT"; err_has "never overwritten"
rm "$D/62LM440192326-deprivation-note-v1.json"
run 65 verify "$D/SHA256SUMS"; out_has "62LM440192326-deprivation-note-v1.json: missing"
run 66 verify "$H"; err_has "SHA256SUMS"

# an unwritable folder: 73 and nothing half-written
name=export-unwritable
printf 'a file, not a folder' >"$H/notafolder"
run 73 $S export 05/TR/50231/26 --out "$H/notafolder/sub"; err_has "cannot"
[ ! -e "$H/notafolder/sub" ] && ok || bad "something was written"

# --approved exports every approved note; --draft marks a draft
name=export-all
run 0 $S export --approved --out "$H/all" --format txt,pdf
[ -f "$H/all/05TR5023126/05TR5023126-deprivation-note-v1.pdf" ] && ok || bad "--approved missed a case"
[ -f "$H/all/62LM440192326/62LM440192326-deprivation-note-v1.txt" ] && ok || bad "--approved missed a case"
pdftotext -q -layout "$H/all/05TR5023126/05TR5023126-deprivation-note-v1.pdf" "$T/v.txt"
for i in 1 2 3 4 5; do
	grep -q "Item $i:" "$T/v.txt" && ok || bad "the PDF lacks item $i"
done
[ ! -e "$H/all/14WC2041726" ] && ok || bad "--approved exported a case with no approved note"
[ ! -e "$H/all/05TR5023126/05TR5023126-deprivation-note-v1.json" ] && ok || bad "--format was not honoured"
run 0 $O export 14/WC/20417/26 --draft --out "$H/drafts"
f="$H/drafts/14WC2041726/14WC2041726-deprivation-note-v1-DRAFT.pdf"
[ -f "$f" ] && ok || bad "no draft file named -DRAFT"
pages=$(pdfinfo "$f" | sed -n 's/^Pages: *//p')
n=$(pdftotext -q "$f" - | grep -c "DRAFT - NOT APPROVED")
[ "$n" -ge "$pages" ] && ok || bad "DRAFT - NOT APPROVED is not on every page ($n marks, $pages pages)"
head -1 "$H/drafts/14WC2041726/14WC2041726-deprivation-note-v1-DRAFT.txt" | grep -q "DRAFT - NOT APPROVED" && ok || bad "txt draft mark"

# a missing font names the key to set, and nothing is written or recorded:
# not the text file before the PDF, not the case folder, not a disclosure
name=export-font
printf '[export]\npdf_font = /nonexistent/font.ttf\n' >"$H/font.ini"
disclosed=$(count "SELECT count(*) FROM audit WHERE action = 'disclose'")
run 78 --config "$H/font.ini" $S export 05/TR/50231/26 --out "$H/f"; err_has "pdf_font"
[ ! -e "$H/f" ] && ok || bad "a failed export left $(find "$H/f" | head -3)"
mkdir "$H/f2"
run 78 --config "$H/font.ini" $S export 05/TR/50231/26 --out "$H/f2"; err_has "pdf_font"
[ -z "$(ls -A "$H/f2")" ] && ok || bad "a failed export left $(find "$H/f2" | head -3)"
[ "$(count "SELECT count(*) FROM audit WHERE action = 'disclose'")" = "$disclosed" ] && ok || bad "a failed export was recorded as a disclosure"

# A symbolic link in the export folder is never written through: a case
# folder, a file, or the export folder itself; 73 and nothing written.
name=export-symlink
mkdir -p "$H/sl/out" "$H/elsewhere"
ln -s "$H/elsewhere" "$H/sl/out/05TR5023126"
run 73 $S export 05/TR/50231/26 --out "$H/sl/out"; err_has "05TR5023126 is a symbolic link"; err_has "remove the link"
[ -z "$(ls -A "$H/elsewhere")" ] && ok || bad "the export wrote through a symbolic link"
[ "$(ls -A "$H/sl/out")" = 05TR5023126 ] && ok || bad "a refused export left files: $(ls -A "$H/sl/out")"
rm "$H/sl/out/05TR5023126"
mkdir "$H/sl/out/05TR5023126"
ln -s "$H/elsewhere/x" "$H/sl/out/05TR5023126/05TR5023126-deprivation-note-v1.pdf"
run 73 $S export 05/TR/50231/26 --out "$H/sl/out"; err_has "v1.pdf is a symbolic link"
[ -z "$(ls -A "$H/elsewhere")" ] && ok || bad "the export wrote through a symbolic link"
[ "$(ls -A "$H/sl/out/05TR5023126")" = 05TR5023126-deprivation-note-v1.pdf ] && ok || bad "a refused export left files: $(ls -A "$H/sl/out/05TR5023126")"
ln -s "$H/elsewhere" "$H/sl/linked"
run 73 $S export 05/TR/50231/26 --out "$H/sl/linked"; err_has "linked is a symbolic link"; err_has "realpath"
run 73 $S export 05/TR/50231/26 --out "$H/sl/linked/sub"; err_has "linked is a symbolic link"
[ -z "$(ls -A "$H/elsewhere")" ] && ok || bad "the export wrote through a symbolic link"
[ "$(count "SELECT count(*) FROM audit WHERE action = 'disclose'")" = "$disclosed" ] && ok || bad "a refused export was recorded as a disclosure"

# dorn verify names a file that SHA256SUMS does not list, and a temporary
# file left by an export that was killed; the next export removes that
# (its process is gone) but not one whose process still runs.
name=export-strays
run 0 $S export 05/TR/50231/26 --out "$H/st" --format txt
V="$H/st/05TR5023126"
printf 'x' >"$V/notes-by-hand.txt"
run 65 verify "$V"; out_has "notes-by-hand.txt: not listed in SHA256SUMS"; err_has "1 file in $V is not listed"
rm "$V/notes-by-hand.txt"
printf 'half' >"$V/.dorn-tmp-99999999-0123456789abcdef-05TR5023126-deprivation-note-v1.txt"
printf 'busy' >"$V/.dorn-tmp-$$-0123456789abcdef-05TR5023126-deprivation-note-v1.txt"
run 65 verify "$V"; out_has ".dorn-tmp-99999999-0123456789abcdef-05TR5023126-deprivation-note-v1.txt: not listed in SHA256SUMS (a temporary file"
run 0 $S export 05/TR/50231/26 --out "$H/st" --format txt
out_has "Removed $V/.dorn-tmp-99999999-0123456789abcdef-05TR5023126-deprivation-note-v1.txt"
[ ! -e "$V/.dorn-tmp-99999999-0123456789abcdef-05TR5023126-deprivation-note-v1.txt" ] && ok || bad "a stale temporary file was left"
[ -e "$V/.dorn-tmp-$$-0123456789abcdef-05TR5023126-deprivation-note-v1.txt" ] && ok || bad "a running export's temporary file was removed"
rm "$V/.dorn-tmp-$$-0123456789abcdef-05TR5023126-deprivation-note-v1.txt"
run 0 verify "$V"; out_has "nothing else is there"
unset DORN_TODAY
