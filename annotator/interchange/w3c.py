"""W3C Web Annotation (JSON-LD) to and from the review's annotations; pure functions, no database, no PDF.

The mapping is the one in DESIGN.md. Two things go beyond it so that a round trip loses nothing: sources travel as
``TextualBody`` items with purpose ``linking``, and a highlight left out of the letter carries
``"urn:annotator:includeInLetter": false`` (an absolute IRI as property name, which JSON-LD allows and other tools
ignore). Area highlights have a FragmentSelector ``page=N&viewrect=left,top,width,height`` (RFC 3778, PDF points
from the top left of the page).
"""

from __future__ import annotations

import json
import math
import re
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone

from annotator.domain.model import Annotation, AnnotationKind, Judgment, Rect, TreatyRef
from annotator.domain.text import TextError, check_text

__all__ = [
    "CONTEXT",
    "INCLUDE_IN_LETTER",
    "MAX_DEPTH",
    "MAX_PAGE",
    "MAX_POINTS",
    "HugeNumber",
    "InterchangeError",
    "W3CAnnotation",
    "annotation_to_w3c",
    "collection_to_w3c",
    "parse_w3c",
]

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
RFC3778 = "http://tools.ietf.org/rfc/rfc3778"
INCLUDE_IN_LETTER = "urn:annotator:includeInLetter"
_UUID_PREFIX = "urn:uuid:"
_SHA256_PREFIX = "urn:sha256:"
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
# Ids that are not uuids (another tool's URLs) become stable uuids, so importing the file again finds them.
_FOREIGN_IDS = uuid.uuid5(uuid.NAMESPACE_URL, "urn:annotator:imported-ids")


# Bounds of what a file may say. A valid export nests 6 levels deep; no PDF the program opens has 100,000 pages;
# ISO 32000 caps a page at 14,400 points (200 inches) a side; positions and numbers fit in 32 bits.
MAX_DEPTH = 40
MAX_PAGE = 100_000
MAX_POINTS = 14_400.0
_MAX_OFFSET = 2**31 - 1
_MAX_INTEGER = 2**63 - 1
_MAX_TITLE = 300
_MAX_NAME = 200
_MAX_TEXT = 100_000
_MAX_SOURCE = 2_000
_ASCII_PAGE = re.compile(r"[0-9]{1,7}")
_ASCII_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,9}(?:\.[0-9]{0,12})?|\.[0-9]{1,12})")


class InterchangeError(ValueError):
    """An annotation file that does not have the expected shape; the message names the item and the problem."""


@dataclass(frozen=True)
class HugeNumber:
    """An integer literal of a JSON file too long to be a number of this program (Python refuses to convert more
    than 4,300 digits); the reader refuses the item that holds it."""

    digits: int


def _show(value: object, limit: int = 60) -> str:
    """A short, one-line rendering of a value from a file for a message; safe for any value."""
    if isinstance(value, bool) or value is None:
        return "true" if value is True else "false" if value is False else "null"
    if isinstance(value, HugeNumber):
        return f"a number of {value.digits:,} digits"
    if isinstance(value, int) and abs(value) > _MAX_INTEGER:
        return f"a number of about {int(abs(value).bit_length() * 0.30103) + 1:,} digits"
    if isinstance(value, str):
        text = value.encode("utf-8", "backslashreplace").decode("utf-8")
        shown = repr(text[:limit])
        return shown + ("…" if len(text) > limit else "")
    if isinstance(value, (int, float)):
        return repr(value)
    return _kind(value)


@dataclass(frozen=True)
class W3CAnnotation:
    """What one W3C annotation says, in the review's terms; ``page`` is 0-based, ``position`` (start, end)."""

    id: str
    created: datetime | None
    modified: datetime | None
    creator: str | None
    judgment: Judgment | None
    theme: str | None
    references: tuple[TreatyRef, ...]
    comment: str
    sources: tuple[str, ...]
    source_fingerprint: str | None
    exact: str
    prefix: str
    suffix: str
    page: int | None
    position: tuple[int, int] | None
    area: Rect | None
    include_in_letter: bool = True


