# What stays in the unit never leaves it: a victim's safe contact, needs and
# how they want to hear the outcome are in `dorn show` for the unit, and in
# no note (`dorn note`, text and JSON) and no export (txt, the PDF read back
# with pdftotext, JSON), draft or approved. Checked with the values of every
# worked example that has consent, and with a case whose three values are
# unmistakable markers. A value that wraps across lines, or whose spaces a
# PDF spreads out, is still found: every output is compared with its
# whitespace squeezed to single spaces.

EX=$(pwd)/data/examples
export DORN_TODAY=2026-11-28
fresh private
init
"$DORN" --db "$DB" staff add pofc --name "Pat Officer" --role officer >/dev/null
"$DORN" --db "$DB" staff add psup --name "Pam Supervisor" --role supervisor >/dev/null
O="--db $DB --as pofc"
S="--db $DB --as psup"

# value FILE KEY: a [victim] key's value as dorn reads it (quotes off), the
# first line of a lines value (its \n is a break in the outputs)
value() {
	sed -n "s/^$2 *= *//p" "$1" | sed 's/^"\(.*\)"$/\1/; s/^'"'"'\(.*\)'"'"'$/\1/; s/\\n.*//'
}
# squeeze FILE: whitespace runs as one space, on one line
squeeze() { tr -s ' \t\r\n\f' '     ' <"$1"; }
# absent WHAT FILE VALUE...: none of the values is in FILE
absent() {
	what=$1
	f=$2
	shift 2
	squeeze "$f" >"$T/sq"
	for v in "$@"; do
		[ -n "$v" ] || continue
		if grep -qF -- "$v" "$T/sq"; then bad "$what holds the unit-only '$v'"; else ok; fi
	done
}

# A case whose three unit-only values cannot be mistaken for anything else.
sed -e 's/^safe_contact = .*/safe_contact = "ZQX-SAFE-CONTACT 01632 960999 only"/' \
    -e 's/^needs = .*/needs = "ZQX-NEEDS wheelchair access\\nZQX-NEEDS-2 an interpreter"/' \
    -e 's/^outcome_contact = .*/outcome_contact = "ZQX-OUTCOME by letter"/' \
    -e 's/^urn = .*/urn = 09\/ZQ\/77701\/26/' "$EX/sharing.ini" >"$H/marked.ini"
grep -q "ZQX-SAFE" "$H/marked.ini" && grep -q "ZQX-NEEDS" "$H/marked.ini" &&
	grep -q "ZQX-OUTCOME" "$H/marked.ini" && ok || bad "the marked case file was not made"

name=private-import
files="$H/marked.ini"
for f in "$EX"/*.ini; do
	[ "$(value "$f" consent_to_share)" = yes ] && files="$files $f"
done
run 0 $O import $files

for f in $files; do
	ex=$(basename "$f" .ini)
	name="private-$ex"
	urn=$(sed -n 's/^urn *= *//p' "$f")
	id=$(printf '%s' "$urn" | tr -d '/ -' | tr a-z A-Z)
	safe=$(value "$f" safe_contact)
	needs=$(value "$f" needs)
	outcome=$(value "$f" outcome_contact)
	if [ -n "$safe" ] && [ -n "$needs" ] && [ -n "$outcome" ]; then ok; else bad "$ex lacks a unit-only value to look for"; fi

	# the unit sees them
	run 0 $O show "$urn"
	squeeze "$T/out" >"$T/sq"
	for v in "$safe" "$needs" "$outcome"; do
		grep -qF -- "$v" "$T/sq" && ok || bad "dorn show lacks '$v'"
	done

	# the note, text and JSON
	run 0 $O note "$urn"
	cp "$T/out" "$T/note.txt"
	absent "the note" "$T/note.txt" "$safe" "$needs" "$outcome"
	run 0 $O note "$urn" --format json
	cp "$T/out" "$T/note.json"
	absent "the note JSON" "$T/note.json" "$safe" "$needs" "$outcome"
	for k in safe_contact needs outcome_contact; do
		grep -q "\"$k\"" "$T/note.json" && bad "the note JSON holds the key $k" || ok
	done

	# a draft export in every format
	run 0 $O export "$urn" --draft --out "$H/out-$ex" --format txt,pdf,json
	d="$H/out-$ex/$id"
	n=0
	for x in "$d"/*; do
		case $x in
		*.pdf)
			pdftotext -q -layout "$x" "$T/pdf.txt" && ok || bad "pdftotext failed on $x"
			[ -s "$T/pdf.txt" ] && ok || bad "$x reads back empty"
			absent "the PDF $(basename "$x")" "$T/pdf.txt" "$safe" "$needs" "$outcome"
			n=$((n + 1)) ;;
		*.txt | *.json)
			absent "$(basename "$x")" "$x" "$safe" "$needs" "$outcome"
			n=$((n + 1)) ;;
		esac
	done
	[ "$n" -eq 3 ] && ok || bad "the draft export of $ex wrote $n of 3 files"
done

# the marked case approved and exported for the case file, every format
name=private-approved
"$DORN" $O submit 09/ZQ/77701/26 >/dev/null
"$DORN" $S review approve 09/ZQ/77701/26 >/dev/null
run 0 $S export 09/ZQ/77701/26 --out "$H/approved" --recipient "CPS" --reason "case file"
d="$H/approved/09ZQ7770126"
for x in txt json; do
	f="$d/09ZQ7770126-deprivation-note-v1.$x"
	[ -f "$f" ] && ok || bad "missing $f"
	if grep -q "ZQX" "$f"; then bad "$f holds a unit-only value"; else ok; fi
done
pdftotext -q -layout "$d/09ZQ7770126-deprivation-note-v1.pdf" "$T/pdf.txt" && ok || bad "pdftotext failed"
grep -q "09/ZQ/77701/26" "$T/pdf.txt" && ok || bad "the PDF did not read back"
if grep -q "ZQX" "$T/pdf.txt"; then bad "the approved PDF holds a unit-only value"; else ok; fi
# the approved note's own text and JSON, as `dorn note` gives them
for fmt in text json; do
	run 0 $O note 09/ZQ/77701/26 --format $fmt
	if grep -q "ZQX" "$T/out"; then bad "dorn note --format $fmt holds a unit-only value"; else ok; fi
done
run 0 $O show 09/ZQ/77701/26; out_has "ZQX-SAFE-CONTACT"; out_has "ZQX-NEEDS-2"; out_has "ZQX-OUTCOME"
unset DORN_TODAY
