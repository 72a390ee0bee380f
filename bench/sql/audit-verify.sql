-- dorn audit --verify: dorn_store_audit_verify in src/store/audit.c reads
-- every row in order (and hashes each, which the shell does not).
SELECT seq, time, login, action, entity, entity_id, recipient, reason, prev_hash, hash FROM audit ORDER BY seq;
