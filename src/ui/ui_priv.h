/* Private to src/ui/: the screen framework shared by every screen. Each
 * screen is a draw function and a key function; one table of key bindings
 * (keys.c) and one table of colour roles (draw.c) serve them all. */
#ifndef DORN_UI_PRIV_H
#define DORN_UI_PRIV_H

#include <stddef.h>

#include <curses.h>

#include "dorn/err.h"

struct dorn_app;
struct dorn_err;

/* Keys as the loop sees them: characters are their code point, curses
 * function keys (KEY_UP, KEY_F(1), ...) are moved above Unicode so the two
 * can never collide (U+0102 is KEY_DOWN's number). */
#define UI_FN(k) ((k) + 0x200000)
#define UI_CTRL(c) ((c) & 0x1f)
#define UI_ESC 27
/* Esc then a character within the escape delay: Alt-b, Alt-f. */
#define UI_ALT(c) ((c) + 0x400000)
/* Ctrl-Left and Ctrl-Right: terminfo's kLFT5/kRIT5, which ncurses numbers
 * at run time; read_key in ui.c turns them into these. */
#define UI_KEY_CLEFT UI_FN(0x1001)
#define UI_KEY_CRIGHT UI_FN(0x1002)

/* A printable character: typed into a text field, never a command there. */
#define UI_IS_TEXT_KEY(k) ((k) >= 0x20 && (k) != 0x7f && (k) < 0x200000 && \
			   !((k) >= 0x80 && (k) < 0xa0))

/* What a key means; the screen's key function decides what to do with it. */
enum ui_action {
	UI_ACT_NONE = 0,
	UI_ACT_UP,
	UI_ACT_DOWN,
	UI_ACT_PGUP,
	UI_ACT_PGDN,
	UI_ACT_TOP,
	UI_ACT_BOTTOM,
	UI_ACT_OPEN,
	UI_ACT_NEW,
	UI_ACT_HELP,
	UI_ACT_BACK,
	UI_ACT_QUIT,
	UI_ACT_REDRAW,
	UI_ACT_LEFT,
	UI_ACT_RIGHT,
	UI_ACT_NEXT,        /* next field */
	UI_ACT_PREV,        /* previous field */
	UI_ACT_TOGGLE,      /* pick or tick an option */
	UI_ACT_NEXT_STEP,
	UI_ACT_PREV_STEP,
	UI_ACT_STEP,        /* the key is the step's digit */
	UI_ACT_PREVIEW,
	UI_ACT_SEARCH,
	UI_ACT_ADD,
	UI_ACT_DELETE,      /* an item, or the character under the cursor */
	UI_ACT_BACKSPACE,
	UI_ACT_WORD_LEFT,
	UI_ACT_WORD_RIGHT,
	UI_ACT_KILL,        /* Ctrl-U */
	UI_ACT_YES,
	UI_ACT_NO,
	UI_ACT_DISCARD,
	UI_ACT_SUBMIT,      /* the note, for a supervisor's review */
	UI_ACT_QUEUE,       /* open the review queue */
	UI_ACT_APPROVE,
	UI_ACT_RETURN,
	UI_ACT_EXPORT,      /* the approved note, to the case file */
	UI_ACT_SEND,        /* a reviewer's comment, typed over several lines */
	UI_ACT_RENAME,      /* change the URN of a saved case (asks) */
	UI_ACT_FIGURES,     /* open the unit's figures */
	UI_ACT_GROUP,       /* the figures: by month, offence, officer or none */
	UI_ACT_ERASE,       /* a case due for retention review (asks) */
	UI_ACT_TODAY,       /* open the Today screen: the worklist */
	UI_ACT_OUTCOME,     /* open the outcome of the hearing */
	UI_ACT_SAVE,        /* save and stay on the screen */
};

/* Where a binding applies: one bit per screen, so a key may mean different
 * things on different screens (q quits from the case list, goes back
 * elsewhere). */
enum ui_where {
	UI_IN_HOME = 1 << 0,
	UI_IN_HELP = 1 << 1,
	UI_IN_INTERVIEW = 1 << 2, /* a step of the interview */
	UI_IN_ITEMS = 1 << 3,     /* the list of devices and accounts (step 5) */
	UI_IN_ITEM = 1 << 4,      /* the form of one device or account */
	UI_IN_REVIEW = 1 << 5,    /* the review step's list of what is missing */
	UI_IN_PREVIEW = 1 << 6,   /* the note preview */
	UI_IN_ASK = 1 << 7,       /* a question waits for its answer */
	UI_IN_TEXT = 1 << 8,      /* a text field has the focus: printable keys are text */
	UI_IN_QUEUE = 1 << 9,     /* the review queue's list */
	UI_IN_READ = 1 << 10,     /* a queued note, read in full before deciding */
	UI_IN_COMMENT = 1 << 11,  /* the reviewer's comment line (with UI_IN_TEXT) */
	UI_IN_EXPORT = 1 << 12,   /* the export dialog's fields (with UI_IN_TEXT) */
	UI_IN_FIGURES = 1 << 13,  /* the unit's figures */
	UI_IN_ERASE = 1 << 14,    /* the erase dialog's fields (with UI_IN_TEXT) */
	UI_IN_TODAY = 1 << 15,    /* the Today screen: the worklist */
	UI_IN_OUTCOME = 1 << 16,  /* the outcome of the hearing and telling the victim */
	UI_IN_ALL = (UI_IN_OUTCOME << 1) - 1, /* every bit above: keep it after the last */
};

