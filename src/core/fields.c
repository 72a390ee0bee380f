/* The field table: every field of the record once, with how it is read,
 * written and shown. See fields.h. */
#include <stdio.h>
#include <string.h>

#include "dorn/err.h"
#include "dorn/fields.h"
#include "dorn/rules.h"
#include "dorn/text.h"
#include "dorn/urn.h"

#define SHOWN_CHARS 40  /* characters of a value quoted in a message */
#define POUNDS_MAX 10000000L
#define CODE_MAX 32     /* sizeof struct dorn_case.offences[0] */
#define WORDS_MAX 1000  /* a list of words: every word of any list, many times over */

/* ---- the options, in the order they are offered ---- */

static const struct dorn_option tri_opts[] = {
	{ DORN_TRI_YES, "yes", 0 },
	{ DORN_TRI_NO, "no", 0 },
	{ DORN_TRI_UNKNOWN, "not known", 0 },
	{ 0, NULL, 0 },
};

static const struct dorn_option consent_opts[] = {
	{ DORN_CONSENT_YES, "yes", 0 },
	{ DORN_CONSENT_NO, "no", 0 },
	{ DORN_CONSENT_NOT_ASKED, "not asked yet", 0 },
	{ 0, NULL, 0 },
};

static const struct dorn_option stage_opts[] = {
	{ DORN_STAGE_CHARGE, "charge", 0 },
	{ DORN_STAGE_FIRST_HEARING, "first hearing", 0 },
	{ DORN_STAGE_TRIAL, "trial", 0 },
	{ DORN_STAGE_CONVICTION, "conviction", 0 },
	{ DORN_STAGE_SENTENCING, "sentencing", 0 },
	{ DORN_STAGE_OUTCOME, "outcome told", 0 },
	{ 0, NULL, 0 },
};

/* Which one is offered follows the age answer. */
static const struct dorn_option support_opts[] = {
	{ DORN_SUPPORT_HELPLINE, "Revenge Porn Helpline: 0345 6000 459", 0 },
	{ DORN_SUPPORT_STOPNCII, "StopNCII.org (adults): a hash is made on their own "
	  "device, and the images never leave it", DORN_OPT_ADULT },
	{ DORN_SUPPORT_REPORT_REMOVE, "Report Remove (Childline and the Internet Watch "
	  "Foundation), for people under 18 now", DORN_OPT_CHILD },
	{ DORN_SUPPORT_IWF, "Internet Watch Foundation report, for adults whose images "
	  "were made when they were under 18", DORN_OPT_ADULT },
	{ DORN_SUPPORT_EVIDENCE, "Keep evidence, and speak to police before reporting "
	  "content for removal", 0 },
	{ 0, NULL, 0 },
};

static const struct dorn_option fear_opts[] = {
	{ DORN_FEAR_RETURNED, "that the device will be given back to the defendant", 0 },
	{ DORN_FEAR_SHARING, "that the images will be shared further", 0 },
	{ DORN_FEAR_COPIES, "that copies are kept elsewhere", 0 },
	{ DORN_FEAR_CONTACT, "contact from the defendant", 0 },
	{ DORN_FEAR_OTHER, "something else", 0 },
	{ 0, NULL, 0 },
};

static const struct dorn_option kind_opts[] = {
	{ DORN_KIND_PHONE, "phone", 0 },
	{ DORN_KIND_LAPTOP, "laptop", 0 },
	{ DORN_KIND_TABLET, "tablet", 0 },
	{ DORN_KIND_CAMERA, "camera", 0 },
	{ DORN_KIND_STORAGE, "card or drive", 0 },
	{ DORN_KIND_CLOUD, "online account", 0 },
	{ DORN_KIND_OTHER, "other", 0 },
	{ 0, NULL, 0 },
};

static const struct dorn_option owner_opts[] = {
	{ DORN_OWNER_DEFENDANT, "the defendant", 0 },
	{ DORN_OWNER_SHARED, "shared", 0 },
	{ DORN_OWNER_THIRD_PARTY, "someone else", 0 },
	{ DORN_OWNER_UNKNOWN, "not known", 0 },
	{ 0, NULL, 0 },
};

