#!/bin/sh
# One model, two engines: a SQLite database made by 'dorn init' and a
# server made by 'dorn init --server' hold the same tables, with for each
# table the same columns in the same order (names, INTEGER/bigint and
# TEXT/text, NOT NULL, defaults), the same primary key, UNIQUE
# constraints, foreign keys (and what a delete does to them), as many
# CHECK constraints, and the same named indexes (columns, unique, partial).
# So a unit's rows move in one for one ('dorn migrate'), and a content
# digest is the same on both. What only a force has is listed below as
# the allowed differences; anything else that differs fails.
#
#   sh tests/pg/t_schema.sh     (from the top of the tree, after make dorn)
set -u
DORN=${DORN:-$(pwd)/dorn}
D=$(mktemp -d /tmp/dorn-pgschema-XXXXXX)
T=$(mktemp -d /tmp/dorn-pgschema-t-XXXXXX)
trap 'tests/pg/cluster.sh stop "$D" >/dev/null 2>&1; rm -rf "$T"' EXIT INT TERM
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME="$T/home"
unset DORN_CONFIG XDG_CONFIG_HOME XDG_DATA_HOME NO_COLOR
mkdir -p "$HOME"

if ! U=$(tests/pg/cluster.sh start "$D"); then
	echo "pg-schema: cannot start a PostgreSQL cluster: $(tests/pg/cluster.sh why)"
	exit 1
fi
fails=0
"$DORN" --db "$T/unit.db" init --name "Schema Check" >/dev/null 2>"$T/err" ||
	{ echo "FAIL: dorn init (SQLite): $(cat "$T/err")"; fails=1; }
"$DORN" init --server "$U" --unit U1 --supervisor sup1 --name "Sam Sup" >/dev/null 2>"$T/err" ||
	{ echo "FAIL: dorn init --server: $(cat "$T/err")"; fails=1; }

# The server's catalogue, as tab-separated lines for the comparison.
psql -X -q -At -F "$(printf '\t')" -v ON_ERROR_STOP=1 "$U" >"$T/pg" 2>"$T/err" <<'EOF' || { echo "FAIL: reading the server's catalogue: $(cat "$T/err")"; fails=1; }
SELECT 'col', c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),
       a.attnotnull, coalesce(pg_get_expr(d.adbin, d.adrelid), ''), a.attidentity <> ''
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
WHERE c.relnamespace = 'dorn'::regnamespace AND c.relkind = 'r'
ORDER BY c.relname, a.attnum;
SELECT 'con', c.relname, k.contype,
       (SELECT string_agg(a.attname, ',' ORDER BY u.n) FROM unnest(k.conkey) WITH ORDINALITY u(att, n)
        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.att),
       coalesce(f.relname, ''),
       coalesce((SELECT string_agg(a.attname, ',' ORDER BY u.n) FROM unnest(k.confkey) WITH ORDINALITY u(att, n)
        JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.att), ''),
       k.confdeltype
FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
LEFT JOIN pg_class f ON f.oid = k.confrelid
WHERE k.connamespace = 'dorn'::regnamespace AND c.relkind = 'r';
SELECT 'idx', t.relname, i.relname, x.indisunique, x.indpred IS NOT NULL,
       (SELECT string_agg(a.attname, ',' ORDER BY u.n) FROM unnest(x.indkey::int2[]) WITH ORDINALITY u(att, n)
        JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.att),
       EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid)
FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
WHERE t.relnamespace = 'dorn'::regnamespace AND t.relkind = 'r';
EOF

python3 - "$T/unit.db" "$T/pg" <<'EOF'
import re, sqlite3, sys

# ---- the allowed differences: what only a force has, and the search ----
PG_ONLY_TABLES = {
    'unit': 'a force has units',
    'staff_unit': 'staff belong to units',
    'secret': 'the audit key, held by the server (a file beside a SQLite database)',
    'audit_head': 'the chain head writers lock (SQLite serialises writers itself)',
}
DIFFERENT_TABLES = {
    'case_search': 'FTS5 virtual table on SQLite, a tsvector table on PostgreSQL',
}
PG_ONLY_COLUMNS = {('case', 'unit'), ('figure', 'unit')}   # last columns, so rows copy in order
PG_ONLY_FKS = {('case', 'unit'), ('figure', 'unit')}
PG_ONLY_INDEXES = {
    'case_unit': 'cases by unit',
    # byte-order ("C") twins of SQLite's BINARY-ordered list keys (40-read.sql)
    'case_due_order_c': 'the agenda in byte order', 'case_due_hi_c': 'the list in byte order',
    'case_urn_c': 'URNs in byte order',
}
SQLITE_SKIP = re.compile(r'^(sqlite_|case_search_)')          # internals, FTS5 shadow tables

sq = sqlite3.connect(sys.argv[1])
pg = [l.rstrip('\n').split('\t') for l in open(sys.argv[2], encoding='utf-8') if l.strip()]
passed = failed = 0
def check(what, got_sq, got_pg):
    global passed, failed
    if got_sq == got_pg:
        passed += 1
    else:
        failed += 1
        print('FAIL: %s:\n  SQLite:     %s\n  PostgreSQL: %s' % (what, got_sq, got_pg))

TYPES = {'INTEGER': 'bigint', 'TEXT': 'text'}
def pg_default(d):
    d = re.sub(r'::(text|bigint|integer)$', '', d)
    return d or None

