# Quire: `make run` opens the demo archive, `make test` runs every test.
# Both install the Debian packages Quire needs when run as root, and otherwise print the
# apt-get line to run.

SWIFT ?= swift
APT_PACKAGES := libncurses-dev libsqlite3-dev sqlite3 libxml2-dev libcmark-gfm-dev libgumbo-dev \
                libcmark-gfm-extensions-dev zlib1g-dev libzstd-dev pkg-config tmux ripgrep groff-base \
                openssh-client
PREFIX ?= /usr/local

# Release builds link the Swift runtime into the binary: a process starts without loading and
# relocating a dozen shared libraries of the runtime and Foundation (figures in the commit that
# made it so), and the installed binary needs no Swift toolchain. The debug build that the tests
# use stays dynamic.
RELEASE_FLAGS := -c release --static-swift-stdlib

BENCH_POSTS ?= 100000
BENCH_SEED ?= 1

.PHONY: all deps build release run test bench bench-smoke bench-serve install install-files man clean

all: build

deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Quire needs these Debian packages:$$missing"; \
	    echo "Install them with:  sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build --product quire

release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product quire

run: release
	.build/release/quire

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The side-by-side benchmark (README, "Speed"): a release build on a generated corpus.
bench: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product quire
	$(SWIFT) build $(RELEASE_FLAGS) --product quire-bench
	.build/release/quire-bench run --posts $(BENCH_POSTS) --seed $(BENCH_SEED) --work bench-out

# The same benchmark on 2,000 posts with the debug build, so that CI keeps it working.
bench-smoke: deps
	$(SWIFT) build --product quire
	$(SWIFT) build --product quire-bench
	.build/debug/quire-bench run --posts 2000 --seed $(BENCH_SEED) --work bench-out

# The manual page, written from the command tree and the key table; doc/quire.1 is kept in
# the repository, and a test fails when it is not what this prints.
man: build
	.build/debug/quire generate-manual > doc/quire.1

# `quire serve` under load (doc/serve.md, "Measured"): BENCH_SERVE_SESSIONS concurrent SSH
# readers over loopback, driven by asyncssh (installed from PyPI into a venv here), on a
# generated blog of BENCH_SERVE_POSTS posts. Prints keypress-to-redraw latency, failed
# sessions, memory and CPU for each number of sessions; checks the store is unchanged.
BENCH_SERVE_SESSIONS ?= 1 50 200
BENCH_SERVE_POSTS ?= 10000
BENCH_SERVE_SECONDS ?= 40
BENCH_SERVE_VENV ?= .build-venv
bench-serve: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product quire
	$(SWIFT) build $(RELEASE_FLAGS) --product quire-bench
	test -x $(BENCH_SERVE_VENV)/bin/python || python3 -m venv $(BENCH_SERVE_VENV)
	$(BENCH_SERVE_VENV)/bin/python -c 'import asyncssh' 2>/dev/null || $(BENCH_SERVE_VENV)/bin/pip install -q asyncssh==2.24.1
	$(BENCH_SERVE_VENV)/bin/python bench/serve_bench.py --quire .build/release/quire \
	  --quire-bench .build/release/quire-bench --posts $(BENCH_SERVE_POSTS) --seed $(BENCH_SEED) \
	  --sessions "$(BENCH_SERVE_SESSIONS)" --seconds $(BENCH_SERVE_SECONDS)

# Installs the release binary (stripped), the man page, shell completions and the demo archive under
# $(PREFIX) (DESTDIR is honoured for packaging).
install: release
	$(MAKE) install-files BIN=.build/release/quire

BIN ?= .build/release/quire
install-files:
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d $(DESTDIR)$(PREFIX)/share/quire
	install -s -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/quire
	install -m 644 doc/quire.1 $(DESTDIR)$(PREFIX)/share/man/man1/quire.1
	install -d $(DESTDIR)$(PREFIX)/share/doc/quire
	install -m 644 doc/serve.md doc/quire-serve.service $(DESTDIR)$(PREFIX)/share/doc/quire/
	$(BIN) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/quire
	$(BIN) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_quire
	$(BIN) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/quire.fish
	rm -rf $(DESTDIR)$(PREFIX)/share/quire/data
	cp -R data $(DESTDIR)$(PREFIX)/share/quire/data

