"""Requests that meet a database which does not answer (docs/faults.md, "The database connection drops").

When the connection drops in the middle of a request (the server restarted, a network cut, an
administrator's ``pg_terminate_backend``) or SQLite stays locked longer than its timeout (``database is
locked``), the request's open transaction is rolled back by the database: nothing of it is written. The
editor is told so in plain words, with HTTP 503 and ``Retry-After``, instead of a generic error page (a page
that was only read reloads itself after that time); the connection is closed so that the next request opens
a new one.
"""

import logging

from django.db import InterfaceError, OperationalError, connections
from django.shortcuts import render

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10


class DatabaseUnavailableMiddleware:
    """Answer a lost or locked database with a clear 503 page (module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable during %s %s", request.method, request.path, exc_info=exception)
        for connection in connections.all(initialized_only=True):
            if not connection.in_atomic_block:
                connection.close_if_unusable_or_obsolete()
        # A page that was only read asks again by itself after Retry-After; anything sent (a form, a deletion)
        # is never sent twice by itself.
        response = render(request, "cms/database_unavailable.html",
                          {"reloads": request.method in ("GET", "HEAD"), "retry_after": RETRY_AFTER_SECONDS},
                          status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