static const struct dorn_option use_opts[] = {
	{ DORN_USE_TOOK, "took images with it", 0 },
	{ DORN_USE_STORED, "stored images on it", 0 },
	{ DORN_USE_SENT, "sent images from it", 0 },
	{ DORN_USE_THREATENED, "threatened to share from it", 0 },
	{ 0, NULL, 0 },
};

static const struct dorn_option held_opts[] = {
	{ DORN_HELD_POLICE, "police", 0 },
	{ DORN_HELD_DEFENDANT, "the defendant", 0 },
	{ DORN_HELD_UNKNOWN, "not known", 0 },
	{ 0, NULL, 0 },
};

static const struct dorn_option seized_from_opts[] = {
	{ DORN_FROM_DEFENDANT, "the defendant", 0 },
	{ DORN_FROM_OTHER, "another person (name them)", 0 },
	{ DORN_FROM_NOT_SEIZED, "not seized", 0 },
	{ DORN_FROM_UNKNOWN, "not known", 0 },
	{ 0, NULL, 0 },
};

static const struct dorn_option basis_opts[] = {
	{ DORN_BASIS_ESTIMATE, "an estimate", 0 },
	{ DORN_BASIS_RECEIPT, "a receipt", 0 },
	{ DORN_BASIS_OFFICER, "the officer's view", 0 },
	{ DORN_BASIS_UNKNOWN, "not known", 0 },
	{ 0, NULL, 0 },
};

static const struct dorn_option request_opts[] = {
	{ DORN_REQUEST_NONE, "none made", 0 },
	{ DORN_REQUEST_PRESERVATION, "preservation", 0 },
	{ DORN_REQUEST_REMOVAL, "removal", 0 },
	{ DORN_REQUEST_BOTH, "preservation and removal", 0 },
	{ DORN_REQUEST_UNKNOWN, "not known", 0 },
	{ 0, NULL, 0 },
};

static const struct dorn_option charged_opts[] = {
	{ DORN_CHARGED_ARREST, "arrested", 0 },
	{ DORN_CHARGED_SUMMONS, "summonsed", 0 },
	{ DORN_CHARGED_UNKNOWN, "not known", 0 },
	{ 0, NULL, 0 },
};

static const struct dorn_option result_opts[] = {
	{ DORN_RESULT_ORDER_MADE, "deprivation order made", 0 },
	{ DORN_RESULT_FORFEITURE, "forfeited, to be destroyed", 0 },
	{ DORN_RESULT_REFUSED, "refused (give the reason)", 0 },
	{ DORN_RESULT_NOT_SOUGHT, "not asked for (say why)", 0 },
	{ DORN_RESULT_RETURNED, "to go back to the defendant", 0 },
	{ DORN_RESULT_HELD, "still held by the police", 0 },
	{ DORN_RESULT_NONE, "not recorded yet", 0 },
	{ 0, NULL, 0 },
};

/* ---- the table ---- */

#define SIZE(st, m) sizeof(((struct st *)0)->m)
#define FK(part, st, key, type, m, names, opts, flags, kinds, label)                 \
	{ part, key, type, offsetof(struct st, m), SIZE(st, m), names, opts, flags, label, kinds }
#define F(part, st, key, type, m, names, opts, flags, label) \
	FK(part, st, key, type, m, names, opts, flags, 0, label)
#define C(key, type, m, names, opts, flags, label) \
	F(DORN_PART_CASE, dorn_case, key, type, m, names, opts, flags, label)
#define V(key, type, m, names, opts, flags, label) \
	F(DORN_PART_VICTIM, dorn_victim, key, type, m, names, opts, flags, label)
#define K(key, type, m, names, opts, flags, label) \
	F(DORN_PART_CONCERN, dorn_concern, key, type, m, names, opts, flags, label)
#define O(key, type, m, names, opts, flags, label) \
	F(DORN_PART_OUTCOME, dorn_outcome, key, type, m, names, opts, flags, label)
