#!/usr/bin/env bash
# The production stack on loopback: nginx (Debian package) on 127.0.0.1:$PROD_PORT in front of gunicorn,
# the task worker, the view-count flusher, the beacon spool reader and the page-file janitor. "stop" stops exactly
# the processes "start" recorded.
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

stop_all() {
    [ -d "$RUN_DIR" ] || { echo "Không có gì đang chạy ($RUN_DIR không tồn tại)."; return 0; }
    if [ -f "$RUN_DIR/nginx.pid" ]; then
        kill -QUIT "$(cat "$RUN_DIR/nginx.pid")" 2>/dev/null || true
    fi
    # nginx first: the spool reader's graceful stop then reads every beacon nginx acknowledged.
    for _ in $(seq 1 25); do [ -f "$RUN_DIR/nginx.pid" ] || break; sleep 0.2; done
    for name in web worker flusher spool pages; do
        pidfile="$RUN_DIR/$name.pid"
        [ -f "$pidfile" ] || continue
        pid=$(cat "$pidfile")
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid"
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
            kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
        fi
        rm -f "$pidfile"
    done
    for _ in $(seq 1 25); do [ -f "$RUN_DIR/nginx.pid" ] || break; sleep 0.2; done
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
if [ -f "$RUN_DIR/web.pid" ] && kill -0 "$(cat "$RUN_DIR/web.pid")" 2>/dev/null; then
    echo "Đang chạy rồi ($RUN_DIR/web.pid). make prod-local-stop để dừng." >&2; exit 1
fi

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
export BASE_URL=${BASE_URL:-http://127.0.0.1:$PROD_PORT}

"$VENV/bin/toasoan" migrate --noinput >/dev/null
"$VENV/bin/toasoan" collectstatic --noinput >/dev/null
STATIC_ROOT=$("$VENV/bin/python" -c "import django; django.setup(); from django.conf import settings; print(settings.STATIC_ROOT)")
MEDIA_ROOT=$("$VENV/bin/python" -c "import django; django.setup(); from django.conf import settings; print(settings.MEDIA_ROOT)")
mkdir -p "$MEDIA_ROOT"

user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
sed -e "s#@USER_LINE@#$user_line#" -e "s#@RUN_DIR@#$RUN_DIR#g" -e "s#@APP_ADDR@#127.0.0.1:$APP_PORT#" \
    -e "s#@LISTEN@#127.0.0.1:$PROD_PORT#" -e "s#@REFRESH_LISTEN@#127.0.0.1:$REFRESH_PORT#" \
    -e "s#@STATIC_ROOT@#$STATIC_ROOT#" -e "s#@MEDIA_ROOT@#$MEDIA_ROOT#" -e "s#@PAGE_FILES_DIR@#$PAGE_FILES_DIR#g" \
    "$ROOT/deploy/nginx/toasoan.conf.template" > "$RUN_DIR/nginx.conf"
"$NGINX" -t -q -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR"

cd "$ROOT"
# glibc gives each thread its own malloc arena; two arenas keep a threaded worker's memory ~100 MB smaller.
MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} nohup "$VENV/bin/python" -m gunicorn toasoan.analytics.wsgi:application --bind "127.0.0.1:$APP_PORT" \
    --workers "$WEB_WORKERS" --worker-class gthread --threads "$WEB_THREADS" --keep-alive 75 \
    --graceful-timeout 10 --max-requests 0 > "$RUN_DIR/web.log" 2>&1 &
echo $! > "$RUN_DIR/web.pid"
nohup "$VENV/bin/toasoan" db_worker --interval 1 --no-startup-delay > "$RUN_DIR/worker.log" 2>&1 &
echo $! > "$RUN_DIR/worker.pid"
nohup "$VENV/bin/toasoan" flush_views --every 5 > "$RUN_DIR/flusher.log" 2>&1 &
echo $! > "$RUN_DIR/flusher.pid"
nohup "$VENV/bin/toasoan" spool_views --dir "$RUN_DIR/beacons" --every 1 > "$RUN_DIR/spool.log" 2>&1 &
echo $! > "$RUN_DIR/spool.pid"
nohup "$VENV/bin/toasoan" expire_page_files --every 1 > "$RUN_DIR/pages.log" 2>&1 &
echo $! > "$RUN_DIR/pages.pid"
"$NGINX" -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR"

for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$APP_PORT/" 2>/dev/null && break
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APP_PORT/" 2>/dev/null || true)
    [ "$code" != "000" ] && break
    sleep 0.2
done
echo "Trang báo (production cục bộ): http://127.0.0.1:$PROD_PORT/  — dừng bằng: make prod-local-stop"
echo "Tiến trình: nginx $(cat "$RUN_DIR/nginx.pid" 2>/dev/null), gunicorn $(cat "$RUN_DIR/web.pid"), worker $(cat "$RUN_DIR/worker.pid"), flusher $(cat "$RUN_DIR/flusher.pid"), spool $(cat "$RUN_DIR/spool.pid"), tệp trang $(cat "$RUN_DIR/pages.pid")"
