"""The window starts without loading what it does not need yet: MuPDF lives in the PDF processes, and the
database libraries load when the first review is opened."""

from __future__ import annotations

import subprocess
import sys


def test_the_window_modules_do_not_load_mupdf_or_sqlalchemy() -> None:
    code = ("import sys; import annotator.ui.app; "
            "print(sorted(m for m in ('fitz', 'pymupdf', 'sqlalchemy', 'alembic', 'docx') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
