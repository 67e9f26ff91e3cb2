"""What a use case raises that a reviewer can act on, and how a long one is cancelled; no SQLAlchemy, no MuPDF.

The command line prints such an error as one ``error:`` line, the window shows it in its message bar. Anything else
a use case raises is a bug: the window logs it with its traceback. Importing this module loads no database driver.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from annotator.domain.catalogue import CatalogueError
from annotator.interchange.w3c import InterchangeError
from annotator.pdf.errors import DamagedPdfError, EmptyPdfError, NotAPdfError, PasswordRequiredError, PdfOpenError
from annotator.store.errors import (
    ConflictError,
    ConnectionLostError,
    CorruptDatabaseError,
    DatabaseLockedError,
    DuplicateError,
    NewerSchemaError,
    NotFoundError,
    OlderSchemaError,
    PermissionDeniedError,
    StoreError,
)

__all__ = [
    "CatalogueError",
    "Cancelled",
    "ConflictError",
    "ConnectionLostError",
    "CorruptDatabaseError",
    "DamagedPdfError",
    "DatabaseLockedError",
    "DuplicateError",
    "EmptyPdfError",
    "InterchangeError",
    "NewerSchemaError",
    "NotAPdfError",
    "NotFoundError",
    "OlderSchemaError",
    "PasswordRequiredError",
    "PermissionDeniedError",
    "PdfOpenError",
    "Progress",
    "StoreError",
    "is_user_error",
]

# progress(done, total): called by a long use case as it goes; it raises Cancelled when the reviewer cancelled.
Progress = Callable[[int, int], None]


class Cancelled(Exception):
    """The reviewer cancelled a long use case; raised by its progress callback, before anything is stored."""


# Errors of modules that load SQLAlchemy or python-docx: only an error of a loaded module can have been raised.
_LAZY_USER_ERRORS = (
    ("annotator.services.letter", "LetterError"),
    ("annotator.letter.render_docx", "TemplateError"),
    ("annotator.letter.phrases", "PhraseError"),
)


def user_error_types() -> tuple[type[BaseException], ...]:
    """The exception types that are the input's or the environment's fault (a disk full, a file gone: OSError)."""
    types: list[type[BaseException]] = [StoreError, PdfOpenError, InterchangeError, CatalogueError, OSError]
    for module_name, name in _LAZY_USER_ERRORS:
        module = sys.modules.get(module_name)
        if module is not None:
            types.append(getattr(module, name))
    return tuple(types)


def is_user_error(error: BaseException) -> bool:
    """True for an error a reviewer can understand and act on; False for a bug (or a cancellation)."""
    return isinstance(error, user_error_types()) and not isinstance(error, Cancelled)
