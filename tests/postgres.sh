#!/usr/bin/env bash
# A private PostgreSQL 15 for the tests and benches: initdb into a fresh
# folder of /tmp, a loopback port and a socket directory there, trust
# authentication for the user "glossa" (loopback only). PostgreSQL refuses
# to run as root: as root, the server runs as "nobody" in a folder it owns.
# DIR keeps what a later call needs: "uri" and "home" (the server's folder).
#   postgres.sh start DIR [--durable]   prints the admin URI (database "postgres")
#   postgres.sh stop DIR                stops it (idempotent); removes its folder
#   postgres.sh pause DIR / resume DIR  stops it keeping its data / starts it again
#                                       on the same port (an outage, for the tests)
# --durable keeps fsync and synchronous commit (the benches); the tests turn
# them off: a test's database lives only as long as the test.
set -euo pipefail
cmd=${1:?usage: postgres.sh start|stop DIR [--durable]}
dir=${2:?usage: postgres.sh start|stop DIR [--durable]}
durable=${3:-}
bin=/usr/lib/postgresql/15/bin
[[ -x $bin/pg_ctl ]] || { echo "postgres.sh: PostgreSQL 15 is not installed (apt-get install postgresql-15)" >&2; exit 3; }

# Absolute, then leave the caller's folder: the server's user may not enter it.
self=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
[[ $cmd == start ]] && mkdir -p "$dir"
[[ -d $dir ]] && dir=$(cd "$dir" && pwd)
cd /

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; else "$@"; fi
}

case $cmd in
  start)
    [[ -f $dir/home ]] && bash "$self" stop "$dir"  # one left by a run that was killed
    home=$(mktemp -d /tmp/glossa-pg.XXXXXX)
    echo "$home" > "$dir/home"
    [[ $(id -u) -eq 0 ]] && chown nobody:nogroup "$home"
    as_owner "$bin/initdb" -D "$home/data" -U glossa --auth=trust -E UTF8 --locale=C.UTF-8 >"$home/initdb.log" 2>&1 ||
      { cat "$home/initdb.log" >&2; exit 1; }
    # A free loopback port: the kernel picks it.
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$home -c max_connections=200"
    [[ $durable == --durable ]] || opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    as_owner "$bin/pg_ctl" -D "$home/data" -o "$opts" -l "$home/server.log" -w -t 60 start >/dev/null ||
      { cat "$home/server.log" >&2; exit 1; }
    echo "$opts" > "$dir/opts"
    echo "postgresql://glossa@127.0.0.1:$port/postgres" > "$dir/uri"
    cat "$dir/uri"
    ;;
  stop)
    [[ -f $dir/home ]] || exit 0
    home=$(cat "$dir/home")
    [[ -d $home/data ]] && as_owner "$bin/pg_ctl" -D "$home/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$home" "$dir/home" "$dir/uri" "$dir/opts"
    ;;
  pause)
    as_owner "$bin/pg_ctl" -D "$(cat "$dir/home")/data" -m fast -w stop >/dev/null
    ;;
  resume)
    home=$(cat "$dir/home")
    as_owner "$bin/pg_ctl" -D "$home/data" -o "$(cat "$dir/opts")" -l "$home/server.log" -w -t 60 start >/dev/null
    ;;
  *) echo "usage: postgres.sh start|stop|pause|resume DIR [--durable]" >&2; exit 2 ;;
esac
