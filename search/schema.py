"""The search document of a disclosure entry and its analysed form, common to every backend.

:class:`EntryDocument` is what :mod:`search.documents` builds from a page (or a benchmark
generator builds synthetically). :func:`indexed_form` adds the analysed token fields:

* ``title_words`` / ``text_words``: rjieba words of the title / of every other text;
* ``title_grams``, ``summary_grams`` (summary, keywords, document number), ``body_grams``,
  ``attachments_grams``: the texts as written (:func:`search.analysis.grams`), one field each so
  that a phrase in the title scores above one in the summary, the body, the attachments;
* ``title_shingles`` … ``attachments_shingles``: the same texts' runs of three and four units
  (:func:`search.analysis.shingles`), beside each grams field: a phrase of three or four units is
  one term there.

The original texts are kept as they are (``source``) for highlighting in Python.
"""

import datetime
from typing import TypedDict

from . import analysis
from .types import DISCLOSURE_ATTRIBUTES, DOMAINS, SCOPES, VALIDITIES

# Bump when the fields or their analysis change: an index with another version must be rebuilt.
SCHEMA_VERSION = "5"  # 5: the shingles fields; 4: group_ids and scope "group" (特定群体)

# Longest text kept per field (characters); longer attachments are cut, not refused.
MAX_FIELD_CHARS = 300_000

TEXT_FIELDS = ("summary", "keywords", "body", "attachments", "document_number")
KEYWORD_FIELDS = ("domain", "scope", "disclosure_attribute", "validity", "document_number", "index_number")
ID_FIELDS = ("organisation_id", "catalogue_item_id")
ID_LIST_FIELDS = ("organisation_ids", "catalogue_item_ids", "group_ids")
# Returned with every hit (SearchHit.fields).
STORED_FIELDS = (
    "id", "title", "summary", "domain", "organisation_id", "catalogue_item_id", "disclosure_attribute",
    "validity", "published_on", "written_on", "year", "document_number", "index_number", "scope", "url",
)


class EntryDocument(TypedDict, total=False):
    """One disclosure entry as the search index sees it (dates as ``datetime.date``)."""

    id: int
    title: str
    summary: str
    keywords: str
    body: str
    attachments: str
    domain: str
    organisation_id: int
    organisation_ids: list[int]
    catalogue_item_id: int
    catalogue_item_ids: list[int]
    disclosure_attribute: str
    validity: str
    published_on: datetime.date
    written_on: datetime.date | None
    year: int
    document_number: str
    index_number: str
    scope: str
    group_ids: list[int]  # the named groups of an entry of scope "group" (特定群体); empty otherwise
    url: str
    expires_at: datetime.datetime | None  # the end of a notice period: hidden from that moment on


def _date(value) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def _moment(value) -> datetime.datetime | None:
    """An aware datetime in UTC (naive values are taken as UTC), or None."""
    if value is None or value == "":
        return None
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.fromisoformat(str(value))
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value.astimezone(datetime.timezone.utc)


def clean_document(doc: EntryDocument) -> EntryDocument:
    """Check a document and fill the derived fields; raises ValueError for a malformed one.

    Ancestor lists always contain the entry's own organisation and catalogue item; ``year``
    defaults to the year published.
    """
    if not isinstance(doc.get("id"), int) or doc["id"] <= 0:
        raise ValueError(f"search document needs a positive integer id: {doc.get('id')!r}")
    checks = (("domain", DOMAINS), ("scope", SCOPES), ("disclosure_attribute", DISCLOSURE_ATTRIBUTES),
              ("validity", VALIDITIES))
    for name, allowed in checks:
        if doc.get(name) not in allowed:
            raise ValueError(f"document {doc['id']}: {name} must be one of {allowed}, not {doc.get(name)!r}")
    clean: EntryDocument = {key: value for key, value in doc.items()}  # type: ignore[assignment]
    clean["title"] = str(doc.get("title") or "")
    for name in TEXT_FIELDS + ("index_number", "url"):
        clean[name] = str(doc.get(name) or "")[:MAX_FIELD_CHARS]
    for name in ID_FIELDS:
        clean[name] = int(doc[name])
    clean["group_ids"] = sorted({int(i) for i in doc.get("group_ids") or []})
    if (clean["scope"] == "group") != bool(clean["group_ids"]):
        raise ValueError(f"document {doc['id']}: scope group goes with group ids, and only it")
    for name, own in zip(ID_LIST_FIELDS, ID_FIELDS):
        ids = [int(i) for i in doc.get(name) or []]
        if clean[own] not in ids:
            ids.insert(0, clean[own])
        clean[name] = ids
    clean["published_on"] = _date(doc.get("published_on"))
    clean["written_on"] = _date(doc.get("written_on"))
    if clean["published_on"] is None:
        raise ValueError(f"document {doc['id']}: published_on is required")
    clean["year"] = int(doc.get("year") or clean["published_on"].year)
    clean["expires_at"] = _moment(doc.get("expires_at"))
    return clean


