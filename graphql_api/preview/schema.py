import graphene
from django.utils.translation import gettext as _
from wagtail.models import Revision

from cms.models import DisclosurePage

from ..core.context import mark_private
from ..core.errors import PreviewTokenExpired, PreviewTokenInvalid
from ..disclosures.types import Disclosure
from .tokens import ExpiredPreviewToken, InvalidPreviewToken, read_preview_token


class Preview(graphene.ObjectType):
    """A draft revision shown through a preview token; public parts only, as the portal would show them."""

    entry = graphene.Field(Disclosure, required=True)
    revision_id = graphene.ID(required=True)
    revision_created_at = graphene.DateTime(required=True)


class PreviewQueries(graphene.ObjectType):
    preview = graphene.Field(Preview, token=graphene.String(required=True),
                             description="The draft revision a preview token names (editors' preview).")

    @staticmethod
    def resolve_preview(root, info, token):
        mark_private(info)
        try:
            page_id, revision_id = read_preview_token(token)
        except ExpiredPreviewToken:
            raise PreviewTokenExpired(_("The preview link has expired; open the preview again from the editor."))
        except InvalidPreviewToken:
            raise PreviewTokenInvalid(_("The preview token is not valid."))
        revision = (Revision.page_revisions.filter(pk=revision_id, object_id=str(page_id))
                    .select_related("content_type").first())
        page = DisclosurePage.objects.filter(pk=page_id).first()
        if revision is None or page is None:
            raise PreviewTokenInvalid(_("The preview token is not valid."))
        entry = revision.as_object()
        if not isinstance(entry, DisclosurePage):
            raise PreviewTokenInvalid(_("The preview token is not valid."))
        entry.preview_revision_id = revision.pk
        return {"entry": entry, "revision_id": revision.pk, "revision_created_at": revision.created_at}

