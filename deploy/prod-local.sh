#!/usr/bin/env bash
# The production stack on loopback: nginx (Debian package) on 127.0.0.1:$PROD_PORT in front of gunicorn,
# the task workers, the scheduler (publishing on time), the view-count flusher, the beacon spool reader and the
# page-file janitor, all children of one `toasoan supervise` that restarts any of them that dies (the Procfile
# it runs is written to $RUN_DIR/Procfile). "stop" stops the supervisor, which stops nginx first, then the rest.
#
# Nothing is installed silently: missing Debian packages are listed and the script stops, unless
# PROD_LOCAL_INSTALL=1 and it runs as root (CI), in which case it runs apt-get install for them.
set -euo pipefail

cmd=${1:-start}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VENV=${VENV:-$ROOT/.venv}
RUN_DIR=${PROD_RUN_DIR:-$ROOT/var/prod-local}
PROD_PORT=${PROD_PORT:-8080}
REFRESH_PORT=${REFRESH_PORT:-8081}
APP_PORT=${APP_PORT:-8090}
WEB_WORKERS=${WEB_WORKERS:-2}
WEB_THREADS=${WEB_THREADS:-4}

SCHEDULER_INTERVAL=${SCHEDULER_INTERVAL:-5}

stop_pid() {  # stop_pid PIDFILE SIGNAL: signal, wait up to 60 s, then kill
    local pidfile=$1 sig=$2 pid
    [ -f "$pidfile" ] || return 0
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
        kill "-$sig" "$pid"
        for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    fi
    rm -f "$pidfile"
}

stop_all() {
    [ -d "$RUN_DIR" ] || { echo "Không có gì đang chạy ($RUN_DIR không tồn tại)."; return 0; }
    # The supervisor stops its programs in reverse order: nginx first (graceful: in-flight beacons are written),
    # then the page janitor and the spool reader, whose last pass reads what nginx wrote, then the rest.
    stop_pid "$RUN_DIR/supervise.pid" TERM
    # Left from a stack started before the supervisor (or a supervisor killed with SIGKILL).
    [ -f "$RUN_DIR/nginx.pid" ] && kill -QUIT "$(cat "$RUN_DIR/nginx.pid")" 2>/dev/null || true
    for _ in $(seq 1 25); do [ -f "$RUN_DIR/nginx.pid" ] || break; sleep 0.2; done
    for name in web worker publisher scheduler flusher spool pages agent front; do
        stop_pid "$RUN_DIR/$name.pid" TERM
    done
    echo "Đã dừng bộ máy production cục bộ."
}

if [ "$cmd" = stop ]; then stop_all; exit 0; fi

missing=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "${PROD_LOCAL_INSTALL:-0}" = 1 ] && [ "$(id -u)" = 0 ]; then
        apt-get install -y --no-install-recommends "${missing[@]}"
    else
        echo "Thiếu gói Debian: ${missing[*]}. Cài bằng: sudo apt-get install ${missing[*]}" >&2
        echo "(hoặc chạy với PROD_LOCAL_INSTALL=1 dưới quyền root để script tự cài)" >&2
        exit 2
    fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$VENV/bin/python" ] || { echo "Chưa có môi trường Python $VENV: chạy make setup trước." >&2; exit 2; }
[ -n "${DATABASE_URL:-}" ] || echo "Cảnh báo: không có DATABASE_URL, dùng SQLite trong var/ (production nên dùng PostgreSQL)."
[ -n "${REDIS_URL:-}" ] || echo "Cảnh báo: không có REDIS_URL, bộ đếm lượt đọc ghi thẳng vào CSDL."
for pidfile in "$RUN_DIR/supervise.pid" "$RUN_DIR/web.pid"; do
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        echo "Đang chạy rồi ($pidfile). make prod-local-stop để dừng." >&2; exit 1
    fi
done

mkdir -p "$RUN_DIR"/{cache,pages,static-copy,beacons,client_body,proxy_temp,fastcgi_temp,uwsgi_temp,scgi_temp}
if [ ! -s "$RUN_DIR/secret_key" ]; then
    (umask 077; "$VENV/bin/python" -c "import secrets; print(secrets.token_urlsafe(50))" > "$RUN_DIR/secret_key")