def searchable_text(doc: EntryDocument) -> str:
    """The texts searched besides the title, one per line (lines break CJK runs)."""
    return "\n".join(doc.get(name) or "" for name in TEXT_FIELDS)


# The grams fields, best first: where a phrase is found decides its weight (search.backends.base).
GRAM_FIELDS = ("title_grams", "summary_grams", "body_grams", "attachments_grams")
# The shingles field beside each grams field (same text, runs of three and four units).
SHINGLE_FIELDS = {field: field.replace("_grams", "_shingles") for field in GRAM_FIELDS}
TOKEN_FIELDS = ("title_words", "text_words") + GRAM_FIELDS + tuple(SHINGLE_FIELDS.values())


def gram_texts(doc: EntryDocument) -> dict[str, str]:
    """The original texts behind each grams field (lines break phrases)."""
    return _gram_texts({name: doc.get(name) or "" for name in ("title",) + TEXT_FIELDS})


def indexed_form(doc: EntryDocument) -> dict:
    """A cleaned document plus its analysed token fields (whitespace-joined tokens).

    Each text is normalised once and shared by its words and its grams: normalising the texts
    joined with newlines gives the newline-joined normalised texts, so the tokens are those of
    :func:`search.analysis.index_tokens` and :func:`search.analysis.grams` on :func:`searchable_text`
    and :func:`gram_texts` (docs/search.md «Rebuild»).
    """
    clean = clean_document(doc)
    norm = {name: analysis.normalise(clean[name]) for name in ("title",) + TEXT_FIELDS}
    form = {
        **clean,
        "title_words": " ".join(analysis.index_tokens_normalised(norm["title"])) if clean["title"] else "",
        "text_words": " ".join(analysis.index_tokens_normalised("\n".join(norm[name] for name in TEXT_FIELDS))),
    }
    for name, text in _gram_texts(norm).items():
        form[name] = " ".join(analysis.grams_normalised(text)) if text else ""
        form[SHINGLE_FIELDS[name]] = " ".join(analysis.shingles_normalised(text)) if text else ""
    return form


def _gram_texts(texts: dict[str, str]) -> dict[str, str]:
    return {
        "title_grams": texts["title"],
        "summary_grams": "\n".join(texts[name] for name in ("summary", "keywords", "document_number")),
        "body_grams": texts["body"],
        "attachments_grams": texts["attachments"],
    }


def source_of(form: dict) -> dict:
    """The original fields kept beside the index (JSON-ready): stored fields plus texts to highlight."""
    source = {name: form.get(name) for name in STORED_FIELDS}
    for name in ("body", "attachments", "keywords", "organisation_ids", "catalogue_item_ids", "group_ids"):
        source[name] = form.get(name)
    for name in ("published_on", "written_on"):
        value = source.get(name)
        source[name] = value.isoformat() if value else None
    source["expires_at"] = form["expires_at"].isoformat() if form.get("expires_at") else None
    return source


def fields_from_source(source: dict) -> dict:
    """The hit fields of a stored source, with dates as ``datetime.date``."""
    fields = {name: source.get(name) for name in STORED_FIELDS}
    for name in ("published_on", "written_on"):
        fields[name] = _date(fields[name])
    return fields
