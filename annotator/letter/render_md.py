"""Write the letter as Markdown, footnotes as ``[^n]`` with their texts at the end."""

from __future__ import annotations

import base64

from pathlib import Path

from annotator.letter.model import Letter, Paragraph, Run, RunKind


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _run(run: Run) -> str:
    if run.kind is RunKind.FOOTNOTE:
        return f"[^{run.footnote}]"
    text = run.text.replace("*", "\\*")
    if not (run.bold or run.italic) or not text.strip():
        return text
    # The marks hug the words (Markdown does not read "** bold**"); the spaces around them stay outside.
    mark = "***" if run.bold and run.italic else "**" if run.bold else "*"
    lead, core = text[:len(text) - len(text.lstrip())], text.strip()
    return f"{lead}{mark}{core}{mark}{text[len(text.rstrip()):]}"


def _paragraph(item: Paragraph) -> str:
    text = "".join(_run(run) for run in item.runs)
    return f"- {text}" if item.bullet else text


def _paragraphs(items: tuple[Paragraph, ...]) -> list[str]:
    """Paragraphs apart by a blank line, the items of a list on consecutive lines, a blank line after each."""
    lines: list[str] = []
    previous_bullet = False
    for item in items:
        if previous_bullet and not item.bullet:
            lines.append("")
        lines.append(_paragraph(item))
        if not item.bullet:
            lines.append("")
        previous_bullet = item.bullet
    if previous_bullet:
        lines.append("")
    return lines


def markdown(letter: Letter) -> str:
    """The letter as Markdown text."""
    lines: list[str] = []
    lines.append("  \n".join(letter.sender))
    lines.append("")
    lines.append("  \n".join(line for line in (letter.place_date, letter.reference) if line))
    lines.append("")
    lines.append(f"**{letter.subject_line}**")
    lines.append("")
    lines.append(letter.addressee)
    lines.append("")
    lines.append(letter.salutation)
    lines.append("")
    lines += _paragraphs(letter.introduction)
    for section in ((letter.summary,) if letter.summary else ()) + letter.sections:
        lines += [f"## {section.title}", ""]
        lines += _paragraphs(section.introduction + section.paragraphs)
    lines += _paragraphs(letter.closing)
    lines += ["  \n".join(letter.signature), ""]
    if letter.annex:
        lines += [f"## {letter.annex_title}", ""]
        if letter.figure:
            picture = base64.b64encode(letter.figure).decode("ascii")
            lines += [f"![{letter.figure_caption}](data:image/png;base64,{picture})", "", f"*{letter.figure_caption}*", ""]
        lines.append("| " + " | ".join(letter.annex_header) + " |")
        lines.append("|" + "---|" * len(letter.annex_header))
        for row in letter.annex:
            values = (row.passage, row.page, row.judgment, row.theme, row.references, row.author)
            lines.append("| " + " | ".join(_escape_cell(value) for value in values) + " |")
        lines.append("")
    if letter.changes:
        lines += [f"### {letter.changes_title}", ""]
        lines.append("| " + " | ".join(letter.changes_header) + " |")
        lines.append("|" + "---|" * len(letter.changes_header))
        for change in letter.changes:
            cells = (change.passage, change.became, change.page, change.judgment, change.theme)
            lines.append("| " + " | ".join(_escape_cell(value) for value in cells) + " |")
        lines.append("")
    for note in letter.footnotes:
        lines.append(f"[^{note.number}]: {note.text}")
    return "\n".join(lines).rstrip() + "\n"


def render_md(letter: Letter, path: Path) -> None:
    """Write ``letter`` to ``path`` as Markdown (UTF-8)."""
    path.write_text(markdown(letter), encoding="utf-8")
