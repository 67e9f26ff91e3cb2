"""The realistic review of the 2021 agreement (scripts/realistic-review.py): the script's module, and its review
built in a SQLite file and compiled with ``annotator compile --annex`` as a reviewer does, once for each test module
that asks for it (fixtures, made available to the letter tests by conftest.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("realistic_review", ROOT / "scripts" / "realistic-review.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("realistic_review", module)
    spec.loader.exec_module(module)
    return module


review = _script()


@pytest.fixture(scope="module")
def realistic_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The review built by the script's functions in a fresh SQLite file, once for the test module."""
    folder = tmp_path_factory.mktemp("realistic")
    db_path = folder / "review.sqlite"
    review.build_review(db_path)
    return db_path


@pytest.fixture(scope="module")
def realistic_brief(realistic_database: Path) -> Path:
    """The letter as the reviewer compiles it from that review: ``annotator compile --annex``."""
    out = realistic_database.parent / "brief.docx"
    printed = review.compile_brief(realistic_database, out)
    assert "0 warnings" in printed, printed
    return out
