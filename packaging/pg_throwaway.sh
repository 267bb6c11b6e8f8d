#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on loopback for the store tests.
#   eval "$(bash packaging/pg_throwaway.sh start)"  -> exports HOTICH_TEST_PG_URL and HOTICH_TEST_PG_DIR
#   bash packaging/pg_throwaway.sh stop DIR
# initdb and postgres refuse to run as root, so as root the cluster runs as the postgres user.
set -euo pipefail
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$BIN" ] || { echo "echo 'PostgreSQL is not installed: store tests run on SQLite only' >&2"; exit 0; }

run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
start)
    DIR=$(mktemp -d /tmp/hotich-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
    PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    run_pg "$BIN/initdb" -D "$DIR/data" -U hotich --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    run_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
        -o "-h 127.0.0.1 -p $PORT -k $DIR -c fsync=off -c full_page_writes=off" start >/dev/null
    run_pg "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U hotich hotich_test
    echo "export HOTICH_TEST_PG_URL=postgresql+psycopg://hotich@127.0.0.1:$PORT/hotich_test"
    echo "export HOTICH_TEST_PG_DIR=$DIR"
    ;;
stop)
    DIR=$2
    run_pg "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
    ;;
*) echo "usage: $0 start | stop DIR" >&2; exit 2;;
esac
