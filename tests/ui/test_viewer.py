"""Reading an agreement in the window: opening, painting, zoom, pages by printed number, search, bad files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from corpus import corpus_file
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage

from annotator.ui.main_window import MainWindow
from annotator.ui.page_view import POINT_TO_PIXEL
from ui_support import open_and_wait, window  # noqa: F401 (fixture)


def _dark_pixel_share(image: QImage) -> float:
    """Share of sampled pixels that are dark, i.e. printed text."""
    dark = total = 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            colour = image.pixelColor(x, y)
            total += 1
            dark += colour.lightness() < 100
    return dark / max(total, 1)


def test_agreement_opens_and_visible_pages_show_text(qtbot, window: MainWindow, agreement_2021: Path) -> None:
    open_and_wait(qtbot, window, agreement_2021)
    assert window.view.page_count == 50
    assert "annotator" in window.windowTitle()
    assert _dark_pixel_share(window.view.viewport().grab().toImage()) > 0.002
    # Fit width: the page fills the width of the view, less the margins.
    page_width = window.view.page_rect(0).width()
    assert window.view.viewport().width() - 40 < page_width <= window.view.viewport().width()


def test_printed_page_numbers_are_labels_and_go_to_page_uses_them(qtbot, window: MainWindow,
                                                                  agreement_2021: Path) -> None:
    open_and_wait(qtbot, window, agreement_2021)
    qtbot.waitUntil(lambda: window.labels[3] == "1", timeout=10000)
    window.page_field.setText("41")
    qtbot.keyClick(window.page_field, Qt.Key.Key_Return)
    assert window.view.current_page == 43
    assert window.page_field.text() == "41"
    assert "Page 41 (44 of 50)" == window.page_label.text()
    window.page_field.setText("nonsense")
    qtbot.keyClick(window.page_field, Qt.Key.Key_Return)
    assert window.view.current_page == 43
    assert "nonsense" in window.statusBar().currentMessage()


def test_zoom_in_out_and_fit_page(qtbot, window: MainWindow, agreement_2021: Path) -> None:
    open_and_wait(qtbot, window, agreement_2021)
    before = window.view.zoom
    window.zoom_in_action.trigger()
    assert window.view.zoom > before
    window.zoom_out_action.trigger()
    window.zoom_out_action.trigger()
    assert window.view.zoom < before
    window.fit_page_action.trigger()
    rect = window.view.page_rect(window.view.current_page)
    assert rect.height() <= window.view.viewport().height()
    qtbot.waitUntil(window.view.is_fully_painted, timeout=10000)
    assert window.zoom_label.text() == f"{round(window.view.zoom * 100)} %"


def test_ctrl_wheel_zooms_around_the_cursor(qtbot, window: MainWindow, agreement_2021: Path) -> None:
    open_and_wait(qtbot, window, agreement_2021)
    view = window.view
    before = view.zoom
    view.set_zoom(before * 1.5, anchor=QPointF(200, 300))
    assert view.zoom == pytest.approx(before * 1.5, rel=0.01)
    assert view.render_scale() == pytest.approx(view.zoom * POINT_TO_PIXEL * view.devicePixelRatioF(), rel=0.01)


def test_search_counts_every_hit_and_steps_through_them(qtbot, window: MainWindow, agreement_2021: Path) -> None:
    open_and_wait(qtbot, window, agreement_2021)
    window.find_action.trigger()
    assert window.search_bar.isVisible()
    qtbot.keyClicks(window.search_bar.field, "mensenrechten")
    qtbot.waitUntil(lambda: "of" in window.search_bar.count.text() and "Searching" not in
                    window.search_bar.count.text(), timeout=20000)
    total = len(window.finder.hits)
    assert total > 5
    assert window.search_bar.count.text() == f"1 of {total} hits"
    first_page = window.finder.hits[0].page
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Return)
    assert window.search_bar.count.text() == f"2 of {total} hits"
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.search_bar.count.text() == f"{total} of {total} hits"
    assert window.view.current_page >= first_page
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Escape)
    assert not window.search_bar.isVisible()
    assert window.view._hits == {}


def test_search_finds_nothing_politely(qtbot, window: MainWindow, agreement_2021: Path) -> None:
    open_and_wait(qtbot, window, agreement_2021)
    window.find_action.trigger()
    qtbot.keyClicks(window.search_bar.field, "xylofoonkwartet")
    qtbot.waitUntil(lambda: window.search_bar.count.text() == "No hits", timeout=20000)


@pytest.mark.parametrize("name", ["notpdf-jpeg-image.pdf", "qpdf-empty.pdf"])
def test_a_bad_file_gives_a_message_and_keeps_the_open_document(qtbot, window: MainWindow, agreement_2021: Path,
                                                                 name: str) -> None:
    open_and_wait(qtbot, window, agreement_2021)
    with qtbot.waitSignal(window.open_failed, timeout=10000) as failure:
        window.open_document(corpus_file(name))
    assert name in failure.args[0]
    assert name in window.message_bar.text
    assert window.document is not None and window.document.path == agreement_2021
    assert window.view.page_count == 50


def test_a_text_file_named_pdf_is_refused(qtbot, window: MainWindow, tmp_path: Path) -> None:
    fake = tmp_path / "brief.pdf"
    fake.write_text("Geachte leden van de Tweede Kamer,\n", encoding="utf-8")
    with qtbot.waitSignal(window.open_failed, timeout=10000):
        window.open_document(fake)
    assert "brief.pdf" in window.message_bar.text
    assert window.document is None


def test_an_encrypted_file_asks_for_its_password_again_after_a_wrong_one(qtbot, window: MainWindow) -> None:
    path = corpus_file("pypdf-libreoffice-writer-password.pdf")
    with qtbot.waitSignal(window.password_requested, timeout=10000) as asked:
        window.open_document(path)
    assert asked.args == [False]
    assert window.password_bar.isVisible()
    with qtbot.waitSignal(window.password_requested, timeout=10000) as asked:
        qtbot.keyClicks(window.password_bar.field, "geheim")
        qtbot.keyClick(window.password_bar.field, Qt.Key.Key_Return)
    assert asked.args == [True]
    assert "wrong" in window.password_bar.label.text()
    with qtbot.waitSignal(window.document_opened, timeout=10000):
        qtbot.keyClicks(window.password_bar.field, "openpassword")
        qtbot.keyClick(window.password_bar.field, Qt.Key.Key_Return)
    assert window.document is not None and window.document.encrypted
    qtbot.waitUntil(window.view.is_fully_painted, timeout=10000)
    assert _dark_pixel_share(window.view.viewport().grab().toImage()) > 0.0005


def test_a_repaired_file_opens_with_a_notice(qtbot, window: MainWindow) -> None:
    open_and_wait(qtbot, window, corpus_file("qpdf-issue-202.pdf"))
    assert "repaired" in window.message_bar.text


def test_scanned_pages_are_marked(qtbot, window: MainWindow, scanned_pdf: Path) -> None:
    open_and_wait(qtbot, window, scanned_pdf)
    qtbot.waitUntil(lambda: "no text layer" in window.message_bar.text, timeout=20000)
    assert window.view._no_text_pages


def test_recent_files_remember_opened_documents(qtbot, window: MainWindow, agreement_2021: Path,
                                                 two_column_paper: Path, tmp_path: Path) -> None:
    copy = tmp_path / "akkoord.pdf"
    shutil.copy(agreement_2021, copy)
    open_and_wait(qtbot, window, copy)
    open_and_wait(qtbot, window, two_column_paper)
    window._fill_recent_menu()
    titles = [action.text() for action in window.recent_menu.actions() if action.text()]
    assert titles[0].endswith("two-column-paper.pdf")
    assert titles[1].endswith("akkoord.pdf")
    copy.unlink()
    with qtbot.waitSignal(window.open_failed, timeout=5000):
        window.recent_menu.actions()[1].trigger()
    assert str(copy) not in window._recent_files()


def test_dropping_a_pdf_opens_it(qtbot, window: MainWindow, agreement_2021: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(agreement_2021))])
    event = QDropEvent(QPointF(QPoint(300, 300)), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.document_opened, timeout=10000):
        window.dropEvent(event)
    assert window.view.page_count == 50


def test_outline_and_thumbnails_navigate(qtbot, window: MainWindow, agreement_2021: Path) -> None:
    open_and_wait(qtbot, window, agreement_2021)
    thumbs = window.sidebar.thumbnails
    qtbot.waitUntil(lambda: thumbs.count() == 50, timeout=10000)  # filled once the first page is on screen
    qtbot.waitUntil(lambda: len(thumbs._have) > 0, timeout=10000)
    window.sidebar.thumbnails.page_activated.emit(10)
    assert window.view.current_page == 10
