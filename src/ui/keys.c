/* The key table: the one place that says what each key does. Key handling,
 * the help screen, the footer hints and dorn_ui_keys_text (copied into the
 * man page) all read it, so they cannot disagree. */
#include <string.h>

#include "dorn/buf.h"
#include "dorn/ui.h"
#include "ui_priv.h"

#define ENTER_KEYS '\r', '\n', UI_FN(KEY_ENTER)
/* Alt and a digit: never text, so a digit typed in a field stays there. */
#define STEPS_KEYS UI_ALT('1'), UI_ALT('2'), UI_ALT('3'), UI_ALT('4'), UI_ALT('5'), \
	UI_ALT('6'), UI_ALT('7')

/* Where fields are edited. UI_IN_TEXT rides along with one of these. */
#define FORMS (UI_IN_INTERVIEW | UI_IN_ITEM | UI_IN_OUTCOME)
/* The case list has more keys than 80 columns of footer: it shows those
 * an officer needs most; r (a supervisor's queue, also reached from
 * Today), f and X are in the help screen, ?. */

/* Paging inside a list; in the interview PgDn and PgUp change step. */
#define PAGED (UI_IN_HOME | UI_IN_HELP | UI_IN_PREVIEW | UI_IN_ITEM | UI_IN_QUEUE | \
	       UI_IN_READ | UI_IN_FIGURES | UI_IN_TODAY)

/* Order matters twice: it is the order of the help screen, and the first
 * row that matches a key on a screen wins. On a screen whose where has
 * UI_IN_TEXT, printable characters never match (they are typed), which is
 * why q, j, k and ? still work everywhere else. */