#define I(key, type, m, names, opts, flags, label) \
	F(DORN_PART_ITEM, dorn_item, key, type, m, names, opts, flags, label)
/* Asked only of a device (ID) or only of an account (IA). */
#define ID(key, type, m, names, opts, flags, label) \
	FK(DORN_PART_ITEM, dorn_item, key, type, m, names, opts, flags, DORN_KINDS_DEVICE, label)
#define IA(key, type, m, names, opts, flags, label) \
	FK(DORN_PART_ITEM, dorn_item, key, type, m, names, opts, flags, DORN_KINDS_ACCOUNT, label)

#define SP DORN_FF_SPARSE

const struct dorn_field dorn_fields[] = {
	C("urn", DORN_FT_URN, urn, NULL, NULL, 0, "URN"),
	C("defendant", DORN_FT_TEXT, defendant, NULL, NULL, 0, "Defendant"),
	C("court", DORN_FT_TEXT, court, NULL, NULL, 0, "Court"),
	C("stage", DORN_FT_CHOICE, stage, &dorn_stage_names, stage_opts, 0, "Stage"),
	{ DORN_PART_CASE, "offences", DORN_FT_OFFENCES, 0, sizeof(struct dorn_case), NULL, NULL,
	  0, "Offences", 0 },
	C("next_hearing", DORN_FT_DATE, next_hearing, NULL, NULL, DORN_FF_NULL,
	  "Next hearing date"),
	C("next_hearing_type", DORN_FT_TEXT, next_hearing_type, NULL, NULL, 0,
	  "Next hearing type"),
	C("sentencing_date", DORN_FT_DATE, sentencing_date, NULL, NULL, DORN_FF_NULL,
	  "Sentencing date"),
	C("officer_in_case", DORN_FT_TEXT, officer_in_case, NULL, NULL, 0, "Officer in case"),
	C("lawyer", DORN_FT_TEXT, lawyer, NULL, NULL, 0, "Prosecutor"),
	C("charged_by", DORN_FT_CHOICE, charged_by, &dorn_charged_by_names, charged_opts, 0,
	  "Arrested or summonsed"),
	C("arrest_date", DORN_FT_DATE, arrest_date, NULL, NULL, DORN_FF_NULL,
	  "Date of the arrest or summons"),
	C("defence_position", DORN_FT_TEXT, defence_position, NULL, NULL, 0,
	  "The defence's position, if known"),

	V("reference", DORN_FT_TEXT, reference, NULL, NULL, 0, "Victim reference"),
	V("name", DORN_FT_TEXT, name, NULL, NULL, DORN_FF_NULL, "Name (optional)"),
	V("under_18_at_images", DORN_FT_CHOICE, under_18, &dorn_tri_names, tri_opts, 0,
	  "Under 18 then"),
	V("consent_to_share", DORN_FT_CHOICE, consent, &dorn_consent_names, consent_opts, 0,
	  "Consent to share"),
	V("consent_date", DORN_FT_DATE, consent_date, NULL, NULL, DORN_FF_NULL,
	  "Date of consent"),
	V("safe_contact", DORN_FT_TEXT, safe_contact, NULL, NULL, DORN_FF_UNIT,
	  "A safe way to make contact"),
	V("needs", DORN_FT_LINES, needs, NULL, NULL, DORN_FF_UNIT,
	  "Needs (support, language, access)"),
	V("outcome_contact", DORN_FT_TEXT, outcome_contact, NULL, NULL, DORN_FF_UNIT,
	  "How they want to hear the outcome"),
	V("support_offered", DORN_FT_SET, support, &dorn_support_names, support_opts, 0,
	  "Support offered"),
	V("under_18_now", DORN_FT_CHOICE, under_18_now, &dorn_tri_names, tri_opts, 0,
	  "Under 18 now"),
	V("vps", DORN_FT_CHOICE, vps, &dorn_tri_names, tri_opts, 0,
	  "Victim Personal Statement made"),
	V("ro_views", DORN_FT_LINES, ro_views, NULL, NULL, 0,
	  "Their views on restraining-order terms"),
	V("age_proof", DORN_FT_TEXT, age_proof, NULL, NULL, 0,
	  "Proof of their age at the time"),

	K("fears", DORN_FT_SET, fears, &dorn_fear_names, fear_opts, 0, "What they fear"),
	K("fear_other", DORN_FT_TEXT, fear_other, NULL, NULL, 0, "Another fear, in a few words"),
	K("victim_words", DORN_FT_LINES, victim_words, NULL, NULL, 0,
	  "Their own words (kept exactly as typed)"),
	K("impact", DORN_FT_LINES, impact, NULL, NULL, 0, "The impact on them"),

	I("kind", DORN_FT_CHOICE, kind, &dorn_kind_names, kind_opts, 0, "Kind"),
	I("description", DORN_FT_TEXT, description, NULL, NULL, 0,
	  "Description (make, model, colour)"),
	I("owner", DORN_FT_CHOICE, owner, &dorn_owner_names, owner_opts, 0, "Owner"),
	I("owner_detail", DORN_FT_TEXT, owner_detail, NULL, NULL, 0, "Owner detail"),
	ID("seized", DORN_FT_CHOICE, seized, &dorn_tri_names, tri_opts, 0, "Seized"),
	ID("exhibit_ref", DORN_FT_TEXT, exhibit_ref, NULL, NULL, 0, "Exhibit reference"),
	I("how_used", DORN_FT_SET, how_used, &dorn_use_names, use_opts, 0, "How it was used"),
	I("examined", DORN_FT_CHOICE, examined, &dorn_tri_names, tri_opts, 0, "Examined"),
	ID("value_estimate", DORN_FT_POUNDS, value_estimate, NULL, NULL, DORN_FF_NULL,
	  "Value (whole \u00a3)"),
	ID("effect", DORN_FT_TEXT, effect, NULL, NULL, 0, "Effect on the defendant of losing it"),
	ID("lawful_data", DORN_FT_CHOICE, lawful_data, &dorn_tri_names, tri_opts, 0,
	  "Lawful data on it"),
	ID("held_by", DORN_FT_CHOICE, held_by, &dorn_held_names, held_opts, 0, "Held by"),
	ID("seized_from", DORN_FT_CHOICE, seized_from, &dorn_seized_from_names, seized_from_opts,
	  0, "Seized from"),
	ID("seized_from_name", DORN_FT_TEXT, seized_from_name, NULL, NULL, 0,
	  "Seized from whom (if not the defendant)"),
	ID("seized_where", DORN_FT_TEXT, seized_where, NULL, NULL, 0, "Where it was seized"),
	ID("seized_date", DORN_FT_DATE, seized_date, NULL, NULL, DORN_FF_NULL,
	  "When it was seized"),
	ID("seized_power", DORN_FT_TEXT, seized_power, NULL, NULL, 0,
	  "Power it was seized under"),
	ID("held_at_arrest", DORN_FT_CHOICE, held_at_arrest, &dorn_tri_names, tri_opts, 0,
	  "In their possession at arrest or summons"),
	I("forensic_report", DORN_FT_TEXT, forensic_report, NULL, NULL, 0,
	  "Forensic report reference"),
	I("images_exhibit", DORN_FT_TEXT, images_exhibit, NULL, NULL, 0,
	  "Exhibit showing the images on it"),
	ID("value_basis", DORN_FT_CHOICE, value_basis, &dorn_value_basis_names, basis_opts, 0,
	  "The value rests on"),
	I("third_party_name", DORN_FT_TEXT, third_party_name, NULL, NULL, 0,
	  "Third party with an interest"),
	I("third_party_contact", DORN_FT_TEXT, third_party_contact, NULL, NULL, 0,
	  "How to contact the third party"),
	I("third_party_told", DORN_FT_CHOICE, third_party_told, &dorn_tri_names, tri_opts, 0,
	  "Third party told of the request"),
	I("third_party_knew", DORN_FT_CHOICE, third_party_knew, &dorn_tri_names, tri_opts, 0,
	  "Third party knew of the use"),
	ID("lawful_data_what", DORN_FT_TEXT, lawful_data_what, NULL, NULL, 0,
	  "What the lawful data is"),
	ID("lawful_data_for", DORN_FT_TEXT, lawful_data_for, NULL, NULL, 0,
	  "Who wants the lawful data back"),
	ID("now_where", DORN_FT_TEXT, now_where, NULL, NULL, 0,
	  "Where it is now (not seized)"),
	ID("seizure_asked", DORN_FT_CHOICE, seizure_asked, &dorn_tri_names, tri_opts, 0,
	  "Seizure asked for (not seized)"),
	IA("platform", DORN_FT_TEXT, platform, NULL, NULL, 0, "Platform (an account)"),
	IA("account_id", DORN_FT_TEXT, account_id, NULL, NULL, 0,
	  "Account name or identifier"),
	IA("request", DORN_FT_CHOICE, request, &dorn_request_names, request_opts, 0,
	  "Request made to the platform"),
	IA("request_date", DORN_FT_DATE, request_date, NULL, NULL, DORN_FF_NULL,
	  "Date of the request"),
	/* After the hearing (schema 10): sparse, so cases stored before keep
	 * their content digests until an outcome is recorded. */
	I("result", DORN_FT_CHOICE, result, &dorn_result_names, result_opts, SP,
	  "What the court did"),
	I("result_reason", DORN_FT_TEXT, result_reason, NULL, NULL, SP,
	  "The reason given, or why none was asked for"),
	I("result_next", DORN_FT_TEXT, result_next, NULL, NULL, SP,
	  "What the unit will do next"),

	O("date", DORN_FT_DATE, date, NULL, NULL, DORN_FF_NULL | SP,
	  "Date of the hearing that decided it"),
	O("court", DORN_FT_TEXT, court, NULL, NULL, SP, "Court that decided it"),
	O("received", DORN_FT_DATE, received, NULL, NULL, DORN_FF_NULL | SP,
	  "Date the unit received the outcome"),
	O("reasons", DORN_FT_LINES, reasons, NULL, NULL, SP, "The judge's reasons, where given"),
	O("told_date", DORN_FT_DATE, told_date, NULL, NULL, DORN_FF_NULL | DORN_FF_UNIT | SP,
	  "Date the victim was told"),
	O("told_how", DORN_FT_TEXT, told_how, NULL, NULL, DORN_FF_UNIT | SP,
	  "How they were told"),
	O("not_told", DORN_FT_TEXT, not_told, NULL, NULL, DORN_FF_UNIT | SP,
	  "Why they were not told"),
};
const size_t dorn_nfields = sizeof dorn_fields / sizeof dorn_fields[0];

