"""The /graphql/ endpoint: graphene-django's ``GraphQLView`` fitted at its extension points.

- ``parse_body`` and ``get_graphql_params`` refuse, with a 4xx and a clear message, a request that
  is too large, not a JSON object, nested deeper than it can be decoded, or carrying text that is not
  Unicode (a lone surrogate: no database and no UTF-8 response can hold it);
- ``execute_graphql_request`` parses with a token limit, validates with ``validation_rules``
  (graphql-core's, the query limits, no introspection unless enabled; both kept for recent
  documents) and executes with ``execution_context_class`` (batched loaders) and the middleware of
  ``get_middleware``; only queries are answered;
- ``format_error`` gives every error a stable code and masks unexpected exceptions;
- ``dispatch`` authenticates the bearer token and sets the cache headers of the answer.
"""

import json
from functools import lru_cache

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from graphene_django.views import GraphQLView, HttpError
from graphql import ExecutionResult, GraphQLError, OperationType, execute, get_operation_ast, parse, validate

from .core import errors
from .core.context import ApiContext
from .core.execution import PortalExecutionContext, check_arguments
from .core.limits import graphiql_enabled, introspection_enabled, setting, validation_rules
from .core.permissions import bearer_token, reader_for_token, record_use
from .models import ApiToken

MAX_VALIDATION_ERRORS = 20
DOCUMENT_CACHE_SIZE = 256
JSON = "application/json; charset=utf-8"


def limits_key() -> tuple:
    return tuple(setting(name) for name in ("GRAPHQL_MAX_DEPTH", "GRAPHQL_MAX_COMPLEXITY", "GRAPHQL_MAX_TOKENS",
                                            "GRAPHQL_MAX_PAGE_SIZE", "GRAPHQL_DEFAULT_PAGE_SIZE"))


@lru_cache(maxsize=DOCUMENT_CACHE_SIZE)
def checked_document(query: str, rules: tuple, limits: tuple):
    """The parsed document and its validation errors; portals send the same documents over and over,
    so both are kept for the most recent ones (the key includes the rules and limits they were checked
    against)."""
    from .schema import schema

    try:
        document = parse(query, max_tokens=limits[2])
    except GraphQLError as error:
        return None, (error,)
    return document, tuple(validate(schema.graphql_schema, document, rules, max_errors=MAX_VALIDATION_ERRORS))


class RequestRefused(HttpError):
    """The HTTP request is refused before or instead of any GraphQL: a status, a message, a code."""

    def __init__(self, status: int, message: str, code: str, headers: dict | None = None):
        response = HttpResponse(status=status, content_type=JSON)
        for name, value in (headers or {}).items():
            response[name] = value
        super().__init__(response, str(message))
        self.code = code


