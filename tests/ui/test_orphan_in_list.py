"""An annotation without a place in the document (an orphan, kept with its quote) in the list: clicking it, as a
reviewer does, shows it in the editor and leaves the page where it was."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotator.domain.model import Anchor, AnchorStatus, Annotation, new_id
from annotator.pdf.document import file_fingerprint
from annotator.store.database import Database
from annotator.store.repository import Repository
from annotator.ui.annotation_table import ID_ROLE, Column
from ui_support import open_review, settle, shown_window


def test_clicking_an_orphan_in_the_list_opens_it_without_an_error(qtbot, agreement_2021: Path,  # type: ignore[no-untyped-def]
                                                                 tmp_path: Path) -> None:
    orphan = Annotation(id=new_id(), document=file_fingerprint(agreement_2021), author="Fatima",
                        status=AnchorStatus.ORPHANED, comment="Niet meer in de tekst",
                        anchor=Anchor(page=4, quads=(), exact="een zin die niet meer bestaat"))
    with Database.open(str(tmp_path / "review.sqlite")) as db:
        repo = Repository(db)
        repo.ensure_document(orphan.document, "Coalitieakkoord", 50, [], agreement_2021.name)
        repo.add(orphan)
    with shown_window(qtbot, tmp_path) as window:
        open_review(qtbot, window, agreement_2021)
        settle(qtbot, window)
        panel = window.workspace.annotation_list
        qtbot.waitUntil(lambda: panel.proxy.rowCount() == 1, timeout=10000)
        index = panel.proxy.index(0, Column.QUOTE)
        assert index.data(ID_ROLE) == orphan.id
        page_before = window.view.current_page
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=panel.table.visualRect(index).center())
        qtbot.waitUntil(lambda: window.editor.annotation is not None and window.editor.annotation.id == orphan.id,
                        timeout=5000)
        qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton,
                          pos=panel.table.visualRect(index).center())
        qtbot.wait(300)
        assert window.view.current_page == page_before