/* The setters write through these types. */
_Static_assert(SIZE(dorn_case, urn) == DORN_URN_MAX, "urn buffer");
_Static_assert(SIZE(dorn_case, next_hearing) == 11, "date buffer");
_Static_assert(SIZE(dorn_case, offences[0]) == CODE_MAX, "offence code");
_Static_assert(SIZE(dorn_item, value_estimate) == sizeof(long), "pounds");
_Static_assert(SIZE(dorn_item, kind) == sizeof(int), "choice");
_Static_assert(SIZE(dorn_item, how_used) == sizeof(unsigned), "set");

static const char *const part_names[DORN_PART__COUNT] = { "case", "victim", "concern",
							   "item", "outcome" };

const char *dorn_part_name(int part)
{
	return part >= 0 && part < DORN_PART__COUNT ? part_names[part] : "?";
}

const struct dorn_field *dorn_field_find(int part, const char *key)
{
	for (size_t i = 0; i < dorn_nfields; i++)
		if (dorn_fields[i].part == part && strcmp(dorn_fields[i].key, key) == 0)
			return &dorn_fields[i];
	return NULL;
}

void *dorn_field_at(const struct dorn_field *f, struct dorn_case *c, struct dorn_item *it)
{
	char *base = NULL;

	switch (f->part) {
	case DORN_PART_CASE: base = (char *)c; break;
	case DORN_PART_VICTIM: base = c ? (char *)&c->victim : NULL; break;
	case DORN_PART_CONCERN: base = c ? (char *)&c->concern : NULL; break;
	case DORN_PART_ITEM: base = (char *)it; break;
	case DORN_PART_OUTCOME: base = c ? (char *)&c->outcome : NULL; break;
	}
	return base ? base + f->off : NULL;
}

