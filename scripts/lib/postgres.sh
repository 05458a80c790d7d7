# Sourced by scripts: installs PostgreSQL if missing and starts a throwaway server on a free
# loopback port, stopped (and its folder removed) when the script exits.
#
#   source scripts/lib/postgres.sh
#   start_throwaway_postgres          # sets POSTGRES_ADMIN_URL; adds an EXIT trap

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)

# Installs the Debian package when initdb is missing; the service it starts is stopped.
ensure_postgres_installed() {
    [[ -n "$pg_bin" && -x "$pg_bin/initdb" ]] && return 0
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    (service postgresql stop || true) >/dev/null 2>&1
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
}

start_throwaway_postgres() {
    ensure_postgres_installed
    pg_dir=$(mktemp -d /tmp/bulletin-pg.XXXXXX)
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    as_pg=()
    if [[ $(id -u) == 0 ]]; then
        # initdb refuses to run as root: run the server as the postgres user.
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
        chown postgres "$pg_dir"
        as_pg=(runuser -u postgres --)
    fi
    trap stop_throwaway_postgres EXIT
    "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust --no-sync -E UTF8 >/dev/null
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w start \
        -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=1000" >/dev/null
    POSTGRES_ADMIN_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
    echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
}

stop_throwaway_postgres() {
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
}
