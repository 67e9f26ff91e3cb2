"""Compose the draft letter from a document's annotations, themes and the letter settings. Pure: no files, no PDF.

Quotation marks: the agreement's words stand between “ and ” (inner quotes become ‘ ’) in both languages. Dutch
print once used „...”, but Kamerstukken, the example letter and today's Dutch house styles use “...”; Word's
AutoFormat produces the same marks, so the reviewer's own additions will match.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from annotator.domain.catalogue import Catalogue
from annotator.domain.model import AnchorStatus, Annotation, CarriedFrom, Judgment, Theme
from annotator.letter.arrangement import OTHER_SECTION, arranged, section_order
from annotator.letter.citations import cite
from annotator.letter.markup import parse as parse_markup
from annotator.letter.model import (
    AnnexRow,
    ChangeRow,
    Footnote,
    Letter,
    Paragraph,
    Provenance,
    Run,
    RunKind,
    Section,
)
from annotator.letter.phrases import Phrases
from annotator.letter.settings import LetterSettings

OPEN_QUOTE, CLOSE_QUOTE = "\u201c", "\u201d"
# A letter quotes briefly: longer passages keep their first words and an elision mark.
MAX_QUOTE_WORDS = 45
KEPT_WORDS = 30
SUMMARY_QUOTE_WORDS = 14
# A summary's quote ends at the end of a clause when one ends after at least this many words.
SUMMARY_CLAUSE_WORDS = 6
SUMMARY_ITEMS = 5
ELLIPSIS = "\u2026"
_SPACE = re.compile(r"\s+")
# Glyphs that mark list items (as annotator.pdf.textmodel knows them, with the private-use bullets of the Symbol and
# Wingdings fonts); at the start of a quote also dashes and list numbers used as bullets: "– ", "2. ", "b) ", "(iv) ".
_BULLETS = ("\u2022\u2023\u2043\u2219\u00b7\u25aa\u25ab\u25cf\u25cb\u25e6\u25a0\u25a1\u25ba\u25b6\u27a2\u27a4"
            "\u2713\u2714"
            "\ue000-\uf8ff")
_LEADING_MARKS = re.compile(
    rf"^(?:[{_BULLETS}*]\s*"
    r"|[\-\u2010-\u2015\u2212]\s+"
    r"|\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-z]|i{1,3}|iv|vi{0,3}|ix|x)[.)]\s+"
    r"|\(?[A-Z]\)\s+)+"
)
_INNER_BULLETS = re.compile(rf"\s+[{_BULLETS}]\s+")
# Words of one or two letters, in Dutch and English, and units: a quote may end or start with one of these.
# Words a shortened quote never ends on: it would stop mid-phrase ("... door het […]").
_DANGLING = frozenset(
    "de het een van en te om of in op aan voor met door bij naar uit tot die dat als dan maar ook wij we zij ons "
    "is zijn wordt worden kan moet zal wil niet meer nog"
    " the a an of and to in on for with by at from that as or but is are be will".split()
)
_CLAUSE_END = re.compile(r"[,;:]$")
# Words that open a new clause: without punctuation, a shortened quote ends before the last of these.
_CLAUSE_OPENERS = frozenset(
    "en maar want zodat omdat waardoor waarbij waarmee terwijl die dat hoe wanneer"
    " and but which that so because while".split()
)
_DASHES = frozenset("-\u2013\u2014")
_SHORT_WORDS = frozenset(
    "a i u de en in op te of is er ze we je om al nu na zo ja af ik me ge wo "
    "an as at be by do go he if it my no on or so to up us "
    "m km cm mm kg g ha l ml ct".split()
)


@dataclass(frozen=True, slots=True)
class Sources:
    """What a letter is compiled from: one document's annotations and the review's themes."""

    annotations: Sequence[Annotation]
    themes: Sequence[Theme]
    page_labels: Sequence[str]
    # For a version the review was carried over to: how each carried annotation came (by annotation id), and the
    # previous versions' names and printed page labels (by fingerprint).
    carried: Mapping[str, CarriedFrom] = field(default_factory=dict)
    previous: Mapping[str, tuple[str, Sequence[str]]] = field(default_factory=dict)


# Placed, but not certainly where the reviewer's judgment belongs: a passage carried over onto changed words (FUZZY)
# or to one of several places that fit (AMBIGUOUS) waits for the reviewer to accept it before the letter quotes it.
_NOT_ACCEPTED = frozenset({AnchorStatus.FUZZY, AnchorStatus.AMBIGUOUS, AnchorStatus.ORPHANED})


def in_letter(a: Annotation) -> bool:
    """True when the annotation belongs in the letter's sections: included, live, placed in the document and, when
    it was carried over to changed words or to one of several places, accepted there by the reviewer."""
    return a.include_in_letter and not a.deleted and a.status not in _NOT_ACCEPTED and a.anchor is not None


def page_citation(a: Annotation, labels: Sequence[str], phrases: Phrases) -> tuple[str, bool]:
    """'p. 41' by the printed page number; ('p. 2 van de pdf', True) for a page that has none printed."""
    if a.anchor is None:
        return "", False
    pages = a.anchor.pages()
    first, last = pages[0], pages[-1]
    first_label = labels[first] if first < len(labels) else ""
    last_label = labels[last] if last < len(labels) else ""
    if not first_label:
        return phrases.word("pdf_page").format(page=first + 1), True
    if last != first and last_label and last_label != first_label:
        return phrases.word("pages").format(first=first_label, last=last_label), False
    return phrases.word("page").format(page=first_label), False


def quoted(text: str, max_words: int = MAX_QUOTE_WORDS, kept: int = KEPT_WORDS, elision: str = "[…]",
           context: tuple[str, str] = ("", "")) -> str:
    """The agreement's words between typographic quotes: whitespace tidied, list marks left out, a word the
    highlight cut in two left out and the cut marked "…" (see :func:`passage`; ``context`` is the text before and
    after the quote in the document, when known), long passages shortened."""
    words, cut_start, cut_end = passage(text, *context)
    words = words.rstrip(".,;:").strip()
    words = re.sub(r"[\"\u201c\u201d\u201e]([^\"\u201c\u201d\u201e]*)[\"\u201c\u201d\u201e]", "\u2018\\1\u2019", words)
    parts = words.split(" ")
    if len(parts) > max_words:
        words = " ".join(parts[:kept]).rstrip(".,;:") + " " + elision
    elif cut_end:
        words += " " + ELLIPSIS
    if cut_start:
        words = ELLIPSIS + " " + words
    return f"{OPEN_QUOTE}{words}{CLOSE_QUOTE}"


def summary_quote(text: str, elision: str = "[…]", context: tuple[str, str] = ("", ""),
                  max_words: int = SUMMARY_QUOTE_WORDS) -> str:
    """The agreement's words as a summary's bullet quotes them: whole when they are short; else up to the end of a
    clause (a comma, semicolon, colon or dash after at least SUMMARY_CLAUSE_WORDS words and within ``max_words``),
    or else before the last word that opens a clause ("en", "die", "zodat", ...) there, or else ``max_words``
    words; never ending on a word that leaves the phrase hanging ("de", "van", "en", "te"),
    and the elision marked (bound to the last word by a no-break space, so it never starts a line alone)."""
    words, cut_start, cut_end = passage(text, *context)
    words = re.sub(r"[\"\u201c\u201d\u201e]([^\"\u201c\u201d\u201e]*)[\"\u201c\u201d\u201e]", "\u2018\\1\u2019",
                   words.rstrip(".,;:").strip())
    tokens = words.split(" ")
    shortened = len(tokens) > max_words
    if shortened:
        bounds = range(max_words, SUMMARY_CLAUSE_WORDS - 1, -1)
        end = next((index for index in bounds if _CLAUSE_END.search(tokens[index - 1]) or tokens[index] in _DASHES),
                   None)
        if end is None:
            end = next((index for index in bounds if tokens[index].lower() in _CLAUSE_OPENERS), max_words)
        kept = tokens[:end]
        while len(kept) > SUMMARY_CLAUSE_WORDS and (kept[-1] in _DASHES
                                                    or kept[-1].lower().rstrip(",;:") in _DANGLING):
            kept.pop()
        words = " ".join(kept).rstrip(",;:\u2013\u2014-").strip() + "\u00a0" + elision
    elif cut_end:
        words += "\u00a0" + ELLIPSIS
    if cut_start:
        words = ELLIPSIS + "\u00a0" + words
    return f"{OPEN_QUOTE}{words}{CLOSE_QUOTE}"


def passage(text: str, prefix: str = "", suffix: str = "") -> tuple[str, bool, bool]:
    """The agreement's words as the letter quotes them, and whether a partial word was left out at the start and
    at the end.

    Whitespace is tidied; bullets, dashes and list numbers that open the passage ("• ", "– ", "2. ", "b) ") are
    left out, and bullets inside it (a highlight over several list items) become "; ". A word the highlight cut in
    two ("… of vertrek e") is left out up to the nearest word boundary: known from the text around the quote
    (``prefix``/``suffix``) when the annotation has it; without it (a drawn area, a highlight made in another
    reader), a first or last piece of one or two small letters that is no word ("e", "ng") counts as cut."""
    words = _SPACE.sub(" ", text).strip()
    words = _LEADING_MARKS.sub("", words)
    words = _INNER_BULLETS.sub("; ", words)
    words = re.sub(r"([:;,])\s*;", r"\1", words).strip()
    if not words:
        return "", False, False
    tokens = words.split(" ")
    if prefix or suffix:
        cut_start = bool(prefix) and prefix[-1].isalnum() and words[0].isalnum()
        cut_end = bool(suffix) and suffix[0].isalnum() and words[-1].isalnum()
    else:
        cut_start, cut_end = _fragment(tokens[0]), _fragment(tokens[-1])
    kept = tokens[1 if cut_start else 0:len(tokens) - 1 if cut_end else len(tokens)]
    if not kept:  # nothing but a piece of a word: quote what there is
        return words, False, False
    return " ".join(kept).rstrip(",;:").strip(), cut_start, cut_end


def _fragment(token: str) -> bool:
    """A piece of one or two small letters that is not a short word of Dutch or English (nor a unit)."""
    return 0 < len(token) <= 2 and token.isalpha() and token.islower() and token not in _SHORT_WORDS


def cite_list(citations: Sequence[str], conjunction: str) -> str:
    """'a', 'a en b', 'a, b en c'."""
    if len(citations) <= 1:
        return "".join(citations)
    return ", ".join(citations[:-1]) + f" {conjunction} " + citations[-1]


def _sentence(text: str) -> str:
    """A reviewer's comment as a sentence: capital first letter, closing punctuation."""
    text = _SPACE.sub(" ", text).strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…)”’\"" else text + "."