const void *dorn_field_cat(const struct dorn_field *f, const struct dorn_case *c,
			   const struct dorn_item *it)
{
	return dorn_field_at(f, (struct dorn_case *)c, (struct dorn_item *)it);
}

int dorn_field_applies(const struct dorn_field *f, int kind)
{
	if (!f->kinds || kind < 0 || kind > DORN_KIND_OTHER)
		return 1;
	return (f->kinds & DORN_KIND_BIT(kind)) != 0;
}

const char *dorn_option_label(const struct dorn_field *f, int value)
{
	for (const struct dorn_option *o = f->opts; o && o->label; o++)
		if (o->value == value)
			return o->label;
	return "";
}

/* ---- writing ---- */

int dorn_field_empty(const struct dorn_field *f, const void *at)
{
	switch (f->type) {
	/* A choice always says something ("not known" is an answer), but a
	 * sparse one's first value is "not recorded yet" (an item's result). */
	case DORN_FT_CHOICE: return (f->flags & DORN_FF_SPARSE) && *(const int *)at == 0;
	case DORN_FT_SET: return *(const unsigned *)at == 0;
	case DORN_FT_POUNDS: return *(const long *)at < 0;
	case DORN_FT_OFFENCES: return ((const struct dorn_case *)at)->noffences == 0;
	default: return *(const char *)at == '\0';
	}
}

