# Helpers for the command-line tests, sourced by tests/cli/run.sh.
TOOLS=$(pwd)/build/tests
GOLDEN=$(pwd)/tests/cli/golden
pass=0
fail=0
T=$(mktemp -d /tmp/dorn-cli-XXXXXX)
trap 'rm -rf "$T"' EXIT
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
unset DORN_CONFIG XDG_CONFIG_HOME XDG_DATA_HOME NO_COLOR

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $name: $*"; echo "  stdout: $(head -c 400 "$T/out")"; echo "  stderr: $(head -c 400 "$T/err")"; }

# fresh NAME: a new HOME for one test
fresh() {
	name=$1
	H="$T/$name"
	mkdir -p "$H"
	export HOME="$H"
	DB="$H/db/dorn.db"
}

# run EXPECTED_EXIT dorn-args...: run dorn, check the exit code
run() {
	want=$1
	shift
	"$DORN" "$@" >"$T/out" 2>"$T/err" </dev/null
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else bad "exit $got, wanted $want: dorn $*"; fi
}
out_has() { if grep -q -- "$1" "$T/out"; then ok; else bad "stdout lacks '$1'"; fi; }
err_has() { if grep -q -- "$1" "$T/err"; then ok; else bad "stderr lacks '$1'"; fi; }
err_empty() { if [ ! -s "$T/err" ]; then ok; else bad "stderr not empty"; fi; }
mode_is() {
	m=$(stat -c %a "$1" 2>/dev/null)
	if [ "$m" = "$2" ]; then ok; else bad "$1 has mode '$m', wanted $2"; fi
}
# same_as ACTUAL EXPECTED: golden comparison; UPDATE_GOLDEN=1 rewrites the
# expected file instead (then review the diff line by line before committing).
same_as() {
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$1" "$2"; ok; return; fi
	if cmp -s "$1" "$2"; then ok; else bad "$1 differs from $2"; diff "$2" "$1" | head -20; fi
}
# count SQL: one number from the test database
count() { "$TOOLS/sqlexec" "$DB" "$1"; }
init() { "$DORN" --db "$DB" init >/dev/null 2>&1 || bad "init failed"; }
me=$(id -un)

