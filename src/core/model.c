/* The case record's enumerated words and small helpers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dorn/err.h"
#include "dorn/model.h"

#define NAMES(var, ...)                                                     \
	static const char *const var##_words[] = { __VA_ARGS__ };           \
	const struct dorn_names var = { var##_words,                        \
					sizeof var##_words / sizeof var##_words[0] }

/* Order follows the enums in model.h. */
NAMES(dorn_tri_names, "unknown", "yes", "no");
NAMES(dorn_consent_names, "not-asked", "yes", "no");
NAMES(dorn_stage_names, "charge", "first-hearing", "trial", "conviction", "sentencing",
      "outcome");
NAMES(dorn_kind_names, "phone", "laptop", "tablet", "camera", "storage", "cloud-account",
      "other");
NAMES(dorn_owner_names, "unknown", "defendant", "shared", "third-party");
NAMES(dorn_held_names, "unknown", "police", "defendant");
NAMES(dorn_fear_names, "device-returned", "further-sharing", "copies-elsewhere", "contact",
      "other");
NAMES(dorn_use_names, "took", "stored", "sent", "threatened");
NAMES(dorn_support_names, "helpline", "stopncii", "report-remove", "evidence", "iwf");
NAMES(dorn_seized_from_names, "unknown", "defendant", "other-person", "not-seized");
NAMES(dorn_value_basis_names, "unknown", "estimate", "receipt", "officer-view");
NAMES(dorn_request_names, "unknown", "none", "preservation", "removal", "both");
NAMES(dorn_charged_by_names, "unknown", "arrest", "summons");
NAMES(dorn_result_names, "none", "order_made", "forfeiture", "refused", "not_sought", "returned",
      "held");

void dorn_case_init(struct dorn_case *c)
{
	memset(c, 0, sizeof *c);
	c->version = 0;
}

struct dorn_case *dorn_case_new(void)
{
	return calloc(1, sizeof(struct dorn_case));
}

void dorn_case_free(struct dorn_case *c)
{
	free(c);
}

const char *dorn_name(const struct dorn_names *t, int v)
{
	if (v < 0 || (size_t)v >= t->n)
		return "?";
	return t->words[v];
}

int dorn_name_lookup(const struct dorn_names *t, const char *word)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->words[i], word) == 0)
			return (int)i;
	return -1;
}

int dorn_names_to_bits(const struct dorn_names *t, const char *list, unsigned *bits,
		       char *bad, size_t nbad)
{
	char word[64];
	const char *p = list, *end;
	size_t len;
	int i;

	*bits = 0;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (!*p)
			break;
		end = p + strcspn(p, ",");
		len = (size_t)(end - p);
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len >= sizeof word)
			len = sizeof word - 1;
		memcpy(word, p, len);
		word[len] = '\0';
		i = dorn_name_lookup(t, word);
		if (i < 0) {
			if (bad)
				snprintf(bad, nbad, "%s", word);
			return DORN_EDATA;
		}
		*bits |= 1u << i;
		p = end;
	}
	return 0;
}

void dorn_bits_to_names(const struct dorn_names *t, unsigned bits, const char *sep,
			char *out, size_t n)
{
	size_t w = 0;

	if (n)
		out[0] = '\0';
	for (size_t i = 0; i < t->n && w < n; i++) {
		if (!(bits & (1u << i)))
			continue;
		w += (size_t)snprintf(out + w, n - w, "%s%s", w ? sep : "", t->words[i]);
	}
}

const char *dorn_names_list(const struct dorn_names *t, const char *last, char *out,
			    size_t n)
{
	size_t w = 0;

	if (n)
		out[0] = '\0';
	for (size_t i = 0; i < t->n && w < n; i++)
		w += (size_t)snprintf(out + w, n - w, "%s%s",
				      i == 0 ? "" : i + 1 == t->n ? last : ", ",
				      t->words[i]);
	return out;
}
