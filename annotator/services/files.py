"""Writing an exported file whole or not at all, through a link or to a device the way ``cp`` does.

A regular file (or a new one) is written to a temporary file beside it, synced, then moved into its place, so a
reader sees the old file or the new one, never half of it; the temporary file is removed on any failure (a full
disk stays as full as it was). A symbolic link is written through: the file it points to is replaced, the link
stays. A device or a named pipe (``/dev/null``, ``/dev/stdout``, a pipe another program reads) is written straight
to, never replaced by a regular file, and so is a file with other names (hard links), so that all of them show
the new content. Every failure is a WriteError that names the file.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["WriteError", "write_file"]

_CHUNK = 1 << 20


class WriteError(OSError):
    """A file could not be written (``filename``, ``strerror`` say which and why); nothing half-written is left."""

    def __str__(self) -> str:
        return f"{self.filename} could not be written: {self.strerror}"


def _failed(target: Path, error: OSError) -> WriteError:
    if isinstance(error, WriteError):
        return error
    return WriteError(error.errno or errno.EIO, error.strerror or str(error), str(target))


def write_file(target: Path, write: Callable[[Path], None]) -> Path:
    """Have ``write(path)`` write a whole new file at ``path``, and put it at ``target``; returns ``target``.

    ``write`` may raise OSError (its message is kept, with the target's name); anything else it raises passes
    through unchanged, after the temporary file is removed."""
    target = Path(target).expanduser()
    try:
        info: os.stat_result | None = os.stat(target)  # through a link, to what it points to
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise _failed(target, error) from error
    mode = info.st_mode if info is not None else None
    if mode is not None and stat.S_ISDIR(mode):
        raise WriteError(errno.EISDIR, "it is a folder; choose a file name", str(target))
    if info is not None and (not stat.S_ISREG(info.st_mode) or info.st_nlink > 1):
        # A device or a pipe is written to; a file with other names (hard links) is written into, as cp does,
        # so that every name sees the new content (moving a new file into place would part it from the others).
        _write_through(target, write)
        return target
    # The file a link points to (created when the link dangles, as cp does); the link itself is left alone.
    real = Path(os.path.realpath(target))
    temporary = real.with_name(f".{real.name}.{secrets.token_hex(4)}.part")
    try:
        # Created with the mode a new file gets (0666 less the umask), or the mode of the file it replaces.
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        try:
            if mode is not None:
                os.chmod(temporary, stat.S_IMODE(mode))
            write(temporary)
            descriptor = os.open(temporary, os.O_RDWR)  # writable: Windows syncs only what may be written
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
            os.replace(temporary, real)
        finally:
            _remove(temporary)
    except OSError as error:
        raise _failed(target, error) from error
    return target


def _write_through(target: Path, write: Callable[[Path], None]) -> None:
    """Write to a temporary file in the system's temporary folder, then copy it into the device, pipe or file
    (the target is only opened once the whole new content exists)."""
    descriptor, name = tempfile.mkstemp(prefix="annotator-export-", suffix=".part")
    os.close(descriptor)
    temporary = Path(name)
    try:
        write(temporary)
        with open(temporary, "rb") as source, open(target, "wb") as sink:
            shutil.copyfileobj(source, sink, _CHUNK)
    except OSError as error:
        raise _failed(target, error) from error
    finally:
        _remove(temporary)


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass
