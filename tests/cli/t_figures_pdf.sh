# dorn figures --format pdf --out FILE: one A4 page for a unit meeting,
# tagged, in en-GB, poppler silent on it; the funnel's numbers of a set
# with known answers read back with pdftotext beside the "3 of 98"
# baseline; small counts "fewer than 5" (exact with [figures]
# suppress_below = 0); nothing of the imported cases' people or URNs; the
# same bytes twice; written 0600; --out missing is 64, a link or a folder
# at FILE 73, a missing font 78 with nothing written.
#
# The set: the 98 cases of the 2025 review planted as figure rows with no
# case (what an erased case leaves), one device each, 3 with an order; and
# the worked examples, imported this year.

EX=$(pwd)/data/examples
fresh figures-pdf
init
"$DORN" --db "$DB" staff add ofc --name "Olu Officer" --role officer >/dev/null
"$DORN" --db "$DB" --as ofc import "$EX"/*.ini >/dev/null || bad "cannot import the examples"
count "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 97)
 INSERT INTO figure (case_id, officer, offences, concern, approved, hearing, outcome, items,
 sought, made, not_sought, erased)
 SELECT NULL, CASE WHEN i % 2 THEN 'amy' ELSE 'ofc' END, 'soa66b2',
 printf('2025-%02d-15', i % 12 + 1), printf('2025-%02d-20', i % 12 + 1),
 printf('2025-%02d-28', i % 12 + 1), '2025-12-20', 1, i < 3, i < 3, i >= 3, 1 FROM n" >/dev/null ||
	bad "cannot plant the figure rows"
printf '[unit]\nname = Northmoor Witness Care Unit\n' >"$H/unit.ini"
printf '[unit]\nname = Northmoor Witness Care Unit\n[figures]\nsuppress_below = 0\n' >"$H/exact.ini"
U="--config $H/unit.ini --db $DB"

# poppler FILE: pdfinfo, pdftotext (-layout, into $T/text) and pdffonts,
# each silent on stderr
poppler() {
	pdfinfo "$1" >"$T/info" 2>"$T/pop.err" &&
		pdftotext -layout "$1" "$T/text" 2>>"$T/pop.err" &&
		pdffonts "$1" >"$T/fonts" 2>>"$T/pop.err"
	[ $? = 0 ] && [ ! -s "$T/pop.err" ] && ok ||
		bad "poppler failed or warned on $(basename "$1"): $(head -c 300 "$T/pop.err")"
}
text_has() { if grep -q -E -- "$1" "$T/text"; then ok; else bad "the PDF's text lacks '$1'"; fi; }
text_lacks() { if grep -q -F -- "$1" "$T/text"; then bad "the PDF's text has '$1'"; else ok; fi; }

name=figures-pdf
run 0 $U figures --to 2025-12-31 --format pdf --out "$H/unit.pdf"
err_empty
[ ! -s "$T/out" ] && ok || bad "--out wrote to standard output too"
mode_is "$H/unit.pdf" 600
head -c 5 "$H/unit.pdf" | grep -q '^%PDF-' && ok || bad "not a PDF"
poppler "$H/unit.pdf"
grep -q "^Pages: *1$" "$T/info" && ok || bad "not one page: $(grep Pages "$T/info")"
grep -q "^Page size: *841.89 x 595.27[0-9]* pts (A4)" "$T/info" && ok || bad "not A4 landscape"
grep -q "^Tagged: *yes" "$T/info" && ok || bad "not tagged"
grep -a -q "/Lang (en-GB)" "$H/unit.pdf" && ok || bad "no /Lang (en-GB)"
grep -q "^Title: *Deprivation orders: the unit's figures$" "$T/info" && ok || bad "title"
grep -q "^Author: *Northmoor Witness Care Unit$" "$T/info" && ok || bad "the unit is not the author"
grep -q "^Subject: *Cases recorded up to 31 December 2025$" "$T/info" && ok || bad "the range is not the subject"
grep -E -q "^[A-Z]{6}\+DejaVuSans +.* yes +yes +yes" "$T/fonts" && ok || bad "the regular face is not an embedded subset"
grep -E -q "^[A-Z]{6}\+DejaVuSans-Bold +.* yes +yes +yes" "$T/fonts" && ok || bad "the bold face is not an embedded subset"
size=$(stat -c %s "$H/unit.pdf")
[ "$size" -lt 102400 ] && ok || bad "the page is $size bytes, not under 100 KB"
# the title, the unit, the range, the day the figures were made
text_has "Deprivation orders: the unit's figures +Northmoor Witness Care Unit"
text_has "Cases recorded up to 31 December 2025"
text_has "Made on [0-9]+ [A-Z][a-z]+ 20[0-9][0-9]"
# the funnel: cases, share of concerns, items
text_has "Concerns recorded +98 +100% +98$"
text_has "Notes approved +98 +100%$"
text_has "Notes exported +0 +0%$"
text_has "Outcome recorded +98 +100%$"
text_has "Order asked for +fewer than 5 +suppressed +fewer than 5$"
text_has "Order made +fewer than 5 +suppressed +fewer than 5$"
text_has "Order refused +0 +0% +0$"
text_has "Not asked for: 95\. Still held by the police: 0\."
# the unit's rate beside the baseline, with the baseline's source
text_has "This unit +fewer than 5 of 98 +suppressed"
text_has "2025 review +3 of 98 +3%"
text_has "A 2025 newspaper review of 98"
# the medians and the hearings missed
text_has "5 days +median of 98 notes"
text_has "8 days +median of 98 notes"
text_has "0% +0 of 98 hearings passed"
text_has "Counts from 1 to 4 are shown as \"fewer than 5\""
# nothing of the imported cases: no URN, reference or name, in the text
# or the metadata; no login without --by officer
for f in "$EX"/*.ini; do
	for key in urn defendant reference name; do
		sed -n "s/^$key = //p" "$f" | while IFS= read -r v; do
			[ -n "$v" ] || continue
			if grep -q -F -- "$v" "$T/text" "$T/info"; then
				echo "FAIL: $name: the PDF holds $key '$v' of $(basename "$f")"
			fi
		done
	done
done >"$T/people"
[ ! -s "$T/people" ] && ok || { fail=$((fail + 1)); cat "$T/people"; }
urn_compact=$(sed -n 's/^urn = //p' "$EX/sharing.ini" | tr -d /)
grep -q -F "$urn_compact" "$T/text" && bad "a compact URN in the PDF" || ok
grep -q -w -e amy -e ofc "$T/text" && bad "a login without --by officer" || ok

# the same figures, the same bytes
run 0 $U figures --to 2025-12-31 --format pdf --out "$H/again.pdf"
cmp -s "$H/unit.pdf" "$H/again.pdf" && ok || bad "the same figures gave other bytes"
# written whole over an older file, never through a temporary left behind
run 0 $U figures --to 2025-12-31 --format pdf --out "$H/unit.pdf"
cmp -s "$H/unit.pdf" "$H/again.pdf" && ok || bad "rewriting the file changed it"
ls -a "$H" | grep -q dorn-tmp && bad "a temporary file was left" || ok

# [figures] suppress_below = 0: every count as it is
name=figures-pdf-exact
run 0 --config "$H/exact.ini" --db "$DB" figures --to 2025-12-31 --format pdf --out "$H/exact.pdf"
poppler "$H/exact.pdf"
text_has "Order asked for +3 +3% +3$"
text_has "Order made +3 +3% +3$"
text_has "This unit +3 of 98 +3%"
text_lacks "fewer than"
text_has "Every count is exact"
cmp -s "$H/unit.pdf" "$H/exact.pdf" && bad "suppression made no difference" || ok

# --by month: a line a month, the whole range below them, on the one page
name=figures-pdf-by
run 0 $U figures --from 2025-01-01 --to 2025-12-31 --by month --format pdf --out "$H/month.pdf"
poppler "$H/month.pdf"
grep -q "^Pages: *1$" "$T/info" && ok || bad "--by month is not one page"
text_has "^By month"
for m in Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec; do
	grep -q -E "^ *$m 2025 " "$T/text" && ok || bad "no line for $m 2025"
done
text_has "Jan 2025 +9 +9 +0 +9 +fewer than 5 +fewer than 5 +0 +suppressed"
text_has "Apr 2025 +8 +8 +0 +8 +0 +0 +0 +0%"
text_has "All cases +98 +98 +0 +98 +fewer than 5 +fewer than 5 +0 +suppressed"
text_lacks "not shown"
# more months than fit: the most recent, and how many more there are
count "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 35)
 INSERT INTO figure (case_id, officer, offences, concern, items, erased)
 SELECT NULL, 'ofc', 'soa66b2', date('2020-01-10', printf('+%d months', i)), 1, 1 FROM n" >/dev/null
run 0 $U figures --to 2025-12-31 --by month --format pdf --out "$H/months.pdf"
poppler "$H/months.pdf"
grep -q "^Pages: *1$" "$T/info" && ok || bad "72 months are not one page"
text_has "Dec 2025 +8 "
text_lacks "Jan 2020"
text_has "The [0-9]+ earlier months are not shown"
# officers only --by officer, which only a supervisor may ask for
run 0 $U figures --to 2025-12-31 --by officer --format pdf --out "$H/officer.pdf"
poppler "$H/officer.pdf"
text_has "^ *amy +49 "
run 77 --db "$DB" --as ofc figures --by officer --format pdf --out "$H/no.pdf"
[ ! -e "$H/no.pdf" ] && ok || bad "a refused PDF was written"

# what cannot be written
name=figures-pdf-usage
run 64 --db "$DB" figures --format pdf
err_has "dorn: --format pdf needs --out FILE"
err_has "usage: dorn figures .*--out FILE"
run 64 --db "$DB" figures --format pdf --out ""
err_has "--out needs the path of a file"
ln -s "$H/target.pdf" "$H/link.pdf"
run 73 --db "$DB" figures --format pdf --out "$H/link.pdf"
err_has "is a symbolic link, not a file"
[ ! -e "$H/target.pdf" ] && ok || bad "the PDF was written through a symbolic link"
mkdir "$H/folder.pdf"
run 73 --db "$DB" figures --format pdf --out "$H/folder.pdf"
err_has "is a folder or device, not a file"
run 73 --db "$DB" figures --format pdf --out "$H/no/such/folder/f.pdf"
err_has "check that the folder exists"
printf '[export]\npdf_font = No Such Sans\n' >"$H/nofont.ini"
run 78 --config "$H/nofont.ini" --db "$DB" figures --format pdf --out "$H/nofont.pdf"
err_has "\[export\] pdf_font"
err_has "No Such Sans"
[ ! -e "$H/nofont.pdf" ] && ok || bad "a PDF without its font was written"
ls -a "$H" | grep -q dorn-tmp && bad "a temporary file was left" || ok

# --out takes the other formats too: the same bytes as standard output
name=figures-out
run 0 --db "$DB" figures --to 2025-12-31 --format csv
cp "$T/out" "$H/stdout.csv"
run 0 --db "$DB" figures --to 2025-12-31 --format csv --out "$H/out.csv"
cmp -s "$H/stdout.csv" "$H/out.csv" && ok || bad "--out csv differs from standard output"
mode_is "$H/out.csv" 600