# --- export ---------------------------------------------------------------------------------------------------


def _time(value: datetime) -> str:
    return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def _number(value: float) -> str:
    """A coordinate to two decimals (a hundredth of a point), without trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def annotation_to_w3c(
    a: Annotation, theme_title: str | None, *, position: tuple[int, int] | None = None
) -> dict[str, object]:
    """One annotation as a W3C Annotation; ``position`` (start, end in the document text) adds a
    TextPositionSelector."""
    body: list[dict[str, str]] = []
    if a.judgment is not None:
        body.append({"type": "TextualBody", "purpose": "assessing", "value": a.judgment.value})
    if theme_title:
        body.append({"type": "TextualBody", "purpose": "tagging", "value": theme_title})
    for ref in a.references:
        body.append({"type": "TextualBody", "purpose": "classifying", "value": str(ref)})
    if a.comment:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": a.comment, "format": "text/plain"})
    for source in a.sources:
        body.append({"type": "TextualBody", "purpose": "linking", "value": source})
    selectors: list[dict[str, object]] = []
    anchor = a.anchor
    if anchor is not None and anchor.exact:
        quote: dict[str, object] = {"type": "TextQuoteSelector", "exact": anchor.exact}
        if anchor.prefix:
            quote["prefix"] = anchor.prefix
        if anchor.suffix:
            quote["suffix"] = anchor.suffix
        selectors.append(quote)
    if position is not None:
        selectors.append({"type": "TextPositionSelector", "start": position[0], "end": position[1]})
    if anchor is not None:
        fragment = f"page={anchor.page + 1}"
        if a.kind is AnnotationKind.AREA and anchor.quads:
            box = anchor.quads[0]
            fragment += "&viewrect=" + ",".join(map(_number, (box.x0, box.y0, box.width, box.height)))
        selectors.append({"type": "FragmentSelector", "conformsTo": RFC3778, "value": fragment})
    item: dict[str, object] = {
        "@context": CONTEXT,
        "id": _UUID_PREFIX + a.id,
        "type": "Annotation",
        "motivation": "assessing" if a.judgment is not None else "highlighting",
        "created": _time(a.created),
        "modified": _time(a.modified),
        "creator": {"type": "Person", "name": a.author},
        "body": body,
        "target": {"source": _SHA256_PREFIX + a.document, "selector": selectors},
    }
    if not a.include_in_letter:
        item[INCLUDE_IN_LETTER] = False
    return item


def collection_to_w3c(items: list[dict[str, object]], label: str = "") -> dict[str, object]:
    """An AnnotationCollection holding ``items`` (their own @context is dropped: the collection's covers them)."""
    inner = [{key: value for key, value in item.items() if key != "@context"} for item in items]
    collection: dict[str, object] = {"@context": CONTEXT, "type": "AnnotationCollection", "total": len(inner)}
    if label:
        collection["label"] = label
    collection["items"] = inner
    return collection


# --- import ---------------------------------------------------------------------------------------------------


def parse_w3c(data: object) -> list[W3CAnnotation]:
    """The annotations in ``data`` (one annotation, a list, or an AnnotationCollection with items or first.items);
    raises InterchangeError naming the item (numbered from 1) and what is wrong with it."""
    parsed: list[W3CAnnotation] = []
    seen: dict[str, str] = {}
    for number, item in enumerate(_items(data), start=1):
        label = f"item {number}"
        if isinstance(item, Mapping) and isinstance(item.get("id"), str):
            shown = _show(item["id"], 80)
            label += f" ({item['id'] if shown[1:-1] == item['id'] else shown})"  # as written when printable
        if not isinstance(item, Mapping):
            raise InterchangeError(f"{label} is {_kind(item)}, not an annotation object.")
        _check_tree(item, label)
        annotation = _parse_item(item, label)
        if annotation.id in seen:
            raise InterchangeError(f"{label} has the same id as {seen[annotation.id]}.")
        seen[annotation.id] = f"item {number}"
        parsed.append(annotation)
    return parsed


def _check_tree(item: Mapping[str, object], label: str) -> None:
    """Refuse what no field of an item may hold, wherever it is (also in properties this program ignores, as the id
    of an item without one is made from all of it): nesting deeper than MAX_DEPTH, text that is not valid Unicode,
    integers beyond 64 bits. Iterative, so no nesting exhausts the stack."""
    stack: list[tuple[object, int]] = [(item, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if not value.isascii():
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError as error:
                    raise InterchangeError(
                        f"{label} holds text with U+{ord(value[error.start]):04X}, half of a UTF-16 surrogate pair "
                        "that is no character on its own (the file is damaged or was written by a faulty tool)."
                    ) from None
        elif isinstance(value, HugeNumber) or (isinstance(value, int) and abs(value) > _MAX_INTEGER):
            raise InterchangeError(f"{label} holds {_show(value)}; numbers in an annotation are at most 64 bits.")
        elif isinstance(value, (Mapping, list)):
            if depth >= MAX_DEPTH:
                raise InterchangeError(f"{label} nests objects and lists more than {MAX_DEPTH} levels deep; "
                                       "an annotation has fewer than 10.")
            if isinstance(value, Mapping):
                stack.extend((key, depth + 1) for key in value)
                stack.extend((entry, depth + 1) for entry in value.values())
            else:
                stack.extend((entry, depth + 1) for entry in value)


def _text(value: str, what: str, label: str, max_length: int, *, single_line: bool = False) -> str:
    """Text from the file that will be stored, checked: InterchangeError names the item, the field and the
    character (a control character, a lone surrogate) or the length that cannot be stored."""
    try:
        text = check_text(value, max_length=max_length)
    except TextError as error:
        raise InterchangeError(f"{label}: the {what} cannot be imported: {error}.") from None
    if single_line and ("\n" in text.strip() or "\t" in text.strip()):
        raise InterchangeError(f"{label}: the {what} {_show(value)} runs over more than one line.")
    return text


def _kind(value: object) -> str:
    """A reviewer's name for a JSON value's type."""
    names = {str: "a string", int: "a number", float: "a number", bool: "true or false", list: "a list",
             dict: "an object", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _types(value: Mapping[str, object]) -> set[str]:
    kind = value.get("type", value.get("@type"))
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {entry for entry in kind if isinstance(entry, str)}
    return set()


def _items(data: object) -> Iterator[object]:
    """The annotations of a file, whatever of the three accepted shapes it has."""
    if isinstance(data, list):
        yield from data
        return
    if not isinstance(data, Mapping):
        raise InterchangeError(
            f"The file holds {_kind(data)}; expected an annotation, a list of annotations or an AnnotationCollection."
        )
    kinds = _types(data)
    if "AnnotationCollection" in kinds or "items" in data or "first" in data:
        if "items" in data:
            items = data["items"]
            if not isinstance(items, list):
                raise InterchangeError(f"The collection's items are {_kind(items)}, not a list.")
            yield from items
            return
        page = data.get("first")
        while page is not None:
            if not isinstance(page, Mapping):
                raise InterchangeError(
                    f"The collection's page is {_kind(page)} ({_show(page, 80)}); only pages written out in the "
                    "file can be imported."
                )
            items = page.get("items", [])
            if not isinstance(items, list):
                raise InterchangeError(f"The items of a page of the collection are {_kind(items)}, not a list.")
            yield from items
            page = page.get("next") if isinstance(page.get("next"), Mapping) else None
        return
    if "Annotation" in kinds or "target" in data:
        yield data
        return
    raise InterchangeError(
        "The file holds an object that is neither an Annotation nor an AnnotationCollection "
        f"(its type is {_show(data.get('type'))})."
    )


def _parse_item(item: Mapping[str, object], label: str) -> W3CAnnotation:
    """One annotation object."""
    identifier = _parse_id(item, label)
    created = _parse_time(item.get("created"), "created", label)
    modified = _parse_time(item.get("modified"), "modified", label)
    bodies = _BodyReader(label)
    bodies.read(item.get("body", []))
    target = _target(item.get("target"), label)
    source = target.get("source")
    fingerprint = None
    if isinstance(source, str) and source.startswith(_SHA256_PREFIX):
        digest = source[len(_SHA256_PREFIX):]
        if not _SHA256.fullmatch(digest):
            raise InterchangeError(f"{label}: the target source {_show(source, 80)} is not urn:sha256: with 64 hex "
                               "digits.")
        fingerprint = digest.lower()
    selectors = _selectors(target, label)
    quote = selectors.get("TextQuoteSelector")
    fragment = selectors.get("FragmentSelector")
    page, area = _parse_fragment(fragment, label) if fragment is not None else (None, None)
    if quote is None and area is None:
        raise InterchangeError(f"{label}: the target has no TextQuoteSelector, so there is no quote to place.")
    exact = prefix = suffix = ""
    if quote is not None:
        exact = _text_field(quote, "exact", label, required=area is None)
        prefix = _text_field(quote, "prefix", label)
        suffix = _text_field(quote, "suffix", label)
        if len(prefix) > _MAX_TEXT or len(suffix) > _MAX_TEXT:  # context is only for choosing between repeats
            prefix, suffix = prefix[-1000:], suffix[:1000]
    position_selector = selectors.get("TextPositionSelector")
    position = _parse_position(position_selector, label) if position_selector is not None else None
    include = item.get(INCLUDE_IN_LETTER, True)
    if not isinstance(include, bool):
        raise InterchangeError(f"{label}: {INCLUDE_IN_LETTER} is {_show(include)}; expected true or false.")
    return W3CAnnotation(
        id=identifier,
        created=created,
        modified=modified,
        creator=_parse_creator(item.get("creator"), label),
        judgment=bodies.judgment,
        theme=bodies.theme,
        references=tuple(bodies.references),
        comment=bodies.comment(),
        sources=tuple(bodies.sources),
        source_fingerprint=fingerprint,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        page=page,
        position=position,
        area=area,
        include_in_letter=include,
    )


def _parse_id(item: Mapping[str, object], label: str) -> str:
    """The annotation's uuid: from urn:uuid:, else a stable uuid made from the foreign id or the whole item."""
    value = item.get("id", item.get("@id"))
    if value is None:
        canonical = json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)
        return str(uuid.uuid5(_FOREIGN_IDS, canonical))
    if not isinstance(value, str) or not value.strip():
        raise InterchangeError(f"{label}: its id is {_kind(value)} ({_show(value)}); expected a string such as "
                               "urn:uuid:…")
    text = value.strip()
    bare = text[len(_UUID_PREFIX):] if text.lower().startswith(_UUID_PREFIX) else text
    try:
        return str(uuid.UUID(bare))
    except ValueError:
        if text.lower().startswith(_UUID_PREFIX):
            raise InterchangeError(f"{label}: {_show(text, 80)} is not a valid urn:uuid.") from None
        return str(uuid.uuid5(_FOREIGN_IDS, text))


def _parse_time(value: object, name: str, label: str) -> datetime | None:
    """An ISO 8601 time, timezone-aware; a time without zone is taken as UTC."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InterchangeError(f"{label}: {name} is {_kind(value)}; expected an ISO 8601 time.")
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InterchangeError(f"{label}: {name} {_show(value)} is not an ISO 8601 time.") from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    try:
        parsed.astimezone(timezone.utc)  # the store keeps times in UTC: one before year 1 or after 9999 there is none
        return parsed
    except (OverflowError, ValueError):
        raise InterchangeError(f"{label}: {name} {_show(value)} lies outside the years 1 to 9999 in UTC.") from None


def _parse_creator(value: object, label: str) -> str | None:
    """The creator's name: a Person object, a plain string, or the first of a list."""
    if value is None:
        return None
    if isinstance(value, list):
        return _parse_creator(value[0], label) if value else None
    if isinstance(value, str):
        return _text(value, "creator's name", label, _MAX_NAME, single_line=True).strip() or None
    if isinstance(value, Mapping):
        for key in ("name", "nick", "id"):
            name = value.get(key)
            if isinstance(name, str) and name.strip():
                return _text(name, "creator's name", label, _MAX_NAME, single_line=True).strip()
        return None
    raise InterchangeError(f"{label}: the creator is {_kind(value)}; expected a Person with a name.")


class _BodyReader:
    """Collects judgment, theme, references, comments and sources from the bodies of one annotation."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.judgment: Judgment | None = None
        self.theme: str | None = None
        self.extra_tags: list[str] = []
        self.references: list[TreatyRef] = []
        self.comments: list[str] = []
        self.sources: list[str] = []

    def read(self, value: object) -> None:
        for body in value if isinstance(value, list) else [value]:
            self._one(body)

    def _one(self, body: object) -> None:
        if isinstance(body, str):  # a body that is only a link to something
            if body.strip():
                self.sources.append(_text(body.strip(), "source", self.label, _MAX_SOURCE, single_line=True))
            return
        if not isinstance(body, Mapping):
            raise InterchangeError(f"{self.label}: a body is {_kind(body)}; expected a TextualBody object.")
        purpose = body.get("purpose", "commenting")
        if isinstance(purpose, list):
            purpose = purpose[0] if purpose else "commenting"
        value = body.get("value", body.get("chars"))
        if value is None and purpose == "linking":
            value = body.get("source", body.get("id"))
        if value is None:
            return  # a body without text (an image, a link to elsewhere) says nothing the review can keep
        if not isinstance(purpose, str):
            raise InterchangeError(f"{self.label}: a body's purpose is {_kind(purpose)}; expected text.")
        if not isinstance(value, str):
            raise InterchangeError(f"{self.label}: a {_show(purpose, 30)} body's value is {_kind(value)}; "
                                   "expected text.")
        text = value.strip()
        if not text:
            return
        if purpose == "assessing":
            judgment = _judgment(text, self.label)
            if self.judgment is not None and judgment is not self.judgment:
                raise InterchangeError(
                    f"{self.label} has two judgments ({self.judgment.value} and {judgment.value}); "
                    "an annotation has one."
                )
            self.judgment = judgment
        elif purpose == "tagging":
            text = _text(text, "theme", self.label, _MAX_TITLE, single_line=True)
            if self.theme is None:
                self.theme = text
            elif text != self.theme:
                self.extra_tags.append(text)  # one theme per annotation: the others go into the comment
        elif purpose in ("classifying", "identifying"):
            try:
                self.references.append(TreatyRef.checked(text))
            except ValueError as error:
                raise InterchangeError(f"{self.label}: the reference {_show(text)} cannot be imported: "
                                       f"{error}.") from None
        elif purpose == "linking":
            self.sources.append(_text(text, "source", self.label, _MAX_SOURCE, single_line=True))
        else:
            self.comments.append(_text(text, "comment", self.label, _MAX_TEXT))

    def comment(self) -> str:
        parts = list(self.comments)
        if self.extra_tags:
            parts.append("Tags: " + ", ".join(self.extra_tags))
        return "\n\n".join(parts)


def _judgment(text: str, label: str) -> Judgment:
    key = "-".join(text.lower().replace("_", " ").replace("-", " ").split())
    try:
        return Judgment(key)
    except ValueError:
        allowed = ", ".join(judgment.value for judgment in Judgment)
        raise InterchangeError(f"{label}: the judgment {_show(text)} is not one of {allowed}.") from None


def _target(value: object, label: str) -> Mapping[str, object]:
    """The one target object of an annotation."""
    if isinstance(value, list):
        if len(value) != 1:
            raise InterchangeError(f"{label} has {len(value)} targets; expected exactly one.")
        value = value[0]
    if value is None:
        raise InterchangeError(f"{label} has no target.")
    if not isinstance(value, Mapping):
        raise InterchangeError(f"{label}: the target is {_kind(value)} without selectors, so there is no quote "
                               "to place.")
    return value


def _selectors(target: Mapping[str, object], label: str) -> dict[str, Mapping[str, object]]:
    """The target's selectors by type (the first of each type)."""
    value = target.get("selector", [])
    found: dict[str, Mapping[str, object]] = {}
    for selector in value if isinstance(value, list) else [value]:
        if not isinstance(selector, Mapping):
            raise InterchangeError(f"{label}: a selector is {_kind(selector)}; expected an object.")
        for kind in _types(selector):
            found.setdefault(kind, selector)
    return found


def _text_field(selector: Mapping[str, object], name: str, label: str, *, required: bool = False) -> str:
    value = selector.get(name, "")
    if not isinstance(value, str):
        raise InterchangeError(f"{label}: the TextQuoteSelector's {name} is {_kind(value)}; expected text.")
    if required and not value.strip():
        raise InterchangeError(f"{label}: the TextQuoteSelector's exact is empty, so there is no quote to place.")
    return _text(value, f"quote's {name}" if name != "exact" else "quote", label, 10 * _MAX_TEXT)


def _parse_position(selector: Mapping[str, object], label: str) -> tuple[int, int]:
    start, end = selector.get("start"), selector.get("end")
    if (not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool)
            or not 0 <= start <= end <= _MAX_OFFSET):
        raise InterchangeError(
            f"{label}: the TextPositionSelector has start {_show(start)} and end {_show(end)}; expected "
            f"0 <= start <= end <= {_MAX_OFFSET:,}."
        )
    return start, end


def _parse_fragment(selector: Mapping[str, object], label: str) -> tuple[int | None, Rect | None]:
    """The 0-based page and the area (viewrect) of an RFC 3778 FragmentSelector."""
    value = selector.get("value")
    if not isinstance(value, str):
        raise InterchangeError(f"{label}: the FragmentSelector's value is {_kind(value)}; expected 'page=N'.")
    fields: dict[str, str] = {}
    for part in value.lstrip("#").split("&"):
        key, _, setting = part.partition("=")
        fields[key.strip().lower()] = setting.strip()
    page = None
    if "page" in fields:
        # ASCII digits only: str.isdigit() also takes '²' and '٣', which int() then refuses or reads.
        number = fields["page"]
        if not _ASCII_PAGE.fullmatch(number) or not 1 <= int(number) <= MAX_PAGE:
            raise InterchangeError(f"{label}: the FragmentSelector {_show(value)} names page {_show(number)}; "
                                   f"pages are numbered from 1 up to {MAX_PAGE:,}.")
        page = int(number) - 1
    area = None
    if "viewrect" in fields:
        parts = fields["viewrect"].split(",")
        if len(parts) != 4 or not all(_ASCII_NUMBER.fullmatch(part.strip()) for part in parts):
            raise InterchangeError(f"{label}: the viewrect in {_show(value)} is not four decimal numbers "
                                   "left,top,width,height.")
        left, top, width, height = (float(part) for part in parts)
        if width <= 0 or height <= 0 or page is None:
            raise InterchangeError(f"{label}: the viewrect in {_show(value)} needs a page and a positive size.")
        right, bottom = left + width, top + height
        if not all(math.isfinite(v) for v in (left, top, right, bottom)) or left < 0 or top < 0 or \
                right > MAX_POINTS or bottom > MAX_POINTS:
            raise InterchangeError(f"{label}: the viewrect in {_show(value)} lies outside any page (a page is at "
                                   f"most {MAX_POINTS:,.0f} points a side, measured from its top left corner).")
        area = Rect(left, top, right, bottom)
    return page, area
