#!/usr/bin/env bash
# Issue 4's catalog benchmark, run by hand (never a test): `GET /api/v1/services?q=…` through
# gateway → broker → catalog, side by side with a bare Hummingbird route serving the same
# bytes, in one run, plus the catalog's search latency measured inside the service.
#
# It installs wrk from Debian when missing, builds the release products (scratch path
# .build-catbench), SIGKILLs what an earlier run of this script left behind, checks the
# ports are free, waits for a quiet machine (1-minute load below CATBENCH_MAX_LOAD), runs
# `catalog-benchmark search`, then for each CURVE mode starts broker, catalog and gateway on
# free ports with a temporary --data, waits for /api/v1/health to see the catalog, and runs
# wrk back to back:
#
#   cached    the same three-word search every time (answered by the gateway's ≤1 s reply
#             cache but for one bus call per cache lifetime);
#   uncached  a wrk Lua script turning through 200 searches × (no province + 31 provinces)
#             = 6,400 distinct cache keys, so nearly every request goes over the bus (the
#             gateway's cache counters are read before and after, to show it);
#   bare      `catalog-benchmark bare` with the gateway's captured reply, same headers, with
#             and without the same Lua script (wrk's own cost differs with Lua).
#
# Prints a Markdown table (requests/s, p50, p99, ratio to bare, gateway cache misses, the
# catalog's own miz_catalog_search_seconds over the case, CPU seconds per process and wrk's,
# and the CPU the rest of the machine used meanwhile: all busy time less ours) and the
# verdicts. Figures and commands: deploy/bench/CATALOG-RESULTS.md.
#
# Environment: CATBENCH_DURATION (20s), CATBENCH_THREADS (2), CATBENCH_CONNECTIONS (32),
# CATBENCH_CURVE ("off on"), CATBENCH_MAX_LOAD (1.5), CATBENCH_LOAD_WAIT (600 seconds at
# most), CATBENCH_SKIP_BUILD (0), CATBENCH_SEARCH_ITERATIONS (2000), CATBENCH_PROFILE (0; 1
# samples the desk's processes with `perf record -e cpu-clock -g` for CATBENCH_PROFILE_SECONDS
# (10) during each gateway case, which slows them, and counts perf in wrk's CPU: use a
# separate run for the figures).
# valgrind's callgrind cannot read Swift 6.3's DWARF 5 and this VM offers no hardware
# counters (`perf stat -e instructions` is "not supported"), hence cpu-clock samples.
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=${CATBENCH_DURATION:-20s}
threads=${CATBENCH_THREADS:-2}
connections=${CATBENCH_CONNECTIONS:-32}
curve_modes=${CATBENCH_CURVE:-off on}
max_load=${CATBENCH_MAX_LOAD:-1.5}
load_wait=${CATBENCH_LOAD_WAIT:-600}
search_iterations=${CATBENCH_SEARCH_ITERATIONS:-2000}
scratch=.build-catbench
pid_file=/tmp/miz-catbench.pids

log() { echo "catbench: $*" >&2; }

# --- wrk ------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
    log "installing wrk from Debian"
    apt-get install -y wrk >&2 || { apt-get update >&2 && apt-get install -y wrk >&2; }
fi

# --- build ----------------------------------------------------------------------------------
if [ "${CATBENCH_SKIP_BUILD:-0}" != 1 ]; then
    for product in catalog-benchmark broker catalog gateway; do
        log "building $product (release, $scratch)"
        swift build -c release --scratch-path "$scratch" --product "$product" >&2
    done
fi
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)