sq_tables = [r[0] for r in sq.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") if not SQLITE_SKIP.match(r[0])]
sq_tables = [t for t in sq_tables if t not in DIFFERENT_TABLES]
pg_cols, pg_cons, pg_idx = {}, {}, {}
for r in pg:
    if r[0] == 'col':
        pg_cols.setdefault(r[1], []).append(r)
    elif r[0] == 'con':
        pg_cons.setdefault(r[1], []).append(r)
    elif r[0] == 'idx':
        pg_idx.setdefault(r[1], []).append(r)
pg_tables = sorted(t for t in pg_cols if t not in PG_ONLY_TABLES and t not in DIFFERENT_TABLES)
check('the tables', sorted(sq_tables), pg_tables)
for t in PG_ONLY_TABLES:
    check('the server has table %s (%s)' % (t, PG_ONLY_TABLES[t]), True, t in pg_cols)

for t in sq_tables:
    if t not in pg_cols:
        continue
    info = sq.execute('PRAGMA table_xinfo("%s")' % t).fetchall()
    sql = sq.execute("SELECT sql FROM sqlite_master WHERE name = ?", (t,)).fetchone()[0]
    # columns: name, type, NOT NULL (a primary key is never NULL), default
    s_cols = [(c[1], TYPES.get(c[2], c[2]), bool(c[3] or c[5]), c[4]) for c in info]
    p_cols = [(c[3], c[4], c[5] == 't', pg_default(c[6])) for c in pg_cols[t]
              if (t, c[3]) not in PG_ONLY_COLUMNS]
    check('%s: columns (name, type, not null, default), in order' % t, s_cols, p_cols)
    extra = [c[3] for c in pg_cols[t] if (t, c[3]) in PG_ONLY_COLUMNS]
    check('%s: the force\'s columns come last' % t, [c[3] for c in pg_cols[t]][len(p_cols):], extra)
    # the primary key
    s_pk = [c[1] for c in sorted(info, key=lambda c: c[5]) if c[5]]
    p_pk = [k[3].split(',') for k in pg_cons.get(t, []) if k[2] == 'p']
    check('%s: primary key' % t, s_pk, p_pk[0] if p_pk else [])
    # UNIQUE constraints (as declared in CREATE TABLE)
    s_uq = sorted(','.join(r[2] for r in sq.execute('PRAGMA index_info("%s")' % i[1]))
                  for i in sq.execute('PRAGMA index_list("%s")' % t) if i[3] == 'u')
    p_uq = sorted(k[3] for k in pg_cons.get(t, []) if k[2] == 'u')
    check('%s: UNIQUE constraints' % t, s_uq, p_uq)
    # foreign keys: column, parent table and column, ON DELETE
    act = {'CASCADE': 'c', 'SET NULL': 'n', 'NO ACTION': 'a', 'RESTRICT': 'r', 'SET DEFAULT': 'd'}
    s_fk = sorted('%s->%s(%s) %s' % (f[3], f[2], f[4] or 'id', act[f[6]])
                  for f in sq.execute('PRAGMA foreign_key_list("%s")' % t))
    p_fk = sorted('%s->%s(%s) %s' % (k[3], k[4], k[5], k[6]) for k in pg_cons.get(t, [])
                  if k[2] == 'f' and (t, k[3]) not in PG_ONLY_FKS)
    check('%s: foreign keys' % t, s_fk, p_fk)
    # CHECK constraints: as many (their expressions are each engine's SQL)
    s_ck = len(re.findall(r'\bCHECK\s*\(', sql, re.I))
    p_ck = sum(1 for k in pg_cons.get(t, []) if k[2] == 'c')
    check('%s: CHECK constraints' % t, s_ck, p_ck)
    # named indexes: columns, unique, partial
    s_ix = sorted('%s(%s)%s%s' % (i[1], ','.join(r[2] for r in sq.execute('PRAGMA index_info("%s")' % i[1])),
                                  ' unique' if i[2] else '', ' partial' if i[4] else '')
                  for i in sq.execute('PRAGMA index_list("%s")' % t) if i[3] == 'c')
    p_ix = sorted('%s(%s)%s%s' % (x[2], x[5], ' unique' if x[3] == 't' else '',
                                  ' partial' if x[4] == 't' else '')
                  for x in pg_idx.get(t, []) if x[6] != 't' and x[2] not in PG_ONLY_INDEXES)
    check('%s: indexes' % t, s_ix, p_ix)

# indexes on one table in SQLite may sit on another's name: each named
# index exists on the server on the same table (checked above), and the
# server's own are the allowed ones
for name, why in PG_ONLY_INDEXES.items():
    check('the server has index %s (%s)' % (name, why), True,
          any(x[2] == name for xs in pg_idx.values() for x in xs))
# the search: the same five fields, searched by FTS5 there and tsvector here
s_fts = [c[1] for c in sq.execute('PRAGMA table_info(case_search)')]
p_fts = [c[3] for c in pg_cols.get('case_search', []) if c[3] not in ('case_id', 'doc')]
check('case_search: the fields searched', s_fts, p_fts)
print('pg-schema: %d passed, %d failed' % (passed, failed))
sys.exit(1 if failed else 0)
EOF
rc=$?
[ "$fails" -eq 0 ] && [ "$rc" -eq 0 ]
