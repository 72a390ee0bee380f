#!/bin/sh
# A unit on one host, tested as dorn-shared(7) sets it up and as an officer
# with a shell would attack it: real Unix users (an officer and two
# supervisors, none in the unit's group), dorn built and installed setgid to
# a test group, the unit's folder made by 'dorn init --shared'. Needs root
# (CI is root); otherwise it says so in one line and stops.
#
# Everything is made under one temporary folder, with its own users and
# group (dorn-t-*), and removed at the end whatever happens.
set -u
cd "$(dirname "$0")/../.."
SRC=$(pwd)
SQL="$SRC/build/tests/sqlexec"

if [ "$(id -u)" -ne 0 ]; then
	echo "shared: SKIPPED: needs root to create Unix users and a group (run make check as root)"
	exit 0
fi
for tool in useradd userdel groupadd groupdel runuser; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "shared: SKIPPED: $tool is not installed"
		exit 0
	fi
done

RUNUSER=$(command -v runuser)
G=dorn-t
OFF=dorn-t-off
SUP=dorn-t-sup
SUP2=dorn-t-sup2
T=$(mktemp -d /tmp/dorn-shared-XXXXXX)
chmod 755 "$T"
PREFIX="$T/prefix"
UNIT="$T/unit"
DORN="$PREFIX/bin/dorn"
pass=0
fail=0

cleanup() {
	for u in $OFF $SUP $SUP2; do userdel "$u" >/dev/null 2>&1; done
	groupdel $G >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
cleanup_users_only() {
	for u in $OFF $SUP $SUP2; do userdel "$u" >/dev/null 2>&1; done
	groupdel $G >/dev/null 2>&1
}
cleanup_users_only

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; echo "  stdout: $(head -c 500 "$T/out")"; echo "  stderr: $(head -c 500 "$T/err")"; }

# as USER EXPECTED_EXIT dorn-args...: dorn as that person, from their home
as() {
	who=$1 want=$2
	shift 2
	( cd "$T/home-$who" && env -i PATH=/usr/bin:/bin "$RUNUSER" -u "$who" -- \
		env HOME="$T/home-$who" LANG=C.UTF-8 TZ=UTC "$DORN" "$@" ) >"$T/out" 2>"$T/err" </dev/null
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else bad "$who: exit $got, wanted $want: dorn $*"; fi
}
# sh_as USER COMMAND: a shell command as that person; its exit status
sh_as() {
	who=$1
	shift
	( cd "$T/home-$who" && env -i PATH=/usr/bin:/bin "$RUNUSER" -u "$who" -- \
		env HOME="$T/home-$who" sh -c "$*" ) >"$T/out" 2>"$T/err" </dev/null
}
out_has() { if grep -q -- "$1" "$T/out"; then ok; else bad "stdout lacks '$1'"; fi; }
err_has() { if grep -q -- "$1" "$T/err"; then ok; else bad "stderr lacks '$1'"; fi; }
owner_is() {
	o=$(stat -c '%U:%G %a' "$1")
	if [ "$o" = "$2" ]; then ok; else bad "$1 is $o, wanted $2"; fi
}

# ---- the host: users, group, dorn built for this folder and installed ----
groupadd --system $G || { echo "shared: cannot create group $G"; exit 1; }
for u in $OFF $SUP $SUP2; do
	useradd --no-create-home --no-user-group --shell /bin/sh "$u" ||
		{ echo "shared: cannot create user $u"; exit 1; }
	mkdir -p "$T/home-$u"
	chown "$u" "$T/home-$u"
	chmod 700 "$T/home-$u"
done
# A copy of the tree, built for this prefix and folder, so the tree's own
# build (with its data folder and /var/lib/dorn) is left as it was.
mkdir "$T/src"
cp -r Makefile src include data man scripts "$T/src/"
if ! make -s -C "$T/src" -j2 CFLAGS="-O0 -g" PREFIX="$PREFIX" SHAREDDIR="$UNIT" GROUP=$G \
	install-shared >"$T/build.log" 2>&1; then
	echo "shared: the build failed:"
	tail -20 "$T/build.log"
	exit 1
fi
owner_is "$DORN" "root:$G 2755"
unset DORN_DATADIR DORN_CONFIG DORN_TODAY DORN_PDFLIB XDG_CONFIG_HOME XDG_DATA_HOME

# ---- set up by root, as dorn-shared(7) says ----
"$DORN" init --shared "$UNIT" --group $G --supervisor $SUP --name "Sam Supervisor" \
	>"$T/out" 2>"$T/err" && ok || bad "init --shared"
