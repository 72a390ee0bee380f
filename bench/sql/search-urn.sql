-- dorn list --search URN [--limit 50]: one case, found by its URN, as
-- fts_query (src/store/case.c) turns it into FTS5: "URN"*
.parameter set ?1 NULL
.parameter set ?2 "'\"@urn@\"*'"
.parameter set ?3 "'@today@'"
.parameter set ?4 NULL
.parameter set ?5 @limit@
.read bench/sql/list.sql