def format_date(day: date, phrases: Phrases) -> str:
    """'3 maart 2025' / '3 March 2025'."""
    return f"{day.day} {phrases.months[day.month - 1]} {day.year}"


class _Composer:
    """Builds one letter; keeps the running footnote numbers and the openings' turns."""

    def __init__(self, sources: Sources, settings: LetterSettings, catalogue: Catalogue, phrases: Phrases) -> None:
        self.sources = sources
        self.settings = settings
        self.catalogue = catalogue
        self.phrases = phrases
        self.org = settings.short_name or phrases.word("no_organisation")
        self.footnotes: list[Footnote] = []
        self.turns: dict[Judgment | None, int] = {}
        self.previous_opening = ""
        # How each section paragraph began (see ParagraphState), in the letter's order.
        self.states: list[ParagraphState] = []

    def footnote_text(self, items: Sequence[Annotation], unnumbered_page: bool) -> str:
        """One footnote for a paragraph: the treaties its passages cite, each once, then their sources."""
        lang = self.settings.language
        parts: list[str] = []
        references = list(dict.fromkeys(ref for a in items for ref in a.references))
        citations = list(dict.fromkeys(cite(self.catalogue, ref, lang, self.settings.citation_style)
                                       for ref in references))
        if citations:
            parts.append(self.phrases.word("see").format(refs=cite_list(citations, self.phrases.word("and"))))
        sources = list(dict.fromkeys(" ".join(source.split()) for a in items for source in a.sources
                                     if source.strip()))
        if sources:
            # No full stop after a web address: Word would take it into the link.
            parts.append(self.phrases.word("see_also").format(sources="; ".join(sources)))
        if unnumbered_page:
            parts.append(self.phrases.word("pdf_page_note"))
        text = " ".join(parts)
        return text[0].upper() + text[1:] if text else ""

    def opening(self, judgment: Judgment | None, together: bool = False) -> str:
        turn = self.turns.get(judgment, 0)
        template = self.phrases.opening(judgment, turn, together=together)
        if template == self.previous_opening:  # a one-phrase family: never the same opening twice in a row
            template = self.phrases.opening(judgment, turn + 1, together=together)
        self.turns[judgment] = turn + 1
        self.previous_opening = template
        return template

    def paragraph(self, items: Sequence[Annotation], theme_title: str) -> Paragraph:
        """One paragraph of a section: one passage, or several argued together (one opening for all of them, the
        gravest judgment's, the quotes joined as a list, the comments in their order, one footnote)."""
        self.states.append(ParagraphState(tuple(items), theme_title, dict(self.turns), self.previous_opening,
                                          len(self.footnotes)))
        quotes: list[str] = []
        unnumbered = False
        provenances: list[Provenance] = []
        for a in items:
            page, unnumbered_page = page_citation(a, self.sources.page_labels, self.phrases)
            unnumbered = unnumbered or unnumbered_page
            quote = quoted(a.quote, elision=self.phrases.word("elision"), context=_context(a))
            quotes.append(quote + (f" ({page})" if page else ""))
            provenances.append(Provenance(a.id, a.author, page, self.phrases.judgment(a.judgment)))
        judgments = [a.judgment for a in items if a.judgment is not None]
        judgment = max(judgments, key=lambda j: j.rank) if judgments else None
        template = self.opening(judgment, together=len(items) > 1)
        runs: list[Run] = []
        before, _, after = template.partition("{quote}")
        if before:
            runs.append(Run(before.format(org=self.org)))
        conjunction = self.phrases.word("and")
        for index, quote in enumerate(quotes):
            if index:
                runs.append(Run(f" {conjunction} " if index == len(quotes) - 1 else ", "))
            runs.append(Run(quote, RunKind.QUOTE))
        tail = after.format(org=self.org)
        for a in items:
            comment = _sentence(a.comment)
            if comment:
                tail += " " + comment
        runs.append(Run(tail))
        note = self.footnote_text(items, unnumbered)
        if note:
            number = len(self.footnotes) + 1
            self.footnotes.append(Footnote(number, note))
            runs.append(Run(str(number), RunKind.FOOTNOTE, number))
        return Paragraph(tuple(runs), provenance=provenances[0], also=tuple(provenances[1:]))

    def summary(self, placed: Sequence[tuple[Annotation, str]]) -> Section | None:
        """The main concerns and the bright spots, by theme; what has no theme ("Overige punten") is neither."""
        other = self.phrases.word("other_theme")
        placed = [item for item in placed if item[1] != other]
        welcome = [item for item in placed if item[0].judgment is Judgment.WELCOME]
        grave = [item for item in placed if item[0].judgment in (Judgment.VIOLATION, Judgment.SERIOUS_CONCERN)]
        concerns = grave or [item for item in placed if item[0].judgment is Judgment.CONCERN]
        if not welcome and not concerns:
            return None
        paragraphs: list[Paragraph] = []
        for heading, items in (("summary_concerns", concerns), ("summary_welcome", welcome)):
            if not items:
                continue
            paragraphs.append(Paragraph((Run(self.phrases.word(heading).format(org=self.org)),)))
            ranked = sorted(items, key=lambda item: -(item[0].judgment.rank if item[0].judgment else 0))
            # One bullet per theme, in the letter's order, its passages joined (the gravest first): the theme is
            # named once, not at the start of bullet after bullet.
            by_theme: dict[str, list[Annotation]] = {title: [] for _a, title in placed}
            for a, theme_title in ranked[:SUMMARY_ITEMS]:
                by_theme[theme_title].append(a)
            conjunction = self.phrases.word("and")
            for theme_title, chosen in by_theme.items():
                if not chosen:
                    continue
                runs = [Run(f"{theme_title}: ")]
                for index, a in enumerate(chosen):
                    if index:
                        runs.append(Run(f" {conjunction} " if index == len(chosen) - 1 else ", "))
                    page, _ = page_citation(a, self.sources.page_labels, self.phrases)
                    runs.append(Run(summary_quote(a.quote, self.phrases.word("elision"), context=_context(a)),
                                    RunKind.QUOTE))
                    if page:  # bound to the quote: "(p. 42)" never starts a line alone
                        runs.append(Run(f"\u00a0({page})"))
                paragraphs.append(Paragraph(tuple(runs), bullet=True))
        return Section(self.phrases.word("summary_title"), tuple(paragraphs))

    def change_rows(self) -> tuple[ChangeRow, ...]:
        """The judged passages of the previous version that this one removed, or changed (once the reviewer accepted
        the new wording), by theme in the themes' order, then by page; the letter's own passages only."""
        sources, phrases = self.sources, self.phrases
        titles = {theme.id: (theme.position, theme.title) for theme in sources.themes}
        other = (len(titles), phrases.word("other_theme"))
        rows: list[tuple[tuple[int, str], int, ChangeRow]] = []
        for a in sources.annotations:
            record = sources.carried.get(a.id)
            if record is None or a.deleted or not a.include_in_letter:
                continue
            theme = titles.get(a.theme_id or "", other)
            judgment = phrases.judgment(a.judgment)
            if a.status is AnchorStatus.ORPHANED:
                labels = sources.previous.get(record.old_document, ("", ()))[1]
                page = ""
                if record.old_page is not None:
                    label = labels[record.old_page] if record.old_page < len(labels) else ""
                    page = (phrases.word("page").format(page=label) if label
                            else phrases.word("pdf_page").format(page=record.old_page + 1))
                rows.append((theme, record.old_page or 0, ChangeRow(record.old_quote, phrases.word("passage_removed"),
                                                                   page, judgment, theme[1])))
            elif in_letter(a) and not _same_words(record.old_quote, a.quote):
                page, _ = page_citation(a, sources.page_labels, phrases)
                became = phrases.word("passage_changed").format(new=_SPACE.sub(" ", a.quote).strip())
                rows.append((theme, a.anchor.page if a.anchor else 0,
                             ChangeRow(record.old_quote, became, page, judgment, theme[1])))
        rows.sort(key=lambda row: (row[0], row[1]))
        return tuple(row for _theme, _page, row in rows)

    def annex_row(self, a: Annotation, theme_title: str) -> AnnexRow:
        page, _ = page_citation(a, self.sources.page_labels, self.phrases)
        lang = self.settings.language
        words, cut_start, cut_end = passage(a.quote, *_context(a))
        return AnnexRow(
            passage=(f"{ELLIPSIS} " if cut_start else "") + words + (f" {ELLIPSIS}" if cut_end else ""),
            page=page,
            judgment=self.phrases.judgment(a.judgment),
            theme=theme_title,
            references="; ".join(cite(self.catalogue, ref, lang, "short") for ref in a.references),
            author=a.author,
        )