owner_is "$UNIT" "root:$G 2770"
for f in dorn.db dorn.db-wal dorn.db-shm; do owner_is "$UNIT/$f" "root:$G 660"; done
owner_is "$UNIT/audit.key" "root:$G 640"
"$DORN" init --shared "$UNIT" --group $G >"$T/out" 2>"$T/err" && ok || bad "init --shared again"
grep -q "set up already" "$T/out" && ok || bad "a second init --shared says it was set up"

CASE="$PREFIX/share/dorn/examples/sharing.ini"
URN=14WC2041726
as $SUP 0 staff add $OFF --name "Olive Officer" --role officer
as $SUP 0 staff add $SUP2 --name "Sid Second" --role supervisor
as $OFF 0 import "$CASE"
# what the officer's dorn made stays root's: no file of theirs in the folder
for f in dorn.db dorn.db-wal dorn.db-shm; do owner_is "$UNIT/$f" "root:$G 660"; done
[ "$(find "$UNIT" ! -user root | wc -l)" -eq 0 ] && ok || bad "a file in the unit's folder is not root's"

# ---- (a) an officer cannot reach the raw file, the key or the folder ----
sh_as $OFF "exec 3<>'$UNIT/dorn.db'" && bad "officer opened the database for writing" || ok
sh_as $OFF "cat '$UNIT/dorn.db' >/dev/null" && bad "officer read the database" || ok
sh_as $OFF "cat '$UNIT/audit.key' >/dev/null" && bad "officer read the audit key" || ok
sh_as $OFF "ls '$UNIT' >/dev/null" && bad "officer listed the unit's folder" || ok
sh_as $OFF "sqlite3 '$UNIT/dorn.db' \"update staff set role='supervisor'\"" &&
	bad "officer changed the staff table with sqlite3" || ok
# pointing dorn elsewhere gives up the group first, and says so
as $OFF 66 --db "$UNIT/dorn.db" list
err_has "without the unit's group"
as $OFF 66 --as $SUP review approve $URN
err_has "without the unit's group"
as $OFF 0 list
out_has "14/WC/20417/26"

# ---- (b) a supervisor who changed the version cannot approve it ----
# The officer's draft: the supervisor replaces the case with their own file,
# submits it and tries to approve what they wrote.
sed 's/^defendant = .*/defendant = Marcus J Threlfall/' "$CASE" >"$T/home-$SUP/changed.ini"
chown $SUP "$T/home-$SUP/changed.ini"
as $SUP 0 import --update changed.ini
as $SUP 0 submit $URN
as $SUP 69 review approve $URN

# ---- (c) an officer cannot approve; another supervisor can ----
as $OFF 77 review approve $URN
err_has "only a supervisor"
as $SUP2 0 review approve $URN

# ---- a copy of the unit's database is a supervisor's to make ----
as $OFF 77 backup copy.db
err_has "only a supervisor"
as $SUP 0 backup copy.db
[ "$(stat -c '%U %a' "$T/home-$SUP/copy.db")" = "$SUP 600" ] && ok || bad "the copy is not the supervisor's, 0600"

# root looks after the host and is no member of the unit, yet can check it
"$DORN" check >"$T/out" 2>"$T/err" && ok || bad "root: dorn check on the unit's database"
grep -q "Content: every case" "$T/out" && ok || bad "root's dorn check did not check the content"

# ---- erasure on the unit's database: its persistent -wal emptied in place ----
# The unit's files are root's; erasing must leave nothing of the victim in
# any of them, and leave them root's, where they are.
sed -e 's|^urn = .*|urn = 14/WC/20999/26|' -e 's|^victim_words = .*|victim_words = "The ferntree whisperbox never sleeps"|' \
	-e '/^\[victim\]/a name = Persephone Quillfeather' "$CASE" >"$T/home-$OFF/erase.ini"
chown $OFF "$T/home-$OFF/erase.ini"
as $OFF 0 import erase.ini
cat "$UNIT/dorn.db" "$UNIT/dorn.db-wal" "$UNIT/dorn.db-shm" | grep -a -q -i -e ferntree -e quillfeather &&
	ok || bad "the imported words are not in the unit's files (the test could not fail)"
as $OFF 77 erase 14/WC/20999/26 --reason "review done" --early --yes
err_has "only a supervisor can erase"
as $SUP 69 erase 14/WC/20999/26 --reason "review done" --yes
err_has "not due for retention review"
as $SUP 0 erase 14/WC/20999/26 --reason "the victim asked, nothing outstanding" --early --yes
out_has "Erased 14/WC/20999/26"
for f in dorn.db dorn.db-wal dorn.db-shm; do
	grep -a -q -i -e ferntree -e whisperbox -e quillfeather -e persephone "$UNIT/$f" &&
		bad "$f still holds the erased victim's words or name" || ok
	owner_is "$UNIT/$f" "root:$G 660"
