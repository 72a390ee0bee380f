# Messages: whatever a user typed or a file held, nothing reaches the
# terminal raw. Each message is one line on standard error, and a control
# character in it (ESC, BEL, DEL, the C1 CSI, a tab, malformed UTF-8) shows
# as '?' or a space, never as itself, so no escape sequence can colour the
# terminal, retitle its window or clear the screen.

fresh messages
init
ESC=$(printf '\033')
BEL=$(printf '\007')
DEL=$(printf '\177')
CSI1=$(printf '\302\233') # U+009B, the one-character CSI, in UTF-8

# no_controls: stderr holds no C0 control but the line ends, no DEL and no
# C1 control (checked on the bytes, whatever the locale)
no_controls() {
	if LC_ALL=C grep -q -P '[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$T/err"; then
		bad "a control character on stderr: $(od -c "$T/err" | head -4)"
	else
		ok
	fi
}
one_line() { if [ "$(wc -l <"$T/err")" -eq 1 ]; then ok; else bad "stderr is not one line"; fi; }

# --as and staff add echo the login they refuse (exit 64 and 65, dorn(1))
name=as-escape
run 64 --db "$DB" --as "${ESC}[31mx" list
err_has "'?\[31mx' is not a login name"; no_controls; one_line
name=staff-add-osc
run 65 --db "$DB" staff add "a${ESC}]0;x${BEL}" --name N --role officer
err_has "'a?\]0;x?' is not a login name"; no_controls; one_line
name=staff-add-c1-del-bad-utf8
run 65 --db "$DB" staff add "a${CSI1}2J${DEL}$(printf '\377')b" --name N --role officer
err_has "'a?2J??b' is not a login name"; no_controls; one_line

# usage messages echo what was typed
name=usage-escape
run 64 --db "$DB" list "--x${ESC}[2J"; err_has "unknown option '--x?\[2J'"; no_controls
run 64 --db "$DB" list --status "${ESC}[2Jdone"; err_has "not '?\[2Jdone'"; no_controls
run 64 --db "$DB" list "$(printf 'a\tb\nc')"; err_has "unexpected argument 'a b c'"; no_controls

# a file name and a path
name=path-escape
run 66 --db "$DB" import "$H/x${ESC}[2J.ini"; no_controls
run 66 --db "$H/no${ESC}]0;t${BEL}/dorn.db" list; no_controls
mkdir -p "$H/a${ESC}[7m"
run 0 --db "$DB" backup "$H/a${ESC}[7m/copy.db"; out_has "a?\[7m/copy.db"
if LC_ALL=C grep -q -P '\x1b' "$T/out"; then bad "ESC on stdout"; else ok; fi

# dorn verify: the folder's path and a stray file's name reach the terminal
# without their escape sequences
fresh verifymask
D="$H/out$(printf '\033[31m')"
mkdir -p "$D"
printf 'x' >"$D/a.txt"
(cd "$D" && sha256sum a.txt >SHA256SUMS)
run 0 verify "$D"
if grep -qP '[\x1b\x07]' "$T/out" "$T/err"; then bad "dorn verify echoed the path's escape sequence"; else ok; fi
out_has "out?\[31m match"
printf 'y' >"$D/$(printf 'evil\033]0;t\007')"
run 65 verify "$D"
if grep -qP '[\x1b\x07]' "$T/out" "$T/err"; then bad "dorn verify echoed an escape sequence from a file name"; else ok; fi
out_has "not listed in SHA256SUMS"
