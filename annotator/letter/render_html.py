"""Write the letter as one standalone, printable HTML page, footnotes at the end with links both ways."""

from __future__ import annotations

import base64
import zlib

from dataclasses import dataclass

from html import escape
from pathlib import Path

from annotator.letter.model import Letter, Paragraph, RunKind

_CSS = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 42em; margin: 2em auto; line-height: 1.5;
       color: #111; padding: 0 1em; }
h1 { font-size: 1.2em; margin-top: 1.6em; }
.block { margin: 0 0 1em 0; }
.subject { font-weight: bold; }
sup a { text-decoration: none; }
.footnotes { border-top: 1px solid #999; margin-top: 2em; font-size: 0.85em; }
table { border-collapse: collapse; font-size: 0.85em; }
td, th { border: 1px solid #999; padding: 0.2em 0.4em; vertical-align: top; text-align: left; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } .annex { page-break-before: always; } }
"""


PART_BLOCKS = 80
TABLE_ROWS = 24  # rows of a preview's annex table, on average, before the next begins
# Qt's rich text knows no em sizes: the preview's headings and footnotes in points.
# Nor does it give a body's padding to paragraphs added to the page later: every paragraph has the margins itself.
_PREVIEW_CSS = ("h1 { font-size: 14pt; } h2 { font-size: 12pt; }\n"
                "body { margin: 0; padding: 0; } p, h1, h2, ul, table, .block, .subject "
                "{ margin-left: 28px; margin-right: 14px; }\n"
                ".note { font-size: 9pt; margin: 0 14px 4px 28px; }\n"
                "td, th { font-size: 8pt; padding: 1px 3px; }\n")


def paragraph_html(item: Paragraph) -> str:
    """A paragraph's runs as inline HTML: the agreement's words in a quote span, footnote marks linked."""
    parts: list[str] = []
    for run in item.runs:
        if run.kind is RunKind.FOOTNOTE:
            n = run.footnote
            parts.append(f'<sup id="fnref-{n}"><a href="#fn-{n}">{n}</a></sup>')
        elif run.kind is RunKind.QUOTE:
            parts.append(f'<span class="quote">{escape(run.text)}</span>')
        else:
            text = escape(run.text)
            if run.italic:
                text = f"<em>{text}</em>"
            if run.bold:
                text = f"<strong>{text}</strong>"
            parts.append(text)
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of the page as a preview holds it: its element (p, li, h1, h2, th, td), the list or table it
    belongs to ('' for the body; 'ul3', 'table1', 'footnotes'), its inline HTML, for a section paragraph the id
    of the first annotation it argues ('' for any other), and for a table's cell its row."""

    container: str
    tag: str
    inline: str
    key: str = ""
    row: int = -1  # a table cell's row (0: the header)
    style: str = ""  # its class ('block', 'subject', 'note')


@dataclass(frozen=True, slots=True)
class PreviewPage:
    """The letter as one HTML page and its paragraphs in their order, each one block of text (empty ones left
    out, but every cell of a table): a preview can find each of them and replace just the ones that changed."""

    html: str
    blocks: tuple[Block, ...]
    # The page in parts of about PART_BLOCKS paragraphs, cut between top-level elements (a list or table whole):
    # the first with the page's head, to set; the others to add in turn; and the style sheet they are read with.
    parts: tuple[str, ...] = ()
    style: str = ""
    part_blocks: tuple[int, ...] = ()  # how many of ``blocks`` each part holds


class _Page:
    def __init__(self, listed: bool) -> None:
        self.out: list[str] = []
        self.blocks: list[Block] = []
        self.listed = listed
        self.container = ""
        self.containers = 0
        self.row = -1
        self.parts: list[str] = []
        self.part_blocks: list[int] = []
        self._cut_at = (0, 0)  # where the part being written began: (len(out), len(blocks))

    def _maybe_cut(self) -> None:
        """End the part being written here (a top-level boundary) once it holds PART_BLOCKS paragraphs."""
        out_at, blocks_at = self._cut_at
        if self.listed and len(self.blocks) - blocks_at >= PART_BLOCKS:
            self.parts.append("\n".join(self.out[out_at:]))
            self.part_blocks.append(len(self.blocks) - blocks_at)
            self._cut_at = (len(self.out), len(self.blocks))

    def rest(self) -> str:
        return "\n".join(self.out[self._cut_at[0]:])

    def raw(self, html: str) -> None:
        self.out.append(html)

    def section(self, html: str) -> None:
        """A part's wrapper (<section>, </section>): for a browser's print styles; a preview leaves it out, as Qt
        would give the paragraphs inside it other margins than those around it."""
        if not self.listed:
            self.out.append(html)

    def open(self, html: str, kind: str) -> None:
        """Start a list or table (``kind`` 'ul', 'table', ... or a fixed name)."""
        if kind == "table":  # a part may begin with a table; not right after one (what follows takes no format)
            self._maybe_cut()
        self.containers += 1
        self.container = kind if kind == "footnotes" else f"{kind}{self.containers}"
        self.row = 0 if kind == "table" else -1
        self.out.append(html)

    def next_row(self) -> None:
        self.row += 1
        self.out.append("<tr>")

    def close(self, html: str) -> None:
        table = self.row >= 0
        self.container = ""
        self.row = -1
        self.out.append(html)
        if not table:
            self._maybe_cut()

    def block(self, tag: str, inline: str, attributes: str = "", key: str = "") -> None:
        if self.listed:
            if not inline and self.row < 0:
                return
            style = attributes.partition('class="')[2].partition('"')[0]
            self.blocks.append(Block(self.container, tag, inline, key, self.row, style))
        self.out.append(f"<{tag}{attributes}>{inline}</{tag}>")
        if not self.container:
            self._maybe_cut()

    def paragraphs(self, items: tuple[Paragraph, ...]) -> None:
        """Paragraphs, and the bullets among them as lists."""
        in_list = False
        for item in items:
            if item.bullet and not in_list:
                self.open("<ul>", "ul")
            elif not item.bullet and in_list:
                self.close("</ul>")
            in_list = item.bullet
            key = item.provenance.annotation_id if item.provenance is not None else ""
            self.block("li" if item.bullet else "p", paragraph_html(item), key=key)
        if in_list:
            self.close("</ul>")

    def table(self, header: tuple[str, ...], rows: list[tuple[str, ...]], widths: tuple[int, ...] = ()) -> None:
        """A table under its header row; in a preview, a long one as several tables under the header, so that it
        too comes in parts. Where one ends is decided by its rows' own words (a row whose passage hashes to a
        multiple of TABLE_ROWS begins the next), so a row added or removed changes that table only."""
        groups: list[list[tuple[str, ...]]] = [[]]
        for values in rows:
            current = groups[-1]
            if self.listed and current and (len(current) >= 2 * TABLE_ROWS or len(current) >= TABLE_ROWS // 4
                                            and zlib.crc32(values[0].encode()) % TABLE_ROWS == 0):
                groups.append(current := [])
            current.append(values)
        for group in groups:
            self.open("<table><tr>", "table")
            for index, title in enumerate(header):
                # A preview's panel is narrow: the passage keeps room, the short columns take what they need.
                width = f' width="{widths[index]}%"' if self.listed and index < len(widths) else ""
                self.block("th", escape(title), width)
            self.raw("</tr>")
            for values in group:
                self.next_row()
                for value in values:
                    self.block("td", escape(value))
                self.raw("</tr>")
            self.close("</table>")

    def lines(self, lines: tuple[str, ...]) -> None:
        self.block("p", "<br>".join(escape(line) for line in lines if line), ' class="block"')


def html_page(letter: Letter) -> str:
    """The letter as a complete HTML document."""
    return _page(letter, _Page(listed=False)).html


def preview_page(letter: Letter) -> PreviewPage:
    """The letter as :func:`html_page` writes it, its paragraphs listed (see PreviewPage)."""
    return _page(letter, _Page(listed=True))


def _page(letter: Letter, page: _Page) -> PreviewPage:
    page.raw("<!DOCTYPE html>\n"
             f'<html lang="{escape(letter.language)}"><head><meta charset="utf-8">\n'
             f"<title>{escape(letter.title)}</title>\n"
             f'<meta name="author" content="{escape(letter.author)}">\n'
             f"<style>{_CSS}{_PREVIEW_CSS if page.listed else ''}</style></head><body>")
    page.lines(letter.sender)
    page.lines((letter.place_date, letter.reference))
    page.block("p", escape(letter.subject_line), ' class="subject"')
    page.block("p", escape(letter.addressee))
    page.block("p", escape(letter.salutation))
    page.paragraphs(letter.introduction)
    for section in ((letter.summary,) if letter.summary else ()) + letter.sections:
        page.section("<section>")
        page.block("h1", escape(section.title))
        page.paragraphs(section.introduction + section.paragraphs)
        page.section("</section>")
    page.paragraphs(letter.closing)
    page.lines(letter.signature)
    if letter.annex:
        page.section('<section class="annex">')
        page.block("h1", escape(letter.annex_title))
        if letter.figure:
            picture = base64.b64encode(letter.figure).decode("ascii")
            page.raw(f'<figure><img src="data:image/png;base64,{picture}" alt="{escape(letter.figure_caption)}" '
                     f'style="max-width:100%">')
            page.block("figcaption", escape(letter.figure_caption))
            page.raw("</figure>")
        page.table(letter.annex_header, [(row.passage, row.page, row.judgment, row.theme, row.references, row.author)
                                         for row in letter.annex], (34, 10, 14, 16, 16, 10))
        if letter.changes:
            page.block("h2", escape(letter.changes_title))
            page.table(letter.changes_header, [(change.passage, change.became, change.page, change.judgment,
                                                change.theme) for change in letter.changes], (32, 32, 9, 13, 14))
        page.section("</section>")
    if letter.footnotes:
        page.section('<section class="footnotes">')
        if page.listed:  # numbered paragraphs: a long letter's notes come in parts, and each keeps its number
            for note in letter.footnotes:
                n = note.number
                page.block("p", f'{n}. {escape(note.text)} <a href="#fnref-{n}" aria-label="back">\u21a9</a>',
                           f' class="note" id="fn-{n}"')
        else:
            page.open("<ol>", "footnotes")
            for note in letter.footnotes:
                n = note.number
                page.block("li", f'{escape(note.text)} <a href="#fnref-{n}" aria-label="back">\u21a9</a>',
                           f' id="fn-{n}"')
            page.close("</ol>")
        page.section("</section>")
    page.raw("</body></html>")
    parts = (*page.parts, page.rest()) if page.listed else ()
    counts = (*page.part_blocks, len(page.blocks) - sum(page.part_blocks)) if page.listed else ()
    style = _CSS + (_PREVIEW_CSS if page.listed else "")
    return PreviewPage("\n".join(page.out) + "\n", tuple(page.blocks), parts, style, counts)


def render_html(letter: Letter, path: Path) -> None:
    """Write ``letter`` to ``path`` as HTML (UTF-8)."""
    path.write_text(html_page(letter), encoding="utf-8")
