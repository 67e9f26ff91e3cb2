"""A next version of a real agreement with the truth known, annotations on the old one, and the score of a carry-over.

``make_version`` takes the body text of an agreement PDF (its pages' text without running headers, page numbers
and bullets, as annotator reads it), cuts it into sentences and writes a new PDF with PyMuPDF's Story: retypeset
on other pages in another font size and measure, with its own running header and page numbers, ligature
characters (U+FB00-FB04) in the text, and, sentence by sentence, changes drawn with a seeded random generator:

- words inserted, deleted and replaced ("edited"), one to three a sentence;
- sentences deleted; moved elsewhere whole; duplicated elsewhere (the original stays);
- look-alike sentences (a copy with a few words replaced) added elsewhere, of sentences that stay and of
  sentences that are deleted: the look-alike must never take the annotations of a deleted sentence.

No two neighbouring sentences are both deleted or moved, and a look-alike or copy lands at least five sentences
away from its original, so that what a sentence became is never in doubt.

``sample_annotations`` makes annotations of 3-40 words on the old PDF (most within a sentence, some running over
into the next), each with its truth: ``unchanged`` (its words are all still there, together: it should come out
``exact`` at the place its sentence went), ``edited`` (a word of it changed: ``fuzzy`` at that place) or
``deleted`` (``orphaned``). ``score`` compares where a carry-over put each annotation with the truth.

Used by benchmarks/reanchor_quality.py and tests/services/test_reanchor_quality.py.
"""

from __future__ import annotations

import html
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import fitz

from annotator.domain.model import Anchor, AnchorStatus
from annotator.pdf.anchoring import Anchorer, _key
from annotator.pdf.textmodel import PageText, extract_page_text

__all__ = ["Annotated", "Scores", "Version", "locate", "long_text", "make_version", "old_texts", "placed_span",
           "sample_annotations", "score", "truths", "typeset_text"]

_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")
_LIGATURES = (("ffi", "\ufb03"), ("ffl", "\ufb04"), ("ff", "\ufb00"), ("fi", "\ufb01"), ("fl", "\ufb02"))
_WORD_ONLY = re.compile(r"[a-zà-ÿ]{4,}")
# Chances per sentence (the rest stay as they are).
EDIT, DELETE, MOVE, DUPLICATE, LOOKALIKE_KEPT, LOOKALIKE_DELETED = 0.14, 0.05, 0.03, 0.03, 0.03, 0.04


@dataclass
class Sentence:
    """A sentence of the old version: its words and their offsets in the old document string."""

    index: int
    words: list[str]
    starts: list[int]
    ends: list[int]


@dataclass
class Instance:
    """A sentence of the new version: its words and, for each, the word of the old sentence it is (None: new)."""

    source: int
    words: list[str]
    origin: list[int | None]
    kind: str  # same, edited, moved, duplicate, lookalike


@dataclass
class Version:
    """The new version: its sentences in order, what became of each old sentence, and the PDF."""

    old: list[Sentence]
    instances: list[Instance]
    fate: dict[int, str]  # old sentence -> same, edited, deleted, moved, duplicated, lookalike-kept, lookalike-deleted
    home: dict[int, int]  # old sentence -> the instance that is it in the new version (none when deleted)
    path: Path
    pages: int = 0


@dataclass
class Annotated:
    """An annotation made on the old version and what should become of it."""

    id: str
    anchor: Anchor
    truth: str  # unchanged, edited, rewritten (less than 60 % of its words left), deleted, unknown
    sentence: int
    words: tuple[int, int, int, int]  # (first sentence, first word, last sentence, last word + 1)
    expected: tuple[int, int] | None = None  # document offsets in the new version (None: deleted)


