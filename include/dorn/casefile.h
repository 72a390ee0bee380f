/* Case files: one case described in an INI file, for `dorn import`. The
 * sections, keys and values are documented in dorn-case(5). */
#ifndef DORN_CASEFILE_H
#define DORN_CASEFILE_H

struct dorn_case;
struct dorn_offences;
struct dorn_err;

/* Read the case file at path into *out. Offence codes are checked against
 * off (data/offences.ini); when off is NULL they are only checked for
 * shape, length and repeats. Items are stored sorted by position.
 *
 * The file is accepted whole or not at all: on any error *out is left
 * zeroed. Errors:
 *  - DORN_ENOINPUT: the file is missing or cannot be read;
 *  - DORN_EDATA: anything wrong with its contents, with the message
 *    "FILE:LINE: [section] key: what is wrong: what to do" (":LINE" is left
 *    out when a whole section is missing; " key" when the problem is the
 *    section itself). Messages from the INI reader ("FILE:LINE: what is
 *    wrong: what to do") pass through unchanged;
 *  - DORN_ENOMEM.
 * Never prints. */
int dorn_casefile_read(const char *path, const struct dorn_offences *off,
		       struct dorn_case *out, struct dorn_err *err);

#endif
