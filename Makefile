# dorn: a plain Makefile. `make run` and `make check` first make sure the
# build packages are present (scripts/deps.sh), then build and run or test.

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/dorn
LIBDIR  ?= $(PREFIX)/lib
MANDIR  ?= $(PREFIX)/share/man
# A unit on one host (dorn-shared(7)): the unit's folder and group.
SHAREDDIR ?= /var/lib/dorn
GROUP   ?= dorn

CC      ?= cc
CFLAGS  ?= -O2 -g
PKG_CONFIG ?= pkg-config
VERSION := 0.1.0

WARN     = -std=c11 -Wall -Wextra -Werror -Wshadow -Wvla -Wformat=2 -Wno-format-nonliteral
DEFS     = -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -DNCURSES_WIDECHAR=1 \
           -DDORN_VERSION='"$(VERSION)"' -DDORN_DATADIR='"$(DATADIR)"' \
           -DDORN_SHAREDDIR='"$(SHAREDDIR)"' -DDORN_PDFLIB_PATH='"$(LIBDIR)/dorn/dorn-pdf.so"'

# pkg-config where a .pc exists; iniparser has none on Debian.
# iniparser is only for the unit tests: dorn reads INI files itself, and
# tests/unit/test_config.c checks that it reads them as iniparser does.
pc_cflags = $(filter-out -D%,$(shell $(PKG_CONFIG) --cflags $(1) 2>/dev/null))
pc_libs   = $(shell $(PKG_CONFIG) --libs $(1) 2>/dev/null || echo $(2))
INIPARSER_CFLAGS ?= $(if $(wildcard /usr/include/iniparser/iniparser.h),-I/usr/include/iniparser,)
INIPARSER_LIBS   ?= -liniparser
# The PDF engine (src/export/pdf*.c): cairo's PDF surface, pango to set
# the text, fontconfig to find the font ([export] pdf_font). It is a
# plug-in, dorn-pdf.so, loaded the first time a PDF is made, so that no
# other command loads those thirty libraries (src/export/pdf_engine.h).
PDF_PKGS   = pangocairo pangoft2 fontconfig
PDF_CFLAGS = $(call pc_cflags,$(PDF_PKGS))
PDF_LIBS   = $(call pc_libs,$(PDF_PKGS),-lpangocairo-1.0 -lpangoft2-1.0 -lpango-1.0 \
             -lgobject-2.0 -lglib-2.0 -lharfbuzz -lcairo -lfontconfig -lfreetype)
# Its sources, and the core helpers it keeps its own hidden copies of.
PDF_SRC    = src/export/pdf.c src/export/pdf_flow.c src/export/pdf_font.c src/export/figures_pdf.c
PDF_PIC    = $(PDF_SRC) src/export/pdf_lang.c src/core/buf.c src/core/err.c src/core/text.c \
             src/core/figures.c src/core/urn.c

# libpq's header only: dorn loads the library itself the first time it
# connects to a server (src/store/pg/libpq.c).
PKG_CFLAGS = $(call pc_cflags,ncursesw sqlite3 libpq libcrypto jansson) $(INIPARSER_CFLAGS)
LIBS = $(call pc_libs,ncursesw,-lncursesw -ltinfo) $(call pc_libs,sqlite3,-lsqlite3) \
       $(call pc_libs,libcrypto,-lcrypto) $(call pc_libs,jansson,-ljansson) -lm
TEST_LIBS = $(call pc_libs,cmocka,-lcmocka)
UNIT_LIBS = $(TEST_LIBS) $(INIPARSER_LIBS)
E2E_LIBS  = $(call pc_libs,vterm,-lvterm) $(call pc_libs,jansson,-ljansson) -lutil

ALL_CFLAGS = $(WARN) $(DEFS) -Iinclude $(PKG_CFLAGS) $(CFLAGS)

ROOMS   = core store export config app ui cli
LIB_SRC = $(filter-out $(PDF_SRC),$(foreach r,$(ROOMS),$(wildcard src/$(r)/*.c src/$(r)/*/*.c)))
# The PostgreSQL schema, built in from its SQL files (scripts/embed-sql.sh).
PG_SQL  = $(sort $(wildcard src/store/pg/sql/*.sql))
LIB_SRC += build/gen/pg_sql.c
LIB_OBJ = $(LIB_SRC:%.c=build/obj/%.o)
SAN_OBJ = $(LIB_SRC:%.c=build/san/%.o)
HDRS    = $(wildcard include/dorn/*.h) $(foreach r,$(ROOMS),$(wildcard src/$(r)/*.h src/$(r)/*/*.h))

UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=build/tests/%)
UNIT_SAN = $(UNIT_SRC:tests/unit/%.c=build/san-tests/%)
E2E_SRC  = $(filter-out tests/e2e/harness.c,$(wildcard tests/e2e/*.c))
E2E_BIN  = $(E2E_SRC:tests/e2e/%.c=build/tests/e2e_%)

SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: demo all run check deps deps-bench bench-build install install-shared uninstall clean shared-test unit unit-san \
	e2e cli-tests crash-test lint-man bench bench-tools layering width-table \
	pg-tests pg-run pg-build bench-pg
.DELETE_ON_ERROR:

all: dorn dorn-pdf.so

dorn: build/obj/src/main.o build/libdorn.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS) $(LDFLAGS)

# The PDF engine: position-independent, everything hidden but the table
# dorn looks up, and no symbol left for dorn to provide (-z defs).
build/pic/%.o: %.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(PDF_CFLAGS) -fPIC -fvisibility=hidden -DDORN_PDF_PLUGIN -c -o $@ $<

dorn-pdf.so: $(PDF_PIC:%.c=build/pic/%.o)
	$(CC) $(ALL_CFLAGS) -shared -Wl,-z,defs -o $@ $^ $(PDF_LIBS) -lm $(LDFLAGS)

# The data folder is compiled in; a different PREFIX or DATADIR must rebuild
# the one file that uses it, or an installed dorn would look in the wrong place.
# The stamp is rewritten (when make reads this file) only if the value changed.
DATADIR_STAMP := $(shell mkdir -p build && (echo '$(DATADIR) $(SHAREDDIR) $(LIBDIR)' | cmp -s - \
	build/datadir.stamp || echo '$(DATADIR) $(SHAREDDIR) $(LIBDIR)' >build/datadir.stamp))
build/obj/src/config/config.o build/san/src/config/config.o: build/datadir.stamp
build/obj/src/app/shared.o build/san/src/app/shared.o: build/datadir.stamp
build/obj/src/export/pdf_load.o build/san/src/export/pdf_load.o: build/datadir.stamp

build/gen/pg_sql.c: $(PG_SQL) scripts/embed-sql.sh
	@mkdir -p $(@D)
	sh scripts/embed-sql.sh $(PG_SQL) >$@

build/libdorn.a: $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && $(AR) rcs $@ $^

build/obj/%.o: %.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/san/%.o: %.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(DEFS) -Iinclude $(PKG_CFLAGS) $(SAN_FLAGS) -c -o $@ $<

build/san/libdorn.a: $(SAN_OBJ)
	rm -f $@ && $(AR) rcs $@ $^

build/tests/%: tests/unit/%.c tests/unit/testutil.h tests/unit/apputil.h build/libdorn.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< build/libdorn.a $(LIBS) $(UNIT_LIBS)

build/san-tests/%: tests/unit/%.c tests/unit/testutil.h tests/unit/apputil.h build/san/libdorn.a
	@mkdir -p $(@D)
	$(CC) $(WARN) $(DEFS) -Iinclude -Itests/unit $(PKG_CFLAGS) $(SAN_FLAGS) -o $@ $< \
		build/san/libdorn.a $(LIBS) $(UNIT_LIBS)

build/tests/e2e_%: tests/e2e/%.c tests/e2e/harness.c tests/e2e/harness.h tests/e2e/fx_export.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/e2e -o $@ $< tests/e2e/harness.c $(E2E_LIBS) $(TEST_LIBS)

# ---- the two commands of the README ----

deps:
	@sh scripts/deps.sh

# make bench also needs the sqlite3 shell; nothing else does.
deps-bench:
	@sh scripts/deps.sh bench

run: deps
	@$(MAKE) --no-print-directory all
	@DORN_DATADIR="$(CURDIR)/data" ./dorn init --quiet
	@DORN_DATADIR="$(CURDIR)/data" ./dorn

# A separate database, never the default one, loaded with the worked
# examples. The date is pinned so that the examples' urgency shows.
DEMO_DB = build/demo/dorn.db
demo: deps
	@$(MAKE) --no-print-directory all
	@rm -rf build/demo && mkdir -p build/demo && chmod 700 build/demo
	@$(DEMO_ENV) ./dorn --db $(DEMO_DB) init --quiet --name "Demo Supervisor"
	@$(DEMO_ENV) ./dorn --db $(DEMO_DB) import data/examples/*.ini
	@echo "Demo database: $(DEMO_DB) (today is pinned to $(DEMO_TODAY))"
	@$(DEMO_ENV) DORN_TODAY=$(DEMO_TODAY) ./dorn --db $(DEMO_DB)

DEMO_TODAY = 2026-11-28
# The demo's audit key (and configuration) stay in build/demo with its
# database, rather than one more key in your ~/.config/dorn/keys each run.
DEMO_ENV = XDG_CONFIG_HOME=$(CURDIR)/build/demo/config

check: deps
	@$(MAKE) --no-print-directory all layering unit unit-san cli-tests e2e shared-test lint-man \
		bench-tools fuzz-smoke-check crash-test pg-run
	@echo "make check: all passed"

# ---- tests ----

export DORN_DATADIR = $(CURDIR)/data
# The tests' programs are not beside it: they load the engine from here.
export DORN_PDFLIB = $(CURDIR)/dorn-pdf.so

unit: $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

unit-san: $(UNIT_SAN)
	@echo "== unit tests under AddressSanitizer and UndefinedBehaviorSanitizer =="
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		sh tests/run-unit.sh $(UNIT_SAN)

build/tests/jsoncheck: tests/tools/jsoncheck.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS)

build/tests/csvcheck: tests/tools/csvcheck.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $<

build/tests/sqlexec: tests/tools/sqlexec.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS)

# A strict RFC 5545 checker; its core, tests/tools/icscheck.h, is also
# included by tests/unit/test_ics.c.
build/tests/icscheck: tests/tools/icscheck.c tests/tools/icscheck.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $<

# test_ics also runs the command.
build/tests/test_ics build/san-tests/test_ics: tests/tools/icscheck.h build/tests/icscheck

cli-tests: dorn build/tests/jsoncheck build/tests/sqlexec build/tests/icscheck build/tests/csvcheck
	@sh tests/cli/run.sh ./dorn

# SIGKILLs during import, submit, review and export; CRASH_SEED=N replays.
crash-test: dorn build/tests/jsoncheck build/tests/sqlexec
	@sh tests/crash/run.sh ./dorn

# tests/e2e/golden holds whole screens; after an intended change to one,
# DORN_UPDATE_GOLDEN=1 make e2e rewrites them (read the diff before
# committing). Never set it in CI.
e2e: dorn $(E2E_BIN)
	@sh tests/run-unit.sh $(E2E_BIN)

# The PostgreSQL part (tests/pg/run.sh): one throwaway PostgreSQL cluster
# (tests/pg/cluster.sh) for the store's unit tests, the command-line
# journeys and the review and export journeys of the terminal, run against
# a server; tests/pg/t_*.sh, which may start their own. One summary line;
# where the server cannot run (not root, so not installed) one line saying
# it was skipped. make pg-tests alone first makes sure of the packages.
PG_TEST_BIN = build/tests/test_store_pg build/san-tests/test_store_pg $(E2E_BIN)

pg-tests: deps
	@$(MAKE) --no-print-directory pg-run

pg-build: dorn dorn-pdf.so build/tests/jsoncheck build/tests/sqlexec build/tests/icscheck \
	build/tests/csvcheck $(PG_TEST_BIN)
	@:

pg-run: pg-build
	@sh tests/pg/run.sh

# tests/shared: real Unix users and a setgid dorn (dorn-shared(7)); as root,
# else it says it was skipped.
shared-test: dorn build/tests/sqlexec
	@sh tests/shared/run.sh

layering:
	@sh tests/layering.sh && sh tests/layering.sh --self-test

lint-man:
	@mandoc -Tlint -Wwarning man/*.[0-9] && echo "man pages: mandoc -Tlint -Wwarning clean"

build/bench/gen: bench/gen.c bench/fakecase.h build/libdorn.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< build/libdorn.a $(LIBS)

build/bench/measure: bench/measure.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $<

build/bench/notes: bench/notes.c build/libdorn.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< build/libdorn.a $(LIBS)

build/bench/firstscreen: bench/firstscreen.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< -lutil

build/bench/keys: bench/keys.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< -lutil

build/bench/listsql: bench/listsql.c build/libdorn.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< build/libdorn.a $(LIBS)

# Loaded into dorn (LD_PRELOAD) only to record the SQL it runs; see the file.
build/bench/sqltrace.so: bench/sqltrace.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC -shared -o $@ $< $(call pc_libs,sqlite3,-lsqlite3) -ldl

build/bench/pgload: bench/pgload.c bench/fakecase.h build/libdorn.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< build/libdorn.a $(LIBS)

BENCH_BIN = build/bench/gen build/bench/measure build/bench/notes build/bench/firstscreen \
	    build/bench/keys build/bench/listsql build/bench/sqltrace.so build/bench/pgload

# Timings are printed, never asserted; nothing here runs in make check.
# DORN_BENCH_SIZES="1000 10000" limits the sizes (see README.md).
bench: deps-bench
	@$(MAKE) --no-print-directory bench-build
	@sh bench/run.sh

bench-build: dorn $(BENCH_BIN)
	@:

# The load figure (bench/pg.sh): 50 clients against a throwaway PostgreSQL
# cluster for a bounded time, a realistic mix of saves, list pages,
# searches and submit+approve pairs, flat out and at a person's pace,
# beside the same mix on SQLite with 8 processes on one host: throughput,
# p50 and p99 per kind. Needs the server (as root, make deps installs it).
# DORN_BENCH_PG_SECONDS (30), DORN_BENCH_PG_CASES (2000),
# DORN_BENCH_PG_CLIENTS (50) and DORN_BENCH_PG_THINK_MS (1000) change it.
bench-pg: deps
	@$(MAKE) --no-print-directory dorn build/bench/pgload
	@sh bench/pg.sh

# make check builds the benchmark's tools (without running them), so a
# change to a header they use cannot leave make bench broken.
bench-tools: $(BENCH_BIN)
	@echo "bench tools: built"

# ---- display width ----

# dorn counts columns as the C library's wcwidth() does, from a committed
# table; rebuild it after a C library upgrade (tests/unit/test_width.c
# fails when the two disagree). Not part of the normal build.
build/tools/gen-width: scripts/gen-width.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(DEFS) $(CFLAGS) -o $@ $<

width-table: build/tools/gen-width
	build/tools/gen-width >src/core/width_table.h.new
	mv src/core/width_table.h.new src/core/width_table.h

# ---- install ----

install: dorn dorn-pdf.so
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 0755 dorn $(DESTDIR)$(BINDIR)/dorn
	install -d $(DESTDIR)$(LIBDIR)/dorn
	install -m 0644 dorn-pdf.so $(DESTDIR)$(LIBDIR)/dorn/dorn-pdf.so
	cd data && find . -type d -exec install -d "$(DESTDIR)$(DATADIR)/{}" \;
	cd data && find . -type f -exec install -m 0644 "{}" "$(DESTDIR)$(DATADIR)/{}" \;
	for m in man/*.1; do install -m 0644 $$m $(DESTDIR)$(MANDIR)/man1/; done
	for m in man/*.5; do install -m 0644 $$m $(DESTDIR)$(MANDIR)/man5/; done
	install -d $(DESTDIR)$(MANDIR)/man7
	for m in man/*.7; do install -m 0644 $$m $(DESTDIR)$(MANDIR)/man7/; done

# A unit on one host (dorn-shared(7)): dorn setgid to GROUP (made here,
# as a system group, when it does not exist), so it alone can open the
# unit's database. Then, as root: dorn init --shared --supervisor LOGIN --name NAME
install-shared: install
	getent group $(GROUP) >/dev/null || groupadd --system $(GROUP)
	chgrp $(GROUP) $(DESTDIR)$(BINDIR)/dorn
	chmod 2755 $(DESTDIR)$(BINDIR)/dorn

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/dorn
	rm -rf $(DESTDIR)$(LIBDIR)/dorn
	rm -rf $(DESTDIR)$(DATADIR)
	for m in man/*.1; do rm -f $(DESTDIR)$(MANDIR)/man1/$${m#man/}; done
	for m in man/*.5; do rm -f $(DESTDIR)$(MANDIR)/man5/$${m#man/}; done
	for m in man/*.7; do rm -f $(DESTDIR)$(MANDIR)/man7/$${m#man/}; done

clean:
	rm -rf build dorn dorn-pdf.so

# ---- fuzzing (make fuzz) -------------------------------------------------
# libFuzzer harnesses for what dorn reads from outside, in tests/fuzz/:
# case files (casefile), dorn.ini (config), SHA256SUMS (sums), templates
# (tmpl), URNs and dates (urn), bank holidays and iCalendar text (days).
# They are built with clang in their own tree,
# build/fuzz/, with AddressSanitizer and UndefinedBehaviorSanitizer; the
# normal build is untouched. `make fuzz` runs each for FUZZ_SECONDS (60) on
# a copy of its seed corpus (tests/fuzz/corpus/NAME/ is never grown), two at
# a time with FUZZ_JOBS=2, and prints one line per target: executions, per
# second, crashes. It fails when any target crashed, leaked or timed out
# (an input running over FUZZ_TIMEOUT seconds), keeping the input under
# build/fuzz/crashes/NAME/. `make fuzz-smoke` only runs each seed once;
# make check does that too when clang is there (fuzz-smoke-check below).
# make fuzz is not part of make check: it needs clang and minutes.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_JOBS    ?= 1
FUZZ_TIMEOUT ?= 10
FUZZ_TARGETS  = casefile config sums tmpl urn days
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS   = $(WARN) $(DEFS) -Iinclude $(PKG_CFLAGS) -O1 -g -fno-omit-frame-pointer $(FUZZ_SAN)
# The rooms below the faces: nothing fuzzed reaches ui or cli (tests/layering.sh).
FUZZ_ROOMS    = core store export config app
# store/ keeps its engines one folder down (sqlite/, pg/), and pg/ its
# schema in the generated pg_sql.c.
FUZZ_OBJ      = $(foreach r,$(FUZZ_ROOMS),$(patsubst %.c,build/fuzz/obj/%.o,$(filter-out $(PDF_SRC),$(wildcard src/$(r)/*.c src/$(r)/*/*.c)))) \
		build/fuzz/obj/build/gen/pg_sql.o
