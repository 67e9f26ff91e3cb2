"""The review queue after a carry-over, as a reviewer uses it: two versions of an agreement built here (one sentence
unchanged, one with a word put in, one duplicated, one deleted); the annotations of the first carried to the
second from the File menu; the queue shows what is not exact, the reviewer accepts the changed one with the mouse,
picks a place for the duplicated one with a key, places the deleted one at text selected with the mouse, undoes
all three with Ctrl+Z and redoes one; the list, the page and the database follow every step."""

from __future__ import annotations

from pathlib import Path

import fitz
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog

from annotator.domain.model import AnchorStatus, Annotation
from annotator.store.database import Database
from annotator.store.repository import Repository
from annotator.ui.annotation_table import Column
from annotator.ui.main_window import MainWindow
from ui_support import (  # noqa: F401 (fixture)
    drag,
    highlight_phrase,
    open_review,
    phrase_points,
    press_key,
    settle,
    show_letter_tab,
    shown_window,
    window,
)

FILLER = [
    "Het kabinet investeert in de regio en in goede verbindingen tussen stad en land.",
    "De woningbouw gaat omhoog naar honderdduizend woningen per jaar in het hele land.",
    "Onderwijs krijgt extra geld voor kleinere klassen en voor betere salarissen van leraren.",
    "De zorg blijft toegankelijk voor iedereen, ook in de dunbevolkte delen van het land.",
    "Wij versterken de rechtsstaat door meer rechters en een betere rechtsbijstand te betalen.",
]
SAME = "Vluchtelingen krijgen binnen zes maanden een besluit op hun aanvraag."
CHANGED = "Wij stellen voor de meldplicht aan te scherpen voor werkgevers in de zorg."
DUPLICATED = "Dat vraagt om een zorgvuldige afweging van alle belangen."
DELETED = "De vreemdelingenbewaring van kinderen wordt volledig afgeschaft."

EXACT_QUOTE = "binnen zes maanden een besluit"
FUZZY_QUOTE = "de meldplicht aan te scherpen"
FUZZY_NEW = "de meldplicht verder aan te scherpen"
HAND_PLACED = "meer rechters en een betere rechtsbijstand"

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: raising, grabbing


@pytest.fixture(autouse=True)
def _slow_poll(monkeypatch: pytest.MonkeyPatch) -> None:
    """No looking for colleagues' changes: what the window shows comes from the reviewer's own steps."""
    monkeypatch.setattr("annotator.ui.review_controller.REFRESH_MS", 10 ** 7)


def _build(path: Path, paragraphs: list[str]) -> Path:
    doc = fitz.open()
    page = doc.new_page()
    for number, paragraph in enumerate(paragraphs):
        top = 72 + 50 * number
        page.insert_textbox(fitz.Rect(72, top, 523, top + 60), paragraph, fontsize=11)
    doc.set_metadata({"title": path.stem})
    doc.save(path)
    doc.close()
    return path


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    """The draft and the final text: one sentence the same, one with a word put in, one that moved from its place
    to stand twice further on (both times in its old surroundings, so neither is the one), one deleted."""
    old = _build(tmp_path / "akkoord-concept.pdf",
                 [FILLER[0], SAME, FILLER[1], CHANGED, FILLER[2], DUPLICATED, FILLER[3], DELETED, FILLER[4]])
    new = _build(tmp_path / "akkoord-definitief.pdf",
                 [FILLER[0], SAME, FILLER[1], CHANGED.replace("meldplicht aan", "meldplicht verder aan"), FILLER[2],
                  FILLER[3], FILLER[4], FILLER[2], DUPLICATED, FILLER[3], FILLER[2], DUPLICATED, FILLER[3]])
    return old, new


def _stored(tmp_path: Path, fingerprint: str) -> dict[str, Annotation]:
    with Database.open(f"sqlite:///{tmp_path / 'review.sqlite'}") as db:
        return {a.quote if a.status is not AnchorStatus.FUZZY else FUZZY_QUOTE: a
                for a in Repository(db).annotations(fingerprint)}


def _kept(tmp_path: Path, fingerprint: str) -> set[str]:
    with Database.open(f"sqlite:///{tmp_path / 'review.sqlite'}") as db:
        return {record.annotation_id for record in Repository(db).carried_into(fingerprint) if record.kept}