clean:
	rm -rf .build

# Fuzzing (doc/hardening.md): the libFuzzer targets with AddressSanitizer, one after another,
# FUZZ_SECONDS each, seeded from the fixtures and the demo archive. Corpora and any crash
# (crash-*, with the input that caused it) are kept under $(FUZZ_OUT)/<target>/.
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= FuzzPlainText FuzzHTML FuzzSearchQuery FuzzFrontMatter FuzzMarkdown
FUZZ_SCRATCH ?= .build-fuzz
FUZZ_OUT ?= $(FUZZ_SCRATCH)/fuzz-out
# Leaks are not checked (here and in ASAN_OPTIONS below): the Swift runtime and the store's worker
# threads keep allocations for the life of the process, which LeakSanitizer reports at exit.
# -rss_limit_mb catches real growth. FuzzFrontMatter and FuzzMarkdown are seeded with the Markdown
# fixtures, hostile ones among them: YAML aliases that would expand to ten million values, one in a
# mapping key, quotes and lists nested past the limit a stored post may have.
FUZZ_FLAGS ?= -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -detect_leaks=0

.PHONY: fuzz
fuzz: deps
	@for t in $(FUZZ_TARGETS); do \
	  $(SWIFT) build --scratch-path $(FUZZ_SCRATCH) -c debug --product $$t \
	    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DQUIRE_FUZZING || exit 1; \
	done
	@rm -rf $(FUZZ_OUT)/seeds && mkdir -p $(FUZZ_OUT)/seeds/FuzzPlainText $(FUZZ_OUT)/seeds/FuzzHTML \
	  $(FUZZ_OUT)/seeds/FuzzSearchQuery $(FUZZ_OUT)/seeds/FuzzFrontMatter $(FUZZ_OUT)/seeds/FuzzMarkdown
	@i=0; for f in $$(find data/posts Tests/QuireImportTests/Fixtures/text Tests/QuireCLITests/Fixtures/hostile/posts -name '*.txt'); do \
	  i=$$((i+1)); cp "$$f" $(FUZZ_OUT)/seeds/FuzzPlainText/seed-$$i; done
	@i=0; for f in $$(find Tests/QuireImportTests/Fixtures Tests/QuireCLITests/Fixtures/hostile -name '*.xml' -o -name '*.atom' -o -name '*.html'); do \
	  i=$$((i+1)); sed -e 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&amp;/\&/g' "$$f" > $(FUZZ_OUT)/seeds/FuzzHTML/seed-$$i; done
	@i=0; for f in $$(find Tests/QuireImportTests/Fixtures/markdown -type f); do \
	  i=$$((i+1)); cp "$$f" $(FUZZ_OUT)/seeds/FuzzFrontMatter/seed-$$i; done
	@i=0; for f in $$(find Tests/QuireImportTests/Fixtures/markdown -name '*.md' -o -name '*.markdown'); do \
	  i=$$((i+1)); cp "$$f" $(FUZZ_OUT)/seeds/FuzzMarkdown/seed-$$i; done
	@i=0; for q in 'missile defense' '"missile defense"' 'miss*' '-russia nmd' 'label:russia' 'tag:"arms control"' \
	  'title:missile' 'year:2007' 'title:"a phrase" -"not this"' 'U.S.-Russian' 'café naïve' '東京' 'NEAR(a b)' 'a OR b'; do \
	  i=$$((i+1)); printf '%s' "$$q" > $(FUZZ_OUT)/seeds/FuzzSearchQuery/seed-$$i; done
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_OUT)/$$t/corpus; \
	  echo "== $$t: $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=0 $(FUZZ_SCRATCH)/debug/$$t $(FUZZ_OUT)/$$t/corpus $(FUZZ_OUT)/seeds/$$t -max_total_time=$(FUZZ_SECONDS) \
	    -artifact_prefix=$(FUZZ_OUT)/$$t/ $(FUZZ_FLAGS) || exit 1; \
	done
