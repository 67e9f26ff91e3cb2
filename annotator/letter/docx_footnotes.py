"""Real Word footnotes for python-docx, which has no API for them: the /word/footnotes.xml part and its references.

A footnote is a ``<w:footnoteReference w:id="n"/>`` run in the body and a ``<w:footnote w:id="n">`` in the
footnotes part, which the document part relates to (the content type is registered from the part when saved).
Ids -1 and 0 are Word's separator lines; ours start at 1. The styles 'Footnote Text' and 'Footnote Reference' are
added when the document (or its template) lacks them, so the reviewer can restyle footnotes in Word in one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

TEXT_STYLE = "Footnote Text"
REFERENCE_STYLE = "Footnote Reference"
TEXT_STYLE_ID = "FootnoteText"
REFERENCE_STYLE_ID = "FootnoteReference"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)


def ensure_footnote_styles(document: Document) -> None:
    """Add the footnote text and reference styles unless the document already has them."""
    styles = document.styles
    ids = {style.style_id for style in styles}
    if TEXT_STYLE_ID not in ids:
        text = styles.add_style(TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        text.base_style = styles["Normal"]
        text.font.size = Pt(9)
        text.paragraph_format.space_after = Pt(0)
        text.paragraph_format.space_before = Pt(0)
        text.paragraph_format.line_spacing = 1.0  # the body's 1.15 leaves footnotes looking double-spaced
        text.paragraph_format.widow_control = True
    if REFERENCE_STYLE_ID not in ids:
        reference = styles.add_style(REFERENCE_STYLE, WD_STYLE_TYPE.CHARACTER)
        reference.font.superscript = True


def footnote_xml(number: int, text: str) -> str:
    """One ``<w:footnote>``: the footnote's own number mark, a space, then the text."""
    return (
        f'<w:footnote w:id="{number}"><w:p><w:pPr><w:pStyle w:val="{TEXT_STYLE_ID}"/></w:pPr>'
        f'<w:r><w:rPr><w:rStyle w:val="{REFERENCE_STYLE_ID}"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
    )


def footnotes_part_xml(footnotes: Iterable[tuple[int, str]]) -> bytes:
    """The whole footnotes part: the two separators, then the numbered footnotes."""
    body = "".join(footnote_xml(number, text) for number, text in footnotes)
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{_W}">'
        f"{_SEPARATORS}{body}</w:footnotes>"
    ).encode("utf-8")


def add_footnote_reference(paragraph: Paragraph, number: int) -> None:
    """Append the superscript mark of footnote ``number`` to ``paragraph``."""
    run = paragraph.add_run()
    properties = run._r.get_or_add_rPr()
    style = properties.makeelement(qn("w:rStyle"), {qn("w:val"): REFERENCE_STYLE_ID})
    properties.insert(0, style)
    run._r.append(run._r.makeelement(qn("w:footnoteReference"), {qn("w:id"): str(number)}))


def write_footnotes(document: Document, footnotes: Iterable[tuple[int, str]]) -> None:
    """Give ``document`` exactly these footnotes, replacing a template's own footnotes part if it has one."""
    blob = footnotes_part_xml(footnotes)
    document_part = document.part
    for rel in document_part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            existing = rel.target_part
            if isinstance(existing, XmlPart):
                existing._element = parse_xml(blob)
            else:
                existing._blob = blob
            return
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, document_part.package)
    document_part.relate_to(part, RT.FOOTNOTES)
