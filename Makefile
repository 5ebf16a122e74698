# The two entry points of README: `make demo` and `make check`. Both install any missing
# Debian package first, then configure and build with CMake.
BUILD    ?= build
TYPE     ?= RelWithDebInfo
WERROR   ?= OFF
SANITIZE ?= OFF
JOBS     ?= $(shell nproc)
FWAUDIT  := $(BUILD)/cli/fwaudit

.PHONY: all deps configure build check demo format clean

all: build

deps:
	@tools/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(TYPE) -DFWAUDIT_WERROR=$(WERROR) \
	  -DFWAUDIT_SANITIZE=$(SANITIZE) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

check: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

demo: build
	@tools/demo.sh $(FWAUDIT)

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD)
