"""Entry point of a PDF process: ``python -m annotator.pdf._child FD`` serves requests on the socket FD."""

import sys
from multiprocessing.connection import Connection

from annotator.pdf.service import serve


def limit_memory() -> None:
    """A ceiling on this process's memory, so that a file that makes MuPDF allocate without end fails here, as
    a MemoryError, instead of taking the computer's memory (ANNOTATOR_PDF_MEMORY_MB, default 2048; 0: none)."""
    import os

    try:
        import resource
    except ImportError:  # Windows: no rlimits (the per-request time limit still holds)
        return
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


if __name__ == "__main__":
    limit_memory()
    serve(Connection(int(sys.argv[1])))
