"""Import, export and carry-over from the File menu: the services run inside the window, on the window's database,
with the password the document was opened with; progress, Cancel, messages in the window's language, and a bug
logged with its traceback."""

from __future__ import annotations

import csv
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import fitz
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QPushButton

from annotator.domain.model import Annotation, AnchorStatus, Judgment
from annotator.paths import sample_agreement
from annotator.store.database import Database
from annotator.store.repository import Repository
from annotator.ui.main_window import MainWindow
from ui_support import drag, open_and_wait, phrase_points, press_key, shown_window, window  # noqa: F401 (fixture)

PASSWORD = "geheim-2027"
SOURCE = "urn:sha256:" + "0" * 64
PLACED = "vreemdelingenbewaring van gezinnen met minderjarige kinderen"  # page 5 of the sample (index 4)
NOWHERE = "een zin die nergens in het akkoord staat"


@pytest.fixture(autouse=True)
def _slow_poll(monkeypatch: pytest.MonkeyPatch) -> None:
    """The review looks for colleagues' changes every 2 s; here it does not, so what appears at once after an
    import was brought by the import itself."""
    monkeypatch.setattr("annotator.ui.review_controller.REFRESH_MS", 10 ** 7)


@pytest.fixture
def dutch_window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """A Dutch main window with its settings and database in tmp_path."""
    with shown_window(qtbot, tmp_path, "nl", settings_name="settings-nl.ini") as win:
        yield win


@pytest.fixture
def encrypted(tmp_path: Path) -> Path:
    """The sample agreement protected with a password (AES-256), with a highlight and a note made in another
    reader on page 4."""
    doc = fitz.open(sample_agreement())
    page = doc[3]
    quads = page.search_for("strenger asielbeleid", quads=True)
    highlight = page.add_highlight_annot(quads)
    highlight.set_info(content="Zie art. 3 EVRM", title="Sanne")
    highlight.set_colors(stroke=(0.86, 0.2, 0.2))
    highlight.update()
    path = tmp_path / "akkoord-beveiligd.pdf"
    doc.save(path, encryption=fitz.PDF_ENCRYPT_AES_256, user_pw=PASSWORD, owner_pw=PASSWORD + "-eigenaar")
    doc.close()
    return path


def _collection(tmp_path: Path, name: str = "collega.jsonld") -> Path:
    def item(number: int, exact: str, judgment: str, page: int) -> dict[str, object]:
        return {
            "@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
            "id": f"urn:uuid:00000000-0000-4000-8000-00000000000{number}",
            "created": "2027-09-20T09:00:00+00:00", "modified": "2027-09-20T09:30:00+00:00",
            "creator": {"type": "Person", "name": "Fatima"},
            "body": [
                {"type": "TextualBody", "purpose": "assessing", "value": judgment},
                {"type": "TextualBody", "purpose": "tagging", "value": "Kinderen"},
                {"type": "TextualBody", "purpose": "classifying", "value": "crc:37"},
            ],
            "target": {"source": SOURCE, "selector": [
                {"type": "TextQuoteSelector", "exact": exact},
                {"type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc3778",
                 "value": f"page={page}"},
            ]},
        }

    path = tmp_path / name
    path.write_text(json.dumps({"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
                                "items": [item(1, PLACED, "violation", 5), item(2, NOWHERE, "concern", 9)]}),
                    encoding="utf-8")
    return path


def _choose_file(monkeypatch: pytest.MonkeyPatch, path: Path, kind: str = "") -> None:
    """The file the reviewer picks in the next open or save dialog."""
    answer = staticmethod(lambda *_args, **_kwargs: (str(path), kind))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)


def _open(qtbot, window: MainWindow, path: Path, password: str | None = None) -> None:  # type: ignore[no-untyped-def]
    open_and_wait(qtbot, window, path, password)
    qtbot.waitUntil(lambda: window.review.review is not None and window.review.review.document.file_name
                    == path.name, timeout=15000)


def _run(qtbot, window: MainWindow, action) -> str:  # type: ignore[no-untyped-def]
    """Choose the File menu's action and wait for the operation to end; returns how it ended."""
    assert action.isEnabled()
    with qtbot.waitSignal(window.interchange.ended, timeout=60000) as ended:
        action.trigger()
    return str(ended.args[0])


def _stored(tmp_path: Path, fingerprint: str) -> list[Annotation]:
    with Database.open(f"sqlite:///{tmp_path / 'review.sqlite'}") as db:
        return Repository(db).annotations(fingerprint)


def _rows(window: MainWindow) -> int:
    return window.annotation_list.proxy.rowCount()


