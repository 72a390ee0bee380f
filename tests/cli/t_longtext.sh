# Long statements in case files: the victim's words hold 4000 bytes, and a
# case file carries all of them on one line, read back byte for byte by
# `dorn show --format json`; one byte more is refused naming the line, the
# key, the length and the limit; a line over the reader's 10000 bytes is
# refused with its number. Nothing is ever cut, and a refused file stores
# nothing. Everyone here is fictitious.

fresh longtext
init
"$DORN" --db "$DB" staff add lofficer --name "Lee Officer" --role officer >/dev/null
C="--db $DB --as lofficer"

# words N [END]: $H/words holds exactly N bytes, sentences of fictitious
# words with two-byte letters (Zoë, Łukasz, Núñez), each ended by END (a
# line break unless given), then dots; $H/words.ini is the same as a case
# file writes it (a line break as \n).
words() {
	: >"$H/words"
	while [ $(($(wc -c <"$H/words") + 80)) -le "$1" ]; do
		printf "Zoë told Łukasz and DC Núñez: I cannot sleep while he has it.${2:-\\n}" \
			>>"$H/words"
	done
	while [ "$(wc -c <"$H/words")" -lt "$1" ]; do printf '.' >>"$H/words"; done
	awk 'BEGIN { ORS = "" } NR > 1 { print "\\n" } { print }' "$H/words" >"$H/words.ini"
}
# case_file FILE URN KEY: a case whose [concern] KEY is $H/words.ini, on line 8
case_file() {
	{
		printf '; Fictitious.\n[case]\nurn = %s\n[victim]\nreference = WC-2026-9%s\n' "$2" "${2#*/*/}"
		printf 'consent_to_share = yes\n[concern]\n%s = "' "$3"
		cat "$H/words.ini"
		printf '"\n'
	} >"$1"
}
cases() { count "SELECT count(*) FROM \"case\""; }

# exactly 4000 bytes, read back byte for byte
name=long-4000
words 4000
[ "$(wc -c <"$H/words")" -eq 4000 ] && ok || bad "the statement is not 4000 bytes"
grep -q 'Łukasz' "$H/words" && ok || bad "the statement has no multi-byte letters"
[ "$(awk '{ print length($0) }' "$H/words.ini")" -gt 1000 ] && ok || bad "the line is not past the old 1000"
case_file "$H/w4000.ini" 21/EB/40001/26 victim_words
run 0 $C import "$H/w4000.ini"; out_has "Imported 21/EB/40001/26"
run 0 $C show 21/EB/40001/26 --format json
"$TOOLS/jsoncheck" concern.victim_words <"$T/out" >"$T/j" || bad "show json"
{ cat "$H/words"; echo; } >"$T/want"
same_as "$T/j" "$T/want"

# 4001 bytes: refused with the line, the key, the length and the limit
name=long-4001
before=$(cases)
audit_before=$(count "SELECT count(*) FROM audit")
words 4001
case_file "$H/w4001.ini" 21/EB/40002/26 victim_words
run 65 $C import "$H/w4001.ini"
err_has "w4001.ini:8: \[concern\] victim_words: is 4001 bytes long, the limit is 4000: shorten it"
[ "$(cases)" = "$before" ] && ok || bad "a case was stored from a refused file"
[ "$(count "SELECT count(*) FROM audit")" = "$audit_before" ] && ok || bad "a refused import wrote audit rows"
# and with --update over the stored one, which stays as it was
run 65 $C import --update "$H/w4001.ini"
case_file "$H/w4001u.ini" 21/EB/40001/26 victim_words
run 65 $C import --update "$H/w4001u.ini"; err_has "is 4001 bytes long, the limit is 4000"
run 0 $C show 21/EB/40001/26 --format json
"$TOOLS/jsoncheck" concern.victim_words <"$T/out" >"$T/j" || bad "show json"
words 4000
{ cat "$H/words"; echo; } >"$T/want"
same_as "$T/j" "$T/want"

# a line of 1500 bytes, which the 1000-byte lines of old refused: read whole
name=long-1500
words 1489 ' '
case_file "$H/w1500.ini" 21/EB/40003/26 impact
[ "$(sed -n 8p "$H/w1500.ini" | tr -d '\n' | wc -c)" -eq 1500 ] && ok || bad "line 8 is not 1500 bytes"
run 0 $C import "$H/w1500.ini"
run 0 $C show 21/EB/40003/26 --format json
"$TOOLS/jsoncheck" concern.impact <"$T/out" >"$T/j" || bad "show json"
{ cat "$H/words"; echo; } >"$T/want"
same_as "$T/j" "$T/want"

# a line over 10000 bytes: refused with its number, nothing stored
name=long-line
before=$(cases)
: >"$H/words.ini"
while [ "$(wc -c <"$H/words.ini")" -lt 10050 ]; do
	printf 'Zoë could not sleep. ' >>"$H/words.ini"
done
case_file "$H/wline.ini" 21/EB/40004/26 victim_words
run 65 $C import "$H/wline.ini"
err_has "wline.ini:8: line is 10[0-9]* bytes long, the limit is 10000: shorten it"
[ "$(cases)" = "$before" ] && ok || bad "a case was stored from a file with a line too long"
