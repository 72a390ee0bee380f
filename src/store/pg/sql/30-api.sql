-- dorn on PostgreSQL: every write a client can make, each one call of a
-- SECURITY DEFINER function owned by dorn_owner (src/store/pg/write.c makes
-- the calls). Clients cannot write a table themselves (90-security.sql), so
-- these functions are the rules, whatever the client: each finds the caller
-- by session_user (_me), refuses another unit's case as if it were not
-- there, checks the role a write needs in the staff table AND in the
-- database's own group roles, keeps the derived rows in step (the case
-- list's dates and note status, the search row, the figure row, the note's
-- authors) and appends the audit row LAST (_audit, 20-audit.sql), in the
-- caller's transaction, so its content digest is of what the write left.
--
-- The SQLite engine (src/store/sqlite/) is the specification: the same
-- rows, the same audit rows (action, entity, entity_id, reason, detail),
-- the same messages. A message raised here is for the user and is shown as
-- it is (pg_fail); its SQLSTATE gives the exit code:
--   DNCON changed meanwhile (75)  DNRUL refused by a rule (69)
--   DNNOI no such record (66)     DNDAT bad data (65)
--   DNUSE bad request (64)        DNPRM not allowed (77)
--
-- Functions whose name starts with '_' are internal: no role but
-- dorn_owner may call them.

-- ---- helpers ----

