# The PDF a court file keeps (issue 13): for every example case, the words
# pdftotext reads out of the PDF are the text export's words, with poppler
# silent on stderr; A4, tagged, in en-GB, "URN - Page x of y" on each of
# the pages pdfinfo counts; the regular and bold faces embedded as subsets;
# small. A 30-item schedule runs over pages with its heading row on each;
# a right-to-left name reads out in logical order; a font that is not there
# is exit 78 with nothing written.

EX=$(pwd)/data/examples
export DORN_TODAY=2026-11-28
fresh pdf
init
"$DORN" --db "$DB" staff add ofc --name "Olu Officer" --role officer >/dev/null
P="--db $DB --as ofc"

# words FILE: one word per line, as a reader would copy them out
words() { tr -s ' \t\n\f' '\n\n\n\n' <"$1" | sed '/^$/d'; }

# The text export's words, less what is text-only by design: the DRAFT
# line and the footer (the PDF has them on every page), and the labels of
# the schedule's cells (the PDF's column headings stand for them).
text_words() {
	sed -e '1{/^DRAFT - NOT APPROVED$/d}' -e '$d' "$1" |
		sed '/^SCHEDULE OF PROPERTY$/,/^ITEMS THAT CANNOT BE INCLUDED$/{
			s/^\([0-9][0-9]*\.\) Exhibit /\1 /
			s/^   - Description: /   /
			s/^   - Seized from: /   /
			s/^   - s\.153 basis: /   /
		}' >"$T/tw.txt"
	words "$T/tw.txt"
}

# The PDF's words in the order they were set, less the page furniture:
# the title and "URN - Page x of y", the footer, the DRAFT banner, and the
# table's heading row (repeated on each page it spans).
HEADING="No. Exhibit Description Seized from Basis"
pdf_words() { # PDF FOOTER
	pdftotext -raw "$1" "$T/pw.raw" 2>"$T/pw.err"
	[ -s "$T/pw.err" ] && bad "pdftotext warned on $(basename "$1"): $(head -c 300 "$T/pw.err")"
	grep -v -x -e ".* - Page [0-9][0-9]* of [0-9][0-9]*" -e "$2" -e "DRAFT - NOT APPROVED" \
		"$T/pw.raw" >"$T/pw.txt"
	words "$T/pw.txt" | awk -v h="$HEADING" '
		BEGIN { n = split(h, hw, " ") }
		{ w[NR] = $0 }
		END {
			for (i = 1; i <= NR; i++) {
				m = 1
				for (k = 1; k <= n && m; k++) m = w[i + k - 1] == hw[k]
				if (m) { i += n - 1; continue }
				print w[i]
			}
		}'
}
# heading_on FILE: the table's heading row is on that page's text
heading_on() { tr '\n' ' ' <"$1" | grep -q -F "$HEADING"; }

