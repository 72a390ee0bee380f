/* After the hearing: an outcome's completeness and the task of telling
 * the victim (duties.h). */
#include <string.h>

#include "dorn/buf.h"
#include "dorn/duties.h"
#include "dorn/err.h"
#include "dorn/fields.h"
#include "dorn/model.h"
#include "dorn/urn.h"
#include "dorn/workdays.h"

/* A refusal or "not asked for" needs its reason and the unit's next step. */
static int needs_why(int result)
{
	return result == DORN_RESULT_REFUSED || result == DORN_RESULT_NOT_SOUGHT;
}

static long days_of(const char *iso)
{
	struct dorn_date d;

	if (!iso || !*iso || dorn_date_parse(iso, &d, NULL))
		return -1;
	return dorn_date_to_days(&d);
}

void dorn_outcome_assess(const struct dorn_case *c, const struct dorn_holidays *h,
			 const struct dorn_victims_code *vc, long today,
			 struct dorn_outcome_state *s)
{
	const struct dorn_outcome *o = &c->outcome;
	long received = days_of(o->received);
	int whole = *o->date && *o->court && received >= 0;

	memset(s, 0, sizeof *s);
	s->due = -1;
	s->recorded = dorn_outcome_recorded(c);
	s->items = c->nitems;
	for (size_t i = 0; i < c->nitems; i++) {
		const struct dorn_item *it = &c->items[i];

		if (!it->result)
			continue;
		s->accounted++;
		s->results |= 1u << it->result;
		if (needs_why(it->result) && (!*it->result_reason || !*it->result_next))
			whole = 0;
	}
	s->complete = whole && s->accounted == s->items;
	if (received < 0)
		return;
	if (*o->told_date) {
		s->tell = DORN_TELL_DONE;
	} else if (*o->not_told) {
		s->tell = DORN_TELL_NOT;
	} else {
		s->tell = DORN_TELL_OPEN;
		s->due = dorn_working_days_after(h, received, vc ? vc->outcome_days : 1);
		s->overdue = today > s->due;
		s->uncovered = !dorn_holidays_cover(h, s->due) || !dorn_holidays_cover(h, received);
	}
}

int dorn_outcome_missing(const struct dorn_case *c, struct dorn_buf *out)
{
	const struct dorn_outcome *o = &c->outcome;

	if (!*o->date)
		dorn_buf_puts(out, "- the date of the hearing that decided it\n");
	if (!*o->court)
		dorn_buf_puts(out, "- the court that decided it\n");
	if (!*o->received)
		dorn_buf_puts(out, "- the day the unit received the outcome (the Victims' Code "
				   "counts from it)\n");
	for (size_t i = 0; i < c->nitems; i++) {
		const struct dorn_item *it = &c->items[i];

		if (!it->result) {
			dorn_buf_printf(out, "- item %d: what the court did\n", it->position);
			continue;
		}
		if (!needs_why(it->result))
			continue;
		if (!*it->result_reason)
			dorn_buf_printf(out, "- item %d: %s\n", it->position,
					it->result == DORN_RESULT_REFUSED
						? "the reason the court gave for refusing"
						: "why no order was asked for");
		if (!*it->result_next)
			dorn_buf_printf(out, "- item %d: what the unit will do next\n",
					it->position);
	}
	return out->oom ? DORN_ENOMEM : 0;
}
