/* The record's columns, from the field table: the SQL that writes and
 * reads each part of a case is generated once from dorn_fields (column
 * names come only from that constant table; every value is a bound
 * parameter), each statement is prepared once per connection, and values
 * are bound and loaded by their field type. A new field is a row in
 * core/fields.c and a migration that adds its column. */
#include <stdio.h>
#include <string.h>

#include "dorn/fields.h"
#include "priv.h"

#define SQL_MAX 2048

/* The parts with a table of their own, and how their rows are keyed. */
static const struct {
	const char *table;
	int items;    /* one row per item, with its position */
} tables[DORN_PART__COUNT] = {
	[DORN_PART_CASE] = { "\"case\"", 0 },
	[DORN_PART_VICTIM] = { "victim", 0 },
	[DORN_PART_CONCERN] = { "concern", 0 },
	[DORN_PART_ITEM] = { "item", 1 },
	[DORN_PART_OUTCOME] = { "outcome", 0 },
};

/* Bookkeeping columns of the case row, after its fields. */
static const char case_insert_tail[] = "due_lo, due_hi, created_by, created, updated_by,"
				       " updated, version, steps_saved";
static const char case_update_tail[] = "due_lo = ?, due_hi = ?, updated_by = ?, updated = ?,"
				       " version = version + 1, steps_saved = ? WHERE id = ?";
static const char case_select_tail[] = "c.id, c.version, c.created, c.updated, s.login,"
				       " c.steps_saved, c.outcome_version, c.retain_until,"
				       " c.retain_reason";

static int stored(const struct dorn_field *f, int part)
{
	return f->part == part && f->type != DORN_FT_OFFENCES;
}

static size_t ncolumns(int part)
{
	size_t n = 0;

	for (size_t i = 0; i < dorn_nfields; i++)
		n += (size_t)stored(&dorn_fields[i], part);
	return n;
}

/* "a, b, c" (with prefix before each) or "a = ?, b = ?" into out at *w. */
static void columns(int part, const char *prefix, const char *suffix, char *out, size_t *w)
{
	size_t k = 0;

	for (size_t i = 0; i < dorn_nfields; i++) {
		if (!stored(&dorn_fields[i], part))
			continue;
		*w += (size_t)snprintf(out + *w, SQL_MAX - *w, "%s%s%s%s", k++ ? ", " : "",
				       prefix, dorn_fields[i].key, suffix);
	}
}

static void marks(size_t n, char *out, size_t *w)
{
	for (size_t i = 0; i < n; i++)
		*w += (size_t)snprintf(out + *w, SQL_MAX - *w, "%s?", i ? "," : "");
}

/* The generated SQL, made once: it depends only on the constant table. */
enum gen { G_INSERT, G_SELECT, G_CASE_UPDATE, G__COUNT };
static char sql_text[DORN_PART__COUNT][G__COUNT][SQL_MAX];

static const char *sql_for(int part, int g)
{
	char *out = sql_text[part][g];
	size_t w = 0, n = ncolumns(part);

	if (out[0])
		return out;
	if (part == DORN_PART_CASE && g == G_INSERT) {
		w += (size_t)snprintf(out + w, SQL_MAX - w, "INSERT INTO \"case\" (");
		columns(part, "", "", out, &w);
		w += (size_t)snprintf(out + w, SQL_MAX - w, ", %s) VALUES (", case_insert_tail);
		marks(n + 8, out, &w);
		snprintf(out + w, SQL_MAX - w, ")");
	} else if (part == DORN_PART_CASE && g == G_CASE_UPDATE) {
		w += (size_t)snprintf(out + w, SQL_MAX - w, "UPDATE \"case\" SET ");
		columns(part, "", " = ?", out, &w);
		snprintf(out + w, SQL_MAX - w, ", %s", case_update_tail);
	} else if (part == DORN_PART_CASE) {
		w += (size_t)snprintf(out + w, SQL_MAX - w, "SELECT ");
		columns(part, "c.", "", out, &w);
		snprintf(out + w, SQL_MAX - w, ", %s FROM \"case\" c JOIN staff s"
			 " ON s.id = c.updated_by WHERE c.urn = ?", case_select_tail);
	} else if (g == G_INSERT) {
		w += (size_t)snprintf(out + w, SQL_MAX - w, "INSERT INTO %s (case_id, %s",
				      tables[part].table, tables[part].items ? "position, " : "");
		columns(part, "", "", out, &w);
		w += (size_t)snprintf(out + w, SQL_MAX - w, ") VALUES (");
		marks(n + 1 + (size_t)tables[part].items, out, &w);
		snprintf(out + w, SQL_MAX - w, ")");
	} else {
		w += (size_t)snprintf(out + w, SQL_MAX - w, "SELECT %s",
				      tables[part].items ? "position, " : "");
		columns(part, "", "", out, &w);
		snprintf(out + w, SQL_MAX - w, " FROM %s WHERE case_id = ?%s", tables[part].table,
			 tables[part].items ? " ORDER BY position" : "");
	}
	return out;
}

