#!/usr/bin/env bash
# The requests benchmark of issue 6 (deploy/BENCHMARKS.md):
# 1. `requests-benchmark inbox`: the staff inbox query on 10,000 stored requests, in the
#    service (no bus, no desk);
# 2. `requests-benchmark submit`: POST /api/v1/requests through a desk started here (broker,
#    gateway and every service, `desk up` in development mode, CURVE off) on free ports with
#    its own data folder; the gateway trusts 127.0.0.1 as a proxy (MIZ_TRUSTED_PROXIES),
#    standing for a load balancer in front, so each synthetic citizen sends its own
#    X-Forwarded-For. The desk (and with it every process it started) is stopped by its PID.
#
# BENCH_SKIP_BUILD=1 measures what is already built; BENCH_BIN names the folder of the
# binaries (default .build-bench/release). BENCH_SUBMIT_ARGS adds options to `submit`
# (e.g. "--duration 20 --concurrency 32"); extra arguments go to `inbox`. BENCH_KEEP_DATA=1
# keeps the desk's data folder (logs, databases) after the run.
set -euo pipefail
cd "$(dirname "$0")/../.."

scratch=.build-bench
bin=${BENCH_BIN:-$scratch/release}
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    echo "bench: building every product (release, $scratch)" >&2
    swift build -c release --scratch-path "$scratch" >&2
fi

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

echo "bench: $(nproc) cores, load average now: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "bench: inbox" >&2
"$bin/requests-benchmark" inbox "$@"

data=$(mktemp -d /tmp/miz-requests-bench-desk.XXXXXX)
broker_port=$(free_port)
http_port=$(free_port)
desk_port=$(free_port)
ops_port=$(free_port)
echo "bench: desk in $data, gateway on :$http_port, broker on :$broker_port" >&2
MIZ_TRUSTED_PROXIES=127.0.0.1 "$bin/desk" up --data "$data" --bin "$bin" --curve off --development \
    --broker-port "$broker_port" --http-port "$http_port" --desk-port "$desk_port" \
    --ops-base-port "$ops_port" >"$data/desk.out" 2>&1 &
desk_pid=$!
stop_desk() {
    if kill -0 "$desk_pid" 2>/dev/null; then
        kill -INT "$desk_pid"
        wait "$desk_pid" || true
    fi
    if [ "${BENCH_KEEP_DATA:-0}" != 1 ]; then rm -rf "$data"; fi
}
trap stop_desk EXIT

# Ready: the gateway answers the catalog and the embedded registry is generated.
ready=0
for _ in $(seq 1 600); do
    registry=$(find "$data" -name identity-registry.sqlite 2>/dev/null | head -n 1)
    if curl -fsS -o /dev/null "http://127.0.0.1:$http_port/api/v1/services" 2>/dev/null && [ -n "$registry" ] &&
        [ -n "$(sqlite3 "$registry" "SELECT value FROM registryInfo WHERE key = 'generated'" 2>/dev/null)" ]; then
        ready=1
        break
    fi
    kill -0 "$desk_pid" 2>/dev/null || break
    sleep 0.5
done
if [ "$ready" != 1 ]; then
    echo "bench: the desk did not become ready; see $data/desk.out and $data/logs" >&2
    exit 1
fi
echo "bench: submit" >&2
# shellcheck disable=SC2086
"$bin/requests-benchmark" submit --gateway "http://127.0.0.1:$http_port" ${BENCH_SUBMIT_ARGS:-}
echo "bench: load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
