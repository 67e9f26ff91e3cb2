"""The command line as a user runs it: exit codes, one-line errors, JSON, and the window screenshot."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from corpus import corpus_file


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True, text=True,
                          timeout=timeout, env=env)


def test_info_json_describes_the_agreement(agreement_2021: Path) -> None:
    result = run("info", str(agreement_2021), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["pages"] == 50
    assert data["fingerprint"] == hashlib.sha256(agreement_2021.read_bytes()).hexdigest()
    assert data["encrypted"] is False and data["repaired"] is False
    assert data["page_labels"][3] == "1" and data["page_labels"][:3] == ["", "", ""]
    assert data["pages_without_text"] == []


def test_info_in_words(agreement_2021: Path) -> None:
    result = run("info", str(agreement_2021))
    assert result.returncode == 0
    assert "pages:        50" in result.stdout
    assert "first printed number on PDF page 4" in result.stdout


@pytest.mark.parametrize("name", ["notpdf-jpeg-image.pdf", "qpdf-empty.pdf", "pypdf-libreoffice-writer-password.pdf"])
def test_info_on_bad_files_says_one_line_and_exits_1(name: str) -> None:
    result = run("info", str(corpus_file(name)))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and name in lines[0]
    assert "Traceback" not in result.stderr


def test_info_with_the_password() -> None:
    result = run("info", str(corpus_file("pypdf-libreoffice-writer-password.pdf")), "--password", "openpassword",
                 "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["encrypted"] is True


def test_info_marks_scanned_pages(scanned_pdf: Path) -> None:
    result = run("info", str(scanned_pdf), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["pages_without_text"] == [1, 2, 3]


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("info").returncode == 2
    assert run("--no-such-option").returncode == 2


def test_a_missing_file_is_a_user_error(tmp_path: Path) -> None:
    result = run(str(tmp_path / "weg.pdf"))
    assert result.returncode == 1 and result.stderr.startswith("error: ")


def test_screenshot_of_the_window_with_the_agreement(agreement_2021: Path, tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    result = run(str(agreement_2021), "--screenshot", str(out), "--lang", "nl", "--db", str(tmp_path / "r.sqlite"))
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    # The first window takes most of the offscreen platform's 800x800 screen, and fits it.
    assert 640 <= image.width() <= 800 and 600 <= image.height() <= 800
    dark = sum(image.pixelColor(x, y).lightness() < 90 for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7))
    assert dark > 200  # page text and interface labels were painted


def test_screenshot_of_a_bad_file_fails_cleanly(tmp_path: Path) -> None:
    result = run(str(corpus_file("qpdf-empty.pdf")), "--screenshot", str(tmp_path / "x.png"),
                 "--db", str(tmp_path / "r.sqlite"))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("error: ")


def _sharp_edges(image: object, left: int, top: int, width: int, height: int) -> int:
    """How often neighbouring pixels jump from light to dark inside a region (many for crisp text)."""
    pixel = image.pixelColor  # type: ignore[attr-defined]
    return sum(abs(pixel(x, y).lightness() - pixel(x + 1, y).lightness()) > 120
               for y in range(top, top + height, 2) for x in range(left, left + width))


def test_pages_are_rendered_for_the_screen_density(agreement_2021: Path, tmp_path: Path) -> None:
    """On a 2x screen the pages are rendered at twice the resolution, not scaled up from a 1x rendering."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    shots = {}
    # A screen large enough for the window's first size at either scale (it takes at most 90 % of the screen).
    screen = tmp_path / "screen.json"
    screen.write_text('{"screens": [{"name": "big", "x": 0, "y": 0, "width": 3000, "height": 2200, '
                      '"logicalDpi": 96, "logicalBpi": 96, "dpr": 1}]}', encoding="utf-8")
    for factor in ("1", "2"):
        out = tmp_path / f"shot-{factor}.png"
        env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}", QT_SCALE_FACTOR=factor)
        result = subprocess.run([sys.executable, "-m", "annotator", str(agreement_2021), "--screenshot", str(out),
                                 "--db", str(tmp_path / "r.sqlite")], capture_output=True, text=True, timeout=120,
                                env=env)
        assert result.returncode == 0, result.stderr
        shots[factor] = QImage(str(out))
    crisp = shots["2"]
    assert crisp.width() == 2 * shots["1"].width() and crisp.height() == 2 * shots["1"].height()
    upscaled = shots["1"].scaled(crisp.size(), Qt.AspectRatioMode.IgnoreAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
    region = (crisp.width() // 3, crisp.height() // 3, crisp.width() // 4, crisp.height() // 4)
    assert _sharp_edges(crisp, *region) > 1.5 * _sharp_edges(upscaled, *region)
