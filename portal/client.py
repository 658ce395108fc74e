"""The portal's only way to read: the committed operations of graphql/operations/, run as an anonymous reader.

In the CMS process the documents are executed in-process against graphql_api's schema, through the same
parsing, validation rules, limits, execution context and middleware as the /graphql/ endpoint. On a host
of its own (``PORTAL_GRAPHQL_URL`` set) the same documents go to that URL as cacheable GET requests.
Either way the portal never reads the database itself and never holds a token: it sees what the public
sees.
"""

import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from functools import cache

from django.utils import translation

from cms.conf import setting
from graphql_api.contract import OPERATIONS_DIR

logger = logging.getLogger(__name__)

# Codes of errors caused by what the reader typed (a bad search, a bad cursor); others are ours.
INPUT_CODES = frozenset({"BAD_USER_INPUT", "QUERY_TOO_LONG"})


class PortalUnavailable(Exception):
    """The API could not answer (network, engine down, an error on our side): a friendly 503 page."""

    def __init__(self, code: str = "", message: str = ""):
        super().__init__(message or code)
        self.code = code


@dataclass
class Result:
    data: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)

    @property
    def codes(self) -> set:
        return {(error.get("extensions") or {}).get("code", "") for error in self.errors}

    def input_error(self) -> dict | None:
        """The first error caused by the reader's input (with ``reason`` when the search layer gave one)."""
        for error in self.errors:
            extensions = error.get("extensions") or {}
            if extensions.get("code") in INPUT_CODES:
                return {"message": error.get("message", ""), "reason": extensions.get("reason", ""),
                        "argument": extensions.get("argument", "")}
        return None


@cache
def document(file_name: str) -> str:
    """The text of one committed operations file (all its operations and fragments)."""
    return (OPERATIONS_DIR / f"{file_name}.graphql").read_text(encoding="utf-8")


class _AnonymousApiRequest:
    """What the schema's resolvers get as ``info.context``: the portal's request seen as an anonymous API
    request (fresh loaders, no token, no user); absolute URLs still use the portal's host."""

    def __init__(self, request):
        from django.contrib.auth.models import AnonymousUser

        from graphql_api.core.context import ApiContext

        self._request = request
        self.api = ApiContext()
        self.user = AnonymousUser()
        self.META = {key: value for key, value in request.META.items() if key != "HTTP_AUTHORIZATION"}
        self.method = "GET"

    def build_absolute_uri(self, location=None):
        return self._request.build_absolute_uri(location)

    def get_host(self):
        return self._request.get_host()

    def is_secure(self):
        return self._request.is_secure()


def _execute_in_process(request, query: str, variables: dict, operation: str) -> dict:
    from graphql import execute as graphql_execute
    from graphql import get_operation_ast
    from graphql_api.core import errors
    from graphql_api.core.execution import PortalExecutionContext, check_arguments
    from graphql_api.core.limits import validation_rules
    from graphql_api.schema import schema
    from graphql_api.views import checked_document, limits_key

    parsed, problems = checked_document(query, validation_rules(), limits_key())
    if problems or parsed is None or get_operation_ast(parsed, operation) is None:
        raise PortalUnavailable("GRAPHQL_VALIDATION_FAILED", "; ".join(str(problem) for problem in problems))
    result = graphql_execute(schema.graphql_schema, parsed, context_value=_AnonymousApiRequest(request),
                             variable_values=variables, operation_name=operation, middleware=[check_arguments],
                             execution_context_class=PortalExecutionContext)
    return {"data": result.data or {}, "errors": [errors.format_error(error) for error in result.errors or ()]}


def _execute_over_http(url: str, query: str, variables: dict, operation: str) -> dict:
    params = urllib.parse.urlencode({"query": query, "variables": json.dumps(variables, ensure_ascii=False),
                                     "operationName": operation})
    http_request = urllib.request.Request(f"{url}?{params}", headers={
        "Accept": "application/json", "Accept-Language": "zh-hans"})
    timeout = setting("PORTAL_GRAPHQL_TIMEOUT", 10)
    try:
        with urllib.request.urlopen(http_request, timeout=timeout) as response:
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as refused:
        try:
            return json.loads(refused.read().decode("utf-8"))
        except ValueError:
            raise PortalUnavailable(f"HTTP_{refused.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as failure:
        logger.warning("Portal API at %s did not answer: %s", url, failure)
        raise PortalUnavailable("UNREACHABLE") from None


def execute(request, file_name: str, operation: str, variables: dict | None = None) -> Result:
    """Run one named operation of ``graphql/operations/<file_name>.graphql`` as the public.

    Errors of the reader's input come back in the result; any other error raises
    :class:`PortalUnavailable`, which the views turn into a friendly page."""
    variables = {key: value for key, value in (variables or {}).items() if value is not None}
    query = document(file_name)
    url = setting("PORTAL_GRAPHQL_URL", "")
    with translation.override("zh-hans"):
        if url:
            payload = _execute_over_http(url, query, variables, operation)
        else:
            payload = _execute_in_process(request, query, variables, operation)
    result = Result(data=payload.get("data") or {}, errors=list(payload.get("errors") or ()))
    if result.errors and not result.codes <= INPUT_CODES:
        logger.warning("Portal operation %s failed: %s", operation, result.errors)
        raise PortalUnavailable(min(result.codes - INPUT_CODES))
    return result