-- "YYYY-MM-DDTHH:MM:SSZ", UTC, as the SQLite engine's store_now.
CREATE FUNCTION _now() RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = dorn, pg_catalog
AS $$
BEGIN
	RETURN (SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
END
$$;

-- The URN as people write it (dorn_urn_display): 14WC2041726 is
-- 14/WC/20417/26; anything not normalised is shown as it is.
CREATE FUNCTION _urn_shown(p_urn text) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
	SELECT CASE WHEN length(p_urn) IN (11, 13) THEN
		substr(p_urn, 1, 2) || '/' || substr(p_urn, 3, 2) || '/' ||
		substr(p_urn, 5, length(p_urn) - 6) || '/' || substr(p_urn, length(p_urn) - 1, 2)
	ELSE coalesce(p_urn, '') END
$$;

-- The text cut to at most p_bytes bytes, at a character boundary (the C
-- engine's cut of a reason to a column's limit).
CREATE FUNCTION _cut(p_text text, p_bytes int) RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v text := left(coalesce(p_text, ''), p_bytes);
BEGIN
	WHILE octet_length(v) > p_bytes LOOP
		v := left(v, -1);
	END LOOP;
	RETURN v;
END
$$;

-- The caller as a supervisor, or refused: the staff record says so and
-- the database login is a member of dorn_supervisor (a role granted by
-- 'dorn staff add' and taken away by 'dorn staff update').
CREATE FUNCTION _supervisor(p_what text) RETURNS staff
LANGUAGE plpgsql STABLE
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_me staff := _me();
BEGIN
	IF v_me.role <> 'supervisor' OR NOT pg_has_role(session_user, 'dorn_supervisor', 'MEMBER') THEN
		RAISE EXCEPTION USING ERRCODE = 'DNPRM', MESSAGE = format(
			'only a supervisor can %s, and ''%s'' is an officer: ask a supervisor',
			p_what, session_user);
	END IF;
	RETURN v_me;
END
$$;

-- The unit a new case or a new member of staff goes to: the one asked for
-- (p_unit, else the session's dorn.unit, which a client sets from
-- [database] unit), which must be one of the caller's; or, when none is
-- asked for, the caller's only unit.
CREATE FUNCTION _unit_for(p_unit text) RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_me staff := _me();
	v_want text := nullif(coalesce(p_unit, current_setting('dorn.unit', true)), '');
	v_units text[];
BEGIN
	SELECT array_agg(u.unit ORDER BY u.unit COLLATE "C") INTO v_units
	FROM staff_unit u WHERE u.staff_id = v_me.id;
	IF v_want IS NOT NULL THEN
		IF v_units IS NULL OR NOT v_want = ANY (v_units) THEN
			RAISE EXCEPTION USING ERRCODE = 'DNPRM', MESSAGE = format(
				'you are not a member of unit %s (your units: %s): set [database] '
				'unit in dorn.ini to one of yours', v_want,
				coalesce(array_to_string(v_units, ', '), 'none'));
		END IF;
		RETURN v_want;
	END IF;
	IF v_units IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'DNPRM', MESSAGE = format(
			'''%s'' is a member of no unit: ask a supervisor of your unit to add you',
			session_user);
	END IF;
	IF array_length(v_units, 1) > 1 THEN
		RAISE EXCEPTION USING ERRCODE = 'DNUSE', MESSAGE = format(
			'you are a member of several units (%s): set [database] unit in dorn.ini',
			array_to_string(v_units, ', '));
	END IF;
	RETURN v_units[1];
END
$$;

-- Every write takes the audit log's head first, as its first step: the
-- row it will chain on, which _audit locks anyway and holds to the end of
-- the transaction. Taken first, it is always taken before any case's row,
-- so writers queue on it in one order and never deadlock (a transaction
-- that saves two cases against one that saves one of them would, if each
-- held a case and waited for the head).
CREATE FUNCTION _writer() RETURNS void
LANGUAGE plpgsql
SET search_path = dorn, pg_catalog
AS $$
BEGIN
	PERFORM 1 FROM audit_head WHERE one FOR UPDATE;
END
$$;

-- Case p_id, locked for the rest of the transaction, when it is one of the
-- caller's units'; otherwise p_missing is raised (DNNOI): another unit's
-- case is answered as a case that is not there.
CREATE FUNCTION _case_mine(p_id bigint, p_missing text) RETURNS "case"
LANGUAGE plpgsql
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v "case";
BEGIN
	SELECT * INTO v FROM "case" WHERE id = p_id FOR UPDATE;
	IF NOT FOUND OR NOT _in_unit(v.unit) THEN
		RAISE EXCEPTION USING ERRCODE = 'DNNOI', MESSAGE = p_missing;
	END IF;
	RETURN v;
END
$$;

-- Whether the member of staff p_staff shares a unit with the caller.
CREATE FUNCTION _shares_unit(p_staff bigint) RETURNS boolean
LANGUAGE plpgsql STABLE
SET search_path = dorn, pg_catalog
AS $$
BEGIN
	RETURN (SELECT EXISTS (SELECT 1 FROM staff_unit u WHERE u.staff_id = p_staff AND _in_unit(u.unit)));
END
$$;

-- ---- derived rows, kept in step inside the writing transaction ----

-- The case's figure row (no personal data) as its tables say it is now:
-- STORE_FIGURE_SELECT of src/store/sqlite/priv.h, plus the case's unit,
-- which the row keeps after the case is erased.
CREATE FUNCTION _figure_sync(p_case_id bigint) RETURNS void
LANGUAGE plpgsql
SET search_path = dorn, pg_catalog
AS $$
BEGIN
	INSERT INTO figure (case_id, officer, offences, child, concern, approved, exported,
			    hearing, outcome, items, sought, made, refused, not_sought, returned,
			    held, unit)
	SELECT c.id,
	       coalesce((SELECT s.login FROM staff s WHERE s.id = c.created_by), ''),
	       coalesce((SELECT string_agg(o.code, ',' ORDER BY o.position) FROM case_offence o
			 WHERE o.case_id = c.id), ''),
	       coalesce((SELECT (v.under_18_at_images = 'yes')::int FROM victim v
			 WHERE v.case_id = c.id), 0),
	       substr(c.created, 1, 10),
	       (SELECT substr(min(n.reviewed COLLATE "C"), 1, 10) FROM note n
		WHERE n.case_id = c.id AND n.status = 'approved'),
	       (SELECT substr(min(a.time COLLATE "C"), 1, 10) FROM note n JOIN audit a
		  ON a.entity_id = n.id AND a.action = 'disclose' AND a.entity = 'note'
		WHERE n.case_id = c.id AND n.status = 'approved'),
	       coalesce(c.sentencing_date, c.next_hearing),
	       (SELECT u.date FROM outcome u WHERE u.case_id = c.id),
	       (SELECT count(*) FROM item i WHERE i.case_id = c.id),
	       (SELECT count(*) FROM item i WHERE i.case_id = c.id
		  AND i.result IN ('order_made', 'forfeiture', 'refused')),
	       (SELECT count(*) FROM item i WHERE i.case_id = c.id
		  AND i.result IN ('order_made', 'forfeiture')),
	       (SELECT count(*) FROM item i WHERE i.case_id = c.id AND i.result = 'refused'),
	       (SELECT count(*) FROM item i WHERE i.case_id = c.id AND i.result = 'not_sought'),
	       (SELECT count(*) FROM item i WHERE i.case_id = c.id AND i.result = 'returned'),
	       (SELECT count(*) FROM item i WHERE i.case_id = c.id AND i.result = 'held'),
	       c.unit
	FROM "case" c WHERE c.id = p_case_id
	ON CONFLICT (case_id) DO UPDATE SET officer = excluded.officer,
		offences = excluded.offences, child = excluded.child, concern = excluded.concern,
		approved = excluded.approved, exported = excluded.exported,
		hearing = excluded.hearing, outcome = excluded.outcome, items = excluded.items,
		sought = excluded.sought, made = excluded.made, refused = excluded.refused,
		not_sought = excluded.not_sought, returned = excluded.returned,
		held = excluded.held, unit = excluded.unit;
END
$$;

-- The case keeps its latest note version's status and number (the case
-- list shows and filters on them), as NOTE_SYNC_SQL in note.c.
CREATE FUNCTION _note_sync(p_case_id bigint) RETURNS void
LANGUAGE plpgsql
SET search_path = dorn, pg_catalog
AS $$
BEGIN
	UPDATE "case" c SET
		note_status = coalesce((SELECT n.status FROM note n WHERE n.case_id = c.id
					ORDER BY n.version DESC LIMIT 1), 'none'),
		note_version = coalesce((SELECT max(n.version) FROM note n WHERE n.case_id = c.id), 0)
	WHERE c.id = p_case_id;
END
$$;

-- The caller as an author of the case's open note version (the draft's,
-- else the one after the latest frozen version, else 1), unless they are
-- one already: each author keeps their first change. A version after a
-- returned one first takes that version's authors. As sq_note_author_add.
CREATE FUNCTION _author_add(p_case_id bigint, p_act text, p_how text) RETURNS void
LANGUAGE plpgsql
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_me staff := _me();
	v_version bigint := 1;
	v_status text;
	v_after boolean := false;
BEGIN
	IF p_act NOT IN ('collect', 'alter', 'draft', 'submit') THEN
		RAISE EXCEPTION USING ERRCODE = 'DNUSE', MESSAGE = format(
			'%s is not a way of writing a note (collect, alter, draft or submit)', p_act);
	END IF;
	SELECT n.version, n.status INTO v_version, v_status FROM note n
	WHERE n.case_id = p_case_id ORDER BY n.version DESC LIMIT 1;
	IF NOT FOUND THEN
		v_version := 1;
	ELSIF v_status <> 'draft' THEN
		v_after := v_status = 'returned';
		v_version := v_version + 1;
	ELSIF v_version > 1 THEN
		-- A draft after a returned version carries its authors too; they
		-- were copied when it began, so asking again is cheap.
		v_after := true;
	END IF;
	IF v_after THEN
		INSERT INTO note_author (case_id, version, staff_id, first_change, act, how,
					 since_version)
		SELECT a.case_id, v_version, a.staff_id, a.first_change, a.act, a.how,
		       a.since_version
		FROM note_author a
		WHERE a.case_id = p_case_id AND a.version = v_version - 1
		  AND EXISTS (SELECT 1 FROM note n WHERE n.case_id = p_case_id
			      AND n.version = v_version - 1 AND n.status = 'returned')
		ORDER BY a.since_version, a.id
		ON CONFLICT (case_id, version, staff_id) DO NOTHING;
	END IF;
	INSERT INTO note_author (case_id, version, staff_id, first_change, act, how, since_version)
	VALUES (p_case_id, v_version, v_me.id, _now(), p_act, _cut(p_how, 200), v_version)
	ON CONFLICT (case_id, version, staff_id) DO NOTHING;
END
$$;

-- ---- cases ----

-- Save a case whole (dorn_store_case_put): a new one (id 0) is collected
-- into the caller's unit (_unit_for: p_case's "unit", the session's
-- dorn.unit, or their only one); an existing one, which must be in one of
-- the caller's units and still at the version the caller loaded, is
-- altered and every part of it replaced. p_case holds, by column name:
--   id, version, unit (optional), steps_saved,
--   "case" {its fields}, offences [codes], victim {fields} or null,
--   concern {fields}, outcome {fields} or null, items [{position, fields}],
--   search {defendant, victim_ref, victim_name, victim_words} folded as the
--   client's dorn_text_fold folds them (the search's own terms are).
-- The list's dates (case_due, due_lo, due_hi) are worked out here from the
-- two dates, as dorn_due_span does.
CREATE FUNCTION case_save(p_case jsonb, p_reason text,
			  OUT o_id bigint, OUT o_version bigint, OUT o_updated text)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_me staff := _me();
	v_now text;
	v_id bigint := coalesce((p_case->>'id')::bigint, 0);
	v_c "case" := jsonb_populate_record(NULL::"case", coalesce(p_case->'case', '{}'));
	v_old record;
	v_lo text;
	v_hi text;
	v_steps bigint := coalesce((p_case->>'steps_saved')::bigint, 0) & 255;
	v_item jsonb;
	v_search jsonb := coalesce(p_case->'search', '{}');
	v_action text;
BEGIN
	IF v_c.urn IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'DNDAT', MESSAGE = 'a case needs its URN';
	END IF;
	PERFORM _writer();
	v_now := _now();
	v_lo := least(v_c.next_hearing COLLATE "C", v_c.sentencing_date COLLATE "C");
	v_hi := greatest(v_c.next_hearing COLLATE "C", v_c.sentencing_date COLLATE "C");
	IF v_id = 0 THEN
		IF EXISTS (SELECT 1 FROM "case" WHERE urn = v_c.urn) THEN
			RAISE EXCEPTION USING ERRCODE = 'DNDAT', MESSAGE = format(
				'a case with URN %s exists already', _urn_shown(v_c.urn));
		END IF;
		INSERT INTO "case" (urn, defendant, court, stage, next_hearing, next_hearing_type,
				    sentencing_date, officer_in_case, lawyer, charged_by, arrest_date,
				    defence_position, due_lo, due_hi, created_by, created, updated_by,
				    updated, version, steps_saved, unit)
		VALUES (v_c.urn, v_c.defendant, v_c.court, v_c.stage, v_c.next_hearing,
			v_c.next_hearing_type, v_c.sentencing_date, v_c.officer_in_case, v_c.lawyer,
			v_c.charged_by, v_c.arrest_date, v_c.defence_position, v_lo, v_hi, v_me.id,
			v_now, v_me.id, v_now, 1, v_steps, _unit_for(p_case->>'unit'))
		RETURNING id, version INTO o_id, o_version;
		v_action := 'collect';
	ELSE
		-- Optimistic locking: refuse to overwrite a change made since the
		-- caller loaded the case (the row is locked until commit, so two
		-- saves of one version cannot both pass).
		PERFORM _case_mine(v_id, 'the case was deleted meanwhile');
		SELECT c.version, c.updated, s.login, s.name INTO v_old
		FROM "case" c JOIN staff s ON s.id = c.updated_by WHERE c.id = v_id;
		IF v_old.version <> coalesce((p_case->>'version')::bigint, 0) THEN
			RAISE EXCEPTION USING ERRCODE = 'DNCON', MESSAGE = format(
				'case %s was changed by %s (%s) at %s, after you opened it: nothing '
				'was saved; reopen the case to see their changes', _urn_shown(v_c.urn),
				v_old.name, v_old.login, v_old.updated);
		END IF;
		-- A new URN (dorn rename) taken by a case of any unit.
		IF EXISTS (SELECT 1 FROM "case" WHERE urn = v_c.urn AND id <> v_id) THEN
			RAISE EXCEPTION USING ERRCODE = 'DNDAT', MESSAGE = format(
				'a case with URN %s exists already: nothing was changed',
				_urn_shown(v_c.urn));
		END IF;
		UPDATE "case" SET urn = v_c.urn, defendant = v_c.defendant, court = v_c.court,
			stage = v_c.stage, next_hearing = v_c.next_hearing,
			next_hearing_type = v_c.next_hearing_type,
			sentencing_date = v_c.sentencing_date, officer_in_case = v_c.officer_in_case,
			lawyer = v_c.lawyer, charged_by = v_c.charged_by, arrest_date = v_c.arrest_date,
			defence_position = v_c.defence_position, due_lo = v_lo, due_hi = v_hi,
			updated_by = v_me.id, updated = v_now, version = version + 1,
			steps_saved = v_steps
		WHERE id = v_id
		RETURNING id, version INTO o_id, o_version;
		v_action := 'alter';
	END IF;
	-- The parts other than the case's own row: replaced whole.
	DELETE FROM case_offence WHERE case_id = o_id;
	DELETE FROM victim WHERE case_id = o_id;
	DELETE FROM concern WHERE case_id = o_id;
	DELETE FROM outcome WHERE case_id = o_id;
	DELETE FROM item WHERE case_id = o_id;
	DELETE FROM case_search WHERE case_id = o_id;
	DELETE FROM case_due WHERE case_id = o_id;
	INSERT INTO case_offence (case_id, code, position)
	SELECT o_id, e.code, e.n - 1
	FROM jsonb_array_elements_text(coalesce(p_case->'offences', '[]')) WITH ORDINALITY
		AS e(code, n);
	-- The interview may save the case before anyone asked for a reference.
	IF jsonb_typeof(p_case->'victim') = 'object' THEN
		INSERT INTO victim SELECT * FROM jsonb_populate_record(NULL::victim,
			p_case->'victim' || jsonb_build_object('case_id', o_id));
	END IF;
	INSERT INTO concern SELECT * FROM jsonb_populate_record(NULL::concern,
		coalesce(p_case->'concern', '{}') || jsonb_build_object('case_id', o_id));
	-- No row until something of the outcome is recorded.
	IF jsonb_typeof(p_case->'outcome') = 'object' THEN
		INSERT INTO outcome SELECT * FROM jsonb_populate_record(NULL::outcome,
			p_case->'outcome' || jsonb_build_object('case_id', o_id));
	END IF;
	FOR v_item IN SELECT e FROM jsonb_array_elements(coalesce(p_case->'items', '[]'))
			WITH ORDINALITY AS x(e, n) ORDER BY n LOOP
		INSERT INTO item OVERRIDING USER VALUE SELECT * FROM jsonb_populate_record(NULL::item,
			v_item || jsonb_build_object('case_id', o_id));
	END LOOP;
	-- One row per distinct date: the list finds the case by either.
	IF v_lo IS NOT NULL THEN
		INSERT INTO case_due (case_id, date, urn, lo) VALUES (o_id, v_lo, v_c.urn, v_lo);
		IF v_hi <> v_lo THEN
			INSERT INTO case_due (case_id, date, urn, lo) VALUES (o_id, v_hi, v_c.urn, v_lo);
		END IF;
	END IF;
	INSERT INTO case_search (case_id, urn, defendant, victim_ref, victim_name, victim_words)
	VALUES (o_id, v_c.urn || ' ' || _urn_shown(v_c.urn),
		coalesce(v_search->>'defendant', _fold(v_c.defendant), ''),
		coalesce(v_search->>'victim_ref', _fold(p_case->'victim'->>'reference'), ''),
		coalesce(v_search->>'victim_name', _fold(p_case->'victim'->>'name'), ''),
		coalesce(v_search->>'victim_words', _fold(p_case->'concern'->>'victim_words'), ''));
	PERFORM _figure_sync(o_id);
	-- Whoever changes the case writes the note version that is open now
	-- (or the next one), in this same transaction, so no path that changes
	-- a case can leave its author out (four eyes).
	PERFORM _author_add(o_id, v_action, p_reason);
	o_updated := v_now;
	PERFORM _audit(v_action, 'case', o_id, '', p_reason, '');
END
$$;

-- What is recorded after the hearing (dorn_store_outcome_put): the
-- outcome part (p_outcome, null: none) and each item's result, reason and
-- next step (p_items [{position, result, result_reason, result_next}]),
-- nothing else of the case; p_outcome_version must be the one the caller
-- loaded. Returns the new one.
CREATE FUNCTION outcome_save(p_case_id bigint, p_outcome_version bigint, p_outcome jsonb,
			     p_items jsonb, p_reason text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_me staff := _me();
	v_case "case";
	v_item jsonb;
	v_version bigint;
BEGIN
	PERFORM _writer();
	v_case := _case_mine(p_case_id, 'the case was erased meanwhile');
	UPDATE "case" SET outcome_version = coalesce(outcome_version, 0) + 1, updated = _now(),
		updated_by = v_me.id
	WHERE id = p_case_id AND coalesce(outcome_version, 0) = coalesce(p_outcome_version, 0)
	RETURNING outcome_version INTO v_version;
	IF NOT FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'DNCON', MESSAGE = format(
			'the outcome of %s was changed by someone else after you opened it: '
			'nothing was saved; reopen the case to see their changes',
			_urn_shown(v_case.urn));
	END IF;
	DELETE FROM outcome WHERE case_id = p_case_id;
	IF jsonb_typeof(p_outcome) = 'object' THEN
		INSERT INTO outcome SELECT * FROM jsonb_populate_record(NULL::outcome,
			p_outcome || jsonb_build_object('case_id', p_case_id));
	END IF;
	FOR v_item IN SELECT e FROM jsonb_array_elements(coalesce(p_items, '[]')) AS x(e) LOOP
		UPDATE item SET result = v_item->>'result', result_reason = v_item->>'result_reason',
			result_next = v_item->>'result_next'
		WHERE case_id = p_case_id AND position = (v_item->>'position')::bigint;
		IF NOT FOUND THEN
			RAISE EXCEPTION USING ERRCODE = 'DNCON', MESSAGE = format(
				'item %s is gone: reopen the case', v_item->>'position');
		END IF;
	END LOOP;
	PERFORM _figure_sync(p_case_id);
	PERFORM _audit('alter', 'case', p_case_id, '', p_reason, '');
	RETURN v_version;
END
$$;

-- Keep case p_case_id past its retention review until p_until, for
-- p_reason (supervisors): bookkeeping columns only, logged with p_why.
CREATE FUNCTION case_retain(p_case_id bigint, p_until text, p_reason text, p_why text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
BEGIN
	PERFORM _supervisor('keep a case past its retention review');
	PERFORM _writer();
	PERFORM _case_mine(p_case_id, 'the case was erased meanwhile');
	UPDATE "case" SET retain_until = p_until, retain_reason = p_reason WHERE id = p_case_id;
	PERFORM _audit('alter', 'case', p_case_id, '', p_why, '');
END
$$;

-- Erase case p_case_id and every row of it (supervisors), as
-- sq_case_erase: its figure row stays, with no case and erased = 1 (and
-- its unit). One erase row for the case, whose detail is
-- "urn-hmac-sha256:" p_urn_mac and the counts, then one per note version.
-- Returns the counts.
CREATE FUNCTION case_erase(p_case_id bigint, p_reason text, p_urn_mac text,
			   OUT o_authors bigint, OUT o_notes bigint, OUT o_items bigint,
			   OUT o_outcome bigint, OUT o_concern bigint, OUT o_victim bigint,
			   OUT o_offences bigint, OUT o_dates bigint, OUT o_search bigint,
			   OUT o_figures bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_notes bigint[];
	v_note bigint;
	v_n bigint;
BEGIN
	PERFORM _supervisor('erase a case');
	PERFORM _writer();
	PERFORM _case_mine(p_case_id, 'the case was erased meanwhile: nothing more to do');
	SELECT array_agg(id ORDER BY version) INTO v_notes FROM note WHERE case_id = p_case_id;
	DELETE FROM note_author WHERE case_id = p_case_id;
	GET DIAGNOSTICS o_authors = ROW_COUNT;
	DELETE FROM note WHERE case_id = p_case_id;
	GET DIAGNOSTICS o_notes = ROW_COUNT;
	DELETE FROM item WHERE case_id = p_case_id;
	GET DIAGNOSTICS o_items = ROW_COUNT;
	DELETE FROM outcome WHERE case_id = p_case_id;
	GET DIAGNOSTICS o_outcome = ROW_COUNT;
	DELETE FROM concern WHERE case_id = p_case_id;
	GET DIAGNOSTICS o_concern = ROW_COUNT;
	DELETE FROM victim WHERE case_id = p_case_id;
	GET DIAGNOSTICS o_victim = ROW_COUNT;
	DELETE FROM case_offence WHERE case_id = p_case_id;
	GET DIAGNOSTICS o_offences = ROW_COUNT;
	DELETE FROM case_due WHERE case_id = p_case_id;
	GET DIAGNOSTICS o_dates = ROW_COUNT;
	DELETE FROM case_search WHERE case_id = p_case_id;
	GET DIAGNOSTICS o_search = ROW_COUNT;
	-- kept, holding no personal data: the figures still count it
	UPDATE figure SET case_id = NULL, erased = 1 WHERE case_id = p_case_id;
	GET DIAGNOSTICS o_figures = ROW_COUNT;
	DELETE FROM "case" WHERE id = p_case_id;
	GET DIAGNOSTICS v_n = ROW_COUNT;
	IF v_n <> 1 THEN
		RAISE EXCEPTION USING ERRCODE = 'DNNOI',
			MESSAGE = 'the case was erased meanwhile: nothing more to do';
	END IF;
	PERFORM _audit('erase', 'case', p_case_id, '', p_reason, format(
		'urn-hmac-sha256:%s; removed: %s item%s, %s note version%s, %s note author%s, '
		'%s offence%s, %s victim, %s concern, %s outcome, %s date%s of the case list, '
		'%s search entr%s; kept: %s figure row%s (no personal data)', p_urn_mac,
		o_items, CASE WHEN o_items = 1 THEN '' ELSE 's' END,
		o_notes, CASE WHEN o_notes = 1 THEN '' ELSE 's' END,
		o_authors, CASE WHEN o_authors = 1 THEN '' ELSE 's' END,
		o_offences, CASE WHEN o_offences = 1 THEN '' ELSE 's' END,
		o_victim, o_concern, o_outcome,
		o_dates, CASE WHEN o_dates = 1 THEN '' ELSE 's' END,
		o_search, CASE WHEN o_search = 1 THEN 'y' ELSE 'ies' END,
		o_figures, CASE WHEN o_figures = 1 THEN '' ELSE 's' END));
	FOREACH v_note IN ARRAY coalesce(v_notes, '{}') LOOP
		PERFORM _audit('erase', 'note', v_note, '',
			       format('erased with its case (case %s)', p_case_id), '');
	END LOOP;
END
$$;

-- The case's figure row, recomputed (dorn_store_figure_sync).
CREATE FUNCTION figure_sync(p_case_id bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
BEGIN
	PERFORM _me();
	PERFORM _writer();
	PERFORM _case_mine(p_case_id, 'the case was erased meanwhile');
	PERFORM _figure_sync(p_case_id);
END
$$;

-- ---- the note ----

-- Save p_body and p_model as the case's draft (dorn_store_note_draft): the
-- latest version is rewritten when it is a draft (left alone when nothing
-- differs); after a frozen version, the next one starts, with the caller
-- as its author. Returns the version and whether anything was written.
CREATE FUNCTION note_draft(p_case_id bigint, p_case_version bigint, p_body text,
			   p_model text, OUT o_version bigint, OUT o_changed boolean)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_me staff := _me();
	v_n note;
	v_id bigint;
BEGIN
	-- The case's row is locked: one writer of its note at a time.
	PERFORM _writer();
	PERFORM _case_mine(p_case_id, 'the case was erased meanwhile');
	o_changed := false;
	SELECT * INTO v_n FROM note WHERE case_id = p_case_id ORDER BY version DESC LIMIT 1;
	IF FOUND AND v_n.status = 'draft' THEN
		o_version := v_n.version;
		IF v_n.body = p_body AND v_n.case_version = p_case_version
		   AND v_n.model IS NOT NULL AND v_n.model = p_model THEN
			RETURN;
		END IF;
		-- The draft keeps its author; whoever re-renders it is in the log.
		UPDATE note SET body = p_body, created = _now(), case_version = p_case_version,
			model = p_model
		WHERE id = v_n.id AND status = 'draft';
		PERFORM _note_sync(p_case_id);
		o_changed := true;
		PERFORM _audit('alter', 'note', v_n.id, '', 'draft re-rendered', '');
		RETURN;
	END IF;
	o_version := CASE WHEN v_n.id IS NULL THEN 1 ELSE v_n.version + 1 END;
	INSERT INTO note (case_id, version, body, status, author, created, case_version, model)
	VALUES (p_case_id, o_version, p_body, 'draft', v_me.id, _now(), p_case_version, p_model)
	RETURNING id INTO v_id;
	-- Whoever starts a version is one of its authors.
	PERFORM _author_add(p_case_id, 'draft', '');
	PERFORM _note_sync(p_case_id);
	o_changed := true;
	PERFORM _audit('combine', 'note', v_id, '', 'draft written', '');
END
$$;

-- Remove the case's draft, if any (consent withdrawn), logged as an
-- erasure that holds no note text. Returns its id (0: there was none).
CREATE FUNCTION note_drop_draft(p_case_id bigint) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_id bigint;
BEGIN
	PERFORM _me();
	PERFORM _writer();
	PERFORM _case_mine(p_case_id, 'the case was erased meanwhile');
	DELETE FROM note WHERE case_id = p_case_id AND status = 'draft' RETURNING id INTO v_id;
	IF v_id IS NULL THEN
		RETURN 0;
	END IF;
	PERFORM _note_sync(p_case_id);
	PERFORM _audit('erase', 'note', v_id, '', 'draft removed: no consent to share', '');
	RETURN v_id;
END
$$;

-- Move note version p_note_id from p_from to p_to: submit (draft to
-- submitted, anyone of the unit), approve or return (submitted to approved
-- or returned: supervisors only, and never an author of the version,
-- whoever is asking: the four-eyes rule, here where no client can skip
-- it). When the version is no longer in p_from, nothing changes and the
-- message says who did what and when.
--
-- A return or a submission is logged now. An approval is logged when the
-- transaction commits (_note_approved), as the SQLite engine logs every
-- row: the approving supervisor's client stamps "approved by NAME on DATE"
-- into the text next (note_stamp), and the row's content digest is of the
-- text as approved and stamped.
CREATE FUNCTION note_move(p_note_id bigint, p_from text, p_to text, p_comment text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_me staff := _me();
	v_n note;
	v_unit text;
	v_act text := CASE p_to WHEN 'approved' THEN 'approve' WHEN 'returned' THEN 'return'
				ELSE 'submit' END;
	v_who record;
BEGIN
	IF NOT ((p_from = 'draft' AND p_to = 'submitted') OR
		(p_from = 'submitted' AND p_to IN ('approved', 'returned'))) THEN
		RAISE EXCEPTION USING ERRCODE = 'DNUSE', MESSAGE = format(
			'a note goes from draft to submitted, or from submitted to approved or '
			'returned; not from %s to %s', p_from, p_to);
	END IF;
	-- Who first: an officer is told they cannot review at all.
	IF v_act <> 'submit' AND (v_me.role <> 'supervisor' OR
				 NOT pg_has_role(session_user, 'dorn_supervisor', 'MEMBER')) THEN
		RAISE EXCEPTION USING ERRCODE = 'DNPRM', MESSAGE = format(
			'only a supervisor can %s a note: ask a supervisor to review it', v_act);
	END IF;
	PERFORM _writer();
	SELECT n.* INTO v_n FROM note n WHERE n.id = p_note_id FOR UPDATE;
	IF FOUND THEN
		SELECT c.unit INTO v_unit FROM "case" c WHERE c.id = v_n.case_id;
	END IF;
	IF v_n.id IS NULL OR NOT _in_unit(v_unit) THEN
		RAISE EXCEPTION USING ERRCODE = 'DNNOI', MESSAGE = 'the note was removed meanwhile';
	END IF;
	-- Someone acted first: say who, what and when, and change nothing.
	IF v_n.status <> p_from THEN
		SELECT n.status, n.version, coalesce(r.name, a.name) AS name,
		       coalesce(r.login, a.login) AS login,
		       coalesce(n.reviewed, n.submitted, n.created) AS at
		INTO v_who
		FROM note n JOIN staff a ON a.id = n.author LEFT JOIN staff r ON r.id = n.reviewer
		WHERE n.id = p_note_id;
		RAISE EXCEPTION USING ERRCODE = 'DNRUL', MESSAGE = format(
			'nothing was changed: version %s is %s already (%s, %s, at %s UTC)',
			v_who.version, v_who.status, v_who.name, v_who.login, v_who.at);
	END IF;
	IF v_act = 'submit' THEN
		UPDATE note SET status = p_to, submitted = _now() WHERE id = p_note_id;
	ELSE
		-- Four eyes: nobody reviews a version they wrote or changed.
		IF v_n.author = v_me.id OR EXISTS (SELECT 1 FROM note_author a
			WHERE a.case_id = v_n.case_id AND a.version = v_n.version
			  AND a.staff_id = v_me.id) THEN
			RAISE EXCEPTION USING ERRCODE = 'DNRUL', MESSAGE = format(
				'you wrote or changed this version, so you cannot %s it: another '
				'supervisor must review it', v_act);
		END IF;
		IF p_to = 'returned' AND btrim(coalesce(p_comment, ''), E' \t\n') = '' THEN
			RAISE EXCEPTION USING ERRCODE = 'DNDAT',
				MESSAGE = 'a returned note needs a comment saying what to change';
		END IF;
		UPDATE note SET status = p_to, reviewed = _now(),
			review_comment = coalesce(p_comment, ''), reviewer = v_me.id
		WHERE id = p_note_id;
	END IF;
	PERFORM _note_sync(v_n.case_id);
	-- An approval is a step of the unit's figures.
	IF p_to = 'approved' THEN
		PERFORM _figure_sync(v_n.case_id);
	ELSE
		PERFORM _audit('alter', 'note', p_note_id, '', p_to, '');
	END IF;
END
$$;

-- The approval's audit row, written when the approving transaction
-- commits (a deferred trigger), so that its digest is of the version as
-- approved and stamped. Internal: fired, never called.
CREATE FUNCTION _note_approved() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
BEGIN
	PERFORM _audit('alter', 'note', NEW.id, '', 'approved', '');
	RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER note_approved_audit AFTER UPDATE OF status ON note
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
	WHEN (NEW.status = 'approved' AND OLD.status IS DISTINCT FROM 'approved')
	EXECUTE FUNCTION _note_approved();

-- Replace the text (and model) of version p_note_id with the approval
-- stamped into it (dorn_store_note_stamp): only by the supervisor who
-- approved it, in the transaction that approves it (its approval is not
-- logged yet), so an approved text cannot be rewritten later.
CREATE FUNCTION note_stamp(p_note_id bigint, p_body text, p_model text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_me staff := _me();
BEGIN
	PERFORM _writer();
	UPDATE note n SET body = p_body, model = p_model
	WHERE n.id = p_note_id AND n.status = 'approved' AND n.reviewer = v_me.id
	  AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'note' AND a.entity_id = n.id
			  AND a.digest IS NOT NULL AND a.action = 'alter' AND a.reason = 'approved');
	IF NOT FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'DNRUL', MESSAGE =
			'only the supervisor approving a version stamps the approval into it, '
			'while approving it: nothing was changed';
	END IF;
END
$$;

-- The caller as an author of the case's open note version
-- (dorn_store_note_author_add: a submitter takes the text as their own).
CREATE FUNCTION note_author_add(p_case_id bigint, p_act text, p_how text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
BEGIN
	PERFORM _me();
	PERFORM _writer();
	PERFORM _case_mine(p_case_id, 'the case was erased meanwhile');
	PERFORM _author_add(p_case_id, p_act, p_how);
END
$$;

-- ---- staff ----

-- Make sure login p_login can connect and holds the group role of p_role
-- and no other (none when inactive). The role is made (LOGIN, no password:
-- peer or certificate authentication, or the administrator sets one)
-- when it does not exist.
CREATE FUNCTION _staff_grant(p_login text, p_role text, p_active bigint) RETURNS void
LANGUAGE plpgsql
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_group text;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
		IF p_active <> 1 THEN
			RETURN;
		END IF;
		EXECUTE format('CREATE ROLE %I LOGIN', p_login);
	END IF;
	FOREACH v_group IN ARRAY ARRAY['dorn_officer', 'dorn_supervisor'] LOOP
		IF EXISTS (SELECT 1 FROM pg_auth_members m
			   WHERE m.roleid = (SELECT oid FROM pg_roles WHERE rolname = v_group)
			     AND m.member = (SELECT oid FROM pg_roles WHERE rolname = p_login)) THEN
			EXECUTE format('REVOKE %I FROM %I', v_group, p_login);
		END IF;
	END LOOP;
	IF p_active = 1 THEN
		EXECUTE format('GRANT %I TO %I', CASE p_role WHEN 'supervisor' THEN 'dorn_supervisor'
						 ELSE 'dorn_officer' END, p_login);
	END IF;
END
$$;

-- Register p_login (supervisors), in the caller's unit (p_unit, the
-- session's dorn.unit or their only one), and make or grant its database
-- login (dorn_store_staff_add). Returns the new staff id, or minus the id
-- of someone registered in another unit, added to this one.
CREATE FUNCTION staff_add(p_login text, p_name text, p_role text, p_active bigint,
			  p_contact text, p_unit text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_unit text;
	v_old staff;
	v_id bigint;
BEGIN
	PERFORM _supervisor('add staff');
	PERFORM _check_login(p_login);
	IF p_role NOT IN ('officer', 'supervisor') THEN
		RAISE EXCEPTION USING ERRCODE = 'DNDAT', MESSAGE = format(
			'%s is not a role: officer or supervisor', p_role);
	END IF;
	v_unit := _unit_for(p_unit);
	PERFORM _writer();
	SELECT * INTO v_old FROM staff WHERE login = p_login FOR UPDATE;
	-- Someone of another unit (a supervisor covering two, an officer
	-- moving): added to this unit too, keeping their record and role.
	IF FOUND AND v_old.active = 1 AND NOT EXISTS (SELECT 1 FROM staff_unit
			WHERE staff_id = v_old.id AND unit = v_unit) THEN
		INSERT INTO staff_unit (staff_id, unit) VALUES (v_old.id, v_unit);
		PERFORM _audit('alter', 'staff', v_old.id, '', format('added to unit %s', v_unit),
			       '');
		RETURN -v_old.id;
	END IF;
	IF FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'DNDAT', MESSAGE = format(
			'''%s'' is already registered (%s, %s%s)', p_login, v_old.name, v_old.role,
			CASE WHEN v_old.active = 1 THEN '' ELSE ', deactivated' END);
	END IF;
	INSERT INTO staff (login, name, role, active, created, contact)
	VALUES (p_login, p_name, p_role, coalesce(p_active, 1), _now(), coalesce(p_contact, ''))
	RETURNING id INTO v_id;
	INSERT INTO staff_unit (staff_id, unit) VALUES (v_id, v_unit);
	PERFORM _staff_grant(p_login, p_role, coalesce(p_active, 1));
	PERFORM _audit('collect', 'staff', v_id, '', CASE WHEN p_role = 'supervisor'
		THEN 'added as supervisor' ELSE 'added as officer' END, '');
	RETURN v_id;
END
$$;

-- Change a member of staff's role and whether they are active
-- (supervisors, for staff of their units), and their database login's
-- group role with it: deactivated, they hold neither.
CREATE FUNCTION staff_update(p_login text, p_role text, p_active bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_old staff;
	v_unit text;
BEGIN
	PERFORM _supervisor('change staff');
	IF p_role NOT IN ('officer', 'supervisor') OR p_active NOT IN (0, 1) THEN
		RAISE EXCEPTION USING ERRCODE = 'DNDAT', MESSAGE = format(
			'%s, %s is not a role and a state: officer or supervisor, 1 or 0',
			p_role, p_active);
	END IF;
	PERFORM _writer();
	SELECT * INTO v_old FROM staff WHERE login = p_login FOR UPDATE;
	IF NOT FOUND OR NOT _shares_unit(v_old.id) THEN
		RAISE EXCEPTION USING ERRCODE = 'DNNOI', MESSAGE = format(
			'no staff record for ''%s''', p_login);
	END IF;
	-- Someone must always be able to add staff and review notes: in each
	-- of their units, another active supervisor.
	IF v_old.role = 'supervisor' AND v_old.active = 1 AND
	   (p_role <> 'supervisor' OR p_active <> 1) THEN
		SELECT u.unit INTO v_unit FROM staff_unit u WHERE u.staff_id = v_old.id
		  AND NOT EXISTS (SELECT 1 FROM staff_unit o JOIN staff s ON s.id = o.staff_id
				  WHERE o.unit = u.unit AND s.id <> v_old.id
				    AND s.role = 'supervisor' AND s.active = 1)
		LIMIT 1;
		IF FOUND THEN
			RAISE EXCEPTION USING ERRCODE = 'DNRUL', MESSAGE = format(
				'''%s'' is the last active supervisor: make someone else a '
				'supervisor first', p_login);
		END IF;
	END IF;
	UPDATE staff SET role = p_role, active = p_active WHERE id = v_old.id;
	PERFORM _staff_grant(p_login, p_role, p_active);
	PERFORM _audit('alter', 'staff', v_old.id, '', format('%s, %s', p_role,
		CASE WHEN p_active = 1 THEN 'active' ELSE 'deactivated' END), '');
END
$$;

-- A member of staff's direct contact details: their own, or (supervisors)
-- those of staff of their units.
CREATE FUNCTION staff_contact(p_login text, p_contact text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_old staff;
BEGIN
	IF p_login IS DISTINCT FROM session_user THEN
		PERFORM _supervisor('change another person''s contact details');
	ELSE
		PERFORM _me();
	END IF;
	PERFORM _writer();
	SELECT * INTO v_old FROM staff WHERE login = p_login FOR UPDATE;
	IF NOT FOUND OR (p_login <> session_user AND NOT _shares_unit(v_old.id)) THEN
		RAISE EXCEPTION USING ERRCODE = 'DNNOI', MESSAGE = format(
			'no staff record for ''%s''', p_login);
	END IF;
	UPDATE staff SET contact = coalesce(p_contact, '') WHERE id = v_old.id;
	PERFORM _audit('alter', 'staff', v_old.id, '', 'contact details', '');
END
$$;

-- ---- events a client records ----

-- An audit row for what changes nothing in the database: a case or a list
-- read (consult), a note exported or a copy made (disclose). Changes are
-- logged by the functions that make them, never through here. A note's
-- export is a step of the unit's figures, which read it from this row.
CREATE FUNCTION audit_event(p_action text, p_entity text, p_entity_id bigint,
			    p_recipient text, p_reason text, p_detail text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_case bigint;
	v_seq bigint;
BEGIN
	PERFORM _me();
	IF p_action IS NULL OR p_action NOT IN ('consult', 'disclose') THEN
		RAISE EXCEPTION USING ERRCODE = 'DNPRM', MESSAGE = format(
			'a client records only what it read (consult) or gave out (disclose); '
			'%s is recorded by the change itself', coalesce(p_action, 'nothing'));
	END IF;
	PERFORM _writer();
	-- A case read is logged without locking its row (a read does not
	-- change it); an export moves its figure row, so that case is locked.
	IF p_entity = 'case' AND coalesce(p_entity_id, 0) <> 0 THEN
		IF NOT EXISTS (SELECT 1 FROM "case" c WHERE c.id = p_entity_id AND _in_unit(c.unit)) THEN
			RAISE EXCEPTION USING ERRCODE = 'DNNOI',
				MESSAGE = 'the case was erased meanwhile';
		END IF;
	ELSIF p_entity = 'note' THEN
		SELECT n.case_id INTO v_case FROM note n WHERE n.id = p_entity_id;
		IF v_case IS NULL THEN
			RAISE EXCEPTION USING ERRCODE = 'DNNOI',
				MESSAGE = 'the note was removed meanwhile';
		END IF;
		PERFORM _case_mine(v_case, 'the note was removed meanwhile');
	END IF;
	v_seq := _audit(p_action, p_entity, coalesce(p_entity_id, 0), p_recipient, p_reason,
			p_detail);
	IF p_action = 'disclose' AND p_entity = 'note' THEN
		PERFORM _figure_sync(v_case);
	END IF;
	RETURN v_seq;
END
$$;

-- ---- who may call what ----
-- Every function is closed to PUBLIC; the API is opened to dorn's two
-- staff roles (90-security.sql does the same for every function whose
-- name does not start with '_'); each checks the caller's role itself.
DO $$
DECLARE
	f record;
BEGIN
	FOR f IN SELECT p.oid::regprocedure AS sig, p.proname FROM pg_proc p
		 WHERE p.pronamespace = 'dorn'::regnamespace
		   AND p.proname IN ('_now', '_urn_shown', '_cut', '_supervisor', '_unit_for',
				     '_case_mine', '_writer', '_shares_unit', '_figure_sync', '_note_sync',
				     '_author_add', '_note_approved', '_staff_grant',
				     'case_save', 'outcome_save', 'case_retain', 'case_erase',
				     'figure_sync', 'note_draft', 'note_drop_draft', 'note_move',
				     'note_stamp', 'note_author_add', 'staff_add', 'staff_update',
				     'staff_contact', 'audit_event') LOOP
		EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f.sig);
		IF left(f.proname, 1) <> '_' THEN
			EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO dorn_officer, dorn_supervisor',
				       f.sig);
		END IF;
	END LOOP;
END $$;
