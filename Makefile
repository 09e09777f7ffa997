# xovn - eBPF logical switching with OVN's model.
#
#   make            build BPF objects, skeletons, xovnd, xovnctl
#   make test       install deps (Debian), build, run every test suite
#   make demo       install deps, build, run the multi-chassis namespace demo
#   make install    PREFIX=/usr/local DESTDIR=
#   make deps       idempotent apt-get install of what the build needs

PREFIX   ?= /usr/local
DESTDIR  ?=
CC       ?= gcc
CLANG    ?= clang
BPFTOOL  ?= bpftool
ARCH_INC ?= /usr/include/$(shell uname -m)-linux-gnu

BUILD    := build
CFLAGS   ?= -O2 -g
CFLAGS   += -Wall -Wextra -Werror=implicit-function-declaration -std=gnu11 \
            -Iinclude -Ilib -I$(BUILD)
# Every object records the headers it includes (build/**/*.d), so a change
# to one header rebuilds exactly the objects that read it.
DEPFLAGS := -MMD -MP
LDLIBS_BPF := -lbpf -lelf -lz
LDLIBS_JSON := -ljansson

ifeq ($(SANITIZE),1)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
endif

BPF_CFLAGS := -target bpf -O2 -g -Wall -Wno-unused-function -D__BPF__ \
              -Iinclude -Ibpf -I$(ARCH_INC)

BPF_SRCS  := $(wildcard bpf/*.bpf.c)
BPF_OBJS  := $(patsubst bpf/%.bpf.c,$(BUILD)/%.bpf.o,$(BPF_SRCS))
BPF_SKELS := $(patsubst bpf/%.bpf.c,$(BUILD)/%.skel.h,$(BPF_SRCS))

LIB_SRCS  := $(wildcard lib/*/*.c lib/*/*/*.c)
LIB_OBJS  := $(patsubst %.c,$(BUILD)/%.o,$(LIB_SRCS))
LIB_A     := $(BUILD)/libxovn.a

