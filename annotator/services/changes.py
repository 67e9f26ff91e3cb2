"""The changes report of a carried-over review: per theme, which judged passages the new version removed, changed or
kept, with the old and the new wording: what a reviewer needs to write "the final text no longer contains ...".

It is read from what the carry-over recorded (CarriedFrom) and the annotations as they stand now, so it shows the
reviewer's decisions too (an accepted new wording, a passage placed by hand). The same report is written as
Markdown or HTML (``annotator reanchor ... --report FILE.md|.html``) and shown in the window.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from annotator.domain.model import AnchorStatus, Annotation, CarriedFrom, Judgment
from annotator.services.carry_review import diff_words

if TYPE_CHECKING:
    from annotator.store.database import Database
    from annotator.store.repository import Repository

__all__ = ["Change", "ChangesReport", "KINDS", "changes_report", "render_html", "render_markdown", "write_report"]

Kind = Literal["removed", "changed", "kept", "unsure"]
KINDS: tuple[Kind, ...] = ("removed", "changed", "unsure", "kept")

_WORDS: dict[str, dict[str, Any]] = {
    "nl": {
        "title": "Wijzigingen tussen {old} en {new}",
        "intro": "Per thema de beoordeelde passages uit {old}: verwijderd, gewijzigd of ongewijzigd in {new}.",
        "removed": "Verwijderd", "changed": "Gewijzigd", "unsure": "Nog niet geplaatst", "kept": "Ongewijzigd",
        "removed_hint": "De nieuwe versie bevat deze passages niet meer.",
        "changed_hint": "De passage staat er nog, met andere woorden.",
        "unsure_hint": "De passage past op meer dan één plek; kies er een in de lijst Overgenomen annotaties.",
        "kept_hint": "Dezelfde woorden staan in de nieuwe versie.",
        "summary": "{removed} verwijderd, {changed} gewijzigd, {unsure} nog niet geplaatst, {kept} ongewijzigd.",
        "other": "Overige punten", "was": "was", "now": "nu", "page": "p. {page}", "pdf_page": "pdf-p. {page}",
        "dropped": "annotatie verwijderd", "comment": "Toelichting", "none": "Geen overgenomen annotaties.",
    },
    "en": {
        "title": "Changes between {old} and {new}",
        "intro": "Per theme, the judged passages of {old}: removed, changed or kept in {new}.",
        "removed": "Removed", "changed": "Changed", "unsure": "Not placed yet", "kept": "Kept",
        "removed_hint": "The new version no longer contains these passages.",
        "changed_hint": "The passage is still there, in other words.",
        "unsure_hint": "The passage fits more than one place; pick one in the Carried-Over Annotations list.",
        "kept_hint": "The same words are in the new version.",
        "summary": "{removed} removed, {changed} changed, {unsure} not placed yet, {kept} kept.",
        "other": "Other points", "was": "was", "now": "now", "page": "p. {page}", "pdf_page": "PDF p. {page}",
        "dropped": "annotation dropped", "comment": "Comment", "none": "No carried-over annotations.",
    },
}

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Change:
    """What became of one judged passage: ``kind`` removed, changed, unsure (several places fit, none chosen) or
    kept; the pages as printed (the PDF page where none is printed; "" where there is none)."""

    kind: Kind
    judgment: Judgment | None
    old_quote: str
    new_quote: str
    old_page: str
    new_page: str
    comment: str = ""
    dropped: bool = False  # the reviewer dropped the carried annotation


@dataclass(frozen=True)
class ThemeChanges:
    title: str
    changes: tuple[Change, ...]

    def of(self, kind: Kind) -> list[Change]:
        return [change for change in self.changes if change.kind == kind]


@dataclass
class ChangesReport:
    old_name: str
    new_name: str
    language: str = "nl"
    themes: list[ThemeChanges] = field(default_factory=list)

    def count(self, kind: Kind) -> int:
        return sum(len(theme.of(kind)) for theme in self.themes)


def changes_report(source: Database | Repository, document: str, language: str = "nl",
                   old_document: str | None = None) -> ChangesReport:
    """The report for ``document`` (the new version's fingerprint): every annotation carried into it (from
    ``old_document`` only, when given), deleted ones included, by theme in the themes' order."""
    from annotator.store.repository import Repository

    repo = source if isinstance(source, Repository) else Repository(source)
    words = _WORDS.get(language, _WORDS["nl"])
    records = [record for record in repo.carried_into(document, include_deleted=True)
               if old_document is None or record.old_document == old_document]
    annotations = repo.current([record.annotation_id for record in records])
    new_info = repo.document(document) or {}
    old_fingerprints = {record.old_document for record in records}
    old_infos = {fingerprint: repo.document(fingerprint) or {} for fingerprint in old_fingerprints}
    old_name = ", ".join(sorted(_name(info, fingerprint) for fingerprint, info in old_infos.items())) or "?"
    report = ChangesReport(old_name, _name(new_info, document), language if language in _WORDS else "nl")
    by_theme: dict[str | None, list[Change]] = {}
    for record in records:
        annotation = annotations.get(record.annotation_id)
        if annotation is None:
            continue
        old_labels = list(old_infos.get(record.old_document, {}).get("page_labels") or [])
        change = _change(record, annotation, old_labels, list(new_info.get("page_labels") or []), words)
        by_theme.setdefault(annotation.theme_id, []).append(change)
    themes = {theme.id: theme.title for theme in repo.themes()}
    for theme_id in [*themes, *[key for key in by_theme if key not in themes]]:
        if theme_id in by_theme and theme_id is not None:
            report.themes.append(ThemeChanges(themes.get(theme_id, str(words["other"])), tuple(by_theme[theme_id])))
    if None in by_theme:
        report.themes.append(ThemeChanges(str(words["other"]), tuple(by_theme[None])))
    return report


