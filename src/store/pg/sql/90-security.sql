-- dorn on PostgreSQL: who may do what, enforced by the database whatever
-- the client (dorn-server(7)). Runs last, after every table and function
-- exists, as dorn_owner.
--
--   dorn_owner       owns everything; the only role that writes a table,
--                    and it does so inside the SECURITY DEFINER functions
--                    of the API, which check the caller's role, unit and
--                    the four-eyes rule and append the audit row.
--   dorn_officer,    read the tables they need, their units' rows only
--   dorn_supervisor  (row-level security); write only by calling the API;
--                    supervisors alone read the audit log.
--   dorn_force       reads the figures of every unit, and the units: no
--                    personal data (no case, victim, staff or audit row).
-- Nobody reads secret (the audit key) or audit_head but dorn_owner; the
-- audit log and meta are also append-only by trigger (20-audit.sql), so
-- even dorn_owner changes a row only by first dropping the trigger.

-- ---- tables ----
REVOKE ALL ON ALL TABLES IN SCHEMA dorn FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA dorn FROM PUBLIC;
GRANT USAGE ON SCHEMA dorn TO dorn_officer, dorn_supervisor, dorn_force;

GRANT SELECT ON staff, "case", case_offence, concern, note, case_due, victim, item, meta,
	note_author, outcome, figure, unit, staff_unit, case_search
	TO dorn_officer, dorn_supervisor;
GRANT SELECT ON audit TO dorn_supervisor;
-- meta: the schema's version, which opening a store checks.
GRANT SELECT ON figure, unit, meta TO dorn_force;

-- ---- rows: each unit's own ----
-- A row is visible when its case belongs to one of the caller's units
-- (my_units(): the units of the active staff row whose login is
-- session_user). SELECT policies only: no role but dorn_owner (which is
-- not subject to them: FORCE is off) may write at all.
ALTER TABLE "case" ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_of_my_units ON "case" FOR SELECT TO dorn_officer, dorn_supervisor
	USING (unit = ANY (ARRAY(SELECT dorn.my_units())));

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['victim', 'concern', 'item', 'case_offence', 'outcome', 'note',
				 'note_author', 'case_due', 'case_search'] LOOP
		EXECUTE format('ALTER TABLE dorn.%I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('CREATE POLICY case_of_my_units ON dorn.%I FOR SELECT'
			       ' TO dorn_officer, dorn_supervisor'
			       ' USING (EXISTS (SELECT 1 FROM dorn."case" c WHERE c.id = %I.case_id'
			       ' AND c.unit = ANY (ARRAY(SELECT dorn.my_units()))))', t, t);
	END LOOP;
END
$$;

-- The figures: a unit's staff see their units' rows; dorn_force every
-- unit's (a row keeps its unit after its case is erased).
ALTER TABLE figure ENABLE ROW LEVEL SECURITY;
CREATE POLICY figure_of_my_units ON figure FOR SELECT TO dorn_officer, dorn_supervisor
	USING (unit = ANY (ARRAY(SELECT dorn.my_units())));
CREATE POLICY figure_of_the_force ON figure FOR SELECT TO dorn_force USING (true);

-- Staff: oneself, and the members of a unit one belongs to.
ALTER TABLE staff ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_of_my_units ON staff FOR SELECT TO dorn_officer, dorn_supervisor
	USING (login = session_user
	       OR id IN (SELECT u.staff_id FROM dorn.staff_unit u
			 WHERE u.unit = ANY (ARRAY(SELECT dorn.my_units()))));

-- ---- functions: the API only ----
-- Functions made from now on by dorn_owner are not anyone's to call until
-- granted (the default would let PUBLIC call them).
ALTER DEFAULT PRIVILEGES FOR ROLE dorn_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA dorn FROM PUBLIC;

-- Every function of dorn's own whose name does not start with '_' is the
-- API: staff may call it (each checks the caller's role and units itself).
-- One that its file already granted to some of dorn's roles keeps just
-- those grants. Internal functions ('_...') are granted to no one, and
-- the extensions' own are left alone.
DO $$
DECLARE
	f record;
BEGIN
	FOR f IN SELECT p.oid::regprocedure AS sig, p.proacl
		 FROM pg_proc p
		 WHERE p.pronamespace = 'dorn'::regnamespace
		 AND p.proname !~ '^_'
		 AND p.prokind IN ('f', 'p')
		 AND NOT EXISTS (SELECT 1 FROM pg_depend d
				 WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
				 AND d.deptype = 'e')
	LOOP
		IF NOT EXISTS (SELECT 1 FROM aclexplode(f.proacl) a
			       JOIN pg_roles r ON r.oid = a.grantee
			       WHERE r.rolname IN ('dorn_officer', 'dorn_supervisor', 'dorn_force')
			       AND a.privilege_type = 'EXECUTE') THEN
			EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO dorn_officer, dorn_supervisor',
				       f.sig);
		END IF;
	END LOOP;
END
$$;

-- The force's role verifies the chain and passes the figures' policy.
GRANT EXECUTE ON FUNCTION audit_verify(bigint[], text[]), audit_head_row(), my_units()
	TO dorn_force;
-- A search folds the words typed as the index folds the fields (_fold:
-- lower case, no accents), so clients may fold too. (The extensions'
-- functions belong to the administrator who added them, and stay as
-- PostgreSQL makes them; none reads a table.)
GRANT EXECUTE ON FUNCTION _fold(text) TO dorn_officer, dorn_supervisor;

-- The audit log: a supervisor reads the rows written by the staff of
-- their units and by logins that are no one's staff (the administrator's
-- init, a migration), not another unit's: its rows' reasons and details
-- are that unit's business. Verifying the whole chain is audit_verify()'s,
-- which runs as the owner. The logins are worked out as the owner, since
-- staff of other units are hidden from the caller.
CREATE FUNCTION my_audit_logins() RETURNS SETOF text
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = dorn, pg_catalog
AS $$
BEGIN
	RETURN QUERY SELECT s.login FROM staff s JOIN staff_unit u ON u.staff_id = s.id
	WHERE u.unit IN (SELECT my_units())
	UNION
	SELECT DISTINCT a.login FROM audit a WHERE NOT EXISTS (SELECT 1 FROM staff s
							      WHERE s.login = a.login);
END
$$;
REVOKE ALL ON FUNCTION my_audit_logins() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION my_audit_logins() TO dorn_supervisor;
ALTER TABLE audit ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_of_my_units ON audit FOR SELECT TO dorn_supervisor
	USING (login = ANY (ARRAY(SELECT dorn.my_audit_logins())));
