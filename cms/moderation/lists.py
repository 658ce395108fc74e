"""The admin-edited lists the personal-data guard reads (docs/privacy.md): sensitive words and public
contacts. Registered as models of the moderation app through ``cms.moderation.models``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SensitiveWord(models.Model):
    """A word the guard treats as personal data wherever it appears (health, disability, criminal record;
    个人信息保护法 §28). Seeded from cms/privacy/data/sensitive_words.txt; edited by administrators."""

    word = models.CharField(_("word"), max_length=50, unique=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("sensitive word")
        verbose_name_plural = _("sensitive words")
        ordering = ["word"]

    def __str__(self):
        return self.word


class PublicContact(models.Model):
    """An official telephone number or mailbox that is not personal data (office lines, 信箱); the guard
    does not report it. Units' office telephones count without being listed."""

    value = models.CharField(_("number or e-mail address"), max_length=100, unique=True)
    note = models.CharField(_("whose"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("public contact")
        verbose_name_plural = _("public contacts")
        ordering = ["value"]

    def __str__(self):
        return self.value