def _name(info: dict[str, object], fingerprint: str) -> str:
    return str(info.get("file_name") or info.get("title") or fingerprint[:12])


def _same(a: str, b: str) -> bool:
    return _SPACE.sub(" ", a).strip() == _SPACE.sub(" ", b).strip()


def _page(page: int | None, labels: Sequence[str], words: dict[str, Any]) -> str:
    if page is None:
        return ""
    label = labels[page] if page < len(labels) else ""
    return str(words["page"]).format(page=label) if label else str(words["pdf_page"]).format(page=page + 1)


def _change(record: CarriedFrom, annotation: Annotation, old_labels: Sequence[str], new_labels: Sequence[str],
            words: dict[str, Any]) -> Change:
    placed = annotation.anchor is not None and bool(annotation.anchor.quads)
    status = annotation.status
    if annotation.deleted:  # dropped by the reviewer: what the carry-over found
        status = record.outcome
    new_quote = annotation.quote if placed and status is not AnchorStatus.ORPHANED else ""
    kind: Kind
    if status is AnchorStatus.ORPHANED or not placed:
        kind = "removed"
    elif status is AnchorStatus.AMBIGUOUS:
        kind = "unsure"
    elif _same(record.old_quote, new_quote):
        kind = "kept"
    else:
        kind = "changed"
    new_page = _page(annotation.anchor.page, new_labels, words) if placed and annotation.anchor else ""
    return Change(kind, annotation.judgment, record.old_quote, new_quote if kind != "removed" else "",
                  _page(record.old_page, old_labels, words), new_page if kind != "removed" else "",
                  annotation.comment, annotation.deleted)


# Writing --------------------------------------------------------------------------------------------------------

def _judgment(change: Change, words: dict[str, Any]) -> str:
    """The judgment as the letter's annex names it ("ernstige zorg", "zonder oordeel")."""
    return str(words["judgments"].get(change.judgment.value if change.judgment else "", ""))


def _words(language: str) -> dict[str, Any]:
    """The report's words in ``language``, the judgments' names from the letter's phrase table."""
    import json

    from annotator.paths import resources_dir

    words = dict(_WORDS[language])
    table = json.loads((resources_dir() / "letter" / "phrases.json").read_text(encoding="utf-8"))
    words["judgments"] = dict(table[language]["judgments"])
    return words


