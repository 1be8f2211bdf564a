#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the tests and print its URL.
# Uses Debian's server (apt installs it if missing); initdb refuses root, so it runs as postgres.
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  (apt-get update -qq && apt-get install -y -qq postgresql >/dev/null) >&2
fi
bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
# A free port, so a second run on the same machine does not collide with the first.
port=${ONTRACK_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
data=$(mktemp -d /tmp/ontrack-pg.XXXXXX)
chown postgres "$data"
su postgres -c "$bin/initdb -D $data -A trust -U postgres --no-sync" >/dev/null
su postgres -c "$bin/pg_ctl -D $data -l $data/server.log -w start \
  -o '-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off'" >/dev/null
echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
