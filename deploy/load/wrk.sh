#!/usr/bin/env bash
# wrk against the hot read paths of a running desk, one case at a time:
#   bash deploy/load/wrk.sh search   [host]   GET /api/v1/services?q=… (words of real titles × provinces)
#   bash deploy/load/wrk.sh profile  [host]   GET /khadamat/<code> for every service
#   bash deploy/load/wrk.sh province [host]   GET /ostan/<slug> for the 31 provinces
#   bash deploy/load/wrk.sh home     [host]   GET /
# host defaults to http://127.0.0.1:8080. The paths come from the desk's own catalog (its
# JSON API) and deploy/load/wrk/rotate.lua turns through them. WRK_ARGS overrides wrk's
# flags ("-t2 -c32 -d30s --latency"). A benchmark: run it on a quiet machine, never beside
# other work, and give wrk its own cores if you can (see deploy/BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")"
case_name="${1:?usage: wrk.sh search|profile|province|home [host]}"
host="${2:-http://127.0.0.1:8080}"
command -v wrk >/dev/null || { echo "wrk.sh: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
curl -fsS "$host/api/v1/health" >/dev/null \
  || { echo "wrk.sh: no desk answers at $host (start one with deploy/desk-up.sh)" >&2; exit 1; }

paths="$(mktemp /tmp/miz-wrk-paths.XXXXXX)"
trap 'rm -f "$paths"' EXIT
python3 - "$host" "$case_name" >"$paths" <<'PY'
import json, sys, urllib.parse, urllib.request
host, case = sys.argv[1], sys.argv[2]
def get(path):
    with urllib.request.urlopen(host + path, timeout=10) as reply:
        return json.load(reply)
provinces = [p["slug"] for p in get("/api/v1/provinces")["provinces"]]
services = get("/api/v1/services?pageSize=50")["items"]
if case == "search":
    words = sorted({w for s in services for w in s["title"].split() if len(w) >= 3})
    for word in words:
        for province in [""] + provinces:
            print(f"/api/v1/services?q={urllib.parse.quote(word)}" + (f"&province={province}" if province else ""))
elif case == "profile":
    for service in services:
        print(f"/khadamat/{service['code']}")
elif case == "province":
    for province in provinces:
        print(f"/ostan/{province}")
elif case == "home":
    print("/")
else:
    sys.exit(f"wrk.sh: unknown case {case}")
PY
echo "wrk.sh: $(wc -l <"$paths") paths for $case_name against $host" >&2
# shellcheck disable=SC2086
MIZ_WRK_PATHS="$paths" wrk ${WRK_ARGS:--t2 -c32 -d30s --latency} -s wrk/rotate.lua "$host"
