"""The body of a disclosure entry: a stream of the blocks an entry may contain."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .expenses import PublicExpensesBlock
from .media import AttachmentBlock, GalleryImageBlock
from .people import PersonListBlock
from .tables import FinancialTableBlock
from .text import DisclosureRichTextBlock, KeyFactBlock, LegalBasisBlock

__all__ = ["DisclosureBodyBlock"]


class DisclosureBodyBlock(blocks.StreamBlock):
    """Body of a DisclosurePage. Stream names are part of the API contract: rename only with a data migration."""

    rich_text = DisclosureRichTextBlock()
    financial_table = FinancialTableBlock()
    public_expenses = PublicExpensesBlock()
    person_list = PersonListBlock()
    attachments = blocks.ListBlock(AttachmentBlock(), min_num=1, label=_("Attachments"), icon="doc-full")
    gallery = blocks.ListBlock(GalleryImageBlock(), min_num=1, label=_("Gallery"), icon="image")
    key_facts = blocks.ListBlock(KeyFactBlock(), min_num=1, label=_("Key facts"), icon="info-circle")
    legal_basis = LegalBasisBlock()