done
as $SUP 66 show 14/WC/20999/26
"$DORN" check >"$T/out" 2>"$T/err" && ok || bad "root: dorn check after an erasure"

# ---- (d) the audit log: anchors, a cut tail, a rewrite, a table edit ----
as $SUP 0 audit head
ANCHOR=$(cat "$T/out")
as $SUP 0 audit --verify --anchor "$ANCHOR"
as $SUP 0 check
out_has "Content: every case"
# root (or anyone who got the file) edits the victim's words directly
"$SQL" "$UNIT/dorn.db" "UPDATE concern SET victim_words = 'changed by hand'" || bad "tamper"
"$DORN" init --shared "$UNIT" --group $G >/dev/null 2>&1 # the sqlite3 shell removed the WAL
as $SUP 65 check
out_has "changed outside dorn"
# the last two rows cut off: the chain alone still verifies, the anchor does not
"$SQL" "$UNIT/dorn.db" "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq > (SELECT max(seq) - 2 FROM audit)" || bad "cut"
"$DORN" init --shared "$UNIT" --group $G >/dev/null 2>&1
as $SUP 65 audit --verify --anchor "$ANCHOR"
err_has "cut"
# a row rewritten, its hash recomputed by the old, unkeyed rule: the MAC fails
"$SQL" "$UNIT/dorn.db" "DROP TRIGGER audit_no_update; UPDATE audit SET reason = 'nothing happened' WHERE seq = 3" || bad "rewrite"
"$DORN" init --shared "$UNIT" --group $G >/dev/null 2>&1
as $SUP 65 audit --verify
err_has "row 3"

# ---- a running dorn holds no privilege, and cannot be looked into ----
# The officer's terminal interface, on a pseudo-terminal, left running: its
# real, effective, saved and file-system groups are all the officer's own
# (the unit's group was given up for good after the open), and the officer
# cannot read its memory or environment (a setgid program is not dumpable).
mkfifo "$T/hold"
chmod 666 "$T/hold"
( cd "$T/home-$OFF" && env -i PATH=/usr/bin:/bin "$RUNUSER" -u $OFF -- env HOME="$T/home-$OFF" \
	TERM=xterm LANG=C.UTF-8 script -qfc "'$DORN'" /dev/null <"$T/hold" >/dev/null 2>&1 ) &
exec 9>"$T/hold"
pid=
for i in $(seq 1 100); do
	pid=$(pgrep -u $OFF -x dorn | head -1)
	[ -n "$pid" ] && grep -q "^Gid:" "/proc/$pid/status" 2>/dev/null && break
	sleep 0.1
done
sleep 0.5 # past the open, on the first screen
if [ -n "$pid" ]; then
	gids=$(awk '/^Gid:/ { print $2, $3, $4, $5 }' "/proc/$pid/status")
	own=$(id -g $OFF)
	[ "$gids" = "$own $own $own $own" ] && ok || bad "a running dorn's groups are '$gids', wanted all $own (the unit's group held)"
	sh_as $OFF "cat /proc/$pid/environ >/dev/null" && bad "the officer read a running dorn's environment" || ok
	sh_as $OFF "head -c 1 /proc/$pid/mem >/dev/null" && bad "the officer read a running dorn's memory" || ok
	kill "$pid" 2>/dev/null
else
	bad "the officer's terminal interface did not start"
fi
exec 9>&-
wait

# ---- a private database in a folder its owner made read-only: reads work ----
PLAIN="$T/src/dorn" # the same build, not setgid
sh_as $OFF "'$PLAIN' --db ro/dorn.db init --name 'Olive Officer' && '$PLAIN' --db ro/dorn.db import '$CASE'" &&
	ok || bad "a private database for the officer"
# files and folder read-only (as on a copy kept for an appeal); the
# database was closed cleanly, so its -wal is empty
chmod 400 "$T/home-$OFF/ro/"dorn.db*
chmod 500 "$T/home-$OFF/ro"
sh_as $OFF "'$PLAIN' --db ro/dorn.db list" && ok || bad "dorn list in a read-only folder"
grep -q "14/WC/20417/26" "$T/out" && ok || bad "dorn list in a read-only folder shows nothing"
grep -q "not recorded in its audit log" "$T/err" && ok || bad "the unlogged reading is not said"
sh_as $OFF "'$PLAIN' --db ro/dorn.db check" && ok || bad "dorn check in a read-only folder"
sh_as $OFF "'$PLAIN' --db ro/dorn.db show $URN" && ok || bad "dorn show in a read-only folder"
chmod 700 "$T/home-$OFF/ro"
chmod 600 "$T/home-$OFF/ro/"dorn.db*

echo "shared: $pass passed, $fail failed (users $OFF, $SUP, $SUP2; group $G; removed)"
[ "$fail" -eq 0 ]
