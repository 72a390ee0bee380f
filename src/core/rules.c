/* The legal rules: what the note asks the prosecutor for, item by item, and
 * what is still missing before it can be relied on. Pure: the offences table
 * and today's date are given; no I/O, no clock, no printing.
 *
 * The law is in /work/shared/DOMAIN.md: Sentencing Act 2020 s.153 (the
 * deprivation order), R v Wright-Hadley [2022] EWCA Crim 446 (proof item by
 * item), R v Tan [2024] EWCA Crim 1104 (time to retrieve lawful data). The
 * rules below only decide *which* points apply; the words the note prints come
 * from data/ so that legal services can correct them. */
#include <string.h>

#include "dorn/rules.h"
#include "dorn/urn.h"

/* One row per problem code: its JSON word, whether it is a gap to fill (the
 * note's "still missing" part) or a warning to weigh, and the interview step
 * where the officer fixes it. Indexed by enum dorn_problem_code. */
struct problem_info {
	const char *name;
	int missing;
	int step;
};

static const struct problem_info problems[DORN_PROBLEM__COUNT] = {
	[DORN_MISSING_OFFENCE] = { "missing-offence", 1, DORN_STEP_CASE },
	[DORN_MISSING_ITEMS] = { "missing-items", 1, DORN_STEP_ITEMS },
	[DORN_MISSING_EXHIBIT] = { "missing-exhibit", 1, DORN_STEP_ITEMS },
	[DORN_MISSING_HEARING_DATE] = { "missing-hearing-date", 1, DORN_STEP_CASE },
	[DORN_MISSING_VICTIM_WORDS] = { "missing-victim-words", 1, DORN_STEP_CONCERN },
	[DORN_MISSING_LIMB] = { "missing-limb", 1, DORN_STEP_ITEMS },
	[DORN_MISSING_USE] = { "missing-use", 1, DORN_STEP_ITEMS },
	[DORN_MISSING_AGE] = { "missing-age", 1, DORN_STEP_AGE },
	[DORN_WARN_DATE_PASSED] = { "date-passed", 0, DORN_STEP_CASE },
	[DORN_WARN_UNEXAMINED] = { "unexamined", 0, DORN_STEP_ITEMS },
	[DORN_WARN_NOT_HELD] = { "not-held", 0, DORN_STEP_ITEMS },
	[DORN_WARN_THIRD_PARTY] = { "third-party", 0, DORN_STEP_ITEMS },
	[DORN_WARN_CLOUD] = { "cloud-account", 0, DORN_STEP_ITEMS },
	[DORN_WARN_UNKNOWN_OFFENCE] = { "unknown-offence", 0, DORN_STEP_CASE },
	[DORN_WARN_SENTENCING_PASSED] = { "sentencing-passed", 0, DORN_STEP_CASE },
	[DORN_MISSING_AGE_PROOF] = { "missing-age-proof", 1, DORN_STEP_AGE },
	[DORN_MISSING_SEIZED_FROM_NAME] = { "missing-seized-from-name", 1, DORN_STEP_ITEMS },
	[DORN_MISSING_FORENSIC] = { "missing-forensic", 1, DORN_STEP_ITEMS },
	[DORN_MISSING_SEIZED_WHERE] = { "missing-seized-where", 1, DORN_STEP_ITEMS },
	[DORN_MISSING_SEIZED_DATE] = { "missing-seized-date", 1, DORN_STEP_ITEMS },
	[DORN_MISSING_SEIZED_POWER] = { "missing-seized-power", 1, DORN_STEP_ITEMS },
	[DORN_MISSING_NOW_WHERE] = { "missing-now-where", 1, DORN_STEP_ITEMS },
	[DORN_MISSING_VALUE] = { "missing-value", 1, DORN_STEP_ITEMS },
	[DORN_MISSING_VALUE_BASIS] = { "missing-value-basis", 1, DORN_STEP_ITEMS },
	[DORN_MISSING_THIRD_PARTY] = { "missing-third-party", 1, DORN_STEP_ITEMS },
	[DORN_MISSING_THIRD_PARTY_TOLD] = { "missing-third-party-told", 1, DORN_STEP_ITEMS },
	[DORN_MISSING_THIRD_PARTY_KNEW] = { "missing-third-party-knew", 1, DORN_STEP_ITEMS },
	[DORN_MISSING_LAWFUL_DATA] = { "missing-lawful-data", 1, DORN_STEP_ITEMS },
	[DORN_MISSING_ACCOUNT] = { "missing-account", 1, DORN_STEP_ITEMS },
	[DORN_MISSING_REQUEST] = { "missing-request", 1, DORN_STEP_ITEMS },
	[DORN_MISSING_ARREST] = { "missing-arrest", 1, DORN_STEP_CASE },
	[DORN_MISSING_VPS] = { "missing-vps", 1, DORN_STEP_SUPPORT },
	[DORN_MISSING_RO_VIEWS] = { "missing-ro-views", 1, DORN_STEP_CONCERN },
	[DORN_MISSING_DEFENCE] = { "missing-defence", 1, DORN_STEP_CASE },
	[DORN_MISSING_CONTACT] = { "missing-contact", 1, DORN_STEP_REVIEW },
};