def test_import_from_the_file_menu_shows_the_annotations_at_once_and_export_writes_them(
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    _open(qtbot, window, sample_agreement())
    fingerprint = window.review.review.document.fingerprint
    _choose_file(monkeypatch, _collection(tmp_path))
    started = time.monotonic()
    assert _run(qtbot, window, window.import_action) == "done"
    assert window.message_bar.text == ("Imported collega.jsonld: 1 placed, 0 placed with doubt, 1 not found in the "
                                       "document (kept), 0 already in the database. New themes: Kinderen. 2 were "
                                       "made on another version of the PDF and were placed by their quotes.")
    qtbot.waitUntil(lambda: _rows(window) == 2, timeout=1500)
    assert time.monotonic() - started < 10
    stored = {a.id: a for a in _stored(tmp_path, fingerprint)}
    placed = stored["00000000-0000-4000-8000-000000000001"]
    assert placed.judgment is Judgment.VIOLATION and placed.anchor.page == 4 and placed.anchor.quads
    assert stored["00000000-0000-4000-8000-000000000002"].status is AnchorStatus.ORPHANED

    out = tmp_path / "uitvoer.csv"
    _choose_file(monkeypatch, out, "Spreadsheet (*.csv)")
    assert _run(qtbot, window, window.export_action) == "done"
    assert window.message_bar.text == f"Exported 2 annotations to {out}"
    with open(out, encoding="utf-8-sig", newline="") as stream:
        assert {row["status"] for row in csv.DictReader(stream)} == {"anchored", "orphaned"}
    out = tmp_path / "uitvoer.jsonld"
    _choose_file(monkeypatch, out, "Web annotations (*.jsonld)")
    assert _run(qtbot, window, window.export_action) == "done"
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert {item["id"] for item in exported["items"]} == {f"urn:uuid:{id}" for id in stored}
    assert not list(tmp_path.glob("*.part"))


def test_a_password_protected_pdf_takes_annotations_and_its_own_highlights(
        qtbot, window: MainWindow, tmp_path: Path, encrypted: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    _open(qtbot, window, encrypted, PASSWORD)
    fingerprint = window.review.review.document.fingerprint
    _choose_file(monkeypatch, _collection(tmp_path))
    assert _run(qtbot, window, window.import_action) == "done", window.message_bar.text
    assert window.message_bar.text.startswith("Imported collega.jsonld: 1 placed")
    qtbot.waitUntil(lambda: _rows(window) == 2, timeout=1500)

    assert _run(qtbot, window, window.import_highlights_action) == "done", window.message_bar.text
    assert window.message_bar.text == ("Imported the highlights of akkoord-beveiligd.pdf: 1 added, 0 already in "
                                       "the database.")
    qtbot.waitUntil(lambda: _rows(window) == 3, timeout=1500)
    sanne = next(a for a in _stored(tmp_path, fingerprint) if a.author == "Sanne")
    assert sanne.comment == "Zie art. 3 EVRM" and "strenger asielbeleid" in sanne.quote and sanne.anchor.page == 3


def test_annotations_are_carried_over_to_a_password_protected_next_version(
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    _open(qtbot, window, sample_agreement())
    start, end = phrase_points(qtbot, window, 4, "grootschalige opvang van minderjarigen")
    drag(window.view, start, end)
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus, timeout=3000)
    qtbot.keyClick(window.view, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: _rows(window) == 1, timeout=10000)
    original = next(iter(window.review.review.annotations.values()))
    qtbot.waitUntil(lambda: window.review.idle, timeout=10000)

    newer = tmp_path / "akkoord-v2.pdf"
    doc = fitz.open(sample_agreement())
    doc.delete_pages(0, 1)  # the title page and the contents are gone: page 5 becomes page 3
    doc.save(newer, encryption=fitz.PDF_ENCRYPT_AES_256, user_pw=PASSWORD, owner_pw=PASSWORD + "-eigenaar")
    doc.close()
    _open(qtbot, window, newer, PASSWORD)
    assert _rows(window) == 0
    fingerprint = window.review.review.document.fingerprint
    offered: list[list[str]] = []

    def pick(_parent, _title, _label, items, current, _editable):  # type: ignore[no-untyped-def]
        offered.append(list(items))
        return items[current], True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(pick))
    assert _run(qtbot, window, window.carry_over_action) == "done", window.message_bar.text
    assert len(offered[0]) == 1 and "regeerakkoord-voorbeeld.pdf" in offered[0][0]
    assert window.message_bar.text == ("Annotations carried over: 1 with the same words, 0 with changed words (to "
                                       "check), 0 placed with doubt, 0 not found (kept, marked as not found), 0 "
                                       "carried over before. Both versions were aligned word by word.")
    qtbot.waitUntil(lambda: _rows(window) == 1, timeout=1500)
    (carried,) = _stored(tmp_path, fingerprint)
    assert carried.quote == original.quote and carried.anchor.page == 2 and carried.id != original.id


def test_a_malformed_file_is_refused_in_dutch_and_nothing_is_stored(
        qtbot, dutch_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    window = dutch_window
    _open(qtbot, window, sample_agreement())
    broken = tmp_path / "kapot.jsonld"
    broken.write_text('[{"type": "Annotation", "target": {"selector": []}}]', encoding="utf-8")
    _choose_file(monkeypatch, broken)
    assert _run(qtbot, window, window.import_action) == "failed"
    text = window.message_bar.text
    assert text.startswith("kapot.jsonld is niet geïmporteerd: ") and "TextQuoteSelector" in text
    assert "Something went wrong" not in text and "Er ging iets mis" not in text
    assert _stored(tmp_path, window.review.review.document.fingerprint) == []
    # The window goes on: a good file imports next, and tells it in Dutch.
    _choose_file(monkeypatch, _collection(tmp_path))
    assert _run(qtbot, window, window.import_action) == "done"
    assert window.message_bar.text.startswith("collega.jsonld geïmporteerd: 1 geplaatst, 0 geplaatst met twijfel")


def test_cancel_stops_the_import_and_stores_nothing(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from annotator.pdf.jobs import PdfJob

    _open(qtbot, window, sample_agreement())
    ask = PdfJob._call

    def slow(job, timeout, doing, operation, *arguments):  # type: ignore[no-untyped-def]
        if operation == "read_page":
            time.sleep(0.25)  # a slow disk: the PDF process reads each page slowly, the import takes seconds
        return ask(job, timeout, doing, operation, *arguments)

    monkeypatch.setattr(PdfJob, "_call", slow)
    _choose_file(monkeypatch, _collection(tmp_path))
    with qtbot.waitSignal(window.interchange.ended, timeout=60000) as ended:
        window.import_action.trigger()
        dialog = window.interchange.task.dialog
        qtbot.waitUntil(lambda: dialog.isVisible() and dialog.value() >= 1, timeout=10000)
        assert dialog.labelText() == "Importing collega.jsonld…" and dialog.maximum() == 16
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert ended.args == ["cancelled"]
    assert window.message_bar.text == "The import of collega.jsonld was cancelled; nothing was imported."
    assert _stored(tmp_path, window.review.review.document.fingerprint) == []
    assert _rows(window) == 0


def test_a_bug_is_logged_with_its_traceback_and_shown_with_the_log(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import annotator.services.interchange as service

    _open(qtbot, window, sample_agreement())
    _choose_file(monkeypatch, _collection(tmp_path))
    assert _run(qtbot, window, window.import_action) == "done"

    def broken(*_args: object, **_kwargs: object) -> dict[str, object]:
        raise RuntimeError("the selector table is inconsistent")

    monkeypatch.setattr(service, "annotation_to_w3c", broken)
    out = tmp_path / "uitvoer.jsonld"
    _choose_file(monkeypatch, out, "Web annotations (*.jsonld)")
    assert _run(qtbot, window, window.export_action) == "failed"
    log = Path(os.environ["ANNOTATOR_DATA_DIR"]) / "logs" / "annotator.log"
    assert window.message_bar.text == ("Something went wrong: RuntimeError: the selector table is inconsistent. "
                                       f"The details are in {log}.")
    text = log.read_text(encoding="utf-8")
    assert "exporting" in text and "Traceback (most recent call last)" in text
    assert "in broken" in text and "RuntimeError: the selector table is inconsistent" in text
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    assert window.import_action.isEnabled()  # the window goes on


def test_an_import_is_one_step_to_undo_and_redo(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    _open(qtbot, window, sample_agreement())
    fingerprint = window.review.review.document.fingerprint
    themes_before = [t.title for t in window.review.themes]
    _choose_file(monkeypatch, _collection(tmp_path))
    assert _run(qtbot, window, window.import_action) == "done"
    qtbot.waitUntil(lambda: _rows(window) == 2 and window.review_actions.undo.isEnabled(), timeout=5000)
    qtbot.waitUntil(lambda: "Kinderen" in [t.title for t in window.review.themes], timeout=5000)
    assert window.review_actions.undo.text().endswith("Import annotations")
    press_key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _rows(window) == 0 and window.review.idle, timeout=5000)
    assert _stored(tmp_path, fingerprint) == []
    qtbot.waitUntil(lambda: [t.title for t in window.review.themes] == themes_before, timeout=5000)
    press_key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: _rows(window) == 2 and window.review.idle, timeout=5000)
    assert len(_stored(tmp_path, fingerprint)) == 2
    qtbot.waitUntil(lambda: "Kinderen" in [t.title for t in window.review.themes], timeout=5000)
