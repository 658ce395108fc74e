"""The request-scoped state of one API request: who reads, their loaders, and response flags."""

from dataclasses import dataclass, field

from django.utils import timezone

from cms.visibility import Reader


@dataclass
class ApiContext:
    """Hung on the request as ``request.api``; resolvers reach it through :func:`api_context`."""

    reader: Reader = field(default_factory=Reader.anonymous)
    token: object | None = None
    loaders: dict = field(default_factory=dict)
    private: bool = False  # the response must not be cached by shared caches (token, preview)
    today: object = field(default_factory=timezone.localdate)
    memo: dict = field(default_factory=dict)


def api_context(info_or_request) -> ApiContext:
    """The context of the request behind ``info`` (created anonymous when the view did not set one)."""
    request = getattr(info_or_request, "context", info_or_request)
    context = getattr(request, "api", None)
    if context is None:
        context = ApiContext()
        request.api = context
    return context


def reader(info) -> Reader:
    return api_context(info).reader


def mark_private(info) -> None:
    """The answer depends on a secret (token, preview): never store it in a shared cache."""
    api_context(info).private = True