static const char *const limb_names[DORN_LIMB__COUNT] = {
	[DORN_LIMB_UNKNOWN] = "to-be-shown",
	[DORN_LIMB_SEIZED] = "seized-from-defendant",
	[DORN_LIMB_HELD] = "in-possession-at-arrest",
	[DORN_LIMB_SEIZED_OTHER] = "seized-from-other",
	[DORN_LIMB_NOT_PROPERTY] = "not-property",
};

const char *dorn_limb_name(int limb)
{
	return limb >= 0 && limb < DORN_LIMB__COUNT ? limb_names[limb] : "to-be-shown";
}

static const struct problem_info *problem_info(int code)
{
	if (code < 0 || code >= DORN_PROBLEM__COUNT)
		return NULL;
	return &problems[code];
}

int dorn_problem_is_missing(int code)
{
	const struct problem_info *p = problem_info(code);

	return p ? p->missing : 0;
}

const char *dorn_problem_name(int code)
{
	const struct problem_info *p = problem_info(code);

	return p ? p->name : "?";
}

const struct dorn_offence *dorn_offence_find(const struct dorn_offences *t,
					     const char *code)
{
	if (!t || !t->v || !code || !*code)
		return NULL;
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].code, code) == 0)
			return &t->v[i];
	return NULL;
}

/* Problems beyond DORN_PROBLEMS_MAX are dropped: a case can hold more (50
 * items with several warnings each) than the note could usefully list, and
 * case-level ones, added first, are kept. */
static void add_problem(struct dorn_assessment *a, int code, int item)
{
	struct dorn_problem *p;

	if (a->nproblems >= DORN_PROBLEMS_MAX)
		return;
	p = &a->problems[a->nproblems++];
	p->code = code;
	p->item = item;
	p->step = problems[code].step;
}

/* ---- offences and routes ---- */

struct offence_facts {
	size_t known;     /* offences found in the table */
	size_t unknown;   /* codes not in the table */
	int child;        /* an indecent-images-of-children offence */
	int sexual;       /* an SHPO may be considered */
	int possession;   /* the offence is possession: s.153(5) */
};

static void read_offences(const struct dorn_case *c, const struct dorn_offences *off,
			  struct offence_facts *f)
{
	size_t n = c->noffences < DORN_OFFENCES_MAX ? c->noffences : DORN_OFFENCES_MAX;
	const struct dorn_offence *o;
	char code[sizeof c->offences[0] + 1];

	memset(f, 0, sizeof *f);
	for (size_t i = 0; i < n; i++) {
		/* The code field may come straight from a file: bound it. */
		memcpy(code, c->offences[i], sizeof c->offences[i]);
		code[sizeof c->offences[i]] = '\0';
		o = dorn_offence_find(off, code);
		if (!o) {
			/* Not counted for routes: we cannot say what it is. */
			f->unknown++;
			continue;
		}
		f->known++;
		if (o->route == DORN_OFFENCE_CHILD)
			f->child = 1;
		if (o->sexual)
			f->sexual = 1;
		if (o->possession)
			f->possession = 1;
	}
}

/* ---- items ---- */

