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
-- many clients write at once; at commit it is set to the last row.
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

-- A note on the language of the small helpers here and in 30-api.sql:
-- plpgsql, not sql, wherever a helper reads a table. A SQL function with
-- SET search_path is never inlined, and PostgreSQL plans its query again
-- at every call; plpgsql keeps the plan for the session. my_units(), in
-- every row-level policy, was a third of the server's time under load.
-- Pure expressions (_field, _urn_shown) stay sql without SET, so they are
-- inlined into their callers (whose search_path is set).

-- Whether the caller (active) is a member of unit p_unit.
CREATE FUNCTION _in_unit(p_unit text) RETURNS boolean
LANGUAGE plpgsql STABLE
SET search_path = dorn, pg_catalog
AS $$
BEGIN
	RETURN (SELECT EXISTS (SELECT 1 FROM staff s JOIN staff_unit u ON u.staff_id = s.id
		       WHERE s.login = session_user AND s.active = 1 AND u.unit = p_unit));
END
$$;

-- The caller's units (active staff only; none otherwise). Not internal:
-- the row-level security policies (90-security.sql) call it as the
-- querying role, and it tells the caller nothing but their own units.
-- SECURITY DEFINER, so it reads staff and staff_unit past their policies.
CREATE FUNCTION my_units() RETURNS SETOF text
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
BEGIN
	RETURN QUERY SELECT u.unit FROM staff s JOIN staff_unit u ON u.staff_id = s.id
	WHERE s.login = session_user AND s.active = 1;
END
$$;

-- ---- the text that is hashed ----

