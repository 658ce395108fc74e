"""The demo data (manage.py load_demo): its units, catalogues, accounts and entries, idempotence, and that
it holds no personal data."""

import io
import os
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from blocks import DisclosureBodyBlock, iter_block_errors
from demo.accounts import DEFAULT_PASSWORD
from demo.loader import build_plan, load_demo
from demo.organisations import COUNTY_REGION_CODE, find_county
from demo.plan import SIZES
from demo.workflow import DEMOS
from cms.models import (
    CataloguePage, DisclosureDocument, DisclosureImage, DisclosureLink, DisclosurePage, Domain, LinkKind,
    Organisation, OrganisationLevel, Role, Scope, Validity, VillageRole, WithheldPart,
)
from cms.privacy.scanner import scan_text
from cms.uploads import sniff
from cms.visibility import public_body, visible_entries

OFFICE_PHONE = re.compile(r"^0571-8000\d{4}$")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The small demo, loaded once per module through the command, rolled back at the end."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            output = io.StringIO()
            call_command("load_demo", size="small", stdout=output, stderr=io.StringIO())
            yield output.getvalue()
            transaction.set_rollback(True)


@pytest.fixture
def entries(db, demo):
    return DisclosurePage.objects.filter(organisation__region_code__startswith=COUNTY_REGION_CODE)


def model_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def level_counts() -> dict[str, int]:
    units = Organisation.objects.filter(region_code__startswith=COUNTY_REGION_CODE)
    return {level: units.filter(level=level).count() for level in OrganisationLevel.values}


def test_units(db, demo):
    assert level_counts() == {"county": 1, "township": 1, "village": 1, "department": 1}
    assert find_county().name == "示范县"
    units = Organisation.objects.filter(region_code__startswith=COUNTY_REGION_CODE)
    for unit in units:
        assert unit.leader and unit.office and unit.page_id
        assert OFFICE_PHONE.match(unit.contact_phone), unit.contact_phone
        assert not re.search(r"\d", unit.address), "addresses stop at the township"
    for village in units.filter(level=OrganisationLevel.VILLAGE):
        assert village.get_parent().level == OrganisationLevel.TOWNSHIP


def test_catalogues_per_domain(db, demo):
    for unit in Organisation.objects.filter(region_code__startswith=COUNTY_REGION_CODE):
        catalogues = CataloguePage.objects.filter(organisation=unit)
        expected = {Domain.PARTY, Domain.VILLAGE} if unit.level == OrganisationLevel.VILLAGE else {
            Domain.PARTY, Domain.GOVERNMENT}
        assert set(catalogues.values_list("domain", flat=True)) == expected
        for catalogue in catalogues:
            assert catalogue.get_children().live().exists(), f"{catalogue} has no published items"


def other_stages(entries):
    """Entries other apps' demo stages add (load_demo_stage hooks): the consultations and their reports."""
    from django.apps import apps
    from django.db.models import Q

    if not apps.is_installed("consultations"):
        return entries.none()
    from consultations.models import Consultation

    consultations = Consultation.objects.all()
    return entries.filter(Q(pk__in=consultations.values("entry")) | Q(pk__in=consultations.values("report")))


def test_entries_follow_the_plan(entries):
    plan = build_plan(SIZES["small"])
    entries = entries.exclude(slug__in=[demo.slug for demo in DEMOS]).exclude(pk__in=other_stages(entries))
    assert entries.count() == len(plan)
    drafts = [spec.slug for spec in plan if spec.is_draft]
    assert drafts and entries.filter(first_published_at__isnull=True).count() == len(drafts)
    for page in entries.filter(first_published_at__isnull=False):
        assert page.published_on == page.first_published_on == timezone.localdate(page.first_published_at)
        assert page.index_number.startswith(page.organisation.region_code)
    withdrawn = entries.filter(withdrawn_at__isnull=False)
    assert withdrawn.count() == sum(bool(spec.withdrawal_reason) for spec in plan) > 0
    assert not withdrawn.filter(live=True).exists()


def test_entries_wait_at_every_step_of_the_procedure(entries):
    """The demo village's reviewers each find an entry in their queue; one was sent back, one referred up."""
    steps = {}
    for demo in DEMOS:
        page = entries.get(slug=demo.slug)
        state = page.current_workflow_task_state
        steps[demo.stop] = type(state.task.specific).__name__ if state else page.workflow_states.last().status
        assert not page.live
    assert steps["rejected"] == "needs_changes"
    assert len({steps[stop] for stop in ("review", "secrecy", "supervision", "approval")}) >= 3
    referred = entries.get(slug="wf-referred-up").current_workflow_task_state
    assert referred.specific.escalated


