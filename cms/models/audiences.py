"""特定群体: named groups a unit discloses to (低保户, 某村村民代表…), and the record of delivering an
entry to its group off-line (公示栏, meetings, door to door; docs/catalogue.md "特定群体").

An entry whose audience is narrowed to a specific group names its group(s) (``DisclosurePage.audience_groups``);
a portal token granted those groups reads it online (cms.visibility), and a delivery record proves it
reached the group off-line. Anyone else — the anonymous reader, a token of another group — never sees it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Channel


class AudienceGroup(models.Model):
    """A named group of one unit that entries may be disclosed to (公开对象: 特定群体)."""

    organisation = models.ForeignKey("cms.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="audience_groups")
    name = models.CharField(_("name"), max_length=80, help_text=_("e.g. 低保户, 第三村民小组村民代表"))
    description = models.CharField(_("description"), max_length=200, blank=True,
                                   help_text=_("Who belongs to the group, and how they are reached."))

    class Meta:
        verbose_name = _("specific group")
        verbose_name_plural = _("specific groups")
        ordering = ["organisation__path", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="one_group_name_per_unit")]

    def __str__(self):
        return f"{self.organisation.name} · {self.name}"


# Channels a delivery off-line goes through (公开渠道和载体 that reach people where they are).
DELIVERY_CHANNELS = (Channel.NOTICE_BOARD, Channel.ON_SITE, Channel.PRESS_CONFERENCE, Channel.SERVICE_STATION,
                     Channel.READING_POINT, Channel.TARGETED_PUSH, Channel.PARTY_MEETING,
                     Channel.PARTY_NOTICE_BOARD, Channel.OTHER)


class DeliveryRecord(models.Model):
    """送达记录: an entry for a specific group delivered off-line — when, where and through what, by whom,
    to whom, with a proof file (a photo of the notice board, the meeting's sign-in sheet)."""

    entry = models.ForeignKey("cms.DisclosurePage", verbose_name=_("entry"), on_delete=models.CASCADE,
                              related_name="deliveries")
    group = models.ForeignKey(AudienceGroup, verbose_name=_("specific group"), on_delete=models.PROTECT,
                              related_name="deliveries", null=True, blank=True)
    delivered_on = models.DateField(_("date delivered"))
    channel = models.CharField(_("channel"), max_length=30,
                               choices=[(c.value, c.label) for c in DELIVERY_CHANNELS])
    place = models.CharField(_("place or meeting"), max_length=200,
                             help_text=_("e.g. 村委会公开栏, 第三村民小组会议"))
    delivered_by = models.CharField(_("delivered by"), max_length=120)
    recipients = models.CharField(_("reached"), max_length=200,
                                  help_text=_("Who was reached, e.g. 村民代表 23 人."))
    proof = models.ForeignKey(settings.WAGTAILDOCS_DOCUMENT_MODEL, verbose_name=_("proof"),
                              on_delete=models.PROTECT, related_name="+",
                              help_text=_("A photo of the notice board, a sign-in sheet or the minutes."))
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   editable=False, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("delivery record")
        verbose_name_plural = _("delivery records")
        ordering = ["-delivered_on", "-pk"]

    def __str__(self):
        return f"{self.entry.title} · {self.delivered_on}"

    def clean(self):
        if self.entry_id and self.group_id and not self.entry.audience_groups.filter(id=self.group_id).exists():
            raise ValidationError({"group": _("The entry is not disclosed to this group.")})
