"""Entry point of a PDF process: ``python -m annotator.pdf._child FD`` serves requests on the socket FD."""

import sys
from multiprocessing.connection import Connection

from annotator.pdf.service import serve

if __name__ == "__main__":
    serve(Connection(int(sys.argv[1])))
