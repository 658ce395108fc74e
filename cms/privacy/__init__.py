"""Personal-data guard (去标识化): find and mask personal data in text and attachments."""

from .extract import DEFAULT_LIMITS, Extraction, Limits, Part, detect_kind, extract_text, extract_text_isolated
from .scanner import Finding, Kind, default_words, is_id_number, is_luhn_valid, mask_text, scan_fields, scan_text

__all__ = [
    "DEFAULT_LIMITS",
    "Extraction",
    "Finding",
    "Kind",
    "Limits",
    "Part",
    "default_words",
    "detect_kind",
    "extract_text",
    "extract_text_isolated",
    "is_id_number",
    "is_luhn_valid",
    "mask_text",
    "scan_fields",
    "scan_text",
]
