-- dorn list --limit 50: the first page of the case list. @limit@ is 50,
-- or -1 (every case) when this dorn has no --limit yet.
.parameter set ?1 NULL
.parameter set ?2 NULL
.parameter set ?3 "'@today@'"
.parameter set ?4 NULL
.parameter set ?5 @limit@
.read bench/sql/list.sql
