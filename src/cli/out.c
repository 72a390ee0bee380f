/* Command output as an aligned table, RFC 4180 CSV, or JSON rows. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dorn/buf.h"
#include "dorn/text.h"
#include "priv.h"

void cli_out_begin(struct cli_out *o, enum cli_format fmt, FILE *f,
		   const struct cli_col *cols, size_t ncols)
{
	memset(o, 0, sizeof *o);
	o->fmt = fmt;
	o->f = f;
	o->cols = cols;
	o->ncols = ncols;
	if (fmt == CLI_CSV) {
		for (size_t i = 0; i < ncols; i++)
			fprintf(f, "%s%s", i ? "," : "", cols[i].name);
		fputs("\r\n", f);
	} else if (fmt == CLI_JSON) {
		fputc('[', f);
	}
}

static char *clean(const char *s)
{
	char *c = strdup(s ? s : "");

	if (c)
		dorn_text_strip(c, 0);
	return c;
}

static void csv_field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void json_row(struct cli_out *o, char **v)
{
	const char *keys[32];
	int numeric[32];
	struct dorn_buf b;
	size_t n = o->ncols < 32 ? o->ncols : 32;

	for (size_t i = 0; i < n; i++) {
		keys[i] = o->cols[i].name;
		numeric[i] = o->cols[i].numeric;
	}
	dorn_buf_init(&b);
	/* One object at a time keeps memory flat for a long log. */
	if (dorn_app_json_row(keys, (const char *const *)v, numeric, n, &b))
		o->failed = DORN_ENOMEM;
	else
		fprintf(o->f, "%s\n  %s", o->rows ? "," : "", dorn_buf_str(&b));
	dorn_buf_fini(&b);
}

static size_t width(const char *s)
{
	return dorn_text_width(s, strlen(s));
}

static void pad(FILE *f, size_t n)
{
	while (n--)
		fputc(' ', f);
}

/* One line of the table with the widths in o->w; a longer value (a row
 * after the widths were fixed) pushes the rest of its line to the right. */
static void table_row(struct cli_out *o, const char *const *cells)
{
	size_t n = o->ncols < 32 ? o->ncols : 32;
	int first = 1;

	for (size_t i = 0; i < n; i++) {
		const char *s = cells[i];
		size_t sw = width(s);
		int last = 1;

		if (!o->cols[i].table)
			continue;
		for (size_t j = i + 1; j < n; j++)
			if (o->cols[j].table)
				last = 0;
		if (!first)
			fputs("  ", o->f);
		first = 0;
		if (o->cols[i].numeric) {
			pad(o->f, o->w[i] > sw ? o->w[i] - sw : 0);
			fputs(s, o->f);
		} else {
			fputs(s, o->f);
			if (!last)
				pad(o->f, o->w[i] > sw ? o->w[i] - sw : 0);
		}
	}
	fputc('\n', o->f);
}

/* Size the columns from the rows held and print them. more: rows are still
 * to come, so each width is raised to its column's max and the rows held
 * are let go. */
static void table_flush(struct cli_out *o, int more)
{
	size_t n = o->ncols < 32 ? o->ncols : 32;
	const char *names[32];

	for (size_t i = 0; i < n; i++) {
		names[i] = o->cols[i].name;
		o->w[i] = width(names[i]);
		if (more && (size_t)o->cols[i].max > o->w[i])
			o->w[i] = (size_t)o->cols[i].max;
	}
	for (size_t r = 0; r < o->rows; r++)
		for (size_t i = 0; i < n; i++)
			if (width(o->cells[r * n + i]) > o->w[i])
				o->w[i] = width(o->cells[r * n + i]);
	table_row(o, names);
	for (size_t r = 0; r < o->rows; r++)
		table_row(o, (const char *const *)o->cells + r * n);
	if (!more)
		return;
	for (size_t i = 0; i < o->rows * o->ncols; i++)
		free(o->cells[i]);
	free(o->cells);
	o->cells = NULL;
	o->cap = 0;
	o->streaming = 1;
}