def _by_id(tmp_path: Path, fingerprint: str) -> dict[str, Annotation]:
    with Database.open(f"sqlite:///{tmp_path / 'review.sqlite'}") as db:
        return {a.id: a for a in Repository(db).annotations(fingerprint)}


def _carry_over(qtbot, window: MainWindow, versions: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Highlight four passages of the draft with the mouse, open the final text and carry them over from the File
    menu (the dialog that asks for the earlier version answers with the one offered)."""
    old, new = versions
    open_review(qtbot, window, old)
    for phrase in (EXACT_QUOTE, FUZZY_QUOTE, DUPLICATED, DELETED):
        highlight_phrase(qtbot, window, 0, phrase)
    settle(qtbot, window)
    open_review(qtbot, window, new)
    qtbot.waitUntil(lambda: window.review.review.document.file_name == new.name, timeout=15000)
    with qtbot.waitSignal(window.interchange.ended, timeout=60000) as ended:
        _menu_carry_over(qtbot, window, monkeypatch)
    assert ended.args[0] == "done", window.message_bar.text
    assert "aligned word by word" in window.message_bar.text or window.tr_.language == "nl"


def _menu_carry_over(qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """File › Carry Over Annotations… with the keys; the dialog that asks for the earlier version answers with the
    one it offers."""
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(
        lambda _parent, _title, _label, items, current, _editable: (items[current], True)))
    # Alt+F (Alt+B, Bestand), then &Carry Over Annotations… (Annotaties uit een eerdere &versie overnemen…)
    dutch = window.tr_.language == "nl"
    press_key(qtbot, window, Qt.Key.Key_B if dutch else Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=5000)
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_V if dutch else Qt.Key.Key_C)


def _queue_texts(window: MainWindow) -> list[str]:
    items = window.carry_queue.items
    return [items.item(row).text() for row in range(items.count())]


def _focus_queue(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.carry_queue.items.setFocus()
    qtbot.waitUntil(window.carry_queue.items.hasFocus, timeout=3000)


def test_the_queue_takes_the_reviewers_decisions_and_undo_takes_them_back(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, versions: tuple[Path, Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _carry_over(qtbot, window, versions, monkeypatch)
    fingerprint = window.review.review.document.fingerprint
    queue = window.carry_queue
    # What is not exact waits in the queue, which opened by itself: in reading order, the deleted one last.
    qtbot.waitUntil(lambda: window.carry_dock.isVisible() and queue.items.count() == 3, timeout=10000)
    texts = _queue_texts(window)
    assert texts[0].startswith("Wording changed · p. 1 · “de meldplicht verder aan te scherpen”"), texts
    assert texts[1].startswith("Several places · p. 1 · “Dat vraagt om"), texts
    assert texts[2].startswith("Not found · “De vreemdelingenbewaring"), texts
    assert "akkoord-concept.pdf" in queue.summary.text()
    assert "3 to review: 1 with changed wording, 1 in several places, 1 not found." in queue.summary.text()
    stored = _stored(tmp_path, fingerprint)
    assert stored[EXACT_QUOTE].status is AnchorStatus.ANCHORED
    assert stored[FUZZY_QUOTE].status is AnchorStatus.FUZZY
    assert stored[DUPLICATED].status is AnchorStatus.AMBIGUOUS
    assert stored[DELETED].status is AnchorStatus.ORPHANED
    # The list marks them too (the exact one as before).
    model = window.annotation_list.model
    words = {model.annotation(row).quote: model.index(row, Column.STATUS).data() for row in range(model.rowCount())}
    assert words == {EXACT_QUOTE: "", FUZZY_NEW: "Wording changed", DUPLICATED: "Several places",
                     DELETED: "Not found"}

    # The changed one: old and new wording side by side, the word put in marked in the new one.
    qtbot.waitUntil(lambda: queue.items.currentRow() == 0, timeout=5000)
    assert "meldplicht aan te scherpen" in queue.old_text.toPlainText()
    assert queue.new_text.toPlainText().strip() == FUZZY_NEW
    marked = queue.new_text.toHtml()
    assert "verder" in marked and "underline" in marked.split("verder")[0].rsplit("<span", 1)[-1]
    assert "line-through" not in queue.old_text.toHtml(), "nothing of the old wording was taken out"
    assert window.editor.annotation is not None and window.editor.annotation.quote == FUZZY_NEW
    fuzzy_id = window.editor.annotation.id

    # Accept it with the mouse: it leaves the queue and is anchored in the database.
    assert queue.accept_button.text() == "Accept the New Wording (A)"
    qtbot.mouseClick(queue.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: queue.items.count() == 2, timeout=5000)
    settle(qtbot, window)
    assert _by_id(tmp_path, fingerprint)[fuzzy_id].status is AnchorStatus.ANCHORED
    assert _by_id(tmp_path, fingerprint)[fuzzy_id].quote == FUZZY_NEW
    assert queue.items.currentRow() == 0 and queue.items.currentItem().text().startswith("Several places")

    # The duplicated one lists both places; the reviewer takes the second with the key 2.
    assert queue.candidates.isVisible() and queue.candidates.count() == 2
    assert "(placed here now)" in queue.candidates.item(0).text()
    ambiguous = window.review.review.annotations[queue.items.currentItem().data(Qt.ItemDataRole.UserRole)]
    first_place = ambiguous.anchor
    _focus_queue(qtbot, window)
    qtbot.keyClick(queue.items, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: queue.items.count() == 1, timeout=5000)
    settle(qtbot, window)
    moved = _by_id(tmp_path, fingerprint)[ambiguous.id]
    assert moved.status is AnchorStatus.ANCHORED
    assert moved.anchor.quads[0].y0 > first_place.quads[0].y0 + 100, "the second place, lower on the page"
    assert moved.quote == DUPLICATED

    # The deleted one: the reviewer selects other text with the mouse and places it there.
    assert queue.items.currentItem().text().startswith("Not found")
    assert queue.keep_button.isVisible() and not queue.place_button.isEnabled()
    orphan_id = queue.items.currentItem().data(Qt.ItemDataRole.UserRole)
    start, end = phrase_points(qtbot, window, 0, HAND_PLACED)
    drag(window.view, start, end)
    qtbot.waitUntil(queue.place_button.isEnabled, timeout=3000)
    qtbot.mouseClick(queue.place_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: queue.items.count() == 0, timeout=5000)
    assert "Nothing waits for review" in queue.summary.text()
    settle(qtbot, window)
    placed = _by_id(tmp_path, fingerprint)[orphan_id]
    assert placed.status is AnchorStatus.ANCHORED and placed.quote == HAND_PLACED and placed.anchor.quads
    assert window.view.selection is None

    # Ctrl+Z three times: each decision comes back, in the queue, the list and the database.
    for count in (1, 2, 3):
        press_key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: queue.items.count() == count, timeout=5000)
    settle(qtbot, window)
    back = _by_id(tmp_path, fingerprint)
    assert back[fuzzy_id].status is AnchorStatus.FUZZY
    assert back[ambiguous.id].status is AnchorStatus.AMBIGUOUS and back[ambiguous.id].anchor == first_place
    assert back[orphan_id].status is AnchorStatus.ORPHANED and not back[orphan_id].anchor.quads
    assert [text.split(" · ")[0] for text in _queue_texts(window)] == ["Wording changed", "Several places",
                                                                        "Not found"]
    assert model.index(model.row_of(fuzzy_id), Column.STATUS).data() == "Wording changed"

    # Ctrl+Shift+Z redoes the acceptance.
    press_key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: queue.items.count() == 2, timeout=5000)
    settle(qtbot, window)
    assert _by_id(tmp_path, fingerprint)[fuzzy_id].status is AnchorStatus.ANCHORED
    assert model.index(model.row_of(fuzzy_id), Column.STATUS).data() == ""


def test_keys_drop_keep_and_reopen_the_queue(qtbot, window: MainWindow, versions: tuple[Path, Path],  # type: ignore[no-untyped-def]
                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _carry_over(qtbot, window, versions, monkeypatch)
    fingerprint = window.review.review.document.fingerprint
    queue = window.carry_queue
    qtbot.waitUntil(lambda: queue.items.count() == 3, timeout=10000)
    # The queue can be closed and opened again from the Annotate menu's key.
    window.carry_dock.close()
    press_key(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.carry_dock.isVisible() and queue.items.hasFocus(), timeout=5000)
    qtbot.waitUntil(lambda: queue.items.count() == 3, timeout=5000)

    _focus_queue(qtbot, window)
    qtbot.keyClick(queue.items, Qt.Key.Key_Delete)  # drop the changed one
    qtbot.waitUntil(lambda: queue.items.count() == 2, timeout=5000)
    settle(qtbot, window)
    assert FUZZY_QUOTE not in _stored(tmp_path, fingerprint)
    qtbot.keyClick(queue.items, Qt.Key.Key_Down)  # to the deleted one
    assert queue.items.currentItem().text().startswith("Not found")
    qtbot.keyClick(queue.items, Qt.Key.Key_K)  # kept as not found: it stays, marked, at the end
    assert queue.items.currentItem().text().startswith("Several places")
    assert queue.items.item(1).text().startswith("Kept as not found")
    assert "1 to review" in queue.summary.text() and "1 kept as not found." in queue.summary.text()
    qtbot.keyClick(queue.items, Qt.Key.Key_Return)  # take the place chosen in the list (the first)
    qtbot.waitUntil(lambda: queue.items.count() == 1, timeout=5000)
    settle(qtbot, window)
    stored = _stored(tmp_path, fingerprint)
    assert stored[DUPLICATED].status is AnchorStatus.ANCHORED and stored[DELETED].status is AnchorStatus.ORPHANED
    assert _kept(tmp_path, fingerprint) == {stored[DELETED].id}, "the decision to keep it is stored"

    press_key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the place taken
    press_key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the keeping
    qtbot.waitUntil(lambda: queue.items.count() == 2 and not any(
        queue.items.item(row).text().startswith("Kept") for row in range(2)), timeout=5000)
    settle(qtbot, window)
    assert not _kept(tmp_path, fingerprint)
    press_key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the drop
    qtbot.waitUntil(lambda: queue.items.count() == 3, timeout=5000)
    settle(qtbot, window)
    assert _stored(tmp_path, fingerprint)[FUZZY_QUOTE].status is AnchorStatus.FUZZY, "the drop is undone"

    # Kept again, and the review opened again: it is still kept.
    _focus_queue(qtbot, window)
    row = next(r for r in range(3) if queue.items.item(r).text().startswith("Not found"))
    qtbot.keyClick(queue.items, Qt.Key.Key_Home)
    for _ in range(row):
        qtbot.keyClick(queue.items, Qt.Key.Key_Down)
    qtbot.keyClick(queue.items, Qt.Key.Key_K)
    qtbot.waitUntil(lambda: len(_kept(tmp_path, fingerprint)) == 1, timeout=5000)
    old, new = versions
    open_review(qtbot, window, old)
    open_review(qtbot, window, new)
    press_key(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: queue.items.count() == 3 and queue.items.item(2).text().startswith("Kept as not found"),
                    timeout=10000)


def test_the_queue_speaks_dutch(qtbot, versions: tuple[Path, Path], tmp_path: Path,  # type: ignore[no-untyped-def]
                                monkeypatch: pytest.MonkeyPatch) -> None:
    with shown_window(qtbot, tmp_path, "nl") as window:
        _carry_over(qtbot, window, versions, monkeypatch)
        queue = window.carry_queue
        qtbot.waitUntil(lambda: queue.items.count() == 3, timeout=10000)
        assert _queue_texts(window)[0].startswith("Tekst gewijzigd · p. 1 · ")
        assert "3 na te kijken: 1 met gewijzigde tekst, 1 op meerdere plekken, 1 niet gevonden." in \
            queue.summary.text()
        assert queue.accept_button.text() == "Nieuwe tekst accepteren (A)"
        assert window.carry_dock.windowTitle() == "Overgenomen"


def test_the_letter_leaves_out_a_changed_passage_until_it_is_accepted(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, versions: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    _carry_over(qtbot, window, versions, monkeypatch)
    queue = window.carry_queue
    qtbot.waitUntil(lambda: queue.items.count() == 3, timeout=10000)
    show_letter_tab(qtbot, window)  # the reviewer turns to the letter of the new version
    letter = window.workspace.letter

    def checks() -> list[str]:
        return [letter.checks.item(row).text() for row in range(letter.checks.count())]

    qtbot.waitUntil(lambda: "binnen zes maanden een besluit" in letter.preview.toPlainText(), timeout=15000)
    assert "meldplicht" not in letter.preview.toPlainText()
    assert "zorgvuldige afweging" not in letter.preview.toPlainText()
    assert any(check.startswith("⚠ Carried over onto changed words, so left out of the letter until you accept it")
               and FUZZY_NEW in check for check in checks()), checks()
    assert any(check.startswith("⚠ Fits several places in this version") and "Dat vraagt om" in check
               for check in checks()), checks()

    # Accepted in the queue with the key A: the letter quotes the new wording, and the check is gone.
    _focus_queue(qtbot, window)
    qtbot.keyClick(queue.items, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: FUZZY_NEW in letter.preview.toPlainText(), timeout=15000)
    qtbot.waitUntil(lambda: not any("changed words" in check for check in checks()), timeout=15000)
    # Ctrl+Z: out of the letter again.
    press_key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: FUZZY_NEW not in letter.preview.toPlainText(), timeout=15000)


def test_opening_a_new_version_offers_to_carry_the_review_over(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                versions: tuple[Path, Path]) -> None:
    from PySide6.QtWidgets import QPushButton

    old, new = versions
    open_review(qtbot, window, old)
    for phrase in (EXACT_QUOTE, FUZZY_QUOTE, DUPLICATED, DELETED):
        highlight_phrase(qtbot, window, 0, phrase)
    settle(qtbot, window)
    open_review(qtbot, window, new)
    bar = window.message_bar
    qtbot.waitUntil(lambda: bar.isVisible() and "new version of" in bar.text, timeout=20000)
    assert bar.text == ("This looks like a new version of akkoord-concept.pdf, which has 4 annotations. Carry them "
                        "over to this version?")
    button = window.findChild(QPushButton, "message-action")
    assert button.isVisible() and button.text() == "Carry Over"
    with qtbot.waitSignal(window.interchange.ended, timeout=60000) as ended:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert ended.args[0] == "done"
    queue = window.carry_queue
    qtbot.waitUntil(lambda: window.carry_dock.isVisible() and queue.items.count() == 3, timeout=10000)
    assert window.annotation_list.model.rowCount() == 4

    # The first version itself, opened again, is not offered anything (it has its annotations).
    bar.hide()
    open_review(qtbot, window, old)
    qtbot.waitUntil(lambda: not window._background, timeout=20000)
    qtbot.wait(100)
    assert not bar.isVisible() or "new version of" not in bar.text


def test_a_document_that_resembles_nothing_is_offered_nothing(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                               versions: tuple[Path, Path], tmp_path: Path) -> None:
    old, _new = versions
    open_review(qtbot, window, old)
    highlight_phrase(qtbot, window, 0, FUZZY_QUOTE)
    settle(qtbot, window)
    other = _build(tmp_path / "ander-document.pdf", ["Een heel andere tekst over iets anders dan het akkoord.",
                                                       "Nog een zin die nergens in de eerste versie voorkomt."])
    open_review(qtbot, window, other)
    qtbot.waitUntil(lambda: not window._background, timeout=20000)  # the window has looked, in the background
    qtbot.wait(100)
    assert not window.message_bar.isVisible() or "new version of" not in window.message_bar.text


def _question(qtbot, window: MainWindow):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    qtbot.waitUntil(lambda: (box := window.findChild(QMessageBox, "version-file-question")) is not None
                    and box.isVisible(), timeout=20000)
    return window.findChild(QMessageBox, "version-file-question")


def test_a_moved_earlier_version_is_asked_for_and_checked(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                          versions: tuple[Path, Path], tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The draft's PDF moved after it was reviewed: the window asks where it is, refuses another file, and with the
    right one aligns both versions."""
    from PySide6.QtWidgets import QFileDialog, QPushButton

    old, new = versions
    open_review(qtbot, window, old)
    for phrase in (EXACT_QUOTE, FUZZY_QUOTE, DUPLICATED, DELETED):
        highlight_phrase(qtbot, window, 0, phrase)
    settle(qtbot, window)
    moved = tmp_path / "archief" / "concept-oud.pdf"
    moved.parent.mkdir()
    old.rename(moved)
    open_review(qtbot, window, new)
    qtbot.waitUntil(lambda: window.review.review.document.file_name == new.name, timeout=15000)
    _menu_carry_over(qtbot, window, monkeypatch)
    box = _question(qtbot, window)
    assert "Where is akkoord-concept.pdf?" in box.text()
    assert not _stored(tmp_path, window.review.review.document.fingerprint), "nothing carried before the answer"

    answers = [str(new), str(moved)]  # first the wrong file, then the draft where it is now
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_args, **_kw: (answers.pop(0), "")))
    locate = next(b for b in box.findChildren(QPushButton) if b.text().startswith("&Locate"))
    qtbot.mouseClick(locate, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "its content differs" in window.message_bar.text, timeout=20000)
    box = _question(qtbot, window)
    locate = next(b for b in box.findChildren(QPushButton) if b.text().startswith("&Locate"))
    with qtbot.waitSignal(window.interchange.ended, timeout=60000) as ended:
        qtbot.mouseClick(locate, Qt.MouseButton.LeftButton)
    assert ended.args[0] == "done"
    assert "aligned word by word" in window.message_bar.text
    assert "1 with the same words, 1 with changed words" in window.message_bar.text
    qtbot.waitUntil(lambda: window.carry_queue.items.count() == 3, timeout=10000)
    assert len(_stored(tmp_path, window.review.review.document.fingerprint)) == 4