/* Which s.153(2) condition the recorded facts show. s.153(2): the
 * property "has been lawfully seized from" the offender, or was "in his
 * possession or under his control" when he was apprehended for the offence
 * or a summons was issued. Only a recorded fact gives a limb:
 *
 *   seized_from   held_at_arrest   limb
 *   defendant     any              SEIZED (s.153(2)(a))
 *   other         yes              HELD   (s.153(2)(b); the note still says
 *                                          who it was seized from)
 *   not-seized    yes              HELD
 *   unknown       yes              HELD
 *   other         no or unknown    SEIZED_OTHER: (a) is not met, because it
 *                                  was not seized from the offender (a family
 *                                  laptop taken from his mother's house)
 *   not-seized    no or unknown    UNKNOWN (to be shown)
 *   unknown       no or unknown    UNKNOWN (to be shown)
 *
 * The older "seized" and "held_by" answers no longer decide it: "seized:
 * yes" does not say from whom, and "held by the defendant" now does not
 * say that they held it at arrest. */
static int item_limb(const struct dorn_item *it)
{
	if (it->seized_from == DORN_FROM_DEFENDANT)
		return DORN_LIMB_SEIZED;
	if (it->held_at_arrest == DORN_TRI_YES)
		return DORN_LIMB_HELD;
	if (it->seized_from == DORN_FROM_OTHER)
		return DORN_LIMB_SEIZED_OTHER;
	return DORN_LIMB_UNKNOWN;
}

/* Recorded as seized, by anyone: the exhibit and the seizure's details
 * are then expected. */
static int item_seized(const struct dorn_item *it)
{
	return it->seized_from == DORN_FROM_DEFENDANT || it->seized_from == DORN_FROM_OTHER ||
	       (it->seized == DORN_TRI_YES && it->seized_from != DORN_FROM_NOT_SEIZED);
}

static void assess_item(const struct dorn_item *it, int possession,
			struct dorn_item_assessment *ia)
{
	memset(ia, 0, sizeof *ia);
	ia->position = it->position;
	ia->used = it->how_used;
	ia->value_known = it->value_estimate >= 0;

	/* Cloud accounts and copies held elsewhere are not property an order
	 * can take: the note lists them as a concern and suggests other
	 * measures (SHPO terms, platform removal). The order-related flags stay
	 * 0, so nothing about s.153 is said of them. */
	if (it->kind == DORN_KIND_CLOUD) {
		ia->limb = DORN_LIMB_NOT_PROPERTY;
		return;
	}
	ia->property = 1;
	ia->limb = item_limb(it);
	/* s.153(5): the offence is unlawful possession of the property.
	 * Whether it covers a device holding the images is UNSETTLED, so the
	 * use under s.153(3) is still asked for (MISSING_USE). */
	ia->possession = possession;
	/* R v Tan: the order need not be limited to the unlawful material; the
	 * court can allow time for lawful data to be retrieved first. */
	ia->retrieval = it->lawful_data == DORN_TRI_YES;
	/* A co-owner or an owner who is not the offender may claim it under the
	 * Police (Property) Act 1897 once it passes to the police. */
	ia->third_party = it->owner == DORN_OWNER_SHARED ||
			  it->owner == DORN_OWNER_THIRD_PARTY || it->third_party_name[0];
	/* R v Wright-Hadley: proof device by device; an order over unexamined
	 * drives was quashed. Only a recorded "no" is flagged. */
	ia->unexamined = it->examined == DORN_TRI_NO;
}

/* The item's problems, most important first: can an order be made over it
 * at all (limb, use), can the court name and prove it (exhibit, forensic
 * evidence, seizure details), then what the court weighs (value, third
 * party, lawful data). */
static void item_problems(const struct dorn_item *it, const struct dorn_item_assessment *ia,
			  struct dorn_assessment *a)
{
	int pos = ia->position, seized = item_seized(it);
	int no_limb_recorded = it->held_at_arrest == DORN_TRI_NO &&
			       (it->seized_from == DORN_FROM_OTHER ||
				it->seized_from == DORN_FROM_NOT_SEIZED);

