#!/bin/sh
# Run the libFuzzer harnesses that make fuzz-build made (see the fuzzing
# block of the Makefile and README.md).
#   sh tests/fuzz/run.sh NAME...           fuzz each for FUZZ_SECONDS (60) on a
#                                          copy of tests/fuzz/corpus/NAME, FUZZ_JOBS
#                                          (1) at a time, and print one line each
#   sh tests/fuzz/run.sh --smoke NAME...   run each seed input once, no fuzzing
# A crash, leak, timeout (an input over FUZZ_TIMEOUT seconds, 10) or running
# out of memory fails the run; libFuzzer keeps the input under
# build/fuzz/crashes/NAME/ (emptied when NAME runs again), named below.
# Run from the top of the tree.
set -u

secs=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-1}
timeout=${FUZZ_TIMEOUT:-10}
out=build/fuzz
smoke=0
if [ "${1:-}" = "--smoke" ]; then
	smoke=1
	shift
fi
[ $# -gt 0 ] || { echo "usage: $0 [--smoke] NAME..." >&2; exit 64; }
case "$secs$jobs$timeout" in
*[!0-9]*) echo "fuzz: FUZZ_SECONDS, FUZZ_JOBS and FUZZ_TIMEOUT are whole numbers" >&2; exit 64 ;;
esac
[ "$jobs" -ge 1 ] || jobs=1

# Leaks are failures too (libFuzzer turns LeakSanitizer on by itself, but
# say so); UB already aborts (-fno-sanitize-recover=all).
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

# The harnesses write each input to a file: somewhere in memory when there
# is such a place, removed after the run even when the harness crashed.
tmpbase=/dev/shm
[ -d "$tmpbase" ] && [ -w "$tmpbase" ] || tmpbase=${TMPDIR:-/tmp}

# What libFuzzer keeps: crash-, leak-, timeout- and oom- files (slow-unit-
# files only say an input was slow, and are not failures).
kept() {
	for f in "$out/crashes/$1"/crash-* "$out/crashes/$1"/leak-* \
		"$out/crashes/$1"/timeout-* "$out/crashes/$1"/oom-*; do
		[ -f "$f" ] && echo "$f"
	done
}

run_one() {
	name=$1
	work=$out/work/$name
	dict=""
	[ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
	rm -rf "$work" "$out/crashes/$name"
	mkdir -p "$work/corpus" "$out/crashes/$name"
	tmp=$(mktemp -d "$tmpbase/dorn-fuzz-run.XXXXXX") || return 1
	if [ "$smoke" -eq 1 ]; then
		# Files as arguments: each runs once, nothing is written back.
		# shellcheck disable=SC2086
		DORN_FUZZ_TMP=$tmp "$out/fuzz_$name" -timeout="$timeout" \
			-artifact_prefix="$out/crashes/$name/" $dict \
			"tests/fuzz/corpus/$name"/* >"$work/log" 2>&1
	else
		cp "tests/fuzz/corpus/$name"/* "$work/corpus/"
		# shellcheck disable=SC2086
		DORN_FUZZ_TMP=$tmp "$out/fuzz_$name" -max_total_time="$secs" \
			-timeout="$timeout" -rss_limit_mb=2048 -print_final_stats=1 \
			-artifact_prefix="$out/crashes/$name/" $dict \
			"$work/corpus" >"$work/log" 2>&1
	fi
	echo $? >"$work/rc"
	rm -rf "$tmp"
}

for name in "$@"; do
	if [ ! -x "$out/fuzz_$name" ]; then
		echo "fuzz: $out/fuzz_$name is missing: run make fuzz-build" >&2
		exit 1
	fi
done

if [ "$smoke" -eq 0 ]; then
	echo "fuzzing $# targets for ${secs}s each, $jobs at a time"
fi
running=0
for name in "$@"; do
	run_one "$name" &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait
		running=0
	fi
done
wait

failed=0
total=0
for name in "$@"; do
	work=$out/work/$name
	log=$work/log
	rc=$(cat "$work/rc" 2>/dev/null || echo 1)
	found=$(kept "$name")
	n=0
	[ -n "$found" ] && n=$(echo "$found" | wc -l)
	if [ "$smoke" -eq 1 ]; then
		runs=$(grep -c '^Running: ' "$log")
		total=$((total + runs))
		if [ "$rc" -ne 0 ] || [ "$n" -ne 0 ]; then
			echo "fuzz-smoke $name: FAILED (exit $rc) on its seeds"
		fi
	else
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
		rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
		printf '%-9s %12s executions %8s exec/s %3s crashes\n' \
			"$name" "${execs:-?}" "${rate:-?}" "$n"
	fi
	if [ "$rc" -ne 0 ] || [ "$n" -ne 0 ]; then
		failed=1
		# The first line that says what went wrong, then where the input is.
		grep -m 1 -E '^(==[0-9]+==ERROR|fuzz: |.*runtime error:|ALARM:|.*-- out-of-memory)' \
			"$log" | sed 's/^/    /'
		for f in $found; do
			echo "    input kept: $f"
		done
		[ "$n" -eq 0 ] && echo "    exit $rc with no input kept: see $log"
		echo "    log: $log"
	fi
done
if [ "$smoke" -eq 1 ] && [ "$failed" -eq 0 ]; then
	echo "fuzz-smoke: $total seed inputs over $# targets ran clean"
fi
exit "$failed"