for f in "$EX"/*.ini; do
	ex=$(basename "$f" .ini)
	[ "$ex" = noconsent ] && continue
	name=pdf-$ex
	urn=$(sed -n 's/^urn = //p' "$f")
	"$DORN" $P import "$f" >/dev/null 2>&1 || bad "import $ex failed"
	run 0 $P export "$urn" --draft --out "$H/out" --format txt,pdf
	file=$(echo "$urn" | tr -d /)
	pdf="$H/out/$file/$file-deprivation-note-v1-DRAFT.pdf"
	txt="$H/out/$file/$file-deprivation-note-v1-DRAFT.txt"
	[ -f "$pdf" ] && [ -f "$txt" ] && ok || { bad "no PDF or text for $ex"; continue; }
	foot=$(tail -n 1 "$txt")
	text_words "$txt" >"$T/a"
	pdf_words "$pdf" "$foot" >"$T/b"
	if cmp -s "$T/a" "$T/b"; then ok; else
		bad "the PDF's words differ from the text's (< text, > PDF)"
		diff "$T/a" "$T/b" | head -20
	fi
	pdfinfo "$pdf" >"$T/info" 2>"$T/info.err"
	[ ! -s "$T/info.err" ] && ok || bad "pdfinfo warned: $(head -c 300 "$T/info.err")"
	grep -q "^Tagged: *yes" "$T/info" && ok || bad "$ex: not tagged"
	grep -q "^Page size: *595.27[0-9]* x 841.8[0-9]* pts (A4)" "$T/info" && ok || bad "$ex: not A4"
	grep -q "^Title: .*$urn" "$T/info" && ok || bad "$ex: the title lacks the URN"
	pages=$(sed -n 's/^Pages: *//p' "$T/info")
	n=$(grep -c -e "$urn - Page [0-9]* of $pages\$" "$T/pw.raw")
	[ "$n" = "$pages" ] && ok || bad "$ex: $pages pages but $n say '$urn - Page x of $pages'"
	grep -c -x -F "$foot" "$T/pw.raw" | grep -qx "$pages" && ok || bad "$ex: the footer is not on every page"
	grep -a -q "/Lang (en-GB)" "$pdf" && ok || bad "$ex: no /Lang (en-GB)"
	# no personal data in the metadata: not the defendant, nor the victim
	def=$(sed -n 's/^defendant = //p' "$f")
	grep -q -F "$def" "$T/info" && bad "$ex: the metadata names the defendant" || ok
	pdffonts "$pdf" >"$T/fonts" 2>&1
	grep -E -q "^[A-Z]{6}\+DejaVuSans +.* yes +yes +yes" "$T/fonts" && ok || bad "$ex: the regular face is not an embedded subset: $(cat "$T/fonts")"
	grep -E -q "^[A-Z]{6}\+DejaVuSans-Bold +.* yes +yes +yes" "$T/fonts" && ok || bad "$ex: the bold face is not an embedded subset"
	size=$(stat -c %s "$pdf")
	[ "$pages" -gt 3 ] || [ "$size" -lt 61440 ] && ok || bad "$ex: $pages pages in $size bytes, not under 60 KB"
	# The same version, exported again, is the same file: left alone.
	run 0 $P export "$urn" --draft --out "$H/out" --format pdf
	out_has "Unchanged .*\.pdf"
done

# A long schedule: 30 items seized from the defendant, all in the table,
# the heading row at the top of the table on every page it runs onto.
name=pdf-long
{
	sed -e 's#^urn = .*#urn = 62/LM/4409999/26#' -e '/^\[item 1\]/,$d' "$EX/names.ini"
	i=1
	while [ $i -le 30 ]; do
		printf '[item %d]\nkind = phone\ndescription = Phone number %d of the defendant\n' $i $i
		printf 'owner = defendant\nseized = yes\nexhibit_ref = LM/%d\nhow_used = stored\n' $i
		printf 'examined = yes\nseized_from = defendant\nheld_by = police\n\n'
		i=$((i + 1))
	done
} >"$H/long.ini"
run 0 $P import "$H/long.ini"
run 0 $P export 62/LM/4409999/26 --draft --out "$H/out" --format pdf
pdf="$H/out/62LM440999926/62LM440999926-deprivation-note-v1-DRAFT.pdf"
pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
[ "${pages:-0}" -ge 4 ] && ok || bad "30 items in only ${pages:-no} pages"
first=0
p=1
while [ "$p" -le "${pages:-0}" ]; do
	pdftotext -raw -f $p -l $p "$pdf" "$T/page" 2>/dev/null
	if grep -q "(item [0-9]* of the note)" "$T/page"; then
		[ $first = 0 ] && first=$p
		heading_on "$T/page" && ok ||
			bad "page $p has rows of the schedule but not its heading row"
	fi
	p=$((p + 1))
done
rows=$(pdftotext -raw "$pdf" - 2>/dev/null | grep -c "(item [0-9]* of the note)")
[ "$rows" = 30 ] && ok || bad "$rows of 30 rows in the PDF's schedule"
heads=$(pdftotext -raw "$pdf" - 2>/dev/null | tr '\n' ' ' | grep -o -F "$HEADING" | wc -l)
[ "$heads" -ge 2 ] && ok || bad "the heading row is not repeated ($heads)"

# A name written right to left, a Welsh court and an Irish surname: shaped
# by pango, read out in logical order (poppler marks a right-to-left run
# with U+202B ... U+202C, which is not part of the name).
name=pdf-scripts
sed -e 's#^urn = .*#urn = 62/LM/4408888/26#' \
    -e 's#^defendant = .*#defendant = يوسف الحداد#' \
    -e "s#^court = .*#court = Llys Ynadon Caerdydd#" \
    -e 's#^name = .*#name = Siobhán Ní Shúilleabháin#' "$EX/names.ini" >"$H/scripts.ini"