void dorn_field_text(const struct dorn_field *f, const void *at, int labels, char *out,
		     size_t n)
{
	size_t w = 0;

	if (!n)
		return;
	out[0] = '\0';
	switch (f->type) {
	case DORN_FT_CHOICE: {
		int v = *(const int *)at;

		snprintf(out, n, "%s", labels ? dorn_option_label(f, v) : dorn_name(f->names, v));
		break;
	}
	case DORN_FT_SET: {
		unsigned bits = *(const unsigned *)at;

		if (!labels) {
			dorn_bits_to_names(f->names, bits, ", ", out, n);
			break;
		}
		for (const struct dorn_option *o = f->opts; o->label && w < n; o++)
			if (bits & (unsigned)o->value)
				w += (size_t)snprintf(out + w, n - w, "%s%s", w ? "; " : "",
						      o->label);
		break;
	}
	case DORN_FT_POUNDS: {
		long v = *(const long *)at;

		if (v >= 0)
			snprintf(out, n, "%s%ld", labels ? "\u00a3" : "", v);
		else
			snprintf(out, n, "%s", labels ? "not known" : "unknown");
		break;
	}
	case DORN_FT_OFFENCES: {
		const struct dorn_case *c = at;

		for (size_t i = 0; i < c->noffences && w < n; i++)
			w += (size_t)snprintf(out + w, n - w, "%s%s", i ? ", " : "", c->offences[i]);
		break;
	}
	case DORN_FT_URN:
		if (labels && *(const char *)at) {
			char shown[18];

			dorn_urn_display(at, shown);
			snprintf(out, n, "%s", shown);
			break;
		}
		/* fall through */
	default:
		snprintf(out, n, "%s", (const char *)at);
		break;
	}
}

/* ---- reading ---- */

/* At most SHOWN_CHARS characters of v, cut at a character boundary, tabs
 * as spaces: values reach here as checked UTF-8 without controls. */
