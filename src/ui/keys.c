/* The key table: the one place that says what each key does. Key handling,
 * the help screen, the footer hints and dorn_ui_keys_text (copied into the
 * man page) all read it, so they cannot disagree. */
#include <string.h>

#include "dorn/buf.h"
#include "dorn/ui.h"
#include "ui_priv.h"

#define ENTER_KEYS { '\r', '\n', UI_FN(KEY_ENTER) }

/* Order matters twice: it is the order of the help screen, and the first
 * row that matches a key on a screen wins. */
static const struct ui_binding bindings[] = {
	{ UI_IN_ALL, "Moving", { UI_FN(KEY_UP), 'k' }, "Up or k",
	  UI_ACT_UP, "Up/Down Move", "Move up one line" },
	{ UI_IN_ALL, "Moving", { UI_FN(KEY_DOWN), 'j' }, "Down or j",
	  UI_ACT_DOWN, NULL, "Move down one line" },
	{ UI_IN_ALL, "Moving", { UI_FN(KEY_PPAGE) }, "PgUp",
	  UI_ACT_PGUP, NULL, "Move up one page" },
	{ UI_IN_ALL, "Moving", { UI_FN(KEY_NPAGE) }, "PgDn",
	  UI_ACT_PGDN, NULL, "Move down one page" },
	{ UI_IN_ALL, "Moving", { UI_FN(KEY_HOME) }, "Home",
	  UI_ACT_TOP, NULL, "Go to the first line" },
	{ UI_IN_ALL, "Moving", { UI_FN(KEY_END) }, "End",
	  UI_ACT_BOTTOM, NULL, "Go to the last line" },
	{ UI_IN_HOME, "Case list", ENTER_KEYS, "Enter",
	  UI_ACT_OPEN, "Enter Open", "Open the highlighted case" },
	{ UI_IN_HOME, "Case list", { 'n' }, "n",
	  UI_ACT_NEW, "n New case", "Start a new case" },
	{ UI_IN_HOME, "Case list", { 'q' }, "q",
	  UI_ACT_QUIT, "q Quit", "Quit dorn" },
	{ UI_IN_ALL, "Everywhere", { '?', UI_FN(KEY_F(1)) }, "? or F1",
	  UI_ACT_HELP, "? Help", "Show this list of keys" },
	{ UI_IN_ALL & ~UI_IN_HOME, "Everywhere", { UI_ESC, 'q' }, "Esc or q",
	  UI_ACT_BACK, "Esc Back", "Go back to the previous screen" },
	{ UI_IN_ALL, "Everywhere", { UI_CTRL('l') }, "Ctrl-L",
	  UI_ACT_REDRAW, NULL, "Redraw the screen" },
	{ UI_IN_ALL, "Everywhere", { UI_CTRL('c') }, "Ctrl-C",
	  UI_ACT_QUIT, NULL, "Quit dorn at once, from any screen" },
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
