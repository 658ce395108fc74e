"""Files follow their entry: a download or rendition URL answers like the entry it belongs to.

Each case is requested anonymously and as another unit's editor (404 unless the entry is live and
public), and as the owning unit's editor (who may use the file in the admin)."""

import pytest
from django.core.cache import caches
from wagtail.models import ReferenceIndex

from cms import lifecycle
from cms.file_access import rendition_url
from cms.models import WithheldPart

from .helpers import body, make_document, make_image



@pytest.fixture(autouse=True)
def no_cached_renditions():
    """Wagtail caches renditions by image id; ids come back after a test's rollback."""
    for cache in caches.all():
        cache.clear()

OUTSIDERS = [None, "b_editor"]


@pytest.fixture
def files(tree, rows):
    """One document and one image per case, attached to an entry in that state."""
    result = {}

    def entry(case, row, publish=True, **fields):
        name = f"file{len(result) + 1}"
        document, image = make_document(tree.village_a, name), make_image(tree.village_a, name)
        page = tree.add_entry(rows[row], f"第{len(result) + 1}号条目", publish=publish, body=body(document, image, case),
                              **fields)
        result[case] = (page, document, image)
        return page

    entry("draft", "public", publish=False)
    entry("party_internal", "party_unit")
    withdrawn = entry("withdrawn", "public")
    lifecycle.withdraw(withdrawn, tree.users["a_approver"], "数据有误")
    hidden = entry("hidden", "public")
    lifecycle.archive(hidden, tree.users["a_approver"], "涉及个人信息", hidden=True)
    entry("withheld", "public")
    page, _document, _image = result["withheld"]
    WithheldPart.objects.create(page=page, block_id="withheld-a", description="附件", ground="third_party",
                                legal_basis="条例第十五条")
    WithheldPart.objects.create(page=page, block_id="withheld-g", description="照片", ground="third_party",
                                legal_basis="条例第十五条")
    entry("public", "public")
    entry("archived_public", "public")
    lifecycle.archive(result["archived_public"][0], tree.users["a_approver"], "年度归档")
    return result


PRIVATE = ["draft", "party_internal", "withdrawn", "hidden", "withheld"]
PUBLIC = ["public", "archived_public"]


def urls(document, image):
    return {
        "document": document.url,
        "rendition": rendition_url(image, "width-32"),
        "stored rendition": image.get_rendition("width-32").url,
    }


def login(client, tree, user):
    client.logout()
    if user:
        client.force_login(tree.users[user])


def get(client, url):
    response = client.get(url)
    if response.status_code == 200:
        b"".join(response.streaming_content)
    return response


def test_references_are_indexed(files):
    page, document, image = files["public"]
    assert ReferenceIndex.get_references_to(document).filter(object_id=str(page.pk)).exists()
    assert ReferenceIndex.get_references_to(image).filter(object_id=str(page.pk)).exists()


def test_outsiders_get_files_of_live_public_entries_only(client, tree, files):
    for user in OUTSIDERS:
        login(client, tree, user)
        for case in PRIVATE + PUBLIC:
            _page, document, image = files[case]
            for kind, url in urls(document, image).items():
                response = get(client, url)
                expected = 200 if case in PUBLIC else 404
                assert response.status_code == expected, (user, case, kind, url)
                if expected == 200 and kind != "document":
                    assert "public" in response["Cache-Control"]


def test_the_owning_units_staff_get_every_file(client, tree, files):
    login(client, tree, "a_editor")
    for case in PRIVATE:
        _page, document, image = files[case]
        for kind, url in urls(document, image).items():
            response = get(client, url)
            assert response.status_code == 200, (case, kind, url)
            if kind != "document":
                assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_the_same_file_under_a_live_public_entry_is_served(client, tree, rows, files):
    _page, document, image = files["withdrawn"]
    assert client.get(document.url).status_code == 404
    tree.add_entry(rows["public"], "另一条目", body=body(document, image, "again"))
    assert client.get(document.url).status_code == 200
    assert client.get(rendition_url(image, "width-32")).status_code == 200


def test_original_images_and_unknown_files_are_never_served(client, tree, files):
    _page, _document, image = files["public"]
    original = "/media/" + image.file.name
    assert client.get(original).status_code == 404
    assert client.get("/media/images/../original_images/" + image.file.name.split("/")[-1]).status_code == 404
    assert client.get("/media/images/nothing.png").status_code == 404
    tampered = rendition_url(image, "width-32").replace("width-32", "width-64")
    assert client.get(tampered).status_code == 404


def stored_urls(document, image):
    """Every address a stored file could have: MEDIA_URL + its stored name, and the uploader's name."""
    return ["/media/" + document.file.name, "/media/documents/" + document.original_filename,
            "/media/" + image.file.name, "/media/original_images/" + image.original_filename]


def test_private_files_cannot_be_fetched_by_any_url(client, files):
    for case in PRIVATE:
        _page, document, image = files[case]
        for url in [*urls(document, image).values(), *stored_urls(document, image)]:
            assert get(client, url).status_code == 404, (case, url)


def test_public_documents_are_fetched_only_through_the_checking_view(client, files):
    _page, document, image = files["public"]
    response = get(client, document.url)
    assert response.status_code == 200
    assert document.title in response["Content-Disposition"] or "filename*=" in response["Content-Disposition"]
    for url in stored_urls(document, image):
        assert get(client, url).status_code == 404, url


def test_stored_names_are_random_and_keep_the_extension(tree):
    document, image = make_document(tree.village_a, "张三低保申请"), make_image(tree.village_a, "张三家庭照片")
    rendition = image.get_rendition("width-32")
    assert document.file.name.startswith("documents/") and document.file.name.endswith(".pdf")
    assert image.file.name.startswith("original_images/") and image.file.name.endswith(".png")
    for name in (document.file.name, image.file.name, rendition.file.name):
        assert "张三" not in name, name
    assert document.original_filename == "张三低保申请.pdf" and image.original_filename == "张三家庭照片.png"
    assert make_document(tree.village_a, "张三低保申请").file.name != document.file.name


def test_no_url_serves_media_root_even_in_debug(settings):
    import importlib

    from django.urls import URLPattern, URLResolver, clear_url_caches
    from django.views.static import serve

    import config.urls

    def callbacks(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from callbacks(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                yield pattern.callback

    settings.DEBUG = True
    try:
        importlib.reload(config.urls)
        assert serve not in set(callbacks(config.urls.urlpatterns))
    finally:
        settings.DEBUG = False
        importlib.reload(config.urls)
        clear_url_caches()
