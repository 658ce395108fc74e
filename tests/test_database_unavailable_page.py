"""The 503 page of a database that does not answer (cms/middleware.py): a page that was only read reloads
itself after Retry-After; a form is never sent again by itself."""

import pytest
from django.db import OperationalError
from django.test import RequestFactory
from django.utils import translation

from cms.middleware import RETRY_AFTER_SECONDS, DatabaseUnavailableMiddleware

pytestmark = pytest.mark.django_db  # the middleware checks the open connections, which asks the database


@pytest.mark.parametrize("method, reloads", [("get", True), ("head", True), ("post", False), ("delete", False)])
def test_the_page_reloads_itself_only_after_a_read(method, reloads):
    request = getattr(RequestFactory(), method)("/admin/catalogues/import/1/")
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    with translation.override("zh-hans"):  # as LocaleMiddleware, above this one, has set it
        response = middleware.process_exception(request, OperationalError("database table is locked"))
    assert response.status_code == 503 and response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    refresh = f'<meta http-equiv="refresh" content="{RETRY_AFTER_SECONDS}">'
    page = response.content.decode()
    assert (refresh in page) is reloads
    # What the page says matches what it does: it reloads itself, or asks for the form to be sent again.
    if reloads:
        assert f"将在 {RETRY_AFTER_SECONDS} 秒后自动重新加载" in page
    else:
        assert "没有保存" in page or "未保存" in page, page
