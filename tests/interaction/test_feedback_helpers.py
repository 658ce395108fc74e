"""Helpers of the feedback tests (no tests here): feedback at the tree's villages, staff accounts."""

import datetime

from interaction import services
from interaction.models import Feedback, Target


def new_feedback(organisation, received_on=datetime.date(2026, 9, 24), text="请公开村集体资产承包合同。", **fields):
    values = {"target": Target.UNIT, "target_title": organisation.name, "contact": "13800001234", **fields}
    return services.receive(Feedback(organisation=organisation, text=text, received_on=received_on, **values))


def answered(feedback, writer, reviewer, reply="已按规定公开，详见本村公开栏目。", on=datetime.date(2026, 9, 28)):
    feedback = services.perform(feedback, "submit_reply", writer, reply=reply, on=on)
    return services.perform(feedback, "approve", reviewer, on=on)
