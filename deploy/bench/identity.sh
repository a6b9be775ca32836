#!/usr/bin/env bash
# Builds bus-benchmark, broker and identity-verifier (release) and measures
# identity.verifyApplicant through the bus: the embedded registry with one instance, and an
# upstream registry answering after 50 ms with one and two instances (deploy/BENCHMARKS.md).
# Extra arguments go to `bus-benchmark identity` (see its --help).
#
# Run it on a quiet machine. BENCH_SKIP_BUILD=1 measures the binaries already built in
# .build-bench/release.
set -euo pipefail
cd "$(dirname "$0")/../.."

scratch=.build-bench
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    for product in bus-benchmark broker identity-verifier; do
        echo "bench: building $product (release, $scratch)" >&2
        swift build -c release --scratch-path "$scratch" --product "$product" >&2
    done
fi
bin=$scratch/release
echo "bench: $(nproc) cores, load average now: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$bin/bus-benchmark" identity \
    --broker-executable "$bin/broker" \
    --identity-executable "$bin/identity-verifier" \
    "$@"
echo "bench: load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
