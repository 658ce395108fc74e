"""Names on Wagtail's own screens: 郭勇 as written, never "勇 郭" (cms.users, docs/editors.md "Names")."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse

from cms.models import DisclosurePage, Domain
from cms.users.names import whole_name
from tests.moderation.conftest import submit, text_block


@pytest.fixture
def guo(tree):
    """The village editor, named as the admin_ui fixtures and most directories split a name."""
    user = tree.users["a_editor"]
    user.last_name, user.first_name = "郭", "勇"
    user.save()
    return user


@pytest.fixture
def submitted(tree, guo):
    item = tree.add_item(tree.village_a, Domain.VILLAGE, "村级道路建设", slug="roads")
    entry = tree.add_entry(item, "2026年村内道路修缮工程公示", publish=False, body=[text_block()], owner=guo)
    entry.save_revision(user=guo, log_action=True)
    submit(DisclosurePage.objects.get(pk=entry.pk), guo)
    return DisclosurePage.objects.get(pk=entry.pk)


def assert_whole(response):
    page = response.content.decode()
    assert response.status_code == 200
    assert "郭勇" in page and "勇 郭" not in page and "勇郭" not in page


def test_a_split_chinese_name_is_kept_whole(guo):
    guo.refresh_from_db()
    assert (guo.first_name, guo.last_name, guo.get_full_name()) == ("郭勇", "", "郭勇")
    guo.save()  # saving again changes nothing
    guo.refresh_from_db()
    assert guo.first_name == "郭勇"
    other = get_user_model().objects.create_user("ann", first_name="Ann", last_name="Smith")
    assert other.get_full_name() == "Ann Smith"
    assert whole_name("欧阳", "欧阳修") == "欧阳修" and whole_name("欧阳", "修") == "欧阳修"


def test_wagtail_screens_show_the_name_as_written(client, tree, submitted):
    client.force_login(tree.users["a_reviewer"])
    assert_whole(client.get(reverse("wagtailadmin_home")))  # awaiting review: 提出人
    assert_whole(client.get(reverse("wagtailadmin_pages:history", args=[submitted.pk])))
    assert_whole(client.get(reverse("wagtailadmin_pages:workflow_history", args=[submitted.pk])))
    client.force_login(tree.users["admin"])
    assert_whole(client.get(reverse("wagtailusers_users:index")))
    assert_whole(client.get(reverse("wagtailadmin_reports:site_history")))


def test_user_forms_take_one_full_name(client, tree, guo):
    client.force_login(tree.users["admin"])
    response = client.get(reverse("wagtailusers_users:edit", args=[guo.pk]))
    form = response.context["form"]
    assert "last_name" not in form.fields and form.fields["first_name"].label == "Full name"
    assert form.initial["first_name"] == "郭勇" and 'name="last_name"' not in response.content.decode()
    assert 'name="last_name"' not in client.get(reverse("wagtailusers_users:add")).content.decode()
    response = client.post(reverse("wagtailusers_users:add"), {
        "username": "ouyang", "email": "ouyang@example.invalid", "first_name": "欧阳修",
        "password1": "a-long-pass-2026!", "password2": "a-long-pass-2026!"})
    assert response.status_code == 302, response.context["form"].errors
    user = get_user_model().objects.get(username="ouyang")
    assert (user.first_name, user.last_name) == ("欧阳修", "")
    ann = get_user_model().objects.create_user("ann", "ann@example.invalid", first_name="Ann", last_name="Smith")
    response = client.get(reverse("wagtailusers_users:edit", args=[ann.pk]))
    assert response.context["form"].initial["first_name"] == "Ann Smith"


def test_the_migration_joins_existing_names(db):
    User = get_user_model()
    User.objects.bulk_create([User(username="g", last_name="郭", first_name="勇"),  # bulk: no signal
                              User(username="s", last_name="Smith", first_name="Ann")])
    importlib.import_module("cms.migrations.0007_whole_chinese_names").join_names(apps, None)
    assert dict(User.objects.values_list("username", "first_name")) == {"g": "郭勇", "s": "Ann"}
    assert User.objects.get(username="s").last_name == "Smith"


def test_account_settings_take_one_full_name(client, guo):
    client.force_login(guo)
    response = client.get("/admin/account/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="name_email-last_name"' not in page and 'value="郭勇"' in page
    data = {"name_email-first_name": "郭勇", "name_email-email": "guo@example.invalid",
            "locale-preferred_language": "zh-hans", "locale-current_time_zone": "",
            "theme-theme": "system", "theme-density": "default", "theme-contrast": "system"}
    response = client.post("/admin/account/", data)
    assert response.status_code == 302
    guo.refresh_from_db()
    assert (guo.first_name, guo.last_name, guo.email) == ("郭勇", "", "guo@example.invalid")
