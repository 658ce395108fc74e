"""The demo's supervision stage: a 督查 account, a content check run, the county's circular for 2026 Q3 with a
year's assessment behind it; a second run adds nothing."""

import io

from docx import Document as Docx

from supervision.assessment import assess, year_period
from supervision.demo import ensure_demo_supervision
from supervision.models import CheckRun, Circular
from supervision.permissions import is_supervisor
from supervision.timeliness import subtree

from .conftest import D, published


def test_demo_stage(tree, rows, django_user_model):
    published(tree, rows.village_quarterly, "第三季度村务收支", D(2026, 9, 15))
    created = ensure_demo_supervision({"county": tree.county}, "demo-password-2026")
    assert created == 3
    assert ensure_demo_supervision({"county": tree.county}, "demo-password-2026") == 0
    supervisor = django_user_model.objects.get(username="supervisor")
    assert is_supervisor(supervisor) and supervisor.check_password("demo-password-2026")
    assert CheckRun.objects.get().status == "done"
    circular = Circular.objects.get()
    assert (circular.year, circular.quarter, circular.version, circular.issued_on) == (2026, 3, 1, D(2026, 10, 12))
    with circular.docx.open("rb") as handle:
        text = "\n".join(p.text for p in Docx(io.BytesIO(handle.read())).paragraphs)
    assert "示范县人民政府关于2026年第三季度信息公开工作情况的通报" in text
    scores = assess(subtree(tree.county), *year_period(2026), today=D(2026, 12, 1))
    assert len(scores) == 4 and any(score.score is not None for score in scores)
