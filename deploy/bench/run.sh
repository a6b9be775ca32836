#!/usr/bin/env bash
# Builds the bus benchmark and its gRPC peer (release) and runs every case in one sequence:
# raw libzmq REQ/REP, the bus through the broker (sync, 64 in flight with 1 and 2 workers)
# and gRPC unary (sync, 64 in flight), for 100 B and 10 KiB payloads. Prints one Markdown
# table and the targets' verdicts (deploy/BENCHMARKS.md). Extra arguments go to
# `bus-benchmark run` (see `bus-benchmark run --help`).
#
# Run it on a quiet machine: the figures of a 2-core box move with every other build.
# BENCH_SKIP_BUILD=1 measures the binaries already built (.build-bench/release and
# deploy/bench-grpc/.build/release) without building first.
set -euo pipefail
cd "$(dirname "$0")/../.."

scratch=.build-bench
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    echo "bench: building bus-benchmark and broker (release, $scratch)" >&2
    swift build -c release --scratch-path "$scratch" --product bus-benchmark >&2
    swift build -c release --scratch-path "$scratch" --product broker >&2
    echo "bench: building grpc-echo-bench (release, deploy/bench-grpc/.build)" >&2
    swift build -c release --package-path deploy/bench-grpc >&2
fi
bin=$scratch/release
grpc_bin=deploy/bench-grpc/.build/release

echo "bench: $(nproc) cores, load average now: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$bin/bus-benchmark" run \
    --broker-executable "$bin/broker" \
    --grpc-bench "$grpc_bin/grpc-echo-bench" \
    "$@"
echo "bench: load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
