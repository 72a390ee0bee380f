/* iCalendar (RFC 5545) files of all-day events: an officer's worklist of
 * things to do by a day (tell the victim the outcome, ...), for their
 * calendar program. Pure: the caller writes the bytes where they go. */
#ifndef DORN_ICS_H
#define DORN_ICS_H

#include <stddef.h>
#include <time.h>

struct dorn_buf;

struct dorn_ics_event {
	const char *uid;         /* unique and stable, e.g. "62LM440192326-hearing-2026-12-07@dorn" */
	long day;                /* an all-day event on this day (days since 1970-01-01) */
	const char *summary;     /* one line */
	const char *description; /* may be NULL; may hold new lines */
};

/* Append to out a VCALENDAR with one VEVENT per event, ev[0..n), in that
 * order:
 *
 *   BEGIN:VCALENDAR, VERSION:2.0, PRODID (from prodid), CALSCALE:GREGORIAN;
 *   per event BEGIN:VEVENT, UID, DTSTAMP (stamp), DTSTART;VALUE=DATE (day),
 *   DTEND;VALUE=DATE (the next day: an all-day event ends at the start of
 *   the next), TRANSP:TRANSPARENT (a reminder does not make the officer
 *   busy all day), SUMMARY, DESCRIPTION (only when not NULL, nor blank
 *   once cleaned), END:VEVENT;
 *   END:VCALENDAR.
 *
 * Lines end in CRLF and are folded (CRLF and a space) so that none is over
 * 75 octets; a fold never falls inside a UTF-8 sequence nor inside an
 * escape. Text values (PRODID, UID, SUMMARY, DESCRIPTION) lose control
 * characters, bidi overrides and bytes that are not UTF-8 (as
 * dorn_text_strip does); a new line (LF, CR LF) in a description becomes
 * \n, in a summary, a uid or prodid a space, as does a tab anywhere;
 * backslash, semicolon and comma are escaped (\\ \; \,).
 *
 * stamp is the time the file is made, in UTC, as "20261206T093600Z"
 * (dorn_ics_stamp makes it). Returns 0, DORN_ENOMEM (out is left as it
 * was, and out->oom set), or DORN_EINTERNAL, out untouched, for a bad
 * argument: out, ev or prodid NULL; n == 0 (RFC 5545 wants at least one
 * event: say there is nothing to export instead); prodid, a uid or a
 * summary NULL, or blank (nothing but spaces) once cleaned; two events
 * with the same uid; stamp not of that form or not a real time; a day
 * outside the years 1900 to 2200. */
int dorn_ics_write(const struct dorn_ics_event *ev, size_t n, const char *prodid,
		   const char *stamp, struct dorn_buf *out);

/* t as an iCalendar UTC time, "20261206T093600Z", into out (17 bytes).
 * A t before 1970 gives 19700101T000000Z, one after 9999 the last second
 * of 9999. */
void dorn_ics_stamp(time_t t, char out[17]);

#endif
