"""Baseline for the start-up benchmark: the least a PySide6 + PyMuPDF program does to show a page.

Opens the PDF, renders the first page at fit-width, shows it in a window, saves the window as PNG once it has been
painted, and exits: the same observable work as ``annotator FILE.pdf --screenshot OUT.png``. With ``-`` for the
PNG it stays open (for the screen-grab benchmark, which ends it).
"""

import os
import sys
import time

import fitz
from PySide6.QtCore import QObject, QEvent, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QScrollArea

pdf, out = sys.argv[1], sys.argv[2]
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1200, 860)
doc = fitz.open(pdf)
page = doc.load_page(0)
scale = 1000 / page.rect.width
pixmap = page.get_pixmap(matrix=fitz.Matrix(scale, scale), alpha=False)
image = QImage(pixmap.samples, pixmap.width, pixmap.height, pixmap.stride, QImage.Format.Format_RGB888).copy()
label = QLabel()
label.setPixmap(QPixmap.fromImage(image))
area = QScrollArea()
area.setWidget(label)
window.setCentralWidget(area)


class Painted(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            label.removeEventFilter(self)
            trace = os.environ.get("ANNOTATOR_STARTUP_TRACE")
            if trace:
                with open(trace, "w") as stream:
                    stream.write(repr(time.time()))
            if out != "-":
                QTimer.singleShot(0, lambda: (window.grab().save(out, "PNG"), app.quit()))
        return False


watcher = Painted()
label.installEventFilter(watcher)
window.show()
app.exec()
