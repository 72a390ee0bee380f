# The foundation: help, configuration, init, identity, audit, backup,
# and every exit code they promise.

# ---- help, version, usage (64) ----
fresh help
run 0 --help; out_has "usage: dorn"; out_has "dorn audit"; err_empty
run 0 -h; out_has "Exit status"
run 0 --version; out_has "^dorn [0-9]"
run 64 --frobnicate; err_has "unknown option '--frobnicate'"; err_has "usage:"
run 64 frobnicate; err_has "unknown command 'frobnicate'"
run 64 --db; err_has "needs a value"
run 64 staff; err_has "needs add, list, role, contact, deactivate or"
run 64 staff fire bob; err_has "unknown 'staff' command"
run 64 staff add bob --name Bob; err_has "needs --name NAME and --role"
run 64 staff add bob --name Bob --role boss; err_has "officer or supervisor"
run 64 audit --format xml; err_has "table, csv or json"
run 64 audit --since "next week"; err_has "not a date"
run 64 audit --since 31/02/2026; err_has "February 2026 has 28 days"
run 64 init extra; err_has "takes no arguments"
run 64 backup; err_has "needs one FILE"
run 64 check now; err_has "takes no arguments"

# ---- configuration (78), before anything else happens ----
fresh config
run 78 --config "$H/none.ini" staff list; err_has "none.ini"
printf '[note]\nurgent_days = soon\n' >"$H/bad.ini"
run 78 --config "$H/bad.ini" staff list; err_has "bad.ini:2:"; err_has "urgent_days"
[ ! -e "$HOME/.local/share/dorn" ] && ok || bad "a bad config still created the data folder"
printf '[ui]\ncolour = never\n' >"$H/unknown.ini"
run 78 --config "$H/unknown.ini" init; err_has "unknown.ini:2:"; err_has "colour"
[ ! -e "$HOME/.local/share/dorn/dorn.db" ] && ok || bad "init ran despite a bad config"
DORN_CONFIG="$H/bad.ini" run 78 staff list; err_has "bad.ini:2:"
mkdir -p "$H/.config/dorn" && cp "$H/bad.ini" "$H/.config/dorn/dorn.ini"
run 78 staff list; err_has ".config/dorn/dorn.ini:2:"
rm -f "$H/.config/dorn/dorn.ini"
printf '[database]\npath = %s/from-config.db\n' "$H" >"$H/good.ini"
run 0 --config "$H/good.ini" init; out_has "from-config.db"
[ -f "$H/from-config.db" ] && ok || bad "[database] path was not used"

# ---- init, default place, permissions ----
fresh init
run 0 init; out_has "registered as supervisor"; out_has "$me"
mode_is "$H/.local/share/dorn/dorn.db" 600
mode_is "$H/.local/share/dorn" 700
run 0 init; out_has "is ready"
run 0 init --quiet
if [ -s "$T/out" ]; then bad "init --quiet printed"; else ok; fi
run 0 check; out_has "Integrity: ok"; out_has "Audit chain: ok"; out_has "built-in defaults"
XDG_DATA_HOME="$H/xdg" run 0 init; out_has "$H/xdg/dorn/dorn.db"

# ---- missing database (66), unreadable by others (77) ----
fresh missing
run 66 --db "$H/nothing.db" staff list; err_has "run 'dorn init'"
init
chmod 644 "$DB"
run 77 --db "$DB" staff list; err_has "can be read by other users"; err_has "chmod"
chmod 600 "$DB"

