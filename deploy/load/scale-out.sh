#!/usr/bin/env bash
# The scale-out figure of issue 8 (deploy/BENCHMARKS.md "Scale-out"): the Locust run against a
# desk on PostgreSQL with 1, 2 and 4 instances of requests, then of catalog, in one table.
#
#   bash deploy/load/scale-out.sh                     the measurement (release build, 60 s a step)
#   SCALE_BUILD=debug bash deploy/load/scale-out.sh --time 20 --users 5 --counts "1 2"
#                                                     a smoke run that only proves it works
#
# 1. builds every product (release in .build-bench like deploy/bench/requests.sh; SCALE_BUILD=debug
#    uses the debug build of .build; SCALE_SKIP_BUILD=1 takes what is built; SCALE_BIN names
#    another folder of executables); installs Locust if missing;
# 2. starts a throwaway PostgreSQL cluster (deploy/postgres-test-cluster.sh, here with fsync on
#    like a real server: SCALE_PG_FSYNC=off to drop it), or uses SCALE_DATABASE_URL when set
#    (a server on another machine keeps its CPU off this box);
# 3. deploy/load/scale_out.py starts `desk up` on free ports in its own data folder
#    (development mode, MIZ_TRUSTED_PROXIES=127.0.0.1, MIZ_DATABASE_URL in its environment, so
#    every service it starts keeps its data in PostgreSQL; it checks with psql that each made
#    its schema there), and for each service and count
#    runs `desk scale <service>=N`, waits until the desk and the broker show N ready instances
#    with all their worker slots, runs Locust headless (catalog: the browsing Citizen; requests:
#    the locustfile's other user classes, who log in, submit, track and work the inbox) and
#    measures the box's CPU (/proc/stat) and each process's over the same seconds;
# 4. prints a Markdown table (service, instances, rps, p95, p99, failures, bus calls/s, CPU %
#    of the box) and one of CPU per process, and writes them with each step's Locust HTML
#    report and `desk status` to deploy/load/reports/scale-out-<UTC time>/.
# The desk, every process it started and the cluster are stopped however the run ends.
#
# Options (passed to scale_out.py): --services "requests catalog", --counts "1 2 4", --users 40,
# --spawn-rate 20, --time 60 (seconds per step), --wait "0 0.2" (think time, s), --catalog-users
# Citizen, --requests-users "…" (Locust classes), --brokers 1, --concurrency 8, --curve on|off,
# --report <folder>, --keep-data. Run it on a quiet machine: Locust, PostgreSQL and every
# instance share the same cores, so anything else running skews the figures.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "${SCALE_INSIDE_CLUSTER:-0}" != 1 ]; then
    case "${SCALE_BUILD:-release}" in
        release) scratch=.build-bench; bin=${SCALE_BIN:-$scratch/release}; build=(swift build -c release --scratch-path "$scratch") ;;
        debug) bin=${SCALE_BIN:-.build/debug}; build=(swift build) ;;
        *) echo "scale-out: SCALE_BUILD is release or debug" >&2; exit 2 ;;
    esac
    if [ "${SCALE_SKIP_BUILD:-0}" != 1 ] && [ -z "${SCALE_BIN:-}" ]; then
        echo "scale-out: building every product (${SCALE_BUILD:-release})" >&2
        "${build[@]}" >&2
    fi
    [ -x "$bin/desk" ] || { echo "scale-out: no desk in $bin; build first or give SCALE_BIN" >&2; exit 1; }
    if ! python3 -c 'import locust' 2>/dev/null; then
        echo "scale-out: installing Locust from PyPI" >&2
        python3 -m pip install -q -r deploy/load/requirements.txt \
            || python3 -m pip install -q --break-system-packages -r deploy/load/requirements.txt
    fi
    export SCALE_INSIDE_CLUSTER=1 SCALE_BIN_RESOLVED="$bin"
    if [ -n "${SCALE_DATABASE_URL:-}" ]; then
        export MIZ_TEST_DATABASE_URL="$SCALE_DATABASE_URL"
    else
        # Always a cluster of its own: a MIZ_TEST_DATABASE_URL of the environment is not taken.
        unset MIZ_TEST_DATABASE_URL
        fsync="${SCALE_PG_FSYNC:-on}"
        export MIZ_POSTGRES_OPTIONS="-c fsync=$fsync -c synchronous_commit=$fsync"
    fi
    exec bash deploy/postgres-test-cluster.sh bash "$0" "$@"
fi

# Inside the cluster: MIZ_TEST_DATABASE_URL names the database every service shares.
export MIZ_DATABASE_URL="$MIZ_TEST_DATABASE_URL"
exec python3 deploy/load/scale_out.py --bin "$SCALE_BIN_RESOLVED" "$@"
