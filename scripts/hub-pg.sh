#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the hub tests (tests/core/hub-*.test.ts, sync-rls-pg):
#   eval "$(bash scripts/hub-pg.sh start)"   # prints export OPSDECK_HUB_PG_URL=… and OPSDECK_HUB_PG_DIR=…
#   eval "$(bash scripts/hub-pg.sh start _2)"  # a second cluster: OPSDECK_HUB_PG_URL_2 / OPSDECK_HUB_PG_DIR_2
#   bash scripts/hub-pg.sh stop "$OPSDECK_HUB_PG_DIR"
# .ci/run starts one cluster per vitest worker (tests/fixtures/hub-double/pg.ts picks its own by
# VITEST_POOL_ID): the hub's pull watermark is the oldest transaction open in the whole cluster, so
# a file's migration or deliberately held transaction must not hold back another file's pulls.
# The cluster lives in a temp dir, listens on 127.0.0.1 only (a free port), trusts local
# connections, and is initialised as the postgres OS user when run as root (CI runs as root;
# initdb refuses root). Its bootstrap superuser is supabase_admin, as on a Supabase database; the
# tests create the roles and databases they need (tests/fixtures/hub-double/pg.ts).
set -euo pipefail
PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"
cmd="${1:-start}"
suffix="${2:-}"

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    [[ "$suffix" =~ ^(_[0-9]+)?$ ]] || { echo "hub-pg: the suffix is _N (e.g. _2)" >&2; exit 2; }
    [ -x "$PGBIN/initdb" ] || { echo "hub-pg: no PostgreSQL 15 server in $PGBIN (apt-get install postgresql-15)" >&2; exit 1; }
    dir="$(mktemp -d "${TMPDIR:-/tmp}/opsdeck-hub-pg.XXXXXX")"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_pg "$PGBIN/initdb" -D "$dir/data" -U supabase_admin --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
    cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 128MB
max_prepared_transactions = 8
EOF
    as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "export OPSDECK_HUB_PG_URL$suffix='postgresql://supabase_admin@127.0.0.1:$port/postgres'"
    echo "export OPSDECK_HUB_PG_DIR$suffix='$dir'"
    ;;
  stop)
    dir="${2:?usage: hub-pg.sh stop DIR}"
    [ -d "$dir/data" ] && as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: hub-pg.sh start [_N] | stop DIR" >&2
    exit 2
    ;;
esac
