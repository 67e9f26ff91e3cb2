"""Entry point of a PDF process: ``python -m annotator --pdf-child`` (``annotator --pdf-child`` in the frozen app)
serves requests read from its standard input and writes the replies to its standard output."""

from __future__ import annotations

import os
import sys


def limit_memory() -> None:
    """A ceiling on this process's memory, so that a file that makes MuPDF allocate without end fails here, as
    a MemoryError, instead of taking the computer's memory (ANNOTATOR_PDF_MEMORY_MB, default 2048; 0: none)."""
    if sys.platform == "win32":  # no rlimits (the per-request time limits still hold)
        return
    import resource

    megabytes = int(os.environ.get("ANNOTATOR_PDF_MEMORY_MB", "2048") or 0)
    if megabytes <= 0:
        return
    ceiling = megabytes * 1024 * 1024
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            ceiling = min(ceiling, hard)
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    except (ValueError, OSError, AttributeError):  # macOS does not enforce RLIMIT_AS; nothing to do there
        pass


def _take_pipes() -> tuple[int, int]:
    """The pipes to the parent, under numbers of their own; standard input then reads nothing and standard output
    goes to standard error, so that a library that prints cannot garble a reply."""
    requests, replies = os.dup(0), os.dup(1)
    if sys.platform == "win32":
        import msvcrt

        for fd in (requests, replies):
            msvcrt.setmode(fd, os.O_BINARY)  # no newline translation in the pickles
    nothing = os.open(os.devnull, os.O_RDWR)
    try:
        os.dup2(nothing, 0)
        try:
            os.dup2(2, 1)
        except OSError:  # no standard error (a windowed app on Windows): what is printed goes nowhere
            os.dup2(nothing, 1)
    finally:
        os.close(nothing)
    return requests, replies


def main() -> int:
    """Serve one parent until it closes the requests' pipe."""
    from annotator.memory import return_large_blocks

    return_large_blocks()
    limit_memory()
    requests, replies = _take_pipes()
    from annotator.pdf.service import Frames, serve

    serve(Frames(requests, replies))
    return 0


if __name__ == "__main__":
    sys.exit(main())
