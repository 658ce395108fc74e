#!/usr/bin/env bash
# A production start (docs/deploy.md): gunicorn with config.settings.production, static files by WhiteNoise
# after collectstatic, and the background processes each in a process of its own:
#   web            gunicorn config.wsgi on $BIND
#   search-worker  manage.py search_worker (applies the search index queue; owns the embedded index writer)
#   task-worker    manage.py db_worker (django-tasks: catalogue imports, attachment text, daily checks)
#   scheduler      manage.py publish_due_entries every $SCHEDULER_INTERVAL seconds (scheduled publishing)
#
# Usage: scripts/serve-production.sh [all|prepare|web|search-worker|task-worker|scheduler]
#   all (default): prepare, then the four processes; stops them all when one stops or on Ctrl-C/TERM.
#   prepare: migrate and collectstatic (run it after each upgrade, before starting the processes).
#   The other words run one process in the foreground (systemd units, docs/deploy.md).
#
# Required in the environment (config/settings/environment.py refuses to start without them):
#   SECRET_KEY, DATABASE_URL; ALLOWED_HOSTS (default: loopback only). Optional: BIND (127.0.0.1:8000),
#   WEB_WORKERS (cores + 1), WEB_THREADS (2), STATIC_ROOT, MEDIA_ROOT, VAR_DIR, SEARCH_BACKEND,
#   ELASTICSEARCH_URL, PYTHON (.venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."

export DISCLOSURE_ENV=production
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.production}
# Background jobs go through the database and the task worker (docs/catalogue.md).
export TASKS_BACKEND=${TASKS_BACKEND:-django_tasks_db.DatabaseBackend}
py=${PYTHON:-.venv/bin/python}
BIND=${BIND:-127.0.0.1:8000}
WEB_WORKERS=${WEB_WORKERS:-$(( $(nproc) + 1 ))}
WEB_THREADS=${WEB_THREADS:-2}
SCHEDULER_INTERVAL=${SCHEDULER_INTERVAL:-60}

prepare() {
    $py manage.py migrate --noinput -v0
    $py manage.py collectstatic --noinput -v0
    $py manage.py check
}

web() {
    exec $py -m gunicorn config.wsgi:application --bind "$BIND" --workers "$WEB_WORKERS" \
        --threads "$WEB_THREADS" --worker-tmp-dir /dev/shm --timeout "${WEB_TIMEOUT:-60}" \
        --graceful-timeout 20 --max-requests "${WEB_MAX_REQUESTS:-0}" --max-requests-jitter 100 \
        --access-logfile "${ACCESS_LOG:--}" --error-logfile - --capture-output --no-control-socket
}

search_worker() { exec $py manage.py search_worker; }
task_worker() { exec $py manage.py db_worker --no-reload -v0; }

scheduler() {
    stop=0
    trap 'stop=1' INT TERM
    while [ "$stop" = 0 ]; do
        $py manage.py publish_due_entries -v0 || echo "publish_due_entries failed (exit $?); next try in ${SCHEDULER_INTERVAL} s" >&2
        for _ in $(seq "$SCHEDULER_INTERVAL"); do
            if [ "$stop" != 0 ]; then break; fi
            sleep 1
        done
    done
}

case "${1:-all}" in
    prepare) prepare ;;
    web) web ;;
    search-worker) search_worker ;;
    task-worker) task_worker ;;
    scheduler) scheduler ;;
    all)
        prepare
        pids=()
        ( web ) & pids+=($!)
        ( search_worker ) & pids+=($!)
        ( task_worker ) & pids+=($!)
        ( scheduler ) & pids+=($!)
        trap 'kill -TERM "${pids[@]}" 2>/dev/null || true' INT TERM EXIT
        echo "Started: web ${pids[0]} on $BIND ($WEB_WORKERS workers x $WEB_THREADS threads), search worker ${pids[1]}, task worker ${pids[2]}, scheduler ${pids[3]}"
        status=0
        wait -n "${pids[@]}" || status=$?
        echo "A process stopped (exit $status): stopping the others." >&2
        kill -TERM "${pids[@]}" 2>/dev/null || true
        wait || true
        exit "$status"
        ;;
    *) echo "usage: $0 [all|prepare|web|search-worker|task-worker|scheduler]" >&2; exit 2 ;;
esac