-- One field: "<byte length>:<bytes>\n", as field_n() in audit.c.
CREATE FUNCTION _field(s text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
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
LANGUAGE plpgsql STABLE
SET search_path = dorn, pg_catalog
AS $$
BEGIN
	RETURN (SELECT coalesce((SELECT value::bigint FROM meta WHERE name = 'audit_key_from'), 0));
END
$$;

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
	v_f text[];
	v_text text;
BEGIN
	IF v_keyed AND p_key IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'DNDAT', MESSAGE = format(
			'audit rows from %s on are signed with the audit key, and it is not loaded',
			p_key_from);
	END IF;
	v_f := ARRAY[p_seq::text, p_time, p_login, p_action, p_entity, p_entity_id::text,
		     coalesce(p_recipient, ''), coalesce(p_reason, '')];
	IF v_keyed THEN
		v_f := v_f || ARRAY[coalesce(p_detail, ''), coalesce(p_digest, '')];
	END IF;
	v_f := v_f || p_prev_hash;
	-- each field as _field() writes it, inline: this is most of the cost
	-- of writing and of verifying a row
	SELECT CASE WHEN v_keyed THEN E'dorn-audit-v2\n' ELSE E'dorn-audit-v1\n' END
	       || string_agg(octet_length(f)::text || ':' || f || E'\n', '' ORDER BY n)
	INTO v_text FROM unnest(v_f) WITH ORDINALITY AS u(f, n);
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
	-- The lock serialises writers to the end of the transaction; where to
	-- chain on is the last row (this transaction's own, after its first).
	PERFORM 1 FROM audit_head WHERE one FOR UPDATE;
	SELECT a.seq, a.hash INTO v_seq, v_prev FROM audit a ORDER BY a.seq DESC LIMIT 1;
	IF NOT FOUND THEN
		v_seq := 0;
		v_prev := repeat('0', 64);
	END IF;
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
	RETURN v_seq;
END
$$;

-- audit_head names the last row once the transaction that wrote it
-- commits, whoever wrote it (the API through _audit, or 'dorn migrate'
-- copying a unit's log in): updated once per transaction, at its commit,
-- not once per row (a transaction writing many rows would otherwise walk
-- a chain of the row's versions each time), and so that a writer in
-- REPEATABLE READ or SERIALIZABLE that waited on the lock is told to try
-- again (40001) rather than chain on a row it cannot see. SECURITY
-- DEFINER: at commit the caller is the client again, not dorn_owner.
CREATE FUNCTION _audit_head_follow() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
BEGIN
	UPDATE audit_head h SET seq = l.seq, hash = l.hash
	FROM (SELECT a.seq, a.hash FROM audit a ORDER BY a.seq DESC LIMIT 1) l
	WHERE h.one AND (h.seq, h.hash) IS DISTINCT FROM (l.seq, l.hash);
	RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER audit_head_at_commit AFTER INSERT ON audit
	DEFERRABLE INITIALLY DEFERRED
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
-- A login a member of staff may have: a person's login (as dorn's
-- valid_login), not one of the database's own role names, and not a
-- superuser's, whom no rule of dorn's binds. For every way staff are
-- made: staff_add, and the first supervisor of a unit.
CREATE FUNCTION _check_login(p_login text) RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = dorn, pg_catalog
AS $$
BEGIN
	IF p_login IS NULL OR p_login !~ '^[a-z_][a-z0-9_.-]{0,31}$' THEN
		RAISE EXCEPTION USING ERRCODE = 'DNDAT', MESSAGE = format(
			'''%s'' is not a login name: use the person''s login (lower-case letters, '
			'digits, ''.'', ''-'' or ''_'', up to 32)', left(coalesce(p_login, ''), 40));
	END IF;
	IF p_login LIKE 'dorn\_%' OR p_login LIKE 'pg\_%' OR p_login = 'public' THEN
		RAISE EXCEPTION USING ERRCODE = 'DNDAT', MESSAGE = format(
			'''%s'' is a name the database keeps for its own roles, not a person''s '
			'login', p_login);
	END IF;
	IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login AND rolsuper) THEN
		RAISE EXCEPTION USING ERRCODE = 'DNDAT', MESSAGE = format(
			'''%s'' is a database superuser, who is not bound by dorn''s rules: '
			'staff use logins of their own', p_login);
	END IF;
END
$$;

CREATE FUNCTION _init_supervisor(p_login text, p_name text, p_unit text) RETURNS bigint
LANGUAGE plpgsql
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_id bigint;
BEGIN
	PERFORM _check_login(p_login);
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
		EXECUTE format('CREATE ROLE %I LOGIN', p_login);
	END IF;
	EXECUTE format('GRANT dorn_supervisor TO %I', p_login);
	INSERT INTO staff (login, name, role, created)
	VALUES (p_login, p_name, 'supervisor', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
	RETURNING id INTO v_id;
	INSERT INTO staff_unit (staff_id, unit) VALUES (v_id, p_unit);
	IF coalesce((SELECT max(seq) FROM audit), 0) + 1 = _key_from() THEN
		PERFORM _audit('seal', 'database', 0, '', format('audit rows from %s on are '
			       'signed with the audit key', _key_from()), '');
	END IF;
	PERFORM _audit('collect', 'staff', v_id, '', 'added as supervisor', '');
	RETURN v_id;
END
$$;

-- A unit's code as the unit table's CHECK takes it, said in dorn's words.
CREATE FUNCTION _check_unit(p_code text) RETURNS void
LANGUAGE plpgsql IMMUTABLE
SET search_path = dorn, pg_catalog
AS $$
BEGIN
	IF p_code IS NULL OR p_code !~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,30}$' THEN
		RAISE EXCEPTION USING ERRCODE = 'DNUSE', MESSAGE = format(
			'''%s'' is not a unit code: use up to 31 letters, digits, ''-'' or ''_'', '
			'starting with a letter or digit (for example N1 or WCU-North)',
			left(coalesce(p_code, ''), 40));
	END IF;
END
$$;

-- Another unit of the force, with its first supervisor, made by 'dorn
-- init --server' on a database that has the schema (the administrator).
-- A supervisor already registered (covering two units) is added to it; an
-- officer must first be made a supervisor by a supervisor of their unit.
CREATE FUNCTION _add_unit(p_code text, p_name text, p_login text, p_sname text) RETURNS bigint
LANGUAGE plpgsql
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v staff;
BEGIN
	IF EXISTS (SELECT 1 FROM unit WHERE code = p_code) THEN
		RAISE EXCEPTION USING ERRCODE = 'DNDAT', MESSAGE = format(
			'the server has a unit %s already: nothing was changed', p_code);
	END IF;
	PERFORM _check_unit(p_code);
	INSERT INTO unit (code, name) VALUES (p_code, p_name);
	SELECT * INTO v FROM staff WHERE login = p_login FOR UPDATE;
	IF NOT FOUND THEN
		RETURN _init_supervisor(p_login, p_sname, p_code);
	END IF;
	IF v.role <> 'supervisor' OR v.active <> 1 THEN
		RAISE EXCEPTION USING ERRCODE = 'DNDAT', MESSAGE = format(
			'''%s'' is registered as %s%s, not as an active supervisor: a supervisor of '
			'their unit changes that first (dorn staff role %s supervisor)', p_login,
			v.role, CASE WHEN v.active = 1 THEN '' ELSE ', deactivated' END, p_login);
	END IF;
	INSERT INTO staff_unit (staff_id, unit) VALUES (v.id, p_code);
	PERFORM _audit('alter', 'staff', v.id, '', format('added to unit %s as its supervisor',
		       p_code), '');
	RETURN v.id;
END
$$;

-- ---- reading and verifying (the API: 90-security.sql grants these) ----

-- The last row, where the next one chains on (0 and 64 zeros: none yet).
-- For the anchor every export carries, so officers may call it too.
CREATE FUNCTION audit_head_row(OUT seq bigint, OUT hash text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
	SELECT coalesce(max(a.seq), 0),
	       coalesce((SELECT b.hash FROM audit b ORDER BY b.seq DESC LIMIT 1), repeat('0', 64))
	FROM audit a
$$;

-- The database's id, the first row the key signs, and whether any row is
-- signed yet (sq_key_info).
CREATE FUNCTION key_info(OUT db_id text, OUT key_from bigint, OUT signed boolean)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
	SELECT (SELECT value FROM meta WHERE name = 'db_id'), _key_from(),
	       EXISTS (SELECT 1 FROM audit WHERE seq >= _key_from())
$$;

-- HMAC-SHA256, under the audit key, of label, a newline and p (as
-- sq_keyed_hash): what an erased case's URN is remembered by. Any client
-- may call it with any text, so the label is held to dorn's own kind
-- ("dorn-erased-urn-v1"): never "dorn-audit-v2", whose MAC over the rest
-- of a row would be a forged audit row's.
CREATE FUNCTION keyed_hash(p_label text, p text) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_key bytea;
BEGIN
	PERFORM _me();
	IF p_label IS NULL OR p_label !~ '^dorn-erased-[a-z]+-v[0-9]+$' OR p IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'DNUSE', MESSAGE = format(
			'keyed_hash: ''%s'' is not a label the audit key hashes under '
			'(dorn-erased-...-vN)', left(coalesce(p_label, ''), 40));
	END IF;
	SELECT value INTO v_key FROM secret WHERE name = 'audit_key';
	IF v_key IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'DNDAT', MESSAGE =
			'the audit key of this server is missing (table secret): ask the '
			'database administrator';
	END IF;
	RETURN encode(hmac(convert_to(p_label || E'\n' || p, 'UTF8'), v_key, 'sha256'), 'hex');
END
$$;

-- The whole chain, walked in seq order as sq_audit_verify walks it: each
-- row numbered one on from the last, chained on the row before it, and
-- matching its hash (v1) or MAC (v2, under the server's key); and each
-- anchor (p_seqs[i], p_macs[i]: a row's seq and MAC noted outside the
-- database) naming the row that is there. rows: how many rows verified
-- (all of them when why is NULL); bad_seq and why: the first row found
-- wrong and what is wrong with it, in the SQLite engine's words.
-- Any registered member of staff may verify; the rows stay unread.
CREATE FUNCTION audit_verify(p_seqs bigint[] DEFAULT '{}', p_macs text[] DEFAULT '{}',
			     OUT rows bigint, OUT bad_seq bigint, OUT why text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
DECLARE
	v_key_from bigint := _key_from();
	v_key bytea;
	v_prev text := repeat('0', 64);
	v_want text;
	v_n bigint := 0;
	r audit;
	i int;
BEGIN
	rows := 0;
	bad_seq := 0;
	IF coalesce(array_length(p_seqs, 1), 0) <> coalesce(array_length(p_macs, 1), 0) THEN
		RAISE EXCEPTION USING ERRCODE = 'DNUSE', MESSAGE =
			'audit_verify: one MAC for each anchor''s seq';
	END IF;
	SELECT value INTO v_key FROM secret WHERE name = 'audit_key';
	FOR r IN SELECT * FROM audit ORDER BY seq LOOP
		v_n := v_n + 1;
		IF r.seq <> v_n THEN
			bad_seq := r.seq;
			why := format('audit row %s follows row %s: row %s is missing (deleted)',
				      r.seq, v_n - 1, v_n);
			RETURN;
		END IF;
		IF r.prev_hash <> v_prev THEN
			bad_seq := r.seq;
			why := format('audit row %s does not follow the row before it (a row was '
				      'changed or removed)', r.seq);
			RETURN;
		END IF;
		IF v_key IS NULL AND v_key_from > 0 AND r.seq >= v_key_from THEN
			bad_seq := r.seq;
			why := format('audit rows from %s on are signed with the audit key, and '
				      'it is not loaded', v_key_from);
			RETURN;
		END IF;
		v_want := _row_hash(r.seq, r.time, r.login, r.action, r.entity, r.entity_id,
				    r.recipient, r.reason, r.detail, r.digest, r.prev_hash,
				    v_key_from, v_key);
		IF v_want <> r.hash THEN
			bad_seq := r.seq;
			why := format('audit row %s (%s, %s %s) does not match its %s: it was '
				      'changed after it was written, or written without the '
				      'audit key', r.seq, r.time, r.action, r.entity,
				      CASE WHEN v_key_from > 0 AND r.seq >= v_key_from
					   THEN 'MAC' ELSE 'hash' END);
			RETURN;
		END IF;
		FOR i IN 1 .. coalesce(array_length(p_seqs, 1), 0) LOOP
			IF p_seqs[i] = r.seq AND p_macs[i] IS DISTINCT FROM r.hash THEN
				bad_seq := r.seq;
				why := format('audit row %s is not the row the anchor %s:%s... names: '
					      'the log was rewritten from that row on', r.seq, r.seq,
					      left(p_macs[i], 12));
				RETURN;
			END IF;
		END LOOP;
		v_prev := v_want;
	END LOOP;
	FOR i IN 1 .. coalesce(array_length(p_seqs, 1), 0) LOOP
		IF p_seqs[i] > v_n THEN
			bad_seq := p_seqs[i];
			why := format('the log ends at row %s, but the anchor %s:%s... was taken at '
				      'row %s: rows were cut from the end', v_n, p_seqs[i],
				      left(p_macs[i], 12), p_seqs[i]);
			RETURN;
		END IF;
	END LOOP;
	rows := v_n;
END
$$;

-- ---- dorn check ----

-- Each case, note and staff member against the digest the log last
-- recorded for it (sq_content_check), and each one the log never
-- recorded. Over the whole database, whoever asks: the rows name only
-- entities and audit rows, no one's details. problem: 'removed' (gone
-- from the tables), 'erased' (there, but recorded erased), 'changed', or
-- 'unrecorded' (seq NULL).
CREATE FUNCTION content_check()
RETURNS TABLE (entity text, entity_id bigint, seq bigint, problem text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
	WITH latest AS (
		SELECT a.entity, a.entity_id, a.digest, a.seq FROM audit a
		JOIN (SELECT b.entity, b.entity_id, max(b.seq) AS seq FROM audit b
		      WHERE b.digest IS NOT NULL GROUP BY b.entity, b.entity_id) m
		ON a.seq = m.seq
	), now AS (
		SELECT l.*, _digest(l.entity, l.entity_id) AS d FROM latest l
	)
	SELECT * FROM (
		SELECT n.entity, n.entity_id, n.seq,
		       CASE WHEN n.d = repeat('0', 64) THEN 'removed'
			    WHEN n.digest = repeat('0', 64) THEN 'erased'
			    ELSE 'changed' END
		FROM now n WHERE n.d IS DISTINCT FROM n.digest ORDER BY n.seq) changed
	UNION ALL
	SELECT * FROM (
		SELECT 'staff', s.id, NULL::bigint, 'unrecorded' FROM staff s
		WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'staff'
				  AND a.entity_id = s.id AND a.digest IS NOT NULL)
		ORDER BY s.id) s
	UNION ALL
	SELECT * FROM (
		SELECT 'case', c.id, NULL::bigint, 'unrecorded' FROM "case" c
		WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'case'
				  AND a.entity_id = c.id AND a.digest IS NOT NULL)
		ORDER BY c.id) c
	UNION ALL
	SELECT * FROM (
		SELECT 'note', n.id, NULL::bigint, 'unrecorded' FROM note n
		WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'note'
				  AND a.entity_id = n.id AND a.digest IS NOT NULL)
		ORDER BY n.id) n
$$;

-- What each case's figure row should hold, from its tables
-- (STORE_FIGURE_SELECT of the SQLite engine, with the case's unit).
CREATE VIEW _figure_expected AS
SELECT c.id AS case_id, c.urn, c.unit,
	coalesce((SELECT s.login FROM staff s WHERE s.id = c.created_by), '') AS officer,
	coalesce((SELECT string_agg(o.code, ',' ORDER BY o.position) FROM case_offence o
		  WHERE o.case_id = c.id), '') AS offences,
	coalesce((SELECT (v.under_18_at_images = 'yes')::int FROM victim v
		  WHERE v.case_id = c.id), 0) AS child,
	substr(c.created, 1, 10) AS concern,
	(SELECT substr(min(n.reviewed), 1, 10) FROM note n WHERE n.case_id = c.id
	   AND n.status = 'approved') AS approved,
	(SELECT substr(min(a.time), 1, 10) FROM note n JOIN audit a ON a.entity_id = n.id
	   AND a.action = 'disclose' AND a.entity = 'note'
	 WHERE n.case_id = c.id AND n.status = 'approved') AS exported,
	coalesce(c.sentencing_date, c.next_hearing) AS hearing,
	(SELECT u.date FROM outcome u WHERE u.case_id = c.id) AS outcome,
	(SELECT count(*) FROM item i WHERE i.case_id = c.id) AS items,
	(SELECT count(*) FROM item i WHERE i.case_id = c.id
	   AND i.result IN ('order_made', 'forfeiture', 'refused')) AS sought,
	(SELECT count(*) FROM item i WHERE i.case_id = c.id
	   AND i.result IN ('order_made', 'forfeiture')) AS made,
	(SELECT count(*) FROM item i WHERE i.case_id = c.id AND i.result = 'refused') AS refused,
	(SELECT count(*) FROM item i WHERE i.case_id = c.id AND i.result = 'not_sought')
	   AS not_sought,
	(SELECT count(*) FROM item i WHERE i.case_id = c.id AND i.result = 'returned') AS returned,
	(SELECT count(*) FROM item i WHERE i.case_id = c.id AND i.result = 'held') AS held
FROM "case" c;

-- The database's own consistency (sq_check's, and what only a server
-- has): label, what, and what is wrong, one row per problem. Lines about
-- a case cover the caller's units (they name the case's URN); the rest
-- cover the whole database and name only logins and rows.
CREATE FUNCTION db_check() RETURNS TABLE (label text, what text, problem text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
BEGIN
	-- What the case list reads instead of the dates and notes themselves.
	RETURN QUERY
	SELECT 'case list', c.urn, 'the columns the case list reads disagree with the case''s '
		'dates or note: save the case again (dorn import --update) to rebuild them'
	FROM "case" c
	WHERE c.unit IN (SELECT my_units())
	AND (c.due_lo IS DISTINCT FROM least(c.next_hearing, c.sentencing_date)
	  OR c.due_hi IS DISTINCT FROM greatest(c.next_hearing, c.sentencing_date)
	  OR c.note_status IS DISTINCT FROM coalesce((SELECT n.status FROM note n
		WHERE n.case_id = c.id ORDER BY n.version DESC LIMIT 1), 'none')
	  OR c.note_version IS DISTINCT FROM coalesce((SELECT max(n.version) FROM note n
		WHERE n.case_id = c.id), 0)
	  OR (SELECT count(*) FROM case_due d WHERE d.case_id = c.id) IS DISTINCT FROM
	     (SELECT count(*) FROM case_due d WHERE d.case_id = c.id AND d.urn = c.urn
	      AND d.lo = c.due_lo AND d.date IN (c.due_lo, c.due_hi))
	  OR (SELECT count(*) FROM case_due d WHERE d.case_id = c.id) IS DISTINCT FROM
	     (CASE WHEN c.due_lo IS NULL THEN 0 WHEN c.due_lo = c.due_hi THEN 1 ELSE 2 END))
	ORDER BY c.urn;
	-- The force's figures: each case's row as its tables say it is.
	RETURN QUERY
	SELECT 'figures', r.urn, 'the unit''s figures disagree with the case: save it again '
		'(dorn import --update) to recount it'
	FROM _figure_expected r LEFT JOIN figure f ON f.case_id = r.case_id
	WHERE r.unit IN (SELECT my_units())
	AND (f.id IS NULL OR f.erased <> 0
	  OR (f.officer, f.offences, f.child, f.concern, f.approved, f.exported, f.hearing,
	      f.outcome, f.items, f.sought, f.made, f.refused, f.not_sought, f.returned, f.held,
	      f.unit)
	     IS DISTINCT FROM
	     (r.officer, r.offences, r.child::bigint, r.concern, r.approved, r.exported,
	      r.hearing, r.outcome, r.items, r.sought, r.made, r.refused, r.not_sought,
	      r.returned, r.held, r.unit))
	ORDER BY r.urn;
	-- Where the next audit row chains on: the last row.
	RETURN QUERY
	SELECT 'audit head', format('row %s', h.seq), format('the chain''s head is not the last '
		'audit row (row %s): the log was changed by other means', l.seq)
	FROM audit_head h
	LEFT JOIN LATERAL (SELECT a.seq, a.hash FROM audit a ORDER BY a.seq DESC LIMIT 1) l
		ON true
	WHERE (h.seq, h.hash) IS DISTINCT FROM (coalesce(l.seq, 0), coalesce(l.hash, repeat('0', 64)));
	-- The database's roles as dorn's staff records say they are.
	RETURN QUERY
	SELECT 'roles', s.login, CASE
		WHEN r.oid IS NULL THEN 'has no database role: ask the database administrator '
			'(dorn staff add makes it)'
		WHEN NOT pg_has_role(r.oid, ('dorn_' || s.role)::name, 'MEMBER')
			THEN format('is a%s %s but the database role is not granted dorn_%s',
				    CASE WHEN s.role = 'officer' THEN 'n' ELSE '' END, s.role, s.role)
		ELSE 'is an officer but the database role is granted dorn_supervisor' END
	FROM staff s LEFT JOIN pg_roles r ON r.rolname = s.login
	WHERE s.active = 1
	AND (r.oid IS NULL OR NOT pg_has_role(r.oid, ('dorn_' || s.role)::name, 'MEMBER')
	     OR (s.role = 'officer' AND pg_has_role(r.oid, 'dorn_supervisor', 'MEMBER')))
	ORDER BY s.login;
	-- A deactivated member of staff's login holds neither staff role.
	RETURN QUERY
	SELECT 'roles', s.login, 'is deactivated but the database role is still granted '
		|| string_agg(g.rolname, ' and ' ORDER BY g.rolname)
	FROM staff s JOIN pg_roles r ON r.rolname = s.login
	JOIN pg_roles g ON g.rolname IN ('dorn_officer', 'dorn_supervisor')
	 AND pg_has_role(r.oid, g.oid, 'MEMBER')
	WHERE s.active = 0 AND NOT r.rolsuper
	GROUP BY s.login ORDER BY s.login;
	-- Staff in no unit see no case.
	RETURN QUERY
	SELECT 'units', s.login, 'belongs to no unit, so sees no case'
	FROM staff s WHERE s.active = 1
	AND NOT EXISTS (SELECT 1 FROM staff_unit u WHERE u.staff_id = s.id)
	ORDER BY s.login;
END
$$;
