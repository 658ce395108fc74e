"""Errors the portal API reports: each has a stable ``extensions.code``; messages are for people.

Unexpected exceptions are never shown to clients: they are logged and reported as
``INTERNAL_SERVER_ERROR`` with a generic message (no exception text, no traceback).
"""

import logging
import re

from django.utils.translation import gettext as _
from graphql import GraphQLError, GraphQLSyntaxError

logger = logging.getLogger("graphql_api")

BAD_REQUEST = "BAD_REQUEST"
BAD_USER_INPUT = "BAD_USER_INPUT"
GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
INTROSPECTION_DISABLED = "INTROSPECTION_DISABLED"
METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
PREVIEW_TOKEN_EXPIRED = "PREVIEW_TOKEN_EXPIRED"
PREVIEW_TOKEN_INVALID = "PREVIEW_TOKEN_INVALID"
QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
QUERY_TOO_DEEP = "QUERY_TOO_DEEP"
QUERY_TOO_LONG = "QUERY_TOO_LONG"
SEARCH_UNAVAILABLE = "SEARCH_UNAVAILABLE"
UNAUTHENTICATED = "UNAUTHENTICATED"


class ApiError(GraphQLError):
    """An error a client caused or may act on; raised by resolvers, reported with its code."""

    code = BAD_REQUEST

    def __init__(self, message: str, *, code: str | None = None, **extensions):
        super().__init__(str(message), extensions={"code": code or self.code, **extensions})


class BadUserInput(ApiError):
    code = BAD_USER_INPUT


class SearchUnavailable(ApiError):
    code = SEARCH_UNAVAILABLE


class PreviewTokenInvalid(ApiError):
    code = PREVIEW_TOKEN_INVALID


class PreviewTokenExpired(ApiError):
    code = PREVIEW_TOKEN_EXPIRED


_SUGGESTION = re.compile(r" Did you mean [^?]*\?")


def format_error(error: Exception, *, hide_schema: bool = False) -> dict:
    """The JSON of one error; unknown exceptions become a generic internal error.

    ``hide_schema`` (introspection off) drops graphql-core's "Did you mean …?" hints, which
    would otherwise reveal field and type names.
    """
    if not isinstance(error, GraphQLError):
        logger.error("Unexpected error outside GraphQL execution", exc_info=error)
        return {"message": _("Internal server error."), "extensions": {"code": INTERNAL_SERVER_ERROR}}
    original = error.original_error
    if original is not None and not isinstance(original, GraphQLError):
        logger.error("Unexpected error in resolver at %s", error.path, exc_info=original)
        masked = GraphQLError(_("Internal server error."), error.nodes, path=error.path,
                              extensions={"code": INTERNAL_SERVER_ERROR})
        return masked.formatted
    formatted = error.formatted
    extensions = dict(formatted.get("extensions") or {})
    if "code" not in extensions:
        if isinstance(error, GraphQLSyntaxError):
            extensions["code"] = GRAPHQL_PARSE_FAILED
        elif error.path is None:
            extensions["code"] = GRAPHQL_VALIDATION_FAILED
        else:
            extensions["code"] = BAD_USER_INPUT
    formatted["extensions"] = extensions
    if hide_schema:
        formatted["message"] = _SUGGESTION.sub("", formatted["message"])
    return formatted


def request_error(message: str, code: str) -> dict:
    """An error of the HTTP request itself (before any GraphQL is parsed)."""
    return {"message": str(message), "extensions": {"code": code}}
