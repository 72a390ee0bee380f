-- dorn list --search afraid [--limit 50]: a word in about a third of the
-- cases, as fts_query (src/store/case.c) turns it into FTS5: "afraid"*
.parameter set ?1 NULL
.parameter set ?2 "'\"afraid\"*'"
.parameter set ?3 "'@today@'"
.parameter set ?4 NULL
.parameter set ?5 @limit@
.read bench/sql/list.sql
