-- The first screen of the terminal interface: the home screen reads the
-- first HOME_FIRST_ROWS (200, src/ui/home.c) rows plus one, to know that
-- there are more.
.parameter set ?1 NULL
.parameter set ?2 NULL
.parameter set ?3 "'@today@'"
.parameter set ?4 NULL
.parameter set ?5 201
.read bench/sql/list.sql
