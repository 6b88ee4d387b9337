# Shared settings and helpers for scripts/setup, run, test, lint and bench.
# Sourced, not executed.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"                 # git-ignored: venv, Odoo source, cluster, filestore
VENV="$LOCAL/venv"
PY="$VENV/bin/python"
ODOO_CFG="${ODOO_RC:-$LOCAL/odoo.conf}"
PGDATA_DIR="$LOCAL/pgdata"
EMBEDDED_PGPORT="${REVISIT_PGPORT:-55432}"
HTTP_PORT="${ODOO_HTTP_PORT:-8069}"
ODOO_BRANCH="19.0"
ODOO_GIT_URL="${ODOO_GIT_URL:-https://github.com/odoo/odoo.git}"
# our addons, one a line in addons.txt (the tests read the same file)
ADDON_LIST=()
while read -r addon; do
    if [ -n "$addon" ]; then ADDON_LIST+=("$addon"); fi
done <"$ROOT/addons.txt"
ADDONS="$(IFS=,; echo "${ADDON_LIST[*]}")"

die() {
    echo "error: $*" >&2
    exit 1
}

say() {
    echo "==> $*"
}

# The Odoo source tree recorded by scripts/setup.
odoo_src() {
    cat "$LOCAL/odoo_src" 2>/dev/null
}

setup_done() {
    [ -x "$PY" ] && [ -f "$LOCAL/setup.stamp" ] && [ -f "$ODOO_CFG" ] \
        && [ "$(cat "$LOCAL/setup.stamp")" = "$(setup_fingerprint)" ]
}

# Re-run set-up whenever requirements or the set-up script change.
setup_fingerprint() {
    cat "$ROOT/requirements.txt" "$ROOT/scripts/setup" | sha1sum | cut -d' ' -f1
}

ensure_setup() {
    setup_done || "$ROOT/scripts/setup" || exit 1
}

# --- PostgreSQL -------------------------------------------------------------
# An external server is used when PGHOST is set or the Odoo config names a
# db_host other than the embedded cluster; otherwise the embedded cluster under
# .local/pgdata is started on loopback.
use_embedded_pg() {
    [ -z "${PGHOST:-}" ] && [ -z "${ODOO_RC:-}" ]
}

as_pg_owner() {
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_bin() {
    local name="$1"
    if command -v "$name" >/dev/null 2>&1; then
        command -v "$name"
        return
    fi
    local candidate
    candidate=$(ls -d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1)
    [ -n "$candidate" ] || die "PostgreSQL's $name was not found. Install the PostgreSQL server (Debian/Ubuntu: apt-get install postgresql)."
    echo "$candidate"
}

pg_start() {
    use_embedded_pg || return 0
    local initdb pg_ctl
    initdb=$(pg_bin initdb)
    pg_ctl=$(pg_bin pg_ctl)
    if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
        die "running as root needs a 'postgres' system user to own the embedded cluster (apt-get install postgresql creates it)."
    fi
    if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
        say "creating the embedded PostgreSQL cluster in .local/pgdata"
        mkdir -p "$PGDATA_DIR"
        [ "$(id -u)" = "0" ] && chown postgres: "$PGDATA_DIR"
        as_pg_owner "$initdb" -D "$PGDATA_DIR" -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 >"$LOCAL/initdb.log" 2>&1 \
            || { cat "$LOCAL/initdb.log" >&2; die "initdb failed"; }
        cat >>"$PGDATA_DIR/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $EMBEDDED_PGPORT
unix_socket_directories = ''
max_connections = 200
shared_buffers = 512MB
fsync = on
EOF
    fi
    if ! as_pg_owner "$pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
        as_pg_owner "$pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 60 start >/dev/null \
            || { tail -n 20 "$PGDATA_DIR/server.log" >&2; die "the embedded PostgreSQL did not start"; }
    fi
}

pg_stop() {
    use_embedded_pg || return 0
    [ -z "${REVISIT_KEEP_PG:-}" ] || return 0
    [ -f "$PGDATA_DIR/PG_VERSION" ] || return 0
    as_pg_owner "$(pg_bin pg_ctl)" -D "$PGDATA_DIR" -m fast -w stop >/dev/null 2>&1 || true
}

# psql against the server Odoo uses.
odoo_psql() {
    if use_embedded_pg; then
        psql -h 127.0.0.1 -p "$EMBEDDED_PGPORT" -U odoo "$@"
    else
        psql "$@"
    fi
}

db_exists() {
    [ "$(odoo_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = "1" ]
}

odoo_bin() {
    "$PY" "$(odoo_src)/odoo-bin" -c "$ODOO_CFG" "$@"
}