static const char *shown(const char *v, char *out, size_t n)
{
	size_t i = 0, w = 0, chars = 0, len = strlen(v), step;

	while (i < len && chars < SHOWN_CHARS) {
		step = dorn_utf8_next(v, len, i) - i;
		if (w + step + 4 > n)
			break;
		memcpy(out + w, v + i, step);
		w += step;
		i += step;
		chars++;
	}
	if (i < len)
		w += (size_t)snprintf(out + w, n - w, "...");
	out[w] = '\0';
	for (char *p = out; *p; p++)
		if (*p == '\t')
			*p = ' ';
	return out;
}

/* ASCII lower case of v into out; 0 when it does not fit. */
static int lowered(const char *v, char *out, size_t n)
{
	size_t len = strlen(v);

	if (len >= n)
		return 0;
	for (size_t i = 0; i <= len; i++)
		out[i] = (v[i] >= 'A' && v[i] <= 'Z') ? (char)(v[i] - 'A' + 'a') : v[i];
	return 1;
}

static int too_long(struct dorn_err *err, size_t len, size_t limit)
{
	return dorn_err_set(err, DORN_EDATA, "is %zu bytes long, the limit is %zu: shorten it",
			    len, limit);
}

static int parse_choice(const struct dorn_field *f, const char *v, int *dst,
			struct dorn_err *err)
{
	char word[64], show[SHOWN_CHARS * 4 + 4], list[256];
	int i = -1;

	if (lowered(v, word, sizeof word))
		i = dorn_name_lookup(f->names, word);
	if (i < 0)
		return dorn_err_set(err, DORN_EDATA, "'%s' is not allowed: use %s",
				    shown(v, show, sizeof show),
				    dorn_names_list(f->names, " or ", list, sizeof list));
	*dst = i;
	return 0;
}

static int parse_set(const struct dorn_field *f, const char *v, unsigned *dst,
		     struct dorn_err *err)
{
	char words[WORDS_MAX + 1], word[64], show[SHOWN_CHARS * 4 + 4], list[256];
	unsigned bits = 0;

	if (!lowered(v, words, sizeof words))
		return too_long(err, strlen(v), sizeof words - 1);
	word[0] = '\0';
	if (dorn_names_to_bits(f->names, words, &bits, word, sizeof word) != 0) {
		/* The word may have been cut inside a character. */
		dorn_text_strip(word, 0);
		return dorn_err_set(err, DORN_EDATA, "'%s' is not allowed: use one or more of "
				    "%s, separated by commas", shown(word, show, sizeof show),
				    dorn_names_list(f->names, " and ", list, sizeof list));
	}
	*dst = bits;
	return 0;
}

/* Every code in the table, for "use one of ...". */
static const char *code_list(const struct dorn_offences *t, char *out, size_t n)
{
	size_t w = 0;

	out[0] = '\0';
	for (size_t i = 0; i < t->n && w < n; i++)
		w += (size_t)snprintf(out + w, n - w, "%s%s", i ? ", " : "", t->v[i].code);
	return out;
}

static int parse_offences(const char *v, struct dorn_case *c, const struct dorn_offences *off,
			  struct dorn_err *err)
{
	char words[WORDS_MAX + 1], show[SHOWN_CHARS * 4 + 4], list[600];
	char codes[DORN_OFFENCES_MAX][CODE_MAX];
	size_t n = 0, len;
	char *p, *end;

	if (!lowered(v, words, sizeof words))
		return too_long(err, strlen(v), sizeof words - 1);
	for (p = words; *p; p = end) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (!*p)
			break;
		len = strcspn(p, ",");
		end = p + len;
		if (*end)
			*end++ = '\0';
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			p[--len] = '\0';
		if (off && !dorn_offence_find(off, p))
			return dorn_err_set(err, DORN_EDATA, "'%s' is not an offence code dorn "
					    "knows: use codes from offences.ini (%s)",
					    shown(p, show, sizeof show),
					    code_list(off, list, sizeof list));
		if (len >= CODE_MAX)
			return dorn_err_set(err, DORN_EDATA, "'%s' is not an offence code: codes "
					    "are at most %d characters, like soa66b2",
					    shown(p, show, sizeof show), CODE_MAX - 1);
		for (size_t i = 0; i < n; i++)
			if (strcmp(codes[i], p) == 0)
				return dorn_err_set(err, DORN_EDATA, "'%s' is listed twice: list "
						    "each offence once",
						    shown(p, show, sizeof show));
		if (n == DORN_OFFENCES_MAX)
			return dorn_err_set(err, DORN_EDATA, "more than %d offences: list at most "
					    "%d, starting with those the devices were used for",
					    DORN_OFFENCES_MAX, DORN_OFFENCES_MAX);
		memcpy(codes[n++], p, len + 1);
	}
	memcpy(c->offences, codes, sizeof codes[0] * n);
	c->noffences = n;
	return 0;
}

