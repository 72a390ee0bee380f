-- The highest version of case p_case's note an export gave out (0: none),
-- a note id counting only from its last erasure on: why its URN may no
-- longer change (app/case.c). Of the caller's units' cases only, so an
-- officer, who may not read the audit log, learns this and nothing more.
CREATE FUNCTION note_exported(p_case bigint) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
	SELECT coalesce(max(n.version), 0) FROM "case" c
	JOIN note n ON n.case_id = c.id
	WHERE c.id = p_case AND c.unit IN (SELECT dorn.my_units())
	  AND EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'note' AND a.entity_id = n.id
		      AND a.action = 'disclose'
		      AND a.seq > coalesce((SELECT max(e.seq) FROM audit e WHERE e.entity = 'note'
					    AND e.entity_id = n.id AND e.action = 'erase'), 0))
$$;
REVOKE ALL ON FUNCTION note_exported(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION note_exported(bigint) TO dorn_officer, dorn_supervisor;
