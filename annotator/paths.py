"""Where the bundled resources, migrations and the user's data live."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _package_dir() -> Path:
    """annotator's own folder; in the frozen app the folder PyInstaller put its data files in (sys._MEIPASS)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "annotator"
    return Path(__file__).resolve().parent


_PACKAGE = _package_dir()


def _bundled(name: str) -> Path:
    """A top-level folder of the checkout, or its copy inside an installed wheel or the frozen app."""
    installed = _PACKAGE / f"_{name}"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def resources_dir() -> Path:
    """The folder with the treaty catalogue, templates, translations and the sample agreement."""
    return _bundled("resources")


def migrations_dir() -> Path:
    """The Alembic folder (env.py, versions/)."""
    return _bundled("db")


def sample_agreement() -> Path:
    """The fictional coalition agreement shipped for trying the program out."""
    return resources_dir() / "sample" / "regeerakkoord-voorbeeld.pdf"


def user_data_dir() -> Path:
    """The per-user folder for the default database and settings (created on demand)."""
    override = os.environ.get("ANNOTATOR_DATA_DIR")
    if override:
        path = Path(override)
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir("annotator", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_url() -> str:
    """ANNOTATOR_DB if set (a path or an SQLAlchemy URL), else an SQLite file in the user data folder."""
    configured = os.environ.get("ANNOTATOR_DB")
    if configured:
        return database_url(configured)
    return database_url(str(user_data_dir() / "annotations.sqlite"))


def database_url(value: str) -> str:
    """Turn a --db value (a file path or an SQLAlchemy URL) into an SQLAlchemy URL."""
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())
