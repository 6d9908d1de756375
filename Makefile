# The README's two quick-start commands, and a few more.
#   make site   install missing Debian packages, build, generate the example site into public/
#   make test   build and run every test, the sanitizer build included
SHELL := /bin/bash
JOBS ?= $(shell nproc)
PACKAGES := cmake g++ make pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-cpp-dev \
  libgit2-dev libisal-dev libssl-dev libcli11-dev nlohmann-json3-dev libicu-dev libcpp-httplib-dev \
  libvips-dev libfmt-dev libxxhash-dev libgoogle-perftools-dev libgtest-dev libgmock-dev googletest \
  clang-14 libclang-rt-14-dev fonts-dejavu-core

.PHONY: site test deps build build-tool build-asan build-fuzz fuzz golden bench bench-git format clean browser-deps

deps:
	@missing=$$(for p in $(PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "missing Debian packages; run as root:"; \
	    echo "  apt-get install -y --no-install-recommends $$missing"; exit 2; \
	  fi; \
	fi

build: deps
	@cmake --preset release >/dev/null
	@cmake --build build/release -j$(JOBS)

# Only the command-line tool (what `make site` needs), not the tests.
build-tool: deps
	@cmake --preset release >/dev/null
	@cmake --build build/release -j$(JOBS) --target vinhdanh

build-asan: deps
	@cmake --preset asan-ubsan >/dev/null
	@cmake --build build/asan-ubsan -j$(JOBS)

site: build-tool
	./build/release/vinhdanh build --source . --out public
	@echo "open $(CURDIR)/public/index.html"

test: build build-asan
	bash tests/browser/setup.sh
	cd build/release && ctest --output-on-failure -j$(JOBS)
	cd build/asan-ubsan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j$(JOBS)

# libFuzzer targets (clang-14, ASan+UBSan): front matter + YAML, Markdown, a whole-site build,
# a CSV nomination list import.
# Each runs FUZZ_SECONDS (default 60) from tests/fuzz/corpus/<target>/; see tests/fuzz/run.sh.
FUZZ_SECONDS ?= 60
build-fuzz: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build build/fuzz -j$(JOBS) --target fuzz_front_matter fuzz_markdown fuzz_site fuzz_import

fuzz: build-fuzz
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash tests/fuzz/run.sh

# Rewrites tests/golden/*/expected from the current generator (refused on CI).
# chromium (apt, as root) and playwright-core (npm ci in tests/browser/) for the browser tests.
browser-deps:
	bash tests/browser/setup.sh

golden: build
	@if [ -n "$$CI" ]; then echo "refusing to refresh golden files on CI"; exit 2; fi
	VD_UPDATE_GOLDEN=1 ./build/release/vinhdanh_tests --gtest_filter='Sites/Golden*:Corpus/*'

bench: build
	@command -v hugo >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq hugo; }
	bash bench/run.sh
	bash bench/git_bench.sh

# Only the git side (history dates, publish): bench/git_bench.sh.
bench-git: build-tool
	bash bench/git_bench.sh

format:
	clang-format -i $$(git ls-files 'generator/*.cc' 'generator/*.h' 'tests/*.cc')

clean:
	rm -rf build public public.staging public.old
