"""The real PDFs of ../shared/corpus, for tests; skips where the corpus is not beside the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"


def corpus_file(name: str) -> Path:
    """A PDF from ../shared/corpus; skips the test where the corpus is not beside the checkout."""
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus file {name} not found at {CORPUS}")
    return path