fi
export SECRET_KEY; SECRET_KEY=$(cat "$RUN_DIR/secret_key")
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-toasoan.settings.production}
export SECURE_COOKIES=${SECURE_COOKIES:-0}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
export PAGE_CACHE=${PAGE_CACHE:-front}
export PAGE_CACHE_SECONDS=${PAGE_CACHE_SECONDS:-60}
export FRONT_REFRESH_URL=${FRONT_REFRESH_URL:-http://127.0.0.1:$REFRESH_PORT}
export SERVE_MEDIA=0
export PAGE_FILES_DIR=${PAGE_FILES_DIR:-$RUN_DIR/pages}   # pages nginx serves as files while fresh
# Beacons that reach the app directly (not through nginx) go to nginx's spool folder, read by the same reader.
export BEACON_SPOOL_DIR=${BEACON_SPOOL_DIR:-$RUN_DIR/beacons}
export BASE_URL=${BASE_URL:-http://127.0.0.1:$PROD_PORT}

"$VENV/bin/toasoan" migrate --noinput >/dev/null
"$VENV/bin/toasoan" collectstatic --noinput >/dev/null
MEDIA_ROOT=$("$VENV/bin/python" -c "import django; django.setup(); from django.conf import settings; print(settings.MEDIA_ROOT)")
mkdir -p "$MEDIA_ROOT"

# The front's configuration from deploy/nginx/ and the settings: the reader pages' CSP (with MEDIA_URL's origin),
# /uploads/ from MEDIA_ROOT or, with MEDIA_STORAGE_URL, fetched from the bucket and kept.
"$VENV/bin/toasoan" front_config --run-dir "$RUN_DIR" --app "127.0.0.1:$APP_PORT" --listen "127.0.0.1:$PROD_PORT" \
    --refresh-listen "127.0.0.1:$REFRESH_PORT" --page-files "$PAGE_FILES_DIR" --output "$RUN_DIR/nginx.conf"
"$NGINX" -t -q -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR"

cd "$ROOT"
export LOG_FORMAT=${LOG_FORMAT:-json}
# One line per program; `toasoan supervise` starts them in this order, restarts any that exits and stops them in
# the reverse order. On a server the same commands are systemd units (deploy/systemd/). The worker does the bulk
# work (what imports, setup and reindex queue): run as root, the supervisor starts it in the idle CPU group
# (--behind-readers), so readers never wait for it; publication tasks are the publisher's alone, never stuck behind
# readers in that group. The front (nginx) runs at the lowest real-time priority when root (--readers-first): a
# reader's request never waits behind an ordinary process (the database, the kernel's workers).
# glibc gives each thread its own malloc arena; two arenas keep a threaded worker's memory ~100 MB smaller.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
cat > "$RUN_DIR/Procfile" <<PROCFILE
web: $VENV/bin/python -m gunicorn toasoan.analytics.wsgi:application --bind 127.0.0.1:$APP_PORT --workers $WEB_WORKERS --worker-class gthread --threads $WEB_THREADS --keep-alive 75 --graceful-timeout 10 --max-requests 0
worker: $VENV/bin/toasoan db_worker --queue-name * --exclude-queues publication --interval 1 --no-startup-delay
publisher: $VENV/bin/toasoan db_worker --queue-name publication --interval 0.5 --no-startup-delay
scheduler: $VENV/bin/toasoan run_scheduler --interval $SCHEDULER_INTERVAL
flusher: $VENV/bin/toasoan flush_views --every 5
spool: $VENV/bin/toasoan spool_views --dir $RUN_DIR/beacons --every 1
pages: $VENV/bin/toasoan expire_page_files --every 1
PROCFILE
# One node of several (deploy/prod-cluster.sh, docs/deployment.md): its front registers under FRONT_NAME and
# re-renders what every node's purges name.
if [ -n "${FRONT_NAME:-}" ]; then
    echo "agent: $VENV/bin/toasoan front_agent --name $FRONT_NAME --refresh-url http://127.0.0.1:$REFRESH_PORT" \
        >> "$RUN_DIR/Procfile"
fi
echo "front: $NGINX -c $RUN_DIR/nginx.conf -p $RUN_DIR -g \"daemon off;\"" >> "$RUN_DIR/Procfile"
rm -f "$RUN_DIR/nginx.pid"
nohup "$VENV/bin/toasoan" supervise --procfile "$RUN_DIR/Procfile" --pid-dir "$RUN_DIR" --log-dir "$RUN_DIR" \
    --stop-signal front=QUIT --behind-readers worker --readers-first front > "$RUN_DIR/supervise.log" 2>&1 &
echo $! > "$RUN_DIR/supervise.pid"

for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$APP_PORT/" 2>/dev/null && break
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APP_PORT/" 2>/dev/null || true)
    [ "$code" != "000" ] && break
    sleep 0.2
done
echo "Trang báo (production cục bộ): http://127.0.0.1:$PROD_PORT/  — dừng bằng: make prod-local-stop"
for _ in $(seq 1 50); do [ -f "$RUN_DIR/nginx.pid" ] && break; sleep 0.2; done
echo "Tiến trình (giám sát $(cat "$RUN_DIR/supervise.pid"), tự khởi động lại khi dừng): nginx $(cat "$RUN_DIR/front.pid" 2>/dev/null), gunicorn $(cat "$RUN_DIR/web.pid" 2>/dev/null), worker $(cat "$RUN_DIR/worker.pid" 2>/dev/null) và $(cat "$RUN_DIR/publisher.pid" 2>/dev/null), lịch đăng bài $(cat "$RUN_DIR/scheduler.pid" 2>/dev/null), flusher $(cat "$RUN_DIR/flusher.pid" 2>/dev/null), spool $(cat "$RUN_DIR/spool.pid" 2>/dev/null), tệp trang $(cat "$RUN_DIR/pages.pid" 2>/dev/null)"
