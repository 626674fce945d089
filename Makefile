# MirrorSweep: `make demo` and `make test` are all a fresh machine needs.
SWIFT ?= swift
BUILD_FLAGS ?=
RELEASE_FLAGS = -c release -Xswiftc -Ounchecked
FUZZ_SECONDS ?= 60

.PHONY: deps build release demo test bench fuzz clean

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

demo: release
	@scripts/demo

test:
	@scripts/install-deps --test
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) test --skip-build $(BUILD_FLAGS)

bench: release
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(SWIFT) run $(RELEASE_FLAGS) --skip-build mirrorsweep-bench
	OPENBLAS_NUM_THREADS=1 Benchmarks/coordinator.sh "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/mirrorsweep" sweeps/noop.yaml 3

fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz

clean:
	rm -rf .build