	if (!ia->property) {
		if (!it->platform[0] || !it->account_id[0])
			add_problem(a, DORN_MISSING_ACCOUNT, pos);
		if (it->request == DORN_REQUEST_UNKNOWN ||
		    (it->request != DORN_REQUEST_NONE && !it->request_date[0]))
			add_problem(a, DORN_MISSING_REQUEST, pos);
		add_problem(a, DORN_WARN_CLOUD, pos);
		return;
	}
	if ((ia->limb == DORN_LIMB_UNKNOWN || ia->limb == DORN_LIMB_SEIZED_OTHER) &&
	    !no_limb_recorded)
		add_problem(a, DORN_MISSING_LIMB, pos);
	if (it->seized_from == DORN_FROM_OTHER && !it->seized_from_name[0])
		add_problem(a, DORN_MISSING_SEIZED_FROM_NAME, pos);
	/* Possession offences never stand alone: s.153(5) over a device is
	 * UNSETTLED, so the use is asked for whatever the offence. */
	if (ia->used == 0)
		add_problem(a, DORN_MISSING_USE, pos);
	if (seized && it->exhibit_ref[0] == '\0')
		add_problem(a, DORN_MISSING_EXHIBIT, pos);
	if (!ia->unexamined && (!it->forensic_report[0] || !it->images_exhibit[0]))
		add_problem(a, DORN_MISSING_FORENSIC, pos);
	if (seized && !it->seized_where[0])
		add_problem(a, DORN_MISSING_SEIZED_WHERE, pos);
	if (seized && !it->seized_date[0])
		add_problem(a, DORN_MISSING_SEIZED_DATE, pos);
	if (seized && !it->seized_power[0])
		add_problem(a, DORN_MISSING_SEIZED_POWER, pos);
	if (it->seized_from == DORN_FROM_NOT_SEIZED &&
	    (!it->now_where[0] || it->seizure_asked == DORN_TRI_UNKNOWN))
		add_problem(a, DORN_MISSING_NOW_WHERE, pos);
	if (!ia->value_known)
		add_problem(a, DORN_MISSING_VALUE, pos);
	else if (it->value_basis == DORN_BASIS_UNKNOWN)
		add_problem(a, DORN_MISSING_VALUE_BASIS, pos);
	if (ia->third_party) {
		if (!it->third_party_name[0] || !it->third_party_contact[0])
			add_problem(a, DORN_MISSING_THIRD_PARTY, pos);
		if (it->third_party_told == DORN_TRI_UNKNOWN)
			add_problem(a, DORN_MISSING_THIRD_PARTY_TOLD, pos);
		if (it->third_party_knew == DORN_TRI_UNKNOWN)
			add_problem(a, DORN_MISSING_THIRD_PARTY_KNEW, pos);
	}
	if (ia->retrieval && (!it->lawful_data_what[0] || !it->lawful_data_for[0]))
		add_problem(a, DORN_MISSING_LAWFUL_DATA, pos);
	if (ia->unexamined)
		add_problem(a, DORN_WARN_UNEXAMINED, pos);
	if (no_limb_recorded)
		add_problem(a, DORN_WARN_NOT_HELD, pos);
	if (ia->third_party)
		add_problem(a, DORN_WARN_THIRD_PARTY, pos);
}

/* Item indices ordered by position (stable), whatever order they are stored
 * in: the note and the problem list go item 1, 2, 3. */
static void order_items(const struct dorn_case *c, size_t n, size_t *idx)
{
	size_t j, k;

	for (size_t i = 0; i < n; i++) {
		k = i;
		for (j = i; j > 0 && c->items[idx[j - 1]].position > c->items[k].position; j--)
			idx[j] = idx[j - 1];
		idx[j] = k;
	}
}

/* ---- dates ---- */

/* The date that matters is the earliest that is today or later, the
 * sentencing hearing (the last moment for the request) winning a tie; when
 * every date has passed, the latest is shown with a warning. dorn_due
 * (core/due.c) decides it, so the note and the case lists never disagree. */
static void urgency(const struct dorn_case *c, long today, int urgent_days,
		    struct dorn_assessment *a)
{
	struct dorn_due due;
	char next[sizeof c->next_hearing + 1], sent[sizeof c->sentencing_date + 1];

	/* Bounded copies: the fields may have come from a file. */
	memcpy(next, c->next_hearing, sizeof c->next_hearing);
	next[sizeof c->next_hearing] = '\0';
	memcpy(sent, c->sentencing_date, sizeof c->sentencing_date);
	sent[sizeof c->sentencing_date] = '\0';

	dorn_due(next, sent, today, urgent_days, &due);
	if (!due.date[0])
		return;
	memcpy(a->due_date, due.date, sizeof a->due_date);
	a->due_is_sentencing = due.is_sentencing;
	a->days_left = due.days_left;
	a->passed = due.passed;
	a->urgent = due.urgent;
	/* The sentencing hearing is the last moment for the request: its
	 * passing is flagged even when a later hearing is recorded. */
	if (sent[0]) {
		struct dorn_date sd;

		if (dorn_date_parse(sent, &sd, NULL) == 0 && dorn_date_to_days(&sd) < today)
			a->sentencing_passed = 1;
	}
}

