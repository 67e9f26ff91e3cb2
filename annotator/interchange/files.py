"""Reading an annotation file from disk, with errors that name the file and what is wrong with it."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from annotator.interchange.w3c import HugeNumber, InterchangeError

__all__ = ["MAX_FILE_BYTES", "read_json_file"]

# Ten thousand annotations take about 8 MB; this bound keeps a wrong file from filling the memory.
MAX_FILE_BYTES = 512 << 20


def read_json_file(path: Path) -> object:
    """The JSON in ``path`` (UTF-8, with or without a byte order mark); InterchangeError names the file and the
    problem when it is missing, unreadable or not JSON."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISREG(mode) and os.stat(path).st_size > MAX_FILE_BYTES:
            raise InterchangeError(f"{path} is {os.stat(path).st_size / (1 << 20):,.0f} MB; an annotation file may be "
                                   f"at most {MAX_FILE_BYTES >> 20} MB")
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            raise InterchangeError(f"{path} is a named pipe or a device, not an annotation file")
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InterchangeError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InterchangeError(f"{path} is a folder, not an annotation file") from None
    except UnicodeDecodeError as error:
        raise InterchangeError(f"{path} is not UTF-8 text (byte {error.start}), so it is no JSON-LD file") from None
    except OSError as error:
        raise InterchangeError(f"{path} cannot be read: {error.strerror or error}") from None
    try:
        return json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise InterchangeError(
            f"{path} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise InterchangeError(
            f"{path} nests lists and objects too deeply to be read (an annotation file nests fewer than 10 levels)"
        ) from None


def _integer(literal: str) -> int | HugeNumber:
    """An integer literal; one longer than any number of an annotation file (Python refuses more than 4,300 digits)
    is kept as a HugeNumber, which the reader refuses naming the item that holds it."""
    digits = len(literal.lstrip("-"))
    return HugeNumber(digits) if digits > 30 else int(literal)
