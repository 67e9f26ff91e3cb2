"""The sidebar: the PDF outline and page thumbnails."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QTabWidget, QTreeWidget, QTreeWidgetItem, QWidget

from annotator.pdf.render import OutlineEntry
from annotator.ui.i18n import Translator

THUMB_WIDTH = 120  # logical pixels
MAX_THUMBNAILS = 200  # thumbnails kept (about 80 kB each); those scrolled away longest ago go back to blank
_PAGE_ROLE = Qt.ItemDataRole.UserRole


class OutlinePanel(QTreeWidget):
    """The document's bookmarks as a tree; activating one goes to its page."""

    page_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)

    def set_outline(self, entries: Sequence[OutlineEntry]) -> None:
        self.clear()
        parents: list[QTreeWidgetItem] = []
        for entry in entries:
            del parents[max(0, entry.level - 1):]
            item = QTreeWidgetItem([entry.title])
            item.setData(0, _PAGE_ROLE, entry.page)
            item.setToolTip(0, entry.title)
            if parents:
                parents[-1].addChild(item)
            else:
                self.addTopLevelItem(item)
            parents.append(item)
        self.expandToDepth(0)

    def _activated(self, item: QTreeWidgetItem) -> None:
        page = item.data(0, _PAGE_ROLE)
        if isinstance(page, int) and page >= 0:
            self.page_activated.emit(page)


class ThumbnailPanel(QListWidget):
    """A column of page thumbnails, rendered lazily for the rows in view."""

    page_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setFlow(QListWidget.Flow.TopToBottom)
        self.setWrapping(False)
        self.setMovement(QListWidget.Movement.Static)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setStyleSheet("QListWidget { background: #52565b; color: #f0f0f0; }")
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSpacing(4)
        self._requester: Callable[[list[tuple[int, float]]], None] | None = None
        self._sizes: list[tuple[float, float]] = []
        self._have: dict[int, None] = {}  # pages showing their thumbnail, the one shown longest ago first
        self._blank = QIcon()
        self.itemClicked.connect(lambda item: self.page_activated.emit(item.data(_PAGE_ROLE)))
        self.itemActivated.connect(lambda item: self.page_activated.emit(item.data(_PAGE_ROLE)))
        self._request_timer = QTimer(self, singleShot=True, interval=30)
        self._request_timer.timeout.connect(self._request_visible)
        self.verticalScrollBar().valueChanged.connect(lambda _: self._request_timer.start())

    def set_pages(self, sizes: Sequence[tuple[float, float]], labels: Sequence[str],
                  requester: Callable[[list[tuple[int, float]]], None] | None) -> None:
        """One row per page with a blank placeholder until its thumbnail arrives."""
        self.clear()
        self._sizes = list(sizes)
        self._have = {}
        self._requester = requester
        width, height = sizes[0] if sizes else (1.0, 1.414)
        icon_size = QSize(THUMB_WIDTH, round(THUMB_WIDTH * height / width))
        self.setIconSize(icon_size)
        blank = QPixmap(icon_size)
        blank.fill(QColor("white"))
        self._blank = QIcon(blank)
        for page in range(len(sizes)):
            item = QListWidgetItem(self._blank, labels[page] if page < len(labels) else str(page + 1))
            item.setData(_PAGE_ROLE, page)
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.addItem(item)
        self._request_timer.start()

    def set_requester(self, requester: Callable[[list[tuple[int, float]]], None]) -> None:
        """Start asking for thumbnails through ``requester``."""
        self._requester = requester
        self._request_timer.start()

    def set_labels(self, labels: Sequence[str]) -> None:
        for page in range(min(self.count(), len(labels))):
            self.item(page).setText(labels[page] or str(page + 1))

    def thumbnail_scale(self, page: int) -> float:
        return THUMB_WIDTH * self.devicePixelRatioF() / self._sizes[page][0]

    def set_thumbnail(self, page: int, image: QImage) -> None:
        if 0 <= page < self.count():
            image.setDevicePixelRatio(self.devicePixelRatioF())
            self.item(page).setIcon(QIcon(QPixmap.fromImage(image)))
            self._have.pop(page, None)
            self._have[page] = None
            if len(self._have) > MAX_THUMBNAILS:
                shown = set(self._rows_in_view())
                for old in [old for old in self._have if old not in shown][:len(self._have) - MAX_THUMBNAILS]:
                    del self._have[old]
                    self.item(old).setIcon(self._blank)

    def select_page(self, page: int) -> None:
        if 0 <= page < self.count():
            self.blockSignals(True)
            self.setCurrentRow(page)
            self.blockSignals(False)
            self.scrollToItem(self.item(page), QAbstractItemView.ScrollHint.EnsureVisible)

    def showEvent(self, event: object) -> None:  # noqa: N802
        super().showEvent(event)  # type: ignore[arg-type]
        self._request_timer.start()

    def _request_visible(self) -> None:
        if self._requester is None or not self.isVisible() or not self.count():
            return
        rows = self._rows_in_view()
        wanted = [(p, self.thumbnail_scale(p)) for p in range(rows.start, min(self.count(), rows.stop + 1))
                  if p not in self._have]
        self._requester(wanted)

    def _rows_in_view(self) -> range:
        """The rows the viewport shows, from the rows' geometry (all rows are the same size; a point between two
        of them, or beside one, is on no row)."""
        if not self.count():
            return range(0)
        top = self.visualItemRect(self.item(0)).top()
        step = (self.visualItemRect(self.item(1)).top() - top if self.count() > 1 else
                self.visualItemRect(self.item(0)).height())
        if step <= 0:  # not laid out yet
            return range(min(self.count(), 10))
        first = max(0, (0 - top) // step)
        last = min(self.count() - 1, (self.viewport().height() - top) // step)
        return range(first, last + 1)


class Sidebar(QTabWidget):
    """Tabs for the outline and the thumbnails."""

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outline = OutlinePanel()
        self.thumbnails = ThumbnailPanel()
        self.addTab(self.thumbnails, tr("Pages"))
        self.addTab(self.outline, tr("Outline"))
        self.thumbnails.setAccessibleName(tr("Page Thumbnails"))
        self.outline.setAccessibleName(tr("Outline"))
        self.setMinimumWidth(170)

    def show_outline_if_any(self) -> None:
        """Start on the outline when the document has one, else on the thumbnails."""
        self.setCurrentWidget(self.outline if self.outline.topLevelItemCount() else self.thumbnails)
