#!/usr/bin/env bash
# Profiles one bus case with perf (cpu-clock samples with call graphs; hardware counters are
# not offered on this VM): runs `bus-benchmark run` with the given arguments in the background,
# attaches `perf record` to the driver, the broker and the workers for a few seconds in the
# middle of the measured calls, then prints where the time went per process and library.
# Valgrind 3.19's callgrind cannot be used here: it cannot read Swift 6.3's DWARF 5, and on
# stripped copies it crashes in the binaries' async main. Needs Debian's linux-perf.
#
#   deploy/bench/profile.sh OUTPUT.perf.data --cases pipelined1 --sizes 100 --pipelined-calls 200000
set -euo pipefail
cd "$(dirname "$0")/../.."
output=$1
shift
bin=$(swift build -c release --scratch-path .build-bench --show-bin-path)
folder=/tmp/miz-bus-bench-profile
"$bin/bus-benchmark" run --broker-executable "$bin/broker" --log-folder "$folder" "$@" &
driver=$!
sleep "${PROFILE_DELAY:-5}"
pids=$driver
for pid in $(cat "$folder/children.pid" 2>/dev/null); do
    [ -d "/proc/$pid" ] && pids="$pids,$pid"
done
echo "profile: sampling $pids for ${PROFILE_SECONDS:-5} s" >&2
perf record --quiet -e cpu-clock -F 2000 -g -p "$pids" -o "$output" -- sleep "${PROFILE_SECONDS:-5}"
wait "$driver"
perf report -i "$output" --no-children --sort pid,dso -g none --stdio 2>/dev/null | grep '%' | head -30
