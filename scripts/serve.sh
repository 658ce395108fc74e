#!/usr/bin/env bash
# README command 1: install everything and start the CMS on the embedded default (SQLite + tantivy)
# with the demo data. Ctrl-C stops the server, the search worker and the task worker.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.dev}
# Background jobs (catalogue imports, attachment text) go through the database and its worker below.
export TASKS_BACKEND=${TASKS_BACKEND:-django_tasks_db.DatabaseBackend}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
py=.venv/bin/python

$py manage.py migrate --noinput -v0
$py manage.py load_demo --password "${DEMO_PASSWORD:-demo-password-2026}"
# The daily content checks (docs/supervision.md): queued for the task worker, each run queues the next.
$py manage.py run_content_checks --daily -v0
# One process owns the tantivy writer: the search worker applies the index queue.
$py manage.py search_worker &
worker=$!
# The task worker of django-tasks' database backend (docs/catalogue.md, "Import as a job").
$py manage.py db_worker --no-reload -v0 &
tasks=$!
# Scheduled publishing (notice periods go live at their start and come down at their end).
( while true; do $py manage.py publish_due_entries -v0 || true; sleep 60; done ) &
scheduler=$!
trap 'kill $worker $tasks $scheduler 2>/dev/null || true' EXIT INT TERM

cat <<MSG

  Admin:   http://$HOST:$PORT/admin/
  Portal:  http://$HOST:$PORT/
  GraphQL: http://$HOST:$PORT/graphql/
  Demo accounts are listed above (password: demo-password-2026 unless DEMO_PASSWORD was set).

MSG
exec_status=0
$py manage.py runserver "$HOST:$PORT" --noreload || exec_status=$?
exit $exec_status
