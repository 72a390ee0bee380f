#!/bin/sh
# Crash test: dorn killed with SIGKILL at random moments while it imports
# (and re-imports with --update), submits, approves and exports (each kill
# after a random delay from 0 to a little more than that command takes
# here, so kills land in every phase of it, not only its start), then at
# each call of the system calls that mark its steps (with strace, when it
# can inject signals), and then nothing may be half done:
#   - dorn check passes (integrity, foreign keys, audit chain, content), so
#     does dorn audit --verify, and PRAGMA integrity_check says ok;
#   - every case is wholly one of the two versions imported, never a mix;
#   - no export file exists without a disclose row that names it with its
#     SHA-256, and dorn verify finds no listed file changed or missing in
#     any case folder (a kill may leave files not yet listed, no worse);
#   - the temporary files a killed export left are removed by the next.
#
# Usage (from the top of the tree; make crash-test):
#   tests/crash/run.sh ./dorn
#   CRASH_SEED=N CRASH_DURS='...'  (as the run prints them) replay a run:
#                  the same commands, cases and delays in the same order
#                  (where each kill lands still depends on the machine)
#   CRASH_KILLS=N  how many random kills (default 300)
#   CRASH_KEEP=1   keep the temporary folder; CRASH_DEBUG=1 names each
#                  exact kill
set -u
DORN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TOOLS=$(pwd)/build/tests
SEED=${CRASH_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
KILLS=${CRASH_KILLS:-300}

T=$(mktemp -d /tmp/dorn-crash-XXXXXX)
trap '[ -n "${CRASH_KEEP:-}" ] || rm -rf "$T"' EXIT
export HOME="$T" TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 DORN_TODAY=2026-11-28
export DORN_DATADIR="${DORN_DATADIR:-$(pwd)/data}"
unset DORN_CONFIG XDG_CONFIG_HOME XDG_DATA_HOME NO_COLOR
umask 077
DB="$T/db/dorn.db"
OUT="$T/casefile"
fail=0
die() { echo "crash: FAIL: $*"; fail=1; }

# Two versions of every example case: A as written, B with a change in
# each of three tables (the case, the victim, every item), so a case half
# updated would show.
mkdir -p "$T/A" "$T/B"
cp data/examples/*.ini "$T/A/"
for f in "$T"/A/*.ini; do
	sed -e 's/^defendant = \(.*\)$/defendant = \1 Bee/' \
	    -e 's/^reference = \(.*\)$/reference = \1-B/' \
	    -e 's/^description = \(.*\)$/description = \1 (B)/' "$f" >"$T/B/${f##*/}"
