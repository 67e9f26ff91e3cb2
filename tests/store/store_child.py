"""A second program on the same database, run by the store tests in a child process.

    store_child.py URL add-forever AUTHOR DOCUMENT
        add annotations one by one, printing each id once it is committed (the parent kills us with SIGKILL)
    store_child.py URL race AUTHOR OTHER COUNT SHARED_ID GO_FILE
        after GO_FILE appears: COUNT times add an annotation and append a token to the comment of SHARED_ID
        (retrying on ConflictError), then wait until OTHER's COUNT annotations are visible and print "saw N"
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from annotator.domain.model import Anchor, Annotation, Rect, new_id
from annotator.store.database import Database
from annotator.store.repository import ConflictError, Repository


def _annotation(document: str, author: str, index: int) -> Annotation:
    top = 50.0 + (index % 60) * 12.0
    return Annotation(
        id=new_id(),
        document=document,
        author=author,
        anchor=Anchor(page=index % 50, quads=(Rect(72.0, top, 300.0, top + 11.5),), exact=f"passage {index}"),
        comment=f"{author} {index}",
    )


def _document_of(repository: Repository, shared_id: str) -> str:
    shared = repository.get(shared_id)
    if shared is None:
        raise SystemExit(f"the shared annotation {shared_id} is missing")
    return shared.document


def add_forever(repository: Repository, author: str, document: str) -> None:
    """Add until killed; an id is printed only after its commit returned."""
    index = 0
    while True:
        added = repository.add(_annotation(document, author, index))
        print(added.id, flush=True)
        index += 1


def race(repository: Repository, author: str, other: str, count: int, shared_id: str, go_file: Path) -> None:
    """Write interleaved with the other process, then check that its rows are visible here."""
    document = _document_of(repository, shared_id)
    print("ready", flush=True)
    deadline = time.monotonic() + 30
    while not go_file.exists():
        if time.monotonic() > deadline:
            raise SystemExit("the parent never said go")
        time.sleep(0.01)
    conflicts = 0
    for index in range(count):
        repository.add(_annotation(document, author, index))
        while True:
            shared = repository.get(shared_id)
            if shared is None:
                raise SystemExit(f"the shared annotation {shared_id} disappeared")
            try:
                repository.save(shared.changed(comment=f"{shared.comment}{author}-{index};"))
                break
            except ConflictError:
                conflicts += 1
    deadline = time.monotonic() + 60
    seen = 0
    while time.monotonic() < deadline:
        seen = sum(1 for a in repository.annotations(document) if a.author == other)
        if seen >= count:
            break
        time.sleep(0.05)
    print(f"saw {seen} conflicts {conflicts}", flush=True)


def main() -> None:
    url, mode, author = sys.argv[1], sys.argv[2], sys.argv[3]
    database = Database.open(url)
    repository = Repository(database)
    try:
        if mode == "add-forever":
            add_forever(repository, author, sys.argv[4])
        elif mode == "race":
            other, count, shared_id, go_file = sys.argv[4], int(sys.argv[5]), sys.argv[6], Path(sys.argv[7])
            race(repository, author, other, count, shared_id, go_file)
        else:
            raise SystemExit(f"unknown mode {mode!r}")
    finally:
        database.close()


if __name__ == "__main__":
    main()
