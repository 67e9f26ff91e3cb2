"""Real PDFs for tests: those in tests/data, else those of ../shared/corpus; skips where neither has the file."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
CORPUS = REPO.parent / "shared" / "corpus"


def corpus_file(name: str) -> Path:
    """A real PDF by name, from tests/data or ../shared/corpus; skips the test where neither has it."""
    for folder in (DATA, CORPUS):
        path = folder / name
        if path.exists():
            return path
    pytest.skip(f"PDF {name} not found in {DATA} or {CORPUS}")
