-- The case list: dorn_store_case_each in src/store/case.c, word for word.
-- Every list measure (first screen, dorn list, --due-within, --search)
-- reads this file with its own parameters (the other files here). When
-- the list SQL in src/store/case.c changes, paste the new statement here;
-- bench/run.sh warns when this text is no longer in ./dorn.
-- Parameters: ?1 note status or NULL, ?2 FTS5 match or NULL, ?3 today,
-- ?4 last due date or NULL, ?5 row limit (-1: all).
WITH d AS (SELECT c.id, c.urn,
   coalesce(min(CASE WHEN c.next_hearing >= ?3 THEN c.next_hearing END,
                CASE WHEN c.sentencing_date >= ?3 THEN c.sentencing_date END),
            CASE WHEN c.next_hearing >= ?3 THEN c.next_hearing END,
            CASE WHEN c.sentencing_date >= ?3 THEN c.sentencing_date END,
            max(c.next_hearing, c.sentencing_date), c.next_hearing,
            c.sentencing_date) AS due
   FROM "case" c
   WHERE (?2 IS NULL OR c.id IN (SELECT rowid FROM case_search
       WHERE case_search MATCH ?2))
     AND (?1 IS NULL OR coalesce((SELECT status FROM note t WHERE t.case_id = c.id
       ORDER BY version DESC LIMIT 1), 'none') = ?1)),
 p AS (SELECT * FROM d WHERE ?4 IS NULL OR (due >= ?3 AND due <= ?4)
   ORDER BY CASE WHEN ?3 IS NULL THEN 0 ELSE due IS NULL END,
            CASE WHEN ?3 IS NULL THEN 0 ELSE due < ?3 END,
            CASE WHEN ?3 IS NULL THEN NULL ELSE due END, urn LIMIT ?5)
 SELECT p.id, p.urn, coalesce(v.reference, ''), substr(c.defendant, 1, 60),
 coalesce((SELECT code FROM case_offence o WHERE o.case_id = p.id
   ORDER BY position LIMIT 1), ''),
 coalesce(c.next_hearing, ''), coalesce(c.sentencing_date, ''),
 coalesce(min(c.next_hearing, c.sentencing_date), c.next_hearing,
   c.sentencing_date, ''),
 coalesce((SELECT status FROM note t WHERE t.case_id = p.id
   ORDER BY version DESC LIMIT 1), 'none'),
 coalesce((SELECT max(version) FROM note t WHERE t.case_id = p.id), 0)
 FROM p JOIN "case" c ON c.id = p.id LEFT JOIN victim v ON v.case_id = p.id
 ORDER BY CASE WHEN ?3 IS NULL THEN 0 ELSE p.due IS NULL END,
          CASE WHEN ?3 IS NULL THEN 0 ELSE p.due < ?3 END,
          CASE WHEN ?3 IS NULL THEN NULL ELSE p.due END, p.urn;
