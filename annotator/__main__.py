"""Entry point for ``python -m annotator`` and of the frozen app.

``--pdf-child`` (hidden) runs a PDF process, before anything of the window or the command line is imported: the
frozen app starts its PDF processes as ``annotator --pdf-child``, since its ``sys.executable`` is the app itself.
"""

import sys


def _run() -> int:
    if sys.argv[1:2] == ["--pdf-child"]:
        from annotator.pdf._child import main as pdf_child

        return pdf_child()
    from annotator.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(_run())