static const struct ui_binding bindings[] = {
	{ UI_IN_ALL, "Moving", { UI_FN(KEY_UP), 'k' }, "Up or k",
	  UI_ACT_UP, "Up/Down Move", "Move up one line, option or field" },
	{ UI_IN_ALL, "Moving", { UI_FN(KEY_DOWN), 'j' }, "Down or j",
	  UI_ACT_DOWN, NULL, "Move down one line, option or field" },
	{ FORMS | UI_IN_TEXT, "Moving", { UI_FN(KEY_LEFT) }, "Left",
	  UI_ACT_LEFT, NULL, "Move left; in a choice, pick the option before" },
	{ FORMS | UI_IN_TEXT, "Moving", { UI_FN(KEY_RIGHT) }, "Right",
	  UI_ACT_RIGHT, NULL, "Move right; in a choice, pick the option after" },
	{ PAGED, "Moving", { UI_FN(KEY_PPAGE) }, "PgUp",
	  UI_ACT_PGUP, NULL, "Move up one page" },
	{ PAGED, "Moving", { UI_FN(KEY_NPAGE) }, "PgDn",
	  UI_ACT_PGDN, NULL, "Move down one page" },
	{ UI_IN_ALL, "Moving", { UI_FN(KEY_HOME) }, "Home",
	  UI_ACT_TOP, NULL, "Go to the first line (in text: the start of the line)" },
	{ UI_IN_ALL, "Moving", { UI_FN(KEY_END) }, "End",
	  UI_ACT_BOTTOM, NULL, "Go to the last line (in text: the end of the line)" },
	{ UI_IN_HOME, "Case list", { ENTER_KEYS }, "Enter",
	  UI_ACT_OPEN, "Enter Open", "Open the highlighted case in the interview" },
	{ UI_IN_HOME, "Case list", { 'n' }, "n",
	  UI_ACT_NEW, "n New", "Start a new case" },
	{ UI_IN_HOME, "Case list", { '/' }, "/",
	  UI_ACT_SEARCH, "/ Search", "Search the cases as you type" },
	{ UI_IN_HOME, "Case list", { 'r' }, "r",
	  UI_ACT_QUEUE, NULL, "Open the review queue (supervisors only)" },
	{ UI_IN_HOME, "Case list", { 't' }, "t",
	  UI_ACT_TODAY, "t Today", "Open Today: what needs doing, most urgent first" },
	{ UI_IN_HOME, "Case list", { 'f' }, "f",
	  UI_ACT_FIGURES, NULL, "Open the unit's figures: concerns to orders made" },
	{ UI_IN_HOME, "Case list", { 'o' }, "o",
	  UI_ACT_OUTCOME, "o Outcome", "After the hearing: its outcome, telling the victim" },
	{ UI_IN_HOME, "Case list", { UI_ESC }, "Esc",
	  UI_ACT_BACK, NULL, "Clear the search and show every case" },
	{ UI_IN_HOME, "Case list", { 'X' }, "X",
	  UI_ACT_ERASE, NULL, "Erase the case on retention review (supervisors; asks)" },
	{ UI_IN_HOME, "Case list", { 'q' }, "q",
	  UI_ACT_QUIT, "q Quit", "Quit dorn" },
	{ FORMS, "Interview", { '\t' }, "Tab",
	  UI_ACT_NEXT, "Tab Next field", "Next field" },
	{ FORMS, "Interview", { UI_FN(KEY_BTAB) }, "Shift-Tab",
	  UI_ACT_PREV, NULL, "Previous field (from the first: the list of steps)" },
	{ FORMS | UI_IN_ITEMS | UI_IN_REVIEW, "Interview", { ENTER_KEYS }, "Enter",
	  UI_ACT_OPEN, NULL, "Confirm; a new line in a long text; open from a list" },
	{ FORMS, "Interview", { ' ' }, "Space",
	  UI_ACT_TOGGLE, NULL, "Pick the option, or tick or untick it" },
	{ UI_IN_INTERVIEW, "Interview", { UI_FN(KEY_NPAGE), UI_CTRL('n') }, "PgDn or Ctrl-N",
	  UI_ACT_NEXT_STEP, "PgDn Next step", "Save this step and go to the next one" },
	{ UI_IN_INTERVIEW, "Interview", { UI_FN(KEY_PPAGE), UI_CTRL('p') }, "PgUp or Ctrl-P",
	  UI_ACT_PREV_STEP, NULL, "Save this step and go to the one before" },
	{ UI_IN_INTERVIEW, "Interview", { STEPS_KEYS }, "Alt-1 to Alt-7",
	  UI_ACT_STEP, NULL, "Save this step and go to the step with that number" },
	{ UI_IN_INTERVIEW, "Interview", { UI_CTRL('r') }, "Ctrl-R",
	  UI_ACT_RENAME, NULL, "On step 1 of a saved case: change its URN (asks; logged)" },
	{ UI_IN_INTERVIEW, "Interview", { 'g' }, "g",
	  UI_ACT_PREVIEW, "g Note", "Read the note as it would be now" },
	{ UI_IN_REVIEW, "Interview", { 's' }, "s",
	  UI_ACT_SUBMIT, "s Submit", "On the review step: submit the note for review (asks)" },
	{ UI_IN_REVIEW, "Interview", { 'o' }, "o",
	  UI_ACT_OUTCOME, NULL, "On the review step: the outcome of the hearing" },
	{ UI_IN_ITEMS, "Devices and accounts", { 'a' }, "a",
	  UI_ACT_ADD, "a Add", "Add a device or account" },
	{ UI_IN_ITEMS, "Devices and accounts", { 'd', UI_FN(KEY_DC) }, "d or Delete",
	  UI_ACT_DELETE, "d Delete", "Delete the highlighted item (asks; the default is no)" },
	{ UI_IN_QUEUE, "Review queue", { ENTER_KEYS }, "Enter",
	  UI_ACT_OPEN, "Enter Read", "Read the highlighted note in full" },
	{ UI_IN_READ, "Review queue", { 'a' }, "a",
	  UI_ACT_APPROVE, "a Approve", "Approve the note (a comment is optional)" },
	{ UI_IN_READ, "Review queue", { 't' }, "t",
	  UI_ACT_RETURN, "t Return", "Return the note to its officer with a comment" },
	{ UI_IN_COMMENT, "Review queue", { UI_CTRL('d') }, "Ctrl-D",
	  UI_ACT_SEND, "Ctrl-D Send", "Send the comment and the decision (Esc cancels)" },
	{ UI_IN_COMMENT, "Review queue", { ENTER_KEYS }, "Enter",
	  UI_ACT_OPEN, NULL, "In the comment: start a new line" },
	{ UI_IN_TODAY, "Today", { ENTER_KEYS }, "Enter",
	  UI_ACT_OPEN, "Enter Open", "Open what the duty needs: its case, note or export" },
	{ UI_IN_HOME | UI_IN_REVIEW | UI_IN_QUEUE | UI_IN_READ, "Export", { 'e' }, "e",
	  UI_ACT_EXPORT, "e Export", "Export the approved note to the case file" },
	{ UI_IN_EXPORT, "Export", { ENTER_KEYS }, "Enter",
	  UI_ACT_OPEN, "Enter Next/Export", "Next field; on the reason, export (Esc cancels)" },
	{ UI_IN_EXPORT, "Export", { '\t', UI_FN(KEY_BTAB) }, "Tab or Shift-Tab",
	  UI_ACT_NEXT, "Tab Next field", "Move between the recipient and the reason" },
	{ UI_IN_FIGURES, "Figures", { 'b' }, "b",
	  UI_ACT_GROUP, "b Group", "Group by month, offence, officer (supervisors) or none" },
	{ UI_IN_ERASE, "Erase", { ENTER_KEYS }, "Enter",
	  UI_ACT_OPEN, "Enter Next/Erase", "Next field; on the URN typed back, erase (Esc keeps)" },
	{ UI_IN_ERASE, "Erase", { '\t', UI_FN(KEY_BTAB) }, "Tab or Shift-Tab",
	  UI_ACT_NEXT, "Tab Next field", "Move between the reason and the URN" },
	{ UI_IN_OUTCOME, "Outcome", { UI_FN(KEY_NPAGE), UI_CTRL('n') }, "PgDn or Ctrl-N",
	  UI_ACT_NEXT_STEP, "PgDn Next part", "The next part: an item, then telling the victim" },
	{ UI_IN_OUTCOME, "Outcome", { UI_FN(KEY_PPAGE), UI_CTRL('p') }, "PgUp or Ctrl-P",
	  UI_ACT_PREV_STEP, NULL, "The part before: an item, then the hearing" },
	{ UI_IN_OUTCOME, "Outcome", { UI_CTRL('w'), UI_FN(KEY_F(2)) }, "Ctrl-W or F2",
	  UI_ACT_SAVE, "Ctrl-W Save", "Save the outcome and stay (Esc saves and goes back)" },
	{ UI_IN_TEXT, "Typing text", { UI_FN(KEY_BACKSPACE), 0x7f, 0x08 }, "Backspace",
	  UI_ACT_BACKSPACE, NULL, "Delete the character before the cursor" },
	{ UI_IN_TEXT, "Typing text", { UI_FN(KEY_DC) }, "Delete",
	  UI_ACT_DELETE, NULL, "Delete the character under the cursor" },
	{ UI_IN_TEXT, "Typing text", { UI_KEY_CLEFT, UI_ALT('b') }, "Ctrl-Left or Alt-b",
	  UI_ACT_WORD_LEFT, NULL, "Move to the start of the word" },
	{ UI_IN_TEXT, "Typing text", { UI_KEY_CRIGHT, UI_ALT('f') }, "Ctrl-Right or Alt-f",
	  UI_ACT_WORD_RIGHT, NULL, "Move past the end of the word" },
	{ UI_IN_TEXT, "Typing text", { UI_CTRL('u') }, "Ctrl-U",
	  UI_ACT_KILL, NULL, "Delete from the start of the line to the cursor" },
	{ UI_IN_TEXT, "Typing text", { 0 }, "? q j k",
	  UI_ACT_NONE, NULL, "Typed in a text field (F1 is help, Esc goes back)" },
	{ UI_IN_ASK, "Questions", { 'y', 'Y' }, "y",
	  UI_ACT_YES, "y Yes", "Answer yes to the question on the bottom line" },
	{ UI_IN_ASK, "Questions", { 'n', 'N' }, "n",
	  UI_ACT_NO, "n No", "Answer no (also Enter or Esc: no is the default)" },
	{ UI_IN_ASK, "Questions", { 'd' }, "d",
	  UI_ACT_DISCARD, NULL, "Discard the changes that are not valid, and go on" },
	{ UI_IN_ALL, "Everywhere", { '?', UI_FN(KEY_F(1)) }, "? or F1",
	  UI_ACT_HELP, "? Help", "Show this list of keys, this screen's first" },
	{ UI_IN_ALL & ~UI_IN_HOME, "Everywhere", { UI_ESC, 'q' }, "Esc or q",
	  UI_ACT_BACK, "Esc Back", "Go back (the interview saves the step first)" },
	{ UI_IN_ALL, "Everywhere", { UI_CTRL('l') }, "Ctrl-L",
	  UI_ACT_REDRAW, NULL, "Redraw the screen" },
	{ UI_IN_ALL, "Everywhere", { UI_CTRL('c') }, "Ctrl-C",
	  UI_ACT_QUIT, NULL, "Quit dorn at once, saving what is valid in the step" },
};

