#!/usr/bin/env bash
# A three-node MariaDB Galera cluster on loopback ports, for the cluster tests.
#
#   clusters/galera.sh start    bootstrap node 1, join nodes 2 and 3 (rsync SST); waits until all are Synced
#   clusters/galera.sh stop     shut the nodes down (3, 2, 1); nothing keeps running
#   clusters/galera.sh status   each node's process and Galera state; exit 0 only when all three are Synced
#
# Each node has its own data directory under $CONTINUUM_CLUSTERS_DIR/galera/node<n>. `start` on a
# stopped cluster starts from empty data directories with a database `continuum` (user root, no
# password, from 127.0.0.1); `start` on a running cluster starts only the nodes that are down.
#
# Ports (loopback only): SQL $GALERA_SQL_PORT + n - 1 (23306-23308); group communication
# $GALERA_GROUP_PORT + 10 (n - 1) (24567, 24577, 24587), IST on that port + 1, SST on + 2.
set -euo pipefail
SCRIPT=galera
. "$(dirname "$0")/common.sh"

GALERA_SQL_PORT=${GALERA_SQL_PORT:-23306}
GALERA_GROUP_PORT=${GALERA_GROUP_PORT:-24567}
GALERA_PROVIDER=${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}
MARIADBD=${MARIADBD:-/usr/sbin/mariadbd}
NODES=(1 2 3)
BASE=$CLUSTERS_DIR/galera

sql_port() { echo $((GALERA_SQL_PORT + $1 - 1)); }
group_port() { echo $((GALERA_GROUP_PORT + 10 * ($1 - 1))); }
node_dir() { echo "$BASE/node$1"; }
socket() { echo "$(node_dir "$1")/mysqld.sock"; }
pid_file() { echo "$(node_dir "$1")/mysqld.pid"; }

# Started by root, the nodes run as $GALERA_OS_USER (mysql): rsync's SST daemon, started by the
# joining node, drops root to "nobody", which cannot write the joiner's data directory. Started by
# another user, they run as that user.
GALERA_OS_USER=${GALERA_OS_USER:-mysql}
user_option() { if [ "$(id -u)" -eq 0 ]; then echo "--user=$GALERA_OS_USER"; fi; }
own() { if [ "$(id -u)" -eq 0 ]; then chown -R "$GALERA_OS_USER:" "$@"; fi; }

client() {
  local node=$1; shift
  mariadb --no-defaults --socket="$(socket "$node")" -uroot --batch --skip-column-names "$@"
}

status_var() {
  client "$1" -e "show global status like '$2'" 2>/dev/null | cut -f2
}

running() { pid_alive "$(pid_file "$1")"; }
synced() { [ "$(status_var "$1" wsrep_local_state_comment)" = Synced ] && [ "$(status_var "$1" wsrep_ready)" = ON ]; }

write_config() {
  local node=$1 dir addresses="" n
  dir=$(node_dir "$node")
  for n in "${NODES[@]}"; do addresses+="${addresses:+,}127.0.0.1:$(group_port "$n")"; done
  cat > "$dir/my.cnf" <<CNF
[mysqld]
datadir = $dir/data
socket = $dir/mysqld.sock
pid-file = $dir/mysqld.pid
log-error = $dir/error.log
port = $(sql_port "$node")
bind-address = 127.0.0.1
skip-name-resolve
character-set-server = utf8mb4
collation-server = utf8mb4_general_ci
default-storage-engine = InnoDB
innodb_buffer_pool_size = 128M
innodb_log_file_size = 64M
innodb_flush_log_at_trx_commit = 2
innodb_autoinc_lock_mode = 2
performance_schema = OFF
max_connections = 200

# Galera
binlog_format = ROW
wsrep_on = ON
wsrep_provider = $GALERA_PROVIDER
wsrep_cluster_name = continuum
wsrep_cluster_address = gcomm://$addresses
wsrep_node_name = node$node
wsrep_node_address = 127.0.0.1:$(group_port "$node")
wsrep_node_incoming_address = 127.0.0.1:$(sql_port "$node")
wsrep_provider_options = "gmcast.listen_addr=tcp://127.0.0.1:$(group_port "$node");ist.recv_addr=127.0.0.1:$(($(group_port "$node") + 1));gcache.size=64M"
wsrep_sst_method = rsync
wsrep_sst_receive_address = 127.0.0.1:$(($(group_port "$node") + 2))
CNF
}

