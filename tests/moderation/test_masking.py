"""Masking: one action masks every text of the entry and saves a new revision; files are not masked."""

from django.urls import reverse
from wagtail.models import PageLogEntry

from cms.models import DisclosurePage
from cms.moderation import guard
from cms.moderation.masking import apply_masks

from .conftest import (
    ID_MASKED, ID_NUMBER, act, attachment_block, block, person_block, table_block, text_block, to_approval,
)

MOBILE, MOBILE_MASKED = "13812345678", "138****5678"


def everywhere():
    return [
        text_block(f"<p>联系人手机 <b>{MOBILE}</b></p>"),
        table_block(ID_NUMBER),
        person_block(f"身份证号{ID_NUMBER}"),
        block("key_facts", [{"label": "联系电话", "value": MOBILE}]),
        block("legal_basis", {"source": "条例", "article": "第一条", "quote": f"号码{ID_NUMBER}"}),
    ]


def latest(entry):
    return DisclosurePage.objects.get(pk=entry.pk).get_latest_revision().as_object()


def test_masks_every_text_and_saves_a_logged_revision(make_entry, users):
    entry = make_entry(body=everywhere(), summary=f"联系电话{MOBILE}")
    before = entry.get_latest_revision()
    result = apply_masks(entry, users["a_editor"])
    assert result.total == 6 and result.counts == {"mobile": 3, "id_number": 3}
    assert result.revision != before and result.revision.user == users["a_editor"]
    masked = latest(entry)
    assert masked.summary == f"联系电话{MOBILE_MASKED}"
    raw = str(list(masked.body.raw_data))
    assert ID_NUMBER not in raw and MOBILE not in raw
    assert ID_MASKED in raw and MOBILE_MASKED in raw and "<b>" in raw
    assert [block.id for block in masked.body] == [block.id for block in entry.body]
    assert not guard.scan(masked).items
    log = PageLogEntry.objects.get(page_id=entry.pk, action="moderation.mask")
    assert log.user == users["a_editor"] and log.data["total"] == 6 and log.revision_id == result.revision.pk
    # Masking masked text changes nothing.
    assert apply_masks(entry, users["a_editor"]).revision is None


def test_masking_then_publishing_works(make_entry, users):
    entry = make_entry(body=[table_block(ID_NUMBER)])
    apply_masks(entry, users["a_editor"])
    to_approval(entry, users)
    act(entry, users["a_approver"], "approve")
    live = DisclosurePage.objects.get(pk=entry.pk)
    assert live.live and ID_MASKED in str(list(live.body.raw_data))


def test_findings_view_lists_locations_and_masks(make_entry, users, client, make_document):
    entry = make_entry(body=[table_block(ID_NUMBER), attachment_block(make_document(f"张三 {ID_NUMBER}"))])
    client.force_login(users["a_editor"])
    url = reverse("moderation:findings", args=(entry.pk,))
    content = client.get(url).content.decode()
    assert ID_MASKED in content and "Row 1" in content and "名单.docx" in content
    assert ID_NUMBER not in content
    assert "Cannot be masked here" in content and reverse("moderation:apply_masks", args=(entry.pk,)) in content
    response = client.post(reverse("moderation:apply_masks", args=(entry.pk,)), follow=True)
    assert response.redirect_chain[-1][0] == url
    report = guard.scan(latest(entry))
    assert [item.maskable for item in report.items] == [False]  # only the attachment is left


def refused(response) -> bool:
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_findings_view_needs_edit_rights_and_masking_respects_the_lock(make_entry, users, client):
    entry = make_entry(body=[table_block(ID_NUMBER)])
    masks = PageLogEntry.objects.filter(page_id=entry.pk, action="moderation.mask")
    client.force_login(users["b_editor"])
    assert refused(client.get(reverse("moderation:findings", args=(entry.pk,))))
    assert refused(client.post(reverse("moderation:apply_masks", args=(entry.pk,))))
    from .conftest import submit

    submit(entry, users["a_editor"])  # under review: locked for the editor
    client.force_login(users["a_editor"])
    assert refused(client.post(reverse("moderation:apply_masks", args=(entry.pk,))))
    assert not masks.exists()
    client.force_login(users["a_reviewer"])
    assert not refused(client.post(reverse("moderation:apply_masks", args=(entry.pk,))))
    assert masks.count() == 1


def test_entry_header_links_to_the_findings(make_entry, users, client):
    entry = make_entry()
    client.force_login(users["a_editor"])
    content = client.get(reverse("wagtailadmin_pages:edit", args=(entry.pk,))).content.decode()
    assert reverse("moderation:findings", args=(entry.pk,)) in content


def test_masks_addresses_birth_dates_and_grouped_numbers(make_entry, users):
    entry = make_entry(body=[
        table_block("家庭住址：城关镇青山村3组12号"),
        person_block("出生日期：1985年3月12日，东山村党支部书记"),
        block("key_facts", [{"label": "联系电话", "value": "电话：100 1234 5678"}]),
        text_block("<p>身份证号 110105 19491231 002X</p>"),
    ])
    result = apply_masks(entry, users["a_editor"])
    assert result.counts == {"address": 1, "birth_date": 1, "mobile": 1, "id_number": 1}
    raw = str(list(latest(entry).body.raw_data))
    assert "家庭住址：城关镇'" in raw and "出生日期：1985年3月，" in raw
    assert "100 **** 5678" in raw and "110105 ******** 002X" in raw
    assert not guard.scan(latest(entry)).items
