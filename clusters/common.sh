# Helpers shared by the cluster scripts; sourced, not run.

# Where the clusters keep their data, sockets and logs. Not under a Maven target folder, so that
# `mvn clean` cannot delete the files of running servers.
CLUSTERS_DIR=${CONTINUUM_CLUSTERS_DIR:-${TMPDIR:-/tmp}/continuum-clusters-$(id -un)}

log() { printf '[%s] %s\n' "$SCRIPT" "$*"; }
die() { printf '[%s] ERROR: %s\n' "$SCRIPT" "$*" >&2; exit 1; }

need() {
  local program=$1 hint=$2
  command -v "$program" >/dev/null 2>&1 || [ -e "$program" ] || die "$program not found: $hint"
}

# Whether something listens on a loopback TCP port.
port_in_use() {
  ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
}

# Fails when one of the ports is taken, naming the process where ss can see it.
require_free_ports() {
  local port
  for port in "$@"; do
    if port_in_use "$port"; then
      die "port $port is already in use ($(ss -Hltnp "sport = :$port" | sed 's/.*users://' | head -n 1)); \
choose other ports (see the variables at the top of $SCRIPT) or stop what uses it"
    fi
  done
}

# Whether the process of a pid file is alive.
pid_alive() {
  local file=$1
  [ -s "$file" ] && kill -0 "$(cat "$file")" 2>/dev/null
}

# Waits up to $1 seconds for a command to succeed.
wait_until() {
  local seconds=$1; shift
  local i
  for ((i = 0; i < seconds * 4; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  return 1
}

# Stops the process of a pid file: TERM, then KILL after $2 seconds. Only that pid is signalled.
stop_pid() {
  local file=$1 seconds=$2 pid
  pid_alive "$file" || return 0
  pid=$(cat "$file")
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_until "$seconds" bash -c "! kill -0 $pid"; then
    log "process $pid did not stop within ${seconds}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait_until 10 bash -c "! kill -0 $pid" || die "process $pid survived SIGKILL"
  fi
}
