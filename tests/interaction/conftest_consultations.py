"""Fixtures of the consultation tests (征求意见): a township's government row 重大行政决策预公开 with a live draft
entry, a party row, and helpers to open consultations with periods relative to today."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone, translation

from cms.models import Domain
from consultations import services
from consultations.choices import Channel, Kind
from consultations.models import Consultation, Opinion

__all__ = ["Scene", "english", "scene"]


@dataclass
class Scene:
    tree: object
    row: object
    party_row: object
    today: datetime.date

    @property
    def users(self):
        return self.tree.users

    def entry(self, title="关于公开征求《城关镇农贸市场改造方案（征求意见稿）》意见的公告", row=None, publish=True, **fields):
        return self.tree.add_entry(row or self.row, title, publish=publish,
                                   body=[{"type": "rich_text", "value": "<p>方案全文。</p>"}], **fields)

    def consultation(self, entry=None, kind=Kind.GOVERNMENT, start=None, end=None, days=30, **fields):
        """A consultation opened by the township's editor; by default open now for ``days`` days."""
        start = start or self.today - datetime.timedelta(days=5)
        end = end or start + datetime.timedelta(days=days - 1)
        values = {"background": "改造农贸市场属于重大行政决策事项。", "how_to_take_part": "在线提交或寄送书面意见。",
                  "starts_on": start, "ends_on": end, "kind": kind, **fields}
        return services.open_consultation(entry or self.entry(), self.users["t_editor"], **values)

    def closed(self, **fields) -> Consultation:
        """A consultation whose period ended yesterday."""
        start = self.today - datetime.timedelta(days=40)
        return self.consultation(start=start, end=self.today - datetime.timedelta(days=1), **fields)

    def opinion(self, consultation, text="建议保留早市摊位。", channel=Channel.PORTAL, **fields) -> Opinion:
        values = {"author_name": "市民甲", "contact": "13900001111", "received_on": consultation.starts_on, **fields}
        return Opinion.objects.create(consultation=consultation, channel=channel, text=text,
                                      personal_data_found=services.scan(text), **values)


@pytest.fixture
def scene(tree) -> Scene:
    row = tree.add_item(tree.township, Domain.GOVERNMENT, "重大行政决策预公开", slug="major-decisions")
    party_row = tree.add_item(tree.township, Domain.PARTY, "重大决策预公开", slug="party-decisions")
    return Scene(tree, row, party_row, timezone.localdate())


@pytest.fixture
def english(settings):
    """Assertions on admin pages read English source strings."""
    settings.LANGUAGE_CODE = "en"
    settings.WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English")]
    with translation.override("en"):
        yield
