"""Opening a database that has the newest schema does not load Alembic: the revisions come from the migrations'
files, read as Alembic reads them; Alembic loads only to migrate."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from annotator.store.database import Database
from annotator.store.schema import known_revisions, script_directory
from store_support import child_env


def test_the_revisions_read_from_the_files_are_alembics() -> None:
    scripts = script_directory()
    known, head = known_revisions()
    assert known == {script.revision for script in scripts.walk_revisions()}
    assert head == scripts.get_current_head()


def test_opening_a_current_database_leaves_alembic_unloaded_and_a_new_one_loads_it(tmp_path: Path) -> None:
    path = tmp_path / "review.sqlite"
    Database.open(f"sqlite:///{path}").close()  # created and migrated to the newest schema
    probe = (
        "import sys; from annotator.store.database import Database; "
        f"Database.open({f'sqlite:///{path}'!r}).close(); "
        "print('alembic' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=child_env(),
                            check=True, timeout=60)
    assert result.stdout.strip() == "False"
    fresh = probe.replace(str(path), str(tmp_path / "new.sqlite"))
    result = subprocess.run([sys.executable, "-c", fresh], capture_output=True, text=True, env=child_env(),
                            check=True, timeout=60)
    assert result.stdout.strip() == "True"
