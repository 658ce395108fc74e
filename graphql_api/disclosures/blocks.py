"""Typed GraphQL blocks of an entry's body (blocks/): numbers as numbers, people as records."""

from decimal import Decimal

import graphene

from ..core.urls import file_url
from .body import Block, RenditionLoader, render_rich_text
from .richtext import plain_text


def number(value) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float, Decimal)):
        return float(value)
    try:
        return float(Decimal(str(value)))
    except (ArithmeticError, ValueError):
        return None


def from_value(key: str, default=""):
    """A resolver reading one child of the block's StructValue, with a default for empty values."""

    def resolve(root, info):
        value = root.value.get(key)
        return default if value in (None, "") else value

    return resolve


class BodyBlock(graphene.Interface):
    """A block of an entry's body; withheld blocks never appear."""

    id = graphene.ID(required=True, description="Stable id of the block within the entry.")
    block_type = graphene.String(name="type", required=True, description="The block type, e.g. rich_text.")

    @staticmethod
    def resolve_block_type(root, info):
        return root.type

    @classmethod
    def resolve_type(cls, instance, info):
        return BLOCK_TYPES.get(instance.type, UnsupportedBlock)


class UnsupportedBlock(graphene.ObjectType):
    """A block type this API version does not describe yet; portals may skip it."""

    class Meta:
        interfaces = (BodyBlock,)


class RichTextBlock(graphene.ObjectType):
    class Meta:
        interfaces = (BodyBlock,)

    html = graphene.String(required=True, description="Sanitised HTML: a small tag set, safe links only.")
    text = graphene.String(required=True, description="The plain text.")

    @staticmethod
    def resolve_html(root: Block, info):
        return render_rich_text(root, root.value)

    @staticmethod
    def resolve_text(root: Block, info):
        return plain_text(root.value.source)


# --- financial tables -----------------------------------------------------------------------------


class FinancialColumn(graphene.ObjectType):
    heading = graphene.String(required=True)
    kind = graphene.String(required=True, description="text, amount, integer or percent.")
    summed = graphene.Boolean(required=True, description="Whether the totals row adds this column up.")


class FinancialCell(graphene.ObjectType):
    """A cell: its text as entered, and its number in numeric columns (percent in percentage points)."""

    text = graphene.String()
    number = graphene.Float()


def _cell(value) -> dict:
    if value is None:
        return {"text": None, "number": None}
    if isinstance(value, str):
        return {"text": value, "number": None}
    return {"text": str(value), "number": number(value)}


class FinancialTableBlock(graphene.ObjectType):
    class Meta:
        interfaces = (BodyBlock,)

    caption = graphene.String(resolver=from_value("caption", ""), required=True)
    unit = graphene.String(resolver=from_value("unit", ""), required=True, description="yuan or ten_thousand_yuan.")
    unit_label = graphene.String(required=True)
    columns = graphene.List(graphene.NonNull(FinancialColumn), required=True)
    rows = graphene.List(graphene.NonNull(graphene.List(graphene.NonNull(FinancialCell))), required=True)
    totals = graphene.List(graphene.NonNull(FinancialCell), required=True,
                           description="Computed: the sum of each amount and whole-number column.")
    given_totals = graphene.List(graphene.NonNull(FinancialCell),
                                 description="The totals row as published (equal to totals when validated).")



    @staticmethod
    def resolve_unit_label(root, info):
        return root.value.unit_label

    @staticmethod
    def resolve_columns(root, info):
        return [{"heading": c.heading, "kind": str(c.kind), "summed": c.is_summed} for c in root.value.column_specs()]

    @staticmethod
    def resolve_rows(root, info):
        return [[_cell(cell) for cell in row] for row in root.value.typed_rows()]

    @staticmethod
    def resolve_totals(root, info):
        return [_cell(cell) for cell in root.value.totals()]

    @staticmethod
    def resolve_given_totals(root, info):
        given = root.value.given_totals()
        return None if given is None else [_cell(cell) for cell in given]


