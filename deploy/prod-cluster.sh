#!/usr/bin/env bash
# Two complete nodes on this machine (docs/deployment.md): each is the stack of deploy/prod-local.sh — nginx
# front with its page cache and page files, gunicorn, task workers, scheduler, view counters, beacon spool —
# on its own loopback ports and folder, both sharing one PostgreSQL primary, its streaming replica (readers'
# pages read from it), one Redis (cache, sessions' lookups, counters, the fronts' purge queues) and, when
# MEDIA_STORAGE_URL is set, the object store. Everything lives in var/prod-cluster/ (or $CLUSTER_DIR).
#
#   deploy/prod-cluster.sh start | stop | status
#
# Ports (change with the variables): PostgreSQL primary $CLUSTER_PG_PORT (5442) and replica +1, Redis
# $CLUSTER_REDIS_PORT (6390), node 1 front $NODE1_PORT (8080, refresh +1, app +10), node 2 $NODE2_PORT (8180).
set -euo pipefail

cmd=${1:-start}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VENV=${VENV:-$ROOT/.venv}
DIR=${CLUSTER_DIR:-$ROOT/var/prod-cluster}
# The ports a running cluster was started with (stop and status use them without being told again).
if [ "$cmd" != start ] && [ -f "$DIR/ports.env" ]; then . "$DIR/ports.env"; fi
PG_PORT=${CLUSTER_PG_PORT:-5442}
REPLICA_PORT=${CLUSTER_REPLICA_PORT:-$((PG_PORT + 1))}
REDIS_PORT=${CLUSTER_REDIS_PORT:-6390}
NODE_PORTS=("${NODE1_PORT:-8080}" "${NODE2_PORT:-8180}")
DB_NAME=toasoan

as_postgres() {  # initdb refuses to run as root: the PostgreSQL tools run as the postgres account then
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin_dir() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    if [ -n "$found" ] && [ -x "$found/initdb" ]; then echo "$found"; return; fi
    command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)"
}

stop_cluster() {
    [ -d "$DIR" ] || { echo "Không có gì đang chạy ($DIR không tồn tại)."; return 0; }
    for n in 1 2; do
        [ -d "$DIR/node$n" ] && PROD_RUN_DIR="$DIR/node$n" "$ROOT/deploy/prod-local.sh" stop >/dev/null
    done
    if [ -f "$DIR/redis/redis.pid" ] && kill -0 "$(cat "$DIR/redis/redis.pid")" 2>/dev/null; then
        redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill "$(cat "$DIR/redis/redis.pid")"
    fi
    local bin; bin=$(pg_bin_dir || true)
    for data in "$DIR/pg-replica" "$DIR/pg-primary"; do
        if [ -n "$bin" ] && [ -f "$data/postmaster.pid" ]; then
            as_postgres "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null || true
        fi
    done
    echo "Đã dừng cụm hai máy (dữ liệu còn trong $DIR; xóa thư mục đó để làm lại từ đầu)."
}

status_cluster() {
    for n in 1 2; do
        port=${NODE_PORTS[$((n - 1))]}
        code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/" 2>/dev/null || true)
        echo "Máy $n: http://127.0.0.1:$port/ → $code"
    done
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | sed 's/^/Redis: /' || echo "Redis: không trả lời"
    psql -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -Atc "SELECT 'Bản sao: ' || CASE WHEN pg_is_in_recovery() THEN 'đang theo CSDL chính' ELSE 'độc lập' END" "$DB_NAME" 2>/dev/null || echo "Bản sao: không trả lời"
}

case "$cmd" in
    stop) stop_cluster; exit 0 ;;
    status) status_cluster; exit 0 ;;
    start) ;;
    *) echo "Dùng: $0 start|stop|status" >&2; exit 2 ;;
esac

# What this needs, and how to get it (nothing is installed silently).
missing=()
PG_BIN=$(pg_bin_dir || true)
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/pg_ctl" ] || [ ! -x "$PG_BIN/pg_basebackup" ]; then
    missing+=("postgresql (pg_ctl, initdb, pg_basebackup)")
