-- dorn on PostgreSQL: what the reads need besides the tables (src/store/pg/read.c).
--
-- Clients read the tables themselves, as their own role, so row-level
-- security (90-security.sql) gives each only their units' rows; what is
-- here is the search (read as dorn_owner, for the caller's units only),
-- the indexes the case list pages along, and the two reads of the audit
-- log a client needs (which it may not read itself).

-- ---- the search ----
-- The index (case_search.doc and its tokens) is made with the table in
-- 10-tables.sql; here, the query and the read.

-- What was typed (folded by dorn_text_fold) as a tsquery: each word split
-- on spaces and tabs, its tokens a phrase whose last is a prefix, the
-- words AND-ed; NULL when no word holds a token (then doc @@ NULL matches
-- nothing, as FTS5 does). Every lexeme is quoted, and holds only letters
-- and digits anyway, so nothing typed is ever read as tsquery syntax.
-- SECURITY DEFINER only so that callers need no right to the internal
-- functions it uses: it reads no table.
CREATE FUNCTION search_query(p_typed text) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
	SELECT string_agg('(' || p.phrase || ')', ' & ' ORDER BY w.n)::tsquery
	FROM regexp_split_to_table(p_typed, '[ \t]+') WITH ORDINALITY AS w(word, n),
	LATERAL (SELECT string_agg('''' || replace(replace(t.tok, '\', '\\'), '''', '''''') ||
				   '''', ' <-> ' ORDER BY t.k) || ':*' AS phrase
		 FROM regexp_split_to_table(dorn._search_words(w.word), ' +')
		      WITH ORDINALITY AS t(tok, k)
		 WHERE t.tok <> '' AND octet_length(t.tok) < 2047) p
	WHERE p.phrase IS NOT NULL
$$;
REVOKE ALL ON FUNCTION search_query(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION search_query(text) TO dorn_officer, dorn_supervisor;

-- The ids of the caller's units' cases that match what was typed. A
-- client's own SELECT could not use doc's GIN index: under row-level
-- security a condition that is not leakproof (@@ is not) is tested only
-- after the policy's, row by row, so every case of the unit would be read
-- for each search. This reads the index as dorn_owner and keeps only the
-- caller's units' cases (my_units), which is all the policy would let
-- through. ROWS: a search usually matches a few.
CREATE FUNCTION search_cases(p_typed text) RETURNS SETOF bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 50
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	-- made once: in the query, a plan that tests rows one by one (as one
	-- made before the tables' statistics are) would make it for each row
	v_query tsquery := search_query(p_typed);
BEGIN
	RETURN QUERY SELECT s.case_id FROM case_search s JOIN "case" c ON c.id = s.case_id
		WHERE s.doc @@ v_query AND c.unit IN (SELECT my_units());
END
$$;
REVOKE ALL ON FUNCTION search_cases(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION search_cases(text) TO dorn_officer, dorn_supervisor;

-- ---- the case list's order ----
-- SQLite compares text byte by byte, and the list's keys use '~' as above
-- every date and URN; a server's collation need not (en_GB.UTF-8 ignores
-- '~' at its first level, so it sorts before '0'). So the list compares and
-- sorts with COLLATE "C", along these twins of SQLite's indexes in byte
-- order (the tables' own are in the database's collation, which serves
-- no COLLATE "C" order unless it is "C" itself). tests/pg/t_schema.sh
-- knows them as the server's own.
CREATE INDEX case_due_order_c ON case_due (date COLLATE "C", urn COLLATE "C", lo COLLATE "C",
					   case_id);
CREATE INDEX case_due_hi_c ON "case" (due_hi COLLATE "C", urn COLLATE "C");
CREATE INDEX case_urn_c ON "case" (urn COLLATE "C");

-- ---- reads of the audit log ----
-- A client may not read the audit log (90-security.sql); these give it the
-- two things it needs from it, of its own units' cases only.

-- The detail of every disclosure (export) of case p_case's notes, oldest
-- first, counted for a note id only after its last erasure (a unit's
-- database moved from SQLite may have given an erased note's id again).
-- Nothing for a case the caller may not see.
CREATE FUNCTION case_disclosures(p_case bigint) RETURNS TABLE (seq bigint, detail text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
	SELECT a.seq, a.detail FROM "case" c
	JOIN note n ON n.case_id = c.id
	JOIN audit a ON a.entity = 'note' AND a.entity_id = n.id AND a.action = 'disclose'
	WHERE c.id = p_case AND c.unit IN (SELECT dorn.my_units())
	  AND a.seq > coalesce((SELECT max(e.seq) FROM audit e WHERE e.entity = 'note'
				AND e.entity_id = n.id AND e.action = 'erase'), 0)
$$;
REVOKE ALL ON FUNCTION case_disclosures(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION case_disclosures(bigint) TO dorn_officer, dorn_supervisor;

-- For the worklist (sqlite/agenda.c): the ids of the notes exported since
-- the earliest approval still of use (a latest version approved for the
-- case as it is, a date to come or none known) among the caller's units'
-- cases, and only notes of those cases. Each approval is the note's last
-- audit row with a content digest; one from before the audit key (none)
-- gives 0: every row is read. No approval waiting: no rows.
CREATE FUNCTION agenda_exported(p_today text) RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
	WITH since AS (
		SELECT min(coalesce((SELECT max(a.seq) FROM audit a WHERE a.entity = 'note'
				     AND a.entity_id = n.id AND a.digest IS NOT NULL), 0)) AS seq
		FROM note n JOIN "case" c ON c.id = n.case_id AND c.note_version = n.version
		WHERE n.status = 'approved' AND n.case_version = c.version
		  AND (c.due_hi IS NULL OR c.due_hi COLLATE "C" >= p_today)
		  AND c.unit IN (SELECT dorn.my_units())
	)
	SELECT DISTINCT a.entity_id FROM since, audit a
	WHERE since.seq IS NOT NULL AND a.seq > since.seq AND a.action = 'disclose'
	  AND a.entity = 'note'
	  AND EXISTS (SELECT 1 FROM note n JOIN "case" c ON c.id = n.case_id
		      WHERE n.id = a.entity_id AND c.unit IN (SELECT dorn.my_units()))
$$;
REVOKE ALL ON FUNCTION agenda_exported(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agenda_exported(text) TO dorn_officer, dorn_supervisor;
