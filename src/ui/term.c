/* Whether terminfo describes a terminal dorn can draw on, asked before
 * newterm: a failing newterm leaks ncurses' pre-screen (LeakSanitizer sees
 * it), and a terminal without cursor addressing (dumb, a printer) is
 * accepted by newterm but cannot show screens. term.h stays in this file:
 * its capability macros (lines, columns, ...) clash with ordinary names. */
#include <curses.h>
#include <term.h>

#include "ui_priv.h"

int ui_term_usable(const char *name)
{
	TERMINAL *saved = cur_term;
	const char *cup;
	int err = 0, ok;

	if (setupterm(name, 1, &err) != OK)
		return 0;
	cup = tigetstr("cup");
	ok = cup && cup != (const char *)-1;
	del_curterm(cur_term);
	set_curterm(saved);
	return ok;
}

int ui_term_key(const char *capname)
{
	char *seq = tigetstr(capname);
	int k;

	if (!seq || seq == (char *)-1)
		return 0;
	k = key_defined(seq);
	return k > 0 ? k : 0;
}
