#!/bin/sh
# Run each test binary given; report each, fail if any failed.
fail=0
for t in "$@"; do
	"$t" || { echo "FAILED: $t" >&2; fail=1; }
done
exit $fail
