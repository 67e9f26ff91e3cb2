"""Another reviewer's program on the same SQLite file, run in a child process by test_shared_file.py.

    review_child.py URL ID GO_FILE COMMENT
        read annotation ID, wait until GO_FILE appears, then save COMMENT as its new comment through a review
        step (the same path the window takes) and print what the step met: "merged", "asked" or "plain"
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from annotator.services.commands import EditAnnotations
from annotator.services.review import Review
from annotator.store.database import Database
from annotator.store.repository import Repository


def main(url: str, id: str, go_file: str, comment: str) -> None:
    from test_shared_file import DOCUMENT

    database = Database.open(url)
    review = Review(Repository(database), DOCUMENT, "Bert")
    before = review.annotations[id]
    print("ready", flush=True)
    while not Path(go_file).exists():
        time.sleep(0.005)
    changes = review.execute(EditAnnotations([before], [before.changed(comment=comment)]))
    print("merged" if changes.merged else "asked" if changes.questions else "plain", flush=True)
    database.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
