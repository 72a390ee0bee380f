/* Private to src/ui/: forms made of fields, described by tables. A field
 * descriptor says what kind of value it is, its label and where the value
 * lives in a record (an offset into struct dorn_case or struct dorn_item);
 * the form keeps what is being typed (through the lineedit model) apart
 * from the record, so an invalid value stays on screen with its message
 * and the record only ever holds valid values. */
#ifndef DORN_UI_FORM_H
#define DORN_UI_FORM_H

#include <stddef.h>

#include "dorn/fields.h"
#include "dorn/lineedit.h"

struct ui;
struct ui_form;

enum ui_ftype {
	UI_F_TEXT = 0, /* one line of text */
	UI_F_LINES,    /* several lines, kept exactly as typed */
	UI_F_URN,      /* char[14], normalised; typed in any accepted form */
	UI_F_DATE,     /* char[11], YYYY-MM-DD; typed DD/MM/YYYY or YYYY-MM-DD */
	UI_F_POUNDS,   /* long, whole pounds; -1 when not known */
	UI_F_CHOICE,   /* int: one of opts */
	UI_F_SET,      /* unsigned: bits of opts */
	UI_F_LIST,     /* entries from callbacks: offences, items, problems */
	UI_F_INFO,     /* text to read, not a field */
	UI_F__COUNT
};

struct ui_list_ops {
	size_t (*count)(void *ctx);
	void (*label)(void *ctx, size_t i, char *out, size_t n);
	/* 1 ticked, 0 not, -1 no box: Enter opens the entry instead. */
	int (*checked)(void *ctx, size_t i);
	void (*toggle)(void *ctx, size_t i);
	const char *empty; /* shown when there are no entries */
};

enum ui_field_flags {
	UI_FF_WIDE = 1,   /* the label on its own row, the value under it */
	UI_FF_NEEDED = 2, /* empty is not valid (the URN of a stored case) */
	/* A decision (consent to share): Space, arrows and Enter never change
	 * it; an option's letter makes ui_form_key answer UI_FORM_ASK, and
	 * only the screen's question, answered yes, changes it. */
	UI_FF_DECIDE = 4,
};

/* A field of the record names its row of the field table (part and key):
 * ui_form_init takes its type, label, place, size and options from there,
 * so the forms cannot drift from the case file, the store and show. The
 * rest say how the form shows it. A field without a key (a list of items,
 * a text to read) is described here in full. */
struct ui_field {
	int part;                       /* enum dorn_part, with key */
	const char *key;                /* of the field table, or NULL */
	enum ui_ftype type;
	const char *label;
	size_t off;                     /* offsetof in the record */
	size_t size;                    /* text kinds: bytes of the array */
	const struct dorn_option *opts; /* choice, set */
	const struct ui_list_ops *list; /* list */
	const char *text;               /* info */
	int rows;                       /* lines: rows shown */
	unsigned flags;                 /* enum ui_field_flags */
	char label_text[96];            /* a label made from the table's, with a hint */
	/* After a choice or set changed the record (consent: date it). */
	void (*changed)(struct ui_form *fm, size_t i);
	/* An item's field: the item kinds it is asked for (DORN_KIND_BIT
	 * bits, from the field table); 0 for every kind. */
	unsigned kinds;
	/* An item's field in a form over the whole case (the outcome screen
	 * asks each item's result): 1 + the item's index in the case's items;
	 * 0 in a form over one item. */
	int nth;
};

#define UI_FIELD_MSG 256

struct ui_fstate {
	struct dorn_le le;   /* text kinds */
	int has_le;
	size_t hscroll;      /* one-line text: first byte shown */
	size_t vtop;         /* several lines: first row shown */
	int vw;              /* several lines: the width last drawn, for Up/Down */
	size_t opt;          /* highlighted option or entry */
	int touched;         /* typed in since loaded */
	/* Text kinds: a value offered while the field is empty, shown as a
	 * hint when focused; Enter takes it. Never in the record until then. */
	char suggest[32];
	char err[UI_FIELD_MSG]; /* "" when valid */
};

