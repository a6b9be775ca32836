#!/usr/bin/env bash
# The load test: the whole desk under simulated visitors (deploy/load/locustfile.py: citizens
# who browse, applicants who log in with the SMS code and submit with documents, trackers,
# officials who work the inbox) against a running desk, with Locust's HTML report.
# Start the desk in development mode (the default) trusting this machine as a proxy, so each
# simulated person can have its own client address (X-Forwarded-For):
#   MIZ_TRUSTED_PROXIES=127.0.0.1 bash deploy/desk-up.sh
# then:
#   bash deploy/load/run.sh                          100 visitors for 5 minutes on :8080
#   bash deploy/load/run.sh --host http://127.0.0.1:18080 --data /tmp/desk --users 500 --time 15m
#   bash deploy/load/run.sh --only catalog           only the browsing citizens
# Options: --host URL, --users N, --spawn-rate N, --time 5m (Locust's), --data FOLDER (the
# desk's data folder, default ./data as desk-up.sh uses: the synthetic citizens come from its
# identity-registry.sqlite, the officials' accounts are made with its CURVE keys),
# --officials N (accounts and Official users, default 2, 0 for none), --citizens N (synthetic
# citizens exported, default 5000), --only catalog|requests|CLASS[,CLASS] (requests = Applicant,
# Tracker, Official), --broker-port N (the desk's broker, default MIZ_BROKER_PORT or 5555),
# --bin FOLDER (the desk executable's folder, default MIZ_BIN or the release build).
# Writes deploy/load/reports/<UTC time>/report.html, the CSV figures beside it (stats,
# failures, history) and Locust's log; prints the report's path. Exits non-zero when the
# desk is not there or any request failed. MIZ_LOAD_WAIT="1 5" sets the think time between
# clicks in seconds; MIZ_LOAD_MIX="Citizen=85,Applicant=10,Tracker=5" the weights;
# MIZ_LOAD_LEDGER=path records what the desk acknowledged. Installs Locust if missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

host="http://127.0.0.1:8080"
users=100
spawn_rate=10
run_time=5m
data="$repo/data"
officials=2
citizens=5000
only=""
bin="${MIZ_BIN:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --host) host="$2"; shift 2 ;;
    --users) users="$2"; shift 2 ;;
    --spawn-rate) spawn_rate="$2"; shift 2 ;;
    --time) run_time="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --officials) officials="$2"; shift 2 ;;
    --citizens) citizens="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --broker-port) export MIZ_BROKER_PORT="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

# Which User classes run.
classes=()
IFS=',' read -r -a picked <<<"$only"
for name in "${picked[@]}"; do
  case "$name" in
    catalog) classes+=(Citizen) ;;
    requests) classes+=(Applicant Tracker Official) ;;
    Citizen|Applicant|Tracker|Official) classes+=("$name") ;;
    *) echo "run.sh: --only takes catalog, requests or Citizen, Applicant, Tracker, Official (got $name)" >&2; exit 2 ;;
  esac
done
[ "${#classes[@]}" -gt 0 ] || classes=(Citizen Applicant Tracker Official)
if [ "$officials" = 0 ]; then
  kept=()
  for name in "${classes[@]}"; do [ "$name" = Official ] || kept+=("$name"); done
  classes=("${kept[@]}")
fi
needs_desk_data=0
for name in "${classes[@]}"; do
  [ "$name" = Citizen ] || needs_desk_data=1
done

if ! python3 -c 'import locust' 2>/dev/null; then
  echo "run.sh: installing Locust from PyPI"
  python3 -m pip install -q -r "$here/requirements.txt" \
    || python3 -m pip install -q --break-system-packages -r "$here/requirements.txt"
fi

if ! curl -fsS --max-time 5 "$host/api/v1/health" >/dev/null; then
  echo "run.sh: no healthy desk at $host (start one with bash deploy/desk-up.sh, or give --host)" >&2
  exit 1
fi

report="$here/reports/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$report"
# The run's accounts (passwords) and citizens: temporary files, removed at the end.
staff_file="$(mktemp /tmp/miz-load-staff.XXXXXX)"
citizens_file="$(mktemp /tmp/miz-load-citizens.XXXXXX)"
trap 'rm -f "$staff_file" "$citizens_file"' EXIT

if [ "$needs_desk_data" = 1 ]; then
  data="$(cd "$data" 2>/dev/null && pwd)" || { echo "run.sh: no data folder $data (give the desk's --data)" >&2; exit 1; }
  python3 "$here/prepare.py" citizens --data "$data" --count "$citizens" --out "$citizens_file"
  export MIZ_LOAD_CITIZENS="$citizens_file"
  if [ "$officials" != 0 ]; then
    if [ -z "$bin" ]; then bin="$(cd "$repo" && swift build -c release --show-bin-path)"; fi
    [ -x "$bin/desk" ] || { echo "run.sh: no desk executable in $bin (give --bin or MIZ_BIN)" >&2; exit 1; }
    python3 "$here/prepare.py" staff --data "$data" --host "$host" --desk "$bin/desk" \
      --officials "$officials" --out "$staff_file"
    export MIZ_LOAD_STAFF="$staff_file"
  fi
fi
export MIZ_LOAD_OFFICIAL_USERS="$officials"

echo "run.sh: $users visitors (${classes[*]}; spawn rate $spawn_rate/s) for $run_time against $host"
status=0
(cd "$here" && python3 -m locust -f locustfile.py --headless --host "$host" \
  --users "$users" --spawn-rate "$spawn_rate" --run-time "$run_time" --stop-timeout 10 \
  --html "$report/report.html" --csv "$report/stats" --csv-full-history \
  --logfile "$report/locust.log" --only-summary "${classes[@]}") || status=$?
echo "run.sh: report $report/report.html"
exit "$status"