start_node() {
  local node=$1 bootstrap=${2:-} dir
  dir=$(node_dir "$node")
  require_free_ports "$(sql_port "$node")" "$(group_port "$node")" "$(($(group_port "$node") + 1))" \
    "$(($(group_port "$node") + 2))"
  write_config "$node"
  log "starting node $node (SQL port $(sql_port "$node"), group port $(group_port "$node"))${bootstrap:+, bootstrapping a new cluster}"
  mkdir -p "$dir/data"
  own "$dir"
  # shellcheck disable=SC2046
  setsid "$MARIADBD" --defaults-file="$dir/my.cnf" $(user_option) ${bootstrap:+--wsrep-new-cluster} \
    >>"$dir/console.log" 2>&1 </dev/null &
  local pid=$! i
  for ((i = 0; i < 180 * 4; i++)); do
    synced "$node" && break
    if ! kill -0 "$pid" 2>/dev/null; then
      log "node $node exited while starting; last lines of its logs:"
      tail -n 30 "$dir/console.log" "$dir/error.log" >&2 2>/dev/null || true
      die "node $node failed to start; \`$0 stop\` stops the nodes that still run"
    fi
    sleep 0.25
  done
  if ! synced "$node"; then
    log "node $node did not reach Galera state Synced within 180 s; last lines of $dir/error.log:"
    tail -n 30 "$dir/error.log" >&2 || true
    die "node $node failed to start; \`$0 stop\` stops the nodes that still run"
  fi
  log "node $node Synced (cluster size $(status_var "$node" wsrep_cluster_size))"
}

bootstrap() {
  local dir
  dir=$(node_dir 1)
  log "initialising node 1 in $dir/data"
  mkdir -p "$dir"
  own "$dir"
  # shellcheck disable=SC2046
  mariadb-install-db --no-defaults --datadir="$dir/data" $(user_option) --auth-root-authentication-method=normal \
    --skip-test-db >"$dir/install.log" 2>&1 || { tail -n 20 "$dir/install.log" >&2; die "mariadb-install-db failed"; }
  start_node 1 bootstrap
  # the tests connect over TCP from 127.0.0.1; these statements replicate to the joiners
  client 1 -e "create user if not exists 'root'@'127.0.0.1';
    grant all privileges on *.* to 'root'@'127.0.0.1' with grant option;
    create database if not exists continuum"
}

start() {
  need "$MARIADBD" "install the mariadb-server package"
  need "$GALERA_PROVIDER" "install the galera-4 package (or set GALERA_PROVIDER)"
  need rsync "install rsync: it carries the state snapshot transfer (SST) to joining nodes"
  need mariadb-install-db "install the mariadb-server package"
  local node any=
  for node in "${NODES[@]}"; do running "$node" && any=yes; done
  if [ -z "$any" ]; then
    rm -rf "$BASE"
    mkdir -p "$BASE"
    bootstrap
    for node in "${NODES[@]:1}"; do mkdir -p "$(node_dir "$node")"; start_node "$node"; done
  else
    for node in "${NODES[@]}"; do
      if running "$node"; then
        wait_until 120 synced "$node" || die "node $node runs but is not Synced: see $(node_dir "$node")/error.log"
        log "node $node already running"
      else
        mkdir -p "$(node_dir "$node")"
        start_node "$node"
      fi
    done
  fi
  status
}

stop() {
  local node
  for node in 3 2 1; do
    running "$node" || continue
    log "stopping node $node"
    client "$node" -e "shutdown" >/dev/null 2>&1 || true
    stop_pid "$(pid_file "$node")" 60
  done
  for node in "${NODES[@]}"; do
    running "$node" && die "node $node is still running (pid $(cat "$(pid_file "$node")"))"
  done
  log "stopped (data and logs stay in $BASE until the next start)"
}

status() {
  local node all=0
  for node in "${NODES[@]}"; do
    if running "$node"; then
      log "node $node: pid $(cat "$(pid_file "$node")"), port $(sql_port "$node"), \
state $(status_var "$node" wsrep_local_state_comment), cluster size $(status_var "$node" wsrep_cluster_size), \
ready $(status_var "$node" wsrep_ready)"
      synced "$node" || all=1
    else
      log "node $node: not running"
      all=1
    fi
  done
  return $all
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
