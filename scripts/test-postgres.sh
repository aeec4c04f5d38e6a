#!/usr/bin/env bash
# Start a throwaway PostgreSQL server (Debian's packages, installed if missing) on 127.0.0.1
# for the test suite, and print its SQLAlchemy URL. Stop it with: scripts/test-postgres.sh stop
# TOLLWATCH_PG_PORT and TOLLWATCH_PG_DATA let checkouts side by side each run their own.
set -euo pipefail
PORT=${TOLLWATCH_PG_PORT:-54329}
DATA=${TOLLWATCH_PG_DATA:-/tmp/tollwatch-test-pg}
as_owner() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
if [ "${1:-}" = stop ]; then as_owner "$BIN/pg_ctl -D $DATA stop -m fast" >&2; exit 0; fi

if ! as_owner "$BIN/pg_ctl -D $DATA status" >/dev/null 2>&1; then
  rm -rf "$DATA" && mkdir -p "$DATA"
  [ "$(id -u)" = 0 ] && chown postgres "$DATA"
  as_owner "$BIN/initdb -D $DATA -A trust -U tollwatch" >/dev/null
  as_owner "$BIN/pg_ctl -D $DATA -l $DATA/server.log -w start \
    -o '-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off'" >/dev/null
  as_owner "$BIN/createdb -h 127.0.0.1 -p $PORT -U tollwatch tollwatch_test"
fi
echo "postgresql+psycopg://tollwatch@127.0.0.1:$PORT/tollwatch_test"
