#!/usr/bin/env bash
# The load test: simulated citizens (deploy/load/locustfile.py) against a running desk, with
# Locust's HTML report. Start a desk first (bash deploy/desk-up.sh), then:
#   bash deploy/load/run.sh                          100 citizens for 5 minutes on :8080
#   bash deploy/load/run.sh --host http://desk.example:8080 --users 500 --spawn-rate 20 --time 15m
# Writes deploy/load/reports/<UTC time>/report.html, the CSV figures beside it (stats,
# failures, history) and Locust's log; prints the report's path. Exits non-zero when the
# desk is not there or any request failed. MIZ_LOAD_WAIT="1 5" sets the think time between
# a citizen's clicks in seconds. Installs Locust (deploy/load/requirements.txt) if missing.
set -euo pipefail
cd "$(dirname "$0")"

host="http://127.0.0.1:8080"
users=100
spawn_rate=10
run_time=5m
while [ $# -gt 0 ]; do
  case "$1" in
    --host) host="$2"; shift 2 ;;
    --users) users="$2"; shift 2 ;;
    --spawn-rate) spawn_rate="$2"; shift 2 ;;
    --time) run_time="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

if ! python3 -c 'import locust' 2>/dev/null; then
  echo "run.sh: installing Locust from PyPI"
  python3 -m pip install -q -r requirements.txt \
    || python3 -m pip install -q --break-system-packages -r requirements.txt
fi

if ! curl -fsS --max-time 5 "$host/api/v1/health" >/dev/null; then
  echo "run.sh: no healthy desk at $host (start one with bash deploy/desk-up.sh, or give --host)" >&2
  exit 1
fi

report="reports/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$report"
echo "run.sh: $users citizens (spawn rate $spawn_rate/s) for $run_time against $host"
status=0
python3 -m locust -f locustfile.py --headless --host "$host" \
  --users "$users" --spawn-rate "$spawn_rate" --run-time "$run_time" --stop-timeout 10 \
  --html "$report/report.html" --csv "$report/stats" --csv-full-history \
  --logfile "$report/locust.log" --only-summary || status=$?
echo "run.sh: report $(pwd)/$report/report.html"
exit "$status"
