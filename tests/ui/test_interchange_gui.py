"""Importing and exporting annotations from the window, with progress, a clear error, and the window usable."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.domain.model import Judgment
from annotator.ui.main_window import MainWindow
from ui_support import highlight_phrase, open_and_wait, open_review, window  # noqa: F401 (fixture)

SOURCE = "urn:sha256:" + "0" * 64


def _annotation(number: int, exact: str, judgment: str, theme: str, page: int) -> dict:  # type: ignore[type-arg]
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"urn:uuid:00000000-0000-4000-8000-00000000000{number}",
        "type": "Annotation",
        "created": "2026-11-20T09:00:00+00:00",
        "modified": "2026-11-20T09:30:00+00:00",
        "creator": {"type": "Person", "name": "Fatima"},
        "body": [
            {"type": "TextualBody", "purpose": "assessing", "value": judgment},
            {"type": "TextualBody", "purpose": "tagging", "value": theme},
            {"type": "TextualBody", "purpose": "classifying", "value": "echr:5"},
            {"type": "TextualBody", "purpose": "commenting", "value": "Toelichting"},
        ],
        "target": {"source": SOURCE, "selector": [
            {"type": "TextQuoteSelector", "exact": exact},
            {"type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc3778", "value": f"page={page}"},
        ]},
    }


def test_import_places_the_quotes_and_export_writes_them_back(qtbot, window: MainWindow, agreement_2021: Path,
                                                               tmp_path: Path) -> None:
    open_review(qtbot, window, agreement_2021)
    collection = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection", "items": [
        _annotation(1, "aandacht voor emotioneel herstel", "concern", "Zorg en jeugd", 6),
        _annotation(2, "een zin die nergens in het akkoord staat", "violation", "Zorg en jeugd", 9),
    ]}
    source = tmp_path / "collega.jsonld"
    source.write_text(json.dumps(collection), encoding="utf-8")
    run = window.interchange.import_file(source)
    assert run is not None
    with qtbot.waitSignal(run.finished, timeout=60000) as done:
        pass
    assert done.args[0] is True, done.args[1]
    qtbot.waitUntil(lambda: len(window.review.review.annotations) == 2, timeout=10000)
    placed = window.review.review.annotations["00000000-0000-4000-8000-000000000001"]
    assert placed.judgment is Judgment.CONCERN and placed.anchor.page == 5 and placed.anchor.quads
    assert "anchored 1" in window.message_bar.text and "orphaned 1" in window.message_bar.text
    assert window.annotation_list.proxy.rowCount() == 2
    assert "Zorg en jeugd" in [t.title for t in window.review.themes]

    out = tmp_path / "export.jsonld"
    run = window.interchange.export_file(out, "jsonld")
    with qtbot.waitSignal(run.finished, timeout=60000) as done:
        pass
    assert done.args[0] is True, done.args[1]
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert {item["id"] for item in exported["items"]} == {a["id"] for a in collection["items"]}


def test_a_malformed_file_is_refused_with_its_name(qtbot, window: MainWindow, agreement_2021: Path,
                                                   tmp_path: Path) -> None:
    open_review(qtbot, window, agreement_2021)
    broken = tmp_path / "kapot.jsonld"
    broken.write_text('{"items": [', encoding="utf-8")
    run = window.interchange.import_file(broken)
    with qtbot.waitSignal(run.finished, timeout=60000) as done:
        pass
    assert done.args[0] is False
    assert "kapot.jsonld" in window.message_bar.text
    assert window.review.review.annotations == {}


def test_highlights_made_in_another_reader_become_annotations(qtbot, window: MainWindow) -> None:
    from corpus import corpus_file

    open_review(qtbot, window, corpus_file("pdfjs-comments.pdf"))
    run = window.interchange.import_pdf_highlights()
    with qtbot.waitSignal(run.finished, timeout=60000) as done:
        pass
    assert done.args[0] is True, done.args[1]
    qtbot.waitUntil(lambda: len(window.review.review.annotations) > 0, timeout=10000)
    annotations = list(window.review.review.annotations.values())
    assert any(a.comment for a in annotations) and all(a.anchor for a in annotations)
    assert "highlights imported" in window.message_bar.text


def test_annotations_are_carried_over_to_the_next_version(qtbot, window: MainWindow, agreement_2021: Path,
                                                         tmp_path: Path) -> None:
    import fitz

    open_review(qtbot, window, agreement_2021)
    original = highlight_phrase(qtbot, window, 5, "aandacht voor emotioneel")
    old_fingerprint = window.review.review.document.fingerprint
    newer = tmp_path / "akkoord-v2.pdf"
    doc = fitz.open(agreement_2021)
    doc.delete_pages(0, 2)
    doc.save(newer)
    open_and_wait(qtbot, window, newer)
    qtbot.waitUntil(lambda: window.review.review is not None and window.review.review.document.file_name
                    == "akkoord-v2.pdf", timeout=15000)
    assert window.review.review.annotations == {}
    run = window.interchange.carry_over(old_fingerprint)
    with qtbot.waitSignal(run.finished, timeout=60000) as done:
        pass
    assert done.args[0] is True, done.args[1]
    qtbot.waitUntil(lambda: len(window.review.review.annotations) == 1, timeout=10000)
    carried = next(iter(window.review.review.annotations.values()))
    assert carried.quote == original.quote and carried.anchor.page == 2 and carried.id != original.id
    assert "carried over" in window.message_bar.text
