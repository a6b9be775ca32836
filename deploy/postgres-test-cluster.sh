#!/usr/bin/env bash
# Runs a command with MIZ_TEST_DATABASE_URL pointing at a throwaway PostgreSQL cluster, so the
# storage tests run against PostgreSQL as well as SQLite:
#
#   bash deploy/postgres-test-cluster.sh swift test --skip-build
#
# When MIZ_TEST_DATABASE_URL is already set, the command runs against that database as it is.
# Otherwise the script installs PostgreSQL from Debian if it is missing, runs initdb in a
# temporary folder (as a non-root user when run as root: initdb refuses root), starts the
# server on a free loopback port with its unix socket in that folder, creates the database
# `miztest`, runs the command, and stops the server and removes the folder when it exits,
# however it exits. It fails (and the command does not run) when the cluster cannot start.
# The server runs with fsync off (tests need no durability); MIZ_POSTGRES_OPTIONS adds server
# options after the script's own, which they override (deploy/load/scale-out.sh passes
# "-c fsync=on -c synchronous_commit=on" to measure like a real server).
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 command [arguments…]" >&2
  exit 2
fi

if [ -n "${MIZ_TEST_DATABASE_URL:-}" ]; then
  echo "miz postgres: using the given MIZ_TEST_DATABASE_URL"
  exec "$@"
fi

find_bin() {
  local name="$1"
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -1 || true)"
  [ -n "$found" ] && echo "$found"
}

if [ -z "$(find_bin initdb)" ] || [ -z "$(find_bin pg_ctl)" ]; then
  echo "miz postgres: installing PostgreSQL from Debian"
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >/dev/null
fi
initdb_bin="$(find_bin initdb)"
pg_ctl_bin="$(find_bin pg_ctl)"
bin_dir="$(dirname "$(readlink -f "$pg_ctl_bin")")"
psql_bin="$bin_dir/psql"
[ -x "$psql_bin" ] || psql_bin="$(find_bin psql)"

folder="$(mktemp -d "${TMPDIR:-/tmp}/miz-pg.XXXXXX")"
as_owner=()
if [ "$(id -u)" = 0 ]; then
  owner="postgres"
  id "$owner" >/dev/null 2>&1 || owner="nobody"
  chown "$owner" "$folder"
  chmod 700 "$folder"
  as_owner=(runuser -u "$owner" --)
fi

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

stop_cluster() {
  local status=$?
  if [ -f "$folder/data/postmaster.pid" ]; then
    "${as_owner[@]}" "$pg_ctl_bin" -D "$folder/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$folder"
  exit "$status"
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM

echo "miz postgres: initdb in $folder, port $port${MIZ_POSTGRES_OPTIONS:+, options $MIZ_POSTGRES_OPTIONS}"
"${as_owner[@]}" "$initdb_bin" -D "$folder/data" -U miz --auth=trust -E UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1 \
  || { cat "$folder/initdb.log" >&2; echo "miz postgres: initdb failed" >&2; exit 1; }
"${as_owner[@]}" "$pg_ctl_bin" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
  -o "-p $port -k $folder -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 ${MIZ_POSTGRES_OPTIONS:-}" start >/dev/null \
  || { cat "$folder/server.log" >&2; echo "miz postgres: the server did not start" >&2; exit 1; }
"$psql_bin" -h 127.0.0.1 -p "$port" -U miz -d postgres -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE miztest" \
  || { echo "miz postgres: could not create the test database" >&2; exit 1; }

export MIZ_TEST_DATABASE_URL="postgres://miz@127.0.0.1:$port/miztest?sslmode=disable"
echo "miz postgres: MIZ_TEST_DATABASE_URL=$MIZ_TEST_DATABASE_URL"
"$@"
