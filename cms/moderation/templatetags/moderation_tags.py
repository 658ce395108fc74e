from django import template

register = template.Library()


@register.simple_tag
def task_state_form(form, task_state):
    """The workflow action form bound to its task state (Wagtail builds it from the POST data only)."""
    if form is None or getattr(form, "task_state", True) is not None or not hasattr(form, "bind_task_state"):
        return form
    return type(form)(form.data if form.is_bound else None, task_state=task_state)


@register.simple_tag
def guard_report(task_state):
    """What the personal-data guard finds in the revision the task state would publish."""
    from ..guard import check
    from ..review import entry_of

    revision, entry = entry_of(task_state)
    return check(entry, revision.pk)
