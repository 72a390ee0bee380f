-- dorn on PostgreSQL: who the caller is, and the audit log's chain.
--
-- The chain is the SQLite engine's, byte for byte (src/store/sqlite/audit.c),
-- so a unit's log copied in by 'dorn migrate' verifies here, and rows
-- written here verify with the C verifier under the same key:
--   rows before meta audit_key_from: SHA-256 of the "dorn-audit-v1" text;
--   rows from it on: HMAC-SHA256, under secret 'audit_key', of the
--   "dorn-audit-v2" text, which adds the row's detail and content digest.
-- Each field is "<byte length>:<bytes>\n" (_field), numbers in decimal.
--
-- Writers serialise on the one row of audit_head: _audit locks it for the
-- rest of the writing transaction, so rows are chained in one order however
-- many clients write at once.
--
-- Functions whose name starts with '_' are internal: no role but
-- dorn_owner may call them (90-security.sql grants EXECUTE only on the
-- others); the SECURITY DEFINER functions of the API call them.

-- ---- who is calling ----

-- The caller's staff row, by login = session_user: the database login is
-- the identity. Missing or deactivated: refused, with what to do.
CREATE FUNCTION _me() RETURNS staff
LANGUAGE plpgsql STABLE
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v staff;
BEGIN
	SELECT * INTO v FROM staff WHERE login = session_user;
	IF NOT FOUND THEN
		RAISE EXCEPTION USING ERRCODE = 'DNPRM', MESSAGE = format(
			'''%s'' is not registered with dorn on this server: ask a supervisor to '
			'run: dorn staff add %s --name "NAME" --role officer', session_user,
			session_user);
	END IF;
	IF v.active <> 1 THEN
		RAISE EXCEPTION USING ERRCODE = 'DNPRM', MESSAGE = format(
			'''%s'' has been deactivated on this server: ask a supervisor to '
			'reactivate you (dorn staff update %s --active)', session_user,
			session_user);
	END IF;
	RETURN v;
END
$$;

-- Whether the caller (active) is a member of unit p_unit.
CREATE FUNCTION _in_unit(p_unit text) RETURNS boolean
LANGUAGE sql STABLE
SET search_path = dorn, pg_catalog
AS $$
	SELECT EXISTS (SELECT 1 FROM staff s JOIN staff_unit u ON u.staff_id = s.id
		       WHERE s.login = session_user AND s.active = 1 AND u.unit = p_unit)
$$;

-- The caller's units (active staff only; none otherwise). Not internal:
-- the row-level security policies (90-security.sql) call it as the
-- querying role, and it tells the caller nothing but their own units.
-- SECURITY DEFINER, so it reads staff and staff_unit past their policies.
CREATE FUNCTION my_units() RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
	SELECT u.unit FROM staff s JOIN staff_unit u ON u.staff_id = s.id
	WHERE s.login = session_user AND s.active = 1
$$;

-- ---- the text that is hashed ----