#define UI_KEYS_MAX 8

struct ui_binding {
	unsigned where;         /* enum ui_where bits */
	const char *group;      /* heading in the help screen and the man page */
	int keys[UI_KEYS_MAX];  /* 0 ends the list early */
	const char *label;      /* the keys as a person reads them */
	enum ui_action action;
	const char *hint;       /* footer text, NULL when not in the footer */
	const char *doc;        /* one line for help and the man page */
};

const struct ui_binding *ui_bindings(size_t *n);
/* The action key has on a screen whose bit is where, or UI_ACT_NONE. */
enum ui_action ui_key_action(unsigned where, int key);

/* Colour roles; draw.c maps each to colour or monochrome attributes. */
enum ui_role {
	UI_ROLE_NORMAL = 0,
	UI_ROLE_TITLE,
	UI_ROLE_HEADER,
	UI_ROLE_SELECTED,
	UI_ROLE_URGENT,
	UI_ROLE_MESSAGE,
	UI_ROLE_FOOTER,
	UI_ROLE_FIELD,     /* where text goes: underlined, so it shows without colour */
	UI_ROLE_ERROR,     /* an invalid value's message */
	UI_ROLE_COUNT
};

/* Flags a key function returns; the loop in ui.c acts on them. */
enum ui_result {
	UI_RES_NONE = 0,
	UI_RES_BACK = 1 << 0,  /* pop this screen */
	UI_RES_QUIT = 1 << 1,  /* leave dorn */
	UI_RES_UNUSED = 1 << 2,/* the key means nothing here */
};

struct ui;

struct ui_screen {
	const char *title;   /* shown in the title bar */
	unsigned where;      /* its enum ui_where bit */
	void (*draw)(struct ui *u, void *st);
	int (*key)(struct ui *u, void *st, enum ui_action act, int key);
	void (*fini)(void *st); /* frees st; may be NULL */
	/* The where bits now, when they change with the focus (a text field,
	 * a question); NULL: always the where above. */
	unsigned (*mode)(void *st);
	/* Save what is valid, now: before leaving on SIGTERM or SIGHUP. */
	void (*save)(struct ui *u, void *st);
};

struct ui_frame {
	const struct ui_screen *scr;
	void *st;
};

#define UI_STACK_MAX 8
#define UI_MIN_ROWS 24
#define UI_MIN_COLS 80

struct ui {
	struct dorn_app *app;
	struct dorn_err *err;
	SCREEN *sp;
	int colour;                   /* colours in use */
	int ascii;                    /* lines drawn with - | + */
	attr_t attr[UI_ROLE_COUNT];
	struct ui_frame stack[UI_STACK_MAX];
	int depth;
	/* Message line; "" when none. Long enough for an app error in full:
	 * draw_all wraps it upwards over the screen's last rows. */
	char msg[DORN_ERR_MSG + 256];
	int body_top, body_rows;      /* rows a screen may draw in */
	int cur_y, cur_x;             /* where the real cursor goes last */
	int key_cleft, key_cright;    /* ncurses' numbers for Ctrl-Left/Right, or 0 */
	/* DORN_TEST_READY: tell the test harness when we wait for a key. */
	int ready_marker;
	unsigned long keys_read;      /* keys read so far, named in the marker */
	int key_held;                 /* a key went back to ncurses (unget_wch) */
	/* Keys typed while the terminal was too small: ignored, and counted
	 * so the screen can say so when it is back. */
	unsigned long keys_refused;
};

/* term.c: 1 when terminfo knows name and it can address the cursor. */
int ui_term_usable(const char *name);

/* term.c: the key number ncurses gave an extended capability such as
 * "kLFT5", or 0. */
int ui_term_key(const char *capname);

/* ui.c */
int ui_push(struct ui *u, const struct ui_screen *scr, void *st);
void ui_message(struct ui *u, const char *text);
unsigned ui_mode(const struct ui_frame *f);

/* draw.c */
void ui_colours_init(struct ui *u);
/* Draw text (stripped of control characters, cut to cols columns) at y,x.
 * Returns the columns used. */
int ui_text(struct ui *u, int y, int x, int cols, enum ui_role role,
	    const char *text);
/* Text in a cell w wide, cut by display width with a marker (UI_SYM_MORE)
 * when it does not fit, or when cut says it was cut before. */
void ui_cell(struct ui *u, int y, int x, int w, enum ui_role role, const char *text,
	     int cut);
/* Fill a whole row with blanks in role. */
void ui_fill_row(struct ui *u, int y, enum ui_role role);
void ui_hline(struct ui *u, int y, int x, int cols);
void ui_set_cursor(struct ui *u, int y, int x);
void ui_vline(struct ui *u, int y, int x, int rows);

