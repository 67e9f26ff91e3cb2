"""Shared fixtures: real PDFs of tests/data, PDFs built once per session, and no test touches the real user folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from corpus import corpus_file
from pdf_builders import build_commented_pdf, build_scanned_pdf, build_two_column_paper


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep settings, recent files and the default database out of the real home folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "share"))
    monkeypatch.delenv("ANNOTATOR_DB", raising=False)


@pytest.fixture
def agreement_2021() -> Path:
    """The real 50-page coalition agreement of 2021."""
    return corpus_file("coalitieakkoord-2021-2025.pdf")


@pytest.fixture(scope="session")
def built_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the PDFs of tests/pdf_builders.py are built in, once per session."""
    return tmp_path_factory.mktemp("built-pdfs")


@pytest.fixture(scope="session")
def two_column_paper(built_pdfs: Path) -> Path:
    """A paper of six pages set in two columns, with ligatures and a title in its metadata (pdf_builders.PAPER_*)."""
    return build_two_column_paper(built_pdfs / "two-column-paper.pdf")


@pytest.fixture(scope="session")
def commented_pdf(built_pdfs: Path) -> Path:
    """Seven pages with highlights, notes, a sticky note and an ink mark made in another reader (COMMENTED_*)."""
    return build_commented_pdf(built_pdfs / "commented-in-another-reader.pdf")


@pytest.fixture(scope="session")
def scanned_pdf(built_pdfs: Path) -> Path:
    """Three scanned pages of the 2021 agreement: pictures only, no text layer (SCANNED_PAGES)."""
    return build_scanned_pdf(built_pdfs / "scanned.pdf", corpus_file("coalitieakkoord-2021-2025.pdf"))
