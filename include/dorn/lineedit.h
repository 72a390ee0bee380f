/* The text-field model: UTF-8 text, a cursor that moves by character, and
 * the layout of the text in rows of a given width. Pure (no curses), so the
 * editing rules are unit tested; ui/ only draws what this says. */
#ifndef DORN_LINEEDIT_H
#define DORN_LINEEDIT_H

#include <stddef.h>
#include <stdint.h>

struct dorn_le {
	char *text;      /* UTF-8, NUL-terminated, owned */
	size_t len;      /* bytes */
	size_t cap;
	size_t cur;      /* byte offset of the cursor, always at a character boundary */
	size_t max;      /* most bytes the field may hold */
	int multiline;   /* '\n' may be typed */
	size_t goal_col; /* display column kept while moving up and down */
};

/* Start with text (stripped of control characters; cut at max on a character
 * boundary); the cursor goes to the end. 0 or DORN_ENOMEM. */
int dorn_le_init(struct dorn_le *e, const char *text, size_t max, int multiline);
void dorn_le_fini(struct dorn_le *e);
int dorn_le_set(struct dorn_le *e, const char *text);

/* Insert one character at the cursor. Control characters are refused
 * (DORN_EDATA), except '\n' in a multi-line field; a tab becomes a space.
 * DORN_EDATA too when the field would go over max. */
int dorn_le_insert(struct dorn_le *e, uint32_t cp);

void dorn_le_backspace(struct dorn_le *e);   /* the character before the cursor */
void dorn_le_delete(struct dorn_le *e);      /* the character at the cursor */
void dorn_le_left(struct dorn_le *e);
void dorn_le_right(struct dorn_le *e);
void dorn_le_word_left(struct dorn_le *e);   /* to the start of this or the previous word */
void dorn_le_word_right(struct dorn_le *e);  /* past the end of this or the next word */
void dorn_le_home(struct dorn_le *e);        /* start of the logical line (between newlines) */
void dorn_le_end(struct dorn_le *e);         /* end of the logical line */
void dorn_le_kill_line(struct dorn_le *e);   /* Ctrl-U: delete to the start of the line */

/* Rows: the text laid out in width columns, wrapping at spaces (a word
 * longer than width is cut by character), and at '\n'. */
struct dorn_le_row {
	size_t start, end; /* byte range, without the '\n' */
};
/* Fill up to max rows; returns the number of rows the text needs (>= 1). */
size_t dorn_le_layout(const struct dorn_le *e, size_t width, struct dorn_le_row *rows,
		      size_t max);
/* The cursor's row and display column in that layout. */
void dorn_le_cursor(const struct dorn_le *e, size_t width, size_t *row, size_t *col);
/* Move to the row above or below, keeping the display column. Returns 0
 * when there is no such row (the field's first or last). */
int dorn_le_up(struct dorn_le *e, size_t width);
int dorn_le_down(struct dorn_le *e, size_t width);

/* For a one-line field narrower than its text: the byte where the visible
 * part starts so that the cursor is visible, given the previous start. */
size_t dorn_le_scroll(const struct dorn_le *e, size_t width, size_t prev_start);

#endif
