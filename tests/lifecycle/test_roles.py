"""Who may withdraw and archive: those who may publish the entry (the unit's approvers and the parent
unit's approvers, and superusers), never editors, reviewers or another unit's staff."""

from django.urls import reverse

from cms import lifecycle

ALLOWED = ["a_approver", "t_approver", "admin"]
REFUSED = ["a_editor", "a_reviewer", "a_secrecy_reviewer", "b_approver", "b_editor", "t_editor"]


def new_entry(tree, rows, user):
    return tree.add_entry(rows["public"], f"2026年10月村务收支公开（{user}）", slug=f"entry-{user}")


def test_withdraw_and_archive_role_matrix(tree, rows):
    for user in ALLOWED + REFUSED:
        entry = new_entry(tree, rows, user)
        if user in ALLOWED:
            lifecycle.archive(entry, tree.users[user], hidden=True)
            lifecycle.withdraw(entry, tree.users[user], "数据有误")
            entry.refresh_from_db()
            assert entry.is_archived and entry.is_withdrawn, user
            continue
        for action in (lambda: lifecycle.withdraw(entry, tree.users[user], "数据有误"),
                       lambda: lifecycle.archive(entry, tree.users[user], hidden=True)):
            try:
                action()
            except lifecycle.LifecyclePermissionError:
                pass
            else:
                raise AssertionError(f"{user} was allowed")
        entry.refresh_from_db()
        assert entry.live and not entry.is_withdrawn and not entry.is_archived, user


def test_admin_views_role_matrix(client, english_admin, tree, rows):
    for user in ALLOWED + REFUSED:
        entry = new_entry(tree, rows, user)
        client.force_login(tree.users[user])
        withdraw = reverse("cms_lifecycle_withdraw", args=[entry.pk])
        archive = reverse("cms_lifecycle_archive", args=[entry.pk])
        edit = client.get(reverse("wagtailadmin_pages:edit", args=[entry.pk])).content.decode()
        if user in ALLOWED:
            assert client.get(withdraw).status_code == 200, user
            assert client.get(archive).status_code == 200, user
            assert withdraw in edit and archive in edit, user
            assert client.post(withdraw, {"reason": "数据有误"}).status_code == 302, user
            entry.refresh_from_db()
            assert entry.is_withdrawn, user
        else:
            assert client.get(withdraw).status_code in (302, 403), user
            assert client.post(withdraw, {"reason": "数据有误"}).status_code in (302, 403), user
            assert client.post(archive, {"reason": "", "hidden": "on"}).status_code in (302, 403), user
            assert withdraw not in edit and archive not in edit, user
            entry.refresh_from_db()
            assert entry.live and not entry.is_withdrawn and not entry.is_archived, user


def test_the_forms_require_a_reason_and_say_why_an_action_is_refused(client, english_admin, tree, rows):
    entry = new_entry(tree, rows, "a")
    client.force_login(tree.users["a_approver"])
    response = client.post(reverse("cms_lifecycle_withdraw", args=[entry.pk]), {"reason": ""})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    entry.refresh_from_db()
    assert entry.live

    response = client.post(reverse("cms_lifecycle_archive", args=[entry.pk]), {"reason": "到期归档", "hidden": "on"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.is_archived and entry.archive_hidden
    response = client.get(reverse("cms_lifecycle_archive", args=[entry.pk]), follow=True)
    assert "already archived" in response.content.decode()


def test_menu_items_and_buttons_offer_the_actions_the_user_may_take(client, tree, rows):
    """The edit view's action menu (撤回… 归档… 宣布失效…), the page header and the explorer's listing
    (撤回, 归档) link to the lifecycle views for those who may manage the entry, in Chinese; 撤销失效 only for
    an entry declared invalid; nothing of it for an editor."""
    from wagtail.users.models import UserProfile

    for name in ("a_approver", "a_editor"):
        profile = UserProfile.get_for_user(tree.users[name])
        profile.preferred_language = "zh-hans"
        profile.save()
    entry = new_entry(tree, rows, "menu")
    urls = {key: reverse(f"cms_lifecycle_{key}", args=[entry.pk])
            for key in ("withdraw", "archive", "invalidate", "revalidate")}
    client.force_login(tree.users["a_approver"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[entry.pk])).content.decode()
    for label in ("撤回…", "归档…", "宣布失效…"):
        assert label in edit, label
    assert all(urls[key] in edit for key in ("withdraw", "archive", "invalidate"))
    assert urls["revalidate"] not in edit and "撤销失效" not in edit
    listing = client.get(reverse("wagtailadmin_explore", args=[rows["public"].pk])).content.decode()
    assert urls["withdraw"] in listing and urls["archive"] in listing
    assert urls["invalidate"] not in listing

    lifecycle.invalidate(entry, tree.users["a_approver"], "已被新文件废止")
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[entry.pk])).content.decode()
    assert urls["revalidate"] in edit and "撤销失效…" in edit

    client.force_login(tree.users["a_editor"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[entry.pk])).content.decode()
    assert not any(url in edit for url in urls.values())
