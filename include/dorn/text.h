/* UTF-8 text: validation, control-character stripping, display width.
 * Pure functions; no locale is consulted, so the results are the same
 * on every machine. */
#ifndef DORN_TEXT_H
#define DORN_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* 1 when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates, nothing
 * above U+10FFFF), else 0. When bad_at is not NULL it gets the byte offset
 * of the first bad sequence. */
int dorn_utf8_valid(const char *s, size_t n, size_t *bad_at);

/* Decode one code point at s (at most n bytes). Returns its length in bytes
 * (1..4) and stores the code point in *cp; on a malformed sequence returns 1
 * and stores U+FFFD. Returns 0 when n == 0. */
size_t dorn_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Encode cp into out (at least 4 bytes); returns its length. */
size_t dorn_utf8_encode(uint32_t cp, char out[4]);

/* Byte offset of the next / previous character boundary from pos in s[0..n). */
size_t dorn_utf8_next(const char *s, size_t n, size_t pos);
size_t dorn_utf8_prev(const char *s, size_t pos);

enum {
	DORN_TEXT_KEEP_NEWLINE = 1, /* keep '\n' (multi-line fields); '\t' becomes ' ' */
};

/* Remove control characters (C0 other than those kept by flags, DEL, C1
 * U+0080..U+009F) and malformed UTF-8 from s, in place. Returns the new
 * length. "\r\n" is folded to "\n" when newlines are kept. */
size_t dorn_text_strip(char *s, int flags);

/* Make s safe to print as one line of a message, in place: a tab, line
 * feed or carriage return becomes a space; any other C0 control, DEL, C1
 * control (U+0080..U+009F), bidi embedding, override or isolate, and each
 * byte that is not part of well-formed UTF-8 becomes '?'. Unlike
 * dorn_text_strip, which drops them, this shows that something was there,
 * and the result can never carry an escape sequence to a terminal. Never
 * lengthens s; returns the new length. */
size_t dorn_text_mask(char *s);

/* s with the letters that carry no accent to strip folded to plain ones
 * (Ł to L, ø to o, æ to ae, ß to ss, ...), so search finds "Lukasz" in
 * "Łukasz" both ways: SQLite's unicode61 tokenizer folds accents (é, ë,
 * ú) but not these. The result is never longer than s: out needs
 * strlen(s) + 1 bytes. Returns out. */
char *dorn_text_fold(const char *s, char *out);

/* 1 when s contains a character that dorn_text_strip would remove. */
int dorn_text_has_control(const char *s, int flags);

/* Where plain text must not go on: the byte offset in s[0..n) of the
 * first character dorn_text_strip would change (a control character other
 * than those kept by flags, DEL, C1, a tab, a bidi override, or malformed
 * UTF-8), or n when there is none, so input can be refused with the place
 * and the character named instead of silently cleaned. *cp (may be NULL)
 * gets the code point, U+FFFD for a malformed sequence. */
size_t dorn_text_find_control(const char *s, size_t n, int flags, uint32_t *cp);

/* Display width of one code point in terminal columns, as wcwidth() of
 * glibc 2.36 (Unicode 14.0) gives it in C.UTF-8, from a built-in table:
 * 0 for combining marks and zero-width characters, 2 for East Asian wide
 * and emoji, else 1. Control characters count 0; code points wcwidth()
 * cannot print (unassigned, surrogates, above U+10FFFF) count 1. */
int dorn_cp_width(uint32_t cp);

/* Display width of s[0..n) in columns. */
size_t dorn_text_width(const char *s, size_t n);

/* Largest byte length <= n of a prefix of s whose width is <= cols, cut at a
 * character boundary (never in the middle of a wide character). */
size_t dorn_text_fit(const char *s, size_t n, size_t cols);

/* Number of characters (code points) in s[0..n). */
size_t dorn_utf8_len(const char *s, size_t n);

#endif
