# logtool: build, test, demo and benchmark.
#
#   make            build build/logtool
#   make deps       install the missing Debian packages (apt-get, via sudo
#                   when not root)
#   make demo       generate a sample Aura log folder and run the main job
#   make check      unit and CLI tests, then the same again under ASan+UBSan
#   make check-long the long kill, writer and valgrind tests
#   make bench      benchmarks against named peers (docs/BENCHMARKS.md)
#   make install    copy logtool and its man pages under PREFIX
#                   (default /usr/local; DESTDIR for staging)
#
# Layout: logtool/core/*.c is the core library (liblogtool.a), which never
# prints or exits; logtool/*.c is the command layer (main, the command
# table, error output, `cat`); rotate/, index/ and analyze/ hold the other
# commands. Every source file in those folders is built, so adding a file
# needs no change here.

BUILD    ?= build
CC       ?= cc
PREFIX   ?= /usr/local
PKGS      = zlib libpcre2-8 sqlite3 libarchive jansson libzstd libxxhash \
	    libcrypto
TESTPKGS  = cmocka

# Debian package for each pkg-config name above, in the same order.
DEBS      = zlib1g-dev libpcre2-dev libsqlite3-dev libarchive-dev \
	    libjansson-dev libzstd-dev libxxhash-dev libssl-dev \
	    libcmocka-dev pkg-config
# Programs that tests run (chromium renders the HTML report in a test).
TOOLDEBS  = logrotate sqlite3 valgrind gzip zstd tar mawk chromium
# Peers that only the benchmarks run.
BENCHDEBS = lnav hyperfine time

OPT      ?= -O2
CFLAGS   ?= $(OPT) -g
WARN      = -std=c11 -Wall -Wextra -Werror -Wshadow -Wvla
PKGCFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKGLIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
TESTLIBS  = $(shell pkg-config --libs $(TESTPKGS) 2>/dev/null)
VERSION   = 0.1.0
CPPFLAGS += -D_GNU_SOURCE -DLOGTOOL_VERSION='"$(VERSION)"' \
	    -Ilogtool -Ilogtool/core -I.
ALLCFLAGS = $(WARN) $(CPPFLAGS) $(PKGCFLAGS) $(CFLAGS) $(SANFLAGS)
LDLIBS   += $(PKGLIBS) -lm

CORE_SRC  = $(sort $(wildcard logtool/core/*.c))
CMD_SRC   = $(filter-out logtool/main.c,$(sort $(wildcard logtool/*.c))) \
	    $(sort $(wildcard rotate/*.c index/*.c analyze/*.c))
UNIT_SRC  = $(sort $(wildcard tests/unit/test_*.c))
GEN_SRC   = $(sort $(wildcard tests/gen/*.c))

CORE_OBJ  = $(CORE_SRC:%.c=$(BUILD)/obj/%.o)
CMD_OBJ   = $(CMD_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_BIN  = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps demo check check-unit check-cli check-san check-long \
	bench clean lint-width install
.DELETE_ON_ERROR:

all: $(BUILD)/logtool $(BUILD)/aura-loggen

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALLCFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/liblogtool.a: $(CORE_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/libcommands.a: $(CMD_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/logtool: $(BUILD)/obj/logtool/main.o $(BUILD)/libcommands.a \
		$(BUILD)/liblogtool.a
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/aura-loggen: $(GEN_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/liblogtool.a
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(BUILD)/libcommands.a \
		$(BUILD)/liblogtool.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $^ $(LDLIBS) $(TESTLIBS)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# deps installs only what pkg-config or PATH does not already find, so it
# is quick on a machine that has everything.
deps:
	@sh tests/install-deps.sh $(DEBS) -- $(TOOLDEBS)

demo: deps
	@$(MAKE) --no-print-directory all
	@sh tests/demo.sh $(BUILD)

check: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory check-unit check-cli
	@$(MAKE) --no-print-directory check-san

check-unit: $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

check-cli: all
	@sh tests/run-cli.sh $(BUILD)

# The whole suite again, built with AddressSanitizer and
# UndefinedBehaviorSanitizer; any report fails the run.
check-san:
	@$(MAKE) --no-print-directory BUILD=build/san OPT=-O1 \
	    SANFLAGS='-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer' \
	    all check-unit check-cli

check-long: all
	@LOGTOOL_LONG=1 sh tests/run-cli.sh $(BUILD)

bench: deps
	@sh tests/install-deps.sh $(BENCHDEBS)
	@$(MAKE) --no-print-directory all
	@sh bench/run.sh $(BUILD)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/logtool $(DESTDIR)$(PREFIX)/bin/logtool
	install -m 644 man/logtool*.1 $(DESTDIR)$(PREFIX)/share/man/man1

clean:
	rm -rf build