def not_unicode(value) -> bool:
    """Whether decoded JSON holds a string that is not Unicode text (a lone surrogate such as "\\ud800")."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def decode_json(text: str, invalid_message: str):
    """JSON text decoded, or the request refused: invalid, nested too deeply, or not Unicode."""
    try:
        value = json.loads(text)
    except ValueError:
        raise RequestRefused(400, invalid_message, errors.BAD_REQUEST) from None
    except RecursionError:
        raise RequestRefused(400, _("The JSON is nested too deeply."), errors.BAD_REQUEST) from None
    if not_unicode(value):
        raise RequestRefused(400, _("The request holds text that is not valid Unicode."), errors.BAD_REQUEST)
    return value


class PortalGraphQLView(GraphQLView):
    execution_context_class = PortalExecutionContext

    def dispatch(self, request, *args, **kwargs):
        user = getattr(request, "user", None)
        # The IDE page: in development (GRAPHQL_GRAPHIQL, default DEBUG) and to staff signed in to the admin.
        # Its queries still read as an anonymous reader (no session authenticates here).
        self.graphiql = graphiql_enabled() or bool(user is not None and user.is_active and user.is_staff)
        self.validation_rules = validation_rules()
        self.execution_result = None
        if (request.method == "GET" and self.graphiql and self.request_wants_html(request)
                and "query" not in request.GET and "raw" not in request.GET):
            return super().dispatch(request, *args, **kwargs)  # the IDE page only; its queries come back here
        try:
            if request.method not in ("GET", "POST"):
                raise RequestRefused(405, _("Use GET or POST."), errors.METHOD_NOT_ALLOWED, {"Allow": "GET, POST"})
            request.api = self.reader_context(request)
            content, status = self.get_response(request, self.parse_body(request))
            response = HttpResponse(content, status=status, content_type=JSON)
        except HttpError as refused:
            response = refused.response
            response.content = self.json_encode(request, {"errors": [self.format_error(refused)]})
        self.cache_headers(request, response)
        return response

    def reader_context(self, request) -> ApiContext:
        """Anonymous without a token; a valid bearer token reads with its grants; any other is refused."""
        raw = bearer_token(request)
        if raw is None:
            return ApiContext()
        token = ApiToken.authenticate(raw) if raw else None
        if token is None:
            raise RequestRefused(401, _("The API token is invalid, expired or revoked."), errors.UNAUTHENTICATED,
                                 {"WWW-Authenticate": 'Bearer error="invalid_token"'})
        record_use(token)
        return ApiContext(reader=reader_for_token(token), token=token, private=True)

    def parse_body(self, request) -> dict:
        if request.method != "POST":
            return {}
        declared = request.META.get("CONTENT_LENGTH") or "0"
        if declared.isdigit() and int(declared) > setting("GRAPHQL_MAX_QUERY_LENGTH") * 4 + 65_536:
            raise RequestRefused(413, _("The request body is too large."), errors.QUERY_TOO_LONG)
        try:
            body = request.body
        except RequestDataTooBig:
            raise RequestRefused(413, _("The request body is too large."), errors.QUERY_TOO_LONG) from None
        content_type = self.get_content_type(request)
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            return request.POST.dict()
        if content_type not in ("application/json", "application/graphql"):
            raise RequestRefused(415, _("Send application/json or application/graphql."), errors.BAD_REQUEST)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise RequestRefused(400, _("The body is not UTF-8."), errors.BAD_REQUEST) from None
        if content_type == "application/graphql":
            return {"query": text}
        data = decode_json(text, _("The body is not valid JSON."))
        if not isinstance(data, dict):
            raise RequestRefused(400, _("The body must be a JSON object (batches are not supported)."),
                                 errors.BAD_REQUEST)
        return data

    def get_graphql_params(self, request, data):
        source = request.GET if request.method == "GET" else data
        query, variables, operation_name = source.get("query"), source.get("variables"), source.get("operationName")
        limit = setting("GRAPHQL_MAX_QUERY_LENGTH")
        if not isinstance(query, str) or not query.strip():
            raise RequestRefused(400, _("Give the query as a string."), errors.BAD_REQUEST)
        if len(query) > limit:
            raise RequestRefused(413, _("The query is longer than %(max)d characters.") % {"max": limit},
                                 errors.QUERY_TOO_LONG)
        if isinstance(variables, str):
            if len(variables) > limit:
                raise RequestRefused(413, _("The variables are too large."), errors.QUERY_TOO_LONG)
            variables = decode_json(variables, _("The variables are not valid JSON.")) if variables.strip() else None
        if variables is not None and not isinstance(variables, dict):
            raise RequestRefused(400, _("The variables must be a JSON object."), errors.BAD_REQUEST)
        if operation_name in ("", "null"):
            operation_name = None
        if operation_name is not None and not isinstance(operation_name, str):
            raise RequestRefused(400, _("The operation name must be a string."), errors.BAD_REQUEST)
        if not_unicode([query, operation_name]):
            raise RequestRefused(400, _("The request holds text that is not valid Unicode."), errors.BAD_REQUEST)
        return query, variables, operation_name, None

    def get_middleware(self, request):
        return [*(super().get_middleware(request) or ()), check_arguments]

    def execute_graphql_request(self, request, data, query, variables, operation_name, show_graphiql=False):
        document, problems = checked_document(query, self.validation_rules, limits_key())
        if document is not None:
            operation = get_operation_ast(document, operation_name)
            if operation is not None and operation.operation == OperationType.MUTATION:
                if request.method != "POST":  # a GET must never change anything (links, prefetching, caches)
                    raise RequestRefused(405, _("Mutations are sent with POST."), errors.METHOD_NOT_ALLOWED,
                                         {"Allow": "POST"})
            elif operation is not None and operation.operation != OperationType.QUERY:
                raise RequestRefused(405, _("This API answers queries and mutations only."),
                                     errors.METHOD_NOT_ALLOWED, {"Allow": "GET, POST"})
        if problems:
            self.execution_result = ExecutionResult(errors=list(problems))
            return self.execution_result
        try:
            self.execution_result = execute(
                self.schema.graphql_schema, document, root_value=self.get_root_value(request),
                context_value=self.get_context(request), variable_values=variables, operation_name=operation_name,
                middleware=self.get_middleware(request), execution_context_class=self.execution_context_class,
            )
        except Exception as error:  # noqa: BLE001 - a bug: logged, reported as a masked internal error
            errors.logger.error("Unexpected error outside GraphQL execution", exc_info=error)
            raise RequestRefused(500, _("Internal server error."), errors.INTERNAL_SERVER_ERROR) from None
        return self.execution_result

    def format_error(self, error) -> dict:
        if isinstance(error, RequestRefused):
            return errors.request_error(error.message, error.code)
        return errors.format_error(error, hide_schema=not introspection_enabled())

    def json_encode(self, request, data, pretty=False) -> bytes:
        """Compact UTF-8 JSON; text that cannot be encoded (a lone surrogate) is sent as ``\\u`` escapes."""
        try:
            return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")
        except UnicodeEncodeError:
            return json.dumps(data, separators=(",", ":"), default=str).encode("ascii")

    def cache_headers(self, request, response) -> None:
        """Anonymous answers to GET without errors are public for ``GRAPHQL_CACHE_MAX_AGE``; nothing else is
        stored by shared caches, and no answer is reused for another Authorization header."""
        context = getattr(request, "api", None)
        result = self.execution_result
        if context is not None and (context.private or context.token is not None):
            patch_cache_control(response, private=True, no_store=True)
        elif (request.method == "GET" and response.status_code == 200 and result is not None
              and not result.errors):
            patch_cache_control(response, public=True, max_age=setting("GRAPHQL_CACHE_MAX_AGE"))
        else:
            patch_cache_control(response, no_store=True)
        patch_vary_headers(response, ("Authorization",))
