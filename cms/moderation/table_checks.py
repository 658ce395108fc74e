"""Totals of financial tables (财务表格) around the workflow: a wrong total warns when a draft is saved and
is refused when the entry is submitted for review (docs/editors.md, 财务表格).

The block itself refuses a wrong total whenever the editor's form is validated in full (submit, publish,
a reviewer's action): ``FinancialTableBlock.clean`` defers only that comparison on a plain draft save. This
module adds what the form cannot do:

* after a draft is saved (``after_create_page`` / ``after_edit_page``): a warning naming the table, the
  column and the expected sum, while the draft stays saved;
* whenever a workflow starts or resumes (``WorkflowState`` saved as in progress, whatever the path: the
  editor, code calling ``workflow.start``, a resumed workflow after changes were requested): the same
  messages as a ``ValidationError``; ``Workflow.start`` is atomic, so nothing of the refused submission stays.

The hook is registered in cms/moderation/wagtail_hooks.py, the receiver connected by ``ModerationConfig.ready()``.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail import blocks as wagtail_blocks
from wagtail.admin import messages
from wagtail.fields import StreamField
from wagtail.models import WorkflowState

from blocks import FinancialTableBlock, TotalProblem
from cms.models import DisclosurePage


def _tables(block, value):
    """Every financial table's value inside one block value, at any depth."""
    if value is None:
        return
    if isinstance(block, FinancialTableBlock):
        yield value
    elif isinstance(block, wagtail_blocks.StreamBlock):
        for child in value:
            yield from _tables(child.block, child.value)
    elif isinstance(block, wagtail_blocks.ListBlock):
        for item in value:
            yield from _tables(block.child_block, item)
    elif isinstance(block, wagtail_blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _tables(child_block, value.get(name))


def total_problems(page) -> list[TotalProblem]:
    """The wrong totals of every financial table in the page's stream fields, in document order."""
    problems = []
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            stream = getattr(page, field.name)
            for child in stream or []:
                for table in _tables(child.block, child.value):
                    problems.extend(table.total_problems())
    return problems


def latest_content(page):
    """The page as its latest revision holds it (what is submitted), or the page itself without one."""
    revision = page.get_latest_revision()
    return revision.as_object() if revision is not None else page


def refusal(problems: list[TotalProblem]) -> ValidationError:
    return ValidationError([problem.message for problem in problems], code="financial_totals")


def warn_wrong_totals(request, page):
    """A draft saved with a wrong total: saved as it is, with a warning that names every wrong total and
    says that submitting will be refused until they add up. Autosave (JSON) is left alone."""
    if not isinstance(page, DisclosurePage) or request.POST.get("action-publish") \
            or request.POST.get("action-workflow-action") or not request.accepts("text/html"):
        return
    problems = total_problems(latest_content(page))
    if problems:
        messages.warning(request, " ".join([
            _("The draft is saved, but a total of a financial table does not add up; "
              "it cannot be submitted for review until it does."),
            *(problem.message for problem in problems),
        ]))


def refuse_wrong_totals_on_submit(sender, instance: WorkflowState, raw=False, **kwargs):
    """Submitting (a workflow starting, or resuming after changes were requested) is refused while a
    financial table of the submitted revision has a wrong total."""
    if raw or instance.status != WorkflowState.STATUS_IN_PROGRESS:
        return
    if instance.pk is not None and not WorkflowState.objects.filter(
            pk=instance.pk, status=WorkflowState.STATUS_NEEDS_CHANGES).exists():
        return  # a workflow already in review moving between its tasks
    page = instance.content_object
    page = getattr(page, "specific", page)
    if not isinstance(page, DisclosurePage):
        return
    problems = total_problems(latest_content(page))
    if problems:
        raise refusal(problems)