@dataclass
class Scores:
    """How a carry-over did: counts of (truth, status, right place) and the misplaced ones."""

    table: Counter[tuple[str, str, bool]] = field(default_factory=Counter)
    wrong: list[dict[str, Any]] = field(default_factory=list)
    unknown: int = 0

    def count(self, truth: str | None = None, status: str | None = None, right: bool | None = None) -> int:
        return sum(n for (t, s, r), n in self.table.items()
                   if (truth is None or t == truth) and (status is None or s == status)
                   and (right is None or r == right))

    def summary(self) -> dict[str, Any]:
        """Precision and recall per status (exact expects unchanged, fuzzy edited, orphaned deleted)."""
        expected = {"exact": "unchanged", "fuzzy": "edited", "orphaned": "deleted"}
        out: dict[str, Any] = {"annotations": self.count(), "unknown truth": self.unknown,
                               "wrong place (exact or fuzzy)": len(self.wrong)}
        for status, truth in expected.items():
            given = self.count(status=status)
            correct = self.count(truth=truth, status=status, right=True)
            out[status] = {"given": given, "of truth": self.count(truth=truth),
                           "precision": correct / given if given else 1.0,
                           "recall": correct / self.count(truth=truth) if self.count(truth=truth) else 1.0}
        out["ambiguous"] = {"given": self.count(status="ambiguous"),
                            "by truth": {t: self.count(truth=t, status="ambiguous")
                                         for t in ("unchanged", "edited", "rewritten", "deleted")}}
        out["by truth"] = {t: {s: self.count(truth=t, status=s) for s in ("exact", "fuzzy", "ambiguous", "orphaned")}
                           for t in ("unchanged", "edited", "rewritten", "deleted")}
        return out


def old_texts(pdf: Path) -> list[PageText]:
    """The page texts of a PDF, as annotator extracts them."""
    with fitz.open(pdf) as doc:
        return [extract_page_text(page) for page in doc]


