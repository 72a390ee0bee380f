#!/bin/sh
# Command-line tests: every exit code dorn promises, with the message a user
# would read, and golden output. Each test runs in its own HOME; nothing here
# touches the user's files. Usage: tests/cli/run.sh ./dorn
set -u
DORN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. tests/cli/lib.sh
for t in tests/cli/t_*.sh; do
	. "$t"
done
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