struct ui_form {
	const struct ui_field *f;
	size_t n;
	void *base;          /* the record */
	void *ctx;           /* for list callbacks and change hooks */
	long today;          /* days since 1970-01-01, for dates by default */
	struct ui_fstate *s;
	size_t focus;
	int top;             /* first virtual row shown */
	unsigned hide;       /* enum dorn_option_when bits not shown now */
	int item;            /* the record is a struct dorn_item: its kind hides fields */
	struct ui_field *own; /* f, with the field table's rows filled in */
	/* UI_FORM_ASK: the decision field and the option value asked for. */
	size_t ask_field;
	int ask_value;
};

enum ui_form_res {
	UI_FORM_DONE = 0,   /* the key was used */
	UI_FORM_UNUSED,     /* it means nothing to the focused field */
	UI_FORM_OUT_PREV,   /* moving up or back out of the first field */
	UI_FORM_OUT_NEXT,   /* Tab from the last field */
	UI_FORM_OPEN,       /* Enter on a list entry: s[focus].opt says which */
	UI_FORM_ASK,        /* a decision's letter: ask, then ui_form_choose */
	UI_FORM_CHOICE_HOW, /* a choice's key that picks nothing: say which keys do */
};

/* Field f of a form as the field table describes it, for a form whose
 * record is a struct dorn_case (base_is_item 0: the case's own fields,
 * its victim, concern and outcome, and with nth an item's) or a struct
 * dorn_item. */
void ui_field_resolve(struct ui_field *f, int base_is_item);

/* Build the editing state from the record. 0 or DORN_ENOMEM. */
int ui_form_init(struct ui_form *fm, const struct ui_field *f, size_t n, void *base,
		 void *ctx, long today);
void ui_form_fini(struct ui_form *fm);

/* Write every valid typed value into the record; returns how many fields
 * hold a value that is not valid (left out, still on screen). */
int ui_form_commit(struct ui_form *fm);
int ui_form_invalid(const struct ui_form *fm);
/* Put back the record's value into each field that is not valid. */
void ui_form_discard_invalid(struct ui_form *fm);
/* The first field that is not valid, focused; 0 when there is none. */
int ui_form_focus_invalid(struct ui_form *fm);
/* Something was typed or chosen since the form was built. */
int ui_form_touched(const struct ui_form *fm);

/* Replace field i's text (and the record's value when valid). */
void ui_form_set_text(struct ui_form *fm, size_t i, const char *text);
/* Index of the field whose value lives at off, or n. */
size_t ui_form_find(const struct ui_form *fm, size_t off);
void ui_form_focus(struct ui_form *fm, size_t i);
void ui_form_focus_first(struct ui_form *fm);
void ui_form_focus_last(struct ui_form *fm);

/* Set choice field i to value, as if picked (its changed hook runs):
 * for a decision, once the officer has confirmed it. */
void ui_form_choose(struct ui_form *fm, size_t i, int value);
/* Offer text in the empty text field i (see struct ui_fstate); "" none. */
void ui_form_suggest(struct ui_form *fm, size_t i, const char *text);
/* The letters that pick choice field i's options, for a message:
 * "y yes, n no, n again not asked yet". */
void ui_form_choice_keys(const struct ui_form *fm, size_t i, char *out, size_t n);

/* Field i is shown: always, unless the record is an item whose kind the
 * field does not fit (struct ui_field kinds). A hidden field keeps its
 * value, in the record and on screen once it is shown again; a field
 * whose typed value is not valid is never hidden. */
int ui_form_shown(const struct ui_form *fm, size_t i);

/* UI_IN_TEXT when a text field has the focus, else 0. */
unsigned ui_form_mode(const struct ui_form *fm);
/* The focused field is a plain list (Enter opens an entry). */
int ui_form_on_list(const struct ui_form *fm);

/* Draw in rows [y, y+h) and columns [x, x+w); with focus the real cursor
 * goes to the insertion point of the focused field. */
void ui_form_draw(struct ui *u, struct ui_form *fm, int y, int x, int w, int h,
		  int focus);
enum ui_form_res ui_form_key(struct ui *u, struct ui_form *fm, int act, int key);

#endif
