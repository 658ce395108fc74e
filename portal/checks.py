"""System checks of the reference portal (``manage.py check``; docs/install.md «Checks»)."""

from urllib.parse import urlsplit

from django.apps import apps
from django.core import checks

from cms.checks import bilingual
from cms.conf import setting


@checks.register()
def check_portal(app_configs=None, **kwargs):
    problems = []
    if not apps.is_installed("graphql_api"):
        problems.append(checks.Error(
            bilingual("公开门户通过 GraphQL 接口读取内容，需要在 INSTALLED_APPS 中加入 graphql_api。",
                      "The portal reads through the GraphQL API: add graphql_api to INSTALLED_APPS."),
            id="portal.E001"))
    url = setting("PORTAL_GRAPHQL_URL", "")
    if url and (urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc):
        problems.append(checks.Error(
            bilingual(f"PORTAL_GRAPHQL_URL “{url}” 不是 http(s) 地址。",
                      f"PORTAL_GRAPHQL_URL {url!r} is not an http(s) URL."),
            hint=bilingual("例如 https://cms.example.gov.cn/graphql/，或留空（同一进程内读取）。",
                           "E.g. https://cms.example.gov.cn/graphql/, or empty (read in-process)."),
            id="portal.E002"))
    return problems