done
set -- "$T"/A/*.ini
NFILES=$#
URNS=$(sed -n 's/^urn = //p' "$T"/A/*.ini | tr '\n' ' ')

# The fields that tell A from B, as dorn show gives them.
fields() { # DB URN [--as LOGIN]
	db=$1 urn=$2
	shift 2
	"$DORN" --db "$db" "$@" show "$urn" --format json >"$T/show.json" 2>/dev/null || {
		echo "(show failed)"
		return
	}
	for k in defendant victim.reference items.0.description; do
		"$TOOLS/jsoncheck" "$k" <"$T/show.json" 2>/dev/null || echo "(none)"
	done | tr '\n' '|'
}
for v in A B; do
	"$DORN" --db "$T/ref$v/dorn.db" init --name "Ref" >/dev/null 2>&1 &&
		"$DORN" --db "$T/ref$v/dorn.db" import "$T"/$v/*.ini >/dev/null 2>&1 ||
		{ echo "crash: cannot set up the reference database $v"; exit 1; }
	for u in $URNS; do
		echo "$u $(fields "$T/ref$v/dorn.db" "$u")" >>"$T/fields$v"
	done
done

# The database under test: a supervisor and an officer, version A.
"$DORN" --db "$DB" init --name "Sam Supervisor" >/dev/null 2>&1 &&
	"$DORN" --db "$DB" staff add ofc --name "Olu Officer" --role officer >/dev/null &&
	"$DORN" --db "$DB" staff add sup --name "Sue Supervisor" --role supervisor >/dev/null &&
	"$DORN" --db "$DB" --as ofc import "$T"/A/*.ini >/dev/null ||
	{ echo "crash: cannot set up the database"; exit 1; }
O="--db $DB --as ofc"
S="--db $DB --as sup"

# The command of each kind, for case number C (0-based), version V and
# the plan's line number I (a new case's URN).
urn_of() { echo "$URNS" | cut -d' ' -f$(($1 + 1)); }
file_of() { ls "$T/$2"/*.ini | sed -n "$(($1 % NFILES + 1))p"; }
new_case() { # I: a case not yet in the database, from names.ini A
	f="$T/new/$1.ini"
	[ -f "$f" ] || sed "s|^urn = .*|urn = 77/ZZ/$((10000 + $1))/26|" "$T/A/names.ini" >"$f"
	echo "$f"
}
mkdir "$T/new"
command_of() { # KIND C V I
	case $1 in
	0) echo "$O import $(new_case "$4")" ;;
	1) echo "$O import --update $(file_of "$2" "$3") $(file_of $(($2 + 1)) "$3") $(file_of $(($2 + 2)) "$3")" ;;
	2) echo "$O import --update $(file_of "$2" "$3")" ;;
	3) echo "$O submit $(urn_of "$2")" ;;
	4) echo "$S review approve $(urn_of "$2")" ;;
	5) echo "$S export $(urn_of "$2") $([ "$3" = B ] && echo --draft) --out $OUT/r$(($4 % 4)) --recipient CPS" ;;
	6) echo "$S export --approved --out $OUT/r$(($4 % 4)) --format txt,json" ;;
	esac
}
NKINDS=7

# How long each kind of command takes here, unkilled (ms), so the kills
# are spread over the whole of each: its start, its transaction, its
# fsyncs, its links. Each is timed where it does its work.
now_ms() { echo $(($(date +%s%N) / 1000000)); }
timed() { # KIND C V I: run it unkilled, print its time
	t0=$(now_ms)
	# shellcheck disable=SC2046
	"$DORN" $(command_of "$@") >/dev/null 2>&1
	echo $(($(now_ms) - t0))
}
durs="$(timed 0 0 A 0) $(timed 1 0 B 0) $(timed 2 0 A 0) $(timed 3 0 A 0)"
durs="$durs $(timed 4 0 A 0) $(timed 5 0 A 1) $(timed 6 0 A 2)"
durs=${CRASH_DURS:-$durs}
echo "crash: seed $SEED, $KILLS kills; the $NKINDS kinds of command take $durs ms here"
echo "crash: to replay: CRASH_SEED=$SEED CRASH_DURS='$durs' make crash-test"

# The plan: KIND CASE VERSION DELAY(s) per line, from the seed. A submit
# is mostly followed by the approval of the same case, so notes move on
# and cases do not stay locked waiting for review.
echo "$durs" | awk -v seed="$SEED" -v n="$KILLS" -v k="$NKINDS" -v c="$NFILES" '
function delay(kind) {
	d = rand() * $(kind + 1) * 1.2 / 1000
	return d < 0.0002 ? 0.0002 : d
}
{
	srand(seed)
	next_approve = -1
	for (i = 0; i < n; i++) {
		if (next_approve >= 0) {
			kind = 4; cas = next_approve; next_approve = -1
		} else {
			# exports twice as often as the rest: files are placed
			# only when a version is new to a folder
			kind = int(rand() * (k + 1)); cas = int(rand() * c)
			if (kind == k) kind = 5
			if (kind == 3 && rand() < 0.7)
				next_approve = cas
		}
		ver = rand() < 0.5 ? "A" : "B"
		printf "%d %d %s %.4f\n", kind, cas, ver, delay(kind)
	}
}' >"$T/plan"

# every file an export put in place is named, with its SHA-256, by a
# disclose row; a temporary file (.dorn-tmp-*) is not an export's file
: >"$T/told"
check_files() {
	"$DORN" $S audit --format json >"$T/audit.json" 2>&1 || die "dorn audit: $(head -c 300 "$T/audit.json")"
	grep -o '[^ :,"]* sha256:[0-9a-f]\{64\}' "$T/audit.json" | sort -u >"$T/named"
	nfiles=0
	[ -d "$OUT" ] || return 0
	find "$OUT" -type f ! -name '.dorn-tmp-*' -exec sha256sum {} + |
		awk '{ n = $2; sub(".*/", "", n); print n " sha256:" $1 }' | sort >"$T/ondisk"
	nfiles=$(wc -l <"$T/ondisk")
	# each named once, however many checks come after
	sort -u "$T/ondisk" | comm -23 - "$T/named" | comm -23 - "$T/told" >"$T/orphans"
	[ -s "$T/orphans" ] && die "no disclose row names these files with their SHA-256: $(cat "$T/orphans")"
	sort -u "$T/orphans" "$T/told" -o "$T/told"
	return 0
}

