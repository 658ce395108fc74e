"""Party-internal channels (党员大会, 党内通报, 党务公开栏, 内部简报) are values of their own (issue 14 §1):
they survive a catalogue import and export, and only party catalogues may use them."""

import pytest
from django.core.exceptions import ValidationError

from cms.catalogue_io.errors import CatalogueFileError
from cms.catalogue_io.rows import validate_rows
from cms.catalogue_io.vocabulary import HEADER, PARTY_HEADER, label, parse_channels
from cms.models import Domain
from cms.models.pages import CatalogueItemPageForm

INSIDE = {"党员大会": "party_meeting", "党内通报": "party_circular", "党务公开栏": "party_notice_board",
          "内部简报": "internal_bulletin"}


def test_each_party_channel_reads_back_as_itself():
    for text, value in INSIDE.items():
        assert parse_channels(text) == [value]
        assert parse_channels(label("channels", value)) == [value]  # the export's label imports again
    assert parse_channels("党务公开栏、会议") == ["party_notice_board", "on_site"]
    assert parse_channels("村务公开栏、村民会议") == ["notice_board", "on_site"]


def _table(header, channels, *extra):
    return [(1, list(header)), (2, ["1", "组织建设", "", "要素", "依据", "长期公开", "党支部", channels, "全社会",
                                    "主动", "村级", *extra])]


def test_a_party_catalogue_imports_them():
    (row,) = validate_rows(_table(PARTY_HEADER, "党员大会、党内通报", "在全党公开"), Domain.PARTY)
    assert row.fields["channels"] == ["party_meeting", "party_circular"]


def test_other_catalogues_refuse_them_with_the_reason():
    with pytest.raises(CatalogueFileError) as raised:
        validate_rows(_table(HEADER, "政府网站、党务公开栏"), Domain.VILLAGE)
    (error,) = raised.value.errors
    assert "党务公开栏" in str(error)


def test_a_row_outside_the_party_may_not_hold_them(tree):
    row = tree.add_item(tree.village_a, Domain.VILLAGE, "村级财务", slug="finance")
    row.channels = ["notice_board", "party_notice_board"]
    with pytest.raises(ValidationError) as raised:
        row.full_clean()
    assert "channels" in raised.value.message_dict
    party_row = tree.add_item(tree.village_a, Domain.PARTY, "组织建设", slug="organisation")
    party_row.channels = ["party_meeting", "party_notice_board"]
    party_row.full_clean()


def test_the_row_form_offers_them_on_party_catalogues_only(tree):
    village = tree.add_item(tree.village_a, Domain.VILLAGE, "村级财务", slug="finance")
    party = tree.add_item(tree.village_a, Domain.PARTY, "组织建设", slug="organisation")
    offered = {}
    for row in (village, party):
        form_class = type(row).get_edit_handler().get_form_class()
        form = form_class(instance=row, for_user=None, parent_page=row.get_parent())
        offered[row.domain] = {value for value, _label in form.fields["channels"].choices}
    assert not offered[Domain.VILLAGE] & set(INSIDE.values())
    assert set(INSIDE.values()) <= offered[Domain.PARTY]
    assert issubclass(form_class, CatalogueItemPageForm)