fi
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=("nginx")
command -v redis-server >/dev/null 2>&1 || missing+=("redis-server")
command -v psql >/dev/null 2>&1 || missing+=("postgresql-client (psql)")
command -v curl >/dev/null 2>&1 || missing+=("curl")
if [ ${#missing[@]} -gt 0 ]; then
    echo "Thiếu chương trình để chạy cụm hai máy:" >&2
    for m in "${missing[@]}"; do echo "  - $m" >&2; done
    echo "Cài trên Debian/Ubuntu bằng: sudo apt-get install postgresql postgresql-client nginx redis-server curl" >&2
    echo "(không cần bật các dịch vụ hệ thống đó: script tự chạy PostgreSQL và Redis riêng trong $DIR)" >&2
    exit 2
fi
[ -x "$VENV/bin/python" ] || { echo "Chưa có môi trường Python $VENV: chạy make setup trước." >&2; exit 2; }
if [ -f "$DIR/node1/supervise.pid" ] && kill -0 "$(cat "$DIR/node1/supervise.pid")" 2>/dev/null; then
    echo "Cụm đang chạy rồi. Dừng bằng: make prod-cluster-stop" >&2; exit 1
fi
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$PG_PORT" "$REPLICA_PORT" "$REDIS_PORT"; do
    if port_busy "$port"; then
        echo "Cổng $port đã có chương trình khác dùng. Chọn cổng khác: CLUSTER_PG_PORT=… CLUSTER_REDIS_PORT=… make prod-cluster" >&2
        exit 1
    fi
done

mkdir -p "$DIR/pg-logs"
chmod 755 "$DIR"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR/pg-logs"
cat > "$DIR/ports.env" <<PORTS
CLUSTER_PG_PORT=$PG_PORT
CLUSTER_REPLICA_PORT=$REPLICA_PORT
CLUSTER_REDIS_PORT=$REDIS_PORT
NODE1_PORT=${NODE_PORTS[0]}
NODE2_PORT=${NODE_PORTS[1]}
PORTS

# PostgreSQL: a primary, then a streaming replica copied from it with pg_basebackup -R (made once, kept).
if [ ! -f "$DIR/pg-primary/PG_VERSION" ]; then
    echo "Tạo CSDL chính (PostgreSQL) trong $DIR/pg-primary …"
    mkdir -p "$DIR/pg-primary"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR/pg-primary"
    as_postgres "$PG_BIN/initdb" -D "$DIR/pg-primary" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    cat >> "$DIR/pg-primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$DIR/pg-logs'
max_connections = 200
wal_level = replica
max_wal_senders = 10
CONF
fi
as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pg-primary" -l "$DIR/pg-logs/primary.log" -w -t 60 start >/dev/null
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" postgres \
    | grep -q 1 || psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE $DB_NAME" postgres
if [ ! -f "$DIR/pg-replica/PG_VERSION" ]; then
    echo "Tạo bản sao đọc (pg_basebackup -R) trong $DIR/pg-replica …"
    rm -rf "$DIR/pg-replica"
    mkdir -p "$DIR/pg-replica"
    chmod 700 "$DIR/pg-replica"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR/pg-replica"
    as_postgres "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U postgres -D "$DIR/pg-replica" -R -X stream -c fast
    cat >> "$DIR/pg-replica/postgresql.conf" <<CONF
port = $REPLICA_PORT
unix_socket_directories = '$DIR/pg-logs'
hot_standby = on
CONF
fi
as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pg-replica" -l "$DIR/pg-logs/replica.log" -w -t 60 start >/dev/null

# Redis, shared by both nodes.
mkdir -p "$DIR/redis"
redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$DIR/redis" \
    --pidfile "$DIR/redis/redis.pid" --logfile "$DIR/redis/redis.log" --save "" --appendonly no
for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

# One secret for both nodes: a session, a form or a view token made on one node is good on the other.
if [ ! -s "$DIR/secret_key" ]; then
    (umask 077; "$VENV/bin/python" -c "import secrets; print(secrets.token_urlsafe(50))" > "$DIR/secret_key")
fi

export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/$DB_NAME"
export DATABASE_REPLICA_URL="postgres://postgres@127.0.0.1:$REPLICA_PORT/$DB_NAME"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
# Uploads: one folder (var/media) on one machine; on several, the object store (MEDIA_STORAGE_URL, passed on).
if [ -n "${MEDIA_STORAGE_URL:-}" ]; then
    export MEDIA_STORAGE_URL
    echo "Ảnh và tệp tải lên: kho đối tượng MEDIA_STORAGE_URL (docs/deployment.md)."
fi
for n in 1 2; do
    port=${NODE_PORTS[$((n - 1))]}
    mkdir -p "$DIR/node$n"
    cp "$DIR/secret_key" "$DIR/node$n/secret_key"
    echo "Khởi động máy $n (cổng $port) …"
    VENV=$VENV PROD_RUN_DIR="$DIR/node$n" PROD_PORT=$port REFRESH_PORT=$((port + 1)) APP_PORT=$((port + 10)) \
        FRONT_NAME="node$n" BASE_URL=${BASE_URL:-http://127.0.0.1:${NODE_PORTS[0]}} \
        "$ROOT/deploy/prod-local.sh" start | sed "s/^/  [máy $n] /"
done
echo
echo "Cụm hai máy đang chạy:"
echo "  máy 1: http://127.0.0.1:${NODE_PORTS[0]}/   máy 2: http://127.0.0.1:${NODE_PORTS[1]}/"
echo "  CSDL chính 127.0.0.1:$PG_PORT, bản sao đọc 127.0.0.1:$REPLICA_PORT, Redis 127.0.0.1:$REDIS_PORT"
echo "  Dừng bằng: make prod-cluster-stop"
