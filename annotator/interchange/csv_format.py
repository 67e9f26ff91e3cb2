"""Annotations as a CSV table, one row per annotation, for spreadsheets (export only).

Written as UTF-8 with a byte order mark (``CSV_ENCODING``), commas, CRLF line ends and a header row: Excel reads a
.csv without a BOM in the machine's legacy code page (so "ë" and "‘" would come out garbled), with the BOM it reads
UTF-8; LibreOffice recognises the BOM too and drops it. Times are UTC as ``YYYY-MM-DD HH:MM:SS``, which both
programs take for a date and time (ISO 8601 with ``T`` and ``Z`` they show as plain text).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone

from annotator.domain.model import Annotation

__all__ = ["COLUMNS", "CSV_ENCODING", "annotations_to_csv"]

CSV_ENCODING = "utf-8-sig"
COLUMNS = (
    "id",
    "page",
    "printed_page",
    "judgment",
    "theme",
    "references",
    "quote",
    "comment",
    "sources",
    "author",
    "created",
    "modified",
    "include_in_letter",
    "status",
)
# A cell starting with one of these is run as a formula by spreadsheets; a file from someone else must not do that.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """Text as a cell that a spreadsheet shows as text, never evaluates (OWASP's advice: a leading apostrophe)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _time(value: datetime) -> str:
    return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def annotations_to_csv(
    annotations: Sequence[Annotation], theme_titles: Mapping[str, str], page_labels: Sequence[str]
) -> str:
    """The CSV text (without the BOM: write it with ``CSV_ENCODING``) of ``annotations`` in the given order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for a in annotations:
        anchor = a.anchor
        # An orphan's page is only where the quote was last seen (or 0 when nobody knew): not a place to look.
        page = anchor.page if anchor is not None and anchor.quads else None
        printed = page_labels[page] if page is not None and 0 <= page < len(page_labels) else ""
        writer.writerow(
            [
                a.id,
                "" if page is None else page + 1,
                _cell(printed),
                a.judgment.value if a.judgment else "",
                _cell(theme_titles.get(a.theme_id, "") if a.theme_id else ""),
                _cell("; ".join(str(ref) for ref in a.references)),
                _cell(a.quote),
                _cell(a.comment),
                _cell("; ".join(a.sources)),
                _cell(a.author),
                _time(a.created),
                _time(a.modified),
                "yes" if a.include_in_letter else "no",
                a.status.value,
            ]
        )
    return buffer.getvalue()
