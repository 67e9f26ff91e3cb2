"""Floor for the start-up benchmark: the least any PySide6 program does to put a page on screen.

Shows a PNG of the first page, rendered before the run (no PDF library is loaded), in a window of the benchmark's
size, and stays open until the benchmark ends it. What it takes is what Python, PySide6 and Qt cost before any
program's own work: a viewer written in PySide6 cannot show its first page sooner.
"""

import sys

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QScrollArea

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1200, 860)
label = QLabel()
label.setPixmap(QPixmap(sys.argv[1]))
area = QScrollArea()
area.setWidget(label)
window.setCentralWidget(area)
window.show()
app.exec()