-- One field: "<byte length>:<bytes>\n", as field_n() in audit.c.
CREATE FUNCTION _field(s text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = dorn, pg_catalog
AS $$ SELECT octet_length(s)::text || ':' || s || E'\n' $$;

-- The SHA-256, in lower-case hex, of an entity's content, as
-- content_digest() in audit.c: "dorn-content-v1\n", then per table the
-- table's name and per row "row" and, for each column in table order that
-- is not NULL and not derived, its name, its type ('i' integer, 't' text)
-- and its value. The first table is keyed by the entity's id, the rest by
-- the case's. The PG-only column "case".unit is left out, so a case has
-- one digest on both engines. 64 zeros when the entity does not exist.
CREATE FUNCTION _digest(p_entity text, p_id bigint) RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_parts text[][];
	v_text text := E'dorn-content-v1\n';
	v_found boolean := false;
	v_row record;
	v_col record;
	v_tag text;
	i int;
BEGIN
	IF p_entity = 'case' THEN
		v_parts := ARRAY[
			['case', 'SELECT row_to_json(t) AS j FROM "case" t WHERE id = $1'],
			['case_offence', 'SELECT row_to_json(t) AS j FROM case_offence t WHERE case_id = $1 ORDER BY position, code COLLATE "C"'],
			['victim', 'SELECT row_to_json(t) AS j FROM victim t WHERE case_id = $1'],
			['concern', 'SELECT row_to_json(t) AS j FROM concern t WHERE case_id = $1'],
			['item', 'SELECT row_to_json(t) AS j FROM item t WHERE case_id = $1 ORDER BY position'],
			['outcome', 'SELECT row_to_json(t) AS j FROM outcome t WHERE case_id = $1']];
	ELSIF p_entity = 'note' THEN
		v_parts := ARRAY[['note', 'SELECT row_to_json(t) AS j FROM note t WHERE id = $1']];
	ELSIF p_entity = 'staff' THEN
		v_parts := ARRAY[['staff', 'SELECT row_to_json(t) AS j FROM staff t WHERE id = $1']];
	ELSE
		RETURN NULL;
	END IF;
	FOR i IN 1 .. array_length(v_parts, 1) LOOP
		v_text := v_text || _field(v_parts[i][1]);
		FOR v_row IN EXECUTE v_parts[i][2] USING p_id LOOP
			IF i = 1 THEN
				v_found := true;
			END IF;
			v_text := v_text || _field('row');
			FOR v_col IN SELECT e.key, json_typeof(e.value) AS t, e.value #>> '{}' AS v
				     FROM json_each(v_row.j) WITH ORDINALITY AS e(key, value, n)
				     ORDER BY e.n LOOP
				CONTINUE WHEN v_col.t = 'null';
				CONTINUE WHEN v_parts[i][1] = 'case' AND v_col.key IN
					('due_lo', 'due_hi', 'note_status', 'note_version', 'unit');
				v_tag := CASE v_col.t WHEN 'number' THEN 'i' ELSE 't' END;
				v_text := v_text || _field(v_col.key) || _field(v_tag) || _field(v_col.v);
			END LOOP;
		END LOOP;
		EXIT WHEN NOT v_found;
	END LOOP;
	IF NOT v_found THEN
		RETURN repeat('0', 64);
	END IF;
	RETURN encode(digest(convert_to(v_text, 'UTF8'), 'sha256'), 'hex');
END
$$;

-- The first row the key signs (meta audit_key_from; 0: none).
CREATE FUNCTION _key_from() RETURNS bigint
LANGUAGE sql STABLE
SET search_path = dorn, pg_catalog
AS $$ SELECT coalesce((SELECT value::bigint FROM meta WHERE name = 'audit_key_from'), 0) $$;

-- A row's hash by the rule for its seq, as row_hash() in audit.c: v1
-- (SHA-256) before p_key_from, v2 (HMAC-SHA256 under p_key, with detail
-- and digest; a NULL digest is the empty field) from it on.
CREATE FUNCTION _row_hash(p_seq bigint, p_time text, p_login text, p_action text,
			  p_entity text, p_entity_id bigint, p_recipient text, p_reason text,
			  p_detail text, p_digest text, p_prev_hash text, p_key_from bigint,
			  p_key bytea) RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_keyed boolean := p_key_from > 0 AND p_seq >= p_key_from;
	v_text text;
BEGIN
	v_text := CASE WHEN v_keyed THEN E'dorn-audit-v2\n' ELSE E'dorn-audit-v1\n' END
		|| _field(p_seq::text) || _field(p_time) || _field(p_login) || _field(p_action)
		|| _field(p_entity) || _field(p_entity_id::text) || _field(coalesce(p_recipient, ''))
		|| _field(coalesce(p_reason, ''));
	IF v_keyed THEN
		IF p_key IS NULL THEN
			RAISE EXCEPTION USING ERRCODE = 'DNDAT', MESSAGE = format(
				'audit rows from %s on are signed with the audit key, and it is '
				'not loaded', p_key_from);
		END IF;
		v_text := v_text || _field(coalesce(p_detail, '')) || _field(coalesce(p_digest, ''));
	END IF;
	v_text := v_text || _field(p_prev_hash);
	IF v_keyed THEN
		RETURN encode(hmac(convert_to(v_text, 'UTF8'), p_key, 'sha256'), 'hex');
	END IF;
	RETURN encode(digest(convert_to(v_text, 'UTF8'), 'sha256'), 'hex');
END
$$;

-- ---- writing ----

-- Append one audit row for what the calling transaction did, chained on
-- the head, and return its seq. Called LAST by each write function, so
-- the content digest (case, note and staff rows that record a change) is
-- of what the write left. The lock on audit_head is held to the end of
-- the transaction: the next writer waits, then chains on this row.
CREATE FUNCTION _audit(p_action text, p_entity text, p_entity_id bigint, p_recipient text,
		       p_reason text, p_detail text) RETURNS bigint
LANGUAGE plpgsql
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_seq bigint;
	v_prev text;
	v_time text := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
	v_key_from bigint := _key_from();
	v_key bytea;
	v_digest text;
	v_hash text;
BEGIN
	SELECT seq, hash INTO v_seq, v_prev FROM audit_head WHERE one FOR UPDATE;
	v_seq := v_seq + 1;
	IF v_key_from > 0 AND v_seq >= v_key_from THEN
		SELECT value INTO v_key FROM secret WHERE name = 'audit_key';
		IF v_key IS NULL THEN
			RAISE EXCEPTION USING ERRCODE = 'DNDAT', MESSAGE =
				'the audit key of this server is missing (table secret), so '
				'nothing can be recorded: ask the database administrator';
		END IF;
		IF p_action IN ('collect', 'alter', 'combine', 'erase', 'seal')
		   AND p_entity IN ('case', 'note', 'staff') THEN
			v_digest := _digest(p_entity, p_entity_id);
		END IF;
	END IF;
	v_hash := _row_hash(v_seq, v_time, session_user, p_action, p_entity,
			    coalesce(p_entity_id, 0), coalesce(p_recipient, ''),
			    coalesce(p_reason, ''), coalesce(p_detail, ''), v_digest, v_prev,
			    v_key_from, v_key);
	INSERT INTO audit (seq, time, login, action, entity, entity_id, recipient, reason,
			   detail, digest, prev_hash, hash)
	VALUES (v_seq, v_time, session_user, p_action, p_entity, coalesce(p_entity_id, 0),
		coalesce(p_recipient, ''), coalesce(p_reason, ''), coalesce(p_detail, ''),
		v_digest, v_prev, v_hash);
	UPDATE audit_head SET seq = v_seq, hash = v_hash WHERE one;
	RETURN v_seq;
END
$$;

-- The head follows rows inserted by other means too ('dorn migrate'
-- copying a unit's log in, as dorn_owner), so the next _audit chains on
-- the last row whoever wrote it.
CREATE FUNCTION _audit_head_follow() RETURNS trigger
LANGUAGE plpgsql
SET search_path = dorn, pg_catalog
AS $$
BEGIN
	UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash WHERE one AND seq < NEW.seq;
	RETURN NULL;
END
$$;
CREATE TRIGGER audit_head_follow AFTER INSERT ON audit
	FOR EACH ROW EXECUTE FUNCTION _audit_head_follow();

-- Append-only, as on SQLite: not even dorn_owner changes or removes a
-- row without first dropping (or disabling) these triggers, deliberately.
CREATE FUNCTION _append_only() RETURNS trigger
LANGUAGE plpgsql
SET search_path = dorn, pg_catalog
AS $$
BEGIN
	IF TG_TABLE_NAME = 'meta' THEN
		-- The schema's version moves with a migration; the database's id
		-- and the key's first row are fixed.
		IF TG_OP = 'UPDATE' AND OLD.name = 'schema' AND NEW.name = 'schema' THEN
			RETURN NEW;
		END IF;
		RAISE EXCEPTION USING ERRCODE = 'DNRUL',
			MESSAGE = 'the database''s id and key row are fixed';
	END IF;
	RAISE EXCEPTION USING ERRCODE = 'DNRUL', MESSAGE = 'the audit log is append-only';
END
$$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
	FOR EACH ROW EXECUTE FUNCTION _append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
	FOR EACH STATEMENT EXECUTE FUNCTION _append_only();
CREATE TRIGGER meta_fixed BEFORE UPDATE OR DELETE ON meta
	FOR EACH ROW EXECUTE FUNCTION _append_only();

-- The first supervisor of the first unit, made by 'dorn init --server'.
-- Their database role is made (LOGIN, no password: peer or certificate
-- authentication, or the administrator sets one) unless it exists, and
-- granted dorn_supervisor. Audited as SQLite's init is: the seal row
-- saying from which row the key signs, then the staff member collected.
-- Run by the administrator (as dorn_owner): the rows name session_user,
-- the administrator's login.
CREATE FUNCTION _init_supervisor(p_login text, p_name text, p_unit text) RETURNS bigint
LANGUAGE plpgsql
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_id bigint;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
		EXECUTE format('CREATE ROLE %I LOGIN', p_login);
	END IF;
	EXECUTE format('GRANT dorn_supervisor TO %I', p_login);
	INSERT INTO staff (login, name, role, created)
	VALUES (p_login, p_name, 'supervisor', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
	RETURNING id INTO v_id;
	INSERT INTO staff_unit (staff_id, unit) VALUES (v_id, p_unit);
	IF (SELECT seq FROM audit_head) + 1 = _key_from() THEN
		PERFORM _audit('seal', 'database', 0, '', format('audit rows from %s on are '
			       'signed with the audit key', _key_from()), '');
	END IF;
	PERFORM _audit('collect', 'staff', v_id, '', 'added as supervisor', '');
	RETURN v_id;
END
$$;
