"""The /graphql/ endpoint: graphene-django's view with deferred (batched) execution, token
authentication, limits checked before execution, masked errors and cache headers."""

import json
from functools import lru_cache

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from graphene_django.views import GraphQLView
from graphql import ExecutionResult, GraphQLError, OperationType, execute, get_operation_ast, parse, validate
from graphql.validation import specified_rules

from .core import errors
from .core.context import ApiContext
from .core.execution import PortalExecutionContext
from .core.limits import DisableIntrospection, QueryLimits, graphiql_enabled, introspection_enabled, setting
from .core.permissions import bearer_token, reader_for_token, record_use
from .models import ApiToken

MAX_VALIDATION_ERRORS = 20
DOCUMENT_CACHE_SIZE = 256


def limits_key() -> tuple:
    return tuple(setting(name) for name in ("GRAPHQL_MAX_DEPTH", "GRAPHQL_MAX_COMPLEXITY", "GRAPHQL_MAX_TOKENS",
                                            "GRAPHQL_MAX_PAGE_SIZE", "GRAPHQL_DEFAULT_PAGE_SIZE"))


@lru_cache(maxsize=DOCUMENT_CACHE_SIZE)
def checked_document(query: str, introspection: bool, limits: tuple):
    """The parsed document and its validation errors; portals send the same documents over and over,
    so both are kept for the most recent ones (the key includes the limits they were checked against)."""
    from .schema import schema

    try:
        document = parse(query, max_tokens=limits[2])
    except GraphQLError as error:
        return None, (error,)
    rules = [*specified_rules, QueryLimits]
    if not introspection:
        rules.append(DisableIntrospection)
    return document, tuple(validate(schema.graphql_schema, document, rules, max_errors=MAX_VALIDATION_ERRORS))