/* "450", "£450", "£ 450", or "unknown". */
static int parse_pounds(const char *v, long *dst, struct dorn_err *err)
{
	char show[SHOWN_CHARS * 4 + 4], word[16];
	const char *p = v;
	long pounds = 0;
	size_t digits = 0;

	if (lowered(v, word, sizeof word) && strcmp(word, "unknown") == 0) {
		*dst = -1;
		return 0;
	}
	if (strncmp(p, "\xC2\xA3", 2) == 0) /* £ */
		for (p += 2; *p == ' ' || *p == '\t'; p++)
			;
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		if (pounds <= POUNDS_MAX)
			pounds = pounds * 10 + (*p - '0');
	if (digits == 0 || *p)
		return dorn_err_set(err, DORN_EDATA, "'%s' is not a whole number of pounds: "
				    "write it like 450 or \u00a3450, or unknown",
				    shown(v, show, sizeof show));
	if (pounds > POUNDS_MAX)
		return dorn_err_set(err, DORN_EDATA, "'%s' is more than \u00a3%ld: check it, and "
				    "give whole pounds from 0 to %ld", shown(v, show, sizeof show),
				    POUNDS_MAX, POUNDS_MAX);
	*dst = pounds;
	return 0;
}

int dorn_field_parse(const struct dorn_field *f, const char *v, void *at,
		     const struct dorn_offences *off, struct dorn_err *err)
{
	struct dorn_date d;
	size_t len = strlen(v);

	if (!*v)
		return 0; /* an empty value is the same as leaving the key out */
	switch (f->type) {
	case DORN_FT_TEXT:
	case DORN_FT_LINES:
		if (len > f->size - 1)
			return too_long(err, len, f->size - 1);
		memcpy(at, v, len + 1);
		return 0;
	case DORN_FT_URN:
		return dorn_urn_parse(v, at, err);
	case DORN_FT_DATE:
		if (dorn_date_parse(v, &d, err) != 0)
			return DORN_EDATA;
		dorn_date_iso(&d, at);
		return 0;
	case DORN_FT_CHOICE:
		return parse_choice(f, v, at, err);
	case DORN_FT_SET:
		return parse_set(f, v, at, err);
	case DORN_FT_OFFENCES:
		return parse_offences(v, at, off, err);
	case DORN_FT_POUNDS:
		return parse_pounds(v, at, err);
	}
	return dorn_err_set(err, DORN_EINTERNAL, "field %s has no type (a bug)", f->key);
}

/* The outcome's fields are all text (dates included): empty is "". */
int dorn_outcome_empty(const struct dorn_outcome *o)
{
	for (size_t i = 0; i < dorn_nfields; i++)
		if (dorn_fields[i].part == DORN_PART_OUTCOME &&
		    *((const char *)o + dorn_fields[i].off))
			return 0;
	return 1;
}

int dorn_outcome_recorded(const struct dorn_case *c)
{
	for (size_t i = 0; i < c->nitems; i++)
		for (size_t k = 0; k < dorn_nfields; k++) {
			const struct dorn_field *f = &dorn_fields[k];

			if (f->part == DORN_PART_ITEM && (f->flags & DORN_FF_SPARSE) &&
			    !dorn_field_empty(f, dorn_field_cat(f, c, &c->items[i])))
				return 1;
		}
	return !dorn_outcome_empty(&c->outcome);
}