def _one_line(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def render_markdown(report: ChangesReport) -> str:
    """The report as Markdown: a heading per theme, a list per kind; changed wording with ~~old~~ and **new**."""
    words = _words(report.language)
    lines = [f"# {_md(str(words['title']).format(old=report.old_name, new=report.new_name))}", "",
             _md(str(words["intro"]).format(old=report.old_name, new=report.new_name)), "",
             str(words["summary"]).format(**{kind: report.count(kind) for kind in KINDS}), ""]
    if not report.themes:
        lines += [str(words["none"]), ""]
    for theme in report.themes:
        lines += [f"## {_md(theme.title)}", ""]
        for kind in KINDS:
            changes = theme.of(kind)
            if not changes:
                continue
            lines += [f"### {words[kind]} ({len(changes)})", "", f"*{words[kind + '_hint']}*", ""]
            for change in changes:
                lines.append(f"- {_md_item(change, words)}")
            lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    """Text as Markdown shows it literally (its own asterisks, brackets and the like escaped)."""
    return re.sub(r"([\\`*_{}\[\]<>#|~])", r"\\\1", _one_line(text))


def _md_item(change: Change, words: dict[str, Any]) -> str:
    head = f"**{_judgment(change, words)}**, {change.old_page or '–'}"
    if change.kind in ("changed", "unsure", "kept") and change.new_page:
        head += f" → {change.new_page}"
    if change.dropped:
        head += f" ({words['dropped']})"
    if change.kind == "changed":
        marked = " ".join(f"~~{_md(text)}~~" if how == "gone" else f"**{_md(text)}**" if how == "new" else _md(text)
                          for how, text in diff_words(change.old_quote, change.new_quote))
        body = (f"{words['was']}: “{_md(change.old_quote)}”; {words['now']}: “{_md(change.new_quote)}”"
                f"  \n  {marked}")
    else:
        body = f"“{_md(change.old_quote)}”"
    text = f"{head}: {body}"
    if change.comment.strip():
        text += f"  \n  {words['comment']}: {_md(change.comment)}"
    return text


def render_html(report: ChangesReport) -> str:
    """The report as one HTML page (no scripts, no outside resources); changed wording with <del> and <ins>."""
    words = _words(report.language)
    title = str(words["title"]).format(old=report.old_name, new=report.new_name)
    out = [f'<!DOCTYPE html>\n<html lang="{report.language}"><head><meta charset="utf-8">',
           f"<title>{_h(title)}</title>",
           "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.45}"
           "del{color:#a00;background:#fdd}ins{color:#060;background:#dfd;text-decoration:none}"
           "li{margin:.5em 0}.hint{color:#555;font-style:italic}.quote{font-style:italic}</style></head><body>",
           f"<h1>{_h(title)}</h1>",
           f"<p>{_h(str(words['intro']).format(old=report.old_name, new=report.new_name))}</p>",
           f"<p>{_h(str(words['summary']).format(**{kind: report.count(kind) for kind in KINDS}))}</p>"]
    if not report.themes:
        out.append(f"<p>{_h(str(words['none']))}</p>")
    for theme in report.themes:
        out.append(f"<h2>{_h(theme.title)}</h2>")
        for kind in KINDS:
            changes = theme.of(kind)
            if not changes:
                continue
            out.append(f"<h3>{_h(str(words[kind]))} ({len(changes)})</h3>")
            out.append(f'<p class="hint">{_h(str(words[kind + "_hint"]))}</p><ul>')
            for change in changes:
                out.append(f"<li>{_html_item(change, words)}</li>")
            out.append("</ul>")
    out.append("</body></html>\n")
    return "\n".join(out)


def _h(text: str) -> str:
    return html.escape(_one_line(text), quote=True)


def _html_item(change: Change, words: dict[str, Any]) -> str:
    head = f"<b>{_h(_judgment(change, words))}</b>, {_h(change.old_page or '–')}"
    if change.kind in ("changed", "unsure", "kept") and change.new_page:
        head += f" → {_h(change.new_page)}"
    if change.dropped:
        head += f" ({_h(str(words['dropped']))})"
    if change.kind == "changed":
        marked = " ".join(f"<del>{_h(text)}</del>" if how == "gone" else f"<ins>{_h(text)}</ins>" if how == "new"
                          else _h(text) for how, text in diff_words(change.old_quote, change.new_quote))
        body = f'<span class="quote">“{marked}”</span>'
    else:
        body = f'<span class="quote">“{_h(change.old_quote)}”</span>'
    text = f"{head}: {body}"
    if change.comment.strip():
        text += f"<br>{_h(str(words['comment']))}: {_h(change.comment)}"
    return text


def write_report(report: ChangesReport, path: Path) -> None:
    """Write the report to ``path``: HTML for a name ending in .html or .htm, else Markdown (safely, like every
    file the program writes: all of it or nothing)."""
    from annotator.services.files import write_file

    text = render_html(report) if path.suffix.lower() in (".html", ".htm") else render_markdown(report)

    def write(temporary: Path) -> None:
        temporary.write_bytes(text.encode("utf-8"))

    write_file(path, write)
