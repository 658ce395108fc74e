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
