#!/usr/bin/env bash
# A private PostgreSQL cluster on this machine, for the tests, the benchmarks and for trying Eps on PostgreSQL by hand.
# Installs Debian's PostgreSQL when it is missing, creates the cluster in a folder of its own (as the postgres user when
# run as root: initdb refuses root), starts it on a free loopback port with trust authentication on loopback only, and
# prints the connection string. Nothing outside the folder is touched; `stop` ends the server and deletes the folder.
#
#   deploy/postgres.sh start [DIR] [-c name=value ...]   # prints: Host=127.0.0.1;Port=N;Username=postgres;Database=eps
#   deploy/postgres.sh stop DIR
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

install_postgres() {
  [ -n "$(pg_bin)" ] && return
  echo "==> Installing Debian's PostgreSQL" >&2
  # Only the server binaries are wanted: no system-wide cluster on port 5432.
  as_root mkdir -p /etc/postgresql-common
  echo "create_main_cluster = false" | as_root tee /etc/postgresql-common/createcluster.conf >/dev/null
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
}

# Runs a PostgreSQL binary as the owner of the cluster folder.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port=55432
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

case "${1:-}" in
  start)
    install_postgres
    bin=$(pg_bin)
    dir=${2:-$(mktemp -d /tmp/eps-pg.XXXXXX)}
    shift $(( $# >= 2 ? 2 : 1 ))
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    chmod 700 "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    port=$(free_port)
    # synchronous_commit=off is PostgreSQL's counterpart of SQLite's synchronous=NORMAL in WAL mode, the embedded
    # default's setting: a crash of the app loses nothing committed, a power cut may lose the last few commits.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c synchronous_commit=off $*" start >/dev/null
    echo "$port" >"$dir/port"
    as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qtAc "CREATE DATABASE eps" >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=eps"
    ;;
  stop)
    dir=${2:?usage: deploy/postgres.sh stop DIR}
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: deploy/postgres.sh start [DIR] [-c name=value ...] | stop DIR" >&2
    exit 2
    ;;
esac
