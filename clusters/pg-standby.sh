#!/usr/bin/env bash
# A PostgreSQL primary and a streaming hot standby on loopback ports, for the cluster tests.
#
#   clusters/pg-standby.sh start    initdb the primary, pg_basebackup -R the standby, wait until it streams
#   clusters/pg-standby.sh stop     stop the standby, then the primary; nothing keeps running
#   clusters/pg-standby.sh status   both servers and the replication state; exit 0 only when the standby streams
#
# Data lives under $CONTINUUM_CLUSTERS_DIR/pg/{primary,standby}. `start` on stopped servers starts
# from empty data directories with a database `continuum` (user postgres, trust authentication
# from 127.0.0.1); `start` on a running primary only (re)creates a standby that is down. Replication
# is asynchronous; the standby's application_name is `standby`, so
#   alter system set synchronous_standby_names = 'standby'
# on the primary makes it synchronous (`synchronous_commit = remote_apply` then waits for replay).
#
# Ports (loopback only): primary $PG_PRIMARY_PORT (25432), standby $PG_STANDBY_PORT (25433).
set -euo pipefail
SCRIPT=pg-standby
. "$(dirname "$0")/common.sh"

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_PRIMARY_PORT=${PG_PRIMARY_PORT:-25432}
PG_STANDBY_PORT=${PG_STANDBY_PORT:-$((PG_PRIMARY_PORT + 1))}
# PostgreSQL refuses to run as root: started by root, the servers run as this user.
PG_OS_USER=${PG_OS_USER:-postgres}
BASE=$CLUSTERS_DIR/pg
PRIMARY=$BASE/primary
STANDBY=$BASE/standby

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u "$PG_OS_USER" -- "$@")
  else
    "$@"
  fi
}

psql_at() {
  local port=$1; shift
  "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -X -q -tA "$@"
}

# postmaster.pid holds more than the pid; its first line goes to <dir>.pid, beside the data
# directory (inside it, pg_basebackup would copy it), where pid_alive and stop_pid read it.
refresh_pid() { if [ -s "$1/postmaster.pid" ]; then head -n 1 "$1/postmaster.pid" > "$1.pid"; else rm -f "$1.pid"; fi; }
is_running() { [ -d "$1" ] || return 1; refresh_pid "$1"; pid_alive "$1.pid"; }

streaming() {
  [ "$(psql_at "$PG_STANDBY_PORT" -c "select pg_is_in_recovery()" 2>/dev/null)" = t ] &&
    [ "$(psql_at "$PG_PRIMARY_PORT" -c "select count(*) from pg_stat_replication where application_name = 'standby' and state = 'streaming'" 2>/dev/null)" = 1 ]
}

start_server() {
  local dir=$1 name=$2 port=$3
  require_free_ports "$port"
  log "starting the $name on port $port"
  if ! as_pg "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 120 start >/dev/null; then
    tail -n 30 "$dir/server.log" >&2 || true
    die "the $name did not start; see $dir/server.log"
  fi
  refresh_pid "$dir"
}

init_primary() {
  log "initialising the primary in $PRIMARY"
  as_pg "$PG_BIN/initdb" -D "$PRIMARY" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$BASE/initdb.log" 2>&1 || { tail -n 20 "$BASE/initdb.log" >&2; die "initdb failed"; }
  cat >> "$PRIMARY/postgresql.conf" <<CONF

# continuum cluster tests
port = $PG_PRIMARY_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$BASE'
shared_buffers = 128MB
max_connections = 100
wal_level = replica
max_wal_senders = 4
wal_keep_size = 256MB
hot_standby = on
synchronous_standby_names = ''
CONF
}

