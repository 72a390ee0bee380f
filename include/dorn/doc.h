/* The note as a document: what the text export and the PDF are both made
 * from. A template marks the structure with directives ({{%part}},
 * {{%field}}, ..., dorn-template(5)); rendering turns each into a marker,
 * DORN_DOC_MARK followed by one letter, in the note's model. Values can
 * never carry a marker (dorn_tctx_set removes control characters), so the
 * structure is only ever what the template's own text says.
 *
 * The model is one line per template line, unwrapped. The text export is
 * the model without its markers (and without table heading lines), wrapped
 * at 78 columns: dorn_doc_text. The PDF is made from dorn_doc_parse. Pure:
 * no I/O. */
#ifndef DORN_DOC_H
#define DORN_DOC_H

#include <stddef.h>

struct dorn_buf;
struct dorn_err;

#define DORN_DOC_MARK '\x1e'   /* ASCII RS, then one of the letters below */

/* What a line is; the letter after DORN_DOC_MARK in parentheses. A block
 * directive applies to the whole line it is on. */
enum dorn_block {
	DORN_BLOCK_PARA,    /* a line of text with no directive */
	DORN_BLOCK_BLANK,   /* an empty line: space between paragraphs */
	DORN_BLOCK_TITLE,   /* (T) the document's title */
	DORN_BLOCK_BANNER,  /* (B) a warning set apart: URGENT, PLEASE CHECK */
	DORN_BLOCK_PART,    /* (P) a part's heading: "2. THE DEVICES AND ACCOUNTS" */
	DORN_BLOCK_ITEM,    /* (I) an item's heading; the lines after it up to the
			     * next blank line or directive line are its block,
			     * kept on one page with it */
	DORN_BLOCK_FIELD,   /* (F) a label and its value: "To:  the prosecutor" */
	DORN_BLOCK_QUOTE,   /* (Q) the victim's own words, or words quoted from
			     * the record: set apart, never reworded */
	DORN_BLOCK_HEAD,    /* (H) a table's column headings (cells); PDF only */
	DORN_BLOCK_ROW,     /* (R) a table row (cells); the lines after it with no
			     * directive, up to a blank line, belong to it */
	DORN_BLOCK__COUNT
};
/* Inline markers: (L) ends a label: the text from the start of the line
 * (or of the cell) up to here. In a FIELD it is the label, set in bold; in
 * a ROW it is for the text only (the column heading stands for it in a
 * table). (C) starts a new cell of a HEAD or ROW. */
#define DORN_DOC_LABEL 'L'
#define DORN_DOC_CELL 'C'

/* One cell of a table row: its paragraphs (the cell's first line, then each
 * line after the row's lines that has no (C)), labels dropped, leading
 * spaces dropped. */
struct dorn_doc_cell {
	char **paras;
	size_t n;
};

struct dorn_doc_block {
	enum dorn_block kind;
	int indent;    /* spaces before the line's text (PARA, QUOTE, BANNER) */
	char *label;   /* FIELD: its label, "" for a continuation line of the
			* field before; "" for all other kinds */
	char *text;    /* the line's text: after the leading spaces (PARA,
			* QUOTE, ...) or after the label and the spaces that
			* pad it (FIELD); "" for HEAD, ROW and BLANK */
	struct dorn_doc_cell *cells;  /* HEAD, ROW */
	size_t ncells;
};

struct dorn_doc {
	struct dorn_doc_block *b;
	size_t n;
	int plain;     /* made from text with no markers (a version stored
			* before notes had a model): PARA and BLANK only, its
			* lines already wrapped at 78 columns */
};

/* Parse a model (or plain text) into d. Every string in d is its own copy.
 * 0, or DORN_ENOMEM. d must be finished even on failure. */
int dorn_doc_parse(const char *model, struct dorn_doc *d, struct dorn_err *err);
void dorn_doc_fini(struct dorn_doc *d);

/* The model as the text export shows it: markers removed, HEAD lines
 * removed, each line wrapped at width (dorn_text_wrap); appended to out.
 * 0 or DORN_ENOMEM. */
int dorn_doc_text(const char *model, size_t width, struct dorn_buf *out);

/* The letter of a directive name ("part" -> 'P'), 0 when it is none. For
 * the template parser. */
char dorn_doc_directive(const char *name, size_t n);

#endif
