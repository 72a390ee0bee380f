-- dorn list --due-within 14: every case whose date that matters is today
-- to 14 days from today (src/app/case.c list_query).
.parameter set ?1 NULL
.parameter set ?2 NULL
.parameter set ?3 "'@today@'"
.parameter set ?4 "date('@today@', '+14 days')"
.parameter set ?5 -1
.read bench/sql/list.sql