landed=0
finished=0
landed_0=0 landed_1=0 landed_2=0 landed_3=0 landed_4=0 landed_5=0 landed_6=0
t0=$(now_ms)
i=0
while read -r kind c ver delay; do
	i=$((i + 1))
	# --foreground: timeout kills dorn alone and waits for it, so it is
	# gone (not a zombie that still has its number) when the next runs
	# shellcheck disable=SC2046
	timeout --foreground -s KILL "$delay" "$DORN" $(command_of "$kind" "$c" "$ver" "$i") \
		>/dev/null 2>&1 </dev/null
	case $? in
	124 | 137)
		landed=$((landed + 1))
		eval "landed_$kind=\$((landed_$kind + 1))"
		# at once, before a later export of the same files could record
		# them: an export killed at any moment leaves no file unrecorded
		[ "$kind" -ge 5 ] && check_files
		;;
	*) finished=$((finished + 1)) ;;
	esac
done <"$T/plan"
echo "crash: $KILLS kills in $(($(now_ms) - t0)) ms"

# Random moments rarely hit a window of a few microseconds, such as
# between two renames, or between the commit and the first link. So, where
# strace can inject a signal, dorn is also killed at each call of each
# system call that marks a step: every fsync and fdatasync (SQLite's
# commits, the temporary files, the folder), mkdirat, linkat, renameat
# and unlinkat; the Nth call for N = 1, 2, ... until the command gets
# through. An export goes to a new folder each time, so its files are new.
exact=0
if command -v strace >/dev/null &&
	strace -f -o /dev/null -e inject=getpid:error=EPERM:when=1 true 2>/dev/null; then
	t0=$(now_ms)
	names_urn=$(sed -n 's/^urn = //p' "$T/A/names.ini")
	for sc in fsync fdatasync mkdirat linkat renameat unlinkat; do
		for what in export import submit approve; do
			n=1
			while [ "$n" -lt 60 ]; do
				case $what in
				export) set -- $S export "$names_urn" --draft --out "$OUT/x-$sc-$n" ;;
				import) set -- $O import --update "$T/$([ $((n % 2)) = 0 ] && echo A || echo B)/names.ini" ;;
				submit) set -- $O submit "$names_urn" ;;
				approve) set -- $S review approve "$names_urn" ;;
				esac
				strace -f -o /dev/null -e trace="$sc" -e inject="$sc":signal=KILL:when="$n" \
					"$DORN" "$@" >/dev/null 2>&1 </dev/null
				rc=$?
				[ -n "${CRASH_DEBUG:-}" ] && echo "crash: killed at $sc call $n of $what: exit $rc"
				[ $rc -eq 137 ] || break
				exact=$((exact + 1))
				[ "$what" = export ] && check_files
				n=$((n + 1))
			done
		done
	done
	echo "crash: $exact kills at exact system calls in $(($(now_ms) - t0)) ms"
else
	echo "crash: strace cannot inject signals here: the kills at exact system calls are skipped"
fi

# ---- checks ----
passed=""
"$DORN" $S check >"$T/check" 2>&1 && passed="$passed check" || die "dorn check: $(cat "$T/check")"
"$DORN" $S audit --verify >"$T/verify" 2>&1 && passed="$passed, audit --verify" ||
	die "dorn audit --verify: $(cat "$T/verify")"

