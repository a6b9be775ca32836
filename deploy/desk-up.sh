#!/usr/bin/env bash
# Sets up, builds and runs the whole desk on embedded defaults: SQLite and files under
# ./data, the development SMS inbox, CURVE keys made on first start. Open
# http://localhost:8080 when the status table appears; Ctrl-C stops everything.
#   MIZ_BUILD=debug bash deploy/desk-up.sh   builds faster, runs slower
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/setup.sh
configuration="${MIZ_BUILD:-release}"
echo "miz: building ($configuration); the first build takes several minutes"
swift build -c "$configuration"
exec "$(swift build -c "$configuration" --show-bin-path)/desk" up "$@"