@dataclass(frozen=True, slots=True)
class ParagraphState:
    """A section paragraph as it began: its passages and theme, and the composer's state before it (the openings'
    turns, the opening before it, the footnotes before it), so that it can be composed again on its own."""

    items: tuple[Annotation, ...]
    theme_title: str
    turns: Mapping[Judgment | None, int]
    previous_opening: str
    footnotes_before: int


@dataclass(frozen=True, slots=True)
class Composition:
    """A composed letter and what it takes to compose one of its section paragraphs again (see
    :func:`recompose_paragraph`)."""

    letter: Letter
    sources: Sources
    settings: LetterSettings
    catalogue: Catalogue
    phrases: Phrases
    paragraphs: tuple[ParagraphState, ...]


def recompose_paragraph(composition: Composition, edited: Annotation) -> tuple[str, Paragraph] | None:
    """The section paragraph that argues ``edited`` composed again with the annotation as edited, keyed by the
    paragraph's first annotation id, as the letter would compose it (its opening, its place among the footnotes);
    None when the edit moves the passage (another theme, out of the letter, another place) or the letter has no
    paragraph for it: only a new compile can say where it goes then. Later paragraphs may change too (an opening's
    turn, a footnote's number); a full compile brings those."""
    for state in composition.paragraphs:
        if any(a.id == edited.id for a in state.items):
            break
    else:
        return None
    before = next(a for a in state.items if a.id == edited.id)
    if not in_letter(edited) or edited.theme_id != before.theme_id or edited.anchor != before.anchor:
        return None
    items = [edited if a.id == edited.id else a for a in state.items]
    composer = _Composer(composition.sources, composition.settings, composition.catalogue, composition.phrases)
    composer.turns = dict(state.turns)
    composer.previous_opening = state.previous_opening
    composer.footnotes = [Footnote(n + 1, "") for n in range(state.footnotes_before)]
    return state.items[0].id, composer.paragraph(items, state.theme_title)


