#!/usr/bin/env bash
# Faults under load (deploy/faults/faults.py): a desk started here (development mode, CURVE
# on, catalog and requests at 2 instances) under the Locust users of deploy/load, with
# SIGKILL of a catalog worker, a requests worker, the notifier and the broker one after the
# other; then counts that no acknowledged submission or document was lost, that every SMS
# owed went exactly once, and the error rate of each fault's window. Exits 1 if a count fails.
#   bash deploy/faults/run.sh --short            the test command's form (~2-3 min, debug build)
#   bash deploy/faults/run.sh --users 60 --duration 300 --bin .build/release   by hand
# Other options: --warmup, --window, --gap (seconds), --officials N, --max-error-rate 0.05,
# --keep (keep the data folder, the ledger and Locust's report). --bin defaults to MIZ_BIN or
# the debug build (`swift build --show-bin-path`). Installs Locust if missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
for argument in "$@"; do
  case "$argument" in -h|--help) sed -n '2,11p' "$0"; exit 0 ;; esac
done
bin="${MIZ_BIN:-}"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
[ -n "$bin" ] || bin="$(cd "$repo" && swift build --show-bin-path)"
[ -x "$bin/desk" ] || { echo "faults: no desk executable in $bin (build first, or give --bin)" >&2; exit 1; }
if ! python3 -c 'import locust' 2>/dev/null; then
  echo "faults: installing Locust from PyPI"
  python3 -m pip install -q -r "$repo/deploy/load/requirements.txt" \
    || python3 -m pip install -q --break-system-packages -r "$repo/deploy/load/requirements.txt"
fi
echo "faults: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), executables from $bin"
exec python3 "$here/faults.py" --bin "$bin" "${args[@]}"