/* Symbols with a plain ASCII form for [ui] ascii and non-UTF-8 locales. */
enum ui_sym {
	UI_SYM_FOCUS,      /* the focused field or line */
	UI_SYM_RADIO_ON,
	UI_SYM_RADIO_OFF,
	UI_SYM_CHECK_ON,
	UI_SYM_CHECK_OFF,
	UI_SYM_NEW,        /* step states */
	UI_SYM_TODO,
	UI_SYM_DONE,
	UI_SYM_FIX,
	UI_SYM_ERROR,
	UI_SYM_MORE,       /* text continues */
	UI_SYM_COUNT
};
const char *ui_sym(const struct ui *u, enum ui_sym s);

/* Word wrapping for display: spans of s that fit width columns, breaking
 * at spaces and at '\n'. Returns how many rows s needs (>= 1); fills up to
 * max spans. */
struct ui_span {
	size_t start, len;
};
size_t ui_wrap(const char *s, size_t width, struct ui_span *out, size_t max);
/* Draw s wrapped in [x, x+cols) from row y, at most rows rows; returns
 * the rows used. */
int ui_text_wrapped(struct ui *u, int y, int x, int cols, int rows, enum ui_role role,
		    const char *s);
/* A question waiting for its answer, wrapped over up to four rows above
 * the footer (read in full before y), the cursor after it. */
void ui_question_draw(struct ui *u, const char *q);

/* The screens. */
int ui_home_open(struct ui *u, struct dorn_err *err);
int ui_help_open(struct ui *u);
struct dorn_case;
/* The interview over c (owned from now on, freed on every path), at step. */
int ui_interview_open(struct ui *u, struct dorn_case *c, int step);
/* A scrollable note preview of c (or the reason there is none). */
int ui_preview_open(struct ui *u, const struct dorn_case *c);
/* The review queue (queue.c); supervisors only, which the caller checks. */
int ui_queue_open(struct ui *u);
/* The unit's figures (figures.c). */
int ui_figures_open(struct ui *u);
/* The note of urn waiting for review, read in full as Enter on the queue
 * reads it (a and t decide there); a message says why when it is not
 * in the queue. */
void ui_queue_read(struct ui *u, const char *urn);
/* Today (today.c): the worklist, most urgent first; Enter opens what a
 * duty needs. */
int ui_today_open(struct ui *u);
/* Open the case urn (normalised) in the interview at step, or where it
 * stopped when step is 0 (home.c); a message says why when it cannot. */
void ui_case_open(struct ui *u, const char *urn, int step);
/* outcome.c: the outcome of the case urn (as stored or typed): what the
 * court did with each item, and telling the victim. A case that cannot be
 * read is said in the message line. */
void ui_outcome_open(struct ui *u, const char *urn);
/* The same, with tell: at the part for telling the victim (Today's Enter
 * on a victim to tell). */
void ui_outcome_open_at(struct ui *u, const char *urn, int tell);
/* The outcome screen has a field for the field table's row part, key. */
int ui_outcome_has(int part, const char *key);

/* export.c: the export dialog for the case urn (normalised), given its
 * note's versions, newest first. Without an approved version it only says
 * why nothing can be exported here (0 then too). 0 or DORN_ENOMEM. */
struct dorn_note;
int ui_export_open(struct ui *u, const char *urn, const struct dorn_note *versions,
		   size_t n);
/* The same, reading the case's versions first (the case list, the queue):
 * any failure is said in the message line. */
void ui_export_case(struct ui *u, const char *urn);
/* line.c: a one-line text field of a dialog, its label from column 2
 * (label_w wide) and the field after it to 2 columns from the right
 * edge, with the cursor when focused; and the keys that edit it
 * (UI_RES_NONE when used, UI_RES_UNUSED when the key is not an edit). */
struct dorn_le;
void ui_line_draw(struct ui *u, const struct dorn_le *e, int y, const char *label,
		  int label_w, int focused);
int ui_line_key(struct ui *u, struct dorn_le *e, enum ui_action act, int key);
/* What was typed, without the blanks around it, into out. */
void ui_line_text(const struct dorn_le *e, char *out, size_t n);
/* erase.c: X on the case list: the erase dialog for the case urn
 * (normalised), or a message saying why it cannot be erased here. */
void ui_erase_case(struct ui *u, const char *urn);

/* page.c: a page of text that scrolls, shared by every screen that shows
 * a note. Lines break at '\n' only. */
struct ui_page {
	char *text;     /* owned */
	size_t *starts; /* where each line starts (not "lines": term.h defines it) */
	size_t nlines;
	size_t top;     /* first line shown */
};
/* Takes text (freed on failure too). 0 or DORN_ENOMEM. */
int ui_page_init(struct ui_page *p, char *text);
void ui_page_fini(struct ui_page *p);
/* Draw rows rows from y; the last says when there is more below. */
void ui_page_draw(struct ui *u, struct ui_page *p, int y, int rows);
/* Moving keys over a page of rows rows: UI_RES_NONE or UI_RES_UNUSED. */
int ui_page_key(struct ui_page *p, enum ui_action act, int rows);

#endif