def test_every_block_type_is_used_and_valid(entries):
    used = set()
    stream_block = DisclosureBodyBlock()
    for page in entries:
        used |= {block.block_type for block in page.body}
        try:
            stream_block.clean(page.body)
        except ValidationError as error:
            pytest.fail(f"{page.title}: {list(iter_block_errors(error))}")
        page.full_clean()
    assert used == set(stream_block.child_blocks)


def test_links_and_validity(entries):
    interpretation = DisclosureLink.objects.filter(kind=LinkKind.INTERPRETS, page__in=entries).first()
    assert interpretation and interpretation.page.published_on == interpretation.target.published_on
    repealed = entries.get(validity=Validity.REPEALED)
    assert repealed.superseded_by.links.filter(kind=LinkKind.REPEALS, target=repealed).exists()
    assert entries.filter(validity=Validity.AMENDED).count() == 1


def test_party_scopes_and_withheld_parts(entries):
    party = entries.filter(domain=Domain.PARTY, live=True).select_related("catalogue_item")
    internal = [page.pk for page in party if page.effective_scope != Scope.PUBLIC]
    assert {Scope.UNIT_MEMBERS, Scope.SPECIFIC} <= {page.effective_scope for page in party}
    public = visible_entries()
    assert not public.filter(pk__in=internal).exists()
    assert public.filter(domain=Domain.PARTY).exists()
    part = WithheldPart.objects.get(page__in=entries)
    assert part.block_id in {block.id for block in part.page.body}
    assert part.block_id not in {block.id for block in public_body(part.page)}


def test_files_are_real_and_in_the_units_collection(entries):
    documents = DisclosureDocument.objects.filter(collection__name__contains=COUNTY_REGION_CODE)
    assert {d.file_extension for d in documents} >= {"pdf", "xlsx", "docx"}
    for document in documents:
        with document.file.open("rb") as file:
            assert sniff(file).mime_type == document.mime_type
    assert DisclosureImage.objects.filter(collection__name__contains=COUNTY_REGION_CODE).exists()


def test_accounts_and_groups(db, demo):
    users = get_user_model().objects
    assert users.get(username="admin").is_superuser
    editor = users.get(username="village_editor")
    village = Organisation.objects.get(name="东山乡东山村")
    assert list(editor.groups.all()) == [village.group_for(Role.EDITOR)]
    assert editor.check_password(DEFAULT_PASSWORD)
    township = village.get_parent()
    for role in Role:
        assert users.get(username=f"township_{role.value}").groups.get() == township.group_for(role)
    supervisor = users.get(username="village_supervisor")
    assert list(supervisor.groups.all()) == [village.group_for(VillageRole.SUPERVISOR)]
    assert "village_secrecy_reviewer" in demo and "village_supervisor" in demo and DEFAULT_PASSWORD in demo


def test_second_run_adds_nothing(db, demo):
    before = model_counts()
    report = load_demo(size="small")
    assert report.existed
    assert all(stage.created == 0 for stage in report.stages)
    assert model_counts() == before


def test_plan_is_deterministic():
    first, second = ([(s.unit, s.slug, s.title, s.summary, s.planned_on) for s in build_plan(SIZES["full"])]
                     for _ in range(2))
    assert first == second
    assert 250 <= len(first) <= 400


def test_no_personal_data(entries):
    texts = []
    stream_block = DisclosureBodyBlock()
    for page in entries:
        texts += [page.title, page.summary, page.keywords, *stream_block.get_searchable_content(page.body)]
    documents = DisclosureDocument.objects.filter(collection__name__contains=COUNTY_REGION_CODE)
    texts += [document.extracted_text for document in documents]
    findings = [finding for text in texts for finding in scan_text(text)]
    assert findings == []


@pytest.mark.skipif(not os.environ.get("DEMO_FULL"), reason="the full demo takes over a minute; set DEMO_FULL=1")
def test_full_size(db, demo):
    """The default size, grown from the small one: every unit, a few hundred entries over two years;
    a second run adds nothing."""
    load_demo()
    assert level_counts() == {"county": 1, "township": 3, "village": 6, "department": 10}
    entries = DisclosurePage.objects.filter(organisation__region_code__startswith=COUNTY_REGION_CODE)
    planned = entries.exclude(slug__in=[demo.slug for demo in DEMOS]).exclude(pk__in=other_stages(entries))
    assert planned.count() == len(build_plan(SIZES["full"])) >= 300
    assert {page.published_on.year for page in entries.filter(live=True)} == {2025, 2026}
    before = model_counts()
    load_demo()
    assert model_counts() == before

