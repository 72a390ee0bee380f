-- dorn on PostgreSQL: the audit log's chain and the staff's roles.
-- (foundation: to be completed)

-- The first supervisor of the first unit, made by 'dorn init --server'.
-- Their database role is made (LOGIN, no password: peer or certificate
-- authentication, or the administrator sets one) unless it exists, and
-- granted dorn_supervisor.
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
	RETURN v_id;
END
$$;
