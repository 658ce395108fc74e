"""Files of entries only some readers see (特定群体, party scopes) open for those readers: the API gives a
token's reader a signed grant to each file it shows them (cms.file_access.reader_url); without it, or
with a tampered, expired or borrowed grant, the file stays a 404."""

from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model

from cms.models import Audience, DisclosurePage

from .test_specific_groups import gql, world  # noqa: F401 - the fixture


def document(title, content):
    Document = get_document_model()
    doc = Document(title=title)
    doc.file.save(f"{title}.pdf", ContentFile(content), save=False)
    doc.save()
    return doc


@pytest.fixture
def files(world):  # noqa: F811
    tree, entries, tokens, groups = world
    secret = document("低保金发放明细表", b"%PDF-1.4 allowance list")
    other = document("村民代表名单", b"%PDF-1.4 representatives")
    row = entries["low"].get_parent()
    entry = row.add_child(instance=DisclosurePage(
        title="GROUPFILE低保金发放", slug="group-file", live=False, audience=Audience.SPECIFIC_GROUP,
        body=[("attachments", [{"document": secret, "title": ""}])]))
    entry.audience_groups.set([groups["low"]])
    entry.save_revision().publish()
    return entry, secret, other, tokens


QUERY = "query($id: ID!) { disclosure(id: $id) { attachments { id url } } }"


def path_of(url):
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def test_the_group_reader_gets_a_granted_url_that_opens(files):
    entry, secret, _other, tokens = files
    attachments = gql(QUERY, {"id": str(entry.pk)}, token=tokens["low"])["disclosure"]["attachments"]
    url = attachments[0]["url"]
    assert "grant=" in url
    response = Client().get(path_of(url))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 allowance list"
    assert "no-store" in response.get("Cache-Control", ""), dict(response.headers)
    assert "private" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_without_a_valid_grant_the_file_does_not_exist(files, settings):
    entry, secret, other, tokens = files
    assert gql(QUERY, {"id": str(entry.pk)})["disclosure"] is None  # the public does not see the entry
    assert gql(QUERY, {"id": str(entry.pk)}, token=tokens["reps"])["disclosure"] is None
    url = path_of(gql(QUERY, {"id": str(entry.pk)}, token=tokens["low"])["disclosure"]["attachments"][0]["url"])
    plain, grant = url.split("?grant=")
    client = Client()
    assert client.get(plain).status_code == 404
    assert client.get(plain + "?grant=" + grant[:-2] + "xx").status_code == 404  # tampered
    assert client.get(plain + "?grant=" + "a" * 500).status_code == 404
    borrowed = other.url + "?grant=" + grant  # a grant to one file does not open another
    assert client.get(borrowed).status_code == 404
    settings.DISCLOSURE = {**getattr(settings, "DISCLOSURE", {}), "FILE_GRANT_SECONDS": -1}
    assert client.get(url).status_code == 404  # expired


def test_public_readers_get_plain_urls(files, tree):
    _entry, _secret, _other, _tokens = files
    public_doc = document("村务公开表", b"%PDF-1.4 public")
    row = tree.add_item(tree.village_a, "village", "财务公开", slug="finance")
    entry = tree.add_entry(row, "PUBLICFILE财务公开", body=[("attachments", [{"document": public_doc, "title": ""}])])
    url = gql(QUERY, {"id": str(entry.pk)})["disclosure"]["attachments"][0]["url"]
    assert "grant=" not in url
    response = Client().get(path_of(url))
    assert response.status_code == 200 and "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]
