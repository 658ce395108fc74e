"""GraphiQL works without internet: its page loads React and GraphiQL from the project's static files
(graphql_api/static/graphql_api/graphiql/), never from a CDN, and the editor renders in a browser that can
reach nothing but the test server."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture
def graphiql_on(settings):
    settings.GRAPHQL_GRAPHIQL = True
    settings.GRAPHQL_INTROSPECTION = True  # the IDE reads the schema by introspection


def asset_urls(html: str) -> list[str]:
    return re.findall(r'<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"', html)


def test_the_page_references_only_local_static_files(client, db, graphiql_on):
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")
    html = response.content.decode()
    assert response.status_code == 200
    urls = asset_urls(html)
    assert len(urls) == 9  # 2 stylesheets, 6 vendored scripts, graphene-django's graphiql.js
    for url in urls:
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/")), url
    assert "cdn" not in html.lower() and "integrity=" not in html and "https://" not in html


def test_vendored_files_are_documented():
    folder = Path(finders.find("graphql_api/graphiql/README.txt")).parent
    readme = (folder / "README.txt").read_text()
    for name in ("graphiql.min.js", "react.production.min.js", "react-dom.production.min.js", "fetch.umd.js",
                 "graphql-ws.min.js", "graphiql-plugin-explorer.umd.js"):
        assert (folder / name).is_file() and name in readme
    assert "MIT" in (folder / "LICENSES.txt").read_text()


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium")
def test_the_editor_renders_offline(django_db_serialized_rollback, transactional_db, live_server, graphiql_on, monkeypatch):
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    local = urlsplit(live_server.url).netloc
    blocked, errors = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-dev-shm-usage"])
        try:
            page = browser.new_page()

            def only_local(route):
                if urlsplit(route.request.url).netloc == local:
                    return route.continue_()
                blocked.append(route.request.url)
                return route.abort()

            page.route("**/*", only_local)
            page.on("console", lambda message: message.type == "error" and errors.append(message.text))
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(live_server.url + "/graphql/")
            page.locator(".graphiql-container").wait_for(timeout=15_000)
            page.locator(".graphiql-query-editor .CodeMirror").first.wait_for(timeout=15_000)
            # the schema arrived by introspection through the same (local) endpoint: the docs explorer opens
            page.get_by_role("button", name=re.compile("documentation explorer", re.IGNORECASE)).click()
            page.get_by_text("Query", exact=True).first.wait_for(timeout=15_000)
        finally:
            browser.close()
    assert blocked == []
    assert errors == []


def test_staff_signed_in_to_the_admin_get_the_ide_in_production(client, db, settings, django_user_model):
    settings.GRAPHQL_GRAPHIQL = False
    staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    other = django_user_model.objects.create_user("other", password="x")
    client.force_login(other)
    assert client.get("/graphql/", HTTP_ACCEPT="text/html").status_code == 400
    client.force_login(staff)
    page = client.get("/graphql/", HTTP_ACCEPT="text/html")
    assert page.status_code == 200 and "graphiql.min.js" in page.content.decode()
    query = client.post("/graphql/", '{"query": "{ __typename }"}', content_type="application/json")
    assert query.status_code == 200 and query.json()["data"] == {"__typename": "Query"}
