"""Reading order of text blocks: MuPDF's order, except that on pages set in two columns each column is read
top to bottom before the next."""

from __future__ import annotations

from collections.abc import Sequence

Box = tuple[float, float, float, float]

# A block may poke this far (in points) over the middle of the page and still belong to its column.
_GUTTER_TOLERANCE = 6.0
# Both columns need at least this many blocks before a page counts as set in two columns.
_MIN_COLUMN_BLOCKS = 2
# Blocks starting in the bottom 8% of the page are footers, read after the body even when MuPDF puts them first.
_FOOTER_BAND = 0.08


def reading_order(boxes: Sequence[Box], page_width: float, page_height: float | None = None) -> list[int]:
    """Indexes of ``boxes`` in reading order; a footer (page number) comes after the body it sits under."""
    order = _column_order(boxes, page_width)
    if page_height:
        limit = page_height * (1 - _FOOTER_BAND)
        body = [i for i in order if boxes[i][1] < limit]
        if body:
            order = body + [i for i in order if boxes[i][1] >= limit]
    return order


def _column_order(boxes: Sequence[Box], page_width: float) -> list[int]:
    """MuPDF's order, or column by column on pages set in two columns."""
    middle = page_width / 2
    left = [i for i, box in enumerate(boxes) if box[2] <= middle + _GUTTER_TOLERANCE]
    right = [i for i, box in enumerate(boxes) if box[0] >= middle - _GUTTER_TOLERANCE and box[2] > middle + _GUTTER_TOLERANCE]
    if len(left) < _MIN_COLUMN_BLOCKS or len(right) < _MIN_COLUMN_BLOCKS:
        return list(range(len(boxes)))
    side = {i: 0 for i in left}
    side.update({i: 1 for i in right})
    # Blocks that span both columns (titles, wide figures) cut the page into bands; each band is read column
    # by column, and the bands from top to bottom.
    wide = sorted((i for i in range(len(boxes)) if i not in side), key=lambda i: boxes[i][1])
    order: list[int] = []
    remaining = sorted(side, key=lambda i: (boxes[i][1], boxes[i][0]))
    for cut in wide + [None]:
        limit = boxes[cut][1] if cut is not None else float("inf")
        band = [i for i in remaining if boxes[i][1] < limit]
        remaining = [i for i in remaining if boxes[i][1] >= limit]
        order.extend(sorted(band, key=lambda i: (side[i], boxes[i][1], boxes[i][0])))
        if cut is not None:
            order.append(cut)
    return order