/* ---- the assessment ---- */

void dorn_assess(const struct dorn_case *c, const struct dorn_offences *off,
		 long today, int urgent_days, struct dorn_assessment *out)
{
	struct offence_facts f;
	size_t idx[DORN_ITEMS_MAX];
	size_t nitems = c->nitems < DORN_ITEMS_MAX ? c->nitems : DORN_ITEMS_MAX;
	const struct dorn_item *it;

	memset(out, 0, sizeof *out);
	read_offences(c, off, &f);

	/* DOMAIN: the person shown being under 18 when the image was made
	 * makes it an IIOC matter whatever their age now. */
	out->child = c->victim.under_18 == DORN_TRI_YES || f.child;
	out->consent = c->victim.consent == DORN_CONSENT_YES;
	out->sexual = f.sexual;
	/* Sentencing Act 2020 s.360: open to the court on any conviction. */
	out->restraining = 1;
	out->before_conviction = c->stage == DORN_STAGE_CHARGE ||
				 c->stage == DORN_STAGE_FIRST_HEARING || c->stage == DORN_STAGE_TRIAL;

	order_items(c, nitems, idx);
	for (size_t i = 0; i < nitems; i++) {
		assess_item(&c->items[idx[i]], f.possession, &out->items[i]);
		if (out->items[i].property)
			out->nproperty++;
	}
	out->nitems = nitems;

	/* Only property an order can take gives the note something to ask
	 * for. s.153 is the power the court uses, so DEPRIVATION is always
	 * asked; for child images FORFEITURE is added, not substituted:
	 * "forfeiture and destruction" is what prosecutors say in court and
	 * handing such a device back could itself be an offence, but the exact
	 * statutory basis of "destruction" is UNSETTLED, and possession offences
	 * meet s.153(5) anyway, so the s.153 request must not be dropped. */
	if (out->nproperty) {
		out->routes |= DORN_ROUTE_DEPRIVATION;
		if (out->child)
			out->routes |= DORN_ROUTE_FORFEITURE;
	}

	urgency(c, today, urgent_days, out);

	/* Case-level problems that decide whether and when anything can be
	 * asked, first; an unknown code cannot be cited, so with no known
	 * offence the offence is still missing. */
	if (f.known == 0)
		add_problem(out, DORN_MISSING_OFFENCE, 0);
	if (nitems == 0)
		add_problem(out, DORN_MISSING_ITEMS, 0);
	if (!out->due_date[0])
		add_problem(out, DORN_MISSING_HEARING_DATE, 0);
	if (out->sentencing_passed)
		add_problem(out, DORN_WARN_SENTENCING_PASSED, 0);
	else if (out->passed)
		add_problem(out, DORN_WARN_DATE_PASSED, 0);
	if (c->victim.under_18 != DORN_TRI_YES && c->victim.under_18 != DORN_TRI_NO)
		add_problem(out, DORN_MISSING_AGE, 0);
	if (out->child && c->victim.age_proof[0] == '\0')
		add_problem(out, DORN_MISSING_AGE_PROOF, 0);
	if (f.unknown)
		add_problem(out, DORN_WARN_UNKNOWN_OFFENCE, 0);

	for (size_t i = 0; i < nitems; i++) {
		it = &c->items[idx[i]];
		item_problems(it, &out->items[i], out);
	}

	/* What the prosecutor would otherwise phone about, for the case. */
	if (c->charged_by == DORN_CHARGED_UNKNOWN || !c->arrest_date[0])
		add_problem(out, DORN_MISSING_ARREST, 0);
	if (c->victim.vps == DORN_TRI_UNKNOWN)
		add_problem(out, DORN_MISSING_VPS, 0);
	if (c->victim.ro_views[0] == '\0')
		add_problem(out, DORN_MISSING_RO_VIEWS, 0);
	if (c->defence_position[0] == '\0')
		add_problem(out, DORN_MISSING_DEFENCE, 0);
	if (c->concern.victim_words[0] == '\0')
		add_problem(out, DORN_MISSING_VICTIM_WORDS, 0);
}