run 0 $P import "$H/scripts.ini"
run 0 $P export 62/LM/4408888/26 --draft --out "$H/out" --format pdf
pdf="$H/out/62LM440888826/62LM440888826-deprivation-note-v1-DRAFT.pdf"
pdftotext "$pdf" "$T/s.txt" 2>"$T/s.err"
[ ! -s "$T/s.err" ] && ok || bad "pdftotext warned: $(head -c 300 "$T/s.err")"
LC_ALL=C sed 's/\xe2\x80[\xaa-\xae]//g; s/\xe2\x81[\xa6-\xa9]//g' "$T/s.txt" >"$T/s.clean"
grep -q "R v يوسف الحداد$" "$T/s.clean" && ok || bad "the Arabic-script name does not read out in logical order: $(grep "^R v" "$T/s.clean")"
grep -q "Llys Ynadon Caerdydd" "$T/s.clean" && ok || bad "the Welsh court name is not in the PDF"
grep -q "Siobhán Ní Shúilleabháin" "$T/s.clean" && ok || bad "the Irish name is not in the PDF"

# A font that is not there: exit 78, [export] pdf_font named, nothing
# written, neither a family nor a file.
name=pdf-font
printf '[export]\npdf_font = No Such Sans\n' >"$H/fam.ini"
run 78 --config "$H/fam.ini" $P export 62/LM/4401923/26 --draft --out "$H/nofont"
err_has "pdf_font"
err_has "No Such Sans"
[ ! -e "$H/nofont" ] || [ -z "$(find "$H/nofont" -type f)" ] && ok || bad "a refused export left files"
printf '[export]\npdf_font = %s/nofont/DejaVuSans.ttf\n' "$H" >"$H/file.ini"
run 78 --config "$H/file.ini" $P export 62/LM/4401923/26 --draft --out "$H/nofont2"
err_has "pdf_font"
[ ! -e "$H/nofont2" ] || [ -z "$(find "$H/nofont2" -type f)" ] && ok || bad "a refused export left files"
# the font named as a file works like the family
printf '[export]\npdf_font = /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf\n' >"$H/ttf.ini"
run 0 --config "$H/ttf.ini" $P export 62/LM/4401923/26 --draft --out "$H/byfile" --format pdf
pdffonts "$H/byfile/62LM440192326/62LM440192326-deprivation-note-v1-DRAFT.pdf" 2>&1 |
	grep -E -q "^[A-Z]{6}\+DejaVuSans " && ok || bad "the font file was not embedded"

# A version written before notes kept their model is typeset from its text.
name=pdf-legacy
"$TOOLS/sqlexec" "$DB" "UPDATE note SET model = NULL WHERE case_id = (SELECT id FROM \"case\" WHERE urn = '62LM440192326')" >/dev/null
run 0 $P export 62/LM/4401923/26 --draft --out "$H/legacy" --format txt,pdf
pdf="$H/legacy/62LM440192326/62LM440192326-deprivation-note-v1-DRAFT.pdf"
pdftotext -raw "$pdf" "$T/l.txt" 2>"$T/l.err"
[ ! -s "$T/l.err" ] && ok || bad "pdftotext warned on a legacy version"
grep -q "^1\. Exhibit ŁW/1$" "$T/l.txt" && ok || bad "the legacy version is not set from its text"
pdfinfo "$pdf" 2>/dev/null | grep -q "^Tagged: *yes" && ok || bad "the legacy version is not tagged"

# The engine is a plug-in (dorn-pdf.so): dorn itself does not link cairo,
# pango or glib, so no other command loads them. Without the plug-in a PDF
# export stops with what to do (exit 78), nothing written; text and JSON
# exports do not need it.
name=pdf-plugin
ldd "$DORN" | grep -q -e cairo -e pango -e glib && bad "dorn links the PDF libraries itself" || ok
DORN_PDFLIB="$H/none/dorn-pdf.so" run 78 $P export 62/LM/4401923/26 --draft --out "$H/noplugin"
err_has "cannot load the PDF engine"
err_has "DORN_PDFLIB"
[ ! -e "$H/noplugin" ] || [ -z "$(find "$H/noplugin" -type f)" ] && ok || bad "a refused export left files"
DORN_PDFLIB="$H/none/dorn-pdf.so" run 0 $P export 62/LM/4401923/26 --draft --out "$H/noplugin" --format txt,json
# a shared library that is not the engine is refused, named
libm=$(ldd "$DORN" | sed -n 's/.*libm\.so\.6 => \([^ ]*\).*/\1/p')
DORN_PDFLIB="$libm" run 78 $P export 62/LM/4401923/26 --draft --out "$H/foreign" --format pdf
err_has "is not the PDF engine of this dorn"
