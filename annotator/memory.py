"""How the C allocator of a process keeps memory: large blocks go back to the system as soon as they are freed."""

from __future__ import annotations

import os
import sys

MMAP_THRESHOLD = 256 * 1024  # bytes: a rendered page is several megabytes, a Python object a few dozen bytes
_M_MMAP_THRESHOLD = -3  # mallopt's parameter, glibc's malloc.h


def return_large_blocks() -> None:
    """Have glibc's malloc give every block of MMAP_THRESHOLD bytes or more pages of its own, handed back to the
    system when the block is freed: rendered pages, their pickles on the pipe, MuPDF's pixmaps. By default glibc
    raises that threshold after the first such block is freed, and carves the next ones from its heaps, which keep
    the memory after they are freed (some 10 MB a process, 3 s after the first page). Call it early, before the
    process starts threads. Elsewhere than on Linux with glibc it does nothing."""
    if not sys.platform.startswith("linux"):
        return
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            return
    except (ValueError, OSError):  # another C library (musl)
        return
    import ctypes

    try:
        ctypes.CDLL(None).mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    except (OSError, AttributeError):
        pass