#define NBINDINGS (sizeof bindings / sizeof bindings[0])

const struct ui_binding *ui_bindings(size_t *n)
{
	*n = NBINDINGS;
	return bindings;
}

enum ui_action ui_key_action(unsigned where, int key)
{
	size_t i, k;

	if ((where & UI_IN_TEXT) && UI_IS_TEXT_KEY(key))
		return UI_ACT_NONE;
	for (i = 0; i < NBINDINGS; i++) {
		if (!(bindings[i].where & where))
			continue;
		for (k = 0; k < UI_KEYS_MAX && bindings[i].keys[k]; k++)
			if (bindings[i].keys[k] == key)
				return bindings[i].action;
	}
	return UI_ACT_NONE;
}

void dorn_ui_keys_text(struct dorn_buf *out)
{
	const char *group = NULL;
	size_t i, w = 0;

	for (i = 0; i < NBINDINGS; i++)
		if (strlen(bindings[i].label) > w)
			w = strlen(bindings[i].label);
	for (i = 0; i < NBINDINGS; i++) {
		if (!group || strcmp(group, bindings[i].group)) {
			group = bindings[i].group;
			dorn_buf_printf(out, "%s%s:\n", i ? "\n" : "", group);
		}
		dorn_buf_printf(out, "  %-*s  %s\n", (int)w, bindings[i].label,
				bindings[i].doc);
	}
}