def test_without_the_earlier_version_each_passage_is_searched_for(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, versions: tuple[Path, Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QPushButton

    old, new = versions
    open_review(qtbot, window, old)
    highlight_phrase(qtbot, window, 0, EXACT_QUOTE)
    settle(qtbot, window)
    old.unlink()
    open_review(qtbot, window, new)
    qtbot.waitUntil(lambda: window.review.review.document.file_name == new.name, timeout=15000)
    _menu_carry_over(qtbot, window, monkeypatch)
    box = _question(qtbot, window)
    without = next(b for b in box.findChildren(QPushButton) if "Without" in b.text())
    with qtbot.waitSignal(window.interchange.ended, timeout=60000) as ended:
        qtbot.mouseClick(without, Qt.MouseButton.LeftButton)
    assert ended.args[0] == "done"
    assert "searched for by its words" in window.message_bar.text
    assert [a.status for a in _stored(tmp_path, window.review.review.document.fingerprint).values()] == [
        AnchorStatus.ANCHORED]


def test_the_changes_report_shows_what_the_new_version_did_and_follows_the_decisions(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, versions: tuple[Path, Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QDialog, QFileDialog, QPushButton

    _carry_over(qtbot, window, versions, monkeypatch)
    qtbot.waitUntil(lambda: window.carry_queue.items.count() == 3, timeout=10000)
    # Annotate › Changes Between the Versions…, with the keys.
    press_key(qtbot, window, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=5000)
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_C)
    qtbot.waitUntil(lambda: (dialog := window.findChild(QDialog, "changes-dialog")) is not None
                    and dialog.isVisible() and "removed" in dialog.summary.text(), timeout=10000)
    dialog = window.findChild(QDialog, "changes-dialog")
    assert dialog.summary.text() == ("From akkoord-concept.pdf: 1 removed, 1 changed, 1 not placed yet, 1 kept.")
    shown = " ".join(dialog.view.toPlainText().split())
    assert f"Removed (1) The new version no longer contains these passages. not judged, p. 1: “{DELETED}”" in shown
    assert "Changed (1)" in shown and f"“{FUZZY_QUOTE.replace('aan', 'verder aan')}”" in shown
    assert "Not placed yet (1)" in shown and "Kept (1)" in shown

    # The reviewer drops the changed one in the queue: the report, still open, says so.
    _focus_queue(qtbot, window)
    qtbot.keyClick(window.carry_queue.items, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "(annotation dropped)" in dialog.view.toPlainText(), timeout=10000)

    saved = tmp_path / "wijzigingen"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_args, **_kw: (str(saved), "Web page (*.html)")))
    qtbot.mouseClick(dialog.findChild(QPushButton, "changes-save"), Qt.MouseButton.LeftButton)
    written = saved.with_suffix(".html")
    assert written.is_file() and "<h3>Removed (1)</h3>" in written.read_text(encoding="utf-8")
    assert dialog.summary.text() == f"Saved to {written}"