static const enum stmt_id stmt_ids[DORN_PART__COUNT][G__COUNT] = {
	[DORN_PART_CASE] = { STMT_CASE_INSERT, STMT_CASE_SELECT, STMT_CASE_UPDATE },
	[DORN_PART_VICTIM] = { STMT_VICTIM_INSERT, STMT_VICTIM_SELECT, STMT__COUNT },
	[DORN_PART_CONCERN] = { STMT_CONCERN_INSERT, STMT_CONCERN_SELECT, STMT__COUNT },
	[DORN_PART_ITEM] = { STMT_ITEM_INSERT, STMT_ITEM_SELECT, STMT__COUNT },
	[DORN_PART_OUTCOME] = { STMT_OUTCOME_INSERT, STMT_OUTCOME_SELECT, STMT__COUNT },
};

int store_part_stmt(struct dorn_store *st, int part, enum store_part_sql which,
		    sqlite3_stmt **out, struct dorn_err *err)
{
	int g = which == STORE_PART_INSERT ? G_INSERT : which == STORE_PART_SELECT
								? G_SELECT : G_CASE_UPDATE;

	return store_stmt(st, stmt_ids[part][g], sql_for(part, g), out, err);
}

int store_part_bind(sqlite3_stmt *s, int first, int part, const void *base)
{
	int i = first, rc = SQLITE_OK;

	for (size_t k = 0; k < dorn_nfields && rc == SQLITE_OK; k++) {
		const struct dorn_field *f = &dorn_fields[k];
		const char *at = (const char *)base + f->off;
		char word[64];

		if (!stored(f, part))
			continue;
		if ((f->flags & DORN_FF_SPARSE) &&
		    (f->type == DORN_FT_CHOICE ? *(const int *)(const void *)at == 0 : !*at)) {
			rc = sqlite3_bind_null(s, i++);
			continue;
		}
		switch (f->type) {
		case DORN_FT_CHOICE:
			dorn_field_text(f, at, 0, word, sizeof word);
			rc = store_bind_text(s, i, word);
			break;
		case DORN_FT_SET:
			rc = sqlite3_bind_int(s, i, (int)*(const unsigned *)(const void *)at);
			break;
		case DORN_FT_POUNDS: {
			long v = *(const long *)(const void *)at;

			rc = v >= 0 ? sqlite3_bind_int64(s, i, v) : sqlite3_bind_null(s, i);
			break;
		}
		case DORN_FT_DATE:
			rc = store_bind_text(s, i, *at ? at : NULL);
			break;
		default:
			rc = store_bind_text(s, i, at);
			break;
		}
		i++;
	}
	return rc == SQLITE_OK ? i : -1;
}

int store_part_load(sqlite3_stmt *s, int first, int part, void *base)
{
	int col = first;

	for (size_t k = 0; k < dorn_nfields; k++) {
		const struct dorn_field *f = &dorn_fields[k];
		char *at = (char *)base + f->off;

		if (!stored(f, part))
			continue;
		switch (f->type) {
		case DORN_FT_CHOICE: {
			const unsigned char *w = sqlite3_column_text(s, col);
			int v = w ? dorn_name_lookup(f->names, (const char *)w) : -1;

			*(int *)(void *)at = v < 0 ? 0 : v;
			break;
		}
		case DORN_FT_SET:
			*(unsigned *)(void *)at = (unsigned)sqlite3_column_int(s, col);
			break;
		case DORN_FT_POUNDS:
			*(long *)(void *)at = sqlite3_column_type(s, col) == SQLITE_NULL
						     ? -1 : (long)sqlite3_column_int64(s, col);
			break;
		default:
			store_col_copy(s, col, at, f->size);
			break;
		}
		col++;
	}
	return col;
}