# every case wholly A or wholly B
olds=0
news=0
for u in $URNS; do
	got="$u $(fields "$DB" "$u" --as ofc)"
	if grep -qxF "$got" "$T/fieldsA"; then
		olds=$((olds + 1))
	elif grep -qxF "$got" "$T/fieldsB"; then
		news=$((news + 1))
	else
		die "$u is neither version: $got (A: $(grep "^$u " "$T/fieldsA"); B: $(grep "^$u " "$T/fieldsB"))"
	fi
done
[ $((olds + news)) -eq "$NFILES" ] && passed="$passed, $NFILES cases wholly old or new ($olds old, $news new)"
# every new case wholly there or not at all
names=$(sed -n 's/^urn = //p' "$T/A/names.ini")
want="$(grep "^$names " "$T/fieldsA" | cut -d' ' -f2-)"
there=0
absent=0
for f in "$T"/new/*.ini; do
	u=$(sed -n 's/^urn = //p' "$f")
	got=$(fields "$DB" "$u" --as ofc)
	if [ "$got" = "(show failed)" ]; then
		absent=$((absent + 1))
	elif [ "$got" = "$want" ]; then
		there=$((there + 1))
	else
		die "new case $u is half there: $got (wanted $want)"
	fi
done
passed="$passed, $((there + absent)) new cases wholly there or absent ($there there)"

check_files
# dorn verify: nothing listed may be changed or missing; files placed by
# an export killed before SHA256SUMS was replaced are only not yet listed
folders=0
strays=0
for d in "$OUT"/*/*/; do
	[ -f "$d/SHA256SUMS" ] || continue
	folders=$((folders + 1))
	"$DORN" verify "$d" >"$T/v" 2>&1
	if grep -q ': changed$\|: missing$\|: not SEQ:MAC\|: a symbolic link\|: not a regular' "$T/v"; then
		die "dorn verify $d: $(cat "$T/v")"
	fi
	strays=$((strays + $(grep -c ': not listed in SHA256SUMS' "$T/v")))
done
passed="$passed, $nfiles export files each named with its SHA-256 by a disclose row"
passed="$passed, verify: $folders folders, nothing listed changed or missing ($strays not yet listed)"

# The next export into a folder removes what a killed one left.
temps=$(find "$OUT" -name '.dorn-tmp-*' 2>/dev/null | wc -l)
for d in $(find "$OUT" -name '.dorn-tmp-*' 2>/dev/null | xargs -r -n1 dirname | sort -u); do
	for u in $URNS; do
		[ "$(echo "$u" | tr -d /)" = "${d##*/}" ] || continue
		"$DORN" $S export "$u" --draft --out "${d%/*}" --recipient CPS --reason "after the crash" \
			>"$T/again" 2>&1
		grep -q "^Removed $d/.dorn-tmp-" "$T/again" ||
			die "the export after the crash did not say it removed the temporary files in $d: $(cat "$T/again")"
	done
done
left=$(find "$OUT" -name '.dorn-tmp-*' 2>/dev/null | wc -l)
[ "$left" -eq 0 ] && passed="$passed, $temps temporary files of killed exports removed by the next" ||
	die "$left temporary files are left after the next export: $(find "$OUT" -name '.dorn-tmp-*')"
check_files
"$DORN" $S check >"$T/check" 2>&1 || die "dorn check after the last exports: $(cat "$T/check")"

# last, as another program would see the file (the sqlite3 shell when
# there is one, else the tests' sqlexec)
if command -v sqlite3 >/dev/null; then
	ic=$(sqlite3 "$DB" 'PRAGMA integrity_check' 2>&1)
else
	ic=$("$TOOLS/sqlexec" "$DB" 'PRAGMA integrity_check' 2>&1)
fi
[ "$ic" = ok ] && passed="$passed, integrity_check" || die "PRAGMA integrity_check: $ic"

echo "crash: seed $SEED: $KILLS kills, $landed landed mid-command (import $landed_0," \
	"import --update $((landed_1 + landed_2)), submit $landed_3, review approve $landed_4," \
	"export $((landed_5 + landed_6))), $finished after it finished; $exact at exact" \
	"system calls; checks passed:$passed"
[ "$fail" -eq 0 ]