def _same_words(a: str, b: str) -> bool:
    return _SPACE.sub(" ", a).strip() == _SPACE.sub(" ", b).strip()


def compose_letter(
    sources: Sources, settings: LetterSettings, catalogue: Catalogue, phrases: Phrases, today: date
) -> Letter:
    """The draft letter: header, opening, optional summary, one section per theme in the themes' order, closing."""
    return compose(sources, settings, catalogue, phrases, today).letter


def compose(sources: Sources, settings: LetterSettings, catalogue: Catalogue, phrases: Phrases,
            today: date) -> Composition:
    """The draft letter (see :func:`compose_letter`) and what it takes to compose a paragraph of it again."""
    composer = _Composer(sources, settings, catalogue, phrases)
    ordered = arranged_sections(sources, settings, phrases)
    placed = [(a, title) for _key, title, paragraphs in ordered for group in paragraphs for a in group]

    summary = composer.summary(placed) if settings.summary else None
    organisation = settings.organisation or phrases.word("no_organisation")
    agreement = settings.agreement_title
    sections = tuple(
        Section(title, tuple(composer.paragraph(group, title) for group in paragraphs),
                _paragraphs(settings.section_introduction(title), organisation=organisation, agreement=agreement))
        for _key, title, paragraphs in ordered if paragraphs
    )
    subject = _fill(settings.subject, agreement=agreement, organisation=organisation)
    introduction = _paragraphs(settings.introduction, organisation=organisation, agreement=agreement)
    day = settings.date or format_date(today, phrases)
    place_date = phrases.word("place_date").format(place=settings.place, date=day) if settings.place else day
    signature = tuple(line for line in (settings.signatory_name, settings.signatory_function) if line)
    sender = tuple(line for line in settings.sender.splitlines() if line.strip()) or (organisation,)
    annex = tuple(composer.annex_row(a, title) for a, title in placed) if settings.annex else ()
    changes = composer.change_rows() if settings.annex else ()
    previous = sorted({sources.previous.get(sources.carried[a.id].old_document, ("", ()))[0]
                       for a in sources.annotations if a.id in sources.carried} - {""})
    letter = Letter(
        language=settings.language,
        title=subject,
        author=settings.signatory_name or organisation,
        subject=subject,
        sender=sender,
        place_date=place_date,
        reference=f"{phrases.word('reference_label')}: {settings.reference}" if settings.reference else "",
        subject_line=f"{phrases.word('subject_label')}: {subject}",
        addressee=settings.addressee,
        salutation=settings.salutation,
        introduction=introduction,
        summary=summary,
        sections=sections,
        closing=_paragraphs(settings.closing, organisation=organisation, agreement=agreement),
        signature=signature or (organisation,),
        footnotes=tuple(composer.footnotes),
        annex_title=phrases.word("annex_title") if annex else "",
        annex_header=phrases.annex_header if annex else (),
        annex=annex,
        changes_title=phrases.word("changes_title").format(previous=", ".join(previous)) if changes else "",
        changes_header=phrases.changes_header if changes else (),
        changes=changes,
        template=settings.template,
        comments=settings.comments,
    )
    return Composition(letter, sources, settings, catalogue, phrases, tuple(composer.states))


