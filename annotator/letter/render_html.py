"""Write the letter as one standalone, printable HTML page, footnotes at the end with links both ways."""

from __future__ import annotations

import base64

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


def _runs(item: Paragraph) -> str:
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


def _blocks(items: tuple[Paragraph, ...]) -> list[str]:
    """Paragraphs, and the bullets among them as lists."""
    out: list[str] = []
    in_list = False
    for item in items:
        if item.bullet and not in_list:
            out.append("<ul>")
        elif not item.bullet and in_list:
            out.append("</ul>")
        in_list = item.bullet
        out.append(f"<li>{_runs(item)}</li>" if item.bullet else f"<p>{_runs(item)}</p>")
    if in_list:
        out.append("</ul>")
    return out


def _lines(lines: tuple[str, ...]) -> str:
    return '<p class="block">' + "<br>".join(escape(line) for line in lines if line) + "</p>"


def html_page(letter: Letter) -> str:
    """The letter as a complete HTML document."""
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(letter.language)}"><head><meta charset="utf-8">',
        f"<title>{escape(letter.title)}</title>",
        f'<meta name="author" content="{escape(letter.author)}">',
        f"<style>{_CSS}</style></head><body>",
        _lines(letter.sender),
        _lines((letter.place_date, letter.reference)),
        f'<p class="subject">{escape(letter.subject_line)}</p>',
        f"<p>{escape(letter.addressee)}</p>",
        f"<p>{escape(letter.salutation)}</p>",
    ]
    out += _blocks(letter.introduction)
    for section in ((letter.summary,) if letter.summary else ()) + letter.sections:
        out.append(f"<section><h1>{escape(section.title)}</h1>")
        out += _blocks(section.introduction + section.paragraphs)
        out.append("</section>")
    out += _blocks(letter.closing)
    out.append(_lines(letter.signature))
    if letter.annex:
        out.append(f'<section class="annex"><h1>{escape(letter.annex_title)}</h1>')
        if letter.figure:
            picture = base64.b64encode(letter.figure).decode("ascii")
            out.append(f'<figure><img src="data:image/png;base64,{picture}" alt="{escape(letter.figure_caption)}" '
                       f'style="max-width:100%"><figcaption>{escape(letter.figure_caption)}</figcaption></figure>')
        out.append("<table><tr>")
        out += [f"<th>{escape(title)}</th>" for title in letter.annex_header]
        out.append("</tr>")
        for row in letter.annex:
            values = (row.passage, row.page, row.judgment, row.theme, row.references, row.author)
            out.append("<tr>" + "".join(f"<td>{escape(value)}</td>" for value in values) + "</tr>")
        out.append("</table>")
        if letter.changes:
            out.append(f"<h2>{escape(letter.changes_title)}</h2><table><tr>")
            out += [f"<th>{escape(title)}</th>" for title in letter.changes_header]
            out.append("</tr>")
            for change in letter.changes:
                cells = (change.passage, change.became, change.page, change.judgment, change.theme)
                out.append("<tr>" + "".join(f"<td>{escape(value)}</td>" for value in cells) + "</tr>")
            out.append("</table>")
        out.append("</section>")
    if letter.footnotes:
        out.append('<section class="footnotes"><ol>')
        for note in letter.footnotes:
            n = note.number
            out.append(f'<li id="fn-{n}">{escape(note.text)} <a href="#fnref-{n}" aria-label="back">\u21a9</a></li>')
        out.append("</ol></section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def render_html(letter: Letter, path: Path) -> None:
    """Write ``letter`` to ``path`` as HTML (UTF-8)."""
    path.write_text(html_page(letter), encoding="utf-8")
