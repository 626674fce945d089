# MirrorSweep: `make demo` and `make test` are all a fresh machine needs.
SWIFT ?= swift
BUILD_FLAGS ?=
RELEASE_FLAGS = -c release -Xswiftc -Ounchecked
FUZZ_SECONDS ?= 60

.PHONY: deps build release demo test bench chaos fuzz clean

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

demo: release
	@scripts/demo

# A hung test must not hold CI until its own limit: after TEST_MINUTES the suite and every
# process it started are stopped and the run fails, saying so. The suite takes about 11 minutes here (14 with torch installed, for the PyTorch example).
# The Slurm tests start a local cluster (scripts/slurm-local); when it was not up before the
# suite, it is stopped after it, so no daemon a test started outlives `make test`.
TEST_MINUTES ?= 45
test:
	@scripts/install-deps --test
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	@up=$$(scripts/slurm-local status >/dev/null 2>&1 && echo yes || true); \
	  scripts/time-limit $(TEST_MINUTES) scripts/test-suite $(SWIFT) $(BUILD_FLAGS); status=$$?; \
	  if [ -z "$$up" ]; then scripts/slurm-local stop >/dev/null 2>&1 || true; fi; \
	  exit $$status

bench: release
	@scripts/install-deps --bench
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(SWIFT) run $(RELEASE_FLAGS) --skip-build mirrorsweep-bench
	$(SWIFT) run $(RELEASE_FLAGS) --skip-build mirrorsweep-codec-bench
	OPENBLAS_NUM_THREADS=1 Benchmarks/coordinator.sh "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/mirrorsweep" sweeps/noop.yaml 3
	Benchmarks/commands.sh "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/mirrorsweep" 3
	Benchmarks/dashboard.sh "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/mirrorsweep" Benchmarks/specs/noop-200k.yaml 3
	bin="$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)" && Benchmarks/side_by_side.py --bin-dir "$$bin" \
		&& "$$bin/mirrorsweep-swarm" --mirrorsweep "$$bin/mirrorsweep" \
		&& Benchmarks/scale.sh "$$bin" sweeps/million.yaml 3

# Chaos with real processes for longer: CHAOS_ROUNDS rounds of faults (seeds from
# MIRRORSWEEP_CHAOS_SEED on) and the network partition test; prints the figures.
CHAOS_ROUNDS ?= 10
chaos:
	@scripts/install-deps --test
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	@( MIRRORSWEEP_CHAOS_ROUNDS=$(CHAOS_ROUNDS) $(SWIFT) test --skip-build $(BUILD_FLAGS) \
	  --filter 'ChaosTests|NetworkPartitionTests' 2>&1; echo "exit $$?" ) | tee .build/chaos.log
	@grep -E '^(chaos|partition):' .build/chaos.log
	@grep -q '^exit 0$$' .build/chaos.log

fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz

clean:
	rm -rf .build
