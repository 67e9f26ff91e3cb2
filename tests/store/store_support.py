"""Shared helpers of the store tests (a module of its own, since two conftest.py files cannot both be imported)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from annotator.store.repository import Repository

FINGERPRINT = hashlib.sha256(b"coalitieakkoord-2021-2025.pdf").hexdigest()
CHILD = Path(__file__).resolve().parent / "store_child.py"
REPO_ROOT = Path(__file__).resolve().parents[2]

_TABLES = "carried, annotation_refs, annotations, themes, reviewers, documents, letter_settings, alembic_version"


def reset_postgres(url: str) -> None:
    """Drop the annotator's tables so every test starts from an empty database."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(f"DROP TABLE IF EXISTS {_TABLES} CASCADE"))
    finally:
        engine.dispose()


def record_agreement(repository: Repository) -> None:
    """Record the test document, as opening the PDF would."""
    repository.ensure_document(FINGERPRINT, "Omzien naar elkaar", 50, ["1", "2", "3"], "coalitieakkoord.pdf")


def child_env() -> dict[str, str]:
    """The environment for a child python process that imports the annotator from this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH", "")]))
    return env
