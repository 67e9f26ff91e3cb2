"""Fixtures for the store tests: real SQLite files in tmp_path, and PostgreSQL when ANNOTATOR_TEST_PG_URL is set."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotator.domain.model import Anchor, Annotation, Rect, TreatyRef, new_id
from annotator.store.database import Database
from annotator.store.repository import Repository
from store_support import FINGERPRINT, record_agreement, reset_postgres

PG_URL = os.environ.get("ANNOTATOR_TEST_PG_URL", "")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """An SQLite file that does not exist yet."""
    return f"sqlite:///{tmp_path / 'review.sqlite'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: an SQLite file, and PostgreSQL too when ANNOTATOR_TEST_PG_URL is set."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'review.sqlite'}"
    if not PG_URL:
        pytest.skip("set ANNOTATOR_TEST_PG_URL to run the store tests against PostgreSQL")
    reset_postgres(PG_URL)
    return PG_URL


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """The database at db_url, opened and migrated."""
    database = Database.open(db_url)
    yield database
    database.close()


@pytest.fixture
def repo(db: Database) -> Repository:
    """A repository with the agreement recorded as a document."""
    repository = Repository(db)
    record_agreement(repository)
    return repository


@pytest.fixture
def make_annotation() -> Callable[..., Annotation]:
    """A factory for plain annotations on the test document."""

    def make(page: int = 0, top: float = 100.0, left: float = 72.0, **changes: object) -> Annotation:
        base = Annotation(
            id=new_id(),
            document=FINGERPRINT,
            author="Fatima",
            anchor=Anchor(page=page, quads=(Rect(left, top, left + 200.0, top + 12.0),), exact="asielzoekers"),
            references=(TreatyRef.parse("echr:3"),),
        )
        return base.changed(**changes)

    return make
