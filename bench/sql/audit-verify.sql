-- dorn audit --verify: dorn_store_audit_verify in src/store/audit.c reads
-- every row in order and hashes each (HMAC-SHA256 under the audit key from
-- the row meta.audit_key_from names); bench/run.sh pipes the shell's rows
-- to sha256sum so the shell hashes too.
SELECT seq, time, login, action, entity, entity_id, recipient, reason, detail, coalesce(digest, ''), prev_hash, hash FROM audit ORDER BY seq;
