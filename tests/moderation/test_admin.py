"""Admin screens of the procedure render: task types in the workflow admin, the guard's lists."""

from django.urls import reverse

from cms.moderation.models import SensitiveWord


def test_task_types_are_editable_in_the_workflow_admin(tree, users, client):
    client.force_login(users["admin"])
    tree.village_a.refresh_from_db()
    for task in tree.village_a.workflow.tasks:
        response = client.get(reverse("wagtailadmin_workflows:edit_task", args=(task.pk,)))
        assert response.status_code == 200, task
    approval = tree.village_a.workflow.tasks.last()
    assert "escalation_groups" in client.get(
        reverse("wagtailadmin_workflows:edit_task", args=(approval.pk,))).content.decode()
    response = client.get(reverse("wagtailadmin_workflows:edit", args=(tree.village_a.workflow.pk,)))
    assert response.status_code == 200


def test_sensitive_words_are_edited_in_settings(users, client):
    client.force_login(users["admin"])
    response = client.get(reverse("sensitive_words:index"), {"q": "艾滋"})
    assert response.status_code == 200 and "艾滋病" in response.content.decode()
    response = client.post(reverse("sensitive_words:add"), {"word": "精神障碍", "note": "", "active": "on"})
    assert response.status_code == 302 and SensitiveWord.objects.filter(word="精神障碍").exists()
    assert client.get(reverse("public_contacts:index")).status_code == 200


def test_only_administrators_edit_the_lists(users, client):
    client.force_login(users["a_secrecy_reviewer"])
    response = client.get(reverse("sensitive_words:index"))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