# --- leftovers and ports --------------------------------------------------------------------
# Only processes an earlier run of this script started (their ids are in $pid_file), and
# only while their command line is still one of ours, so a reused id is never hit.
kill_ours() {
    [ -f "$pid_file" ] || return 0
    while read -r pid; do
        [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || continue
        if tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -e "$scratch/" -e "catalog-benchmark"; then
            kill -9 "$pid" 2>/dev/null || true
        fi
    done <"$pid_file"
    rm -f "$pid_file"
}
kill_ours
work=$(mktemp -d /tmp/miz-catbench.XXXXXX)
trap 'kill_ours' EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
port_is_free() {
    [ -z "$(ss -ltnH "sport = :$1" 2>/dev/null)" ]
}
start() { # start NAME COMMAND…: runs in the background, logs to $work/NAME.log, records the id
    local name=$1
    shift
    "$@" >"$work/$name-$curve.log" 2>&1 &
    echo $! >>"$pid_file"
    eval "pid_$name=$!"
    disown $! # no "Killed" notice when it is stopped
}
stop() { # stop NAME…: SIGKILL, as the benchmark's processes hold no state worth keeping
    local name pid
    for name in "$@"; do
        pid=$(eval "echo \${pid_$name:-}")
        [ -n "$pid" ] || continue
        kill -9 "$pid" 2>/dev/null || true
        while [ -e "/proc/$pid" ] && ! grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null; do sleep 0.05; done
    done
}
busy_ticks() { # clock ticks all CPUs spent busy since boot
    awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
}
cpu_ticks() { # user + system clock ticks of a process
    awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}
metric() { # metric URL NAME LABEL: the value of one Prometheus sample, 0 when absent
    curl -fsS "$1" 2>/dev/null | awk -v name="$2" -v label="$3" \
        '$1 ~ "^"name && index($1, label) { value = $2 } END { printf "%d\n", value }'
}

# --- a quiet machine ------------------------------------------------------------------------
waited=0
while awk -v max="$max_load" '{ exit !($1 >= max) }' /proc/loadavg && [ "$waited" -lt "$load_wait" ]; do
    log "1-minute load $(cut -d' ' -f1 /proc/loadavg) ≥ $max_load; waiting (${waited}s of ${load_wait}s)"
    sleep 30
    waited=$((waited + 30))
done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
cpu_model=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
memory=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
log "$(nproc) cores ($cpu_model), $memory, load $load_before; work folder $work"

# --- in the service -------------------------------------------------------------------------
log "catalog-benchmark search --iterations $search_iterations"
"$bin/catalog-benchmark" search --iterations "$search_iterations" | tee "$work/search.md" >&2

# --- over HTTP ------------------------------------------------------------------------------
"$bin/catalog-benchmark" queries --headline >"$work/headline.txt"
"$bin/catalog-benchmark" queries --count 200 --provinces >"$work/paths.txt"
cat >"$work/rotate.lua" <<'LUA'
-- Turns through the paths of CATBENCH_PATHS, each thread starting at its own share.
local paths = {}
local counter = 0
local threads = 0
function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end
function init(args)
  for line in io.lines(os.getenv("CATBENCH_PATHS")) do paths[#paths + 1] = line end
  counter = offset * math.floor(#paths / tonumber(os.getenv("CATBENCH_THREADS") or "2"))
end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
LUA
export CATBENCH_PATHS="$work/paths.txt" CATBENCH_THREADS="$threads"
headline=$(cat "$work/headline.txt")
rows="$work/rows.tsv"
: >"$rows"

# run_wrk CASE CURVE URL PROCESS-NAMES [LUA]: one wrk run; appends a row to $rows
run_wrk() {
    local case=$1 curve=$2 url=$3 names=$4 script=${5:-}
    local args=(-t"$threads" -c"$connections" -d"$duration" --latency)
    [ -n "$script" ] && args+=(-s "$script")
    wrk -t"$threads" -c"$connections" -d5s ${script:+-s "$script"} "$url" >/dev/null # warm-up
    local -A before=()
    local name pid
    for name in $names; do
        pid=$(eval "echo \${pid_$name}")
        before[$name]=$(cpu_ticks "$pid")
    done
    local hits misses shared tag="$case-$curve-${script:+lua}"
    if [ "$case" != bare ]; then
        curl -fsS "$catalog_ops/metrics" >"$work/catalog-metrics-$tag-before.txt"
        hits=$(metric "$gateway_ops/metrics" miz_gateway_catalog_cache_total 'result="hit"')
        misses=$(metric "$gateway_ops/metrics" miz_gateway_catalog_cache_total 'result="miss"')
        shared=$(metric "$gateway_ops/metrics" miz_gateway_catalog_cache_total 'result="shared"')
    fi
    local busy_before
    busy_before=$(busy_ticks)
    log "wrk ${args[*]} $url ($case, CURVE $curve; 1-minute load $(cut -d' ' -f1 /proc/loadavg))"
    local profilers=()
    if [ "${CATBENCH_PROFILE:-0}" = 1 ] && [ "$case" != bare ]; then
        for name in $names; do
            (sleep 2 && perf record --quiet -e cpu-clock -F 1999 -g -p "$(eval "echo \${pid_$name}")" \
                -o "$work/perf-$tag-$name.data" -- sleep "${CATBENCH_PROFILE_SECONDS:-10}" 2>/dev/null) &
            profilers+=($!)
        done
    fi
    local TIMEFORMAT="%U %S" # bash's `time`: wrk's own CPU seconds, user and system
    { time wrk "${args[@]}" "$url" >"$work/wrk-$tag.txt"; } 2>"$work/wrk-$tag.cpu"
    local cpu="" ticks ours=0 used
    ticks=$(getconf CLK_TCK)
    local busy_after
    busy_after=$(busy_ticks)
    for name in $names; do
        pid=$(eval "echo \${pid_$name}")
        used=$(awk -v a="${before[$name]}" -v b="$(cpu_ticks "$pid")" -v t="$ticks" 'BEGIN { printf "%.1f", (b - a) / t }')
        ours=$(awk -v a="$ours" -v b="$used" 'BEGIN { print a + b }')
        cpu+="$name $used s, "
    done
    used=$(awk '{ printf "%.1f", $1 + $2 }' "$work/wrk-$tag.cpu")
    cpu+="wrk $used s, "
    ours=$(awk -v a="$ours" -v b="$used" 'BEGIN { print a + b }')
    # What the rest of the machine used meanwhile (other engineers' builds): all busy time less ours.
    local others
    others=$(awk -v a="$busy_before" -v b="$busy_after" -v t="$ticks" -v ours="$ours" \
        'BEGIN { other = (b - a) / t - ours; printf "%.1f", other < 0 ? 0 : other }')
    if [ ${#profilers[@]} -gt 0 ]; then
        wait "${profilers[@]}" || true
        for name in $names; do
            local data="$work/perf-$tag-$name.data"
            {
                echo "## $name: by library (self)"
                perf report -i "$data" --no-children --sort dso -g none --stdio 2>/dev/null | grep '%' | head -15 || true
                echo "## $name: by function (self)"
                perf report -i "$data" --no-children --sort dso,symbol -g none --stdio 2>/dev/null | grep '%' | head -40 || true
                echo "## $name: by function (with callees)"
                perf report -i "$data" --children --sort symbol -g none --stdio 2>/dev/null | grep '%' | head -80 || true
            } >"$work/perf-$tag-$name.txt"
        done
        log "profiles of $case (CURVE $curve): $work/perf-$tag-*.txt"
    fi
    local missed="—"
    if [ "$case" != bare ]; then
        curl -fsS "$catalog_ops/metrics" >"$work/catalog-metrics-$tag-after.txt"
        local h m s
        h=$(metric "$gateway_ops/metrics" miz_gateway_catalog_cache_total 'result="hit"')
        m=$(metric "$gateway_ops/metrics" miz_gateway_catalog_cache_total 'result="miss"')
        s=$(metric "$gateway_ops/metrics" miz_gateway_catalog_cache_total 'result="shared"')
        missed=$(awk -v h=$((h - hits)) -v m=$((m - misses)) -v s=$((s - shared)) \
            'BEGIN { t = h + m + s; printf "%.1f%% (%d of %d)", t ? 100 * m / t : 0, m, t }')
    fi
    python3 - "$work" "$tag" "$case${script:+ (Lua)}" "$curve" "$missed" "${cpu%, }" "$others" >>"$rows" <<'PY'
import os, re, sys
work, tag, case, curve, missed, cpu, others = sys.argv[1:]
text = open(f"{work}/wrk-{tag}.txt").read()
def histogram(name):
    # miz_catalog_search_seconds: count, sum and the count at or under 5 ms, or None
    path = f"{work}/catalog-metrics-{tag}-{name}.txt"
    if not os.path.exists(path):
        return None
    values = {"count": 0.0, "sum": 0.0, "fast": 0.0}
    for line in open(path):
        if line.startswith("miz_catalog_search_seconds_count"):
            values["count"] += float(line.split()[-1])
        elif line.startswith("miz_catalog_search_seconds_sum"):
            values["sum"] += float(line.split()[-1])
        elif line.startswith("miz_catalog_search_seconds_bucket") and 'le="0.005"' in line:
            values["fast"] += float(line.split()[-1])
    return values
before, after = histogram("before"), histogram("after")
inside = "—"
if before and after and after["count"] > before["count"]:
    count = after["count"] - before["count"]
    mean = (after["sum"] - before["sum"]) / count * 1e6
    fast = (after["fast"] - before["fast"]) / count
    inside = f"{count:.0f} searches, mean {mean:.0f} µs, {fast:.2%} ≤ 5 ms"
def ms(value):
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
def size(value):
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p50 = ms(re.search(r"\s50%\s+(\S+)", text).group(1))
p99 = ms(re.search(r"\s99%\s+(\S+)", text).group(1))
done = re.search(r"(\d+) requests in [\d.]+\w+, ([\d.]+\w+) read", text)
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors = re.search(r"Socket errors: (.*)", text)
per = size(done.group(2)) / int(done.group(1))
problems = (f"{bad.group(1)} non-2xx " if bad else "") + (errors.group(1) if errors else "")
print("\t".join([case, curve, f"{rps:.0f}", f"{p50:.2f}", f"{p99:.2f}", f"{per:.0f}", missed, inside, cpu,
                 others, problems.strip() or "none"]))
PY
}

for curve in $curve_modes; do
    broker_port=$(free_port)
    broker_ops_port=$(free_port)
    catalog_ops_port=$(free_port)
    gateway_port=$(free_port)
    gateway_ops_port=$(free_port)
    bare_port=$(free_port)
    for port in $broker_port $broker_ops_port $catalog_ops_port $gateway_port $gateway_ops_port $bare_port; do
        port_is_free "$port" || { log "port $port is taken"; exit 1; }
    done
    data="$work/$curve"
    mkdir -p "$data/broker" "$data/catalog" "$data/gateway"
    broker="tcp://127.0.0.1:$broker_port"
    common=(--keys "$data/keys" --curve "$curve")
    start broker "$bin/broker" --bind "$broker" --data "$data/broker" "${common[@]}" --ops-port "$broker_ops_port"
    sleep 0.5
    start catalog "$bin/catalog" --broker "$broker" --data "$data/catalog" "${common[@]}" \
        --ops-port "$catalog_ops_port"
    start gateway "$bin/gateway" --broker "$broker" --data "$data/gateway" "${common[@]}" \
        --ops-port "$gateway_ops_port" --http-port "$gateway_port"
    gateway="http://127.0.0.1:$gateway_port"
    gateway_ops="http://127.0.0.1:$gateway_ops_port"
    catalog_ops="http://127.0.0.1:$catalog_ops_port"
    log "CURVE $curve: broker $broker, gateway $gateway; waiting for /api/v1/health to see the catalog"
    for attempt in $(seq 1 120); do
        if curl -sS "$gateway/api/v1/health" 2>/dev/null | python3 -c '
import json, sys
report = json.load(sys.stdin)
sys.exit(0 if any(s["service"] == "catalog" and s.get("pingMilliseconds") is not None for s in report["services"]) else 1)
' 2>/dev/null; then break; fi
        [ "$attempt" = 120 ] && { log "the catalog never became healthy; logs in $work"; exit 1; }
        sleep 0.5
    done
    status=$(curl -sS -o "$work/body-$curve.json" -w '%{http_code}' "$gateway$headline")
    [ "$status" = 200 ] || { log "the gateway answered $status to $headline"; exit 1; }
    [ -f "$work/body.json" ] || cp "$work/body-$curve.json" "$work/body.json"
    log "captured the gateway's reply: $(wc -c <"$work/body.json") bytes"
    start bare "$bin/catalog-benchmark" bare --port "$bare_port" --body "$work/body.json"
    for attempt in $(seq 1 40); do
        curl -fsS -o /dev/null "http://127.0.0.1:$bare_port/api/v1/services" 2>/dev/null && break
        sleep 0.25
    done

    run_wrk cached "$curve" "$gateway$headline" "gateway broker catalog"
    run_wrk uncached "$curve" "$gateway/" "gateway broker catalog" "$work/rotate.lua"
    run_wrk bare "$curve" "http://127.0.0.1:$bare_port$headline" "bare"
    run_wrk bare "$curve" "http://127.0.0.1:$bare_port/" "bare" "$work/rotate.lua"
    stop bare gateway catalog broker
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the table ------------------------------------------------------------------------------
python3 - "$rows" "$threads" "$connections" "$duration" "$load_before" "$load_after" <<'PY'
import sys
path, threads, connections, duration, load_before, load_after = sys.argv[1:]
rows = [line.rstrip("\n").split("\t") for line in open(path) if line.strip()]
print(f"wrk -t{threads} -c{connections} -d{duration} --latency; load before {load_before}, after {load_after}")
print()
print("| case | CURVE | requests/s | p50 ms | p99 ms | bytes/response | vs bare | vs bare, same wrk script "
      "| gateway cache misses | catalog.search in the catalog (miz_catalog_search_seconds) | CPU seconds in the run "
      "| others' CPU s | errors |")
print("|---|---|--:|--:|--:|--:|--:|--:|---|---|---|--:|---|")
bare = {(r[1], "Lua" in r[0]): float(r[2]) for r in rows if r[0].startswith("bare")}
verdicts = []
for case, curve, rps, p50, p99, size, missed, inside, cpu, others, errors in rows:
    strict = same = "—"
    if not case.startswith("bare"):
        plain, scripted = bare.get((curve, False)), bare.get((curve, case == "uncached"))
        if plain and scripted:
            strict, same = float(rps) / plain, float(rps) / scripted
            verdicts.append(
                f"{case}, CURVE {curve}: {strict:.0%} of the bare route ({same:.0%} with the same wrk script) "
                f"→ {'MET' if strict >= 0.5 else 'MISSED'}")
            strict, same = f"{strict:.0%}", f"{same:.0%}"
    print(f"| {case} | {curve} | {rps} | {p50} | {p99} | {size} | {strict} | {same} | {missed} | {inside} | {cpu} | {others} | {errors} |")
print()
print("target ≥ 50% of the bare route's requests/s (verdict against the bare route without a script):")
for verdict in verdicts:
    print(f"- {verdict}")
PY
log "raw wrk output, logs and the captured body are in $work"
