/* Which date makes a case urgent: shared by the rules (the note) and the
 * case lists, so the note and the list never disagree. */
#include <string.h>

#include "dorn/list.h"
#include "dorn/rules.h"
#include "dorn/urn.h"

static int days(const char *text, long *out, char iso[11])
{
	struct dorn_date d;

	if (!text || !*text || dorn_date_parse(text, &d, NULL))
		return 0;
	*out = dorn_date_to_days(&d);
	dorn_date_iso(&d, iso);
	return 1;
}

void dorn_due(const char *next_hearing, const char *sentencing, long today,
	      int urgent_days, struct dorn_due *out)
{
	char h_iso[11], s_iso[11];
	long h = 0, s = 0;
	int has_h = days(next_hearing, &h, h_iso), has_s = days(sentencing, &s, s_iso);
	int pick_s;

	memset(out, 0, sizeof *out);
	if (!has_h && !has_s)
		return;
	if (has_h && has_s) {
		int h_up = h >= today, s_up = s >= today;

		if (h_up && s_up)
			pick_s = s <= h; /* the same day: say sentencing */
		else if (h_up || s_up)
			pick_s = s_up;
		else
			pick_s = s >= h; /* both passed: the latest */
	} else {
		pick_s = has_s;
	}
	out->is_sentencing = pick_s;
	out->days_left = (pick_s ? s : h) - today;
	memcpy(out->date, pick_s ? s_iso : h_iso, sizeof out->date);
	out->passed = out->days_left < 0;
	out->urgent = !out->passed && out->days_left <= urgent_days;
}

void dorn_due_span(const char *next_hearing, const char *sentencing, char lo[11],
		   char hi[11])
{
	char h_iso[11], s_iso[11];
	long h = 0, s = 0;
	int has_h = days(next_hearing, &h, h_iso), has_s = days(sentencing, &s, s_iso);

	/* What dorn_due picks from, kept so that the list can find it along an
	 * index for any today: the earlier date, while it is still to come,
	 * else the later one. */
	lo[0] = hi[0] = '\0';
	if (has_h && has_s) {
		memcpy(lo, h <= s ? h_iso : s_iso, 11);
		memcpy(hi, h <= s ? s_iso : h_iso, 11);
	} else if (has_h || has_s) {
		memcpy(lo, has_h ? h_iso : s_iso, 11);
		memcpy(hi, lo, 11);
	}
}

int dorn_list_key_cmp(const struct dorn_list_key *a, const struct dorn_list_key *b)
{
	int c;

	if (a->seg != b->seg)
		return a->seg < b->seg ? -1 : 1;
	c = strcmp(a->date, b->date);
	return c ? c : strcmp(a->urn, b->urn);
}