def arranged_sections(sources: Sources, settings: LetterSettings,
                      phrases: Phrases) -> list[tuple[str, str, list[list[Annotation]]]]:
    """The letter's sections as (key, title, paragraphs), each paragraph the passages it argues: one per theme in
    the themes' order (themes without passages too, with none), then the points without a theme (key
    OTHER_SECTION) when there are any. Inside a section the reviewer's arrangement (settings.arrangement) comes
    first, then the passages it does not name, in reading order."""
    live = {theme.id: theme for theme in sources.themes}
    groups: dict[str, list[Annotation]] = {theme.id: [] for theme in sorted(sources.themes, key=lambda t: t.position)}
    leftovers: list[Annotation] = []
    # Repository order is reading order already; sorting again keeps the letter right for any caller.
    for a in sorted((a for a in sources.annotations if in_letter(a)), key=_reading_order):
        (groups[a.theme_id] if a.theme_id in live else leftovers).append(a)
    result: list[tuple[str, str, list[list[Annotation]]]] = []
    for key, items in groups.items():
        result.append((key, live[key].title, arranged(items, section_order(settings.arrangement, key), _id)))
    if leftovers:
        result.append((OTHER_SECTION, phrases.word("other_theme"),
                       arranged(leftovers, section_order(settings.arrangement, OTHER_SECTION), _id)))
    return result


