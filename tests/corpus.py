"""Real PDFs for tests, kept in tests/data (see its README); a missing one fails the test, it is never skipped.

PDFs whose licences keep them out of the repository are built instead: see tests/pdf_builders.py and the fixtures
of tests/conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"


def corpus_file(name: str) -> Path:
    """A real PDF of tests/data by name; fails the test loudly when it is not there (the checkout is incomplete)."""
    path = DATA / name
    if not path.is_file():
        pytest.fail(f"test PDF {name} is missing from {DATA}: the checkout is incomplete (see tests/data/README.md)",
                    pytrace=False)
    return path
