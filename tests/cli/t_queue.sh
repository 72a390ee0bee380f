# The review queue's order, as the case list orders cases: the date that
# matters soonest first (3 days before 10, although the 10-day note waited
# longer), dates to come before passed ones, then the oldest submitted.

EX=$(pwd)/data/examples
export DORN_TODAY=2026-11-28
fresh queue
init
"$DORN" --db "$DB" staff add ofc --name "Olu Officer" --role officer >/dev/null
# queue_case URN DATE REF: the sharing example under another URN, sentencing
# and next hearing on DATE, imported and submitted by ofc
queue_case() {
	sed -e "s#14/WC/20417/26#$1#" -e "s#04/12/2026#$2#g" -e "s#WC-2026-0142#$3#" \
		"$EX/sharing.ini" >"$H/$3.ini"
	"$DORN" --db "$DB" --as ofc import "$H/$3.ini" >/dev/null &&
		"$DORN" --db "$DB" --as ofc submit "$1" >/dev/null || bad "cannot submit $1"
}
# Each submitted in a later second than the one before, so "oldest" is
# certain: 10 days away first, then 3 days, then passed, then 20 days.
queue_case 14/WC/10010/26 08/12/2026 Q-10
sleep 1
queue_case 14/WC/10003/26 01/12/2026 Q-3
sleep 1
queue_case 14/WC/10098/26 26/11/2026 Q-PASSED
sleep 1
queue_case 14/WC/10020/26 18/12/2026 Q-20

name=queue-order
run 0 --db "$DB" review list --format csv
cut -d, -f1 "$T/out" >"$T/urns"
printf 'urn\n14WC1000326\n14WC1001026\n14WC1002026\n14WC1009826\n' >"$T/want"
if cmp -s "$T/urns" "$T/want"; then ok; else bad "queue order: $(tr '\n' ' ' <"$T/urns")"; fi
run 0 --db "$DB" review list
awk 'NR > 1 { print $1 " " $7 }' "$T/out" >"$T/got"
printf '14/WC/10003/26 3\n14/WC/10010/26 10\n14/WC/10020/26 20\n14/WC/10098/26 -2\n' >"$T/want"
if cmp -s "$T/got" "$T/want"; then ok; else bad "table order: $(tr '\n' ' ' <"$T/got")"; fi
unset DORN_TODAY

# dorn init --name: the supervisor's name, which approvals show
name=init-name
fresh init-name
run 0 --db "$DB" init --name "  Sam Sargent "; out_has "$me (Sam Sargent) is registered as supervisor"; err_empty
run 0 --db "$DB" staff list --format csv; out_has "^$me,Sam Sargent,supervisor"
run 0 --db "$DB" init --name "Someone Else"; err_has "--name was not used"
run 0 --db "$DB" staff list --format csv; out_has "^$me,Sam Sargent,supervisor"
"$DORN" --db "$DB" staff add ofc --name "Olu Officer" --role officer >/dev/null
"$DORN" --db "$DB" --as ofc import "$EX/sharing.ini" >/dev/null
"$DORN" --db "$DB" --as ofc submit 14/WC/20417/26 >/dev/null
run 0 --db "$DB" review approve 14/WC/20417/26
run 0 --db "$DB" note 14/WC/20417/26; out_has "approved by Sam Sargent on"
fresh init-name-blank
run 65 --db "$DB" init --name "   "; err_has "--name must be 1 to"
[ ! -s "$DB" ] || [ "$(count "SELECT count(*) FROM staff")" = 0 ] && ok || bad "a blank name was registered"
# no --name and no terminal: the account's full name, else the login, and
# then it says so
fresh init-noname
run 0 --db "$DB" init
got=$(count "SELECT name FROM staff")
if [ "$got" = "$me" ]; then err_has "registered under its login"; else err_empty; fi
