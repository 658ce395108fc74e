"""Fixtures of the API tests: demo data built once per module (rolled back after it), a client."""

import json

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from . import demo as demo_module
from .search_support import demo_index



@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data, built once per test module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock():
        cache.clear()
        with transaction.atomic():
            data = demo_module.build()
            yield data
            transaction.set_rollback(True)
        cache.clear()


class Api:
    """Posts GraphQL to /graphql/ and returns (status, JSON)."""

    def __init__(self, client: Client):
        self.client = client

    def post(self, query, variables=None, token=None, operation_name=None, **headers):
        if token:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        body = {"query": query, "variables": variables or {}}
        if operation_name:
            body["operationName"] = operation_name
        response = self.client.post("/graphql/", json.dumps(body), content_type="application/json", **headers)
        return response

    def query(self, query, variables=None, token=None, **kwargs):
        response = self.post(query, variables, token=token, **kwargs)
        return response.status_code, response.json()

    def data(self, query, variables=None, token=None, **kwargs):
        status, payload = self.query(query, variables, token=token, **kwargs)
        assert status == 200 and "errors" not in payload, payload
        return payload["data"]

    def get(self, query, variables=None, token=None, **headers):
        params = {"query": query}
        if variables:
            params["variables"] = json.dumps(variables)
        if token:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        return self.client.get("/graphql/", params, HTTP_ACCEPT="application/json", **headers)


@pytest.fixture
def api(db, demo) -> Api:
    return Api(Client())


@pytest.fixture(scope="module")
def index(demo, tmp_path_factory, django_db_blocker):
    """The embedded search index of the module's demo entries, built once per module."""
    with django_db_blocker.unblock(), demo_index(tmp_path_factory.mktemp("graphql-search")) as backend:
        yield backend
