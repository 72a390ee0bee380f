#!/bin/sh
# The rooms of dorn and what each may use, written once: here (and in
# README's "Layout"). `make check` runs this; it fails when a room includes
# a header of a room it must not use, a third-party library is touched
# outside its room, or a symbol of store/ is named outside store/ and app/.
#
#   tests/layering.sh [TREE]     check TREE (default: the repository)
#   tests/layering.sh --self-test   prove the check fails on planted faults
set -u

# Each public header in include/dorn/ belongs to one room.
room_of_header() {
	case "$1" in
	agenda.h | buf.h | doc.h | duties.h | err.h | fields.h | figures.h | hash.h | ics.h | \
	lineedit.h | list.h | model.h | note.h | order.h | outcome.h | record.h | retention.h | \
	review.h | rules.h | text.h | tmpl.h | urn.h | workdays.h) echo core ;;
	config.h | datafiles.h | offences.h) echo config ;;
	store.h) echo store ;;
	export.h | json.h) echo export ;;
	app.h | casefile.h) echo app ;;
	ui.h) echo ui ;;
	cli.h) echo cli ;;
	*) echo unknown ;;
	esac
}

# The rooms a room may include headers of (its own always).
may_use() {
	case "$1" in
	core) echo "core" ;;
	config) echo "core config" ;;
	store) echo "core store" ;;
	export) echo "core export" ;;
	app) echo "core config store export app" ;;
	ui) echo "core app ui" ;;
	cli) echo "core app ui cli" ;; # cli starts the terminal through ui.h
	main) echo "core app cli" ;;
	esac
}

# Third-party headers and the rooms (or files) that alone may include them.
lib_rooms() {
	case "$1" in
	sqlite3.h) echo "store/sqlite" ;;
	libpq-fe.h | libpq/* | pg_config*.h) echo "store/pg" ;;
	jansson.h | cairo.h | cairo-pdf.h | pango/* | fontconfig/*) echo "export" ;;
	curses.h | ncurses.h | ncursesw/curses.h | term.h) echo "ui" ;;
	iniparser.h | dictionary.h) echo "config" ;;
	openssl/*) echo "core/hash.c" ;;
	*) echo "" ;;
	esac
}

check_tree() {
	tree=$1
	bad=0
	for f in "$tree"/src/*.c "$tree"/src/*/*.c "$tree"/src/*/*.h "$tree"/src/*/*/*.c \
		"$tree"/src/*/*/*.h; do
		[ -f "$f" ] || continue
		rel=${f#"$tree"/src/}
		case "$rel" in
		*/*) room=${rel%%/*} ;;
		*) room=main ;;
		esac
		allowed=$(may_use "$room")
		if [ -z "$allowed" ]; then
			echo "layering: src/$rel: the room '$room' is not in tests/layering.sh: add it"
			bad=1
			continue
		fi
		# Public headers of other rooms.
		for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"dorn\/\([^"]*\)".*/\1/p' "$f"); do
			hr=$(room_of_header "$h")
			case " $allowed " in
			*" $hr "*) ;;
			*)
				echo "layering: src/$rel includes dorn/$h (room $hr), which $room/ must not use; it may use: $allowed"
				bad=1
				;;
			esac
		done
		# Another room's private headers. A file one folder down (an
		# engine of the store) may include its room's own ("../engine.h"),
		# never a header of another folder ("../../", "../sqlite/").
		case "$rel" in
		*/*/*) outside='"\.\./(\.\./|[^"]*/)' ;;
		*) outside='"\.\./' ;;
		esac
		if grep -En '^[[:space:]]*#[[:space:]]*include[[:space:]]*'"$outside" "$f" >/dev/null; then
			echo "layering: src/$rel includes a header of another room's folder: use that room's public header"
			bad=1
		fi
		# Third-party libraries.
		for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*<\([^>]*\)>.*/\1/p' "$f"); do
			owners=$(lib_rooms "$h")
			[ -n "$owners" ] || continue
			ok=0
			for o in $owners; do
				case "$rel" in
				"$o" | "$o"/*) ok=1 ;;
				esac
			done
			if [ $ok = 0 ]; then
				echo "layering: src/$rel includes <$h>, which only $owners may use"
				bad=1
			fi
		done
		# The store's functions are app/'s to call.
		case "$room" in
		store | app) ;;
		*)
			if grep -n 'dorn_store_[a-z_]*' "$f" >/dev/null; then
				grep -n -o 'dorn_store_[a-z_]*' "$f" | head -n 3 | while IFS=: read -r line sym; do
					echo "layering: src/$rel:$line names $sym, a symbol of store/: call app/ instead"
				done
				bad=1
			fi
			;;
		esac
	done
	return $bad
}

self_test() {
	t=$(mktemp -d) || exit 1
	trap 'rm -rf "$t"' EXIT
	fails=0
	plant() { # what, file, line to append
		rm -rf "$t/tree" && mkdir -p "$t/tree" && cp -R src include "$t/tree/"
		printf '%s\n' "$3" >>"$t/tree/$2"
		if check_tree "$t/tree" >"$t/out" 2>&1; then
			echo "layering self-test: a planted fault ($1) was not found"
			fails=$((fails + 1))
		fi
	}
	plant "ui includes store.h" src/ui/home.c '#include "dorn/store.h"'
	plant "cli names a store symbol" src/cli/cmd_case.c 'static void *x = (void *)dorn_store_close;'
	plant "export includes app.h" src/export/json.c '#include "dorn/app.h"'
	plant "core includes sqlite3.h" src/core/text.c '#include <sqlite3.h>'
	plant "ui includes pango" src/ui/home.c '#include <pango/pangocairo.h>'
	plant "ui reaches into store's private header" src/ui/ui.c '#include "../store/priv.h"'
	plant "the store's room includes sqlite3.h outside its engine" src/store/store.c '#include <sqlite3.h>'
	plant "the SQLite engine includes libpq" src/store/sqlite/case.c '#include <libpq-fe.h>'
	plant "one engine reaches into the other's header" src/store/pg/conn.c '#include "../sqlite/priv.h"'
	rm -rf "$t/tree" && mkdir -p "$t/tree" && cp -R src include "$t/tree/"
	if ! check_tree "$t/tree" >"$t/out" 2>&1; then
		echo "layering self-test: the unchanged tree fails:"
		cat "$t/out"
		fails=$((fails + 1))
	fi
	if [ $fails -gt 0 ]; then
		echo "layering self-test: $fails failed"
		exit 1
	fi
	echo "layering self-test: 10 passed, 0 failed"
}

if [ "${1:-}" = --self-test ]; then
	self_test
	exit 0
fi
if check_tree "${1:-.}"; then
	echo "layering: every room uses only the rooms it may"
else
	exit 1
fi
