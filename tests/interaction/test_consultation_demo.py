"""The demo consultations (consultations/demo.py): one open at the county with opinions coming in, one closed with
its opinions marked and its adoption report published and shown by the API; a second run adds nothing."""

from cms.models import Domain
from consultations.demo import ensure_demo_consultations
from consultations.models import Consultation
from tests.interaction.conftest import run_operation


def test_demo_consultations(tree):
    tree.add_item(tree.county, Domain.GOVERNMENT, "重大行政决策预公开", slug="major-decisions")
    assert ensure_demo_consultations({"county": tree.county}) == 2
    assert ensure_demo_consultations({"county": tree.county}) == 0
    assert Consultation.objects.count() == 2
    opened = run_operation("consultations", "OpenConsultations", {})["data"]["consultations"]
    assert opened["totalCount"] == 1 and opened["items"][0]["opinionCount"] == 3
    closed = run_operation("consultations", "ClosedConsultations", {})["data"]["consultations"]["items"]
    assert len(closed) == 1 and closed[0]["adoptionReport"]["title"].endswith("征求意见采纳情况的说明")
    report = Consultation.objects.get(pk=closed[0]["id"]).report
    text = str(report.body.raw_data)
    assert report.live and "采纳2条，部分采纳1条，未采纳2条" in text and "13812345678" not in text
    assert text.count("补贴为服务补贴") == 1  # one reason shared by two opinions
