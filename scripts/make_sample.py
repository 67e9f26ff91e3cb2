"""Build the bundled sample agreement PDF from its Markdown source, byte for byte reproducibly.

Run `/work/venv/bin/python scripts/make_sample.py` after editing resources/sample/regeerakkoord-voorbeeld.md and
commit both files. The PDF has a cover and a contents page without page numbers; the printed page numbers start at 1
on the third PDF page, and no /PageLabels are written, so that annotator has to find the printed numbers itself,
as it must in real agreements.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pymupdf

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "resources" / "sample" / "regeerakkoord-voorbeeld.md"
TARGET = REPO / "resources" / "sample" / "regeerakkoord-voorbeeld.pdf"

PAGE = pymupdf.paper_rect("a4")
BODY = pymupdf.Rect(70, 84, PAGE.width - 70, PAGE.height - 66)
HEADER = pymupdf.Rect(70, 42, PAGE.width - 70, 66)
FOOTER = pymupdf.Rect(70, PAGE.height - 46, PAGE.width - 70, PAGE.height - 28)
NAVY = (0.12, 0.23, 0.37)
GREY = (0.45, 0.45, 0.45)
# Fixed so that the same Markdown always gives the same bytes; 14 September 2027 is the date on the cover.
PDF_DATE = "D:20270914120000+02'00'"
PRINTED_PAGE_OFFSET = 2  # cover and contents page come before printed page 1

BODY_CSS = """
body { margin: 0; font-family: serif; font-size: 10.5pt; line-height: 1.32; color: #1a1a1a; }
h1 { font-family: sans-serif; font-size: 17pt; font-weight: bold; color: #1f3a5f;
     margin: 0 0 14pt 0; page-break-before: always; }
h1.first { page-break-before: auto; }
h2.new-page { page-break-before: always; }
h2 { font-family: sans-serif; font-size: 11.5pt; font-weight: bold; color: #1f3a5f; margin: 12pt 0 4pt 0; }
p { margin: 0 0 6pt 0; }
ul { margin: 0 0 8pt 0; padding-left: 16pt; }
li { margin: 0 0 3pt 0; }
table { margin: 4pt 0 10pt 0; font-family: sans-serif; font-size: 8.5pt; border-collapse: collapse; }
th { text-align: left; font-weight: bold; padding: 3pt 6pt 3pt 0; border-bottom: 1pt solid #1f3a5f; }
td { padding: 2pt 6pt 2pt 0; border-bottom: 0.5pt solid #c8c8c8; }
td.num, th.num { text-align: right; padding-left: 14pt; }
"""
SMALL_CSS = "body { margin: 0; font-family: sans-serif; font-size: 8.5pt; color: #6b6b6b; } p { margin: 0; }"


@dataclass(frozen=True)
class Heading:
    """A chapter (level 1) or section (level 2) heading, where the layout put it."""

    level: int
    title: str
    anchor: str
    body_page: int = -1  # 0-based page of the body, i.e. printed page number - 1
    top: float = 0.0


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split the `---` block of `key: value` lines from the Markdown body."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise ValueError("the sample Markdown must start with a '---' front-matter block (title, author, ...)")
    end = lines.index("---", 1)
    meta: dict[str, str] = {}
    for line in lines[1:end]:
        key, sep, value = line.partition(":")
        if not sep:
            raise ValueError(f"front-matter line {line!r} is not of the form 'key: value'")
        meta[key.strip()] = value.strip()
    for required in ("title", "subtitle", "short_title", "parties", "place_date", "author", "subject"):
        if required not in meta:
            raise ValueError(f"front matter lacks {required!r}; it is needed for the cover or the metadata")
    return meta, "\n".join(lines[end + 1 :])


def inline(text: str) -> str:
    """Escape text for HTML and turn **bold** and *italic* into tags."""
    escaped = html.escape(text, quote=False)
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escaped)
    return re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", escaped)


def _slug(title: str) -> str:
    """An HTML id for a heading."""
    return "h-" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _table_html(rows: list[str]) -> str:
    """A pipe table (header row, separator row, data rows) as HTML; numeric columns are right-aligned."""
    cells = [[c.strip() for c in row.strip().strip("|").split("|")] for row in rows]
    head, data = cells[0], [r for r in cells[1:] if not all(set(c) <= set("-: ") for c in r)]
    out = ["<table><tr>"]
    out += [f'<th{" class=num" if i else ""}>{inline(c)}</th>' for i, c in enumerate(head)]
    out.append("</tr>")
    for row in data:
        out.append("<tr>" + "".join(f'<td{" class=num" if i else ""}>{inline(c)}</td>' for i, c in enumerate(row)))
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def markdown_to_html(markdown: str, new_page: frozenset[str] = frozenset()) -> tuple[str, list[Heading]]:
    """Convert the Markdown subset of the sample (#, ##, paragraphs, - bullets, pipe tables) to HTML.

    Chapters start on a new page; so do the sections whose anchors are in `new_page`.
    """
    parts: list[str] = []
    headings: list[Heading] = []
    blocks = [b for b in re.split(r"\n\s*\n", markdown.strip()) if b.strip()]
    for block in blocks:
        lines = block.strip().splitlines()
        first = lines[0]
        if first.startswith("#"):
            marks, _, title = first.partition(" ")
            level = len(marks)
            if level > 2 or len(lines) > 1:
                raise ValueError(f"heading {first!r}: only # and ## on a line of their own are supported")
            heading = Heading(level, title.strip(), _slug(title))
            css_class = ' class="first"' if not headings else ""
            if heading.anchor in new_page:
                css_class = ' class="new-page"'
            parts.append(f'<h{level} id="{heading.anchor}"{css_class}>{inline(heading.title)}</h{level}>')
            headings.append(heading)
        elif first.startswith("- "):
            items = "".join(f"<li>{inline(line[2:].strip())}</li>" for line in lines)
            parts.append(f"<ul>{items}</ul>")
        elif first.startswith("|"):
            parts.append(_table_html(lines))
        else:
            parts.append(f"<p>{inline(' '.join(line.strip() for line in lines))}</p>")
    return "\n".join(parts), headings


def _remember_heading(found: dict[str, tuple[int, float, float]], position: pymupdf.ElementPosition) -> None:
    """Keep the page, top and bottom first reported for a heading (its opening tag)."""
    if position.heading and position.id:
        found.setdefault(position.id, (position.body_page, position.rect[1], position.rect[3]))


def _place_body(body_html: str, headings: list[Heading]) -> tuple[int, list[Heading], frozenset[str]]:
    """Lay the body out without drawing it.

    Returns the number of body pages, the headings with their page and top, and the sections whose heading
    ended up at the foot of a page with less than two lines of text under it.
    """
    story = pymupdf.Story(body_html, user_css=BODY_CSS)
    found: dict[str, tuple[int, float, float]] = {}
    page = 0
    more = True
    while more:
        more, _ = story.place(BODY)
        story.element_positions(lambda pos: _remember_heading(found, pos), {"body_page": page})
        story.draw(None)  # advances the story to the next page without drawing anything
        page += 1
    missing = [h.title for h in headings if h.anchor not in found]
    if missing:
        raise RuntimeError(f"the layout did not report the headings {missing}; are two headings identical?")
    placed = [Heading(h.level, h.title, h.anchor, *found[h.anchor][:2]) for h in headings]
    stranded = frozenset(h.anchor for h in headings if h.level == 2 and found[h.anchor][2] > BODY.y1 - 30)
    return page, placed, stranded


def _draw_small(device: pymupdf.Device, text: str, rect: pymupdf.Rect, align: str) -> None:
    """Draw one line of running header or footer text."""
    story = pymupdf.Story(f'<p style="text-align:{align}">{html.escape(text)}</p>', user_css=SMALL_CSS)
    story.place(rect)
    story.draw(device)


def _draw_cover(device: pymupdf.Device, meta: dict[str, str]) -> None:
    """The cover: parties, title, subtitle, place and date, and a plain statement that the text is fictional."""
    cover_css = (
        "body { margin: 0; font-family: sans-serif; color: #1f3a5f; }"
        ".parties { font-size: 11pt; margin: 0 0 70pt 0; }"
        ".title { font-size: 28pt; font-weight: bold; margin: 0 0 10pt 0; line-height: 1.15; }"
        ".subtitle { font-size: 16pt; margin: 0 0 40pt 0; }"
        ".date { font-size: 11pt; color: #1a1a1a; }"
    )
    story = pymupdf.Story(
        f'<p class="parties">{html.escape(meta["parties"])}</p>'
        f'<p class="title">{html.escape(meta["title"])}</p>'
        f'<p class="subtitle">{html.escape(meta["subtitle"])}</p>'
        f'<p class="date">{html.escape(meta["place_date"])}</p>',
        user_css=cover_css,
    )
    story.place(pymupdf.Rect(72, 230, PAGE.width - 72, 640))
    story.draw(device)
    _draw_small(device, "Fictief voorbeeld voor annotator — geen bestaand akkoord", FOOTER, "left")


def _contents_lines(headings: list[Heading]) -> list[tuple[Heading, pymupdf.Rect]]:
    """Where each contents line goes on the contents page; fails if they do not fit on one page."""
    lines: list[tuple[Heading, pymupdf.Rect]] = []
    y = BODY.y0 + 40
    for heading in headings:
        if heading.level == 1:
            y += 9
        height = 15.5
        lines.append((heading, pymupdf.Rect(BODY.x0, y, BODY.x1, y + height)))
        y += height
    if y > BODY.y1:
        raise RuntimeError(f"the contents need {y:.0f} pt but the page ends at {BODY.y1:.0f} pt; shorten the headings")
    return lines


def _draw_contents(device: pymupdf.Device, lines: list[tuple[Heading, pymupdf.Rect]]) -> None:
    """The contents page: every chapter and section with its printed page number."""
    title = pymupdf.Story("<h1>Inhoud</h1>", user_css=BODY_CSS)
    title.place(BODY)
    title.draw(device)
    css = "body { margin: 0; font-family: sans-serif; font-size: 10pt; color: #1a1a1a; } p { margin: 0; } b { color: #1f3a5f; }"
    for heading, rect in lines:
        text = html.escape(heading.title)
        if heading.level == 1:
            text = f"<b>{text}</b>"
        indent = 0 if heading.level == 1 else 22
        story = pymupdf.Story(f"<p>{text}</p>", user_css=css)
        story.place(pymupdf.Rect(rect.x0 + indent, rect.y0, rect.x1 - 40, rect.y1))
        story.draw(device)
        number = pymupdf.Story(f'<p style="text-align:right">{heading.body_page + 1}</p>', user_css=css)
        number.place(pymupdf.Rect(rect.x1 - 40, rect.y0, rect.x1, rect.y1))
        number.draw(device)


def _write_pages(meta: dict[str, str], body_html: str, headings: list[Heading], body_pages: int) -> bytes:
    """Cover, contents and body pages with running header and printed page numbers, as raw PDF bytes."""
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    _draw_cover(writer.begin_page(PAGE), meta)
    writer.end_page()
    _draw_contents(writer.begin_page(PAGE), _contents_lines(headings))
    writer.end_page()
    story = pymupdf.Story(body_html, user_css=BODY_CSS)
    more = True
    printed = 0
    while more:
        device = writer.begin_page(PAGE)
        printed += 1
        more, _ = story.place(BODY)
        story.draw(device)
        _draw_small(device, meta["short_title"], HEADER, "left")
        _draw_small(device, str(printed), FOOTER, "center")
        writer.end_page()
    writer.close()
    if printed != body_pages:
        raise RuntimeError(f"the body took {printed} pages when drawn but {body_pages} when measured")
    return buffer.getvalue()


def _finish(raw: bytes, meta: dict[str, str], headings: list[Heading], source_sha256: str) -> bytes:
    """Add outline, links, decoration and metadata, subset the fonts and save without anything time-dependent."""
    doc = pymupdf.open("pdf", raw)
    cover = doc[0]
    cover.draw_rect(pymupdf.Rect(PAGE.width / 2 - 22, 0, PAGE.width / 2 + 22, 110), color=None, fill=NAVY)
    for page in doc.pages(PRINTED_PAGE_OFFSET):
        page.draw_line((HEADER.x0, HEADER.y1 - 4), (HEADER.x1, HEADER.y1 - 4), color=GREY, width=0.4)
    contents = doc[1]
    for heading, rect in _contents_lines(headings):
        contents.insert_link(
            {
                "kind": pymupdf.LINK_GOTO,
                "from": rect,
                "page": heading.body_page + PRINTED_PAGE_OFFSET,
                "to": pymupdf.Point(BODY.x0, heading.top),
            }
        )
    outline = [[1, "Inhoud", 2]]
    for heading in headings:
        pdf_page = heading.body_page + PRINTED_PAGE_OFFSET + 1
        target = {"kind": pymupdf.LINK_GOTO, "to": pymupdf.Point(BODY.x0, heading.top), "zoom": 0}
        outline.append([heading.level, heading.title, pdf_page, target])
    doc.set_toc(outline)
    doc.subset_fonts()
    doc.set_metadata(
        {
            "title": f'{meta["title"]} — {meta["subtitle"]}',
            "author": meta["author"],
            "subject": meta["subject"],
            "keywords": meta.get("keywords", ""),
            "creator": "annotator scripts/make_sample.py",
            "producer": f"PyMuPDF {pymupdf.VersionBind}",
            "creationDate": PDF_DATE,
            "modDate": PDF_DATE,
        }
    )
    # Lets a test see that the PDF was built from the current Markdown even under another PyMuPDF version.
    info = doc.xref_get_key(-1, "Info")[1].split()[0]
    doc.xref_set_key(int(info), "SourceSHA256", pymupdf.get_pdf_str(source_sha256))
    return doc.tobytes(garbage=3, deflate=True, deflate_fonts=True, no_new_id=True)


def build_pdf(markdown_text: str) -> bytes:
    """The sample agreement PDF for this Markdown text; the same text always gives the same bytes."""
    meta, body = parse_front_matter(markdown_text)
    new_page: frozenset[str] = frozenset()
    while True:
        # Each pass moves the stranded section headings to the next page; a heading moved once stays moved.
        body_html, headings = markdown_to_html(body, new_page)
        body_pages, placed, stranded = _place_body(body_html, headings)
        if stranded <= new_page:
            break
        new_page |= stranded
    raw = _write_pages(meta, body_html, placed, body_pages)
    return _finish(raw, meta, placed, hashlib.sha256(markdown_text.encode("utf-8")).hexdigest())


def main(argv: list[str] | None = None) -> int:
    """Read the Markdown, write the PDF, print its page count, size and sha256."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help="the Markdown text (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=TARGET, help="where to write the PDF (default: %(default)s)")
    args = parser.parse_args(argv)
    data = build_pdf(args.source.read_text(encoding="utf-8"))
    args.out.write_bytes(data)
    pages = pymupdf.open("pdf", data).page_count
    print(f"{args.out}: {pages} pages, {len(data) / 1024:.0f} KB, sha256 {hashlib.sha256(data).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