# --- 三公经费 ----------------------------------------------------------------------------------------


class ExpenseFigures(graphene.ObjectType):
    """One column of 三公经费 (budget or actual), in the block's unit."""

    overseas_travel = graphene.Float(required=True, description="因公出国(境)费")
    vehicle_purchase = graphene.Float(required=True, description="公务用车购置费")
    vehicle_operation = graphene.Float(required=True, description="公务用车运行费")
    vehicle = graphene.Float(required=True, description="公务用车购置及运行费")
    official_reception = graphene.Float(required=True, description="公务接待费")
    total = graphene.Float(required=True, description="三公经费合计")


def _figures(figures) -> dict | None:
    if figures is None:
        return None
    return {name: number(getattr(figures, name)) for name in (
        "overseas_travel", "vehicle_purchase", "vehicle_operation", "vehicle", "official_reception", "total")}


class PublicExpensesBlock(graphene.ObjectType):
    class Meta:
        interfaces = (BodyBlock,)

    year = graphene.Int(resolver=from_value("year", None))
    stage = graphene.String(resolver=from_value("stage", ""), required=True, description="budget or final_accounts.")
    unit = graphene.String(resolver=from_value("unit", ""), required=True)
    unit_label = graphene.String(required=True)
    budget = graphene.Field(ExpenseFigures, required=True)
    actual = graphene.Field(ExpenseFigures)
    change = graphene.Float(description="Actual total minus budget total.")
    explanation = graphene.String(resolver=from_value("explanation", ""), required=True)




    @staticmethod
    def resolve_unit_label(root, info):
        return root.value.unit_label

    @staticmethod
    def resolve_budget(root, info):
        return _figures(root.value.budget_figures())

    @staticmethod
    def resolve_actual(root, info):
        return _figures(root.value.actual_figures())

    @staticmethod
    def resolve_change(root, info):
        return number(root.value.totals().change)



# --- people -------------------------------------------------------------------------------------------


class Person(graphene.ObjectType):
    """A person of a notice (任前公示): what the notice publishes, nothing more."""

    name = graphene.String(required=True)
    gender = graphene.String(description="male or female.")
    gender_label = graphene.String(required=True)
    birth_month = graphene.String(description="YYYY-MM")
    birth_year = graphene.Int()
    age = graphene.Int(description="Age in whole years on the entry's publication date.")
    education = graphene.String(required=True)
    current_post = graphene.String(required=True)
    proposed_post = graphene.String(required=True)


class PersonListBlock(graphene.ObjectType):
    class Meta:
        interfaces = (BodyBlock,)

    title = graphene.String(resolver=from_value("title", ""), required=True)
    explanation = graphene.String(resolver=from_value("explanation", ""), required=True)
    people = graphene.List(graphene.NonNull(Person), required=True)



    @staticmethod
    def resolve_people(root, info):
        on = root.entry.listing_date()  # the date the entry is listed under (cms.models.entries)
        return [{
            "name": person.get("name") or "",
            "gender": person.get("gender") or None,
            "gender_label": person.gender_label,
            "birth_month": person.get("birth_month") or None,
            "birth_year": person.birth_year,
            "age": person.age_on(on) if on else None,
            "education": person.get("education") or "",
            "current_post": person.get("current_post") or "",
            "proposed_post": person.get("proposed_post") or "",
        } for person in root.value.get("people") or []]


# --- files --------------------------------------------------------------------------------------------


class Attachment(graphene.ObjectType):
    """A file attached to an entry (附件)."""

    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    url = graphene.String(required=True, description="Absolute download URL.")
    file_name = graphene.String(required=True)
    file_extension = graphene.String(required=True)
    mime_type = graphene.String(required=True)
    size = graphene.Int(description="Bytes.")


def attachment(request, document, title: str = "") -> dict:
    return {
        "id": document.pk,
        "title": title or document.title,
        "url": file_url(request, document.url, document),
        "file_name": document.filename,
        "file_extension": document.file_extension.lower(),
        "mime_type": getattr(document, "mime_type", "") or "",
        "size": document.file_size,
    }


