"""API tokens of party organisations' portals: issued in the Wagtail admin, stored hashed, revocable.

A token reads party entries (党务公开) of its organisations in its scopes, besides everything
public (党务公开条例 §9: content is shown only within its 公开范围), and the entries narrowed to its
特定群体 (audience groups: a 低保户 or 村民代表 portal; docs/catalogue.md). It never grants wider access:
no drafts, no withheld parts, nothing of other units or other groups.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import AudienceGroup, Organisation, Scope

TOKEN_PREFIX = "dpt_"  # "disclosure portal token": recognisable in logs and secret scanners
GRANTABLE_SCOPES = [choice for choice in Scope.choices if choice[0] != Scope.PUBLIC]


def hash_token(raw: str) -> str:
    """SHA-256 of the token: tokens are 256-bit random, so a fast hash is safe and lookups are exact."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now))


class ApiToken(models.Model):
    name = models.CharField(_("name"), max_length=120, help_text=_("Which portal uses the token, e.g. 县委组织部党建网."))
    prefix = models.CharField(_("prefix"), max_length=16, editable=False, db_index=True,
                              help_text=_("The first characters of the token, to recognise it."))
    digest = models.CharField(max_length=64, unique=True, editable=False)
    organisations = models.ManyToManyField(Organisation, verbose_name=_("organisations"), related_name="api_tokens",
                                           blank=True, help_text=_("Party entries of these units can be read."))
    include_subunits = models.BooleanField(_("include subunits"), default=False,
                                           help_text=_("Also the units below them in the tree."))
    scopes = models.JSONField(_("scopes"), default=list,
                              help_text=_("Non-public scopes of party entries the token can read."))
    audience_groups = models.ManyToManyField(
        AudienceGroup, verbose_name=_("specific groups"), related_name="api_tokens", blank=True,
        help_text=_("Entries disclosed to these groups (特定群体) can be read."))
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   editable=False, on_delete=models.SET_NULL, related_name="+")
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()

    def clean(self):
        bad = [scope for scope in self.scopes or [] if scope not in dict(GRANTABLE_SCOPES)]
        if bad:
            raise ValidationError({"scopes": _("Unknown or non-grantable scopes: %(bad)s") % {"bad": ", ".join(bad)}})

    def issue(self) -> str:
        """Give the token a new secret and return it; only its hash is stored, so show it once."""
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.prefix = raw[: len(TOKEN_PREFIX) + 6]
        self.digest = hash_token(raw)
        return raw

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            type(self).objects.filter(pk=self.pk).update(revoked_at=self.revoked_at)

    @classmethod
    def authenticate(cls, raw: str) -> "ApiToken | None":
        """The active token with this secret, or None."""
        if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
            return None
        return cls.objects.active().filter(digest=hash_token(raw)).first()
