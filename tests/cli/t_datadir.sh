# The data folder: ./dorn finds data/ beside itself in the build tree when
# DORN_DATADIR is unset and nothing is installed; an empty DORN_DATADIR
# is refused, saying what to do. The Makefile exports DORN_DATADIR, so
# these tests put it aside and restore it.
saved_datadir=${DORN_DATADIR-}
installed=$(cat build/datadir.stamp 2>/dev/null)
beside=$(dirname "$DORN")/data

fresh datadir-beside
unset DORN_DATADIR
init
run 0 --db "$DB" check
if [ -f "$installed/offences.ini" ]; then
	# installed on this machine: that one comes first
	out_has "Data folder: $installed (installed)"
else
	out_has "Data folder: $beside (beside the program)"
fi
run 0 --db "$DB" import data/examples/*.ini; out_has "Imported 62/LM/4401923/26"
run 0 --db "$DB" note 62/LM/4401923/26

fresh datadir-empty
mkdir -p "$H/empty"
export DORN_DATADIR="$H/empty"
init
run 78 --db "$DB" import data/examples/names.ini
err_has "DORN_DATADIR"; err_has "make install"
run 78 --db "$DB" check
out_has "Data folder: none found"; err_has "DORN_DATADIR"; err_has "make install"

if [ -n "$saved_datadir" ]; then export DORN_DATADIR="$saved_datadir"; else unset DORN_DATADIR; fi