create_standby() {
  log "copying the primary into $STANDBY (pg_basebackup -R)"
  rm -rf "$STANDBY"
  as_pg "$PG_BIN/pg_basebackup" -D "$STANDBY" -R -X stream -c fast -w \
    -d "host=127.0.0.1 port=$PG_PRIMARY_PORT user=postgres application_name=standby" \
    >"$BASE/basebackup.log" 2>&1 || { tail -n 20 "$BASE/basebackup.log" >&2; die "pg_basebackup failed"; }
  grep -q "application_name=standby" "$STANDBY/postgresql.auto.conf" ||
    die "pg_basebackup -R wrote no primary_conninfo with application_name=standby into $STANDBY/postgresql.auto.conf"
  cat >> "$STANDBY/postgresql.conf" <<CONF

# the standby
port = $PG_STANDBY_PORT
hot_standby_feedback = on
CONF
}

start() {
  need "$PG_BIN/postgres" "install PostgreSQL 15 (or set PG_BIN to its bin directory)"
  need runuser "util-linux's runuser is needed to run PostgreSQL as $PG_OS_USER when started by root"
  if [ "$(id -u)" -eq 0 ]; then id "$PG_OS_USER" >/dev/null 2>&1 || die "no OS user $PG_OS_USER to run PostgreSQL as (set PG_OS_USER)"; fi
  if ! is_running "$PRIMARY" && ! is_running "$STANDBY"; then
    rm -rf "$BASE"
    mkdir -p "$BASE"
    if [ "$(id -u)" -eq 0 ]; then chown "$PG_OS_USER:" "$BASE"; fi
    require_free_ports "$PG_PRIMARY_PORT" "$PG_STANDBY_PORT"
    init_primary
    start_server "$PRIMARY" primary "$PG_PRIMARY_PORT"
    psql_at "$PG_PRIMARY_PORT" -c "create database continuum" || die "could not create database continuum"
    create_standby
    start_server "$STANDBY" standby "$PG_STANDBY_PORT"
  elif ! is_running "$PRIMARY"; then
    [ -f "$PRIMARY/PG_VERSION" ] || die "the standby runs without a primary data directory; run '$0 stop' then '$0 start'"
    start_server "$PRIMARY" primary "$PG_PRIMARY_PORT"
  else
    log "the primary already runs"
    if ! is_running "$STANDBY"; then
      create_standby
      start_server "$STANDBY" standby "$PG_STANDBY_PORT"
    else
      log "the standby already runs"
    fi
  fi
  wait_until 120 streaming || { tail -n 20 "$STANDBY/server.log" >&2 || true; die "the standby does not stream from the primary; see $STANDBY/server.log"; }
  status
}

stop_server() {
  local dir=$1 name=$2
  is_running "$dir" || return 0
  log "stopping the $name"
  as_pg "$PG_BIN/pg_ctl" -D "$dir" -m fast -w -t 60 stop >/dev/null 2>&1 || true
  stop_pid "$dir.pid" 30
  is_running "$dir" && die "the $name still runs (pid $(head -n 1 "$dir/postmaster.pid"))"
  rm -f "$dir.pid"
}

stop() {
  stop_server "$STANDBY" standby
  stop_server "$PRIMARY" primary
  log "stopped (data and logs stay in $BASE until the next start)"
}

status() {
  local ok=0
  if is_running "$PRIMARY"; then
    log "primary: pid $(head -n 1 "$PRIMARY/postmaster.pid"), port $PG_PRIMARY_PORT"
  else
    log "primary: not running"; ok=1
  fi
  if is_running "$STANDBY"; then
    log "standby: pid $(head -n 1 "$STANDBY/postmaster.pid"), port $PG_STANDBY_PORT, in recovery: \
$(psql_at "$PG_STANDBY_PORT" -c "select pg_is_in_recovery()" 2>/dev/null || echo unknown)"
  else
    log "standby: not running"; ok=1
  fi
  if [ $ok -eq 0 ]; then
    local state
    state=$(psql_at "$PG_PRIMARY_PORT" -c "select state || ', replay lag ' || coalesce(replay_lag::text, '0') \
from pg_stat_replication where application_name = 'standby'" 2>/dev/null || true)
    log "replication: ${state:-none}"
    streaming || ok=1
  fi
  return $ok
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
