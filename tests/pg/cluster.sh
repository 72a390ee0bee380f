#!/bin/sh
# A throwaway PostgreSQL cluster for the tests and make bench-pg: initdb
# and pg_ctl of Debian's postgresql package, run as an unprivileged user
# (the package's 'postgres' when we are root, else ourselves), listening on
# no TCP port, only on a Unix socket in DIR, with trust on that socket
# (DIR is private: mode 0700). Nothing of it outlives 'stop'.
#
#   tests/pg/cluster.sh start DIR   make and start it; prints the
#                                   administrator's connection string
#   tests/pg/cluster.sh stop DIR    stop it and remove DIR
#   tests/pg/cluster.sh why         why it cannot run here (exit 1), or
#                                   nothing (exit 0)
#
# The administrator role is dorn_dba (a superuser, as the force's database
# administrator would be); dorn's own roles are made by 'dorn init --server'.
set -u

bindir() {
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
		[ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
	done
	return 1
}

as_owner() { # run "$@" as the cluster's owner
	if [ "$(id -u)" -eq 0 ]; then
		su -s /bin/sh postgres -c "$(printf '%s ' "$@")"
	else
		"$@"
	fi
}

why() {
	if ! bindir >/dev/null; then
		echo "the PostgreSQL server (initdb, pg_ctl) is not installed: as root, 'sh scripts/deps.sh' installs it (package postgresql)"
		return 1
	fi
	if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
		echo "there is no 'postgres' user to run the server as"
		return 1
	fi
	return 0
}

case "${1:-}" in
why)
	why
	exit $?
	;;
start)
	dir=${2:?usage: cluster.sh start DIR}
	w=$(why) || { echo "pg cluster: $w" >&2; exit 1; }
	bin=$(bindir)
	mkdir -p "$dir" && chmod 0700 "$dir" || exit 1
	[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
	as_owner "$bin/initdb" -D "$dir/data" -U dorn_dba --auth-local=trust --auth-host=reject \
		-E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
		echo "pg cluster: initdb failed:" >&2
		cat "$dir/initdb.log" >&2
		exit 1
	}
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "\"-c listen_addresses= -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=150\"" \
		start >"$dir/pg_ctl.log" 2>&1 || {
		echo "pg cluster: the server did not start:" >&2
		cat "$dir/pg_ctl.log" "$dir/server.log" >&2
		exit 1
	}
	echo "host=$dir user=dorn_dba dbname=postgres"
	;;
stop)
	dir=${2:?usage: cluster.sh stop DIR}
	if [ -d "$dir/data" ] && bin=$(bindir); then
		as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
	fi
	rm -rf "$dir"
	;;
*)
	echo "usage: tests/pg/cluster.sh start DIR | stop DIR | why" >&2
	exit 64
	;;
esac