class Rendition(graphene.ObjectType):
    url = graphene.String(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)


class RenditionSize(graphene.Enum):
    """Named rendition sizes (the filter specs are set by GRAPHQL_IMAGE_RENDITIONS)."""

    THUMBNAIL = "thumbnail"
    MEDIUM = "medium"
    LARGE = "large"


class Image(graphene.ObjectType):
    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)
    rendition = graphene.Field(Rendition, size=graphene.Argument(RenditionSize, default_value="medium"))

    @staticmethod
    def resolve_id(root, info):
        return root.pk

    @staticmethod
    def resolve_rendition(root, info, size="medium"):
        size = getattr(size, "value", size)
        loader = RenditionLoader.get(info)
        loader.remember([root])
        return loader.load((root.pk, size))


class GalleryImage(graphene.ObjectType):
    caption = graphene.String(required=True)
    alt = graphene.String(required=True, description="Text for readers who cannot see the photo.")
    image = graphene.Field(Image, required=True)


class AttachmentsBlock(graphene.ObjectType):
    class Meta:
        interfaces = (BodyBlock,)

    attachments = graphene.List(graphene.NonNull(Attachment), required=True)

    @staticmethod
    def resolve_attachments(root, info):
        return block_attachments(info.context, root)


class GalleryBlock(graphene.ObjectType):
    class Meta:
        interfaces = (BodyBlock,)

    images = graphene.List(graphene.NonNull(GalleryImage), required=True)

    @staticmethod
    def resolve_images(root, info):
        return [{"caption": item.display_caption, "alt": item.alt_text, "image": item.get("image")}
                for item in gallery_items(root.value) if item.get("image") is not None]


def _items(value, key: str):
    """The list inside a block value: the value itself (a ListBlock) or its ``key`` child (a StructBlock)."""
    if hasattr(value, "bound_blocks") or isinstance(value, list):
        return list(value)
    if hasattr(value, "get"):
        return list(value.get(key) or [])
    return []


def gallery_items(value):
    return _items(value, "images")


def block_attachments(request, block: Block) -> list[dict]:
    if block.type == "attachments":
        return [attachment(request, item.get("document"), item.get("title") or "")
                for item in _items(block.value, "attachments") if item.get("document") is not None]
    return []


class KeyFact(graphene.ObjectType):
    label = graphene.String(required=True)
    value = graphene.String(required=True)


class KeyFactsBlock(graphene.ObjectType):
    """要点: labelled facts, e.g. 项目总投资: 1,200 万元."""

    class Meta:
        interfaces = (BodyBlock,)

    facts = graphene.List(graphene.NonNull(KeyFact), required=True)

    @staticmethod
    def resolve_facts(root, info):
        return [{"label": fact.get("label") or "", "value": fact.get("value") or ""}
                for fact in _items(root.value, "facts")]


class LegalBasisBlock(graphene.ObjectType):
    """公开依据: a quoted provision."""

    class Meta:
        interfaces = (BodyBlock,)

    source = graphene.String(resolver=from_value("source", ""), required=True)
    article = graphene.String(resolver=from_value("article", ""), required=True)
    quote = graphene.String(resolver=from_value("quote", ""), required=True)
    citation = graphene.String(required=True, description="e.g. 《中华人民共和国政府信息公开条例》第二十条")




    @staticmethod
    def resolve_citation(root, info):
        return root.value.citation


BLOCK_TYPES = {
    "rich_text": RichTextBlock,
    "financial_table": FinancialTableBlock,
    "public_expenses": PublicExpensesBlock,
    "person_list": PersonListBlock,
    "attachments": AttachmentsBlock,
    "gallery": GalleryBlock,
    "key_facts": KeyFactsBlock,
    "legal_basis": LegalBasisBlock,
}
ALL_BLOCK_TYPES = [UnsupportedBlock, *BLOCK_TYPES.values()]
