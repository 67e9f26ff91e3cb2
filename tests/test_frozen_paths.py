"""In the frozen app (PyInstaller sets sys.frozen and sys._MEIPASS) the catalogue, letter phrases, sample agreement
and migrations are found in the folder the build put them in."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_resources_and_migrations_are_found_beside_the_frozen_app(tmp_path: Path) -> None:
    bundle = tmp_path / "_internal"
    (bundle / "annotator" / "_resources" / "sample").mkdir(parents=True)
    (bundle / "annotator" / "_db").mkdir(parents=True)
    script = (f"import sys, json; sys.frozen = True; sys._MEIPASS = {str(bundle)!r}\n"
              "from annotator import paths\n"
              "print(json.dumps([str(paths.resources_dir()), str(paths.migrations_dir()), "
              "str(paths.sample_agreement())]))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path,
                          env=dict(os.environ, PYTHONPATH=str(REPO)), timeout=60, check=True)
    resources, migrations, sample = map(Path, json.loads(done.stdout))
    assert resources == bundle / "annotator" / "_resources"
    assert migrations == bundle / "annotator" / "_db"
    assert sample == bundle / "annotator" / "_resources" / "sample" / "regeerakkoord-voorbeeld.pdf"


def test_a_checkout_finds_its_own_folders() -> None:
    from annotator import paths

    assert (paths.resources_dir() / "treaties.json").is_file()
    assert (paths.migrations_dir() / "env.py").is_file()