def _id(a: Annotation) -> str:
    return a.id


def _paragraphs(text: str, **values: str) -> tuple[Paragraph, ...]:
    """A reviewer's text (annotator.letter.markup) as paragraphs and bullets of bold, italic and plain runs, the
    ``{name}`` slots filled."""
    return tuple(
        Paragraph(tuple(Run(_fill(span.text, **values), bold=span.bold, italic=span.italic) for span in block.spans),
                  bullet=block.bullet)
        for block in parse_markup(text)
    )


def _context(a: Annotation) -> tuple[str, str]:
    """The text before and after the annotation's quote in the document, when it was kept (see :func:`passage`)."""
    anchor = a.anchor
    return (anchor.prefix, anchor.suffix) if anchor is not None else ("", "")


def _fill(text: str, **values: str) -> str:
    """Put values in ``{name}`` slots; unlike str.format, other braces a reviewer typed stay as they are."""
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


def _reading_order(a: Annotation) -> tuple[int, float, float, str]:
    """Page, then the top of the first quad, then its left edge."""
    anchor = a.anchor
    assert anchor is not None  # in_letter() keeps only placed annotations
    first = anchor.quads[0] if anchor.quads else None
    return (anchor.page, first.y0 if first else 0.0, first.x0 if first else 0.0, a.created.isoformat())
