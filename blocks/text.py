"""Text blocks: rich text, key facts (要点) and legal-basis quotes (公开依据)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

__all__ = [
    "RICH_TEXT_FEATURES",
    "DisclosureRichTextBlock",
    "KeyFactBlock",
    "LegalBasisBlock",
    "LegalBasisValue",
]

# Headings below the entry title, emphasis, lists and links; no images or embeds in running text
# (photos go in a gallery, files in attachments) so that the text stays plain for search and privacy checks.
RICH_TEXT_FEATURES = ("h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link")


class DisclosureRichTextBlock(blocks.RichTextBlock):
    """Running text of an entry, limited to RICH_TEXT_FEATURES."""

    def __init__(self, features=None, **kwargs):
        super().__init__(features=list(features or RICH_TEXT_FEATURES), **kwargs)

    class Meta:
        label = _("Text")
        icon = "pilcrow"


class KeyFactBlock(blocks.StructBlock):
    """A key fact (e.g. 项目总投资: 1,200 万元; 公示期: 5 个工作日)."""

    label = blocks.CharBlock(label=_("Label"), max_length=100)
    value = blocks.CharBlock(label=_("Value"), max_length=255)

    class Meta:
        label = _("Key fact")
        icon = "info-circle"
        label_format = "{label}: {value}"

    def get_searchable_content(self, value):
        if not self.search_index:
            return []
        return [text for text in (value.get("label"), value.get("value")) if text]


class LegalBasisValue(blocks.StructValue):
    @property
    def citation(self) -> str:
        """The source and article as cited in Chinese text, e.g. 《中华人民共和国政府信息公开条例》第二十条."""
        source = (self.get("source") or "").strip()
        if source and not source.startswith("《"):
            source = f"《{source}》"
        return source + (self.get("article") or "").strip()


class LegalBasisBlock(blocks.StructBlock):
    """A quoted provision that requires or permits the disclosure (公开依据)."""

    source = blocks.CharBlock(label=_("Law or document"), max_length=200,
                              help_text=_("E.g. Regulations on the Disclosure of Government Information."))
    article = blocks.CharBlock(label=_("Article"), max_length=50, required=False,
                               help_text=_("E.g. Article 20."))
    quote = blocks.TextBlock(label=_("Quoted text"))

    class Meta:
        label = _("Legal basis")
        icon = "openquote"
        value_class = LegalBasisValue
        label_format = "{source} {article}"

    def get_searchable_content(self, value):
        if not self.search_index:
            return []
        return [text for text in (value.get("source"), value.get("article"), value.get("quote")) if text]