class RequestRefused(Exception):
    """The HTTP request is refused before any GraphQL runs."""

    def __init__(self, status: int, message: str, code: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.code, self.headers = status, message, code, headers or {}


class PortalGraphQLView(GraphQLView):
    execution_context_class = PortalExecutionContext

    def dispatch(self, request, *args, **kwargs):
        self.graphiql = graphiql_enabled()
        if (request.method == "GET" and self.graphiql and self.request_wants_html(request)
                and "query" not in request.GET and "raw" not in request.GET):
            return super().dispatch(request, *args, **kwargs)  # the IDE page only; its queries come back here
        try:
            response = self._respond(request)
        except RequestRefused as refused:
            response = self._json(request, {"errors": [errors.request_error(refused.message, refused.code)]},
                                  refused.status)
            for name, value in refused.headers.items():
                response[name] = value
            patch_cache_control(response, no_store=True)
        patch_vary_headers(response, ("Authorization",))
        return response

    # --- request -----------------------------------------------------------------------------------

    def _respond(self, request):
        if request.method not in ("GET", "POST"):
            raise RequestRefused(405, _("Use GET or POST."), errors.METHOD_NOT_ALLOWED, {"Allow": "GET, POST"})
        limit = setting("GRAPHQL_MAX_QUERY_LENGTH")
        if request.method == "POST":
            declared = request.META.get("CONTENT_LENGTH") or "0"
            if declared.isdigit() and int(declared) > limit * 4 + 65_536:
                raise RequestRefused(413, _("The request body is too large."), errors.QUERY_TOO_LONG)
            try:
                request.body  # noqa: B018 - reads and bounds the body (DATA_UPLOAD_MAX_MEMORY_SIZE)
            except RequestDataTooBig:
                raise RequestRefused(413, _("The request body is too large."), errors.QUERY_TOO_LONG) from None
        request.api = self._context(request)
        data = self._body(request)
        query, variables, operation_name = self._params(request, data)
        if len(query) > limit:
            raise RequestRefused(413, _("The query is longer than %(max)d characters.") % {"max": limit},
                                 errors.QUERY_TOO_LONG)
        result = self._execute(request, query, variables, operation_name)
        payload, status = {}, 200
        if result.errors:
            hide = not introspection_enabled()
            payload["errors"] = [errors.format_error(error, hide_schema=hide) for error in result.errors]
            if any(not isinstance(error, GraphQLError) for error in result.errors):
                status = 500
            elif any(error.path is None for error in result.errors):
                status = 400
        if status == 200:
            payload["data"] = result.data
        response = self._json(request, payload, status)
        self._cache_headers(request, response, ok=status == 200 and not result.errors)
        return response

    def _context(self, request) -> ApiContext:
        raw = bearer_token(request)
        if raw is None:
            return ApiContext()
        token = ApiToken.authenticate(raw) if raw else None
        if token is None:
            raise RequestRefused(401, _("The API token is invalid, expired or revoked."), errors.UNAUTHENTICATED,
                                 {"WWW-Authenticate": 'Bearer error="invalid_token"'})
        record_use(token)
        return ApiContext(reader=reader_for_token(token), token=token, private=True)

    def _body(self, request) -> dict:
        if request.method == "GET":
            return {}
        content_type = self.get_content_type(request)
        if content_type == "application/graphql":
            try:
                return {"query": request.body.decode("utf-8")}
            except UnicodeDecodeError:
                raise RequestRefused(400, _("The body is not UTF-8."), errors.BAD_REQUEST) from None
        if content_type == "application/json":
            try:
                data = json.loads(request.body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                raise RequestRefused(400, _("The body is not valid JSON."), errors.BAD_REQUEST) from None
            if not isinstance(data, dict):
                raise RequestRefused(400, _("The body must be a JSON object (batches are not supported)."),
                                     errors.BAD_REQUEST)
            return data
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            return request.POST.dict()
        raise RequestRefused(415, _("Send application/json or application/graphql."), errors.BAD_REQUEST)

    def _params(self, request, data: dict):
        query = request.GET.get("query") if request.method == "GET" else data.get("query")
        variables = request.GET.get("variables") if request.method == "GET" else data.get("variables")
        operation_name = request.GET.get("operationName") if request.method == "GET" else data.get("operationName")
        if not isinstance(query, str) or not query.strip():
            raise RequestRefused(400, _("Give the query as a string."), errors.BAD_REQUEST)
        if isinstance(variables, str):
            if len(variables) > setting("GRAPHQL_MAX_QUERY_LENGTH"):
                raise RequestRefused(413, _("The variables are too large."), errors.QUERY_TOO_LONG)
            try:
                variables = json.loads(variables) if variables.strip() else None
            except ValueError:
                raise RequestRefused(400, _("The variables are not valid JSON."), errors.BAD_REQUEST) from None
        if variables is not None and not isinstance(variables, dict):
            raise RequestRefused(400, _("The variables must be a JSON object."), errors.BAD_REQUEST)
        if operation_name in ("", "null"):
            operation_name = None
        if operation_name is not None and not isinstance(operation_name, str):
            raise RequestRefused(400, _("The operation name must be a string."), errors.BAD_REQUEST)
        return query, variables, operation_name

    # --- execution ---------------------------------------------------------------------------------

    def _execute(self, request, query: str, variables, operation_name) -> ExecutionResult:
        document, problems = checked_document(query, introspection_enabled(), limits_key())
        if document is not None:
            operation = get_operation_ast(document, operation_name)
            if operation is not None and operation.operation != OperationType.QUERY:
                raise RequestRefused(405, _("This API only answers queries."), errors.METHOD_NOT_ALLOWED,
                                     {"Allow": "GET, POST"})
        if problems:
            return ExecutionResult(errors=list(problems))
        schema = self.schema.graphql_schema
        try:
            return execute(
                schema, document, root_value=None, context_value=request, variable_values=variables,
                operation_name=operation_name, middleware=self.get_middleware(request),
                execution_context_class=self.execution_context_class,
            )
        except Exception as error:  # noqa: BLE001 - reported as a masked internal error
            return ExecutionResult(errors=[error])

    # --- response ----------------------------------------------------------------------------------

    def _json(self, request, payload: dict, status: int) -> HttpResponse:
        return HttpResponse(json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str),
                            status=status, content_type="application/json; charset=utf-8")

    def _cache_headers(self, request, response, ok: bool) -> None:
        context = request.api
        if context.private or context.token is not None:
            patch_cache_control(response, private=True, no_store=True)
        elif ok and request.method == "GET":
            patch_cache_control(response, public=True, max_age=setting("GRAPHQL_CACHE_MAX_AGE"))
        else:
            patch_cache_control(response, no_store=True)