CTL_SRCS  := $(wildcard ctl/*.c)
CTL_OBJS  := $(patsubst %.c,$(BUILD)/%.o,$(CTL_SRCS))
LOADER_SRCS := $(wildcard loader/*.c)
LOADER_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(LOADER_SRCS))

UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(UNIT_SRCS))
PKT_SRCS  := $(wildcard tests/bpf/*.c)
PKT_OBJS  := $(patsubst %.c,$(BUILD)/%.o,$(PKT_SRCS))

BINS := $(BUILD)/xovnd $(BUILD)/xovnctl

.PHONY: all test test-unit test-bpf test-e2e demo install man clean deps check-schema bench
.SECONDARY:

all: $(BPF_OBJS) $(BPF_SKELS) $(BINS)

# ---- BPF ------------------------------------------------------------------

$(BUILD)/%.bpf.o: bpf/%.bpf.c | $(BUILD)
	$(CLANG) $(BPF_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(BUILD)/%.skel.h: $(BUILD)/%.bpf.o
	$(BPFTOOL) gen skeleton $< name $(subst -,_,$*) > $@

# ---- userspace --------------------------------------------------------------

$(BUILD):
	mkdir -p $(BUILD)

# The skeletons are generated headers: order-only, so every object waits for
# them on a clean build, and the .d files take over afterwards.
$(BUILD)/%.o: %.c | $(BPF_SKELS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(DEPFLAGS) -c $< -o $@

$(LIB_A): $(LIB_OBJS)
	ar rcs $@ $^

$(BUILD)/xovnctl: $(CTL_OBJS) $(LIB_A)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS_BPF) $(LDLIBS_JSON)

$(BUILD)/xovnd: $(LOADER_OBJS) $(LIB_A)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS_BPF) $(LDLIBS_JSON)

# ---- tests ------------------------------------------------------------------

$(BUILD)/test_unit: $(UNIT_OBJS) $(LIB_A)
	$(CC) $(LDFLAGS) -o $@ $^ -lcriterion $(LDLIBS_BPF) $(LDLIBS_JSON)

# Loader pieces the packet tests drive against real interfaces.
PKT_LOADER_OBJS := $(BUILD)/loader/neigh.o $(BUILD)/loader/rtnl.o $(BUILD)/loader/reconcile.o \
                   $(BUILD)/loader/map_dump.o $(BUILD)/loader/log.o $(BUILD)/loader/garp.o \
                   $(BUILD)/loader/remote_hops.o

$(BUILD)/test_bpf: $(PKT_OBJS) $(PKT_LOADER_OBJS) $(LIB_A)
	$(CC) $(LDFLAGS) -o $@ $^ -lcriterion $(LDLIBS_BPF) $(LDLIBS_JSON)

# The test binaries build on both cores even under a plain `make test`.
test: deps
	$(MAKE) -j2 all $(BUILD)/test_unit $(BUILD)/test_bpf
	tests/run-all.sh

test-unit: all $(BUILD)/test_unit
	XOVN_SRC=$(CURDIR) $(BUILD)/test_unit

test-bpf: all $(BUILD)/test_bpf
	XOVN_SRC=$(CURDIR) $(BUILD)/test_bpf

test-e2e: all
	tests/e2e/run.sh

# Userspace and the unit tests under ASan + UBSan, in their own tree
# (tests/sanitize.sh runs them).  The BPF object and skeleton are the same
# as the main build's: copied with their times, not compiled again.
.PHONY: asan-bins
asan-bins: $(BPF_OBJS) $(BPF_SKELS)
	@mkdir -p $(BUILD)/asan
	cp -p $(BPF_OBJS) $(BPF_SKELS) $(BUILD)/asan/
	$(MAKE) BUILD=$(BUILD)/asan SANITIZE=1 $(BUILD)/asan/test_unit $(BUILD)/asan/xovnctl

check-schema:
	tests/check-schema.sh

demo: deps all
	demo/run.sh

bench: deps all
	bench/run.sh

# ---- install ----------------------------------------------------------------

# Man pages are generated from the binaries' --help (every verb and flag) plus
# the hand-written sections in docs/man/*.h2m (Debian package help2man).
# (not "0" as a fallback: help2man takes that for no version at all)
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo snapshot)
MANS := $(BUILD)/man/xovnd.8 $(BUILD)/man/xovnctl.8

$(BUILD)/man/%.8: $(BUILD)/% docs/man/%.h2m
	@mkdir -p $(dir $@)
	help2man --no-info --section=8 --version-string=$(VERSION) \
		--include=docs/man/$*.h2m --output=$@ ./$(BUILD)/$*

man: $(MANS)

install: all $(MANS)
	install -D -m 0755 $(BUILD)/xovnd $(DESTDIR)$(PREFIX)/sbin/xovnd
	install -D -m 0755 $(BUILD)/xovnctl $(DESTDIR)$(PREFIX)/bin/xovnctl
	ln -sfn xovnctl $(DESTDIR)$(PREFIX)/bin/xovn-nbctl
	install -D -m 0644 schemas/nb.schema.json $(DESTDIR)$(PREFIX)/share/xovn/nb.schema.json
	install -D -m 0644 $(BUILD)/xovn.bpf.o $(DESTDIR)$(PREFIX)/share/xovn/xovn.bpf.o
	install -D -m 0644 $(BUILD)/man/xovnd.8 $(DESTDIR)$(PREFIX)/share/man/man8/xovnd.8
	install -D -m 0644 $(BUILD)/man/xovnctl.8 $(DESTDIR)$(PREFIX)/share/man/man8/xovnctl.8
	install -d $(DESTDIR)$(PREFIX)/lib/systemd/system
	sed 's|@SBINDIR@|$(PREFIX)/sbin|g' dist/xovnd@.service \
		>$(DESTDIR)$(PREFIX)/lib/systemd/system/xovnd@.service
	chmod 0644 $(DESTDIR)$(PREFIX)/lib/systemd/system/xovnd@.service

deps:
	@scripts/deps.sh

clean:
	rm -rf $(BUILD)

# ---- fuzzing (libFuzzer + ASan + UBSan) ------------------------------------

FUZZ_SECONDS ?= 30
FUZZ_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS  := -g -O1 $(FUZZ_SANITIZE) -Iinclude -Ilib -Ictl -I$(BUILD)
FUZZ_SRCS    := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS    := $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(FUZZ_SRCS))

# The library is instrumented once (coverage + sanitizers) and every target
# links the same archive; -fsanitize=fuzzer (libFuzzer's main) only at link.
FUZZ_OBJ_DIR  := $(BUILD)/fuzz/obj
FUZZ_LIB_A    := $(BUILD)/fuzz/libxovn.a
FUZZ_LIB_OBJS := $(patsubst %.c,$(FUZZ_OBJ_DIR)/%.o,$(LIB_SRCS))

$(FUZZ_OBJ_DIR)/%.o: %.c | $(BPF_SKELS)
	@mkdir -p $(dir $@)
	$(CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(DEPFLAGS) -c $< -o $@

$(FUZZ_LIB_A): $(FUZZ_LIB_OBJS)
	ar rcs $@ $^

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB_A)
	$(CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB_A) $(LDLIBS_BPF) $(LDLIBS_JSON)

# The command-line fuzzer drives xovnctl itself: every ctl source but main().
FUZZ_CTL_SRCS := $(filter-out ctl/main.c,$(CTL_SRCS))
FUZZ_CTL_OBJS := $(patsubst %.c,$(FUZZ_OBJ_DIR)/%.o,$(FUZZ_CTL_SRCS))

$(BUILD)/fuzz/fuzz_cli: tests/fuzz/fuzz_cli.c $(FUZZ_CTL_OBJS) $(FUZZ_LIB_A)
	$(CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_CTL_OBJS) $(FUZZ_LIB_A) \
		$(LDLIBS_BPF) $(LDLIBS_JSON)

.PHONY: fuzz fuzz-bins
fuzz-bins: $(FUZZ_BINS)

fuzz: fuzz-bins
	BUILD=$(BUILD) tests/fuzz/run.sh $(FUZZ_SECONDS)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
