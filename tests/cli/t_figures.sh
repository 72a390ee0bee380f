# dorn figures: the table fits 80 columns and says each number beside its
# bar; csv is RFC 4180 with the same fields on every line; json has its
# schema key; counts from 1 to 4 are "fewer than 5" in csv and json, exact
# in the table, and exact everywhere with [figures] suppress_below = 0;
# --by month, offence and officer; bad options are usage errors (64).
#
# The unit's history is planted as figure rows with no case (what an
# erased case leaves): 98 cases recorded in 2025, each with its outcome
# and one device, 3 of them with an order, as in the 2025 review. The
# worked examples, imported today, are this year's.

EX=$(pwd)/data/examples
fresh figures
init
"$DORN" --db "$DB" staff add ofc --name "Olu Officer" --role officer >/dev/null
"$DORN" --db "$DB" --as ofc import "$EX"/*.ini >/dev/null || bad "cannot import the examples"
count "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 97)
 INSERT INTO figure (case_id, officer, offences, concern, approved, hearing, outcome, items,
 sought, made, not_sought, erased)
 SELECT NULL, CASE WHEN i % 2 THEN 'amy' ELSE 'ofc' END,
 CASE WHEN i % 3 THEN 'soa66b2' ELSE 'soa66b2,sca76' END,
 printf('2025-%02d-15', i % 12 + 1), printf('2025-%02d-20', i % 12 + 1),
 printf('2025-%02d-28', i % 12 + 1), '2025-12-20', 1, i < 3, i < 3, i >= 3, 1 FROM n" >/dev/null ||
	bad "cannot plant the figure rows"
CSV=$TOOLS/csvcheck
JSON=$TOOLS/jsoncheck
# field NAME of the csv row whose column COL is VALUE: csv_field COL=VALUE NAME
csv_field() { "$CSV" "$1" "$2" <"$T/out"; }
is() { if [ "$1" = "$2" ]; then ok; else bad "$3: got '$1', wanted '$2'"; fi; }

# the table: the unit's own view, exact, within 80 columns, numbers and words
name=figures-table
run 0 --db "$DB" figures --to 2025-12-31
err_empty
out_has "Figures: cases recorded up to 31 Dec 2025"
out_has "Concerns recorded.*98  100%"
out_has "Order made .*3    3%"
out_has "This unit .*3 of 98    3%"
out_has "2025 review .*3 of 98    3%"
out_has "fewer than 5"
w=$(wc -L <"$T/out")
[ "$w" -le 80 ] && ok || bad "a line of the table is $w columns wide"
grep -q "$(printf '\342\226\210')" "$T/out" && ok || bad "no U+2588 in the bars"
grep -q '#' "$T/out" && bad "ASCII bars without [ui] ascii" || ok
run 0 --db "$DB" figures
out_has "Figures: every case recorded"
out_has "Concerns recorded.*108  100%"

# [ui] ascii: '#' and no block characters
name=figures-ascii
printf '[ui]\nascii = yes\n' >"$H/ascii.ini"
run 0 --config "$H/ascii.ini" --db "$DB" figures --to 2025-12-31
out_has "Concerns recorded *####.* 98  100%"
grep -q "$(printf '\342\226')" "$T/out" && bad "block characters with [ui] ascii" || ok

# csv: RFC 4180, one header, the same fields on every line; small counts hidden
name=figures-csv
run 0 --db "$DB" figures --to 2025-12-31 --format csv
err_empty
"$CSV" <"$T/out" >"$T/shape" && ok || bad "csv does not parse: $(cat "$T/shape")"
is "$(cut -d' ' -f1 "$T/shape")" 2 "csv records (all, baseline)"
head -1 "$T/out" | grep -q '^by,key,label,name,from,to,concerns,' && ok || bad "csv header"
is "$(csv_field by=all concerns)" 98 "csv concerns"
is "$(csv_field by=all outcome)" 98 "csv outcome"
is "$(csv_field by=all cases_made)" "fewer than 5" "csv small count"
is "$(csv_field by=all items_not_sought)" 95 "csv items not sought"
is "$(csv_field by=all pct_made_of_outcomes)" suppressed "csv rate on a small count"
is "$(csv_field by=all median_days_concern_to_note)" 5 "csv median"
is "$(csv_field by=all to)" 2025-12-31 "csv to"
is "$(csv_field by=baseline cases_made)" 3 "csv baseline (never hidden)"
is "$(csv_field by=baseline pct_made_of_outcomes)" 3.1 "csv baseline rate"
grep -c "$(printf '\r$')" "$T/out" | grep -qx 3 && ok || bad "csv lines do not end in CRLF"

# json: a schema key; hidden counts are null and listed
name=figures-json
run 0 --db "$DB" figures --to 2025-12-31 --format json
err_empty
"$JSON" <"$T/out" && ok || bad "json does not parse"
is "$("$JSON" schema <"$T/out")" 1 "json schema"
is "$("$JSON" all.concerns <"$T/out")" 98 "json concerns"
is "$("$JSON" all.cases_made <"$T/out")" null "json hidden count"
is "$("$JSON" all.pct_made_of_outcomes <"$T/out")" null "json hidden rate"
grep -q '"cases_made"' "$T/out" && ok || bad "json lacks cases_made"
"$JSON" all.suppressed <"$T/out" | grep -q '^array [1-9]' && ok || bad "json suppressed list"
tr -d ' \n' <"$T/out" | grep -q '"suppressed":\["approved"' && bad "approved (98) hidden" || ok
tr -d ' \n' <"$T/out" | grep -q '"suppressed":\[[^]]*"cases_made"' && ok ||
	bad "cases_made not in the suppressed list"
is "$("$JSON" baseline.cases_made <"$T/out")" 3 "json baseline"
is "$("$JSON" baseline.pct_made_of_outcomes <"$T/out")" 3.1 "json baseline rate"
is "$("$JSON" suppress_below <"$T/out")" 5 "json suppress_below"

# [figures] suppress_below = 0: every count as it is
name=figures-unsuppressed
printf '[figures]\nsuppress_below = 0\n' >"$H/all.ini"
run 0 --config "$H/all.ini" --db "$DB" figures --to 2025-12-31 --format csv
is "$(csv_field by=all cases_made)" 3 "csv count with suppression off"
is "$(csv_field by=all pct_made_of_outcomes)" 3.1 "csv rate with suppression off"
run 0 --config "$H/all.ini" --db "$DB" figures --to 2025-12-31 --format json
is "$("$JSON" all.cases_made <"$T/out")" 3 "json count with suppression off"
is "$("$JSON" all.pct_made_of_outcomes <"$T/out")" 3.1 "json rate with suppression off"
printf '[figures]\nsuppress_below = 10\n' >"$H/ten.ini"
run 0 --config "$H/ten.ini" --db "$DB" figures --to 2025-12-31 --by month --format csv
is "$(csv_field key=2025-01 concerns)" "fewer than 10" "csv with suppress_below = 10"
printf '[figures]\nsuppress_below = many\n' >"$H/bad.ini"
run 78 --config "$H/bad.ini" --db "$DB" figures
err_has "suppress_below = 'many' is not a whole number"

# --by month, offence, officer
name=figures-by
run 0 --db "$DB" figures --from 2025-01-01 --to 2025-12-31 --by month --format csv
"$CSV" <"$T/out" >"$T/shape" && ok || bad "csv by month does not parse"
is "$(csv_field by=month key | tr '\n' ' ')" "2025-01 2025-02 2025-03 2025-04 2025-05 2025-06 2025-07 2025-08 2025-09 2025-10 2025-11 2025-12 " "months"
is "$(csv_field key=2025-01 concerns)" 9 "January"
is "$(csv_field key=2025-12 concerns)" 8 "December"
is "$(csv_field key=2025-03 cases_made)" "fewer than 5" "March's order"
is "$(csv_field key=2025-04 cases_made)" 0 "April has none"
run 0 --db "$DB" figures --to 2025-12-31 --by month
out_has "By month"
out_has "^  Jan 2025  *9 "
w=$(wc -L <"$T/out")
[ "$w" -le 80 ] && ok || bad "the table by month is $w columns wide"
run 0 --db "$DB" figures --to 2025-12-31 --by offence --format csv
is "$(csv_field key=soa66b2 concerns)" 98 "every case under soa66b2"
is "$(csv_field key=sca76 concerns)" 33 "and a third also under sca76"
is "$(csv_field key=sca76 name)" "Serious Crime Act 2015, s.76" "the offence's statute"
run 0 --db "$DB" figures --to 2025-12-31 --by offence
out_has "soa66b2 s.66B(2)"
run 0 --db "$DB" figures --to 2025-12-31 --by officer --format json
"$JSON" <"$T/out" && ok || bad "json by officer"
is "$("$JSON" groups.0.key <"$T/out")" amy "first officer"
is "$("$JSON" groups.1.concerns <"$T/out")" 49 "ofc's cases"
is "$("$JSON" by <"$T/out")" officer "json by"
run 77 --db "$DB" --as ofc figures --by officer
err_has "figures by officer are for supervisors"
run 0 --db "$DB" --as ofc figures --by offence --format json

# bad options: 64 with what is wrong
name=figures-usage
run 64 --db "$DB" figures --from 2026-02-31
err_has "dorn: --from: "
err_has "usage: dorn figures"
run 64 --db "$DB" figures --to tomorrow
err_has "dorn: --to: "
run 64 --db "$DB" figures --from 2026-03-01 --to 2026-02-01
err_has "--from 2026-03-01 is after --to 2026-02-01"
run 64 --db "$DB" figures --by week
err_has "--by must be month, offence, officer or unit, not 'week'"
# A file is one unit's: the units' figures are a server's (dorn-server(7)).
run 64 --db "$DB" figures --by unit
err_has "one unit per database file: --by unit is for a server"
run 64 --db "$DB" figures --format xml
err_has "--format must be table, csv, json or pdf"
run 64 --db "$DB" figures 2025
err_has "unexpected argument '2025'"
run 64 --db "$DB" figures --from
err_has "option '--from' needs a value"

# a broken data/figures.ini is the installation's to fix: 78
name=figures-datafile
mkdir -p "$H/data"
cp -r "$(pwd)"/data/* "$H/data/"
printf '[baseline]\nlabel = x\nmade = 5\nof = 3\nsource = s\n' >"$H/data/figures.ini"
saved_datadir=$DORN_DATADIR
export DORN_DATADIR="$H/data"
run 78 --db "$DB" figures
err_has "figures.ini:3: \[baseline\] made is more than of"
export DORN_DATADIR="$saved_datadir"

# the figures count no personal data, so reading them logs nothing
name=figures-no-consult
before=$(count "SELECT count(*) FROM audit")
run 0 --db "$DB" figures --format json
is "$(count "SELECT count(*) FROM audit")" "$before" "audit rows after dorn figures"
run 0 --db "$DB" check