void cli_out_row(struct cli_out *o, const char *const *vals)
{
	char *v[32];
	size_t n = o->ncols < 32 ? o->ncols : 32;

	for (size_t i = 0; i < n; i++) {
		v[i] = clean(vals[i]);
		if (!v[i])
			o->failed = DORN_ENOMEM;
	}
	if (o->failed)
		goto out;
	switch (o->fmt) {
	case CLI_CSV:
		for (size_t i = 0; i < n; i++) {
			if (i)
				fputc(',', o->f);
			csv_field(o->f, v[i]);
		}
		fputs("\r\n", o->f);
		break;
	case CLI_JSON:
		json_row(o, v);
		break;
	case CLI_TABLE:
	case CLI_TEXT:
	case CLI_PDF:
		if (o->streaming) {
			table_row(o, (const char *const *)v);
			break;
		}
		if (dorn_grow(&o->cells, &o->cap, (o->rows + 1) * n, sizeof *o->cells)) {
			o->failed = DORN_ENOMEM;
			goto out;
		}
		for (size_t i = 0; i < n; i++) {
			o->cells[o->rows * n + i] = v[i];
			v[i] = NULL;
		}
		if (o->rows + 1 == CLI_TABLE_HOLD) {
			o->rows++;
			table_flush(o, 1);
			goto out;
		}
		break;
	}
	o->rows++;
out:
	for (size_t i = 0; i < n; i++)
		free(v[i]);
}

int cli_out_end(struct cli_out *o)
{
	int rc;

	if (o->fmt == CLI_JSON)
		fputs(o->rows ? "\n]\n" : "]\n", o->f);
	else if (o->fmt == CLI_TABLE && !o->failed && !o->streaming)
		table_flush(o, 0);
	for (size_t i = 0; !o->streaming && i < o->rows * o->ncols && o->cells; i++)
		free(o->cells[i]);
	free(o->cells);
	o->cells = NULL;
	rc = o->failed;
	if (fflush(o->f) != 0 || ferror(o->f))
		rc = DORN_EIO;
	return rc;
}

void cli_text(const char *s, int keep_newline)
{
	char *c = strdup(s ? s : "");

	if (!c)
		return;
	dorn_text_strip(c, keep_newline ? DORN_TEXT_KEEP_NEWLINE : 0);
	fputs(c, stdout);
	free(c);
}

int cli_write_file(const char *path, const void *data, size_t n, struct dorn_err *err)
{
	char tmp[4096];
	struct stat sb;
	const char *p = data ? data : "";
	size_t left = n;
	int fd, rc = 0;

	if (lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
		return dorn_err_set(err, DORN_ECANTCREAT, "--out %s is %s, not a file: give the "
				    "path of a file to write", path,
				    S_ISLNK(sb.st_mode) ? "a symbolic link" : "a folder or device");
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.dorn-tmp-%ld", path, (long)getpid()) >=
	    sizeof tmp)
		return dorn_err_set(err, DORN_EUSAGE, "--out: the path is too long");
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return dorn_err_set(err, DORN_ECANTCREAT, "cannot create %s: %s: check that "
				    "the folder exists and that you may write in it", tmp,
				    strerror(errno));
	while (left && !rc) {
		ssize_t w = write(fd, p, left);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			rc = dorn_err_set(err, DORN_EIO, "cannot write %s: %s", tmp,
					  strerror(errno));
		else
			left -= (size_t)w;
		if (w > 0)
			p += w;
	}
	if (!rc && fsync(fd))
		rc = dorn_err_set(err, DORN_EIO, "cannot write %s: %s", tmp, strerror(errno));
	if (close(fd) && !rc)
		rc = dorn_err_set(err, DORN_EIO, "cannot write %s: %s", tmp, strerror(errno));
	if (!rc && rename(tmp, path))
		rc = dorn_err_set(err, DORN_ECANTCREAT, "cannot put %s in place: %s", path,
				  strerror(errno));
	if (rc)
		unlink(tmp);
	return rc;
}