def _sentences(doc: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    position = 0
    for piece in _SENTENCE_END.split(doc):
        at = doc.index(piece, position)
        words, starts, ends = [], [], []
        for match in re.finditer(r"\S+", piece):
            words.append(match.group())
            starts.append(at + match.start())
            ends.append(at + match.end())
        position = at + len(piece)
        if words:
            sentences.append(Sentence(len(sentences), words, starts, ends))
    return sentences


def _far_slot(rng: random.Random, count: int, index: int) -> int:
    """A place (before sentence slot) at least five sentences away from ``index``."""
    while True:
        slot = rng.randrange(count + 1)
        if abs(slot - index) >= 5:
            return slot


def _edited(rng: random.Random, words: list[str], vocabulary: list[str], edits: int) -> tuple[list[str], list[int | None]]:
    """The words with ``edits`` insertions, deletions or replacements, and the origin of each new word."""
    new = list(words)
    origin: list[int | None] = list(range(len(words)))
    for _ in range(edits):
        kind = rng.choice(("insert", "delete", "replace"))
        if kind == "delete" and len(new) > 4:
            at = rng.randrange(len(new))
            if origin[at] is None or at == len(new) - 1:  # keep the sentence's last word and its full stop
                continue
            del new[at], origin[at]
        elif kind == "insert" and len(new) > 1:
            at = rng.randrange(1, len(new))
            new.insert(at, rng.choice(vocabulary))
            origin.insert(at, None)
        elif kind == "replace":
            at = rng.randrange(len(new) - 1) if len(new) > 1 else 0
            replacement = rng.choice(vocabulary)
            if replacement.casefold() == new[at].casefold().strip(",.;:"):
                continue
            trailing = re.search(r"[,.;:!?)]*$", new[at]).group()  # type: ignore[union-attr]
            new[at], origin[at] = replacement + trailing, None
    return new, origin


def make_version(doc_text: str, target: Path, seed: int, *, font_size: float = 10.5) -> Version:
    """Write the next version of the document whose joined body text is ``doc_text`` to ``target``."""
    rng = random.Random(seed)
    old = _sentences(doc_text)
    vocabulary = sorted({w for s in old for w in s.words if _WORD_ONLY.fullmatch(w)})
    fate: dict[int, str] = {}
    for sentence in old:
        roll = rng.random()
        structural = fate.get(sentence.index - 1) in ("deleted", "moved", "lookalike-deleted")
        thresholds = [(EDIT, "edited"), (DELETE, "deleted"), (MOVE, "moved"), (DUPLICATE, "duplicated"),
                      (LOOKALIKE_KEPT, "lookalike-kept"), (LOOKALIKE_DELETED, "lookalike-deleted")]
        chosen = "same"
        for chance, name in thresholds:
            if roll < chance:
                chosen = name
                break
            roll -= chance
        if chosen in ("deleted", "moved", "lookalike-deleted") and (structural or len(sentence.words) < 6):
            chosen = "same"
        if chosen in ("lookalike-kept", "lookalike-deleted", "duplicated") and len(sentence.words) < 8:
            chosen = "same"
        fate[sentence.index] = chosen
    # The sentences that stay in order, then those inserted elsewhere (moved, copies, look-alikes) at slots.
    slots: dict[int, list[Instance]] = {}
    in_order: list[Instance | None] = []
    for sentence in old:
        kind = fate[sentence.index]
        same = Instance(sentence.index, list(sentence.words), list(range(len(sentence.words))), "same")
        if kind == "edited":
            words, origin = _edited(rng, sentence.words, vocabulary, rng.randint(1, 3))
            in_order.append(Instance(sentence.index, words, origin, "edited"))
        elif kind in ("deleted", "lookalike-deleted"):
            in_order.append(None)
        elif kind == "moved":
            in_order.append(None)
            slots.setdefault(_far_slot(rng, len(old), sentence.index), []).append(
                Instance(sentence.index, same.words, same.origin, "moved"))
        else:
            in_order.append(same)
        if kind == "duplicated":
            slots.setdefault(_far_slot(rng, len(old), sentence.index), []).append(
                Instance(sentence.index, same.words, same.origin, "duplicate"))
        if kind in ("lookalike-kept", "lookalike-deleted"):
            words = list(sentence.words)
            for at in rng.sample(range(len(words) - 1), 3 if len(words) >= 12 else 2):
                trailing = re.search(r"[,.;:!?)]*$", words[at]).group()  # type: ignore[union-attr]
                words[at] = rng.choice(vocabulary) + trailing
            slots.setdefault(_far_slot(rng, len(old), sentence.index), []).append(
                Instance(-1, words, [None] * len(words), "lookalike"))
    instances: list[Instance] = []
    for slot in range(len(old) + 1):
        # Inserted sentences never stand next to a sentence whose fate is structural, nor to each other's source.
        instances.extend(slots.get(slot, []))
        if slot < len(old) and in_order[slot] is not None:
            instances.append(in_order[slot])  # type: ignore[arg-type]
    home = {instance.source: position for position, instance in enumerate(instances)
            if instance.source >= 0 and instance.kind != "duplicate"}
    version = Version(old, instances, fate, home, target)
    version.pages = _typeset(rng, instances, target, font_size)
    return version


def long_text(doc_text: str, copies: int, seed: int) -> str:
    """``copies`` variants of a document's text one after the other, each with about one word in three replaced by
    another word of the text, so that a long document does not repeat itself word for word (four words in a row
    come again in another copy one time in five)."""
    rng = random.Random(seed)
    words = doc_text.split()
    vocabulary = sorted({w for w in words if _WORD_ONLY.fullmatch(w)})
    parts = []
    for _copy in range(copies):
        parts.append(" ".join(rng.choice(vocabulary) if _WORD_ONLY.fullmatch(w) and rng.random() < 0.35 else w
                              for w in words))
    return " ".join(parts)


def typeset_text(doc_text: str, target: Path, seed: int, *, font_size: float = 11.0) -> int:
    """Write a text as a PDF the way versions are written (paragraphs, header, page numbers); the page count."""
    instances = [Instance(s.index, s.words, list(range(len(s.words))), "same") for s in _sentences(doc_text)]
    return _typeset(random.Random(seed), instances, target, font_size)


def _ligatured(text: str) -> str:
    for plain, ligature in _LIGATURES:
        text = text.replace(plain, ligature)
    return text


def _typeset(rng: random.Random, instances: list[Instance], target: Path, font_size: float) -> int:
    """Write the sentences as paragraphs of three to seven with a Story, then a header and page numbers."""
    paragraphs: list[str] = []
    at = 0
    while at < len(instances):
        size = rng.randint(3, 7)
        text = " ".join(" ".join(instance.words) for instance in instances[at:at + size])
        paragraphs.append(f"<p>{html.escape(_ligatured(text))}</p>")
        at += size
    story = fitz.Story(html="".join(paragraphs),
                       user_css=f"body {{font-family: sans-serif; font-size: {font_size}pt;}} "
                                "p {margin-bottom: 5pt; text-align: left;}")
    raw = target.with_suffix(".raw.pdf")
    writer = fitz.DocumentWriter(str(raw))
    mediabox = fitz.paper_rect("a4")
    where = mediabox + (66, 80, -58, -76)
    more = True
    while more:
        device = writer.begin_page(mediabox)
        more, _filled = story.place(where)
        story.draw(device)
        writer.end_page()
    writer.close()
    with fitz.open(raw) as doc:
        for number, page in enumerate(doc, start=1):
            page.insert_text((66, 46), "Coalitieakkoord \u2013 nieuwe versie", fontsize=8)
            page.insert_text((page.rect.width / 2, page.rect.height - 36), str(number), fontsize=8)
        doc.save(target)
        pages = doc.page_count
    raw.unlink()
    return pages


def _word_offsets(words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each word in the key of the words joined by spaces."""
    spans = []
    for i in range(len(words)):
        before = " ".join(words[:i]) + (" " if i else "")
        start = len(_key(before + "x")) - 1
        spans.append((start, len(_key(" ".join(words[:i + 1])))))
    return spans


def locate(version: Version, new_anchorer: Anchorer) -> list[tuple[int, int] | None]:
    """Where each sentence of the new version is in its document string (key offsets), found in order."""
    index = new_anchorer._index
    text = index.key.text
    at = 0
    found: list[tuple[int, int] | None] = []
    for instance in version.instances:
        needle = _key(" ".join(instance.words))
        hit = text.find(needle, at)
        if hit < 0 or hit > at + 2000:
            found.append(None)
            continue
        found.append((hit, hit + len(needle)))
        at = hit + len(needle)
    return found


def sample_annotations(version: Version, old: Anchorer, count: int, seed: int) -> list[Annotated]:
    """Annotations on the old version: quotes of 3-40 words, a third from sentences that changed."""
    rng = random.Random(seed + 1)
    sentences = [s for s in version.old if len(s.words) >= 3]
    changed = [s for s in sentences if version.fate[s.index] != "same"]
    made: list[Annotated] = []
    index = old._index
    while len(made) < count:
        sentence = rng.choice(changed if rng.random() < 0.4 else sentences)
        last_sentence = sentence
        length = rng.randint(3, min(40, len(sentence.words)))
        first = rng.randrange(len(sentence.words) - length + 1)
        stop = first + length
        after = version.old[sentence.index + 1] if sentence.index + 1 < len(version.old) else None
        if (after is not None and stop == len(sentence.words) and rng.random() < 0.5
                and version.fate[sentence.index] in ("same", "edited") and version.fate[after.index] in ("same", "edited")
                and version.home.get(after.index) == version.home.get(sentence.index, -9) + 1):
            last_sentence = after
            stop = rng.randint(1, min(len(after.words), max(1, 40 - length)))
        start_offset = sentence.starts[first]
        end_offset = last_sentence.ends[stop - 1]
        anchor = index.anchor(start_offset, end_offset, index.doc[start_offset:end_offset])
        if anchor is None:
            continue
        words = (sentence.index, first, last_sentence.index, stop)
        made.append(Annotated(f"a{len(made):04d}", anchor, "", sentence.index, words))
    return made


def truths(version: Version, annotations: list[Annotated], new_anchorer: Anchorer) -> None:
    """Fill in each annotation's truth and, unless it is deleted, where it should be in the new version."""
    places = locate(version, new_anchorer)
    for annotation in annotations:
        annotation.truth, annotation.expected = _truth(version, places, new_anchorer, annotation)


def _truth(version: Version, places: list[tuple[int, int] | None], new_anchorer: Anchorer,
           annotation: Annotated) -> tuple[str, tuple[int, int] | None]:
    first_s, first_w, last_s, last_w = annotation.words
    pieces = [(first_s, first_w, last_w if last_s == first_s else len(version.old[first_s].words))]
    if last_s != first_s:
        pieces.append((last_s, 0, last_w))
    truth = "unchanged"
    span: list[int] = []
    for sentence, lo, hi in pieces:
        if version.fate[sentence] in ("deleted", "lookalike-deleted"):
            return "deleted", None
        position = version.home[sentence]
        instance = version.instances[position]
        kept = [n for n, o in enumerate(instance.origin) if o is not None and lo <= o < hi]
        place = places[position]
        if not kept or place is None:
            return "unknown", None  # every word of it replaced, or the sentence not found as it was written
        if len(kept) != hi - lo or any(instance.origin[n] is None for n in range(min(kept), max(kept) + 1)):
            # Changed; past recognition when less than 60 % of its words are left.
            truth = "edited" if truth != "rewritten" and len(kept) >= 0.6 * (hi - lo) else "rewritten"
        begin, end = min(kept), max(kept)
        # Words put in the place of the quote's first or last words belong to it.
        lost_before, lost_after = instance.origin[begin] - lo, hi - 1 - instance.origin[end]  # type: ignore[operator]
        while lost_before > 0 and begin > 0 and instance.origin[begin - 1] is None:
            begin, lost_before = begin - 1, lost_before - 1
        while lost_after > 0 and end + 1 < len(instance.words) and instance.origin[end + 1] is None:
            end, lost_after = end + 1, lost_after - 1
        offsets = _word_offsets(instance.words)
        span += [place[0] + offsets[begin][0], place[0] + offsets[end][1]]
    return truth, new_anchorer._index.to_doc(min(span), max(span))


def placed_span(anchor: Anchor, new_anchorer: Anchorer) -> tuple[int, int] | None:
    """The document offsets of a placed anchor in the new version."""
    if anchor.start is None or anchor.end is None or not anchor.quads:
        return None
    start = new_anchorer.document_offset(anchor.page, anchor.start)
    end_page = anchor.quad_pages[-1] if anchor.quad_pages else anchor.page
    end = new_anchorer.document_offset(end_page, anchor.end)
    if start is None or end is None:
        return None
    return start, end


def score(annotations: list[Annotated], results: dict[str, tuple[AnchorStatus, Anchor | None]],
          new_anchorer: Anchorer) -> Scores:
    """Compare each carried annotation (status, anchor) with its truth."""
    scores = Scores()
    for annotation in annotations:
        if annotation.truth == "unknown":
            scores.unknown += 1
            continue
        status, anchor = results[annotation.id]
        name = "exact" if status is AnchorStatus.ANCHORED else status.value
        right = False
        placed = placed_span(anchor, new_anchorer) if anchor is not None and status is not AnchorStatus.ORPHANED \
            else None
        if annotation.expected is not None and placed is not None:
            overlap = min(placed[1], annotation.expected[1]) - max(placed[0], annotation.expected[0])
            # Exact: the same words. Otherwise on the passage: mostly inside where it should be, and covering a
            # good part of it (a changed passage may end a word sooner or later).
            inner, outer = (0.9, 0.9) if name == "exact" else (0.6, 0.3)
            right = (overlap >= inner * (placed[1] - placed[0])
                     and overlap >= outer * (annotation.expected[1] - annotation.expected[0]))
        if annotation.truth == "deleted" and status is AnchorStatus.ORPHANED:
            right = True
        scores.table[(annotation.truth, name, right)] += 1
        if name in ("exact", "fuzzy") and not right:
            doc = new_anchorer._index.doc
            scores.wrong.append({
                "id": annotation.id, "truth": annotation.truth, "status": name, "quote": annotation.anchor.exact,
                "placed": doc[placed[0]:placed[1]] if placed else None,
                "expected": doc[annotation.expected[0]:annotation.expected[1]] if annotation.expected else None,
            })
    return scores


def carry_over(old_pdf: Path, version: Version, annotations: list[Annotated], folder: Path,
               *, by_fingerprint: bool = False) -> tuple[dict[str, tuple[AnchorStatus, Anchor | None]], Any]:
    """The real carry-over (annotator.services.reanchor, in a PDF process, through an SQLite database in
    ``folder``) of ``annotations`` from ``old_pdf`` to the version's PDF: each annotation's status and anchor by
    the annotation's id, and the report."""
    import uuid

    from annotator.domain.model import Annotation
    from annotator.pdf.jobs import file_fingerprint
    from annotator.services.reanchor import reanchor
    from annotator.store.database import Database
    from annotator.store.repository import Repository

    fingerprint = file_fingerprint(old_pdf)
    ids = {str(uuid.UUID(int=number + 1)): annotation.id for number, annotation in enumerate(annotations)}
    with Database.open(f"sqlite:///{folder / 'carry-over.sqlite'}") as db:
        repo = Repository(db)
        repo.ensure_document(fingerprint, "old", 0, [], old_pdf.name)
        repo.bulk_add([Annotation(id=stored, document=fingerprint, author="benchmark", anchor=annotation.anchor)
                       for stored, annotation in zip(ids, annotations)])
        report = reanchor(db, fingerprint if by_fingerprint else old_pdf, version.path)
        carried = {item.original: item.carried for item in report.items}
        results: dict[str, tuple[AnchorStatus, Anchor | None]] = {}
        for stored, original in ids.items():
            placed = repo.get(carried[stored])
            assert placed is not None
            results[original] = (placed.status, placed.anchor if placed.status is not AnchorStatus.ORPHANED else None)
    return results, report