# ---- staff and identity (77) ----
fresh staff
init
run 0 --db "$DB" staff add ajones --name "Amrit Jones" --role officer; out_has "Added ajones"
run 0 --db "$DB" staff add zwojcik --name "Zoë Wójcik" --role supervisor
run 65 --db "$DB" staff add ajones --name "Amrit Jones" --role officer; err_has "already registered"
run 65 --db "$DB" staff add "Bad Login" --name X --role officer; err_has "not a login name"
run 65 --db "$DB" staff add okname --name "$(printf 'evil\033[2J')" --role officer; err_has "plain text"
run 0 --db "$DB" staff list
sed "s/^$me .*/ME/" "$T/out" | sed "s/^$me\$/ME/" >"$T/staff.txt"
grep -q "Zoë Wójcik" "$T/out" && ok || bad "UTF-8 name not listed"
run 0 --db "$DB" staff list --format csv
head -1 "$T/out" | grep -q "^login,name,role,active" && ok || bad "csv header"
grep -q "^ajones,Amrit Jones,officer,yes" "$T/out" && ok || bad "csv row"
run 0 --db "$DB" staff list --format json
"$TOOLS/jsoncheck" 0.login <"$T/out" >"$T/j" && grep -q ajones "$T/j" && ok || bad "json staff list"
run 0 --db "$DB" --as ajones staff list
run 77 --db "$DB" --as ajones staff add bob --name Bob --role officer
err_has "only a supervisor"
# Direct contact details, for the "From:" of a note: on adding, by oneself,
# or by a supervisor; plain text only.
run 0 --db "$DB" staff add ckhan --name "Chidi Khan" --role officer --contact "01632 960 118"
run 0 --db "$DB" staff list --format csv
grep -q "^ckhan,Chidi Khan,officer,yes,01632 960 118" "$T/out" && ok || bad "contact not listed"
run 0 --db "$DB" --as ajones staff contact ajones "ajones@example.police.uk"; out_has "recorded"
run 77 --db "$DB" --as ajones staff contact ckhan "01632 960 000"; err_has "only a supervisor"
run 65 --db "$DB" staff contact ckhan "$(printf 'ring\033[5m')"; err_has "plain text"
run 64 --db "$DB" staff contact ckhan; err_has "needs LOGIN and the contact details"
run 0 --db "$DB" staff list --format csv
grep -q "^ajones,Amrit Jones,officer,yes,ajones@example.police.uk" "$T/out" && ok || bad "own contact not recorded"
grep -q "^ckhan,Chidi Khan,officer,yes,01632 960 118" "$T/out" && ok || bad "a refused change changed the contact"
run 77 --db "$DB" --as nobody staff list; err_has "'nobody' is not registered"; err_has "dorn staff add nobody"
run 64 --db "$DB" --as "Not Valid" staff list; err_has "not a login name"
run 64 --db "$DB" --as ajones init; err_has "cannot be used"
chmod 660 "$DB"
run 77 --db "$DB" --as ajones staff list; err_has "only on a private database"
run 0 --db "$DB" staff list
chmod 600 "$DB"

# ---- audit: list, formats, verify, tampering (65) ----
fresh audit
init
"$DORN" --db "$DB" staff add ajones --name "Amrit Jones" --role officer >/dev/null
run 0 --db "$DB" audit; out_has "collect"; out_has "staff"
run 0 --db "$DB" audit --format csv
head -1 "$T/out" | grep -q "^seq,time,login,action,entity,entity_id,recipient,reason,detail,digest,prev_hash,hash" && ok || bad "audit csv header"
# the seal (the audit key put in use, at init), init's staff row, ajones's
[ "$(wc -l <"$T/out")" -eq 4 ] && ok || bad "audit csv should have 3 rows"
run 0 --db "$DB" audit --format json
"$TOOLS/jsoncheck" 1.action <"$T/out" >"$T/j" && grep -q collect "$T/j" && ok || bad "audit json"
"$TOOLS/jsoncheck" 1.seq <"$T/out" >"$T/j" && grep -qx 2 "$T/j" && ok || bad "audit json seq is a number"
run 0 --db "$DB" audit --since 2000-01-01; out_has "collect"
run 0 --db "$DB" audit --since 01/01/2199
[ "$(wc -l <"$T/out")" -eq 1 ] && ok || bad "--since in the future should list only the header"
run 0 --db "$DB" audit --verify; out_has "verified: 3 rows"
"$TOOLS/sqlexec" "$DB" "DROP TRIGGER audit_no_update; UPDATE audit SET reason = 'x' WHERE seq = 1" || bad "tamper"
run 65 --db "$DB" audit --verify; err_has "row 1"
run 65 --db "$DB" check; out_has "audit:"; err_has "problem"

# ---- backup (0, 73) ----
fresh backup
init
run 0 --db "$DB" backup "$H/copy.db"; out_has "Backed up"
mode_is "$H/copy.db" 600
run 73 --db "$DB" backup "$H/copy.db"; err_has "does not exist yet"
run 73 --db "$DB" backup "$H/no/such/folder/copy.db"; err_has "cannot create"
[ ! -e "$H/no/such/folder/copy.db" ] && ok || bad "partial backup left"
run 0 --db "$H/copy.db" audit --verify; out_has "verified"
run 0 --db "$DB" audit; out_has "disclose"; out_has "copy.db"

# ---- newer schema, not a dorn database (65) ----
fresh schema
init
"$TOOLS/sqlexec" "$DB" "PRAGMA user_version = 999"
run 65 --db "$DB" staff list; err_has "newer than this dorn"
printf 'not a database at all, just some text that is long enough' >"$H/junk.db"
chmod 600 "$H/junk.db"
run 65 --db "$H/junk.db" staff list; err_has "not a dorn database"

# ---- busy (75) ----
fresh busy
init
printf '[database]\nbusy_timeout_ms = 100\n' >"$H/fast.ini"
"$TOOLS/sqlexec" "$DB" "BEGIN IMMEDIATE; INSERT INTO staff (login, name, role, created) VALUES ('tmp', 'T', 'officer', 'x')" 3 &
holder=$!
sleep 1
run 75 --config "$H/fast.ini" --db "$DB" staff add ajones --name "A J" --role officer
err_has "busy"
wait $holder
run 0 --db "$DB" staff add ajones --name "A J" --role officer

# ---- the terminal interface needs a terminal (64) ----
fresh noterm
init
run 64 --db "$DB"; err_has "not a terminal"