FUZZ_BIN      = $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)

.PHONY: fuzz fuzz-build fuzz-smoke fuzz-smoke-check deps-fuzz

build/fuzz/obj/%.o: %.c $(HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

build/fuzz/obj/src/config/config.o: build/datadir.stamp

build/fuzz/libdorn.a: $(FUZZ_OBJ)
	rm -f $@ && $(AR) rcs $@ $^

build/fuzz/fuzz_days: tests/tools/icscheck.h

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h build/fuzz/libdorn.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -DFUZZ_DATADIR='"$(CURDIR)/data"' \
		-o $@ $< build/fuzz/libdorn.a $(LIBS)

deps-fuzz:
	@sh scripts/deps.sh fuzz

fuzz-build: $(FUZZ_BIN)
	@:

fuzz: deps-fuzz
	@$(MAKE) --no-print-directory fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$(FUZZ_JOBS) FUZZ_TIMEOUT=$(FUZZ_TIMEOUT) \
		sh tests/fuzz/run.sh $(FUZZ_TARGETS)

fuzz-smoke: deps-fuzz
	@$(MAKE) --no-print-directory fuzz-build
	@FUZZ_TIMEOUT=$(FUZZ_TIMEOUT) sh tests/fuzz/run.sh --smoke $(FUZZ_TARGETS)

# make check builds the harnesses and runs each seed once (about 20 s from
# clean), so a change to a reader cannot leave make fuzz broken. Its set-up
# does not install clang: where clang or libFuzzer is missing this says so
# and passes.
fuzz-smoke-check:
	@mkdir -p build/fuzz
	@printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)\n{ (void)d; (void)n; return 0; }\n' \
		>build/fuzz/probe.c
	@if $(FUZZ_CC) -fsanitize=fuzzer -o build/fuzz/probe build/fuzz/probe.c >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory fuzz-build && \
		FUZZ_TIMEOUT=$(FUZZ_TIMEOUT) sh tests/fuzz/run.sh --smoke $(FUZZ_TARGETS); \
	else \
		echo "fuzz-smoke: skipped: no $(FUZZ_CC) with libFuzzer (sh scripts/deps.sh fuzz installs it)"; \
	fi
# ---- end of fuzzing ------------------------------------------------------
